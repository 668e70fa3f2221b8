"""The facade: ``load()`` an index (building it when missing or stale) and ``ask``.

The CLI, the web UI and the evaluation call only this module.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.answering import compose as A
from assistant.answering import facts as F
from assistant.answering.english import english_gloss
from assistant.answering.intent import (
    COMPANY_RE,
    QUANTITY_WORDS,
    Query,
    classify,
    expand_synonyms,
    merge_followup,
    needs_topic,
    split_question,
)
from assistant.config import AssistantError, Settings, make_settings
from assistant.documents.corpus import citation_links
from assistant.documents.table import task_text
from assistant.documents.units import UnitResolver
from assistant.library import add_to_corpus
from assistant.search.build import build, build_documents  # noqa: F401  (build_documents re-exported for scripts)
from assistant.search.chunking import header_text
from assistant.text import missing_terms, use_word_cutter
from assistant.types import Answer, Citation, Document, Hit, Target, TaskRow

log = logging.getLogger(__name__)

ROLES = ("any", "lead", "participating")
REFUSAL = "现有文件中没有找到这个问题的答案。"


class QA:
    """Questions and lookups over one loaded index."""

    def __init__(self, index: Any, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.documents: list[Document] = list(index.documents)
        self.by_id = {d.id: d for d in self.documents}
        self._resolvers = {d.id: UnitResolver(level=d.meta.level, place=d.meta.place, issuers=d.meta.issuers)
                           for d in self.documents}
        self.build_errors: list[str] = []
        self.chat_model: Any = None  # optional LangChain chat model for fluent rewrites (see llm.py)
        if settings.llm_base_url:
            from assistant.answering.llm import make_chat_model

            self.chat_model = make_chat_model(settings.llm_base_url, settings.llm_model)
        use_word_cutter(index.tokenizer.words)
        index.tokenizer.warm()
        self._chunk_at: dict[tuple[str, str, int | None, int | None], Any] = {}
        for c in index.chunks:
            self._chunk_at.setdefault((c.doc_id, c.kind, c.clause_no if c.kind != "row" else None, c.row_no), c)
        self._doc_text = {d.id: "\n".join([d.text, *(task_text(t) + " ".join(t.lead_units + t.participating_units)
                                                     for t in d.tasks)]) for d in self.documents}

    # ------------------------------------------------------------ lookups
    def resolve_unit(self, name: str, doc: str | None = None) -> str | None:
        resolvers = [self._resolvers[doc]] if doc in self._resolvers else list(self._resolvers.values())
        for r in resolvers:
            canon = r.resolve(name)
            if canon:
                return canon
        return None

    def known_units(self) -> list[str]:
        units: dict[str, None] = {}
        for d in self.documents:
            for t in d.tasks:
                for u in (*t.lead_units, *t.participating_units):
                    units[u] = None
        return sorted(units)

    def _docs(self, doc: str | None = None, level: str | None = None) -> list[Document]:
        if doc is not None and doc not in self.by_id:
            matches = [d for d in self.documents if doc in d.meta.title or doc == d.meta.file]
            if not matches:
                raise AssistantError(f"unknown document: {doc} (known: {', '.join(self.by_id)})")
            return [d for d in matches if level is None or d.meta.level == level]
        return [d for d in self.documents
                if (doc is None or d.id == doc) and (level is None or d.meta.level == level)]

    def task_rows(self, unit: str | None = None, keyword: str | None = None, year: int | None = None,
                  role: str = "any", doc: str | None = None, level: str | None = None) -> list[TaskRow]:
        if role not in ROLES:
            raise AssistantError(f"role must be one of {', '.join(ROLES)}")
        canon = None
        if unit:
            canon = self.resolve_unit(unit.strip(), doc) or (unit.strip() if unit.strip() in self.known_units() else None)
            if canon is None:
                from assistant.documents.units import UnitResolver as _R
                close = _R().closest(unit, 3) if not self.documents else \
                    self._resolvers[self.documents[0].id].closest(unit, 3)
                close = [c for c in close if c] or self.known_units()[:3]
                raise AssistantError(f"unknown unit: {unit} (closest known: {'、'.join(close)})")
        out = []
        for d in self._docs(doc, level):
            for t in d.tasks:
                if canon:
                    lead, part = canon in t.lead_units, canon in t.participating_units
                    if not {"any": lead or part, "lead": lead, "participating": part}[role]:
                        continue
                if keyword and keyword not in task_text(t) and keyword not in " ".join(
                        (*t.lead_units, *t.participating_units)):
                    continue
                if year and year not in t.years:
                    continue
                out.append(t)
        return out

    def tasks(self, unit: str | None = None, keyword: str | None = None, year: int | None = None,
              role: str = "any", doc: str | None = None, level: str | None = None) -> list[dict[str, Any]]:
        """Structured lookup in the responsibility tables; list of task dicts."""
        return [t.to_dict() for t in self.task_rows(unit, keyword, year, role, doc, level)]

    def targets(self, year: int | None = None, doc: str | None = None, level: str | None = None) -> list[Target]:
        return [t for d in self._docs(doc, level) for t in d.targets if year is None or t.year == year]

    def corpus_report(self) -> dict[str, Any]:
        links, missing = citation_links(self.documents)
        return {
            "documents": [{**d.meta.__dict__, "clauses": len(d.clauses), "tasks": len(d.tasks),
                           "targets": len(d.targets), "conflicts": len(d.conflicts),
                           "unresolved_units": list(d.unresolved_units)} for d in self.documents],
            "links": links,
            "missing": missing,
            "errors": list(self.build_errors),
        }

    def with_document(self, src: str | Path, *, name: str | None = None,
                      progress: bool = False) -> tuple[QA, Document]:
        """A new QA whose corpus and index also hold ``src`` (see :mod:`assistant.library`);
        ``self`` is untouched and keeps answering meanwhile."""
        index, added, errors = add_to_corpus(self.settings, Path(src), embedder=self.index.searcher.embedder,
                                             name=name, progress=progress)
        fresh = QA(index, self.settings)
        fresh.build_errors, fresh.chat_model = errors, self.chat_model
        return fresh, added

    def add_document(self, src: str | Path, *, name: str | None = None, progress: bool = False) -> Document:
        """:meth:`with_document`, then this object serves the updated index."""
        fresh, added = self.with_document(src, name=name, progress=progress)
        self.__dict__.update(fresh.__dict__)
        return added

    def retriever(self, k: int = 5, **filters: Any) -> Any:
        """A LangChain retriever over this index (see README)."""
        from assistant.search.retriever import PolicyRetriever
        return PolicyRetriever(searcher=self.index.searcher, k=k, filters=filters)

    def search(self, query: str, k: int = 5, **filters: Any) -> list[Hit]:
        return list(self.index.searcher.search(query, k=k, **filters))

    # ------------------------------------------------------------ ask
    def ask(self, question: str, k: int = 5, *, history: Sequence[Any] | None = None,
            doc: str | None = None, level: str | None = None) -> Answer:
        t0 = time.perf_counter()
        if not question or not question.strip():
            raise AssistantError("empty question")
        full = merge_followup(question, history or ())
        timings: dict[str, float] = {}
        parts = split_question(full)
        # 公建改造要做多少？2030年能效提升多少？— each part answered, one numbering of citations
        answered = [self._answer_part(p if i == 0 or not needs_topic(p) else f"{parts[0]} {p}", k, doc, level, timings)
                    for i, p in enumerate(parts)]
        q, draft, hits = answered[0]
        for (_, more, more_hits), part in zip(answered[1:], parts[1:]):
            if more.found or not draft.found:
                draft.extend(more)
            else:  # say which part the documents do not answer, without its pointer
                draft.lines.append(f"关于“{part}”：{more.lines[0] if more.lines else REFUSAL}")
            hits = _rerank(hits + more_hits)
        draft.found = any(d.found for _, d, _ in answered)
        retrieved = self._evidence_first(draft, hits, k)
        timings["total"] = (time.perf_counter() - t0) * 1000
        english = english_gloss(draft.found, draft.text, len(draft.citations),
                                [u for t in draft.tasks for u in t.lead_units]) if q.english else None
        if self.chat_model is not None and draft.found:
            from assistant.answering.llm import rewrite

            t3 = time.perf_counter()
            draft.lines = [rewrite(self.chat_model, question, draft.text, draft.citations)]
            timings["llm"] = (time.perf_counter() - t3) * 1000
            timings["total"] = (time.perf_counter() - t0) * 1000
        return Answer(question=question, answer=draft.text, found=draft.found, intent=q.intent,
                      citations=tuple(draft.citations), retrieved=tuple(retrieved), tasks=tuple(draft.tasks),
                      conflicts=tuple(draft.conflicts), timings_ms=timings, english=english)

    def _answer_part(self, text: str, k: int, doc: str | None, level: str | None,
                     timings: dict[str, float]) -> tuple[Query, A.Draft, list[Hit]]:
        """Understand, retrieve and compose for one question (or one part of a question)."""
        t0 = time.perf_counter()
        q = classify(text, lambda n: self.resolve_unit(n, doc), self.index.tokenizer)
        scope, refusal = self._scope(q, doc, level)
        t1 = time.perf_counter()
        query_text = expand_synonyms(q.text)
        hits: list[Hit] = []
        for d in scope or [None]:  # type: ignore[list-item]
            hits.extend(self.index.searcher.search(query_text, k=max(k, 10),
                                                   doc=d.id if d is not None and len(scope) < len(self.documents)
                                                   else None))
            if not scope or len(scope) == len(self.documents):
                break
        hits = _rerank(hits)
        t2 = time.perf_counter()
        scope_text = "\n".join(self._doc_text[d.id] for d in scope) if scope else ""
        absent = missing_terms(q.terms, scope_text) \
            if q.intent not in ("doc_fact", "conflict", "unit_tasks") and scope else []
        if refusal:
            draft = A.Draft(found=False, lines=[refusal])
        elif absent:
            draft = A.Draft(found=False, lines=[
                f"现有文件没有提到“{'”“'.join(absent)}”，无法回答这个问题。"])
        else:
            draft = self._compose(q, scope, hits)
        if not draft.found:
            draft = self._refuse(q, draft, hits, point=not refusal)
        for key, dt in (("understand", t1 - t0), ("retrieve", t2 - t1), ("compose", time.perf_counter() - t2)):
            timings[key] = timings.get(key, 0.0) + dt * 1000
        return q, draft, hits

    def _scope(self, q: Query, doc: str | None, level: str | None) -> tuple[list[Document], str | None]:
        docs = self._docs(doc, level)
        if doc or level:
            return docs, None if docs else "没有符合筛选条件的文件。"
        named = [d for d in docs if _names_doc(q.text, q.places, d)]
        if named and len(named) < len(docs):
            return named, None
        unknown = [p for p in q.places if not any(p in d.text for d in docs)]
        if unknown:
            have = "、".join(sorted({d.meta.place or d.meta.title for d in docs}))
            return docs, f"现有文件不涉及{'、'.join(unknown)}，无法回答；现有文件覆盖：{have}。"
        if q.level:
            at_level = [d for d in docs if d.meta.level == q.level]
            if at_level:
                return at_level, None
            if q.level != "municipal":
                return docs, f"现有文件中没有{A.LEVEL_CN[q.level]}文件，无法回答。"
        return docs, None

    def _compose(self, q: Query, scope: list[Document], hits: list[Hit]) -> A.Draft:
        floor = self.settings.refuse_threshold
        if q.intent == "doc_fact":  # one document named, or every document, each labelled
            return F.answer_fact(q, scope, {d.id: header_text(d) for d in scope})
        if q.intent == "structure":
            draft = F.answer_structure(q, scope, hits)
            if draft.found:
                return draft
        if COMPANY_RE.search(q.text):  # the tables name government units, never contractors
            return A.Draft(found=False, lines=["文件只规定牵头和参与的政府部门，没有指定企业或承建单位。"])
        if q.intent == "conflict":
            draft = A.answer_conflict(q, scope, floor)
            if draft.found or draft.lines:
                return draft
        if q.intent == "deadline":
            draft = A.answer_deadline(q, scope, hits, floor)
            if draft.found:
                text = A.answer_spans(q, self.by_id, hits, floor, True, False)
                return text if text.found and text.score > draft.score + 0.1 else draft
            if any(w in q.text for w in ("完成时限", "时限", "时间节点", "完成时间")) and \
                    not any(t.deadline for d in scope for t in d.tasks):
                have = "、".join(doc.meta.title for doc in scope)
                return A.Draft(found=False, lines=[f"{have}的责任分工表没有完成时限一栏，文件未规定该任务的完成时限。"])
        if q.intent == "unit_tasks" and q.unit:
            rows = [r for r in self.task_rows(unit=q.unit, role=q.role) if r.doc_id in {d.id for d in scope}]
            return A.answer_unit_tasks(q, scope, rows)
        if q.intent in ("lead", "participate"):
            draft = A.answer_lead(q, scope, hits, floor)
            if draft.found:  # unless the body text answers far better than any table row
                text = A.answer_spans(q, self.by_id, hits, floor, False)
                names_someone = any(w in text.text for w in ("部门", "局", "委员会", "政府", "单位"))
                if text.found and names_someone and text.score > draft.score + 0.25:
                    return text
                if any(w in q.text for w in QUANTITY_WORDS):  # 要做多少？由谁牵头？— both halves
                    figures = A.answer_spans(q, self.by_id, hits, floor, True, True)
                    if figures.found:
                        figures.lines = figures.lines[:1]  # the figure of the task named, not its neighbours
                        figures.citations = _used_citations(figures)
                        draft.extend(figures)
                return draft
        want_number = q.intent == "target"
        value_only = any(w in q.text for w in QUANTITY_WORDS)  # 多少/比例: a figure; 哪一年/什么要求: a date will do
        draft = A.answer_spans(q, self.by_id, hits, floor, want_number, value_only)
        if not draft.found and want_number and not value_only:
            draft = A.answer_spans(q, self.by_id, hits, floor, False)  # 要求/目标 without a number asked
        return draft

    def _evidence_first(self, draft: A.Draft, hits: list[Hit], k: int) -> list[Hit]:
        """The ranked hits with the chunks the answer rests on first (structured lookups
        such as a unit's task rows are evidence even when the text search missed them)."""
        if not draft.found:
            return hits[:k]
        first: list[Hit] = []
        for doc_id, clause_no, row_no in draft.evidence:
            kind = "row" if row_no is not None else "clause" if clause_no is not None else "header"
            hit = next((h for h in hits if h.chunk.doc_id == doc_id and h.chunk.kind == kind and
                        h.chunk.row_no == row_no and (kind == "row" or h.chunk.clause_no == clause_no)), None)
            if hit is None:
                chunk = self._chunk_at.get((doc_id, kind, None if kind == "row" else clause_no, row_no))
                if chunk is None:
                    continue
                hit = Hit(chunk=chunk, score=0.0, rank=0, sources=("answer",))
            if all(h.chunk.id != hit.chunk.id for h in first):
                first.append(hit)
        rest = [h for h in hits if all(h.chunk.id != f.chunk.id for f in first)]
        ordered = first + rest
        return [Hit(chunk=h.chunk, score=h.score, rank=i, sources=h.sources)
                for i, h in enumerate(ordered[: max(k, len(first))], 1)]

    def _refuse(self, q: Query, draft: A.Draft, hits: list[Hit], *, point: bool = True) -> A.Draft:
        """A plain refusal, pointing to the nearest passage the documents do have (never
        for another place or level: that passage would be about something else)."""
        out = A.Draft(found=False, lines=list(draft.lines) or [REFUSAL])
        if not point or not hits:
            return out
        if q.years and not draft.lines:
            ys = "、".join(f"{y}年" for y in q.years)
            out.lines = [f"现有文件没有提出{ys}的相关要求。"]
        near = A.answer_spans(Query(**{**q.__dict__, "years": ()}), self.by_id, hits[:3],
                              self.settings.refuse_threshold, q.intent == "target" and bool(q.years))
        if near.found:
            out.lines += ["文件中相近的内容（供参考，并非对问题的回答）：", near.lines[0]]
            out.citations = near.citations[:1]
        return out


def _used_citations(d: A.Draft) -> list[Citation]:
    """The citations a draft's remaining lines still point to (after a cut to its top
    lines only the first citations can be referenced)."""
    used = {int(n) for line in d.lines for n in re.findall(r"\[(\d+)\]", line)}
    return d.citations[: max(used, default=0)]


def _names_doc(text: str, places: Sequence[str], doc: Document) -> bool:
    """Whether the question names this document: its place (示例县, 聊城市/聊城) or title."""
    place = doc.meta.place or ""
    stem = place[:-1] if len(place) >= 3 else ""
    if place and (place in text or any(p and (p in place or place in p) for p in places)):
        return True
    if stem and stem in text and not re.search(re.escape(stem) + "[县区]", text.replace(place, "")):
        return True
    return doc.meta.title in text


def _rerank(hits: list[Hit]) -> list[Hit]:
    seen: dict[str, Hit] = {}
    for h in sorted(hits, key=lambda h: -h.score):
        seen.setdefault(h.chunk.id, h)
    return [Hit(chunk=h.chunk, score=h.score, rank=i, sources=h.sources)
            for i, h in enumerate(seen.values(), 1)]


def load(index_dir: str | Path | None = None, corpus_dir: str | Path | None = None, *,
         embedder: Any = None, progress: bool = False, **settings: Any) -> QA:
    """Open the index next to the corpus, building it first when missing, stale or corrupt."""
    from assistant.search.store import IndexCorrupt, open_index

    s = make_settings(index_dir=index_dir, corpus_dir=corpus_dir, **settings)
    errors: list[str] = []
    what, errors = build(s, progress=progress, embedder=embedder)
    log.info("%s", what)
    try:
        index = open_index(s, embedder=embedder)
    except IndexCorrupt as e:
        log.warning("index unusable (%s); rebuilding", e)
        _, errors = build(s, force=True, progress=progress, embedder=embedder)
        index = open_index(s, embedder=embedder)
    qa = QA(index, s)
    qa.build_errors = errors
    return qa


__all__ = ["QA", "load", "build", "Citation"]
