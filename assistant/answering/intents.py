"""The intents, in one registry: how each is recognised, how its answer is composed, its
label in the UI and the evaluation type it is scored as.  Adding an intent is one entry.

Recognition is ordered: the first intent whose ``recognise`` accepts the question wins.
Composition gets the question and a :class:`Context` (documents in scope, the hits, a
lookup of a unit's task rows) and returns a :class:`~assistant.answering.compose.Draft`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from assistant.answering import (
    asked,
    conflicts,
    extremes,
    figures,
    lookup,
    parts,
    pointed,
    premise,
    rankings,
    readings,
    rosters,
    timed,
)
from assistant.answering import compose as A
from assistant.answering import facts as F
from assistant.answering import passages as P
from assistant.answering.actors import unnamed_doer
from assistant.answering.answerable import rate_unquoted, share_unquoted
from assistant.answering.asked import FREQUENCY_ASKED_RE, WHEN_IN_TEXT_RE, whether_set, without_asked
from assistant.answering.asking import (
    OTHERS_RE,
    PART_KEYWORD_RE,
    PART_WORDS,
    WHO_WORDS,
    roles_told,
)
from assistant.answering.context import Context, Intent
from assistant.answering.intent import ADDRESSED_RE, COMPANY_RE, LEAD_RE, Query, read_question
from assistant.answering.numbered import BESIDES_RE, MEMBER_RE, row_membership
from assistant.answering.tasklists import answer_task_list, answer_unit_tasks
from assistant.answering.topics import topic_within
from assistant.answering.unit_asks import (
    ROLE_WORDS,
    UNIT_DUTY_WORDS,
    asks_own_tasks,
    deadline_after_premise,
    unit_alone,
)
from assistant.answering.wording import (
    DEADLINE_CHECKED_RE,
    DEADLINE_WORDS,
    HOW_WORDS,
    LEAD_WORDS,
    QUANTITY_WORDS,
    TARGET_WORDS,
    THING_ASKED_RE,
    WHEN_WORDS,
)
from assistant.search.chunking import header_text
from assistant.text import has_any, without_book_titles
from assistant.types import TaskRow

# ---------------------------------------------------------------- composition

def _structure(q: Query, ctx: Context) -> A.Draft:
    draft = F.answer_structure(q, ctx.scope, ctx.hits)
    if draft.found or draft.lines:  # or: there is no such clause
        return draft
    titled = F.named_titles(q, ctx.scope, head=True)  # 工作原则有哪几条: the one clause titled …原则
    return F.answer_titled(titled, len(ctx.scope) > 1) if titled else _passages(q, ctx)


def _conflict(q: Query, ctx: Context) -> A.Draft:
    draft = conflicts.answer_conflict(q, ctx.scope, ctx.hits, ctx.floor)
    return draft if draft.found or draft.lines else _passages(q, ctx)


def _deadline(q: Query, ctx: Context) -> A.Draft:
    said = premise.asked_value(q)
    draft = A.answer_deadline(q, ctx.ranked_docs, ctx.hits, ctx.floor, premise.states_value(said) if said else None)
    if draft.found:
        text = P.answer_spans(q, ctx.by_id, ctx.hits, ctx.floor, True, False)
        return text if text.found and text.score > draft.score + 0.1 else draft
    if has_any(q.text, ("完成时限", "时限", "时间节点", "完成时间")) and \
            not any(t.deadline for d in ctx.scope for t in d.tasks):
        have = "、".join(doc.meta.title for doc in ctx.scope)
        text = _passages(q, ctx)  # the text's own time (到2025年全面完成…) is still an answer: the best line's own,
        timed = [bool(WHEN_IN_TEXT_RE.search(without_book_titles(line))) for line in text.lines]  # no title's
        if text.found and timed and timed[0]:
            text.lines, text.citations = (text.lines, text.citations) if all(timed) else (text.lines[:1], text.citations[:1])
            text.lines.append(f"（{have}的责任分工表没有完成时限一栏；以上是正文中的时间要求。）")
            return text
        return A.Draft(found=False, lines=[f"{have}的责任分工表没有完成时限一栏，文件未规定该任务的完成时限。"])
    return _passages(q, ctx)


def _stranger(q: Query, ctx: Context) -> A.Draft:
    """The tasks of a unit no loaded document names: none, said plainly (not another unit's tasks, nor a
    passage about something else); asked of one piece of work (电力公司在屋顶光伏这块负责什么), who does it."""
    lines = [f"现有文件没有提到“{q.unknown_unit}”，文件中没有它的任务分工。"]
    other = _lead(q, ctx) if q.signals.names_topic else A.Draft(found=False)
    if other.found and other.lines:
        return A.Draft(found=False, citations=other.citations[:1], lines=[*lines, A.NEAR, other.lines[0]])
    return A.Draft(found=False, lines=lines)


def _unit_rows(q: Query, ctx: Context, role: str) -> list[TaskRow]:
    """The unit's rows in ``role`` that the units paired with it hold in theirs too (住建局牵头、发改委配合的)."""
    assert q.unit is not None
    rows = ctx.unit_rows(q.unit, role)
    for unit, their_role in q.partners:  # -any: the rows it has no part in (X参与但Y没参与的)
        held = set(ctx.unit_rows(unit, their_role.lstrip("-")))
        rows = [r for r in rows if (r in held) != their_role.startswith("-")]
    return rows


