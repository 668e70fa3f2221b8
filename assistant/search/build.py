"""Corpus folder -> parsed documents -> index, doing only the work a change needs.

A file whose bytes, manifest entry and parsing code are unchanged keeps its parsed
document and its chunks (hard-linked from the previous generation), and the backend is
updated per document: ``delete`` what was removed or changed, ``upsert`` the new chunks.
Everything is rebuilt when the settings, the model, the backend or the parsing code
change.  Files that cannot be indexed are recorded with their reason in the manifest, so
every later build and ``corpus`` still report them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import INDEX_FORMAT_VERSION, AssistantError, Settings, make_settings
from assistant.documents.corpus import CorpusFile, corpus_hashes, doc_id_for, list_corpus
from assistant.search.backends import new_backend, open_backend
from assistant.search.backends.base import SearchBackend
from assistant.search.backends.faiss import FaissBackend
from assistant.search.chunking import chunk_document
from assistant.search.embedding import Embedder, embedder_identity
from assistant.search.store import (
    IndexCorrupt,
    expected,
    index_status,
    live_manifest,
    make_encoder,
    publish,
    read_document_file,
    remove_old,
    seal,
    settings_change,
)
from assistant.search.tokenize import Tokenizer, corpus_terms
from assistant.types import Chunk, Document, document_to_dict

log = logging.getLogger(__name__)

#: what turns a file into chunks and tokens: whole parts, so no module can be forgotten
PIPELINE_PARTS = ("types.py", "text.py", "reading", "documents", "search/chunking.py", "search/tokenize.py", "data")


def pipeline_hash() -> str:
    """Hash of the code and data that turn files into chunks: a change rebuilds the index."""
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


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the CLI, the UI and the logs."""

    action: str  # "up to date" | "built" | "updated"
    reason: str = ""
    documents: int = 0
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reused: int = 0
    skipped: dict[str, str] = field(default_factory=dict)  # file -> why it is not indexed
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # file -> what parsing worked around
    seconds: float = 0.0

    @property
    def errors(self) -> list[str]:
        return [f"{name}: {why}" for name, why in sorted(self.skipped.items())]

    @property
    def warnings(self) -> list[str]:
        return [f"{name}: {note}" for name, notes in sorted(self.notes.items()) for note in notes]

    def summary(self) -> str:
        if self.action == "up to date":
            return f"index is up to date ({self.documents} document(s))"
        what = f"{self.action} index of {self.documents} document(s) in {self.seconds:.1f}s ({self.reason})"
        if self.action == "updated":
            what += f": {len(self.added)} parsed, {len(self.removed)} removed, {self.reused} reused"
        return what


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index folder (a CLI build while the UI adds a document):
    the second waits, then usually finds the index up to date."""
    from filelock import FileLock

    index_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(index_dir / ".build.lock")):
        yield


def _skipped_of(manifest: dict[str, Any] | None) -> dict[str, str]:
    return {f: d.get("reason", "") for f, d in ((manifest or {}).get("skipped") or {}).items()}


def build(settings: Settings | None = None, *, force: bool = False, progress: bool = True,
          embedder: Embedder | None = None) -> BuildReport:
    """Bring the index up to date with the corpus folder (everything again with ``force``)."""
    settings = settings or make_settings()
    index_dir = Path(settings.index_dir)
    pipeline = pipeline_hash()
    if not force:  # reading needs no lock (and works on a read-only index)
        status, reason = index_status(settings, corpus_hashes(list_corpus(settings.corpus_dir)), pipeline,
                                      verify=False)
        if status == "ok" and not _pending(settings):
            return _up_to_date(index_dir, reason)
    try:
        with build_lock(index_dir):
            # the corpus is read again under the lock: another build may have run meanwhile
            files = list_corpus(settings.corpus_dir)
            status, reason = index_status(settings, corpus_hashes(files), pipeline, verify=False)
            if _pending(settings):
                status, reason = "stale", f"an update of the {settings.backend} backend was interrupted"
            if status == "ok" and not force:
                return _up_to_date(index_dir, reason)
            return _build_locked(settings, files, pipeline, "forced" if force else f"{status}: {reason}",
                                 incremental=status == "stale" and not force, progress=progress,
                                 embedder=embedder)
    except OSError as e:
        raise AssistantError(f"cannot write the index in {index_dir} ({e.strerror or e}); "
                             "the previous index, if any, is unchanged") from None


def _up_to_date(index_dir: Path, reason: str) -> BuildReport:
    live = live_manifest(index_dir)
    manifest = live[1] if live else None
    return BuildReport("up to date", reason, documents=len((manifest or {}).get("documents", {})),
                       skipped=_skipped_of(manifest))


@dataclass
class _Plan:
    """Which documents are reused from the previous generation and which are parsed."""

    entries: dict[str, dict[str, Any]] = field(default_factory=dict)  # file -> manifest entry
    documents: list[Document] = field(default_factory=list)
    chunks: dict[str, list[Chunk]] = field(default_factory=dict)  # doc_id -> chunks
    parsed: list[str] = field(default_factory=list)  # doc ids parsed in this build
    reused: dict[str, Path] = field(default_factory=dict)  # doc id -> its file in the previous generation
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # file -> parse warnings
    skipped: dict[str, dict[str, str]] = field(default_factory=dict)


def _plan(settings: Settings, files: Sequence[CorpusFile], previous: tuple[Path, dict[str, Any]] | None,
          progress: bool) -> _Plan:
    from assistant.documents.parse import parse_document
    from assistant.reading.files import IngestError, read_document

    hashes = corpus_hashes(files)
    before = previous[1]["documents"] if previous else {}
    plan = _Plan()
    taken: set[str] = set()
    todo = [f for f in files if f.problem is None]
    for f in files:
        if f.problem is not None:
            plan.skipped[f.name] = {"hash": hashes[f.name], "reason": f.problem}
    bar = _bar(len(todo), progress, "documents")
    for f in todo:
        old = before.get(f.name)
        if previous and old and old["hash"] == hashes[f.name] and old["doc_id"] not in taken:
            path = previous[0] / "docs" / f"{old['doc_id']}.json"
            doc, chunks = read_document_file(path)
            plan.reused[doc.id] = path
        else:
            try:
                raw = read_document(f.path, ocr_cache=settings.resolved_cache_dir / "ocr")
            except IngestError as e:
                plan.skipped[f.name] = {"hash": hashes[f.name], "reason": e.reason}
                log.warning("skipped %s", e)
                continue
            doc_id = doc_id_for(f.path, f.entry)
            if doc_id in taken:
                doc_id = f"{doc_id}-{f.sha256[:6]}"
            try:
                doc = parse_document(raw, doc_id, f.entry)
            except Exception as e:  # noqa: BLE001 - one odd file must not take the others down
                log.exception("%s: cannot parse", f.name)
                plan.skipped[f.name] = {"hash": hashes[f.name], "reason": f"cannot parse ({type(e).__name__})"}
                continue
            chunks = chunk_document(doc, settings)
            plan.parsed.append(doc.id)
            if doc.warnings:
                plan.notes[f.name] = doc.warnings
        taken.add(doc.id)
        plan.documents.append(doc)
        plan.chunks[doc.id] = chunks
        plan.entries[f.name] = {"hash": hashes[f.name], "doc_id": doc.id, "chunks": len(chunks)}
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return plan


def parse_corpus(settings: Settings) -> tuple[list[Document], dict[str, str]]:
    """Every readable document of the corpus folder, parsed, and why the others are not
    (no index is read or written): for scripts that need documents without an index."""
    plan = _plan(settings, list_corpus(settings.corpus_dir), None, progress=False)
    return plan.documents, {n: d["reason"] for n, d in plan.skipped.items()}


def _bar(total: int, show: bool, desc: str) -> Any:
    if not show or total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="file")


def _build_locked(settings: Settings, files: Sequence[CorpusFile], pipeline: str, reason: str, *,
                  incremental: bool, progress: bool, embedder: Embedder | None) -> BuildReport:
    t0 = time.perf_counter()
    index_dir = Path(settings.index_dir)
    try:
        live = live_manifest(index_dir)
    except IndexCorrupt:
        live = None
    previous = live if incremental and live and live[1].get("pipeline") == pipeline \
        and not settings_change(live[1], settings) and not _pending(settings) else None
    plan = _plan(settings, files, previous, progress)
    if not plan.documents:
        why = "; ".join(f"{n}: {d['reason']}" for n, d in sorted(plan.skipped.items()))
        raise AssistantError(f"no readable documents in {settings.corpus_dir}" + (f" ({why})" if why else ""))
    tokenizer = Tokenizer(corpus_terms(plan.documents))
    encoder = make_encoder(settings, embedder, progress=progress)
    removed = sorted(set(previous[1]["documents"][f]["doc_id"] for f in previous[1]["documents"])
                     - set(plan.reused)) if previous else []
    if previous is not None:
        saved = json.loads((previous[0] / "tokenizer.json").read_text(encoding="utf-8"))
        # the same vocabulary (most updates): the new tokenizer is the old one, built once
        old_tok = tokenizer if saved.get("dict_hash") == tokenizer.dict_hash else Tokenizer.from_dict(saved)
        backend = open_backend(settings, previous[0], encoder, old_tok)
        _mark_pending(settings, [*removed, *plan.parsed])
        if isinstance(backend, FaissBackend):
            n = backend.retokenize(tokenizer, set(old_tok.user_words) ^ set(tokenizer.user_words))
            log.info("vocabulary changed: %d chunk(s) tokenized again", n)
        for doc_id in removed:
            backend.delete(doc_id)
        backend.upsert([c for d in plan.parsed for c in plan.chunks[d]])
    else:
        backend = new_backend(settings, encoder, tokenizer)
        _mark_pending(settings, ["*"])
        backend.upsert([c for d in plan.documents for c in plan.chunks[d.id]])
        if encoder is not None:
            from assistant.search.chunking import index_text

            encoder.prune(index_text(c) for cs in plan.chunks.values() for c in cs)
    manifest = _manifest(settings, plan, tokenizer, encoder, pipeline, backend)
    gen = _write(index_dir, manifest, plan, tokenizer, backend)
    _mark_pending(settings, [])
    action = "updated" if previous is not None else "built"
    report = BuildReport(action, reason, documents=len(plan.documents), added=tuple(plan.parsed),
                         removed=tuple(removed), reused=len(plan.reused),
                         skipped={n: d["reason"] for n, d in plan.skipped.items()}, notes=plan.notes,
                         seconds=time.perf_counter() - t0)
    log.info("index %s: %s", gen.name, report.summary())
    return report


def _manifest(settings: Settings, plan: _Plan, tokenizer: Tokenizer, encoder: Any, pipeline: str,
              backend: SearchBackend) -> dict[str, Any]:
    kinds = [c.kind for cs in plan.chunks.values() for c in cs]
    return {
        **expected(settings),
        "format_version": INDEX_FORMAT_VERSION,
        "build_id": f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}",
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "pipeline": pipeline,
        "model": embedder_identity(settings, encoder.embedder) if encoder is not None else None,
        "tokenizer": {"dict_hash": tokenizer.dict_hash, "user_words": len(tokenizer.user_words)},
        "documents": plan.entries,
        "skipped": plan.skipped,
        "counts": {"documents": len(plan.documents), "chunks": backend.count(), "header": kinds.count("header"),
                   "clause": kinds.count("clause"), "row": kinds.count("row")},
    }


def _write(index_dir: Path, manifest: dict[str, Any], plan: _Plan, tokenizer: Tokenizer,
           backend: SearchBackend) -> Path:
    """A new generation: documents (reused ones hard-linked), tokenizer, backend, manifest."""
    tmp = index_dir / f".tmp-gen-{manifest['build_id']}"
    (tmp / "docs").mkdir(parents=True)
    try:
        for doc in plan.documents:
            target = tmp / "docs" / f"{doc.id}.json"
            src = plan.reused.get(doc.id)
            if src is not None:
                try:
                    os.link(src, target)
                    continue
                except OSError:  # another file system, or links not allowed: copy
                    shutil.copyfile(src, target)
                    continue
            payload = {"document": document_to_dict(doc), "chunks": [c.to_dict() for c in plan.chunks[doc.id]]}
            target.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        (tmp / "tokenizer.json").write_text(json.dumps(tokenizer.to_dict(), ensure_ascii=False), encoding="utf-8")
        backend.save(tmp)
        seal(tmp, manifest)
        try:
            previous = live_manifest(index_dir)
        except IndexCorrupt:
            previous = None
        gen = publish(index_dir, tmp, manifest["build_id"])
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    remove_old(index_dir, gen, previous[0] if previous else None)
    return gen


# ---------------------------------------------------------------- a server backend's half-done update

def _pending_file(settings: Settings) -> Path:
    return Path(settings.index_dir) / f"{settings.backend}.pending"


def _pending(settings: Settings) -> bool:
    """A server backend (Milvus) changes in place: an update killed half-way is marked
    by this file, and the next build starts from scratch.  File backends never need it."""
    return settings.backend != "faiss" and _pending_file(settings).exists()


def _mark_pending(settings: Settings, doc_ids: Sequence[str]) -> None:
    if settings.backend == "faiss":
        return
    path = _pending_file(settings)
    if doc_ids:
        path.write_text("\n".join(doc_ids), encoding="utf-8")
    else:
        path.unlink(missing_ok=True)
