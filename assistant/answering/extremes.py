"""Questions that pick an extreme out of what the documents list: the highest or lowest
percentage target (哪个百分比要求最高), the targets of the earliest or latest year, the task
due first or last (最早到期的是哪项), the plan issued first or last; and comparisons the documents
cannot make (各县排名, 哪个市最高: the plans give no figure per place).

Every answer is read from the documents' targets, task rows and headers, never from a passage
found by similarity; the wording rules read the question only, no document words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from assistant.answering import compose as A
from assistant.answering.context import LISTED_PLANS
from assistant.answering.intent import Query
from assistant.types import Document, Target, TaskRow

_HIGH = r"最高|最低|最大|最小|\bhighest\b|\blowest\b|\blargest\b|\bsmallest\b"
_EARLY = r"最早|最晚|最先|最后|最近|\bearliest\b|\blatest\b"
_EARLY_DUE = r"最早|最晚|\bearliest\b|\blatest\b"
#: …not a floor or a cap of one thing (最低要达到多少, 最多可以申请多少)
_NOT_RANKED = r"(?!要|可|能|达到|为|是多少|不|限)"
#: one of several asked for (哪个, 哪项, which): not one task's own time (到哪年, 哪一年)
_WHICH_ONE_RE = re.compile(r"哪(?:个|项|些|几项|一项|一个|条|份|批)(?!年|月|天|时候)|\bwhich\b", re.IGNORECASE)
#: the percentage targets ranked (哪个百分比要求最高, 百分比最高的目标, which percentage target is highest)
_VALUE_RE = re.compile(rf"(?:百分比|比例|比率|占比|百分数)[^，,。？?]{{0,8}}?(?P<o>{_HIGH}){_NOT_RANKED}|"
                       rf"(?P<o2>{_HIGH})的?(?:百分比|比例|比率|占比)|"
                       r"\b(?:percentage|share)\b[\w\s-]{0,30}?\b(?P<o3>highest|lowest)\b|"
                       r"\b(?P<o4>highest|lowest|largest|smallest)\s+(?:percentage|share)", re.IGNORECASE)
#: the targets of the earliest or latest year (年份最早的那批量化目标, 哪个目标设定的年份最晚, targets with the latest year)
_YEAR_RE = re.compile(rf"(?:年份|目标年)[^，,。？?]{{0,4}}?(?P<o>{_EARLY})|(?P<o2>{_EARLY})的?(?:那批|一批)?(?:目标)?年份|"
                      rf"(?:目标|指标)[^，,。？?]{{0,10}}?年份[^，,。？?]{{0,3}}?(?P<o3>{_EARLY})|"
                      r"\b(?P<o4>earliest|latest)\s+(?:target\s+)?year\b", re.IGNORECASE)
#: values of one measure ranked (以公里计的建设目标中哪一项最短)
_MEASURED_RE = re.compile(r"(?:以|按|用)(?!照|此|上|下)(?P<unit>(?:(?![以按用计])[\u4e00-\u9fa5]){1,3}?)(?:计|为单位)[^。？?]{0,16}?"
                          rf"(?P<o>最高|最低|最大|最小|最多|最少|最长|最短){_NOT_RANKED}")
_TARGETS_ASKED_RE = re.compile(r"目标|指标|要求|\btargets?\b", re.IGNORECASE)
#: the task due first or last (最早到期的是哪项, 哪项时限最早, which task has the earliest deadline)
_DUE_RE = re.compile(rf"(?:时限|截止(?:时间|日期)?|到期|期限|完成时间)[^，,。？?]{{0,4}}?(?P<o>{_EARLY_DUE})|"
                     rf"(?P<o2>{_EARLY_DUE})(?:要)?(?:到期|截止|完成)|(?P<first>先到期|\bdue first\b)|"
                     r"\b(?P<o3>earliest|latest)\s+deadline\b", re.IGNORECASE)
#: the plan issued first or last (四个方案里哪个最晚印发, which plan was issued last)
_ISSUED_RE = re.compile(r"(?:方案|文件)[^，,。？?]{0,4}?哪(?:个|份|一个|一份)[^，,。？?]{0,2}?(?P<o>最早|最晚|最新)(?:印发|发布|出台|制定|成文|发文)"
                        r"(?![^，,。？?]{0,2}的[\u4e00-\u9fa5])|哪(?:个|份|一个|一份)(?:方案|文件)[^，,。？?]{0,2}?(?P<o4>最早|最晚|最新)(?:印发|发布|出台|成文)|"
                        r"(?P<o2>最早|最晚|最新)(?:印发|发布|出台|成文)的(?:是)?(?:哪个|哪份)?(?:方案|文件)(?:是|为)?(?:哪|[？?])|"
                        r"哪(?:个|份|一个|一份)(?:方案|文件)?(?:印发|发布|出台|成文)得?(?P<o5>最早|最晚)|"  # 哪一份印发得最早
                        r"\b(?:plan|document)s?\b[\w\s]{0,20}?\bissued\s+(?P<o3>first|last|earliest|latest)\b", re.IGNORECASE)
#: places compared or ranked (各市排名如何, 哪个县最高, which county has the highest): the plans set one figure for all
_PLACES_RE = re.compile(r"(?:各|哪个|哪些|哪一个|哪几个)(?:省|市|县|区|县（市、区）|县市区|地市|乡镇|街道|城市|社区)"
                        r"(?![城直级属委政府场更建管区长民容])"
                        rf"[^。？?]{{0,24}}?(?:排名|排第几|最高|最低|最好|最差|最快|最慢|最多|最少|第一(?!责任|时间|季度|批|次|书记)|领先){_NOT_RANKED}|"
                        r"\bwhich\s+(?:county|district|city|province|town)\b(?!\s+(?:department|office|bureau|government|agency))"
                        r"[^?]{0,40}?\b(?:highest|lowest|largest|best|fastest)\b",
                        re.IGNORECASE)
_LAST = ("最晚", "最后", "最近", "最新", "latest", "last", "highest", "largest")


@dataclass(frozen=True)
class Extreme:
    """What is picked: ``what`` is value, year, due, issued or places; ``last`` the largest or latest."""

    what: str
    last: bool = True
    unit: str = "%"  # the measure of the values compared (以公里计的目标中哪一项最短: 公里)


def extreme_asked(text: str) -> Extreme | None:
    """The extreme ``text`` asks for, or None."""
    text = re.sub(r"\s+", " ", text)
    if _PLACES_RE.search(text):
        return Extreme("places")
    if m := _ISSUED_RE.search(text):
        return Extreme("issued", (m["o"] or m["o2"] or m["o3"] or m["o4"] or m["o5"]).lower() in _LAST)
    which = bool(_WHICH_ONE_RE.search(text))
    if which and (m := _DUE_RE.search(text)):
        return Extreme("due", not m["first"] and (m["o"] or m["o2"] or m["o3"]).lower() in _LAST)
    if which and (m := _MEASURED_RE.search(text)):
        return Extreme("value", m["o"] in ("最高", "最大", "最多", "最长"), m["unit"])
    if which and (m := _VALUE_RE.search(text)) and _TARGETS_ASKED_RE.search(text):
        return Extreme("value", (m["o"] or m["o2"] or m["o3"] or m["o4"]).lower() in ("最高", "最大", "highest", "largest"))
    if (which or re.search(r"那(?:批|几项|些)|有哪些", text)) and (m := _YEAR_RE.search(text)) and _TARGETS_ASKED_RE.search(text):
        return Extreme("year", (m["o"] or m["o2"] or m["o3"] or m["o4"]).lower() in _LAST)
    return None


def extreme_of(q: Query) -> Extreme | None:
    """:func:`extreme_asked` of the question as asked, else as read (English in Chinese words)."""
    return extreme_asked(q.original or q.text) or extreme_asked(q.text)


def _measured(t: Target, unit: str) -> float | None:
    """The target's number when its value is in ``unit`` (85%以上 in %, 7.5公里 in 公里), else None."""
    m = re.match(r"\s*(\d+(?:\.\d+)?)\s*(\S*)", t.value)
    if m is None or not (m.group(2).startswith(unit) or unit == "%" and m.group(2).startswith("％")) \
            or "/" in m.group(2)[len(unit):]:  # 8公里/平方公里 is a density, not a length in 公里
        return None
    return float(m.group(1))


