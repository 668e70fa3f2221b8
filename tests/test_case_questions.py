"""Cases and situations, found on the thirty-second blind dev sets: the asker tells their own
case before the question (我们小区明年要做抗震加固，…; 我们学校想在教学楼屋顶装光伏，…; 现在是
2024年，…), and the question asks about the plan.  The case's year, role words and objects are
the asker's, not what is asked; what the question clause asks must still be in the evidence (a
permit, a template, the year of a peak, a quantity of another thing).  Question strings are
synthetic; answers come from the seed plan or from SYNTHETIC matrix plans."""

from __future__ import annotations

import pytest

from assistant.answering.answerable import _dimension_given, quantity_lacking
from assistant.answering.asking import ASKING_RE, split_question
from assistant.answering.courtesy import own_case
from assistant.answering.english import translate
from assistant.answering.intent import topicless
from assistant.answering.terms import asked_terms, jieba_tagged
from assistant.answering.timed import dated
from assistant.text import YEAR_RE


@pytest.mark.parametrize("text,want", [
    ("我们小区明年要做抗震加固，能不能顺带做节能改造？", "我们小区要做抗震加固，能不能顺带做节能改造？"),  # the asker's year
    ("我们县明年要完成多少改造？", "我们县2027年要完成多少改造？"),  # asked of the year: kept
    ("明年新建建筑绿色建筑占比多少？", "2027年新建建筑绿色建筑占比多少？"),
    ("现在是2024年，海绵城市的目标年份是什么？", "海绵城市的目标年份是什么？"),  # the asker's now, no relative word
    ("现在是2025年，当年要完成的指标有哪些？", "2025年要完成的指标有哪些？"),  # …referred back to
    ("我们明年要达到的绿色建筑占比，方案定的是多少？", "我们2027年要达到的绿色建筑占比，方案定的是多少？"),  # the clause holds what is asked
    ("2025年要达到多少", "2025年要达到多少"),
])
def test_the_askers_own_time_is_no_year_asked(text: str, want: str) -> None:
    assert dated(text, 2026) == want


@pytest.mark.parametrize("text,years", [
    ("a 1990s housing estate", []), ("1990年代的小区", []), ("in 2030.", ["2030"]), ("2025.5", []),
    ("到2025年底前", ["2025"]),
])
def test_a_decade_is_no_year(text: str, years: list[str]) -> None:
    assert YEAR_RE.findall(text) == years


def test_a_case_clause_is_no_question_of_its_own() -> None:
    # 申请 holds 请 but asks nothing: the case and its question are one ask
    assert ASKING_RE.search("我们县想申请整县推进示范") is None
    assert len(split_question("我们县想申请整县推进可再生能源供暖示范，省方案规定的申报条件和截止时间是什么？")) == 1
    assert own_case("我们学校想在教学楼屋顶装光伏，方案里这项工作是哪个部门牵头？") == "我们学校想在教学楼屋顶装光伏"
    assert own_case("我们局牵头哪些任务？") == ""
    assert own_case("我们明年要达到什么要求，方案里有吗？") == ""  # a clause that asks is no case


@pytest.mark.parametrize("text,empty", [
    ("要写哪几部分？", True), ("由哪个单位牵头？", True), ("分工表要求什么时候前完成？", True),
    ("报告要写哪几部分", False), ("建筑垃圾资源化利用厂什么时候完成？", False),
])
def test_a_part_naming_no_thing_is_topicless(text: str, empty: bool) -> None:
    assert topicless(text) is empty


@pytest.mark.parametrize("text,asked", [
    ("年度自查综合报告有没有规定的模板？", "模板"),  # whether the plan provides the thing at all
    ("做节能改造需要办许可证吗？", "许可证"),
    ("建筑领域碳排放哪一年达峰？", "达峰"),  # the field's event whose year is asked
    ("屋顶光伏覆盖率哪一年达标？", None),  # a verb any target takes: the year is asked, loosely
    ("供热计量收费哪一年普及？", None),
    ("新建建筑需要执行绿色建筑标准吗？", None),
])
def test_the_thing_a_question_asks_for(text: str, asked: str | None) -> None:
    got = asked_terms(jieba_tagged(text))
    assert (asked in got) if asked else not got


