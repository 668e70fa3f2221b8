"""Which words of a question name a loaded document (这个碳达峰实施方案里, 国家城乡建设绿色
低碳行动方案里): they say where to look, not what is asked, so a unit's task question that
names its plan is still a question about all of the unit's tasks.

Derived from the loaded documents' titles only: a phrase ending in a document kind (方案,
意见 …) names a document when one title holds most of its character pairs; a loaded
document's number (东建发〔2024〕12号文, brackets as anyone types them) names it too.
Places and levels name plans as well: :func:`names_doc`, :func:`level_first` and
:func:`the_plan_of` tell which of them a question asks of.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.intent import LEVEL_RE, Query
from assistant.answering.terms import DOC_NUMBER_RE
from assistant.answering.unloaded import BARE_NUMBER_RE, PREFIXED_NUMBER_RE, Unloaded, number_core
from assistant.text import grams
from assistant.types import Document

#: a phrase naming a document ends with its kind, optionally followed by 里/中
KIND_RE = re.compile(r"(实施方案|行动方案|工作方案|方案|意见|通知|规划|计划|办法)(里|中|内|上)?")
#: a document pointed at (这个…方案里, 那份…方案): the words between name some plan, shortened
POINTED_RE = re.compile(r"(?:这个|那个|这份|那份|这一|该)$")
#: a heading said as where to look: 行动目标里, 保障措施部分中
_WHERE_RE = re.compile(r"(?:部分|一节|章节|这一?部分)?(?:里|中|内|当中)")
#: longest heading looked for before 里/中
MAX_HEADING = 12
#: how much of a phrase's character pairs one title must hold
MIN_SHARE = 0.65
#: …when the asker points at it (这份建设领域降碳方案): half its pairs, the rest their own words
POINTED_SHARE = 0.5
#: longest phrase looked at before the kind word
MAX_SPAN = 24
#: pairs a phrase must share with one title beyond the common ones (市建设方案 names nothing)
MIN_OWN = 2
#: a pair in more than this share of the titles tells titles apart by nothing: it counts as held
COMMON = 0.5
#: how much more of a phrase one title must hold than the next to be the one it names
MARGIN = 0.15
#: a bracketed note after a document's name, and where in it (碳达峰方案（城乡建设领域）中)
_NOTE_AFTER_RE = re.compile(r"（[^（）]{2,12}）(?:里|中|内)?")


class TitleIndex:
    """Character pairs of the loaded documents' titles, for :meth:`phrases`."""

    def __init__(self, titles: Sequence[str], numbers: Sequence[str | None] = (), headings: Sequence[str] = (),
                 texts: Sequence[str] = (), dates: Sequence[str | None] = ()) -> None:
        self.n = len(titles)
        self.unloaded = Unloaded(titles, numbers, texts, dates)  # a document named that is not loaded
        self._headings = {h for h in headings if 2 <= len(h) <= MAX_HEADING}
        self._numbers = {_number_key(n): i for i, n in enumerate(numbers) if n}
        yearless: dict[str, set[int]] = {}
        for key, i in self._numbers.items():  # 东建发12号: 东建发〔2024〕12号 when no other loaded number is
            yearless.setdefault(_YEAR_IN_KEY_RE.sub("", key), set()).add(i)
        self._numbers.update({k: next(iter(v)) for k, v in yearless.items() if len(v) == 1 and k not in self._numbers})
        self._bare: dict[int, set[int]] = {}  # 31号文: the loaded document numbered 31, when one is
        for i, n in enumerate(numbers):
            if n and (core := number_core(n)) is not None:
                self._bare.setdefault(core.serial, set()).add(i)
        self._names = list(titles)
        self._postings: dict[str, set[int]] = {}
        for i, title in enumerate(titles):
            for g in grams(title):
                self._postings.setdefault(g, set()).add(i)

    @classmethod
    def of(cls, docs: Sequence[Document]) -> TitleIndex:
        """The titles, numbers and section and clause headings of ``docs``."""
        return cls([d.meta.title for d in docs], [d.meta.doc_number for d in docs],
                   [*(s.title for d in docs for s in d.sections), *(c.title for d in docs for c in d.clauses)],
                   [d.text for d in docs], [d.meta.date for d in docs])

    def _spaced(self, text: str) -> list[str]:
        """Runs of space-separated terms around a document kind that one title holds
        (an English title translated term by term: the kind comes first, "Action Plan for
        Green and Low-Carbon Development…" -> 行动方案 绿色低碳 发展 …)."""
        tokens = text.split(" ")
        out = []
        for i, tok in enumerate(tokens):
            if not KIND_RE.fullmatch(tok):
                continue
            lo, hi = i, i + 1
            while True:  # grow while one title holds the terms together
                grown = [(a, b) for a, b in ((lo - 1, hi), (lo, hi + 1)) if a >= 0 and b <= len(tokens)
                         and len(tokens[a if a < lo else b - 1]) >= 2
                         and self._share("".join(tokens[a:b])) >= MIN_SHARE]
                if not grown:
                    break
                lo, hi = grown[0]
            if hi - lo > 1:
                out.append(" ".join(tokens[lo:hi]))
        return out

    def where(self, text: str) -> list[str]:
        """A part of a document named as the place to look (行动目标里, 保障措施部分中): one of
        the loaded documents' section or clause headings followed by 里/中/内."""
        out = []
        for m in _WHERE_RE.finditer(text):
            out += [text[m.start() - n:m.end()] for n in range(min(MAX_HEADING, m.start()), 1, -1)
                    if text[m.start() - n:m.start()] in self._headings][:1]
        return out

    def named_phrases(self, text: str) -> list[str]:
        """What names a document or a part of one: :meth:`phrases` and :meth:`where`."""
        return [*self.phrases(text), *self.where(text)]

    def _named_numbers(self, text: str) -> list[str]:
        """The loaded documents' numbers in ``text`` as written there (the words before a
        number are tried from the longest: 方案里东建发〔2024〕12号 holds 东建发〔2024〕12号)."""
        out = []
        dated = list(DOC_NUMBER_RE.finditer(text))
        undated = [m for m in _YEARLESS_NUMBER_RE.finditer(text) if not any(d.start() < m.end() and m.start() < d.end() for d in dated)]
        taken = []
        for m in [*dated, *undated]:
            found = m.group()
            prefix = len(re.match(r"[\u4e00-\u9fa5]*", found).group())  # type: ignore[union-attr]
            named = [found[k:] for k in range(prefix) if _number_key(found[k:]) in self._numbers][:1]
            out += named
            taken += [m.span()] if named or m in dated or PREFIXED_NUMBER_RE.search(found) else []  # 丁建字31号: not bare
        out += [m.group() for m in BARE_NUMBER_RE.finditer(text) if len(self._bare.get(int(m.group(1)), ())) == 1
                and not any(a <= m.start() < b for a, b in taken)]
        return out

    def number_of(self, phrase: str) -> int | None:
        """The loaded document a number phrase of :meth:`_named_numbers` names (None: none, or several)."""
        bare = BARE_NUMBER_RE.fullmatch(phrase)
        if bare:
            having = self._bare.get(int(bare.group(1)), set())
            return next(iter(having)) if len(having) == 1 else None
        return self._numbers.get(_number_key(phrase))

    def not_loaded(self, text: str) -> str | None:
        """The refusal for a document named that is not loaded (:class:`Unloaded`), with what is."""
        name = self.unloaded.name(text)
        if name is None:
            return None
        have = "、".join(f"《{t}》" for t in self._names[:3]) + (f"等{self.n}份" if self.n > 3 else "")
        return f"现有文件中没有“{name}”，无法回答；现有文件：{have}。"

    def _shares(self, phrase: str) -> dict[int, float]:
        """Each title's share of ``phrase``'s pairs (titles holding fewer than MIN_OWN of
        its uncommon pairs left out)."""
        gs = grams(phrase)
        if not gs or not self.n:
            return {}
        common = {g for g in gs if len(self._postings.get(g, ())) > COMMON * self.n and self.n > 2}
        counts: dict[int, int] = {}
        for g in gs - common:
            for i in self._postings.get(g, ()):
                counts[i] = counts.get(i, 0) + 1
        return {i: (c + len(common)) / len(gs) for i, c in counts.items() if c >= MIN_OWN}

    def _held(self, phrase: str, share: float = MIN_SHARE) -> bool:
        """Whether the titles together hold most of ``phrase``'s pairs, with at least one
        of them not common to all titles (城乡建设低碳方案: some loaded plan's name, shortened)."""
        gs = grams(phrase)
        held = {g for g in gs if g in self._postings}
        return bool(gs) and len(held) / len(gs) >= share and any(len(self._postings[g]) < self.n for g in held)

    def _share(self, phrase: str) -> float:
        """The largest share of ``phrase``'s pairs one title holds."""
        return max(self._shares(phrase).values(), default=0.0)

    def named(self, text: str) -> list[int]:
        """The titles the phrases of ``text`` name (their index), each only when one title
        holds clearly more of the phrase than any other (那个城乡建设碳达峰实施方案 names the
        provincial 碳达峰 plan, not the national 绿色低碳 one)."""
        out: list[int] = [i for n in self._named_numbers(text) if (i := self.number_of(n)) is not None]
        for phrase in self.phrases(text):
            if DOC_NUMBER_RE.fullmatch(phrase) or BARE_NUMBER_RE.fullmatch(phrase):
                continue
            ranked = sorted(self._shares(KIND_RE.sub(lambda m: m.group(1), phrase)).items(), key=lambda x: -x[1])
            if ranked and ranked[0][1] >= MIN_SHARE and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= MARGIN):
                out.append(ranked[0][0])
        return out

    def phrases(self, text: str) -> list[str]:
        """The longest phrases of ``text`` that name a loaded document, left to right (its
        number first)."""
        out: list[str] = self._named_numbers(text)
        if " " in text:  # an English question's terms: 行动方案 绿色低碳 发展 城乡建设, in English order
            out += self._spaced(text)
        for m in KIND_RE.finditer(text):
            note = None if m.group(2) else _NOTE_AFTER_RE.match(text, m.end())  # 碳达峰方案（城乡建设领域）中: a note
            note = note if note and len(grams(note.group()) & self._postings.keys()) >= 2 else None  # the titles' words
            head = text[max(0, m.start() - MAX_SPAN):m.start()]
            head = re.split(r"[，,。？?！!；;：:\s]", head)[-1]
            head = head[head.rfind("《"):] if "《" in head else head  # a title mark opens the title
            for k in range(len(head)):  # longest first: drop leading words until a title holds it
                phrase = head[k:] + m.group(0)
                if len(head) - k >= 2 and (self._share(head[k:] + m.group(1)) >= MIN_SHARE
                                           or (POINTED_RE.search(head[:k]) and self._held(head[k:] + m.group(1), POINTED_SHARE))):
                    out.append(phrase + (note.group() if note else ""))
                    break
        return out