_DUE_DATE_RE = re.compile(r"(20\d{2})\s*年(?:\s*(\d{1,2})\s*月|(上半年|下半年)|第?([一二三四1-4])季度)?")
_QUARTER = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}


def due_key(deadline: str | None) -> tuple[int, int] | None:
    """(year, month) a deadline falls due (2025年10月底前 -> (2025, 10), 2027年底前 -> (2027, 12),
    2025年上半年 -> (2025, 6), 2024年至2025年 -> (2025, 12)); None for one with no date (每年12月底前,
    长期坚持) or a start (2024年起)."""
    if not deadline or re.match(r"\s*每", deadline) or re.search(r"起|开始|以来", deadline):
        return None
    found = list(_DUE_DATE_RE.finditer(deadline))
    if not found:
        return None
    m = found[-1]  # a span: its end
    month = int(m.group(2)) if m.group(2) else 6 if m.group(3) == "上半年" else _QUARTER[m.group(4)] if m.group(4) else 12
    return int(m.group(1)), month


def answer_extreme(e: Extreme, q: Query, scope: Sequence[Document], listed: Sequence[Document] = ()) -> A.Draft | None:
    """The extreme asked, per plan of ``listed`` (default the scope; dates of issue across the
    whole scope); None when the lists hold nothing to pick from (the next intent answers)."""
    if e.what == "places":  # 各县排名: a plan sets one figure for its area; plans of several places are compared
        if len({doc.meta.place for doc in scope if doc.meta.place}) > 1:
            return None
        return A.Draft(found=False, lines=["文件没有给出各地的分项数据，无法比较或排名。"])
    if e.what == "issued":
        return _issued(e, scope)
    d, listed = A.Draft(found=False), listed or scope
    for doc in listed:
        label = A.doc_label(doc) if len(listed) > 1 else ""
        if e.what == "due":
            _due(d, e, q, doc, label)
        else:
            _targets(d, e, doc, label, q)
    return d if d.lines else None


