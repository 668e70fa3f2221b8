"""`make bench`: the assistant's speed and memory figures, printed and written to eval/bench.json.

    python eval/bench.py [--quick]

Two parts, each measured in fresh subprocesses so cold starts and peak RSS are real:
- "assistant": load() of an existing index with the model, the first question, warm
  ask() latency over the evaluation questions, a no-op rebuild, peak RSS;
- "index": eval/bench_index.py (build vs the LangChain baseline, query latency per
  retriever, synthetic scale runs).  --quick skips its 1,000-document run;
- "ocr": eval/bench_ocr.py at the default settings (200 dpi, detector at 1280 px, two
  threads): seconds per page and characters recovered on a scanned 公文 and on scanned
  layout-matrix tables (--quick: one table layout).
Figures only: nothing here asserts a target (targets are in the issues and README).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "eval" / "bench.json"

CHILD = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
import assistant
qa = assistant.load()
t1 = time.perf_counter()
qa.ask("清洁取暖由谁牵头？")
t2 = time.perf_counter()
questions = [json.loads(l)["question"] for l in open("eval/questions.jsonl", encoding="utf-8") if l.strip()]
times = []
for _ in range(2):
    for q in questions:
        s = time.perf_counter(); qa.ask(q); times.append((time.perf_counter() - s) * 1000)
times.sort()
pct = lambda p: round(times[min(len(times) - 1, int(round(p * (len(times) - 1))))], 2)
from assistant.search.build import build
s = time.perf_counter(); what, _ = build(qa.settings, progress=False); noop = time.perf_counter() - s
print(json.dumps({
    "load_s": round(t1 - t0, 3), "first_ask_ms": round((t2 - t1) * 1000, 1),
    "ask_p50_ms": pct(0.5), "ask_p95_ms": pct(0.95), "ask_n": len(times),
    "noop_rebuild_s": round(noop, 4), "noop_rebuild_result": what,
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
}))
"""


def run_child() -> dict[str, Any]:
    r = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO, capture_output=True, text=True, timeout=900)
    if r.returncode != 0:
        raise SystemExit(f"benchmark child failed: {r.stderr.strip().splitlines()[-1] if r.stderr else r.returncode}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the 1,000-document scale run")
    ap.add_argument("--runs", type=int, default=3, help="cold load() runs (the median is reported)")
    args = ap.parse_args(argv)

    # make sure an index exists, then measure cold loads
    subprocess.run([sys.executable, "-m", "assistant", "build"], cwd=REPO, check=True, capture_output=True)
    runs = [run_child() for _ in range(args.runs)]
    by = sorted(runs, key=lambda r: r["load_s"])
    res = dict(by[len(by) // 2])
    res["load_s_runs"] = [r["load_s"] for r in runs]
    t = time.perf_counter()
    cli = subprocess.run([sys.executable, "-m", "assistant", "build"], cwd=REPO, capture_output=True, text=True)
    res["noop_build_cli_s"] = round(time.perf_counter() - t, 3)
    res["noop_build_cli_output"] = cli.stdout.strip()

    sizes = "10,100" if args.quick else "10,100,1000"
    subprocess.run([sys.executable, str(REPO / "eval" / "bench_index.py"), "--sizes", sizes, "--out", str(OUT)],
                   cwd=REPO, check=True)
    matrix = ["table_borderless"] if args.quick else ["table_ruled", "table_borderless", "table_marked",
                                                       "inline_lead_coop"]
    subprocess.run([sys.executable, str(REPO / "eval" / "bench_ocr.py"), "--configs", "200:1280:2", "--pages", "2",
                    "--matrix", *matrix, "--out", str(OUT)], cwd=REPO, check=True)
    data = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
    data["assistant"] = {**res, "measured_at": time.strftime("%Y-%m-%d %H:%M:%S")}
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("\nassistant:")
    for k, v in data["assistant"].items():
        print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
