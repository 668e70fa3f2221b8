"""Question reading rules found on the eighteenth blind dev sets (asked aloud, typed on a
phone): years said by their last two digits (三零年), a unit's three-character short name
misheard (城关局), pinyin written beside its Chinese, a plan pointed at by a shortened name
(这个城乡建设低碳方案里), 身分 (the Taiwan form of 身份), English place names before a
lower-case "city", glossary entries with an apostrophe (people's government), "X of each
region", "asked to help with", and progress said as 实际已经到多少.  Synthetic strings, and
the seed plan through the fake embedder."""

from __future__ import annotations

import pytest

from assistant.answering.asked import asks_progress
from assistant.answering.docnames import TitleIndex
from assistant.answering.english import not_understood, translate
from assistant.answering.glossary import english_words, glossary_terms
from assistant.answering.intent import residual_of
from assistant.answering.spelling import Speller
from assistant.text import normalize_question


@pytest.mark.parametrize("said,written", [
    ("覆盖率三零年的目标", "覆盖率2030年的目标"),  # 零 as the tens' digit: always a year
    ("到二五年新增多少", "到2025年新增多少"),
    ("二八年底前完成", "2028年底前完成"),
    ("三五年内完成", "三五年内完成"),  # three to five years: a duration
    ("十二五期间", "十二五期间"),
    ("一二年", "一二年"),
    ("不少于三五年", "不少于三五年"), ("在三五年之内", "在三五年之内"), ("周期控制在三五年", "周期控制在三五年"),
    ("大于二五年", "大于二五年"), ("二三年前就开始搞了", "二三年前就开始搞了"),  # durations
    ("比例二五年跟三零年分别多少", "比例2025年跟2030年分别多少"),
    ("二五年、二八年和三零年", "2025年、2028年和2030年"),
    ("绿地率二五年和三零年分别是多少", "绿地率2025年和2030年分别是多少"),  # listed beside a year
    ("三五年和五年", "三五年和五年"),
])
def test_a_year_said_by_its_last_two_digits(said: str, written: str) -> None:
    assert normalize_question(said) == written


def test_a_units_short_name_misheard_is_corrected() -> None:
    speller = Speller(["城市管理", "城市"], written=lambda run: False, short_units=["城管局", "发改委", "住建局", "住建厅"])
    assert speller.correct("市城关局牵头的事有哪些") == "市城管局牵头的事有哪些"
    assert speller.correct("发该委负责什么") == "发改委负责什么"
    for said in ("城管具体负责什么", "住建举措有哪些", "城管为什么没有牵头任务", "住建听谁的"):
        assert speller.correct(said) == said  # the ending was not typed: an ordinary word follows the stem
    assert Speller(["城市"], written=lambda run: False).correct("成市") == "成市"  # two characters: no slip


def test_pinyin_beside_its_chinese_is_no_unknown_word() -> None:
    assert not_understood("what does guang chu zhi rou 光储直柔 stand for in the plan") == []
    assert not_understood("what does guangchu 光储直柔 mean") == []
    assert "xyzzy" in not_understood("what does xyzzy plugh frob quux mean for 光储直柔")  # no pinyin of it


def test_a_plan_pointed_at_by_a_shortened_name_says_where() -> None:
    titles = TitleIndex(["东岳省城乡建设领域碳达峰实施方案", "临河县城乡建设绿色低碳发展实施方案",
                         "城乡建设领域绿色低碳发展行动方案", "青山市建筑节能与绿色建筑发展行动方案"])
    text = "想确认一下国家这个城乡建设低碳方案里我们要配合哪几条"
    assert titles.phrases(text) == ["城乡建设低碳方案里"]
    assert titles.named(text) == []  # two plans hold it: the level says which
    assert titles.phrases("城乡建设低碳方案里我们要配合哪几条") == []  # not pointed at: a topic may end in 方案
    assert residual_of(text, ["城乡建设低碳方案里"]) == ""  # nothing asked beyond the role
    assert "低碳" in residual_of(text, [])


def test_the_taiwan_form_of_a_framing_word() -> None:
    assert residual_of("城管局以参与单位身分出现的是哪一项", ["城管局"]) == residual_of("城管局以参与单位身份出现的是哪一项", ["城管局"])


def test_english_place_before_lower_case_city() -> None:
    assert "（Jinan市）" in translate("uh the Jinan city plan what is their green building target")
    for question in ("Inner city renewal tasks: who leads?", "Your city plan: what is the green building share?"):
        assert "市）" not in translate(question)  # a sentence's first word is capitalised anyway
    assert "城市" not in translate("Qingshan city rooftop solar target", {"qingshan": "青山市"}).split()
    assert "青山市" in translate("Qingshan city rooftop solar target", {"qingshan": "青山市"})


def test_glossary_entries_with_an_apostrophe_and_of_each_region() -> None:
    assert glossary_terms(english_words("the people's government")) == ["人民政府"]
    assert glossary_terms(english_words("people's governments of each region")) == ["各地区人民政府"]
    assert "配合" in translate("what are the local people's governments of each region asked to help with?")
    assert "配合" not in translate("what is the support policy for rooftop solar?")
    assert "配合" not in translate("What is the funding required to support rooftop solar?")
    assert glossary_terms(english_words("What does the municipal government require each region to do?"))[:1] != ["各地区市政府"]


@pytest.mark.parametrize("question,progress", [
    ("青山市现在城区清洁取暖率实际已经到多少了", True),
    ("城区清洁取暖率已经到多少了", True),
    ("城区清洁取暖率2025年要到多少", False),
    ("申报截止时间已经到了吗", False),
])
def test_progress_said_as_how_far_it_has_got(question: str, progress: bool) -> None:
    assert asks_progress(question) is progress


def test_seed_questions_asked_aloud(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("屋顶光伏覆盖率三零年的目标是多少")  # the plan sets 2025 only
    assert "2025" not in ans.answer.split("\n")[0] or not ans.found
    ans = seed_qa.ask("城管局在分工表中以參與單位身分出現的是哪一項")
    assert ans.found and ans.intent == "unit_tasks" and "市城市管理局" in ans.answer
    assert not seed_qa.ask("uh the Jinan city plan what is their green building target can you tell me").found
