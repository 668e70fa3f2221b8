"""Tables without ruling lines, read from where their words are on the page.

A borderless Word table saved as PDF (or one with only a rule under its header) has no
cells to find; what it has is a header whose words name task-table columns (序号 重点任务 …
牵头单位, :func:`assistant.reading.tables.is_header_row`) and words aligned under it.
Guessing columns from gutters alone also "finds" tables in running text (pdfplumber's text
strategy does), so a table is only ever taken under a recognised header:

* header: one to three close lines merged column by column, so a header cell wrapped in a
  narrow column (序 / 号) reads 序号, and a name written spaced out (工 作 要 求) is one cell;
* columns: one per header cell; the border between two columns is in the first empty
  stretch (x where no character of the table is) between their headers, so left-aligned
  text wider than its centred header stays in its column, and a word drawn over two
  columns is cut between its characters (:func:`assistant.reading.boxes.cut_box`);
* extent: the lines below the header up to a vertical gap of :data:`END_GAP` line heights,
  a page number, another header, or a line with text across three columns (prose);
* rows: a line with a 序号 starts a row and the lines below continue its cells, so a row
  cut by a page break comes first on the next page without a 序号 — a continuation row
  with an empty 序号, as for ruled tables.  When the gaps between rows are wider than the
  line spacing and make rows of one 序号 each, they decide instead (cells centred
  vertically put the 序号 in the middle of its row); without a 序号 column they always do.

The same code reads pdfplumber words (text PDFs) and OCR boxes (scans): both are
:class:`~assistant.reading.boxes.OcrBox` lines from :func:`~assistant.reading.boxes.group_lines`.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.reading.boxes import OcrBox, cut_box, glue, join_boxes, union
from assistant.reading.clean import is_page_number_line
from assistant.reading.tables import HEADER_WORDS, ROLE_WORDS, is_header_row

Line = Sequence[OcrBox]

END_GAP = 2.5  # line heights of empty space that end a table
HEADER_LEADING = 0.8  # a header wrapped over several lines has at most this gap (line heights) between them
MAX_HEADER_LINES = 3
SPACE_GAP = 1.5  # line heights: the widest space inside a column name written spaced out (序  号)
MAX_HEADER_CELL = 12  # characters: header cells are labels, a data row's requirement is longer
MIN_GUTTER = 0.25  # line heights: an empty stretch narrower than this is a space between characters
PAD = 1.0  # points around a table's words in its bbox, so the text above it is clear of them
ROW_GAP = 0.3  # without 序号: a gap this much (line heights) wider than the line spacing starts a row
_SEQ_WORDS = {w for role, words in ROLE_WORDS if role == "seq" for w in words}
_SEQ_RE = re.compile(r"\d{1,3}[.、]?")


@dataclass(frozen=True)
class Columns:
    """An unruled table's columns: the x borders between them and which one is 序号."""

    cuts: tuple[float, ...]
    centres: tuple[float, ...]  # of the header cells
    seq: int | None

    def index(self, x: float) -> int:
        return bisect_right(self.cuts, x)


@dataclass(frozen=True)
class UnruledTable:
    """A table found on one page.  ``header`` is () when the table goes on from the page
    before without repeating it; each cell keeps its lines joined by ``\\n``."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    columns: Columns
    first: int  # index of its first line (the header's) in the page's lines
    last: int  # index of its last line
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom in points
    at_page_end: bool  # nothing but page furniture below it: it may go on on the next page


def _height(lines: Sequence[Line]) -> float:
    return statistics.median(b.height for ln in lines for b in ln)


def _gap(above: Line, below: Line) -> float:
    return min(b.top for b in below) - max(b.bottom for b in above)


def _ink(box: OcrBox) -> list[tuple[float, float]]:
    """Where a box has characters, as runs: a box drawn over two cells leaves their gutter
    free, while the small gaps between the characters of a word are closed."""
    if not box.chars:
        return [(box.x0, box.x1)]
    runs = [list(box.chars[0])]
    for a, b in box.chars[1:]:
        if a - runs[-1][1] < MIN_GUTTER * box.height:
            runs[-1][1] = max(runs[-1][1], b)
        else:
            runs.append([a, b])
    return [(a, b) for a, b in runs]


_ALL_WORDS = tuple(w for _, words in ROLE_WORDS for w in words)


def _spaced(left: str, right: str, gap: float, height: float) -> bool:
    """Are two header pieces one name written with a space (序 号, 工 作 要 求)?  Close, and
    together still part of a column name of the shared vocabulary."""
    joined = left + right
    return gap <= SPACE_GAP * height and any(joined in w for w in _ALL_WORDS)


def _stack(lines: Sequence[Line]) -> list[tuple[str, float, float]]:
    """Boxes of consecutive lines merged by column (x overlap, or a space inside a column
    name): (text, x0, x1) per column, each column's text read line by line, top to bottom."""
    height = _height(lines)
    out: list[tuple[str, float, float]] = []
    for x0, x1 in union([(b.x0, b.x1) for ln in lines for b in ln]):
        text = re.sub(r"\s+", "", "".join(join_boxes([b for b in ln if x0 <= b.cx <= x1]) for ln in lines))
        if out and _spaced(out[-1][0], text, x0 - out[-1][2], height):
            out[-1] = (out[-1][0] + text, out[-1][1], x1)
        else:
            out.append((text, x0, x1))
    return out