def test_a_quantity_of_another_thing_does_not_answer() -> None:
    figure = "到2025年，人均公园绿地面积达到16平方米"
    assert _dimension_given("绿地面积", figure)
    assert not _dimension_given("住房面积", figure)
    assert quantity_lacking(["住宅面积"], ["平方米"]) and not quantity_lacking(["小区"], ["平方米"])
    assert not quantity_lacking(["装机容量"], ["平方米"])  # large-capacity units: not the quantity asked
    assert "报送" not in asked_terms(jieba_tagged("年度自查报告什么时候报送？"))  # a time asked, its verb loosely


@pytest.mark.parametrize("question,words", [
    ("Does our office building need a special energy-saving permit?", ["有没有规定的许可证"]),
    ("Do households need approval to install rooftop PV?", ["有没有规定的审批"]),
    ("What feed-in tariff does the provincial plan set for building PV?", ["上网电价"]),
    ("What is the deadline for the rain-sewage separation task?", ["完成时限"]),  # separation holds no ratio; a deadline (持续推进 too), not a date
    ("Which county departments issued the plan?", ["印发单位"]),
])
def test_english_asks(question: str, words: list[str]) -> None:
    gist = translate(question)
    assert all(w in gist for w in words), gist
    assert "separation" not in question or "目标是多少" not in gist


def test_case_questions_on_the_seed(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    # the asker's year is context: the clause on the thing is answered
    ans = seed_qa.ask("我们小区明年要做抗震加固，能不能顺带做节能改造？方案怎么说的？")
    assert ans.found and "抗震加固" in ans.answer
    # a thing the plan never provides is refused, and so is the part that asks about it
    ans = seed_qa.ask("年度自查综合报告有没有规定的模板？要写哪几部分？")
    assert not ans.found
    # a per-capita area of another thing is no answer
    assert "人均公园绿地面积" in doc.text.replace(" ", "")
    assert not seed_qa.ask("人均住房面积目标是多少平方米？").found
    # a unit's people and their errand are background: the unit's tasks are asked
    unit = next(u for t in doc.tasks for u in t.lead_units if u.endswith("局"))
    ans = seed_qa.ask(f"{unit}局长要去市里汇报，方案里他们局挂名的任务一共多少项？")
    assert ans.found and ans.tasks and all(unit in t.lead_units + t.participating_units for t in ans.tasks)


def test_no_tasks_of_a_role_asked_as_yes_or_no(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    leads = {u for t in doc.tasks for u in t.lead_units}
    parts = {u for t in doc.tasks for u in t.participating_units}
    only_lead = sorted(leads - parts)
    if not only_lead:
        pytest.skip("every lead unit of the seed also takes part somewhere")
    unit = only_lead[0]
    ans = seed_qa.ask(f"{unit}有没有作为参与单位的任务？")
    assert ans.found and ans.answer.startswith("没有") and not ans.tasks and ans.citations
    ans = seed_qa.ask(f"{unit}参与哪些任务？")  # 参与 of a unit that only leads: none supporting, then what it leads
    assert ans.found and "没有作为配合单位参与的任务" in ans.answer
    assert {t.row_no for t in ans.tasks} == {t.row_no for t in doc.tasks if unit in t.lead_units}


def test_no_lead_asked_as_yes_or_no_where_no_lead_is_named(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    # every task "按职责分工负责": a unit leads none because the plan names no lead at all,
    # which a bare "没有" would misstate (a reviewer's probe)
    qa = synthetic_qa("inline_all_duty", "txt", "national")
    doc = qa.documents[0]
    assert not any(t.lead_units for t in doc.tasks)
    unit = doc.tasks[0].participating_units[0]
    ans = qa.ask(f"{unit}有没有牵头的任务？")
    assert not ans.answer.startswith("没有。")
