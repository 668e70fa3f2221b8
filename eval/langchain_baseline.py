"""A plain LangChain-style retriever, the yardstick for the index benchmark.

Fixed-size recursive character chunks (Chinese separators, ~300 characters), the same
embedding model through sentence-transformers, and an exact FAISS inner-product index.
Built on langchain_core + langchain_text_splitters + faiss directly (no
langchain_community): what a typical tutorial pipeline does.

(The brief asked for this class in eval/baseline.py; that file now holds the evaluation's
own ``PlainRAG`` baseline, written in parallel, so this one lives here.)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.config import Settings

log = logging.getLogger(__name__)

SEPARATORS = ["\n\n", "\n", "。", "；", "，", ""]


def _st_embeddings(model_path: str) -> Any:
    """A langchain_core ``Embeddings`` over sentence-transformers (normalised vectors)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from langchain_core.embeddings import Embeddings
    from sentence_transformers import SentenceTransformer

    class STEmbeddings(Embeddings):
        def __init__(self) -> None:
            self.model = SentenceTransformer(model_path, device="cpu")

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            v = self.model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
            return np.asarray(v, dtype=np.float32).tolist()

        def embed_query(self, text: str) -> list[float]:
            return self.embed_documents([text])[0]

    return STEmbeddings()


class LangChainBaseline:
    """``LangChainBaseline(corpus_texts, settings).search(query, k) -> [(text, score)]``."""

    def __init__(self, corpus_texts: Sequence[str], settings: Settings, *, chunk_size: int = 300,
                 chunk_overlap: int = 30) -> None:
        import faiss
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(separators=SEPARATORS, chunk_size=chunk_size,
                                                  chunk_overlap=chunk_overlap, keep_separator="end")
        docs = splitter.split_documents([Document(page_content=t, metadata={"source": i})
                                         for i, t in enumerate(corpus_texts)])
        self.texts = [d.page_content for d in docs if d.page_content.strip()]
        self.embeddings = _st_embeddings(settings.resolved_model_path)
        vectors = np.asarray(self.embeddings.embed_documents(self.texts), dtype=np.float32)
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(vectors)
        log.info("baseline: %d chunks of ~%d characters", len(self.texts), chunk_size)

    def search(self, query: str, k: int = 5) -> list[tuple[str, float]]:
        q = np.asarray([self.embeddings.embed_query(query)], dtype=np.float32)
        scores, idx = self.index.search(q, min(k, len(self.texts)))
        return [(self.texts[int(i)], float(s)) for s, i in zip(scores[0], idx[0]) if i >= 0]
