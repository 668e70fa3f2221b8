"""The facade: ``load()`` an index (building it when missing or stale) and ``ask``.

The CLI, the web UI and the evaluation call only this module.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from assistant.answering import compose as A
from assistant.answering import intents
from assistant.answering.answerable import MIN_COVER, Vocabulary, coverage, passage_words, vocabulary
from assistant.answering.english import english_gloss
from assistant.answering.intent import (
    Query,
    expand_synonyms,
    followup_of,
    needs_topic,
    split_question,
    topic_of,
)
from assistant.config import AssistantError, Settings, make_settings
from assistant.documents.corpus import citation_links
from assistant.documents.table import task_text
from assistant.documents.units import UnitResolver
from assistant.library import add_to_corpus
from assistant.search.backends.base import Filters
from assistant.search.build import build
from assistant.search.store import Index
from assistant.sync import RWLock
from assistant.text import WORD_CUTTER, normalize_question
from assistant.types import LEVELS, Answer, Citation, Document, Hit, Target, TaskRow

log = logging.getLogger(__name__)

ROLES = ("any", "lead", "participating")
#: intents whose answers are not passages chosen by similarity (facts of the header, a
#: unit's exact task list, the conflicts table): the evidence check does not apply
UNCHECKED_INTENTS = ("doc_fact", "unit_tasks", "conflict", "structure")
REFUSAL = "现有文件中没有找到这个问题的答案。"


_T = TypeVar("_T")


def _reading(method: Callable[..., _T]) -> Callable[..., _T]:
    """Run a public method on one consistent index: under the read side of the lock that
    :meth:`QA.add_document` takes to swap indexes."""

    @functools.wraps(method)
    def wrapper(self: QA, *args: Any, **kwargs: Any) -> _T:
        with self._lock.read():
            return method(self, *args, **kwargs)

    return wrapper


class QA:
    """Questions and lookups over one loaded index; safe to share between threads."""

    def __init__(self, index: Index, settings: Settings) -> None:
        self._lock = RWLock()
        self.index = index
        self.settings = settings
        self.documents: list[Document] = list(index.documents)
        self.by_id = {d.id: d for d in self.documents}
        self._resolvers = {d.id: UnitResolver(level=d.meta.level, place=d.meta.place, issuers=d.meta.issuers)
                           for d in self.documents}
        skipped = index.manifest.get("skipped") or {}
        self.build_errors: list[str] = [f"{name}: {d.get('reason', '')}" for name, d in sorted(skipped.items())]
        self.chat_model: Any = None  # optional LangChain chat model for fluent rewrites (see llm.py)
        if settings.llm_base_url:
            from assistant.answering.llm import make_chat_model

            self.chat_model = make_chat_model(settings.llm_base_url, settings.llm_model)
        index.tokenizer.warm()
        self._doc_words: dict[str, Any] = {}
        self._vocab_cache: dict[tuple[str, ...], Vocabulary] = {}
        self._vocab_lock = threading.Lock()

    # ------------------------------------------------------------ lookups
    @_reading
    def resolve_unit(self, name: str, doc: str | None = None) -> str | None:
        resolvers = [self._resolvers[doc]] if doc in self._resolvers else list(self._resolvers.values())
        for r in resolvers:
            canon = r.resolve(name)
            if canon:
                return canon
        return None

    @_reading
    def known_units(self) -> list[str]:
        units: dict[str, None] = {}
        for d in self.documents:
            for t in d.tasks:
                for u in (*t.lead_units, *t.participating_units):
                    units[u] = None
        return sorted(units)

    def _docs(self, doc: str | None = None, level: str | None = None) -> list[Document]:
        if level is not None and level not in LEVELS:
            raise AssistantError(f"unknown level {level!r} (use {', '.join(LEVELS)})")
        if doc is not None and doc not in self.by_id:
            matches = [d for d in self.documents if doc in d.meta.title or doc == d.meta.file]
            if not matches:
                raise AssistantError(f"unknown document: {doc} (known: {', '.join(self.by_id)})")
            return [d for d in matches if level is None or d.meta.level == level]
        return [d for d in self.documents
                if (doc is None or d.id == doc) and (level is None or d.meta.level == level)]

    @_reading
    def task_rows(self, unit: str | None = None, keyword: str | None = None, year: int | None = None,
                  role: str = "any", doc: str | None = None, level: str | None = None) -> list[TaskRow]:
        if role not in ROLES:
            raise AssistantError(f"role must be one of {', '.join(ROLES)}")
        if unit is not None and not unit.strip():
            raise AssistantError("empty unit name")
        _check_year(year)
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

    @_reading
    def tasks(self, unit: str | None = None, keyword: str | None = None, year: int | None = None,
              role: str = "any", doc: str | None = None, level: str | None = None) -> list[dict[str, Any]]:
        """Structured lookup in the responsibility tables; list of task dicts."""
        return [t.to_dict() for t in self.task_rows(unit, keyword, year, role, doc, level)]

    @_reading
    def targets(self, year: int | None = None, doc: str | None = None, level: str | None = None) -> list[Target]:
        _check_year(year)
        return [t for d in self._docs(doc, level) for t in d.targets if year is None or t.year == year]

    @_reading
    def corpus_report(self) -> dict[str, Any]:
        links, missing = citation_links(self.documents)
        return {
            "documents": [{**d.meta.__dict__, "clauses": len(d.clauses), "tasks": len(d.tasks),
                           "targets": len(d.targets), "conflicts": len(d.conflicts),
                           "unresolved_units": list(d.unresolved_units), "warnings": list(d.warnings)}
                          for d in self.documents],
            "links": links,
            "missing": missing,
            "errors": list(self.build_errors),
        }

    def with_document(self, src: str | Path, *, name: str | None = None,
                      progress: bool = False) -> tuple[QA, Document]:
        """A new QA whose corpus and index also hold ``src`` (see :mod:`assistant.library`);
        ``self`` is untouched and keeps answering meanwhile."""
        embedder = self.index.encoder.embedder if self.index.encoder is not None else None
        index, added, errors = add_to_corpus(self.settings, Path(src), embedder=embedder, name=name,
                                             progress=progress)
        fresh = QA(index, self.settings)
        fresh.build_errors, fresh.chat_model = errors, self.chat_model
        return fresh, added

    def add_document(self, src: str | Path, *, name: str | None = None, progress: bool = False) -> Document:
        """:meth:`with_document`, then this object serves the updated index."""
        fresh, added = self.with_document(src, name=name, progress=progress)
        with self._lock.write():  # no question is running: swap everything at once
            self.__dict__.update({k: v for k, v in fresh.__dict__.items() if k != "_lock"})
        return added

    def retriever(self, k: int = 5, **filters: Any) -> Any:
        """A LangChain retriever over this index (see README)."""
        from assistant.search.retriever import PolicyRetriever
        return PolicyRetriever(backend=self.index.backend, k=k, filters=filters, prepare=self.search_text)

    @_reading
    def search(self, query: str, k: int = 5, *, mode: str = "hybrid", **filters: Any) -> list[Hit]:
        return self.index.backend.search(self.search_text(query), k, Filters.of(**filters), mode)

    def search_text(self, question: str) -> str:
        """What the search engine is given for a question: English terms in Chinese,
        domain synonyms added (the retriever and ``ask`` search the same way)."""
        from assistant.answering.english import is_english, translate

        text = normalize_question(question.strip())
        return expand_synonyms(translate(text) if is_english(text) else text)

    # ------------------------------------------------------------ ask
    @_reading
    def ask(self, question: str, k: int = 5, *, history: Sequence[Any] | None = None,
            doc: str | None = None, level: str | None = None) -> Answer:
        t0 = time.perf_counter()
        question = check_question(question, self.settings.max_question_chars)
        if k < 1:
            raise AssistantError(f"k must be at least 1 (got {k})")
        token = WORD_CUTTER.set(self.index.tokenizer.words)
        try:
            return self._ask(question, k, history, doc, level, t0)
        finally:
            WORD_CUTTER.reset(token)

    def _ask(self, question: str, k: int, history: Sequence[Any] | None, doc: str | None, level: str | None,
             t0: float) -> Answer:
        full, focus = self._with_history(normalize_question(question), history or (), doc)
        timings: dict[str, float] = {}
        parts = split_question(full)
        # 公建改造要做多少？2030年能效提升多少？— each part answered, one numbering of citations
        answered = [self._answer_part(p if i == 0 or not needs_topic(p) else f"{parts[0]} {p}", k, doc, level,
                                      timings, focus) for i, p in enumerate(parts)]
        q, draft, hits = answered[0]
        for (_, more, more_hits), part in zip(answered[1:], parts[1:]):
            if more.found or not draft.found:
                draft.extend(more)
            else:  # say which part the documents do not answer, without its pointer
                draft.lines.append(f"关于“{part}”：{more.lines[0] if more.lines else REFUSAL}")
            hits = _rerank(hits + more_hits)
        draft.found = any(d.found for _, d, _ in answered)
        retrieved = hits[:k]
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

    def _with_history(self, question: str, history: Sequence[Any], doc: str | None) -> tuple[str, tuple[str, ...]]:
        """The question to answer and the words that narrow it: a follow-up that asks
        nothing new (那农村呢？) repeats the previous question with its own words; one that
        asks something else (它的目标是多少？) takes only the previous topic."""
        fu = followup_of(question, history)
        if fu is None:
            return question, ()
        alone = intents.understand(question, lambda n: self.resolve_unit(n, doc), self.index.tokenizer)
        before = fu.previous if alone.intent == "general" else topic_of(fu.previous)
        return f"{before} {question}", fu.focus

    def _answer_part(self, text: str, k: int, doc: str | None, level: str | None,
                     timings: dict[str, float], focus: tuple[str, ...] = ()) -> tuple[Query, A.Draft, list[Hit]]:
        """Understand, retrieve and compose for one question (or one part of a question)."""
        t0 = time.perf_counter()
        q = intents.understand(text, lambda n: self.resolve_unit(n, doc), self.index.tokenizer)
        q = replace(q, focus=focus)
        scope, refusal = self._scope(q, doc, level)
        t1 = time.perf_counter()
        query_text = expand_synonyms(q.text)
        hits: list[Hit] = []
        for d in scope or [None]:  # type: ignore[list-item]
            where = Filters.of(doc=d.id if d is not None and len(scope) < len(self.documents) else None)
            hits.extend(self.index.backend.search(query_text, max(k, 10), where))
            if not scope or len(scope) == len(self.documents):
                break
        hits = _rerank(hits)
        t2 = time.perf_counter()
        similarity = self.index.encoder.similarity if self.index.encoder is not None else None
        if refusal:
            draft = A.Draft(found=False, lines=[refusal])
        else:
            scope_ids = {d.id for d in scope}
            draft = intents.compose(q, intents.Context(
                scope=scope, by_id=self.by_id, hits=hits, floor=self.settings.refuse_threshold,
                unit_rows=lambda unit, role: [r for r in self.task_rows(unit=unit, role=role) if r.doc_id in scope_ids],
                similarity=similarity))
            draft = self._check_evidence(q, draft, scope, similarity)
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

    def _check_evidence(self, q: Query, draft: A.Draft, scope: Sequence[Document],
                        similarity: Any) -> A.Draft:
        """An answer quoting passages about something else is no answer: refuse it, and
        show it only as the nearest passage (see :mod:`assistant.answering.answerable`)."""
        if not draft.found or not q.terms or q.intent in UNCHECKED_INTENTS:
            return draft
        vocab = self._vocabulary(tuple(d.id for d in scope))
        evidence = "\n".join([draft.text, *(c.text for c in draft.citations)])
        cover, lacking = coverage(q.terms, evidence, vocab, self.index.tokenizer.words, similarity)
        if cover >= MIN_COVER:
            return draft
        near = next((line for line in draft.lines if re.search(r"\[1\]", line)), draft.lines[0])
        return A.Draft(found=False, citations=draft.citations[:1], lines=[
            f"现有文件没有关于“{'、'.join(lacking[:3])}”的规定，无法回答这个问题。",
            "文件中相近的内容（供参考，并非对问题的回答）：", near])

    def _vocabulary(self, doc_ids: tuple[str, ...]) -> Vocabulary:
        """Word passage-frequencies of these documents (per document computed once)."""
        with self._vocab_lock:
            got = self._vocab_cache.get(doc_ids)
            if got is None:
                for i in doc_ids:
                    if i not in self._doc_words:
                        self._doc_words[i] = passage_words(self.by_id[i], self.index.tokenizer.words)
                got = vocabulary(self._doc_words[i] for i in doc_ids)
                if len(self._vocab_cache) > 32:
                    self._vocab_cache.clear()
                self._vocab_cache[doc_ids] = got
            return got

    def _refuse(self, q: Query, draft: A.Draft, hits: list[Hit], *, point: bool = True) -> A.Draft:
        """A plain refusal, pointing to the nearest passage the documents do have (never
        for another place or level: that passage would be about something else)."""
        out = A.Draft(found=False, lines=list(draft.lines) or [REFUSAL], citations=list(draft.citations))
        if not point or not hits or draft.citations:  # a draft that cites already points somewhere
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


def _check_year(year: int | None) -> None:
    if year is not None and not 1900 <= year <= 2100:
        raise AssistantError(f"year must be between 1900 and 2100 (got {year})")


def check_question(question: str, max_chars: int) -> str:
    """The question stripped, or a one-line AssistantError: empty, too long (bounded work:
    reading a question costs time per character), or holding bytes that were not UTF-8
    (surrogate escapes from a terminal in another encoding)."""
    q = (question or "").strip()
    if not q:
        raise AssistantError("empty question")
    if any("\ud800" <= ch <= "\udfff" for ch in q):
        raise AssistantError("the question holds bytes that are not valid UTF-8")
    if len(q) > max_chars:
        raise AssistantError(f"question too long ({len(q)} characters; at most {max_chars})")
    return q


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
    """Open the index next to the corpus, building it first when missing, stale or corrupt.

    An index that cannot be written (a read-only folder) is served as it is when it opens,
    with a warning that it may be stale."""
    from assistant.search.store import IndexCorrupt, open_index

    s = make_settings(index_dir=index_dir, corpus_dir=corpus_dir, **settings)
    try:
        log.info("%s", build(s, progress=progress, embedder=embedder).summary())
    except AssistantError as e:
        try:
            index = open_index(s, embedder=embedder)
        except IndexCorrupt:
            raise e from None
        log.warning("serving the existing index as it is: %s", e)
        return QA(index, s)
    try:
        index = open_index(s, embedder=embedder)
    except IndexCorrupt as e:
        log.warning("index unusable (%s); rebuilding", e)
        build(s, force=True, progress=progress, embedder=embedder)
        index = open_index(s, embedder=embedder)
    return QA(index, s)


__all__ = ["QA", "load", "build", "Citation"]
