"""The systems ``make eval`` compares, each behind one ``ask(question) -> Answer dict``.

- the assistant as shipped (hybrid BM25 + dense, structure-aware chunks, intent routing);
- ablations of the assistant: BM25 only (``use_dense=False``), dense only
  (``use_sparse=False``), and its hybrid retrieval over plain splitter chunks (no
  structure to route on, so the answer is the top chunks, like the baseline);
- the plain LangChain baseline (``baseline.PlainRAG``).

Every assistant variant gets its own temporary index folder, so ``index/`` is never
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

from baseline import FlatChunk, PlainRAG, answer_dict, corpus_chunks

from assistant.config import Settings, make_settings
from assistant.types import Chunk, content_hash

log = logging.getLogger(__name__)

AskFn = Callable[[str], dict[str, Any]]


@dataclass
class System:
    """A named system under evaluation."""

    key: str
    name: str
    description: str
    ask: AskFn
    setup_s: float


def shared_embedder(work: Path, settings: Settings) -> Any:
    """One embedder for every variant.  An existing ONNX export in ``index/cache/onnx`` is
    copied (never modified) so the model is not exported again."""
    from assistant.search.embedding import get_embedder

    s = settings.with_(index_dir=work / "shared")
    src = Path(__file__).resolve().parent.parent / "index" / "cache" / "onnx"
    if s.embed_backend.lower() == "onnx" and src.is_dir():
        shutil.copytree(src, Path(s.index_dir) / "cache" / "onnx", dirs_exist_ok=True)
    return get_embedder(s)


def assistant_system(key: str, name: str, description: str, corpus_dir: Path, index_dir: Path,
                     embedder: Any, k: int = 10, **overrides: Any) -> tuple[System, Any]:
    """The assistant built in its own index folder with ``overrides`` (e.g. use_dense=False)."""
    import assistant

    t0 = time.perf_counter()
    qa = assistant.load(index_dir=index_dir, corpus_dir=corpus_dir, embedder=embedder, **overrides)
    qa.ask("预热")  # warm caches so latency is the steady state
    ask: AskFn = lambda q: qa.ask(q, k=k).to_dict()  # noqa: E731
    return System(key, name, description, ask, time.perf_counter() - t0), qa


class HybridFlat:
    """The assistant's BM25 + FAISS + RRF search over ``RecursiveCharacterTextSplitter`` chunks."""

    def __init__(self, corpus_dir: Path, documents: Sequence[Any], embedder: Any, settings: Settings,
                 top: int = 2) -> None:
        from assistant.search.backends.faiss import FaissBackend
        from assistant.search.encoder import ChunkEncoder
        from assistant.search.tokenize import Tokenizer, corpus_terms

        self.top = top
        flat = corpus_chunks(corpus_dir, documents)
        self.chunks = [_as_chunk(c, i) for i, c in enumerate(flat)]
        tokenizer = Tokenizer(corpus_terms(list(documents)))
        self.backend = FaissBackend(ChunkEncoder(embedder), tokenizer, k1=settings.bm25_k1, b=settings.bm25_b,
                                    rrf_k=settings.rrf_k, candidates=settings.candidates)
        self.backend.upsert(self.chunks)

    def ask(self, question: str, k: int = 10) -> dict[str, Any]:
        from assistant.answering.intent import expand_synonyms

        t0 = time.perf_counter()
        hits = []
        for h in self.backend.search(expand_synonyms(question), k):
            d = h.to_dict()
            d.pop("chunk_id", None)
            hits.append(d)
        return answer_dict(question, hits, self.top, (time.perf_counter() - t0) * 1000)


def _mapped(chunks: Sequence[Any]) -> str:
    """How many splitter chunks could be given a clause / row / header label for scoring."""
    n = sum(c.kind != "text" for c in chunks)
    return f"{n} of {len(chunks)} chunks mapped to a clause, row or header"


def _as_chunk(c: FlatChunk, i: int) -> Chunk:
    return Chunk(id=content_hash(c.doc_id, "flat", str(i), c.text), doc_id=c.doc_id, doc_title=c.doc_title,
                 level=c.level, kind=c.kind, text=c.text, clause_no=c.clause_no, row_no=c.row_no, part=i)


def build_systems(corpus_dir: Path, work: Path, only: Sequence[str] | None = None,
                  embed_backend: str = "onnx", k: int = 10) -> list[System]:
    """All systems, in report order; ``only`` picks a subset by key."""
    want = set(only) if only else None
    settings = make_settings(corpus_dir=corpus_dir, embed_backend=embed_backend)
    embedder = shared_embedder(work, settings)
    out: list[System] = []
    documents: list[Any] = []
    specs = [
        ("assistant", "本助手 assistant", "hybrid BM25 + m3e-small (RRF), structure-aware chunks, intent routing, "
         "table lookup, refusal", {}),
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
    if not documents and (want is None or want & {"flat", "baseline"}):
        from assistant.search.build import parse_corpus

        documents = parse_corpus(settings)[0]
    if want is None or "flat" in want:
        t0 = time.perf_counter()
        flat = HybridFlat(corpus_dir, documents, embedder, settings)
        flat.ask("预热")
        out.append(System("flat", "消融 hybrid, no structure-aware chunks",
                          "the assistant's BM25 + dense + RRF (and query synonym expansion) over RecursiveCharacterTextSplitter "
                          "chunks; "
                          f"answer = top 2 chunks; {_mapped(flat.chunks)}", lambda q: flat.ask(q, k),
                          time.perf_counter() - t0))
    if want is None or "baseline" in want:
        t0 = time.perf_counter()
        rag = PlainRAG(corpus_dir, documents, settings.resolved_model_path)
        rag.ask("预热")
        out.append(System("baseline", "LangChain RAG baseline",
                          "RecursiveCharacterTextSplitter (Chinese separators, 400/50) + m3e-small via "
                          f"sentence-transformers + FAISS; answer = top 2 chunks, never refuses; "
                          f"{_mapped(rag.chunks)}",
                          lambda q: rag.ask(q, k), time.perf_counter() - t0))
    return out
