"""Plain LangChain RAG baselines, for the side-by-side evaluation (``make eval``).

What a LangChain user would build in an afternoon: read each file as text, cut it with
``RecursiveCharacterTextSplitter`` (Chinese separators), embed the chunks with the same
m3e-small model (sentence-transformers, or any LangChain ``Embeddings`` given), search
them with FAISS, and show the top chunks as the answer (:class:`PlainRAG`).  The second
baseline, :class:`EnsembleRAG`, is the usual next step: a BM25 retriever over jieba tokens
fused with the FAISS ranking by reciprocal rank fusion (LangChain's ``EnsembleRetriever``),
on ``langchain_core`` alone.  No refusal (``found`` is always true), no table lookup, no
conflict detection.

Scoring needs ``clause_no`` / ``row_no`` on each hit, which a character splitter does not
know.  To be fair to the baseline on Recall, each chunk is mapped back by position: a
chunk most of whose characters (white space ignored) lie inside one clause, one table
row, or the header part gets that label; a chunk spread over several gets none.  The
labels come from the assistant's own parse of the same files and are used for scoring
only, never for retrieval.
"""

from __future__ import annotations

import logging
import math
import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# Paragraph, line, sentence ends, then clause-level marks; "" = hard cut as the last resort.
CHINESE_SEPARATORS = ["\n\n", "\n", "。", "！", "？", "；", "，", "、", " ", ""]
CHUNK_SIZE = 400  # the assistant's chunk_max_chars, so chunk sizes are comparable
CHUNK_OVERLAP = 50
MAJORITY = 0.5  # share of a chunk's characters that must lie in one span to take its label
_WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _WS.sub("", text)


# ---------------------------------------------------------------- reading and splitting

def read_text(path: Path) -> str:
    """The file as a LangChain loader would give it: a TXT file verbatim (decoded), other
    formats as their text followed by their tables as tab-separated lines."""
    if path.suffix.lower() == ".txt":
        data = path.read_bytes()
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(data).best()
            return str(best) if best is not None else data.decode("gb18030", errors="replace")
    from assistant.reading.files import read_document

    raw = read_document(path)
    tables = ["\n".join("\t".join(row) for row in t.rows) for t in raw.tables]
    return "\n\n".join([raw.text, *tables])


def split_text(text: str, chunk_size: int = CHUNK_SIZE, overlap: int = CHUNK_OVERLAP) -> list[tuple[int, str]]:
    """(start offset, chunk text) pairs from ``RecursiveCharacterTextSplitter``."""
    try:
        from langchain_text_splitters import RecursiveCharacterTextSplitter
    except ImportError as e:
        raise ImportError("the baseline needs langchain-text-splitters: pip install langchain-text-splitters") from e
    splitter = RecursiveCharacterTextSplitter(separators=CHINESE_SEPARATORS, chunk_size=chunk_size,
                                              chunk_overlap=overlap, keep_separator="end", add_start_index=True)
    docs = splitter.create_documents([text])
    return [(int(d.metadata["start_index"]), d.page_content) for d in docs]


# ---------------------------------------------------------------- mapping chunks to clauses / rows

@dataclass(frozen=True)
class Span:
    """A labelled stretch of a file's text, in white-space-free character positions."""

    start: int
    end: int
    kind: str  # "header" | "clause" | "row"
    clause_no: int | None = None
    row_no: int | None = None


