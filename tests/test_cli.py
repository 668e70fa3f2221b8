"""The command line: output shapes and one-line errors with non-zero exits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTANT_EMBED_BACKEND": "fake", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


@pytest.fixture(scope="module")
def dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    corpus = tmp_path_factory.mktemp("cli-corpus")
    for p in (ROOT / "corpus").iterdir():
        if p.is_file():
            shutil.copy(p, corpus / p.name)
    index = tmp_path_factory.mktemp("cli-index")
    r = run("build", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 0, r.stderr
    return str(corpus), str(index)


def test_ask_json(dirs: tuple[str, str]) -> None:
    corpus, index = dirs
    r = run("ask", "海绵城市建设由哪个单位牵头？", "--json", "--corpus", corpus, "--index", index)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["found"] and d["citations"] and "住房和城乡建设局" in d["answer"]


def test_ask_text_lists_citations(dirs: tuple[str, str]) -> None:
    corpus, index = dirs
    r = run("ask", "清洁取暖由谁牵头？", "--corpus", corpus, "--index", index)
    assert r.returncode == 0 and "[1]" in r.stdout and "附件第" in r.stdout


def test_tasks_csv_has_bom_and_rows(dirs: tuple[str, str]) -> None:
    corpus, index = dirs
    r = run("tasks", "--unit", "城管局", "--role", "lead", "--csv", "--corpus", corpus, "--index", index)
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith("\ufeffdoc_id") and len(lines) > 5
    assert all("市城市管理局" in ln for ln in lines[1:])


def test_targets_and_corpus(dirs: tuple[str, str]) -> None:
    corpus, index = dirs
    r = run("targets", "--year", "2030", "--json", "--corpus", corpus, "--index", index)
    assert r.returncode == 0 and all(t["year"] == 2030 for t in json.loads(r.stdout))
    r = run("corpus", "--corpus", corpus, "--index", index)
    assert r.returncode == 0 and "聊建字〔2023〕31号" in r.stdout and "山东省城乡建设领域碳达峰实施方案" in r.stdout


def test_second_build_is_a_no_op(dirs: tuple[str, str]) -> None:
    corpus, index = dirs
    r = run("build", "--corpus", corpus, "--index", index)
    assert r.returncode == 0 and "up to date" in r.stdout


@pytest.mark.parametrize("args,needle", [
    (("ask", "  "), "empty question"),
    (("tasks", "--unit", "不存在的局"), "unknown unit"),
])
def test_bad_input_is_one_line_error(dirs: tuple[str, str], args: tuple[str, ...], needle: str) -> None:
    corpus, index = dirs
    r = run(*args, "--corpus", corpus, "--index", index)
    assert r.returncode != 0
    assert needle in r.stderr and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_missing_corpus_and_corrupt_index(dirs: tuple[str, str], tmp_path: Path) -> None:
    r = run("ask", "问题", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "idx"))
    assert r.returncode != 0 and "corpus folder not found" in r.stderr and "Traceback" not in r.stderr
    corpus, index = dirs
    broken = tmp_path / "broken-index"
    shutil.copytree(index, broken)
    current = (broken / "CURRENT").read_text().strip()
    (broken / current / "chunks.jsonl").write_text("garbage", encoding="utf-8")
    r = run("ask", "海绵城市建设由哪个单位牵头？", "--corpus", corpus, "--index", str(broken))
    assert r.returncode == 0, r.stderr  # a corrupt index is rebuilt, not fatal
    assert "住房和城乡建设局" in r.stdout


def test_empty_and_bad_files_are_skipped_with_a_message(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "liaocheng_construction_carbon_peak_plan_2023.txt", corpus)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    r = run("build", "--corpus", str(corpus), "--index", str(tmp_path / "i"))
    assert r.returncode == 0
    assert "empty.txt" in r.stderr and "broken.pdf" in r.stderr and "Traceback" not in r.stderr
    r = run("ask", "海绵城市建设由哪个单位牵头？", "--corpus", str(corpus), "--index", str(tmp_path / "i"))
    assert r.returncode == 0 and "住房和城乡建设局" in r.stdout
