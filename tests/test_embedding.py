"""Embedders: the fake one (unit), ONNX vs sentence-transformers (integration)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.config import AssistantError, Settings, default_model_path
from assistant.search.embedding import Embedder, FakeEmbedder, get_embedder, model_fingerprint

SENTENCES = ["清洁取暖由哪个部门牵头？", "到2025年城市再生水利用率达到55%。",
             "全面推进海绵城市建设，各类建设项目同步执行海绵城市标准。" * 6, "BIM", "合成测试句子"]


def test_fake_embedder_is_normalised_and_deterministic() -> None:
    e = FakeEmbedder()
    a = e.encode(SENTENCES)
    assert a.dtype == np.float32 and a.shape == (len(SENTENCES), 64)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(a, FakeEmbedder().encode(SENTENCES))
    assert float(a[0] @ a[1]) < 0.99
    assert e.encode([]).shape == (0, 64)
    assert isinstance(e, Embedder)


def test_get_embedder_backends() -> None:
    assert isinstance(get_embedder(Settings(embed_backend="fake")), FakeEmbedder)
    with pytest.raises(AssistantError):
        get_embedder(Settings(embed_backend="nonsense", model_path=default_model_path() or "/nonexistent"))
    with pytest.raises(AssistantError):
        get_embedder(Settings(embed_backend="onnx", model_path="/nonexistent/model"))


def test_fingerprint_ignores_location(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "config.json").write_text('{"hidden_size": 8}')
    assert model_fingerprint(tmp_path / "a") == model_fingerprint(tmp_path / "b")
    (tmp_path / "b" / "config.json").write_text('{"hidden_size": 16}')
    assert model_fingerprint(tmp_path / "a") != model_fingerprint(tmp_path / "b")


def test_search_stack_does_not_import_torch() -> None:
    code = ("import sys\n"
            "import assistant.search.store, assistant.search.retriever, assistant.search.embedding\n"
            "from assistant.search.embedding import FakeEmbedder\n"
            "FakeEmbedder().encode(['x'])\n"
            "bad = [m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules]\n"
            "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


needs_model = pytest.mark.skipif(not default_model_path(), reason="m3e-small not installed")


@pytest.fixture(scope="module")
def onnx_settings(tmp_path_factory: pytest.TempPathFactory, model_cache: str) -> Settings:
    """Its own copy of the shared export: one test here damages it on purpose."""
    import shutil

    cache = tmp_path_factory.mktemp("onnx-cache")
    if (Path(model_cache) / "onnx").is_dir():
        shutil.copytree(Path(model_cache) / "onnx", cache / "onnx")
    return Settings(index_dir=tmp_path_factory.mktemp("onnx-index"), embed_backend="onnx", cache_dir=str(cache))


@pytest.mark.integration
@needs_model
def test_onnx_matches_sentence_transformers(onnx_settings: Settings) -> None:
    onnx = get_embedder(onnx_settings)
    torch_e = get_embedder(onnx_settings.with_(embed_backend="torch"))
    a = onnx.encode(SENTENCES, batch_size=2)
    b = torch_e.encode(SENTENCES)
    assert a.shape == b.shape == (len(SENTENCES), onnx.dim)
    cos = (a * b).sum(axis=1)
    assert cos.min() > 0.999, cos
    # batching and padding must not change a vector
    assert np.allclose(onnx.encode(SENTENCES[:1])[0], a[0], atol=1e-4)


@pytest.mark.integration
@needs_model
def test_encode_each_gives_one_by_one_vectors_bit_for_bit(onnx_settings: Settings) -> None:
    """Phrases run in single-threaded lanes at once must get exactly the vectors one run each
    on the shared (multi-threaded) session gives: an answer weighs them against calibrated
    thresholds, and the int8 model is where batching would change them.  Three lanes are forced
    (a 2-core runner would use two), callers come from several threads, a lane that cannot be
    opened leaves the work to the shared session."""
    import threading
    from dataclasses import replace

    from assistant.search.onnx import OnnxEmbedder

    onnx = OnnxEmbedder.from_settings(replace(onnx_settings, onnx_int8=True))
    texts = [s[:n] for s in SENTENCES for n in (3, 8, len(s))] + ["绿地率", "城镇民用建筑单位面积综合供暖能耗"]
    alone = np.stack([onnx.encode([t])[0] for t in texts])
    wide = onnx._open(8)  # another thread count than both the shared session's and the lanes'
    assert np.array_equal(np.stack([onnx._run([e], wide)[0] for e in onnx.tokenizer.encode_batch(texts)]), alone)
    onnx._lane_count = 3
    each = onnx.encode_each(texts)
    assert each.dtype == np.float32 and each.shape == alone.shape
    assert np.array_equal(each, alone) and len(onnx._each) == 3
    assert np.array_equal(onnx.encode_each(texts[::-1]), alone[::-1])  # neighbours change nothing
    assert onnx.encode_each([]).shape == (0, onnx.dim)
    assert np.array_equal(onnx.encode_each(texts[:1]), alone[:1])
    got: list[bool] = []

    def caller(k: int) -> None:
        got.append(all(np.array_equal(onnx.encode_each(texts[k:k + 5]), alone[k:k + 5]) for _ in range(3)))

    threads = [threading.Thread(target=caller, args=(k,)) for k in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert got == [True] * 4
    broken = OnnxEmbedder.from_settings(replace(onnx_settings, onnx_int8=True))
    broken._lane_count = 2
    broken._open = lambda threads: (_ for _ in ()).throw(MemoryError())  # type: ignore[method-assign]
    assert np.array_equal(broken.encode_each(texts), alone)


@pytest.mark.integration
@needs_model
def test_onnx_query_path_does_not_import_torch(onnx_settings: Settings) -> None:
    get_embedder(onnx_settings)  # make sure the export exists
    code = ("import sys\n"
            "from assistant.config import Settings\n"
            "from assistant.search.embedding import get_embedder\n"
            f"e = get_embedder(Settings(index_dir={str(onnx_settings.index_dir)!r}, "
            f"cache_dir={onnx_settings.cache_dir!r}))\n"
            "assert e.encode(['清洁取暖']).shape == (1, e.dim)\n"
            "assert 'torch' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


@pytest.mark.integration
@needs_model
def test_a_truncated_onnx_export_is_exported_again(onnx_settings: Settings) -> None:
    from assistant.search.embedding import model_fingerprint, onnx_cache_dir

    want = get_embedder(onnx_settings).encode(SENTENCES[:1])
    model = onnx_cache_dir(onnx_settings, model_fingerprint(onnx_settings.resolved_model_path)) / "model.onnx"
    model.write_bytes(model.read_bytes()[: model.stat().st_size // 3])
    again = get_embedder(onnx_settings)
    assert np.allclose(again.encode(SENTENCES[:1]), want, atol=1e-5)


def test_a_garbled_export_is_replaced_and_a_failed_one_says_what_to_delete(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.search.onnx as emb
    from assistant.config import AssistantError

    model_dir = tmp_path / "model"
    model_dir.mkdir()
    (model_dir / "config.json").write_text("{}")
    s = Settings(index_dir=tmp_path / "index", model_path=str(model_dir))
    folder = emb.onnx_cache_dir(s, emb.model_fingerprint(str(model_dir)))
    folder.mkdir(parents=True)
    (folder / "meta.json").write_bytes(b"\x00{not json")
    exports: list[Path] = []

    def fake_export(model_path: str, out_dir: Path, max_len: int = 512) -> Path:
        exports.append(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "meta.json").write_text("still not an export")
        return out_dir

    monkeypatch.setattr(emb, "export_in_subprocess", fake_export)
    with pytest.raises(AssistantError) as e:
        emb.OnnxEmbedder.from_settings(s)
    assert exports == [folder]  # the garbled folder was removed and exported once
    assert str(folder) in str(e.value) and "delete that folder" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.integration
@needs_model
def test_two_processes_exporting_at_once_both_succeed(tmp_path: Path) -> None:
    code = ("from assistant.config import Settings\n"
            "from assistant.search.embedding import get_embedder\n"
            f"e = get_embedder(Settings(index_dir={str(tmp_path)!r}))\n"
            "print(e.encode(['清洁取暖']).shape)\n")
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-300:] for _, err in outs]
    assert all("(1, 512)" in out for out, _ in outs)
