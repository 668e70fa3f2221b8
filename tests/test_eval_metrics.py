"""Unit tests of the evaluation metrics (assistant/evaluate.py) and of the baseline's
chunk-to-clause/row mapping (eval/baseline.py), on hand-made answer dicts.

All questions, answers and document texts here are SYNTHETIC (invented for the test, not
policy text); no model, no index.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.config import AssistantError
from assistant.evaluate import hit_ok, load_questions, run_questions, score_one, summarize
from assistant.types import Clause, DocMeta, Document, TaskRow

REPO = Path(__file__).resolve().parent.parent


def hit(clause: int | None = None, row: int | None = None, kind: str | None = None,
        doc: str = "d1") -> dict[str, Any]:
    h: dict[str, Any] = {"doc_id": doc, "clause_no": clause, "row_no": row, "text": "…"}
    if kind is not None:
        h["kind"] = kind
    return h


def answer(text: str = "", found: bool = True, retrieved: list[dict[str, Any]] | None = None,
           tasks: list[dict[str, Any]] | None = None, conflicts: list[Any] | None = None,
           total_ms: float | None = 10.0) -> dict[str, Any]:
    a: dict[str, Any] = {"answer": text, "found": found, "retrieved": retrieved or [], "tasks": tasks or [],
                         "conflicts": conflicts or []}
    if total_ms is not None:
        a["timings_ms"] = {"total": total_ms}
    return a


def q(qtype: str = "lead", gold: dict[str, Any] | None = None, qid: str = "t1") -> dict[str, Any]:
    return {"id": qid, "type": qtype, "question": "合成问题？", "gold": gold or {}}


# ---------------------------------------------------------------- hit_ok

def test_hit_ok_row_or_clause_counts() -> None:
    gold = {"rows": [9], "clauses": [7]}
    assert hit_ok(hit(row=9, clause=3), gold)  # row matches, clause does not
    assert hit_ok(hit(clause=7), gold)
    assert not hit_ok(hit(row=8, clause=6), gold)
    assert not hit_ok(hit(), gold)  # unnumbered chunk is no hit without header gold


def test_hit_ok_doc_id_restricts() -> None:
    gold = {"rows": [2], "doc_id": "county"}
    assert hit_ok(hit(row=2, doc="county"), gold)
    assert not hit_ok(hit(row=2, doc="city"), gold)


def test_hit_ok_header_gold_needs_an_unnumbered_header_chunk() -> None:
    gold = {"header": True, "clauses": [22]}
    assert hit_ok(hit(kind="header"), gold)
    assert hit_ok(hit(), gold)  # no kind given: taken as header
    assert hit_ok(hit(clause=22, kind="clause"), gold)
    assert not hit_ok(hit(kind="text"), gold)  # a baseline chunk spread over several clauses
    assert not hit_ok(hit(clause=3, kind="clause"), gold)
    assert not hit_ok(hit(row=1, kind="row"), {"header": True})


# ---------------------------------------------------------------- score_one

@pytest.mark.parametrize("rank,r1,r5,mrr", [(1, 1.0, 1.0, 1.0), (3, 0.0, 1.0, 1 / 3), (7, 0.0, 0.0, 1 / 7),
                                            (11, 0.0, 0.0, 0.0)])
def test_recall_and_mrr_from_the_first_gold_rank(rank: int, r1: float, r5: float, mrr: float) -> None:
    retrieved = [hit(clause=100 + i) for i in range(1, 13)]
    retrieved[rank - 1] = hit(clause=5)
    retrieved.append(hit(clause=5))  # a second gold hit later changes nothing
    res = score_one(q(gold={"clauses": [5]}), answer(retrieved=retrieved))
    assert (res["r1"], res["r5"]) == (r1, r5)
    assert res["mrr"] == pytest.approx(mrr)


def test_no_retrieval_metrics_without_gold_passages() -> None:
    res = score_one(q("refuse"), answer(found=False, retrieved=[hit(clause=1)]))
    assert "r1" not in res and "mrr" not in res


@pytest.mark.parametrize("text", ["主城区道路网密度大于 8 公里/平方公里", "大于8\u3000公里/\n平方公里", "8公里/平方公里"])
def test_must_include_ignores_white_space_in_the_answer(text: str) -> None:
    res = score_one(q("target", {"must_include": ["8公里/平方公里"]}), answer(text))
    assert res["correct"] and res["missing"] == []


def test_must_include_ignores_white_space_in_the_gold_and_reports_what_is_missing() -> None:
    gold = {"must_include": ["13.64 万户", "2025年"]}
    res = score_one(q("target", gold), answer("累计完成改造13.64万户。"))
    assert not res["correct"]
    assert res["missing"] == ["2025年"]
    assert score_one(q("target", gold), answer("到2025年累计完成13.64万户"))["correct"]


def test_an_answerable_question_refused_is_wrong_even_with_the_strings() -> None:
    res = score_one(q("lead", {"must_include": ["市财政局"]}), answer("市财政局", found=False))
    assert res["false_refusal"] is True and res["correct"] is False


def test_refuse_questions_need_found_false() -> None:
    ok = score_one(q("refuse"), answer("没有找到", found=False))
    bad = score_one(q("refuse"), answer("胡乱回答", found=True))
    assert ok["correct"] and ok["refused_ok"]
    assert not bad["correct"] and not bad["refused_ok"]
    assert "false_refusal" not in ok


def _task(row: int, doc: str = "d1") -> dict[str, Any]:
    return {"row_no": row, "doc_id": doc}


def test_unit_tasks_must_be_the_exact_set() -> None:
    gold = {"rows": [2, 3], "must_include": []}
    exact = score_one(q("unit_tasks", gold), answer("…", tasks=[_task(3), _task(2)]))
    assert exact["correct"] and exact["tasks_exact"] and (exact["task_p"], exact["task_r"]) == (1.0, 1.0)
    extra = score_one(q("unit_tasks", gold), answer("…", tasks=[_task(2), _task(3), _task(4)]))
    assert not extra["correct"] and extra["task_p"] == pytest.approx(2 / 3) and extra["task_r"] == 1.0
    assert extra["got_rows"] == [2, 3, 4]
    short = score_one(q("unit_tasks", gold), answer("…", tasks=[_task(2)]))
    assert not short["correct"] and (short["task_p"], short["task_r"]) == (1.0, 0.5)
    none = score_one(q("unit_tasks", gold), answer("…", tasks=[]))
    assert (none["task_p"], none["task_r"], none["correct"]) == (0.0, 0.0, False)


def test_unit_tasks_only_count_rows_of_the_gold_document() -> None:
    gold = {"rows": [2], "doc_id": "county"}
    res = score_one(q("unit_tasks", gold), answer("…", tasks=[_task(2, "county"), _task(5, "city")]))
    assert res["tasks_exact"] and res["correct"]


def test_unit_tasks_exact_set_still_needs_the_strings() -> None:
    res = score_one(q("unit_tasks", {"rows": [1], "must_include": ["县城"]}), answer("别的", tasks=[_task(1)]))
    assert res["tasks_exact"] and not res["correct"]


def test_unit_tasks_with_no_task_in_the_role_asked_take_none_as_the_answer() -> None:
    gold = {"rows": [], "must_include": []}
    said_none = score_one(q("unit_tasks", gold), answer("文件的责任分工表中没有市财政局参与的任务。", found=False, tasks=[]))
    assert said_none["correct"] and not said_none["false_refusal"]
    listed = score_one(q("unit_tasks", gold), answer("…", tasks=[_task(7)]))
    assert not listed["correct"] and listed["task_p"] == 0.0


def test_conflict_questions_need_a_flagged_conflict() -> None:
    gold = {"clauses": [13], "must_include": ["三星级"]}
    assert score_one(q("conflict", gold), answer("三星级", conflicts=[{"kind": "star_level"}]))["correct"]
    res = score_one(q("conflict", gold), answer("三星级"))
    assert res["conflict_flagged"] is False and not res["correct"]


# ---------------------------------------------------------------- summarize / run_questions

def test_summarize_percentiles_by_nearest_rank() -> None:
    rows = [score_one(q("refuse", qid=f"r{i}"), answer(found=False, total_ms=float(ms)))
            for i, ms in enumerate([50, 10, 40, 20, 30])]
    o = summarize(rows)["overall"]
    assert (o["latency_p50_ms"], o["latency_p95_ms"]) == (30, 50)
    rows = [score_one(q("refuse", qid=f"r{i}"), answer(found=False, total_ms=float(i))) for i in range(1, 21)]
    o = summarize(rows)["overall"]
    assert (o["latency_p50_ms"], o["latency_p95_ms"]) == (10, 19)
    one = summarize([score_one(q("refuse"), answer(found=False, total_ms=7.0))])["overall"]
    assert (one["latency_p50_ms"], one["latency_p95_ms"]) == (7, 7)


def test_summarize_means_per_type_and_overall() -> None:
    rows = [
        score_one(q("lead", {"rows": [1], "must_include": ["甲"]}, "a"), answer("甲", retrieved=[hit(row=1)])),
        score_one(q("lead", {"rows": [1], "must_include": ["甲"]}, "b"), answer("乙", retrieved=[hit(row=2)])),
        score_one(q("lead", {"rows": [1], "must_include": ["甲"]}, "c"), answer("", found=False)),
        score_one(q("refuse", {}, "d"), answer(found=True)),
    ]
    s = summarize(rows)  # means are rounded to 4 places
    lead, overall = s["by_type"]["lead"], s["overall"]
    assert lead["n"] == 3 and lead["recall@1"] == pytest.approx(1 / 3, abs=1e-4)
    assert lead["answer_accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert lead["false_refusal_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert "refusal_accuracy" not in lead
    assert overall["recall@1"] == pytest.approx(1 / 3, abs=1e-4)  # the refuse question has no retrieval gold
    assert overall["answer_accuracy"] == pytest.approx(1 / 4, abs=1e-4)
    assert overall["refusal_accuracy"] == 0.0
    assert overall["false_refusal_rate"] == pytest.approx(1 / 3, abs=1e-4)  # refuse questions excluded


def test_run_questions_lists_failures_and_times_asks_without_timings() -> None:
    questions = [q("lead", {"rows": [1], "must_include": ["甲"]}, "ok"),
                 q("lead", {"rows": [1], "must_include": ["甲"]}, "right-but-rank-2"),
                 q("refuse", {}, "answered")]
    replies = {"ok": answer("甲", retrieved=[hit(row=1)], total_ms=None),
               "right-but-rank-2": answer("甲", retrieved=[hit(row=5), hit(row=1)], total_ms=None),
               "answered": answer("编的", total_ms=None)}
    by_text = {f"{x['id']}?": replies[x["id"]] for x in questions}
    for x in questions:
        x["question"] = f"{x['id']}?"
    res = run_questions(lambda text: by_text[text], questions)
    assert [r["id"] for r in res["failures"]] == ["right-but-rank-2", "answered"]
    assert all(isinstance(r["latency_ms"], float) for r in res["rows"])
    assert res["summary"]["overall"]["n"] == 3


def test_load_questions_reports_bad_lines(tmp_path: Path) -> None:
    good = {"id": "x", "type": "lead", "question": "合成？", "gold": {}}
    f = tmp_path / "q.jsonl"
    f.write_text(json.dumps(good, ensure_ascii=False) + "\n\n" + json.dumps(good) + "\n", encoding="utf-8")
    assert len(load_questions(f)) == 2
    f.write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(AssistantError, match=":2:"):
        load_questions(f)
    f.write_text(json.dumps({"question": "没有类型"}) + "\n", encoding="utf-8")
    with pytest.raises(AssistantError, match="type"):
        load_questions(f)
    with pytest.raises(AssistantError, match="not found"):
        load_questions(tmp_path / "missing.jsonl")


# ---------------------------------------------------------------- the baseline's chunk labels

def _baseline() -> Any:
    spec = importlib.util.spec_from_file_location("eval_baseline", REPO / "eval" / "baseline.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_baseline", mod)  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return sys.modules["eval_baseline"]


# synthetic document: a header line, two clauses, a two-row table (tab-separated)
HEAD = "某某县测试方案\n某某县测试局\n\n"
C1 = "（一）甲项工作。推进甲项工作，到 2025 年完成十个试点。"
C2 = "（二）乙项工作。开展乙项工作，逐步扩大覆盖范围并加强监督管理。"
TABLE = "\n\n序号\t工作要求\t牵头单位\n1\t推进甲项工作，到2025年完成十个试点。\t县测试局\n" \
        "2\t开展乙项工作，逐步扩大覆盖范围并加强监督管理。\t县样例局\n"
TEXT = HEAD + C1 + "\n\n" + C2 + TABLE


def _doc() -> Document:
    def clause(no: int, text: str) -> Clause:
        start = TEXT.index(text)
        return Clause(no=no, title=text[3:7], text=text, section_no=None, section_title=None, start=start,
                      end=start + len(text))

    def row(no: int, req: str, unit: str, clause_no: int) -> TaskRow:
        return TaskRow(doc_id="syn", row_no=no, key_task="", measure="", requirement=req, lead_units=(unit,),
                       participating_units=(), clause_no=clause_no, lead_units_as_written=(unit,))

    return Document(meta=DocMeta(id="syn", title="某某县测试方案", file="syn.txt"), text=TEXT,
                    clauses=(clause(1, C1), clause(2, C2)),
                    tasks=(row(1, "推进甲项工作，到2025年完成十个试点。", "县测试局", 1),
                           row(2, "开展乙项工作，逐步扩大覆盖范围并加强监督管理。", "县样例局", 2)))


def test_baseline_spans_cover_header_clauses_and_rows() -> None:
    b = _baseline()
    spans = b.locate_spans(_doc(), TEXT)
    assert [(s.kind, s.clause_no, s.row_no) for s in spans] == [
        ("header", None, None), ("clause", 1, None), ("clause", 2, None), ("row", 1, 1), ("row", 2, 2)]
    sq = b.squeeze(TEXT)
    assert sq[spans[1].start:spans[1].end] == b.squeeze(C1)
    # the row span starts at the table's copy of the text, not at the identical body sentence
    assert spans[3].start > spans[2].end
    assert sq[spans[4].start:spans[4].end].endswith("县样例局")


def test_baseline_chunk_label_needs_a_majority() -> None:
    b = _baseline()
    spans = [b.Span(0, 10, "header"), b.Span(10, 30, "clause", 1), b.Span(30, 50, "clause", 2)]
    assert b.label_chunk(spans, 12, 28).clause_no == 1  # inside clause 1
    assert b.label_chunk(spans, 15, 32).clause_no == 1  # 15 of 17 characters in clause 1
    assert b.label_chunk(spans, 0, 8).kind == "header"
    assert b.label_chunk(spans, 20, 40) is None  # half and half
    assert b.label_chunk(spans, 5, 45) is None  # spread over three
    assert b.label_chunk(spans, 60, 70) is None
    assert b.label_chunk(spans, 5, 5) is None


def test_baseline_offsets_map_raw_positions_to_squeezed_ones() -> None:
    b = _baseline()
    text = "甲 乙\n\n丙\t丁"
    off = b.squeezed_offsets(text)
    assert len(off) == len(text) + 1
    assert [int(off[text.index(c)]) for c in "甲乙丙丁"] == [0, 1, 2, 3]


def test_a_rejected_question_is_a_wrong_answer_and_the_run_goes_on() -> None:
    from assistant.evaluate import run_questions

    def ask(text: str) -> dict:  # type: ignore[type-arg]
        if len(text) > 10:
            raise AssistantError("question too long")
        return {"answer": "现有文件中没有找到这个问题的答案。", "found": False, "citations": []}

    questions = [{"id": "a", "type": "refuse", "question": "x" * 20, "gold": {}},
                 {"id": "b", "type": "refuse", "question": "短问题", "gold": {}},
                 {"id": "c", "type": "general", "question": "y" * 20, "gold": {"must_include": ["z"]}}]
    rows = run_questions(ask, questions)["rows"]
    assert [r["correct"] for r in rows] == [False, True, False]
    assert rows[0]["refused_ok"] is False and "too long" in rows[0]["answer"]
