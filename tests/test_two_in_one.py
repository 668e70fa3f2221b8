"""Two questions in one, found on the fiftieth blind dev sets: a unit's two roles asked each in a
clause of its own (牵头哪些，只配合的又有哪些), both roles counted in the list, a later part that the
documents do not answer alone (出自哪一条？ “十四五”期间要改造多少平方米？) or that points back
(这是哪一条的内容？) read with the first part's topic.
Question strings are synthetic; every expectation is computed here from the loaded documents."""

from __future__ import annotations

import pytest

from assistant.answering.asking import question_role
from assistant.answering.followup import later_part
from assistant.numerals import int_to_cn


@pytest.mark.parametrize("text,role", [
    ("甲局牵头哪些，只配合的又有哪些？", "any"),
    ("甲局牵头几项、参与几项？都列出来", "any"),
    ("甲局参与的有哪些，牵头的又是哪些？", "any"),
    ("甲局只配合不牵头的任务有哪些？", "participating"),
    ("甲局牵头的任务有哪些？", "lead"),
])
def test_each_role_asked_in_a_clause_of_its_own(text: str, role: str) -> None:
    assert question_role(text) == role


def test_a_later_part_pointing_back_takes_the_first_parts_topic() -> None:
    assert later_part("这是哪一条的内容？", "甲乙丙丁推广哪些产品？", None) == "甲乙丙丁推广哪些产品 是哪一条的内容？"
    assert later_part("其中哪项要乙委配合？", "甲局牵头的有哪些？", None) == "甲局牵头的有哪些 哪项要乙委配合？"
    standing = "乙丙丁戊由谁牵头？"
    assert later_part(standing, "甲乙丙丁推广哪些产品？", None) == standing  # a part of its own stays


def test_a_later_part_borrows_the_first_parts_topic_without_what_it_asks() -> None:
    assert later_part("2025年要达到什么目标？", "甲乙丙丁建设由谁牵头？", None) == "甲乙丙丁建设 2025年要达到什么目标？"
    assert later_part("到2027年要完成多少平方米？", "甲乙丙丁改造，谁牵头？", None, borrow=True) == "甲乙丙丁改造 到2027年要完成多少平方米？"
    assert later_part("到2027年要完成多少平方米？", "甲乙丙丁改造，谁牵头？", None) == "到2027年要完成多少平方米？"  # alone first


def test_both_roles_of_a_unit_are_counted(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    unit = next(u for u in sorted({u for t in rows for u in t.lead_units})
                if any(u in t.participating_units for t in rows))
    led = sum(unit in t.lead_units for t in rows)
    part = sum(unit in t.participating_units for t in rows)
    for text in (f"{unit}牵头哪些任务，只配合的又有哪些？", f"Which tasks does the {unit} lead, and which does it only support?"):
        ans = seed_qa.ask(text)
        assert ans.intent == "unit_tasks" and len(ans.tasks) == led + part
        assert f"牵头{led}项、参与{part}项" in ans.answer and ans.answer.count("项（") == 1  # one list, each task once
    assert question_role(f"{unit}只配合的任务有哪些？牵头的是哪些单位？") == "participating"  # who leads them: no role asked


def test_a_source_asked_after_a_figure_is_the_figures_clause(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    once = [t for t in doc.targets if t.clause_no and "%" in t.value and len(t.indicator) >= 6
            and sum(t.indicator == o.indicator for o in doc.targets) == 1]
    target = once[0]
    where = f"第（{int_to_cn(target.clause_no)}）条"
    alone = seed_qa.ask("出自哪一条？")
    assert not alone.found or where not in alone.answer  # the part alone says nothing of it
    ans = seed_qa.ask(f"{target.indicator}的目标是多少？出自哪一条？")
    assert ans.found and target.value in ans.answer and where in ans.answer


def test_a_units_list_says_co_leads_and_where_each_task_is_when_asked(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = sorted(seed_qa.task_rows(), key=lambda t: t.row_no)
    shared = next(t for t in rows if len(t.lead_units) > 1)
    unit, other = shared.lead_units[-1], shared.lead_units[0]
    listed = seed_qa.ask(f"{unit}牵头的任务是哪些，还有谁和它共同牵头？")
    assert f"{other}、{unit}共同牵头" in listed.answer or f"{unit}、{other}共同牵头" in listed.answer
    mine = [t for t in rows if unit in t.lead_units and t.clause_no]
    where = seed_qa.ask(f"{unit}牵头的任务有哪些？分别在第几条？")
    assert all(f"第（{int_to_cn(t.clause_no)}）条" in where.answer for t in mine)
    assert "）条）" not in seed_qa.ask(f"{unit}牵头的任务有哪些？").answer  # not said unless asked


def test_a_later_part_naming_a_unit_keeps_its_own_answer(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    helpers = {u for t in rows for u in t.participating_units}
    idle = next(u for u in sorted({u for t in rows for u in t.lead_units}) if u not in helpers)  # leads, never takes part
    topic = next(t for t in sorted(rows, key=lambda t: t.row_no) if idle not in t.lead_units)
    ans = seed_qa.ask(f"{topic.requirement.split('，')[0]}由哪个单位牵头？{idle}参与哪些任务？")
    assert any(idle in line and "没有" in line for line in ans.answer.splitlines())  # its own answer, not the first row again


def test_two_things_asked_together_stay_one_question() -> None:
    from assistant.answering.each import each_thing

    assert each_thing("甲乙工作和丙丁工作，这两块一共有几个牵头单位？") == ["甲乙工作和丙丁工作，这两块一共有几个牵头单位？"]
    assert each_thing("甲乙工作和丙丁工作，这两块各由谁牵头？") == ["甲乙工作，由谁牵头？", "丙丁工作，由谁牵头？"]


def test_english_parts_each_standing_alone() -> None:
    from assistant.answering.asking import split_question
    from assistant.answering.each import each_thing

    assert split_question("What is the document number of the plan, and which departments issued it?") == [
        "What is the document number of the plan", "which departments issued it?"]  # "it": the plan
    assert len(split_question("What is the 2025 target for the gamma rate, and who leads that task?")) == 1  # leans on it
    assert each_thing("For the alpha task and the beta task, which bureau leads each one?") == [
        "which bureau leads the alpha task?", "which bureau leads the beta task?"]