def _issued(e: Extreme, scope: Sequence[Document]) -> A.Draft | None:
    dated = sorted((doc for doc in scope if doc.meta.date), key=lambda doc: doc.meta.date or "")
    if len(dated) < 2:
        return None
    pick = dated[-1] if e.last else dated[0]
    d = A.Draft()
    ymd = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", pick.meta.date or "")
    when = f"{ymd[1]}年{int(ymd[2])}月{int(ymd[3])}日" if ymd else pick.meta.date
    d.lines.append(f"{'最晚' if e.last else '最早'}印发的是《{pick.meta.title}》，{when}"
                   f"{d.cite(pick, pick.meta.title, None, None)}。")
    if len(dated) <= LISTED_PLANS:  # a library's worth of dates is not listed
        d.lines.append("各文件的成文日期：" + "；".join(f"《{doc.meta.title}》{doc.meta.date}" for doc in dated) + "。")
    return d


def _targets(d: A.Draft, e: Extreme, doc: Document, label: str, q: Query) -> None:
    targets = [t for t in doc.targets if (not q.years or t.year in q.years)  # 到2025年的目标中哪个比例最高
               and (not q.unit or ((task := _task_of(doc, t)) is not None and task.holds(q.unit, q.role)))]  # 住建局牵头的目标中
    if e.what == "value":
        scored = [(v, t) for t in targets if (v := _measured(t, e.unit)) is not None]
    else:
        scored = [(float(t.year), t) for t in targets if t.year is not None]
    if not scored:
        return
    best = (max if e.last else min)(v for v, _ in scored)
    picked = list(dict.fromkeys(t for v, t in scored if v == best))
    if e.what == "value":
        what = "百分比目标" if e.unit == "%" else f"以{e.unit}计的目标"
        d.lines.append(f"{label}{what}中{'最高' if e.last else '最低'}的是：" if e.unit == "%" else
                       f"{label}{what}中数值{'最大' if e.last else '最小'}的是：")
    else:
        d.lines.append(f"{label}目标年份{'最晚' if e.last else '最早'}的是{int(best)}年，共{len(picked)}项：")
    for t in picked:
        year = f"到{t.year}年，" if t.year is not None else ""
        task = _task_of(doc, t)
        lead = f"（{'、'.join(task.lead_units)}牵头）" if task is not None and task.lead_units else ""
        d.lines.append(f"· {t.indicator}：{year}{t.value}{lead}{d.cite(doc, t.text, t.clause_no, t.row_no)}")
    d.found = True


