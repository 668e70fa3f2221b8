"""Hits + document model -> a short, exact, cited answer (or a plain refusal).

Extractive by design: every sentence shown is copied from a clause or a table row and
carries an ``[n]`` marker into ``citations``; nothing is paraphrased, so no number can
appear that the cited text does not contain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from assistant.answering.asking import question_role, roles_told
from assistant.answering.intent import Query, expand_synonyms
from assistant.answering.numbered import names_table, row_from_end
from assistant.answering.spans import YEAR_LEAD_RE
from assistant.answering.wording import DEADLINE_WORDS
from assistant.documents.table import task_text
from assistant.text import canonical, has_any, squeeze, support, without_markers
from assistant.types import LEVEL_CN, Citation, Conflict, Document, Hit, TaskRow

SearchFn = Callable[..., list[Hit]]
_T = TypeVar("_T")

#: an answer quotes at most this many task rows (the rest are counted, not quoted) and
#: carries at most MAX_TASKS in its ``tasks``: answers stay readable whatever a file holds
MAX_LISTED = 30
MAX_TASKS = 200
#: a refusal whose words the documents do use, and the line before the passage it points to
NO_PROVISION = "现有文件没有对这个问题作出明确规定，无法回答这个问题。"
NEAR = "文件中相近的内容（供参考，并非对问题的回答）："


@dataclass
class Draft:
    """An answer being composed: lines of text and the evidence they cite."""

    lines: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    found: bool = True
    score: float = 0.0  # support of the best evidence, to choose between table rows and body text
    exact: bool = False  # read from structured data (a quoted value, a deadline): no evidence check
    by_meaning: bool = False  # its figure's indicator matched by the model alone: the words must hold unloosened

    def cite(self, doc: Document, text: str, clause_no: int | None, row_no: int | None, *,
             task: TaskRow | None = None) -> str:
        """Register a citation (deduplicated) and return its ``[n]`` marker.  A task's
        citation also carries its label and who is responsible as the document states it."""
        for i, c in enumerate(self.citations, 1):
            if c.doc_id == doc.id and c.clause_no == clause_no and c.row_no == row_no and c.text == text:
                return f"[{i}]"
        self.citations.append(Citation(
            doc_id=doc.id, doc_title=doc.meta.title, level=doc.meta.level, clause_no=clause_no, row_no=row_no,
            text=text, item=task.item if task is not None and task.source == "text" else "",
            units_text=task.units_text if task is not None else "", page=task.page if task is not None else None))
        return f"[{len(self.citations)}]"

    def cite_task(self, doc: Document, task: TaskRow, text: str | None = None) -> str:
        return self.cite(doc, task.requirement if text is None else text, task.clause_no, task.row_no, task=task)

    @property
    def evidence(self) -> list[tuple[str, int | None, int | None]]:
        """(doc, clause, row) of each citation: what retrieval should rank first."""
        return [(c.doc_id, c.clause_no, c.row_no) for c in self.citations]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def extend(self, other: Draft) -> None:
        """Append another draft's lines, renumbering its [n] markers into this draft's
        citations (shared passages keep one number)."""
        mapping: dict[int, str] = {}
        for i, c in enumerate(other.citations, 1):
            before = len(self.citations)
            for j, mine in enumerate(self.citations, 1):
                if (mine.doc_id, mine.clause_no, mine.row_no, mine.text) == (c.doc_id, c.clause_no, c.row_no, c.text):
                    mapping[i] = f"[{j}]"
                    break
            else:
                self.citations.append(c)
                mapping[i] = f"[{before + 1}]"
        def renumber(line: str) -> str:
            return re.sub(r"\[(\d+)\]", lambda m: mapping.get(int(m.group(1)), m.group(0)), line)
        if other.tasks and set(other.tasks) == set(self.tasks) and len(other.lines) == len(self.lines) \
                and other.lines[:1] == self.lines[:1]:  # the same list again, each task's deadline added: said once
            self.lines = [renumber(line) for line in other.lines]
            return
        seen = {squeeze(without_markers(line)) for line in self.lines}
        heading: list[str] = []  # a group's heading heads each list, when anything of that list is new
        repeated = all(squeeze(without_markers(x)) in seen for x in other.lines if not x.endswith("】"))
        for line in () if repeated else other.lines:  # the same whole answer to a later part: said once
            if line.endswith("】"):
                heading = [line]
                continue
            if squeeze(without_markers(line)) in seen and not line.startswith("· "):
                continue  # the same sentence answers both parts: say it once (a list is whole: each unit's own)
            self.lines += [*heading, renumber(line)]
            heading = []
        self.tasks += [t for t in other.tasks if t not in self.tasks]
        self.conflicts += [c for c in other.conflicts if c not in self.conflicts]


def doc_label(doc: Document) -> str:
    return f"《{doc.meta.title}》（{LEVEL_CN.get(doc.meta.level, doc.meta.level)}）"


def lead_said(row: TaskRow) -> str:
    """Who leads a task, as an answer line says it (a task naming no lead says so)."""
    return f"{'、'.join(row.lead_units)}牵头" if row.lead_units else "未写明牵头单位"


def roles_said(row: TaskRow) -> str:
    """Who leads a task and who takes part, as an answer line says them (X、Y按职责分工负责 where the plan says so, naming no lead)."""
    said = "、".join(row.participating_units)
    return f"未写明牵头单位；{said}按职责分工负责" if said and not row.lead_units and "按职责分工" in row.units_text else f"{lead_said(row)}；{'参与：' + said if said else '无参与单位'}"


def row_phrase(row: TaskRow, limit: int = 40) -> str:
    """The row's task in a few words: its first clause unless that is only a date, else the measure."""
    first = re.split(r"[，。；,;]", row.requirement, maxsplit=1)[0].strip()  # a PDF's table may use ASCII commas
    if 4 <= len(first) <= limit and not YEAR_LEAD_RE.match(first):
        return first
    return row.measure or first[:limit]


