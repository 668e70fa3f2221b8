"""MilvusBackend on a Milvus Lite file, with the fake embedder (no model, no server).

Skipped when pymilvus or milvus-lite is not installed.  One .db file per module; each
test that writes gets its own collection, so the tests do not depend on their order.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Sequence
from itertools import count
from pathlib import Path

import numpy as np
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("pymilvus")
pytest.importorskip("milvus_lite")

from assistant.config import AssistantError  # noqa: E402
from assistant.search.backends.base import Filters, SearchBackend  # noqa: E402
from assistant.search.backends.milvus import MilvusBackend, filter_expr, quote  # noqa: E402
from assistant.search.chunking import index_text  # noqa: E402
from assistant.search.embedding import FakeEmbedder  # noqa: E402
from assistant.types import Chunk  # noqa: E402


class FakeEncoder:
    """The Encoder protocol over FakeEmbedder: chunks are embedded by their index text."""

    def __init__(self, dim: int = 32) -> None:
        self.embedder = FakeEmbedder(dim)
        self.dim = dim

    def chunks(self, chunks: Sequence[Chunk]) -> np.ndarray:
        return self.embedder.encode([index_text(c) for c in chunks])

    def query(self, text: str) -> np.ndarray:
        return self.embedder.encode([text])[0]


def chunk(cid: str, doc: str, level: str, kind: str, text: str, clause_no: int | None = None,
          row_no: int | None = None, section: str | None = None) -> Chunk:
    return Chunk(id=cid, doc_id=doc, doc_title=f"{doc}方案", level=level, kind=kind, text=text,
                 section=section, clause_no=clause_no, row_no=row_no)


CHUNKS = [
    chunk("lc-h", "lc", "municipal", "header", "聊城市城乡建设领域碳达峰实施方案\n文号：聊建字〔2023〕31号"),
    chunk("lc-1", "lc", "municipal", "clause", "（一）推进海绵城市建设。到2025年城市建成区40%以上面积达到要求。", 1,
          section="二、重点任务"),
    chunk("lc-2", "lc", "municipal", "clause", "（二）推广清洁取暖。农村地区清洁取暖率达到85%以上。", 2),
    chunk("lc-3", "lc", "municipal", "clause", "（三）大力发展装配式建筑，新建装配式建筑占比达到40%。", 3),
    chunk("lc-r1", "lc", "municipal", "row", "重点任务：城市照明节能\n牵头单位：市城市管理局", 4, 1),
    chunk("lc-r2", "lc", "municipal", "row", "重点任务：清洁取暖\n牵头单位：市住房和城乡建设局", 2, 2),
    chunk("sd-h", "sd", "provincial", "header", "山东省城乡建设领域碳达峰实施方案"),
    chunk("sd-1", "sd", "provincial", "clause", "（一）全面推进清洁取暖，提高清洁能源供暖比例。", 1),
    chunk("sd-2", "sd", "provincial", "clause", "（二）推动装配式建筑与绿色建材协同发展。", 2),
    chunk("sd-3", "sd", "provincial", "clause", "（三）建设海绵城市示范区，提升排水防涝能力。", 3),
    chunk("xx-1", "xx", "county", "clause", "（一）县城推进清洁取暖改造和建筑节能改造。", 1),
    chunk("xx-r1", "xx", "county", "row", "重点任务：海绵城市\n牵头单位：县住房和城乡建设局", 1, 1),
]
_names = count()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("milvus") / "milvus.db")


@pytest.fixture(scope="module")
def shared(db: str) -> Iterator[MilvusBackend]:
    """Read-only tests share one filled collection."""
    backend = MilvusBackend(db, "shared", FakeEncoder())
    backend.upsert(CHUNKS)
    yield backend
    backend.close()


@pytest.fixture
def fresh(db: str) -> Iterator[MilvusBackend]:
    """A new filled collection for a test that writes."""
    backend = MilvusBackend(db, f"fresh{next(_names)}", FakeEncoder())
    backend.upsert(CHUNKS)
    yield backend
    backend.close()


def test_follows_the_protocol(shared: MilvusBackend) -> None:
    assert isinstance(shared, SearchBackend)
    assert shared.count() == len(CHUNKS)
    assert shared.doc_ids() == {"lc", "sd", "xx"}


def test_bm25_finds_the_chunk_for_a_chinese_query(shared: MilvusBackend) -> None:
    hits = shared.search("装配式建筑占比", 3, mode="sparse")
    assert hits[0].chunk == CHUNKS[3]  # every field round-trips through the JSON field
    assert [h.rank for h in hits] == [1, 2, 3]
    assert all(h.sources == ("sparse",) and h.score > 0 for h in hits)
    assert hits[0].score > hits[1].score
    assert shared.search("哪个部门牵头城市照明节能", 1, mode="sparse")[0].chunk.id == "lc-r1"


def test_dense_search(shared: MilvusBackend) -> None:
    hits = shared.search(index_text(CHUNKS[7]), 3, mode="dense")
    assert hits[0].chunk.id == "sd-1"
    assert hits[0].score == pytest.approx(1.0, abs=1e-4)
    assert all(h.sources == ("dense",) for h in hits)


def test_hybrid_fuses_by_rrf(shared: MilvusBackend) -> None:
    hits = shared.search("推进海绵城市建设", 4)
    assert hits[0].chunk.id == "lc-1"
    assert hits[0].sources == ("sparse", "dense")
    assert hits[0].score == pytest.approx(2 / 61, rel=1e-5)  # RRF: first in both lists
    assert [h.rank for h in hits] == [1, 2, 3, 4]
    assert all(set(h.sources) <= {"sparse", "dense"} and h.sources for h in hits)


@pytest.mark.parametrize("candidates", [3, 30])
def test_hybrid_sources_match_the_separate_rankings(db: str, shared: MilvusBackend, candidates: int) -> None:
    with MilvusBackend(db, "shared", FakeEncoder(), candidates=candidates) as backend:
        for query in ("装配式建筑", "市城市管理局牵头", "推进清洁取暖改造"):
            sparse = {h.chunk.id for h in backend.search(query, candidates, mode="sparse")}
            dense = {h.chunk.id for h in backend.search(query, candidates, mode="dense")}
            hits = backend.search(query, candidates)  # each request also fetches `candidates`
            assert {h.chunk.id for h in hits} <= sparse | dense
            assert len(hits) == min(candidates, len(sparse | dense))
            for h in hits:
                assert h.sources == tuple(s for s, ids in (("sparse", sparse), ("dense", dense))
                                          if h.chunk.id in ids), (query, h.chunk.id)


def test_hybrid_without_lexical_match_comes_from_dense_only(shared: MilvusBackend) -> None:
    hits = shared.search("ＱＱＱ", 3)
    assert len(hits) == 3 and all(h.sources == ("dense",) for h in hits)


@pytest.mark.parametrize("filters", [Filters(doc="sd"), Filters(level="municipal"), Filters(kind="row"),
                                     Filters(doc="lc", kind="clause"), Filters(level="county", kind="row")])
@pytest.mark.parametrize("mode", ["hybrid", "sparse", "dense"])
def test_filters_return_only_matching_chunks(shared: MilvusBackend, filters: Filters, mode: str) -> None:
    def ok(c: Chunk) -> bool:
        return all(v is None or v == getattr(c, f) for f, v in
                   (("doc_id", filters.doc), ("level", filters.level), ("kind", filters.kind)))

    matching = [c for c in CHUNKS if ok(c)]
    query = "城乡建设 碳达峰 清洁取暖 海绵城市 装配式建筑 重点任务 牵头单位"  # every chunk matches a word
    k = min(3, len(matching))
    hits = shared.search(query, k, filters, mode)
    assert len(hits) == k and all(ok(h.chunk) for h in hits)
    assert sorted(h.chunk.id for h in shared.search(query, 50, filters, mode)) == sorted(c.id for c in matching)


@pytest.mark.parametrize("index", ["AUTOINDEX", "HNSW", "IVF_FLAT"])
def test_every_dense_index_answers_like_flat(db: str, shared: MilvusBackend, index: str) -> None:
    with MilvusBackend(db, f"ix_{index.lower()}", FakeEncoder(), dense_index=index) as backend:
        backend.upsert(CHUNKS)
        for query in ("清洁取暖", "海绵城市建设"):
            want = [h.chunk.id for h in shared.search(query, 100, mode="dense")]
            assert [h.chunk.id for h in backend.search(query, 100, mode="dense")] == want  # k > ef too


def test_k_larger_than_the_collection(shared: MilvusBackend) -> None:
    hits = shared.search("建设", 1000, mode="dense")
    assert sorted(h.chunk.id for h in hits) == sorted(c.id for c in CHUNKS)
    assert [h.rank for h in hits] == list(range(1, len(CHUNKS) + 1))
    assert len(shared.search("建设", 1000)) == len(CHUNKS)


def test_ties_are_ordered_by_chunk_id(db: str) -> None:
    twins = [chunk(cid, "t", "other", "clause", "同一段文字：推进海绵城市建设。") for cid in ("t-b", "t-c", "t-a")]
    with MilvusBackend(db, "ties", FakeEncoder()) as backend:
        backend.upsert(twins)
        for mode in ("sparse", "dense"):
            hits = backend.search("海绵城市", 3, mode=mode)
            assert [h.chunk.id for h in hits] == ["t-a", "t-b", "t-c"], mode
        # hybrid: the server ranks equal twins within each list, so RRF scores differ; the
        # order is still the same on every call
        first = [h.chunk.id for h in backend.search("海绵城市", 3)]
        assert all([h.chunk.id for h in backend.search("海绵城市", 3)] == first for _ in range(3))


def test_delete_removes_exactly_one_document(fresh: MilvusBackend) -> None:
    fresh.delete("lc")
    assert fresh.doc_ids() == {"sd", "xx"}
    assert fresh.count() == sum(c.doc_id != "lc" for c in CHUNKS)
    assert all(h.chunk.doc_id != "lc" for h in fresh.search("海绵城市建设", 20))
    fresh.delete("no-such-doc")
    assert fresh.count() == sum(c.doc_id != "lc" for c in CHUNKS)


def test_upsert_replaces_an_existing_id(fresh: MilvusBackend) -> None:
    new = chunk("lc-3", "lc", "municipal", "clause", "（三）推广超低能耗建筑和光伏建筑一体化。", 3)
    fresh.upsert([new])
    assert fresh.count() == len(CHUNKS)
    assert fresh.search(index_text(new), 1, mode="dense")[0].chunk == new
    # ranks are not compared across the two writes: Milvus Lite keeps BM25 statistics per segment
    hits = fresh.search("光伏建筑一体化 装配式建筑", 20, mode="sparse")
    assert [h.chunk for h in hits if h.chunk.id == "lc-3"] == [new]


def test_awkward_doc_ids_are_quoted(fresh: MilvusBackend) -> None:
    odd = 'a"b\\c\' or doc_id != "'
    fresh.upsert([chunk("odd-1", odd, "other", "clause", "特殊编号的文件：推进海绵城市建设。")])
    hits = fresh.search("海绵城市", 10, Filters(doc=odd))
    assert [h.chunk.doc_id for h in hits] == [odd]
    fresh.delete(odd)
    assert odd not in fresh.doc_ids() and fresh.count() == len(CHUNKS)
    assert filter_expr(Filters(doc='x"', kind="row")) == 'doc_id == "x\\"" and kind == "row"'
    assert quote("a\\b\n") == '"a\\\\b\\n"'
    with pytest.raises(AssistantError):
        quote("a\x00b")


def test_reopening_the_file_sees_the_data(tmp_path: Path) -> None:
    uri = str(tmp_path / "sub" / "milvus.db")  # the folder is created
    with MilvusBackend(uri, "chunks", FakeEncoder()) as backend:
        backend.upsert(CHUNKS[:5])
    with MilvusBackend(uri, "chunks", FakeEncoder()) as backend:  # the in-process server was stopped
        assert backend.count() == 5
        assert backend.search("清洁取暖", 1, mode="sparse")[0].chunk == CHUNKS[2]
    with pytest.raises(AssistantError, match="holds 32-d vectors.*16-d"):
        MilvusBackend(uri, "chunks", FakeEncoder(16))


def test_bad_arguments_are_one_line_errors(shared: MilvusBackend) -> None:
    with pytest.raises(AssistantError, match="unknown search mode"):
        shared.search("x", 3, mode="bm25")
    assert shared.search("   ", 3) == [] and shared.search("建设", 0) == []
    with pytest.raises(AssistantError, match="127.0.0.1:1"):
        MilvusBackend("http://127.0.0.1:1", "c", FakeEncoder())
    with pytest.raises(AssistantError, match="unknown dense index"):
        MilvusBackend("http://127.0.0.1:1", "c", FakeEncoder(), dense_index="DISKANN")


def test_missing_pymilvus_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pymilvus", None)
    with pytest.raises(AssistantError, match="pip install pymilvus milvus-lite"):
        MilvusBackend(str(tmp_path / "m.db"), "c", FakeEncoder())


def test_importing_the_module_does_not_import_pymilvus() -> None:
    code = "import sys, assistant.search.backends.milvus; print('pymilvus' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=REPO_ROOT, env={"PYTHONPATH": str(REPO_ROOT), "PATH": ""})
    assert out.stdout.strip() == "False"
