"""The measurements behind ``make bench``, one per fresh process.

    python eval/bench_index.py PHASE '<json arguments>'      # prints one JSON line on stdout

eval/bench.py prepares every folder and file and calls these; a phase only measures.  A
fresh process per phase is the point: import costs, the model's cold start and the peak
RSS (``ru_maxrss``: Milvus Lite runs inside this process, so it is counted) are those a
user meets, not what an earlier phase left behind.

Phases:
  prepare   the ONNX export of the model and its int8 twin, made once (timed when made)
  build     corpus -> index (either backend) on a cold encoder cache; the model's encode
            time is counted apart, so "build minus encoding" is visible
  update    one build() after the driver added, replaced or deleted one file (incremental)
  query     load(), then latencies on distinct questions (the query-vector memo never
            hits): facade retrieve, LangChain retriever, backend hybrid/sparse/dense,
            query encoding alone, ask()
  seed      load() of a seed-corpus index, the evaluation question sets (answers kept for
            side-by-side diffs), a no-op build
  baseline  the plain LangChain RAG baseline's build on the seed corpus, for comparison
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

T_START = time.perf_counter()
REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "eval")]

# Topics and unit names of the seed plan's domain; questions are made from them so every
# one is distinct (no memo hit) and reads like what a clerk asks.
TOPICS = ["清洁取暖", "海绵城市建设", "装配式建筑", "屋顶光伏", "老旧小区改造", "建筑垃圾资源化利用",
          "供热计量收费", "绿色建材应用", "城市绿道建设", "再生水利用", "超低能耗建筑", "公共建筑能耗监测",
          "农村地区清洁取暖", "生活垃圾分类", "城市照明节能", "既有建筑节能改造", "绿色施工", "智能建造"]
UNITS = ["市住房和城乡建设局", "市城市管理局", "市自然资源和规划局", "市发展和改革委员会", "市财政局"]
ONE = ["{a}由哪个部门牵头？", "{a}的目标是什么？", "{a}有哪些具体要求？", "哪些单位参与{a}？",
       "{a}的责任单位是谁", "到{y}年{a}要达到什么水平？", "{a}什么时候完成", "{a}的主要措施有哪些"]
UNIT = ["{u}在{a}中负责什么？", "{u}是否牵头{a}？"]
TWO = ["{a}和{b}分别由谁负责？", "{a}与{b}有什么关系"]


def questions(n: int, seed: int = 0) -> list[str]:
    """``n`` distinct questions in a fixed shuffled order."""
    from make_synthetic_corpus import DEFAULT_SOURCE, harvest

    _, titles, _ = harvest([DEFAULT_SOURCE.read_text(encoding="utf-8")])
    topics = list(dict.fromkeys([*TOPICS, *titles]))
    out = {t.format(a=a, y=y) for t in ONE for a in topics for y in (2025, 2030)}
    out |= {t.format(a=a, u=u) for t in UNIT for a in topics for u in UNITS}
    out |= {t.format(a=a, b=b) for t in TWO for a in topics for b in topics if a != b}
    pool = sorted(out)
    random.Random(seed).shuffle(pool)
    if n > len(pool):
        raise SystemExit(f"only {len(pool)} distinct questions, {n} asked for")
    return pool[:n]


# ---------------------------------------------------------------- small helpers

def rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def pct(xs: Sequence[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``p`` of them <= it."""
    s = sorted(xs)
    return round(s[min(len(s) - 1, max(0, math.ceil(p * len(s)) - 1))], 2)


def latencies(fn: Callable[[str], Any], items: Sequence[str]) -> dict[str, Any]:
    times = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - t) * 1e3)
    return {"n": len(times), "p50_ms": pct(times, 0.5), "p95_ms": pct(times, 0.95), "max_ms": round(max(times), 2)}


def index_size_mb(index_dir: Path) -> float:
    """Bytes of the index (generations, Milvus Lite file), the encoder cache left out."""
    files = [p for p in index_dir.rglob("*") if p.is_file() and "cache" not in p.relative_to(index_dir).parts]
    return round(sum(p.stat().st_size for p in files) / 2**20, 1)


def settings_of(a: dict[str, Any]) -> Any:
    from assistant.config import make_settings

    return make_settings(index_dir=a["index"], corpus_dir=a["corpus"], backend=a.get("backend", "faiss"),
                         onnx_int8=bool(a.get("int8")), cache_dir=a["cache"])


def manifest_counts(index_dir: Path) -> dict[str, Any]:
    from assistant.search.store import live_manifest

    live = live_manifest(index_dir)
    return dict(live[1]["counts"]) if live else {}