def units_phrase(row: TaskRow) -> str:
    """Who is responsible, in the words of the task's own rule: a lead and participants,
    or — where the document names no lead — every listed unit, by its duties."""
    if not row.lead_units and row.participating_units:
        where = "文件" if row.source == "text" else "表中"
        return f"{where}未明确牵头单位，由{'、'.join(row.participating_units)}按职责分工负责"
    s = f"由{'、'.join(row.lead_units) or '（未列牵头单位）'}牵头"
    if row.participating_units:
        s += f"，{'、'.join(row.participating_units)}参与"
    return s


def narrow(items: list[_T], text_of: Callable[[_T], str], focus: Sequence[str]) -> list[_T]:
    """Only the items holding a follow-up's own words (那农村呢 -> the rural task), when
    any does; otherwise all of them."""
    if not focus:
        return items
    words = [canonical(w) for w in focus]
    kept = [x for x in items if any(w in canonical(text_of(x)) for w in words)]
    return kept or items


def row_order(row: TaskRow) -> tuple[int, ...]:
    """Document order of tasks: table rows by 序号, inline tasks by their clause's place and item numbers
    (（一）2 before （一）10, （一）1-2 after （一）1; one right under a part, with no clause, last)."""
    items = tuple(int(n) for n in re.findall(r"\d+", re.sub(r"^[（(][^）)]*[）)]", "", row.item or "")))
    return (row.row_no if row.row_no is not None else 10**6, row.clause_pos if row.clause_pos is not None else 10**5, *items)


def listed_tasks(tasks: Sequence[TaskRow]) -> list[TaskRow]:
    """A plan's own list of tasks in order: its table rows when it has a table (a task the text restates is
    one row), else its tasks (for counting units' tasks and for a task named by its place)."""
    table = [t for t in tasks if t.source == "table"]
    return sorted(table or tasks, key=row_order)


