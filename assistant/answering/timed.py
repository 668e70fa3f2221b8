"""Time in questions: a unit's tasks narrowed by time (城管局牵头的任务里哪些有2025年的指标,
按“十四五”期间定量的, 没有写年份的, which of its tasks carry a 2030 target), the tasks whose
完成时限 falls in a year, years said relative to the asker (现在是2026年，明年…) and
planning periods no document writes (十五五).

A task holds a year when its text or its 完成时限 says it (a table's deadline is the task's
own time); a period (“十四五”) is matched as written, never turned into years."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.compose import Draft
from assistant.answering.courtesy import own_case_clauses, told_sentences
from assistant.answering.intent import Query
from assistant.answering.lookup import DEADLINE_RE, asked_deadline, due_on
from assistant.answering.tasklists import answer_task_list, answer_unit_tasks
from assistant.text import has_any, squeeze
from assistant.types import Document, TaskRow

PERIOD_RE = re.compile(r"十[一二三四五六七八九]五")
#: 没有规定时间节点, 没写年份目标, 未明确完成时限, no deadline, without a target year
NO_TIME_RE = re.compile(
    r"(没有|没|未|不|无)(写|规定|设定|设|明确|提|定|标明|注明|给出|说|列)?[明出]?(具体)?(的)?(完成)?"
    r"(年份|年度|时间|时限|期限|节点|目标年|目标年份|时间要求|截止)"
    r"|\b(no|without)\s+(a\s+)?(target\s+)?(year|deadline|time\s*frame|timeline|date)", re.I)
_YEAR_RE = re.compile(r"(19|20)\d{2}")


def _said(row: TaskRow) -> str:
    return squeeze(f"{row.requirement}{row.deadline or ''}")


def holds_year(row: TaskRow, year: int) -> bool:
    return str(year) in _said(row)


def holds_time(row: TaskRow) -> bool:
    """Whether the task says any year or period (its text or its deadline)."""
    said = _said(row)
    return bool(_YEAR_RE.search(said) or PERIOD_RE.search(said))


def _narrows_by(text: str, year: int) -> bool:
    """Whether a year of the question picks tasks: not the year a plan was issued (2023年印发的方案,
    2024年国家行动方案里, 2024年9月6日临河县方案中)
    nor a bound (2030年前要完成哪些: every task due by then), unless aims are said of it
    (写了到2025年年底前要达到目标的)."""
    return any(not re.match(r"\s*年?\s*(底前|前|之前|以前|年底前)(?![^，,。？?]{0,8}(?:目标|指标))|"  # 2025年底前要达到目标的: a year's aims
                            r"\s*年?\s*\S{0,3}(印发|发布|出台|制定|发文|成文)|"
                            r"\s*年(?:\d{1,2}月(?:\d{1,2}[日号])?)?[^，,。？?；;]{0,12}?(?:方案|文件|通知|意见)", text[m.end():])
               for m in re.finditer(str(year), text))


#: a deadline with its year's or month's end, as a 完成时限 column writes it (2025年底前, 2025年10月底前)
_DATED_DUE_RE = re.compile(r"\d{4}\s*年\s*(?:\d{1,2}\s*月\s*|年\s*)?(?:底|末)(?:前|之前|以前)")


def narrowed(text: str, years: Sequence[int], rows: Sequence[TaskRow]) -> tuple[str, list[TaskRow]] | None:
    """(how the list is narrowed, the rows kept) when the question narrows a unit's tasks by
    time; None when it does not."""
    if NO_TIME_RE.search(text):
        return "中没有写明年份或时限的", [r for r in rows if not holds_time(r)]
    if re.search(r"时限|期限|deadline", text, re.I) or any(r.deadline for r in rows) and _DATED_DUE_RE.search(text):
        # 完成时限是“2025年底前”的 / 完成时限写明是2025年的 / 哪些要在2025年底前完成 (a table with deadlines;
        # not 长期负责, nor 2030年前, a bound every earlier deadline meets)
        if due := DEADLINE_RE.search(text):
            return f"中完成时限为“{due.group()}”的", [r for r in rows if due_on(r, due.group())]
        if years and any(r.deadline for r in rows):  # a table with a 完成时限 column: its deadlines, not the text's years
            label = "、".join(f"{y}年" for y in years)
            return f"中完成时限在{label}的", [r for r in rows if r.deadline and all(str(y) in r.deadline for y in years)]
    if (period := PERIOD_RE.search(text)) and not years:
        return f"中按“{period.group(0)}”期间定量的", [r for r in rows if period.group(0) in _said(r)]
    years = [y for y in years if _narrows_by(text, y)]
    if years:
        label = "、".join(f"{y}年" for y in years)
        return f"中写有{label}目标或时限的", [r for r in rows if all(holds_year(r, y) for y in years)]
    return None


def answer_narrowed(q: Query, docs: Sequence[Document], rows: Sequence[TaskRow]) -> Draft | None:
    """The unit's tasks that hold the time asked; when none does, that said and the whole list."""
    if (cut := narrowed(f"{q.text} {q.original}", q.years, rows)) is None:
        return None
    how, kept = cut
    if kept:  # read from the tasks' own text and deadlines: no evidence check on the narrowing words
        draft = answer_unit_tasks(q, docs, kept, narrow=how)
        draft.exact = True
        return draft
    draft = answer_unit_tasks(q, docs, rows)
    draft.lines.insert(0, f"{q.unit}的这些任务{how}：没有。它的全部任务是：")
    draft.found = False  # what is asked is not in the documents; the whole list is for reference
    return draft


