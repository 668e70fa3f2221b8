"""Adding a document to the corpus: check it, copy it in, rebuild the index, open it.

Separate from the facade because it writes: the corpus folder and the index change,
so it must leave both exactly as they were when anything goes wrong.
"""

from __future__ import annotations

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


def add_to_corpus(settings: Settings, src: Path, *, embedder: Any = None, name: str | None = None,
                  progress: bool = False) -> tuple[Index, Document, list[str]]:
    """Check a new file, copy it into the corpus, update the index and open it: returns
    the new index, the parsed document and the corpus' file errors.  The index being
    served is not touched and can keep answering meanwhile — the web UI swaps only when
    all is done.

    The file is ingested *before* it is copied: a bad file raises a one-line
    AssistantError and leaves corpus and index exactly as they were."""
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

    def reopen() -> tuple[Index, list[str]]:
        _, errors = build(settings, progress=progress, embedder=embedder)
        return open_index(settings, embedder=embedder), errors

    tmp = target.with_name(f".{target.name}.part")
    shutil.copyfile(src, tmp)
    tmp.replace(target)
    try:
        fresh, errors = reopen()
    except Exception:
        if not existed:
            target.unlink(missing_ok=True)  # the old index is untouched: the swap never happened
        raise
    added = next((d for d in fresh.documents if d.meta.file == target.name), None)
    if added is None:  # read but not parsed: take it out again, the corpus stays as it was
        if not existed:
            target.unlink(missing_ok=True)
            reopen()
        raise AssistantError(f"{target.name}: not added ({'; '.join(errors) or 'no text could be parsed'})")
    return fresh, added, errors
