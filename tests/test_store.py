"""Index on disk: round trip, staleness, corruption, interrupted builds, embedding cache.

Uses the FakeEmbedder and the SYNTHETIC documents of synthetic_index_docs.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from synthetic_index_docs import corpus, make_doc

import assistant.search.store as store
from assistant.config import INDEX_FORMAT_VERSION, Settings
from assistant.search.chunking import index_text
from assistant.search.embedding import FakeEmbedder
from assistant.search.store import IndexCorrupt, IndexMissing, build_index, index_status, open_index


def settings(tmp_path: Path, **kw: object) -> Settings:
    return Settings(index_dir=tmp_path / "index", embed_backend="fake", chunk_max_chars=80).with_(**kw)


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Settings, store.Index]:
    s = settings(tmp_path)
    a, b = make_doc("a"), make_doc("b", "county", place="合成县")
    return s, build_index([a, b], corpus(a, b), s, embedder=FakeEmbedder(), progress=False)


def test_missing(tmp_path: Path) -> None:
    s = settings(tmp_path)
    assert index_status(s, {})[0] == "missing"
    with pytest.raises(IndexMissing):
        open_index(s)


def test_round_trip(built: tuple[Settings, store.Index]) -> None:
    s, idx = built
    a, b = make_doc("a"), make_doc("b", "county", place="合成县")
    assert index_status(s, corpus(a, b)) == ("ok", index_status(s, corpus(a, b))[1])
    again = open_index(s)
    assert again.manifest["format_version"] == INDEX_FORMAT_VERSION
    assert again.chunks == idx.chunks
    assert again.documents == idx.documents
    assert again.tokenizer.dict_hash == idx.tokenizer.dict_hash
    q = "清洁取暖由哪个部门牵头"
    assert [h.chunk.id for h in again.searcher.search(q, 5)] == [h.chunk.id for h in idx.searcher.search(q, 5)]
    layout = Path(s.index_dir)
    assert (layout / "CURRENT").read_text().strip() == again.directory.name  # type: ignore[union-attr]
    manifest = json.loads((again.directory / "manifest.json").read_text())  # type: ignore[operator]
    for key in ("model", "tokenizer", "documents", "chunking", "built_at", "counts", "files"):
        assert key in manifest
    assert manifest["documents"] == corpus(a, b)
    assert {"documents.json", "chunks.jsonl", "dense/dense.faiss"} <= set(manifest["files"])


@pytest.mark.parametrize("change", ["added", "changed", "removed"])
def test_stale_documents(built: tuple[Settings, store.Index], change: str) -> None:
    s, _ = built
    a, b = make_doc("a"), make_doc("b", "county", place="合成县")
    hashes = {"added": corpus(a, b, make_doc("c")),
              "changed": corpus(a, make_doc("b", "county", place="合成县", extra="改")),
              "removed": corpus(a)}[change]
    status, reason = index_status(s, hashes)
    assert status == "stale"
    assert f"document {change}" in reason
    assert ("c" if change == "added" else "b") in reason


def test_stale_model_and_settings(built: tuple[Settings, store.Index], tmp_path: Path) -> None:
    s, _ = built
    hashes = corpus(make_doc("a"), make_doc("b", "county", place="合成县"))
    model_dir = tmp_path / "other-model"
    model_dir.mkdir()
    (model_dir / "config.json").write_text('{"hidden_size": 8}')
    status, reason = index_status(s.with_(embed_backend="onnx", model_path=str(model_dir)), hashes)
    assert (status, "model" in reason) == ("stale", True)
    assert index_status(s.with_(chunk_max_chars=300), hashes)[0] == "stale"
    manifest_path = Path(s.index_dir) / (Path(s.index_dir) / "CURRENT").read_text().strip() / "manifest.json"
    m = json.loads(manifest_path.read_text())
    m["format_version"] = INDEX_FORMAT_VERSION + 100
    manifest_path.write_text(json.dumps(m))
    assert index_status(s, hashes)[0] == "stale"


def _gen(s: Settings) -> Path:
    return Path(s.index_dir) / (Path(s.index_dir) / "CURRENT").read_text().strip()


@pytest.mark.parametrize("target", ["chunks.jsonl", "dense/dense.faiss", "documents.json", "manifest.json"])
def test_corrupt_file(built: tuple[Settings, store.Index], target: str) -> None:
    s, _ = built
    path = _gen(s) / target
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, different content
    path.write_bytes(bytes(data))
    hashes = corpus(make_doc("a"), make_doc("b", "county", place="合成县"))
    status, reason = index_status(s, hashes)
    assert status == "corrupt", reason
    with pytest.raises(IndexCorrupt) as e:
        open_index(s)
    assert "\n" not in str(e.value) and "rebuild" in str(e.value)


def test_truncated_file(built: tuple[Settings, store.Index]) -> None:
    s, _ = built
    path = _gen(s) / "sparse" / "ids.json"
    path.write_bytes(path.read_bytes()[:5])
    assert index_status(s, {})[0] == "corrupt"
    with pytest.raises(IndexCorrupt):
        open_index(s)


def test_current_pointing_nowhere(built: tuple[Settings, store.Index]) -> None:
    s, _ = built
    (Path(s.index_dir) / "CURRENT").write_text("gen-does-not-exist\n")
    assert index_status(s, {})[0] == "corrupt"
    with pytest.raises(IndexCorrupt):
        open_index(s)


@pytest.mark.parametrize("where", ["_write_generation", "_publish"])
def test_interrupted_build_keeps_old_index(built: tuple[Settings, store.Index], where: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    s, old = built
    old_gen = _gen(s)

    def boom(*args: object, **kw: object) -> None:
        raise KeyboardInterrupt("killed mid-build")

    monkeypatch.setattr(store, where, boom)
    c = make_doc("c")
    with pytest.raises(KeyboardInterrupt):
        build_index([make_doc("a"), c], corpus(make_doc("a"), c), s, embedder=FakeEmbedder(), progress=False)
    assert _gen(s) == old_gen
    again = open_index(s)
    assert again.chunks == old.chunks
    assert not [p for p in Path(s.index_dir).iterdir() if p.name.startswith(".tmp-gen-")]


def test_new_build_replaces_and_cleans_old_generation(built: tuple[Settings, store.Index]) -> None:
    s, _ = built
    old_gen = _gen(s)
    a = make_doc("a")
    build_index([a], corpus(a), s, embedder=FakeEmbedder(), progress=False)
    middle = _gen(s)
    # the generation just replaced stays (a reader may have opened it a moment ago) ...
    assert middle != old_gen and old_gen.exists()
    assert index_status(s, corpus(a))[0] == "ok"
    assert {c.doc_id for c in open_index(s).chunks} == {"a"}
    # ... and goes with the next build
    b = make_doc("b")
    build_index([b], corpus(b), s, embedder=FakeEmbedder(), progress=False)
    assert not old_gen.exists() and middle.exists() and _gen(s) not in (old_gen, middle)
    assert sorted(p.name for p in s.index_dir.glob("gen-*")) == sorted([middle.name, _gen(s).name])


def test_embedding_cache_encodes_only_new_chunks(tmp_path: Path) -> None:
    s = settings(tmp_path)
    a, b = make_doc("a"), make_doc("b", "county", place="合成县")
    first = FakeEmbedder()
    idx1 = build_index([a], corpus(a), s, embedder=first, progress=False)
    assert first.encoded == len(idx1.chunks)
    second = FakeEmbedder()
    idx2 = build_index([a, b], corpus(a, b), s, embedder=second, progress=False)
    old_texts = {index_text(c) for c in idx1.chunks}
    new_texts = {index_text(c) for c in idx2.chunks} - old_texts  # identical texts share a vector
    assert 0 < len(new_texts) < len(idx2.chunks)
    assert second.encoded == len(new_texts) and second.calls == 1
    third = FakeEmbedder()
    build_index([a, b], corpus(a, b), s, embedder=third, progress=False)
    assert third.encoded == 0


def test_sparse_only_index(tmp_path: Path) -> None:
    s = settings(tmp_path, use_dense=False)
    a = make_doc("a")
    idx = build_index([a], corpus(a), s, progress=False)
    assert idx.manifest["model"] is None and idx.searcher.dense is None
    assert index_status(s, corpus(a))[0] == "ok"
    assert index_status(s.with_(use_dense=True), corpus(a))[0] == "stale"
    hits = open_index(s).searcher.search("海绵城市", 3)
    assert hits and hits[0].sources == ("sparse",)
