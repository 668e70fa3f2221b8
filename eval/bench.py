"""`make bench`: build, update and query figures for both search backends, side by side.

    python eval/bench.py [--quick] [--work DIR] [--out eval/bench.json] [--only SECTION ...]

Sections (each measurement is a fresh process of eval/bench_index.py or
eval/bench_backends.py, so cold starts and peak RSS are real):
  throughput  build with the real model on a cold encoder cache, fp32 vs int8 ONNX
  small       --small synthetic documents (1,000), real model, faiss and milvus: build,
              query latencies (retrieve / retriever / backend / ask), then adding,
              replacing and deleting one file (each an incremental build)
  large       --large synthetic documents (10,000): the real model when its encoding is
              estimated to fit in 30 minutes, else PRECOMPUTED synthetic vectors (labelled)
  seed        the evaluation question sets on the seed corpus: faiss fp32, faiss int8,
              milvus fp32; metrics side by side and the answers that differ
  engines     eval/bench_backends.py: both engines on the same random-vector chunks
  ocr         eval/bench_ocr.py at the default settings (200 dpi, detector at 1280 px, two
              threads): seconds per page and characters recovered on a scanned 公文 and on
              scanned layout-matrix tables (--quick: one table layout)
Figures only: nothing here checks a target.  The JSON is rewritten after every section
(``"complete": false`` until the end), so a run cut short keeps what it measured.
Synthetic text goes to the work folder (a temp dir by default), never to corpus/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata as md
import json
import logging
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PHASES = REPO / "eval" / "bench_index.py"
ENGINES = REPO / "eval" / "bench_backends.py"
SECTIONS = ("throughput", "small", "large", "seed", "engines", "ocr")
BACKENDS = ("faiss", "milvus")
QUESTION_FILES = ("eval/questions.jsonl", "eval/blind/seed_dev.jsonl")
REAL_MODEL_LIMIT_S = 1800  # the large corpus uses the real model when it should encode within this
SYNTHETIC = ("eval/make_synthetic_corpus.py: SYNTHETIC documents of recombined sentences of the seed plan "
             "(header, numbered clauses, a responsibility table; every file says it is synthetic).  "
             "Chosen over tests/synthetic, whose 4 plans x 9 layouts would repeat chunk texts at this scale.")
TARGETS = {"add_one_document_s": 10, "hybrid_query_p95_ms": 50, "build_chunks_per_s": 64}  # issue 16, not checked

log = logging.getLogger("bench")


# ---------------------------------------------------------------- plumbing

class Runner:
    """Runs phases in fresh processes and keeps the folders they work in."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
        self.onnx: Path | None = None  # the prepared export, linked into every fresh cache

    def _run(self, cmd: list[str], what: str) -> dict[str, Any]:
        log.info("%s …", what)
        t = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, env=self.env, stdout=subprocess.PIPE, text=True)
        wall = round(time.perf_counter() - t, 2)
        if proc.returncode != 0:
            log.error("%s failed (exit %d); see above", what, proc.returncode)
            return {"error": f"exit {proc.returncode}", "process_s": wall}
        out = proc.stdout.strip()
        try:
            res: dict[str, Any] = json.loads(out)
        except json.JSONDecodeError:  # something printed before the JSON line
            res = json.loads(out.splitlines()[-1])
        res["process_s"] = wall
        log.info("%s: %s", what, brief(res))
        return res

    def phase(self, name: str, what: str, **args: Any) -> dict[str, Any]:
        return self._run([sys.executable, str(PHASES), name, json.dumps(args, ensure_ascii=False)], what)

    def engines(self, backend: str, n: int, queries: int) -> dict[str, Any]:
        cmd = [sys.executable, str(ENGINES), "--backend", backend, "--n", str(n), "--queries", str(queries)]
        return self._run(cmd, f"engines {backend} n={n}")

    def cache(self, name: str) -> str:
        """A fresh, empty encoder cache holding only (a link to) the model export."""
        cache = self.work / "caches" / name
        shutil.rmtree(cache, ignore_errors=True)
        (cache / "onnx").mkdir(parents=True)
        if self.onnx is not None:
            os.symlink(self.onnx, cache / "onnx" / self.onnx.name)
        return str(cache)

    def corpus(self, name: str, n: int) -> Path:
        """A corpus folder of the first ``n`` synthetic documents (hard links: cheap)."""
        folder = self.work / "corpora" / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for i in range(1, n + 1):
            os.link(self.synthetic(i), folder / self.synthetic(i).name)
        return folder

    def synthetic(self, i: int) -> Path:
        return self.work / "synthetic" / f"synthetic_{i:05d}.txt"

    def index(self, name: str) -> str:
        path = self.work / "indexes" / name
        shutil.rmtree(path, ignore_errors=True)
        return str(path)


