"""PDF -> page texts (pypdf) and ruled task tables (pdfplumber).

The prose comes from pypdf's text layer, page by page, joined with form feeds so
:func:`assistant.reading.clean.clean_text` can find page numbers and running headers.  Tables are
read where the PDF draws ruling lines: pdfplumber finds the cells, a table whose header
row names task-table columns (序号, 重点任务, 牵头单位 …) becomes a ``RawTable(source="pdf")``
and its words are taken out of that page's text so they are not indexed twice (the title
line above the table stays).  A table running over a page break is one RawTable: rows of
the next page are appended (a repeated header is dropped).  A row cut by the page break
is *kept as a continuation row* — its 序号 cell is empty — exactly as in a TXT table, and
the table parser joins it to the row above.  Vertically merged cells are left empty
below their first row (again as in TXT).

Tables without ruling lines are read from word positions under a recognised task-table
header (:mod:`assistant.reading.columns`) and leave the text the same way.  Pages with no
text but an image are listed for OCR (:func:`extract_pdf`); reading them is the caller's.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.reading.boxes import OcrBox, group_lines
from assistant.reading.clean import HARD_BREAK, display_width, is_page_number_line
from assistant.reading.columns import Columns, UnruledTable, find_tables
from assistant.reading.tables import is_header_row
from assistant.types import RawTable

log = logging.getLogger(__name__)

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


class PdfProblem(Exception):
    """Why a PDF cannot be read, as a short reason ("encrypted PDF", …)."""


# ---------------------------------------------------------------- text layer


def _open_reader(data: bytes) -> Any:
    try:
        import pypdf
        from pypdf.errors import PdfReadError
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise PdfProblem("pypdf is missing (pip install pypdf)") from e
    if b"%PDF-" not in data[:1024]:
        raise PdfProblem("not a valid PDF")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
        raise PdfProblem("not a valid PDF") from e
    if encrypted:
        # owner-password-only PDFs (printing/copying restricted) open with an empty password
        try:
            ok = bool(reader.decrypt(""))
        except Exception:  # noqa: BLE001 - unsupported crypto, bad key … all mean "can't open"
            ok = False
        if not ok:
            raise PdfProblem("encrypted PDF")
    try:
        _ = len(reader.pages)
    except Exception as e:  # noqa: BLE001 - broken page tree
        raise PdfProblem("not a valid PDF") from e
    return reader


def _page_texts(reader: Any) -> list[str]:
    texts = []
    for i, page in enumerate(reader.pages):
        try:
            texts.append(page.extract_text() or "")
        except Exception as e:  # noqa: BLE001 - one bad page must not lose the document
            log.warning("page %d: text extraction failed (%s)", i + 1, e)
            texts.append("")
    return [t.replace("\x00", "") for t in texts]


# ---------------------------------------------------------------- ruled tables


@dataclass
class _Open:
    """A task table being collected, possibly over several pages."""

    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    title: str
    last_page: int
    ncols: int
    widths: list[float] = field(default_factory=list)


def _join_cell_lines(lines: list[str], col_width: float) -> str:
    """Undo the wrapping inside a cell: a line as wide as the column continues on the
    next line (joined without a break); a shorter line ended on purpose (a list of units
    one per line) and keeps its newline."""
    out = ""
    for k, ln in enumerate(lines):
        if k == 0:
            out = ln
        elif display_width(lines[k - 1]) >= 0.8 * col_width and not lines[k - 1].endswith(("。", "；")):
            a, b = out[-1:], ln[:1]
            out += (" " if a.isascii() and a.isalnum() and b.isascii() and b.isalnum() else "") + ln
        else:
            out += "\n" + ln
    return out


def _clean_rows(raw: list[list[str | None]]) -> list[tuple[str, ...]]:
    """pdfplumber cells -> strings with in-cell wrapping undone, per-column widths."""
    split = [[[re.sub(r"\s+", " ", ln).strip() for ln in (c or "").split("\n")] for c in row] for row in raw]
    split = [[[ln for ln in cell if ln] for cell in row] for row in split]
    ncols = max((len(r) for r in split), default=0)
    widths = [0.0] * ncols
    for row in split:
        for j, cell in enumerate(row):
            for ln in cell:
                widths[j] = max(widths[j], display_width(ln))
    return [tuple(_join_cell_lines(cell, widths[j]) for j, cell in enumerate(row)) for row in split]


def _title_above(page: Any, top: float) -> str:
    """The text line right above a table (within ~3 lines), if it looks like a title."""
    if top <= 1:
        return ""
    region = page.crop((0, max(0.0, top - 60), page.width, top))
    lines = [ln.strip() for ln in (region.extract_text() or "").split("\n") if ln.strip()]
    if not lines:
        return ""
    last = re.sub(r"\s+", "", lines[-1])
    return last if len(last) <= 60 and not last.endswith(("。", "；", "：")) else ""


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
    cy = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
    return any(x0 <= cx <= x1 and t <= cy <= b for x0, t, x1, b in boxes)


def _outside(boxes: list[tuple[float, float, float, float]]) -> Callable[[dict[str, Any]], bool]:
    """Filter for pdfplumber: keep everything except characters inside the tables."""

    def keep(obj: dict[str, Any]) -> bool:
        return not (obj.get("object_type") == "char" and _inside(obj, boxes))

    return keep


def _words(page: Any) -> list[OcrBox]:
    """The page's words as boxes with their characters' positions.  A small x tolerance:
    two table cells a few points apart are two words (a cell border is never drawn)."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, return_chars=True)
    return [OcrBox(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]), 1.0,
                   tuple((float(c["x0"]), float(c["x1"])) for c in w.get("chars", ()) if c["text"].strip()))
            for w in words if w["text"].strip()]


