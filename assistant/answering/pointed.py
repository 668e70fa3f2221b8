"""Answers to questions that point at a numbered part of a plan: an item of a clause
(第（四）条第2项由谁牵头, 讲的是什么), the work of a clause (第（六）条由谁牵头), a clause's
figures (What targets does clause 13 set?), and a plain refusal when the plan has no such
clause or item.  The numbers are the document's own; where a plan restarts its clause
numbers in each part, a bare number is ambiguous and these answers step aside."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answering.asked import ITEM_NUMBER, WHEN_IN_TEXT_RE
from assistant.answering.compose import Draft, doc_label, pick_close, rank_rows, row_phrase, units_phrase
from assistant.answering.intent import Query
from assistant.answering.spans import without_heading, without_note_first
from assistant.numerals import count_said, int_to_cn
from assistant.text import sentences
from assistant.types import Document, Hit, TaskRow

#: what an item or a clause named by its number is asked about: who does it (else what it says)
UNITS_ASKED = ("lead", "participate", "unit_topic")
#: how closely a table row's requirement must repeat an item's text to be that item (bigram share)
SAME_ITEM = 0.6


def item_text(clause_text: str, item: int) -> str | None:
    """Item ``item`` (1. 2. …) of a clause's text, up to the next item."""
    start = re.search(rf"(?:^|(?<=[\s。；;）)：:]))\s*{item}\s*[.．、](?!\d)", clause_text)
    if start is None:
        return None
    end = re.search(rf"(?<=[\s。；;）)])\s*{item + 1}\s*[.．、](?!\d)", clause_text[start.end():])
    return clause_text[start.end(): start.end() + end.start() if end else None].strip() or None


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def item_task(doc: Document, clause_no: int, item: int, text: str | None) -> TaskRow | None:
    """The task an item of a clause states: the inline task labelled （四）2, or the table row
    of that clause whose requirement repeats the item's ``text`` (tables shorten it: the share
    is of the row's own bigrams)."""
    label = f"（{int_to_cn(clause_no)}）{item}"
    if (task := next((t for t in doc.tasks if t.item == label), None)) is not None:
        return task
    if not text:
        return None
    grams = _bigrams(text)
    scored = [(len(grams & _bigrams(t.requirement)) / max(1, len(_bigrams(t.requirement))), t)
              for t in doc.tasks if t.clause_no == clause_no and t.requirement]
    best = max(scored, key=lambda st: st[0], default=None)
    return best[1] if best and best[0] >= SAME_ITEM else None


def _task_line(q: Query, d: Draft, doc: Document, task: TaskRow, where: str) -> str:
    """One task: what it is, who does it, and (when the table says) by when."""
    timed = [seg for seg in re.split(r"[，,；;。]", task.requirement) if WHEN_IN_TEXT_RE.search(seg)][:1]
    said = f"；文件未列完成时限，正文中的时间要求：{timed[0]}" if timed else "；文件未列完成时限"  # 到2025年完成…
    due = f"；完成时限：{task.deadline}" if task.deadline else (said if q.intent == "deadline" else "")
    return f"{where}“{row_phrase(task)}”：{units_phrase(task)}{due}{d.cite_task(doc, task)}。"


def _restarts(docs: Sequence[Document], no: int) -> bool:
    """Whether a plan in scope numbers clauses anew in each part, so ``no`` names several."""
    return any(sum(c.no == no for c in doc.clauses) > 1 for doc in docs)


def _stated(q: Query, doc: Document, text: str) -> bool:
    """Whether ``text`` holds what a figure question asks: a number (an item's 1. is a list
    position, no figure), every asked word (the plan's own name is no topic) and the asked year."""
    return bool(re.search(r"\d", re.sub(ITEM_NUMBER, "", text))) \
        and all(t in text for t in q.terms if t not in doc.meta.title) \
        and all(str(y) in text for y in q.years)


def answer_item(q: Query, docs: Sequence[Document]) -> Draft | None:
    """An item of a clause named by its numbers: its units, its text, or a plain refusal when
    the clause numbers its items and has no such one.  None when the question is better read
    like any other (no plan in scope numbers its items, or the numbering is ambiguous)."""
    if q.item is None:
        return None
    clause_no, no = q.item
    if _restarts(docs, clause_no):
        return None
    having = [(doc, c) for doc in docs if (c := doc.clause(clause_no)) is not None]  # one each: no restarts
    if not having:
        return no_such_clause(clause_no, docs)
    d, missing = Draft(exact=True), []
    for doc, clause in having:
        prefix = f"{doc_label(doc)}：" if len(having) > 1 else ""
        where = f"{prefix}第（{int_to_cn(clause_no)}）条“{clause.title}”第{no}项"
        text = item_text(clause.text, no)
        task = item_task(doc, clause_no, no, text)
        if task is None and text is None:
            if item_text(clause.text, 1) is not None:  # it numbers its items, and stops before this one
                missing.append(f"{prefix}第（{int_to_cn(clause_no)}）条“{clause.title}”没有第{no}项")
        elif task is not None and (q.intent in (*UNITS_ASKED, "deadline") or text is None):
            d.lines.append(_task_line(q, d, doc, task, where))
            d.tasks.append(task)
        elif text is not None and q.intent == "target" and not _stated(q, doc, text):
            missing.append(f"{where}没有给出这项数量目标")  # 第（九）条第2项的利用率目标: none stated
        elif text is not None:
            d.lines.append(f"{where}：{text.rstrip('。；;')}{d.cite(doc, clause.text, clause.no, None)}。")
    if d.lines:
        return d
    if missing:
        return Draft(found=False, lines=[f"{'；'.join(missing)}，无法回答。"])
    # the clause numbers no items (its measures are rows of a table): the clause's work, or the clause
    if q.intent in (*UNITS_ASKED, "target"):
        return answer_clause(replace(q, clause=clause_no, item=None), docs)
    for doc, clause in having:
        body = without_heading(clause.text, clause.title)
        d.lines.append(f"第（{int_to_cn(clause_no)}）条“{clause.title}”不分项，全文：{body[:240].rstrip('。；;')}"
                       f"{'……' if len(body) > 240 else ''}{d.cite(doc, clause.text, clause.no, None)}。")
    return d


