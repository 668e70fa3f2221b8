"""Lexical search: BM25 (bm25s) over jieba tokens, behind the small ``SearchBackend`` protocol.

The protocol is deliberately tiny (add / delete / search / save / load) so that a
server-backed store such as Milvus could replace either backend without touching the
searcher.  bm25s precomputes its score matrix and cannot append, so ``add`` and
``delete`` rebuild it from the token lists kept alongside (cheap at this scale).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from assistant.search.chunking import index_text
from assistant.types import Chunk

log = logging.getLogger(__name__)


@runtime_checkable
class SearchBackend(Protocol):
    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray | None = None) -> None: ...

    def delete(self, chunk_ids: Iterable[str]) -> None: ...

    def search(self, query: str | np.ndarray, k: int,
               allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """Best ``k`` (chunk id, score), best first; only ids in ``allowed`` when given."""
        ...

    def save(self, directory: Path) -> None: ...

    @classmethod
    def load(cls, directory: Path) -> SearchBackend: ...


def top_k(scores: np.ndarray, positions: np.ndarray | None, k: int) -> list[tuple[int, float]]:
    """(position, score) of the k best scores, best first; restricted to ``positions``."""
    if positions is not None:
        sub = scores[positions]
    else:
        sub = scores
        positions = np.arange(len(scores))
    if len(sub) == 0 or k <= 0:
        return []
    k = min(k, len(sub))
    part = np.argpartition(-sub, k - 1)[:k] if k < len(sub) else np.arange(len(sub))
    part = part[np.lexsort((part, -sub[part]))]  # score desc, then position for stable ties
    return [(int(positions[i]), float(sub[i])) for i in part]


class BM25Backend:
    """BM25 over ``tokenizer(index_text(chunk))``; the same tokenizer for queries."""

    def __init__(self, tokenizer: Callable[[str], list[str]] | None = None,
                 k1: float = 1.2, b: float = 0.75) -> None:
        self.tokenizer = tokenizer
        self.k1, self.b = k1, b
        self.ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._tokens: list[list[str]] | None = []
        self._tokens_file: Path | None = None
        self._bm25: Any = None

    def __len__(self) -> int:
        return len(self.ids)

    def _tokenize(self, text: str) -> list[str]:
        if self.tokenizer is None:
            raise RuntimeError("BM25Backend has no tokenizer (pass tokenizer= to load())")
        return self.tokenizer(text)

    def _all_tokens(self) -> list[list[str]]:
        if self._tokens is None:  # loaded from disk: token lists are read only when needed
            assert self._tokens_file is not None
            with self._tokens_file.open(encoding="utf-8") as f:
                self._tokens = [json.loads(line) for line in f]
        return self._tokens

    def _rebuild(self) -> None:
        import bm25s

        self._pos = {cid: i for i, cid in enumerate(self.ids)}
        tokens = self._all_tokens()
        if not self.ids:
            self._bm25 = None
            return
        bm25 = bm25s.BM25(k1=self.k1, b=self.b)
        bm25.index(tokens, show_progress=False)
        self._bm25 = bm25

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray | None = None) -> None:
        tokens = self._all_tokens()
        for c in chunks:
            if c.id in self._pos:
                continue
            self._pos[c.id] = len(self.ids)
            self.ids.append(c.id)
            tokens.append(self._tokenize(index_text(c)))
        self._rebuild()
        log.debug("bm25: %d chunks indexed", len(self.ids))

    def delete(self, chunk_ids: Iterable[str]) -> None:
        gone = set(chunk_ids) & set(self._pos)
        if not gone:
            return
        tokens = self._all_tokens()
        keep = [i for i, cid in enumerate(self.ids) if cid not in gone]
        self.ids = [self.ids[i] for i in keep]
        self._tokens = [tokens[i] for i in keep]
        self._rebuild()

    def query_tokens(self, query: str) -> list[str]:
        """Query tokens, each once (a word repeated by search-mode expansion counts once)."""
        return list(dict.fromkeys(self._tokenize(query)))

    def search(self, query: str | np.ndarray, k: int,
               allowed: set[str] | None = None) -> list[tuple[str, float]]:
        if not isinstance(query, str):
            raise TypeError("BM25Backend.search takes the query text")
        if self._bm25 is None or k <= 0:
            return []
        tokens = self.query_tokens(query)
        if not tokens:
            return []
        scores = np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
        positions = None
        if allowed is not None:
            positions = np.fromiter((self._pos[c] for c in allowed if c in self._pos), dtype=np.int64)
        return [(self.ids[i], s) for i, s in top_k(scores, positions, k) if s > 0]

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        meta = {"k1": self.k1, "b": self.b, "count": len(self.ids)}
        (directory / "sparse_meta.json").write_text(json.dumps(meta), encoding="utf-8")
        (directory / "ids.json").write_text(json.dumps(self.ids), encoding="utf-8")
        with (directory / "tokens.jsonl").open("w", encoding="utf-8") as f:
            for toks in self._all_tokens():
                f.write(json.dumps(toks, ensure_ascii=False) + "\n")
        if self._bm25 is not None:
            self._bm25.save(str(directory / "bm25"), show_progress=False)

    @classmethod
    def load(cls, directory: Path, *, tokenizer: Callable[[str], list[str]] | None = None) -> BM25Backend:
        import bm25s

        meta = json.loads((directory / "sparse_meta.json").read_text(encoding="utf-8"))
        backend = cls(tokenizer, k1=float(meta["k1"]), b=float(meta["b"]))
        backend.ids = list(json.loads((directory / "ids.json").read_text(encoding="utf-8")))
        if len(backend.ids) != int(meta["count"]):
            raise ValueError(f"sparse ids: {len(backend.ids)} != {meta['count']}")
        backend._pos = {cid: i for i, cid in enumerate(backend.ids)}
        backend._tokens = None
        backend._tokens_file = directory / "tokens.jsonl"
        if backend.ids:
            backend._bm25 = bm25s.BM25.load(str(directory / "bm25"), show_progress=False)
            n = int(backend._bm25.scores["num_docs"])
            if n != len(backend.ids):
                raise ValueError(f"bm25 index holds {n} documents, ids.json {len(backend.ids)}")
        return backend
