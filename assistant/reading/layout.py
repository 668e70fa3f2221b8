"""OCR boxes -> page text in reading order, tables as TAB rows, 公文 OCR confusions fixed.

Everything here is pure and engine-free: it works on text boxes in PDF points (origin at
the top-left corner, like pdfplumber words) and on the ruling-line grids found on the
page image.  So the rules can be tested without an OCR engine, and a cached OCR result is
laid out again with the current rules instead of being OCR'd again.

Reading order: boxes are grouped into lines by vertical overlap, lines run top to bottom
and boxes left to right.  Boxes far apart on one line (more than a line height) are kept
apart by a TAB, while the pieces of an ordinary wrapped line make one string.

* A ruled table (a grid from :func:`assistant.reading.ocr.find_grids`) becomes TAB lines
  the way a TXT table is written (see ``split_text_tables`` in :mod:`assistant.reading.files`):
  the first text line of every cell of a row on one line, further lines of a cell (wrapped
  text, one unit per line) on continuation lines with an empty 序号 cell, every cell kept
  (empty ones too) so columns stay in place.  A cell merged over several rows gives its
  text to the top row of the span, as a TXT table does.
* A task table without ruling lines (borderless, or only a rule under its header) is read
  under its recognised header by :mod:`assistant.reading.columns` — the same code that
  reads such tables from a text PDF's words — and written the same way as a ruled one; a
  table that runs to the end of a page is carried to the next (:func:`layout_pages`), whose
  first lines may continue it without a header.
* Other lines of far-apart boxes that share the same empty vertical gutters form a block
  whose lines get one cell per column; a block of two wide columns is running text set in
  two columns and is read column by column.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .boxes import OcrBox, cut_box, glue, group_lines, join_boxes, segments, union
from .columns import Columns, UnruledTable, find_tables
from .tables import is_header_row

SPLIT_GAP = 1.5  # line heights between two characters of one detected box that make it two cells
BLOCK_GAP = 2.5  # an unruled table ends at a vertical gap of this many line heights
TWO_COLUMN_WIDTH = 0.3  # each column of two-column running text is this wide (× page width)
PAGE_BREAK = "\n\f\n"  # pages: a form feed on a line of its own, so TAB rows stay whole


@dataclass(frozen=True)
class RawLine:
    """One detected text line as the engine gave it, with each character's (text, x0, x1)
    so a box drawn over two table cells can be cut apart."""

    text: str
    score: float
    x0: float
    top: float
    x1: float
    bottom: float
    chars: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True)
class Grid:
    """A ruled table: x of its vertical and y of its horizontal ruling lines (frame
    included, sorted); ``merged`` holds the cells (row, column) with no line above them."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    merged: tuple[tuple[int, int], ...] = ()

    def holds(self, box: OcrBox) -> bool:
        return self.xs[0] <= box.cx <= self.xs[-1] and self.ys[0] <= box.cy <= self.ys[-1]

    def cell(self, box: OcrBox) -> tuple[int, int]:
        """(row, column) of the cell a box is in; a merged cell is its span's top cell."""
        r = min(max(bisect_right(self.ys, box.cy) - 1, 0), len(self.ys) - 2)
        c = min(max(bisect_right(self.xs, box.cx) - 1, 0), len(self.xs) - 2)
        while r > 0 and (r, c) in self.merged:
            r -= 1
        return r, c


@dataclass(frozen=True)
class RawPage:
    """What OCR saw on one page (this is what the cache stores)."""

    width: float
    height: float
    lines: tuple[RawLine, ...] = ()
    grids: tuple[Grid, ...] = ()


@dataclass(frozen=True)
class OcrPage:
    number: int  # 1-based
    width: float  # points
    height: float
    boxes: tuple[OcrBox, ...]
    text: str  # lines in reading order, table rows TAB-separated
    carry: Columns | None = None  # an unruled table's columns when it runs to the end of the page


# ---------------------------------------------------------------- 公文 OCR confusions

_OPEN = re.escape("〔【〈《<[［(（｛{〖")
_CLOSE = re.escape("〕】〉》>]］)）｝}〗")
_DASHES = "-－—―‐"
# a year in whatever brackets the engine saw, followed by the serial number: 聊建字【2023】31号
_DOC_NO_RE = re.compile(rf"[{_OPEN}]\s*((?:19|20)\d\d)\s*[{_CLOSE}]\s*(?=第?\s*\d{{1,5}}\s*号)")
# a clause number at the start of a line or cell: 【三】 〈三〉 (三) （三) (-) -> （三） （一）
_CLAUSE_RE = re.compile(rf"^(\s*)[(（〔【〈〖]\s*([一二三四五六七八九十]{{1,3}}|\d{{1,2}}|[{_DASHES}])\s*[)）〕】〉〗]")
_SECTION_DASH_RE = re.compile(rf"^(\s*)[{_DASHES}](?=\s*、)")  # "-、总体要求" -> "一、总体要求"
_PAGE_NO_RE = re.compile(rf"^\s*[{_DASHES}一~～_]+\s*(\d{{1,4}})\s*[{_DASHES}一~～_]+\s*$")  # 一 3 一


