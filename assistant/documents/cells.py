"""Cells of a responsibility table as the document means them: wrapped lines undone, and
who leads read from the unit cells (columns, or （牵头） marks).

A PDF cell keeps the line breaks of its column: 2025年 / 底前 is one deadline, 国家机关 /
事务管理局 one unit, while a unit cell listing one name per line means several units.  The
reading wing joins the lines it can tell from their widths; what is left is decided here by
content — a text cell never means a break, a unit name is complete only when it ends like
one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from assistant.documents.units import ORG_SUFFIXES, UnitResolver
from assistant.text import split_outside_brackets

_MARK_RE = re.compile(r"[（(]\s*(牵头|主责|负责|配合|参与|协办)\s*[)）]")
_LEAD_MARKS = ("牵头", "主责", "负责")
_SEP_RE = re.compile(r"[、，,；;/\n]")
_LIST_END = ("、", "，", ",", "；", ";", "/")
_GROUP_ENDS = ("）", ")", "企业", "部门", "单位")  # how a group of units (各…) can end


def unwrap_text(cell: str) -> str:
    """A text cell's lines joined: a break inside a requirement or a deadline is where the
    column ended (a space is kept only between two Latin words)."""
    if "\n" not in cell:
        return cell
    out = ""
    for line in (ln.strip() for ln in cell.split("\n")):
        if not line:
            continue
        latin = out[-1:].isascii() and out[-1:].isalpha() and line[0].isascii() and line[0].isalpha()
        out += (" " if latin else "") + line
    return out


def _unclosed(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def cut_name(line: str, resolver: UnitResolver) -> bool:
    """The line stops inside a unit name (国家机关 | 事务管理局) or inside brackets.  A
    group such as 各县（市、区）人民政府 is known by its first words, so it is complete only
    when it ends like a name (各县（市、区）人 | 民政府 is cut)."""
    if _unclosed(line):
        return True
    if line.endswith(_LIST_END):
        return False
    names = resolver.split(line)
    last = names[-1] if names else ""
    if not last or last.endswith(ORG_SUFFIXES):
        return False
    if resolver.is_non_bureau(last):
        return not last.endswith(_GROUP_ENDS)
    return not resolver.knows(last)


def unwrap_units(cell: str, resolver: UnitResolver) -> str:
    """A unit cell with the breaks inside a name joined; the breaks between names (one
    unit per line) stay.  A line opening with a bracket (a （牵头） mark, the （街道办事处）
    of a name) belongs to the line above."""
    lines = [ln.strip() for ln in cell.split("\n") if ln.strip()]
    out: list[str] = []
    for line in lines:
        if out and (line[0] in "（(" or cut_name(out[-1], resolver)):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def uses_marks(cells: Iterable[str]) -> bool:
    """Whether a table says who leads by a mark inside its unit cells."""
    return any(_MARK_RE.search(c) for c in cells)


def _marked_names(cells: Sequence[str], resolver: UnitResolver) -> list[tuple[str, str]]:
    """(name as written, its mark: "lead", "part" or "") for the names of unit cells; a mark
    such as （牵头） after a name says its role (市住建局（牵头）、市财政局)."""
    out: list[tuple[str, str]] = []
    for cell in cells:
        for piece in split_outside_brackets(cell, _SEP_RE, opens="（(", closes="）)"):
            m = _MARK_RE.search(piece)
            mark = "" if m is None else ("lead" if m.group(1) in _LEAD_MARKS else "part")
            out += [(name, mark) for name in resolver.split(piece)]
    return out


def row_units(units: Mapping[str, Sequence[str]], resolver: UnitResolver,
              marked: bool) -> tuple[list[str], list[str]]:
    """(lead, participating) names as written of one row's unit cells (``units["lead"]``,
    ``units["participating"]``).  The columns decide (牵头单位 / 参与单位), unless the table
    marks leads: then marked units lead and the rest take part, and a row without a mark
    has a lead only when it lists a single unit (else the document names no lead)."""
    if not marked:
        lead = list(dict.fromkeys(n for c in units["lead"] for n in resolver.split(c)))
        part = [n for c in units["participating"] for n in resolver.split(c)]
        return lead, list(dict.fromkeys(n for n in part if n not in lead))
    names = _marked_names(units["lead"], resolver) + _marked_names(units["participating"], resolver)
    listed = list(dict.fromkeys(n for n, _ in names))
    lead = list(dict.fromkeys(n for n, mark in names if mark == "lead"))
    if not lead and len(listed) == 1:
        lead = listed
    return lead, [n for n in listed if n not in lead]
