"""Faults found by review and fault injection: each ends in one clean line or a recovery.

Questions, command-line arguments, a file holding the plan many times over, the word
segmenter, a failed document upload, a build that waited for another, default paths.
Corpora are the seed (read-only copies) or SYNTHETIC TXT plans; FakeEmbedder.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from synthetic_index_docs import write_txt

import assistant
import assistant.library as library
import assistant.search.build as build_mod
from assistant.config import AssistantError, Settings, make_settings
from assistant.search.store import IndexCorrupt, current_generation
from assistant.text import WORD_CUTTER

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "liaocheng_construction_carbon_peak_plan_2023.txt"


# ---------------------------------------------------------------- questions

@pytest.mark.parametrize("question, words", [
    ("", "empty question"),
    ("   ", "empty question"),
    ("清洁取暖" * 300, "too long"),
    ("清洁取暖由谁牵头\udcff？", "not valid UTF-8"),
])
def test_bad_questions_are_one_line(seed_qa, question: str, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AssistantError) as e:
        seed_qa.ask(question)
    assert words in str(e.value) and "\n" not in str(e.value)


def test_k_must_be_positive(seed_qa) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AssistantError):
        seed_qa.ask("清洁取暖由谁牵头？", k=0)


def test_rare_characters_are_tagged_once_and_without_the_hmm(seed_qa, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """jieba's POS HMM costs ~17 ms a character it does not know: a question of rare
    characters used to be tagged twice with it (300 characters: ~10 s)."""
    tok = seed_qa.index.tokenizer
    tok.warm()
    calls: list[bool] = []
    real = tok._pos.lcut

    def spy(text: str, HMM: bool = True) -> list:  # type: ignore[type-arg]  # noqa: N803
        calls.append(HMM)
        return list(real(text, HMM=HMM))

    monkeypatch.setattr(tok._pos, "lcut", spy)
    rare = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(280))
    seed_qa.ask(rare)
    assert calls == [False]
    calls.clear()
    seed_qa.ask("济南市的清洁取暖目标是多少？")  # an ordinary question keeps the HMM (new names)
    assert calls == [True]


def test_the_word_segmenter_is_per_question(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """Loading or asking never swaps a process-wide segmenter (other questions may be running)."""
    assert WORD_CUTTER.get() is None
    seed_qa.ask("清洁取暖由谁牵头？")
    assert WORD_CUTTER.get() is None


def test_years_are_not_amounts() -> None:
    from assistant.answering.intent import find_years

    assert find_years("“十四五”期间新增绿色建筑2000万平方米") == ()
    assert find_years("2025年新建建筑中绿色建筑占比") == (2025,)
    assert find_years("What is the 2030 target?") == (2030,)
    assert find_years("比2020年下降5个百分点") == ()


# ---------------------------------------------------------------- command line

@pytest.fixture(scope="module")
def cli_dirs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    corpus = tmp_path_factory.mktemp("cli-corpus")
    (corpus / SEED.name).write_bytes(SEED.read_bytes())
    return ["--corpus", str(corpus), "--index", str(tmp_path_factory.mktemp("cli-index"))]


@pytest.mark.parametrize("args, words", [
    (["tasks", "--unit", ""], "empty unit"),
    (["tasks", "--year", "0"], "year must be between"),
    (["targets", "--year", "99999"], "year must be between"),
    (["ask", "清洁取暖由谁牵头？", "-k", "0"], "k must be at least 1"),
    (["ask", "清洁取暖由谁牵头？", "--level", "bogus"], "unknown level"),
    (["tasks", "--unit", "不存在的局"], "unknown unit"),
])
def test_bad_arguments_are_one_line(cli_dirs: list[str], args: list[str], words: str,
                                    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.cli import main

    monkeypatch.setenv("ASSISTANT_EMBED_BACKEND", "fake")
    assert main([*args, *cli_dirs]) != 0
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and words in lines[0], err


# ---------------------------------------------------------------- the plan repeated

def test_a_file_holding_the_plan_many_times(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "repeated.txt").write_text(SEED.read_text(encoding="utf-8") * 40, encoding="utf-8")
    report = build_mod.build(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embed_backend="fake"),
                             progress=False)
    assert any("39 repeated copies" in w for w in report.warnings), report.warnings
    qa = assistant.load(index_dir=tmp_path / "index", corpus_dir=corpus, embed_backend="fake")
    assert len(qa.tasks()) == 33
    ans = qa.ask("市住房和城乡建设局牵头哪些任务？")
    assert len(ans.tasks) == 25 and len(ans.answer) < 6000


def test_long_task_lists_are_cut_with_a_count() -> None:
    from assistant.answering.compose import MAX_LISTED
    from assistant.answering.intent import Query
    from assistant.answering.tasklists import answer_unit_tasks
    from assistant.types import DocMeta, Document, TaskRow

    rows = tuple(TaskRow(doc_id="d", row_no=i, key_task="合成", measure=f"合成措施{i % 3}",
                         requirement=f"合成测试任务第{i}项。", lead_units=("市合成局",), participating_units=())
                 for i in range(1, MAX_LISTED + 12))
    doc = Document(meta=DocMeta(id="d", title="合成方案"), text="", tasks=rows)
    q = Query(text="市合成局牵头哪些任务", original="", intent="unit_tasks", unit="市合成局", role="lead")
    d = answer_unit_tasks(q, [doc], list(rows))
    assert sum(line.startswith("·") for line in d.lines) == MAX_LISTED
    assert "另有11项" in d.text and len(d.tasks) == len(rows)


# ---------------------------------------------------------------- adding a document

def test_a_failure_after_the_update_was_published_takes_the_file_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_txt(corpus, "a")
    qa = assistant.load(index_dir=tmp_path / "index", corpus_dir=corpus, embed_backend="fake")
    new = write_txt(tmp_path, "b", "合成县", n=2)
    real_open = library.open_index
    state = {"n": 0}

    def open_once_broken(*args: object, **kw: object) -> object:
        state["n"] += 1
        if state["n"] == 1:  # the update is published; opening it fails
            raise IndexCorrupt("simulated unreadable index")
        return real_open(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "open_index", open_once_broken)
    with pytest.raises(IndexCorrupt):
        qa.add_document(new)
    assert not (corpus / "b.txt").exists()
    again = assistant.load(index_dir=tmp_path / "index", corpus_dir=corpus, embed_backend="fake")
    assert [d.id for d in again.documents] == ["a"]  # the index agrees with the corpus again
    assert [d.id for d in qa.documents] == ["a"]  # and the object kept serving the old index


def test_questions_during_an_upload_see_one_index(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_txt(corpus, "a")
    qa = assistant.load(index_dir=tmp_path / "index", corpus_dir=corpus, embed_backend="fake")
    seen: list[set[str]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def asker() -> None:
        while not stop.is_set():
            try:
                ans = qa.ask("海绵城市试点由谁牵头？")
                seen.append({c.doc_id for c in ans.citations})
            except BaseException as e:  # noqa: BLE001 - any error fails the test
                errors.append(e)

    t = threading.Thread(target=asker)
    t.start()
    try:
        qa.add_document(write_txt(tmp_path, "b", "合成县", n=2))
    finally:
        stop.set()
        t.join(30)
    assert not errors and seen
    assert sorted(d.id for d in qa.documents) == ["a", "b"]


# ---------------------------------------------------------------- builds and settings

def test_a_build_that_waited_for_another_finds_the_index_up_to_date(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", embed_backend="fake")
    s.corpus_dir.mkdir()
    write_txt(s.corpus_dir, "a")
    build_mod.build(s, progress=False)
    write_txt(s.corpus_dir, "b", "合成县", n=2)
    real_lock = build_mod.build_lock

    @contextmanager
    def lock_after_another_build(index_dir: Path) -> Iterator[None]:
        monkeypatch.setattr(build_mod, "build_lock", real_lock)
        build_mod.build(s, progress=False)  # someone else built while this one waited
        with real_lock(index_dir):
            yield

    monkeypatch.setattr(build_mod, "build_lock", lock_after_another_build)
    gen = None
    report = build_mod.build(s, progress=False)
    gen = current_generation(s.index_dir)
    assert report.action == "up to date" and report.documents == 2
    assert current_generation(s.index_dir) == gen


def test_default_paths_are_relative_to_the_working_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    s = make_settings()
    assert s.corpus_dir == Path("corpus") and s.index_dir == Path("index")
    assert "site-packages" not in str(s.corpus_dir.resolve()) or Path.cwd().match("*site-packages*")
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", "/srv/policy/index")
    assert make_settings().index_dir == Path("/srv/policy/index")


def test_unknown_backend_is_one_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_txt(corpus, "a")
    with pytest.raises(AssistantError) as e:
        assistant.load(index_dir=tmp_path / "index", corpus_dir=corpus, embed_backend="fake", backend="elastic")
    assert "unknown backend" in str(e.value) and "\n" not in str(e.value)
