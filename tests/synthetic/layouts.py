"""How each layout states who is responsible for a task, and what that statement means.

One function per question, so the renderers and the gold ask the same code: the
parenthesis an inline layout writes after a task, and the (lead, participants) a careful
reader gets back from it under that layout's convention.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Document, Duty, Task

TABLE_LAYOUTS = ("table_ruled", "table_borderless", "table_marked", "table_docx")
INLINE_LAYOUTS = ("inline_lead_coop", "inline_lead_duty", "inline_resp_first", "inline_all_duty",
                  "inline_not_listed")
LAYOUTS = TABLE_LAYOUTS + INLINE_LAYOUTS
KINDS = ("txt", "pdf", "scan", "docx")

#: the file kinds each layout is made in (a borderless table only exists on paper, a Word
#: table only in Word)
VALID_KINDS: dict[str, tuple[str, ...]] = {
    "table_ruled": ("txt", "pdf", "scan"),
    "table_borderless": ("pdf", "scan"),
    "table_marked": ("txt", "pdf", "scan"),
    "table_docx": ("docx",),
    **{layout: ("txt", "pdf", "scan", "docx") for layout in INLINE_LAYOUTS},
}

#: inline layouts whose parenthesis goes before the task's final 。 (the others after it):
#: real documents do both, so both must be read
PAREN_BEFORE_STOP = ("inline_lead_duty", "inline_all_duty")

RESP_FIRST_NOTE = "列第一位的为牵头单位，下同"
LEAD_MARK = "（牵头）"


@dataclass(frozen=True)
class Reading:
    """Lead and participating units as written, under one layout's convention."""

    lead: tuple[str, ...]
    partners: tuple[str, ...]


def is_table(layout: str) -> bool:
    return layout in TABLE_LAYOUTS


def _names(units: tuple[str, ...]) -> str:
    return "、".join(units)


def written_duty(layout: str, doc: Document, duty: Duty) -> Duty:
    """The units a layout writes: inline_not_listed stops writing the implied unit as a
    participant (it said once that it applies everywhere); a lead is always written."""
    if layout != "inline_not_listed":
        return duty
    return Duty(duty.lead, tuple(u for u in duty.partners if u != doc.implied_unit), duty.deadline)


def _lead_sentence(duty: Duty, coop: str) -> str:
    """（X负责） for one unit, （X、Y牵头） without participants, else （X牵头，Y、Z{coop}）."""
    if len(duty.units) == 1:
        return f"{duty.lead[0]}负责"
    if not duty.partners:
        return f"{_names(duty.lead)}牵头"
    return f"{_names(duty.lead)}牵头，{_names(duty.partners)}{coop}"


def paren(layout: str, doc: Document, task: Task, first: bool) -> str:
    """The parenthesis an inline layout writes after ``task`` (``first``: the first task)."""
    duty = written_duty(layout, doc, task.duty)
    if layout in ("inline_lead_coop", "inline_not_listed"):
        inner = _lead_sentence(duty, "配合")
        if layout == "inline_not_listed" and first:
            unit = doc.implied_unit
            inner += f"；{unit}负责落实。以下均需{unit}落实，不再列出"
    elif layout == "inline_lead_duty":
        inner = _lead_sentence(duty, "等按职责分工负责")
    elif layout == "inline_resp_first":
        inner = f"责任单位：{_names(duty.units)}"
        if first and doc.note_in_paren:
            inner += f"；{RESP_FIRST_NOTE}"
    elif layout == "inline_all_duty":
        inner = f"{duty.lead[0]}负责" if len(duty.units) == 1 else f"{_names(duty.units)}按职责分工负责"
    else:
        raise ValueError(f"not an inline layout: {layout}")
    return f"（{inner}）"


def with_paren(layout: str, text: str, mark: str) -> str:
    """The task sentence with its responsibility parenthesis, before or after the final 。."""
    if layout in PAREN_BEFORE_STOP and text.endswith("。"):
        return text[:-1] + mark + "。"
    return text + mark


def resp_first_sentence() -> str:
    """The sentence before the first task section, for documents that do not put the
    inline_resp_first note in the first parenthesis."""
    return f"现将重点任务及责任单位明确如下（{RESP_FIRST_NOTE}）。"


def marked_cell(duty: Duty) -> str:
    """table_marked's 责任单位 cell: every unit, （牵头） after the lead(s) unless only one unit."""
    if len(duty.units) == 1:
        return duty.units[0]
    return _names(tuple(u + LEAD_MARK for u in duty.lead) + duty.partners)


def reading(layout: str, doc: Document, task: Task) -> Reading:
    """What the layout says about the task's units, implied units included."""
    duty = written_duty(layout, doc, task.duty)
    if layout == "inline_resp_first":
        return Reading(duty.units[:1], duty.units[1:])
    if layout == "inline_all_duty":
        if len(duty.units) == 1:
            return Reading(duty.units, ())
        return Reading((), duty.units)
    if layout == "inline_not_listed":
        implied = () if doc.implied_unit in duty.lead else (doc.implied_unit,)
        return Reading(duty.lead, duty.partners + implied)
    return Reading(duty.lead, duty.partners)
