"""Two things asked at once: tasks two units share, one leads and the other supports, one
holds and the other has no part in (X参与但Y没参与); a unit alone on its tasks; who leads
each of two tasks, or the same task in two plans; a target's values for two years.

Unit names below are placeholders or the seed's own table; answers are checked against
the loaded documents' tasks, never against fixed texts.
"""

from __future__ import annotations

import pytest

from assistant.answering.each import each_thing
from assistant.answering.pairs import paired_units
from assistant.answering.rosters import leads_alone, partners_counted
from assistant.answering.terms import find_years

A, B = "甲局", "乙局"
UNITS = [(A, A), (B, B)]


@pytest.mark.parametrize(("text", "want"), [
    (f"{A}牵头而{B}配合的有哪些？", [(A, "lead"), (B, "participating")]),
    (f"{A}牵头、同时{B}也配合的是哪项", [(A, "lead"), (B, "participating")]),
    (f"{A}参与了、{B}却不在其中的任务", [(A, "any"), (B, "-any")]),  # a part against none: any part
    (f"{A}参与、但{B}没参与的有哪些", [(A, "any"), (B, "-any")]),
    (f"{A}配合但{B}没参与的", [(A, "participating"), (B, "-any")]),
    (f"{A}和{B}都要配合的任务", [(A, "participating"), (B, "participating")]),
    (f"{A}配合的任务里，有没有不是{B}牵头的？", [(A, "participating"), (B, "-lead")]),
    (f"{A}牵头的任务中{B}没有参与的", [(A, "lead"), (B, "-any")]),
    (f"{A}和{B}都有参与的任务有哪些？", [(A, "any"), (B, "any")]),
    (f"{A}和{B}都配合的是哪些", [(A, "participating"), (B, "participating")]),  # both supporting, not any part
    (f"{A}和{B}都参与的任务", [(A, "any"), (B, "any")]),
    (f"{A}和{B}都参与、但{B}不是牵头单位的任务", [(A, "any"), (B, "any"), (B, "-lead")]),  # a role denied after
])
def test_units_read_with_their_roles_in_the_same_tasks(text: str, want: list[tuple[str, str]]) -> None:
    assert paired_units(text, UNITS) == want


@pytest.mark.parametrize("text", [
    f"{A}和{B}分别牵头哪些任务",  # each its own list
    f"{A}没参与、{B}参与的任务",  # the unit asked about must hold the tasks
])
def test_no_pairing(text: str) -> None:
    assert paired_units(text, UNITS) == []


@pytest.mark.parametrize(("text", "want"), [
    ("清洁取暖和海绵城市分别由谁牵头？", ["清洁取暖由谁牵头？", "海绵城市由谁牵头？"]),
    ("分工表第6项和第8项分别是谁牵头的", ["分工表第6项是谁牵头的", "分工表第8项是谁牵头的"]),
    ("国家方案与东岳省方案中，清洁取暖分别由谁牵头？", ["国家方案中，清洁取暖由谁牵头？", "东岳省方案中，清洁取暖由谁牵头？"]),
    ("屋顶光伏：东岳省2025年和临河县2025年各多少", ["屋顶光伏：东岳省2025年多少", "屋顶光伏：临河县2025年多少"]),
    ("绿地率2025年和2030年分别是多少", ["绿地率2025年和2030年分别是多少"]),  # one target, two values
])
def test_two_things_asked_one_by_one(text: str, want: list[str]) -> None:
    assert each_thing(text) == want


def test_two_units_are_left_to_the_unit_split() -> None:
    assert each_thing(f"{A}和{B}分别牵头哪些", [A, B]) == [f"{A}和{B}分别牵头哪些"]


def test_years_joined_by_yu_are_both_asked_a_baseline_is_not() -> None:
    assert find_years("绿地率2025年与2030年的目标分别是多少") == (2025, 2030)
    assert find_years("与2020年相比下降多少") == ()


@pytest.mark.parametrize("text", ["城管局一家包干的任务（没别的单位牵头也没配合）",
                                  "Which tasks does the Housing bureau lead alone, with no other unit listed?"])
def test_a_unit_alone_on_its_tasks(text: str) -> None:
    assert partners_counted(text) == 0 and leads_alone(text)


