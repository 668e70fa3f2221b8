"""OCR of scanned PDFs (assistant.reading).

The layout and normalisation rules are pure and tested on hand-made boxes.  The
integration tests OCR a SYNTHETIC 公文 (合成测试 text, not policy text): made with fpdf2,
rasterised at 200 dpi into an image-only PDF with a blank page, then read back with
RapidOCR; they are skipped when rapidocr or a CJK font is missing.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.reading.layout import Grid, OcrBox, RawLine, RawPage, layout_page, normalise, split_line
from tests.fixtures_make import _wrap, find_cjk_font, rasterise_pdf

# ---------------------------------------------------------------- normalisation


@pytest.mark.parametrize(("seen", "fixed"), [
    ("聊建字【2023】31号", "聊建字〔2023〕31号"),
    ("聊建字〈2023〉31号", "聊建字〔2023〕31号"),
    ("按照聊政发(2022) 5号文件要求", "按照聊政发〔2022〕5号文件要求"),
    ("聊建字［2023]第31号", "聊建字〔2023〕第31号"),
    ("【三】加强组织领导。", "（三）加强组织领导。"),
    ("〈一〉指导思想", "（一）指导思想"),
    ("(二)推进机制", "（二）推进机制"),
    ("（四)合理布局", "（四）合理布局"),
    ("(-)总体目标", "（一）总体目标"),
    ("-、工作目标", "一、工作目标"),
    ("一 3 一", "— 3 —"),
    ("-12-", "— 12 —"),
])
def test_normalise_fixes_ocr_confusions(seen: str, fixed: str) -> None:
    assert normalise(seen) == fixed


@pytest.mark.parametrize("text", [
    "【说明】本段保留方括号原样。",  # real 【】: no year, no 号
    "【2023年工作要点】",  # a year in 【】 but no serial number
    "建设（2023年）示范项目3个",  # a year in （）followed by text, not by a number and 号
    "推广建筑信息模型(BIM)技术，到2025年（含）完成",
    "一、总体要求",
    "2023-2025年",
])
def test_normalise_leaves_real_brackets_alone(text: str) -> None:
    assert normalise(text) == text


# ---------------------------------------------------------------- layout on hand-made boxes


def _line(text: str, x0: float, top: float, x1: float, h: float = 12.0) -> RawLine:
    return RawLine(text, 0.99, x0, top, x1, top + h)


def test_wrapped_paragraph_lines_stay_one_string_each() -> None:
    page = RawPage(595, 842, (
        _line("（一）总体目标。到2025年，合成测试项目完成率达到", 90, 100, 500),
        _line("85%以上。", 72, 118, 130),
    ))
    assert layout_page(1, page).text == "（一）总体目标。到2025年，合成测试项目完成率达到\n85%以上。"


def test_close_boxes_on_a_line_are_joined_far_ones_get_a_tab() -> None:
    page = RawPage(595, 842, (
        _line("合成测试", 72, 100, 120), _line("2", 124, 100, 130), _line("公顷", 134, 100, 160),
        _line("签发人：测试员", 300, 100, 390),
    ))
    assert layout_page(1, page).text == "合成测试2公顷\t签发人：测试员"


def test_ruled_table_rows_with_wrapped_centred_and_merged_cells() -> None:
    grid = Grid(xs=(70, 100, 300, 420, 520), ys=(100, 120, 160, 180), merged=((2, 2),))
    page = RawPage(595, 842, (
        _line("序号", 75, 104, 95), _line("工作要求", 105, 104, 160),
        _line("牵头单位", 305, 104, 360), _line("参与单位", 425, 104, 480),
        _line("1", 80, 134, 86),  # 序号 centred in a two-line row
        _line("推进合成测试海绵城市建设，到2025", 105, 124, 295), _line("年完成。", 105, 142, 150),
        _line("市住房和城乡建设局", 305, 134, 400),  # merged over rows 1-2, centred
        _line("市财政局", 425, 124, 470), _line("市城市管理局", 425, 142, 490),
        _line("2", 80, 164, 86), _line("建立台账。", 105, 164, 160),
    ), grids=(grid,))
    assert layout_page(1, page).text.split("\n") == [
        "序号\t工作要求\t牵头单位\t参与单位",
        "1\t推进合成测试海绵城市建设，到2025\t市住房和城乡建设局\t市财政局",
        "\t年完成。\t\t市城市管理局",
        "2\t建立台账。\t\t",
    ]


def test_a_box_over_two_cells_is_cut_at_the_ruling_line() -> None:
    chars = tuple((c, 100 + 12 * k, 110 + 12 * k) for k, c in enumerate("任务甲市财政局"))
    line = RawLine("任务甲市财政局", 0.9, 100, 100, 184, 112, chars)
    assert [b.text for b in split_line(line, cuts=(135.0,))] == ["任务甲", "市财政局"]
    assert [b.text for b in split_line(line)] == ["任务甲市财政局"]


def test_unruled_table_keeps_cells_in_their_columns() -> None:
    page = RawPage(595, 842, (
        _line("序号", 72, 100, 96), _line("工作要求", 150, 100, 200), _line("牵头单位", 400, 100, 450),
        _line("1", 80, 120, 86), _line("完成改造任务。", 150, 120, 240), _line("市财政局", 400, 120, 450),
        _line("推进台账建设。", 150, 140, 240),
        _line("本表内容均为合成测试数据，不是真实政策，仅用于检验扫描件识别。", 72, 170, 480),
    ))
    assert layout_page(1, page).text.split("\n") == [
        "序号\t工作要求\t牵头单位", "1\t完成改造任务。\t市财政局", "\t推进台账建设。\t",
        "本表内容均为合成测试数据，不是真实政策，仅用于检验扫描件识别。",
    ]


def test_two_column_running_text_is_read_column_by_column() -> None:
    lines = [_line(f"左栏第{k}行合成测试正文内容", 60, 100 + 18 * k, 280) for k in range(6)]
    lines += [_line(f"右栏第{k}行合成测试正文内容", 320, 100 + 18 * k, 540) for k in range(6)]
    text = layout_page(1, RawPage(595, 842, tuple(lines))).text
    assert text.split("\n") == [f"左栏第{k}行合成测试正文内容" for k in range(6)] + \
        [f"右栏第{k}行合成测试正文内容" for k in range(6)]


# ---------------------------------------------------------------- refusals


def test_missing_rapidocr_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from assistant.reading.ocr import OcrError, ocr_pdf

    monkeypatch.setitem(sys.modules, "rapidocr", None)  # import fails as if not installed
    with pytest.raises(OcrError, match=r"^rapidocr is missing \(pip install rapidocr\)$"):
        ocr_pdf(b"%PDF-1.4")


@pytest.mark.skipif(importlib.util.find_spec("rapidocr") is None, reason="rapidocr missing (pip install rapidocr)")
def test_unreadable_pdfs_are_refused_in_one_line(tmp_path: Path) -> None:
    from assistant.reading.ocr import OcrError, ocr_pdf
    from tests.fixtures_make import make_encrypted_pdf

    with pytest.raises(OcrError, match="^not a valid PDF$"):
        ocr_pdf(b"%PDF-1.4 this is not a PDF")
    with pytest.raises(OcrError, match="^encrypted PDF$"):
        ocr_pdf(make_encrypted_pdf(tmp_path / "locked.pdf").read_bytes())


# ---------------------------------------------------------------- a synthetic scanned 公文

needs_ocr = [
    pytest.mark.integration,
    pytest.mark.skipif(importlib.util.find_spec("rapidocr") is None, reason="rapidocr missing (pip install rapidocr)"),
]

DOC_NO = "合测建字〔2024〕7号"
TABLE = (
    ("序号", "工作要求", "牵头单位", "参与单位"),
    ("1", "完成合成测试老旧小区改造任务。", "市住房和城乡建设局", "市财政局"),
    ("2", "推进合成测试海绵城市建设，到2025年城市建成区可渗透面积比例达到45%。", "市城市管理局",
     "市自然资源和规划局"),
    ("3", "建立合成测试工作台账。", "市发展和改革委员会", ""),
)


@dataclass(frozen=True)
class Gongwen:
    path: Path
    lines: tuple[str, ...]  # every drawn line in reading order
    rows: tuple[tuple[str, ...], ...]  # the table as TAB rows should come back


def make_gongwen(path: Path, font: str) -> Gongwen:
    """Page 1: 红头, 文号, title, 主送, paragraphs, clauses （一）（二）; page 2: a ruled
    task table (序号 of row 2 centred in its two-line row, as Word does)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", "", font)
    drawn: list[tuple[int, float, float, str]] = []
    y = 35.0

    def text(s: str, size: float = 12, x: float = 25.0, line_y: float | None = None) -> None:
        """Draw at (x, y); ``line_y`` is the text line it belongs to when it sits lower."""
        pdf.set_font("cjk", size=size)
        pdf.text(x, y, s)
        drawn.append((pdf.page, round(y if line_y is None else line_y, 1), x, s))

    def line(s: str, size: float = 12, x: float = 25.0, centre: bool = False) -> None:
        nonlocal y
        pdf.set_font("cjk", size=size)
        text(s, size, (210 - pdf.get_string_width(s)) / 2 if centre else x)
        y += size * 0.62

    def para(s: str) -> None:
        for k, ln in enumerate(_wrap("\u3000\u3000" + s, 40)):
            line(ln.lstrip("\u3000"), x=33.5 if k == 0 else 25.0)

    pdf.add_page()
    line("合成测试市住房和城乡建设局文件", 20, centre=True)
    y += 4
    line(DOC_NO, centre=True)
    y += 6
    line("关于印发《合成测试城市更新工作方案》的通知", 15, centre=True)
    y += 3
    line("各县（市、区）住房和城乡建设局：")
    para("现将《合成测试城市更新工作方案》印发给你们，请结合实际认真贯彻落实。本文件为合成测试文本，"
         "不是真实政策，仅用于检验扫描件识别。")
    line("【说明】本段保留方括号原样。")
    line("一、工作目标")
    para("（一）总体目标。到2025年，合成测试城市更新项目完成率达到85%以上，累计完成老旧小区改造13.64万户，"
         "新增城市绿道570公里。")
    para("（二）推进机制。建立合成测试联席会议制度，按照合测办字〔2023〕12号文件要求，定期调度工作进展，"
         "及时协调解决存在的问题。")
    pdf.set_font("cjk", size=12)
    pdf.text(95, 280, "— 1 —")

    pdf.add_page()
    y = 30.0
    line("附件：合成测试任务分工表")
    y += 3
    widths = (15.0, 75.0, 42.0, 38.0)
    rows: list[tuple[str, ...]] = []
    for r, cells in enumerate(TABLE):
        wrapped = [_wrap(c, (w - 3) / 3.9) if c else [] for c, w in zip(cells, widths)]
        n = max(len(w) for w in wrapped)
        height, x, top = n * 6.0 + 3, 25.0, y
        for c, (lines, w) in enumerate(zip(wrapped, widths)):
            pdf.rect(x, top, w, height)
            shift = 3.0 if (r, c) == (2, 0) else 0.0  # 序号 of row 2 centred in its two-line row
            for k, ln in enumerate(lines):
                y = top + 6 + 6.0 * k + shift
                text(ln, 11, x + 1.5, line_y=y - shift)
            x += w
        y = top + height
        rows += [tuple(w[i] if i < len(w) else "" for w in wrapped) for i in range(n)]
    pdf.set_font("cjk", size=12)
    pdf.text(95, 280, "— 2 —")
    pdf.output(str(path))
    return Gongwen(path, tuple(d[3] for d in sorted(drawn)), tuple(rows))


