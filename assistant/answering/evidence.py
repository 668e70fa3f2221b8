"""The evidence check: whether the passages an answer quotes hold what the question asks
(:mod:`assistant.answering.answerable` weighs the words); an answer about something else
becomes a refusal that points to the nearest passage."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from assistant.answering import compose as A
from assistant.answering import passages as P
from assistant.answering.answerable import (
    MIN_COVER,
    SIMILAR_LOOSE,
    STRICT_IMPORTANCE,
    Similarity,
    about_a_neighbour,
    absent_words,
    coverage,
    evidence_of,
    importance,
    instance_of_held,
    line_evidence,
    near_in,
    quantity_lacking,
    unnamed_kind,
)
from assistant.answering.asked import missing_kind
from assistant.answering.figures import contrary
from assistant.answering.intent import Query
from assistant.answering.vocabulary import Vocabulary
from assistant.text import YEAR_RE, canonical, squeeze, without_book_titles
from assistant.types import Document, Hit

BORDERLINE = 0.3  # a coverage this close to MIN_COVER is weighed again with each word's importance
KEY_IMPORTANCE = 0.8  # a word this important to the question (answerable.importance) must be in the evidence
#: intents whose answers are not passages chosen by similarity (header facts, task lists, conflicts): no evidence check
UNCHECKED_INTENTS = ("doc_fact", "unit_tasks", "joint_lead", "units_taking_part", "tasks_by_partners", "conflict", "structure",
                     "ranking", "extreme")
#: what a figure is weighed against: the difference asked (比全国平均水平高多少, 比济南高还是低), or a
#: comparison (与去年相比); never 比例, 比如, 比较, 同比, 占比要达到多少
_NOT_WEIGHING = r"(?![例重率值如方较照])"
_DIFFERENCE = r"(?:高|低|多(?!少)|少|大|小|快|慢|严|好|差|提高|降低|增加|减少|下降|上升|提升|增长)"
_COMPARED_TO_RE = re.compile(rf"(?:(?<![同占])比{_NOT_WEIGHING}|(?<!比)较(?![为好大高低多少小早晚快慢])|相较于?)"
                             rf"([^，,。？?比较]{{2,14}}?)(?:的目标|的指标|的)?(?:还)?{_DIFFERENCE}|"
                             rf"(?:和|与|跟|同)([^，,。？?]{{2,14}}?)(?:相比|比较|对比|比起来|比{_NOT_WEIGHING})")
#: a thing the question sets aside in brackets (回收利用率（不是资源化利用率）, (not the floor area));
#: （非居住建筑） names a kind
_EXCLUDED_RE = re.compile(r"[（(]\s*(?:但?不是|并非|而不是|而非|not(?: the)?)\s*([^（）()]{2,14}?)\s*[）)]")


def _set_aside(evidence: str, excluded: Sequence[str]) -> str:
    for x in excluded:
        evidence = evidence.replace(x, " ")
    return evidence


def compared_to(text: str, word: str) -> bool:
    """Whether ``word`` is in what the question weighs a figure against."""
    return any(word in (m.group(1) or m.group(2)) for m in _COMPARED_TO_RE.finditer(text))


def baseline_unstated(text: str, evidence: str) -> bool:
    """Whether a difference is asked against something (比全国高多少, 比现状提高多少) the evidence
    does not name, not even in part; a year (比2020年下降多少) is weighed elsewhere, and one asked (比哪年下降多少) is the answer's."""
    said = squeeze(evidence)
    for m in _COMPARED_TO_RE.finditer(text):
        core = re.sub(r"(?:的)?(?:平均)?(?:水平|要求|目标|指标|数值?)$", "", m.group(1) or "")
        if core and not YEAR_RE.search(core) and not re.search(r"[哪谁几]|什么|多少", core) \
                and not any(core[i:i + 2] in said for i in range(len(core) - 1)):  # 改造前: 改造 is said
            return True
    return False


