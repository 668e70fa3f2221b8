"""Shorthand a colleague types for the documents' own words (绿建 for 绿色建筑, 老小区 for
老旧小区, 公建 for 公共建筑): written back in full before a question is read, so every later step
(the asked indicator, the evidence check, the search) compares the documents' words with theirs.

The shortenings are data, not keyed to one document: the synonym table (data/synonyms.txt) and
the field's shortenings (data/shorthand.txt, read in questions only: 公建 is no word of
办公建筑); a word written with its canonical word's characters in order (绿建 ⊂ 绿色建筑) is its
abbreviation, other synonyms (暖气 for 取暖) are matched as synonyms later, never rewritten.  A
shortening is rewritten only where the loaded documents write its full form and not the
shortening itself, and only where the question's words do not cross it (能提供 is no 能效提升),
but for one function character jieba glues after it (公建|有什么要求 cut 公/建有).  Shortenings
made from any term's initials were tried and dropped: 县建, 能审, 超建 are verbs after a place,
a modal or a prefix (临河县建了多少, 市里能审吗) far more often than anyone's shorthand."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from assistant.answering.terms import dictionary_words
from assistant.text import shorthand_groups, synonym_groups

_CJK_RE = re.compile(r"[\u4e00-\u9fa5]+")
#: function characters jieba may glue onto a shortening it does not know (公|建有, 节|改由)
_GLUED = set("有由是在的要和与也都就还让归")


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


@dataclass(frozen=True)
class Shorthand:
    """Shortenings and the full forms the documents write (see the module docstring)."""

    table: Mapping[str, str] = field(default_factory=dict)
    kept: frozenset[str] = frozenset()  # words a shortening starts that mean something else (公建配套)

    @classmethod
    def of(cls, written: Callable[[str], bool], said: Callable[[str], bool] | None = None) -> Shorthand:
        """``written(w)``: whether the documents write ``w``; ``said(w)``: whether they write one
        of the field's shortenings as a word of its own (公建 is in 办公建筑, never said there);
        by default ``written``."""
        said = said or written
        table: dict[str, str] = {}
        kept = frozenset(w for g in shorthand_groups() if g[0] == "!" for w in g[1:])
        for group, unsaid in [*((g, said) for g in shorthand_groups() if g[0] != "!"), *((g, written) for g in synonym_groups())]:
            full = group[0]
            for short in group[1:]:
                if is_abbreviation(short, full) and _CJK_RE.fullmatch(short) and not unsaid(short) and written(full):
                    table.setdefault(short, full)
        return cls(table, kept)

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
        shorts = sorted((s for s in self.table if s in run), key=len, reverse=True)  # longest first
        out, i = [], 0
        while i < len(run):
            short = next((s for s in shorts
                          if run.startswith(s, i) and i in ends and not any(run.startswith(k, i) for k in self.kept)
                          and (i + len(s) in ends or (
                              i + len(s) + 1 in ends and run[i + len(s)] in _GLUED))), None)
            if short is None:
                out.append(run[i])
                i += 1
            else:
                out.append(self.table[short])
                i += len(short)
        return "".join(out)