def _header_like(cells: Sequence[tuple[str, float, float]]) -> bool:
    texts = [c[0] for c in cells]
    return is_header_row(texts) and all(len(t) <= MAX_HEADER_CELL for t in texts)


def _named(cells: Sequence[tuple[str, float, float]]) -> int:
    """How many cells read as a column name (序号, 牵头单位 …)."""
    return sum(1 for t, _, _ in cells if len(t) <= 8 and (t in _SEQ_WORDS or any(w in t for w in HEADER_WORDS)))


def find_header(lines: Sequence[Line], i: int) -> tuple[int, list[tuple[str, float, float]]] | None:
    """(number of lines, header cells) of a task-table header starting at line ``i``: the
    fewest lines that read as a header, then each next close line that makes more of its
    cells read as column names (the rest of names wrapped in narrow columns: 序 / 号), never
    a line that starts with a 序号 or has text under no header cell."""
    found: tuple[int, list[tuple[str, float, float]]] | None = None
    height = _height(lines[i:i + 1])
    for k in range(1, MAX_HEADER_LINES + 1):
        if i + k > len(lines):
            break
        if k > 1:
            new = lines[i + k - 1]
            if _gap(lines[i + k - 2], new) > HEADER_LEADING * height or _SEQ_RE.fullmatch(new[0].text.strip()):
                break
            if found and any(not any(b.x0 < x1 and x0 < b.x1 for _, x0, x1 in found[1]) for b in new):
                break
        cells = _stack(lines[i:i + k])
        if not _header_like(cells):
            if found:
                break
            continue
        if found and _named(cells) <= _named(found[1]):
            break
        found = (k, cells)
    return found


def _coverage_cut(lo: float, hi: float, spans: Sequence[tuple[float, float]], least: float) -> float:
    """Where between two header centres (``lo``, ``hi``) the column border is: the middle
    of the first stretch covered by the fewest spans that is at least ``least`` wide (the
    widest when none is).  The first, because text is left-aligned or centred: a short
    left-aligned cell leaves a second empty stretch before its centred header, and the
    border is the one to its left."""
    edges = sorted({lo, hi, *(x for a, b in spans for x in (a, b) if lo < x < hi)})
    counted = [(sum(1 for s, e in spans if s < (a + b) / 2 < e), a, b) for a, b in zip(edges, edges[1:])]
    if not counted:
        return (lo + hi) / 2
    fewest = min(n for n, _, _ in counted)
    stretches: list[list[float]] = []  # neighbouring pieces with the fewest spans, merged
    for n, a, b in counted:
        if n != fewest:
            continue
        if stretches and stretches[-1][1] == a:
            stretches[-1][1] = b
        else:
            stretches.append([a, b])
    wide = [s for s in stretches if s[1] - s[0] >= least]
    a, b = wide[0] if wide else max(stretches, key=lambda s: s[1] - s[0])
    return (a + b) / 2


def _columns(header: Sequence[tuple[str, float, float]], lines: Sequence[Line], height: float) -> Columns:
    spans = [s for ln in lines for b in ln for s in _ink(b)] + [(x0, x1) for _, x0, x1 in header]
    cuts = []
    for (_, a0, a1), (_, b0, b1) in zip(header, header[1:]):
        cuts.append(_coverage_cut((a0 + a1) / 2, (b0 + b1) / 2, spans, MIN_GUTTER * height))
    seq = next((k for k, (t, _, _) in enumerate(header) if t in _SEQ_WORDS), None)
    return Columns(tuple(cuts), tuple((a + b) / 2 for _, a, b in header), seq)


def line_cells(line: Line, columns: Columns) -> list[str]:
    """One line of a table: the text of each column (empty ones kept)."""
    cells = [""] * (len(columns.cuts) + 1)
    for box in line:
        for piece in cut_box(box, columns.cuts):
            k = columns.index(piece.cx)
            cells[k] = glue(cells[k], piece.text)
    return cells


def _prose(line: Line, centres: Sequence[float]) -> bool:
    """Text over the middle of three columns or more: running text, not a table line (a
    cell's text may be wider than its centred header, but not that wide)."""
    return any(sum(1 for x in centres if b.x0 < x < b.x1) >= 3 for b in line)


