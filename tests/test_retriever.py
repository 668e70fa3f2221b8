"""The faiss backend behind the search seam, and the LangChain retriever, on SYNTHETIC documents.

Unit tests use the FakeEmbedder; tests marked ``integration`` use the real m3e-small model.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from synthetic_index_docs import make_doc

from assistant.config import AssistantError, Settings, default_model_path
from assistant.search.backends.base import Filters, SearchBackend
from assistant.search.backends.faiss import FaissBackend
from assistant.search.chunking import chunk_document
from assistant.search.embedding import FakeEmbedder, get_embedder
from assistant.search.encoder import ChunkEncoder
from assistant.search.tokenize import Tokenizer, corpus_terms

DOCS = [make_doc("city"), make_doc("county", "county", place="合成县", extra="县级补充")]
SETTINGS = Settings(chunk_max_chars=80)


def chunks_of(*docs: object) -> list:  # type: ignore[type-arg]
    return [c for d in docs for c in chunk_document(d, SETTINGS)]  # type: ignore[arg-type]


def make_backend(**kw: object) -> FaissBackend:
    b = FaissBackend(ChunkEncoder(FakeEmbedder()), Tokenizer(corpus_terms(DOCS)), **kw)  # type: ignore[arg-type]
    b.upsert(chunks_of(*DOCS))
    return b


@pytest.fixture(scope="module")
def backend() -> FaissBackend:
    return make_backend()


def test_backend_follows_the_protocol(backend: FaissBackend) -> None:
    assert isinstance(backend, SearchBackend)
    assert backend.doc_ids() == {"city", "county"}
    assert backend.count() == len(chunks_of(*DOCS))


def test_hits_are_ranked_and_match(backend: FaissBackend) -> None:
    hits = backend.search("海绵城市试点", 5)
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert "海绵城市" in hits[0].chunk.text
    assert all(hits[i].score >= hits[i + 1].score for i in range(len(hits) - 1))


@pytest.mark.parametrize("mode", ["hybrid", "sparse", "dense"])
def test_modes(backend: FaissBackend, mode: str) -> None:
    hits = backend.search("清洁取暖示范", 3, mode=mode)
    assert hits and "清洁取暖" in hits[0].chunk.text
    want = {"sparse": {"sparse"}, "dense": {"dense"}}.get(mode)
    if want:
        assert all(set(h.sources) == want for h in hits)


def test_filters(backend: FaissBackend) -> None:
    q = "海绵城市标准"
    assert {h.chunk.doc_id for h in backend.search(q, 10, Filters(doc="county"))} == {"county"}
    assert {h.chunk.level for h in backend.search(q, 10, Filters(level="municipal"))} == {"municipal"}
    rows = backend.search(q, 10, Filters(kind="row"))
    assert rows and {h.chunk.kind for h in rows} == {"row"}
    both = backend.search(q, 10, Filters(doc="city", kind="row"))
    assert both and {(h.chunk.doc_id, h.chunk.kind) for h in both} == {("city", "row")}
    assert backend.search(q, 10, Filters(doc="no-such-doc")) == []


def test_filtered_dense_search_still_fills_k(backend: FaissBackend) -> None:
    n_rows = sum(1 for c in backend.chunks if c.kind == "row" and c.doc_id == "county")
    hits = backend.search("完全无关的查询词语", n_rows, Filters(doc="county", kind="row"), mode="dense")
    assert len(hits) == n_rows


def test_bad_input(backend: FaissBackend) -> None:
    assert backend.search("   ", 5) == []
    assert backend.search("海绵城市", 0) == []
    with pytest.raises(AssistantError):
        backend.search("海绵城市", 5, mode="magic")


def test_upsert_replaces_and_delete_removes_one_document() -> None:
    b = make_backend()
    n = b.count()
    target = next(c for c in b.chunks if c.doc_id == "city" and "海绵城市" in c.text)
    b.upsert([replace(target, text=target.text + "改写后的合成文本")])
    assert b.count() == n and any("改写后的合成文本" in c.text for c in b.chunks)
    b.delete("city")
    assert b.doc_ids() == {"county"}
    assert all(h.chunk.doc_id == "county" for h in b.search("海绵城市", 10))
    b.delete("no-such-doc")  # a no-op
    assert b.doc_ids() == {"county"}


def test_upsert_embeds_only_new_chunks() -> None:
    enc = ChunkEncoder(FakeEmbedder())
    b = FaissBackend(enc, Tokenizer(corpus_terms(DOCS)))
    b.upsert(chunks_of(DOCS[0]))
    before = enc.encoded
    b.upsert(chunks_of(DOCS[1]))
    new_texts = {c.text for c in chunks_of(DOCS[1])}
    assert 0 < enc.encoded - before <= len(new_texts)


def test_save_and_load_round_trip(tmp_path: Path, backend: FaissBackend) -> None:
    backend.save(tmp_path)
    again = FaissBackend.load(tmp_path, backend.encoder, backend.tokenizer)
    for q in ("海绵城市", "清洁取暖由哪个部门牵头"):
        assert [h.chunk.id for h in again.search(q, 5)] == [h.chunk.id for h in backend.search(q, 5)]
    again.delete("city")  # a loaded backend can still change
    assert again.doc_ids() == {"county"}


def test_broken_files_are_errors(tmp_path: Path, backend: FaissBackend) -> None:
    backend.save(tmp_path)
    vec = tmp_path / "faiss" / "vectors.npy"
    vec.write_bytes(vec.read_bytes()[:100])
    with pytest.raises((ValueError, OSError)):
        FaissBackend.load(tmp_path, backend.encoder, backend.tokenizer)


def test_retokenize_touches_only_chunks_with_changed_words() -> None:
    b = make_backend()
    new_tok = Tokenizer([*corpus_terms(DOCS), "雨水收集设施"])
    n = b.retokenize(new_tok, {"雨水收集设施"})
    assert n == sum(1 for c in b.chunks if "雨水收集设施" in c.text) > 0
    assert b.search("雨水收集设施", 1)[0].chunk.text.count("雨水收集设施")


def test_hnsw_above_threshold() -> None:
    rng = np.random.default_rng(0)

    class Fixed:
        dim = 16
        vecs = rng.normal(size=(50, 16)).astype(np.float32)

        def chunks(self, chunks: list) -> np.ndarray:  # type: ignore[type-arg]
            v = self.vecs[[int(c.id[2:]) for c in chunks]]
            return v / np.linalg.norm(v, axis=1, keepdims=True)

        def query(self, text: str) -> np.ndarray:
            return self.chunks([type("C", (), {"id": text})()])[0]

    base = chunks_of(DOCS[0])[0]
    many = [replace(base, id=f"id{i}") for i in range(50)]
    b = FaissBackend(Fixed(), Tokenizer([]), use_sparse=False, ann_threshold=10)  # type: ignore[arg-type]
    b.upsert(many)
    assert b.ann_kind == "hnsw"
    assert b.search("id7", 1, mode="dense")[0].chunk.id == "id7"
    assert b.search("id7", 3, Filters(doc=base.doc_id), mode="dense")


TIE_SCRIPT = """
import sys
from dataclasses import replace
sys.path.insert(0, "tests")
from synthetic_index_docs import make_doc
from assistant.config import Settings
from assistant.search.backends.base import Filters
from assistant.search.backends.faiss import FaissBackend
from assistant.search.chunking import chunk_document
from assistant.search.embedding import FakeEmbedder
from assistant.search.encoder import ChunkEncoder
from assistant.search.tokenize import Tokenizer
d = make_doc("city")
base = chunk_document(d, Settings(chunk_max_chars=80))[0]
twins = [replace(base, id=f"twin{i:02d}") for i in range(30)]  # identical text: every score ties
b = FaissBackend(ChunkEncoder(FakeEmbedder()), Tokenizer([]))
b.upsert(twins)
print(",".join(h.chunk.id for h in b.search(base.text, 5, Filters(doc="city"))))
"""


def test_filtered_ties_do_not_depend_on_hash_seed() -> None:
    """Filtered search used to order tied hits by set iteration order (PYTHONHASHSEED)."""
    outs = {subprocess.run([sys.executable, "-c", TIE_SCRIPT], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout
            for seed in ("0", "1", "2", "3")}
    assert len(outs) == 1, outs


def test_langchain_retriever(backend: FaissBackend) -> None:
    from assistant.search.retriever import PolicyRetriever

    r = PolicyRetriever(search=backend.search, k=3, filters={"kind": "row"})
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
    with pytest.raises(AssistantError):
        PolicyRetriever(search=backend.search, k=3, filters={"colour": "red"}).invoke("海绵城市")


needs_model = pytest.mark.skipif(not default_model_path(), reason="m3e-small not installed")


@pytest.mark.integration
@needs_model
def test_real_model_ranks_the_matching_chunk_first(tmp_path: Path, model_cache: str) -> None:
    s = Settings(index_dir=tmp_path / "idx", chunk_max_chars=80, cache_dir=model_cache)
    b = FaissBackend(ChunkEncoder(get_embedder(s)), Tokenizer(corpus_terms(DOCS)))
    b.upsert(chunks_of(*DOCS))
    for mode in ("dense", "hybrid"):
        hit = b.search("冬季清洁取暖改造的覆盖范围", 3, Filters(doc="city"), mode=mode)[0]
        assert "清洁取暖改造覆盖全部合成村镇" in hit.chunk.text, (mode, hit.chunk.text)


def test_phrases_go_through_their_own_model_opened_once() -> None:
    """Answering weighs phrases on a second (int8) model; queries stay on the index's model."""
    opened: list[FakeEmbedder] = []

    def factory() -> FakeEmbedder:
        opened.append(FakeEmbedder(dim=64))
        return opened[-1]

    main, other = FakeEmbedder(dim=64), FakeEmbedder(dim=64)
    other._vector = lambda text: main._vector(text[::-1])  # type: ignore[method-assign]  # another model
    enc = ChunkEncoder(main, phrase_embedder=lambda: other)
    assert np.allclose(enc.query("清洁取暖"), main.encode(["清洁取暖"])[0])
    assert np.allclose(enc.phrases(["清洁取暖"])[0], other.encode(["清洁取暖"])[0])
    assert not np.allclose(enc.phrases(["清洁取暖"])[0], enc.query("清洁取暖"))  # two memos, not one
    lazy = ChunkEncoder(main, phrase_embedder=factory)
    assert opened == []  # nothing opened before a phrase is weighed
    lazy.similarity("清洁取暖", ["供暖", "取暖"])
    lazy.similarity("绿色建筑", ["装配式建筑"])
    assert len(opened) == 1
    assert ChunkEncoder(main).phrase_model() is main


