"""Gold data of one document in one layout, derived from the same content the renderers use.

Conventions (see also the interface contract, ``task dict``):

- ``key_task``: the 重点任务 cell of the row for table layouts — the section title in the
  seven-column tables (whose 主要措施 column holds the clause title), the clause title in
  table_marked (which has no 主要措施 column); for inline layouts the clause heading title.
  Merged (empty) cells are filled down: the gold gives the label the row belongs to.
- units: ``*_as_written`` is what the layout writes (implied units included), the plain
  lists map each through the document's own written-form -> canonical table.
- target ``year``: the year as an int; “十四五” counts as 2025 (the end of the plan period,
  as the assistant's targets module decides); ``year_as_written`` keeps the text.
"""

from __future__ import annotations

import re
from typing import Any

from . import layouts as lay
from .model import Document, Target, Task, cn_number, tasks

PERIOD_END = {"十四五": 2025, "十五五": 2030}


def key_task(layout: str, task: Task) -> str:
    if layout in ("table_ruled", "table_borderless", "table_docx"):
        return task.section_title
    return task.clause_title


def task_gold(layout: str, doc: Document, task: Task) -> dict[str, Any]:
    """The task dict of the interface contract, for this layout."""
    table = lay.is_table(layout)
    r = lay.reading(layout, doc, task)
    return {
        "task_id": task.task_id,
        "source": "table" if table else "text",
        "item": str(task.row_no) if table else task.label,
        "row_no": task.row_no if table else None,
        "clause_no": task.clause_no,
        "key_task": key_task(layout, task),
        "requirement": task.text,
        "lead_units": [doc.canonical(u) for u in r.lead],
        "participating_units": [doc.canonical(u) for u in r.partners],
        "lead_units_as_written": list(r.lead),
        "participating_units_as_written": list(r.partners),
        "deadline": task.duty.deadline if table else None,
    }


def target_year(year: str) -> int:
    """2025年 / 2030年前 -> 2025 / 2030; 十四五 -> 2025."""
    m = re.match(r"(\d{4})年", year)
    return int(m.group(1)) if m else PERIOD_END[year.strip("“”")]


def _target_gold(t: Target, clause_no: int, task: Task | None, table: bool) -> dict[str, Any]:
    return {"indicator": t.indicator, "value": t.value, "year": target_year(t.year), "year_as_written": t.year,
            "clause_no": clause_no, "task_id": task.task_id if task else None,
            "row_no": task.row_no if task and table else None}


def targets_gold(layout: str, doc: Document) -> list[dict[str, Any]]:
    """Every quantitative target in document order; task_id is null for targets stated in
    a clause that is not a task (主要目标)."""
    table = lay.is_table(layout)
    by_label = {t.label: t for t in tasks(doc)}
    out = []
    for _, _, clauses in doc.numbered():
        for clause_no, clause in clauses:
            base = f"（{cn_number(clause_no)}）"
            out += [_target_gold(t, clause_no, by_label.get(base), table) for t in clause.targets]
            for i, item in enumerate(clause.items, start=1):
                out += [_target_gold(t, clause_no, by_label[f"{base}{i}"], table) for t in item.targets]
    return out


def header_gold(doc: Document) -> dict[str, Any]:
    h = doc.header
    return {"title": h.title, "notice_title": h.notice_title, "doc_number": h.doc_number,
            "issuers": list(h.issuers), "date": h.date, "date_as_written": h.date_text,
            "level": doc.level, "place": doc.place}


def document_gold(layout: str, doc: Document) -> dict[str, Any]:
    """Header, unit map, tasks and targets of ``doc`` rendered in ``layout``."""
    return {
        "doc_id": doc.stem,
        "level": doc.level,
        "layout": layout,
        "header": header_gold(doc),
        "unit_map": dict(doc.units),
        "tasks": [task_gold(layout, doc, t) for t in tasks(doc)],
        "targets": targets_gold(layout, doc),
    }
