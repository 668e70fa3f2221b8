"""Evaluation over a JSON Lines question set (format in shared/spec/interface.md).

Metrics are plain functions over the ``Answer.to_dict()`` shape, so the same code
scores the assistant and any baseline that produces that shape.
"""

from __future__ import annotations

import json
import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from assistant.config import AssistantError
from assistant.text import squeeze

TYPES = ("lead", "unit_tasks", "target", "conflict", "general", "refuse")


def load_questions(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise AssistantError(f"question file not found: {path}")
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            raise AssistantError(f"{path}:{i}: not valid JSON ({e.msg})") from None
        if "question" not in q or "type" not in q:
            raise AssistantError(f"{path}:{i}: needs 'question' and 'type'")
        out.append(q)
    return out


def hit_ok(hit: dict[str, Any], gold: dict[str, Any]) -> bool:
    if gold.get("doc_id") and hit.get("doc_id") != gold["doc_id"]:
        return False
    if hit.get("row_no") is not None and hit["row_no"] in (gold.get("rows") or ()):
        return True
    if hit.get("clause_no") is not None and hit["clause_no"] in (gold.get("clauses") or ()):
        return True
    # header gold: an unnumbered chunk of the document's header part.  A hit without a
    # ``kind`` is taken as header; a chunk a baseline could not place ("text") is not.
    return (bool(gold.get("header")) and hit.get("clause_no") is None and hit.get("row_no") is None
            and hit.get("kind", "header") == "header")


def _present(answer: str, forms: Sequence[str]) -> bool:
    return any(squeeze(f) and squeeze(f) in answer for f in forms)


def missing_facts(gold: dict[str, Any], answer: str) -> list[str]:
    """The ``must_include`` entries absent from ``answer`` (white space ignored); an entry
    counts as present when any of its ``must_include_alt`` forms is there."""
    text = squeeze(answer)
    alts = gold.get("must_include_alt") or []
    out = []
    for i, m in enumerate(gold.get("must_include", [])):
        forms = [m, *(alts[i] if i < len(alts) and isinstance(alts[i], list) else [])]
        if not _present(text, forms):
            out.append(m)
    return out


def _rank_metrics(hits: Sequence[dict[str, Any]], gold: dict[str, Any]) -> dict[str, float]:
    ranks = [i for i, h in enumerate(hits[:10], 1) if hit_ok(h, gold)]
    first = ranks[0] if ranks else None
    return {"r1": float(first == 1), "r5": float(first is not None and first <= 5),
            "mrr": 1.0 / first if first else 0.0}


def _task_set(q: dict[str, Any], ans: dict[str, Any]) -> tuple[set[Any], set[Any]] | None:
    """(got, wanted) task labels of a unit_tasks question: rows, or inline items."""
    gold = q.get("gold") or {}
    mine = [t for t in ans.get("tasks", []) if not gold.get("doc_id") or t.get("doc_id") == gold["doc_id"]]
    if gold.get("items") is not None:
        return {t.get("item") for t in mine}, set(gold["items"])
    if gold.get("rows") is not None:
        return {t.get("row_no") for t in mine}, set(gold["rows"])
    return None


def score_one(q: dict[str, Any], ans: dict[str, Any], hits: Sequence[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Score one answer.  ``hits`` is the retriever's own ranking (what Recall@k measures);
    without it the answer's ``retrieved`` list stands in."""
    gold = q.get("gold") or {}
    qtype = q["type"]
    res: dict[str, Any] = {"id": q.get("id"), "type": qtype, "question": q["question"]}
    if gold.get("rows") or gold.get("clauses") or gold.get("header"):
        res.update(_rank_metrics(ans.get("retrieved", []) if hits is None else hits, gold))
        if qtype != "refuse" and ans.get("found"):
            cites = ans.get("citations") or []
            res["cite_ok"] = bool(cites) and hit_ok({**cites[0], "kind": cites[0].get("kind", "header")}, gold)
    if qtype == "refuse":
        res["correct"] = not ans.get("found", True)
        res["refused_ok"] = res["correct"]
    else:
        missing = missing_facts(gold, ans.get("answer", ""))
        res["missing"] = missing
        res["false_refusal"] = not ans.get("found", False)
        res["correct"] = bool(ans.get("found")) and not missing
    if qtype == "unit_tasks" and (sets := _task_set(q, ans)) is not None:
        got, want = sets
        res["task_p"] = len(got & want) / len(got) if got else float(not want)
        res["task_r"] = len(got & want) / len(want) if want else 1.0
        res["tasks_exact"] = got == want
        res["correct"] = res["correct"] and got == want
        if not want:  # the unit has no task in the role asked: "none" is the answer, found or not
            res["correct"], res["false_refusal"] = got == want and not res["missing"], False
        res["got_rows"] = sorted(got, key=str)
    if qtype == "conflict":
        res["conflict_flagged"] = bool(ans.get("conflicts"))
        res["correct"] = res["correct"] and res["conflict_flagged"]
    if ans.get("intent") == "rejected":  # the question was not taken: wrong, whatever the gold
        res["correct"] = False
        if qtype == "refuse":
            res["refused_ok"] = False
    res["found"] = ans.get("found")
    res["answer"] = ans.get("answer", "")
    res["latency_ms"] = ans.get("timings_ms", {}).get("total")
    return res


def _mean(xs: Iterable[float]) -> float | None:
    xs = list(xs)
    return round(sum(xs) / len(xs), 4) if xs else None


def _pct(xs: Sequence[float], p: float) -> float | None:
    if not xs:
        return None
    s = sorted(xs)  # nearest rank: the smallest value with at least p of the values <= it
    return round(s[min(len(s) - 1, max(0, math.ceil(p * len(s) - 1e-9) - 1))], 2)


def summarize(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    def block(rs: Sequence[dict[str, Any]]) -> dict[str, Any]:
        answerable = [r for r in rs if r["type"] != "refuse"]
        lat = [r["latency_ms"] for r in rs if r.get("latency_ms") is not None]
        out = {
            "n": len(rs),
            "recall@1": _mean(r["r1"] for r in rs if "r1" in r),
            "recall@5": _mean(r["r5"] for r in rs if "r5" in r),
            "mrr@10": _mean(r["mrr"] for r in rs if "mrr" in r),
            "citation_accuracy": _mean(float(r["cite_ok"]) for r in rs if "cite_ok" in r),
            "answer_accuracy": _mean(float(r["correct"]) for r in rs),
            "false_refusal_rate": _mean(float(r["false_refusal"]) for r in answerable) if answerable else None,
        }
        if any(r["type"] == "refuse" for r in rs):
            out["refusal_accuracy"] = _mean(float(r["refused_ok"]) for r in rs if r["type"] == "refuse")
        if any("task_p" in r for r in rs):
            out["task_precision"] = _mean(r["task_p"] for r in rs if "task_p" in r)
            out["task_recall"] = _mean(r["task_r"] for r in rs if "task_r" in r)
            out["task_sets_exact"] = _mean(float(r["tasks_exact"]) for r in rs if "tasks_exact" in r)
        if any("conflict_flagged" in r for r in rs):
            out["conflict_detection"] = _mean(float(r["conflict_flagged"]) for r in rs if "conflict_flagged" in r)
        if lat:
            out["latency_p50_ms"] = _pct(lat, 0.5)
            out["latency_p95_ms"] = _pct(lat, 0.95)
        return {k: v for k, v in out.items() if v is not None}

    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_type[r["type"]].append(r)
    return {"overall": block(rows), "by_type": {t: block(rs) for t, rs in sorted(by_type.items())}}


AskFn = Callable[[str], dict[str, Any]]
RetrieveFn = Callable[[str], list[dict[str, Any]]]


def run_questions(ask: AskFn, questions: Sequence[dict[str, Any]],
                  retrieve: RetrieveFn | None = None) -> dict[str, Any]:
    """Ask every question; ``retrieve`` (question -> ranked hit dicts) gives the
    retriever's own ranking for Recall@k, else the answer's ``retrieved`` is used."""
    rows = []
    for q in questions:
        t0 = time.perf_counter()
        try:
            ans = ask(q["question"])
        except AssistantError as e:  # a question the assistant rejects (too long…) is a failed answer, not a failed run
            ans = {"question": q["question"], "answer": str(e), "found": False, "intent": "rejected", "citations": [], "tasks": []}
        ans.setdefault("timings_ms", {}).setdefault("total", (time.perf_counter() - t0) * 1000)
        rows.append(score_one(q, ans, retrieve(q["question"]) if retrieve else None))
    failures = [r for r in rows if not r["correct"] or r.get("r1") == 0.0]
    return {"summary": summarize(rows), "rows": rows, "failures": failures}


def run_eval(qa: Any, path: Path, k: int = 5) -> dict[str, Any]:
    questions = load_questions(path)
    qa.warm()
    qa.ask("预热")  # warm caches so latency is the steady state
    retriever = qa.retriever(k=10)
    return run_questions(lambda text: qa.ask(text, k=max(k, 10)).to_dict(), questions,
                         retrieve=lambda text: [d.metadata for d in retriever.invoke(text)])


def format_report(result: dict[str, Any]) -> str:
    s = result["summary"]
    keys = ["n", "recall@1", "recall@5", "mrr@10", "citation_accuracy", "answer_accuracy", "false_refusal_rate", "refusal_accuracy",
            "task_sets_exact", "conflict_detection", "latency_p50_ms", "latency_p95_ms"]
    lines = ["type\t" + "\t".join(keys)]
    for name, b in [("overall", s["overall"]), *s["by_type"].items()]:
        lines.append(name + "\t" + "\t".join("" if b.get(key) is None else str(b.get(key)) for key in keys))
    lines.append("")
    lines.append(f"failures ({len(result['failures'])}):")
    for r in result["failures"]:
        why = []
        if not r["correct"]:
            why.append("missing " + "、".join(r.get("missing") or []) if r.get("missing") else
                       ("refused" if r.get("false_refusal") else "wrong"))
        if r.get("r1") == 0.0:
            why.append("gold not at rank 1")
        if "got_rows" in r:
            why.append(f"rows {r['got_rows']}")
        lines.append(f"  {r['id']} [{r['type']}] {r['question']} -> {'; '.join(why)} | {r['answer'][:80]!r}")
    return "\n".join(lines)
