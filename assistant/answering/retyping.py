"""The loaded documents' vocabulary of slips, built once per index: the sound slips of
:class:`~assistant.answering.spelling.Speller` and the keyboard slips of
:class:`~assistant.answering.slips.Slips`, both from the documents' own terms, unit names,
places and table cells."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from assistant.answering.english import place_stem
from assistant.answering.slips import Slips
from assistant.answering.spelling import ASKING_WORDS, QUESTION_PAIRS, UNIT_ENDS, Speller, without_and
from assistant.answering.terms import in_dictionary
from assistant.search.tokenize import corpus_terms
from assistant.types import Document

#: endings of the three-character short names keyboard slips are read against (城管局, 发改委; 住建部 by sound only)
SHORT_ENDS = "局厅委"


def typing_fixes(documents: Sequence[Document], unit_stems: Iterable[str], doc_words: set[str],
                 written: Callable[[str], bool]) -> tuple[Speller, Slips]:
    """The sound slips and the keyboard slips of ``documents``; ``written(run)``: whether they
    write ``run`` (text or table)."""
    stems = list(unit_stems)
    # 县住键局 where the documents have county units (not 市 + stem: 是城管局 is no slip); 城关局
    levels = {u[:1] for d in documents for t in d.tasks for u in (*t.lead_units, *t.participating_units)}
    short, terms = [s + end for s in stems for end in UNIT_ENDS], corpus_terms(documents)
    places = [d.meta.place for d in documents if d.meta.place]  # 清山市 -> 青山市
    deadlines = {t.deadline for d in documents for t in d.tasks if t.deadline}  # 长期坚持: a table's cell

    def leveled(names: Iterable[str]) -> list[str]:  # 县住建局: a short name with the documents' level
        return [lv + x for lv in "省县" if lv in levels for x in names]

    terms = [*terms, *without_and(terms), *places, *leveled(short), *deadlines]
    speller = Speller(terms, lambda run: any(run in d.text for d in documents) or any(run in x for x in deadlines),
                      short_units=short, words=doc_words, word=in_dictionary)
    names = {u for d in documents for u in (*d.meta.issuers, *(u for t in d.tasks for u in (*t.lead_units, *t.participating_units)))}
    shorts = [s + end for s in stems if len(s) == 2 for end in SHORT_ENDS]  # 建住局, cgj (not 生态环境分部)
    slips = Slips(terms, [*doc_words, *QUESTION_PAIRS, *ASKING_WORDS],
                  [*names, *without_and(names), *shorts, *leveled(shorts)],
                  written, in_dictionary, places=[*places, *(place_stem(p) for p in places)])
    return speller, slips
