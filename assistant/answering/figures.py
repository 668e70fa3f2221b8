"""Target questions answered from the documents' quantitative targets.

Every document carries its targets as data (indicator, value, year, sentence; see
:mod:`assistant.documents.targets`).  A question's asked indicator is matched to them by
the words that tell one indicator from another (IDF-weighted bigrams over the targets in
scope) and by the embedding model, so 绿色建筑占比 never gets the 装配式建筑 figure
because both are 新建建筑 比例; and a year for which the matched indicator has no target
is said so, with the years it has, instead of quoting another indicator of that year.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answering.compose import Draft, add_conflicts, conflicts_for, doc_label
from assistant.answering.intent import QUANTITY_WORDS, TARGET_WORDS, Query
from assistant.answering.spans import best_spans
from assistant.text import YEAR_RE, GramWeights, grams, query_grams, squash
from assistant.types import Document, Target

Similarity = Callable[[str, Sequence[str]], list[float]]

#: how close the best target's indicator must be to the asked one to answer from it
MIN_MATCH = 0.5
#: targets within this of the best one measure the same indicator (several years, several documents)
SAME_INDICATOR = 0.08
#: how many of the lexically closest indicators the embedding model also compares
SEMANTIC_CANDIDATES = 8
#: words asking for a share: only a percentage answers them
SHARE_WORDS = ("比例", "占比", "比率", "百分之", "百分比", "几成", "覆盖率", "利用率", "处置率", "普及率")
_ASK_WORDS = sorted({*QUANTITY_WORDS, *TARGET_WORDS, "要", "应", "是", "为", "的", "达到", "提出", "规定", "到", "前",
                     "年底", "以前", "之前", "时候", "期间"}, key=len, reverse=True)
_ASK_RE = re.compile("|".join(map(re.escape, _ASK_WORDS)))


@dataclass(frozen=True)
class Match:
    score: float
    doc: Document
    target: Target


def indicator_phrase(q: Query) -> str:
    """What a target question asks the value of: its topic without years and the words
    of asking (2025年新建建筑中绿色建筑占比要达到多少 -> 新建建筑中绿色建筑占比)."""
    text = YEAR_RE.sub(" ", q.topic or q.text)
    text = re.sub(r"“?十[三四五六]五”?(期间|末)?", " ", text)
    return re.sub(r"[\s，。？?！!、；;：:“”]+", "", _ASK_RE.sub(" ", text))


def match_targets(phrase: str, docs: Sequence[Document], similarity: Similarity | None,
                  share: bool = False) -> list[Match]:
    """Targets of ``docs`` by how well their indicator is the asked one, best first.
    ``share``: the question asks a proportion, so only percentages are candidates."""
    pairs = [(doc, t) for doc in docs for t in doc.targets if not share or "%" in t.value]
    if not phrase or not pairs:
        return []
    weights = GramWeights([grams(t.indicator) for _, t in pairs])
    asked = query_grams(phrase)
    lexical = [weights.cover(asked, grams(t.indicator)) for _, t in pairs]
    # the model weighs in on the lexically closest indicators only: a few texts to
    # encode per question, whatever the number of documents
    top = sorted(range(len(pairs)), key=lambda i: -lexical[i])[:SEMANTIC_CANDIDATES]
    semantic = dict(zip(top, similarity(phrase, [pairs[i][1].indicator for i in top]))) if similarity else {}
    scored = [Match(0.6 * lx + 0.4 * semantic.get(i, lx), doc, t) for i, ((doc, t), lx) in enumerate(zip(pairs, lexical))]
    return sorted(scored, key=lambda m: -m.score)


def answer_target(q: Query, docs: Sequence[Document], similarity: Similarity | None) -> Draft:
    """The value(s) of the asked indicator, for the asked years; found=False with the
    years the document does set when it sets none for those asked; an empty, not-found
    draft when no target measures the asked indicator (the caller then reads passages)."""
    d = Draft(found=False)
    phrase = indicator_phrase(q)
    share = any(w in q.text for w in SHARE_WORDS)
    ranked = match_targets(phrase, docs, similarity, share)
    if not ranked or ranked[0].score < MIN_MATCH:
        return d
    best = ranked[0].score
    same = [m for m in ranked if m.score >= best - SAME_INDICATOR]
    d.score = best
    chosen = [m for m in same if not q.years or m.target.year in q.years]
    if not chosen:
        have = sorted({f"{m.target.year}年" if m.target.year else "未注明年份" for m in same})
        years = "、".join(f"{y}年" for y in q.years)
        d.lines.append(f"文件没有提出{years}“{phrase}”的目标；文件中这一指标的目标年份是：{'、'.join(have)}。")
        d.lines.append("文件中相近的内容（供参考，并非对问题的回答）：")
        _quote(d, q, same[:1], years_only=False, several=len({m.doc.id for m in same}) > 1)
        return d
    d.found = True
    _quote(d, q, chosen[:4], years_only=bool(q.years), several=len({m.doc.id for m in chosen}) > 1)
    return d


def _row_quoted(doc: Document, t: Target) -> int | None:
    """The table row a target's quoted sentence comes from: a body clause the table
    repeats is cited as the clause, so the card does not show 第N行 over body text."""
    row = next((r for r in doc.tasks if t.row_no is not None and r.row_no == t.row_no), None)
    return t.row_no if row is not None and squash(t.text) in squash(row.requirement) else None


def _quote(d: Draft, q: Query, matches: Sequence[Match], *, years_only: bool, several: bool) -> None:
    """One line per target: the verbatim span of its sentence that states it, cited."""
    seen: set[str] = set()
    for m in matches:
        t = m.target
        spans = best_spans(indicator_phrase(q) or t.indicator, t.text, q.years if years_only else (), True,
                           context=t.indicator)
        span = next((sp for _, sp in spans if t.value.replace(" ", "") in sp.replace(" ", "")),
                    t.text.rstrip("。；;"))
        if span in seen:
            continue
        seen.add(span)
        ref = d.cite(m.doc, t.text, t.clause_no, _row_quoted(m.doc, t))
        prefix = doc_label(m.doc) + "：" if several else ""
        d.lines.append(f"{prefix}{span}{ref}。")
        add_conflicts(d, m.doc, conflicts_for(m.doc, t.clause_no, t.row_no, span))
