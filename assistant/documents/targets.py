"""Quantitative targets: indicator, value with unit, year, and the sentence saying it.

Targets are read from the body clauses (the authoritative text); a table row that
repeats a clause target is merged into it (``row_no`` attached) so a question about
清洁供暖比例 finds one target, not two.  The same quantity scanner feeds the
body-vs-table comparison in :mod:`assistant.documents.crossref`, which is why it returns the
value *with the indicator it is attached to* rather than a bag of numbers.

Decision: "十四五" (2021-2025) counts as year 2025, the end of the plan period, so a
"what is due by 2025" lookup includes 十四五 targets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.text import dice, sentences, split_outside_brackets, squash, trailing_paren
from assistant.types import Clause, Target, TaskRow

#: five-year plan periods -> the year they end (see module docstring)
PLAN_PERIOD_END = {"十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}

_NUM = r"\d+(?:\.\d+)?"
_QUAL = r"(?:\s*(?:以上|以下|以内|左右))?"
# longest units first so 公里/平方公里 is not read as 公里
_UNITS = ("公里/平方公里", "吨/万平方米", "亿平方米", "万平方米", "平方公里", "平方米", "个百分点", "万千瓦", "千瓦",
          "万户", "公里", "公顷", "亿吨", "万吨", "吨", "亿元", "万元", "米", "座", "处", "个", "户")
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS)
_BOUNDARY = r"(?=[，。；、（）()\s”,;:：]|$|以上|以下|以内|左右|的)"
QUANTITY_RE = re.compile(
    rf"(?P<pct>{_NUM}\s*%{_QUAL})"
    rf"|(?P<num>{_NUM}\s*(?:{_UNIT_RE}){_QUAL}){_BOUNDARY}"
    rf"|(?P<star>[一二三四五]星级(?:及以上)?)"
)
_YEAR_RE = re.compile(r"(\d{4})\s*年(?!\s*(?:以)?[前后]建成)|“?(十[三四五六]五)”?")
_LEAD_YEAR_RE = re.compile(r"^(?:到|至|在|于|从)?\s*\d{4}\s*年(?:前|底|末)?|^“?十[三四五六]五”?期间")
_TRAIL_VERB_RE = re.compile(r"(?:力争|达到|提高到|提高至|提升到|提升至|控制在|保持在|不高于|不低于|不宜超过|"
                            r"超过|大于|小于|低于|高于|达|为|至|到)+$")
_FRAG_SPLIT = re.compile(r"[，,；;：:]")





@dataclass(frozen=True)
class Quantity:
    """A value found in a sentence, with what it measures."""

    kind: str  # "percent" | "number" | "star_level"
    value: str  # as written ("85%以上", "300 吨/万平方米", "三星级")
    key: str  # comparable form: number and unit, no spaces or qualifier
    indicator: str  # what the value measures, cleaned for display
    context: str  # the fragment without value and year phrase: what alignment compares
    year: int | None
    sentence: str




def _year_of(match: re.Match[str]) -> int | None:
    if match.group(1):
        return int(match.group(1))
    return PLAN_PERIOD_END.get(match.group(2))


def _years_in(text: str) -> list[tuple[int, int]]:
    """(offset, year) of every year a sentence sets as a date (not 比2020年 baselines)."""
    out = []
    for m in _YEAR_RE.finditer(text):
        before = text[: m.start()].rstrip()
        if before.endswith(("比", "较", "与")):
            continue
        y = _year_of(m)
        if y is not None:
            out.append((m.start(), y))
    return out


def row_years(text: str) -> tuple[int, ...]:
    """The years a row's text mentions as dates, sorted: 2025, 2030 … and 十四五 -> 2025."""
    return tuple(sorted({y for _, y in _years_in(text)}))


def _key(kind: str, value: str) -> str:
    v = re.sub(r"\s+", "", value)
    if kind == "star_level":
        return v[0]
    return re.sub(r"(以上|以下|以内|左右|及以上)$", "", v)


def _clean_indicator(text: str) -> str:
    s = squash(text)
    s = _LEAD_YEAR_RE.sub("", s)
    s = re.sub(r"^(?:力争|并且|并|且)", "", s.strip("，。；、“”\"'的"))
    return _TRAIL_VERB_RE.sub("", s).strip("，。；、“”\"'")


