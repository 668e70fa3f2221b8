"""Question reading rules found on the fourteenth blind dev sets (an inspector checking how a
plan is carried out): a quoted figure or deadline asked back (哪项指标要求达到45%？ tasks marked
长期坚持), progress asked of a plan that only sets targets (现在完成了没有), a unit's
责任 and 条目, a role said as 以参与单位身份, a part's title, an item under a clause
(（五）里的第3项), how often (多长时间开展一次), and English titles in Title Case.
Synthetic documents (tests/synthetic_index_docs.py), and the seed plan through the fake embedder."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.answering import lookup
from assistant.answering.asked import asks_progress
from assistant.answering.english import _without_title, translate
from assistant.answering.intents import understand
from assistant.answering.numbered import row_named
from assistant.types import Target
from tests.synthetic_index_docs import make_doc


def _q(text: str):  # type: ignore[no-untyped-def]
    return understand(text, lambda name: None)


def _doc_with_targets():  # type: ignore[no-untyped-def]
    doc = make_doc()
    targets = (Target(indicator="年径流总量控制率", value="75%", year=2027, text="新建片区年径流总量控制率到2027年达到75%。",
                      clause_no=3, doc_id=doc.id),
               Target(indicator="漏损率", value="8%以内", year=2027, text="到2027年漏损率控制在8%以内。", clause_no=2,
                      doc_id=doc.id))
    return replace(doc, targets=targets)


@pytest.mark.parametrize("question,value", [
    ("哪项指标要求达到75%？", (75.0, "%")),
    ("督查组核对：到2027年要达到“8%以内”的是哪个指标？", (8.0, "%")),
    ("160万平方米指的是什么任务？", (160.0, "万平方米")),
])
def test_a_quoted_figure_with_which_thing_asked_is_a_look_up(question: str, value: tuple[float, str]) -> None:
    q = _q(question)
    assert lookup.asks_lookup(q) and lookup.asked_value(q) == value


@pytest.mark.parametrize("question", [
    "2025年绿色建筑占比要达到多少？",  # no figure quoted
    "装配式建筑占比是不是50%？",  # the indicator is given: a check, not a look-up
    "清洁取暖由谁牵头？",
])
def test_other_questions_are_no_look_up(question: str) -> None:
    assert not lookup.asks_lookup(_q(question))


def test_the_figure_finds_its_indicator_and_a_year_not_set_is_said() -> None:
    doc = _doc_with_targets()
    found = lookup.answer_lookup(_q("哪项指标要求达到75%？"), [doc])
    assert found.found and found.exact and "年径流总量控制率" in found.text and found.citations[0].clause_no == 3
    other_year = lookup.answer_lookup(_q("2030年要达到75%的是哪项指标？"), [doc])
    assert not other_year.found and "2030年" in other_year.lines[0] and "2027年" in other_year.lines[0]
    assert not lookup.answer_lookup(_q("哪项指标要求达到60%？"), [doc]).found


def test_a_quoted_deadline_lists_the_tasks_due_then() -> None:
    q = _q("完成时限为“2027年底”的任务有哪些？")
    assert lookup.asks_lookup(q)
    d = lookup.answer_lookup(q, [make_doc()])
    assert d.found and [t.row_no for t in d.tasks] == [3]


@pytest.mark.parametrize("question,progress", [
    ("省住建厅牵头的海绵城市建设那项，现在完成了没有？", True),
    ("每年跟踪评估的结果怎么样？哪些任务滞后？", True),
    ("农村清洁取暖改造的资金到位了吗？", True),
    ("Last year, how much new green building area was actually completed?", True),
    ("老旧小区改造累计完成多少户？", False),  # the plan's own cumulative target
    ("十三五期间完成了多少老旧小区改造？", False),  # a past period a background may report
    ("清洁取暖的完成时限是什么？", False),
    ("What does the housing bureau actually have to do under this plan?", False),  # emphasis, not progress
    ("What is actually required for new rural homes?", False),
    ("What has actually been built?", True),
])
def test_progress_asked_of_a_plan(question: str, progress: bool) -> None:
    assert asks_progress(question) is progress


def test_progress_asked_is_refused_plainly(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("清洁取暖现在完成了没有？")
    assert not ans.found and "实施进展" in ans.answer
    assert seed_qa.ask("老旧小区改造累计完成多少户？").found


@pytest.mark.parametrize("question,unit,role", [
    ("城管局在这个方案里有哪些责任？", "市城市管理局", "any"),
    ("市住房和城鄉建設局以參與單位身份列入的是哪幾項任務？", "市住房和城乡建设局", "participating"),
])
def test_a_units_duties_asked_otherwise_list_its_tasks(seed_qa, question: str, unit: str,  # type: ignore[no-untyped-def]
                                                       role: str) -> None:
    ans = seed_qa.ask(question)
    assert ans.found and ans.intent == "unit_tasks"
    assert {t.row_no for t in ans.tasks} == {t["row_no"] for t in seed_qa.tasks(unit=unit, role=role)}


def test_a_parts_title_is_asked_of_the_outline(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("方案第三部分的标题是什么？")
    assert ans.intent == "structure" and "第三部分" in ans.answer


def test_an_item_under_a_clause_is_no_table_row() -> None:
    assert row_named("青山市方案（五）里的第3项要求建立哪些制度？") is None
    assert row_named("第三部分第2项是什么") is None
    assert row_named("分工表第3项由谁牵头？") == 3


def test_how_often_is_neither_a_deadline_nor_a_figure() -> None:
    q = _q("保障措施要求多长时间开展一次评估？")
    assert q.intent == "general" and "多长时间" not in q.terms


def test_an_english_title_case_title_keeps_only_its_place() -> None:
    cut = _without_title("In the national Urban-Rural Construction Green and Low-Carbon Development Action Plan, "
                         "which tasks does MOHURD only support?")
    assert "Construction" not in cut and "national" in cut
    assert "Linhe" in _without_title("Under the Linhe County Green Low-Carbon Development Plan, who leads clean heating?")


@pytest.mark.parametrize("question,words", [
    ("Every row touching the natural resources and planning bureau, any role - please list them.", ["哪些任务", "牵头", "参与"]),
    ("In which tasks is the county housing and urban-rural development bureau a supporting (cooperating) unit?", ["参与"]),
    ("In Linhe's plan, which indicator is set at 30% for 2027?", ["30%", "2027年"]),
    ("What is the full title of the annex attached to the plan?", ["附件"]),
])
def test_english_inspector_phrasings(question: str, words: list[str]) -> None:
    text = translate(question)
    assert all(w in text for w in words), text


@pytest.mark.parametrize("question,number", [
    ("方案第十二条讲的是什么？", 12), ("（五）的主要内容是什么", 5), ("第（十九）条是什么", 19),
    ("（十二）推动农房用能结构调整由谁牵头？", None), ("第五部分有哪几条", None),
])
def test_a_clause_named_by_number_with_its_content_asked(question: str, number: int | None) -> None:
    from assistant.answering.numbered import clause_asked

    assert clause_asked(question) == number


def test_a_named_clause_is_quoted_with_its_place_in_the_outline(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("方案第十二条讲的是什么？")
    assert ans.found and ans.intent == "structure" and "第（十二）条" in ans.answer
    assert ans.citations[0].clause_no == 12


@pytest.mark.parametrize("question,words", [
    ("What is the title of Part Three?", "第三部分的标题是什么"),
    ("What does clause 12 say?", "第十二条讲的是什么"),
    ("Which section of the plan covers sponge city construction?", "在哪个部分"),
])
def test_english_outline_questions_read_as_the_outline(question: str, words: str) -> None:
    assert words in translate(question)


def test_a_figure_beside_another_indicator_is_no_look_up_of_that_figure() -> None:
    doc = _doc_with_targets()
    # 漏损率 is an indicator of the plan: 75% is not its figure, so the look-up gives way
    assert not lookup.answer_lookup(_q("漏损率要达到75%的要求是什么？"), [doc]).found
    assert lookup.answer_lookup(_q("年径流总量控制率要达到75%的要求是什么？"), [doc]).found
