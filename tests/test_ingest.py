"""Ingestion of TXT / PDF / DOCX files, on the seed document and on SYNTHETIC fixture files
built at test time by ``fixtures_make`` (their wording is 合成测试 test text)."""

from __future__ import annotations

import hashlib
import os
import random
import zipfile
from pathlib import Path

import fixtures_make as fm
import pytest

from assistant.reading.clean import HARD_BREAK
from assistant.reading.files import IngestError, ingest_dir, read_document, split_text_tables

SEED = Path(__file__).resolve().parent.parent / "corpus" / "liaocheng_construction_carbon_peak_plan_2023.txt"


@pytest.fixture(scope="module")
def seed():
    return read_document(SEED)


def lines_of(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln.strip()]


# ---------------------------------------------------------------- seed TXT


def test_seed_page_break_sentences_rejoined(seed):
    lines = lines_of(seed.text)
    for piece in ("绿色低碳城乡等建设，确保城乡建设领域如期实现碳达峰",
                  "到2025年全面完成2000年前建成的老旧小区改造任务",
                  "加快以县城为重要载体的城镇化建设",
                  "关于印发《聊城市城乡建设领域碳达峰实施方案》的通知"):
        assert sum(piece in ln for ln in lines) == 1, piece


def test_seed_header_lines_stay_alone(seed):
    lines = lines_of(seed.text)
    for ln in ("聊城市住房和城乡建设局", "聊城市财政局", "聊建字〔2023〕31号", "2023年6月27日",
               "(此件主动公开)", "聊城市城乡建设领域碳达峰实施方案", "一、总体要求", "（一）指导思想",
               "附件：聊城市城乡建设领域碳达峰实施方案重点任务及责任分工表",
               "聊城市城乡建设领域碳达峰实施方案重点任务及责任分工表"):
        assert ln in lines, ln


def test_seed_clauses_normalised_and_one_line_each(seed):
    lines = lines_of(seed.text)
    starts = [ln for ln in lines if ln.startswith("（") and "）" in ln[:6]]
    assert any(ln.startswith("（四）合理优化城市功能布局。") for ln in lines)
    assert any(ln.startswith("（十六）提升建筑绿色低碳运维水平。") and "耗限额管理" in ln for ln in lines)
    assert not any(ln.startswith("(") and ln[1:2] in "四五十" for ln in lines)
    assert len([s for s in starts if "）" in s[:6]]) >= 22


def test_seed_table_moved_out_of_text(seed):
    assert seed.fmt == "txt"
    assert "\t" not in seed.text
    assert len(seed.tables) == 1
    table = seed.tables[0]
    assert table.source == "text"
    assert table.title == "聊城市城乡建设领域碳达峰实施方案重点任务及责任分工表"
    assert table.rows[0][:6] == ("序号", "重点任务", "主要措施", "工作要求", "牵头单位", "参与单位")
    numbered = [r[0] for r in table.rows[1:] if r[0]]
    assert numbered == [str(n) for n in range(1, 34)]
    continuation = [r for r in table.rows[1:] if not r[0]]
    assert len(continuation) == 3  # rows 13, 20 and 29 run over a page break
    assert any("场集中硬地面积不宜超过2公顷。" in c for r in continuation for c in r)
    # cells are kept as written, empty ones included, so columns stay in place
    row2 = next(r for r in table.rows if r[0] == "2")
    assert row2[1] == "" and row2[2] == "" and row2[3].startswith("加大提升主城区和新建城区道路网密度")
    # row cells are not duplicated into the prose
    assert "按照环境承载力，合理确定城市规模和空间结构" not in seed.text  # row 1 (body words differ)
    assert seed.text.rstrip().endswith("聊城市城乡建设领域碳达峰实施方案重点任务及责任分工表")


def test_seed_sha256(seed):
    assert seed.sha256 == hashlib.sha256(SEED.read_bytes()).hexdigest()


def test_text_table_block_rules():
    text = ("合成测试分工表\n序号\t重点任务\t牵头单位\n1\t任务甲\t单位甲\n\n— 2 —\n\n"
            "序号\t重点任务\t牵头单位\n\t任务甲续\t\n2\t任务乙\t单位乙\t多出一格\n正文继续。\n孤立\t制表符")
    body, tables = split_text_tables(text)
    assert len(tables) == 1
    assert tables[0].rows == (("序号", "重点任务", "牵头单位"), ("1", "任务甲", "单位甲"),
                              ("", "任务甲续", ""), ("2", "任务乙", "单位乙", "多出一格"))
    assert tables[0].title == "合成测试分工表"
    assert HARD_BREAK in body and "正文继续。" in body and "任务乙" not in body