#: words a time narrowing is said with (哪些是按“十四五”期间来定量的): no topic of their own
_TIME_SAID = ("定量", "量化", "期间", "时间", "节点", "年份", "年度", "时限", "期限", "完成", "要求", "截止")


def narrows_only(q: Query) -> bool:
    """Whether a unit's question asks its tasks narrowed by time and nothing else (no topic)."""
    due = "".join(m.group() for m in DEADLINE_RE.finditer(q.text))  # 完成时限为“长期坚持”的: 长期坚持 is the time
    return q.signals.task_words and narrowed(f"{q.text} {q.original}", q.years, ()) is not None \
        and all(has_any(t, _TIME_SAID) or PERIOD_RE.search(t) or t in due for t in q.terms)


#: the asker's own year said as context (现在是2026年，/ 今年已经2026了，/ It is 2026 now,)
_NOW_SAID_RE = re.compile(r"(?:现在|目前|当前|今年)\s*(?:(?:已经|都|已)\s*(?:是|到了|到)?|是|到了)\s*(20\d{2})\s*年?\s*了?\s*[，,、]?"
                          r"|(?:现在|目前|当前|今年)\s*(20\d{2})\s*年?\s*(?:了\s*[，,、]?|[，,、])"
                          r"|\b(?:it\s+is|it's|we\s+are\s+in|now\s+in|as\s+of)\s+(20\d{2})\s*(?:now\s*)?[,.;]?\s*", re.I)
_THIS_YEAR_RE = re.compile(r"今年\s*[（(]\s*(20\d{2})\s*年?\s*[)）]")  # 今年（2026年）: the year as written
#: the year just stated, referred back to (现在是2025年，当年要完成的指标)
_SAME_YEAR_RE = re.compile(r"当年|这一年|这年|本年度?|该年|同年|\bthat year\b|\bthe same year\b", re.I)
#: 明年 and 后年 never inside a word: 写明|年份, 最后|年限, 今后|年度
_INSIDE = r"(?<![写标注说表载证申声阐查讲指透简分鲜光清])(?<![最今之此以然其前随而落背往])({})(?![份度限均])"
_RELATIVE = tuple((re.compile(_INSIDE.format(w) if w in ("明年", "后年") else w), ahead)
                  for w, ahead in (("大后年", 3), ("后年", 2), ("明年", 1), ("今年", 0), ("去年", -1)))
_RELATIVE_EN = tuple((re.compile(p, re.I), ahead) for p, ahead in (
    (r"\bthe year after next\b", 2), (r"\bnext year\b", 1), (r"\bthis year\b", 0), (r"\blast year\b", -1)))


#: when the asker's own work happens, told before the question (我们小区明年要做抗震加固，…): the
#: year is theirs, not one the plan is asked about, unless the clause names what is asked
#: (我们明年要达到的绿色建筑占比，…)
_OWN_YEAR_RE = re.compile(r"明年|后年|今年|去年")
_ASKED_IN_CASE_RE = re.compile(r"要求|目标|指标|达到|占比|比例|任务|工作|事项|到期|完成|截止")


