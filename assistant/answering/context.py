"""What an intent is (how it is recognised and composed) and what composing an answer may
look at: kept apart from the registry in :mod:`assistant.answering.intents` so that modules
answering one kind of question can name them without importing the registry."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from assistant.answering import compose as A
from assistant.answering.intent import Query
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
