"""Hybrid search over chunks: BM25 + dense vectors fused with RRF, with metadata filters.

Filters (document, level, kind) become a set of allowed chunk ids that both backends
honour, so a filtered query is answered from the matching chunks only and still
returns ``k`` hits when there are ``k`` such chunks.

``PolicyRetriever`` wraps the searcher as a LangChain retriever.  It is created on first
access (module ``__getattr__``) because importing langchain_core costs ~0.6 s, which the
command line and the first query should not pay when they do not use LangChain.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.config import AssistantError, Settings
from assistant.search.fusion import rrf
from assistant.types import Chunk, Hit

if TYPE_CHECKING:
    from assistant.search.backends.bm25 import SearchBackend
    from assistant.search.embedding import Embedder
    from assistant.search.tokenize import Tokenizer

log = logging.getLogger(__name__)

MODES = ("hybrid", "sparse", "dense")


class HybridSearcher:
    """Search chunks by text; returns ranked ``Hit``s (rank 1 = best)."""

    def __init__(self, chunks: Sequence[Chunk], sparse: SearchBackend | None, dense: SearchBackend | None,
                 embedder: Embedder | None, tokenizer: Tokenizer, settings: Settings) -> None:
        self.chunks: dict[str, Chunk] = {c.id: c for c in chunks}
        self.sparse = sparse if settings.use_sparse else None
        self.dense = dense if settings.use_dense else None
        self.embedder = embedder
        self.tokenizer = tokenizer
        self.settings = settings
        self._by: dict[tuple[str, str], set[str]] = {}
        for c in chunks:
            for field, value in (("doc", c.doc_id), ("level", c.level), ("kind", c.kind)):
                self._by.setdefault((field, value), set()).add(c.id)
        self._qcache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._qlock = threading.Lock()

    def chunk(self, chunk_id: str) -> Chunk:
        try:
            return self.chunks[chunk_id]
        except KeyError:
            raise KeyError(f"unknown chunk id {chunk_id!r}") from None

    def allowed_ids(self, doc: str | None = None, level: str | None = None,
                    kind: str | None = None) -> set[str] | None:
        """Chunk ids passing every given filter; None when there is no filter."""
        allowed: set[str] | None = None
        for field, value in (("doc", doc), ("level", level), ("kind", kind)):
            if value is None:
                continue
            ids = self._by.get((field, value), set())
            allowed = set(ids) if allowed is None else allowed & ids
        return allowed

    def embed_query(self, query: str) -> np.ndarray:
        """Query vector, memoised (questions repeat in evaluation and in the UI)."""
        if self.embedder is None:
            raise AssistantError("dense search needs an embedder")
        with self._qlock:  # the web UI asks from several threads at once
            vec = self._qcache.get(query)
            if vec is not None:
                self._qcache.move_to_end(query)
                return vec
        vec = self.embedder.encode([query])[0]
        with self._qlock:
            self._qcache[query] = vec
            if len(self._qcache) > 512:
                self._qcache.popitem(last=False)
        return vec

    def search(self, query: str, k: int = 5, *, doc: str | None = None, level: str | None = None,
               kind: str | None = None, mode: str = "hybrid") -> list[Hit]:
        """Top ``k`` hits for ``query``.  mode: hybrid (RRF of both) | sparse | dense.

        Hybrid falls back to whichever retriever is available; scores are RRF scores in
        hybrid mode and the backend's own scores (BM25 / cosine) otherwise.
        """
        if mode not in MODES:
            raise AssistantError(f"unknown search mode {mode!r} (use {', '.join(MODES)})")
        query = query.strip()
        if not query or k <= 0:
            return []
        allowed = self.allowed_ids(doc, level, kind)
        if allowed is not None and not allowed:
            return []
        depth = max(k, self.settings.candidates)
        rankings: list[list[tuple[str, float]]] = []
        weights: list[float] = []
        sources: list[str] = []
        if mode in ("hybrid", "sparse") and self.sparse is not None:
            rankings.append(self.sparse.search(query, depth, allowed))
            weights.append(self.settings.sparse_weight)
            sources.append("sparse")
        if mode in ("hybrid", "dense") and self.dense is not None and self.embedder is not None:
            rankings.append(self.dense.search(self.embed_query(query), depth, allowed))
            weights.append(self.settings.dense_weight)
            sources.append("dense")
        if not sources:
            raise AssistantError(f"no retriever available for mode {mode!r}")
        found: dict[str, list[str]] = {}
        for name, ranking in zip(sources, rankings):
            for cid, _ in ranking:
                found.setdefault(cid, []).append(name)
        if len(rankings) == 1:
            scored = rankings[0]
        else:
            scored = rrf([[cid for cid, _ in r] for r in rankings], weights, k=self.settings.rrf_k)
        return [Hit(chunk=self.chunks[cid], score=float(score), rank=rank, sources=tuple(found[cid]))
                for rank, (cid, score) in enumerate(scored[:k], 1)]


def hit_metadata(hit: Hit) -> dict[str, Any]:
    c = hit.chunk
    return {"doc_id": c.doc_id, "doc_title": c.doc_title, "level": c.level, "section": c.section,
            "clause_no": c.clause_no, "row_no": c.row_no, "kind": c.kind, "chunk_id": c.id,
            "score": float(hit.score), "rank": hit.rank}


def _make_policy_retriever() -> type:
    from langchain_core.callbacks import CallbackManagerForRetrieverRun
    from langchain_core.documents import Document as LCDocument
    from langchain_core.retrievers import BaseRetriever
    from pydantic import ConfigDict, Field

    class PolicyRetriever(BaseRetriever):
        """LangChain retriever over a ``HybridSearcher``.

        ``filters`` may hold ``doc``, ``level``, ``kind`` and ``mode``; each returned
        Document has the chunk text as page_content and the citation fields as metadata.
        """

        model_config = ConfigDict(arbitrary_types_allowed=True)
        searcher: Any
        k: int = 5
        filters: dict[str, Any] = Field(default_factory=dict)

        def _get_relevant_documents(self, query: str, *,
                                    run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
            unknown = set(self.filters) - {"doc", "level", "kind", "mode"}
            if unknown:
                raise AssistantError(f"unknown retriever filter(s): {', '.join(sorted(unknown))}")
            hits = self.searcher.search(query, self.k, **self.filters)
            return [LCDocument(page_content=h.chunk.text, metadata=hit_metadata(h)) for h in hits]

    PolicyRetriever.__qualname__ = "PolicyRetriever"
    return PolicyRetriever


_lazy: dict[str, type] = {}


def __getattr__(name: str) -> Any:
    if name == "PolicyRetriever":
        if name not in _lazy:
            _lazy[name] = _make_policy_retriever()
        return _lazy[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
