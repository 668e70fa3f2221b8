"""The index on disk: generations of plain files, a manifest, and the search backend.

    index/CURRENT                      names the live generation
    index/gen-<id>/manifest.json       what it was built from; size + SHA-256 of every file
    index/gen-<id>/tokenizer.json      the BM25 vocabulary (corpus words + data files)
    index/gen-<id>/docs/<doc>.json     one parsed Document and its chunks
    index/gen-<id>/faiss/              the faiss backend (none for milvus: its data is in Milvus)
    index/milvus.db                    Milvus Lite, when ASSISTANT_BACKEND=milvus
    index/cache/                       embeddings by text hash, the ONNX export, OCR output

A build writes a hidden temp folder, fsyncs it, renames it to ``gen-*`` and only then
replaces ``CURRENT``, so a build killed at any point leaves the previous index working;
readers never lock.  A generation's files are never changed after publication, so the
next build hard-links the documents it reuses.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config import INDEX_FORMAT_VERSION, AssistantError, Settings
from assistant.search.backends import open_backend
from assistant.search.backends.base import SearchBackend
from assistant.search.chunking import CHUNKER_VERSION
from assistant.search.embedding import Embedder, embedder_identity, get_embedder, phrase_embedder
from assistant.search.encoder import ChunkEncoder
from assistant.search.tokenize import Tokenizer, resources_hash
from assistant.types import Chunk, Document, document_from_dict, file_sha256

log = logging.getLogger(__name__)

REBUILD_HINT = "rebuild it with: python -m assistant build --force"


class IndexCorrupt(AssistantError):
    """The index cannot be read (truncated, checksum mismatch, wrong format)."""


class IndexMissing(IndexCorrupt):
    """There is no index yet (a subclass so one ``except IndexCorrupt`` covers both)."""


@dataclass
class Index:
    """An opened generation: what the facade answers from."""

    manifest: dict[str, Any]
    documents: list[Document]
    chunks: list[Chunk]
    backend: SearchBackend
    tokenizer: Tokenizer
    encoder: ChunkEncoder | None = None
    directory: Path | None = None


# ---------------------------------------------------------------- generations

def current_generation(index_dir: Path) -> Path | None:
    """The live gen-* folder named by CURRENT, or None when there is no CURRENT."""
    current = Path(index_dir) / "CURRENT"
    try:
        raw = current.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise IndexCorrupt(f"cannot read {current} ({e.strerror or e}); {REBUILD_HINT}") from None
    try:
        name = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise IndexCorrupt(f"{current} is garbled (not UTF-8); {REBUILD_HINT}") from None
    if not name.startswith("gen-") or "/" in name or "\\" in name or len(name) > 100:
        raise IndexCorrupt(f"{current} names {name[:40]!r}, not a gen-* folder; {REBUILD_HINT}")
    return Path(index_dir) / name


def read_manifest(gen: Path) -> dict[str, Any]:
    """The manifest of a generation, its shape checked: a malformed one is IndexCorrupt."""
    path = gen / "manifest.json"
    try:
        manifest = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise IndexCorrupt(f"index generation {gen.name} has no manifest.json; {REBUILD_HINT}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise IndexCorrupt(f"index manifest {path} is unreadable ({type(e).__name__}); {REBUILD_HINT}") from None
    shapes = {"format_version": int, "files": dict, "documents": dict, "backend": dict, "counts": dict}
    bad = [k for k, t in shapes.items() if not isinstance(manifest, dict) or not isinstance(manifest.get(k), t)]
    if not bad:
        bad = [f"files[{k!r}]" for k, v in manifest["files"].items()
               if not (isinstance(v, dict) and isinstance(v.get("size"), int) and isinstance(v.get("sha256"), str))]
        bad += [f"documents[{k!r}]" for k, v in manifest["documents"].items()
                if not (isinstance(v, dict) and isinstance(v.get("doc_id"), str) and isinstance(v.get("hash"), str))]
    if bad:
        raise IndexCorrupt(f"index manifest {path} is malformed ({', '.join(bad[:3])}); {REBUILD_HINT}")
    return manifest


def verify_files(gen: Path, manifest: Mapping[str, Any], checksums: bool = True) -> None:
    for rel, info in manifest["files"].items():
        path = gen / rel
        if not path.is_file():
            raise IndexCorrupt(f"index file {rel} is missing; {REBUILD_HINT}")
        if path.stat().st_size != info["size"]:
            raise IndexCorrupt(f"index file {rel} has {path.stat().st_size} bytes, "
                               f"manifest says {info['size']}; {REBUILD_HINT}")
        if checksums and file_sha256(path) != info["sha256"]:
            raise IndexCorrupt(f"index file {rel} fails its checksum; {REBUILD_HINT}")


def live_manifest(index_dir: Path) -> tuple[Path, dict[str, Any]] | None:
    """(generation, manifest) of the live index; None when missing, IndexCorrupt when broken."""
    gen = current_generation(index_dir)
    if gen is None:
        return None
    if not gen.is_dir():
        raise IndexCorrupt(f"index CURRENT names {gen.name}, which does not exist; {REBUILD_HINT}")
    return gen, read_manifest(gen)


# ---------------------------------------------------------------- status

def expected(settings: Settings) -> dict[str, Any]:
    """The manifest fields an index built now with these settings must have to be reused."""
    backend: dict[str, Any] = {"name": settings.backend}
    if settings.backend == "milvus":
        backend.update(uri=settings.resolved_milvus_uri, collection=settings.milvus_collection)
    return {
        "format_version": INDEX_FORMAT_VERSION,
        "chunking": {"max_chars": settings.chunk_max_chars,
                     "overlap_sentences": settings.chunk_overlap_sentences, "version": CHUNKER_VERSION},
        "bm25": {"k1": settings.bm25_k1, "b": settings.bm25_b} if settings.use_sparse else None,
        "backend": backend,
        "tokenizer_resources": resources_hash(),
    }


def settings_change(manifest: Mapping[str, Any], settings: Settings) -> str:
    """Why an index cannot be updated in place with these settings ("" when it can)."""
    exp = expected(settings)
    for key, want in exp.items():
        if manifest.get(key) != want:
            return f"{key} changed ({manifest.get(key)} -> {want})"
    model = manifest.get("model")
    if settings.use_dense:
        if not model:
            return "index has no dense vectors but dense search is enabled"
        want_model = embedder_identity(settings)
        if (model.get("model_name"), model.get("model_hash")) != (want_model["model_name"], want_model["model_hash"]):
            return (f"embedding model changed ({model.get('model_name')} {model.get('model_hash')} -> "
                    f"{want_model['model_name']} {want_model['model_hash']})")
    elif model:
        return "dense search was switched off"
    return ""


def corpus_change(manifest: Mapping[str, Any], state: Mapping[str, str], pipeline: str) -> str:
    """What differs between the corpus folder (file -> hash) and what the index holds."""
    built = {f: d["hash"] for f, d in manifest["documents"].items()}
    built.update({f: d.get("hash", "") for f, d in (manifest.get("skipped") or {}).items()})
    added = sorted(set(state) - set(built))
    removed = sorted(set(built) - set(state))
    changed = sorted(f for f in set(built) & set(state) if built[f] != state[f])
    parts = [f"{what}: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}"
             for what, names in (("document added", added), ("document changed", changed),
                                 ("document removed", removed)) if names]
    if manifest.get("pipeline") != pipeline:
        parts.append("the parsing code or its data changed")
    return "; ".join(parts)


def index_status(settings: Settings, state: Mapping[str, str], pipeline: str, *,
                 verify: bool = True) -> tuple[str, str]:
    """("ok" | "missing" | "stale" | "corrupt", reason).  Reads the manifest and checks
    the files' presence, sizes and (with ``verify``) checksums; no model, no documents."""
    index_dir = Path(settings.index_dir)
    try:
        live = live_manifest(index_dir)
        if live is None:
            return "missing", f"no index in {index_dir}"
        gen, manifest = live
        verify_files(gen, manifest, checksums=verify)
    except IndexCorrupt as e:
        return "corrupt", str(e)
    except OSError as e:
        return "corrupt", f"index in {index_dir} is unreadable ({e.strerror or e}); {REBUILD_HINT}"
    reason = settings_change(manifest, settings) or corpus_change(manifest, state, pipeline)
    if reason:
        return "stale", reason
    return "ok", f"{manifest['counts'].get('chunks', '?')} chunks, built {manifest.get('built_at')}"


