"""Units named every which way, found on the thirty-fourth blind dev sets: a unit's line of
work before its role with a task asked (市财政牵头的任务是哪个), a department word (自然资源主管部门),
an English acronym in a Chinese question (DRC), both roles run together (牵头配合都算), and a unit
and its role told only to say which task a figure, a time or a content is asked of
(住建局牵头的装配式建筑，2030年比例是多少; …哪一年实现（城管牵头、发改参与）).  Question strings
are synthetic; answers come from the seed plan or from SYNTHETIC matrix plans."""

from __future__ import annotations

import pytest

from assistant.answering.asking import question_role, roles_told, told_roles
from assistant.answering.english import english_words_in_chinese
from assistant.documents.units import GENERIC_SUFFIX_RE


@pytest.mark.parametrize("text,role", [
    ("发改委参与了哪些工作？牵头配合都算。", "any"), ("城管局配合牵头的都算", "any"),
    ("发改委参与了哪些工作？", "participating"),
])
def test_both_roles_run_together(text: str, role: str) -> None:
    assert question_role(text) == role


@pytest.mark.parametrize("text,told", [
    ("住建局牵头的装配式建筑，2030年占新建建筑比例要达到多少？", True),
    ("供热计量收费要在哪一年前基本实现（城管牵头、发改参与）？", True),
    ("城管局牵头的城市绿化那块，“四绿”是指什么？", True),
    ("城管局牵头的“海绵城市建设”，2030年比例是多少？", True),
    ("城管局牵头的海绵城市建设什么时候完成？", False),  # answered with its lead and deadline
    ("住建局牵头的任务有多少项？", False),  # the unit's tasks are asked
    ("城管局牵头的垃圾分类，配合单位有哪些？", False),  # a role is asked besides
    ("城管局牵头的垃圾分类是哪一项？", False),  # no figure, time or content asked
    ("谁牵头的清洁取暖，2025年要达到多少？", False),
    ("住建局牵头的重点任务包括哪些？", False),  # the unit's own tasks in other words
    ("住建部牵头的各项工作，2025年有多少项？", False),
])
def test_roles_told_to_name_the_task(text: str, told: bool) -> None:
    blanked = told_roles(text)
    assert len(blanked) == len(text)
    assert roles_told(text, blanked) is told
    assert (blanked != text) is told


def test_department_words_and_acronyms() -> None:
    assert GENERIC_SUFFIX_RE.search("自然资源主管部门").group() == "主管部门"  # type: ignore[union-attr]
    assert GENERIC_SUFFIX_RE.search("住房城乡建设行政主管部门").group() == "行政主管部门"  # type: ignore[union-attr]
    assert "发展和改革委员会" in english_words_in_chinese("DRC在这个方案里参与了哪些任务")
    assert "LED" in english_words_in_chinese("LED灯具的比例")  # an acronym that names no body stays