def normalise(text: str) -> str:
    """Undo the OCR confusions that matter in a 公文 (the text of one box).

    〔〕 of a 文号 read as 【】〈〉() and so on — only where a year in brackets is followed
    by a serial number and 号, so a real 【说明】 stays; clause numbers at the start of a
    line or cell in any brackets (half-width too) -> （三）, a dash read for 一 in them
    and in "-、"; a page number "一 3 一" / "-3-" -> "— 3 —" so the clean-up drops it.
    """
    m = _PAGE_NO_RE.match(text)
    if m:
        return f"— {m.group(1)} —"
    text = _CLAUSE_RE.sub(lambda m: f"{m.group(1)}（{'一' if m.group(2) in _DASHES else m.group(2)}）", text)
    text = _SECTION_DASH_RE.sub(r"\1一", text)
    return _DOC_NO_RE.sub(r"〔\1〕", text)


# ---------------------------------------------------------------- boxes


def split_line(line: RawLine, cuts: Sequence[float] = ()) -> list[OcrBox]:
    """Cut a detected line where its characters are far apart or a ruling line (x in
    ``cuts``) runs between them: the detector sometimes draws one box over two cells."""
    located = [c for c in line.chars if c[0].strip()]
    usable = len(located) >= 1 and "".join(c[0] for c in located) == re.sub(r"\s", "", line.text)
    chars = tuple((a, b) for _, a, b in located) if usable else ()
    box = OcrBox(line.text, line.x0, line.top, line.x1, line.bottom, line.score, chars)
    height = line.bottom - line.top
    gaps = [(a[1] + b[0]) / 2 for a, b in zip(chars, chars[1:]) if b[0] - a[1] > SPLIT_GAP * height]
    return cut_box(box, sorted({*gaps, *cuts}))


def page_boxes(page: RawPage) -> list[OcrBox]:
    """The page's boxes: lines cut at gaps and ruling lines, text normalised."""
    boxes: list[OcrBox] = []
    for line in page.lines:
        cy = (line.top + line.bottom) / 2
        cuts = [x for g in page.grids if g.ys[0] <= cy <= g.ys[-1] for x in g.xs[1:-1]]
        boxes += [replace(b, text=normalise(b.text)) for b in split_line(line, cuts)]
    return [b for b in boxes if b.text.strip()]


# ---------------------------------------------------------------- lines and blocks


def _fits(columns: list[tuple[float, float]], segs: Sequence[OcrBox]) -> bool:
    """Does a line keep the block's columns apart (bridge no gutter)?"""
    new = union([*columns, *((s.x0, s.x1) for s in segs)])
    return all(sum(1 for a, b in columns if lo <= a and b <= hi) <= 1 for lo, hi in new)


def _block_lines(block: list[list[OcrBox]], page_width: float) -> list[str]:
    """Lines of an unruled table (one cell per column, empty cells kept) or of running
    text in two columns (left column first)."""
    columns = union([(s.x0, s.x1) for segs in block for s in segs])
    starts = [a for a, _ in columns]
    if sum(len(segs) > 1 for segs in block) < 2:
        return ["\t".join(s.text for s in segs) for segs in block]
    if len(columns) == 2 and len(block) >= 6 and all(b - a >= TWO_COLUMN_WIDTH * page_width for a, b in columns):
        return [s.text for k in (0, 1) for segs in block for s in segs if bisect_right(starts, s.cx) - 1 == k]
    out = []
    for segs in block:
        cells = [""] * len(columns)
        for s in segs:
            k = max(bisect_right(starts, s.cx) - 1, 0)
            cells[k] = glue(cells[k], s.text)
        out.append("\t".join(cells))
    return out


