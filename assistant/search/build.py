"""Corpus folder -> parsed documents -> index on disk, rebuilt only when something changed.

"Something" is a document, its manifest entry, or the code and data that parse and
chunk documents (:func:`pipeline_hash`), so an upgrade never serves a stale parse.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.config import AssistantError, Settings, make_settings
from assistant.documents.corpus import corpus_hashes, doc_id_for, list_corpus
from assistant.types import Document

log = logging.getLogger(__name__)

#: what turns a file into chunks and tokens: whole wings, so no module can be forgotten
PIPELINE_PARTS = ("types.py", "text.py", "reading", "documents", "search/chunking.py", "search/tokenize.py", "data")


def pipeline_hash() -> str:
    """Hash of the code and data that turn files into the index: a change rebuilds it."""
    import hashlib

    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parent.parent
    for part in PIPELINE_PARTS:
        root = pkg / part
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for p in paths:
            if p.is_file() and p.suffix in (".py", ".toml", ".txt", ".tsv"):
                h.update(p.relative_to(pkg).as_posix().encode())
                h.update(p.read_bytes())
    return h.hexdigest()


def current_hashes(files: Sequence[Any]) -> dict[str, str]:
    return {**corpus_hashes(files), "__pipeline__": pipeline_hash()}


def build_documents(settings: Settings) -> tuple[list[Document], dict[str, str], list[str]]:
    """Ingest and parse every corpus file; bad files are reported, the rest go on."""
    from assistant.documents.parse import parse_document
    from assistant.reading.files import IngestError, read_document

    files = list_corpus(settings.corpus_dir)
    docs: list[Document] = []
    errors: list[str] = []
    seen: set[str] = set()
    for f in files:
        try:
            raw = read_document(f.path)
        except IngestError as e:
            log.error("%s", e)
            errors.append(str(e))
            continue
        doc_id = doc_id_for(f.path, f.entry)
        if doc_id in seen:
            doc_id = f"{doc_id}-{f.sha256[:6]}"
        seen.add(doc_id)
        try:
            docs.append(parse_document(raw, doc_id, f.entry))
        except Exception as e:  # one odd file must not take the others down
            log.exception("%s: cannot parse", f.path.name)
            errors.append(f"{f.path.name}: cannot parse ({type(e).__name__}: {e})")
    return docs, current_hashes(files), errors


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index folder (a CLI build while the UI adds a document):
    the second waits, then usually finds the index up to date."""
    import fcntl

    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".build.lock").open("w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def build(settings: Settings | None = None, *, force: bool = False, progress: bool = True,
          embedder: Any = None) -> tuple[str, list[str]]:
    """Build the index if missing/stale (or ``force``); returns (what happened, file errors)."""
    from assistant.search.store import build_index, index_status

    settings = settings or make_settings()
    files = list_corpus(settings.corpus_dir)
    with build_lock(Path(settings.index_dir)):
        # checksums are verified once, by open_index; here the manifest is enough
        status, reason = index_status(settings, current_hashes(files), verify=False)
        if status == "ok" and not force:
            return "index is up to date", []
        log.info("building index (%s: %s)", status, reason)
        docs, hashes, errors = build_documents(settings)
        if not docs:
            raise AssistantError(f"no readable documents in {settings.corpus_dir}")
        build_index(docs, hashes, settings, embedder=embedder, progress=progress)
    return f"built index of {len(docs)} document(s) ({status}: {reason})", errors