def _unit_tasks(q: Query, ctx: Context) -> A.Draft:
    if not q.unit:
        return _passages(q, ctx)
    if q.unit_mention and not q.partners and re.search(rf"(?:不是|并非|不由)\s*{re.escape(q.unit_mention)}\s*(?:牵头|主责)", q.text):
        others = [t for d in ctx.scope for t in sorted(d.tasks, key=A.row_order) if t.lead_units and q.unit not in t.lead_units]
        return answer_task_list(f"不由{q.unit}牵头的任务", ctx.scope, others, lambda r: f"（{'、'.join(r.lead_units)}牵头）") \
            if others else A.Draft(found=False, lines=[f"文件中写明牵头单位的任务都由{q.unit}牵头（或参与牵头）。"])
    rows = _unit_rows(q, ctx, q.role)
    if not rows and q.partners:  # X牵头、Y配合 where the plan names no lead (X、Y按职责分工负责): say so
        both = replace(q, role="any", partners=tuple((u, "-any" if r[:1] == "-" else "any") for u, r in q.partners))
        if shared := [r for r in _unit_rows(both, ctx, "any") if not r.lead_units]:
            draft = answer_unit_tasks(both, ctx.scope, shared)  # for reference: the role asked is not in the plan
            draft.lines.insert(0, "文件未明确这些任务的牵头单位（由所列单位按职责分工负责），没有写明谁牵头、谁配合；以下是都列入的任务，供参考。")
            draft.found = False
            return draft
    if not rows and q.role == "lead" and not q.english and not has_any(q.text, LEAD_WORDS) \
            and (part := _unit_rows(q, ctx, "participating")):  # 负责哪些工作 of a unit that leads none: what it takes part in
        draft = answer_unit_tasks(replace(q, role="participating"), ctx.scope, part)
        draft.lines.insert(0, f"文件中{q.unit}没有牵头的任务，以下是它参与的任务。")
        return draft
    if not rows and q.role == "participating" and not q.partners and not re.search(r"配合|协助|协同|参与单位|作为", q.text) \
            and (led := _unit_rows(q, ctx, "lead")):  # 财政局参与哪几项 of a unit that only leads: what it leads
        draft = answer_unit_tasks(replace(q, role="lead"), ctx.scope, led)
        draft.lines.insert(0, f"文件中{q.unit}没有作为配合单位参与的任务，以下是它牵头的任务。")
        return draft
    where, inside = parts.tasks_within(q.clause, q.text, ctx.scope, rows, q.original)  # 第（七）条里, 建造方式那条里由X牵头的
    if not where:  # 农村方面的任务有哪些: the tasks of a topic, narrowed further as asked like a part's
        where, inside = topic_within(q.text, q.unit_mention, rows)
    if not where and not (asks_own_tasks(q) or unit_alone(q) or timed.narrows_only(q) or q.partners):  # 海绵城市那条: a task
        return _otherwise(q, ctx, "unit_tasks")
    if where:  # …那部分里完成时限是长期坚持的: the part's rows narrowed as asked
        draft = (timed.answer_narrowed(q, ctx.scope, inside) if inside else None) or answer_unit_tasks(q, ctx.scope, inside or rows)
        draft.lines.insert(0, f"{where}中：" if inside else f"{where}中没有{q.unit}的这类任务；它的全部任务是：")
        return draft
    if rows and (narrow := timed.answer_narrowed(q, ctx.scope, rows)) is not None:
        return narrow  # 哪些有2025年的指标, 没有写年份的
    if q.role == "lead" and (joint := rosters.led_jointly(q, ctx.scope, rows)) is not None:
        return joint  # …里，哪些是和别的部门一起牵头的
    draft = answer_unit_tasks(q, ctx.scope, rows, held=() if rows else _unit_rows(q, ctx, "any"))
    if q.row is not None and MEMBER_RE.search(q.text):  # …第一项算不算: said before the list
        draft.lines.insert(0, row_membership(q.row, [t for d in ctx.scope for t in d.tasks], rows))
    return draft


