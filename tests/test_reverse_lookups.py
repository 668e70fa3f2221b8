"""Reverse look-ups, found on the forty-seventh blind dev sets: a figure asked back (12%是什么
比例, what does the 95% refer to), a figure the plans do not have taken as theirs (15万户…是哪年的目标:
refused, not answered with the nearest target), a year's targets asked without a list word
(2023年的目标是多少, What target is set for 2023?), the year changes are measured from (以2020年
为基准), where a phrase is written (…是哪条提出来的), tasks and their leads picked by a deadline
as a table writes it (完成时限为2027年底前的那项由谁牵头, the task due by the end of October 2025),
the plan issued on a date, a plan's task count, two units each in its role said in English.
Question strings are synthetic; every expectation is computed here from the loaded documents."""

from __future__ import annotations

import re

import pytest

from assistant.answering.english_pairs import english_deadlines, paired_roles
from assistant.answering.premise import VALUE_RE, figure_of, same_value
from assistant.text import squeeze


def _written(qa, value: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether any loaded document writes this figure (as the refusal must decide it)."""
    want = figure_of(next(m for m in VALUE_RE.finditer(value) if m.group(2)))
    return any(m.group(2) and same_value(want, m.group()) for d in qa.documents for m in VALUE_RE.finditer(d.text))


def test_a_figure_asked_back_is_answered_from_the_targets_that_have_it(seed_qa) -> None:  # type: ignore[no-untyped-def]
    target = next(t for t in seed_qa.targets() if t.value.endswith("%") and t.year)
    value = squeeze(target.value)
    same = [t for t in seed_qa.targets() if squeeze(t.value) == value]
    households = next(t for t in seed_qa.targets() if "万户" in t.value)  # a figure beside what is asked: not asked back
    assert seed_qa.ask(f"改造{squeeze(households.value)}老旧小区的资金来源是什么？").intent != "lookup"
    for question in (f"{value}是什么比例？", f"{value}指的是什么？", f"What does the {value} figure refer to?"):
        ans = seed_qa.ask(question)
        assert ans.found and ans.intent == "lookup", question
        assert value in squeeze(ans.answer) and {t.clause_no for t in same} <= {c.clause_no for c in ans.citations}
    # its time asked is not a figure asked back: the deadline question keeps its intent
    assert seed_qa.ask(f"{value}这项的完成时限是什么？").intent != "lookup"


def test_a_figure_the_plans_do_not_have_is_not_confirmed(seed_qa) -> None:  # type: ignore[no-untyped-def]
    households = next(t for t in seed_qa.targets() if "万户" in t.value)
    wrong = f"{float(re.sub(r'[^0-9.]', '', households.value)) + 1.5:g}万户"
    assert not _written(seed_qa, wrong)
    for question in (f"{wrong}老旧小区改造是哪年的目标，谁牵头？", f"文件里提到的“{wrong}”是谁牵头的？"):
        ans = seed_qa.ask(question)
        assert not ans.found and f"没有“{wrong}”" in ans.answer, question
    right = squeeze(households.value)
    assert seed_qa.ask(f"{right}是哪项工作的目标，谁牵头？").found
    # a figure put to be checked is corrected by the target question, not refused here
    checked = seed_qa.ask(f"听说要改造{wrong}老旧小区，对吗？")
    assert f"没有“{wrong}”" not in checked.answer
    # the same figure written out (13.64万户 as 136400户) is the plan's
    n = float(re.sub(r"[^0-9.]", "", households.value))
    assert "这一数字" not in seed_qa.ask(f"老旧小区改造{n * 10000:g}户这个目标要在哪年之前完成？").answer
    # checked (是不是…就行), or said after 每平方公里 (里 of 公里 is no 文件里): not refused here
    km = next(t for t in seed_qa.targets() if "公里/平方公里" in t.value)
    wrong_km = f"{float(re.sub(r'[^0-9.]', '', km.value.split('公里')[0])) - 2:g}公里"
    assert "这一数字" not in seed_qa.ask(f"{km.indicator}是不是不低于每平方公里{wrong_km}就行？").answer
    # a count of the plan's own parts is no figure it sets
    assert "这一数字" not in seed_qa.ask("方案提出的3个方面是什么？").answer


def test_a_figure_asked_back_written_out_finds_its_target(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """13.64万户 asked back as 136400户: the same figure, however scaled."""
    households = next(t for t in seed_qa.targets() if "万户" in t.value)
    n = float(re.sub(r"[^0-9.]", "", households.value))
    ans = seed_qa.ask(f"{n * 10000:g}户是什么目标？")
    assert ans.found and ans.intent == "lookup"
    assert households.clause_no in {c.clause_no for c in ans.citations}
    assert squeeze(households.value) in squeeze(ans.answer)


def test_a_years_targets_asked_without_a_list_word(seed_qa) -> None:  # type: ignore[no-untyped-def]
    years = sorted({t.year for t in seed_qa.targets() if t.year})
    lonely = next(y for y in years if sum(t.year == y for t in seed_qa.targets()) == 1)
    only = next(t for t in seed_qa.targets() if t.year == lonely)
    for question in (f"{lonely}年的目标是多少？", f"What target is set for {lonely}?", f"{lonely}年这个时间点对应的是什么要求？"):
        ans = seed_qa.ask(question)
        assert ans.found and squeeze(only.value) in squeeze(ans.answer), question


def test_targets_measured_against_a_year(seed_qa) -> None:  # type: ignore[no-untyped-def]
    against = {t.indicator for t in seed_qa.targets() if "比2020年" in squeeze(t.indicator)}
    assert against
    for question in ("哪些指标是以2020年为基准来算下降的？", "Which targets use 2020 as the baseline?"):
        ans = seed_qa.ask(question)
        assert ans.found, question
        assert {i for i in against if i in ans.answer} == against
        lines = [ln for ln in ans.answer.splitlines() if ln.strip()]
        assert all("2020" in ln for ln in lines)  # no target of the same sentence measured otherwise


def test_where_a_phrase_is_written(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    asked = 0
    for clause in [c for c in doc.clauses if len(c.text) > 80][3:9]:
        body = re.sub(r"\s+", "", clause.text)
        phrase = next(p for p in re.split(r"[，。；、,;（）()“”]", body[len(clause.title) + 6:]) if 6 <= len(p) <= 12)
        if sum(phrase in re.sub(r"\s+", "", c.text) for c in doc.clauses) != 1:
            continue
        for question in (f"{phrase}是哪条提出来的？", f"请问方案里面“{phrase}”是哪条提出来的？", f"哪条提到了{phrase}？"):
            ans = seed_qa.ask(question)
            assert ans.found and ans.intent == "structure" and f"“{clause.title}”" in ans.answer, question
        asked += 1
    assert asked >= 2


def test_tasks_and_leads_picked_by_a_deadline(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "municipal")
    by_due: dict[str, list] = {}  # type: ignore[type-arg]
    for t in qa.task_rows():
        if t.deadline and re.fullmatch(r"\d{4}年\d{1,2}月底前|\d{4}年底前", t.deadline):
            by_due.setdefault(t.deadline, []).append(t)
    due, rows = next((d, r) for d, r in by_due.items() if len(r) == 1)
    ans = qa.ask(f"分工表里完成时限为{due}的那项，是哪个单位牵头？")
    assert ans.found and [t.row_no for t in ans.tasks] == [rows[0].row_no]
    assert all(u in ans.answer for u in rows[0].lead_units)
    m = re.fullmatch(r"(\d{4})年(?:(\d{1,2})月)?底前", due)
    assert m is not None
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
    said = f"{months[int(m[2]) - 1]} {m[1]}" if m[2] else m[1]
    english = qa.ask(f"In the responsibility table, the task due by the end of {said} — who leads it?")
    assert english.found and [t.row_no for t in english.tasks] == [rows[0].row_no]
    # a topic named with the deadline picks its own task: the deadline alone does not
    listed = qa.ask(f"完成时限为{due}的任务有哪些，牵头部门分别是谁？")
    assert listed.found and "关于" not in listed.answer and all(u in listed.answer for u in rows[0].lead_units)


def test_a_plan_without_deadlines_reads_the_question_as_any_other(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert not any(t.deadline for t in seed_qa.task_rows())
    ans = seed_qa.ask("完成时限为2025年底前的任务由谁牵头？")
    assert ans.intent == "lead_by_deadline" and "完成时限为“2025年底前”的任务共" not in ans.answer
    assert ans.found and "牵头" in ans.answer  # read as a lead question
    english = seed_qa.ask("Which targets are due by the end of 2025?")  # no 完成时限 column: the targets of 2025
    assert english.found and "完成时限一栏" not in english.answer
    # narrow readings that cannot answer hand over to ordinary ones, never back and forth
    for question in ("第三部分里住建局牵头的雨水收集利用有哪几项，哪项时限最早？", "完成时限为2025年底前的任务里，哪项时限最早，由谁牵头？"):
        assert seed_qa.ask(question).answer, question


def test_a_units_tasks_narrowed_by_a_deadline_a_table_writes(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "municipal")
    unit = max({u for t in qa.task_rows() for u in t.lead_units}, key=lambda u: len(qa.task_rows(unit=u, role="lead")))
    rows = qa.task_rows(unit=unit, role="lead")
    due = next(t.deadline for t in rows if t.deadline and t.deadline.endswith("年底前"))
    want = {t.row_no for t in rows if t.deadline == due}
    ans = qa.ask(f"{unit}牵头的任务里，哪些要在{due}完成？")
    assert ans.found and {t.row_no for t in ans.tasks} == want and len(want) < len(rows)


def test_the_plan_issued_on_a_date(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "municipal", "county")
    doc = qa.documents[0]
    assert doc.meta.date
    y, mo, d = (int(x) for x in doc.meta.date.split("-"))
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
    for question in (f"{y}年{mo}月{d}日印发的是哪个方案？", f"Which plan was issued on {d} {months[mo - 1]} {y}?"):
        ans = qa.ask(question)
        assert ans.found and ans.answer.count("印发") == 1 and f"《{doc.meta.title}》" in ans.answer, question
    assert doc.meta.doc_number
    both = qa.ask(f"{y}年{mo}月{d}日印发的是哪个方案？文号是多少？")  # the plan of that date, and its 文号
    assert f"《{doc.meta.title}》" in both.answer and doc.meta.doc_number in both.answer
    assert not any(o.meta.doc_number and o.meta.doc_number in both.answer for o in qa.documents[1:])


def test_a_plans_task_count(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "county")
    n = len(qa.task_rows())
    for question in ("方案共列了多少项重点任务？", "How many tasks are listed in the county plan's responsibility table?"):
        ans = qa.ask(question)
        assert ans.found and f"共{n}项" in ans.answer, question


@pytest.mark.parametrize("text,want", [
    ("the task due by the end of October 2025", ["2025年10月底前"]),
    ("which tasks are due before the end of 2026?", ["2026年底前"]),
    ("reported each year by the end of November", ["每年11月底前"]),
    ("Which plan was issued on 18 June 2024?", ["2024年6月18日印发"]),
    ("Was anything set for June 18, 2024", ["2024年6月18日"]),
    ("by the end of the plan period", []),
    ("What must be done by June 30, 2025, according to the plan issued by the city?", ["2025年6月30日"]),
    ("by the end of June, 2025", ["2025年6月底前"]),
    ("by December 2025", ["2025年12月底前"]),
    ("on 31 February 2024", []),
])
def test_english_deadlines_and_dates(text: str, want: list[str]) -> None:
    assert english_deadlines(text) == want


def test_two_units_each_in_its_role_said_in_english() -> None:
    got = paired_roles("Which tasks are led by the housing bureau with the DRC taking part?")
    assert re.search(r"housing bureau leads.*DRC cooperates", got)
    assert "which department" in paired_roles("Which bureau leads the green space task?")


def test_figures_of_the_askers_own_situation_are_not_refused(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """Only a figure said to be the plan's (方案里…, …是哪年的目标) is checked against the plans."""
    for question in ("我们小区里200户居民想加装电梯，怎么申请？", "3台电梯更换找哪个部门", "100户以上的小区是什么标准",
                     "建筑面积2万平方米以上的公共建筑有什么要求？", "全市12个县区分别由谁负责"):
        assert "这一数字" not in seed_qa.ask(question).answer, question
    # a narrow reading that cannot answer hands over to an ordinary one, never back and forth
    ans = seed_qa.ask("完成时限为2025年底前的任务里，哪项时限最早，由谁牵头？")
    assert ans.answer


def test_a_figure_written_only_in_a_table_row_is_the_plans(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """A Word table is not in a document's text: its rows' figures count as the plan's too;
    a figure in Chinese numerals (五个) is the one a question writes in digits."""
    from dataclasses import replace

    from assistant.answering.lookup import _figure_set, _figures, _holds

    def _same_figure(asked: tuple[float, str], written: tuple[float, str]) -> bool:
        return _holds(_figure_set([written]), asked)

    doc = seed_qa.documents[0]
    row = next(t for t in doc.tasks if any(m.group(2) for m in VALUE_RE.finditer(t.requirement)))
    m = next(m for m in VALUE_RE.finditer(row.requirement) if m.group(2))
    no_text = replace(doc, text="", targets=())
    assert _holds(_figures(no_text), figure_of(m))
    assert not _holds(_figures(replace(no_text, tasks=())), figure_of(m))
    assert _holds(_figures(replace(doc, text="实施五个专项行动，新增绿地一百万平方米。", tasks=(), targets=())), (5.0, "个"))
    assert _same_figure((136400.0, "户"), (13.64, "万户")) and _same_figure((15.0, "万"), (15.0, "万户"))
    assert not _same_figure((15.0, "万户"), (13.64, "万户"))


def test_one_indicators_change_from_a_year_is_its_own(seed_qa) -> None:  # type: ignore[no-untyped-def]
    against = [t for t in seed_qa.targets() if "比2020年" in squeeze(t.indicator)]
    one = against[0]
    name = squeeze(one.indicator).split("比2020年")[0]
    ans = seed_qa.ask(f"{name}比2020年要降多少？")
    assert squeeze(one.value).rstrip("以上") in squeeze(ans.answer)
    assert ans.found and not any(squeeze(t.indicator).split("比2020年")[0] in squeeze(ans.answer)
                                 for t in against if not squeeze(t.indicator).startswith(name))


def test_partners_asked_by_a_deadline_are_given(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "municipal")
    row = next(t for t in qa.task_rows() if t.deadline and t.participating_units and re.fullmatch(r"\d{4}年底前", t.deadline)
               and sum(r.deadline == t.deadline for r in qa.task_rows()) == 1)
    ans = qa.ask(f"完成时限为{row.deadline}的任务有哪些单位配合？")
    assert ans.found and all(u in ans.answer for u in row.participating_units)


def test_a_units_tasks_are_not_narrowed_by_a_bound_or_by_how_long(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "municipal")
    unit = max({u for t in qa.task_rows() for u in t.lead_units}, key=lambda u: len(qa.task_rows(unit=u, role="lead")))
    every = {t.row_no for t in qa.task_rows(unit=unit)}
    for question in (f"{unit}2030年前要完成哪些任务？", f"{unit}长期负责哪些工作？"):
        assert {t.row_no for t in qa.ask(question).tasks} == every, question


def test_units_counted_for_one_task_are_no_joint_lead_list(seed_qa) -> None:  # type: ignore[no-untyped-def]
    joint = [t for t in seed_qa.task_rows() if len(t.lead_units) > 1]
    assert joint
    assert seed_qa.ask("清洁取暖工作由多少个单位共同牵头？").intent != "joint_lead"
    assert seed_qa.ask("How many tasks are jointly led by two units?").intent == "joint_lead"


def test_a_years_goals_include_those_without_a_figure(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """到2030年的目标有哪些: the goal clause's sentence for that year (碳排放达到峰值) joins the figures;
    a list of quantified indicators (量化指标) stays figures only."""
    doc = seed_qa.documents[0]
    goal = next(c for c in doc.clauses if "目标" in c.title)
    year = next(y for y in (2030, 2025) if f"{y}年" in squeeze(goal.text))
    sentence = next(s for s in squeeze(goal.text).split("。") if f"{year}年" in s)
    tail = sentence[-8:]
    assert tail in squeeze(seed_qa.ask(f"{year}年的目标有哪些？").answer)
    assert tail not in squeeze(seed_qa.ask(f"到{year}年有哪些量化指标？").answer)
