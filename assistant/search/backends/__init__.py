"""Search engines behind one protocol (:mod:`.base`), chosen by ``Settings.backend``.

``faiss`` (default): bm25s + FAISS files inside each index generation.  ``milvus``:
pymilvus ``MilvusClient`` on a Milvus Lite file in the index folder or a Milvus server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.config import AssistantError, Settings
from assistant.search.backends.base import Encoder, Filters, SearchBackend
from assistant.search.backends.faiss import FaissBackend, Tokenize

BACKENDS = ("faiss", "milvus")

__all__ = ["BACKENDS", "Filters", "SearchBackend", "new_backend", "open_backend"]


def _faiss_options(settings: Settings) -> dict[str, Any]:
    return {"use_dense": settings.use_dense, "rrf_k": settings.rrf_k, "candidates": settings.candidates,
            "sparse_weight": settings.sparse_weight, "dense_weight": settings.dense_weight,
            "ann_threshold": settings.ann_threshold}


def new_backend(settings: Settings, encoder: Encoder | None, tokenizer: Tokenize) -> SearchBackend:
    """An empty backend for a full build (Milvus: the collection dropped and created)."""
    if settings.backend == "faiss":
        return FaissBackend(encoder, tokenizer, use_sparse=settings.use_sparse, k1=settings.bm25_k1,
                            b=settings.bm25_b, **_faiss_options(settings))
    if settings.backend == "milvus":
        from assistant.search.backends.milvus import MilvusBackend

        backend = MilvusBackend.from_settings(settings, encoder, user_words=getattr(tokenizer, "user_words", None))
        backend.reset()
        return backend
    raise AssistantError(f"unknown backend {settings.backend!r} (use {' or '.join(BACKENDS)})")


def open_backend(settings: Settings, generation: Path, encoder: Encoder | None,
                 tokenizer: Tokenize) -> SearchBackend:
    """The backend of an index generation, as it was saved."""
    if settings.backend == "faiss":
        return FaissBackend.load(generation, encoder, tokenizer, **_faiss_options(settings))
    if settings.backend == "milvus":
        from assistant.search.backends.milvus import MilvusBackend

        return MilvusBackend.from_settings(settings, encoder, user_words=getattr(tokenizer, "user_words", None))
    raise AssistantError(f"unknown backend {settings.backend!r} (use {' or '.join(BACKENDS)})")
