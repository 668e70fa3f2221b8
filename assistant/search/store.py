"""The index on disk: build it, check it, open it.

Layout (see index/README.md): ``CURRENT`` names the live ``gen-<buildid>/`` folder,
which holds manifest.json, documents.json, chunks.jsonl, tokenizer.json, sparse/ and
dense/.  A build writes a hidden temp folder, fsyncs it, renames it to ``gen-*`` and only
then replaces ``CURRENT`` atomically, so a build killed at any point leaves the previous
index working.  ``cache/`` keeps embeddings by text hash (a rebuild after adding one
document embeds only its chunks) and the exported ONNX model.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config import INDEX_FORMAT_VERSION, AssistantError, Settings
from assistant.search.chunking import CHUNKER_VERSION, chunk_document
from assistant.search.embedcache import embed_chunks
from assistant.search.embedding import Embedder, embedder_identity, get_embedder
from assistant.search.retriever import HybridSearcher
from assistant.search.tokenize import Tokenizer, corpus_terms, resources_hash
from assistant.types import Chunk, Document, document_from_dict, document_to_dict, file_sha256

log = logging.getLogger(__name__)

REBUILD_HINT = "rebuild it with: python -m assistant build"


class IndexCorrupt(AssistantError):
    """The index cannot be read (truncated, checksum mismatch, wrong format)."""


class IndexMissing(IndexCorrupt):
    """There is no index yet (a subclass so one ``except IndexCorrupt`` covers both)."""


@dataclass
class Index:
    manifest: dict[str, Any]
    documents: list[Document]
    chunks: list[Chunk]
    searcher: HybridSearcher
    tokenizer: Tokenizer
    directory: Path | None = None  # the gen-* folder it was read from / written to
    embedder: Embedder | None = None


# ---------------------------------------------------------------- small file helpers

def _fsync_file(path: Path) -> None:
    with path.open("rb") as f:
        os.fsync(f.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - not possible on every OS
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _data_files(gen: Path) -> list[Path]:
    return sorted(p for p in gen.rglob("*") if p.is_file() and p.name != "manifest.json")


def current_generation(index_dir: Path) -> Path | None:
    """The live gen-* folder named by CURRENT, or None when there is no CURRENT."""
    current = Path(index_dir) / "CURRENT"
    if not current.is_file():
        return None
    name = current.read_text(encoding="utf-8").strip()
    if not name.startswith("gen-") or "/" in name or "\\" in name:
        raise IndexCorrupt(f"index CURRENT file names {name!r}, not a gen-* folder; {REBUILD_HINT}")
    return Path(index_dir) / name


def _read_manifest(gen: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexCorrupt(f"index generation {gen.name} has no manifest.json; {REBUILD_HINT}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise IndexCorrupt(f"index manifest {gen / 'manifest.json'} is unreadable ({e}); "
                           f"{REBUILD_HINT}") from None
    if not isinstance(manifest, dict) or "files" not in manifest or "format_version" not in manifest:
        raise IndexCorrupt(f"index manifest {gen / 'manifest.json'} is incomplete; {REBUILD_HINT}")
    return manifest


def _verify_files(gen: Path, manifest: dict[str, Any], checksums: bool = True) -> None:
    for rel, info in manifest["files"].items():
        path = gen / rel
        if not path.is_file():
            raise IndexCorrupt(f"index file {rel} is missing; {REBUILD_HINT}")
        if path.stat().st_size != info["size"]:
            raise IndexCorrupt(f"index file {rel} has {path.stat().st_size} bytes, "
                               f"manifest says {info['size']}; {REBUILD_HINT}")
        if checksums and file_sha256(path) != info["sha256"]:
            raise IndexCorrupt(f"index file {rel} fails its checksum; {REBUILD_HINT}")


# ---------------------------------------------------------------- status

def _expected(settings: Settings) -> dict[str, Any]:
    """The manifest fields an index built now with these settings would have."""
    return {
        "chunking": {"max_chars": settings.chunk_max_chars,
                     "overlap_sentences": settings.chunk_overlap_sentences, "version": CHUNKER_VERSION},
        "bm25": {"k1": settings.bm25_k1, "b": settings.bm25_b},
    }


def _stale_reason(manifest: dict[str, Any], settings: Settings, corpus_hashes: Mapping[str, str]) -> str:
    if manifest.get("format_version") != INDEX_FORMAT_VERSION:
        return (f"index format v{manifest.get('format_version')}, this program uses "
                f"v{INDEX_FORMAT_VERSION}")
    built: Mapping[str, str] = manifest.get("documents", {})
    added = sorted(set(corpus_hashes) - set(built))
    removed = sorted(set(built) - set(corpus_hashes))
    changed = sorted(d for d in set(built) & set(corpus_hashes) if built[d] != corpus_hashes[d])
    parts = [f"{what}: {', '.join(names)}" for what, names in
             (("document added", added), ("document changed", changed), ("document removed", removed))
             if names]
    if parts:
        return "; ".join(parts)
    if manifest.get("tokenizer", {}).get("resources_hash") != resources_hash():
        return "tokenizer dictionary (stopwords / domain terms / jieba) changed"
    exp = _expected(settings)
    for key in ("chunking", "bm25"):
        if manifest.get(key) != exp[key]:
            return f"{key} settings changed ({manifest.get(key)} -> {exp[key]})"
    model = manifest.get("model")
    if settings.use_dense:
        if not model:
            return "index has no dense vectors but dense search is enabled"
        want = embedder_identity(settings)
        if (model.get("model_name"), model.get("model_hash")) != (want["model_name"], want["model_hash"]):
            return (f"embedding model changed ({model.get('model_name')} {model.get('model_hash')} -> "
                    f"{want['model_name']} {want['model_hash']})")
    return ""


def index_status(settings: Settings, corpus_hashes: Mapping[str, str], *,
                 verify: bool = True) -> tuple[str, str]:
    """("ok" | "missing" | "stale" | "corrupt", reason).  Reads the manifest and checks
    the data files' presence, sizes and (with ``verify``) checksums; no model, no documents."""
    index_dir = Path(settings.index_dir)
    try:
        gen = current_generation(index_dir)
        if gen is None:
            return "missing", f"no index in {index_dir}"
        if not gen.is_dir():
            return "corrupt", f"index CURRENT names {gen.name}, which does not exist; {REBUILD_HINT}"
        manifest = _read_manifest(gen)
        _verify_files(gen, manifest, checksums=verify)
    except IndexCorrupt as e:
        return "corrupt", str(e)
    except (OSError, KeyError, TypeError, AssistantError) as e:
        return "corrupt", f"index in {index_dir} is unreadable ({e}); {REBUILD_HINT}"
    try:
        reason = _stale_reason(manifest, settings, corpus_hashes)
    except (KeyError, TypeError, AttributeError) as e:
        return "corrupt", f"index manifest is malformed ({e}); {REBUILD_HINT}"
    if reason:
        return "stale", reason
    return "ok", f"{manifest.get('counts', {}).get('chunks', '?')} chunks, built {manifest.get('built_at')}"