def test_indented_prose_after_table_is_not_a_row():
    text = "序号\t重点任务\t牵头单位\n1\t任务甲\t单位甲\n\n\t（此件主动公开）合成测试。\n"
    body, tables = split_text_tables(text)
    assert tables[0].rows == (("序号", "重点任务", "牵头单位"), ("1", "任务甲", "单位甲"))
    assert "合成测试。" in body


# ---------------------------------------------------------------- encodings


def test_gb18030_round_trip(tmp_path, seed):
    p = tmp_path / "gb.txt"
    p.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    doc = read_document(p)
    assert doc.text == seed.text and doc.tables == seed.tables
    assert doc.sha256 == hashlib.sha256(p.read_bytes()).hexdigest() != seed.sha256


def test_utf8_bom_and_crlf(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + "合成测试标题\r\n\r\n合成测试正文。\r\n".encode())
    assert lines_of(read_document(p).text) == ["合成测试标题", "合成测试正文。"]


def test_utf8_with_truncated_last_character_is_not_misread_as_gb18030(tmp_path):
    p = tmp_path / "cut.txt"
    p.write_bytes(("合成测试正文。" * 50).encode() + "城".encode()[:2])
    assert read_document(p).text.startswith("合成测试正文。")


# ---------------------------------------------------------------- bad files


def _err(path: Path) -> IngestError:
    with pytest.raises(IngestError) as info:
        read_document(path)
    msg = str(info.value)
    assert msg.startswith(f"{path.name}: ") and "\n" not in msg
    return info.value


def test_empty_and_whitespace(tmp_path):
    for name, data in (("empty.txt", b""), ("blank.txt", b" \n\t\r\n"), ("blank2.txt", "　\n".encode()),
                       ("empty.pdf", b""), ("empty.docx", b"")):
        p = tmp_path / name
        p.write_bytes(data)
        assert "empty document" in _err(p).reason, name


def test_binary_garbage_txt(tmp_path):
    rnd = random.Random(7)
    p = tmp_path / "garbage.txt"
    p.write_bytes(bytes(rnd.randrange(256) for _ in range(4000)))
    assert "not a text document" in _err(p).reason
    p2 = tmp_path / "controls.txt"
    p2.write_bytes(bytes(rnd.choice([1, 2, 3, 27, 65, 66]) for _ in range(2000)))
    assert "not a text document" in _err(p2).reason


def test_unsupported_extension(tmp_path):
    for name in ("notes.xyz", "old.doc", "README"):
        p = tmp_path / name
        p.write_text("合成测试")
        reason = _err(p).reason
        assert reason.startswith("unsupported file type") and "(use .txt, .pdf or .docx)" in reason
    assert ".xyz" in _err(tmp_path / "notes.xyz").reason


def test_corrupt_pdf(tmp_path):
    for name, data in (("junk.pdf", os.urandom(3000)), ("cut.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")):
        p = tmp_path / name
        p.write_bytes(data)
        assert _err(p).reason == "not a valid PDF", name


def test_encrypted_pdf(tmp_path):
    p = fm.make_encrypted_pdf(tmp_path / "locked.pdf")
    assert _err(p).reason == "encrypted PDF"