def _unit_topic(q: Query, ctx: Context) -> A.Draft:
    """A unit's part in one task (住建局在海绵城市建设中负责什么): its rows on it; when it has none there, who does."""
    assert q.unit is not None
    if topic_within(q.text, q.unit_mention, _unit_rows(q, ctx, q.role))[1]:  # 主抓的农村方面的任务有哪些: a list
        return _unit_tasks(q, ctx)
    if premise.checks_role(q.text):  # …是城管局负责吧: the task first, then whether the unit holds it
        said, held = _lead(q, ctx), _unit_rows(q, ctx, "any")
        if said.tasks and not any(t in held for t in said.tasks):
            said.lines.insert(0, f"不是{q.unit}：{q.unit}在这项工作中没有分工。文件的分工是：")
        return said
    ranked = A.rank_rows(q.topic or q.text, ctx.ranked_docs, ctx.hits, q.focus)
    floor = max(ctx.floor, 0.8 * ranked[0][0]) if ranked else ctx.floor  # about the topic as much as any task is
    draft = A.answer_lead(q, ctx.ranked_docs, ctx.hits, floor, only=_unit_rows(q, ctx, "any"))
    keep = set(_unit_rows(q, ctx, q.role)) if draft.found and q.role != "any" and not (  # not who leads X — 住建局?
        q.english or premise.asks_role(q.text) or re.search(r"[吗吧嘛]|对不对|是不是", q.text)) else set()
    if 0 < len(mine := [r for r in draft.tasks if r in keep]) < len(draft.tasks):
        draft = A.answer_lead(q, ctx.ranked_docs, ctx.hits, floor, only=mine)  # 住建局 牵头 县城建设: the rows it leads
    if draft.found or not (other := _lead(q, ctx)).found:
        return draft if draft.found else other
    other.lines.insert(0, f"{q.unit}在这项工作中没有分工；文件的分工是：")
    return other


