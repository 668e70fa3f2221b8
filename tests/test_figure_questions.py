"""Figures and time, found on the twenty-fourth blind dev sets: a year's targets asked as
all its figures (量化指标是什么, 汇总) or within one clause named by its title, how many
clauses a plan has, how many tasks share a deadline (the end of December is the end of the
year), a figure checked for a year the plan does not set it in, a lead asked with its time,
a rate or a person the evidence does not give, a topic of the plan the evidence never speaks
of, a unit asked what it is responsible for when it leads nothing, and one government of a
level named as "some city's".  Question strings are synthetic; answers come from the seed
plan or from SYNTHETIC matrix plans (tests/synthetic)."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.answering.answerable import off_topic
from assistant.answering.asked import measure_asked, missing_kind
from assistant.answering.figures import _ASK_RE
from assistant.numerals import int_to_cn


@pytest.fixture(scope="module")
def national_table_qa(synthetic_qa):  # type: ignore[no-untyped-def]
    return synthetic_qa("table_ruled", "txt", "national")


@pytest.fixture(scope="module")
def provincial_qa(synthetic_qa):  # type: ignore[no-untyped-def]
    return synthetic_qa("table_ruled", "txt", "provincial")


def _values(doc: Any, clause_no: int | None, year: int) -> list[str]:
    return [t.value for t in doc.targets if t.year == year and (clause_no is None or t.clause_no == clause_no)]


def test_a_years_figures_are_listed_however_asked(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    year = 2025
    for text in (f"到{year}年要完成的量化指标是什么？", f"{year}年 量化目标 汇总"):
        ans = seed_qa.ask(text)
        assert ans.found and len(ans.citations) >= 3, text
        assert sum(v.replace(" ", "") in ans.answer.replace(" ", "") for v in _values(doc, None, year)) >= 3


def test_a_years_figures_within_a_clause_named_by_its_title(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    counts: dict[tuple[int, int], int] = {}
    for t in doc.targets:
        if t.year and t.clause_no:
            counts[(t.clause_no, t.year)] = counts.get((t.clause_no, t.year), 0) + 1
    (no, year), _ = max(counts.items(), key=lambda kv: kv[1])
    clause = next(c for c in doc.clauses if c.no == no)
    ans = seed_qa.ask(f"{clause.title}这一条，{year}年都有哪些量化目标？")
    assert ans.found and {c.clause_no for c in ans.citations} == {no}
    assert all(v.replace(" ", "") in ans.answer.replace(" ", "") for v in _values(doc, no, year))


def test_how_many_clauses_the_plan_has(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    for text in ("方案正文一共有多少条（带括号编号的）？", "How many clauses does the plan have?",
                 "正文一共有几条（按（一）（二）…编号）？"):
        ans = seed_qa.ask(text)
        assert ans.found and f"共{len(doc.clauses)}条" in ans.answer, text
    principles = seed_qa.ask("How many basic principles does the plan set out?")  # not the whole plan's count
    assert principles.found and f"共{len(doc.clauses)}条" not in principles.answer
    part = doc.sections[-1]
    one_part = seed_qa.ask(f"How many clauses are in the plan's {part.title} part?")  # a part's, not the plan's
    assert f"共{len(doc.clauses)}条" not in one_part.answer


def test_how_many_of_a_parts_measures_in_english(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    part = doc.sections[-1]
    clauses = [c for c in doc.clauses if c.section_no == part.no]
    ans = seed_qa.ask(f"How many safeguard measures ({part.title}) are listed?")
    assert ans.found and f"共{len(clauses)}条" in ans.answer


def test_tasks_counted_by_their_deadline(national_table_qa) -> None:  # type: ignore[no-untyped-def]
    rows = national_table_qa.task_rows()
    deadlines = [r.deadline for r in rows if r.deadline]
    due = max(sorted(set(deadlines)), key=deadlines.count)
    ans = national_table_qa.ask(f"责任分工表中，完成时限为“{due}”的任务有几项？")
    assert ans.found and f"共{deadlines.count(due)}项" in ans.answer


def test_tasks_due_at_the_end_of_a_year_however_written(provincial_qa) -> None:  # type: ignore[no-untyped-def]
    rows = provincial_qa.task_rows()
    december = next(r.deadline for r in rows if r.deadline and "12月底" in r.deadline)
    year = december[:4]
    n = sum(bool(r.deadline) and r.deadline.replace("12月底", "底").startswith(f"{year}年底") for r in rows)
    ans = provincial_qa.ask(f"完成时限为“{year}年底前”的任务一共几项？")
    assert ans.found and f"共{n}项" in ans.answer and december in ans.answer


def test_the_end_of_december_is_the_end_of_the_year() -> None:
    from assistant.answering.lookup import due_on
    from assistant.types import TaskRow

    row = TaskRow(doc_id="d", row_no=1, key_task="k", measure="m", requirement="r", lead_units=("甲",),
                  participating_units=(), deadline="2025年12月底前")
    assert due_on(row, "2025年底前") and not due_on(row, "2026年底前")


def test_a_figure_checked_for_a_year_the_plan_does_not_set(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    years: dict[str, set[int | None]] = {}
    for t in doc.targets:
        years.setdefault(t.indicator, set()).add(t.year)
    target = next(t for t in doc.targets if t.year and years[t.indicator] == {t.year} and "%" in t.value
                  and len(t.indicator) >= 4)
    assert target.year is not None
    ans = seed_qa.ask(f"方案里{target.indicator}到{target.year + 5}年是不是12%？")
    # a near miss (no such year), said with the year the plan does set and its figure for reference
    assert not ans.found and f"{target.year}年" in ans.answer and target.value.replace(" ", "") in ans.answer.replace(" ", "")
    assert "“里" not in ans.answer  # the plan named before 里 is no part of the indicator said back


def test_a_lead_asked_with_its_time(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    row = next(r for r in rows if "到2025年" in r.requirement.replace(" ", "") and len(r.lead_units) == 1
               and [x.measure for x in rows].count(r.measure) == 1)
    ans = seed_qa.ask(f"{row.measure}由谁牵头，什么时候完成？")
    assert ans.found and row.lead_units[0] in ans.answer and "2025" in ans.answer


@pytest.mark.parametrize("question,line,kind", [
    ("农村 清洁取暖率 到2025年 目标是多少", "到2025年新增完成农村清洁取暖改造6000户[1]。", "share"),  # a rate, not households
    ("联席会议由哪位副市长召集？", "建立联席会议制度，定期研究解决重大问题[1]。", "person"),
    ("联席会议由哪位副市长召集？", "联席会议由分管副市长召集[1]。", None),
    ("甲市城区清洁取暖率现在是多少？", "到2025年城区清洁取暖率达到100%[1]。", "stock"),  # today's value, not a target
    ("甲市城区清洁取暖率目标现在是多少？", "到2025年城区清洁取暖率达到100%[1]。", None),
    ("各县区改造任务是咋分的？", "累计完成改造13.64万户[1]。", "breakdown"),
    ("每个县要改多少户？", "累计完成改造13.64万户[1]。", "breakdown"),
    ("每个县要建几个示范点？", "每个县（市、区）建成2个示范点[1]。", None),
    ("每个县城污水处理率要达到多少？", "县城污水处理率达到95%[1]。", None),  # 县城 is no county each
    ("各县区怎么分工？", "县城污水处理率达到95%[1]。", None),
    ("每户补贴现在是多少？", "每户补贴2000元[1]。", None),  # what the plan sets, asked as now
    ("装配式建筑占比目标，现在是多少？", "装配式建筑占比达到50%[1]。", None),
])
def test_what_the_evidence_must_give(question: str, line: str, kind: str | None) -> None:
    assert missing_kind(question, question, [line]) == kind


def test_a_modal_is_no_part_of_an_indicator() -> None:
    assert _ASK_RE.sub("", "绿色建材应用应达到") == "绿色建材应用"  # 应用 is no 应 (should)


def test_an_indicator_said_back_keeps_its_own_first_character(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("方案里中水回用率到2030年是不是40%？")  # 中 of 中水, not a 方案中 left over
    assert "中水回用率" in ans.answer or "“" not in ans.answer


def test_a_topic_of_the_plan_the_cited_clause_never_speaks_of(seed_qa) -> None:  # type: ignore[no-untyped-def]
    from assistant.text import canonical
    from assistant.types import Citation

    doc = seed_qa.documents[0]
    by_id = {doc.id: doc}
    titled = next(c for c in doc.clauses if "绿色" in c.title and len(c.title) >= 6)
    topic = canonical(titled.title[-4:])
    elsewhere = next(c for c in doc.clauses if topic not in canonical(c.text))
    def cite(no: int) -> Citation:
        return Citation(doc_id=doc.id, doc_title="t", level="municipal", clause_no=no, row_no=None, text="x")
    asked = f"{topic}比例要达到多少？"
    assert off_topic(asked, [topic], [cite(elsewhere.no)], by_id, [doc])
    assert not off_topic(asked, [topic], [cite(titled.no)], by_id, [doc])
    assert not off_topic("风电比例要达到多少？", ["风电"], [cite(elsewhere.no)], by_id, [doc])  # no title holds it
    # a frame set before what is asked: the figure may stand in another clause (the goals)
    assert not off_topic(f"{topic}方面，某某比例要达到多少？", [topic], [cite(elsewhere.no)], by_id, [doc])


def test_responsible_for_of_a_unit_that_leads_nothing(provincial_qa) -> None:  # type: ignore[no-untyped-def]
    rows = provincial_qa.task_rows()
    leads = {u for r in rows for u in r.lead_units}
    unit = next(u for r in rows for u in r.participating_units if u not in leads and not u.startswith("各"))
    ans = provincial_qa.ask(f"{unit}负责哪些工作？")
    # 负责 asks its whole share: the tasks it takes part in, each marked so, none said to be led
    assert ans.found and "（参与）" in ans.answer and "（牵头）" not in ans.answer
    assert {t.row_no for t in ans.tasks} == {r.row_no for r in rows if unit in r.participating_units}
    assert not provincial_qa.ask(f"{unit}牵头哪些工作？").found  # lead said: none, plainly


def test_one_government_of_a_level_is_the_plans_every_government(provincial_qa) -> None:  # type: ignore[no-untyped-def]
    every = next(u for r in provincial_qa.task_rows() for u in (*r.lead_units, *r.participating_units)
                 if u.startswith("各市"))
    assert provincial_qa.resolve_unit("某市政府") == every
    assert provincial_qa.resolve_unit("我们市政府") == every
    assert provincial_qa.resolve_unit("下面一个市政府") == every  # 我是省下面一个市政府的


def test_some_government_is_no_unit_the_plans_never_name(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert not any(u.startswith("各市") for u in seed_qa.known_units())  # a city plan: no 各市人民政府
    assert seed_qa.resolve_unit("某市政府") is None  # not turned into 各市人民政府, which no plan names
    assert "各市人民政府" not in seed_qa.ask("我是某市政府的，我们要配合哪些任务？").answer


def test_the_tasks_under_a_clause_counted(national_table_qa) -> None:  # type: ignore[no-untyped-def]
    doc = national_table_qa.documents[0]
    clause = next(c for c in doc.clauses if any(t.clause_no == c.no for t in doc.tasks))
    n = sum(t.clause_no == clause.no for t in doc.tasks)
    for text in (f"（{int_to_cn(clause.no)}）{clause.title}下面有几项具体任务？", f"第（{int_to_cn(clause.no)}）条的任务一共有几项？"):
        ans = national_table_qa.ask(text)
        assert ans.found and f"共{n}项任务" in ans.answer and {t.clause_no for t in ans.tasks} == {clause.no}, text


def test_a_clauses_tasks_narrowed_by_a_unit_are_not_counted_whole(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    by_clause: dict[int, list[Any]] = {}
    for r in rows:
        if r.clause_no:
            by_clause.setdefault(r.clause_no, []).append(r)
    no, mine, unit = next((no, [r for r in rs if u in r.lead_units], u) for no, rs in sorted(by_clause.items())
                          for u in sorted({x for r in rs for x in r.lead_units}) if 0 < sum(u in r.lead_units for r in rs) < len(rs))
    ans = seed_qa.ask(f"第（{int_to_cn(no)}）条有几项任务由{unit}牵头？")
    # the unit's tasks (of the clause, or all of them), never the clause's tasks other units lead
    assert ans.found and all(unit in t.lead_units for t in ans.tasks)
    assert {r.row_no for r in mine} <= {t.row_no for t in ans.tasks}


def test_a_units_tasks_within_a_named_clause_are_those_of_the_clause(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    unit, no = next((u, r.clause_no) for r in rows for u in sorted(r.lead_units)
                    if r.clause_no and any(u in x.lead_units and x.clause_no != r.clause_no for x in rows))
    ans = seed_qa.ask(f"第（{int_to_cn(no)}）条里哪些任务由{unit}牵头？")
    want = {r.row_no for r in rows if unit in r.lead_units and r.clause_no == no}
    assert ans.found and {t.row_no for t in ans.tasks} == want and f"第（{int_to_cn(no)}）条" in ans.answer


def test_a_unit_with_no_task_in_the_named_clause_is_told_so(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    unit, no = next((u, c) for c in sorted({r.clause_no for r in rows if r.clause_no})
                    for u in sorted({x for r in rows for x in r.lead_units})
                    if not any(u in r.lead_units and r.clause_no == c for r in rows))
    ans = seed_qa.ask(f"第（{int_to_cn(no)}）条里哪些任务由{unit}牵头？")
    assert f"第（{int_to_cn(no)}）条中没有{unit}" in ans.answer


def test_a_loose_stand_in_sharing_two_characters_needs_less_of_the_model() -> None:
    from assistant.answering.answerable import SHARED_EASING, _stands_in

    def sim(a: str, bs: list[str]) -> list[float]:
        return [0.87 - SHARED_EASING + 0.01 for _ in bs]  # below the floor, within the easing

    assert _stands_in("自来水管", ["城市", "供水管网"], sim, 0.87, eased=True)  # 水, 管 shared
    assert not _stands_in("自来水管", ["城市", "供水管网"], sim, 0.87)  # the strict check is never eased
    assert not _stands_in("漏水", ["漏损率"], sim, 0.87, eased=True)  # one character shared: the full floor
    assert not _stands_in("自来水管", ["城市"], sim, 0.87, eased=True)  # nothing shared: never


def test_a_clause_named_by_another_modifier_of_its_titles_head(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    heads = [c.title[-2:] for c in doc.clauses if len(c.title) >= 4]
    clause = next(c for c in doc.clauses if len(c.title) >= 4 and heads.count(c.title[-2:]) == 1 and c.title[:2] != "工作")
    ans = seed_qa.ask(f"工作{clause.title[-2:]}有哪几条？")  # 工作原则 for 基本原则: the one title of that head
    assert ans.found and ans.citations[0].clause_no == clause.no and f"“{clause.title}”" in ans.answer


@pytest.mark.parametrize(("question", "forms"), [
    ("“十四五”要改多少户？", ("户",)),
    ("新增多少千米？", ("公里", "千米")),
    ("要建多少万平米？", ("平方米",)),
    ("比例要达到多少？", ()),  # a share: no unit asked
    ("哪户人家？", ()),
])
def test_a_measure_asked_by_its_unit(question: str, forms: tuple[str, ...]) -> None:
    assert measure_asked(question) == forms


def test_a_measure_asked_by_its_unit_picks_a_value_in_it(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """Only values in the asked unit are candidates when any is; none in it: every value stays."""
    from assistant.answering.figures import match_targets

    doc = seed_qa.documents[0]
    target = next(t for t in doc.targets if "户" in t.value)
    phrase = target.indicator
    assert all("户" in m.target.value for m in match_targets(phrase, [doc], None, preferred=[lambda t: "户" in t.value]))
    assert len(match_targets(phrase, [doc], None, preferred=[lambda t: "光年" in t.value])) == len(doc.targets)


def test_the_row_named_and_the_unit_asked_narrow_the_targets() -> None:
    from assistant.answering.asked import in_measure, target_preferences
    from assistant.answering.intent import Query
    from assistant.types import Target

    assert in_measure("7.5公里", ("公里", "千米")) and not in_measure("3平方公里", ("公里", "千米"))
    keep = target_preferences(Query(text="附件第29项，要新增多少公里？", original="", intent="target", row=29))
    row29 = Target(indicator="x", value="7.5公里", year=2025, text="x", row_no=29)
    other = Target(indicator="x", value="7.5公里", year=2025, text="x", row_no=3)
    assert [k(row29) for k in keep] == [True, True] and [k(other) for k in keep] == [False, True]
