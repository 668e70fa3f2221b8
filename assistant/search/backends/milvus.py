"""Milvus backend: BM25 (Milvus's own jieba analyzer) + dense vectors in one collection.

Why Milvus: the bm25s + FAISS files are rebuilt in memory and live in one process; a
Milvus collection is updated in place (upsert / delete by document), filters on the
server, and the same code runs against a local Milvus Lite file (``<index_dir>/milvus.db``)
or a Milvus server (``http://host:19530``).

One row per chunk: primary key = chunk id; ``text`` = ``index_text(chunk)``, tokenised
by the server (jieba plus our domain words) into the BM25 ``sparse`` field; ``dense`` =
the encoder's vector; doc_id / level / kind / clause_no / row_no as scalar fields for
filters; ``chunk`` = the whole Chunk as JSON, so fields added later still round-trip.

pymilvus is imported lazily: importing this module must stay free for installs without it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.config import DATA_DIR, AssistantError, Settings
from assistant.search.backends.base import MODES, Encoder, Filters
from assistant.search.chunking import index_text
from assistant.search.fusion import rrf
from assistant.search.tokenize import read_word_list
from assistant.types import Chunk, Hit

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install pymilvus milvus-lite"
MARKER = "assistant chunks, schema 1"  # collection description: ours, and which layout
TEXT_MAX_BYTES = 65535  # Milvus VARCHAR limit
MAX_TOPK = 16384  # Milvus refuses a larger limit
# dense index -> (build params, search params); Milvus Lite maps AUTOINDEX to HNSW
DENSE_INDEXES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "FLAT": ({}, {}),
    "AUTOINDEX": ({}, {}),
    "HNSW": ({"M": 16, "efConstruction": 200}, {"ef": 128}),
    "IVF_FLAT": ({"nlist": 1024}, {"nprobe": 32}),
}
# jieba keeps punctuation as tokens; dropping it through a stop filter works on Milvus
# Lite (which has no "removepunct" filter) and on a server alike
PUNCTUATION = tuple("，。、；：？！“”‘’（）《》〈〉【】〔〕—…·,.;:?!\"'()[]<>-/%％")
_FIELDS = ("id", "text", "sparse", "dense", "doc_id", "level", "kind", "clause_no", "row_no", "chunk")

_lite_lock = threading.Lock()
_lite_users: dict[str, int] = {}  # Milvus Lite file -> open backends in this process


def _pymilvus() -> Any:
    try:
        import pymilvus
    except ImportError:
        raise AssistantError(f"the Milvus backend needs pymilvus: {INSTALL_HINT}") from None
    return pymilvus


def quote(value: str) -> str:
    """``value`` as a Milvus string literal: double quotes with backslash escapes, so a
    document id holding quotes or backslashes can neither break nor widen a filter."""
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in value):
        raise AssistantError(f"filter value {value!r} holds a control character")
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


def filter_expr(filters: Filters | None) -> str:
    """Filters -> a Milvus boolean expression ("" = no filter)."""
    if not filters:
        return ""
    pairs = (("doc_id", filters.doc), ("level", filters.level), ("kind", filters.kind))
    return " and ".join(f"{field} == {quote(value)}" for field, value in pairs if value is not None)


def analyzer_params(user_words: Sequence[str], stopwords: Sequence[str], mode: str = "search") -> dict[str, Any]:
    """Milvus jieba analyzer: the built-in dictionary plus ``user_words`` (a list without
    "_default_" would *replace* the built-in one on a server), lower-cased, stop words
    and punctuation dropped.  ``mode`` "search" also emits the words inside long words."""
    words = sorted({w.strip() for w in user_words if w.strip()})
    return {"tokenizer": {"type": "jieba", "dict": ["_default_", *words], "mode": mode, "hmm": True},
            "filter": ["lowercase", {"type": "stop", "stop_words": sorted({*stopwords, *PUNCTUATION})}]}


def _message(exc: Exception) -> str:
    return str(getattr(exc, "message", None) or exc).splitlines()[0]


class MilvusBackend:
    """A ``SearchBackend`` over one Milvus collection (Milvus Lite file or server)."""

    name = "milvus"

    def __init__(self, uri: str, collection: str, encoder: Encoder, *, dim: int | None = None,
                 rrf_k: int = 60, candidates: int = 30, dense_index: str | None = None,
                 user_words: Sequence[str] | None = None, stopwords: Sequence[str] | None = None,
                 jieba_mode: str = "search", bm25_k1: float = 1.2, bm25_b: float = 0.75,
                 batch_size: int = 256, token: str = "", timeout: float = 30.0) -> None:
        """Connect, then create ``collection`` or reuse it after checking its vector dim.

        ``uri``: a ``.db`` path (Milvus Lite, file created on first use) or ``http://host:port``.
        ``dense_index``: FLAT (exact; default for Milvus Lite) | AUTOINDEX (default for a
        server; HNSW on Lite: ~5x faster at 20k chunks, but approximate) | HNSW | IVF_FLAT.  ``user_words``: words the analyzer keeps whole (default:
        assistant/data/domain_terms.txt); they are fixed when the collection is created.
        """
        if dim is not None and dim != encoder.dim:
            raise AssistantError(f"dim={dim} but the encoder makes {encoder.dim}-d vectors")
        self.uri, self.collection, self.encoder, self.dim = uri, collection, encoder, encoder.dim
        self.rrf_k, self.candidates, self.batch_size, self.timeout = rrf_k, candidates, batch_size, timeout
        self.lite = uri.endswith(".db")
        self.dense_index = (dense_index or ("FLAT" if self.lite else "AUTOINDEX")).upper()
        self._index_asked = dense_index is not None
        if self.dense_index not in DENSE_INDEXES:
            raise AssistantError(f"unknown dense index {dense_index!r} (use {', '.join(DENSE_INDEXES)})")
        words = read_word_list(DATA_DIR / "domain_terms.txt") if user_words is None else user_words
        stops = read_word_list(DATA_DIR / "stopwords.txt") if stopwords is None else stopwords
        self.analyzer = analyzer_params(words, stops, jieba_mode)
        self.bm25 = {"bm25_k1": bm25_k1, "bm25_b": bm25_b}
        self._dirty, self._flush_lock = False, threading.Lock()
        self._client: Any = self._connect(token)
        try:
            self._open_collection()
        except BaseException:
            self.close()
            raise

    @classmethod
    def from_settings(cls, settings: Settings, encoder: Encoder | None,
                      user_words: Sequence[str] | None = None) -> MilvusBackend:
        """The backend the settings name (ASSISTANT_MILVUS_URI, _COLLECTION, _TOKEN, _DENSE_INDEX)."""
        if encoder is None:
            raise AssistantError("the milvus backend needs dense vectors (use_dense=True)")
        return cls(settings.resolved_milvus_uri, settings.milvus_collection, encoder,
                   rrf_k=settings.rrf_k, candidates=settings.candidates,
                   dense_index=settings.milvus_dense_index or None, user_words=user_words,
                   bm25_k1=settings.bm25_k1, bm25_b=settings.bm25_b, token=settings.milvus_token)

    def reset(self) -> None:
        """Drop the collection and create it empty (a full rebuild)."""
        self._client.drop_collection(self.collection)
        self._create_collection()
        self._client.load_collection(self.collection)
        self._dirty = False

    def save(self, generation: Path) -> None:
        """Milvus keeps the data itself; flushing makes the writes of this build durable
        before the index generation that lists them is published."""
        if self._dirty:
            self._client.flush(self.collection)
            self._dirty = False

    # -- connection and schema -------------------------------------------------------

    def _connect(self, token: str) -> Any:
        pymilvus = _pymilvus()
        if self.lite:
            path = str(Path(self.uri).expanduser().resolve())
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.uri = path
            with contextlib.suppress(ImportError):  # Lite runs jieba in this process: keep its
                import jieba  # dictionary-loading chatter off stderr, as our tokenizer does

                jieba.setLogLevel(logging.WARNING)
        try:
            client = pymilvus.MilvusClient(uri=self.uri, token=token, timeout=self.timeout)
        except pymilvus.MilvusException as e:
            hint = " (another process may hold it; or: pip install milvus-lite)" if self.lite else ""
            raise AssistantError(f"cannot open Milvus at {self.uri}: {_message(e)}{hint}") from None
        if self.lite:
            with _lite_lock:
                _lite_users[self.uri] = _lite_users.get(self.uri, 0) + 1
        return client

    def _open_collection(self) -> None:
        if self._client.has_collection(self.collection):
            self._check_existing(self._client.describe_collection(self.collection))
        else:
            self._create_collection()
        self._client.load_collection(self.collection)

    def _check_existing(self, desc: dict[str, Any]) -> None:
        fields = {f["name"]: f for f in desc.get("fields", [])}
        missing = [name for name in _FIELDS if name not in fields]
        if missing:
            raise AssistantError(f"Milvus collection {self.collection!r} at {self.uri} is not an assistant "
                                 f"index (no field(s) {', '.join(missing)}); use another collection name")
        dim = int(fields["dense"].get("params", {}).get("dim", 0))
        if dim != self.dim:
            raise AssistantError(f"Milvus collection {self.collection!r} at {self.uri} holds {dim}-d vectors, "
                                 f"the encoder makes {self.dim}-d ones: rebuild it or use another collection")
        stored = fields["text"].get("params", {}).get("analyzer_params")
        if stored and json.loads(stored) != self.analyzer:  # fixed at creation: only a rebuild changes it
            log.info("collection %s keeps the analyzer it was created with (other words or stop words "
                     "than now); a full build (build --force) uses the new ones", self.collection)
        index = self._client.describe_index(self.collection, "dense") or {}
        built = str(index.get("index_type", self.dense_index)).upper()
        if built != self.dense_index and built in DENSE_INDEXES:
            log.log(logging.INFO if self._index_asked else logging.DEBUG,
                    "collection %s has a %s dense index, not %s: using it", self.collection, built, self.dense_index)
            self.dense_index = built

    def _create_collection(self) -> None:
        pm = _pymilvus()
        dt = pm.DataType
        schema = pm.MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False, description=MARKER)
        schema.add_field("id", dt.VARCHAR, is_primary=True, max_length=64)
        schema.add_field("text", dt.VARCHAR, max_length=TEXT_MAX_BYTES, enable_analyzer=True,
                         analyzer_params=self.analyzer)
        schema.add_field("sparse", dt.SPARSE_FLOAT_VECTOR)
        schema.add_field("dense", dt.FLOAT_VECTOR, dim=self.dim)
        for name, length in (("doc_id", 512), ("level", 32), ("kind", 32)):
            schema.add_field(name, dt.VARCHAR, max_length=length)
        schema.add_field("clause_no", dt.INT64)
        schema.add_field("row_no", dt.INT64)
        schema.add_field("chunk", dt.JSON)
        schema.add_function(pm.Function(name="text_bm25", function_type=pm.FunctionType.BM25,
                                        input_field_names=["text"], output_field_names=["sparse"]))
        index = self._client.prepare_index_params()
        index.add_index("dense", index_type=self.dense_index, metric_type="COSINE",
                        params=DENSE_INDEXES[self.dense_index][0])
        index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25", params=self.bm25)
        for name in ("doc_id", "level", "kind"):
            index.add_index(name, index_type="INVERTED")
        # Strong: a search right after an upsert sees it (a server defaults to Bounded).
        # Indexes without sync: pymilvus polls each index with 0.5 s sleeps (plus an RPC
        # Milvus Lite lacks), and an empty collection has nothing to wait for.
        self._client.create_collection(self.collection, schema=schema, consistency_level="Strong")
        self._client.create_index(self.collection, index, sync=False)
        log.info("created Milvus collection %s at %s (dim %d, %s)", self.collection, self.uri,
                 self.dim, self.dense_index)

    # -- writing -------------------------------------------------------------------------

    def _row(self, chunk: Chunk, vector: Any) -> dict[str, Any]:
        text = index_text(chunk)
        if len(text.encode("utf-8")) > TEXT_MAX_BYTES:  # BM25 sees the head; the JSON keeps it all
            log.warning("chunk %s: index text cut to %d bytes", chunk.id, TEXT_MAX_BYTES)
            text = text.encode("utf-8")[:TEXT_MAX_BYTES].decode("utf-8", "ignore")
        return {"id": chunk.id, "text": text, "dense": [float(x) for x in vector],
                "doc_id": chunk.doc_id, "level": chunk.level, "kind": chunk.kind,
                "clause_no": -1 if chunk.clause_no is None else chunk.clause_no,
                "row_no": -1 if chunk.row_no is None else chunk.row_no, "chunk": chunk.to_dict()}

    def upsert(self, chunks: Sequence[Chunk]) -> None:
        """Embed and upsert in batches; a chunk whose id is already there is replaced."""
        unique = list({c.id: c for c in chunks}.values())  # one row per id per request
        for start in range(0, len(unique), self.batch_size):
            batch = unique[start:start + self.batch_size]
            vectors = self.encoder.chunks(batch)
            if vectors.shape != (len(batch), self.dim):
                raise AssistantError(f"encoder returned {vectors.shape}, expected ({len(batch)}, {self.dim})")
            self._client.upsert(self.collection, [self._row(c, v) for c, v in zip(batch, vectors)])
        self._dirty = True
        log.debug("upserted %d chunks into %s", len(unique), self.collection)

    def _settle(self) -> None:
        """Flush Milvus Lite before the first search after writes.

        Lite searches its unflushed memtable through a per-query rebuilt index (~10x
        slower at 2,000 rows) and flushes by itself only at 128 MB.  Flushing lazily,
        not per upsert, keeps a build made of many upserts in one segment, which matters
        because Lite's BM25 statistics are per segment.  A server needs no flush to see
        the rows (Strong consistency) and dislikes frequent ones."""
        if self.lite and self._dirty:
            with self._flush_lock:
                if self._dirty:
                    self._client.flush(self.collection)
                    self._dirty = False

    def delete(self, doc_id: str) -> None:
        """Remove every chunk of one document (no-op when it has none)."""
        self._client.delete(self.collection, filter=f"doc_id == {quote(doc_id)}")
        self._dirty = True

    # -- reading -------------------------------------------------------------------------

    def count(self) -> int:
        """Number of chunks (count(*) skips deleted rows, unlike the collection statistics)."""
        rows = self._client.query(self.collection, filter="", output_fields=["count(*)"],
                                  consistency_level="Strong")
        return int(rows[0]["count(*)"]) if rows else 0

    def doc_ids(self) -> set[str]:
        """The documents that have chunks.  A query returns at most 16384 rows, so each
        round excludes the documents already seen (Milvus Lite has no query iterator:
        it lacks the AllocTimestamp call pymilvus's iterator starts with)."""
        seen: set[str] = set()
        while True:
            expr = f"doc_id not in [{', '.join(quote(d) for d in sorted(seen))}]" if seen else ""
            rows = self._client.query(self.collection, filter=expr, output_fields=["doc_id"],
                                      limit=MAX_TOPK, consistency_level="Strong")
            seen.update(row["doc_id"] for row in rows)
            if len(rows) < MAX_TOPK:
                return seen

    def search(self, query: str, k: int, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
        """Best ``k`` hits, best first; ties broken by chunk id so the order is stable.

        Scores: BM25 (sparse), cosine (dense), RRF (hybrid, see :meth:`_hybrid`).
        """
        if mode not in MODES:
            raise AssistantError(f"unknown search mode {mode!r} (use {', '.join(MODES)})")
        query = query.strip()
        if not query or k <= 0:
            return []
        depth = min(max(k, self.candidates), MAX_TOPK)
        expr = filter_expr(filters)
        self._settle()
        found: list[tuple[dict[str, Any], float, tuple[str, ...]]]
        if mode == "sparse":
            rows = self._search([query], "sparse", depth, expr, {"metric_type": "BM25"}, ["chunk"])
            found = [(row, abs(float(row["distance"])), ("sparse",)) for row in rows]  # Lite negates BM25
        elif mode == "dense":
            rows = self._search([self._qvec(query)], "dense", depth, expr, self._dense_params(depth), ["chunk"])
            found = [(row, float(row["distance"]), ("dense",)) for row in rows]
        else:
            found = self._hybrid(query, depth, expr)
        found.sort(key=lambda f: (-f[1], f[0]["id"]))
        return [Hit(chunk=Chunk.from_dict(row["entity"]["chunk"]), score=score, rank=rank, sources=src)
                for rank, (row, score, src) in enumerate(found[:k], 1)]

    def _dense_params(self, limit: int) -> dict[str, Any]:
        params = dict(DENSE_INDEXES[self.dense_index][1])
        if "ef" in params:  # HNSW refuses ef < limit
            params["ef"] = max(params["ef"], limit)
        return {"metric_type": "COSINE", "params": params}

    def _qvec(self, query: str) -> list[float]:
        return [float(x) for x in self.encoder.query(query)]

    def _search(self, data: list[Any], field: str, limit: int, expr: str, params: dict[str, Any],
                output: list[str]) -> list[dict[str, Any]]:
        res = self._client.search(self.collection, data=data, anns_field=field, limit=limit, filter=expr,
                                  search_params=params, output_fields=output, consistency_level="Strong")
        return list(res[0]) if res else []

    def _hybrid(self, query: str, depth: int, expr: str) -> list[tuple[dict[str, Any], float, tuple[str, ...]]]:
        """A BM25 and a dense search, fused here by reciprocal rank fusion with the
        formula of Milvus's ``RRFRanker`` (``1 / (rrf_k + rank)``, ranks from 1).

        Fusing on the client tells exactly which search found each hit, which the
        server's ``hybrid_search`` does not say (recovering it took a third, dense-only
        request), and on Milvus Lite ``hybrid_search`` costs about what the two searches
        cost on their own: two requests instead of three, about half the time.  A server
        also gets two requests, as before."""
        sparse = self._search([query], "sparse", depth, expr, {"metric_type": "BM25"}, ["chunk"])
        dense = self._search([self._qvec(query)], "dense", depth, expr, self._dense_params(depth), ["chunk"])
        rows: dict[str, dict[str, Any]] = {}
        found_by: dict[str, list[str]] = {}
        for name, hits in (("sparse", sparse), ("dense", dense)):
            for row in hits:
                rows.setdefault(row["id"], row)
                found_by.setdefault(row["id"], []).append(name)
        fused = rrf([[row["id"] for row in sparse], [row["id"] for row in dense]], k=self.rrf_k)
        fused.sort(key=lambda f: (-f[1], f[0]))  # equal scores by chunk id, as search() orders them
        return [(rows[i], score, tuple(found_by[i])) for i, score in fused[:depth]]

    # -- lifecycle -----------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; the last backend on a Milvus Lite file also stops its
        in-process server, which releases the file lock."""
        client, self._client = getattr(self, "_client", None), None
        if client is None:
            return
        if self.lite and self._dirty:
            client.flush(self.collection)
        client.close()
        if not self.lite:
            return
        with _lite_lock:
            left = _lite_users.get(self.uri, 1) - 1
            if left > 0:
                _lite_users[self.uri] = left
                return
            _lite_users.pop(self.uri, None)
        try:
            from milvus_lite.server_manager import server_manager_instance
        except ImportError:  # pragma: no cover - a Lite URI could not have opened without it
            return
        server_manager_instance.release_server(self.uri)

    def __enter__(self) -> MilvusBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
