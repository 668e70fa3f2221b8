"""Blocks -> UTF-8 text, in the seed's manner: paragraphs separated by blank lines, a table
as TAB-separated lines under a header line (merged cells left empty)."""

from __future__ import annotations

from .blocks import Block, PageBreak, Para, Table


def _table_lines(table: Table) -> list[str]:
    return ["\t".join(table.header), *("\t".join(row) for row in table.rows)]


def render_text(blocks: list[Block]) -> str:
    """The document as text; a page break is just the next paragraph."""
    parts: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            parts.append(b.text)
        elif isinstance(b, Table):
            parts.append("\n".join(_table_lines(b)))
        elif not isinstance(b, PageBreak):
            raise TypeError(b)
    return "\n\n".join(parts) + "\n"
