"""Positioned pieces of text and how they make lines: shared by the OCR layout and the
text-PDF table reader.

An OCR box and a pdfplumber word are the same thing for reading order — text with x0 / top /
x1 / bottom in PDF points from the top-left corner — so there is one box type and one copy
of the line grouping and cutting rules, whichever engine found the text.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

TAB_GAP = 1.0  # boxes on one line further apart than this many line heights are separate cells
LINE_OVERLAP = 0.5  # a box is on a line when it overlaps it by half the smaller height


@dataclass(frozen=True)
class OcrBox:
    """Recognised text and where it is on the page, in PDF points from the top-left.

    ``chars`` are (x0, x1) of each non-blank character of ``text`` when the engine gave
    them (pdfplumber always, RapidOCR usually): a box drawn over two table cells is cut
    between the right characters.  Without them the positions are estimated."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    score: float = 1.0
    chars: tuple[tuple[float, float], ...] = ()

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def glue(a: str, b: str) -> str:
    """Two pieces of one line: a space only between Latin letters or digits."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


def join_boxes(line: Sequence[OcrBox]) -> str:
    text = ""
    for b in line:
        text = glue(text, b.text)
    return text


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


def merge(a: OcrBox, b: OcrBox) -> OcrBox:
    """One box of two neighbours on a line (``a`` left of ``b``)."""
    chars = a.chars + b.chars if a.chars and b.chars else ()
    return OcrBox(glue(a.text, b.text), a.x0, min(a.top, b.top), max(a.x1, b.x1), max(a.bottom, b.bottom),
                  min(a.score, b.score), chars)


def segments(line: Sequence[OcrBox]) -> list[OcrBox]:
    """Join the boxes of a line that are close; far-apart ones stay separate (cells)."""
    height = statistics.median(b.height for b in line)
    out = [line[0]]
    for b in line[1:]:
        if b.x0 - out[-1].x1 > TAB_GAP * height:
            out.append(b)
        else:
            out[-1] = merge(out[-1], b)
    return out


def union(spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping (start, end) spans merged, sorted."""
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _width(c: str) -> float:
    return 0.5 if ord(c) < 0x2E80 else 1.0


def char_spans(box: OcrBox) -> list[tuple[int, float, float]]:
    """(index into text, x0, x1) of each non-blank character: the engine's positions when
    they match the text, else the box width shared out by character width (a CJK
    character is twice as wide as a digit)."""
    idx = [i for i, c in enumerate(box.text) if not c.isspace()]
    if box.chars and len(box.chars) == len(idx):
        return [(i, a, b) for i, (a, b) in zip(idx, box.chars)]
    total = sum(_width(box.text[i]) for i in idx) or 1.0
    out, x = [], box.x0
    for i in idx:
        w = (box.x1 - box.x0) * _width(box.text[i]) / total
        out.append((i, x, x + w))
        x += w
    return out


def cut_box(box: OcrBox, cuts: Sequence[float]) -> list[OcrBox]:
    """Cut a box wherever an x in ``cuts`` (a column border) runs between the centres of
    two of its characters; each piece keeps its characters' positions."""
    inside = [x for x in cuts if box.x0 < x < box.x1]
    if not inside:
        return [box]
    spans = char_spans(box)
    groups: list[list[tuple[int, float, float]]] = []
    for s in spans:
        k = bisect_right(inside, (s[1] + s[2]) / 2)
        if groups and bisect_right(inside, (groups[-1][-1][1] + groups[-1][-1][2]) / 2) == k:
            groups[-1].append(s)
        else:
            groups.append([s])
    if len(groups) <= 1:
        return [box]
    out = []
    for n, g in enumerate(groups):
        start = 0 if n == 0 else g[0][0]
        end = groups[n + 1][0][0] if n + 1 < len(groups) else len(box.text)
        text = box.text[start:end].strip()
        x0 = box.x0 if n == 0 else g[0][1]
        x1 = box.x1 if n == len(groups) - 1 else g[-1][2]
        out.append(replace(box, text=text, x0=x0, x1=x1, chars=tuple((a, b) for _, a, b in g)))
    return out
