"""The test matrix: layout × level × file kind, each cell one SYNTHETIC file with its gold.

>>> from tests.synthetic.matrix import cells
>>> for cell in cells(kinds=["txt"], levels=["county"]):
...     path = cell.write(tmp_dir)           # the file
...     gold = cell.gold()                   # header, unit map, tasks, targets
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .blocks import blocks
from .content import BY_LEVEL
from .gold import document_gold
from .layouts import KINDS, LAYOUTS, VALID_KINDS
from .model import LEVELS, Document
from .render_docx import render_docx
from .render_pdf import PdfLayout, render_pdf
from .render_scan import render_scan
from .render_text import render_text

EXTENSIONS = {"txt": "txt", "pdf": "pdf", "scan": "pdf", "docx": "docx"}


@dataclass(frozen=True)
class Cell:
    """One file of the matrix."""

    layout: str
    kind: str
    level: str

    @property
    def doc(self) -> Document:
        return BY_LEVEL[self.level]

    @property
    def folder(self) -> str:
        """The corpus folder this cell belongs in: one per layout and kind."""
        return f"{self.layout}-{self.kind}"

    @property
    def filename(self) -> str:
        return f"{self.doc.stem}.{EXTENSIONS[self.kind]}"

    def text(self) -> str:
        """The document's text in this layout (what the txt kind writes)."""
        return render_text(blocks(self.layout, self.doc))

    def pdf(self) -> tuple[bytes, PdfLayout]:
        """The text PDF of this layout and what was drawn (also the source of the scan)."""
        return render_pdf(blocks(self.layout, self.doc), self.doc.header.title)

    def content(self) -> bytes:
        """The file's bytes; the same on every run."""
        if self.kind == "txt":
            return self.text().encode("utf-8")
        if self.kind == "pdf":
            return self.pdf()[0]
        if self.kind == "scan":
            return render_scan(self.pdf()[0], self.doc.header.title)
        return render_docx(blocks(self.layout, self.doc), self.doc.header.title)

    def write(self, directory: Path | str) -> Path:
        """Write the file into ``directory`` (created if needed) and return its path."""
        path = Path(directory) / self.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.content())
        return path

    def gold(self) -> dict[str, Any]:
        """Header, unit map, tasks and targets, plus where the file is."""
        return {"file": self.filename, "kind": self.kind, **document_gold(self.layout, self.doc)}


def _pick(name: str, given: Iterable[str] | None, known: tuple[str, ...]) -> tuple[str, ...]:
    if given is None:
        return known
    chosen = tuple(given)
    unknown = [x for x in chosen if x not in known]
    if unknown:
        raise ValueError(f"unknown {name}: {', '.join(unknown)} (known: {', '.join(known)})")
    return chosen


def cells(kinds: Iterable[str] | None = None, layouts: Iterable[str] | None = None,
          levels: Iterable[str] | None = None) -> list[Cell]:
    """Every valid cell, optionally restricted; order: layout, kind, level."""
    ks = _pick("kinds", kinds, KINDS)
    ls = _pick("layouts", layouts, LAYOUTS)
    vs = _pick("levels", levels, LEVELS)
    return [Cell(layout, kind, level) for layout in ls for kind in VALID_KINDS[layout] if kind in ks
            for level in vs]