def _lead(q: Query, ctx: Context) -> A.Draft:
    topic = topic_within(q.text, None, [t for d in ctx.ranked_docs for t in d.tasks], who=True)[1] if not q.unit else []
    if topic and (draft := A.answer_lead(q, ctx.ranked_docs, ctx.hits, ctx.floor, only=topic, every=True)).found:
        return draft  # 供暖方面的任务由哪些部门牵头: each of them
    draft = A.answer_lead(q, ctx.ranked_docs, ctx.hits, ctx.floor)
    if not draft.found:
        text = _passages(q, ctx)
        if text.found and not any(ctx.names_unit(line) for line in text.lines):  # 城市绿色照明由哪个部门牵头
            return unnamed_doer(q.original or q.text, text, q.terms)
        return text
    if 0 < len(same := lookup.rows_quoting(q.text, draft.tasks)) < len(draft.tasks):  # 公共建筑节能改造 20万 配合
        draft = A.answer_lead(q, ctx.ranked_docs, ctx.hits, ctx.floor, only=same)
    text = P.answer_spans(q, ctx.by_id, ctx.hits, ctx.floor, False)  # unless the body text answers far better
    names_someone = has_any(text.text, ("部门", "局", "委员会", "政府", "单位"))
    if text.found and names_someone and text.score > draft.score + 0.25:
        return text
    if has_any(q.text, QUANTITY_WORDS):  # 要做多少？由谁牵头？— both halves
        figures = P.answer_spans(q, ctx.by_id, ctx.hits, ctx.floor, True, True)
        if figures.found:
            figures.lines = figures.lines[:1]  # the figure of the task named, not its neighbours
            figures.citations = A.used_citations(figures)
            draft.extend(figures)
    elif has_any(q.text, WHEN_WORDS) and draft.tasks and not any(t.deadline for t in draft.tasks):
        when = _deadline(q, ctx)  # 由谁牵头，什么时候完成？ of rows with no 完成时限: the task's own time in the text
        if when.found and not when.tasks and WHEN_IN_TEXT_RE.search(when.lines[0]) and A.of_tasks(when.lines[0], draft.tasks):
            when.lines = when.lines[:1]
            when.citations = A.used_citations(when)
            draft.extend(when)
    return draft


def _target(q: Query, ctx: Context) -> A.Draft:
    """Targets when a quantity is asked and one measures the asked indicator; else passages (什么要求 needs no number)."""
    if any((listed := f(q, ctx.ranked_docs)).found for f in (P.year_list, P.cloze, P.each_target, P.topic_list)):
        return listed  # 到2025年有哪些量化指标: every target of that year (of the clause named)
    # 是不是要达到39%: a figure checked is asked
    quantity = has_any(q.text, QUANTITY_WORDS) or premise.asked_value(q) is not None or whether_set(q)
    if quantity and (pair := extremes.years_compared(q.text)) and (both := extremes.both_years(  # 2030年比2025年高多少
            pair, lambda y: figures.answer_target(replace(q, years=(y,)), ctx.ranked_docs, ctx.similarity))):
        return both
    draft = figures.answer_target(q, ctx.ranked_docs, ctx.similarity) if quantity else A.Draft(found=False)
    if draft.found or draft.lines:
        return draft
    draft = _passages(q, ctx)
    if not draft.found and (of_year := P.year_list(q, ctx.ranked_docs, bare=True)).found:
        return of_year  # 2023年这个时间点对应什么要求: no passage says it, that year's targets do
    fit = figures.figure_fit(q, draft.lines[0], ctx.ranked_docs, ctx.similarity) if draft.found and quantity else "fits"
    if fit == "another" or (draft.found and (rate_unquoted(q.terms, draft.text) or share_unquoted(q.text, q.terms, draft.lines))):
        near = P.pointer(q, ctx.by_id, ctx.hits) or draft
        return A.Draft(found=False, citations=near.citations[:1], lines=[A.NO_PROVISION, A.NEAR, near.lines[0]])
    draft.by_meaning = fit == "meaning"
    return draft


def _lookup(q: Query, ctx: Context) -> A.Draft:
    """A quoted figure or deadline: the targets or tasks that have it; else read as a target or general question."""
    draft = lookup.answer_lookup(q, ctx.ranked_docs)
    if draft.found or draft.lines:
        return draft
    if (due := lookup.asked_deadline(q)) and premise.asked_value(q) is None and not (  # no task has it: none where tasks
            has_any(q.text, ("目标", "指标")) and not any(r.deadline for d in ctx.ranked_docs for r in d.tasks)):  # have 完成时限;
        return A.Draft(found=False, lines=[f"文件中没有完成时限为“{due}”的任务。" if any(r.deadline for d in ctx.ranked_docs for r in d.tasks)
                                           else f"{'、'.join(d.meta.title for d in ctx.scope)}的责任分工表没有完成时限一栏。"])
    return _target(q, ctx) if has_any(q.text, QUANTITY_WORDS) else _passages(q, ctx)


