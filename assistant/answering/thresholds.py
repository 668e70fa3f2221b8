"""Targets picked out by their value, its measure or whose tasks set them, read from the plans'
parsed targets rather than from one passage: 哪些目标到2030年要达到50%以上, 按公里计算的目标有哪些,
百分比目标有哪些（户数不算）, 住建局牵头的任务里有哪些量化目标, 2030年与供热有关的目标有哪些.

The wording rules read the question only; indicators and values are the documents' own."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.compose import Draft, doc_label
from assistant.answering.conditions import read_held
from assistant.answering.intent import Query
from assistant.answering.topics import holds, topic_words
from assistant.numerals import count_said
from assistant.text import squeeze
from assistant.types import Document, Target, TaskRow

#: a list of targets asked (哪些目标, 目标有哪些, which targets; not 哪些有2030年目标: tasks)
_TARGETS_ASKED_RE = re.compile(r"(?:哪些|哪几个|哪几项|什么|哪几类|哪些个)(?!(?:任务|项|条)?(?:有|设|含|带|提了?|写了?))[^，,。？?]{0,8}?(?:目标|指标)|(?:目标|指标)(?:都|分别|还)?(?:有|是)(?:哪些|什么|啥)|(?:目标|指标)(?:都|还)?分别(?:是|为)?(?:多少|哪些|什么)|"
                               r"(?:有|设了?|给了?)(?:量化|具体)?(?:目标|指标)吗|\b(?:which|what)\b[^?]{0,40}\b(?:targets|indicators|goals)\b",
                               re.IGNORECASE)
#: the figures themselves asked (有哪些量化目标, 有量化目标吗, which targets)
_FIGURES_ASKED_RE = re.compile(r"量化|数值|目标值|具体数字|(?:有|设了?|给了?)[^，,。？?]{0,12}?(?:目标|指标)(?:吗|呢|[？?]|$)|\b(?:targets|figures)\b",
                               re.IGNORECASE)
#: a value compared (超过50%, 50%以上, 60%或更高, 在50%及以上, 低于30%)
_COMPARED_RE = re.compile(r"(?P<pre>超过|高于|大于|不低于|不少于|至少|低于|小于|不超过|不高于)?\s*(?:达到|为|在|是)?\s*(?P<v>\d+(?:\.\d+)?)\s*%\s*"
                          r"(?P<post>及以上|以上|或以上|或更高|及更高|以下|及以下|以内|或更低)?")
#: how each word compares (不超过 is no 超过: whole words only)
_HOW = {"超过": "gt", "高于": "gt", "大于": "gt", "不低于": "ge", "不少于": "ge", "至少": "ge", "低于": "lt", "小于": "lt",
        "不超过": "le", "不高于": "le", "及以上": "ge", "以上": "ge", "或以上": "ge", "或更高": "ge", "及更高": "ge",
        "以下": "le", "及以下": "le", "以内": "le", "或更低": "le"}
_REDUCTION = r"降低|下降|减少"
#: a measure asked (按公里计算的, 带面积目标的, 百分比目标), and measures set aside (户数、公里数那些不算)
_MEASURES = {"公里": r"(?<![/方])公里(?:以上)?$", "面积": r"(?:平方米|公顷)(?:以上)?$", "平方米": r"平方米(?:以上)?$",
             "百分比": r"%", "比例": r"%", "户": r"户(?:以上)?$"}
_MEASURE_ASKED_RE = re.compile(r"(?:按|以|用)[“\"'「]?(公里|平方米|户)[”\"'」]?(?:来)?(?:计|算|为单位|计算)|(?:带|有|是)(面积|公里|百分比)[^，,。？?]{0,2}(?:目标|指标)|"
                               r"(?:哪些|哪几个|所有|全部)[^，,。？?]{0,6}?(百分比|比例)(?:类|型)?的?(?:目标|指标)|"
                               r"(百分比|比例)(?:类|型)?的?(?:目标|指标)(?=都?(?:有哪些|有什么|是哪些|在|要))|(百分比)(?:类|型)?的?(?:目标|指标)(?=都?分别)")  # not 面积比例指标分别…
_MEASURE_DROPPED_RE = re.compile(r"(户|公里|面积|平方米)数?(?=[、和及]|那些|这些|不算|除外)")
_DROPPED_SAID_RE = re.compile(r"不算|除外|不计|不要")


def _number(value: str) -> float | None:
    m = re.search(r"\d+(?:\.\d+)?", value)
    return float(m.group()) if m else None


def _compared(text: str) -> tuple[float, str] | None:
    """The value the targets are compared with and how: (50.0, "ge") for 50%以上; None unless compared."""
    m = _COMPARED_RE.search(text)
    if m is None or not (m.group("pre") or m.group("post")):
        return None
    return float(m.group("v")), _HOW[m.group("pre") or m.group("post")]


def _meets(t: Target, bound: tuple[float, str], reduction: bool) -> bool:
    """Whether a target's percentage compares as asked; a reduction (下降20%) only when one is asked."""
    v = _number(t.value)
    if v is None or "%" not in t.value or bool(re.search(_REDUCTION, t.indicator)) != reduction:
        return False  # a reduction by 20% is no share reaching 20%
    if re.search(r"以上$", t.value.strip()) and bound[1] in ("le", "lt") or re.search(r"(?:以下|以内)$", t.value.strip()) and bound[1] in ("ge", "gt"):
        return False  # 40%以上 is a floor: no ceiling of 50%
    return {"gt": v > bound[0], "ge": v >= bound[0], "lt": v < bound[0], "le": v <= bound[0]}[bound[1]]


