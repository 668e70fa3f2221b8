"""Homophone slips in a typed question (海棉城市, 省机关事物管理局, 牵投): a run of
characters the documents never write that sounds exactly (pinyin, tones dropped) like one
term they do write is that term.  The terms are the loaded documents' own (unit names,
clause and task titles, the domain terms: :func:`assistant.search.tokenize.corpus_terms`)
plus the few words every question may use (牵头, 文号: corrected where one of their
characters was typed, 签头, 问号, not 问好); a sound two terms share corrects nothing.  The
documents' two-character terms are left alone (they share sounds too often: 市政 and 实证);
a three-character term (碳达峰, 青山市) is corrected only where two of its characters were
typed in place and the third is no particle (碳达风, 清山市; not 财政不 for 财政部), a unit's
three-character short name (城管局) only where its ending was; a term of fewer than four
characters never where the run is cut across a word (财政补|贴).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import accumulate

from assistant.answering.terms import dictionary_words

#: the words a responsibility question is asked with, corrected whatever the documents
ROLE_WORDS = ("牵头", "配合", "参与", "负责")
#: words of a question about the document itself, corrected whatever the documents (问号 -> 文号)
ASKING_WORDS = (*ROLE_WORDS, "文号")
#: the shortest document term a slip is corrected to by sound alone
MIN_TERM = 4
#: a short term, corrected only where SHORT_KEPT of its characters were typed in place
SHORT_TERM, SHORT_KEPT = 3, 2
#: characters that stand on their own in a sentence: never a slip inside a short term (财政不出钱)
PARTICLES = set("不的是在了和就也都还有要会能与及或把被给对")
#: the endings of a unit's three-character short name (城管局, 发改委), corrected only where
#: the ending itself was typed: 城关局 is a slip of 城管局, 城管具体 and 住建听 are not
UNIT_ENDS = "局厅委"
_CJK = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=8192)
def _sound(char: str) -> str:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(char)[0]


def sounds(text: str) -> tuple[str, ...]:
    """The pinyin of each character (tones dropped; each read on its own)."""
    return tuple(_sound(c) for c in text)


class Speller:
    """Corrects homophone slips against ``terms``; ``written(run)`` tells whether the
    documents write a run of characters (such a run is never a slip)."""

    def __init__(self, terms: Iterable[str], written: Callable[[str], bool], short_units: Iterable[str] = ()) -> None:
        by_sound: dict[tuple[str, ...], set[str]] = {}
        self._short = {t for t in short_units if len(t) == 3 and t[-1] in UNIT_ENDS and _CJK.fullmatch(t)}
        for term in {*(t for t in terms if len(t) >= SHORT_TERM and _CJK.fullmatch(t)), *ASKING_WORDS, *self._short}:
            by_sound.setdefault(sounds(term), set()).add(term)
        self._terms = {key: next(iter(ts)) for key, ts in by_sound.items() if len(ts) == 1}
        self._lengths = sorted({len(k) for k in self._terms}, reverse=True)
        self._written = written

    def correct(self, text: str) -> str:
        """``text`` with each slip replaced by the term it sounds like, longest first."""
        return _CJK.sub(lambda m: self._run(m.group()), text) if self._terms else text

    def _run(self, run: str) -> str:
        heard = sounds(run)
        out: list[str] = []
        i = 0
        while i < len(run):
            for n in self._lengths:
                term = self._terms.get(heard[i:i + n]) if i + n <= len(run) else None
                if term is not None and term != run[i:i + n] and not self._written(run[i:i + n]) \
                        and _typed_enough(term, run[i:i + n], term in self._short) \
                        and (n >= MIN_TERM or {i, i + n} <= _word_ends(run)):  # 财政补|贴 is no 财政部
                    out.append(term)
                    i += n
                    break
            else:
                out.append(run[i])
                i += 1
        return "".join(out)


def without_and(terms: Iterable[str]) -> list[str]:
    """Unit names as people shorten them, without 和 (自然资源规划局): a slip typed in one
    (自然资源规化局) is still that unit."""
    return [t.replace("和", "") for t in terms if "和" in t and t[-1:] in (*UNIT_ENDS, "会")]


@lru_cache(maxsize=4096)
def _word_ends(run: str) -> frozenset[int]:
    """Where the dictionary's words of ``run`` end (0 included): cut only when a short term is weighed."""
    return frozenset({0, *accumulate(len(w) for w in dictionary_words(run))})


def _typed_enough(term: str, typed: str, short_unit: bool) -> bool:
    """Whether ``typed`` is near enough ``term`` in writing as well as sound: a unit's short
    name with its ending typed (城关局, not 城管具体); a three-character term with two of its
    characters in place and no particle for the third (碳达风, not 谈大风 nor 财政不); a
    word of any question with one of its characters (签头, 问号, not 问好)."""
    kept = sum(a == b for a, b in zip(term, typed))
    if short_unit:
        return typed[-1] == term[-1]
    if term in ASKING_WORDS:
        return kept >= 1
    if len(term) == SHORT_TERM:
        return kept >= SHORT_KEPT and not any(a != b and a in PARTICLES for a, b in zip(typed, term))
    return True


def romanised_chinese(text: str) -> set[str]:
    """The pinyin a question writes beside its own Chinese (guang chu zhi rou 光储直柔,
    guangchu): each run of the Chinese runs' syllables, spelled together, is no unknown word."""
    out: set[str] = set()
    try:
        import pypinyin  # noqa: F401  (sounds() reads it)
    except ImportError:  # pragma: no cover - a declared dependency
        return out
    for run in re.findall(r"[\u4e00-\u9fff]{2,8}", text):
        syl = sounds(run)
        out.update("".join(syl[i:j]) for i in range(len(syl)) for j in range(i + 1, len(syl) + 1))
    return out