# ---------------------------------------------------------------- opening

def make_encoder(settings: Settings, embedder: Embedder | None = None, *, progress: bool = False
                 ) -> ChunkEncoder | None:
    """The embedder with its caches, or None when dense search is off."""
    if not settings.use_dense:
        return None
    # an ONNX embedder handed over (the index's own, reused after an upload) keeps the int8 phrase
    # model: answers weigh phrases on it, whatever was uploaded; a test's fake embedder has none
    from assistant.search.onnx import OnnxEmbedder

    phrases = phrase_embedder(settings) if embedder is None or isinstance(embedder, OnnxEmbedder) else None
    embedder = embedder or get_embedder(settings)
    ident = embedder_identity(settings, embedder)
    cache = settings.resolved_cache_dir / "embeddings" / str(ident["model_hash"])
    return ChunkEncoder(embedder, cache, batch_size=settings.embed_batch_size, progress=progress,
                        phrase_embedder=phrases)


def read_document_file(path: Path) -> tuple[Document, list[Chunk]]:
    data = json.loads(path.read_bytes().decode("utf-8"))
    return document_from_dict(data["document"]), [Chunk.from_dict(c) for c in data["chunks"]]


def open_index(settings: Settings, *, embedder: Embedder | None = None, encoder: ChunkEncoder | None = None,
               verify: bool = True) -> Index:
    """Read the live generation (never writing, never locking).  Raises IndexMissing /
    IndexCorrupt with one-line messages."""
    t0 = time.perf_counter()
    index_dir = Path(settings.index_dir)
    live = live_manifest(index_dir)
    if live is None:
        raise IndexMissing(f"no index in {index_dir}; build it with: python -m assistant build")
    gen, manifest = live
    if manifest["format_version"] != INDEX_FORMAT_VERSION:
        raise IndexCorrupt(f"index format v{manifest['format_version']} is not v{INDEX_FORMAT_VERSION}; "
                           f"{REBUILD_HINT}")
    verify_files(gen, manifest, checksums=verify)
    if manifest.get("model") and settings.use_dense and encoder is None:
        model = manifest["model"]
        fake = settings.embed_backend.lower() == "fake" or model.get("embed_backend") == "fake"
        encoder = make_encoder(settings.with_(embed_backend="fake") if fake else settings, embedder)
    try:
        documents, chunks = [], []
        for entry in sorted(manifest["documents"].values(), key=lambda d: d["doc_id"]):
            doc, doc_chunks = read_document_file(gen / "docs" / f"{entry['doc_id']}.json")
            documents.append(doc)
            chunks.extend(doc_chunks)
        tokenizer = Tokenizer.from_dict(json.loads((gen / "tokenizer.json").read_text(encoding="utf-8")))
        backend = open_backend(settings, gen, encoder, tokenizer)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as e:
        raise IndexCorrupt(f"index in {gen} is unreadable ({type(e).__name__}: "
                           f"{str(e).splitlines()[0] if str(e) else ''}); {REBUILD_HINT}") from None
    if backend.count() != manifest["counts"].get("chunks"):
        raise IndexCorrupt(f"the {backend.name} backend holds {backend.count()} chunks, the manifest says "
                           f"{manifest['counts'].get('chunks')}; {REBUILD_HINT}")
    log.info("index %s opened: %d documents, %d chunks in %.0f ms", gen.name, len(documents), len(chunks),
             (time.perf_counter() - t0) * 1e3)
    return Index(manifest, documents, chunks, backend, tokenizer, encoder, gen)


