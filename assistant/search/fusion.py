"""Rank fusion: pure functions, no state.

Reciprocal rank fusion is used because BM25 scores and cosine similarities live on
incomparable scales; only the ranks are combined.
"""

from __future__ import annotations

from collections.abc import Sequence


def rrf(rankings: Sequence[Sequence[str]], weights: Sequence[float] | None = None,
        k: int = 60) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion: ``score(d) = sum_i w_i / (k + rank_i(d))``.

    Ranks start at 1.  A repeated id inside one ranking counts once, at its best rank.
    Ties are broken by the best rank an id reached, then by first appearance, so the
    output is deterministic.  Ids only found by zero-weight rankings still appear (score 0).
    """
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"{len(weights)} weights for {len(rankings)} rankings")
    if k < 0:
        raise ValueError("k must be >= 0")
    scores: dict[str, float] = {}
    best: dict[str, int] = {}
    for ranking, w in zip(rankings, weights):
        seen: set[str] = set()
        for rank, doc_id in enumerate(ranking, 1):
            if doc_id in seen:
                continue
            seen.add(doc_id)
            scores[doc_id] = scores.get(doc_id, 0.0) + w / (k + rank)
            best[doc_id] = min(best.get(doc_id, rank), rank)
    order = {doc_id: i for i, doc_id in enumerate(scores)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], best[kv[0]], order[kv[0]]))
