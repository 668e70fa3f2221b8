"""Lexical scoring: BM25 (bm25s) over jieba token lists, one list per position.

A part of the ``faiss`` backend, not a backend of its own: positions are the backend's
chunk positions.  bm25s precomputes its score matrix and cannot append, so a change marks
the matrix stale and the next search (or save) rebuilds it from the kept token lists —
about a second per 10⁴ chunks, far less than tokenizing or embedding them again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)


def _bm25s() -> Any:
    import bm25s

    # bm25s sets its logger to DEBUG when imported and logs every matrix it builds
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


def top_k(scores: np.ndarray, positions: np.ndarray | None, k: int) -> list[tuple[int, float]]:
    """(position, score) of the k best scores, best first, ties by position (so the
    order never depends on how the allowed positions were collected)."""
    if positions is None:
        positions = np.arange(len(scores))
        sub = scores
    else:
        sub = scores[positions] if len(scores) else np.zeros(0, np.float32)
    if len(sub) == 0 or k <= 0:
        return []
    k = min(k, len(sub))
    part = np.argpartition(-sub, k - 1)[:k] if k < len(sub) else np.arange(len(sub))
    part = part[np.lexsort((positions[part], -sub[part]))]
    return [(int(positions[i]), float(sub[i])) for i in part]


class BM25Index:
    """Token lists by position and the bm25s model built from them."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.tokens: list[list[str]] = []
        self._model: Any = None
        self._stale = True

    def __len__(self) -> int:
        return len(self.tokens)

    # ------------------------------------------------------------ changes
    def append(self, tokens: Sequence[list[str]]) -> None:
        self.tokens.extend(list(t) for t in tokens)
        self._stale = True

    def replace(self, position: int, tokens: list[str]) -> None:
        self.tokens[position] = list(tokens)
        self._stale = True

    def keep(self, positions: Sequence[int]) -> None:
        """Keep only these positions, in this order (a delete compacts the list)."""
        self.tokens = [self.tokens[i] for i in positions]
        self._stale = True

    def _ready(self) -> Any:
        if self._stale:
            bm25s = _bm25s()
            self._model = None
            if self.tokens:
                model = bm25s.BM25(k1=self.k1, b=self.b)
                model.index(self.tokens, show_progress=False)
                self._model = model
            self._stale = False
            log.debug("bm25: matrix of %d token lists built", len(self.tokens))
        return self._model

    # ------------------------------------------------------------ search
    def top(self, query_tokens: Sequence[str], k: int, positions: np.ndarray | None = None
            ) -> list[tuple[int, float]]:
        """Best ``k`` (position, BM25 score > 0), restricted to ``positions`` when given."""
        model = self._ready()
        tokens = list(dict.fromkeys(query_tokens))  # a word repeated by search-mode expansion counts once
        if model is None or not tokens or k <= 0:
            return []
        scores = np.asarray(model.get_scores(tokens), dtype=np.float32)
        return [(i, s) for i, s in top_k(scores, positions, k) if s > 0]

    # ------------------------------------------------------------ files
    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "bm25_meta.json").write_text(
            json.dumps({"k1": self.k1, "b": self.b, "count": len(self.tokens)}), encoding="utf-8")
        with (directory / "tokens.jsonl").open("w", encoding="utf-8") as f:
            for toks in self.tokens:
                f.write(json.dumps(toks, ensure_ascii=False) + "\n")
        model = self._ready()
        if model is not None:
            model.save(str(directory / "bm25"), show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> BM25Index:
        bm25s = _bm25s()
        meta = json.loads((directory / "bm25_meta.json").read_text(encoding="utf-8"))
        index = cls(float(meta["k1"]), float(meta["b"]))
        with (directory / "tokens.jsonl").open(encoding="utf-8") as f:
            index.tokens = [json.loads(line) for line in f if line.strip()]
        if len(index.tokens) != int(meta["count"]):
            raise ValueError(f"tokens.jsonl holds {len(index.tokens)} lists, bm25_meta.json {meta['count']}")
        if index.tokens:
            index._model = bm25s.BM25.load(str(directory / "bm25"), show_progress=False)
            n = int(index._model.scores["num_docs"])
            if n != len(index.tokens):
                raise ValueError(f"bm25 matrix holds {n} documents, tokens.jsonl {len(index.tokens)}")
        index._stale = False
        return index
