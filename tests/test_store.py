"""The index on disk and its builds: round trip, per-document updates, staleness,
corruption, interrupted builds, files that cannot be indexed.

Corpora are small SYNTHETIC TXT plans (synthetic_index_docs.write_txt); FakeEmbedder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from synthetic_index_docs import write_txt

import assistant
import assistant.search.build as build_mod
from assistant.config import INDEX_FORMAT_VERSION, AssistantError, Settings
from assistant.documents.corpus import corpus_hashes, list_corpus
from assistant.search.build import build, pipeline_hash
from assistant.search.embedding import FakeEmbedder
from assistant.search.store import IndexCorrupt, IndexMissing, current_generation, index_status, open_index


def settings(tmp_path: Path, **kw: object) -> Settings:
    return Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", embed_backend="fake",
                    chunk_max_chars=80).with_(**kw)


def status(s: Settings) -> tuple[str, str]:
    return index_status(s, corpus_hashes(list_corpus(s.corpus_dir)), pipeline_hash())


@pytest.fixture()
def built(tmp_path: Path) -> Settings:
    s = settings(tmp_path)
    s.corpus_dir.mkdir()
    write_txt(s.corpus_dir, "a")
    write_txt(s.corpus_dir, "b", "合成县", n=2)
    assert build(s, progress=False).action == "built"
    return s


def _gen(s: Settings) -> Path:
    gen = current_generation(s.index_dir)
    assert gen is not None
    return gen


def test_missing(tmp_path: Path) -> None:
    s = settings(tmp_path)
    assert index_status(s, {}, "x")[0] == "missing"
    with pytest.raises(IndexMissing):
        open_index(s)


def test_round_trip(built: Settings) -> None:
    s = built
    assert status(s)[0] == "ok"
    idx = open_index(s)
    assert idx.manifest["format_version"] == INDEX_FORMAT_VERSION
    assert sorted(d.id for d in idx.documents) == ["a", "b"]
    assert idx.backend.count() == len(idx.chunks) == idx.manifest["counts"]["chunks"]
    assert idx.backend.search("海绵城市", 3)[0].chunk.doc_id in ("a", "b")
    manifest = json.loads((_gen(s) / "manifest.json").read_text())
    for key in ("model", "tokenizer", "documents", "chunking", "built_at", "counts", "files", "pipeline", "backend"):
        assert key in manifest
    assert {"docs/a.json", "docs/b.json", "faiss/chunks.jsonl", "faiss/vectors.npy"} <= set(manifest["files"])


def test_up_to_date_build_does_nothing(built: Settings) -> None:
    gen = _gen(built)
    report = build(built, progress=False)
    assert report.action == "up to date" and report.documents == 2
    assert _gen(built) == gen


def test_adding_a_document_parses_and_embeds_only_it(built: Settings) -> None:
    s = built
    before = _gen(s)
    write_txt(s.corpus_dir, "c", "合成区", extra="新增", n=3)
    assert status(s)[0] == "stale" and "c.txt" in status(s)[1]
    emb = FakeEmbedder()
    report = build(s, progress=False, embedder=emb)
    assert (report.action, report.added, report.reused, report.removed) == ("updated", ("c",), 2, ())
    idx = open_index(s)
    new_chunks = [c for c in idx.chunks if c.doc_id == "c"]
    assert 0 < emb.encoded <= len(new_chunks)
    # the reused documents are the previous generation's files, hard-linked
    assert os.path.samefile(before / "docs" / "a.json", _gen(s) / "docs" / "a.json")
    assert {h.chunk.doc_id for h in idx.backend.search("新增", 10)} >= {"c"}


def test_changing_and_removing_documents_update_the_backend(built: Settings) -> None:
    s = built
    write_txt(s.corpus_dir, "a", extra="改写", n=1)
    report = build(s, progress=False)
    assert (report.action, report.added, report.removed) == ("updated", ("a",), ("a",))
    idx = open_index(s)
    assert any("改写" in c.text for c in idx.chunks if c.doc_id == "a")
    assert any("改写" in h.chunk.text for h in idx.backend.search("改写", 5))
    (s.corpus_dir / "b.txt").unlink()
    report = build(s, progress=False)
    assert (report.action, report.removed) == ("updated", ("b",))
    idx = open_index(s)
    assert idx.backend.doc_ids() == {"a"} and [d.id for d in idx.documents] == ["a"]


def test_settings_and_model_changes_make_it_stale(built: Settings, tmp_path: Path) -> None:
    s = built
    model_dir = tmp_path / "other-model"
    model_dir.mkdir()
    (model_dir / "config.json").write_text('{"hidden_size": 8}')
    st, reason = status(s.with_(embed_backend="onnx", model_path=str(model_dir)))
    assert (st, "model" in reason) == ("stale", True)
    assert status(s.with_(chunk_max_chars=300))[0] == "stale"
    assert status(s.with_(use_dense=False))[0] == "stale"


def test_pipeline_change_rebuilds_everything(built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_mod, "pipeline_hash", lambda: "another parser")
    report = build(built, progress=False)
    assert report.action == "built" and set(report.added) == {"a", "b"}


@pytest.mark.parametrize("target", ["docs/a.json", "faiss/chunks.jsonl", "faiss/vectors.npy", "tokenizer.json"])
def test_corrupt_file_is_detected_and_load_recovers(built: Settings, target: str) -> None:
    s = built
    path = _gen(s) / target
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, different content
    path.write_bytes(bytes(data))
    st, reason = status(s)
    assert st == "corrupt", reason
    with pytest.raises(IndexCorrupt) as e:
        open_index(s)
    assert "\n" not in str(e.value) and "rebuild" in str(e.value)
    qa = assistant.load(index_dir=s.index_dir, corpus_dir=s.corpus_dir, embed_backend="fake", chunk_max_chars=80)
    assert qa.ask("海绵城市试点的标准是什么？").found


@pytest.mark.parametrize("garbage", [b"\xff\xfe\x00gen-x\n", b"../../etc\n", b"gen-does-not-exist\n"])
def test_garbled_current_pointer(built: Settings, garbage: bytes) -> None:
    s = built
    (s.index_dir / "CURRENT").write_bytes(garbage)
    st, reason = status(s)
    assert st == "corrupt" and "\n" not in reason
    with pytest.raises(IndexCorrupt):
        open_index(s)
    assert build(s, force=True, progress=False).action == "built"
    assert status(s)[0] == "ok"


@pytest.mark.parametrize("files", [[], "text", {"docs/a.json": [1, 2]}, None])
def test_manifest_of_the_wrong_shape(built: Settings, files: object) -> None:
    s = built
    path = _gen(s) / "manifest.json"
    m = json.loads(path.read_text())
    m["files"] = files
    path.write_text(json.dumps(m))
    st, reason = status(s)
    assert st == "corrupt" and "malformed" in reason
    with pytest.raises(IndexCorrupt):
        open_index(s)
    assert build(s, progress=False).action == "built"


@pytest.mark.parametrize("where", ["seal", "publish"])
def test_interrupted_build_keeps_old_index(built: Settings, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    s = built
    old_gen, old = _gen(s), open_index(s)

    def boom(*args: object, **kw: object) -> None:
        raise KeyboardInterrupt("killed mid-build")

    monkeypatch.setattr(build_mod, where, boom)
    write_txt(s.corpus_dir, "c", "合成区", n=3)
    with pytest.raises(KeyboardInterrupt):
        build(s, progress=False)
    assert _gen(s) == old_gen
    assert open_index(s).chunks == old.chunks
    assert not [p for p in s.index_dir.iterdir() if p.name.startswith(".tmp-gen-")]


def test_old_generations_go_one_build_later(built: Settings) -> None:
    s = built
    first = _gen(s)
    write_txt(s.corpus_dir, "c", "合成区", n=3)
    build(s, progress=False)
    second = _gen(s)
    assert second != first and first.exists()  # a reader may have opened it a moment ago
    (s.corpus_dir / "c.txt").unlink()
    build(s, progress=False)
    assert not first.exists() and second.exists()


def test_forced_rebuild_reuses_the_embedding_cache(built: Settings) -> None:
    emb = FakeEmbedder()
    assert build(built, force=True, progress=False, embedder=emb).action == "built"
    assert emb.encoded == 0


def test_sparse_only_index(tmp_path: Path) -> None:
    s = settings(tmp_path, use_dense=False)
    s.corpus_dir.mkdir()
    write_txt(s.corpus_dir, "a")
    build(s, progress=False)
    idx = open_index(s)
    assert idx.manifest["model"] is None and idx.encoder is None
    hits = idx.backend.search("海绵城市", 3)
    assert hits and hits[0].sources == ("sparse",)


# ---------------------------------------------------------------- files that cannot be indexed

def test_bad_entries_are_reported_and_stay_reported(built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    s = built
    c = s.corpus_dir
    (c / "folder.txt").mkdir()
    (c / "dangling.txt").symlink_to(c / "nowhere.txt")
    (c / "loop.txt").symlink_to(c / "loop.txt")
    (c / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (c / "copy.txt").write_bytes((c / "a.txt").read_bytes())
    write_txt(c, "locked", "合成镇", n=9)
    real_sha = build_mod.list_corpus.__globals__["file_sha256"]

    def sha(path: Path) -> str:
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return str(real_sha(path))

    monkeypatch.setitem(build_mod.list_corpus.__globals__, "file_sha256", sha)
    first = build(s, progress=False)
    want = {"folder.txt": "folder", "dangling.txt": "broken link", "loop.txt": "broken link",
            "binary.txt": "not a text document", "copy.txt": "same content as a.txt", "locked.txt": "Permission denied"}
    for name, why in want.items():
        assert why in first.skipped.get(name, ""), (name, first.skipped)
    again = build(s, progress=False)  # nothing changed: up to date, and still reported
    assert again.action == "up to date" and set(again.skipped) == set(want)
    qa = assistant.load(index_dir=s.index_dir, corpus_dir=s.corpus_dir, embed_backend="fake", chunk_max_chars=80)
    assert {e.split(":")[0] for e in qa.corpus_report()["errors"]} == set(want)
    assert qa.ask("海绵城市试点的标准是什么？").found  # one bad file stops nothing


def test_up_to_date_check_takes_no_lock(built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only index folder can still be queried: only a build that writes locks."""
    def no_lock(index_dir: Path) -> None:
        raise PermissionError(30, "Read-only file system")

    monkeypatch.setattr(build_mod, "build_lock", no_lock)
    assert build(built, progress=False).action == "up to date"
    write_txt(built.corpus_dir, "c", "合成区", n=3)  # stale now, and the folder cannot be written
    with pytest.raises(AssistantError) as e:
        build(built, progress=False)
    assert "cannot write the index" in str(e.value) and "\n" not in str(e.value)
    qa = assistant.load(index_dir=built.index_dir, corpus_dir=built.corpus_dir, embed_backend="fake",
                        chunk_max_chars=80)
    assert sorted(d.id for d in qa.documents) == ["a", "b"]  # the existing index is served


def test_a_full_disk_is_one_line(built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kw: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_mod, "seal", full)
    write_txt(built.corpus_dir, "c", "合成区", n=3)
    with pytest.raises(AssistantError) as e:
        build(built, progress=False)
    assert "No space left on device" in str(e.value) and "unchanged" in str(e.value)
    assert status(built)[0] == "stale"  # the previous index still works