def _free_lines(lines: list[list[OcrBox]], page_width: float) -> list[str]:
    """Text lines outside ruled tables; aligned multi-cell lines are collected in blocks."""
    out: list[str] = []
    block: list[list[OcrBox]] = []
    for line in lines:
        segs = segments(line)
        if block:
            columns = union([(s.x0, s.x1) for b in block for s in b])
            height = statistics.median(s.height for s in segs)
            near = min(s.top for s in segs) - max(s.bottom for s in block[-1]) <= BLOCK_GAP * height
            if near and _fits(columns, segs):
                block.append(segs)
                continue
            out += _block_lines(block, page_width)
            block = []
        if len(segs) > 1:
            block = [segs]
        else:
            out.append(segs[0].text)
    return out + _block_lines(block, page_width) if block else out


def _grid_lines(grid: Grid, boxes: Sequence[OcrBox]) -> list[str]:
    """A ruled table as TAB lines: per row, line i holds the i-th text line of each cell."""
    ncols = len(grid.xs) - 1
    cells: dict[tuple[int, int], list[OcrBox]] = {}
    for b in boxes:
        cells.setdefault(grid.cell(b), []).append(b)
    out = []
    for r in range(len(grid.ys) - 1):
        columns = [[join_boxes(ln) for ln in group_lines(cells.get((r, c), []))] for c in range(ncols)]
        joined = ["".join(col) for col in columns]
        if len(max(columns, key=len)) > 1 and is_header_row(joined):
            out.append("\t".join(joined))  # a header cell wrapped in a narrow column: 序 / 号 is 序号
            continue
        for i in range(max(len(col) for col in columns)):
            out.append("\t".join(col[i] if i < len(col) else "" for col in columns))
    return out


def _unruled_lines(table: UnruledTable) -> list[str]:
    """An unruled table as TAB lines, the way a ruled one is written: the header on one
    line, then per row line i holding the i-th line of each cell."""
    out = ["\t".join(table.header)] if table.header else []
    for row in table.rows:
        cells = [c.split("\n") if c else [] for c in row]
        for i in range(max(len(c) for c in cells)):
            out.append("\t".join(c[i] if i < len(c) else "" for c in cells))
    return out


def _page_layout(boxes: Sequence[OcrBox], grids: Sequence[Grid], page_width: float,
                 carry: Columns | None = None) -> tuple[str, Columns | None]:
    """The page in reading order — free text, ruled tables and unruled task tables, top to
    bottom — and the columns of an unruled table that runs to the end of the page."""
    owner = {id(b): next((k for k, g in enumerate(grids) if g.holds(b)), None) for b in boxes}
    free = group_lines([b for b in boxes if owner[id(b)] is None])
    tables = find_tables(free, carry)
    in_table = {j for t in tables for j in range(t.first, t.last + 1)}
    items = sorted([(ln[0].top, 0, k) for k, ln in enumerate(free) if k not in in_table]
                   + [(g.ys[0], 1, k) for k, g in enumerate(grids)]
                   + [(min(b.top for b in free[t.first]), 2, k) for k, t in enumerate(tables)])
    out: list[str] = []
    pending: list[list[OcrBox]] = []
    for _, kind, k in items:
        if kind == 0:
            pending.append(free[k])
            continue
        out += _free_lines(pending, page_width)
        pending = []
        if kind == 1:
            out += _grid_lines(grids[k], [b for b in boxes if owner[id(b)] == k])
        else:
            out += _unruled_lines(tables[k])
    last = tables[-1] if tables and tables[-1].at_page_end else None
    return "\n".join(out + _free_lines(pending, page_width)), last.columns if last else None


def page_text(boxes: Sequence[OcrBox], grids: Sequence[Grid], page_width: float) -> str:
    """The page in reading order: free text and tables, top to bottom."""
    return _page_layout(boxes, grids, page_width)[0]


def layout_page(number: int, page: RawPage, carry: Columns | None = None) -> OcrPage:
    """One page laid out; ``carry``: the columns of an unruled table that ran to the end
    of the page before (its rows may go on here without a header)."""
    boxes = page_boxes(page)
    text, columns = _page_layout(boxes, page.grids, page.width, carry)
    return OcrPage(number, page.width, page.height, tuple(boxes), text, columns)


def layout_pages(pages: Sequence[RawPage], numbers: Sequence[int] | None = None) -> tuple[OcrPage, ...]:
    """Pages laid out in order (``numbers``: their 1-based page numbers, 1, 2, … unless
    given), an unruled table carried from a page to the one right after it."""
    numbers = list(numbers) if numbers is not None else list(range(1, len(pages) + 1))
    out: list[OcrPage] = []
    for n, page in zip(numbers, pages):
        carry = out[-1].carry if out and out[-1].number == n - 1 else None
        out.append(layout_page(n, page, carry))
    return tuple(out)