#: a number written without its year (东建发12号), and the year inside a number's key
_YEARLESS_NUMBER_RE = re.compile(r"[\u4e00-\u9fa5]{1,8}\s?第?\s*\d{1,4}\s*号")
_YEAR_IN_KEY_RE = re.compile(r"(?<=[\u4e00-\u9fa5])(?:19|20)\d\d(?=\d{1,4}号$)")


def _number_key(number: str) -> str:
    """A document number without brackets, spaces, 第, 年 and the words after 号 (建标2024 35号
    and 建标2024年35号 are 建标〔2024〕35号)."""
    return re.sub(r"[〔\[【（(〕\]】）)\s第年]", "", re.sub(r"号.*$", "号", number))


def level_first(q: Query) -> bool:
    """Whether the question names a plan by its level before it names any place."""
    m = LEVEL_RE[q.level].search(q.text) if q.level else None
    first_place = min((i for p in q.places if (i := q.text.find(p)) >= 0), default=len(q.text))
    return m is not None and m.start() < first_place


def the_plan_of(q: Query, named: list[Document]) -> tuple[list[Document], str | None]:
    """Of several plans a question names by place, the one whose place is said first and as
    a plan's (东岳省方案给青山市下达的…: the province's plan, asked about 青山市, which it
    does not name: refused); all when none is (青山市落实东岳省方案的…)."""
    if len(named) < 2:
        return named, None
    said = [(m.start(), d) for d in named if d.meta.place and (m := re.search(
        re.escape(d.meta.place) + r"(?:的|那个|那份|这个|这份)?[^，,。？?；;]{0,16}?(?:方案|文件|意见)", q.text))]
    first = min((i for p in q.places if (i := q.text.find(p)) >= 0), default=-1)
    if len(said) != 1 or said[0][0] != first:
        return named, None
    plan = said[0][1]
    absent = [p for p in q.places if p not in plan.text and not (plan.meta.place and p in plan.meta.place)]
    absent = [p for p in absent if not any(p != o and p in o for o in absent)]  # 青山 in 青山市
    if absent:
        return [plan], f"《{plan.meta.title}》没有提到{'、'.join(absent)}，无法回答。"
    return [plan], None


