"""Word passage-frequencies of the documents a question is asked of: how distinctive each
asked word is (IDF over passages), whether the documents write it at all, and whether it is a
term of the field they never write.  Documents are cut into words only as words are asked."""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from assistant.documents.table import task_text
from assistant.search.tokenize import DOMAIN_TERMS_FILE, read_word_list
from assistant.text import canonical, squeeze
from assistant.types import Document

Cut = Callable[[str], list[str]]
#: a word the documents never use weighs this share of the most distinctive one
ABSENT_WEIGHT = 1.0
#: a word of two or more Chinese characters
WORD_RE = re.compile(r"[\u4e00-\u9fff]{2,}")


class DocWords:
    """One document's passages (preamble, clauses, task rows), cut into words only when
    a word asked about occurs in their text: a question asks for a handful of words, so
    a large library's documents are never cut whole (0.16 s a plan with jieba)."""

    def __init__(self, doc: Document, cut: Cut) -> None:
        self.texts = [squeeze(p) for p in (doc.preamble, *(c.text for c in doc.clauses),
                                           *(task_text(t) for t in doc.tasks))]
        self.canon = [canonical(t) for t in self.texts]
        self.whole = squeeze(doc.text)  # the header and annex titles too (…重点任务及责任分工表)
        self._cut = cut
        self._words: dict[int, frozenset[str]] = {}

    def df(self, word: str) -> int:
        """In how many passages ``word`` is one of the (canonicalised) words."""
        return sum(word in self._words_of(i) for i, (text, canon) in enumerate(zip(self.texts, self.canon))
                   if word in canon or word in text)  # a word of a passage is written in it

    def _words_of(self, i: int) -> frozenset[str]:
        words = self._words.get(i)
        if words is None:
            words = self._words[i] = frozenset(canonical(w) for w in self._cut(self.texts[i]) if WORD_RE.fullmatch(w))
        return words

    def cut_all(self) -> None:
        """Cut every passage now (a server warming up), not when a question first needs it."""
        for i in range(len(self.texts)):
            self._words_of(i)


class Vocabulary:
    """Passage frequencies of words over some documents, counted for the words asked."""

    def __init__(self, docs: Sequence[DocWords]) -> None:
        self.docs = docs
        self.passages = max(1, sum(len(d.texts) for d in docs))
        self._df: dict[str, int] = {}

    def df(self, word: str) -> int:
        got = self._df.get(word)
        if got is None:
            got = self._df[word] = sum(d.df(word) for d in self.docs)
        return got

    def cut_all(self) -> None:
        for d in self.docs:
            d.cut_all()

    def unwritten_term(self, word: str) -> bool:
        """A term of the field (:func:`field_term`) these documents never write, even inside
        a longer word: what they do not speak of, not a colloquial stand-in."""
        return field_term(word) and not any(word in x for d in self.docs for x in (d.whole, *d.texts, *d.canon))

    def known(self, word: str) -> bool:
        return self.df(word) > 0

    def weight(self, word: str) -> float:
        top = math.log(1 + self.passages)
        if not self.known(word):
            return ABSENT_WEIGHT * top
        return math.log(1 + self.passages / self.df(word))


class Vocabularies:
    """Vocabularies of the document sets asked about, each document's passages kept (and
    cut as needed) for the last ``kept`` documents; the cache itself is locked (counts filled
    in later are idempotent)."""

    def __init__(self, by_id: Mapping[str, Document], cut: Cut, kept: int = 512) -> None:
        self.by_id, self._cut, self.kept = by_id, cut, kept
        self._docs: OrderedDict[str, DocWords] = OrderedDict()
        self._sets: dict[tuple[str, ...], Vocabulary] = {}
        self._lock = threading.Lock()

    def of(self, doc_ids: tuple[str, ...]) -> Vocabulary:
        with self._lock:
            got = self._sets.get(doc_ids)
            if got is None:
                for i in doc_ids:
                    if i in self._docs:
                        self._docs.move_to_end(i)
                    else:
                        self._docs[i] = DocWords(self.by_id[i], self._cut)
                got = Vocabulary([self._docs[i] for i in doc_ids])
                while len(self._docs) > self.kept:
                    self._docs.popitem(last=False)
                if len(self._sets) > 32:
                    self._sets.clear()
                self._sets[doc_ids] = got
            return got


@lru_cache(maxsize=1)
def _domain_terms() -> frozenset[str]:
    return frozenset(canonical(w) for w in read_word_list(DOMAIN_TERMS_FILE))


def field_term(word: str) -> bool:
    """Whether ``word`` is a term of the field (data/domain_terms.txt): a thing of its own,
    never a colloquial stand-in for another."""
    return canonical(word) in _domain_terms()


def field_event(word: str) -> bool:
    """Whether ``word`` is a term of the field or its head (达峰 of 碳达峰): an event a plan
    dates, not a verb any target takes (达标, 普及)."""
    key = canonical(word)
    return len(word) >= 2 and any(t.endswith(key) for t in _domain_terms())
