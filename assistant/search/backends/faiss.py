"""Vector search: FAISS inner product on L2-normalised vectors (= cosine).

Exact ``IndexFlatIP`` up to ``ann_threshold`` vectors (a policy corpus rarely exceeds
it and exact search stays in milliseconds), HNSW above.  Chunk ids are kept in a
parallel list; filtered queries are scored exactly on the allowed subset so a filter
never leaves fewer than ``k`` results when ``k`` matching chunks exist.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.search.backends.bm25 import top_k
from assistant.types import Chunk

log = logging.getLogger(__name__)


def _faiss() -> Any:
    try:
        import faiss
    except ImportError as e:  # pragma: no cover - dependency is declared
        raise ImportError("dense search needs faiss: pip install faiss-cpu") from e
    return faiss


_omp_set = False


def _single_threaded_queries(faiss: Any) -> None:
    """One query at a time is fastest on one OpenMP thread: measured 2 ms vs 18 ms for
    20k x 512 flat search on a busy 2-core machine, where the extra thread only spins."""
    global _omp_set
    if not _omp_set:
        faiss.omp_set_num_threads(1)
        _omp_set = True


class FaissBackend:
    """Chunk vectors in FAISS; ``search`` takes a query vector."""

    def __init__(self, dim: int, ann_threshold: int = 200_000, hnsw_m: int = 32) -> None:
        self.dim = dim
        self.ann_threshold = ann_threshold
        self.hnsw_m = hnsw_m
        self.ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._vectors = np.zeros((0, dim), dtype=np.float32)
        self._index: Any = None

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def kind(self) -> str:
        return "hnsw" if len(self.ids) > self.ann_threshold else "flat"

    def _build(self) -> None:
        faiss = _faiss()
        if self.kind == "hnsw":
            index = faiss.IndexHNSWFlat(self.dim, self.hnsw_m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
        else:
            index = faiss.IndexFlatIP(self.dim)
        if len(self._vectors):
            index.add(self._vectors)
        self._index = index
        self._pos = {cid: i for i, cid in enumerate(self.ids)}

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray | None = None) -> None:
        if vectors is None:
            raise ValueError("FaissBackend.add needs the chunk vectors")
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(chunks), self.dim):
            raise ValueError(f"vectors shape {vectors.shape} != ({len(chunks)}, {self.dim})")
        new = [i for i, c in enumerate(chunks) if c.id not in self._pos]
        if not new:
            return
        was = self.kind
        self.ids.extend(chunks[i].id for i in new)
        self._vectors = np.vstack([self._vectors, vectors[new]])
        if self._index is None or self.kind != was:
            self._build()
        else:
            self._index.add(vectors[new])
            self._pos.update((chunks[i].id, len(self.ids) - len(new) + j) for j, i in enumerate(new))
        log.debug("faiss: %d vectors (%s)", len(self.ids), self.kind)

    def delete(self, chunk_ids: Iterable[str]) -> None:
        gone = set(chunk_ids) & set(self._pos)
        if not gone:
            return
        keep = [i for i, cid in enumerate(self.ids) if cid not in gone]
        self.ids = [self.ids[i] for i in keep]
        self._vectors = np.ascontiguousarray(self._vectors[keep])
        self._build()

    def search(self, query: str | np.ndarray, k: int,
               allowed: set[str] | None = None) -> list[tuple[str, float]]:
        if isinstance(query, str):
            raise TypeError("FaissBackend.search takes a query vector")
        if not self.ids or k <= 0:
            return []
        q = np.ascontiguousarray(np.asarray(query, dtype=np.float32).reshape(1, -1))
        if q.shape[1] != self.dim:
            raise ValueError(f"query dim {q.shape[1]} != index dim {self.dim}")
        if allowed is not None:
            positions = np.fromiter((self._pos[c] for c in allowed if c in self._pos), dtype=np.int64)
            scores = self._vectors[positions] @ q[0] if len(positions) else np.zeros(0, np.float32)
            return [(self.ids[int(positions[i])], s)
                    for i, s in top_k(np.asarray(scores), None, k)]
        _single_threaded_queries(_faiss())
        if self.kind == "hnsw":
            self._index.hnsw.efSearch = max(64, 2 * k)
        scores, idx = self._index.search(q, min(k, len(self.ids)))
        return [(self.ids[int(i)], float(s)) for s, i in zip(scores[0], idx[0]) if i >= 0]

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        if self._index is None:
            self._build()
        _faiss().write_index(self._index, str(directory / "dense.faiss"))
        (directory / "ids.json").write_text(json.dumps(self.ids), encoding="utf-8")
        meta = {"dim": self.dim, "kind": self.kind, "count": len(self.ids),
                "ann_threshold": self.ann_threshold, "hnsw_m": self.hnsw_m}
        (directory / "dense_meta.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> FaissBackend:
        meta = json.loads((directory / "dense_meta.json").read_text(encoding="utf-8"))
        backend = cls(int(meta["dim"]), int(meta["ann_threshold"]), int(meta.get("hnsw_m", 32)))
        backend.ids = list(json.loads((directory / "ids.json").read_text(encoding="utf-8")))
        index = _faiss().read_index(str(directory / "dense.faiss"))
        if index.ntotal != len(backend.ids) or index.d != backend.dim:
            raise ValueError(f"dense.faiss holds {index.ntotal}x{index.d}, expected "
                             f"{len(backend.ids)}x{backend.dim}")
        backend._index = index
        backend._vectors = index.reconstruct_n(0, index.ntotal).astype(np.float32) if index.ntotal \
            else np.zeros((0, backend.dim), dtype=np.float32)
        backend._pos = {cid: i for i, cid in enumerate(backend.ids)}
        return backend
