"""Readings tried around a question's intent, each keyed on how the question is put rather than
on what it asks about: before it, a figure the plans do not have taken as theirs (15万户改造是哪年
的目标), a place in the plan (紧跟在X后面的那项, 第三部分的最后一项), what a part lacks (哪几项没有
量化指标), tasks picked by who holds them (住建局牵头、不需要发改委配合的); after it, a table row named by number when the intent found nothing (第16项要求到2030年
建成什么: the row's own text)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.answering import conditions, lacking, lookup, positions, rosters, thresholds
from assistant.answering.compose import Draft, answer_row
from assistant.answering.intent import Query
from assistant.types import Document


def answer_early(q: Query, docs: Sequence[Document]) -> Draft | None:
    """The first of the readings before the intent that answers (or refuses plainly), else None."""
    return lookup.absent_figure(q, docs) or positions.answer_position(q, docs) or lacking.answer_lacking(q, docs) \
        or conditions.answer_conditions(q, docs) or thresholds.answer_thresholds(q, docs) or rosters.answer_units_counted(q, docs)


def or_row(q: Query, docs: Sequence[Document], draft: Draft) -> Draft:
    """``draft``, unless it found nothing for a question naming a table row (分工表第7行，光伏那项的目标值):
    then the row itself, its whole requirement shown."""
    if draft.found or q.row is None or q.intent not in ("target", "general") or (draft.citations and not q.years):
        return draft  # a refusal that points at a passage stands, unless a year asked is the row's (below)
    row = answer_row(replace(q, intent="general"), docs)
    if row is None or not row.found or not all(str(y) in t.requirement for t in row.tasks for y in q.years):
        return draft  # 第5项2030年要达到多少 of a row setting 2025 only: the refusal says which years it sets
    return row
