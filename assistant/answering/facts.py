"""Answers from a document's own header and outline: 文号, issuers, date, recipients,
attachments; which part or clause says something; which clauses a part holds."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.answering.asking import attachment_named, clause_asked
from assistant.answering.compose import Draft, doc_label, row_phrase, units_phrase
from assistant.answering.intent import Query
from assistant.answering.spans import without_heading
from assistant.text import int_to_cn
from assistant.types import Document, Hit, TaskRow

WHERE_RE = re.compile(r"(哪个|哪一个|哪一|第几)(部分|章|节|条)|在第几条|是第几条|在哪")


def answer_structure(q: Query, docs: Sequence[Document], hits: Sequence[Hit]) -> Draft:
    """Where the document says something (which part, which clause), or which clauses a
    part holds: answered from the document's own outline."""
    d = Draft()
    if (no := clause_asked(q.text)) is not None:  # 第十二条讲的是什么: the clause, in each plan in scope
        for doc in docs:
            same = [c for c in doc.clauses if c.no == no]  # numbers may restart in each part: 第三部分第（二）条
            for c in [c for c in same if f"第{int_to_cn(c.section_no or 0)}部分" in q.text] or same[:3]:
                part = f"第{int_to_cn(c.section_no)}部分“{c.section_title}”" if c.section_no else ""
                text = without_heading(c.text, c.title)
                ref = d.cite(doc, c.text, c.no, None)
                d.lines.append(f"{doc_label(doc) + '：' if len(docs) > 1 else ''}{part}第（{int_to_cn(c.no)}）条"
                               f"“{c.title}”：{text[:240].rstrip('。；;')}{'……' if len(text) > 240 else ''}{ref}。")
        d.found = bool(d.lines)
        return d if d.found else no_such_clause(no, docs)
    for doc in docs:
        named = [sec for sec in doc.sections if sec.title and (sec.title in q.text or
                 f"第{int_to_cn(sec.no)}部分" in q.text or f"{int_to_cn(sec.no)}、" in q.text)]
        for sec in named[:1]:
            clauses = [c for c in doc.clauses if c.section_no == sec.no]
            if not clauses:
                continue
            d.lines.append(f"{doc_label(doc) if len(docs) > 1 else ''}第{int_to_cn(sec.no)}部分“{sec.title}”共"
                           f"{int_to_cn(len(clauses))}条：")
            for c in clauses:
                ref = d.cite(doc, c.text, c.no, None)
                d.lines.append(f"· （{int_to_cn(c.no)}）{c.title}{ref}")
    if d.lines or not WHERE_RE.search(q.text):  # "X有哪几条" naming no part asks for X itself
        d.found = bool(d.lines)
        return d
    for h in hits[:1]:  # where is X: the best passage, placed in the outline
        found = next((x for x in docs if x.id == h.chunk.doc_id), None)
        if found is None:
            continue
        doc = found
        if h.chunk.kind == "row" and h.chunk.row_no is not None:
            row = doc.task(h.chunk.row_no)
            if row is not None:
                ref = d.cite_task(doc, row)
                d.lines.append(f"见附件责任分工表“{row.measure}”一行{ref}。")
        clause = doc.clause(h.chunk.clause_no, h.chunk.section)
        if clause is not None:
            ref = d.cite(doc, clause.text, clause.no, None)
            part = f"第{int_to_cn(clause.section_no)}部分“{clause.section_title}”的" if clause.section_no else ""
            d.lines.append(f"在{part}第（{int_to_cn(clause.no)}）条“{clause.title}”{ref}。")
    d.found = bool(d.lines)
    return d