def _passages(q: Query, ctx: Context) -> A.Draft:
    """Targets and everything else: the best verbatim spans of the best hits."""
    value_only = has_any(q.text, QUANTITY_WORDS)  # 多少/比例: a figure; 哪一年/什么要求: a date will do
    want_number = q.intent == "target" and (value_only or not THING_ASKED_RE.search(q.text))  # 指标纳入什么文件
    hits = P.without_dated_headers(q, ctx.hits) if q.years and q.intent == "target" and not q.fact else ctx.hits
    draft = P.answer_spans(q, ctx.by_id, hits, ctx.floor, want_number, value_only)
    if not draft.found and want_number and not value_only:
        draft = P.answer_spans(q, ctx.by_id, hits, ctx.floor, False)  # 要求/目标 without a number asked
    return draft


# ---------------------------------------------------------------- the registry


def _otherwise(q: Query, ctx: Context, *tried: str) -> A.Draft:
    """A question a narrow reading could not answer, read by the first ordinary intent (never another narrow one)."""
    return compose(replace(q, intent=next(i.name for i in INTENTS if i.name not in (*_NARROW, *tried) and i.recognise(q))), ctx)


_NARROW = ("extreme", "tasks_by_deadline", "lead_by_deadline")


INTENTS: tuple[Intent, ...] = (
    Intent("conflict", "来源冲突", "conflict", lambda q: q.signals.asks_conflict and not asked.TWO_COMPARED_RE.search(q.text),
           _conflict),
    # 哪个部门牵头的任务最多, 参与单位最多的任务, 哪条主要措施下的任务最多: counted from the rows
    Intent("ranking", "任务统计", "general", lambda q: not q.unknown_unit and rankings.ranking_of(q.original or q.text, q.text) is not None,
           lambda q, ctx: rankings.answer_ranking(rankings.ranking_of(q.original or q.text, q.text) or rankings.Ranking("units"),
                                                  ctx.listed_docs, q.unit, q.role)),
    # 百分比最高的目标, 最早到期的任务, 哪个方案最晚印发; 各县排名 (no figure per place): read from the lists
    Intent("extreme", "任务统计", "general", lambda q: not q.unknown_unit and extremes.extreme_of(q) is not None,
           lambda q, ctx: extremes.answer_extreme(extremes.extreme_of(q) or extremes.Extreme("places"), q, ctx.scope, ctx.listed_docs)
           or _otherwise(q, ctx)),
    Intent("structure", "文件结构", "general", lambda q: q.signals.asks_structure and not q.unit, _structure),
    Intent("tasks_by_deadline", "完成时限", "general", timed.asks_by_deadline,  # 哪些任务标的是“长期坚持”; else as if not asked so
           lambda q, ctx: timed.answer_by_deadline(q, ctx.scope) or _otherwise(q, ctx)),
    Intent("doc_fact", "文件信息", "general",
           lambda q: bool(q.fact) and (not (q.unit or q.unknown_unit) or F.names_header_units(q))
           and not (str(q.fact).startswith("attachments") and has_any(q.text, (*TARGET_WORDS, *ROLE_WORDS))),
           lambda q, ctx: F.answer_fact(q, ctx.scope, {d.id: header_text(d) for d in ctx.scope})),
    Intent("joint_lead", "联合牵头", "general",
           lambda q: not q.unit and rosters.asks_joint_lead(q.text), lambda q, ctx: rosters.answer_joint_lead(ctx.scope)),
    Intent("units_taking_part", "只配合的单位", "general",  # 哪些单位一项都不牵头、只配合 (or only lead)
           lambda q: not q.unit and rosters.only_role_asked(q.original or q.text) is not None,
           lambda q, ctx: rosters.answer_units_only_in_role(ctx.scope, q.original or q.text)),
    Intent("tasks_by_partners", "参与单位数", "general",  # 没有配合单位的任务, 只有一个配合单位的是哪几项
           lambda q: rosters.partners_counted(q.original or q.text) is not None,
           lambda q, ctx: rosters.answer_by_partners(ctx.scope, rosters.partners_counted(q.original or q.text) or 0, q.unit,
                                                     rosters.leads_alone(q.original or q.text), q.text)),
    Intent("deadline", "完成时限", "general", lambda q: q.row is not None and deadline_after_premise(q), _deadline),
    # 分工表第1项里，住建局是牵头还是参与: the row's units, not the unit's whole list
    Intent("unit_tasks", "单位任务", "unit_tasks",
           lambda q: bool(q.unit) and (q.row is None or bool(BESIDES_RE.search(q.text))) and (
               asks_own_tasks(q) or unit_alone(q) or timed.narrows_only(q) or parts.asks_tasks_of_part(q.text)
               or (bool(q.partners) and q.signals.task_words)),  # 住建局和自规局都参与、但自规局不是牵头单位的任务
           _unit_tasks),
    Intent("unknown_unit", "单位任务", "unit_tasks",
           lambda q: not q.unit and bool(q.unknown_unit) and (asks_own_tasks(q) or has_any(q.text, UNIT_DUTY_WORDS)
                                                               or premise.asks_role(q.text) or premise.role_said_of(q.text, q.unknown_unit)),
           _stranger),
    Intent("unit_topic", "单位任务", "lead",
           lambda q: bool(q.unit) and len(q.signals.residual) > 3 and (premise.checks_role(q.text) or (
               (q.signals.task_words or has_any(q.text, (*ROLE_WORDS, "承担")) or premise.asks_role(q.text))
               and not has_any(q.text, QUANTITY_WORDS))) and not roles_told(q.original, q.text),
           _unit_topic),
    # 完成时限为2027年底前的那项由谁牵头: the rows with that deadline (recognised where a table has it)
    Intent("lead_by_deadline", "牵头单位", "lead", lookup.asks_roles_by_deadline,
           lambda q, ctx: lookup.roles_by_deadline(q, ctx.ranked_docs) or _otherwise(q, ctx)),
    # 归城管局还是住建局？— a choice between units is a lead question
    Intent("lead", "牵头单位", "lead", lambda q: q.signals.n_units > 0 and "还是" in q.text, _lead),
    Intent("participate", "参与单位", "lead",
           lambda q: (has_any(q.text, PART_WORDS) and (has_any(q.text, WHO_WORDS) or bool(PART_KEYWORD_RE.search(q.text)))
                      or bool(OTHERS_RE.search(q.text))) and "牵头单位" not in q.text, _lead),
    Intent("lead", "牵头单位", "lead",
           lambda q: (has_any(q.text, LEAD_WORDS) or bool(LEAD_RE.search(q.text)) or ("负责" in q.text and not q.unit))
           and not ADDRESSED_RE.search(q.text),
           _lead),
    Intent("lookup", "反查", "general", lookup.asks_lookup, _lookup),
    Intent("deadline", "完成时限", "general",
           lambda q: (has_any(q.text, DEADLINE_WORDS) or bool(DEADLINE_CHECKED_RE.search(q.text)))
           and not has_any(asked.BRACKETED_RE.sub("", q.text), ("多少", "比例", "达到"))
           and not FREQUENCY_ASKED_RE.search(q.text), _deadline),  # 多久评估一次: how often, not when
    Intent("target", "目标指标", "target",
           lambda q: (has_any(re.sub(r"哪几|要求是(什么|啥)", "", q.text), TARGET_WORDS)  # 包括哪几个, X要求是什么: no figure
                      or bool(q.years and re.search(r"\d", q.text))
                      or (premise.asked_value(q) is not None and premise.states_belief(q.text)))  # 听说要改造6000户，有这回事吗
           and not FREQUENCY_ASKED_RE.search(q.text)
           and not (has_any(q.text, HOW_WORDS) and not has_any(q.text, QUANTITY_WORDS)), _target),
    Intent("general", "一般问题", "general", lambda q: True, _passages),
)
BY_NAME: dict[str, Intent] = {}
for _intent in INTENTS:
    BY_NAME.setdefault(_intent.name, _intent)

