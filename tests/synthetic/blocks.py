"""A document in one layout as a list of blocks (paragraphs, a table, page breaks).

The file renderers (text, PDF, Word) only decide how a block looks; what is written —
including every responsibility mark — is decided here, once, so a task reads the same in
every file kind of a layout and the body is the same in every layout apart from the marks.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import layouts as lay
from .model import SYNTHETIC_NOTE, Clause, Document, Task, cn_number, tasks


@dataclass(frozen=True)
class Para:
    """A paragraph; ``style`` names its role (the renderers map roles to looks)."""

    text: str
    style: str  # note issuer docno notice_title plain sign title section clause body attach table_title


@dataclass(frozen=True)
class Table:
    """A responsibility table; ``merged`` are the columns whose empty cells continue the
    cell above (a vertically merged cell in Word)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    style: str  # ruled | borderless | marked
    widths: tuple[float, ...]  # mm on an A4 page with a 170 mm text area
    merged: tuple[int, ...]


@dataclass(frozen=True)
class PageBreak:
    """The attachment starts on a new page."""


Block = Para | Table | PageBreak

FULL_HEADER = ("序号", "重点任务", "主要措施", "工作要求", "牵头单位", "参与单位", "完成时限")
FULL_WIDTHS = (11.0, 18.0, 20.0, 51.0, 24.0, 26.0, 20.0)
MARKED_HEADER = ("序号", "重点任务", "工作措施", "责任单位", "完成时限")
MARKED_WIDTHS = (11.0, 24.0, 75.0, 40.0, 20.0)


def table_title(doc: Document) -> str:
    return f"{doc.header.title}重点任务及责任分工表"


def header_blocks(doc: Document) -> list[Block]:
    """Cover notice: issuers, 文号, notice title, recipients, notice, signature, date."""
    h = doc.header
    out: list[Block] = [Para(SYNTHETIC_NOTE, "note")]
    out += [Para(name, "issuer") for name in h.issuers]
    out += [Para(h.doc_number, "docno"), Para(h.notice_title, "notice_title"), Para(h.recipients, "plain"),
            Para(h.notice, "body")]
    out += [Para(name, "sign") for name in h.issuers]
    out += [Para(h.date_text, "sign"), Para("（此件主动公开）", "plain"),
            Para(h.title, "title"), Para(h.preamble, "body")]
    return out


def _task_text(layout: str, doc: Document, task: Task, first: bool) -> str:
    if lay.is_table(layout):
        return task.text
    return lay.with_paren(layout, task.text, lay.paren(layout, doc, task, first))


def _clause_blocks(layout: str, doc: Document, clause_no: int, clause: Clause,
                   by_label: dict[str, Task], first_id: str) -> list[Block]:
    head = f"（{cn_number(clause_no)}）{clause.title}"
    task = by_label.get(f"（{cn_number(clause_no)}）")
    if task is not None:  # an item-less clause that is a task
        return [Para(f"{head}。{_task_text(layout, doc, task, task.task_id == first_id)}", "clause")]
    if not clause.items:
        return [Para(f"{head}。{clause.text}", "clause")]
    out: list[Block] = [Para(f"{head}。{clause.text}" if clause.text else head, "clause")]
    for i, _ in enumerate(clause.items, start=1):
        t = by_label[f"（{cn_number(clause_no)}）{i}"]
        out.append(Para(f"{i}.{_task_text(layout, doc, t, t.task_id == first_id)}", "body"))
    return out


def body_blocks(layout: str, doc: Document) -> list[Block]:
    """Sections and clauses, with the layout's marks for inline layouts."""
    all_tasks = tasks(doc)
    by_label = {t.label: t for t in all_tasks}
    first = all_tasks[0]
    out: list[Block] = []
    for s_no, section, clauses in doc.numbered():
        starts_tasks = any(c == first.clause_no for c, _ in clauses)
        if starts_tasks and layout == "inline_resp_first" and not doc.note_in_paren:
            out.append(Para(lay.resp_first_sentence(), "body"))
        out.append(Para(f"{cn_number(s_no)}、{section.title}", "section"))
        for clause_no, clause in clauses:
            out += _clause_blocks(layout, doc, clause_no, clause, by_label, first.task_id)
    return out


def _full_row(t: Task) -> tuple[str, ...]:
    return (str(t.row_no), t.section_title if t.first_in_section else "",
            t.clause_title if t.first_in_clause else "", t.text, "、".join(t.duty.lead),
            "、".join(t.duty.partners), t.duty.deadline)


def _marked_row(t: Task) -> tuple[str, ...]:
    return (str(t.row_no), t.clause_title if t.first_in_clause else "", t.text, lay.marked_cell(t.duty),
            t.duty.deadline)


def task_table(layout: str, doc: Document) -> Table:
    """The attachment table of a table layout: one row per task."""
    all_tasks = tasks(doc)
    if layout == "table_marked":
        return Table(MARKED_HEADER, tuple(_marked_row(t) for t in all_tasks), "marked", MARKED_WIDTHS, (1,))
    style = "borderless" if layout == "table_borderless" else "ruled"
    return Table(FULL_HEADER, tuple(_full_row(t) for t in all_tasks), style, FULL_WIDTHS, (1, 2))


def blocks(layout: str, doc: Document) -> list[Block]:
    """The whole document in ``layout``."""
    out = header_blocks(doc) + body_blocks(layout, doc)
    if lay.is_table(layout):
        out += [Para(f"附件：{table_title(doc)}", "attach"), PageBreak(), Para("附件", "attach"),
                Para(table_title(doc), "table_title"), task_table(layout, doc)]
    return out
