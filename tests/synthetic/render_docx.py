"""Blocks -> a Word file (python-docx): body as Word paragraphs, the task table as a real Word
table with vertically merged 重点任务 / 主要措施 cells.

python-docx stamps the current time into the zip entries and core properties; both are
fixed here so the same content gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .blocks import Block, PageBreak, Para, Table

FIXED_DATE = datetime(2024, 1, 1)
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
ALIGN = {"C": WD_ALIGN_PARAGRAPH.CENTER, "R": WD_ALIGN_PARAGRAPH.RIGHT, "L": WD_ALIGN_PARAGRAPH.LEFT}
#: style -> (size pt, alignment, first-line indent in characters)
STYLES: dict[str, tuple[float, str, int]] = {
    "note": (10, "L", 0), "issuer": (16, "C", 0), "docno": (14, "C", 0), "notice_title": (18, "C", 0),
    "plain": (14, "L", 0), "body": (14, "L", 2), "sign": (14, "R", 0), "title": (18, "C", 0),
    "section": (14, "L", 2), "clause": (14, "L", 2), "attach": (14, "L", 0), "table_title": (16, "C", 0),
}


def _set_east_asian(run_or_style_font_element: object, name: str) -> None:
    """Word picks CJK glyphs from w:eastAsia, which python-docx does not set by itself."""
    rpr = run_or_style_font_element.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _para(d: docx.document.Document, p: Para) -> None:
    size, align, indent = STYLES[p.style]
    para = d.add_paragraph()
    run = para.add_run(p.text)
    run.font.size = Pt(size)
    para.alignment = ALIGN[align]
    if indent:
        para.paragraph_format.first_line_indent = Pt(size * indent)


def _merge_runs(column: list[str]) -> list[tuple[int, int]]:
    """(first, last) row spans in which a non-empty cell is followed by empty ones."""
    spans, start = [], None
    for i, value in enumerate(column + ["<end>"]):
        if value:
            if start is not None and i - 1 > start:
                spans.append((start, i - 1))
            start = i if value != "<end>" else None
    return spans


def _table(d: docx.document.Document, t: Table) -> None:
    table = d.add_table(rows=1 + len(t.rows), cols=len(t.header))
    table.style = "Table Grid"
    for row, values in zip(table.rows, (t.header, *t.rows)):
        for j, (cell, value) in enumerate(zip(row.cells, values)):  # row.cells: table.cell() is O(n)
            cell.width = Mm(t.widths[j])
            cell.text = value
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(10.5)
    for j in t.merged:
        column = [row[j] for row in t.rows]
        for first, last in _merge_runs(column):
            merged = table.cell(first + 1, j).merge(table.cell(last + 1, j))
            merged.text = column[first]


def _fixed_zip(data: bytes) -> bytes:
    """Same entries, same order, fixed timestamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_docx(blocks: list[Block], title: str) -> bytes:
    """The document as .docx bytes."""
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "FangSong"
    _set_east_asian(normal.element, "仿宋")
    props = d.core_properties
    props.title, props.subject, props.author = f"{title}（合成测试文件）", "合成测试文件，仅供测试", "synthetic"
    props.created = props.modified = FIXED_DATE
    props.last_modified_by, props.revision = "synthetic", 1
    for b in blocks:
        if isinstance(b, Para):
            _para(d, b)
        elif isinstance(b, Table):
            _table(d, b)
        elif isinstance(b, PageBreak):
            d.add_page_break()
        else:
            raise TypeError(b)
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())