def answer_fact(q: Query, docs: Sequence[Document], header_texts: Mapping[str, str]) -> Draft:
    """文号 / 印发单位 / 日期 / 附件 / 主送 of each document in scope, from its header."""
    d = Draft()
    counted = bool(re.search(r"(?<!哪)几(个|家)|多少(个|家)|how many", q.original or q.text, re.IGNORECASE))  # 几个部门联合印发
    for doc in docs:
        m = doc.meta
        facts = {
            "doc_number": ("文号", m.doc_number),
            "issuers": ("印发单位", "、".join(m.issuers) + (f"（共{len(m.issuers)}个单位）" if counted else "")
                        if m.issuers else None),
            "date": ("印发日期", _cn_date(m.date)),
            "attachments": ("附件", "；".join(m.attachments) if m.attachments else None),
            "title": ("文件名称", m.title),
            "recipients": ("主送单位", m.recipients),
            "disclosure": ("公开属性", _disclosure(doc.text)),
            "outline": ("正文结构", f"分为{int_to_cn(len(doc.sections))}个部分：" + "；".join(
                f"{int_to_cn(sec.no)}、{sec.title}" for sec in doc.sections) if doc.sections else None),
            "table_size": ("责任分工表", f"共{rows}项（序号1—{rows}）" if (rows := _table_rows(doc)) else None),
        }
        nth = attachment_named(q.original or q.text)
        if "attachments" in str(q.fact) and nth is not None:  # 附件2: that one, or a plain no
            facts["attachments"] = (f"附件{nth}", m.attachments[nth - 1] if nth <= len(m.attachments) else None)
            if nth > len(m.attachments):
                d.lines.append(f"{doc_label(doc)}只有{int_to_cn(len(m.attachments))}个附件，没有附件{nth}。")
                continue
        for kind in (q.fact or "title").split(","):
            label, value = facts.get(kind, facts["title"])
            if not value:
                continue
            ref = d.cite(doc, header_texts[doc.id], None, None)
            d.lines.append(f"{doc_label(doc)}的{label}：{value}{ref}。")
    d.found = bool(d.citations)
    return d


def _table_rows(doc: Document) -> int:
    return len({t.row_no for t in doc.tasks if t.row_no is not None})


#: a document's disclosure note (（此件主动公开）, 此件依申请公开)
DISCLOSURE_RE = re.compile(r"此件\s*(主动公开|依申请公开|不予公开|不公开)|[（(]\s*(主动公开|依申请公开|不予公开)\s*[）)]")


def _disclosure(text: str) -> str | None:
    m = DISCLOSURE_RE.search(text)
    return next(g for g in m.groups() if g) if m else None


def _cn_date(iso: str | None) -> str | None:
    if not iso:
        return None
    y, mo, dd = iso.split("-")
    return f"{int(y)}年{int(mo)}月{int(dd)}日"


#: what an item or a clause named by its number is asked about: who does it, or what it says
UNITS_ASKED = ("lead", "participate", "unit_topic")


def item_text(clause_text: str, item: int) -> str | None:
    """Item ``item`` (1. 2. …) of a clause's text, up to the next item."""
    start = re.search(rf"(?:^|(?<=[\s。；;）)：:]))\s*{item}\s*[.．、](?!\d)", clause_text)
    if start is None:
        return None
    end = re.search(rf"(?<=[\s。；;）)])\s*{item + 1}\s*[.．、](?!\d)", clause_text[start.end():])
    return clause_text[start.end(): start.end() + end.start() if end else None].strip() or None


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def item_task(doc: Document, clause_no: int, item: int) -> TaskRow | None:
    """The task an item of a clause states: the inline task labelled （四）2, or the table row
    of that clause whose requirement is the item's text."""
    label = f"（{int_to_cn(clause_no)}）{item}"
    if (task := next((t for t in doc.tasks if t.item == label), None)) is not None:
        return task
    clause = doc.clause(clause_no)
    text = item_text(clause.text, item) if clause else None
    if not text:
        return None
    grams = _bigrams(text)
    scored = [(len(grams & _bigrams(t.requirement)) / max(1, len(_bigrams(t.requirement))), t)
              for t in doc.tasks if t.clause_no == clause_no and t.requirement]
    best = max(scored, key=lambda st: st[0], default=None)
    return best[1] if best and best[0] >= 0.6 else None


