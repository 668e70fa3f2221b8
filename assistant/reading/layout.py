"""OCR boxes -> page text in reading order, tables as TAB rows, 公文 OCR confusions fixed.

Everything here is pure and engine-free: it works on text boxes in PDF points (origin at
the top-left corner, like pdfplumber words) and on the ruling-line grids found on the
page image.  So the rules can be tested without an OCR engine, and a cached OCR result is
laid out again with the current rules instead of being OCR'd again.

Reading order: boxes are grouped into lines by vertical overlap, lines run top to bottom
and boxes left to right.  Boxes far apart on one line (more than a line height) are kept
apart by a TAB, while the pieces of an ordinary wrapped line make one string.

* A ruled table (a grid from :func:`assistant.reading.ocr.find_grids`) becomes TAB lines
  the way a TXT table is written (see ``split_text_tables`` in ``assistant.ingest``):
  the first text line of every cell of a row on one line, further lines of a cell (wrapped
  text, one unit per line) on continuation lines with an empty 序号 cell, every cell kept
  (empty ones too) so columns stay in place.  A cell merged over several rows gives its
  text to the top row of the span, as a TXT table does.
* Without ruling lines, consecutive lines of far-apart boxes that share the same empty
  vertical gutters form a block whose lines get one cell per column; a block of two wide
  columns is running text set in two columns and is read column by column.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

TAB_GAP = 1.0  # boxes on one line further apart than this many line heights are separate cells
SPLIT_GAP = 1.5  # the same inside one detected box, whose character positions are estimates
LINE_OVERLAP = 0.5  # a box is on a line when it overlaps it by half the smaller height
BLOCK_GAP = 2.5  # an unruled table ends at a vertical gap of this many line heights
TWO_COLUMN_WIDTH = 0.3  # each column of two-column running text is this wide (× page width)
PAGE_BREAK = "\n\f\n"  # pages: a form feed on a line of its own, so TAB rows stay whole


@dataclass(frozen=True)
class OcrBox:
    """Recognised text and where it is on the page, in PDF points from the top-left."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    score: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


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


def _glue(a: str, b: str) -> str:
    """Two pieces of one line: a space only between Latin letters or digits."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


def split_line(line: RawLine, cuts: Sequence[float] = ()) -> list[OcrBox]:
    """Cut a detected line where its characters are far apart or a ruling line (x in
    ``cuts``) runs between them: the detector sometimes draws one box over two cells."""
    whole = [OcrBox(line.text, line.x0, line.top, line.x1, line.bottom, line.score)]
    chars = [c for c in line.chars if c[0].strip()]
    if len(chars) < 2 or "".join(c[0] for c in chars) != re.sub(r"\s", "", line.text):
        return whole  # no usable character positions
    height = line.bottom - line.top
    pieces = [[chars[0]]]
    for prev, ch in zip(chars, chars[1:]):
        left, right = (prev[1] + prev[2]) / 2, (ch[1] + ch[2]) / 2
        if ch[1] - prev[2] > SPLIT_GAP * height or any(left < x < right for x in cuts):
            pieces.append([ch])
        else:
            pieces[-1].append(ch)
    if len(pieces) == 1:
        return whole
    out = []
    for k, p in enumerate(pieces):
        text = ""
        for c in p:
            text = _glue(text, c[0])
        x0 = line.x0 if k == 0 else p[0][1]
        x1 = line.x1 if k == len(pieces) - 1 else p[-1][2]
        out.append(OcrBox(text, x0, line.top, x1, line.bottom, line.score))
    return out


def page_boxes(page: RawPage) -> list[OcrBox]:
    """The page's boxes: lines cut at gaps and ruling lines, text normalised."""
    boxes: list[OcrBox] = []
    for line in page.lines:
        cy = (line.top + line.bottom) / 2
        cuts = [x for g in page.grids if g.ys[0] <= cy <= g.ys[-1] for x in g.xs[1:-1]]
        boxes += [replace(b, text=normalise(b.text)) for b in split_line(line, cuts)]
    return [b for b in boxes if b.text.strip()]


