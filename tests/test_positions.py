"""Position and absence, found on the forty-eighth blind dev sets: a task or clause found next to
one named (排在X后面的那一项, X那一项的前一项, 紧跟在（十五）后面的是哪一条), first / last / N-th within
a part or the plan (第二部分的第3条, 保障措施里的第5条: no such clause), a row's clause, the units
holding only one role, what a part lacks (tasks without a figure or a time, indicators set for one
year only), whether a year's target is set at all, and the small readings that came with them.
Question strings are synthetic; every expectation is computed here from the loaded documents."""

from __future__ import annotations

import re

import pytest

from assistant.answering.english_pairs import paired_roles, without_issuing
from assistant.answering.numbered import item_named, row_named
from assistant.answering.premise import same_value
from assistant.answering.rosters import only_role_asked
from assistant.numerals import int_to_cn
from assistant.text import squeeze


def _doc(qa):  # type: ignore[no-untyped-def]
    return qa.documents[0]


def _ordered(doc):  # type: ignore[no-untyped-def]
    return sorted(doc.tasks, key=lambda t: t.row_no)


def test_a_task_next_to_one_named_by_its_words(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(seed_qa)
    rows = _ordered(doc)
    # a phrase only one row's requirement holds, and that no clause title holds
    picked = []
    for i, t in enumerate(rows[1:-1], 1):
        phrase = re.split(r"[，。；、,]", t.requirement)[0][-6:]
        if len(phrase) == 6 and sum(phrase in r.requirement for r in rows) == 1 and not any(phrase in c.title for c in doc.clauses):
            picked.append((i, phrase))
    assert len(picked) >= 3
    for i, phrase in picked[:3]:
        after = seed_qa.ask(f"排在{phrase}后面的那一项，牵头的是谁？")
        assert after.found and [t.row_no for t in after.tasks] == [rows[i + 1].row_no], phrase
        assert all(u in after.answer for u in rows[i + 1].lead_units)
        before = seed_qa.ask(f"{phrase}那一项的前一项是谁牵头的？")
        assert [t.row_no for t in before.tasks] == [rows[i - 1].row_no], phrase


def test_the_clause_next_to_one_named_by_its_number(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(seed_qa)
    c, nxt = doc.clauses[5], doc.clauses[6]
    ans = seed_qa.ask(f"紧跟在（{int_to_cn(c.no)}）{c.title}后面的是哪一条？")
    assert ans.found and f"“{nxt.title}”" in ans.answer and f"“{c.title}”" in ans.answer
    first = seed_qa.ask(f"（{int_to_cn(c.no)}）的下一条是什么？")
    assert f"“{nxt.title}”" in first.answer
    # a time is no place: 2025年以后的那一项 is not read as a neighbour
    assert "之后是" not in seed_qa.ask("2025年以后的那一项由谁牵头？").answer


def test_a_clause_counted_within_a_part(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(seed_qa)
    sec = doc.sections[1]
    clauses = [c for c in doc.clauses if c.section_no == sec.no]
    assert len(clauses) >= 3
    third = seed_qa.ask(f"第{int_to_cn(sec.no)}部分的第3条讲的是什么？")
    assert third.found and f"“{clauses[2].title}”" in third.answer
    last_sec = doc.sections[-1]
    inside = [c for c in doc.clauses if c.section_no == last_sec.no]
    assert f"“{inside[0].title}”" in seed_qa.ask(f"{last_sec.title}部分的第一条是什么？").answer
    missing = seed_qa.ask(f"{last_sec.title}里的第{len(inside) + 1}条提了什么要求？")
    assert not missing.found and f"共{len(inside)}条" in missing.answer


def test_a_task_counted_within_a_clause_or_the_plan(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(seed_qa)
    by_clause: dict[int, list] = {}  # type: ignore[type-arg]
    for t in _ordered(doc):
        by_clause.setdefault(t.clause_no, []).append(t)
    no, rows = max(by_clause.items(), key=lambda kv: len(kv[1]))
    title = doc.clause(no).title
    too_far = seed_qa.ask(f"“{title}”下面的第{len(rows) + 1}项任务是什么？")
    assert not too_far.found and f"没有第{int_to_cn(len(rows) + 1)}项" in too_far.answer
    last = seed_qa.ask("重点任务里最后一项是哪项？")
    assert [t.row_no for t in last.tasks] == [_ordered(doc)[-1].row_no]
    target = seed_qa.ask("最后一个量化目标是什么？")
    assert target.found and squeeze(doc.targets[-1].value) in squeeze(target.answer)
    # a unit's own list counted is the unit's, not the plan's
    unit = max({u for t in doc.tasks for u in t.participating_units}, key=lambda u: sum(u in t.participating_units for t in doc.tasks))
    assert seed_qa.ask(f"{unit}参与的任务里最后一项是什么？").intent == "unit_tasks"


def test_a_rows_clause_and_a_clauses_row_count(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(seed_qa)
    row = _ordered(doc)[11]
    clause = doc.clauses[row.clause_pos]
    ans = seed_qa.ask(f"分工表第{row.row_no}项对应正文的哪一条？")
    assert ans.found and f"“{clause.title}”" in ans.answer
    n = sum(t.clause_no == clause.no for t in doc.tasks)
    count = seed_qa.ask(f"正文（{int_to_cn(clause.no)}）条在分工表里对应几项？")
    assert f"共{n}项" in count.answer


def test_a_units_tasks_within_a_numbered_clause(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(seed_qa)
    clause_no = next(no for no in {t.clause_no for t in doc.tasks}
                     if len({u for t in doc.tasks if t.clause_no == no for u in t.lead_units}) > 1)
    unit = next(u for t in doc.tasks if t.clause_no == clause_no for u in t.lead_units)
    want = {t.row_no for t in doc.tasks if t.clause_no == clause_no and unit in t.lead_units}
    for question in (f"（{int_to_cn(clause_no)}）条下面{unit}牵头的是哪几项？",
                     f"（{int_to_cn(clause_no)}）条下面的几项任务，{unit}牵头的是哪些？"):
        ans = seed_qa.ask(question)
        assert ans.intent == "unit_tasks" and {t.row_no for t in ans.tasks} == want, question


def test_units_holding_only_one_role(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(seed_qa)
    leads = {u for t in doc.tasks for u in t.lead_units}
    parts = {u for t in doc.tasks for u in t.participating_units}
    only_lead = leads - parts
    assert only_lead
    ans = seed_qa.ask("哪个单位从来没当过参与单位，只在牵头栏出现？")
    assert ans.found and all(u in ans.answer for u in only_lead)
    assert not any(u in ans.answer for u in leads & parts)
    assert only_role_asked("哪些单位只配合不牵头？") == "participating"
    assert only_role_asked("哪个单位只牵头、从来没当过配合单位？") == "lead"
    assert only_role_asked("住建局牵头的任务有哪些？") is None


def test_indicators_set_for_one_year_only(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(seed_qa)
    by_clause: dict[int, list] = {}  # type: ignore[type-arg]
    for t in doc.targets:
        by_clause.setdefault(t.clause_no, []).append(t)
    no, targets = next((n, ts) for n, ts in by_clause.items() if {2025, 2030} <= {t.year for t in ts})
    ans = seed_qa.ask(f"（{int_to_cn(no)}）条里哪些指标只有2025年目标、没有2030年的？")
    assert ans.found
    later = {t.indicator for t in targets if t.year == 2030}
    for t in targets:
        if t.year == 2025 and t.indicator not in later:
            assert t.indicator in ans.answer
        if t.year == 2025 and t.indicator in later:
            assert t.indicator not in ans.answer


def test_tasks_lacking_a_time_or_a_figure(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("inline_lead_coop", "txt", "county")
    doc = qa.documents[0]
    sec = next(s for s in doc.sections if sum(doc.clauses[t.clause_pos].section_no == s.no for t in doc.tasks) >= 3)
    inside = [t for t in doc.tasks if doc.clauses[t.clause_pos].section_no == sec.no]
    no_time = [t for t in inside if not re.search(r"(?:19|20)\d\d\s*年|\d{1,2}\s*月|十[三四五六]五|年底", t.requirement)]
    ans = qa.ask(f"第{int_to_cn(sec.no)}部分里，哪些任务没写任何时间节点？")
    assert ans.found and {t.item for t in ans.tasks} == {t.item for t in no_time}
    no_figure = [t for t in inside if not re.search(r"\d+(?:\.\d+)?\s*(?:%|万|户|公里|平方米|个)", t.requirement)]
    figures = qa.ask(f"第{int_to_cn(sec.no)}部分里哪几项没有量化指标？")
    assert {t.item for t in figures.tasks} == {t.item for t in no_figure}


def test_whether_a_years_target_is_set(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(seed_qa)
    years: dict[str, set[int]] = {}
    for t in doc.targets:
        years.setdefault(t.indicator, set()).add(t.year or 0)
    indicator = next(i for i, ys in years.items() if ys == {2030} and len(i) <= 12)
    value = next(t.value for t in doc.targets if t.indicator == indicator)
    for question in (f"{indicator}有没有2025年目标？2030年是多少？", f"{indicator}有2025年的目标吗？"):
        ans = seed_qa.ask(question)
        assert ans.found and ans.answer.startswith("没有") and squeeze(value) in squeeze(ans.answer), question
    # asked for the value of a year it does not set: a refusal, as before
    assert not seed_qa.ask(f"2025年{indicator}要达到多少？").found


@pytest.mark.parametrize("text,want", [
    ("In Linhe County's plan, clause (七) item 2 — which units lead it?", (7, 2)),
    ("the first item under clause (七) — which unit leads it?", (7, 1)),
    ("who leads item 2 under clause (四)?", (4, 2)),
    ("（四）下面的第2项由谁负责？", (4, 2)),
])
def test_items_named_with_chinese_numerals_or_ordinals(text: str, want: tuple[int, int]) -> None:
    assert item_named(text) == want


def test_english_rows_pairs_and_issuers() -> None:
    assert row_named("The third row of the task table — which bureau is in charge of it?") == 3
    assert row_named("the third task of the plan") is None
    assert "leads" in paired_roles("Which tasks are led by the Urban Management Bureau with the DRC as participant?")
    assert "cooperates" in paired_roles("tasks led by the housing bureau in which the finance bureau participates?")
    assert without_issuing("In the plan issued by MOHURD, NDRC and NEA, who leads item 2?") == "In the plan, who leads item 2?"
    kept = "Which tasks in the plan issued by the housing department does the DRC lead?"
    assert "housing department" in without_issuing(kept)
    assert same_value((136400.0, "户"), "13.64万户") and not same_value((13.64, "户"), "13.64万户")


def test_ordinary_questions_are_not_read_as_places_or_gaps(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """Words that only look like a place (改造完成以后的项目) or a gap (给没给量化目标, one row's figure)."""
    for question in ("城镇老旧小区改造完成以后的项目运维由谁负责？", "清洁取暖改造之后的项目验收由哪个部门牵头？"):
        assert "之后是" not in seed_qa.ask(question).answer, question
    for question in ("清洁取暖给没给量化目标？", "分工表第2项没有量化指标吗？", "我没有时间通读方案，第二部分有哪几项任务？"):
        assert "没有量化指标的共" not in seed_qa.ask(question).answer and "没有写明时间" not in seed_qa.ask(question).answer
    assert only_role_asked("哪些单位只牵头一项任务？") is None
    assert only_role_asked("Which bodies only lead one task?") is None


def test_inline_tasks_keep_the_documents_order() -> None:
    from assistant.answering.compose import row_order
    from assistant.types import TaskRow

    def task(item: str, pos: int | None) -> TaskRow:
        return TaskRow(doc_id="d", row_no=None, key_task="", measure="", requirement="x", lead_units=(),
                       participating_units=(), item=item, clause_pos=pos)
    tasks = [task("（一）10", 0), task("（十一）1", 10), task("（一）2", 0), task("（一）1-2", 0), task("（一）1", 0),
             task("（四）1", 3), task("1", None)]
    assert [t.item for t in sorted(tasks, key=row_order)] == ["（一）1", "（一）1-2", "（一）2", "（一）10", "（四）1", "（十一）1", "1"]


def test_english_issuers_leave_the_askers_own_clause() -> None:
    said = "In the plan issued by MOHURD, the county housing bureau leads which tasks?"
    assert "housing bureau leads" in without_issuing(said)


def test_whether_words_inside_other_words(seed_qa) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.asked import WHETHER_SET_RE

    assert not WHETHER_SET_RE.search("有关2025年目标的要求能说下吗")
    assert WHETHER_SET_RE.search("清洁取暖率有2025年的目标吗")
    assert not WHETHER_SET_RE.search("既有建筑节能改造的要求是什么吗")


def test_a_tables_groups_counted_and_a_unit_appearing(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(seed_qa)
    groups = list(dict.fromkeys(t.key_task for t in _ordered(doc)))
    ans = seed_qa.ask("分工表的重点任务栏分成几大类？")
    assert ans.found and f"分为{len(groups)}类" in ans.answer and all(g in ans.answer for g in groups)
    finance = next(u for t in doc.tasks for u in (*t.lead_units, *t.participating_units) if u.endswith("财政局"))
    rows = {t.row_no for t in doc.tasks if finance in (*t.lead_units, *t.participating_units)}
    english = seed_qa.ask("In which rows of the table does the finance bureau appear at all?")
    assert english.intent == "unit_tasks" and {t.row_no for t in english.tasks} == rows


def test_second_review_readings(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """A row named by number next to another, English places, a topic's own list, set-aside lacks,
    a current value, an earlier plan and look-alike words."""
    doc = _doc(seed_qa)
    rows = _ordered(doc)
    assert [t.row_no for t in seed_qa.ask(f"序号{rows[4].row_no}后面的一项由谁牵头？").tasks] == [rows[5].row_no]
    assert [t.row_no for t in seed_qa.ask("What is the second to last task?").tasks] == [rows[-2].row_no]
    sec = doc.sections[1]
    last = [t for t in rows if doc.clauses[t.clause_pos].section_no == sec.no][-1]
    assert [t.row_no for t in seed_qa.ask(f"Who leads the last task of Part {['One', 'Two', 'Three'][sec.no - 1]}?").tasks] \
        == [last.row_no]
    for question in ("推广光伏建筑一体化以后的行业标准由谁制定？", "老旧小区改造之后的一项重要工作是什么？"):
        assert "之后是" not in seed_qa.ask(question).answer, question
    assert "最后一项是" not in seed_qa.ask("老旧小区改造的最后一项任务是什么？").answer
    assert "没有量化指标的共" not in seed_qa.ask("清洁取暖方面哪些任务没有量化指标？").answer
    from assistant.answering.asked import EARLIER_PLAN_RE, STOCK_ASKED_RE, asks_year_set

    assert STOCK_ASKED_RE.search("主城区现在的道路网密度是多少")
    assert not STOCK_ASKED_RE.search("目前县城污水处理率应达到多少") and not STOCK_ASKED_RE.search("现在方案中县城污水处理率是多少")
    assert EARLIER_PLAN_RE.search("比上一轮方案多了多少户") and not EARLIER_PLAN_RE.search("住建局和原来的规划局职责怎么划分")
    assert asks_year_set("有没有2025年目标") and not asks_year_set("城市更新有专项规划吗")
    assert row_named("Who leads the second row from the bottom of the table?") is None


def test_a_line_of_work_before_involved_and_whether_words_in_a_later_part() -> None:
    from assistant.answering.followup import later_part

    assert later_part("谁负责编制？", "城市更新有专项规划吗？", None).startswith("城市更新专项规划")
    assert later_part("谁牵头？", "交通道路方面县方案有任务吗？", None).startswith("交通道路方面县方案")
    assert "2025" not in later_part("2030年是多少？", "可渗透面积比例有没有2025年目标？", None)


def test_a_unit_named_by_its_line_of_work_before_involved(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(seed_qa)
    unit = next(u for t in doc.tasks for u in t.lead_units if u.startswith("市") and u.endswith("局") and len(u) == 6)
    said = unit[1:-1]  # 城市管理 of 市城市管理局
    rows = {t.row_no for t in doc.tasks if unit in (*t.lead_units, *t.participating_units)}
    ans = seed_qa.ask(f"{said}涉及哪些任务？")
    assert ans.intent == "unit_tasks" and {t.row_no for t in ans.tasks} == rows


def test_clause_numbers_repeated_across_parts_never_index_past_a_part() -> None:
    """（四）（五） in both parts: 保障措施里第五条 names no one clause of the plan, and the part has two: a
    plain refusal, never an index past the part; 保障措施里第二条 is the part's second."""
    from assistant.answering.intent import Query
    from assistant.answering.positions import answer_position
    from assistant.types import Clause, DocMeta, Document, Section

    sections = (Section(1, "重点任务", 0, 10), Section(2, "保障措施", 10, 20))
    numbers = ((1, "重点任务", (1, 2, 3, 4, 5)), (2, "保障措施", (4, 5)))
    clauses = tuple(Clause(n, f"{part}{n}", f"（{int_to_cn(n)}）{part}{n}。合成测试条款。", sec, part, 0, 0)
                    for sec, part, ns in numbers for n in ns)
    doc = Document(meta=DocMeta(id="d", title="合成测试方案"), text="", sections=sections, clauses=clauses)
    ans = answer_position(Query(text="保障措施里第五条是什么？", original="保障措施里第五条是什么？", intent="general"), [doc])
    assert ans is not None and not ans.found and "共2条" in ans.text
    second = answer_position(Query(text="保障措施里第二条是什么？", original="保障措施里第二条是什么？", intent="general"), [doc])
    assert second is not None and "保障措施5" in second.text