@dataclass(frozen=True)
class _Found:
    """A table on one page: its rows (header first unless it goes on from the page before)."""

    rows: list[tuple[str, ...]]
    bbox: tuple[float, float, float, float]
    unruled: UnruledTable | None = None


def _page_tables(page: Any, carry: Columns | None) -> list[_Found]:
    """Ruled tables (cells from the ruling lines), then unruled task tables among the words
    outside them (columns from word positions under a recognised header), top to bottom."""
    found = [_Found(_clean_rows(t.extract()), t.bbox) for t in page.find_tables(_TABLE_SETTINGS)]
    boxes = [f.bbox for f in found]
    rest = page.filter(_outside(boxes)) if boxes else page
    for t in find_tables(group_lines(_words(rest)), carry):
        raw = [t.header, *t.rows] if t.header else list(t.rows)
        found.append(_Found(_clean_rows([list(r) for r in raw]), t.bbox, t))
    return sorted((f for f in found if f.rows), key=lambda f: (f.bbox[1], f.bbox[0]))


def _extract_tables(data: bytes, n_pages: int) -> tuple[dict[int, str], list[RawTable]]:
    """Task tables of the whole PDF and, for each page that has one, its text without it."""
    try:
        import pdfplumber
    except ImportError:
        log.warning("pdfplumber is missing (pip install pdfplumber): PDF tables stay in the text")
        return {}, []
    page_text: dict[int, str] = {}
    done: list[_Open] = []
    cur: _Open | None = None
    carry: Columns | None = None  # columns of an unruled table that ran to the end of the page before
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password="")
    except Exception as e:  # noqa: BLE001 - pypdf read it; tables are a bonus
        log.warning("pdfplumber cannot open the PDF (%s): tables stay in the text", e)
        return {}, []
    with pdf:
        for i, page in enumerate(pdf.pages[:n_pages]):
            try:
                found = _page_tables(page, carry)
            except Exception as e:  # noqa: BLE001
                log.warning("page %d: table detection failed (%s)", i + 1, e)
                continue
            carry = None
            boxes: list[tuple[float, float, float, float]] = []
            for k, table in enumerate(found):
                rows = table.rows
                ncols = len(rows[0])
                goes_on = cur is not None and k == 0 and cur.last_page == i - 1
                if is_header_row(rows[0]):
                    if cur is not None and goes_on and rows[0] == cur.header:
                        cur.rows.extend(rows[1:])  # header repeated on the new page
                        cur.last_page = i
                    else:
                        if cur is not None:
                            done.append(cur)
                        cur = _Open(header=rows[0], rows=list(rows[1:]),
                                    title=_title_above(page, table.bbox[1]), last_page=i, ncols=ncols)
                elif cur is not None and goes_on and ncols == cur.ncols:
                    cur.rows.extend(rows)  # the table goes on without repeating its header
                    cur.last_page = i
                else:
                    continue  # some other ruled box (a layout frame): leave its text in place
                boxes.append(table.bbox)
                if table.unruled is not None and table.unruled.at_page_end:
                    carry = table.unruled.columns
            if boxes:
                page_text[i] = _text_around(page.filter(_outside(boxes)), boxes)
    if cur is not None:
        done.append(cur)
    tables = [RawTable(rows=(t.header, *t.rows), source="pdf", title=t.title) for t in done]
    return page_text, tables


def _text_around(page: Any, boxes: list[tuple[float, float, float, float]]) -> str:
    """Page text with the tables cut out; a hard break marks each hole so the title above
    a table is never glued to the text below it."""
    edges = sorted({0.0, *(b[1] for b in boxes), *(b[3] for b in boxes), float(page.height)})
    parts: list[str] = []
    for top, bottom in zip(edges, edges[1:]):
        if bottom - top < 0.5:
            continue
        mid = (top + bottom) / 2
        if any(b[1] <= mid <= b[3] for b in boxes):
            parts.append(HARD_BREAK)
            continue
        band = page.crop((0, top, page.width, bottom), strict=False)
        parts.append(band.extract_text() or "")
    return "\n".join(p for p in parts if p)


# ---------------------------------------------------------------- entry point


@dataclass(frozen=True)
class PdfLayer:
    """What a PDF's text layer gives: each page's text (tables cut out), the task tables,
    and the 1-based numbers of the pages that are scanned images with no text to OCR."""

    pages: tuple[str, ...]
    tables: tuple[RawTable, ...]
    scanned: tuple[int, ...]


def _has_image(page: Any) -> bool:
    try:
        return len(page.images) > 0
    except Exception:  # noqa: BLE001 - an unreadable resource: let OCR look at the page anyway
        return True


def _no_text(text: str) -> bool:
    """Nothing but page numbers: a scanner may stamp those as text on an image page."""
    return all(not ln.strip() or is_page_number_line(ln) for ln in text.split("\n"))


def extract_pdf(data: bytes) -> PdfLayer:
    """The text layer and task tables of a PDF given as bytes, and which pages need OCR.

    Raises :class:`PdfProblem` for an invalid or encrypted PDF, or one with no pages.
    """
    reader = _open_reader(data)
    texts = _page_texts(reader)
    if not texts:
        raise PdfProblem("empty document (no pages)")
    scanned = tuple(i + 1 for i, t in enumerate(texts) if _no_text(t) and _has_image(reader.pages[i]))
    tables: list[RawTable] = []
    if len(scanned) < len(texts):
        page_text, tables = _extract_tables(data, len(texts))
        for i, t in page_text.items():
            texts[i] = t
    return PdfLayer(tuple(texts), tuple(tables), scanned)
