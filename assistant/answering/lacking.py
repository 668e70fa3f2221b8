"""Answers to questions about what is missing, read from the documents' own tasks and targets:
the tasks of a part that set no figure (（三）下面哪几项没有量化指标; or the one that does: 只有哪一项
给了数量目标), the tasks that give no time (哪几项没写时间节点, 没有写具体截止时间而是写“长期坚持”的),
and the indicators set for one year and not another (哪些指标只有2025年目标、没有2030年的).  Only a
list asked of a part or a plan is answered here; one task asked about is read like any other."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.compose import Draft, doc_label, row_phrase
from assistant.answering.intent import Query
from assistant.answering.parts import shared_run
from assistant.answering.positions import in_order, named_parts, targets_in, topical
from assistant.answering.premise import VALUE_RE
from assistant.answering.timed import holds_time
from assistant.numerals import count_said
from assistant.types import Document, Target, TaskRow

#: a figure a task may set (量化指标, 数量目标, 具体数字)
_FIGURE_WORDS = r"(?:量化|数量|数值|定量)(?:指标|目标|要求)|具体(?:数字|数值|指标)|数字目标"
#: tasks asked that set none (哪几项没有量化指标) …
_NO_FIGURE_RE = re.compile(rf"(?<![有给设提])(?:没有|没|无|未|不含|缺少?)(?:给出?|设定?|提出?|写|明确)?(?:任何)?(?:{_FIGURE_WORDS})|"
                           r"\b(?:no|without(?:\s+an?)?)\s+(?:quantified|numerical|numeric)\s+(?:targets?|indicators?|figures?)\b",
                           re.IGNORECASE)
#: …or the only ones that do (只有哪一项给了数量目标)
_ONLY_FIGURE_RE = re.compile(rf"只有(?:哪|一)[^，。？?]{{0,6}}?(?:给了|给出了?|有|设了|提了|写了)(?:{_FIGURE_WORDS})")
#: tasks asked that give no time (没写任何时间节点, 没有时间要求, 没给完成年份, 没有写具体截止时间); one value
#: asked as written (哪些任务标的是“长期坚持”) is looked up elsewhere
_NO_TIME_RE = re.compile(r"(?<![有给设提])(?:没有?|未|无|不)(?:写|给|给出|明确|规定|设|标)?(?:任何|具体|明确)?的?"
                         r"(?:时间节点|时间要求|完成年份|完成时间|截止时间|截止日期|完成时限|时限|期限|具体时间|具体年份)|"
                         r"\b(?:no|without(?:\s+an?)?)\s+(?:specific\s+)?(?:deadlines?|dates?|time\s*limits?)\b",
                         re.IGNORECASE)
#: a list of tasks asked (哪几项, 哪些任务, which tasks), not one task (那一项为什么没有量化指标)
_LIST_RE = re.compile(r"哪几|哪些|哪一?项|哪一?条|几项|几条|\bwhich\b|\bwhat\b", re.IGNORECASE)
#: indicators asked for (哪些指标, （十八）条的数值目标里，哪个…, which targets): a which and what is listed
_INDICATOR_WORDS_RE = re.compile(r"指标|目标|数值|\btargets?\b|\bindicators?\b|\bfigures?\b", re.IGNORECASE)
_WHICH_RE = re.compile(r"哪|\bwhich\b|\bwhat\b", re.IGNORECASE)

#: a year said to be missing (没有2030年的, 没给2025年数, no 2025 figure, not for 2025)
_YEAR_MISSING_RE = re.compile(r"(?<![有给设提])(?:没有?|没给|未给|未设|无|不含|缺)(?:给|设|提)?(?:出)?\s*((?:19|20)\d\d)\s*年|"
                              r"\b(?:no|not\s+(?:for|in)|without(?:\s+an?)?|but\s+not(?:\s+for)?)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
#: a year said to be set (只有2025年目标, 只给了2030年, only for 2030); not one a plan was issued in, nor a baseline
_YEAR_SET_RE = re.compile(r"(?<![比较])((?:19|20)\d\d)\s*年(?!\s*(?:印发|出台|发布|颁布|制定|的方案|方案))|"
                          r"\b((?:19|20)\d\d)\b(?!\s*(?:plan|document))")
#: a lack said only to set it aside (除了没有时限要求的, 没有完成时限的不用管): the question asks something else
_SET_ASIDE_RE = re.compile(r"除了?|不算|不用管|不考虑|以外|之外|不含|\bexcept\b|\bapart from\b|\bexcluding\b", re.IGNORECASE)
#: years that name a document, not a target (〔2023〕, 《…2024…》)
_DOC_YEARS_RE = re.compile(r"[〔\[(（]\s*(?:19|20)\d\d\s*[〕\])）]|《[^》]*》")
#: how much of the shorter indicator's name two years' wordings must share to be one measure
SAME_SHARE = 0.6


def _one_measure(a: str, b: str) -> bool:
    """Whether two targets' indicators name one measure in two years (城镇建筑可再生能源替代…比例; 全市城区
    建成区绿地率 and 城市建成区绿地率): the same words, or a long shared run whose heads agree too — stricter
    than a shared ending (绿色建筑占新建建筑比例 and 装配式建筑占新建建筑比例 are two measures)."""
    if a == b or a in b or b in a:
        return True
    run = shared_run(a, b)
    if len(run) < max(4, SAME_SHARE * min(len(a), len(b))):
        return False
    head_a, head_b = a[:a.find(run)], b[:b.find(run)]
    return not head_a or not head_b or len(shared_run(head_a, head_b)) >= min(2, len(head_a), len(head_b))


def _sets_figure(t: TaskRow) -> bool:
    """Whether a task's text sets a figure with its measure (45%以上, 6000户); a year or an item number is none."""
    return any(m.group(2) for m in VALUE_RE.finditer(t.requirement))


