"""Whether the passages an answer quotes are about what the question asks.

One decision for every answer built from retrieved passages: the question's content words
must be found in the evidence, each weighted by how distinctive it is in the documents in
scope (IDF over their passages), so 绿色建筑 missing from a sentence about 装配式建筑
outweighs the 新建 建筑 比例 both share, and 充电桩 is not answered by 老旧小区改造.
A word the documents never use (市民, 暖气, 平米, a colloquial word or a paraphrase) counts
for less, and counts as found when the embedding model finds it close to a word of the
evidence — the documents' own vocabulary, not a word list.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from assistant.documents.table import task_text
from assistant.text import canonical, grams, squeeze
from assistant.types import Document

Cut = Callable[[str], list[str]]
Similarity = Callable[[str, Sequence[str]], list[float]]

#: share of the question's weighted words the evidence must hold
MIN_COVER = 0.6
#: a word the documents never use weighs this share of the most distinctive one
ABSENT_WEIGHT = 0.5
#: embedding similarity at which an evidence word stands for an absent question word
SIMILAR_WORD = 0.87
_WORD_RE = re.compile(r"[\u4e00-\u9fff]{2,}")


@dataclass(frozen=True)
class Vocabulary:
    """Passage frequencies of the words of some documents (clauses, task rows, headers)."""

    df: Counter[str]
    passages: int

    def known(self, word: str) -> bool:
        return self.df.get(word, 0) > 0

    def weight(self, word: str) -> float:
        top = math.log(1 + self.passages)
        if not self.known(word):
            return ABSENT_WEIGHT * top
        return math.log(1 + self.passages / self.df[word])


def passage_words(doc: Document, cut: Cut) -> Counter[str]:
    """For one document: in how many of its passages each word occurs."""
    passages = [doc.preamble, *(c.text for c in doc.clauses), *(task_text(t) for t in doc.tasks)]
    df: Counter[str] = Counter()
    for p in passages:
        df.update({w for w in cut(canonical(squeeze(p))) if _WORD_RE.fullmatch(w)})
    df["\x00passages"] = len(passages)
    return df


def vocabulary(per_doc: Iterable[Counter[str]]) -> Vocabulary:
    total: Counter[str] = Counter()
    for df in per_doc:
        total.update(df)
    n = total.pop("\x00passages", 0)
    return Vocabulary(total, max(1, n))


def coverage(terms: Sequence[str], evidence: str, vocab: Vocabulary, cut: Cut,
             similarity: Similarity | None = None) -> tuple[float, list[str]]:
    """(weighted share of ``terms`` the evidence holds, the terms it lacks).

    A term is held when its canonical form is in the evidence; partly held by the share of
    its bigrams there (a compound the text splits: 公园绿地 ~ 公园…绿地); an absent word
    is held when the embedding model finds an evidence word close to it."""
    ev = canonical(squeeze(evidence))
    ev_grams = grams(ev)
    ev_words: list[str] | None = None
    total = found = 0.0
    lacking: list[str] = []
    for term in dict.fromkeys(canonical(t) for t in terms):
        w = vocab.weight(term)
        total += w
        if term in ev:
            found += w
            continue
        g = grams(term)
        share = len(g & ev_grams) / len(g) if g else 0.0
        if share >= 0.5:
            found += w * share
            continue
        if similarity is not None and not vocab.known(term):
            if ev_words is None:
                ev_words = list(dict.fromkeys(x for x in cut(ev) if _WORD_RE.fullmatch(x)))
            if ev_words and max(similarity(term, ev_words)) >= SIMILAR_WORD:
                found += w
                continue
        lacking.append(term)
    return (found / total if total else 1.0), lacking