def test_combinations_answered_from_the_table(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    pairs = [(t.lead_units[0], t.participating_units[0]) for t in doc.tasks if t.lead_units and t.participating_units]
    lead, part = max(set(pairs), key=pairs.count)

    led = {t.row_no for t in doc.tasks if lead in t.lead_units}
    with_part = {t.row_no for t in doc.tasks if lead in t.lead_units and part in t.participating_units}
    got = seed_qa.ask(f"{lead}牵头、但{part}没参与的任务有哪些？")
    assert got.found and {t.row_no for t in got.tasks} == led - with_part
    got = seed_qa.ask(f"{lead}牵头而{part}配合的有哪些？")
    assert got.found and {t.row_no for t in got.tasks} == with_part


def test_a_unit_that_only_leads_asked_what_it_takes_part_in(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    units = {u for t in doc.tasks for u in (*t.lead_units, *t.participating_units)}
    only_leads = sorted(u for u in units if not any(u in t.participating_units for t in doc.tasks))
    assert only_leads
    unit = only_leads[0]
    got = seed_qa.ask(f"{unit}参与哪几项？")
    assert got.found and {t.row_no for t in got.tasks} == {t.row_no for t in doc.tasks if unit in t.lead_units}
    assert "没有作为配合单位参与的任务" in got.answer
    explicit = seed_qa.ask(f"{unit}作为配合单位的任务有哪些？")  # the role named outright: none
    assert not explicit.found


def test_who_leads_each_of_two_tasks(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    rows = [t for t in doc.tasks if t.lead_units][:8]
    a, b = rows[1], rows[6]
    got = seed_qa.ask(f"分工表第{a.row_no}项和第{b.row_no}项分别是谁牵头的")
    assert {t.row_no for t in got.tasks} >= {a.row_no, b.row_no}
    assert all(u in got.answer for u in (*a.lead_units, *b.lead_units))


@pytest.mark.parametrize(("text", "said"), [
    ("Which tasks does the Ministry of Finance support that the NDRC has no part in?", "NDRC not involved"),
    ("Which tasks in the national plan involve both MIIT and SAMR?", "MIIT and SAMR both involved"),
    ("Which tasks do the market regulation bureau and the Department of Industry both work on?",
     "market regulation bureau and Department of Industry both involved"),
    ("Tasks where the housing bureau leads but the urban management bureau is not involved at all?",
     "urban management bureau not involved"),
    ("Which tasks does Urban Management lead without the Housing bureau being involved at all?",
     "Housing bureau not involved"),
    ("Tasks where the Urban Management Bureau takes part but the Housing bureau doesn't?", "Housing bureau not involved"),
    ("Which rows do we co-lead with the Housing bureau?", "and Housing bureau co-lead"),
])
def test_english_roles_put_after_their_bodies(text: str, said: str) -> None:
    from assistant.answering.english_pairs import paired_roles

    assert said in paired_roles(text)


def test_an_english_combination_answered_from_the_table(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    lead, part = "市城市管理局", "市住房和城乡建设局"  # the seed table's units, asked by their English names
    assert any(lead in t.lead_units for t in doc.tasks) and any(part in t.lead_units for t in doc.tasks)
    got = seed_qa.ask("Which tasks does the Urban Management Bureau lead without the Housing bureau being involved at all?")
    want = {t.row_no for t in doc.tasks if lead in t.lead_units and part not in (*t.lead_units, *t.participating_units)}
    assert want and {t.row_no for t in got.tasks} == want


@pytest.mark.parametrize(("text", "want"), [
    ("超低能耗建筑2027年要建多少？屋顶光伏利用率呢？（建标〔2024〕35号）",
     ["超低能耗建筑2027年要建多少（建标〔2024〕35号）？", "屋顶光伏利用率呢（建标〔2024〕35号）？"]),
    ("Who leads energy retrofits in the Dongyue plan, and who leads the clean-heating task?",
     ["Who leads energy retrofits in the Dongyue plan", "who leads the clean-heating task in the Dongyue plan?"]),
    ("Which tasks does the bureau lead and which does it support?", ["Which tasks does the bureau lead and which does it support?"]),
])
def test_a_message_with_two_asks(text: str, want: list[str]) -> None:
    from assistant.answering.asking import split_question

    assert split_question(text) == want


def test_two_plans_set_against_each_other() -> None:
    assert each_thing("既有建筑节能改造完成时限：国家方案 vs 青山市方案") == [
        "既有建筑节能改造完成时限：国家方案", "既有建筑节能改造完成时限：青山市方案"]
    assert each_thing("装配式 vs 绿色建筑") == ["装配式 vs 绿色建筑"]  # not two plans


def test_two_tasks_deadlines_compared_are_no_conflict_question(seed_qa) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.intents import INTENTS

    conflict = next(i for i in INTENTS if i.name == "conflict")
    ans = seed_qa._make_answerer()
    assert not conflict.recognise(ans._understand("分工表里清洁取暖和海绵城市的完成时限一样吗", None))
    assert conflict.recognise(ans._understand("正文和分工表里清洁取暖的要求一致吗", None))


def test_tasks_a_unit_does_not_lead(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    unit = max({u for t in doc.tasks for u in t.lead_units}, key=lambda u: sum(u in t.lead_units for t in doc.tasks))
    got = seed_qa.ask(f"不是{unit}牵头的任务有哪些？")
    want = {t.row_no for t in doc.tasks if t.lead_units and unit not in t.lead_units}
    assert got.found and {t.row_no for t in got.tasks} == want


def test_parts_answered_from_two_plans_say_their_plans() -> None:
    from assistant.answering.compose import Draft
    from assistant.answering.followup import labelled_by_plan, needs_topic

    class Cited:  # a citation as far as labelling reads it
        def __init__(self, doc_id: str) -> None:
            self.doc_id = doc_id

    one, two = Draft(lines=["甲。"], citations=[Cited("a")]), Draft(lines=["乙。"], citations=[Cited("b")])  # type: ignore[list-item]
    labelled_by_plan([one, two], lambda d: f"《{d}》")
    assert one.lines == ["《a》甲。"] and two.lines == ["《b》乙。"]
    same = Draft(lines=["丙。"], citations=[Cited("a")])  # type: ignore[list-item]
    labelled_by_plan([Draft(lines=["丁。"], citations=[Cited("a")]), same], lambda d: f"《{d}》")  # type: ignore[list-item]
    assert same.lines == ["丙。"]
    assert needs_topic("由谁牵头呢（建标〔2024〕35号）？") and not needs_topic("分工表第8项是谁牵头的")