def _find(hay: str, needle: str, start: int = 0) -> int:
    """Position of ``needle`` in ``hay``; falls back to a 30-character window from its middle
    part, so a clause whose number the parser normalised is still found."""
    if not needle:
        return -1
    pos = hay.find(needle, start)
    if pos >= 0:
        return pos
    for off in (6, len(needle) // 2):
        window = needle[off:off + 30]
        if len(window) >= 12:
            pos = hay.find(window, start)
            if pos >= 0:
                return max(0, pos - off)
    return -1


def locate_spans(doc: Any, text: str) -> list[Span]:
    """Spans of the header part, each clause and each table row of ``doc`` (an
    ``assistant.types.Document``) inside ``text``, the file as the baseline read it."""
    sq = squeeze(text)
    spans: list[Span] = []
    body_end = 0
    for clause in doc.clauses:
        needle = squeeze(clause.text)
        pos = _find(sq, needle, body_end)
        if pos < 0:
            log.warning("%s: clause %s not found in the file text", doc.id, clause.no)
            continue
        spans.append(Span(pos, pos + len(needle), "clause", clause.no, None))
        body_end = pos + len(needle)
    first = min((s.start for s in spans), default=len(sq) if doc.clauses else 0)
    if first > 0:
        spans.insert(0, Span(0, first, "header"))
    cursor = body_end
    for task in doc.tasks:
        if task.row_no is None:  # a task stated inline in the body: its clause span holds it
            continue
        req = squeeze(task.requirement)
        # the table follows the body; a row cut by a page break is found by a shorter prefix
        pos = next((p for n in (40, 20, 12) if (p := sq.find(req[:n], cursor)) >= 0 and req[:n]), -1)
        if pos < 0:
            log.warning("%s: row %s not found in the file text", doc.id, task.row_no)
            continue
        units = squeeze("".join((*task.lead_units_as_written, *task.participating_units_as_written) or (*task.lead_units, *task.participating_units)))
        spans.append(Span(pos, pos + len(req) + len(units), "row", task.clause_no, task.row_no))
        cursor = pos + 1
    return spans


def squeezed_offsets(text: str) -> np.ndarray:
    """offsets[i] = number of non-white-space characters in text[:i]."""
    keep = np.fromiter((not c.isspace() for c in text), dtype=np.int64, count=len(text))
    return np.concatenate([[0], np.cumsum(keep)])


def label_chunk(spans: Sequence[Span], start: int, end: int) -> Span | None:
    """The span holding most (> MAJORITY) of the chunk [start, end), or None."""
    size = end - start
    if size <= 0:
        return None
    best, best_overlap = None, 0
    for s in spans:
        overlap = min(end, s.end) - max(start, s.start)
        if overlap > best_overlap:
            best, best_overlap = s, overlap
    return best if best is not None and best_overlap / size > MAJORITY else None


def covered_spans(spans: Sequence[Span], start: int, end: int) -> tuple[Span, ...]:
    """The spans the chunk [start, end) holds: at least half of the span's characters lie in
    the chunk, or the span holds most (> MAJORITY) of the chunk.  A chunk of several short
    clauses holds each of them; a piece of a long clause holds that clause."""
    size = end - start
    out = []
    for s in spans:
        overlap = min(end, s.end) - max(start, s.start)
        if overlap > 0 and (overlap >= 0.5 * (s.end - s.start) or (size > 0 and overlap / size > MAJORITY)):
            out.append(s)
    return tuple(out)


@dataclass(frozen=True)
class FlatChunk:
    """One splitter chunk with the document it came from and its mapped label."""

    doc_id: str
    doc_title: str
    level: str
    text: str
    kind: str  # "header" | "clause" | "row" | "text" (spread over several spans)
    clause_no: int | None
    row_no: int | None
    covers: tuple[Span, ...] = ()  # every clause / row / header part the chunk holds (see covered_spans)


def label_pieces(documents: Sequence[Any], texts: Sequence[str], pieces: Sequence[tuple[int, int]],
                 chunk_texts: Sequence[str]) -> list[FlatChunk]:
    """Label splitter chunks: ``pieces[i]`` = (index into documents/texts, start offset)."""
    maps = [(locate_spans(d, t), squeezed_offsets(t)) for d, t in zip(documents, texts)]
    out: list[FlatChunk] = []
    for (n, start), chunk in zip(pieces, chunk_texts):
        doc = documents[n]
        spans, offsets = maps[n]
        a = int(offsets[start])
        b = a + len(squeeze(chunk))
        label = label_chunk(spans, a, b)
        out.append(FlatChunk(doc.id, doc.meta.title, doc.meta.level, chunk, label.kind if label else "text",
                             label.clause_no if label else None, label.row_no if label else None,
                             covered_spans(spans, a, b)))
    return out


def corpus_chunks(corpus_dir: Path, documents: Sequence[Any], chunk_size: int = CHUNK_SIZE,
                  overlap: int = CHUNK_OVERLAP) -> list[FlatChunk]:
    """Split every parsed document's file and label the chunks (see module docstring)."""
    docs = list(documents)
    texts = [read_text(Path(corpus_dir) / d.meta.file) for d in docs]
    pieces, chunk_texts = [], []
    for n, text in enumerate(texts):
        for start, chunk in split_text(text, chunk_size, overlap):
            pieces.append((n, start))
            chunk_texts.append(chunk)
    return label_pieces(docs, texts, pieces, chunk_texts)


def hit_dict(chunk: FlatChunk, rank: int, score: float) -> dict[str, Any]:
    """A ``retrieved`` entry in the Answer.to_dict() shape; ``covers`` lists every
    (kind, clause_no, row_no) the chunk holds, for :func:`relabel`."""
    return {"doc_id": chunk.doc_id, "doc_title": chunk.doc_title, "level": chunk.level,
            "clause_no": chunk.clause_no, "row_no": chunk.row_no, "text": chunk.text, "kind": chunk.kind,
            "rank": rank, "score": round(float(score), 6),
            "covers": [(c.kind, c.clause_no, c.row_no) for c in chunk.covers]}


def relabel(hit: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """The hit labelled with the gold clause / row / header part it holds, if any (else as
    it is).  A splitter chunk of several short clauses is a right passage for each of them,
    so a baseline is scored on whether its chunk holds the answer, not on where the
    splitter happened to cut."""
    from assistant.evaluate import hit_ok

    if not hit.get("covers") or hit_ok(hit, gold):
        return hit
    for kind, clause_no, row_no in hit["covers"]:
        candidate = {**hit, "kind": kind, "clause_no": clause_no, "row_no": row_no}
        if hit_ok(candidate, gold):
            return candidate
    return hit


def answer_dict(question: str, hits: list[dict[str, Any]], top: int, total_ms: float) -> dict[str, Any]:
    """A plain RAG reply: the text of the top chunks, always 'found', nothing structured."""
    return {"question": question, "answer": "\n".join(h["text"] for h in hits[:top]), "found": True,
            "intent": "general", "citations": [{"n": i, **{k: h[k] for k in ("doc_id", "doc_title", "level",
                                                                               "clause_no", "row_no", "text",
                                                                               "kind", "covers") if k in h}}
                                               for i, h in enumerate(hits[:top], 1)],
            "retrieved": hits, "tasks": [], "conflicts": [], "timings_ms": {"total": round(total_ms, 2)}}


# ---------------------------------------------------------------- the LangChain pieces

def _langchain_classes() -> tuple[Any, Any]:
    """Embeddings and VectorStore subclasses, built on first use (langchain_core is slow to import)."""
    from langchain_core.documents import Document as LCDocument
    from langchain_core.embeddings import Embeddings
    from langchain_core.vectorstores import VectorStore

    class SentenceTransformerEmbeddings(Embeddings):
        """sentence-transformers behind LangChain's Embeddings interface (normalised vectors)."""

        def __init__(self, model_path: str) -> None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as e:
                raise ImportError("the baseline needs sentence-transformers: pip install sentence-transformers") from e
            self.model = SentenceTransformer(model_path, device="cpu")

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return self.model.encode(texts, normalize_embeddings=True, batch_size=32).tolist()  # type: ignore[no-any-return]

        def embed_query(self, text: str) -> list[float]:
            return self.embed_documents([text])[0]

    class FaissStore(VectorStore):
        """The smallest FAISS vector store: exact inner product over normalised vectors."""

        def __init__(self, embedding: Embeddings) -> None:
            self.embedding = embedding
            self.docs: list[LCDocument] = []
            self.index: Any = None

        @property
        def embeddings(self) -> Embeddings:
            return self.embedding

        def add_texts(self, texts: Iterable[str], metadatas: list[dict[str, Any]] | None = None,
                      **kwargs: Any) -> list[str]:
            import faiss

            texts = list(texts)
            vecs = np.asarray(self.embedding.embed_documents(texts), dtype=np.float32)
            if self.index is None:
                self.index = faiss.IndexFlatIP(vecs.shape[1])
            self.index.add(vecs)
            first = len(self.docs)
            metas = metadatas or [{} for _ in texts]
            self.docs.extend(LCDocument(page_content=t, metadata=m) for t, m in zip(texts, metas))
            return [str(i) for i in range(first, len(self.docs))]

        def similarity_search_with_score(self, query: str, k: int = 4,
                                         **kwargs: Any) -> list[tuple[LCDocument, float]]:
            if self.index is None or not self.docs:
                return []
            q = np.asarray([self.embedding.embed_query(query)], dtype=np.float32)
            scores, idx = self.index.search(q, min(k, len(self.docs)))
            return [(self.docs[int(i)], float(s)) for s, i in zip(scores[0], idx[0]) if i >= 0]

        def similarity_search(self, query: str, k: int = 4, **kwargs: Any) -> list[LCDocument]:
            return [d for d, _ in self.similarity_search_with_score(query, k)]

        @classmethod
        def from_texts(cls, texts: list[str], embedding: Embeddings,
                       metadatas: list[dict[str, Any]] | None = None, **kwargs: Any) -> FaissStore:
            store = cls(embedding)
            store.add_texts(texts, metadatas)
            return store

    return SentenceTransformerEmbeddings, FaissStore


class LangChainBaseline:
    """Split raw texts, embed with sentence-transformers, search with FAISS (no labels).

    ``texts`` are whole documents; ``self.texts`` are the chunks, ``self.pieces`` the
    (document index, start offset) of each.  (``eval/bench_index.py`` times its own
    ``eval/langchain_baseline.py``.)
    """

    def __init__(self, texts: Sequence[str], settings: Any = None, *, model_path: str | None = None,
                 chunk_size: int = CHUNK_SIZE, overlap: int = CHUNK_OVERLAP, embeddings: Any = None) -> None:
        if model_path is None and embeddings is None:
            from assistant.config import make_settings

            model_path = (settings or make_settings()).resolved_model_path
        self.pieces: list[tuple[int, int]] = []
        self.texts: list[str] = []
        for n, text in enumerate(texts):
            for start, chunk in split_text(text, chunk_size, overlap):
                self.pieces.append((n, start))
                self.texts.append(chunk)
        embeddings_cls, store_cls = _langchain_classes()
        self.embeddings = embeddings if embeddings is not None else embeddings_cls(model_path)
        self.store = store_cls.from_texts(self.texts, self.embeddings,
                                          metadatas=[{"i": i} for i in range(len(self.texts))])

    def search_ids(self, query: str, k: int = 5) -> list[tuple[int, float]]:
        """(chunk index, cosine) pairs, best first."""
        return [(int(d.metadata["i"]), s) for d, s in self.store.similarity_search_with_score(query, k=k)]

    def search(self, query: str, k: int = 5) -> list[tuple[str, float]]:
        """(chunk text, cosine) pairs, best first."""
        return [(self.texts[i], s) for i, s in self.search_ids(query, k)]


class PlainRAG:
    """The baseline over a corpus folder; ``ask`` returns the Answer dict shape."""

    name = "LangChain RAG baseline"

    def __init__(self, corpus_dir: Path, documents: Sequence[Any], model_path: str | None = None, top: int = 2,
                 *, embeddings: Any = None, texts: Sequence[str] | None = None) -> None:
        """``embeddings`` (a LangChain ``Embeddings``) replaces sentence-transformers over
        ``model_path``; ``texts`` replaces reading the files (one text per document)."""
        t0 = time.perf_counter()
        self.top = top
        docs = list(documents)
        texts = list(texts) if texts is not None else [read_text(Path(corpus_dir) / d.meta.file) for d in docs]
        self.rag = LangChainBaseline(texts, model_path=model_path, embeddings=embeddings)
        self.chunks = label_pieces(docs, texts, self.rag.pieces, self.rag.texts)
        self.build_s = time.perf_counter() - t0
        log.info("baseline: %d chunks in %.1f s", len(self.chunks), self.build_s)

    def search(self, question: str, k: int = 10) -> list[dict[str, Any]]:
        """The baseline's own ranking (FAISS cosine order), as ``retrieved`` hit dicts."""
        return [hit_dict(self.chunks[i], rank, s) for rank, (i, s) in enumerate(self.rag.search_ids(question, k), 1)]

    def ask(self, question: str, k: int = 10) -> dict[str, Any]:
        t0 = time.perf_counter()
        hits = self.search(question, k)
        return answer_dict(question, hits, self.top, (time.perf_counter() - t0) * 1000)


# ---------------------------------------------------------------- the BM25 + dense ensemble baseline

_WORD = re.compile(r"\w")


def jieba_tokens(text: str) -> list[str]:
    """``jieba.lcut`` without white space and punctuation: the preprocess function a
    LangChain user hands ``BM25Retriever`` for Chinese."""
    import jieba

    return [t.lower() for t in jieba.lcut(text) if _WORD.search(t)]


class BM25Okapi:
    """The scoring of ``rank_bm25.BM25Okapi`` (what LangChain's ``BM25Retriever`` uses):
    k1 1.5, b 0.75, idf log((N - n + 0.5) / (n + 0.5)) with negative idfs raised to
    0.25 x the mean idf."""

    def __init__(self, corpus: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75,
                 epsilon: float = 0.25) -> None:
        from collections import Counter

        self.k1, self.b = k1, b
        self.freqs = [Counter(doc) for doc in corpus]
        self.lengths = np.array([len(doc) for doc in corpus], dtype=np.float64)
        self.avgdl = float(self.lengths.mean()) if len(corpus) else 0.0
        df: Counter[str] = Counter()
        for f in self.freqs:
            df.update(f.keys())
        n = len(corpus)
        idf = {w: math.log(n - c + 0.5) - math.log(c + 0.5) for w, c in df.items()}
        floor = epsilon * (sum(idf.values()) / len(idf)) if idf else 0.0
        self.idf = {w: (v if v >= 0 else floor) for w, v in idf.items()}

    def scores(self, query: Sequence[str]) -> np.ndarray:
        out = np.zeros(len(self.freqs))
        if not self.freqs:
            return out
        norm = self.k1 * (1 - self.b + self.b * self.lengths / max(self.avgdl, 1e-9))
        for q in query:
            tf = np.array([f.get(q, 0) for f in self.freqs], dtype=np.float64)
            out += self.idf.get(q, 0.0) * tf * (self.k1 + 1) / (tf + norm)
        return out


def _ensemble_classes() -> tuple[Any, Any]:
    """A BM25 retriever and an RRF ensemble retriever on ``langchain_core`` alone (the
    ``BM25Retriever`` / ``EnsembleRetriever`` of langchain_community / langchain, rebuilt)."""
    from langchain_core.callbacks import CallbackManagerForRetrieverRun
    from langchain_core.documents import Document as LCDocument
    from langchain_core.retrievers import BaseRetriever
    from pydantic import ConfigDict

    class JiebaBM25Retriever(BaseRetriever):
        """BM25 (``BM25Okapi``) over jieba tokens of the chunks; top ``k``, best first."""

        model_config = ConfigDict(arbitrary_types_allowed=True)
        docs: list[LCDocument]
        bm25: Any
        k: int = 4

        @classmethod
        def from_documents(cls, docs: Sequence[LCDocument], k: int = 4) -> JiebaBM25Retriever:
            return cls(docs=list(docs), bm25=BM25Okapi([jieba_tokens(d.page_content) for d in docs]), k=k)

        def _get_relevant_documents(self, query: str, *,
                                    run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
            scores = self.bm25.scores(jieba_tokens(query))
            order = np.argsort(-scores, kind="stable")[: self.k]
            return [self.docs[int(i)] for i in order]

    class RRFEnsembleRetriever(BaseRetriever):
        """Weighted reciprocal rank fusion of several retrievers (``EnsembleRetriever``:
        score = sum of weight / (rank + c), c = 60), documents identified by ``id_key``."""

        model_config = ConfigDict(arbitrary_types_allowed=True)
        retrievers: list[Any]
        weights: list[float]
        c: int = 60
        id_key: str = "i"
        k: int = 10

        def _get_relevant_documents(self, query: str, *,
                                    run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
            fused: dict[Any, float] = {}
            docs: dict[Any, LCDocument] = {}
            for retriever, weight in zip(self.retrievers, self.weights):
                for rank, d in enumerate(retriever.invoke(query), 1):
                    key = d.metadata.get(self.id_key, d.page_content)
                    docs.setdefault(key, d)
                    fused[key] = fused.get(key, 0.0) + weight / (rank + self.c)
            best = sorted(fused, key=lambda key: -fused[key])[: self.k]
            return [LCDocument(page_content=docs[key].page_content, metadata={**docs[key].metadata, "rrf": fused[key]})
                    for key in best]

    return JiebaBM25Retriever, RRFEnsembleRetriever


class EnsembleRAG:
    """The second baseline: LangChain's BM25 + dense ensemble over the same splitter chunks
    and FAISS store as :class:`PlainRAG` (BM25 over jieba tokens and the m3e-small FAISS
    ranking, ``candidates`` each, fused by RRF); ``ask`` returns the Answer dict shape."""

    name = "LangChain BM25 + dense ensemble"

    def __init__(self, plain: PlainRAG, top: int = 2, candidates: int = 20, k: int = 10) -> None:
        t0 = time.perf_counter()
        self.top = top
        self.chunks = plain.chunks
        bm25_cls, ensemble_cls = _ensemble_classes()
        store = plain.rag.store
        bm25 = bm25_cls.from_documents(store.docs, k=candidates)
        dense = store.as_retriever(search_kwargs={"k": candidates})
        self.retriever = ensemble_cls(retrievers=[bm25, dense], weights=[0.5, 0.5], k=k)
        self.build_s = time.perf_counter() - t0

    def search(self, question: str, k: int = 10) -> list[dict[str, Any]]:
        """The ensemble's own ranking (RRF order), as ``retrieved`` hit dicts."""
        return [hit_dict(self.chunks[int(d.metadata["i"])], rank, d.metadata["rrf"])
                for rank, d in enumerate(self.retriever.invoke(question)[:k], 1)]

    def ask(self, question: str, k: int = 10) -> dict[str, Any]:
        t0 = time.perf_counter()
        hits = self.search(question, k)
        return answer_dict(question, hits, self.top, (time.perf_counter() - t0) * 1000)


def cached_embeddings(embedder: Any, cache_dir: Path) -> Any:
    """A LangChain ``Embeddings`` over an assistant embedder (the same m3e-small, through
    its ONNX export; or the fake test embedder), chunk vectors cached on disk by text hash
    in ``cache_dir`` so a rerun encodes nothing it has seen."""
    from langchain_core.embeddings import Embeddings

    from assistant.search.encoder import ChunkEncoder

    ident = re.sub(r"[^\w.-]+", "-", f"{getattr(embedder, 'name', 'embedder')}-{embedder.dim}")
    encoder = ChunkEncoder(embedder, Path(cache_dir) / ident)

    class EncoderEmbeddings(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return encoder.texts(texts).tolist()  # type: ignore[no-any-return]

        def embed_query(self, text: str) -> list[float]:  # not memoised: latency includes encoding
            return embedder.encode([text])[0].tolist()  # type: ignore[no-any-return]

    return EncoderEmbeddings()