def rank_rows(query: str, docs: Sequence[Document], hits: Sequence[Hit],
              focus: Sequence[str] = ()) -> list[tuple[float, Document, TaskRow]]:
    """Table rows by support for the question; rows hit by retrieval get a small bonus."""
    q = expand_synonyms(query)
    hit_rank: dict[tuple[str, int | None], int] = {(h.chunk.doc_id, h.chunk.row_no): h.rank for h in hits
                                                   if h.chunk.row_no is not None}
    clause_rank = {(h.chunk.doc_id, h.chunk.clause_no): h.rank for h in hits if h.chunk.kind == "clause"}
    scored = []
    for doc in docs:
        for row in doc.tasks:
            s = support(query, task_text(row))
            s = max(s, 0.9 * support(q, task_text(row)))
            r = (hit_rank.get((doc.id, row.row_no)) if row.row_no is not None else None) or clause_rank.get((doc.id, row.clause_no))
            if r:
                s += 0.05 / r
            scored.append((s, doc, row))
    scored.sort(key=lambda x: (-x[0], row_order(x[2])))
    return narrow(scored, lambda x: task_text(x[2]), focus)


def pick_close(scored: list[tuple[float, Document, TaskRow]], floor: float,
               ratio: float = 0.8) -> list[tuple[float, Document, TaskRow]]:
    """The rows close to the best one, judged within each document (a county plan's
    best row must not crowd out the city plan's, nor the other way round)."""
    out: list[tuple[float, Document, TaskRow]] = []
    by_doc: dict[str, list[tuple[float, Document, TaskRow]]] = {}
    for x in scored:
        by_doc.setdefault(x[1].id, []).append(x)
    for mine in by_doc.values():
        if mine[0][0] < floor:
            continue
        top = mine[0][0]
        out.extend(x for x in mine if x[0] >= max(floor, ratio * top))
    return sorted(out, key=lambda x: -x[0])[:8]


def conflicts_for(doc: Document, clause_no: int | None, row_no: int | None, text: str = "") -> list[Conflict]:
    """The document's body-vs-table conflicts that concern this clause/row — and, when a
    quoted ``text`` is given, that passage (a row's other sentences raise no alarm)."""
    def about(passage: str, value: str) -> bool:
        p, t = squeeze(passage), squeeze(text)
        return not text or p in t or t in p or value in text

    out = []
    for c in doc.conflicts:
        if row_no is not None and c.row_no == row_no and about(c.table_text, c.table_value) or row_no is None and clause_no is not None and c.clause_no == clause_no and about(c.body_text, c.body_value):
            out.append(c)
    return out


def add_conflicts(draft: Draft, doc: Document, conflicts: Sequence[Conflict]) -> None:
    for c in conflicts:
        if c in draft.conflicts:
            continue
        draft.conflicts.append(c)
        body_ref = draft.cite(doc, c.body_text, c.clause_no, None)
        table_ref = draft.cite(doc, c.table_text, c.clause_no, c.row_no)
        draft.lines.append(f"⚠ 正文与附件表不一致：正文为“{c.body_value}”{body_ref}，附件表为“{c.table_value}”{table_ref}，"
                           f"请以正式文件为准并向牵头单位核实。")


# ---------------------------------------------------------------- intents