def _gives_time(t: TaskRow) -> bool:
    """Whether a task states a time: a year or period (:func:`~assistant.answering.timed.holds_time`), or a
    month or year's end (每年11月底前, 年底前) in its 完成时限 or its text."""
    return holds_time(t) or bool(re.search(r"\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|年底|年内|年末", t.deadline or t.requirement))


def _scoped_tasks(q: Query, docs: Sequence[Document]) -> list[tuple[str, Document, list[TaskRow]]]:
    parts = named_parts(q.text, docs)
    if parts:
        return [(p.label, p.doc, [t for t in in_order(p.doc) if p.holds(t)]) for p in parts]
    return [("文件", d, in_order(d)) for d in docs if d.tasks]


def _task_list(q: Query, docs: Sequence[Document], keep: str, what: str) -> Draft | None:
    lists = [(label, doc, tasks) for label, doc, tasks in _scoped_tasks(q, docs) if tasks]
    if not lists:
        return None
    d, several = Draft(exact=True), len({doc.id for _, doc, _ in lists}) > 1
    for label, doc, tasks in lists:
        picked = [t for t in tasks if (keep == "figure") == _sets_figure(t)] if keep in ("figure", "no_figure") \
            else [t for t in tasks if not _gives_time(t)]
        prefix = f"{doc_label(doc)}：" if several else ""
        if not picked:
            d.lines.append(f"{prefix}{label}的{count_said(len(tasks))}项任务中没有{what}的。")
            continue
        d.lines.append(f"{prefix}{label}的{count_said(len(tasks))}项任务中，{what}的共{count_said(len(picked))}项：")
        for t in picked:
            where = f"序号{t.row_no}" if t.row_no is not None else t.item
            due = f"（完成时限：{t.deadline}）" if t.deadline else ""
            figures = "、".join(m.group() for m in VALUE_RE.finditer(t.requirement) if m.group(2)) if keep == "figure" else ""
            said = re.split(r"(?<=[。；;])", t.requirement)[0].rstrip("。；;") or row_phrase(t)
            said = said if len(said) <= 60 else said[:60] + "……"
            d.lines.append(f"· {where + '：' if where else ''}{said}{f'（{figures}）' if figures else ''}{due}"
                           f"{d.cite_task(doc, t)}")
            d.tasks.append(t)
    return d


def _targets_in(q: Query, docs: Sequence[Document]) -> list[tuple[Document, list[Target]]]:
    """Each plan's targets, within the part the question names (a plan without that part: none)."""
    parts = named_parts(q.text, docs)
    if not parts:
        return [(d, list(d.targets)) for d in docs]
    return [(p.doc, [t for t in p.doc.targets if targets_in(p, t)]) for p in parts]


def _year_only(q: Query, docs: Sequence[Document]) -> Draft | None:
    text = _DOC_YEARS_RE.sub("", q.original or q.text)
    missing = {int(m.group(1) or m.group(2)) for m in _YEAR_MISSING_RE.finditer(text)}
    have = {int(m.group(1) or m.group(2)) for m in _YEAR_SET_RE.finditer(text)} - missing
    if len(missing) != 1 or len(have) > 1:
        return None
    (gone,), kept = missing, next(iter(have), None)  # 哪些指标没有2030年目标: kept is any other year
    if kept is not None and not any(t.year == kept for d in docs for t in d.targets):
        return None  # a year no target has names no year kept
    d = Draft(exact=True)
    scoped = _targets_in(q, docs)
    for doc, targets in scoped:
        if not any(t.year is not None and t.year == kept or t.year == gone for t in targets):
            continue
        only = [t for t in targets if t.year is not None and t.year != gone and (kept is None or t.year == kept)
                and not any(o.year == gone and _one_measure(o.indicator, t.indicator) for o in targets)]
        prefix = f"{doc_label(doc)}：" if len(scoped) > 1 else ""
        which = f"只有{kept}年目标、" if kept else ""
        if not only:
            d.lines.append(f"{prefix}{f'{kept}年的' if kept else '其他年份的'}各项指标在{gone}年也都有目标。")
            continue
        d.lines.append(f"{prefix}{which}没有{gone}年目标的指标共{count_said(len(only))}个：")
        d.lines += [f"· {t.indicator}：{t.value}（{t.year}年）{d.cite(doc, t.text, t.clause_no, t.row_no)}" for t in only]
    return d if d.lines else None


def answer_lacking(q: Query, docs: Sequence[Document]) -> Draft | None:
    """What a part or plan lacks, as the question asks it; None when it asks no such list."""
    text = q.original or q.text
    if q.unit or q.row is not None or q.item is not None:
        return None  # 住建局的…, 分工表第2项没有量化指标吗: one unit's or one task's, read elsewhere
    if _SET_ASIDE_RE.search(text):
        return None
    if _YEAR_MISSING_RE.search(text) and _INDICATOR_WORDS_RE.search(text) and _WHICH_RE.search(text):
        return _year_only(q, docs)
    if not _LIST_RE.search(text):
        return None
    keep, what = ("figure", "给出数量目标") if _ONLY_FIGURE_RE.search(q.text) else ("no_figure", "没有量化指标") \
        if _NO_FIGURE_RE.search(text) else ("no_time", "没有写明时间（无具体年份或日期）") if _NO_TIME_RE.search(text) else ("", "")
    if not keep:
        return None
    deadlines = frozenset(t.deadline for d in docs for t in d.tasks if t.deadline)  # 而是写“长期坚持”: a value
    if topical(q, deadlines) and not named_parts(q.text, docs):
        return None  # 清洁取暖方面哪些任务没有量化指标: of a topic, not the plan's list
    return _task_list(q, docs, keep, what)
