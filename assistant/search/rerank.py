"""Second stage of retrieval: the fused candidates re-ordered by how much of the question
each one holds, and — for a question about a unit's role — by whether the unit holds that
role in a task row.

Reciprocal rank fusion ranks by agreement between BM25 and the embedding model, which
lets a passage sharing common words outrank the one that holds the question's distinctive
words; a light lexical term fixes most of that.  The row term uses the labels of the row
chunks (牵头单位：… / 参与单位：…, see :func:`assistant.search.chunking.row_chunk_text`).
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.search.chunking import index_text
from assistant.text import support
from assistant.types import Hit

#: weight of the share of the question a passage holds, against the RRF rank (1 at best)
LEXICAL_WEIGHT = 0.3
#: bonus of a task row in which a unit named in the question holds the role asked about
ROLE_WEIGHT = 0.1
ROLE_LABELS = {"lead": ("牵头单位",), "participating": ("参与单位",), "any": ("牵头单位", "参与单位")}


def _holds_role(hit: Hit, units: Sequence[str], role: str) -> bool:
    labels = ROLE_LABELS.get(role, ROLE_LABELS["any"])
    return any(line.startswith(labels) and any(u in line for u in units) for line in hit.chunk.text.split("\n"))


def rerank(query: str, hits: Sequence[Hit], *, units: Sequence[str] = (), role: str = "any",
           rrf_k: int = 60, row: int | None = None) -> list[Hit]:
    """``hits`` (fused, best first) in their new order, ranks renumbered from 1; the table
    row a question names by number (``row``: 序号10那一项) comes first."""
    def score(h: Hit) -> float:
        s = rrf_k / (rrf_k + h.rank) + LEXICAL_WEIGHT * support(query, index_text(h.chunk))
        if units and h.chunk.kind == "row" and _holds_role(h, units, role):
            s += ROLE_WEIGHT
        elif units and role != "any" and h.chunk.kind == "header":
            s -= ROLE_WEIGHT  # who leads or takes part is never said in the header (it names issuers)
        if row is not None and h.chunk.kind == "row" and h.chunk.row_no == row:
            s += 1.0
        return s

    ordered = sorted(hits, key=lambda h: (-score(h), h.rank))
    return [Hit(chunk=h.chunk, score=round(score(h), 6), rank=i, sources=h.sources)
            for i, h in enumerate(ordered, 1)]


def merge_hits(hits: list[Hit]) -> list[Hit]:
    """Hits of several searches (one per document, one per part of a question) as one
    ranking: each chunk once, at its best score, ranks renumbered from 1."""
    seen: dict[str, Hit] = {}
    for h in sorted(hits, key=lambda h: -h.score):
        seen.setdefault(h.chunk.id, h)
    return [Hit(chunk=h.chunk, score=h.score, rank=i, sources=h.sources)
            for i, h in enumerate(seen.values(), 1)]
