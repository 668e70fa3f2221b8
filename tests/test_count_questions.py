"""Question reading rules found on the fifteenth blind dev sets (counts, comparisons, either-or):
how many units issued a plan, two indicators asked together each with its own year or
measure, a figure in 亿平方米, an English question whose content words are all unknown, a
plan named in English by its level, and progress followed (how often) rather than asked.
Synthetic strings, and the seed plan through the fake embedder."""

from __future__ import annotations

import pytest

from assistant.answering.asked import asks_progress
from assistant.answering.english import not_understood, translate
from assistant.documents.targets import quantities


@pytest.mark.parametrize("question,counted", [
    ("这份方案是几个部门联合印发的？", True),
    ("How many departments jointly issued the plan?", True),
    ("这份方案是哪几个部门联合印发的？", False),  # which, not how many
])
def test_a_count_of_issuers_is_said_when_asked(seed_qa, question: str, counted: bool) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask(question)
    assert ans.found and ans.intent == "doc_fact" and "聊城市财政局" in ans.answer
    assert ("共5个单位" in ans.answer) is counted


def test_a_figure_in_hundred_millions_is_a_target_quantity() -> None:
    (q,) = quantities("“十四五”期间累计完成既有建筑节能改造4亿平方米以上。")
    assert q.value == "4亿平方米以上" and q.year == 2025 and q.indicator == "累计完成既有建筑节能改造"


def test_two_indicators_each_with_its_own_year_are_both_answered(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("2025年的建成区绿化覆盖率和人均公园绿地面积各是多少？")
    assert ans.found and "42%" in ans.answer and "16" in ans.answer


def test_an_english_question_with_no_known_content_word_is_not_answered() -> None:
    assert not_understood("What PM2.5 concentration target does the plan set?", content=False) == ["pm2.5", "concentration"]
    assert not_understood("What PM2.5 concentration target does the plan set?") == []  # as many words translated
    assert not_understood("Who leads clean heating?", content=False) == []


@pytest.mark.parametrize("question,level", [
    ("What construction waste recycling rate does the national urban-rural construction plan set?", "国家方案"),
    ("Who leads clean heating under the county green development plan?", "县级方案"),
])
def test_a_plan_named_by_its_level_in_english(question: str, level: str) -> None:
    assert level in translate(question)


@pytest.mark.parametrize("question", [
    "How often will Qingshan inspect the counties' progress under its building energy action plan?",
    "多久通报一次工作进展情况？",
    "进展情况由谁汇总上报？",
])
def test_how_progress_is_followed_is_no_progress_asked(question: str) -> None:
    assert not asks_progress(question)
