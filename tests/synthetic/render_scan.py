"""A text PDF -> a "scanned" PDF: every page rasterised (pypdfium2, grey, ~200 dpi) and put
back as a JPEG image page, with no text layer at all — what a reader gets from a scanner.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

DPI = 200
JPEG_QUALITY = 80
A4_MM = (210.0, 297.0)
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)


def _page_jpegs(pdf_bytes: bytes, dpi: int) -> list[bytes]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        out = []
        for i in range(len(doc)):
            image = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            buf = io.BytesIO()
            image.save(buf, format="JPEG", quality=JPEG_QUALITY)
            out.append(buf.getvalue())
        return out
    finally:
        doc.close()


def render_scan(pdf_bytes: bytes, title: str, dpi: int = DPI) -> bytes:
    """Image-only PDF of ``pdf_bytes`` (same page count, A4)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(f"{title}（合成测试文件，扫描件）")
    for jpeg in _page_jpegs(pdf_bytes, dpi):
        pdf.add_page()
        pdf.image(io.BytesIO(jpeg), x=0, y=0, w=A4_MM[0], h=A4_MM[1])
    return bytes(pdf.output())
