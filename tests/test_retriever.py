"""HybridSearcher, the backends and the LangChain retriever, on SYNTHETIC documents.

Unit tests use the FakeEmbedder; tests marked ``integration`` use the real m3e-small model.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from synthetic_index_docs import corpus, make_doc

from assistant.config import AssistantError, Settings, default_model_path
from assistant.search.backends.bm25 import BM25Backend, SearchBackend
from assistant.search.backends.faiss import FaissBackend
from assistant.search.chunking import chunk_document
from assistant.search.embedding import FakeEmbedder
from assistant.search.retriever import HybridSearcher
from assistant.search.store import build_index
from assistant.search.tokenize import Tokenizer, corpus_terms

DOCS = [make_doc("city"), make_doc("county", "county", place="合成县", extra="县级补充")]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> HybridSearcher:
    s = Settings(index_dir=tmp_path_factory.mktemp("idx"), embed_backend="fake", chunk_max_chars=80)
    return build_index(DOCS, corpus(*DOCS), s, embedder=FakeEmbedder(), progress=False).searcher


def test_backends_follow_the_protocol() -> None:
    assert isinstance(BM25Backend(Tokenizer([])), SearchBackend)
    assert isinstance(FaissBackend(8), SearchBackend)


def test_hits_are_ranked_and_match(searcher: HybridSearcher) -> None:
    hits = searcher.search("海绵城市试点", 5)
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert len(hits) == 5
    assert "海绵城市" in hits[0].chunk.text
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert searcher.chunk(hits[0].chunk.id) == hits[0].chunk


@pytest.mark.parametrize("mode", ["sparse", "dense", "hybrid"])
def test_modes(searcher: HybridSearcher, mode: str) -> None:
    hits = searcher.search("清洁取暖示范", 3, mode=mode)
    assert hits
    expected = {"sparse": {"sparse"}, "dense": {"dense"}, "hybrid": {"sparse", "dense"}}[mode]
    assert set().union(*(h.sources for h in hits)) <= expected
    if mode != "dense":
        assert "清洁取暖" in hits[0].chunk.text


def test_filters(searcher: HybridSearcher) -> None:
    q = "海绵城市标准"
    assert {h.chunk.doc_id for h in searcher.search(q, 10, doc="county")} == {"county"}
    assert {h.chunk.level for h in searcher.search(q, 10, level="municipal")} == {"municipal"}
    rows = searcher.search(q, 10, kind="row")
    assert rows and {h.chunk.kind for h in rows} == {"row"}
    both = searcher.search(q, 10, doc="city", kind="row")
    assert {(h.chunk.doc_id, h.chunk.kind) for h in both} == {("city", "row")}
    assert searcher.search(q, 10, doc="no-such-doc") == []


def test_filtered_dense_search_still_fills_k(searcher: HybridSearcher) -> None:
    n_rows = sum(1 for c in searcher.chunks.values() if c.kind == "row" and c.doc_id == "county")
    hits = searcher.search("完全无关的查询词语", n_rows, doc="county", kind="row", mode="dense")
    assert len(hits) == n_rows


def test_bad_input(searcher: HybridSearcher) -> None:
    assert searcher.search("   ", 5) == []
    with pytest.raises(AssistantError):
        searcher.search("海绵城市", 5, mode="magic")
    with pytest.raises(KeyError):
        searcher.chunk("nope")


def test_backend_add_delete_save_load(tmp_path: Path) -> None:
    tok = Tokenizer(corpus_terms(DOCS))
    chunks = chunk_document(DOCS[0], Settings(chunk_max_chars=80))
    emb = FakeEmbedder()
    vecs = emb.encode([c.text for c in chunks])
    sparse, dense = BM25Backend(tok), FaissBackend(emb.dim)
    sparse.add(chunks)
    dense.add(chunks, vecs)
    target = next(c for c in chunks if c.kind == "row" and "海绵城市" in c.text)
    assert target.id in [cid for cid, _ in sparse.search("海绵城市", 20)]
    assert dense.search(vecs[chunks.index(target)], 1)[0][0] == target.id
    sparse.delete([target.id])
    dense.delete([target.id])
    assert target.id not in [cid for cid, _ in sparse.search("海绵城市", 20)]
    assert target.id not in [cid for cid, _ in dense.search(vecs[chunks.index(target)], 20)]
    sparse.save(tmp_path / "s")
    dense.save(tmp_path / "d")
    s2 = BM25Backend.load(tmp_path / "s", tokenizer=tok)
    d2 = FaissBackend.load(tmp_path / "d")
    assert s2.search("海绵城市", 5) == sparse.search("海绵城市", 5)
    q = vecs[0]
    assert [c for c, _ in d2.search(q, 5)] == [c for c, _ in dense.search(q, 5)]
    s2.add([target])  # re-adding after load works (token lists are read back lazily)
    assert target.id in [cid for cid, _ in s2.search("海绵城市", 20)]


def test_hnsw_above_threshold() -> None:
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(50, 16)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    chunks = chunk_document(DOCS[0], Settings(chunk_max_chars=80))
    from dataclasses import replace

    many = [replace(chunks[0], id=f"id{i}") for i in range(50)]
    dense = FaissBackend(16, ann_threshold=10)
    dense.add(many, vecs)
    assert dense.kind == "hnsw"
    assert dense.search(vecs[7], 1)[0][0] == "id7"
    assert [c for c, _ in dense.search(vecs[7], 3, allowed={"id1", "id2", "id3"})] != []


def test_langchain_retriever(searcher: HybridSearcher) -> None:
    from assistant.search.retriever import PolicyRetriever

    r = PolicyRetriever(searcher=searcher, k=3, filters={"kind": "row"})
    docs = r.invoke("海绵城市由哪个单位牵头")
    assert len(docs) == 3
    for d in docs:
        assert d.page_content
        for key in ("doc_id", "doc_title", "level", "section", "clause_no", "row_no", "kind",
                    "chunk_id", "score", "rank"):
            assert key in d.metadata
        assert d.metadata["kind"] == "row"
    assert [d.metadata["rank"] for d in docs] == [1, 2, 3]
    assert "海绵城市" in docs[0].page_content


needs_model = pytest.mark.skipif(not default_model_path(), reason="m3e-small not installed")


@pytest.mark.integration
@needs_model
def test_real_model_ranks_the_matching_chunk_first(tmp_path: Path) -> None:
    s = Settings(index_dir=tmp_path / "idx", chunk_max_chars=80)  # onnx backend, exported into tmp
    idx = build_index(DOCS, corpus(*DOCS), s, progress=False)
    for mode in ("dense", "hybrid"):
        hit = idx.searcher.search("冬季清洁取暖改造的覆盖范围", 3, doc="city", mode=mode)[0]
        assert "清洁取暖改造覆盖全部合成村镇" in hit.chunk.text, (mode, hit.chunk.text)
