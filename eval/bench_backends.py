"""The two search backends on the same SYNTHETIC chunks, without the model (not a test).

    PYTHONPATH=. python eval/bench_backends.py --backend faiss|milvus [--n 20000] [--dim 512]
                                               [--index FLAT] [--queries 200] [--work DIR]

Why: with the model out of the way, what is left is the engine's own cost, so the
Milvus Lite figures can be set against the faiss ones and against the 50 ms target.
``--n`` chunks (20 per document) recombine sentences of the seed plan; vectors are
random unit vectors seeded by the text hash (the encoder is not what is measured, so
query encoding is excluded here; eval/bench_index.py's query phase includes it).  Times:
create + insert, the first query, hybrid queries with and without filters (p50 / p95),
sparse-only and dense-only, deleting one document's 20 chunks, reopening (faiss: save
and load the files; Milvus: the Lite file).  Peak RSS is this process's maximum (Milvus
Lite runs in-process).  Prints JSON.

Milvus Lite is pure Python: most of a query is per-row Python work (filter masks,
version checks), so times grow with the collection; a Milvus server does this in C++.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "corpus" / "liaocheng_construction_carbon_peak_plan_2023.txt"
sys.path.insert(0, str(REPO))

from assistant.types import LEVELS, Chunk  # noqa: E402

CHUNKS_PER_DOC = 20


def rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class RandomEncoder:
    """Unit vectors seeded by the text hash: repeatable, and free to compute."""

    def __init__(self, dim: int) -> None:
        self.dim = dim

    def _vec(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
        v = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
        return v / np.linalg.norm(v)

    def chunks(self, chunks: Sequence[Chunk]) -> np.ndarray:
        return np.stack([self._vec(c.text) for c in chunks])

    def query(self, text: str) -> np.ndarray:
        return self._vec(text)


def sentences() -> list[str]:
    text = re.sub(r"\s+", "", SOURCE.read_text(encoding="utf-8"))
    return [s for s in re.split(r"(?<=[。；])", text) if len(s) >= 8]


def make_chunks(n: int, rng: random.Random, pool: list[str]) -> list[Chunk]:
    out = []
    for i in range(n):
        doc = i // CHUNKS_PER_DOC
        text = ""
        while len(text) < rng.randint(120, 380):
            text += rng.choice(pool)
        kind = "row" if i % CHUNKS_PER_DOC >= 15 else ("header" if i % CHUNKS_PER_DOC == 0 else "clause")
        out.append(Chunk(id=f"c{i:06d}", doc_id=f"doc{doc:04d}", doc_title=f"文件{doc}",
                         level=LEVELS[doc % len(LEVELS)], kind=kind, text=text[:400],
                         clause_no=i % CHUNKS_PER_DOC, row_no=(i % CHUNKS_PER_DOC) - 14 if kind == "row" else None))
    return out


def make_queries(n: int, rng: random.Random, pool: list[str]) -> list[str]:
    queries = []
    for _ in range(n):
        s = rng.choice(pool)
        start = rng.randrange(max(1, len(s) - 12))
        queries.append(s[start:start + rng.randint(6, 14)])
    return queries


def pct(fn: Callable[[str], Any], items: Sequence[str]) -> dict[str, float]:
    ms = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        ms.append((time.perf_counter() - t) * 1000)
    s = sorted(ms)
    return {"p50_ms": round(s[(len(s) - 1) // 2], 1), "p95_ms": round(s[max(0, -(-95 * len(s) // 100) - 1)], 1),
            "max_ms": round(s[-1], 1)}


class Engine:
    """Opens either backend the same way, so the measurements below are shared."""

    def __init__(self, kind: str, work: Path, encoder: RandomEncoder, index: str, batch: int) -> None:
        self.kind, self.work, self.encoder, self.index, self.batch = kind, work, encoder, index, batch
        from assistant.search.tokenize import Tokenizer

        self.tokenizer = Tokenizer()

    def new(self) -> Any:
        if self.kind == "faiss":
            from assistant.search.backends.faiss import FaissBackend

            return FaissBackend(self.encoder, self.tokenizer)
        from assistant.search.backends.milvus import MilvusBackend

        return MilvusBackend(str(self.work / "milvus.db"), "bench", self.encoder, dense_index=self.index,
                             batch_size=self.batch)

    def reopen(self, backend: Any) -> Any:
        if self.kind == "faiss":
            from assistant.search.backends.faiss import FaissBackend

            backend.save(self.work / "gen")
            return FaissBackend.load(self.work / "gen", self.encoder, self.tokenizer)
        backend.close()
        return self.new()


def run(kind: str, n: int, dim: int, index: str, n_queries: int, batch: int, work: Path) -> dict[str, Any]:
    from assistant.search.backends.base import Filters

    rng = random.Random(7)
    pool = sentences()
    chunks = make_chunks(n, rng, pool)
    queries = make_queries(n_queries, rng, pool)
    engine = Engine(kind, work, RandomEncoder(dim), index, batch)
    res: dict[str, Any] = {"backend": kind, "n_chunks": n, "dim": dim, "queries": len(queries),
                           "vectors": "random unit vectors (no model; query encoding excluded)",
                           "dense_index": index if kind == "milvus" else "flat (exact) below 200,000 vectors",
                           "rss_before_mb": rss_mb()}
    t = time.perf_counter()
    backend = engine.new()
    res["create_s"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    backend.upsert(chunks)
    res["insert_s"] = round(time.perf_counter() - t, 2)
    if backend.count() != n:
        raise SystemExit(f"{kind}: {backend.count()} chunks after inserting {n}")
    res["rss_after_insert_mb"] = rss_mb()
    t = time.perf_counter()
    backend.search(queries[0], 5)  # builds the per-segment sparse indexes / the BM25 matrix
    res["first_query_s"] = round(time.perf_counter() - t, 2)
    res["hybrid"] = pct(lambda q: backend.search(q, 30), queries)
    res["hybrid_filter_level"] = pct(lambda q: backend.search(q, 30, Filters(level="municipal")), queries)
    res["hybrid_filter_doc_kind"] = pct(lambda q: backend.search(q, 30, Filters(doc="doc0042", kind="clause")),
                                        queries)
    res["sparse"] = pct(lambda q: backend.search(q, 30, mode="sparse"), queries)
    res["dense"] = pct(lambda q: backend.search(q, 30, mode="dense"), queries)

    t = time.perf_counter()
    backend.delete("doc0007")
    res["delete_doc_ms"] = round((time.perf_counter() - t) * 1000, 1)
    if backend.count() != n - CHUNKS_PER_DOC:
        raise SystemExit(f"{kind}: delete left {backend.count()} chunks")
    t = time.perf_counter()
    if any(h.chunk.doc_id == "doc0007" for h in backend.search(queries[2], 5, Filters(level=LEVELS[2]))):
        raise SystemExit(f"{kind}: a deleted document was found")
    res["first_search_after_delete_ms"] = round((time.perf_counter() - t) * 1000, 1)  # flush / matrix rebuild
    t = time.perf_counter()
    n_docs = len(backend.doc_ids())
    res["doc_ids_ms"] = round((time.perf_counter() - t) * 1000, 1)
    if n_docs != -(-n // CHUNKS_PER_DOC) - 1:
        raise SystemExit(f"{kind}: doc_ids() found {n_docs} documents")
    t = time.perf_counter()
    backend = engine.reopen(backend)
    backend.search(queries[1], 5)
    res["reopen_first_query_s"] = round(time.perf_counter() - t, 2)
    backend.close()
    res["on_disk_mb"] = round(sum(p.stat().st_size for p in work.rglob("*") if p.is_file()) / 2**20, 1)
    res["peak_rss_mb"] = rss_mb()
    res["cpus"], res["loadavg_at_end"] = os.cpu_count(), [round(x, 2) for x in os.getloadavg()]
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", choices=("faiss", "milvus"), default="milvus")
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--dim", type=int, default=512)
    ap.add_argument("--index", default="FLAT", help="Milvus dense index: FLAT | AUTOINDEX | HNSW | IVF_FLAT")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--work", type=Path, default=None, help="folder for the files, kept (default: a temp dir, removed)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    work = args.work or Path(tempfile.mkdtemp(prefix=f"bench_{args.backend}_"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        res = run(args.backend, args.n, args.dim, args.index.upper(), args.queries, args.batch, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(res, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