def test_phrases_use_the_models_own_one_by_one_runs_when_it_has_them() -> None:
    """An ONNX phrase model encodes each phrase in its own run on all cores (encode_each):
    the encoder hands it every phrase not memoised, once, and keeps the order."""
    calls: list[list[str]] = []

    class Each(FakeEmbedder):
        def encode_each(self, texts):  # type: ignore[no-untyped-def]
            calls.append(list(texts))
            return np.stack([self.encode([t])[0] for t in texts])

    model = Each(dim=64)
    enc = ChunkEncoder(FakeEmbedder(dim=64), phrase_embedder=lambda: model)
    got = enc.phrases(["绿地率", "光伏", "绿地率"])
    assert calls == [["绿地率", "光伏"]]
    assert np.allclose(got[0], model.encode(["绿地率"])[0]) and np.allclose(got[1], model.encode(["光伏"])[0])
    assert np.allclose(got[2], got[0])
    enc.phrases(["光伏", "海绵城市"])
    assert calls[-1] == ["海绵城市"]


def test_an_onnx_embedder_handed_over_keeps_the_int8_phrase_model() -> None:
    """After an upload the index reuses its ONNX embedder: phrases must still go through the
    int8 model the thresholds were calibrated on, not the chunks' fp32 one."""
    from assistant.search.onnx import OnnxEmbedder
    from assistant.search.store import make_encoder

    if not default_model_path():
        pytest.skip("m3e-small not installed")
    handed = object.__new__(OnnxEmbedder)  # the type is what counts; nothing is loaded
    handed.dim, handed.name = 512, "m3e-small"
    assert make_encoder(Settings(), handed)._phrase_factory is not None  # type: ignore[union-attr]
    assert make_encoder(Settings(), FakeEmbedder(dim=64))._phrase_factory is None  # type: ignore[union-attr]


def test_phrase_model_by_settings() -> None:
    from assistant.search.embedding import phrase_embedder

    assert phrase_embedder(Settings(embed_backend="fake")) is None
    assert phrase_embedder(Settings(onnx_int8=True)) is None  # already int8: one model
    assert phrase_embedder(Settings(phrase_int8=False)) is None
    assert callable(phrase_embedder(Settings()))


def test_a_phrase_vector_does_not_depend_on_what_it_was_encoded_beside() -> None:
    """An int8 model scales activations per batch: a phrase's vector, and so an answer,
    must not depend on what was weighed (or warmed) before."""
    main = FakeEmbedder(dim=64)

    class BatchSensitive(FakeEmbedder):  # like dynamic quantisation: the batch shifts every row
        def encode(self, texts, **kw):  # type: ignore[no-untyped-def,override]
            return super().encode(texts) + 0.01 * len(texts)

    alone = ChunkEncoder(main, phrase_embedder=lambda: BatchSensitive(dim=64)).phrases(["清洁取暖"])[0]
    beside = ChunkEncoder(main, phrase_embedder=lambda: BatchSensitive(dim=64)).phrases(["绿色建筑", "清洁取暖", "光伏"])[1]
    assert np.allclose(alone, beside)
