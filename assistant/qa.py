"""The facade: ``load()`` an index (building it when missing or stale) and ``ask``.

The CLI, the web UI and the evaluation call only this module.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from assistant.answering.context import Library
from assistant.answering.english import romanised_places
from assistant.answering.intent import expand_synonyms
from assistant.answering.pipeline import Answerer
from assistant.config import AssistantError, Settings, make_settings
from assistant.documents.corpus import citation_links
from assistant.documents.table import task_text
from assistant.documents.unitindex import UnitIndex
from assistant.documents.units import document_resolver, unit_stems
from assistant.library import add_to_corpus
from assistant.search.backends.base import Filters
from assistant.search.build import build
from assistant.search.rerank import merge_hits, rerank
from assistant.search.store import Index
from assistant.sync import RWLock
from assistant.text import normalize_question
from assistant.types import LEVELS, Answer, Citation, Document, Hit, Target, TaskRow

log = logging.getLogger(__name__)

ROLES = ("any", "lead", "participating")
RESOLVED_KEPT = 200_000  # unit names remembered with what they resolve to (a few MB at most)
WARM_DOCS = 32  # documents whose passages :meth:`QA.warm` cuts ahead (a province's library stays lazy)


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
        self._resolvers = {d.id: document_resolver(d) for d in self.documents}
        self._stems = unit_stems(self._resolvers.values())
        self._unit_index = UnitIndex(list(self._resolvers.values()))
        #: resolve_unit's answers: a question tries every span before 局/委 against every plan
        self._resolved: dict[tuple[str, str], str | None] = {}
        #: every unit a loaded plan's tasks name, as written canonically
        self._task_units = frozenset(u for d in self.documents for t in d.tasks for u in (*t.lead_units, *t.participating_units))
        self._places = romanised_places(p for d in self.documents for p in (d.meta.place,) if p)
        skipped = index.manifest.get("skipped") or {}
        self.build_errors: list[str] = [f"{name}: {d.get('reason', '')}" for name, d in sorted(skipped.items())]
        self._chat_model: Any = None  # optional LangChain chat model for fluent rewrites (see llm.py)
        if settings.llm_base_url:
            from assistant.answering.llm import make_chat_model

            self._chat_model = make_chat_model(settings.llm_base_url, settings.llm_model)
        index.tokenizer.warm()
        self._warmed = False
        self._answerer = self._make_answerer()

    def warm(self) -> None:
        """Ready for a stream of questions (a server, an eval): for up to :data:`WARM_DOCS`
        documents, their targets' indicators encoded by the phrase model and their passages
        cut into words now, not in the first questions that need them (about 0.2 s a plan,
        once), and jieba's default dictionary loaded (the first question paid 0.9 s for it)."""
        self._warmed = True
        docs = self.documents[:WARM_DOCS]
        try:  # best effort: a model or a server that fails is the first question's to say, never an upload's
            if self.index.encoder is not None:  # the targets' indicators: weighed against most figure questions
                self.index.encoder.phrases(list(dict.fromkeys(t.indicator for d in docs for t in d.targets if t.indicator)))
            self._answerer.vocabulary(tuple(d.id for d in docs)).cut_all()
            self.retrieve("预热")  # jieba's own dictionary for the documents' words (~0.8 s), the engine's and the
        except Exception as e:  # noqa: BLE001  query model's first run, the readers' imports
            log.warning("warming up stopped early (%s)", type(e).__name__)

    @property
    def chat_model(self) -> Any:
        return self._chat_model

    @chat_model.setter
    def chat_model(self, model: Any) -> None:
        with self._lock.write():
            self._chat_model = model
            self._answerer = self._make_answerer()

    def _make_answerer(self) -> Answerer:
        index = self.index
        return Answerer(Library(
            documents=self.documents, by_id=self.by_id, backend=index.backend, tokenizer=index.tokenizer,
            settings=self.settings, select=self._docs, resolve_unit=self.resolve_unit, unit_readings=self.unit_readings,
            unit_stems=self._stems,
            places=self._places,
            task_rows=self.task_rows,
            retrieve=self.retrieve,
            similarity=index.encoder.similarity if index.encoder is not None else None,
            chat_model=self._chat_model))

    # ------------------------------------------------------------ lookups
    @_reading
    def resolve_unit(self, name: str, doc: str | None = None) -> str | None:
        key = (name, doc or "")
        if key in self._resolved:
            return self._resolved[key]
        got = self._resolve_unit(name, doc)
        if len(self._resolved) < RESOLVED_KEPT:
            self._resolved[key] = got
        return got

    def _resolve_unit(self, name: str, doc: str | None) -> str | None:
        resolver = self._resolvers.get(doc or "", self._unit_index)
        got = resolver.resolve(name)
        if got is None and (m := _SOME_GOVERNMENT_RE.fullmatch(name)):  # 我是某市政府的: the plan's 各市人民政府
            every = resolver.resolve(f"各{m.group(1)}人民政府")
            got = every if every in self._task_units else None  # only a unit some plan names, never a made-up one
        if got is None and _LOCAL_GOVERNMENT_RE.fullmatch(name):  # 地方政府: a national plan's 各地区人民政府
            got = next((u for u in map(resolver.resolve, _LOCAL_GOVERNMENTS) if u in self._task_units), None)
        return got

    @_reading
    def unit_readings(self, name: str) -> dict[str, str]:
        """The unit ``name`` reads as in each plan that may know it: only the candidates the unit
        index gives, not every plan of a large library in turn."""
        picks = self._unit_index.candidates(name)
        docs = self.documents if picks is None else [self.documents[i] for i in picks]
        return {d.id: got for d in docs if (got := self._resolvers[d.id].resolve(name))}

    @_reading
    def known_units(self) -> list[str]:
        return sorted(self._task_units)

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
                if canon and not t.holds(canon, role):
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
            self.__dict__.update({k: v for k, v in fresh.__dict__.items() if k not in ("_lock", "_answerer", "_warmed")})
            self._answerer = self._make_answerer()
        if self._warmed:  # questions go on meanwhile; the new answerer warms as the old did
            self.warm()
        return added

    def retriever(self, k: int = 5, **filters: Any) -> Any:
        """A LangChain retriever over this index (see README): its ranking is :meth:`retrieve`."""
        from assistant.search.retriever import PolicyRetriever
        return PolicyRetriever(search=self.retrieve_named, k=k, filters=filters)

    @_reading
    def retrieve_named(self, question: str, k: int = 5, filters: Filters | None = None,
                       mode: str = "hybrid") -> list[Hit]:
        """:meth:`retrieve` kept to the documents the question names (青山市方案里…, 建标〔2024〕35号,
        the national plan) when no filter names documents: what the LangChain retriever ranks."""
        if filters is not None and (filters.doc or filters.level):
            return self.retrieve(question, k, filters, mode)
        named, text = self._answerer.named_scope(question)
        if not named:
            return self.retrieve(question, k, filters, mode)
        kind = filters.kind if filters is not None else None
        hits = [h for d in named for h in self.retrieve(text, k, Filters.of(doc=d, kind=kind), mode)]
        return merge_hits(hits)[:k]

    @_reading
    def search(self, query: str, k: int = 5, *, mode: str = "hybrid", **filters: Any) -> list[Hit]:
        return self.retrieve(query, k, Filters.of(**filters), mode)

    @_reading
    def retrieve(self, question: str, k: int = 5, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
        """Retrieval as every caller sees it (the retriever, ``ask``, the metrics): the
        question prepared for the engine (traditional characters, English terms, the units
        it names in their canonical form, domain synonyms), the engine's fused candidates,
        then :func:`assistant.search.rerank.rerank` by what the question holds."""
        from assistant.answering.asking import question_role
        from assistant.answering.english import is_english, translate
        from assistant.answering.intent import find_units
        from assistant.answering.numbered import row_named
        from assistant.answering.terms import plain_roles

        text = plain_roles(self._answerer.expand_shorthand(normalize_question(question.strip())))  # 绿建 as ask() reads it
        english = is_english(text)
        text = translate(text, self._places) if english else text
        units = [canon for canon, _ in find_units(text, self.resolve_unit, self._stems, self._answerer.plain_word,
                                                   not english)]  # NDRC of a city: a department of any level in English
        query = expand_synonyms(" ".join([text, *(u for u in units if u not in text)]))
        hits = self.index.backend.search(query, max(k, self.settings.candidates), filters, mode)
        return rerank(query, hits, units=units, role=question_role(text), rrf_k=self.settings.rrf_k,
                      row=row_named(text))[:k]

    # ------------------------------------------------------------ ask
    @_reading
    def ask(self, question: str, k: int = 5, *, history: Sequence[Any] | None = None,
            doc: str | None = None, level: str | None = None) -> Answer:
        """Answer one question (see :mod:`assistant.answering.pipeline`)."""
        return self._answerer.ask(question, k, history=history, doc=doc, level=level)


#: one government of a level named as any one of them (某市政府, 我们县政府): the plan's 各市人民政府
_SOME_GOVERNMENT_RE = re.compile(r"(?:[\u4e00-\u9fa5]{2,3}省)?(?:下面|下属|下辖|所属|底下)?的?(?:某个?|一个|我们|我|本|咱们?)(市|县|区)(?:人民)?政府")

#: the local governments as a whole (地方政府, 地方各级人民政府), as a national plan names them
_LOCAL_GOVERNMENT_RE = re.compile(r"地方(?:各级)?(?:人民)?政府")
_LOCAL_GOVERNMENTS = ("各地区人民政府", "地方各级人民政府", "各地人民政府")


def _check_year(year: int | None) -> None:
    if year is not None and not 1900 <= year <= 2100:
        raise AssistantError(f"year must be between 1900 and 2100 (got {year})")


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
