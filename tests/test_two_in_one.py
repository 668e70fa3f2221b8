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


def test_english_both_roles_and_the_plans_words() -> None:
    from assistant.answering.english import translate

    both = translate("What does the finance bureau have to support? Does it lead anything?")
    assert "牵头" in both and "参与" in both  # each role asked in a sentence of its own
    assert "牵头" not in translate("What does the finance bureau have to support?")
    cut = translate("By how much must public institutions cut energy use per unit of floor area before 2030?")
    assert "单位建筑面积能耗" in cut and "降低" in cut


def test_a_units_note_in_brackets_is_part_of_its_name() -> None:
    from assistant.answering.mentions import find_units

    known = {"乡镇政府": "各乡镇人民政府（街道办事处）", "乡镇政府（街道办事处）": "各乡镇人民政府（街道办事处）"}
    assert find_units("乡镇政府（街道办事处）要配合哪些任务？", known.get) == [
        ("各乡镇人民政府（街道办事处）", "乡镇政府（街道办事处）")]
    assert find_units("乡镇政府（试点）要配合哪些任务？", known.get) == [("各乡镇人民政府（街道办事处）", "乡镇政府")]


def test_parts_kept_apart_or_together() -> None:
    from assistant.answering.asking import split_question

    assert split_question("市甲局牵头哪些任务？市乙局配合哪些任务？") == ["市甲局牵头哪些任务？", "市乙局配合哪些任务？"]
    assert split_question("甲局牵头哪些任务？只配合的又有哪些？丙丁工作谁牵头？") == [
        "甲局牵头哪些任务，只配合的又有哪些？", "丙丁工作谁牵头？"]
    assert split_question("甲乙方案里哪些目标是到2026年的？全部列出来。") == ["甲乙方案里哪些目标是到2026年的？"]
    assert split_question("Which bureau leads the alpha renovation and what is the 2030 target?") == [
        "Which bureau leads the alpha renovation and what is the 2030 target?"]  # no comma: one ask
    assert len(split_question("What tasks does the alpha bureau lead, and what deadline does the table set for each?")) == 1


def test_english_each_split_keeps_its_words() -> None:
    from assistant.answering.each import each_thing

    assert each_thing("For alpha heating and beta construction, what is the 2025 target for each?") == [
        "what is the 2025 target for alpha heating?", "what is the 2025 target for beta construction?"]
    assert each_thing("What are the 2027 targets for alpha recycling and for the beta share?") == [
        "What are the 2027 targets for alpha recycling?", "What are the 2027 targets for the beta share?"]
    kept = ["For the alpha and beta bureau and the gamma bureau, how many tasks are assigned to each?",
            "As for 2025 and 2030, what is the target for each?", "For A and B, which tasks do they lead respectively?"]
    assert [each_thing(q) for q in kept] == [[q] for q in kept]


def test_only_the_answers_own_counts_are_set_aside() -> None:
    from assistant.numerals import COUNT_SAID_RE

    for plan in ("重点实施的20项工程", "全市共15个街道", "示范项目为5项", "各2个示范点", "城区划分为4类"):
        assert COUNT_SAID_RE.sub("#", plan) == plan
    said = "甲局牵头的任务共25项（牵头25项、参与2项；按主要措施分组）：\n各单位牵头的任务数：甲局25项、乙局10项。"
    assert not any(ch.isdigit() for ch in COUNT_SAID_RE.sub("", said))


def test_common_english_words_are_no_unknown_content() -> None:
    from assistant.answering.glossary import unknown_words

    assert unknown_words("How many tasks are listed in the table?") == []