def answer_lead(q: Query, docs: Sequence[Document], hits: Sequence[Hit], floor: float,
                only: Sequence[TaskRow] | None = None, every: bool = False) -> Draft:
    """Who leads (or takes part in) the tasks the question is about; ``only``: choose among
    these tasks (one unit's, for 住建局在海绵城市建设中负责什么), ``every``: all of them."""
    d = Draft(exact=every)  # every task of a topic: matched by its words already
    ranked = rank_rows(q.topic or q.text, docs, hits, q.focus)
    if only is not None:
        keep = set(only)
        ranked = [x for x in ranked if x[2] in keep]
    chosen = ranked if every else pick_close(ranked, floor)
    if not chosen or not every and beside_topic(q.terms, chosen):
        d.found = False
        return d
    d.score = chosen[0][0]
    for _, doc, row in sorted(chosen, key=lambda x: (x[1].id, row_order(x[2])))[:MAX_LISTED]:
        ref = d.cite_task(doc, row)
        prefix = doc_label(doc) if len({x[1].id for x in chosen}) > 1 else ""
        phrase = row_phrase(row)
        measure = f"（{row.measure}）" if row.measure and row.measure != phrase else ""
        verb = units_phrase(row)
        if q.intent == "participate" and row.lead_units:  # where no lead is named, every unit is by its duties
            parts = "、".join(row.participating_units) or "表中未列参与单位"
            verb = f"参与单位：{parts}；牵头单位：{'、'.join(row.lead_units) or '未列'}"
        if row.deadline and has_any(q.text, DEADLINE_WORDS):  # 谁牵头 什么时候完成: both asked
            verb += f"；完成时限：{row.deadline}"
        d.lines.append(f"{prefix}{phrase}{measure}：{verb}{ref}。")
        d.tasks.append(row)
        add_conflicts(d, doc, conflicts_for(doc, None, row.row_no))
    if len(chosen) > MAX_LISTED:
        d.lines.append(f"另有{len(chosen) - MAX_LISTED}项，请把问题限定到某一方面。")
    return d


def beside_topic(terms: Sequence[str], chosen: Sequence[tuple[float, Document, TaskRow]]) -> bool:
    """Rows that match only the generic words of the topic (城市绿色照明 -> rows about 城市):
    a topic word that no row of the document holds, but its text does, is a task the
    document states without naming who does it, when no row stands out (several rows, all
    weakly matched: a row summarising its clause in other words is matched well)."""
    if len(chosen) < 2 or chosen[0][0] >= 0.8:
        return False
    words = {canonical(t) for t in terms if len(t) >= 3}
    if not words:
        return False
    docs = [(canonical(squeeze(d.text)), [canonical(squeeze(task_text(r))) for r in d.tasks])
            for d in {x[1].id: x[1] for x in chosen}.values()]  # each text read once, not once per word
    return any(t in text and not any(support(t, row) >= 0.6 for row in rows)  # 绿色建造 is held by a row on 绿色低碳建造
               for t in words for text, rows in docs)


def answer_row(q: Query, docs: Sequence[Document]) -> Draft | None:
    """The table row the question names by number (分工表第5项由谁牵头): the row itself, or
    a refusal saying how many rows the table has, or that the plans have no table when the
    question names one (分工表序号14); None when no document in scope numbers its rows and
    none is named (an inline plan's 第2项 is an item, read like any other words)."""
    tables = [doc for doc in docs if any(t.row_no is not None for t in doc.tasks)]
    if q.row is not None and not tables and any(doc.tasks for doc in docs) and names_table(q.text):  # 分工表序号14 of inline plans
        return Draft(found=False, lines=["文件没有附责任分工表（任务及责任单位写在正文各条中），"
                                         f"没有{f'序号{q.row}的' if q.row > 0 else '表中的'}任务，无法回答。"])
    if q.row is None or not tables:
        return None
    # 第8项里市住房城乡建设局是牵头吗: the table of the plan that names the unit
    tables = [doc for doc in tables if q.unit and any(q.unit in (*t.lead_units, *t.participating_units) for t in doc.tasks)] or tables
    d = Draft(exact=q.row < 0)  # counted from the end: the row cited is the row named
    for doc in tables:  # a row counted from the end (最后一项: -1) is numbered in each table
        no = row_from_end([t.row_no for t in doc.tasks if t.row_no is not None], q.row)
        if (row := doc.task(no)) is None:
            continue
        prefix = doc_label(doc) if len(tables) > 1 else ""
        ref = d.cite_task(doc, row)
        req = row.requirement.rstrip("。；; ")  # what the row is, asked (第11行是什么任务): its whole 工作要求
        due = (f"；完成时限：{row.deadline}" + (f"；工作要求：{req}" if q.intent == "general" else "")) if row.deadline \
            else (f"；表中未列完成时限，工作要求：{req}" if q.intent in ("deadline", "general") else "")
        measure = f"（{row.measure}）" if row.measure and row.measure != row_phrase(row) else ""
        d.lines.append(f"{prefix}责任分工表序号{no}：{row_phrase(row)}{measure}，{units_phrase(row)}{due}{ref}。")
        d.tasks.append(row)
        add_conflicts(d, doc, conflicts_for(doc, None, row.row_no))
    if not d.lines:
        counts = "、".join(f"{doc_label(doc) if len(tables) > 1 else '文件的责任分工表'}共{len(doc.tasks)}项" for doc in tables)
        return Draft(found=False, lines=[f"{counts}，没有{f'序号{q.row}的' if q.row > 0 else f'倒数第{-q.row}项'}任务，无法回答。"])
    return d


