"""Quantitative targets (assistant/targets.py)."""

from __future__ import annotations

import pytest

from assistant.documents.targets import extract_targets, quantities, row_years
from assistant.types import Clause, Target, TaskRow


@pytest.fixture(scope="module")
def targets(seed_parts: tuple[list[Clause], list[TaskRow]]) -> list[Target]:
    clauses, rows = seed_parts
    return extract_targets(clauses, rows, "seed")


def _find(targets: list[Target], value: str, indicator_part: str = "") -> Target:
    hits = [t for t in targets if t.value == value and indicator_part in t.indicator]
    assert len(hits) == 1, (value, indicator_part, hits)
    return hits[0]


def test_clean_heating_2030(targets: list[Target]) -> None:
    t = _find(targets, "85%以上")
    assert (t.year, t.clause_no, t.row_no, t.doc_id) == (2030, 15, 24, "seed")
    assert "清洁供暖比例" in t.indicator and "清洁供暖比例达到 85%以上" in t.text


@pytest.mark.parametrize("value,indicator,year,clause,row", [
    ("8公里/平方公里", "道路网密度", None, 4, 2),
    ("13.64 万户", "老旧小区改造", 2025, 5, 4),
    ("300 吨/万平方米", "新建建筑施工现场建筑垃圾排放量", 2025, 18, 33),
    ("200 吨/万平方米", "装配式建筑", 2025, 18, 33),
    ("80%以上", "农村地区清洁取暖率", 2025, 12, 17),  # the row's 清洁能源取暖率 is merged in
    ("2000万平方米以上", "新增绿色建筑", 2025, 13, 18),  # 十四五 -> 2025
    ("12%", "可再生能源替代常规能源消耗比例", 2030, 15, 23),  # indicator carried from the 10% before
    ("30%以上", "综合供暖能耗", 2030, 16, 28),
    ("5 个百分点", "热损失", 2030, 7, 5),  # 比 2020 年 is a baseline, not the year
    ("100%", "节能型灯具应用率", None, 7, None),  # body only
])
def test_seed_targets(targets: list[Target], value: str, indicator: str, year: int | None, clause: int,
                      row: int | None) -> None:
    t = _find(targets, value, indicator)
    assert (t.year, t.clause_no, t.row_no) == (year, clause, row)


def test_no_target_without_a_number(targets: list[Target]) -> None:
    assert not [t for t in targets if t.clause_no in (1, 2, 3)]  # 2060年前 … is a goal, not a figure
    assert not [t for t in targets if "星级" in t.value]
    assert not [t for t in targets if "分钟" in t.value or t.value.startswith("300 米")]


def test_rows_repeating_a_target_are_merged(targets: list[Target]) -> None:
    keys = [(t.clause_no, t.value.replace(" ", ""), t.year, t.indicator) for t in targets]
    assert len(keys) == len(set(keys))
    assert all(t.clause_no is not None for t in targets)
    assert len(targets) >= 40


def test_row_only_target_is_kept() -> None:
    # SYNTHETIC: a row stating a figure its clause does not have
    clause = Clause(no=1, title="推进清洁取暖", text="（一）推进清洁取暖。到2025年清洁取暖率达到70%。",
                    section_no=None, section_title=None, start=0, end=30)
    row = TaskRow(doc_id="s", row_no=3, key_task="", measure="", requirement="到2025年新增热泵500座。",
                  lead_units=(), participating_units=(), clause_no=1)
    got = extract_targets([clause], [row], "s")
    assert [(t.value, t.row_no, t.year) for t in got] == [("70%", None, 2025), ("500座", 3, 2025)]


def test_quantities_attach_each_value_to_its_indicator() -> None:
    qs = quantities("到 2025 年，新建改造城区污水管网 200 公里、雨水管网 300 公里，60%以上的县基本建成示范县。")
    assert [(q.value, q.indicator, q.year) for q in qs] == [
        ("200 公里", "新建改造城区污水管网", 2025), ("300 公里", "雨水管网", 2025),
        ("60%以上", "县基本建成示范县", 2025)]
    assert quantities("超高层建筑按照三星级标准建设。")[0].key == "三"


def test_row_years() -> None:
    assert row_years("到2025年全面完成2000年前建成的老旧小区改造任务") == (2025,)
    assert row_years("到 2030 年比 2020 年降低 20%") == (2030,)
    assert row_years("“十四五”期间完成改造，2060 年前实现转型") == (2025, 2060)
    assert row_years("加强组织领导") == ()


@pytest.mark.parametrize("sentence, want", [
    # synthetic sentences in the shapes of inline-responsibility plans
    ("到2025年示例区达标面积比例达到40%以上，到2030年达到60%以上（省住房城乡建设厅、省水利厅按职责分工负责）。",
     [("示例区达标面积比例", "40%以上", 2025), ("示例区达标面积比例", "60%以上", 2030)]),
    ("到2027年累计建设示例建筑5000万平方米以上（住房城乡建设部牵头，财政部配合）。",
     [("累计建设示例建筑", "5000万平方米以上", 2027)]),
    ("到2025年新增完成示例改造6000户（县住建局、各乡镇人民政府（街道办事处）按职责分工负责）。",
     [("新增完成示例改造", "6000户", 2025)]),
    ("到2025年，50%以上的县（市、区）基本建成示例模范县。", [("县（市、区）基本建成示例模范县", "50%以上", 2025)]),
])
def test_a_closing_responsibility_note_is_not_the_indicator(sentence: str, want: list[tuple[str, str, int]]) -> None:
    assert [(q.indicator, q.value, q.year) for q in quantities(sentence)] == want
