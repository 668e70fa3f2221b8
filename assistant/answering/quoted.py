"""A sentence the asker quotes, checked against the documents before anything is answered.

Staff paste a phrase of the plan and ask about it (“到2025年全市新增城市道路200公里”这项谁牵头？).
When the quoted words are the documents' own but a figure in them is not (300公里 where the plan
says 200, 下降10个百分点 where it says 5), the question rests on a sentence the documents do not
contain: answering who leads it would confirm the wrong figure.  Such a question is refused,
showing the sentence the documents do write.  Only figures in digits are compared (a number
written in words is left alone), and only a quote whose other words the documents write almost
as quoted: a paraphrase, or a quote the documents hold nowhere, is for the other checks, unless
the question asks where the quote stands (“严寒、寒冷地区…”在哪一条): then a sentence the
documents do not write is said to be absent, not placed at its nearest neighbour.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from assistant.answering import compose as A
from assistant.text import NUM_RE, bigrams, numbers, sentences, squash
from assistant.types import Document

#: a quoted phrase: in Chinese or ASCII quotation marks (never 《》, a title)
QUOTE_RE = re.compile(r"[“「『\"]([^“”「」『』\"]{6,160})[”」』\"]")
#: the quote's words (figures aside) the same sentence must write for it to be that sentence
SAME_WORDS = 0.75
#: a quote asked where it stands (在哪一条) is the documents' when a passage writes this share of its words
WHERE_WORDS = 0.8
#: a passage holding this share of a refused quote's words is shown as the nearest
NEAR_WORDS = 0.5
#: a library this large is not read sentence by sentence for a quote (a province's: too slow)
READ_AT_MOST = 64
#: documents whose passages are kept read (then the cache starts afresh)
CACHED_DOCS = 256
#: a quote shorter than this (figures aside) says too little to be recognised
MIN_WORDS = 6


def _words(text: str) -> set[str]:
    """Bigrams of the text between its figures (道路200公里 -> 道路, 公里: never 路公)."""
    return set().union(*(bigrams(piece) for piece in NUM_RE.split(squash(text))))


def quotes(text: str, figures_only: bool = True) -> list[str]:
    """Quoted phrases long enough to recognise; with ``figures_only``, those stating a figure in
    digits (the ones whose figures can be checked)."""
    return [m.group(1) for m in QUOTE_RE.finditer(text)
            if (NUM_RE.search(m.group(1)) or not figures_only) and len(re.sub(r"[\W\d_]", "", m.group(1))) >= MIN_WORDS]


def _passages(doc: Document) -> Iterator[tuple[str, int | None, int | None]]:
    """(sentence, clause_no, row_no) of the document's clauses, task rows, preamble, title and
    part titles; two sentences joined too, for a quote running over a full stop."""
    for clause in doc.clauses:
        said = sentences(clause.text, join_lines=True)
        for s in (*said, *(a + b for a, b in zip(said, said[1:]))):  # one sentence before two
            yield s, clause.no, None
    for task in doc.tasks:
        for s in sentences(task.requirement, join_lines=True):
            yield s, task.clause_no, task.row_no
    for s in sentences(doc.preamble, join_lines=True):
        yield s, None, None
    for s in (doc.meta.title, doc.meta.notice_title or "", *(sec.title for sec in doc.sections)):  # 第三部分“…”
        yield s, None, None


Closest = tuple[float, Document, str, int | None, int | None]
Passage = tuple[str, frozenset[str], frozenset[str], int | None, int | None]  # sentence, words, figures, clause, row
_READ: dict[tuple[str, ...], list[Passage]] = {}


def _read(doc: Document) -> list[Passage]:
    """The document's passages with their words and figures, kept (a few hundred documents)."""
    key = (doc.id, doc.sha256, *map(str, (len(doc.text), len(doc.sections), len(doc.clauses), len(doc.tasks))))
    if key not in _READ:
        if len(_READ) >= CACHED_DOCS:
            _READ.clear()
        _READ[key] = [(s, frozenset(_words(s)), frozenset(numbers(s)), c, r) for s, c, r in _passages(doc)]
    return _READ[key]


def _closest(quote: str, docs: Sequence[Document]) -> tuple[bool, Closest | None]:
    """(whether a passage writes the quote's words and figures, that passage; else the closest:
    the shortest of those holding most of its words)."""
    words, figures = _words(quote), numbers(quote)
    best: Closest | None = None
    for doc in docs:
        for sentence, said, written, clause_no, row_no in _read(doc):
            share = len(words & said) / len(words)
            if share >= SAME_WORDS and figures <= written:
                return True, (share, doc, sentence, clause_no, row_no)
            if best is None or (share, -len(sentence)) > (best[0], -len(best[2])):
                best = (share, doc, sentence, clause_no, row_no)
    return False, best


def misquoted(text: str, docs: Sequence[Document], where: bool = False,
              loaded: Sequence[Document] = ()) -> A.Draft | None:
    """A refusal when ``text`` quotes a sentence of ``docs`` with a figure it does not hold, or
    (``where``: the question asks where the quote stands) a sentence they do not write, or a
    sentence only another of the ``loaded`` documents writes; None when every such quote is
    theirs (or, for a figure, is not recognisably theirs)."""
    if len(docs) > READ_AT_MOST:
        return None
    asked = {d.id for d in docs}
    others = [d for d in loaded if d.id not in asked] if len(loaded) <= READ_AT_MOST else []
    for quote in quotes(text, figures_only=not (where or others)):
        if len(_words(quote)) < MIN_WORDS:
            continue
        held, best = _closest(quote, docs)
        if held or best is None:
            continue
        elsewhere, there = _closest(quote, others) if others else (False, None)
        if elsewhere and there is not None:  # said by another plan: shown as its words, not this one's
            best = there
            draft = A.Draft(found=False, lines=[f"所问的文件中没有“{quote}”这句话，它出自{A.doc_label(there[1])}，无法按这句话回答。"])
        elif best[0] >= SAME_WORDS and NUM_RE.search(quote) or where and best[0] < WHERE_WORDS:
            draft = A.Draft(found=False, lines=[f"现有文件中没有“{quote}”这句话，无法按这句话回答。"])
        else:
            continue
        share, doc, sentence, clause_no, row_no = best
        if share >= NEAR_WORDS:
            draft.lines += [A.NEAR, f"{sentence.rstrip('；;。')}{draft.cite(doc, sentence, clause_no, row_no)}。"]
        return draft
    return None
