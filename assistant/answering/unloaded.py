"""A document a question names that is not loaded (聊建字〔2022〕31号, 12号文, 《工业领域碳达峰实施
方案》, 交通运输领域碳达峰实施方案, 2024年印发的那个方案): refused with what is loaded, never
answered from a loaded plan that says something on the same topic.

Derived from the loaded documents only: their numbers, titles and dates, and what their texts
write (a document a plan cites is no document missing).  A number, title or field said as the
basis of what is asked (按照国发〔2021〕23号的要求) is not the document asked about."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from assistant.answering.naming import dates_naming
from assistant.answering.terms import DOC_NUMBER_RE

#: a number said with its prefix but without its year (东建发12号); the prefix ends as prefixes do, not
#: as a verb does (下发9号文件: a bare number), and the number names a document (not 开发3号地块)
PREFIXED_NUMBER_RE = re.compile(r"[\u4e00-\u9fa5]{0,6}(?:(?<![印下开颁分签转研批出收])发|[字函办规标])\s?第?\s*\d{1,4}\s*号"
                                r"(?=文(?![化体明旅物创艺])|里|中|规定|要求|[，,。？?、\s]|$)")
#: a number said without its prefix and year (31号文, 9号文件里), never a day (6月27号文件), an
#: attachment (附件2号文件) or a place (5号文化站)
BARE_NUMBER_RE = re.compile(r"(?<![\d〔〕\[\]【】）)月日])(?<!附件)(?<!附表)(\d{1,4})\s*号(?:文件|文(?![化体明旅物创艺]))(?:里|中)?")
#: a dated number as a document writes it, found from its bracketed year
_CITED_RE = re.compile(r"[〔\[【（(]\s*(?:19|20)\d\d\s*[〕\]】）)]\s*第?\s*\d{1,4}\s*号")
#: a document said as the basis of what is asked, not asked about
_BASIS_RE = re.compile(r"按照|根据|依据|落实|贯彻|参照|依照|遵照")
#: words before a number's prefix that are not part of it (请问, 关于, 对, 我想查…)
_NOT_PREFIX_RE = re.compile(r"请问|关于|我想|查一下|查|按照|根据|依据|[的在对和与及是于从把里]")
#: a document named by its title in book marks, of a document kind
_BOOK_TITLE_RE = re.compile(r"《([^《》]{4,40}(?:方案|意见|通知|办法|条例|规划|计划|细则|规定|纲要|决定))》")
#: a plan of a field named without marks (交通运输领域碳达峰实施方案里), not a field in general (重点领域)
_FIELD_PLAN_RE = re.compile(r"([\u4e00-\u9fa5]{2,6})领域((?!的)[\u4e00-\u9fa5]{2,12}?(?:方案|意见|规划|计划|办法))")
_NOT_A_FIELD_RE = re.compile(r"重点|相关|其他|其它|有关|哪些|哪个|各个?|这些|那些|不同|多个|主要|各类|某些|所有")
_KIND_WORDS_RE = re.compile(r"(?:实施|行动|工作)?(?:方案|计划)$")


@dataclass(frozen=True)
class NumberCore:
    """What tells one document number from another: its prefix (``words``: the characters before it
    as written, which may run into the question's own words: 国家建标), year (None when not said), serial."""

    words: str
    year: int | None
    serial: int

    @property
    def prefix(self) -> str:
        """The prefix without the words before it (请问甲建字: 甲建字), its last four characters."""
        cut = max((m.end() for m in _NOT_PREFIX_RE.finditer(self.words)), default=0)
        return self.words[cut:][-4:]

    def one_of(self, others: Sequence[NumberCore]) -> bool:
        """Whether one of ``others`` may be this number (国家建标〔2024〕35号 of 建标〔2024〕35号; 甲建〔2023〕31号,
        said short, of 甲建字〔2023〕31号; a bare 31号文 of any number 31): same serial, the year if both say
        one, and the prefix written before it or its characters all the other's."""
        return any(o.serial == self.serial and (self.year is None or o.year is None or o.year == self.year)
                   and (len(o.prefix) >= 2 and self.words.endswith(o.prefix) or set(self.prefix) <= set(o.prefix))
                   for o in others)


def number_core(written: str) -> NumberCore | None:
    """The core of a number as written (东建发〔2024〕12号, 建标2024 35号, 东建发12号, 31号文)."""
    m = re.search(r"([\u4e00-\u9fa5]*?)\s?第?[〔\[【（(]?\s*((?:19|20)\d\d)?\s*[〕\]】）)]?\s*年?\s*第?\s*(\d{1,4})\s*号", written)
    if m is None:
        return None
    return NumberCore(m.group(1), int(m.group(2)) if m.group(2) else None, int(m.group(3)))


def _kind_free(title: str) -> str:
    """A title with its kind said one way (…行动方案, …实施方案, …计划: …方案)."""
    return _KIND_WORDS_RE.sub("方案", re.sub(r"\s+", "", title))


def _within(name: str, title: str) -> bool:
    """Whether a title holds a name said of it, shortened: no run of three characters of the name
    missing from it, and not another place first (丙县… is not 乙县…; 城乡建设… leaves the place out)."""
    missing = [name[i:i + 2] not in title for i in range(len(name) - 1)]
    if missing[:1] == [True] and title[:2] not in name:
        return False
    return not any(a and b for a, b in zip(missing, missing[1:]))


class Unloaded:
    """The loaded documents' numbers, titles, dates and texts, for :meth:`name`."""

    def __init__(self, titles: Sequence[str], numbers: Sequence[str | None], texts: Sequence[str],
                 dates: Sequence[str | None]) -> None:
        self.titles = [_kind_free(t) for t in titles]
        self.numbers = [c for n in numbers if n and (c := number_core(n)) is not None]
        # the year and month each was issued, parsed once; None when a date is unknown (then nothing is said)
        self._issued = None if not dates or not all(dates) else [[int(x) for x in re.findall(r"\d+", str(d))[:2]] for d in dates]
        self._texts = texts

    @cached_property
    def _cited(self) -> list[NumberCore]:
        """The dated numbers the documents write (documents they cite), found from their bracketed
        years (cheap on a large library: built once, on the first number no loaded document has)."""
        return [c for t in self._texts for m in _CITED_RE.finditer(t) if (c := number_core(t[max(0, m.start() - 8):m.end()]))]

    def _unwritten(self, name: str) -> bool:
        return not any(name in t for t in self._texts)

    def name(self, text: str) -> str | None:
        """The first document ``text`` names that is not loaded, as written; None when every one is
        (a loaded plan's title said with another year is another year's plan: 2024年印发的…碳达峰方案)."""
        return self._number(text) or self._dated(text) or self._title(text) or self._field(text)

    def _number(self, text: str) -> str | None:
        """A number no loaded document has nor cites, dated first, then prefixed, then bare (each span once)."""
        taken: list[tuple[int, int]] = []
        for pattern in (DOC_NUMBER_RE, PREFIXED_NUMBER_RE, BARE_NUMBER_RE):
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                core = number_core(m.group())
                if core is None or _BASIS_RE.search(text, max(0, m.start() - 4), m.start() + 8) \
                        or text[:m.start()].rstrip().endswith(("月", "日")):  # 6月 27号文件: a day
                    continue
                if not core.one_of(self.numbers) and not core.one_of(self._cited):
                    said = re.sub(r"(?:里|中)$", "", m.group())
                    return core.prefix + said[said.find(core.prefix) + len(core.prefix):] if core.prefix else said
        return None

    def _dated(self, text: str) -> str | None:
        """A date of issuing no loaded document has (2024年聊城市印发的…方案): the year, and the month or
        the next (a site's publication date may follow the date signed, never precede it); unknown
        dates: nothing said."""
        if self._issued is None:
            return None
        for said in dates_naming(text):
            ym = [int(x) for x in re.findall(r"\d+", said)][:2]
            ym = ym if "年" in said else [0, *ym[:1]]
            if not any((ym[0] in (0, d[0])) and (len(ym) < 2 or len(d) < 2 or 0 <= ym[1] - d[1] <= 1) for d in self._issued):
                return said + "印发的文件"
        return None

    def _title(self, text: str) -> str | None:
        """A 《title》 no loaded title holds, said short or with another kind word, and no text writes."""
        for m in _BOOK_TITLE_RE.finditer(text):
            name = _kind_free(re.sub(r"^关于(?:印发|转发)?|的通知$", "", m.group(1)))  # 《关于印发…方案的通知》
            if not _BASIS_RE.search(text, max(0, m.start() - 4), m.start()) \
                    and not any(_within(name, t) for t in self.titles) and self._unwritten(m.group(1)):
                return m.group()
        return None

    def _field(self, text: str) -> str | None:
        """A field's plan whose kind and topic a loaded title has, of a field none of them has
        (交通运输领域碳达峰实施方案 beside 城乡建设领域碳达峰实施方案; 住建领域 is that field said short)."""
        for m in _FIELD_PLAN_RE.finditer(text):
            field = re.sub(r"^.*[省市县区国的在和与及、要求到]", "", m.group(1))[-4:]  # 方案里提到的交通: 交通
            tail = _kind_free(m.group(2))
            same_kind = [t for t in self.titles if "领域" in t and t.endswith(tail)]
            if len(field) < 2 or _NOT_A_FIELD_RE.search(m.group(1)) or not same_kind \
                    or any(set(field) & set(t[:t.index("领域")]) for t in same_kind):  # 住建领域: the titles' own field
                continue
            if not any(re.search(re.escape(field) + r"(?:、|等|和|领域)", t) for t in self._texts):  # nor one the plans list
                return field + "领域" + m.group(2)
        return None