class TimedEmbedder:
    """Wraps an embedder to count the texts it encodes and the seconds that takes, so a
    build's time splits into model encoding and everything else."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.seconds, self.texts = 0.0, 0

    def encode(self, texts: Sequence[str], *, batch_size: int = 32, show_progress: bool = False) -> np.ndarray:
        t = time.perf_counter()
        out = self.inner.encode(texts, batch_size=batch_size, show_progress=show_progress)
        self.seconds += time.perf_counter() - t
        self.texts += len(texts)
        return np.asarray(out)


class PrecomputedEmbedder:
    """SYNTHETIC vectors standing in for the model's at sizes the model cannot encode in
    the time allowed: a unit vector seeded by the text's hash, stored in the encoder cache
    under the real model's identity, so the index opens afterwards with the real model and
    every query is still encoded by it.  Latencies are real; dense relevance is not."""

    def __init__(self, dim: int, name: str) -> None:
        self.dim, self.name = dim, name

    def encode(self, texts: Sequence[str], *, batch_size: int = 32, show_progress: bool = False) -> np.ndarray:
        out = np.empty((len(texts), self.dim), np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
            out[i] = np.random.default_rng(seed).standard_normal(self.dim)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def make_embedder(settings: Any, embed: str) -> TimedEmbedder:
    from assistant.search.embedding import get_embedder, model_fingerprint, onnx_cache_dir

    if embed == "precomputed":
        meta = onnx_cache_dir(settings, model_fingerprint(settings.resolved_model_path)) / "meta.json"
        return TimedEmbedder(PrecomputedEmbedder(int(json.loads(meta.read_text())["dim"]), settings.model_name))
    return TimedEmbedder(get_embedder(settings))


# ---------------------------------------------------------------- phases

def phase_prepare(a: dict[str, Any]) -> dict[str, Any]:
    """Export the model to ONNX (and quantise it) into ``a["cache"]`` when not there yet."""
    from assistant.search.onnx import OnnxEmbedder, model_fingerprint, onnx_cache_dir, quantized

    s = settings_of(a)
    onnx_dir = onnx_cache_dir(s, model_fingerprint(s.resolved_model_path))
    out: dict[str, Any] = {"onnx_dir": str(onnx_dir), "exported_now": not (onnx_dir / "model.onnx").is_file()}
    t = time.perf_counter()
    OnnxEmbedder.from_settings(s)
    out["export_or_load_s"] = round(time.perf_counter() - t, 2)
    out["quantised_now"] = not (onnx_dir / "model_int8.onnx").is_file()
    t = time.perf_counter()
    quantized(onnx_dir)
    out["int8_quantise_s"] = round(time.perf_counter() - t, 2)
    return out


def phase_build(a: dict[str, Any]) -> dict[str, Any]:
    from assistant.search.build import build

    s = settings_of(a)
    t = time.perf_counter()
    emb = make_embedder(s, a.get("embed", "real"))
    model_load_s = time.perf_counter() - t
    t = time.perf_counter()
    report = build(s, force=True, progress=True, embedder=emb)
    build_s = time.perf_counter() - t
    counts = manifest_counts(Path(a["index"]))
    chunks = int(counts.get("chunks", 0))
    return {"backend": s.backend, "int8": s.onnx_int8, "embeddings": a.get("embed", "real"),
            "documents": report.documents, "chunks": chunks, "chunks_per_doc": round(chunks / max(report.documents, 1), 1),
            "file_errors": len(report.skipped), "model_load_s": round(model_load_s, 2), "build_s": round(build_s, 2),
            "build_chunks_per_s": round(chunks / build_s, 1), "encode_s": round(emb.seconds, 2),
            "encoded_texts": emb.texts, "encode_texts_per_s": round(emb.texts / emb.seconds, 1) if emb.seconds else None,
            "build_minus_encode_s": round(build_s - emb.seconds, 2), "index_mb": index_size_mb(Path(a["index"])),
            "peak_rss_mb": rss_mb()}


def phase_update(a: dict[str, Any]) -> dict[str, Any]:
    from assistant.search.build import build

    s = settings_of(a)
    t = time.perf_counter()
    emb = make_embedder(s, "real")
    model_load_s = time.perf_counter() - t
    t = time.perf_counter()
    report = build(s, progress=False, embedder=emb)
    build_s = time.perf_counter() - t
    return {"op": a["op"], "action": report.action, "added": len(report.added), "removed": len(report.removed),
            "reused": report.reused, "documents": report.documents,
            "chunks": manifest_counts(Path(a["index"])).get("chunks"), "model_load_s": round(model_load_s, 2),
            "build_s": round(build_s, 2), "encoded_texts": emb.texts, "encode_s": round(emb.seconds, 2),
            "process_to_done_s": round(time.perf_counter() - T_START, 2), "peak_rss_mb": rss_mb()}


def phase_query(a: dict[str, Any]) -> dict[str, Any]:
    import assistant

    s = settings_of(a)
    t = time.perf_counter()
    qa = assistant.load(index_dir=s.index_dir, corpus_dir=s.corpus_dir, backend=s.backend, cache_dir=s.cache_dir,
                        onnx_int8=s.onnx_int8)
    out: dict[str, Any] = {"backend": s.backend, "load_s": round(time.perf_counter() - t, 2),
                           "chunks": qa.index.backend.count(), "documents": len(qa.documents)}
    n, n_ask = int(a["n"]), int(a["ask_n"])
    qs = questions(1 + 6 * n + n_ask)
    t = time.perf_counter()
    qa.retrieve(qs[0], 5)
    out["first_retrieve_ms"] = round((time.perf_counter() - t) * 1e3, 1)
    sets = {name: qs[1 + i * n:1 + (i + 1) * n] for i, name in
            enumerate(("retrieve", "retriever", "hybrid", "sparse", "dense", "query_encode"))}
    out["retrieve"] = latencies(lambda q: qa.retrieve(q, 5), sets["retrieve"])
    retriever = qa.retriever(k=5)
    retriever.invoke(sets["retriever"][0])  # imports LangChain once
    out["retriever"] = latencies(retriever.invoke, sets["retriever"][1:])
    backend = qa.index.backend
    for mode in ("hybrid", "sparse", "dense"):
        out[f"backend_{mode}"] = latencies(lambda q, m=mode: backend.search(q, s.candidates, mode=m), sets[mode])
    if qa.index.encoder is not None:
        embedder = qa.index.encoder.embedder
        out["query_encode"] = latencies(lambda q: embedder.encode([q]), sets["query_encode"])
    out["ask"] = latencies(qa.ask, qs[1 + 6 * n:])
    out["peak_rss_mb"] = rss_mb()
    return out


def phase_seed(a: dict[str, Any]) -> dict[str, Any]:
    import assistant
    from assistant.evaluate import run_eval
    from assistant.search.build import build

    s = settings_of(a)
    t = time.perf_counter()
    qa = assistant.load(index_dir=s.index_dir, corpus_dir=s.corpus_dir, backend=s.backend, cache_dir=s.cache_dir,
                        onnx_int8=s.onnx_int8)
    out: dict[str, Any] = {"backend": s.backend, "int8": s.onnx_int8, "load_s": round(time.perf_counter() - t, 2),
                           "process_to_loaded_s": round(time.perf_counter() - T_START, 2)}
    t = time.perf_counter()
    qa.ask("清洁取暖由谁牵头？")
    out["first_ask_ms"] = round((time.perf_counter() - t) * 1e3, 1)
    out["eval"] = {}
    for name in a["questions"]:
        res = run_eval(qa, REPO / name)
        out["eval"][name] = {"summary": res["summary"]["overall"],
                             "answers": [{"id": r["id"], "question": r["question"], "answer": r["answer"],
                                          "correct": r["correct"]} for r in res["rows"]]}
    t = time.perf_counter()
    report = build(qa.settings, progress=False)
    out["noop_build"] = {"action": report.action, "s": round(time.perf_counter() - t, 4)}
    out["peak_rss_mb"] = rss_mb()
    return out


def phase_baseline(a: dict[str, Any]) -> dict[str, Any]:
    from langchain_baseline import LangChainBaseline

    from assistant.config import make_settings

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(a["corpus"]).glob("*.txt"))]
    t = time.perf_counter()
    baseline = LangChainBaseline(texts, make_settings())
    build_s = time.perf_counter() - t
    return {"chunks": len(baseline.texts), "build_s": round(build_s, 2),  # torch + model load included
            "process_to_built_s": round(time.perf_counter() - T_START, 2),
            "query": latencies(lambda q: baseline.search(q, 5), questions(50, seed=1)), "peak_rss_mb": rss_mb()}


PHASES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "prepare": phase_prepare, "build": phase_build, "update": phase_update, "query": phase_query,
    "seed": phase_seed, "baseline": phase_baseline}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in PHASES:
        print(__doc__, file=sys.stderr)
        return 2
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import logging

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="  %(levelname)s %(name)s: %(message)s")
    result = PHASES[argv[0]](json.loads(argv[1]))
    result["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