# ---------------------------------------------------------------- build

def _write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def _write_generation(tmp: Path, index: Index, sparse: Any, dense: Any) -> None:
    """Every data file, then the manifest with their sizes and checksums, all fsynced."""
    _write_json(tmp / "documents.json", [document_to_dict(d) for d in index.documents])
    with (tmp / "chunks.jsonl").open("w", encoding="utf-8") as f:
        for c in index.chunks:
            f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    _write_json(tmp / "tokenizer.json", index.tokenizer.to_dict())
    if sparse is not None:
        sparse.save(tmp / "sparse")
    if dense is not None:
        dense.save(tmp / "dense")
    files = {}
    for p in _data_files(tmp):
        _fsync_file(p)
        files[p.relative_to(tmp).as_posix()] = {"size": p.stat().st_size, "sha256": file_sha256(p)}
    index.manifest["files"] = files
    (tmp / "manifest.json").write_text(json.dumps(index.manifest, ensure_ascii=False, indent=1),
                                       encoding="utf-8")
    _fsync_file(tmp / "manifest.json")
    for d in [tmp, *(p for p in tmp.rglob("*") if p.is_dir())]:
        _fsync_dir(d)


def _publish(index_dir: Path, tmp: Path, build_id: str) -> Path:
    """Rename the finished temp folder into place and swap CURRENT atomically."""
    gen = index_dir / f"gen-{build_id}"
    os.rename(tmp, gen)
    _fsync_dir(index_dir)
    current_tmp = index_dir / f"CURRENT.{build_id}.tmp"  # unique: two publishers never share it
    with current_tmp.open("w", encoding="utf-8") as f:
        f.write(gen.name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(current_tmp, index_dir / "CURRENT")
    _fsync_dir(index_dir)
    return gen


def _remove_old(index_dir: Path, keep: Path, previous: Path | None, stale_after_s: float = 3600) -> None:
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


def build_index(documents: Sequence[Document], corpus_hashes: Mapping[str, str], settings: Settings, *,
                embedder: Embedder | None = None, progress: bool = True) -> Index:
    """Chunk, tokenize, embed (reusing cached vectors) and write a new index generation."""
    from assistant.search.backends.bm25 import BM25Backend
    from assistant.search.backends.faiss import FaissBackend

    t0 = time.perf_counter()
    index_dir = Path(settings.index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    tokenizer = Tokenizer(corpus_terms(documents))
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for doc in documents:
        for c in chunk_document(doc, settings):
            if c.id not in seen:
                seen.add(c.id)
                chunks.append(c)
    t_chunk = time.perf_counter()
    sparse = None
    if settings.use_sparse:
        sparse = BM25Backend(tokenizer, k1=settings.bm25_k1, b=settings.bm25_b)
        sparse.add(chunks)
    t_sparse = time.perf_counter()
    dense, model = None, None
    if settings.use_dense:
        embedder = embedder or get_embedder(settings)
        model = embedder_identity(settings, embedder)
        vectors = embed_chunks(chunks, embedder, settings, model["model_hash"], progress=progress)
        dense = FaissBackend(embedder.dim, ann_threshold=settings.ann_threshold)
        dense.add(chunks, vectors)
    t_dense = time.perf_counter()
    build_id = f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
    kinds = [c.kind for c in chunks]
    manifest: dict[str, Any] = {
        "format_version": INDEX_FORMAT_VERSION,
        "build_id": build_id,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "model": model,
        "tokenizer": {"dict_hash": tokenizer.dict_hash, "resources_hash": resources_hash(),
                      "user_words": len(tokenizer.user_words)},
        "documents": dict(corpus_hashes),
        **_expected(settings),
        "dense": {"kind": dense.kind, "ann_threshold": settings.ann_threshold} if dense else None,
        "counts": {"documents": len(documents), "chunks": len(chunks), "header": kinds.count("header"),
                   "clause": kinds.count("clause"), "row": kinds.count("row")},
    }
    searcher = HybridSearcher(chunks, sparse, dense, embedder if dense else None, tokenizer, settings)
    index = Index(manifest, list(documents), chunks, searcher, tokenizer, None, embedder if dense else None)
    tmp = index_dir / f".tmp-gen-{build_id}"
    tmp.mkdir()
    try:
        manifest["timings_s"] = {"chunk": round(t_chunk - t0, 3), "sparse": round(t_sparse - t_chunk, 3),
                                 "dense": round(t_dense - t_sparse, 3)}
        _write_generation(tmp, index, sparse, dense)
        try:
            previous = current_generation(index_dir)
        except IndexCorrupt:
            previous = None
        index.directory = _publish(index_dir, tmp, build_id)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        log.error("index build %s failed; the previous index (if any) is unchanged", build_id)
        raise
    _remove_old(index_dir, index.directory, previous)
    log.info("index %s built: %d documents, %d chunks in %.2fs", build_id, len(documents), len(chunks),
             time.perf_counter() - t0)
    return index


# ---------------------------------------------------------------- open

def open_index(settings: Settings, *, embedder: Embedder | None = None, verify: bool = True) -> Index:
    """Read the live generation.  Raises IndexMissing / IndexCorrupt (one-line messages)."""
    from assistant.search.backends.bm25 import BM25Backend
    from assistant.search.backends.faiss import FaissBackend

    t0 = time.perf_counter()
    index_dir = Path(settings.index_dir)
    gen = current_generation(index_dir)
    if gen is None:
        raise IndexMissing(f"no index in {index_dir}; build it with: python -m assistant build")
    if not gen.is_dir():
        raise IndexCorrupt(f"index CURRENT names {gen.name}, which does not exist; {REBUILD_HINT}")
    manifest = _read_manifest(gen)
    if manifest.get("format_version") != INDEX_FORMAT_VERSION:
        raise IndexCorrupt(f"index format v{manifest.get('format_version')} is not "
                           f"v{INDEX_FORMAT_VERSION}; {REBUILD_HINT}")
    _verify_files(gen, manifest, checksums=verify)
    try:
        documents = [document_from_dict(d)
                     for d in json.loads((gen / "documents.json").read_text(encoding="utf-8"))]
        with (gen / "chunks.jsonl").open(encoding="utf-8") as f:
            chunks = [Chunk.from_dict(json.loads(line)) for line in f if line.strip()]
        tokenizer = Tokenizer.from_dict(json.loads((gen / "tokenizer.json").read_text(encoding="utf-8")))
        for part in ("sparse", "dense"):  # a backend the manifest lists must be there
            if any(f.startswith(part + "/") for f in manifest.get("files", {})) and not (gen / part).is_dir():
                raise IndexCorrupt(f"index in {gen} lacks its {part} part; {REBUILD_HINT}")
        sparse = BM25Backend.load(gen / "sparse", tokenizer=tokenizer) if (gen / "sparse").is_dir() else None
        dense = FaissBackend.load(gen / "dense") if (gen / "dense").is_dir() else None
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as e:
        raise IndexCorrupt(f"index in {gen} is unreadable ({type(e).__name__}: "
                           f"{str(e).splitlines()[0] if str(e) else ''}); {REBUILD_HINT}") from None
    if len(chunks) != manifest.get("counts", {}).get("chunks"):
        raise IndexCorrupt(f"index holds {len(chunks)} chunks, manifest says "
                           f"{manifest.get('counts', {}).get('chunks')}; {REBUILD_HINT}")
    if dense is not None and settings.use_dense:
        model = manifest.get("model") or {}
        if embedder is None:
            fake = settings.embed_backend.lower() == "fake" or str(model.get("embed_backend")) == "fake"
            embedder = get_embedder(settings.with_(embed_backend="fake") if fake else settings)
        if embedder.dim != dense.dim:
            raise IndexCorrupt(f"index vectors have dim {dense.dim}, the embedder {embedder.name} gives "
                               f"{embedder.dim}; {REBUILD_HINT}")
    else:
        embedder = None
    searcher = HybridSearcher(chunks, sparse, dense, embedder, tokenizer, settings)
    log.info("index %s opened: %d chunks in %.0f ms", gen.name, len(chunks), (time.perf_counter() - t0) * 1e3)
    return Index(manifest, documents, chunks, searcher, tokenizer, gen, embedder)