def _task_line(q: Query, d: Draft, doc: Document, task: TaskRow, where: str) -> str:
    due = f"；完成时限：{task.deadline}" if task.deadline else ""
    if q.intent == "deadline" and not task.deadline:
        due = "；文件未列完成时限"
    return f"{where}“{row_phrase(task)}”：{units_phrase(task)}{due}{d.cite_task(doc, task)}。"


def answer_item(q: Query, docs: Sequence[Document]) -> Draft | None:
    """An item of a clause named by its numbers (第（四）条第2项由谁牵头, 讲的是什么): its units
    or its text; a plain refusal when the clause has no such item.  None when no document
    in scope has the clause (then the question is read like any other)."""
    if q.item is None:
        return None
    clause_no, no = q.item
    d, missing = Draft(exact=True), []
    having = [doc for doc in docs if doc.clause(clause_no) is not None]
    for doc in having:
        clause = doc.clause(clause_no)
        assert clause is not None
        prefix = f"{doc_label(doc)}：" if len(having) > 1 else ""
        where = f"{prefix}第（{int_to_cn(clause_no)}）条“{clause.title}”第{no}项"
        task, text = item_task(doc, clause_no, no), item_text(clause.text, no)
        if task is None and text is None:
            missing.append(f"{prefix}第（{int_to_cn(clause_no)}）条“{clause.title}”没有第{no}项")
        elif task is not None and (q.intent in (*UNITS_ASKED, "deadline") or text is None):
            d.lines.append(_task_line(q, d, doc, task, where))
            d.tasks.append(task)
        elif text is not None and q.intent == "target" and not (re.search(r"\d", text) and all(
                t in text for t in q.terms if t not in doc.meta.title)):  # the plan's name is no topic
            missing.append(f"{where}没有给出这项数量目标")  # 第（九）条第2项的利用率目标: none stated
        elif text is not None:
            d.lines.append(f"{where}：{text.rstrip('。；;')}{d.cite(doc, clause.text, clause.no, None)}。")
    if not having:
        return no_such_clause(clause_no, docs)
    if not d.lines:
        return Draft(found=False, lines=[f"{'；'.join(missing)}，无法回答。"])
    return d


def no_such_clause(no: int, docs: Sequence[Document]) -> Draft:
    """A refusal naming how many clauses each plan in scope has (there is no 第（十三）条)."""
    counts = "、".join(f"{doc_label(doc) if len(docs) > 1 else '文件'}共{int_to_cn(len(doc.clauses))}条"
                      for doc in docs if doc.clauses)
    return Draft(found=False, lines=[f"{counts or '文件没有编号的条款'}，没有第（{int_to_cn(no)}）条，无法回答。"])


def answer_clause_units(q: Query, docs: Sequence[Document]) -> Draft | None:
    """Who does the work of a clause named by its number (第（六）条由谁牵头): the units of
    every task the clause holds, or a plain refusal when its document assigns the clause to
    no unit.  None when no document in scope has the clause."""
    if q.clause is None or q.intent not in UNITS_ASKED:
        return None
    d, missing = Draft(exact=True), []
    having = [doc for doc in docs if doc.clause(q.clause) is not None]
    for doc in having:
        clause = doc.clause(q.clause)
        assert clause is not None
        prefix = f"{doc_label(doc)}：" if len(having) > 1 else ""
        where = f"{prefix}第（{int_to_cn(q.clause)}）条“{clause.title}”"
        tasks = [t for t in doc.tasks if t.clause_no == q.clause]
        if not tasks:
            missing.append(f"{where}在任务分工中没有列出牵头或责任单位")
        if len(tasks) > 1:
            d.lines.append(f"{where}共{len(tasks)}项任务：")
        for task in tasks:
            d.lines.append(_task_line(q, d, doc, task, f"{where}中" if len(tasks) == 1 else "· "))
            d.tasks.append(task)
    if not having:
        return no_such_clause(q.clause, docs)
    if not d.lines:
        return Draft(found=False, lines=[f"{'；'.join(missing)}，无法回答。"])
    return d
