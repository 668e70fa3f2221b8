"""An embedder with its caches: chunk vectors on disk by text hash, query and phrase
vectors in memory.

Every backend embeds through a :class:`ChunkEncoder`, so a rebuild after a parser change
or a reindex into another engine encodes only texts it has never seen.  The disk cache is
a folder of append-only shards (``cache/embeddings/<model-hash>/<shard>.npz``): adding a
document writes one small shard instead of rewriting every vector, and a broken shard only
costs time (it is skipped and its texts are encoded again).
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from assistant.search.chunking import index_text
from assistant.search.embedding import Embedder
from assistant.types import Chunk, content_hash

log = logging.getLogger(__name__)

QUERY_CACHE_SIZE = 4096


class ChunkEncoder:
    """``chunks()``/``texts()`` -> cached vectors, ``query()`` -> memoised query vector."""

    def __init__(self, embedder: Embedder, cache_dir: Path | None = None, *, batch_size: int = 32,
                 progress: bool = False, phrase_embedder: Callable[[], Embedder] | None = None) -> None:
        self.embedder = embedder
        # phrases may go through a faster model (int8): opened on first use, memoised apart
        # from queries so a query vector is never a phrase vector of the same text
        self._phrase_factory = phrase_embedder
        self._phrase_model: Embedder | None = None
        self._phrases: OrderedDict[str, np.ndarray] = OrderedDict()
        self.dim = int(embedder.dim)
        self.name = str(getattr(embedder, "name", "embedder"))
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.batch_size = batch_size
        self.progress = progress
        self._disk: dict[str, np.ndarray] | None = None
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.encoded = 0  # texts actually sent to the model (tests check cache reuse)

    # ------------------------------------------------------------ chunks
    def chunks(self, chunks: Sequence[Chunk]) -> np.ndarray:
        return self.texts([index_text(c) for c in chunks])

    def texts(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, encoding only texts the cache does not hold."""
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        cache = self._load()
        keys = [content_hash(t) for t in texts]
        todo = dict(sorted({k: t for k, t in zip(keys, texts) if k not in cache}.items()))
        log.info("embedding: %d texts, %d cached, %d to encode", len(texts), len(texts) - len(todo), len(todo))
        if todo:
            vecs = self.embedder.encode(list(todo.values()), batch_size=self.batch_size,
                                        show_progress=self.progress and len(todo) >= 64)
            self.encoded += len(todo)
            fresh = dict(zip(todo, np.asarray(vecs, np.float32)))
            cache.update(fresh)
            self._write_shard(fresh)
        return np.ascontiguousarray(np.stack([cache[k] for k in keys]), dtype=np.float32)

    def prune(self, keep_texts: Iterable[str]) -> None:
        """Rewrite the disk cache as one shard holding only these texts (a full build
        calls it, so the cache cannot grow forever)."""
        if self.cache_dir is None:
            return
        cache = self._load()
        keep = {k: cache[k] for k in (content_hash(t) for t in keep_texts) if k in cache}
        old = sorted(self.cache_dir.glob("*.npz")) if self.cache_dir.is_dir() else []
        new = self._write_shard(keep)
        for p in old:
            if p != new:
                p.unlink(missing_ok=True)
        self._disk = keep

    # ------------------------------------------------------------ queries
    def query(self, text: str) -> np.ndarray:
        """One query vector, memoised (questions repeat in evaluation and in the UI);
        thread-safe for the web UI's concurrent questions."""
        with self._lock:
            vec = self._queries.get(text)
            if vec is not None:
                self._queries.move_to_end(text)
                return vec
        vec = np.asarray(self.embedder.encode([text])[0], np.float32)
        with self._lock:
            self._queries[text] = vec
            while len(self._queries) > QUERY_CACHE_SIZE:
                self._queries.popitem(last=False)
        return vec

    def phrase_model(self) -> Embedder:
        """The model for phrases: the factory's (opened once), else the chunks' own."""
        if self._phrase_factory is None:
            return self.embedder
        with self._lock:
            if self._phrase_model is None:
                self._phrase_model = self._phrase_factory()
            return self._phrase_model

    def phrases(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of short texts met while answering (indicators, key phrases): encoded
        one by one (below), memoised in memory, never written to disk."""
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with self._lock:
            todo = list(dict.fromkeys(t for t in texts if t not in self._phrases))
            got = {t: self._phrases[t] for t in texts if t in self._phrases}
        if todo:
            # one text a run: int8 dynamic quantisation scales activations per batch, so a
            # phrase encoded beside others gets another vector (cos 0.984 measured) and an
            # answer would depend on what was asked or warmed before; short phrases gain
            # little from batching on CPU (12 indicators: 53 ms batched, 60 ms one by one),
            # but an ONNX model runs them on all cores at once (encode_each)
            model = self.phrase_model()
            each = getattr(model, "encode_each", None)
            vecs = (np.asarray(each(todo), np.float32) if each is not None
                    else np.stack([np.asarray(model.encode([t]), np.float32)[0] for t in todo]))
            got.update(zip(todo, vecs))
            with self._lock:
                self._phrases.update(zip(todo, vecs))
                while len(self._phrases) > QUERY_CACHE_SIZE:
                    self._phrases.popitem(last=False)
        return np.stack([got[t] for t in texts])

    def similarity(self, text: str, others: Sequence[str]) -> list[float]:
        """Cosine similarity of ``text`` to each of ``others`` (vectors are normalised)."""
        if not others:
            return []
        vecs = self.phrases([text, *others])
        return [float(x) for x in vecs[1:] @ vecs[0]]

    # ------------------------------------------------------------ disk
    def _load(self) -> dict[str, np.ndarray]:
        if self._disk is not None:
            return self._disk
        cache: dict[str, np.ndarray] = {}
        if self.cache_dir is not None and self.cache_dir.is_dir():
            for shard in sorted(self.cache_dir.glob("*.npz")):
                try:
                    with np.load(shard, allow_pickle=False) as z:
                        keys, vecs = z["keys"], z["vectors"]
                    if vecs.ndim != 2 or vecs.shape[1] != self.dim or len(keys) != len(vecs):
                        raise ValueError(f"shape {vecs.shape}")
                    cache.update((str(k), v) for k, v in zip(keys, vecs))
                except Exception as e:  # noqa: BLE001 - a broken shard only costs time
                    log.warning("ignoring unreadable embedding cache shard %s (%s)", shard.name, e)
        self._disk = cache
        return cache

    def _write_shard(self, vectors: dict[str, np.ndarray]) -> Path | None:
        if self.cache_dir is None or not vectors:
            return None
        keys = np.array(sorted(vectors), dtype=str)
        path = self.cache_dir / f"{content_hash(*keys.tolist())}.npz"
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                np.savez(f, keys=keys, vectors=np.stack([vectors[k] for k in keys]).astype(np.float32))
            os.replace(tmp, path)
        except OSError as e:  # a read-only or full disk: the vectors are still in memory
            log.warning("embedding cache not written (%s)", e.strerror or e)
            return None
        return path
