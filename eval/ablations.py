"""The systems ``make eval`` compares, each behind one ``ask(question) -> Answer dict``.

- the assistant as shipped (hybrid BM25 + dense, structure-aware chunks, intent routing);
- ablations of the assistant: BM25 only (``use_dense=False``), dense only
  (``use_sparse=False``), and its hybrid retrieval over plain splitter chunks (no
  structure to route on, so the answer is the top chunks, like the baseline);
- the plain LangChain baseline (``baseline.PlainRAG``) and the LangChain BM25 + dense
  ensemble (``baseline.EnsembleRAG``), over the same splitter chunks.

Each system also has ``retrieve(question) -> ranked hit dicts``: its retriever's own
ranking, the one Recall@k measures (the assistant's LangChain retriever
``qa.retriever(k=10)``, a baseline's search order), never the answer's citations.

Every assistant variant gets its own index folder under ``work`` (kept between runs when
``work`` is, so an unchanged index is opened, not rebuilt), so ``index/`` is never
touched; one embedder object is shared so the model is loaded once.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from baseline import EnsembleRAG, FlatChunk, PlainRAG, answer_dict, cached_embeddings, corpus_chunks

from assistant.config import Settings, make_settings
from assistant.types import Chunk, content_hash

log = logging.getLogger(__name__)

AskFn = Callable[[str], dict[str, Any]]
RetrieveFn = Callable[[str], list[dict[str, Any]]]
KEYS = ("assistant", "bm25", "dense", "flat", "baseline", "ensemble")


@dataclass
class System:
    """A named system under evaluation: ``ask`` answers, ``retrieve`` is its own ranking."""

    key: str
    name: str
    description: str
    ask: AskFn
    setup_s: float
    retrieve: RetrieveFn | None = None
    refuses: bool = True  # False: the system has no notion of refusing (found is always true)


def shared_embedder(work: Path, settings: Settings) -> Any:
    """One embedder for every variant, its ONNX export in ``work/cache`` (made once; an
    existing export in ``index/cache/onnx`` is copied, never modified, to skip it)."""
    from assistant.search.embedding import get_embedder

    s = settings.with_(index_dir=work, cache_dir=str(work / "cache"))
    src = Path(__file__).resolve().parent.parent / "index" / "cache" / "onnx"
    dest = Path(s.cache_dir) / "onnx"
    if s.embed_backend.lower() == "onnx" and src.is_dir() and not dest.is_dir():
        shutil.copytree(src, dest, dirs_exist_ok=True)
    return get_embedder(s)


def qa_retrieve(qa: Any, k: int = 10) -> RetrieveFn:
    """The assistant's LangChain retriever, ``qa.retriever(k)``: its ranking as hit dicts."""
    retriever = qa.retriever(k=k)
    return lambda q: [d.metadata for d in retriever.invoke(q)]


def assistant_system(key: str, name: str, description: str, corpus_dir: Path, index_dir: Path,
                     embedder: Any, k: int = 10, **overrides: Any) -> tuple[System, Any]:
    """The assistant built in its own index folder with ``overrides`` (e.g. use_dense=False)."""
    import assistant

    t0 = time.perf_counter()
    qa = assistant.load(index_dir=index_dir, corpus_dir=corpus_dir, embedder=embedder, **overrides)
    qa.warm()
    qa.ask("预热")  # warm caches so latency is the steady state
    ask: AskFn = lambda q: qa.ask(q, k=k).to_dict()  # noqa: E731
    return System(key, name, description, ask, time.perf_counter() - t0, qa_retrieve(qa, k)), qa


def _reuse_last(search: Callable[[str, int], list[dict[str, Any]]], k: int) -> tuple[AskFn, RetrieveFn]:
    """``ask`` and ``retrieve`` of a baseline whose answer is its search: ``retrieve`` right
    after ``ask`` of the same question returns the ranking ``ask`` computed (the same
    search, not run twice)."""
    last: dict[str, list[dict[str, Any]]] = {}

    def retrieve(q: str) -> list[dict[str, Any]]:
        hits = last.pop(q, None)
        return hits if hits is not None else search(q, k)

    def ask(q: str) -> dict[str, Any]:
        t0 = time.perf_counter()
        hits = search(q, k)
        ms = (time.perf_counter() - t0) * 1000
        last.clear()
        last[q] = hits
        return answer_dict(q, hits, 2, ms)

    return ask, retrieve


def baseline_systems(corpus_dir: Path, documents: Sequence[Any], embedder: Any, cache_dir: Path,
                     want: set[str] | None = None, k: int = 10,
                     texts: Sequence[str] | None = None) -> list[System]:
    """The two LangChain baselines over one set of splitter chunks (embedded once, vectors
    cached in ``cache_dir``): plain dense RAG, and the BM25 + dense ensemble."""
    out: list[System] = []
    if want is not None and not want & {"baseline", "ensemble"}:
        return out
    t0 = time.perf_counter()
    rag = PlainRAG(corpus_dir, documents, embeddings=cached_embeddings(embedder, cache_dir), texts=texts)
    rag.ask("预热")
    plain_s = time.perf_counter() - t0
    if want is None or "baseline" in want:
        ask, retrieve = _reuse_last(rag.search, k)
        out.append(System("baseline", "LangChain RAG baseline",
                          "RecursiveCharacterTextSplitter (Chinese separators, 400/50) + m3e-small + FAISS; "
                          f"answer = top 2 chunks, never refuses; {_mapped(rag.chunks)}",
                          ask, plain_s, retrieve, refuses=False))
    if want is None or "ensemble" in want:
        t0 = time.perf_counter()
        ens = EnsembleRAG(rag, k=k)
        ens.ask("预热")
        ens_ask, ens_retrieve = _reuse_last(ens.search, k)
        out.append(System("ensemble", "LangChain BM25 + dense ensemble",
                          "the same chunks; BM25 (rank_bm25 scoring over jieba tokens) and the m3e-small FAISS "
                          "ranking, top 20 each, fused by RRF (c = 60, equal weights); answer = top 2 chunks, "
                          "never refuses", ens_ask, plain_s + time.perf_counter() - t0, ens_retrieve,
                          refuses=False))
    return out


