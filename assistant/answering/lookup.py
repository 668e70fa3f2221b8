"""Reverse look-ups: a figure or a deadline quoted, the indicator or the tasks asked
(哪项指标要求达到45%？ 完成时限为长期坚持的任务有哪些？ Which indicator is set at 30% for 2027?).

An inspector checking a number works backwards from it.  Matching words would rank
passages by what the question says around the number (督查组核对出处…), so these are
answered from the documents' own targets and task rows: the value compared as a number
with its unit, the deadline as written."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.answering import figures
from assistant.answering.compose import NEAR, Draft, doc_label, lead_said, roles_said, row_phrase
from assistant.answering.intent import Query
from assistant.answering.premise import VALUE_RE, asked_value, figure_of, in_units, same_value, states_belief
from assistant.answering.terms import META_NOUNS, QUESTION_WORDS
from assistant.numerals import as_written, small_cn
from assistant.text import squeeze
from assistant.types import Document, TaskRow

#: asking which thing a quoted figure or deadline belongs to (55%指的是什么, 哪项指标要求达到45%)
WHICH_RE = re.compile(r"(哪|什么|啥)[一]?[项个些类条几]?[\u4e00-\u9fa5]{0,3}?(指标|目标|任务|工作|事项|内容|要求)|"
                      r"(任务|工作|事项)(有|是)?(哪些|哪几|哪一?[项个条])|(指|说)的?是?(什么|哪|啥)|的(是|有)哪(几|些)(项|个|条)|"

                      r"(任务|工作|事项)(?:[（(][^）)]{0,40}[）)])?(?:一共|总共|共|合计)?有?(?:几|多少)(?:项|个|条)|"
                      r"(?:几|多少)(?:项|个|条)(?:任务|工作|事项)|"  # counted: 完成时限为2027年底前的任务有几项
                      r"\b(which|what|how many)\b[^?]{0,40}?\b(indicators?|targets?|goals?|metrics?|tasks?|items?|measures?)\b",
                      re.IGNORECASE)
#: what a figure is asked to be, said right after it (12%是什么比例, 300吨/万平方米是什么的上限, 55%指的是什么,
#: 50%这个数字对应什么); an English question says it in its own words (_MEANS_RE: what does the 95% refer to)
_WHAT_IS_RE = re.compile(r"\s*(?:/[\u4e00-\u9fa5]{1,5}?)?(?:这个|这一|这|的)?(?:数字|数值|数|比例|指标|目标|提法)?\s*(?:是|指的?是?|说的?是|对应(?:的是)?|代表)"
                         r"(?:个|一个)?(?:什么|啥|哪)")
_MEANS_RE = re.compile(r"\b(?:refers?\s+to|mean|means|stands?\s+for|correspond)", re.IGNORECASE)
_NOT_WHAT_RE = re.compile(r"时限|期限|截止|时候|时间|哪年|何时|口径|牵头|负责|配合|参与|谁")
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
    if q.unit or q.row is not None:
        return False
    if not (WHICH_RE.search(q.text) or WHICH_RE.search(said)):
        return _figure_asked_back(q)  # 12%是什么比例 (not 改造15万户的资金来源是什么)
    if asked_value(q) is not None:
        return True
    quoted_due = any(DEADLINE_RE.fullmatch(m.group(1)) for m in re.finditer(r"按\s*[“\"「‘]([^”\"」’]{2,16})[”\"」’]", said))
    return asked_deadline(q) is not None and (quoted_due or bool(re.search(  # 按“每年12月底前”推进: a deadline quoted
        r"完成|时限|期限|deadline|due|marked|标注|标为|标的是|标着|写的是|写着", said, re.I)))


def _figure_asked_back(q: Query) -> bool:
    """A figure the question is about: what it is asked right after it (12%是什么比例, 300吨/万平方米是
    什么的上限, 55%指的是什么; in English, what the figure means or refers to), not its time or units."""
    if _NOT_WHAT_RE.search(q.text) or asked_value(q) is None:
        return False
    if q.english:
        return bool(_MEANS_RE.search(q.original or ""))
    return any(m.group(2) and _WHAT_IS_RE.match(q.text, m.end()) for m in VALUE_RE.finditer(q.text))


#: a task picked by its deadline (完成时限为2027年底前的那项, 2026年6月底前完成的任务, the task due by …)
_DUE_SAID_RE = re.compile(r"时限|期限|截止|到期|(?:底|末)(?:之|以)?前[^，,。？?]{0,2}完成|\bdue\b|\bdeadline", re.IGNORECASE)
_ROLE_ASKED_RE = re.compile(r"牵头|负责|配合|参与|谁|\bwho\b|\blead", re.IGNORECASE)
_PARTNERS_ASKED_RE = re.compile(r"配合|参与|协同|\bpartners?\b|\bsupport|\bparticipat|\btak\w* part\b", re.IGNORECASE)


def asks_roles_by_deadline(q: Query) -> bool:
    """Who leads the task(s) a deadline alone picks, as a table writes it (完成时限为2027年底前的那项是
    哪两个单位牵头; not 2025年底前完成的老旧小区改造由谁牵头: a topic picks that one)."""
    said = f"{q.text} {q.original or ''}"
    due = "".join(m.group() for m in DEADLINE_RE.finditer(q.text))
    return bool(not q.unit and q.row is None and due and _DUE_SAID_RE.search(said) and _ROLE_ASKED_RE.search(said)
                and all(t in due or t in QUESTION_WORDS or t in META_NOUNS or t == "唯一" for t in q.terms))


def roles_by_deadline(q: Query, docs: Sequence[Document]) -> Draft | None:
    """The rows with the deadline asked and who leads each; None when no row has it (a plan
    without a 完成时限 column: the question is read as any other)."""
    due = asked_deadline(q)
    draft = _by_deadline(q, due, docs) if due else None
    return draft if draft is not None and draft.found else None


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
        return re.sub(r"(\d{4})年(?:12月|年)(底|末)", r"\1年底", text)  # 2025年12月底, 2025年年底: 2025年底
    asked = year_end(re.sub(r"(之|以)?前$", "", deadline))
    return bool(row.deadline) and asked in year_end(row.deadline or "")


def _by_deadline(q: Query, deadline: str, docs: Sequence[Document]) -> Draft:
    rows = [(doc, r) for doc in docs for r in doc.tasks if due_on(r, deadline)]
    d = Draft(found=bool(rows), exact=True)
    several = len({doc.id for doc, _ in rows}) > 1
    for doc, row in rows[:20]:
        ref = d.cite_task(doc, row, f"{row.requirement}（完成时限：{row.deadline}）")
        prefix = doc_label(doc) + "：" if several else ""
        roles = roles_said(row) if _PARTNERS_ASKED_RE.search(f"{q.text} {q.original or ''}") else lead_said(row)
        d.lines.append(f"{prefix}{row_phrase(row)}：{roles}，完成时限为{row.deadline}{ref}。")
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


#: a figure said before it to be the plan's (文件里提到的“10个零碳社区”, 方案中的25万平方米, 方案里10公里/平方公里的)
_TAKEN_RE = re.compile(r"(?:方案|文件|文中|原文)(?:里|中|内)?(?:所|里)?(?:提到|写到|说到|讲到|提出|规定|写的|说的|明确)?的?\s*[“\"「]?\s*$|"
                       r"(?:提到|写到|说到|讲到|提出|规定|写的|说的)的?\s*[“\"「]?\s*$")
#: …or said after it to be a target or task whose year, unit or kind is asked (15万户老旧小区改造是哪年的目标)
_ASKED_OF_RE = re.compile(r"[^，,。；;？?]{0,16}?(?:是|为|属于)(?:哪一?年|哪个时期|什么|啥|哪项|哪个|谁)的?(?:目标|指标|任务|工作)")
#: the asker's own figures (我们县300户的小区): theirs, not the plan's
_OWN_RE = re.compile(r"我们|咱们|我单位|本单位|我家|我县|我区|我镇")
#: a figure put to be checked (是不是…就行, 是否, 对吗): the target question's to correct
_CHECKED_RE = re.compile(r"是不是|是否|对不对|对吗|有没有|吗[？?。!！\s]*$|(?<![什怎那这多])么[？?。!！\s]*$")
_PER_RE = re.compile(r"/[\u4e00-\u9fa5]{1,5}?(?=的|[^\u4e00-\u9fa5]|$)")
#: a count of the plan's own parts or of places (3个方面, 5个单位, 12个县区), not a figure it sets
_PARTS_COUNTED_RE = re.compile(r"(?:方面|部分|重点|任务|措施|环节|阶段|目标|指标|单位|部门|文件|方案|问题|附件|县|区|乡镇|街道)")
_THOUSANDS_RE = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_FIGURES: dict[tuple[str, int], tuple[frozenset[tuple[float, str]], frozenset[float]]] = {}


def absent_figure(q: Query, docs: Sequence[Document]) -> Draft | None:
    """A refusal when the question takes a figure for the plan's and asks about it (15万户改造是
    哪年的目标, 文件里提到的“10个零碳社区”是谁牵头的) but no document in scope writes it: answering
    the nearest passage would confirm a number the plan does not have.  A figure put to be
    checked (听说要改造15万户，对吗) is the target question's to correct, not refused here."""
    text = _THOUSANDS_RE.sub("", q.text)  # 150,000户
    taken = [m for m in VALUE_RE.finditer(text) if m.group(2)
             and (_ASKED_OF_RE.match(text, m.end()) or _TAKEN_RE.search(text, 0, m.start()))
             and not (m.group(2) == "个" and _PARTS_COUNTED_RE.match(text, m.end()))]
    if not taken or not docs or states_belief(text) or _CHECKED_RE.search(text) or _OWN_RE.search(text):
        return None  # (most questions stop at the first test: no figure taken for the plan's)
    for m in taken:
        asked = figure_of(m)
        if not any(_holds(_figures(doc), asked) for doc in docs):
            said = m.group() + (per.group() if (per := _PER_RE.match(text, m.end())) else "")  # 10公里/平方公里
            return Draft(found=False, lines=[f"现有文件中没有“{squeeze(said)}”这一数字，无法回答这个问题。"])
    return None