def no_such_clause(no: int, docs: Sequence[Document]) -> Draft:
    """A refusal naming how many clauses each plan in scope has (there is no 第（十三）条)."""
    counts = "、".join(f"{doc_label(doc) if len(docs) > 1 else '文件'}共{count_said(max(c.no for c in doc.clauses))}条"
                      for doc in docs if doc.clauses)
    return Draft(found=False, lines=[f"{counts or '文件没有编号的条款'}，没有第（{int_to_cn(no)}）条，无法回答。"])


def _about(q: Query, doc: Document, tasks: list[TaskRow]) -> list[TaskRow]:
    """The clause's tasks the question's own words name (第（四）条里道路网密度由谁牵头), else all."""
    words = [t for t in q.terms if t not in doc.meta.title]
    named = [t for t in tasks if words and any(w in f"{t.requirement}{t.measure}" for w in words)]
    return named or tasks


#: a clause's tasks counted (下面有几项具体任务, 的任务一共有几项)
TASKS_COUNTED_RE = re.compile(r"(几|多少)(项|个|条)(具体|重点)?(任务|事项)|(任务|事项)(一共|总共|共|合计)?有?(几|多少)(项|个|条)|"
                              r"(对应|下面|下边|底下|之下)(一共|总共|共|合计)?(有|包括|列了?)?(几|多少)(项|条)(?![单部指目])")


def _counts_tasks(q: Query) -> bool:
    """Whether the question asks only how many tasks a clause has: no unit, year or deadline
    that would narrow them (第（七）条有几项任务由住建局牵头 is read as a lead question)."""
    return bool(TASKS_COUNTED_RE.search(q.text)) and not (q.unit or q.years or q.intent in (*UNITS_ASKED, "deadline")) \
        and not re.search(r"底前|完成|牵头|参与|配合|负责", q.text)


def answer_clause(q: Query, docs: Sequence[Document]) -> Draft | None:
    """A clause named by its number and asked who does its work (its tasks' units, or a plain
    refusal when it assigns none) or what figures it sets (its sentences that state them).
    None when the question is read like any other."""
    counted = _counts_tasks(q)  # （九）下面有几项具体任务: its tasks, counted
    if q.clause is None or q.item is not None or _restarts(docs, q.clause):
        return None
    having = [(doc, c) for doc in docs if (c := doc.clause(q.clause)) is not None]  # one each: no restarts
    if not having and any(doc.clauses for doc in docs):  # 第（二十五）条对金融支持怎么规定 of a plan of 22: not there
        return no_such_clause(q.clause, docs)
    if not having or (q.intent not in (*UNITS_ASKED, "target") and not counted):
        return None
    d, missing = Draft(exact=q.intent != "target"), []
    for doc, clause in having:
        where = f"{doc_label(doc) + '：' if len(having) > 1 else ''}第（{int_to_cn(q.clause)}）条“{clause.title}”"
        if q.intent == "target" and not counted:
            stated = [s for s in map(without_note_first, sentences(without_heading(clause.text, clause.title), join_lines=True))
                      if _stated(q, doc, s)]
            for s in stated:  # none: the question is read like any other (its words may be the plan's in other form)
                d.lines.append(f"{s.rstrip('。；;')}{d.cite(doc, clause.text, clause.no, None)}。")
            continue
        tasks = [t for t in doc.tasks if t.clause_no == q.clause]
        tasks = tasks if counted else _about(q, doc, tasks)  # counted: all of them, whatever the title says
        if not tasks and counted:
            return None  # a clause with no tasks: its text may answer (第（十九）条有几项工作)
        if not tasks:
            missing.append(f"{where}在任务分工中没有列出牵头或责任单位")
        if len(tasks) > 1 or counted and tasks:
            d.lines.append(f"{where}共{len(tasks)}项任务：")
        for task in tasks:
            d.lines.append(_task_line(q, d, doc, task, f"{where}中" if len(tasks) == 1 else "· "))
            d.tasks.append(task)
    if d.lines:
        return d
    return Draft(found=False, lines=[f"{'；'.join(missing)}，无法回答。"]) if missing else None


#: a question asking which item (row, 序号) of the task table a task is
ITEM_ASKED_RE = re.compile(r"第几(项|行|号|个任务)|序号[是为]?(多少|几|啥|什么)|哪个序号|"
                           r"which (row|item|number)|(row|item) (number|no\.?)", re.IGNORECASE)


def item_number(q: Query, docs: Sequence[Document], hits: Sequence[Hit], floor: float) -> Draft:
    """The task rows the question describes, each said with its number as the document
    labels it (序号 9, or （三）2 for a task stated in the text)."""
    d = Draft()
    chosen = pick_close(rank_rows(q.topic or q.text, docs, hits, q.focus), floor, 0.9)
    for _, doc, row in chosen[:2]:
        label = f"第{row.row_no}项（序号{row.row_no}）" if row.row_no is not None else f"第{row.item}项"
        d.lines.append(f"{row_phrase(row)}：{doc_label(doc)}任务分工中的{label}{d.cite_task(doc, row)}。")
        d.tasks.append(row)
    d.found, d.score = bool(chosen), chosen[0][0] if chosen else 0.0
    return d