class HybridFlat:
    """The assistant's BM25 + FAISS + RRF search over ``RecursiveCharacterTextSplitter`` chunks."""

    def __init__(self, corpus_dir: Path, documents: Sequence[Any], embedder: Any, settings: Settings,
                 top: int = 2, cache_dir: Path | None = None) -> None:
        from assistant.search.backends.faiss import FaissBackend
        from assistant.search.encoder import ChunkEncoder
        from assistant.search.tokenize import Tokenizer, corpus_terms

        self.top = top
        self.flat = corpus_chunks(corpus_dir, documents)
        self.chunks = [_as_chunk(c, i) for i, c in enumerate(self.flat)]
        tokenizer = Tokenizer(corpus_terms(list(documents)))
        self.backend = FaissBackend(ChunkEncoder(embedder, cache_dir), tokenizer, k1=settings.bm25_k1, b=settings.bm25_b,
                                    rrf_k=settings.rrf_k, candidates=settings.candidates)
        self.backend.upsert(self.chunks)

    def search(self, question: str, k: int = 10) -> list[dict[str, Any]]:
        """The fused BM25 + dense ranking over the flat chunks, as hit dicts."""
        from assistant.answering.intent import expand_synonyms

        hits = []
        for h in self.backend.search(expand_synonyms(question), k):
            d = h.to_dict()
            d.pop("chunk_id", None)
            d["covers"] = [(c.kind, c.clause_no, c.row_no) for c in self.flat[h.chunk.part].covers]
            hits.append(d)
        return hits

    def ask(self, question: str, k: int = 10) -> dict[str, Any]:
        t0 = time.perf_counter()
        hits = self.search(question, k)
        return answer_dict(question, hits, self.top, (time.perf_counter() - t0) * 1000)


def _mapped(chunks: Sequence[Any]) -> str:
    """How many splitter chunks hold a clause / row / header part (what scoring can credit)."""
    n = sum(bool(getattr(c, "covers", ())) or c.kind != "text" for c in chunks)
    return f"{len(chunks)} chunks, {n} holding a clause, row or header part"


def _as_chunk(c: FlatChunk, i: int) -> Chunk:
    return Chunk(id=content_hash(c.doc_id, "flat", str(i), c.text), doc_id=c.doc_id, doc_title=c.doc_title,
                 level=c.level, kind=c.kind, text=c.text, clause_no=c.clause_no, row_no=c.row_no, part=i)


def build_systems(corpus_dir: Path, work: Path, only: Sequence[str] | None = None,
                  embed_backend: str = "onnx", k: int = 10, embedder: Any = None) -> list[System]:
    """All systems, in report order; ``only`` picks a subset by key.  Indexes live in
    ``work/<key>``; ``embedder`` (else one made in ``work``) is shared by all."""
    want = set(only) if only else None
    settings = make_settings(corpus_dir=corpus_dir, embed_backend=embed_backend)
    embedder = embedder if embedder is not None else shared_embedder(work, settings)
    out: list[System] = []
    documents: list[Any] = []
    specs = [
        ("assistant", "本助手 assistant", "hybrid BM25 + m3e-small (RRF) and re-ranking, structure-aware chunks, "
         "intent routing, table lookup, refusal", {}),
        ("bm25", "消融 BM25 only", "the assistant with use_dense=False", {"use_dense": False}),
        ("dense", "消融 dense only", "the assistant with use_sparse=False", {"use_sparse": False}),
    ]
    for key, name, desc, overrides in specs:
        if want is not None and key not in want:
            continue
        system, qa = assistant_system(key, name, desc, corpus_dir, work / key, embedder, k=k,
                                      embed_backend=embed_backend, **overrides)
        documents = documents or list(qa.documents)
        out.append(system)
    if not documents and (want is None or want & {"flat", "baseline", "ensemble"}):
        from assistant.search.build import parse_corpus

        documents = parse_corpus(settings)[0]
    if want is None or "flat" in want:
        t0 = time.perf_counter()
        flat = HybridFlat(corpus_dir, documents, embedder, settings, cache_dir=work / "cache" / "flat-embeddings")
        flat.ask("预热")
        out.append(System("flat", "消融 hybrid, no structure-aware chunks",
                          "the assistant's BM25 + dense + RRF (and query synonym expansion) over "
                          "RecursiveCharacterTextSplitter chunks; "
                          f"answer = top 2 chunks; {_mapped(flat.flat)}", lambda q: flat.ask(q, k),
                          time.perf_counter() - t0, lambda q: flat.search(q, k), refuses=False))
    out += baseline_systems(corpus_dir, documents, embedder, work / "cache" / "baseline-embeddings",
                            want, k)
    return out
