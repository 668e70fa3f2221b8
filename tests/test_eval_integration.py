"""The curated question sets with the real m3e-small model (integration).

Thresholds are the issues' targets, not the current figures: a change that drops below
them fails here before it lands.  Speed is measured by `make bench`, not here.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from assistant.evaluate import run_eval

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.integration


def _check(summary: dict) -> None:  # type: ignore[type-arg]
    o = summary["overall"]
    assert o["answer_accuracy"] >= 0.95
    assert o["citation_accuracy"] >= 0.95  # the answer's first citation is a gold passage
    assert o["recall@5"] >= 0.97  # the retriever's own ranking
    assert o["refusal_accuracy"] >= 0.95 and o["false_refusal_rate"] <= 0.01
    assert o.get("task_sets_exact", 1.0) == 1.0
    assert o.get("conflict_detection", 1.0) == 1.0


@pytest.fixture(scope="module")
def real_qa(seed_corpus: Path, tmp_path_factory: pytest.TempPathFactory, model_cache: str):  # type: ignore[no-untyped-def]
    import assistant

    return assistant.load(index_dir=tmp_path_factory.mktemp("real-index"), corpus_dir=seed_corpus,
                          cache_dir=model_cache)


def test_seed_question_set_meets_targets(real_qa) -> None:  # type: ignore[no-untyped-def]
    _check(run_eval(real_qa, ROOT / "eval" / "questions.jsonl")["summary"])


def test_two_document_set_meets_targets(tmp_path: Path, model_cache: str) -> None:
    import assistant

    sys.path.insert(0, str(ROOT / "eval"))
    from two_doc_corpus import make_two_doc_corpus

    corpus = make_two_doc_corpus(tmp_path / "corpus")
    qa = assistant.load(index_dir=tmp_path / "index", corpus_dir=corpus, cache_dir=model_cache)
    _check(run_eval(qa, ROOT / "eval" / "questions_county.jsonl")["summary"])
    shutil.rmtree(tmp_path / "index", ignore_errors=True)


def test_a_target_the_documents_do_not_quantify_is_not_answered_with_another(real_qa) -> None:  # type: ignore[no-untyped-def]
    """The seed requires green building standards, never a green-building share: the
    装配式建筑 share is not that answer, and the passage pointed to is about 绿色建筑."""
    from assistant.text import squeeze

    ans = real_qa.ask("2025年新建建筑中绿色建筑占比要达到多少？")
    assert not ans.found
    assert "装配式建筑占" not in ans.answer.splitlines()[0]
    assert all("绿色建筑" in squeeze(c.text) for c in ans.citations)


def test_a_lead_question_whose_passage_names_no_unit_is_refused(real_qa) -> None:  # type: ignore[no-untyped-def]
    """The plan says to promote green lighting and energy-right trading, never who leads them."""
    from assistant.answering.actors import NO_LEAD

    for question in ("城市绿色照明、LED灯具普及这块是哪个部门牵头？", "城乡建设领域用能权交易试点由哪个单位牵头？"):
        ans = real_qa.ask(question)
        assert not ans.found and NO_LEAD in ans.answer
    assert real_qa.ask("海绵城市建设由哪个部门牵头？").found


def test_an_opposite_qualifier_is_not_answered_by_the_other(real_qa) -> None:  # type: ignore[no-untyped-def]
    """The 40 m road-width limit is the 县城's: asked of the 主城区 it is no answer."""
    assert not real_qa.ask("主城区新规划道路的红线宽度最多不能超过多少米？").found
    assert "40米" in real_qa.ask("县城新规划道路的红线宽度最多不能超过多少米？").answer


def test_an_answer_does_not_depend_on_warming_or_what_was_asked_before(real_qa) -> None:  # type: ignore[no-untyped-def]
    """A phrase's vector must not depend on its batch-mates (int8 scales activations per
    batch): a fresh assistant and a warmed one that answered other questions agree."""
    import assistant

    s = real_qa.settings
    fresh = assistant.load(index_dir=s.index_dir, corpus_dir=s.corpus_dir, cache_dir=s.cache_dir)
    question = "下雨能渗下去的地面，2030年要占建成区多少？"
    cold = fresh.ask(question).answer
    real_qa.warm()
    real_qa.ask("屋顶光伏、地源热泵、空气源热泵和生物质能各有什么要求？")
    warm = real_qa.ask(question)
    assert warm.answer == cold
    # refused or not, a refusal pointing to a 2030 passage must not say 2030 is never set
    assert warm.found or "没有提出2030年" not in warm.answer