def quantities(text: str) -> list[Quantity]:
    """Every value in ``text`` with its indicator and the year in force where it is said."""
    out: list[Quantity] = []
    for sent in sentences(text, join_lines=True):
        years = _years_in(sent)
        pos = 0
        last_indicator = ""
        for frag in split_outside_brackets(sent, _FRAG_SPLIT):
            fstart = sent.find(frag, pos)
            pos = fstart + len(frag) if fstart >= 0 else pos
            matches = list(QUANTITY_RE.finditer(frag))
            for i, m in enumerate(matches):
                kind = "percent" if m.group("pct") else "number" if m.group("num") else "star_level"
                value = m.group(0).strip()
                # "管网 200 公里、雨水管网 300 公里": each value owns the text since the previous one
                lo = matches[i - 1].end() if i else 0
                hi = matches[i + 1].start() if i + 1 < len(matches) else len(frag)
                before = _clean_indicator(frag[lo: m.start()])
                # a bracket closing the sentence after a value says who is responsible
                # (（X牵头，Y配合）), not what it measures; one inside the words is part of them (县（市、区）)
                tail = frag[m.end(): hi]
                closing = trailing_paren(frag[:hi])
                if closing and frag[m.end():closing[0]].strip() in ("", "以上", "以下", "以内", "左右"):
                    tail = frag[m.end():closing[0]]
                after = _clean_indicator(tail) if kind != "star_level" else ""
                if len(before) <= 2 and after:
                    indicator = before + after  # 50%以上的县（市、区）基本建成…
                elif len(before) <= 2:
                    indicator = last_indicator or before  # 到 2030 年降低 30%以上
                elif kind != "star_level" and after and tail[:1] not in "的，、":
                    indicator = before + after  # 达到83%节能要求 -> …节能要求
                else:
                    indicator = before
                if kind != "star_level" and indicator:
                    last_indicator = indicator
                at = (fstart if fstart >= 0 else 0) + m.start()
                year = next((y for off, y in reversed(years) if off < at), None)
                context = squash(frag[lo: m.start()] + tail)
                context = _YEAR_RE.sub("", _LEAD_YEAR_RE.sub("", context))
                out.append(Quantity(kind=kind, value=value, key=_key(kind, value), indicator=indicator,
                                    context=context or indicator, year=year, sentence=sent))
    return out






def _same_target(a: Target, q: Quantity) -> bool:
    return _key("number", a.value) == q.key and (a.year == q.year or q.year is None)


def extract_targets(clauses: Sequence[Clause], rows: Sequence[TaskRow], doc_id: str) -> list[Target]:
    """All quantitative targets of a document, clause order; rows repeating a clause
    target are merged into it, a value only the table states becomes its own target.

    Star levels and goals without a number (2060年前 … 全面实现绿色低碳转型) are not
    quantitative targets and are left to the clause text."""
    targets: list[Target] = []
    for c in clauses:
        for q in quantities(c.text):
            if q.kind == "star_level":
                continue
            targets.append(Target(indicator=q.indicator, value=q.value, year=q.year, text=q.sentence,
                                  clause_no=c.no, row_no=None, doc_id=doc_id))
    for r in rows:
        for q in quantities(r.requirement):
            if q.kind == "star_level":
                continue
            same = [i for i, t in enumerate(targets)
                    if t.clause_no == r.clause_no and t.clause_no is not None and _same_target(t, q)]
            hit = max(same, key=lambda i: dice(targets[i].indicator, q.indicator), default=None)
            if hit is None:
                targets.append(Target(indicator=q.indicator, value=q.value, year=q.year, text=q.sentence,
                                      clause_no=r.clause_no, row_no=r.row_no, doc_id=doc_id))
            elif targets[hit].row_no is None:
                t = targets[hit]
                targets[hit] = Target(indicator=t.indicator, value=t.value, year=t.year, text=t.text,
                                      clause_no=t.clause_no, row_no=r.row_no, doc_id=doc_id)
    return targets