def names_doc(text: str, places: Sequence[str], doc: Document) -> bool:
    """Whether the question names this document: its place (示例县, 聊城市/聊城) or title."""
    place = doc.meta.place or ""
    stem = place[:-1] if len(place) >= 3 else ""
    if place and (place in text or any(p and (p in place or place in p) for p in places)):
        return True
    if stem and stem in text and not re.search(re.escape(stem) + "[县区]", text.replace(place, "")):
        return True
    return doc.meta.title in text


def searched_text(q: Query, scope: Sequence[Document], titles: Sequence[str] = ()) -> str:
    """What to search for a question: without the places that only say which plan is asked
    (聊城城乡建设领域碳达峰是哪一年: 聊城 would rank the plan's header first) and without
    ``titles`` (phrases naming a plan, for a second search whose hits join the first's: 临河县绿色低碳
    实施方案对推进不力的单位怎么处理), unless the header is what is asked or nothing else is left."""
    if q.fact or q.intent in ("doc_fact", "structure"):
        return q.text
    text = untitled = q.text
    for phrase in sorted(titles, key=len, reverse=True):
        untitled = untitled.replace(phrase, " ")
    text = untitled if any(not any(t in p for p in titles) for t in q.terms) else text  # a term of its own to search
    for place in sorted(q.places, key=len, reverse=True):
        if place not in (q.unit_mention or "") and any(names_doc(place, (place,), d) for d in scope):
            text = text.replace(place, " ")
    return text
