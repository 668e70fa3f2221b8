"""A unit's tasks and any set of task rows as a list: grouped by 主要措施, each row's requirement with its
marks (role, co-leads, deadline, clause as asked) and its citation, the list's count in figures (共25项)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import groupby

from assistant.answering.compose import MAX_LISTED, MAX_TASKS, Draft, doc_label, row_phrase
from assistant.answering.intent import Query
from assistant.answering.wording import DEADLINE_WORDS
from assistant.numerals import count_said, int_to_cn
from assistant.text import has_any
from assistant.types import Document, TaskRow

#: whether a unit has tasks of a role asked as yes or no (市财政局有没有作为参与单位的任务？)
_WHETHER_TASKS_RE = re.compile(r"(?:有没有|是否有|有无)[^，,。？?]{0,12}(?:任务|工作|事项)|(?:任务|工作|事项)吗")


def answer_unit_tasks(q: Query, docs: Sequence[Document], rows: Sequence[TaskRow], narrow: str = "",
                      held: Sequence[TaskRow] = ()) -> Draft:
    """Every row of the unit (role as asked; paired, X牵头、Y参与: the rows shared) by 主要措施, marked by role, co-leads,
    deadline or clause as asked; none in the role asked, as yes or no of a unit ``held`` in another: says so."""
    cn = {"lead": "牵头", "participating": "参与", "any": "牵头或参与", "-lead": "不牵头", "-participating": "不参与",
          "-any": "未参与"}
    who = "，".join("、".join(u for u, _ in g) + cn[r] for r, g in groupby(((q.unit or "", q.role), *q.partners), key=lambda p: p[1]))
    if not rows and held and not q.partners and _WHETHER_TASKS_RE.search(q.text) and all(r.lead_units for r in held):
        d, by_id = Draft(), {doc.id: doc for doc in docs}
        listed = "；".join(row_phrase(r) + d.cite_task(by_id[r.doc_id], r) for r in held if r.doc_id in by_id)
        d.lines = [f"没有。文件的责任分工表中没有{who}的任务；{q.unit}在表中的任务（共{len(held)}项）是：{listed}。"]
        return d
    if not rows:
        return Draft(found=False, lines=[f"文件的责任分工表中没有{who}的任务。"])
    when = has_any(q.text, (*DEADLINE_WORDS, "底前", "月底", "年底")) or bool(re.search(r"deadline|\bdue\b", q.original, re.I))
    where = re.search(r"第几条|哪一?条|哪几条|哪个条款|\bwhich (?:clauses?|sections?)\b|\bwhere in\b", q.original or q.text, re.I)  # 分别在第几条

    def mark(r: TaskRow) -> str:
        role = "" if q.role != "any" or q.partners or not r.lead_units else "（牵头）" if q.unit in r.lead_units else "（参与）"
        if q.role == "participating" and not q.partners and r.lead_units or q.role == "lead" and len(r.lead_units) > 1:
            role = f"（{'、'.join(r.lead_units)}{'共同' if q.role == 'lead' else ''}牵头）"  # who leads a task it takes part in, or with it
        due = f"（完成时限：{r.deadline}）" if when and r.deadline else ""
        return role + due + (f"（第（{int_to_cn(r.clause_no)}）条）" if where and r.clause_no else "")
    d = answer_task_list(f"{who}的任务{narrow}", docs, rows, mark)
    if q.role == "any" and not q.partners and all(r.lead_units for r in rows):  # both roles: each one's count, by its column
        led, took = (sum(q.unit in getattr(r, c) for r in rows) for c in ("lead_units", "participating_units"))
        d.lines[0] = d.lines[0].replace("（按", f"（牵头{count_said(led)}项、参与{count_said(took)}项；按", 1)
    return d


def answer_task_list(heading: str, docs: Sequence[Document], rows: Sequence[TaskRow],
                     mark: Callable[[TaskRow], str] = lambda r: "") -> Draft:
    """Rows listed under ``heading`` (…的任务共N项), grouped by 主要措施, each with its
    requirement, ``mark`` after it and its citation."""
    d, by_doc, several_docs = Draft(), {doc.id: doc for doc in docs}, len({r.doc_id for r in rows}) > 1
    d.lines.append(f"{heading}共{count_said(len(rows))}项（按主要措施分组）：")
    groups: dict[tuple[str, str], list[TaskRow]] = {}
    for r in rows[:MAX_LISTED]:
        groups.setdefault((r.doc_id, r.measure or r.key_task), []).append(r)
    for (doc_id, measure), rs in groups.items():
        doc = by_doc[doc_id]
        label = f"{doc_label(doc)}" if several_docs else ""
        d.lines.append(f"{label}【{measure}】")
        for r in rs:
            ref = d.cite_task(doc, r)
            d.lines.append(f"· {r.requirement.rstrip('。')}{mark(r)}{ref}")
    if len(rows) > MAX_LISTED:
        d.lines.append(f"另有{len(rows) - MAX_LISTED}项，完整列表请用“任务查询”（python -m assistant tasks）。")
    d.tasks.extend(rows[:MAX_TASKS])
    return d
