"""The search seam: every engine (bm25s + FAISS files, Milvus) behind one small protocol.

Answering code and the LangChain retriever see only :class:`SearchBackend`; which engine
runs is chosen once, by :func:`assistant.search.backends.open_backend` from
``Settings.backend`` (env ``ASSISTANT_BACKEND``: ``faiss`` | ``milvus``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from assistant.types import Chunk, Hit

MODES = ("hybrid", "sparse", "dense")


@dataclass(frozen=True)
class Filters:
    """Metadata filters every backend honours; None means "any"."""

    doc: str | None = None  # Chunk.doc_id
    level: str | None = None  # national | provincial | municipal | county | other
    kind: str | None = None  # header | clause | row | item

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.doc, self.level, self.kind))


class Encoder(Protocol):
    """Text -> L2-normalised float32 vectors (the embedder plus its caches)."""

    dim: int

    def chunks(self, chunks: Sequence[Chunk]) -> np.ndarray: ...  # (n, dim), cached by text hash

    def query(self, text: str) -> np.ndarray: ...  # (dim,), memoised


@runtime_checkable
class SearchBackend(Protocol):
    name: str

    def search(self, query: str, k: int, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
        """Best ``k`` hits, best first, rank 1..k; only chunks passing ``filters``.
        ``mode``: hybrid (BM25 + dense, fused by RRF) | sparse | dense."""
        ...

    def upsert(self, chunks: Sequence[Chunk]) -> None:
        """Add chunks; a chunk whose id is already there is replaced."""
        ...

    def delete(self, doc_id: str) -> None:
        """Remove every chunk of one document (no-op when it has none)."""
        ...

    def doc_ids(self) -> set[str]:
        """The documents that have chunks in the backend."""
        ...

    def close(self) -> None: ...
