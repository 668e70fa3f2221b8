"""The LangChain retriever over whichever search backend the index uses.

``PolicyRetriever`` is created on first access (module ``__getattr__``) because importing
langchain_core costs ~0.6 s, which the command line and the first question should not
pay when they do not use LangChain.  Its ranking is the one the evaluation's Recall@k
measures: the backend's own hybrid ranking, before any answer logic looks at the hits.
"""

from __future__ import annotations

from typing import Any

from assistant.config import AssistantError
from assistant.search.backends.base import Filters
from assistant.types import Hit

FILTER_KEYS = ("doc", "level", "kind", "mode")


def hit_metadata(hit: Hit) -> dict[str, Any]:
    c = hit.chunk
    return {"doc_id": c.doc_id, "doc_title": c.doc_title, "level": c.level, "section": c.section,
            "clause_no": c.clause_no, "row_no": c.row_no, "kind": c.kind, "chunk_id": c.id,
            "score": float(hit.score), "rank": hit.rank}


def _make_policy_retriever() -> type:
    from langchain_core.callbacks import CallbackManagerForRetrieverRun
    from langchain_core.documents import Document as LCDocument
    from langchain_core.retrievers import BaseRetriever
    from pydantic import ConfigDict, Field

    class PolicyRetriever(BaseRetriever):
        """LangChain retriever over a ``SearchBackend``.

        ``search`` is ``(question, k, Filters | None, mode) -> hits``: a search backend's own
        ``search``, or the facade's ``QA.retrieve`` (question preparation and re-ranking).
        ``filters`` may hold ``doc``, ``level``, ``kind`` and ``mode``.  Each Document has the
        chunk text as page_content and the citation fields as metadata.
        """

        model_config = ConfigDict(arbitrary_types_allowed=True)
        search: Any
        k: int = 5
        filters: dict[str, Any] = Field(default_factory=dict)

        def _get_relevant_documents(self, query: str, *,
                                    run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
            unknown = set(self.filters) - set(FILTER_KEYS)
            if unknown:
                raise AssistantError(f"unknown retriever filter(s): {', '.join(sorted(unknown))}")
            where = Filters.of(**{k: v for k, v in self.filters.items() if k != "mode"})
            hits = self.search(query, self.k, where, self.filters.get("mode", "hybrid"))
            return [LCDocument(page_content=h.chunk.text, metadata=hit_metadata(h)) for h in hits]

    PolicyRetriever.__qualname__ = "PolicyRetriever"
    return PolicyRetriever


_lazy: dict[str, type] = {}


def __getattr__(name: str) -> Any:
    if name == "PolicyRetriever":
        if name not in _lazy:
            _lazy[name] = _make_policy_retriever()
        return _lazy[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