def check_evidence(q: Query, draft: A.Draft, scope: Sequence[Document], hits: Sequence[Hit], *,
                   similarity: Similarity | None, by_id: Mapping[str, Document], tokenizer: Any,
                   vocabulary: Callable[[], Vocabulary]) -> A.Draft:
    """An answer quoting passages about something else is no answer: refuse it, showing it as the
    nearest passage.  ``vocabulary``: the scope's word frequencies, built only when needed."""
    if not draft.found or not (q.terms or q.asked) or q.intent in UNCHECKED_INTENTS or draft.exact or \
            (q.row is not None and any(c.row_no == q.row for c in draft.citations)):  # the row named
        return draft
    vocab = vocabulary()
    # 回收利用率（不是资源化利用率）: the thing set aside is neither asked nor evidence of what is
    excluded = _EXCLUDED_RE.findall(q.original or q.text)
    if excluded:
        rest = _EXCLUDED_RE.sub("", q.text)  # a word the question says outside the brackets stays asked
        kept = [t for t in (*q.terms, *q.asked) if t in rest or not any(t in x for x in excluded)]
        q = replace(q, text=rest, terms=tuple(t for t in q.terms if t in kept), asked=tuple(a for a in q.asked if a in kept))
    quoted = evidence_of(draft.text, draft.citations, by_id)
    evidence = _set_aside(quoted, excluded)  # (the best line's evidence, below, when one thing is asked)
    cut = tokenizer.words
    cover, lacking = coverage(q.terms, evidence, vocab, cut, similarity, q.asked)
    untitled = without_book_titles(q.text)  # a plan's title is no qualifier asked
    # one thing asked: a target, or a rate (对新建工业建筑的节能率有啥要求) whatever the wording
    one_thing = (q.intent in ("target", "deadline") or bool(q.asked) or any(t.endswith("率") for t in q.terms)) \
        and not re.search(r"分别|各[是为自]|和|与|及|、", q.topic or q.text)
    if one_thing and (all(contrary(untitled, line) for line in draft.lines) or quantity_lacking(lacking, q.asked) or about_a_neighbour(q.text, q.terms, lacking, draft.citations, by_id, scope, hits, vocab, cut, evidence)):
        cover = 0.0  # 城镇 asked, every line about 农村; 绿色建材 asked, a clause on 装配式建筑; 农房 named elsewhere
    if one_thing and cover >= MIN_COVER:  # one thing asked
        # a figure answers only if one passage holds what is asked: 农村生活污水治理率 is not
        # 城市生活污水 in one sentence plus 农村 in another, and 主城区 is not answered by a
        # line about 县城 (a qualifier opposite to the asked one, data/contrasts.txt); a time
        # asked is answered by a line that holds both the thing and a time (零碳社区 when?)
        lines = [(line, _set_aside(ev, excluded)) for line, ev in line_evidence(draft.lines, draft.citations, by_id)]
        (cover, lacking), evidence = max((((0.0, []) if contrary(untitled, line) or (
            q.intent == "deadline" and missing_kind(q.text, q.original or q.text, [line])) else
                                           coverage(q.terms, ev, vocab, cut, similarity, q.asked), ev)
                                          for line, ev in lines), key=lambda c: c[0][0])
    if draft.by_meaning and cover < MIN_COVER:  # matched by the model alone: the words as they are, or no answer
        return A.Draft(found=False)
    if q.intent in ("lead", "participate") and lacking and cover < MIN_COVER:  # 县一中教学楼屋顶装光伏，谁牵头: the 屋顶光伏 task
        kinds = {t for t in lacking if instance_of_held(t, q.text, q.terms, lacking, vocab)}
        if kinds == set(lacking):
            cover, lacking = coverage(q.terms, evidence, vocab, cut, similarity, q.asked, held=kinds)
    weights: dict[str, float] = {}
    if similarity is not None and cover > 0 and (lacking or abs(cover - MIN_COVER) < BORDERLINE):
        # weigh each word by how much it carries the question (embedding model): a missing
        # key word (户厕 in 农村户厕改造由谁牵头) means the evidence is about something else.
        # Only what can change the decision is weighed (each word is a text to encode):
        # asked words are never weighted, and off the borderline only lacking words count
        words = [w for w in q.terms if abs(cover - MIN_COVER) < BORDERLINE or canonical(w) in lacking]
        weights = {canonical(w): v for w, v in importance(q.text, words, similarity).items()}
        # a lacking word that carries the question less may be a colloquial stand-in (硬化
        # for 硬地): held when the model finds it close enough to an evidence word
        loose = near_in([t for t in lacking if weights.get(t, 1.0) < STRICT_IMPORTANCE and not vocab.unwritten_term(t)],
                        evidence, cut, similarity, SIMILAR_LOOSE)
        if loose:
            cover, lacking = coverage(q.terms, evidence, vocab, cut, similarity, q.asked, held=loose)
        if any(weights.get(t, 0.0) >= KEY_IMPORTANCE for t in lacking):
            cover = 0.0
        elif abs(cover - MIN_COVER) < BORDERLINE:
            cover, lacking = coverage(q.terms, evidence, vocab, cut, similarity, q.asked, weights, loose)
    nouns = {w for w, flag in tokenizer.tagged(q.text) if flag.startswith("n")} if lacking else set()
    held = [t for t in q.terms if canonical(t) not in lacking and t in nouns]
    if any(t in nouns and unnamed_kind(t, q.text, held, vocab, weights.get(t, 1.0)) or vocab.unwritten_term(t)
           for t in lacking):  # 滨河绿道, a kind of 绿道 never named; 绿色建材, a term of the field never written
        cover = 0.0
    absent = absent_words(lacking, q.terms, vocab, scope)
    if cover >= MIN_COVER and (any(compared_to(q.text, t) for t in absent) or one_thing and baseline_unstated(q.text, evidence)):
        cover = 0.0  # 比全国平均水平高多少: what it is weighed against the documents never state, or not here
    if cover >= MIN_COVER and any(x in quoted for x in excluded) and (absent or set(lacking) & nouns):
        cover = 0.0  # …率（不是回收利用率）: the evidence is what was set aside, what is asked is not in it
    if cover >= MIN_COVER:
        return draft
    head = [A.NO_PROVISION if not absent else f"现有文件没有关于“{'、'.join(absent[:3])}”的规定，无法回答这个问题。", A.NEAR]
    if lacking and not absent:
        # the documents do speak of 绿色建筑, just not of what is asked: point to where they do
        for near in P.hit_spans(q, by_id, hits):
            if all(t in canonical(squeeze(near.lines[0])) for t in lacking):
                return A.Draft(found=False, citations=near.citations[:1], lines=[*head, near.lines[0]])
    line = next((x for x in draft.lines if re.search(r"\[1\]", x)), draft.lines[0])
    return A.Draft(found=False, citations=draft.citations[:1], lines=[*head, line])
