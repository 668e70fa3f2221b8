"""Adding a document to the corpus: check it, copy it in, update the index, open it.

Separate from the facade because it writes: the corpus folder and the index change, so
it must leave them agreeing with each other whatever goes wrong — a bad file is refused
before anything is written, and a failure after the copy takes the file out again and
brings the index back to the corpus without it.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from assistant.config import AssistantError, Settings
from assistant.documents.corpus import doc_id_for
from assistant.documents.parse import parse_document
from assistant.reading.files import SUPPORTED, IngestError, read_document
from assistant.search.build import build
from assistant.search.store import Index, open_index
from assistant.types import Document

log = logging.getLogger(__name__)


def add_to_corpus(settings: Settings, src: Path, *, embedder: Any = None, name: str | None = None,
                  progress: bool = False) -> tuple[Index, Document, list[str]]:
    """Check a new file, copy it into the corpus, update the index (only this document is
    parsed and embedded) and open it: returns the new index, the parsed document and the
    corpus' file problems.  The index being served is not touched and keeps answering
    meanwhile — the caller swaps when all is done.

    The file is read *before* it is copied: a bad file raises a one-line AssistantError
    and leaves corpus and index exactly as they were."""
    target = settings.corpus_dir / (name or src.name)
    if target.name.startswith((".", "~$")) or target.suffix.lower() not in SUPPORTED:
        raise AssistantError(f"{target.name}: not a document name the corpus accepts (.txt, .pdf, .docx)")
    existed = target.exists()
    if existed and target.read_bytes() != src.read_bytes():
        raise AssistantError(f"{target.name}: a different file with this name is already in the corpus")
    try:
        raw = read_document(src)
    except IngestError as e:
        raise AssistantError(str(e)) from None
    if not parse_document(raw, doc_id_for(target, {}), {}).text.strip():
        raise AssistantError(f"{src.name}: no text found")
    tmp = target.with_name(f".{target.name}.part")
    shutil.copyfile(src, tmp)
    tmp.replace(target)
    try:
        report = build(settings, progress=progress, embedder=embedder)
        index = open_index(settings, embedder=embedder)
    except BaseException:
        _take_back(settings, target, existed, embedder)
        raise
    added = next((d for d in index.documents if d.meta.file == target.name), None)
    if added is None:  # read, but the build skipped it (a duplicate of another file, say)
        why = report.skipped.get(target.name, "no text could be parsed")
        _take_back(settings, target, existed, embedder)
        raise AssistantError(f"{target.name}: not added ({why})")
    return index, added, report.errors


def _take_back(settings: Settings, target: Path, existed: bool, embedder: Any) -> None:
    """Remove a file this call copied in and bring the index back to the corpus without
    it (the update may have been published before the failure)."""
    if existed:
        return
    target.unlink(missing_ok=True)
    try:
        build(settings, progress=False, embedder=embedder)
    except Exception as e:  # noqa: BLE001 - the next load rebuilds; say so, keep the first error
        log.error("the index still lists %s; the next start rebuilds it (%s)", target.name, e)