# ---------------------------------------------------------------- writing

def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - directories cannot be opened on every OS
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def fsync_tree(root: Path) -> None:
    """Files first, then the folders that name them."""
    for p in [*(q for q in root.rglob("*") if q.is_file()), *(q for q in root.rglob("*") if q.is_dir()), root]:
        _fsync(p)


def seal(tmp: Path, manifest: dict[str, Any]) -> None:
    """Record every data file's size and checksum in the manifest, write it, fsync all."""
    files = {}
    for p in sorted(q for q in tmp.rglob("*") if q.is_file() and q.name != "manifest.json"):
        files[p.relative_to(tmp).as_posix()] = {"size": p.stat().st_size, "sha256": file_sha256(p)}
    manifest["files"] = files
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    fsync_tree(tmp)


def publish(index_dir: Path, tmp: Path, build_id: str) -> Path:
    """Rename the finished temp folder into place and swap CURRENT atomically."""
    gen = index_dir / f"gen-{build_id}"
    os.rename(tmp, gen)
    _fsync(index_dir)
    current_tmp = index_dir / f"CURRENT.{build_id}.tmp"  # unique: two publishers never share it
    with current_tmp.open("w", encoding="utf-8") as f:
        f.write(gen.name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(current_tmp, index_dir / "CURRENT")
    _fsync(index_dir)
    return gen


def remove_old(index_dir: Path, keep: Path, previous: Path | None, stale_after_s: float = 3600) -> None:
    """Remove generations older than the one just replaced.  The previous generation
    stays (a reader may have just opened it) and so do temp folders of builds that may
    still be running; only temp folders older than ``stale_after_s`` (killed builds) go."""
    now = time.time()
    for p in index_dir.iterdir():
        if not p.is_dir() or p in (keep, previous):
            continue
        old_tmp = p.name.startswith(".tmp-gen-") and now - p.stat().st_mtime > stale_after_s
        if p.name.startswith("gen-") or old_tmp:
            shutil.rmtree(p, ignore_errors=True)
            log.info("removed old index generation %s", p.name)
