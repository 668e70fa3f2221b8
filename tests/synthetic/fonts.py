"""The CJK font for the SYNTHETIC PDFs, cut down once to the characters the documents use.

fpdf2 parses the whole TrueType collection for every PDF (about a second for
wqy-microhei), which would make the matrix slow; a subset of a few hundred glyphs, made
once and kept in the temporary folder under a content hash, parses in milliseconds and
gives the same PDF bytes on every run.
"""

from __future__ import annotations

import hashlib
import os
import string
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..fixtures_make import find_cjk_font

SUBSET_VERSION = 3  # bump when _subset changes, so a stale cached font is not reused
EXTRA = string.printable + "—（）：；，。、“”《》〔〕％"


def _subset(src: str, chars: str, dest: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(src, fontNumber=0)
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False  # post format 3: fpdf2 need not decode thousands of names
    opts.drop_tables += ["FFTM"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted({ord(c) for c in chars}))
    sub.subset(font)
    tmp = dest.with_suffix(f".{os.getpid()}.tmp")
    font.save(str(tmp))
    os.replace(tmp, dest)  # atomic: parallel runs never read half a file


@lru_cache(maxsize=8)
def _cached(src: str, chars: str) -> str:
    key = hashlib.sha256(f"{SUBSET_VERSION}\0{src}\0{chars}".encode()).hexdigest()[:16]
    dest = Path(tempfile.gettempdir()) / f"synthetic-cjk-{key}.ttf"
    if not dest.is_file():
        _subset(src, chars, dest)
    return str(dest)


def _block_texts() -> Iterable[str]:
    from .blocks import Para, Table, blocks
    from .content import DOCUMENTS
    from .layouts import LAYOUTS

    for doc in DOCUMENTS:
        yield doc.header.title
        for layout in LAYOUTS:
            for b in blocks(layout, doc):
                if isinstance(b, Para):
                    yield b.text
                elif isinstance(b, Table):
                    yield from b.header
                    yield from (c for row in b.rows for c in row)


@lru_cache(maxsize=1)
def corpus_font() -> str | None:
    """The font for every synthetic PDF: one fixed character set (all documents, all
    layouts), so a PDF's bytes do not depend on which other cells are generated."""
    return cjk_font(_block_texts())


def cjk_font(texts: Iterable[str]) -> str | None:
    """Path of a TrueType font covering ``texts`` (None when no CJK font is installed)."""
    src = find_cjk_font()
    if src is None:
        return None
    chars = "".join(sorted(set("".join(texts)) | set(EXTRA)))
    return _cached(src, chars)