def _extent(lines: Sequence[Line], start: int, centres: Sequence[float], height: float) -> int:
    """Index after the last table line from ``start`` on."""
    j = start
    while j < len(lines):
        line = lines[j]
        if is_page_number_line(join_boxes(line)) or _prose(line, centres):
            break
        if j > start and _gap(lines[j - 1], line) > END_GAP * height:
            break
        if find_header(lines, j) is not None:
            break
        j += 1
    return j


def _by_gap(lines: Sequence[Line], height: float) -> list[bool]:
    """Row starts where the space between two lines is clearly wider than the line spacing
    (the cell padding between rows)."""
    gaps = [_gap(a, b) for a, b in zip(lines, lines[1:])]
    if not gaps:
        return [True] * len(lines)
    leading = sorted(gaps)[len(gaps) // 4]
    return [True] + [g > leading + ROW_GAP * height for g in gaps]


def _row_starts(lines: Sequence[Line], cells: Sequence[list[str]], seq: int | None, height: float) -> list[bool]:
    """Which lines start a row.  With a 序号 column: the lines with a 序号 — unless the
    wider gaps between lines make rows with one 序号 each (the first may have none: it goes
    on from the page before), which is also right when cells are centred vertically and a
    序号 sits in the middle of its row."""
    by_gap = _by_gap(lines, height)
    if seq is None:
        return by_gap
    by_seq = [bool(c[seq]) for c in cells]
    groups: list[int] = []  # 序号 lines per row by gaps
    for new, has in zip(by_gap, by_seq):
        if new:
            groups.append(0)
        groups[-1] += has
    if len(groups) > 1 and all(n == 1 for n in groups[1:]) and groups[0] <= 1:
        return by_gap
    return by_seq


def _rows(lines: Sequence[Line], columns: Columns, height: float) -> list[tuple[str, ...]]:
    cells = [line_cells(ln, columns) for ln in lines]
    rows: list[list[list[str]]] = []
    for line, new in zip(cells, _row_starts(lines, cells, columns.seq, height)):
        if new or not rows:
            rows.append([[c] if c else [] for c in line])
        else:
            for k, c in enumerate(line):
                if c:
                    rows[-1][k].append(c)
    return [tuple("\n".join(cell) for cell in row) for row in rows]


def _table(lines: Sequence[Line], first: int, body: int, end: int, header: tuple[str, ...],
           columns: Columns, height: float) -> UnruledTable:
    boxes = [b for ln in lines[first:end] for b in ln]
    bbox = (min(b.x0 for b in boxes) - PAD, min(b.top for b in lines[first]) - PAD, max(b.x1 for b in boxes) + PAD,
            max(b.bottom for b in lines[end - 1]) + PAD)
    below = [ln for ln in lines[end:] if not is_page_number_line(join_boxes(ln))]
    return UnruledTable(header, tuple(_rows(lines[body:end], columns, height)), columns, first, end - 1,
                        bbox, not below)


def _continues(lines: Sequence[Line], columns: Columns) -> bool:
    """Does the page start with lines of the table on the page before (no header)?  Its
    first lines fit the columns and one of them has text in two columns or more (the first
    may hold only the end of a cell)."""
    for line in lines[:3]:
        if _prose(line, columns.centres):
            return False
        if sum(1 for c in line_cells(line, columns) if c) >= 2:
            return len(columns.cuts) >= 2
    return False


def find_tables(lines: Sequence[Line], carry: Columns | None = None) -> list[UnruledTable]:
    """The unruled task tables among a page's lines (from :func:`group_lines`), top to
    bottom.  ``carry``: the columns of a table that ran to the end of the page before; the
    page's first lines continue it when they fit its columns and no header comes first."""
    out: list[UnruledTable] = []
    i = 0
    while i < len(lines) and is_page_number_line(join_boxes(lines[i])):
        i += 1
    if carry is not None and i < len(lines) and find_header(lines, i) is None and _continues(lines[i:], carry):
        height = _height(lines[i:i + 1])
        end = _extent(lines, i, carry.centres, height)
        out.append(_table(lines, i, i, end, (), carry, height))
        i = end
    while i < len(lines):
        found = find_header(lines, i)
        if found is None:
            i += 1
            continue
        k, header = found
        height = _height(lines[i:i + k])
        end = _extent(lines, i + k, [(a + b) / 2 for _, a, b in header], height)
        columns = _columns(header, lines[i + k:end], height)
        table = _table(lines, i, i + k, end, tuple(t for t, _, _ in header), columns, height)
        if table.rows or table.at_page_end:  # a lone header-like line amid text is left alone
            out.append(table)
        i = max(end, i + k)
    return out
