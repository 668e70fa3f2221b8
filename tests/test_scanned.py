"""Scanned PDFs through read_document: pages without a text layer are OCR'd, their tables
come back from the TAB rows of the OCR layout, an empty page is a note, a failure one line.

The wiring tests replace the OCR engine by a stand-in (fast); the ``integration`` ones run
RapidOCR on SYNTHETIC images (合成测试).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import fixtures_make as fm
import pytest

from assistant.reading import ocr
from assistant.reading.files import IngestError, read_document
from assistant.reading.layout import OcrPage

TABLE_PAGE = "附件\n合成测试任务分工表\n序号\t工作要求\t牵头单位\n1\t完成合成测试任务。\t市财政局\n\t按期推进。\t\n— 2 —"


def _image_page(pdf: Any) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(img).rectangle((20, 20, 380, 100), outline=0, width=4)
    pdf.add_page()
    pdf.image(img, x=10, y=10, w=150)


def make_pdf(path: Path, text_pages: tuple[int, ...], n: int) -> Path:
    """``n`` pages; those in ``text_pages`` (1-based) have a text layer, the others are images."""
    from fpdf import FPDF

    font = fm.find_cjk_font()
    if font is None:
        pytest.skip("no CJK TrueType font (apt-get install fonts-wqy-microhei)")
    pdf = FPDF()
    pdf.add_font("cjk", "", font)
    for k in range(1, n + 1):
        if k in text_pages:
            pdf.add_page()
            pdf.set_font("cjk", size=12)
            pdf.text(20, 30, "一、合成测试总体要求")
            pdf.text(20, 40, "（一）合成测试工作目标。到2025年完成合成测试任务。")
        else:
            _image_page(pdf)
    pdf.output(str(path))
    return path


class FakeOcr:
    """Stands in for ocr.ocr_pdf: records the calls, returns ``texts`` per page number."""

    def __init__(self, texts: dict[int, str], error: str | None = None) -> None:
        self.texts, self.error, self.calls = texts, error, []  # type: ignore[var-annotated]

    def __call__(self, data: bytes, **kw: Any) -> ocr.OcrResult:
        self.calls.append(kw)
        if self.error:
            raise ocr.OcrError(self.error)
        numbers = kw.get("pages") or sorted(self.texts)
        pages = tuple(OcrPage(k, 595, 842, (), self.texts.get(k, "")) for k in numbers)
        return ocr.OcrResult(pages, tuple(p.number for p in pages if not p.text), "fake", 200)


def test_a_fully_scanned_pdf_is_read_by_ocr_with_its_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeOcr({1: "一、合成测试总体要求\n（一）合成测试工作目标。到2025年完成\n合成测试任务。\n— 1 —", 2: TABLE_PAGE})
    monkeypatch.setattr(ocr, "ocr_pdf", fake)
    raw = read_document(make_pdf(tmp_path / "scan.pdf", (), 2), ocr_cache=tmp_path / "cache" / "ocr")
    assert fake.calls == [{"progress": False, "cache_dir": tmp_path / "cache" / "ocr", "pages": None}]
    assert "（一）合成测试工作目标。到2025年完成合成测试任务。" in raw.text.split("\n")
    assert "— 1 —" not in raw.text and "\t" not in raw.text
    (table,) = raw.tables
    assert table.rows == (("序号", "工作要求", "牵头单位"), ("1", "完成合成测试任务。", "市财政局"), ("", "按期推进。", ""))
    assert raw.fmt == "pdf" and raw.notes == ()


def test_only_the_scanned_pages_of_a_mixed_pdf_are_ocrd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeOcr({2: TABLE_PAGE, 3: ""})
    monkeypatch.setattr(ocr, "ocr_pdf", fake)
    raw = read_document(make_pdf(tmp_path / "mixed.pdf", (1,), 3))
    assert [c["pages"] for c in fake.calls] == [(2, 3)]
    assert raw.text.startswith("一、合成测试总体要求") and len(raw.tables) == 1
    assert raw.notes == ("page 3: OCR found no text",)  # reported, not fatal


def test_a_text_pdf_never_calls_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeOcr({})
    monkeypatch.setattr(ocr, "ocr_pdf", fake)
    read_document(make_pdf(tmp_path / "text.pdf", (1, 2), 2))
    assert fake.calls == []


def test_ocr_failure_is_one_line_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "ocr_pdf", FakeOcr({}, error="rapidocr is missing (pip install rapidocr)"))
    with pytest.raises(IngestError) as info:
        read_document(make_pdf(tmp_path / "scan.pdf", (), 1))
    assert str(info.value) == "scan.pdf: scanned PDF, OCR failed: rapidocr is missing (pip install rapidocr)"


def test_a_scan_where_ocr_finds_nothing_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "ocr_pdf", FakeOcr({1: "", 2: "—"}))
    with pytest.raises(IngestError) as info:
        read_document(make_pdf(tmp_path / "blank.pdf", (), 2))
    assert str(info.value) == "blank.pdf: no text found, not even by OCR (blank scan?)"


# ---------------------------------------------------------------- the real engine


@pytest.mark.integration
@pytest.mark.skipif(importlib.util.find_spec("rapidocr") is None, reason="rapidocr missing (pip install rapidocr)")
@pytest.mark.parametrize("kind", ["white", "frame"])
def test_blank_scans_are_refused_in_one_line(tmp_path: Path, kind: str) -> None:
    """White pages (not even sent to the engine) and a drawn frame (the engine sees a dash)."""
    from fpdf import FPDF
    from PIL import Image

    if kind == "white":
        pdf = FPDF()
        for _ in range(2):
            pdf.add_page()
            pdf.image(Image.new("L", (827, 1169), 255), x=0, y=0, w=210)
        path = tmp_path / "white.pdf"
        pdf.output(str(path))
    else:
        path = fm.make_scanned_pdf(tmp_path / "frame.pdf")
    with pytest.raises(IngestError) as info:
        read_document(path, ocr_cache=tmp_path / "ocr")
    assert str(info.value) == f"{path.name}: no text found, not even by OCR (blank scan?)"


def test_corrupt_and_encrypted_pdfs_are_refused_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    locked = fm.make_encrypted_pdf(tmp_path / "locked.pdf")
    for path, reason in ((bad, "not a valid PDF"), (locked, "encrypted PDF")):
        with pytest.raises(IngestError) as info:
            read_document(path)
        assert str(info.value) == f"{path.name}: {reason}"


def test_an_engine_that_cannot_start_is_one_line_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes, **kw: Any) -> ocr.OcrResult:
        raise RuntimeError("onnxruntime: cannot create session")

    monkeypatch.setattr(ocr, "ocr_pdf", broken)
    with pytest.raises(IngestError) as info:
        read_document(make_pdf(tmp_path / "scan.pdf", (), 1))
    assert str(info.value) == "scan.pdf: scanned PDF, OCR failed (RuntimeError)"