def _of_rows(t: Target, rows: Sequence[TaskRow]) -> bool:
    said = squeeze(t.text)
    return any(r.doc_id == t.doc_id and (t.row_no is not None and r.row_no == t.row_no or said and said in squeeze(r.requirement))
               for r in rows)


def answer_thresholds(q: Query, docs: Sequence[Document]) -> Draft | None:
    """The targets the question picks out by value, measure or whose tasks set them; None unless it
    asks a list of targets with one of those."""
    text, both = q.text, f"{q.text} {q.original}"  # English: its own words too
    asked = _MEASURE_ASKED_RE.search(text)  # 带面积目标的有哪些: a list of targets, however asked
    if not (_TARGETS_ASKED_RE.search(both) or asked and re.search(r"哪些|哪几", text)) or q.row is not None or q.item is not None \
            or re.search(r"谁|哪(?:些|个|几个|家)(?:单位|部门)|什么时候|何时|哪一?年|\bwho\b|\bwhen\b", both, re.IGNORECASE):
        return None  # who sets it (…的那项，配合单位是谁), when it is due: not a list of targets
    bound = _compared(text)
    measures = [_MEASURES[next(g for g in asked.groups() if g)]] if asked else []
    dropped = [_MEASURES[m.group(1)] for m in _MEASURE_DROPPED_RE.finditer(text)] if _DROPPED_SAID_RE.search(text) else []
    held = read_held(text, q.units_named) if re.search(r"任务(?:里|中|当中)|\btasks?\b", both) else []
    rows = [r for d in docs for r in d.tasks if all(h.admits(r) for h in held)] if held else []  # 住建局不牵头的任务里: denied too
    if any(not any(r.holds(h.unit) for d in docs for r in d.tasks) for h in held):
        return None  # a unit no plan in scope names
    if held and not (bound or measures or dropped) and not _FIGURES_ASKED_RE.search(both):
        return None  # 住建局牵头的任务里，哪些目标年份是2025年: its tasks, not its figures
    topic = [w for w in (re.sub(r"^[\d年]+", "", w) for w in topic_words(text)) if len(w) >= 2 and w not in _MEASURES] \
        if (bound or measures or dropped or held or q.years) else []  # 2030年与供热有关的目标有哪些 (2025年农村方面: 农村)
    if not (bound or measures or dropped or held or topic):
        return None
    years = {y for y in q.years if not re.search(rf"(?:比|较|相比){y}", text)}  # 比2020年下降: a base year, not the target's
    d = Draft(exact=True)
    found = []
    for doc in docs:
        picked = [t for t in doc.targets if (not years or t.year in years) and (bound is None or _meets(t, bound, bool(re.search(_REDUCTION, text))))
                  and all(re.search(m, t.value) for m in measures) and not any(re.search(m, t.value) for m in dropped)
                  and (not held or _of_rows(t, rows)) and (not topic or any(holds(w, t.indicator) or holds(w, t.text) for w in topic))]
        if picked:
            found.append((doc, picked))
    if not found:  # (a topic alone no indicator names: the passages may still say it)
        return None if topic and not (bound or measures or dropped or held) else Draft(found=False, lines=["文件中没有符合这些条件的量化目标。"])
    for doc, picked in found:
        prefix = f"{doc_label(doc)}：" if len(found) > 1 else ""
        d.lines.append(f"{prefix}符合条件的量化目标共{count_said(len(picked))}个：")
        d.lines += [f"· {t.indicator}：{t.value}{f'（{t.year}年）' if t.year else ''}{d.cite(doc, t.text, t.clause_no, t.row_no)}"
                    for t in picked]
    return d