def answer_deadline(q: Query, docs: Sequence[Document], hits: Sequence[Hit], floor: float,
                    states: Callable[[str], bool] | None = None) -> Draft:
    """When a task is due: the 完成时限 of the best matching rows, cited to the row.  With a figure
    quoted (4亿㎡以上，这个目标的期限), ``states`` picks the rows whose sentence states it, quoted
    with its own time (“十四五”期间…) before the table's."""
    d = Draft()
    topic = q.topic or q.text  # the words asking when (完成时限, 什么时候) and naming the table match no row
    for w in sorted((*DEADLINE_WORDS, "完成时限", "时候", "任务", "方案", "责任分工表", "分工表"), key=len, reverse=True):
        topic = topic.replace(w, " ")
    role = question_role(q.original) if q.unit and roles_told(q.original, q.text) else None  # 住建部牵头的X: its rows
    scored = [x for x in rank_rows(topic.strip() or q.text, docs, hits, q.focus) if x[2].deadline
              and (role is None or q.unit in (*(x[2].lead_units if role != "participating" else ()),
                                              *(x[2].participating_units if role != "lead" else ())))]
    stating = {x[2]: s for x in scored if states for s in re.split(r"[。；;]", x[2].requirement) if states(s)}
    chosen = pick_close([x for x in scored if x[2] in stating], floor, ratio=0.9) or pick_close(scored, floor, ratio=0.9)
    if not chosen:
        d.found = False
        return d
    d.score = chosen[0][0]
    several_docs = len({x[1].id for x in chosen}) > 1
    for _, doc, row in chosen[:3]:
        ref = d.cite_task(doc, row, f"{row.requirement}（完成时限：{row.deadline}）")
        prefix = doc_label(doc) if several_docs else ""
        d.lines.append(f"{prefix}{stating[row]}{ref}；表中完成时限为{row.deadline}。" if row in stating
                       else f"{prefix}{row_phrase(row)}：完成时限为{row.deadline}{ref}。")
        d.tasks.append(row)
    return d


def used_citations(d: Draft) -> list[Citation]:
    """The citations a draft's remaining lines still point to (after a cut to its top
    lines only the first citations can be referenced)."""
    used = {int(n) for line in d.lines for n in re.findall(r"\[(\d+)\]", line)}
    return d.citations[: max(used, default=0)]


def of_tasks(line: str, tasks: Sequence[TaskRow]) -> bool:
    """Whether a quoted sentence is the text of one of the tasks (its time is theirs)."""
    said = squeeze(without_markers(line)).rstrip("。；;")
    return any(said in squeeze(t.requirement) or squeeze(t.requirement).rstrip("。；;") in said for t in tasks)
