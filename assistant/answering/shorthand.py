"""Shorthand a colleague types for the documents' own words (绿建 for 绿色建筑, 老小区 for
老旧小区, 节改 for 节能改造): written back in full before a question is read, so every later
step (the asked indicator, the evidence check) compares the documents' words with theirs.

Two sources, neither keyed to one document:
- the synonym table (data/synonyms.txt) and the field's shortenings (data/shorthand.txt, read
  in questions only: 公建 is no word of 办公建筑): a word written with its canonical word's
  characters in order (绿建 ⊂ 绿色建筑, 公建 ⊂ 公共建筑) is its abbreviation; other synonyms
  (暖气 for 取暖) are matched as synonyms later, never rewritten;
- the loaded documents' terms (:func:`assistant.search.tokenize.corpus_terms`): the first
  characters of a term's two dictionary words (节能|改造 -> 节改) stand for it when no other
  term shortens so, no dictionary has them as a word and the documents never write them.
A shortening is rewritten only where the documents write its full form and not the shortening
itself, and only where the question's words do not cross it (能提供 is no 能效提升)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from assistant.answering.terms import dictionary_words, in_dictionary
from assistant.text import shorthand_groups, synonym_groups

_CJK_RE = re.compile(r"[\u4e00-\u9fa5]+")


def is_abbreviation(short: str, full: str) -> bool:
    """Whether ``short`` is written with ``full``'s characters in order, starting with its
    first (绿建 of 绿色建筑, 老小区 of 老旧小区; not 中水 of 再生水)."""
    if len(short) >= len(full) or not short or short[0] != full[0]:
        return False
    at = 0
    for ch in short:
        at = full.find(ch, at) + 1
        if not at:
            return False
    return True


def initials(term: str, word: Callable[[str], bool] = in_dictionary) -> str:
    """The first characters of the two dictionary words a term is made of (节能改造 -> 节改),
    or "" when it splits into none or several such pairs.  Read from the dictionary's words,
    not a cut of the term: a tokenizer that knows the term keeps it whole."""
    pairs = [(term[:i], term[i:]) for i in range(2, len(term) - 1) if word(term[:i]) and word(term[i:])]
    return pairs[0][0][0] + pairs[0][1][0] if len(pairs) == 1 else ""


@dataclass(frozen=True)
class Shorthand:
    """Shortenings and the full forms the documents write (see the module docstring)."""

    table: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, terms: Iterable[str], written: Callable[[str], bool],
           is_unit: Callable[[str], bool] = lambda t: False, said: Callable[[str], bool] | None = None) -> Shorthand:
        """From the documents' ``terms``; ``written(w)``: whether the documents write ``w``;
        ``is_unit(t)``: a unit's name (its short forms are the unit resolver's: 住建局, not 聊财);
        ``said(w)``: whether they write one of the field's shortenings as a word of its own (公建
        is in 办公建筑, never said there); by default ``written``."""
        said = said or written
        table: dict[str, str] = {}
        # the field's shortenings are read unless the documents say them as words (公建 is in 办公建筑,
        # never said there); a synonym or a term's initials only where the documents never write them
        for group, unsaid in [*((g, said) for g in shorthand_groups()), *((g, written) for g in synonym_groups())]:
            full = group[0]
            for short in group[1:]:
                if is_abbreviation(short, full) and _CJK_RE.fullmatch(short) and not unsaid(short) and written(full):
                    table.setdefault(short, full)
        by_initials: dict[str, set[str]] = {}
        for term in terms:
            if _CJK_RE.fullmatch(term) and not is_unit(term) and (ini := initials(term)):
                by_initials.setdefault(ini, set()).add(term)
        for ini, fulls in by_initials.items():
            if len(fulls) == 1 and ini not in table and not in_dictionary(ini) and not written(ini):
                table[ini] = next(iter(fulls))
        return cls(table)

    def expand(self, text: str, cut: Callable[[str], list[str]] = dictionary_words) -> str:
        """``text`` with each shortening written in full, where the question's words do not
        cross it (its characters are words of their own or the shortening is one word)."""
        if not self.table:
            return text
        return _CJK_RE.sub(lambda m: self._run(m.group(), cut), text)

    def _run(self, run: str, cut: Callable[[str], list[str]]) -> str:
        if not any(short in run for short in self.table):
            return run
        ends = {0}
        for w in cut(run):
            ends.add(max(ends) + len(w))
        out, i = [], 0
        while i < len(run):
            short = next((s for s in sorted(self.table, key=len, reverse=True)
                          if run.startswith(s, i) and i in ends and i + len(s) in ends), None)
            if short is None:
                out.append(run[i])
                i += 1
            else:
                out.append(self.table[short])
                i += len(short)
        return "".join(out)
