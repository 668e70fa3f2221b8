"""Checks of the hand-written evaluation set ``eval/questions.jsonl`` against the seed text.

No model and no index: the evaluation is only as good as its gold answers, so these tests
pin the file's shape (see ``/work/shared/spec/interface.md``) and its fidelity to the
seed document's own words.  Row and clause counts are read from the seed, not hard-coded.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "eval" / "questions.jsonl"
SEED = ROOT / "corpus" / "liaocheng_construction_carbon_peak_plan_2023.txt"

TYPES = {"lead", "unit_tasks", "target", "conflict", "general", "refuse"}
MIN_PER_TYPE = {"lead": 25, "unit_tasks": 8, "target": 35, "general": 15, "conflict": 3, "refuse": 22}
GOLD_KEYS = {"rows", "clauses", "must_include", "header", "doc_id"}
ROLES = {"lead", "participate", "any"}
# Canonical unit names the assistant outputs, with the stems by which the raw table
# names each one (it also writes 市城管局 and the split 市城市管理、住房和城乡建设局).
CANONICAL_UNITS: dict[str, tuple[str, ...]] = {
    "市住房和城乡建设局": ("住房和城乡建设",),
    "市城市管理局": ("城市管理", "城管"),
    "市自然资源和规划局": ("自然资源",),
    "市发展和改革委员会": ("发展和改革",),
    "市财政局": ("财政局",),
}
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Longest run of characters a question may share with the seed: staff ask in their
# own words, so a question that copies a whole phrase would flatter lexical retrieval.
MAX_VERBATIM = 12


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _cn_number(s: str) -> int:
    """一..九十九 as written in clause numbers (十二, 二十二)."""
    if "十" not in s:
        return CN_DIGITS[s]
    tens, _, ones = s.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def questions() -> list[dict[str, Any]]:
    out = []
    for n, line in enumerate(QUESTIONS.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            obj = json.loads(line)
            assert isinstance(obj, dict), f"line {n} is not a JSON object"
            out.append(obj)
    return out


@pytest.fixture(scope="module")
def clause_count(seed: str) -> int:
    nums = [_cn_number(m) for m in re.findall(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]", seed, re.M)]
    assert nums == list(range(1, len(nums) + 1)), nums
    return len(nums)


@pytest.fixture(scope="module")
def row_records(seed: str) -> dict[int, str]:
    """Table row 序号 -> its raw text, continuation lines after a page break included."""
    starts = list(re.finditer(r"^(\d+)\t", seed, re.M))
    records = {}
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(seed)
        records[int(m.group(1))] = seed[m.start() : end]
    assert sorted(records) == list(range(1, len(records) + 1))
    return records


def _is_english(q: str) -> bool:
    return len(re.findall(r"[A-Za-z]", q)) > len(re.findall(r"[\u4e00-\u9fff]", q))


def test_seed_structure_is_as_expected(clause_count: int, row_records: dict[int, str]) -> None:
    """Guards the small regexes above: the rest of the file reads the counts from them."""
    assert clause_count == 22
    assert len(row_records) == 33


def test_ids_unique_and_sequential(questions: list[dict[str, Any]]) -> None:
    ids = [q["id"] for q in questions]
    assert ids == [f"q{i:03d}" for i in range(1, len(ids) + 1)]


def test_fields_and_types(questions: list[dict[str, Any]]) -> None:
    for q in questions:
        assert q["type"] in TYPES, q["id"]
        assert isinstance(q["question"], str) and q["question"].strip(), q["id"]
        assert isinstance(q["gold"], dict), q["id"]
        assert set(q["gold"]) <= GOLD_KEYS, q["id"]


def test_questions_unique(questions: list[dict[str, Any]]) -> None:
    texts = Counter(_squash(q["question"]) for q in questions)
    assert [t for t, c in texts.items() if c > 1] == []


def test_minimum_counts(questions: list[dict[str, Any]]) -> None:
    counts = Counter(q["type"] for q in questions)
    assert len(questions) >= 130
    for t, n in MIN_PER_TYPE.items():
        assert counts[t] >= n, (t, counts[t])


def test_english_questions_spread_over_types(questions: list[dict[str, Any]]) -> None:
    english = [q for q in questions if _is_english(q["question"])]
    assert len(english) >= 12
    assert len({q["type"] for q in english}) >= 5


def test_refuse_has_empty_gold(questions: list[dict[str, Any]]) -> None:
    for q in questions:
        if q["type"] == "refuse":
            assert q["gold"] == {}, q["id"]


def test_answerable_questions_have_a_target_and_facts(questions: list[dict[str, Any]]) -> None:
    for q in questions:
        if q["type"] == "refuse":
            continue
        gold = q["gold"]
        assert gold.get("rows") or gold.get("clauses") or gold.get("header") is True, q["id"]
        assert gold.get("must_include"), q["id"]
        assert all(isinstance(s, str) and s.strip() for s in gold["must_include"]), q["id"]
        if gold.get("header"):
            assert q["type"] == "general", q["id"]
            assert not gold.get("rows"), q["id"]


def test_gold_rows_and_clauses_exist_in_seed(
    questions: list[dict[str, Any]], clause_count: int, row_records: dict[int, str]
) -> None:
    for q in questions:
        rows, clauses = q["gold"].get("rows", []), q["gold"].get("clauses", [])
        assert len(rows) == len(set(rows)) and len(clauses) == len(set(clauses)), q["id"]
        assert all(isinstance(r, int) and r in row_records for r in rows), q["id"]
        assert all(isinstance(c, int) and 1 <= c <= clause_count for c in clauses), q["id"]


def test_must_include_copied_from_seed(questions: list[dict[str, Any]], seed: str) -> None:
    flat = _squash(seed)
    missing = [
        (q["id"], s)
        for q in questions
        for s in q["gold"].get("must_include", [])
        if _squash(s) not in flat and s not in CANONICAL_UNITS
    ]
    assert missing == []


def test_questions_are_not_copied_from_the_document(questions: list[dict[str, Any]], seed: str) -> None:
    flat = _squash(seed)
    too_long = []
    for q in questions:
        text = _squash(q["question"])
        best = 0
        for i in range(len(text)):
            j = i + best + 1
            while j <= len(text) and text[i:j] in flat:
                best, j = j - i, j + 1
        if best > MAX_VERBATIM:
            too_long.append((q["id"], best))
    assert too_long == []


def test_conflict_questions_cite_both_sources(questions: list[dict[str, Any]]) -> None:
    for q in questions:
        if q["type"] == "conflict":
            gold = q["gold"]
            assert gold.get("rows") and gold.get("clauses"), q["id"]
            assert len(gold["must_include"]) >= 2, q["id"]


def _unit_sets(questions: list[dict[str, Any]]) -> dict[tuple[str, str], set[int]]:
    sets: dict[tuple[str, str], set[int]] = {}
    for q in questions:
        if q["type"] != "unit_tasks":
            continue
        key = (q["unit"], q["role"])
        rows = set(q["gold"]["rows"])
        assert sets.setdefault(key, rows) == rows, f"{q['id']}: {key} disagrees with an earlier question"
    return sets


def test_unit_tasks_metadata_and_coverage(questions: list[dict[str, Any]]) -> None:
    tasks = [q for q in questions if q["type"] == "unit_tasks"]
    for q in tasks:
        assert q["unit"] in CANONICAL_UNITS and q["role"] in ROLES, q["id"]
        assert q["gold"].get("rows") and not q["gold"].get("clauses"), q["id"]
    assert {q["unit"] for q in tasks} == set(CANONICAL_UNITS)
    assert {q["role"] for q in tasks} == ROLES


def test_unit_tasks_sets_agree_with_each_other(
    questions: list[dict[str, Any]], row_records: dict[int, str]
) -> None:
    sets = _unit_sets(questions)
    for unit in CANONICAL_UNITS:
        lead, part, both = sets.get((unit, "lead")), sets.get((unit, "participate")), sets.get((unit, "any"))
        if lead is not None and part is not None:
            assert not lead & part, unit
            if both is not None:
                assert both == lead | part, unit
    # every table row has a lead among the five units, so their lead sets must cover the table
    leads = [sets[(u, "lead")] for u in CANONICAL_UNITS if (u, "lead") in sets]
    if len(leads) == len(CANONICAL_UNITS):
        assert set().union(*leads) == set(row_records)


def test_unit_tasks_rows_name_the_unit(questions: list[dict[str, Any]], row_records: dict[int, str]) -> None:
    """Independent cross-check on the raw text: a row can only be a unit's task if the
    row's own text names that unit; for role "any" the converse holds too (the stems
    never occur in the requirement wording of this table)."""
    for q in questions:
        if q["type"] != "unit_tasks":
            continue
        stems = CANONICAL_UNITS[q["unit"]]
        naming = {r for r, rec in row_records.items() if any(s in rec for s in stems)}
        gold = set(q["gold"]["rows"])
        assert gold <= naming, (q["id"], sorted(gold - naming))
        if q["role"] == "any":
            assert gold == naming, (q["id"], sorted(naming ^ gold))


@pytest.fixture(scope="module")
def clause_texts(seed: str, clause_count: int) -> dict[int, str]:
    """Clause number -> its text; the last clause runs up to the table's first row."""
    marks = list(re.finditer(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]", seed, re.M))
    table = re.search(r"^1\t", seed, re.M)
    stop = table.start() if table else len(seed)
    return {
        _cn_number(m.group(1)): seed[m.start() : marks[i + 1].start() if i + 1 < len(marks) else stop]
        for i, m in enumerate(marks)
    }


def test_must_include_found_in_gold_passages(
    questions: list[dict[str, Any]], seed: str, clause_texts: dict[int, str], row_records: dict[int, str]
) -> None:
    """Each decisive fact sits in a passage the gold points at, so a wrong row or clause
    number shows up here (unit names may appear in the table's short forms)."""
    header = seed[: seed.index("（一）")]
    bad = []
    for q in questions:
        gold = q["gold"]
        if q["type"] == "refuse":
            continue
        passages = [row_records[r] for r in gold.get("rows", [])]
        passages += [clause_texts[c] for c in gold.get("clauses", [])]
        if gold.get("header"):
            passages.append(header)
        pool = _squash("\n".join(passages))
        for s in gold["must_include"]:
            forms = CANONICAL_UNITS.get(s, (s,))
            if not any(_squash(f) in pool for f in forms):
                bad.append((q["id"], s))
    assert bad == []
