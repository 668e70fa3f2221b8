"""Odd input and concurrency: one bad file, odd tables, a broken manifest, two builds at once.

Every document here is SYNTHETIC test data written by the test."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

import assistant
from assistant import AssistantError
from assistant.config import make_settings
from assistant.documents.corpus import load_manifest
from assistant.search.build import build

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "liaocheng_construction_carbon_peak_plan_2023.txt"

SYNTH = """示例市测试局
示例测试字〔2099〕1号
示例市测试指标方案（测试用合成数据）
一、总体要求
（一）主要目标。到2030年，示例指标达到百分之九十。
附件：主要指标表
主要指标表
序号\t指标名称\t2025年目标值\t牵头单位
①\t合成透水铺装比例\t42%\t示例市测试局
②\t合成雨水收集量\t7万立方米\t示例市测试局
"""

INDICATORS = """示例市测试局
示例测试字〔2099〕2号
示例市指标清单（测试用合成数据）
一、指标
（一）说明。下表列出合成指标。
合成指标清单
序号\t指标名称\t2025年目标值
1\t合成屋顶绿化面积\t12万平方米
"""


def corpus_with(tmp_path: Path, **files: str) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    shutil.copy(SEED, d)
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def test_circled_row_numbers_do_not_break_the_corpus(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path, **{"synthetic_circled.txt": SYNTH})
    qa = assistant.load(index_dir=tmp_path / "i", corpus_dir=corpus, embed_backend="fake")
    assert len(qa.documents) == 2
    rows = qa.tasks(doc="synthetic_circled")
    assert [r["requirement"] for r in rows][:1] and all(r["row_no"] >= 1 for r in rows)
    assert "市住房和城乡建设局" in qa.ask("海绵城市建设由哪个单位牵头？").answer


def test_tables_without_units_stay_searchable(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path, **{"synthetic_indicators.txt": INDICATORS})
    qa = assistant.load(index_dir=tmp_path / "i", corpus_dir=corpus, embed_backend="fake")
    doc = qa.by_id["synthetic_indicators"]
    assert "合成屋顶绿化面积" in doc.text and "12万平方米" in doc.text
    ans = qa.ask("合成屋顶绿化面积2025年目标值是多少？", doc="synthetic_indicators")
    assert ans.found and "12万平方米" in ans.answer


def test_failed_rebuild_keeps_an_existing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = corpus_with(tmp_path)
    qa = assistant.load(index_dir=tmp_path / "i", corpus_dir=corpus, embed_backend="fake")
    import assistant.library as library

    def boom(*a: object, **k: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(library, "build", boom)
    with pytest.raises(RuntimeError):
        qa.add_document(SEED)  # same name, same bytes: already in the corpus
    assert (corpus / SEED.name).exists()
    with pytest.raises(AssistantError):
        qa.add_document(SEED, name=".hidden.txt")
    assert sorted(p.name for p in corpus.iterdir()) == [SEED.name]


def test_broken_manifest_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text('[document]\nfile = "x.txt"\n', encoding="utf-8")
    with pytest.raises(AssistantError) as e:
        load_manifest(tmp_path)
    assert "[[document]]" in str(e.value) and "\n" not in str(e.value)


def test_issuers_given_as_one_string(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path)
    (corpus / "manifest.toml").write_text(
        f'[[document]]\nfile = "{SEED.name}"\nissuers = "聊城市住房和城乡建设局"\n', encoding="utf-8")
    qa = assistant.load(index_dir=tmp_path / "i", corpus_dir=corpus, embed_backend="fake")
    assert qa.documents[0].meta.issuers == ("聊城市住房和城乡建设局",)


def test_bad_environment_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_K", "abc")
    with pytest.raises(AssistantError) as e:
        make_settings()
    assert "ASSISTANT_K" in str(e.value)


def test_two_builds_at_once_leave_a_working_index(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path)
    s = make_settings(index_dir=tmp_path / "i", corpus_dir=corpus, embed_backend="fake")
    errors: list[BaseException] = []

    def run() -> None:
        try:
            build(s, force=True, progress=False)
        except BaseException as e:  # noqa: BLE001 - collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    qa = assistant.load(index_dir=tmp_path / "i", corpus_dir=corpus, embed_backend="fake")
    assert qa.ask("海绵城市建设由哪个单位牵头？").found
    assert len(list((tmp_path / "i").glob("gen-*"))) <= 2