def dated(text: str, today: int | None = None) -> str:
    """Years said relative to now (明年, next year) written as years: relative to the year
    the asker states (现在是2026年，明年… -> 2027年…; then 今年 and 去年 too), else to the
    current year.  The stated year is context, not asked, and goes."""
    relative = re.search(r"今年|明年|后年|去年|\b(?:next|this|last) year\b|year after next", text, re.I)
    if relative:
        text = _THIS_YEAR_RE.sub(lambda m: f"{m.group(1)}年", text)
    stated = _NOW_SAID_RE.search(text)
    said = int(next(g for g in stated.groups() if g)) if stated else 0
    rest = (text[: stated.start()] + text[stated.end():]).strip() if stated else text
    if not relative:  # 现在是2024年，…的目标年份是: the asker's now, not a year asked; 当年 after it is that year
        return (_SAME_YEAR_RE.sub(f"{said}年", rest) or text) if stated else text
    if stated:
        today, text = said, rest
    elif today is None:
        import datetime

        today = datetime.date.today().year
    for clause in (*own_case_clauses(text), *told_sentences(text)):
        if not _ASKED_IN_CASE_RE.search(clause):
            text = text.replace(clause, _OWN_YEAR_RE.sub("", clause), 1)
    for pat, ahead in _RELATIVE:  # this or last year unstated asks how far things got: left as said
        text = pat.sub(f"{today + ahead}年", text) if ahead > 0 or stated else text
    for pat, ahead in _RELATIVE_EN:
        text = pat.sub(str(today + ahead), text) if ahead > 0 or stated else text
    return text


#: a list of tasks asked by the year of their deadline (完成时限在2026年某月的任务有哪些, which tasks are due in 2027)
_TASKS_LISTED_RE = re.compile(r"(哪些|哪几|哪一|哪个|什么)(项|个|条)?(任务|工作|事项|事)|(任务|工作|事项)(有|是|为)?(哪些|哪几)|"
                              r"\b(which|what)\s+(\w+\s+){0,2}(tasks?|items?)\b", re.I)  # 有几项 is counted elsewhere
_DUE_RE = re.compile(r"完成时限|时限|截止|到期|底前|月底|年底|交账|期限|\bdue\b|deadline", re.I)


def asks_by_deadline(q: Query) -> bool:
    """Whether a question asks the tasks whose 完成时限 falls in a year it names (a deadline
    quoted as tables write it, 2025年底前 or 长期坚持, is a reverse look-up: :mod:`lookup`)."""
    text = f"{q.text} {q.original}"
    return not q.unit and bool(q.years) and bool(_TASKS_LISTED_RE.search(text)) and bool(_DUE_RE.search(text)) \
        and asked_deadline(q) is None


def answer_by_deadline(q: Query, scope: Sequence[Document]) -> Draft | None:
    """The tasks whose deadline falls in the years asked (in a month of it when 某月 is asked);
    None when no document in scope has a 完成时限 (the question is then read as if not asked so)."""
    rows = [t for d in scope for t in d.tasks if t.deadline]
    if not rows:
        return None
    month = bool(re.search(r"某月|几月|哪个月|月份|\bmonth", f"{q.text} {q.original}", re.I))
    keep = [t for t in rows if all(str(y) in (t.deadline or "") for y in q.years) and (not month or "月" in (t.deadline or ""))]
    how = "在" + "、".join(f"{y}年" for y in q.years) + ("某月" if month else "")
    if not keep:
        return Draft(found=False, lines=[f"文件的责任分工表中没有完成时限{how}的任务。"])
    draft = answer_task_list(f"完成时限{how}的任务", scope, keep, lambda r: f"（完成时限：{r.deadline}）")
    draft.exact = True
    return draft


def absent_period(text: str, scope: Sequence[Document]) -> str | None:
    """The refusal of a question asking a planning period (“十五五”) no document in scope writes."""
    for m in PERIOD_RE.finditer(text):
        if not any(m.group(0) in d.text for d in scope):
            return f"现有文件没有提出“{m.group(0)}”时期的相关要求。"
    return None
