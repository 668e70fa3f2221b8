"""Which task row a question's words pick out (:mod:`chains`): by its own words (供热计量那项), by its place in
a plan's list (表里第一行任务, 最后一项), by a cell of its row (时限为“2027年底前”的那项, 唯一一项没有配合单位的任务),
or by what it is said to have (配合单位只有一家的那条)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.compose import listed_tasks
from assistant.answering.numbered import row_named
from assistant.numerals import cn_to_int
from assistant.text import bigrams
from assistant.types import TaskRow

_FIRST_RE = re.compile(r"最前面?|排第一|排在第一|头一项|第一项|第一行|第一个任务|第一条任务")
DEADLINE_RE = re.compile(r"时限(?:是|为|写的是|写着)[“\"'「]?(?P<dl>[^”\"'」，,的那这]{2,16})|时限[“\"'「](?P<dl2>[^”\"'」]{2,16})[”\"'」]")
NO_PARTNER_RE = re.compile(r"没有(?:配合|参与|协同)(?:单位|部门)|无(?:配合|参与)(?:单位|部门)")


def best_rows(desc: str, rows: Sequence[TaskRow]) -> list[TaskRow]:
    """The rows whose own words hold most of ``desc``'s (character pairs; the heading's words only when no row's
    do), when they hold them clearly: all of them, or at least three and two more than any other row holds."""
    want = bigrams(re.sub(r"那一?项|这一?项|那一?条|这一?条|任务|提出|规定|要求|写进去|里面", "", desc))
    if not want or not rows:
        return []
    scored = [(len(want & bigrams(r.requirement)), r) for r in rows]
    if not any(n for n, _ in scored):
        scored = [(len(want & bigrams(f"{r.key_task}{r.measure}")), r) for r in rows]
    top = max(n for n, _ in scored)
    best = [r for n, r in scored if n == top]
    second = max((n for n, r in scored if n < top), default=0)
    return best if top and (top == len(want) or top >= 3 and top >= second + 2) else []


def best_match(desc: str, rows: Sequence[TaskRow]) -> TaskRow | None:
    """The row :func:`best_rows` finds, when it finds one."""
    found = best_rows(desc, rows)
    return found[0] if len(found) == 1 else None


def has_said(row: TaskRow, said: str) -> bool:
    """Whether ``row`` has what a unit's task is said to have (有配合单位 / 没有配合单位 / 配合单位只有一家); True
    when nothing is said."""
    if m := re.search(r"(牵头|配合|参与|协同)单位(?:只有|仅有|就|有|共|一共)?(一|两|二|三|四|[1-4])(?:家|个)(?!都|也|以上|多|或)", said):
        return len(row.lead_units if m[1] == "牵头" else row.participating_units) == cn_to_int(m[2])
    if not re.search(r"(?:配合|参与|协同)单位", said):
        return True
    return not row.participating_units if re.search(r"没有|无|不设", said) else bool(row.participating_units)


def by_row(desc: str) -> bool:
    """Whether ``desc`` names a task by its place or its row's cells, not by its words."""
    return bool(_FIRST_RE.search(desc) or row_named(desc) is not None or DEADLINE_RE.search(desc) or NO_PARTNER_RE.search(desc))


def row_of(desc: str, rows: Sequence[TaskRow]) -> TaskRow | None:
    """The one row ``desc`` names by its place in one plan's list (第一行任务, 最后一项: its table's 序号 when it
    has a table), its deadline or a missing partner (:func:`by_row`), else by its words (:func:`best_match`)."""
    if dl := DEADLINE_RE.search(desc):
        held = [r for r in rows if r.deadline and (dl["dl"] or dl["dl2"]).strip() in r.deadline]
        return held[0] if len(held) == 1 else None
    if NO_PARTNER_RE.search(desc):
        held = [r for r in rows if not r.participating_units]
        return held[0] if len(held) == 1 else None
    if by_row(desc):
        listed = listed_tasks(rows)
        n = row_named(desc)
        n = 1 if n is None and _FIRST_RE.search(desc) else n
        if len({r.doc_id for r in rows}) > 1 or n is None:
            return None  # 表里第一行 of several plans: no one row
        if n < 0:
            return listed[n] if -n <= len(listed) else None
        return next((r for r in listed if r.row_no == n), None) if any(r.row_no for r in listed) else \
            listed[n - 1] if n <= len(listed) else None
    return best_match(desc, rows)
