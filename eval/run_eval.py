"""``make eval``: the assistant, a plain LangChain RAG baseline and ablations on the same
questions; writes ``eval/report.md`` (tables side by side, the assistant's failures, date,
versions, machine) and ``eval/report.png`` (grouped bars).

Whoever changes the assistant runs this and sees at once whether it got better or worse
than before and than a plain RAG.  Everything is built in a temporary folder; ``index/``
is only read (its ONNX export is copied to skip a re-export).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from ablations import System, build_systems  # noqa: E402

from assistant.evaluate import TYPES, load_questions, run_questions  # noqa: E402

log = logging.getLogger("run_eval")

COLUMNS = [("recall@1", "R@1"), ("recall@5", "R@5"), ("mrr@10", "MRR@10"), ("answer_accuracy", "answer acc"),
           ("task_precision", "task P"), ("task_recall", "task R"), ("task_sets_exact", "task sets exact"),
           ("refusal_accuracy", "refusal acc"), ("false_refusal_rate", "false refusal"),
           ("conflict_detection", "conflict det."), ("latency_p50_ms", "p50 ms"), ("latency_p95_ms", "p95 ms")]
CHART_METRICS = [("recall@1", "Recall@1"), ("answer_accuracy", "答案准确率 answer accuracy"),
                 ("refusal_accuracy", "拒答准确率 refusal accuracy")]
PACKAGES = ["torch", "sentence-transformers", "faiss-cpu", "bm25s", "langchain-core", "langchain-text-splitters",
            "gradio", "onnxruntime", "jieba", "numpy"]


# ---------------------------------------------------------------- running

def evaluate(systems: Sequence[System], questions: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    for s in systems:
        t0 = time.perf_counter()
        out[s.key] = run_questions(s.ask, questions)
        out[s.key]["wall_s"] = time.perf_counter() - t0
        o = out[s.key]["summary"]["overall"]
        print(f"  {s.name:<40} R@1={o.get('recall@1')} acc={o.get('answer_accuracy')} "
              f"refusal={o.get('refusal_accuracy')} ({out[s.key]['wall_s']:.1f} s)", flush=True)
    return out


def _load_module(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def two_doc_corpus(script: Path, dest: Path) -> Path:
    """Ask ``eval/two_doc_corpus.py`` (written by someone else) for its corpus folder:
    a known function if it has one, else the script run with the folder as argument."""
    dest.mkdir(parents=True, exist_ok=True)
    mod = _load_module(script)
    for name in ("make_two_doc_corpus", "build_corpus", "make_corpus", "write_corpus", "create_corpus", "build"):
        fn = getattr(mod, name, None)
        if callable(fn):
            got = fn(dest)
            return Path(got) if isinstance(got, str | Path) and Path(got).is_dir() else dest
    subprocess.run([sys.executable, str(script), str(dest)], check=True, cwd=REPO, capture_output=True)
    return dest


def run_two_doc(work: Path, backend: str) -> tuple[str, dict[str, Any] | None]:
    qfile, script = HERE / "questions_county.jsonl", HERE / "two_doc_corpus.py"
    absent = [p.name for p in (qfile, script) if not p.exists()]
    if absent:
        return f"Not run: {' and '.join('`eval/' + a + '`' for a in absent)} not present yet.", None
    try:
        corpus = two_doc_corpus(script, work / "two_doc_corpus")
        if not any(corpus.iterdir()):
            return f"Not run: `eval/two_doc_corpus.py` left {corpus} empty.", None
        questions = load_questions(qfile)
        systems = build_systems(corpus, work / "two_doc", only=["assistant", "baseline"], embed_backend=backend)
        mine = [s for s in systems if s.key == "assistant"]
        seed = evaluate(mine, load_questions(HERE / "questions.jsonl")) if mine else {}
        return f"{len(questions)} questions from `eval/questions_county.jsonl` over the corpus of " \
               f"`eval/two_doc_corpus.py` ({', '.join(sorted(p.name for p in corpus.iterdir()))}).", \
            {"systems": systems, "results": evaluate(systems, questions), "seed_systems": mine, "seed": seed}
    except Exception as e:  # someone else's files: report, never break the main report
        log.exception("two-document evaluation failed")
        return f"Not run: the two-document evaluation failed ({type(e).__name__}: {e}).", None


# ---------------------------------------------------------------- formatting

def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.3f}" if v <= 1.0 else f"{v:.0f}"
    return str(v)


def _cell(text: Any, n: int = 90) -> str:
    s = " ".join(str(text).split())
    s = s if len(s) <= n else s[: n - 1] + "…"
    return s.replace("|", "\\|")


def overall_table(systems: Sequence[System], results: dict[str, dict[str, Any]]) -> list[str]:
    head = "| system | " + " | ".join(label for _, label in COLUMNS) + " | failures |"
    lines = [head, "|---|" + "---:|" * (len(COLUMNS) + 1)]
    for s in systems:
        o = results[s.key]["summary"]["overall"]
        lat = [o.get(k) for k in ("latency_p50_ms", "latency_p95_ms")]
        vals = [_fmt(o.get(k)) for k, _ in COLUMNS[:-2]] + [f"{v:.1f}" if v is not None else "—" for v in lat]
        lines.append(f"| {s.name} | " + " | ".join(vals) + f" | {len(results[s.key]['failures'])} |")
    return lines


def by_type_table(systems: Sequence[System], results: dict[str, dict[str, Any]], metric: str,
                  questions: list[dict[str, Any]]) -> list[str]:
    counts = Counter(q["type"] for q in questions)
    types = [t for t in TYPES if counts[t]] + sorted(t for t in counts if t not in TYPES)
    lines = ["| system | " + " | ".join(f"{t} ({counts[t]})" for t in types) + " |",
             "|---|" + "---:|" * len(types)]
    for s in systems:
        bt = results[s.key]["summary"]["by_type"]
        lines.append(f"| {s.name} | " + " | ".join(_fmt(bt.get(t, {}).get(metric)) for t in types) + " |")
    return lines


def expected(q: dict[str, Any]) -> str:
    g = q.get("gold") or {}
    if q["type"] == "refuse":
        return "refusal (found=false)"
    bits = []
    if g.get("must_include"):
        bits.append("must include " + "、".join(g["must_include"]))
    if q["type"] == "unit_tasks" and g.get("rows") is not None:
        bits.append(f"tasks = rows {g['rows']}")
    elif g.get("rows") or g.get("clauses"):
        bits.append("hit " + "; ".join(f"{k} {g[k]}" for k in ("rows", "clauses") if g.get(k)))
    if g.get("header"):
        bits.append("hit the header")
    if q["type"] == "conflict":
        bits.append("flag the conflict")
    return "; ".join(bits)


def got(r: dict[str, Any]) -> str:
    why = []
    if r["type"] == "refuse":
        why.append("answered instead of refusing")
    elif r.get("false_refusal"):
        why.append("refused")
    elif r.get("missing"):
        why.append("missing " + "、".join(r["missing"]))
    if "got_rows" in r and not r.get("tasks_exact"):
        why.append(f"rows {r['got_rows']}")
    if r["type"] == "conflict" and not r.get("conflict_flagged"):
        why.append("no conflict flagged")
    if r.get("r1") == 0.0:
        why.append(f"gold at rank {round(1 / r['mrr'])}" if r.get("mrr") else "gold not in top 10")
    return "; ".join(why) + " — " + _cell(r["answer"], 80)


def failures_table(result: dict[str, Any], questions: list[dict[str, Any]]) -> list[str]:
    by_id = {q.get("id"): q for q in questions}
    lines = ["| id | type | question | expected | got |", "|---|---|---|---|---|"]
    for r in result["failures"]:
        q = by_id.get(r["id"], {"type": r["type"], "gold": {}})
        lines.append(f"| {r['id']} | {r['type']} | {_cell(r['question'], 60)} | {_cell(expected(q), 70)} | "
                     f"{_cell(got(r), 140)} |")
    return lines


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = [f"python {platform.python_version()}"]
    for p in PACKAGES:
        try:
            out.append(f"{p} {version(p)}")
        except PackageNotFoundError:
            out.append(f"{p} (not installed)")
    return ", ".join(out)


def machine() -> str:
    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                    if ln.startswith("model name")), "")
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = f", load average {os.getloadavg()[0]:.1f} when the report was written (latencies are only " \
        "comparable between systems of one run)" if hasattr(os, "getloadavg") else ""
    return f"{platform.system()} {platform.machine()}, nproc {nproc}" + (f", {cpu}" if cpu else "") + load


def git_state() -> str:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return ""
    sha = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    dirty = [ln[3:] for ln in git("status", "--porcelain", "--", "assistant").splitlines() if ln.strip()]
    return f"commit {sha}" + (f", with uncommitted changes in {', '.join(dirty)}" if dirty else "")


def write_chart(systems: Sequence[System], results: dict[str, dict[str, Any]], path: Path) -> str:
    """Grouped bars; returns the font used (a CJK font, so the Chinese labels render)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    have = {f.name for f in font_manager.fontManager.ttflist}
    font = next((f for f in ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Noto Serif CJK SC", "SimHei")
                 if f in have), "DejaVu Sans")
    if font == "DejaVu Sans":
        log.warning("no CJK font found: install fonts-noto-cjk; Chinese labels will not render")
    plt.rcParams["font.family"] = [font]
    plt.rcParams["axes.unicode_minus"] = False
    fig, ax = plt.subplots(figsize=(11, 5.2), dpi=120)
    width = 0.8 / len(CHART_METRICS)
    for j, (key, label) in enumerate(CHART_METRICS):
        vals = [results[s.key]["summary"]["overall"].get(key) or 0.0 for s in systems]
        xs = [i + (j - (len(CHART_METRICS) - 1) / 2) * width for i in range(len(systems))]
        bars = ax.bar(xs, vals, width, label=label)
        ax.bar_label(bars, labels=[f"{v:.2f}" for v in vals], fontsize=8, padding=2)
    ax.set_xticks(range(len(systems)), [s.name.replace(" ", "\n", 1) for s in systems], fontsize=9)
    ax.set_ylim(0, 1.12)
    ax.set_ylabel("share of questions")
    n = results[systems[0].key]["summary"]["overall"]["n"]
    ax.set_title(f"聊城城乡建设碳达峰方案问答评测：{n} 个问题 (eval/questions.jsonl)")
    ax.legend(loc="upper right", fontsize=9, ncols=3)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return font


