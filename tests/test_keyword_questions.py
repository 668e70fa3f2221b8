"""Search-box queries, found on the thirty-third blind dev sets: bare keywords in any order
(农村清洁取暖 改造户数 目标, 公共建筑节能改造 40万 配合, 2026年6月底前 要完成的 任务是哪项), the plan's
level typed last (… 2027 多少 国家方案), a unit's name with a slip (自然资源规化局).  The words
still say what is asked: a role word standing alone asks who takes part, a rate or a count
typed last is the quantity asked, 负责 without 牵头 asks a unit's whole share.  Question
strings are synthetic; answers come from the seed plan or from SYNTHETIC matrix plans."""

from __future__ import annotations

import pytest

from assistant.answering.asking import question_role
from assistant.answering.spelling import without_and
from assistant.answering.terms import asked_terms, jieba_tagged, key_terms
from assistant.text import YEAR_RE


@pytest.mark.parametrize("text,role", [
    ("市城市管理局负责哪些任务？", "any"), ("城管局负责啥", "any"), ("城管局牵头负责哪些工作？", "lead"),
    ("城管局配合哪些任务", "participating"), ("城管局只配合不牵头的任务", "participating"),
])
def test_responsible_without_lead_asks_every_role(text: str, role: str) -> None:
    assert question_role(text) == role


@pytest.mark.parametrize("text,asked", [
    ("生活垃圾分类 覆盖率", "覆盖率"),  # the rate typed last is what is asked
    ("农村清洁取暖 改造户数 目标", "户"),  # a count asked in its own word: 户 must follow a figure
    ("超低能耗建筑 累计 2027 多少 国家方案", None),  # the plan's level is no quantity asked
])
def test_what_a_keyword_query_asks(text: str, asked: str | None) -> None:
    got = asked_terms(jieba_tagged(text))
    assert (asked in got) if asked else not got


def test_a_deadline_keeps_its_before() -> None:
    # 每年几月底前报: jieba cuts 月底|前报; 前报 is no content the evidence must hold
    assert "前报" not in key_terms(jieba_tagged("自查报告 每年几月底前报"))


@pytest.mark.parametrize("text,years", [("累计2027多少", ["2027"]), ("2000多户", [])])
def test_a_year_before_how_many(text: str, years: list[str]) -> None:
    assert YEAR_RE.findall(text) == years


def test_unit_names_shortened_without_and() -> None:
    assert without_and(["市自然资源和规划局", "市发展和改革委员会", "城乡建设和发展"]) == [
        "市自然资源规划局", "市发展改革委员会"]


def test_keyword_queries_on_the_seed(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    # a unit's whole share under 负责: every row it leads or takes part in
    unit = next(u for t in doc.tasks for u in t.participating_units
                if any(u in r.lead_units for r in doc.tasks))
    ans = seed_qa.ask(f"{unit}负责哪些任务？")
    held = {t.row_no for t in doc.tasks if unit in (*t.lead_units, *t.participating_units)}
    assert {t.row_no for t in ans.tasks} == held
    # a slip in a unit shortened without 和 is still that unit
    full = next(u for t in doc.tasks for u in t.participating_units if "和" in u and "自然资源" in u)
    slip = full.replace("和", "").replace("规划", "规化")[1:]
    ans = seed_qa.ask(f"{slip} 配合")
    assert ans.tasks and all(full in t.participating_units for t in ans.tasks)
    # a role word typed as a keyword asks who takes part in the task the figure names
    row = next(t for t in doc.tasks if t.participating_units and "40 万" in t.requirement.replace("40万", "40 万"))
    ans = seed_qa.ask("公共建筑节能改造 40万 配合")
    assert ans.found and row.participating_units[0] in ans.answer


def test_a_units_lead_rows_in_a_scope(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    # a scope by its words, the unit and 牵头: only the rows it leads there, none it only joins
    unit = next(u for t in doc.tasks for u in t.lead_units if u.endswith("住房和城乡建设局"))
    ans = seed_qa.ask(f"县城和乡村建设 {unit[1:]} 牵头")
    assert ans.found and ans.tasks and all(unit in t.lead_units for t in ans.tasks)


def test_a_deadline_typed_before_which_task(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "municipal")
    doc = qa.documents[0]
    row = next(t for t in doc.tasks if t.deadline and "月底前" in t.deadline)
    ans = qa.ask(f"{row.deadline} 要完成的 任务是哪项")
    assert ans.found and ans.tasks and all(t.deadline == row.deadline for t in ans.tasks)


def test_a_deadline_no_task_has_is_refused_where_tasks_have_deadlines(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "municipal")
    assert all(t.deadline != "2099年底前" for t in qa.documents[0].tasks)
    ans = qa.ask("2099年底前 要完成的 任务是哪项")
    assert not ans.found and "2099年底前" in ans.answer and not ans.tasks


def test_rows_quoting_a_figure(seed_qa) -> None:  # type: ignore[no-untyped-def]
    import re

    from assistant.answering.lookup import rows_quoting

    rows = seed_qa.documents[0].tasks
    row = next(r for r in rows if re.search(r"(?<![\d.])\d+(?:\.\d+)?\s*万\s*户", r.requirement))
    figure = re.search(r"(?<![\d.])\d+(?:\.\d+)?\s*万", row.requirement).group()  # type: ignore[union-attr]
    got = rows_quoting(f"某项工作 {figure} 配合", rows)
    assert row in got and len(got) < len(rows)
    assert rows_quoting("2027 配合", rows) == []  # a bare year quotes no figure