#: the UI's label of each intent (and of a refusal)
LABELS: dict[str, str] = {**{i.name: i.label for i in INTENTS}, "refuse": "无法回答"}


def understand(question: str, resolve: Callable[[str], str | None], tokenizer: Any = None,
               stems: Sequence[str] = (), places: Mapping[str, str] | None = None,
               plain: Callable[[str], bool] | None = None,
               doc_phrases: Callable[[str], list[str]] | None = None) -> Query:
    """Read a question and choose its intent: the first entry of the registry that accepts it."""
    q = read_question(question, resolve, tokenizer, stems, places, plain, doc_phrases)
    return replace(q, intent=next(i.name for i in INTENTS if i.recognise(q)))


#: what a row named by its number answers: who leads it, who takes part, when, what it is
ROW_INTENTS = ("lead", "participate", "deadline", "general", "unit_topic")


def compose(q: Query, ctx: Context) -> A.Draft:
    """The answer of the question's intent (contractor questions are refused first: the
    tables name government units, never companies)."""
    if COMPANY_RE.search(q.text) and q.intent not in ("doc_fact", "structure"):
        return A.Draft(found=False, lines=["文件只规定牵头和参与的政府部门，没有指定企业或承建单位。"])
    if (early_draft := readings.answer_early(q, ctx.scope)) is not None:  # 15万户改造是哪年的目标: no such figure;
        return early_draft  # 紧跟在X后面的那项: by its place; 哪几项没有量化指标: what a part lacks
    if (q.item is not None and q.intent in (*ROW_INTENTS, "target")) or q.clause is not None:
        numbered = pointed.answer_item(q, ctx.scope) or pointed.answer_clause(q, ctx.scope)  # 第（四）条第2项
        if numbered is not None:
            return numbered
    # the annex table's row 7 (附件分工表第29项，…比例要达到多少: the figure, answered by the target below)
    if q.row is not None and (q.intent in ROW_INTENTS or q.fact == "attachments" and not (q.intent == "target" and q.terms)):
        row = A.answer_row(q, ctx.scope)
        if row is not None and q.intent == "deadline" and row.tasks \
                and not any(t.deadline or WHEN_IN_TEXT_RE.search(t.requirement) for t in row.tasks):
            row.found = False  # neither a 完成时限 nor a time in its requirement: the row is shown, no date given
            row.lines.insert(0, "文件未规定这项任务的完成时限（表中没有完成时限，工作要求中也没有时间），无法回答。这一项是：")
        if row is not None:
            return row
    if pointed.ITEM_ASKED_RE.search(q.original or q.text) and q.intent in ("general", "target", "deadline"):
        numbered = pointed.item_number(q, ctx.ranked_docs, ctx.hits, ctx.floor)  # 表格里第几项是海绵城市: the row's number, not the clause
        if numbered.found:
            return numbered
    how = P.asks_how(q)  # 指导思想里强调什么, 县城建设有什么要求: F.titled_parts
    titled = F.named_titles(q, ctx.scope, how) if q.intent in ("general", "target") and not q.unit else []
    if titled and not q.years:
        return without_asked(q, F.answer_titled(titled, len(ctx.scope) > 1))
    draft = readings.or_row(q, ctx.scope, BY_NAME[q.intent].compose(q, ctx))  # 第16项要求到2030年建成什么
    draft = draft if q.intent in ("structure", "doc_fact", "ranking", "extreme") else \
        without_asked(q, draft, details_only=q.intent not in ("target", "deadline", "general"))
    draft = without_asked(q, F.answer_titled(titled, len(ctx.scope) > 1)) if titled and not draft.found else draft
    return extremes.name_plans(q.original or q.text, draft, ctx.by_id)  # 四个方案里哪个提出…: the plan named