def brief(res: dict[str, Any]) -> str:
    keys = ("error", "documents", "chunks", "build_s", "build_chunks_per_s", "encode_texts_per_s", "action",
            "load_s", "peak_rss_mb")
    parts = [f"{k}={res[k]}" for k in keys if k in res]
    for k in ("retrieve", "backend_hybrid", "ask", "hybrid"):
        if isinstance(res.get(k), dict):
            parts.append(f"{k} p50/p95={res[k]['p50_ms']}/{res[k]['p95_ms']} ms")
    return ", ".join(parts)


def machine() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text().splitlines() if Path("/proc/meminfo").exists() else []
    mem = next((int(line.split()[1]) for line in meminfo if line.startswith("MemTotal")), 0)  # kB
    versions = {}
    for pkg in ("onnxruntime", "faiss-cpu", "bm25s", "pymilvus", "milvus-lite", "numpy"):
        try:
            versions[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            versions[pkg] = None
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True)
    return {"cpus": os.cpu_count(), "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
            "mem_gb": round(mem / 2**20, 1), "python": platform.python_version(), "platform": platform.platform(),
            "packages": versions, "commit": commit.stdout.strip() + (" (dirty)" if dirty.stdout.strip() else "")}


# ---------------------------------------------------------------- sections

def prepare(r: Runner, n_docs: int) -> dict[str, Any]:
    subprocess.run([sys.executable, str(REPO / "eval" / "make_synthetic_corpus.py"), str(r.work / "synthetic"),
                    "--n", str(n_docs)], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    model = r.work / "model"
    if not (model / "onnx").is_dir() and (REPO / "index" / "cache" / "onnx").is_dir():
        shutil.copytree(REPO / "index" / "cache" / "onnx", model / "onnx")  # reuse the install's export
    res = r.phase("prepare", "model export / int8 quantisation (one-off)", index=str(r.work / "unused"),
                  corpus=str(REPO / "corpus"), cache=str(model))
    if "onnx_dir" in res:
        r.onnx = Path(res["onnx_dir"])
    return res


def throughput(r: Runner, n_docs: int) -> dict[str, Any]:
    corpus = r.corpus("throughput", n_docs)
    out: dict[str, Any] = {"documents": n_docs, "what": "full build, faiss backend, cold encoder cache"}
    for name, int8 in (("fp32", False), ("int8", True)):
        out[name] = r.phase("build", f"throughput {name}: build {n_docs} docs", corpus=str(corpus),
                            index=r.index(f"throughput-{name}"), cache=r.cache(f"throughput-{name}"), int8=int8)
    return out


def small(r: Runner, n_docs: int, n_queries: int, n_ask: int) -> dict[str, Any]:
    out: dict[str, Any] = {"documents": n_docs, "embeddings": "real model (fp32), cold encoder cache per backend"}
    for backend in BACKENDS:
        corpus, index, cache = r.corpus(f"small-{backend}", n_docs), r.index(f"small-{backend}"), r.cache(f"small-{backend}")
        common = {"corpus": str(corpus), "index": index, "cache": cache, "backend": backend}
        res: dict[str, Any] = {"build": r.phase("build", f"{backend} {n_docs} docs: build", **common)}
        res["query"] = r.phase("query", f"{backend} {n_docs} docs: queries", n=n_queries, ask_n=n_ask, **common)
        updates = {}
        new = corpus / r.synthetic(n_docs + 1).name
        shutil.copyfile(r.synthetic(n_docs + 1), new)  # add: a new file in the corpus folder
        updates["add"] = r.phase("update", f"{backend}: add one document", op="add", **common)
        changed = corpus / r.synthetic(5).name  # replace: other content under the same name
        changed.unlink()
        shutil.copyfile(r.synthetic(n_docs + 2), changed)
        updates["replace"] = r.phase("update", f"{backend}: replace one document", op="replace", **common)
        (corpus / r.synthetic(7).name).unlink()
        updates["delete"] = r.phase("update", f"{backend}: delete one document", op="delete", **common)
        res["update"] = updates
        out[backend] = res
    return out


def large(r: Runner, n_docs: int, n_queries: int, n_ask: int, small_res: dict[str, Any] | None,
          embed: str) -> dict[str, Any]:
    out: dict[str, Any] = {"documents": n_docs}
    build = (small_res or {}).get("faiss", {}).get("build", {})
    if embed == "auto":
        rate, per_doc = build.get("encode_texts_per_s"), build.get("chunks_per_doc")
        est = n_docs * per_doc / rate if rate and per_doc else None
        out["real_model_estimate_s"] = round(est) if est else None
        embed = "real" if est is not None and est <= REAL_MODEL_LIMIT_S else "precomputed"
    out["embeddings"] = embed
    if embed == "precomputed":
        out["label"] = ("PRECOMPUTED: chunk vectors are hash-seeded random unit vectors put in the encoder cache "
                        "under the real model's identity (the model would take longer than 30 minutes); queries "
                        "are encoded by the real model.  Latencies and RSS are real; dense relevance is not; "
                        "build_s leaves out encoding (see estimated_real_build_s).")
    corpus = r.corpus("large", n_docs)
    warm = ""
    for backend in BACKENDS:
        # with the real model, milvus reuses the cache faiss filled (labelled): encoding twice adds nothing
        cache = warm if warm and embed == "real" else r.cache(f"large-{backend}")
        common = {"corpus": str(corpus), "index": r.index(f"large-{backend}"), "cache": cache, "backend": backend}
        res: dict[str, Any] = {"build": r.phase("build", f"{backend} {n_docs} docs: build ({embed})", embed=embed,
                                                **common)}
        if embed == "real" and warm:
            res["build"]["note"] = "embeddings from the encoder cache the faiss build filled"
        warm = cache
        rate = build.get("encode_texts_per_s")
        if embed == "precomputed" and rate and "chunks" in res["build"]:
            res["build"]["estimated_real_build_s"] = round(res["build"]["build_s"] + res["build"]["chunks"] / rate)
        nq = n_queries if backend == "faiss" else max(10, n_queries // 5)  # Milvus Lite takes seconds a query here
        res["query"] = r.phase("query", f"{backend} {n_docs} docs: queries", n=nq, ask_n=max(10, n_ask // 5)
                               if backend == "milvus" else n_ask, **common)
        out[backend] = res
    return out


def seed(r: Runner) -> dict[str, Any]:
    corpus = REPO / os.environ.get("ASSISTANT_CORPUS_DIR", "corpus")  # as Settings has it, from the repository
    out: dict[str, Any] = {"corpus": str(corpus), "questions": list(QUESTION_FILES)}
    runs = {}
    for name, backend, int8 in (("faiss-fp32", "faiss", False), ("faiss-int8", "faiss", True),
                                ("milvus-fp32", "milvus", False)):
        common = {"corpus": str(corpus), "index": r.index(f"seed-{name}"), "cache": r.cache(f"seed-{name}"),
                  "backend": backend, "int8": int8}
        b = r.phase("build", f"seed {name}: build", **common)
        runs[name] = {"build": b, **r.phase("seed", f"seed {name}: evaluation", questions=list(QUESTION_FILES),
                                            **common)}
    out["runs"] = {k: {kk: vv for kk, vv in v.items() if kk != "eval"} for k, v in runs.items()}
    out["summaries"] = {k: {f: e.get("summary") for f, e in v.get("eval", {}).items()} for k, v in runs.items()}
    out["metrics"] = {f: {m: {k: v.get("eval", {}).get(f, {}).get("summary", {}).get(m) for k, v in runs.items()}
                          for m in ("recall@1", "recall@5", "answer_accuracy", "latency_p50_ms", "latency_p95_ms")}
                      for f in QUESTION_FILES}
    out["int8_vs_fp32_answers"] = answer_diffs(runs, "faiss-fp32", "faiss-int8")
    out["faiss_vs_milvus_answers"] = answer_diffs(runs, "faiss-fp32", "milvus-fp32")
    out["langchain_baseline_build"] = r.phase("baseline", "LangChain baseline build (seed)", corpus=str(corpus))
    return out


def answer_diffs(runs: dict[str, Any], a: str, b: str) -> Any:
    """The questions whose answer text differs between two runs, each with a short diff."""
    diffs = []
    for f in QUESTION_FILES:
        left = runs.get(a, {}).get("eval", {}).get(f, {}).get("answers")
        right = runs.get(b, {}).get("eval", {}).get(f, {}).get("answers")
        if left is None or right is None:
            return f"not measured ({a} or {b} failed)"
        for x, y in zip(left, right):
            if x["answer"] != y["answer"]:
                at = next((i for i, (p, q) in enumerate(zip(x["answer"], y["answer"])) if p != q),
                          min(len(x["answer"]), len(y["answer"])))
                start = max(0, at - 20)
                diffs.append({"file": f, "id": x["id"], "question": x["question"],
                              a: x["answer"][start:at + 80], b: y["answer"][start:at + 80],
                              "correct": {a: x["correct"], b: y["correct"]}})
    return diffs or "same answers"


def ocr(work: Path, quick: bool) -> dict[str, Any]:
    """eval/bench_ocr.py at the default settings, its figures read back from its own JSON."""
    out = work / "ocr.json"
    matrix = ["table_borderless"] if quick else ["table_ruled", "table_borderless", "table_marked", "inline_lead_coop"]
    done = subprocess.run([sys.executable, str(REPO / "eval" / "bench_ocr.py"), "--configs", "200:1280:2",
                           "--pages", "2", "--matrix", *matrix, "--out", str(out)], cwd=REPO, check=False)
    if done.returncode or not out.exists():
        return {"error": f"bench_ocr.py exited {done.returncode}"}
    return dict(json.loads(out.read_text(encoding="utf-8"))["ocr"])


def summary(data: dict[str, Any]) -> dict[str, Any]:
    """The figures issue 16 asks for, side by side (the details are in the sections)."""
    def get(*path: str) -> Any:
        node: Any = data
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        return node

    out: dict[str, Any] = {}
    for size in ("small", "large"):
        if size not in data:
            continue
        out[f"{size}: {get(size, 'documents')} documents"] = {
            "embeddings": get(size, "embeddings"),
            **{b: {"chunks": get(size, b, "build", "chunks"), "build_s": get(size, b, "build", "build_s"),
                   "build_peak_rss_mb": get(size, b, "build", "peak_rss_mb"),
                   "estimated_real_build_s": get(size, b, "build", "estimated_real_build_s"),
                   "retrieve_p50_p95_ms": _pair(get(size, b, "query", "retrieve")),
                   "backend_hybrid_p50_p95_ms": _pair(get(size, b, "query", "backend_hybrid")),
                   "query_encode_p50_p95_ms": _pair(get(size, b, "query", "query_encode")),
                   "ask_p50_p95_ms": _pair(get(size, b, "query", "ask")),
                   "serving_peak_rss_mb": get(size, b, "query", "peak_rss_mb"),
                   **{f"{op}_one_document_s": get(size, b, "update", op, "build_s") for op in ("add", "replace", "delete")
                      if get(size, b, "update", op)}}
               for b in BACKENDS}}
    if "throughput" in data:
        out["throughput_cold_cache"] = {v: {"build_chunks_per_s": get("throughput", v, "build_chunks_per_s"),
                                            "encode_chunks_per_s": get("throughput", v, "encode_texts_per_s")}
                                        for v in ("fp32", "int8")}
    if "seed" in data:
        out["seed_quality"] = get("seed", "metrics")
        for key in ("int8_vs_fp32_answers", "faiss_vs_milvus_answers"):
            diffs = get("seed", key)
            out[key] = f"{len(diffs)} differ" if isinstance(diffs, list) else diffs
    if "engines" in data:
        out["engines_hybrid_p50_p95_ms_no_encoding"] = {b: _pair(get("engines", b, "hybrid")) for b in BACKENDS}
    if "ocr" in data:
        out["ocr"] = {k: v for k, v in data["ocr"].items() if not isinstance(v, (dict, list))}
        for part in ("gongwen", "matrix"):
            out["ocr"][part] = {k: get("ocr", part, k) for k in ("pages", "wall_s_per_page", "cpu_s_per_page", "recall")}
    return _pruned(out)


def _pruned(node: Any) -> Any:
    """Without the figures a section did not measure (None)."""
    if isinstance(node, dict):
        return {k: _pruned(v) for k, v in node.items() if v is not None}
    return node


def _pair(lat: Any) -> list[float] | None:
    return [lat["p50_ms"], lat["p95_ms"]] if isinstance(lat, dict) and "p50_ms" in lat else None


# ---------------------------------------------------------------- driver

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, a few minutes: to check that it runs")
    ap.add_argument("--work", type=Path, help="scratch folder, kept (default: a temp dir, removed)")
    ap.add_argument("--out", type=Path, default=REPO / "eval" / "bench.json")
    ap.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these sections")
    ap.add_argument("--small", type=int, help="documents of the real-model scale run (1000; quick 10)")
    ap.add_argument("--large", type=int, help="documents of the large scale run (10000; quick 50)")
    ap.add_argument("--throughput-docs", type=int, help="documents of the fp32/int8 build (100; quick 3)")
    ap.add_argument("--queries", type=int, help="distinct questions per latency figure (200; quick 30)")
    ap.add_argument("--asks", type=int, help="distinct questions for ask() (100; quick 20)")
    ap.add_argument("--engine-chunks", type=int, help="chunks for eval/bench_backends.py (20000; quick 2000)")
    ap.add_argument("--large-embeddings", choices=("auto", "real", "precomputed"),
                    help="auto: the real model when estimated to fit in 30 minutes (quick: precomputed)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    q = args.quick
    n_small = args.small or (10 if q else 1000)
    n_large = args.large or (50 if q else 10_000)
    n_tp = args.throughput_docs or (3 if q else 100)
    n_q, n_ask = args.queries or (30 if q else 200), args.asks or (20 if q else 100)
    n_engine = args.engine_chunks or (2000 if q else 20_000)
    sections = args.only or SECTIONS

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-"))
    work.mkdir(parents=True, exist_ok=True)
    r = Runner(work)
    t0 = time.perf_counter()
    data: dict[str, Any] = {
        "run": "quick (small sizes: a check that the benchmark runs, not the figures)" if q else "full",
        "complete": False, "when": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(), "summary": {}, "targets_issue_16_not_checked": TARGETS, "synthetic_corpus": SYNTHETIC,
        "sizes": {"small": n_small, "large": n_large, "throughput": n_tp, "queries": n_q, "asks": n_ask,
                  "engine_chunks": n_engine}}

    def save() -> None:
        data["summary"] = summary(data)
        data["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
        data["duration_s"] = round(time.perf_counter() - t0)
        args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    log.info("bench (%s) in %s; load average %s", "quick" if q else "full", work, data["machine"]["loadavg_at_start"])
    data["setup"] = prepare(r, max(n_large, n_small + 2, n_tp))
    if "throughput" in sections:
        data["throughput"] = throughput(r, n_tp)
        save()
    if "small" in sections:
        data["small"] = small(r, n_small, n_q, n_ask)
        save()
    if "large" in sections:
        embed = args.large_embeddings or ("precomputed" if q else "auto")
        data["large"] = large(r, n_large, n_q, n_ask, data.get("small"), embed)
        save()
    if "seed" in sections:
        data["seed"] = seed(r)
        save()
    if "engines" in sections:
        data["engines"] = {b: r.engines(b, n_engine, n_q) for b in BACKENDS}
        save()
    if "ocr" in sections:
        data["ocr"] = ocr(work, q)
    data["complete"] = True
    save()
    print(json.dumps(data["summary"], ensure_ascii=False, indent=1), file=sys.stderr)
    log.info("wrote %s in %.0f s; load average now %s", args.out, time.perf_counter() - t0,
             data["machine"]["loadavg_at_end"])
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    failed = [json.dumps(k) for k in _errors(data)]
    if failed:
        log.error("failed measurements: %s", ", ".join(failed))
    return 1 if failed else 0


def _errors(node: Any, path: str = "") -> list[str]:
    if isinstance(node, dict):
        if "error" in node:
            return [path]
        return [p for k, v in node.items() for p in _errors(v, f"{path}/{k}")]
    return []


if __name__ == "__main__":
    sys.exit(main())
