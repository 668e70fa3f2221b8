"""Reverse look-ups: a figure or a deadline quoted, the indicator or the tasks asked
(哪项指标要求达到45%？ 完成时限为长期坚持的任务有哪些？ Which indicator is set at 30% for 2027?).

An inspector checking a number works backwards from it.  Matching words would rank
passages by what the question says around the number (督查组核对出处…), so these are
answered from the documents' own targets and task rows: the value compared as a number
with its unit, the deadline as written."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering import figures
from assistant.answering.compose import NEAR, Draft, doc_label, row_phrase
from assistant.answering.intent import Query
from assistant.answering.premise import asked_value, same_value
from assistant.text import squeeze
from assistant.types import Document, TaskRow

#: asking which thing a quoted figure or deadline belongs to
WHICH_RE = re.compile(r"(哪|什么|啥)[一]?[项个些类条几]?[\u4e00-\u9fa5]{0,3}?(指标|目标|任务|工作|事项|内容|要求)|"
                      r"(任务|工作|事项)(有|是)?(哪些|哪几|哪一?[项个条])|(指|说)的是(什么|哪)|的(是|有)哪(几|些)(项|个|条)|"
                      r"(任务|工作|事项)(?:[（(][^）)]{0,40}[）)])?(?:一共|总共|共|合计)?有?(?:几|多少)(?:项|个|条)|"
                      r"(?:几|多少)(?:项|个|条)(?:任务|工作|事项)|"  # counted: 完成时限为2027年底前的任务有几项
                      r"\b(which|what|how many)\b[^?]{0,40}?\b(indicators?|targets?|goals?|metrics?|tasks?|items?|measures?)\b",
                      re.IGNORECASE)
#: a deadline as tables write them (2025年底前, 每年12月底前, 长期坚持, 持续推进)
DEADLINE_RE = re.compile(r"\d{4}年(?:\d{1,2}月)?(?:底|年底|末)(?:前|之前|以前)?|\d{4}年(?:前|之前|以前)|每年\d{0,2}月?底?前|"
                         r"长期坚持|持续推进|长期|持续")
_QUOTED_RE = re.compile(r"[“\"'「『]([^”\"'」』]{1,20})[”\"'」』]")


def asked_deadline(q: Query) -> str | None:
    """A deadline quoted as the tables write it (only asked of tasks: 完成时限/deadline said)."""
    quoted = [m.group(1) for m in _QUOTED_RE.finditer(q.text)]
    for text in (*quoted, q.text):
        if m := DEADLINE_RE.search(text):
            return m.group()
    return None


def asks_lookup(q: Query) -> bool:
    """A figure or a deadline quoted and the thing it belongs to asked."""
    said = q.original or q.text  # an English question: its own words ask which
    if q.unit or q.row is not None or not (WHICH_RE.search(q.text) or WHICH_RE.search(said)):
        return False
    if asked_value(q) is not None:
        return True
    quoted_due = any(DEADLINE_RE.fullmatch(m.group(1)) for m in re.finditer(r"按\s*[“\"「‘]([^”\"」’]{2,16})[”\"」’]", said))
    return asked_deadline(q) is not None and (quoted_due or bool(re.search(  # 按“每年12月底前”推进: a deadline quoted
        r"完成|时限|期限|deadline|due|marked|标注|标为|标的是|标着|写的是|写着", said, re.I)))


def answer_lookup(q: Query, docs: Sequence[Document]) -> Draft:
    """The targets whose value is the quoted figure (for the asked years), or the tasks
    whose deadline is the quoted one; an empty, not-found draft when none is."""
    value = asked_value(q)
    if value is not None:
        return _by_value(q, value, docs)
    deadline = asked_deadline(q)
    return _by_deadline(q, deadline, docs) if deadline else Draft(found=False)


def _by_value(q: Query, value: tuple[float, str], docs: Sequence[Document]) -> Draft:
    d = Draft(found=False)
    same = [figures.Match(1.0, doc, t) for doc in docs for t in doc.targets if same_value(value, t.value)]
    # an indicator named beside the figure (绿色建筑占比要达到100%的要求) must be the one that has it
    named = [t for t in q.terms if any(t in x.indicator for doc in docs for x in doc.targets)]
    if named:
        same = [m for m in same if any(t in m.target.text for t in named)]
        if not same:
            return d  # read as a target question: the named indicator's own value is the answer
    chosen = [m for m in same if not q.years or m.target.year in q.years]
    if not chosen:
        if same and q.years:
            years = "、".join(f"{y}年" for y in q.years)
            have = "、".join(sorted({f"{m.target.year}年" for m in same if m.target.year}))
            d.lines += [f"文件中没有{years}数值为{_shown(value)}的指标" + (f"（这一数值的目标年份是：{have}）。" if have else "。"), NEAR]
            figures.quote_targets(d, q, same[:2], years_only=False, several=len({m.doc.id for m in same[:2]}) > 1,
                                  own_indicator=True)
        return d
    d.found = d.exact = True
    figures.quote_targets(d, q, chosen[:6], years_only=False, several=len({m.doc.id for m in chosen}) > 1,
                          own_indicator=True)
    return d


def _shown(value: tuple[float, str]) -> str:
    n = f"{value[0]:g}"
    return n + value[1]


def due_on(row: TaskRow, deadline: str) -> bool:
    """2025年底前 asked matches 2025年底 written, and the other way round; the end of a
    year is the end of its December (2025年12月底前 is 2025年底前)."""
    def year_end(text: str) -> str:
        return re.sub(r"(\d{4})年12月(底|末)", r"\1年底", text)
    asked = year_end(re.sub(r"(之|以)?前$", "", deadline))
    return bool(row.deadline) and asked in year_end(row.deadline or "")


def _by_deadline(q: Query, deadline: str, docs: Sequence[Document]) -> Draft:
    rows = [(doc, r) for doc in docs for r in doc.tasks if due_on(r, deadline)]
    d = Draft(found=bool(rows), exact=True)
    several = len({doc.id for doc, _ in rows}) > 1
    for doc, row in rows[:20]:
        ref = d.cite_task(doc, row, f"{row.requirement}（完成时限：{row.deadline}）")
        prefix = doc_label(doc) + "：" if several else ""
        d.lines.append(f"{prefix}{row_phrase(row)}：完成时限为{row.deadline}{ref}。")
        d.tasks.append(row)
    if rows:
        d.lines.insert(0, f"完成时限为“{deadline}”的任务共{len(rows)}项：")
    return d


#: a figure quoted with its measure (20万, 35%, 6000户, 35公里): a bare 2027 is a year
_FIGURE_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*(?:[万亿千百]|%|％|户|公里|米|千瓦|吨|个|座|处)")


def rows_quoting(text: str, rows: Sequence[TaskRow]) -> list[TaskRow]:
    """Of these rows, those whose requirement writes a figure the question quotes
    (公共建筑节能改造 20万 配合: the 20万 row, not every 公共建筑 row of four plans)."""
    figures = {squeeze(m.group()) for m in _FIGURE_RE.finditer(text)}
    if not figures:
        return []
    quoted = re.compile("|".join(r"(?<![\d.])" + re.escape(f) for f in figures))
    return [r for r in rows if quoted.search(squeeze(r.requirement))]