def _task_of(doc: Document, target: Target) -> TaskRow | None:
    """The task a target belongs to: its table row, else the one task whose requirement states its value."""
    if target.row_no is not None:
        return next((t for t in doc.tasks if t.row_no == target.row_no), None)
    value = re.escape(re.sub(r"\s+", "", target.value))
    words = [w for w in re.findall(r"[\u4e00-\u9fa5]{2}", target.indicator)]
    holding = [t for t in doc.tasks if value and re.search(rf"(?<![\d.]){value}", re.sub(r"\s+", "", t.requirement))
               and (not words or any(w in t.requirement for w in words))]  # its number, of its indicator
    return holding[0] if len(holding) == 1 else None


def _due(d: A.Draft, e: Extreme, q: Query, doc: Document, label: str) -> None:
    rows: list[TaskRow] = [t for t in doc.tasks if due_key(t.deadline) is not None
                           and (not q.unit or t.holds(q.unit, q.role))]
    if not rows:
        return
    best = (max if e.last else min)(due_key(t.deadline) or (0, 0) for t in rows)
    picked = sorted((t for t in rows if due_key(t.deadline) == best), key=A.row_order)
    d.lines.append(f"{label}{q.unit + '的任务中' if q.unit else ''}完成时限{'最晚' if e.last else '最早'}的是“{picked[0].deadline}”：")
    for t in picked:
        d.lines.append(f"· {A.row_phrase(t)}（{t.measure or t.key_task}；{A.lead_said(t)}）{d.cite_task(doc, t)}")
    d.tasks.extend(picked)
    d.found = True


#: a question asking which of several plans says something (四个方案里，哪个提出要…)
_WHICH_PLAN_RE = re.compile(r"哪(?:个|份|一个|一份|些|几个)(?:方案|文件|层级|级别)?[^，,。？?]{0,4}?(?:里|中)?(?:提出|提到|要求|规定|写了|有|明确|设定|设置)|"
                            r"哪(?:个|份|一个|一份)(?:方案|文件)(?:把|将|让|给|由|对)|"  # 哪个方案把…交给城管局牵头
                            r"\bwhich\s+(?:plan|document)s?\b", re.IGNORECASE)


def name_plans(text: str, draft: A.Draft, docs: Mapping[str, Document]) -> A.Draft:
    """Which plan says it, asked of a library of several: the answer names the plans it cites."""
    if not draft.found or len(docs) < 2 or not _WHICH_PLAN_RE.search(text) or not draft.citations:
        return draft
    titles = {doc_id: f"《{doc.meta.title}》" for doc_id, doc in docs.items()}
    cited = list(dict.fromkeys(c.doc_id for c in draft.citations if c.doc_id in titles))
    if cited and not any(titles[i] in draft.text for i in cited):
        draft.lines.insert(0, "见" + "、".join(titles[i] for i in cited) + "：")
    return draft


#: two years' figures set against each other (2030年比2025年要高多少, 从2025年到2030年要提高几个百分点)
_YEARS_COMPARED_RE = re.compile(r"(?:(?P<a>20\d{2})\s*年?[^，,。？?\d]{0,8}?(?:比|较|相比|对比)|从\s*(?P<from>20\d{2})\s*年?[^，,。？?\d]{0,4}?到)"
                                r"\s*(?P<b>20\d{2})\s*年?"
                                r"[^，,。？?\d]{0,12}?(?:高|低|多|少|提高|增加|增长|下降|降低|减少|收紧|差)[^，,。？?]{0,6}?(?:多少|几)")


def years_compared(text: str) -> tuple[int, int] | None:
    """The two years whose figures a question sets against each other, or None."""
    m = _YEARS_COMPARED_RE.search(text)
    a = m and (m["a"] or m["from"])
    return (int(a), int(m["b"])) if m and a and a != m["b"] else None


def both_years(years: tuple[int, int], answer: Callable[[int], A.Draft]) -> A.Draft | None:
    """The figure of each year, when the documents set both (the difference is the asker's to
    take: a number they do not state is never made up); a refusal naming the year they do not
    set; None when neither is set (the caller answers as usual)."""
    drafts = [answer(y) for y in years]
    if all(d.found for d in drafts):
        first, second = drafts
        first.extend(second)
        return first
    if any(d.found for d in drafts):
        missing, found = next(y for y, d in zip(years, drafts) if not d.found), next(d for d in drafts if d.found)
        if str(missing) in "".join(c.text for c in found.citations):  # 比2020年下降5个百分点: the baseline's year, said
            return found
        return A.Draft(found=False, lines=[f"现有文件没有提出{missing}年的这项目标，无法比较。"])
    return None