def test_unit_forms_on_the_seed(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    finance = next(u for t in doc.tasks for u in t.lead_units if u.endswith("财政局"))
    led = {t.row_no for t in doc.tasks if finance in t.lead_units}
    ans = seed_qa.ask(f"{finance[:-1]}牵头的任务是哪个？")  # 市财政: its line of work, a task asked
    assert {t.row_no for t in ans.tasks} == led
    land = next(u for t in doc.tasks for u in t.participating_units if "自然资源" in u)
    ans = seed_qa.ask("自然资源主管部门配合哪些工作？")
    assert ans.tasks and all(land in t.participating_units for t in ans.tasks)
    drc = next(u for t in doc.tasks for u in t.lead_units if u.endswith("发展和改革委员会"))
    ans = seed_qa.ask("ＤＲＣ在这个方案里参与了哪些任务？牵头配合都算")
    assert {t.row_no for t in ans.tasks} == {t.row_no for t in doc.tasks
                                             if drc in (*t.lead_units, *t.participating_units)}


def test_a_figure_asked_of_a_task_named_by_its_lead(seed_qa) -> None:  # type: ignore[no-untyped-def]
    import re

    doc = seed_qa.documents[0]
    row = next(t for t in doc.tasks if "装配式建筑" in t.requirement and re.search(r"\d+%", t.requirement))
    lead = row.lead_units[0]
    ans = seed_qa.ask(f"{lead[1:]}牵头的装配式建筑，2025年占新建建筑比例要达到多少？")
    assert ans.found and re.search(r"\d+%", ans.answer) and "由" not in ans.answer.split("[1]")[0]
    ans = seed_qa.ask(f"{lead[1:]}牵头的装配式建筑，2099年占新建建筑比例要达到多少？")
    assert not ans.found  # a year the plan sets nothing for: refused, not the row's lead


def test_a_row_asked_for_its_deadline_where_the_table_has_none(seed_qa) -> None:  # type: ignore[no-untyped-def]
    import re

    doc = seed_qa.documents[0]
    assert not any(t.deadline for t in doc.tasks)
    row = next(t for t in doc.tasks if not re.search(r"\d{4}\s*年|十[四五]五", t.requirement))
    ans = seed_qa.ask(f"分工表第{row.row_no}项{row.lead_units[0][1:]}的完成时限是哪一天？")
    assert not ans.found and "完成时限" in ans.answer


def test_a_deadline_asked_with_a_unit_and_its_role(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "municipal")
    doc = qa.documents[0]
    row = next(t for t in doc.tasks if t.deadline and t.participating_units)
    ans = qa.ask(f"{row.lead_units[0]}牵头的“{row.key_task}”，完成时限是什么时候？")
    assert ans.found and row.deadline in ans.answer
    part = row.participating_units[0]  # told as leading a task it only takes part in: who does lead is said
    ans = qa.ask(f"{part}牵头的“{row.key_task}”，完成时限是什么时候？")
    assert row.lead_units[0] in ans.answer
    other = next(u for t in doc.tasks for u in (*t.lead_units, *t.participating_units)
                 if u not in (*row.lead_units, *row.participating_units) and u.endswith("局"))
    ans = qa.ask(f"{other}的方案里“{row.key_task}”的完成时限")  # a unit with no role told only names the plan
    assert ans.found and row.deadline in ans.answer


def test_a_figure_asked_with_a_unit_comes_from_the_plans_naming_it(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    import re

    qa = synthetic_qa("table_ruled", "txt", "provincial", "county")
    prov = next(d for d in qa.documents if d.meta.level == "provincial")
    county_units = {u for d in qa.documents if d is not prov for t in d.tasks for u in (*t.lead_units, *t.participating_units)}
    row = next(t for t in prov.tasks if t.lead_units[0] not in county_units
               and re.search(r"到(20\d\d)年[^，。；]*?\d", t.requirement))
    year = re.search(r"到(20\d\d)年", row.requirement).group(1)  # type: ignore[union-attr]
    ans = qa.ask(f"{row.lead_units[0]}牵头的“{row.key_task}”，{year}年要达到多少？")
    assert ans.citations and all(c.doc_id == prov.id for c in ans.citations)


def test_a_ministry_or_a_provincial_department_is_no_city_bureau() -> None:
    from assistant.answering.mentions import find_units, other_level_unit
    from assistant.documents.units import UnitResolver

    city = UnitResolver(level="municipal", place="青山市", forms=["市住房和城乡建设局", "市财政局"])
    stems = sorted(city.stems(), key=len, reverse=True)
    assert [c for c, _ in find_units("住建局牵头哪些任务", city.resolve, stems)] == ["市住房和城乡建设局"]
    assert [c for c, _ in find_units("住房城乡建设部门牵头哪些", city.resolve, stems)] == ["市住房和城乡建设局"]
    for text in ("住建部牵头哪些任务", "住建厅负责什么", "住房和城乡建设厅牵头哪些任务"):
        assert find_units(text, city.resolve, stems) == []
    assert other_level_unit("住房和城乡建设厅牵头哪些任务", city.resolve) == "住房和城乡建设厅"
    # an English "finance department" is translated 财政厅: in English the ending tells no level
    assert [c for c, _ in find_units("财政厅 涉及 任务", city.resolve, stems, by_ending=False)] == ["市财政局"]
    province = UnitResolver(level="provincial", place="东岳省", forms=["省住房和城乡建设厅"])
    assert [c for c, _ in find_units("住建厅牵头哪些", province.resolve, sorted(province.stems()))] == [
        "省住房和城乡建设厅"]


def test_the_countrys_name_before_a_ministry() -> None:
    from assistant.text import normalize_question

    assert normalize_question("中华人民共和国住房和城乡建设部牵头哪些任务") == "住房和城乡建设部牵头哪些任务"
    assert normalize_question("中华人民共和国节约能源法") == "中华人民共和国节约能源法"


def test_a_short_form_followed_by_another_levels_ending(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    assert doc.meta.level == "municipal"
    ans = seed_qa.ask("住建部牵头哪些任务？")  # the ministry: the city's plan names none
    assert not ans.found and not ans.tasks
    land = next(u for t in doc.tasks for u in t.lead_units if "自然资源" in u)
    ans = seed_qa.ask("规划局牵头哪些任务？")  # an older name of the same bureau, from the alias data
    assert ans.tasks and all(land in t.lead_units for t in ans.tasks)


def test_a_national_body_asked_of_a_citys_plan_is_named_as_absent(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert seed_qa.documents[0].meta.level == "municipal"
    for name in ("国家发改委", "国家发展改革委", "住房和城乡建设部"):
        ans = seed_qa.ask(f"{name}参与哪些任务？")
        assert not ans.found and not ans.tasks and name in ans.answer


def test_an_english_acronym_of_any_level_names_the_unit_in_retrieval(seed_qa) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.english import translate
    from assistant.answering.mentions import find_units

    text = translate("NDRC Liaocheng participating tasks")
    assert "国家发展改革委" in text
    drc = [c for c, _ in find_units(text, seed_qa.resolve_unit, by_ending=False)]
    assert drc and drc[0].endswith("发展和改革委员会")  # what QA.retrieve boosts for an English question
    assert find_units(text, seed_qa.resolve_unit) == []  # in Chinese 国家发展改革委 is no city bureau


def test_an_english_name_glossed_with_the_units_chinese_name(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.english import translate

    assert "城市管理局" not in translate("Which tasks does the county urban management bureau (县城管局) lead?")
    qa = synthetic_qa("table_ruled", "txt", "county")
    doc = qa.documents[0]
    unit = next(u for t in doc.tasks for u in t.lead_units if u.endswith("局"))
    ans = qa.ask(f"Which tasks does the bureau ({unit}) lead?")
    assert {t.row_no for t in ans.tasks} == {t.row_no for t in doc.tasks if unit in t.lead_units}


def test_a_unit_described_by_its_work_before_its_name(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    finance = next(u for t in doc.tasks for u in t.lead_units if u.endswith("财政局"))
    ans = seed_qa.ask(f"管钱的{finance[1:]}在这份方案里有牵头的活吗？")
    assert {t.row_no for t in ans.tasks} == {t.row_no for t in doc.tasks if finance in t.lead_units}


def test_the_issuer_of_the_plan_is_no_unit_asked(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "national")
    doc = qa.documents[0]
    issuer = doc.meta.issuers[0]
    other = next(u for t in doc.tasks for u in (*t.lead_units, *t.participating_units) if u != issuer)
    ans = qa.ask(f"我是{other}的，{issuer}牵头发的那个方案里跟我们有关的任务有哪些？")
    assert {t.row_no for t in ans.tasks} == {t.row_no for t in doc.tasks if other in (*t.lead_units, *t.participating_units)}


def test_a_full_english_name_with_its_chinese_short_form(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    housing = next(u for t in doc.tasks for u in t.lead_units if u.endswith("住房和城乡建设局"))
    ans = seed_qa.ask("List every task the Housing and Urban-Rural Development Bureau (住建局) leads in this plan.")
    assert {t.row_no for t in ans.tasks} == {t.row_no for t in doc.tasks if housing in t.lead_units}
