"""Index benchmark: build time, cold open + first query, warm query latency, memory, scale.

    python eval/bench_index.py [--sizes 10,100,1000] [--real-max 100] [--work DIR] [--out eval/bench.json]

Each measurement runs in a fresh subprocess so import costs, cold starts and peak RSS are
real.  Results are printed and stored under the "index" key of eval/bench.json (other
keys are kept).  Scale runs use a SYNTHETIC corpus (eval/make_synthetic_corpus.py) written
to the work folder, never to corpus/.  Corpora larger than --real-max chunks-documents are
embedded with a 512-d fake embedder (model inference is the one cost that does not change
with the index code; its throughput is measured at the smaller sizes) — the report says so.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
QUERIES = ["清洁取暖由哪个部门牵头？", "海绵城市建设由哪个单位牵头？", "市城市管理局负责哪些任务？",
           "到2025年城市再生水利用率要达到多少？", "装配式建筑占新建建筑的比例目标是多少",
           "绿色建筑标准执行要求", "既有居住建筑节能改造的目标", "生活垃圾分类处理系统什么时候建成",
           "屋顶光伏覆盖率", "城市绿道建设多少公里", "供热计量收费", "超低能耗建筑如何供暖",
           "老旧小区改造任务", "建筑垃圾资源化利用比例", "农村地区清洁取暖率", "道路网密度要求",
           "公共建筑能耗监测", "绿色建材应用", "碳达峰的主要目标", "哪个部门负责财政支持"]


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return round(s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))], 2)


def _latencies(fn: Any, queries: list[str], rounds: int) -> dict[str, float]:
    times = []
    for _ in range(rounds):
        for q in queries:
            t = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - t) * 1e3)
    return {"p50_ms": _pct(times, 50), "p95_ms": _pct(times, 95), "n": len(times)}


# ------------------------------------------------------------------ phases (run in a subprocess)

def phase_build(corpus: str, index: str, embed: str) -> dict[str, Any]:
    from assistant.config import make_settings
    from assistant.search.build import build
    from assistant.search.embedding import FakeEmbedder
    from assistant.search.store import open_index

    s = make_settings(index_dir=index, corpus_dir=corpus)
    emb = FakeEmbedder(512) if embed == "fake512" else None
    t0 = time.perf_counter()
    report = build(s, progress=False, embedder=emb)
    t1 = time.perf_counter()
    n = open_index(s, embedder=emb, verify=False).backend.count()
    return {"documents": report.documents, "chunks": n, "build_s": round(t1 - t0, 2),
            "chunks_per_s": round(n / max(t1 - t0, 1e-9), 1), "file_errors": len(report.skipped),
            "peak_rss_mb": round(_rss_mb()), "embedder": embed}


def phase_open(index: str, embed: str, rounds: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    from assistant.config import make_settings
    from assistant.search.embedding import FakeEmbedder
    from assistant.search.store import open_index

    s = make_settings(index_dir=index)
    idx = open_index(s, embedder=FakeEmbedder(512) if embed == "fake512" else None)
    t1 = time.perf_counter()
    idx.backend.search(QUERIES[0], 5)
    t2 = time.perf_counter()
    out: dict[str, Any] = {"open_s": round(t1 - t0, 3), "open_plus_first_query_s": round(t2 - t0, 3),
                           "chunks": len(idx.chunks), "torch_imported": "torch" in sys.modules}
    for mode in ("hybrid", "sparse", "dense"):
        # every query string is new, so each one pays its query encoding (no memo hit)
        qs = [f"{q}（{mode}{r}）" for r in range(rounds) for q in QUERIES]
        out[mode] = _latencies(lambda q, m=mode: idx.backend.search(q, 5, mode=m), qs, 1)
    if idx.encoder is not None:
        enc = idx.encoder.embedder
        out["query_encode"] = _latencies(lambda q: enc.encode([q]), QUERIES, rounds)
    out["peak_rss_mb"] = round(_rss_mb())
    return out


def phase_baseline(corpus: str, rounds: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    sys.path.insert(0, str(REPO / "eval"))
    from langchain_baseline import LangChainBaseline

    from assistant.config import make_settings

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(corpus).glob("*.txt"))]
    t1 = time.perf_counter()
    b = LangChainBaseline(texts, make_settings())
    t2 = time.perf_counter()
    b.search(QUERIES[0], 5)
    t3 = time.perf_counter()
    qs = [f"{q}（{r}）" for r in range(rounds) for q in QUERIES]
    return {"chunks": len(b.texts), "import_s": round(t1 - t0, 2), "build_s": round(t2 - t1, 2),
            "cold_total_s": round(t3 - t0, 2), "query": _latencies(lambda q: b.search(q, 5), qs, 1),
            "peak_rss_mb": round(_rss_mb())}


# ------------------------------------------------------------------ driver

def _run(*args: str) -> dict[str, Any]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, __file__, "--phase", *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=7200)
    if proc.returncode != 0:
        raise SystemExit(f"phase {args[0]} failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def _show(name: str, d: dict[str, Any]) -> None:
    print(f"{name:>22}: {json.dumps(d, ensure_ascii=False)}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--real-max", type=int, default=100, help="largest synthetic size embedded with the real model")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temp dir)")
    ap.add_argument("--out", type=Path, default=REPO / "eval" / "bench.json")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args(argv)
    if args.phase:
        name, *rest = args.phase
        result = {"build": lambda: phase_build(rest[0], rest[1], rest[2]),
                  "open": lambda: phase_open(rest[0], rest[1], args.rounds),
                  "baseline": lambda: phase_baseline(rest[0], args.rounds)}[name]()
        print(json.dumps(result, ensure_ascii=False))
        return 0

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-index-"))
    work.mkdir(parents=True, exist_ok=True)
    seed_index = work / "seed-index"
    shutil.rmtree(seed_index, ignore_errors=True)
    res: dict[str, Any] = {"machine": {"cpus": os.cpu_count()}, "when": time.strftime("%Y-%m-%d %H:%M")}
    corpus = str(REPO / "corpus")
    res["seed_build_cold"] = _run("build", corpus, str(seed_index), "onnx")  # includes the ONNX export
    _show("seed build (export)", res["seed_build_cold"])
    for p in seed_index.iterdir():  # keep only the exported model: embeddings and index cold
        if p.name != "cache":
            (shutil.rmtree if p.is_dir() else os.remove)(p)
    for p in (seed_index / "cache").glob("embeddings-*"):
        p.unlink()
    res["seed_build"] = _run("build", corpus, str(seed_index), "onnx")
    _show("seed build", res["seed_build"])
    res["seed_rebuild_cached"] = _run("build", corpus, str(seed_index), "onnx")
    _show("seed rebuild (cached)", res["seed_rebuild_cached"])
    res["seed_open_query"] = _run("open", str(seed_index), "onnx")
    _show("seed open + queries", res["seed_open_query"])
    if not args.no_baseline:
        res["baseline"] = _run("baseline", corpus)
        _show("langchain baseline", res["baseline"])

    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    if sizes:
        synth = work / "synthetic-all"
        if not (synth / f"synthetic_{max(sizes):05d}.txt").exists():
            subprocess.run([sys.executable, str(REPO / "eval" / "make_synthetic_corpus.py"), str(synth),
                            "--n", str(max(sizes))], check=True, cwd=REPO)
        res["scale"] = {}
        for n in sizes:
            sub = work / f"synthetic-{n}"
            shutil.rmtree(sub, ignore_errors=True)
            sub.mkdir()
            for i in range(1, n + 1):
                os.symlink(synth / f"synthetic_{i:05d}.txt", sub / f"synthetic_{i:05d}.txt")
            idx_dir = work / f"synthetic-{n}-index"
            shutil.rmtree(idx_dir, ignore_errors=True)
            if (seed_index / "cache" / "onnx").is_dir():  # reuse the export, not the embeddings
                shutil.copytree(seed_index / "cache" / "onnx", idx_dir / "cache" / "onnx")
            embed = "onnx" if n <= args.real_max else "fake512"
            b = _run("build", str(sub), str(idx_dir), embed)
            o = _run("open", str(idx_dir), embed)
            res["scale"][str(n)] = {"build": b, "open_query": o}
            _show(f"synthetic n={n} build", b)
            _show(f"synthetic n={n} query", o)

    out = args.out
    data = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    data["index"] = res
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} (section 'index'); scratch in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
