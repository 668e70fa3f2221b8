"""The embedded engine: bm25s + FAISS in plain files, fused with reciprocal rank fusion.

Chunks live at positions shared by the BM25 token lists and the vector matrix.  Dense
search is exact inner product on L2-normalised vectors (= cosine) up to ``ann_threshold``
vectors, HNSW above.  A filtered query is scored exactly on the allowed positions (sorted,
so ties never depend on hash order), which keeps ``k`` results whenever ``k`` chunks match.
``upsert``/``delete`` change only the chunks concerned: new chunks are tokenized and
embedded, nothing else is.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import AssistantError
from assistant.search.backends.base import MODES, Encoder, Filters
from assistant.search.backends.bm25 import BM25Index, top_k
from assistant.search.chunking import index_text
from assistant.search.fusion import rrf
from assistant.types import Chunk, Hit

log = logging.getLogger(__name__)

Tokenize = Callable[[str], list[str]]
FOLDER = "faiss"  # inside a generation


def _faiss() -> Any:
    try:
        import faiss
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise AssistantError("dense search needs faiss: pip install faiss-cpu") from e
    if not getattr(_faiss, "threads_set", False):
        # one query at a time is fastest on one OpenMP thread (2 ms vs 18 ms for 20k x 512
        # flat search on a busy 2-core machine, where the extra thread only spins)
        faiss.omp_set_num_threads(1)
        _faiss.threads_set = True  # type: ignore[attr-defined]
    return faiss


class FaissBackend:
    """BM25 + dense vectors over the same chunk positions; see the module docstring."""

    name = "faiss"

    def __init__(self, encoder: Encoder | None, tokenizer: Tokenize | None, *, use_sparse: bool = True,
                 use_dense: bool = True, rrf_k: int = 60, candidates: int = 30, sparse_weight: float = 1.0,
                 dense_weight: float = 1.0, k1: float = 1.2, b: float = 0.75, ann_threshold: int = 200_000,
                 hnsw_m: int = 32) -> None:
        if use_dense and encoder is None:
            raise AssistantError("dense search needs an embedder")
        self.encoder = encoder if use_dense else None
        self.tokenizer = tokenizer
        self.use_sparse, self.use_dense = use_sparse, use_dense and encoder is not None
        self.rrf_k, self.candidates = rrf_k, candidates
        self.weights = {"sparse": sparse_weight, "dense": dense_weight}
        self.ann_threshold, self.hnsw_m = ann_threshold, hnsw_m
        self.chunks: list[Chunk] = []
        self._pos: dict[str, int] = {}
        self.bm25 = BM25Index(k1, b) if use_sparse else None
        dim = encoder.dim if encoder is not None else 0
        self.vectors = np.zeros((0, dim), np.float32)
        self._ann: Any = None  # the FAISS index, built on first dense search after a change
        self._by: dict[tuple[str, str], list[int]] | None = None

    # ------------------------------------------------------------ the protocol
    def count(self) -> int:
        return len(self.chunks)

    def doc_ids(self) -> set[str]:
        return {c.doc_id for c in self.chunks}

    def close(self) -> None:
        self._ann = None

    def upsert(self, chunks: Sequence[Chunk]) -> None:
        fresh = list({c.id: c for c in chunks}.values())
        if not fresh:
            return
        tokens = [self._tokens(c) for c in fresh] if self.bm25 is not None else []
        vectors = self.encoder.chunks(fresh) if self.encoder is not None else None
        new_rows: list[int] = []
        for i, c in enumerate(fresh):
            at = self._pos.get(c.id)
            if at is None:
                self._pos[c.id] = len(self.chunks)
                self.chunks.append(c)
                new_rows.append(i)
                continue
            self.chunks[at] = c
            if self.bm25 is not None:
                self.bm25.replace(at, tokens[i])
            if vectors is not None:
                self.vectors[at] = vectors[i]
        if self.bm25 is not None:
            self.bm25.append([tokens[i] for i in new_rows])
        if vectors is not None and new_rows:
            self.vectors = np.vstack([self.vectors, vectors[new_rows]])
        self._changed()

    def delete(self, doc_id: str) -> None:
        keep = [i for i, c in enumerate(self.chunks) if c.doc_id != doc_id]
        if len(keep) == len(self.chunks):
            return
        self.chunks = [self.chunks[i] for i in keep]
        self._pos = {c.id: i for i, c in enumerate(self.chunks)}
        if self.bm25 is not None:
            self.bm25.keep(keep)
        if self.use_dense:
            self.vectors = np.ascontiguousarray(self.vectors[keep])
        self._changed()

    def search(self, query: str, k: int, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
        if mode not in MODES:
            raise AssistantError(f"unknown search mode {mode!r} (use {', '.join(MODES)})")
        query = query.strip()
        if not query or k <= 0 or not self.chunks:
            return []
        positions = self._allowed(filters)
        if positions is not None and not len(positions):
            return []
        depth = max(k, self.candidates)
        rankings: dict[str, list[tuple[int, float]]] = {}
        if mode in ("hybrid", "sparse") and self.bm25 is not None and self.tokenizer is not None:
            rankings["sparse"] = self.bm25.top(self.tokenizer(query), depth, positions)
        if mode in ("hybrid", "dense") and self.use_dense:
            rankings["dense"] = self._dense(query, depth, positions)
        if not rankings:
            raise AssistantError(f"no retriever available for mode {mode!r}")
        found: dict[int, list[str]] = {}
        for name, ranking in rankings.items():
            for pos, _ in ranking:
                found.setdefault(pos, []).append(name)
        if len(rankings) == 1:
            scored = next(iter(rankings.values()))
        else:
            fused = rrf([[str(p) for p, _ in r] for r in rankings.values()],
                        [self.weights[n] for n in rankings], k=self.rrf_k)
            scored = [(int(p), s) for p, s in fused]
        return [Hit(chunk=self.chunks[pos], score=float(score), rank=rank, sources=tuple(found[pos]))
                for rank, (pos, score) in enumerate(scored[:k], 1)]

    # ------------------------------------------------------------ tokens
    def _tokens(self, chunk: Chunk) -> list[str]:
        if self.tokenizer is None:
            raise AssistantError("the BM25 part of the index needs a tokenizer")
        return self.tokenizer(index_text(chunk))

    def retokenize(self, tokenizer: Tokenize, words: Iterable[str]) -> int:
        """Use a new tokenizer (the corpus vocabulary changed): chunks whose text holds one
        of the added or removed ``words`` are tokenized again; no other token changes.
        Returns how many were."""
        self.tokenizer = tokenizer
        if self.bm25 is None:
            return 0
        changed = [w for w in words if w]
        n = 0
        for i, c in enumerate(self.chunks):
            text = index_text(c)
            if any(w in text for w in changed):
                self.bm25.replace(i, tokenizer(text))
                n += 1
        return n

    # ------------------------------------------------------------ dense
    @property
    def ann_kind(self) -> str:
        return "hnsw" if len(self.chunks) > self.ann_threshold else "flat"

    def _index(self) -> Any:
        if self._ann is None:
            faiss = _faiss()
            dim = self.vectors.shape[1]
            if self.ann_kind == "hnsw":
                index = faiss.IndexHNSWFlat(dim, self.hnsw_m, faiss.METRIC_INNER_PRODUCT)
                index.hnsw.efConstruction = 80
            else:
                index = faiss.IndexFlatIP(dim)
            if len(self.vectors):
                index.add(self.vectors)
            self._ann = index
        return self._ann

    def _dense(self, query: str, k: int, positions: np.ndarray | None) -> list[tuple[int, float]]:
        assert self.encoder is not None
        q = np.ascontiguousarray(self.encoder.query(query), dtype=np.float32).reshape(-1)
        if positions is not None:
            scores = self.vectors[positions] @ q
            return [(int(positions[i]), s) for i, s in top_k(scores, None, k)]
        index = self._index()
        if self.ann_kind == "hnsw":
            index.hnsw.efSearch = max(64, 2 * k)
        scores, idx = index.search(q.reshape(1, -1), min(k, len(self.chunks)))
        return [(int(i), float(s)) for s, i in zip(scores[0], idx[0]) if i >= 0]

    # ------------------------------------------------------------ filters
    def _changed(self) -> None:
        self._ann = None
        self._by = None

    def _allowed(self, filters: Filters | None) -> np.ndarray | None:
        """Sorted positions passing every filter; None when there is no filter."""
        if not filters:
            return None
        if self._by is None:
            by: dict[tuple[str, str], list[int]] = {}
            for i, c in enumerate(self.chunks):
                for field, value in (("doc", c.doc_id), ("level", c.level), ("kind", c.kind)):
                    by.setdefault((field, value), []).append(i)
            self._by = by
        allowed: set[int] | None = None
        for field, want in (("doc", filters.doc), ("level", filters.level), ("kind", filters.kind)):
            if want is None:
                continue
            ids = set(self._by.get((field, want), ()))
            allowed = ids if allowed is None else allowed & ids
        return np.array(sorted(allowed or ()), dtype=np.int64)

    # ------------------------------------------------------------ files
    def save(self, generation: Path) -> None:
        """Into ``generation/faiss/``: chunks.jsonl, the BM25 part (tokens + matrix) and
        vectors.npy (+ the HNSW graph above the threshold)."""
        directory = generation / FOLDER
        directory.mkdir(parents=True, exist_ok=True)
        with (directory / "chunks.jsonl").open("w", encoding="utf-8") as f:
            for c in self.chunks:
                f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        if self.bm25 is not None:
            self.bm25.save(directory / "sparse")
        if self.use_dense:
            np.save(directory / "vectors.npy", self.vectors)
            if self.ann_kind == "hnsw":
                _faiss().write_index(self._index(), str(directory / "dense.faiss"))
        meta = {"count": len(self.chunks), "sparse": self.bm25 is not None, "dense": self.use_dense,
                "dim": int(self.vectors.shape[1]), "ann": self.ann_kind}
        (directory / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, generation: Path, encoder: Encoder | None, tokenizer: Tokenize | None,
             **options: Any) -> FaissBackend:
        """Read what :meth:`save` wrote; ValueError/OSError when a part is missing or broken."""
        directory = generation / FOLDER
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        options["use_dense"] = bool(meta["dense"]) and options.get("use_dense", True)
        backend = cls(encoder, tokenizer, use_sparse=bool(meta["sparse"]), **options)
        with (directory / "chunks.jsonl").open(encoding="utf-8") as f:
            backend.chunks = [Chunk.from_dict(json.loads(line)) for line in f if line.strip()]
        backend._pos = {c.id: i for i, c in enumerate(backend.chunks)}
        n = len(backend.chunks)
        if n != int(meta["count"]):
            raise ValueError(f"chunks.jsonl holds {n} chunks, meta.json {meta['count']}")
        if backend.bm25 is not None:
            backend.bm25 = BM25Index.load(directory / "sparse")
            if len(backend.bm25) != n:
                raise ValueError(f"the BM25 part holds {len(backend.bm25)} chunks, not {n}")
        if backend.use_dense:
            vectors = np.load(directory / "vectors.npy", allow_pickle=False)
            if vectors.shape != (n, int(meta["dim"])) or (encoder is not None and vectors.shape[1] != encoder.dim):
                raise ValueError(f"vectors.npy is {vectors.shape}, expected ({n}, {meta['dim']})")
            backend.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
            if meta.get("ann") == "hnsw" and (directory / "dense.faiss").is_file():
                backend._ann = _faiss().read_index(str(directory / "dense.faiss"))
        return backend
