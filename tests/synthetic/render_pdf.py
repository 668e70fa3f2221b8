"""Blocks -> a text PDF (fpdf2, A4, a CJK TrueType font) that reads like a printed plan.

Lines are cut at a fixed number of character cells (``fixtures_make._wrap``), not at
punctuation, so unit names and responsibility parentheses fall across line ends the way
they do in real typeset documents; every page carries the footer "— N —".  The renderer
also returns what it drew (:class:`PdfLayout`) so tests can check those properties without
re-reading the PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from fpdf import FPDF

from ..fixtures_make import _wrap
from .blocks import Block, PageBreak, Para, Table
from .fonts import corpus_font

LEFT, WIDTH = 20.0, 170.0  # mm: the text area
TOP, BOTTOM, FOOTER_Y = 26.0, 274.0, 287.0
PT = 0.3528  # mm per point
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)  # reproducible bytes

#: style -> (font size pt, alignment L/C/R, first-line indent in character cells, space before mm)
STYLES: dict[str, tuple[float, str, int, float]] = {
    "note": (10, "L", 0, 0), "issuer": (15, "C", 0, 1), "docno": (12, "C", 0, 4),
    "notice_title": (16, "C", 0, 5), "plain": (12, "L", 0, 2), "body": (12, "L", 2, 1),
    "sign": (12, "R", 0, 1), "title": (16, "C", 0, 8), "section": (12, "L", 2, 2),
    "clause": (12, "L", 2, 1), "attach": (12, "L", 0, 3), "table_title": (14, "C", 0, 3),
}
CELL_PT, CELL_LH, CELL_PAD = 10.0, 4.9, 1.2
#: character cells kept free at a line end: ``_wrap`` counts “ ” as half-width, the font does not
SLACK = 1.0


class NoCjkFont(RuntimeError):
    """No TrueType CJK font is installed (apt-get install fonts-wqy-microhei)."""


@dataclass
class PdfLayout:
    """What was drawn: lines of text (page, style, text) and the table rows that were
    continued on a next page."""

    pages: int = 0
    lines: list[tuple[int, str, str]] = field(default_factory=list)
    split_rows: list[str] = field(default_factory=list)


def _cells(width_mm: float, size: float) -> float:
    """How many full-width characters fit in ``width_mm`` at ``size`` points."""
    return width_mm / (size * PT)


_NO_LINE_START = "。，、；：！？）》”％%"
_NO_LINE_END = "（《“"
_ASCII_RUN = re.compile(r"[0-9A-Za-z.%]+$")


def kinsoku(lines: list[str]) -> list[str]:
    """Line-breaking rules a word processor follows: no closing punctuation at a line start,
    no opening bracket at a line end, no number cut in two.  A line may end up a character
    longer or shorter than the cut, as in real typeset text."""
    out = list(lines)
    for i in range(len(out) - 1):
        cur, nxt = out[i], out[i + 1]
        while nxt and nxt[0] in _NO_LINE_START:
            cur, nxt = cur + nxt[0], nxt[1:]
        while len(cur) > 1 and cur[-1] in _NO_LINE_END:
            cur, nxt = cur[:-1], cur[-1] + nxt
        run = _ASCII_RUN.search(cur)
        if run and nxt[:1].isascii() and nxt[:1].isalnum() and run.start() > 0:
            cur, nxt = cur[:run.start()], cur[run.start():] + nxt
        out[i], out[i + 1] = cur, nxt
    return [ln for ln in out if ln]


def wrap_para(text: str, width_cells: float, indent: int = 0) -> list[str]:
    """Lines of a paragraph whose first line is indented by ``indent`` cells."""
    if not indent:
        return kinsoku(_wrap(text, width_cells))
    first = _wrap(text, width_cells - indent)[0]
    return kinsoku([first, *_wrap(text[len(first):], width_cells)])


class _Writer:
    """One PDF being drawn top to bottom; keeps the page count and the cursor."""

    def __init__(self, font: str, title: str) -> None:
        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.set_auto_page_break(False)
        self.pdf.add_font("cjk", "", font)
        self.pdf.set_creation_date(FIXED_DATE)
        self.pdf.set_title(f"{title}（合成测试文件）")
        self.pdf.set_subject("合成测试文件，仅供测试")
        self.layout = PdfLayout()
        self.y = TOP

    def new_page(self) -> None:
        self.pdf.add_page()
        self.layout.pages += 1
        self.pdf.set_font("cjk", size=11)
        label = f"— {self.layout.pages} —"
        self.pdf.text(LEFT + (WIDTH - self.pdf.get_string_width(label)) / 2, FOOTER_Y, label)
        self.y = TOP

    def para(self, p: Para) -> None:
        size, align, indent, before = STYLES[p.style]
        lh = size * PT * 1.55
        self.y += before
        self.pdf.set_font("cjk", size=size)
        lines = wrap_para(p.text, _cells(WIDTH, size) - SLACK, indent)
        for k, line in enumerate(lines):
            if self.y + lh > BOTTOM:
                self.new_page()
            width = self.pdf.get_string_width(line)
            x = {"L": LEFT + (indent * size * PT if k == 0 else 0.0),
                 "C": LEFT + (WIDTH - width) / 2, "R": LEFT + WIDTH - width - 10}[align]
            self.pdf.text(x, self.y + lh * 0.75, line)
            self.layout.lines.append((self.layout.pages, p.style, line))
            self.y += lh

    # ------------------------------------------------------------ tables

    def _row(self, table: Table, cells: list[list[str]], header: bool = False) -> None:
        """Draw one row (or one page's part of a row) at the cursor."""
        n = max(1, *(len(c) for c in cells))
        h = n * CELL_LH + 2 * CELL_PAD
        self.pdf.set_font("cjk", size=CELL_PT)
        x = LEFT
        for lines, w in zip(cells, table.widths):
            if table.style == "ruled":
                self.pdf.rect(x, self.y, w, h)
            for k, line in enumerate(lines):
                lw = self.pdf.get_string_width(line)
                lx = x + (w - lw) / 2 if header else x + CELL_PAD
                self.pdf.text(lx, self.y + CELL_PAD + k * CELL_LH + CELL_LH * 0.78, line)
                self.layout.lines.append((self.layout.pages, "cell", line))
            x += w
        if header and table.style == "marked":
            self.pdf.line(LEFT, self.y + h, LEFT + WIDTH, self.y + h)
        self.y += h

    def _wrap_row(self, table: Table, row: tuple[str, ...]) -> list[list[str]]:
        return [wrap_para(c, _cells(w - 2 * CELL_PAD, CELL_PT) - SLACK) if c else [] for c, w in zip(row, table.widths)]

    def _table_page(self, table: Table) -> None:
        self.new_page()
        if table.style != "ruled":  # a ruled table is not given a repeated header row
            self._row(table, self._wrap_row(table, table.header), header=True)

    def table(self, table: Table) -> None:
        """Rows in order; a row that does not fit is cut and continued on the next page
        with an empty 序号 (and, unless ruled, under a repeated header)."""
        self._row(table, self._wrap_row(table, table.header), header=True)
        for row in table.rows:
            cells = self._wrap_row(table, row)
            while True:
                n = max(1, *(len(c) for c in cells))
                room = int((BOTTOM - self.y - 2 * CELL_PAD) // CELL_LH)
                if n <= room:
                    self._row(table, cells)
                    break
                if room >= 1:  # draw what fits, continue the rest
                    self._row(table, [c[:room] for c in cells])
                    self.layout.split_rows.append(row[0])
                    cells = [[] if j == 0 else c[room:] for j, c in enumerate(cells)]
                self._table_page(table)


def render_pdf(blocks: list[Block], title: str, font: str | None = None) -> tuple[bytes, PdfLayout]:
    """The document as PDF bytes, with the record of what was drawn."""
    font = font or corpus_font()
    if font is None:
        raise NoCjkFont("no TrueType CJK font found; install fonts-wqy-microhei")
    w = _Writer(font, title)
    w.new_page()
    for b in blocks:
        if isinstance(b, Para):
            w.para(b)
        elif isinstance(b, Table):
            w.table(b)
        elif isinstance(b, PageBreak):
            w.new_page()
        else:
            raise TypeError(b)
    return bytes(w.pdf.output()), w.layout
