"""Embeddings cached by content hash, so a rebuild encodes only new or changed chunks.

One ``.npz`` per model under ``<index>/cache/`` (outside the swapped generations): keys are
hashes of the text each vector was computed from; a broken cache only costs time.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.search.chunking import index_text
from assistant.search.embedding import Embedder
from assistant.types import Chunk, content_hash

log = logging.getLogger(__name__)

def _cache_file(settings: Settings, model_hash: str) -> Path:
    return Path(settings.index_dir) / "cache" / f"embeddings-{model_hash}.npz"


def _load_cache(path: Path, dim: int) -> dict[str, np.ndarray]:
    if not path.is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as z:
            keys, vecs = z["keys"], z["vectors"]
        if vecs.ndim != 2 or vecs.shape[1] != dim or len(keys) != len(vecs):
            raise ValueError(f"shape {vecs.shape}")
        return {str(k): v for k, v in zip(keys, vecs)}
    except Exception as e:  # a broken cache only costs time: embed again
        log.warning("ignoring unreadable embedding cache %s (%s)", path, e)
        return {}


def _save_cache(path: Path, cache: Mapping[str, np.ndarray], dim: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    keys = np.array(sorted(cache), dtype=str)
    vecs = np.stack([cache[k] for k in keys]) if len(keys) else np.zeros((0, dim), np.float32)
    with tmp.open("wb") as f:
        np.savez(f, keys=keys, vectors=vecs.astype(np.float32))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def embed_chunks(chunks: Sequence[Chunk], embedder: Embedder, settings: Settings, model_hash: str, *,
                 progress: bool = True) -> np.ndarray:
    """Vectors for ``chunks``, encoding only texts the cache does not hold."""
    texts = [index_text(c) for c in chunks]
    keys = [content_hash(t) for t in texts]
    path = _cache_file(settings, model_hash)
    cache = _load_cache(path, embedder.dim)
    todo = sorted({k: t for k, t in zip(keys, texts) if k not in cache}.items())
    log.info("embedding: %d chunks, %d cached, %d to encode", len(chunks), len(chunks) - len(todo), len(todo))
    if todo:
        vecs = embedder.encode([t for _, t in todo], batch_size=settings.embed_batch_size,
                               show_progress=progress and len(todo) >= 64)
        cache.update((k, v) for (k, _), v in zip(todo, vecs))
    out = np.stack([cache[k] for k in keys]) if keys else np.zeros((0, embedder.dim), np.float32)
    if todo:  # keep only what the current corpus uses, so the cache cannot grow forever
        _save_cache(path, {k: cache[k] for k in set(keys)}, embedder.dim)
    return np.ascontiguousarray(out, dtype=np.float32)
