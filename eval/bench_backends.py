"""Milvus Lite benchmark for the Milvus search backend (not a test).

    PYTHONPATH=. python eval/bench_milvus_lite.py [--n 20000] [--dim 512] [--index FLAT] [--queries 200]

Builds a collection of ``--n`` synthetic chunks (20 per document)
whose text recombines sentences of the Liaocheng plan, with random unit vectors (the
encoder is not what is measured), then times: create + insert, hybrid queries with and
without a filter (p50 / p95), sparse-only and dense-only queries, reopening the file, and
deleting one document's 20 chunks.  Peak RSS is the process maximum.  Prints JSON.

The hybrid time includes the extra dense-only request that tells which retriever found
each hit (about the "dense" time).  Milvus Lite is pure Python: most of a query is
per-row Python work (filter masks, version checks), so times grow with the collection.
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
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus/liaocheng_construction_carbon_peak_plan_2023.txt")
sys.path.insert(0, str(REPO))

from assistant.types import LEVELS, Chunk  # noqa: E402

CHUNKS_PER_DOC = 20


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
    text = re.sub(r"\s+", "", CORPUS.read_text(encoding="utf-8"))
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


def timed(fn, items) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - t) * 1000)
    return out


def pct(ms: list[float]) -> dict[str, float]:
    qs = statistics.quantiles(ms, n=100)
    return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(qs[94], 1), "max_ms": round(max(ms), 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--dim", type=int, default=512)
    ap.add_argument("--index", default="FLAT", help="dense index: FLAT | AUTOINDEX | HNSW | IVF_FLAT")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--work", type=Path, default=None, help="folder for the .db, kept (default: a temp dir, removed)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    from assistant.search.backends.base import Filters
    from assistant.search.backends.milvus import MilvusBackend

    rng = random.Random(7)
    pool = sentences()
    chunks = make_chunks(args.n, rng, pool)
    queries = make_queries(args.queries, rng, pool)
    enc = RandomEncoder(args.dim)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench_milvus_"))
    uri = str(work / "milvus.db")
    res: dict[str, object] = {"n_chunks": args.n, "dim": args.dim, "dense_index": args.index,
                              "queries": len(queries), "rss_before_mb": round(rss_mb(), 1)}

    t = time.perf_counter()
    backend = MilvusBackend(uri, "bench", enc, dense_index=args.index, batch_size=args.batch)
    res["create_s"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    backend.upsert(chunks)
    res["insert_s"] = round(time.perf_counter() - t, 2)
    assert backend.count() == args.n
    res["rss_after_insert_mb"] = round(rss_mb(), 1)

    backend.search(queries[0], 5)  # first query builds the per-segment sparse indexes
    res["hybrid"] = pct(timed(lambda q: backend.search(q, 5), queries))
    res["hybrid_filter_level"] = pct(timed(lambda q: backend.search(q, 5, Filters(level="municipal")), queries))
    res["hybrid_filter_doc_kind"] = pct(timed(
        lambda q: backend.search(q, 5, Filters(doc="doc0042", kind="clause")), queries))
    res["sparse"] = pct(timed(lambda q: backend.search(q, 5, mode="sparse"), queries))
    res["dense"] = pct(timed(lambda q: backend.search(q, 5, mode="dense"), queries))

    t = time.perf_counter()
    backend.delete("doc0007")
    res["delete_doc_ms"] = round((time.perf_counter() - t) * 1000, 1)
    assert backend.count() == args.n - CHUNKS_PER_DOC
    t = time.perf_counter()
    assert all(h.chunk.doc_id != "doc0007" for h in backend.search(queries[2], 5, Filters(level=LEVELS[2])))
    res["first_search_after_delete_ms"] = round((time.perf_counter() - t) * 1000, 1)  # includes the flush
    t = time.perf_counter()
    n_docs = len(backend.doc_ids())
    res["doc_ids_ms"] = round((time.perf_counter() - t) * 1000, 1)
    assert n_docs == args.n // CHUNKS_PER_DOC - 1
    backend.close()

    t = time.perf_counter()
    backend = MilvusBackend(uri, "bench", enc, dense_index=args.index)
    backend.search(queries[1], 5)
    res["reopen_first_query_s"] = round(time.perf_counter() - t, 2)
    backend.close()
    res["db_size_mb"] = round(sum(p.stat().st_size for p in Path(uri).rglob("*") if p.is_file()) / 2**20, 1)
    res["peak_rss_mb"] = round(rss_mb(), 1)
    res["cpus"], res["loadavg_1m_at_end"] = os.cpu_count(), round(os.getloadavg()[0], 2)  # timings are noisy on a busy box
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(res, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
