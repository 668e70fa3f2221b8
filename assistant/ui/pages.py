"""The cited page of a PDF, as a picture a clerk can open under a citation card.

A page is rendered once (pypdfium2) into a cache folder the server may serve
(``launch(allowed_paths=[...])``) and named by the PDF's content hash and the page number,
so a changed file never shows an old picture.  Rendering fails quietly: a card without a
picture still has the quoted text.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from pathlib import Path

log = logging.getLogger(__name__)

#: 1.5 x 72 dpi: an A4 page about 900 px wide, readable on a desktop and on a phone
SCALE = 1.5
FILE_ROUTE = "gradio_api/file="


class PageImages:
    """PNG files of PDF pages, rendered on first request and kept in ``folder``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._hashes: dict[tuple[str, float], str] = {}

    def image(self, pdf: Path, page: int) -> Path | None:
        """The picture of page ``page`` (1-based) of ``pdf``, or None when it cannot be made."""
        if pdf.suffix.lower() != ".pdf" or page < 1 or not pdf.is_file():
            return None
        try:
            out = self.folder / f"{self._hash(pdf)}-p{page}.png"
            if not out.exists():
                self._render(pdf, page, out)
            return out
        except Exception as e:  # noqa: BLE001 - a missing picture must not lose the answer
            log.warning("cannot render page %s of %s: %s", page, pdf.name, e)
            return None

    def url(self, pdf: Path, page: int) -> str | None:
        """Where the page's browser finds the picture (relative to the page's base URL)."""
        img = self.image(pdf, page)
        return f"{FILE_ROUTE}{img.resolve()}" if img is not None else None

    def _hash(self, pdf: Path) -> str:
        key = (str(pdf.resolve()), pdf.stat().st_mtime)
        if key not in self._hashes:
            self._hashes[key] = hashlib.sha256(pdf.read_bytes()).hexdigest()[:16]
        return self._hashes[key]

    def _render(self, pdf: Path, page: int, out: Path) -> None:
        import pypdfium2 as pdfium

        with self._lock:  # pdfium is not thread-safe
            doc = pdfium.PdfDocument(str(pdf))
            try:
                if page > len(doc):
                    raise ValueError(f"the PDF has {len(doc)} pages")
                image = doc[page - 1].render(scale=SCALE).to_pil()
            finally:
                doc.close()
        fd, tmp = tempfile.mkstemp(suffix=".png", dir=self.folder)
        os.close(fd)
        image.save(tmp, format="PNG", optimize=True)
        os.replace(tmp, out)
