"""What an intent is (how it is recognised and composed) and what composing an answer may
look at: kept apart from the registry in :mod:`assistant.answering.intents` so that modules
answering one kind of question can name them without importing the registry."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answering import compose as A
from assistant.answering.intent import Query
from assistant.config import Settings
from assistant.search.backends.base import Filters, SearchBackend
from assistant.types import Document, Hit, TaskRow

LISTED_PLANS = 8  # more plans in scope than this: counts and extremes are read from the plans found


@dataclass(frozen=True)
class Context:
    """What composing an answer may look at."""

    scope: Sequence[Document]  # the documents the question is about
    by_id: Mapping[str, Document]  # every document (hits may come from any)
    hits: Sequence[Hit]
    floor: float  # minimal support for a passage to count as an answer
    unit_rows: Callable[[str, str], list[TaskRow]]  # (canonical unit, role) -> its rows in scope
    similarity: Callable[[str, Sequence[str]], list[float]] | None = None  # the embedding model's cosine
    near: Sequence[Document] = ()  # where rows and targets are ranked: the scope, or in a large library the documents found
    names_unit: Callable[[str], bool] = lambda text: True  # whether a text names a unit of the documents

    @property
    def listed_docs(self) -> Sequence[Document]:
        """Where a count or an extreme is read plan by plan: the scope, or in a large library the documents found."""
        return self.scope if len(self.scope) <= LISTED_PLANS else self.ranked_docs

    @property
    def ranked_docs(self) -> Sequence[Document]:
        """Where rows and targets are ranked: ``near`` if given (10,000 plans are never all scored), else the scope."""
        return self.near or self.scope


@dataclass(frozen=True)
class Intent:
    name: str
    label: str  # shown in the UI (问题类型)
    eval_type: str  # the question-file type it is scored as
    recognise: Callable[[Query], bool]
    compose: Callable[[Query, Context], A.Draft]


@dataclass(frozen=True)
class Library:
    """What answering needs from the loaded index, as plain data and functions."""

    documents: Sequence[Document]
    by_id: Mapping[str, Document]
    backend: SearchBackend
    tokenizer: Any  # words(), tagged(): the index's jieba
    settings: Settings
    select: Callable[[str | None, str | None], list[Document]]  # (doc, level) -> documents
    resolve_unit: Callable[[str, str | None], str | None]  # (name, doc) -> canonical
    unit_readings: Callable[[str], Mapping[str, str]]  # name -> {doc: canonical} of the plans that may know it
    unit_stems: Sequence[str]  # short forms without a suffix the documents' units answer to (城管)
    places: Mapping[str, str]  # the documents' places by pinyin, for English questions (linhe -> 临河县)
    task_rows: Callable[..., list[TaskRow]]  # QA.task_rows
    retrieve: Callable[[str, int, Filters | None], list[Hit]]  # QA.retrieve: the retriever's ranking
    similarity: Callable[[str, Sequence[str]], list[float]] | None = None
    chat_model: Any = None