def test_pdf_with_only_page_numbers_has_no_text_layer(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(100, 285, "- 1 -")
    p = tmp_path / "numbers_only.pdf"
    pdf.output(str(p))
    assert _err(p).reason.startswith("no text layer")


def test_corrupt_docx(tmp_path):
    p = tmp_path / "junk.docx"
    p.write_bytes(os.urandom(2000))
    assert "not a valid DOCX" in _err(p).reason
    z = tmp_path / "zip.docx"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("hello.txt", "not a word document")
    assert "not a valid DOCX" in _err(z).reason


def test_ingest_dir_collects_errors_and_keeps_going(tmp_path):
    (tmp_path / "b_good.TXT").write_text("合成测试标题\n\n合成测试正文。", encoding="utf-8")
    (tmp_path / "a_bad.txt").write_bytes(b"")
    (tmp_path / "c_other.md").write_text("ignored")
    (tmp_path / "~$lock.docx").write_bytes(b"\x00")
    docs, errors = ingest_dir(tmp_path)
    assert [Path(d.path).name for d in docs] == ["b_good.TXT"]
    assert [str(e) for e in errors] == ["a_bad.txt: empty document"]


def test_ingest_dir_sorted_by_name(tmp_path):
    for name in ("z.txt", "a.txt", "m.txt"):
        (tmp_path / name).write_text(f"合成测试{name}。", encoding="utf-8")
    docs, errors = ingest_dir(tmp_path, patterns=("*.txt",))
    assert [Path(d.path).name for d in docs] == ["a.txt", "m.txt", "z.txt"] and not errors


def test_ingest_dir_missing(tmp_path):
    with pytest.raises(IngestError):
        ingest_dir(tmp_path / "nope")


# ---------------------------------------------------------------- real PDF fixture

FONT = fm.find_cjk_font()
needs_font = pytest.mark.skipif(FONT is None, reason="no TrueType CJK font for fpdf2 "
                                "(apt-get install -y fonts-wqy-microhei)")


@pytest.fixture(scope="module")
def pdf_doc(tmp_path_factory):
    assert FONT is not None
    fx = fm.make_pdf(tmp_path_factory.mktemp("pdf") / "合成测试.PDF", FONT)
    return fx, read_document(fx.path)


@needs_font
def test_pdf_text_cleaned(pdf_doc):
    _, doc = pdf_doc
    lines = lines_of(doc.text)
    assert doc.fmt == "pdf"
    assert fm.BROKEN_HEAD + fm.BROKEN_TAIL in lines  # sentence cut by the page break is whole again
    assert "关于印发《合成测试城市建设领域实施方案》的通知" in lines
    assert "（三）主要目标" in lines and "一、总体要求" in lines
    assert not any("—" in ln for ln in lines)  # page numbers gone
    assert lines.count(fm.RUNNING_HEADER) <= 1  # running header only where page 1 has it
    for token in ("85% 以上", "8公里/平方公里", "2 公顷", "13.64 万户", "(BIM)", "到 2030 年"):
        assert token in doc.text, token


@needs_font
def test_pdf_table_cells_and_no_duplicate_text(pdf_doc):
    fx, doc = pdf_doc
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.source == "pdf" and table.title == fm.TABLE_TITLE
    assert table.rows == fx.rows
    # the row cut by the page break is kept as a continuation row with an empty 序号
    assert table.rows[4][0] == "" and table.rows[4][2] == fm.REQ3_B
    # title kept in the text, cells not
    assert fm.TABLE_TITLE in lines_of(doc.text)
    for cell in ("合理确定城市规模和空间结构", "累计完成改造13.64万户", "装配式建筑占比", "序号"):
        assert cell not in doc.text, cell
    assert "本表内容均为合成测试数据。" in lines_of(doc.text)


# ---------------------------------------------------------------- real DOCX fixture


@pytest.fixture(scope="module")
def docx_doc(tmp_path_factory):
    p = fm.make_docx(tmp_path_factory.mktemp("docx") / "合成测试.DOCX")
    return read_document(p)


def test_docx_body_order_and_merges(docx_doc):
    doc = docx_doc
    assert doc.fmt == "docx"
    lines = lines_of(doc.text)
    assert lines[:2] == ["合成测试市住房和城乡建设局", "关于印发《合成测试城市建设领域实施方案》的通知"]
    # layout table (no task header) stays as text, in place
    assert lines.index("合成测试〔2023〕1号") < lines.index("一、总体要求")
    assert "（一）推进合成测试。到 2025 年，新增绿地 2 公顷，清洁能源供暖比例达到 85% 以上。" in lines
    assert lines[-2:] == ["合成测试分工表", "本表内容均为合成测试数据。"]
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert t.source == "docx" and t.title == "合成测试分工表"
    assert t.rows[0] == ("序号", "重点任务", "主要措施", "牵头单位", "参与单位")
    assert t.rows[1][1] == t.rows[2][1] == fm.DOCX_MERGED  # vertical merge filled down
    assert t.rows[3] == ("3", "推广合成测试建造方式", "措施丙跨两列。", "市发展和改革委员会")  # gridSpan once
    assert "措施甲" not in doc.text
