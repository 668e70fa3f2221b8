"""Unit tests of the evaluation report's own code (eval/run_eval.py, eval/baseline.py):
the ensemble baseline's BM25 and fusion, scoring splitter chunks by what they hold, the
first-run figures, set selection, and that a test half's failures never reach the report.

All texts here are SYNTHETIC (invented for the test); no model, no index.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "eval")]

import baseline  # noqa: E402
import run_eval  # noqa: E402
from ablations import System  # noqa: E402

from assistant.evaluate import run_questions  # noqa: E402

# ---------------------------------------------------------------- BM25 and the ensemble

def test_bm25_okapi_ranks_like_rank_bm25() -> None:
    corpus = [["甲", "乙", "丙"], ["甲", "丁"], ["戊", "己", "庚", "辛"], ["乙", "乙", "壬"], ["癸"]]
    bm25 = baseline.BM25Okapi(corpus)
    s = bm25.scores(["乙"])
    assert s[3] > s[0] > 0 and s[1] == s[2] == 0  # two occurrences beat one; absent terms score 0
    assert bm25.idf["乙"] == pytest.approx(math.log(3.5 / 2.5))
    # a negative idf becomes 0.25 x the mean raw idf, as in rank_bm25 (negative itself here)
    floored = baseline.BM25Okapi([["甲"], ["甲"], ["甲", "乙"]]).idf
    raw = [math.log(0.5 / 3.5), math.log(2.5 / 1.5)]
    assert floored["甲"] == pytest.approx(0.25 * sum(raw) / 2) and floored["乙"] == pytest.approx(raw[1])
    assert not bm25.scores(["不在"]).any()


def test_jieba_tokens_drop_punctuation() -> None:
    tokens = baseline.jieba_tokens("合成测试：甲项工作，到 2025 年！")
    assert "2025" in tokens and all(t.strip("：，！ ") for t in tokens)


def test_rrf_ensemble_fuses_rankings() -> None:
    from langchain_core.documents import Document

    docs = [Document(page_content=f"合成段落{i}", metadata={"i": i}) for i in range(4)]

    class Fixed:
        def __init__(self, order: list[int]) -> None:
            self.order = order

        def invoke(self, query: str) -> list[Any]:
            return [docs[i] for i in self.order]

    _, ensemble_cls = baseline._ensemble_classes()
    fused = ensemble_cls(retrievers=[Fixed([0, 1, 2]), Fixed([1, 3, 0])], weights=[0.5, 0.5], k=3)
    got = fused.invoke("合成")
    # 1: ranks 2 and 1; 0: ranks 1 and 3; 3: rank 2 only; 2: rank 3 only
    assert [d.metadata["i"] for d in got] == [1, 0, 3]
    assert got[0].metadata["rrf"] == pytest.approx(0.5 / 62 + 0.5 / 61)


# ---------------------------------------------------------------- chunks scored by what they hold

def test_covered_spans_and_relabel() -> None:
    S = baseline.Span
    spans = [S(0, 10, "header"), S(10, 30, "clause", 1), S(30, 40, "clause", 2), S(40, 200, "clause", 3),
             S(200, 220, "row", 2, 7)]
    held = baseline.covered_spans(spans, 12, 45)  # most of clause 1, all of 2, a sliver of 3
    assert [(s.kind, s.clause_no) for s in held] == [("clause", 1), ("clause", 2)]
    assert [s.clause_no for s in baseline.covered_spans(spans, 60, 120)] == [3]  # inside a long clause
    chunk = baseline.FlatChunk("d1", "合成", "county", "……", "text", None, None, held)
    hit = baseline.hit_dict(chunk, 1, 0.5)
    assert baseline.relabel(hit, {"clauses": [2]})["clause_no"] == 2
    assert baseline.relabel(hit, {"clauses": [3]}) is hit  # a sliver is not holding the clause
    assert baseline.relabel(hit, {"clauses": [2], "doc_id": "d2"}) is hit
    assert baseline.relabel({"doc_id": "d1", "clause_no": 4, "row_no": None}, {"clauses": [2]})["clause_no"] == 4


def test_scored_system_is_credited_for_a_chunk_holding_the_gold() -> None:
    chunk = baseline.FlatChunk("d1", "合成", "county", "甲乙", "text", None, None,
                               (baseline.Span(0, 5, "clause", 1), baseline.Span(5, 9, "clause", 2)))
    hits = [baseline.hit_dict(chunk, 1, 1.0)]
    system = System("baseline", "b", "", lambda q: baseline.answer_dict(q, hits, 2, 1.0), 0.0,
                    lambda q: hits, refuses=False)
    questions = [{"id": "x1", "type": "general", "question": "合成问题一？", "gold": {"clauses": [2]}},
                 {"id": "x2", "type": "general", "question": "合成问题二？", "gold": {"clauses": [5]}}]
    fair = run_eval.scored(system, questions)
    res = run_questions(fair.ask, questions, retrieve=fair.retrieve)
    assert [r["r1"] for r in res["rows"]] == [1.0, 0.0]
    assert [r.get("cite_ok") for r in res["rows"]] == [True, False]


# ---------------------------------------------------------------- sets and first-run figures

def test_first_run_figures_are_read_from_the_frozen_file() -> None:
    first = run_eval.first_run_figures()
    assert set(run_eval.FIRST_RUN_SETS) <= set(first)
    assert first["seed_dev"]["n"] == 78 and 0 < first["seed_test"]["recall@1"] < 1
    assert "mrr@10" not in first["layouts_dev"]  # that table has no MRR column


def test_first_run_beside_now_counts_the_same_questions() -> None:
    # a layout half first run over all 29 cells is compared over all 29, one first run over the
    # 21 readable cells over those 21 (the scanned cells left out)
    rows = [{"id": f"q{i}", "type": "target", "cell": f"c{i}-{kind}", "correct": i % 2 == 0, "found": True,
             "false_refusal": False} for i, kind in enumerate(["txt", "pdf", "docx", "scan"])]
    overall = {"n": 4, "answer_accuracy": 0.5}
    qset = run_eval.pick_sets("layouts_test")[0]
    sr = run_eval.SetResult(qset, [], [], {"assistant": {"rows": rows, "summary": {"overall": overall}}})
    for first_n, now_n in ((4, "4"), (3, "3")):
        first = {"layouts_test": {"n": first_n, "answer_accuracy": 0.5}}
        now = [ln for ln in run_eval.first_run_table({"layouts_test": sr}, first) if "| now |" in ln]
        assert now and now[0].split(" | ")[3] == now_n


def test_pick_sets() -> None:
    assert [s.key for s in run_eval.pick_sets("seed")] == ["curated", "seed_dev", "seed_test", "seed2_dev",
                                                           "seed2_test", "seed3_dev", "seed3_test",
                                                           "seed4_dev", "seed4_test", "seed5_dev", "seed5_test",
                                                           "seed6_dev", "seed6_test", "seed7_dev", "seed7_test", "seed8_dev", "seed8_test",
                                                           "seed9_dev", "seed9_test", "seed10_dev", "seed10_test",
                                                           "seed11_dev", "seed11_test", "seed12_dev", "seed12_test",
                                                           "seed13_dev", "seed13_test", "seed14_dev", "seed14_test",
                                                           "seed15_dev", "seed15_test", "seed16_dev", "seed16_test",
                                                           "seed17_dev", "seed17_test", "seed18_dev", "seed18_test",
                                                           "seed19_dev", "seed19_test", "seed20_dev", "seed20_test",
                                                           "seed21_dev", "seed21_test", "seed22_dev", "seed22_test",
                                                           "seed23_dev", "seed23_test", "seed24_dev", "seed24_test",
                                                           "seed25_dev", "seed25_test", "seed26_dev", "seed26_test",
                                                           "seed27_dev", "seed27_test", "seed28_dev", "seed28_test",
                                                           "seed29_dev", "seed29_test", "seed30_dev", "seed30_test",
                                                           "seed31_dev", "seed31_test", "seed32_dev", "seed32_test",
                                                           "seed33_dev", "seed33_test", "seed34_dev", "seed34_test",
                                                           "seed35_dev", "seed35_test", "seed36_dev", "seed36_test",
                                                           "seed37_dev", "seed37_test", "seed38_dev", "seed38_test",
                                                           "seed39_dev", "seed39_test", "seed40_dev", "seed40_test",
                                                           "seed41_dev", "seed41_test", "seed42_dev", "seed42_test",
                                                           "seed43_dev", "seed43_test", "seed44_dev", "seed44_test",
                                                           "seed45_dev", "seed45_test", "seed46_dev", "seed46_test",
                                                           "seed47_dev", "seed47_test", "seed48_dev", "seed48_test",
                                                           "seed49_dev", "seed49_test", "seed50_dev", "seed50_test",
                                                           "seed51_dev", "seed51_test", "seed52_dev", "seed52_test",
                                                           "seed53_dev", "seed53_test", "seed54_dev", "seed54_test"]
    assert [s.key for s in run_eval.pick_sets("layouts_test,blind2")] == ["blind2", "layouts_test"]
    assert len(run_eval.pick_sets("")) == len(run_eval.SETS)
    with pytest.raises(SystemExit):
        run_eval.pick_sets("nonsense")
    assert {s.key for s in run_eval.SETS if s.test} == {"seed_test", "seed2_test", "seed3_test", "seed4_test",
                                                          "seed5_test", "layouts_test", "layouts2_test",
                                                          "layouts3_test", "layouts4_test", "layouts5_test",
                                                          "seed6_test", "layouts6_test", "seed7_test", "layouts7_test", "seed8_test", "layouts8_test",
                                                          "seed9_test", "layouts9_test", "seed10_test", "layouts10_test",
                                                          "seed11_test", "layouts11_test", "seed12_test", "layouts12_test",
                                                          "seed13_test", "layouts13_test", "seed14_test", "layouts14_test",
                                                          "seed15_test", "layouts15_test", "seed16_test", "layouts16_test",
                                                          "seed17_test", "layouts17_test", "seed18_test", "layouts18_test",
                                                          "seed19_test", "layouts19_test", "seed20_test", "layouts20_test",
                                                          "seed21_test", "layouts21_test", "seed22_test", "layouts22_test",
                                                          "seed23_test", "layouts23_test", "seed24_test", "layouts24_test",
                                                          "seed25_test", "layouts25_test", "seed26_test", "layouts26_test",
                                                          "seed27_test", "layouts27_test", "seed28_test", "layouts28_test",
                                                          "seed29_test", "layouts29_test", "seed30_test", "layouts30_test",
                                                          "seed31_test", "layouts31_test", "seed32_test", "layouts32_test",
                                                          "seed33_test", "layouts33_test", "seed34_test", "layouts34_test",
                                                          "seed35_test", "layouts35_test", "seed36_test", "layouts36_test",
                                                          "seed37_test", "layouts37_test", "seed38_test", "layouts38_test",
                                                          "seed39_test", "layouts39_test", "seed40_test", "layouts40_test",
                                                          "seed41_test", "layouts41_test", "seed42_test", "layouts42_test",
                                                          "seed43_test", "layouts43_test", "seed44_test", "layouts44_test",
                                                          "seed45_test", "layouts45_test", "seed46_test", "layouts46_test",
                                                          "seed47_test", "layouts47_test", "seed48_test", "layouts48_test",
                                                          "seed49_test", "layouts49_test", "seed50_test", "layouts50_test",
                                                          "seed51_test", "layouts51_test", "seed52_test", "layouts52_test",
                                                          "seed53_test", "layouts53_test", "seed54_test", "layouts54_test"}


# ---------------------------------------------------------------- test halves: figures only

def _result(qset: run_eval.QSet) -> run_eval.SetResult:
    questions = [{"id": "zz01", "type": "lead", "question": "合成测试题：甲项工作谁牵头？",
                  "gold": {"clauses": [1], "must_include": ["合成局"]}}]
    system = System("assistant", "本助手 assistant", "synthetic", lambda q: {
        "answer": "合成答案", "found": True, "retrieved": [], "citations": [], "tasks": [], "conflicts": [],
        "timings_ms": {"total": 1.0}}, 0.0, lambda q: [])
    return run_eval.SetResult(qset, questions, [system], {"assistant": run_questions(system.ask, questions,
                                                                                     retrieve=system.retrieve)})


def test_report_never_shows_a_test_half_failure(tmp_path: Path) -> None:
    test_set = next(s for s in run_eval.SETS if s.key == "seed_test")
    dev_set = next(s for s in run_eval.SETS if s.key == "seed_dev")
    args = argparse.Namespace(quick=True, only="", work=tmp_path, embed_backend="fake")
    shown = run_eval.render([_result(test_set)], tmp_path / "r.png", "DejaVu Sans", 1.0, args, {})
    assert "zz01" not in shown and "合成测试题" not in shown and "1 questions failed" in shown
    listed = run_eval.render([_result(dev_set)], tmp_path / "r.png", "DejaVu Sans", 1.0, args, {})
    assert "zz01" in listed and "合成测试题" in listed
