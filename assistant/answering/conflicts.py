"""Body text versus attachment table: where they disagree on what the question is about,
or — when they agree — both passages, saying so."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.compose import Draft, doc_label, rank_rows
from assistant.answering.intent import Query, topic_of
from assistant.answering.spans import best_spans, source_sentence
from assistant.text import support
from assistant.types import Conflict, Document, Hit

_CONFLICT_WORDS_RE = re.compile(r"正文|分工表|附件|附表|表格|表中|责任表|任务表|写的|写得|到底|究竟|好像|似乎|"
                                r"不一样|一样|不一致|一致|矛盾|冲突|不同|出入|差异|对不上|不符|这个指标|地方|有没有|是否|之间|吗|和|与|跟|里|上|的")


def answer_conflict(q: Query, docs: Sequence[Document], hits: Sequence[Hit], floor: float) -> Draft:
    """Where body text and table disagree, for the topic asked (or all, if it names none);
    a topic on which they agree is answered with both passages, saying so."""
    d = Draft()
    topic = re.sub(r"[\s，。？?、]+", "", topic_of(_CONFLICT_WORDS_RE.sub(" ", q.text)))
    scored = sorted(((support(topic, c.body_text + c.table_text + c.description), doc, c)
                     for doc in docs for c in doc.conflicts), key=lambda x: -x[0])
    if len(topic) >= 2:
        chosen = [x for x in scored if x[0] >= 0.5]
        if not chosen:
            return _agreement(topic, docs, hits, floor)
    else:
        chosen = scored
        if not chosen:
            return _no_conflict(d)
    return _report(d, [(doc, c) for _, doc, c in chosen[:4]], len(docs) > 1)


def _report(d: Draft, found: Sequence[tuple[Document, Conflict]], several: bool) -> Draft:
    for doc, c in found:
        prefix = doc_label(doc) if several else ""
        body_ref = d.cite(doc, c.body_text, c.clause_no, None)
        table_ref = d.cite(doc, c.table_text, c.clause_no, c.row_no)
        d.lines.append(f"{prefix}正文与附件表不一致：正文为“{c.body_value}”（{_trim(c.body_text)}）{body_ref}，"
                       f"附件表为“{c.table_value}”（{_trim(c.table_text)}）{table_ref}。")
        d.conflicts.append(c)
    d.lines.append("请以正式文件为准，并向牵头单位核实。")
    return d


def _agreement(topic: str, docs: Sequence[Document], hits: Sequence[Hit], floor: float) -> Draft:
    """No conflict about the topic: quote what the body and the table each say of it."""
    d = Draft()
    ranked = [x for x in rank_rows(topic, docs, hits) if x[0] >= floor]
    if not ranked:
        d.found = False
        return d
    _, doc, row = ranked[0]
    disagree = [c for c in doc.conflicts if c.row_no is not None and c.row_no == row.row_no]
    if disagree:  # the row the question is about is one where they differ: never say they agree
        return _report(d, [(doc, c) for c in disagree], len(docs) > 1)
    clause = doc.clause_of(row)
    body = best_spans(topic, clause.text, (), False) if clause is not None else []
    table = best_spans(topic, row.requirement, (), False)
    if not body or not table:
        d.found = False
        return d
    body_ref = d.cite(doc, source_sentence(body[0][1], clause.text), row.clause_no, None)  # type: ignore[union-attr]
    table_ref = d.cite_task(doc, row)
    d.lines.append(f"没有发现不一致：正文为“{body[0][1]}”{body_ref}，附件表第{row.label}行为“{table[0][1]}”{table_ref}。")
    d.score = ranked[0][0]
    return d


def _no_conflict(d: Draft) -> Draft:
    d.found = False
    d.lines.append("没有发现正文与附件表之间的数值不一致。")
    return d


def _trim(text: str, limit: int = 60) -> str:
    text = text.strip().rstrip("。")
    return text if len(text) <= limit else text[:limit] + "……"