def _holds(figures: tuple[frozenset[tuple[float, str]], frozenset[float]], asked: tuple[float, str]) -> bool:
    """Whether a document's figures (with units, and values alone) hold the asked one however written
    (50% of 50%以上, 136400户 of 13.64万户, 15万 of 15万户): set look-ups, so a library of thousands of
    plans is checked in milliseconds."""
    n, unit = in_units(asked)
    return (round(n, 6), unit) in figures[0] if unit else round(n, 6) in figures[1]


def _figure_set(figures: Iterable[tuple[float, str]]) -> tuple[frozenset[tuple[float, str]], frozenset[float]]:
    scaled = [(round(n, 6), u) for n, u in map(in_units, figures)]
    return frozenset(scaled), frozenset(n for n, _ in scaled)


#: a count in Chinese numerals before its measure (五个, 一百万平方米): in digits, as questions write it
_CN_COUNT_RE = re.compile(r"([一二两三四五六七八九十百千]+)(?=个|户|座|处|项|公里|米|平方米|万|亿)")


def _figures(doc: Document) -> tuple[frozenset[tuple[float, str]], frozenset[float]]:
    """The figures a document writes: its text, its task rows (a DOCX table is not in the
    text) and its targets' values, numerals as digits; kept per text (an edited file is read again)."""
    key = (doc.id, hash((doc.text, *(t.requirement for t in doc.tasks), *(t.value for t in doc.targets))))
    if key not in _FIGURES:
        if len(_FIGURES) > 100_000:
            _FIGURES.clear()
        texts = [doc.text, *(t.requirement for t in doc.tasks), *(t.value for t in doc.targets)]
        written = [_CN_COUNT_RE.sub(lambda m: str(small_cn(m[1]) or m[1]), as_written(_THOUSANDS_RE.sub("", t))) for t in texts]
        _FIGURES[key] = _figure_set(figure_of(m) for t in written for m in VALUE_RE.finditer(t) if m.group(2))
    return _FIGURES[key]