def render(systems: Sequence[System], results: dict[str, dict[str, Any]], questions: list[dict[str, Any]],
           qfile: Path, chart: Path, font: str, two_doc: tuple[str, dict[str, Any] | None], backend: str,
           total_s: float) -> str:
    counts = Counter(q["type"] for q in questions)
    a, b = results.get("assistant"), results.get("baseline")
    L = ["# Evaluation report", "",
         f"Generated by `make eval` (`eval/run_eval.py`) on {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} "
         f"in {total_s:.0f} s; {git_state()}.", "",
         f"- Questions: `{qfile.relative_to(REPO) if qfile.is_relative_to(REPO) else qfile}`, {len(questions)} "
         f"({', '.join(f'{t} {c}' for t, c in counts.most_common())}); every system answers the same questions.",
         f"- Model: m3e-small for every system (assistant: {backend} backend; baseline: sentence-transformers).",
         f"- Versions: {versions()}.", f"- Machine: {machine()}.", "",
         f"![Recall@1, answer accuracy and refusal accuracy per system]({chart.name})", "",
         "## Systems", "", "| system | what it is | setup s |", "|---|---|---:|"]
    L += [f"| {s.name} | {s.description} | {s.setup_s:.1f} |" for s in systems]
    L += ["", "## Overall, side by side", ""] + overall_table(systems, results)
    if a and b:
        oa, ob = a["summary"]["overall"], b["summary"]["overall"]
        deltas = [f"{label} {oa[k] - ob[k]:+.3f}" for k, label in COLUMNS[:4] if k in oa and k in ob]
        L += ["", f"Assistant minus baseline: {', '.join(deltas)}."]
    L += ["", "## Answer accuracy by question type", ""]
    L += by_type_table(systems, results, "answer_accuracy", questions)
    L += ["", "## Recall@1 by question type", ""] + by_type_table(systems, results, "recall@1", questions)
    if a:
        L += ["", f"## The assistant's failures ({len(a['failures'])})", "",
              "A question fails when its answer is wrong (a `must_include` string missing, a wrong task set, "
              "a missed conflict, a wrong refusal) or when no gold clause/row is at rank 1.", ""]
        L += failures_table(a, questions)
    others = [s for s in systems if s.key != "assistant"]
    if a and others:
        mine = {r["id"] for r in a["failures"]}
        L += ["", "Failures of the other systems (ids the assistant gets right are the assistant's gains):", ""]
        for s in others:
            theirs = {r["id"] for r in results[s.key]["failures"]}
            L.append(f"- {s.name}: {len(theirs)} failures; {len(theirs - mine)} of them the assistant passes, "
                     f"{len(mine - theirs)} the assistant fails but this system passes"
                     + (f" ({', '.join(sorted(mine - theirs)[:15])})" if mine - theirs else "") + ".")
    note, two = two_doc
    L += ["", "## Two-document corpus", "", note]
    if two:
        L += [""] + overall_table(two["systems"], two["results"])
        if "assistant" in two["results"]:
            L += ["", f"Assistant failures: {len(two['results']['assistant']['failures'])}", ""]
            L += failures_table(two["results"]["assistant"], load_questions(HERE / "questions_county.jsonl"))
        if two.get("seed"):
            L += ["", "The seed's own questions (`eval/questions.jsonl`) asked over the same two-document corpus — "
                  "a question that names no document may now also be answered from the county plan, "
                  "which moves some county passages to rank 1:", ""]
            L += overall_table(two["seed_systems"], two["seed"])
    L += ["", "## How it was measured", "",
          "- Metrics come from `assistant/evaluate.py` (`score_one`, `summarize`) for every system, over the "
          "`Answer.to_dict()` shape; Recall@k / MRR@10 look at `retrieved`, answer accuracy at `answer` "
          "(white space removed), `tasks`, `conflicts` and `found`.",
          "- Latency is the in-process time of one `ask` after a warm-up question (embedding the query "
          "included); p50/p95 by nearest rank.",
          "- The baseline and the no-structure ablation know nothing of clauses or rows; to score their "
          "retrieval fairly each splitter chunk is mapped back by position: a chunk most of whose characters "
          "lie in one clause, one table row or the header gets that label, a chunk spread over several "
          "gets none (and then cannot be a hit). Where clauses are short (the synthetic county plan) most "
          "400-character chunks span several clauses, so these systems' Recall is a lower bound there.",
          "- The assistant is measured as the work tree stands when `make eval` runs (see the commit line "
          "above for uncommitted changes); rerun after every change to compare.",
          "- The baseline never refuses (refusal accuracy 0 by construction) and returns no task rows or "
          "conflicts, so it cannot pass `unit_tasks` or `conflict` questions; its answer is the text of its "
          "top 2 chunks, so `must_include` strings can still match.",
          f"- Chart font: {font}."]
    return "\n".join(L) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--questions", type=Path, default=HERE / "questions.jsonl")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus")
    ap.add_argument("--out", type=Path, default=HERE / "report.md", help="report path; the chart goes next to it")
    ap.add_argument("--systems", default="", help="comma list of assistant,bm25,dense,flat,baseline (default all)")
    ap.add_argument("--embed-backend", default="onnx", choices=["onnx", "torch", "fake"])
    ap.add_argument("--no-two-doc", action="store_true", help="skip the two-document section")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:  # bm25s sets its own logger to DEBUG on import
        handler.setLevel(logging.WARNING)
    t0 = time.perf_counter()
    questions = load_questions(args.questions)
    only = [s.strip() for s in args.systems.split(",") if s.strip()] or None
    with tempfile.TemporaryDirectory(prefix="policy-eval-") as tmp:
        work = Path(tmp)
        print(f"building systems in {work} ...", flush=True)
        systems = build_systems(args.corpus, work, only=only, embed_backend=args.embed_backend)
        print(f"evaluating {len(questions)} questions:", flush=True)
        results = evaluate(systems, questions)
        two = ("Skipped (--no-two-doc).", None) if args.no_two_doc else run_two_doc(work, args.embed_backend)
    chart = args.out.with_suffix(".png")
    font = write_chart(systems, results, chart)
    args.out.write_text(render(systems, results, questions, args.questions.resolve(), chart, font, two,
                               args.embed_backend, time.perf_counter() - t0), encoding="utf-8")
    print(f"wrote {args.out} and {chart} in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