def _cjk(text: str) -> list[str]:
    return re.findall(r"[\u3400-\u9fff\uf900-\ufaff]", text)


def char_accuracy(expected: str, got: str) -> tuple[float, float]:
    """(recall, precision) of the Chinese characters in reading order (difflib matching
    blocks over the CJK characters only, so white space, digits and punctuation aside)."""
    a, b = _cjk(expected), _cjk(got)
    same = sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return same / max(len(a), 1), same / max(len(b), 1)


def assert_table(text: str, want: tuple[tuple[str, ...], ...]) -> None:
    """The text holds one TAB table whose rows are ``want``: same cells empty, cell text
    alike (an OCR slip in a long cell is tolerated), the unit names exact."""
    from assistant.reading.files import split_text_tables

    _, tables = split_text_tables(text)
    assert len(tables) == 1, text
    got = tables[0].rows
    assert len(got) == len(want), got
    for g, w in zip(got, want):
        assert len(g) == len(w) and [bool(c) for c in g] == [bool(c) for c in w], (g, w)
        for gc, wc in zip(g, w):
            assert difflib.SequenceMatcher(None, gc, wc).ratio() >= 0.9, (gc, wc)
        assert g[2:] == w[2:], (g, w)


@pytest.fixture
def count_engine_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Wrap the real engine: one entry per page sent to it."""
    from assistant.reading import ocr

    real = ocr._get_engine
    calls: list[int] = []

    def counting() -> Any:
        engine = real()

        def run(image: Any, **kw: Any) -> Any:
            calls.append(1)
            return engine(image, **kw)

        return run

    monkeypatch.setattr(ocr, "_get_engine", counting)
    return calls


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Gongwen, Path, Path]]:
    """(the document, its scan with a blank page 2, the OCR cache folder)."""
    if importlib.util.find_spec("rapidocr") is None:
        pytest.skip("rapidocr missing (pip install rapidocr)")
    font = find_cjk_font()
    if font is None:
        pytest.skip("no CJK TrueType font (apt-get install fonts-wqy-microhei)")
    d = tmp_path_factory.mktemp("ocr")
    doc = make_gongwen(d / "gongwen.pdf", font)
    yield doc, rasterise_pdf(doc.path, d / "scan.pdf", dpi=200, blank_after=1), d / "cache" / "ocr"


@pytest.fixture(scope="module")
def first_read(scanned: tuple[Gongwen, Path, Path]) -> Any:
    from assistant.reading.ocr import ocr_pdf

    _, scan, cache = scanned
    return ocr_pdf(scan.read_bytes(), cache_dir=cache)


class TestScannedGongwen:
    pytestmark = needs_ocr

    def test_scan_has_no_text_layer(self, scanned: tuple[Gongwen, Path, Path]) -> None:
        import pypdf

        reader = pypdf.PdfReader(scanned[1])
        assert len(reader.pages) == 3 and not any((p.extract_text() or "").strip() for p in reader.pages)

    def test_characters_recovered(self, scanned: tuple[Gongwen, Path, Path], first_read: Any) -> None:
        recall, precision = char_accuracy("\n".join(scanned[0].lines), first_read.text)
        assert recall >= 0.99 and precision >= 0.99, (recall, precision, first_read.text)

    def test_doc_number_and_clause_numbers(self, first_read: Any) -> None:
        lines = first_read.text.split("\n")
        assert DOC_NO in lines
        assert any(ln.startswith("（一）总体目标") for ln in lines)
        assert any(ln.startswith("（二）推进机制") for ln in lines)
        assert "合测办字〔2023〕12号" in first_read.text
        assert "【说明】本段保留方括号原样。" in lines

    def test_blank_page_is_reported_not_fatal(self, first_read: Any) -> None:
        assert [p.number for p in first_read.pages] == [1, 2, 3]
        assert first_read.empty_pages == (2,)
        assert first_read.pages[1].text == "" and first_read.pages[2].text

    def test_boxes_are_in_pdf_points(self, first_read: Any) -> None:
        page = first_read.pages[0]
        assert (page.width, page.height) == pytest.approx((595.28, 841.89), abs=0.5)
        box = next(b for b in page.boxes if b.text == DOC_NO)
        baseline = 51.4 / 25.4 * 72  # drawn at y = 51.4 mm
        assert isinstance(box, OcrBox) and box.top < baseline < box.bottom + 3 and box.bottom - box.top < 20
        assert (box.x0 + box.x1) / 2 == pytest.approx(page.width / 2, abs=10)  # centred line

    def test_table_rows_are_tab_separated_in_their_columns(self, scanned: tuple[Gongwen, Path, Path],
                                                           first_read: Any) -> None:
        assert_table(first_read.text, scanned[0].rows)

    def test_clean_text_applies(self, first_read: Any) -> None:
        from assistant.reading.clean import clean_text
        from assistant.reading.files import split_text_tables

        body, _ = split_text_tables(first_read.text)
        text = clean_text(body, from_pdf=True)
        assert "— 1 —" not in text and "\t" not in text
        assert "累计完成老旧小区改造13.64万户" in text  # the paragraph cut by a line end is whole again

    def test_second_call_reads_the_cache(self, scanned: tuple[Gongwen, Path, Path], first_read: Any,
                                         count_engine_calls: list[int]) -> None:
        from assistant.reading.ocr import ocr_pdf

        again = ocr_pdf(scanned[1].read_bytes(), cache_dir=scanned[2])
        assert count_engine_calls == [] and again.from_cache and not first_read.from_cache
        assert again.text == first_read.text and again.empty_pages == first_read.empty_pages
        assert len(list(scanned[2].glob("*.json"))) == 1 and not list(scanned[2].glob("*.tmp"))


@pytest.mark.integration
@pytest.mark.skipif(importlib.util.find_spec("rapidocr") is None, reason="rapidocr missing (pip install rapidocr)")
def test_a_paper_like_scan_reads_as_well(scanned: tuple[Gongwen, Path, Path]) -> None:
    """Skewed 0.6°, blurred, grainy, JPEG: the text and the ruled table still come back."""
    from assistant.reading.ocr import ocr_pdf

    doc = scanned[0]
    scan = rasterise_pdf(doc.path, doc.path.with_name("paper.pdf"), dpi=200, degrade=True)
    result = ocr_pdf(scan.read_bytes())
    recall, precision = char_accuracy("\n".join(doc.lines), result.text)
    assert recall >= 0.99 and precision >= 0.99, (recall, precision, result.text)
    assert DOC_NO in result.text.split("\n")
    assert_table(result.text, doc.rows)


@pytest.mark.integration
@pytest.mark.skipif(importlib.util.find_spec("rapidocr") is None, reason="rapidocr missing (pip install rapidocr)")
def test_corrupt_cache_entry_is_ignored_and_rewritten(tmp_path: Path, count_engine_calls: list[int]) -> None:
    from fpdf import FPDF

    from assistant.reading.ocr import ocr_pdf

    font = find_cjk_font()
    if font is None:
        pytest.skip("no CJK TrueType font")
    pdf = FPDF(format=(148.0, 105.0))
    pdf.add_font("cjk", "", font)
    pdf.add_page()
    pdf.set_font("cjk", size=14)
    pdf.text(20, 30, "合成测试文件〔2024〕1号")
    pdf.output(str(tmp_path / "one.pdf"))
    data = rasterise_pdf(tmp_path / "one.pdf", tmp_path / "scan.pdf").read_bytes()
    cache = tmp_path / "cache"
    first = ocr_pdf(data, cache_dir=cache)
    (entry,) = cache.glob("*.json")
    entry.write_text('{"format": 1, "pages": [', encoding="utf-8")  # a torn write
    second = ocr_pdf(data, cache_dir=cache)
    third = ocr_pdf(data, cache_dir=cache)
    assert len(count_engine_calls) == 2 and not second.from_cache and third.from_cache
    assert first.text == second.text == third.text == "合成测试文件〔2024〕1号"