# ---------------------------------------------------------------- lines and blocks


def group_lines(boxes: Sequence[OcrBox]) -> list[list[OcrBox]]:
    """Boxes -> lines (top to bottom), each left to right, by vertical overlap."""
    lines: list[list[OcrBox]] = []
    for b in sorted(boxes, key=lambda b: (b.cy, b.x0)):
        if lines:
            top = statistics.fmean(x.top for x in lines[-1])
            bottom = statistics.fmean(x.bottom for x in lines[-1])
            if min(bottom, b.bottom) - max(top, b.top) >= LINE_OVERLAP * min(bottom - top, b.height):
                lines[-1].append(b)
                continue
        lines.append([b])
    return [sorted(ln, key=lambda b: b.x0) for ln in lines]


def _segments(line: Sequence[OcrBox]) -> list[OcrBox]:
    """Join the boxes of a line that are close; far-apart ones stay separate (cells)."""
    height = statistics.median(b.height for b in line)
    out = [line[0]]
    for b in line[1:]:
        a = out[-1]
        if b.x0 - a.x1 > TAB_GAP * height:
            out.append(b)
        else:
            out[-1] = OcrBox(_glue(a.text, b.text), a.x0, min(a.top, b.top), max(a.x1, b.x1),
                             max(a.bottom, b.bottom), min(a.score, b.score))
    return out


def _union(spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _fits(columns: list[tuple[float, float]], segs: Sequence[OcrBox]) -> bool:
    """Does a line keep the block's columns apart (bridge no gutter)?"""
    new = _union([*columns, *((s.x0, s.x1) for s in segs)])
    return all(sum(1 for a, b in columns if lo <= a and b <= hi) <= 1 for lo, hi in new)


def _block_lines(block: list[list[OcrBox]], page_width: float) -> list[str]:
    """Lines of an unruled table (one cell per column, empty cells kept) or of running
    text in two columns (left column first)."""
    columns = _union([(s.x0, s.x1) for segs in block for s in segs])
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
            cells[k] = _glue(cells[k], s.text)
        out.append("\t".join(cells))
    return out


def _free_lines(lines: list[list[OcrBox]], page_width: float) -> list[str]:
    """Text lines outside ruled tables; aligned multi-cell lines are collected in blocks."""
    out: list[str] = []
    block: list[list[OcrBox]] = []
    for line in lines:
        segs = _segments(line)
        if block:
            columns = _union([(s.x0, s.x1) for b in block for s in b])
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
        columns = [[_join(ln) for ln in group_lines(cells.get((r, c), []))] for c in range(ncols)]
        for i in range(max(len(col) for col in columns)):
            out.append("\t".join(col[i] if i < len(col) else "" for col in columns))
    return out


def _join(line: Sequence[OcrBox]) -> str:
    text = ""
    for b in line:
        text = _glue(text, b.text)
    return text


def page_text(boxes: Sequence[OcrBox], grids: Sequence[Grid], page_width: float) -> str:
    """The page in reading order: free text and ruled tables, top to bottom."""
    owner = {id(b): next((k for k, g in enumerate(grids) if g.holds(b)), None) for b in boxes}
    free = group_lines([b for b in boxes if owner[id(b)] is None])
    items = sorted([(ln[0].top, 0, k) for k, ln in enumerate(free)] + [(g.ys[0], 1, k) for k, g in enumerate(grids)])
    out: list[str] = []
    pending: list[list[OcrBox]] = []
    for _, kind, k in items:
        if kind == 0:
            pending.append(free[k])
            continue
        out += _free_lines(pending, page_width)
        pending = []
        out += _grid_lines(grids[k], [b for b in boxes if owner[id(b)] == k])
    return "\n".join(out + _free_lines(pending, page_width))


def layout_page(number: int, page: RawPage) -> OcrPage:
    boxes = page_boxes(page)
    return OcrPage(number, page.width, page.height, tuple(boxes), page_text(boxes, page.grids, page.width))
