"""Responsibility table parsing (assistant/table.py) on the seed and on synthetic tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.documents.structure import parse_clauses, parse_header, parse_sections
from assistant.documents.table import find_column_roles, is_task_table, parse_task_table, unresolved_units
from assistant.documents.units import UnitResolver
from assistant.types import Clause, RawTable, Section, TaskRow

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "liaocheng_construction_carbon_peak_plan_2023.txt"
EXPECTED = Path(__file__).parent / "data" / "seed_table_expected.json"


def seed_table_block(text: str) -> RawTable:
    """The tab-separated table at the end of the seed TXT, cells exactly as written."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("序号\t"))
    return RawTable(rows=tuple(tuple(ln.split("\t")) for ln in lines[start:]), source="text")


@pytest.fixture(scope="module")
def seed() -> dict:
    text = SEED.read_text(encoding="utf-8")
    sections = parse_sections(text)
    clauses = parse_clauses(text, sections)
    header = parse_header(text)
    resolver = UnitResolver("municipal", header.place, header.issuers)
    rows = parse_task_table(seed_table_block(text), doc_id="seed", clauses=clauses, sections=sections,
                            resolver=resolver, doc_title=header.title, level="municipal")
    return {"rows": {r.row_no: r for r in rows}, "list": rows, "clauses": clauses, "sections": sections,
            "resolver": resolver}


# ---------------------------------------------------------------- column roles
def test_column_roles_by_meaning() -> None:
    assert find_column_roles(["序号", "重点任务", "主要措施", "工作要求", "牵头单位", "参与单位"]) == {
        0: "seq", 1: "key_task", 2: "measure", 3: "requirement", 4: "lead", 5: "participating"}
    assert find_column_roles(["序 号", "任务名称", "工作内容", "责任单位", "配合单位", "完成时限", "备注"]) == {
        0: "seq", 1: "key_task", 2: "requirement", 3: "lead", 4: "participating", 5: "deadline"}
    roles = find_column_roles(["主要任务", "目标任务", "具体措施", "主责单位", "协同单位", "时间节点"])
    assert roles == {0: "key_task", 1: "requirement", 2: "measure", 3: "lead", 4: "participating",
                     5: "deadline"}


# ---------------------------------------------------------------- the seed table
def test_seed_has_33_rows_in_order(seed: dict) -> None:
    assert [r.row_no for r in seed["list"]] == list(range(1, 34))


def test_seed_rows_match_hand_verified_expectations(seed: dict) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["rows"]
    assert len(expected) == 33
    for e in expected:
        row: TaskRow = seed["rows"][e["row_no"]]
        got = {"row_no": row.row_no, "lead_units": list(row.lead_units),
               "participating_units": list(row.participating_units), "clause_no": row.clause_no}
        assert got == e, f"row {e['row_no']}"


def test_seed_units_are_canonical(seed: dict) -> None:
    known = set(seed["resolver"].known_units())
    for r in seed["list"]:
        assert r.lead_units, f"row {r.row_no} has no lead unit"
        assert set(r.lead_units) <= known and set(r.participating_units) <= known
    assert unresolved_units(seed["list"], seed["resolver"]) == []


def test_row_33_two_leads_and_row_14_dedup(seed: dict) -> None:
    r33, r14 = seed["rows"][33], seed["rows"][14]
    assert r33.lead_units == ("市城市管理局", "市住房和城乡建设局")
    assert "市城市管理" in r33.lead_units_as_written  # as written
    assert r14.lead_units == ("市住房和城乡建设局",)
    assert r14.participating_units == ("市自然资源和规划局",)


def test_page_break_rows_are_joined(seed: dict) -> None:
    r13, r20, r29 = seed["rows"][13], seed["rows"][20], seed["rows"][29]
    assert r13.requirement.endswith("县城内部新规划道路红线宽度不宜超过40米，广场集中硬地面积不宜超过2公顷。")
    assert "力争到 2030 年具备节能改造价值" in r20.requirement
    assert r20.lead_units == ("市住房和城乡建设局",)  # the stray 局 is a duplicate, not a unit
    assert r29.requirement.endswith("的比例达到50%以上。")
    assert r29.measure == "推广绿色低碳建造方式"  # overlap 碳 dropped, as in the body title
    assert r29.lead_units == ("市住房和城乡建设局",)


def test_measure_and_key_task_follow_the_linked_clause(seed: dict) -> None:
    rows = seed["rows"]
    # the label 提升既有建筑节能水平 sits above row 22, but row 22 restates clause 15
    assert rows[22].clause_no == 15 and rows[22].measure == "加快优化建筑用能结构"
    # the label 提升绿色建筑运维水平 sits on row 27; row 26 belongs to the same clause
    assert rows[26].measure == rows[27].measure == "提升绿色建筑运维水平"
    assert rows[11].measure == "增强城市绿色低碳汇能力"  # the table's own wording is kept
    assert rows[32].measure == "发展应用绿色低碳建材"  # a row without the 重点任务 column
    assert rows[1].key_task == rows[11].key_task == "系统推进绿色低碳城市建设"
    assert rows[17].key_task == "统筹推进绿色低碳县城和乡村建设"
    # section 四 has no key-task label in the table: the body's section title is used
    assert {rows[n].key_task for n in range(18, 34)} == {"提升建筑全链条绿色低碳发展水平"}


def test_years_and_deadline(seed: dict) -> None:
    rows = seed["rows"]
    assert rows[4].years == (2025,)  # 2000年前建成 / 2005年前建成 are not dates of the task
    assert rows[5].years == (2025, 2030)  # 比2020年 is a baseline
    assert rows[18].years == (2025,)  # 十四五 -> 2025 (documented choice)
    assert rows[1].years == ()
    assert all(r.deadline is None for r in seed["list"])  # the seed table has no 完成时限 column


def test_row_fields(seed: dict) -> None:
    r = seed["rows"][9]
    assert r.doc_id == "seed" and r.level == "municipal" and r.doc_title == "聊城市城乡建设领域碳达峰实施方案"
    assert r.to_dict()["lead_units"] == ["市住房和城乡建设局"]
    assert (*r.lead_units_as_written, *r.participating_units_as_written) == ("住房和城乡建设局",)


# ---------------------------------------------------------------- synthetic tables
# SYNTHETIC: an invented county plan, made up for this test only (not policy text).
SYN_TEXT = """一、推进绿色建筑发展
（一）推广装配式建筑。到2025年，全县新开工装配式建筑占比达到40%以上。推进钢结构住宅试点。
（二）推进清洁取暖。到2025年，全县农村地区清洁取暖率达到70%以上，新增地热供暖面积20万平方米。
二、加强城乡环境治理
（三）完善垃圾分类体系。到2025年底，县城生活垃圾回收利用率达到35%以上。
（四）建设海绵城市。到2030年，县城建成区可渗透面积比例达到40%。
"""
SYN_ROWS = (
    ("序号", "任务名称", "具体措施", "工作内容", "责任单位", "配合单位", "完成时限"),
    ("1", "推进绿色建筑发展", "推广装配式建筑", "到2025年，全县新开工装配式建筑占比达到40%以上。", "县住建局",
     "县发改局", "2025年底前"),
    # shifted: 10 cells for 7 columns, lead written twice
    ("2", "", "", "推进钢结构住宅试点。", "住房和城乡建设局", "住房和城乡建设局", "", "", "县财政局", "长期坚持"),
    # split by a page break: requirement and unit name continue on the next line
    ("3", "", "推进清洁取暖", "到2025年，全县农村地区清洁取暖率达到70%以上，新增地热供暖面积20万",
     "县住房和城乡建设", "县自然资源局", "2025年"),
    ("",),
    ("", "", "", "平方米。", "局", "", ""),
    ("4", "加强城乡环境治理", "完善垃圾分类体系", "到2025年底，县城生活垃圾回收利用率达到35%以上。", "县城管局",
     "各乡镇人民政府、县某某服务站", "2025年底前"),
    # the 任务名称 column missing altogether
    ("5", "建设海绵城市", "到2030年，县城建成区可渗透面积比例达到40%。", "县住建局", "县水务局", "2030年"),
)


def _syn_structure() -> tuple[list[Section], list[Clause]]:
    sections = parse_sections(SYN_TEXT)
    return sections, parse_clauses(SYN_TEXT, sections)


@pytest.fixture()
def county() -> tuple[dict[int, TaskRow], UnitResolver]:
    sections, clauses = _syn_structure()
    resolver = UnitResolver("county", "某某县")
    rows = parse_task_table(RawTable(rows=SYN_ROWS, source="text"), doc_id="syn", clauses=clauses,
                            sections=sections, resolver=resolver, level="county")
    return {r.row_no: r for r in rows}, resolver


def test_synthetic_county_table(county: tuple[dict[int, TaskRow], UnitResolver]) -> None:
    rows, resolver = county
    assert sorted(rows) == [1, 2, 3, 4, 5]
    # the table writes 县住建局 and 住房和城乡建设局 (fullest: 县住房和城乡建设局) but only 县发改局,
    # 县自然资源局, 县城管局: those stay as written (a name the document does not use is never made up)
    assert rows[1].lead_units == ("县住房和城乡建设局",) and rows[1].participating_units == ("县发改局",)
    assert rows[1].deadline == "2025年底前" and rows[1].key_task == "推进绿色建筑发展"
    assert rows[2].lead_units == ("县住房和城乡建设局",) and rows[2].participating_units == ("县财政局",)
    assert rows[2].deadline == "长期坚持" and rows[2].measure == "推广装配式建筑" and rows[2].clause_no == 1
    assert rows[3].requirement.endswith("新增地热供暖面积20万平方米。")
    assert rows[3].lead_units == ("县住房和城乡建设局",)
    assert rows[3].participating_units == ("县自然资源局",)
    assert rows[3].clause_no == 2 and rows[3].years == (2025,)
    assert rows[4].lead_units == ("县城管局",)
    assert rows[4].participating_units == ("各乡镇人民政府", "县某某服务站")
    assert rows[5].measure == "建设海绵城市" and rows[5].clause_no == 4
    assert rows[5].key_task == "加强城乡环境治理" and rows[5].deadline == "2030年"
    assert rows[5].lead_units == ("县住房和城乡建设局",) and rows[5].participating_units == ("县水务局",)
    assert unresolved_units(list(rows.values()), resolver) == ["县某某服务站"]


def test_docx_table_with_filled_merges_and_repeated_number() -> None:
    # SYNTHETIC: a Word table whose vertical merges were filled in; row 2 spans two
    # table rows (序号 and units repeated by the merge), the requirement continues.
    sections, clauses = _syn_structure()
    table = RawTable(source="docx", rows=(
        ("序号", "重点任务", "主要措施", "工作要求", "牵头单位", "参与单位"),
        ("1", "推进绿色建筑发展", "推进清洁取暖", "全县农村地区清洁取暖率达到70%以上，", "县住建局", ""),
        ("1", "推进绿色建筑发展", "推进清洁取暖", "新增地热供暖面积20万平方米。", "县住建局", ""),
        ("2", "加强城乡环境治理", "完善垃圾分类体系", "县城生活垃圾回收利用率达到35%以上。", "县城管局", "县财政局"),
    ))
    rows = parse_task_table(table, doc_id="d", clauses=clauses, sections=sections,
                            resolver=UnitResolver("county", "某某县"))
    assert [r.row_no for r in rows] == [1, 2]
    assert rows[0].requirement == "全县农村地区清洁取暖率达到70%以上，新增地热供暖面积20万平方米。"
    assert rows[0].lead_units == ("县住建局",) and rows[0].clause_no == 2  # the only form it writes
    assert rows[1].participating_units == ("县财政局",) and rows[1].clause_no == 3


def test_without_body_clauses_labels_are_forward_filled() -> None:
    table = RawTable(rows=SYN_ROWS[:3])
    rows = parse_task_table(table, doc_id="x", clauses=[], sections=[], resolver=UnitResolver("county", "某某县"))
    assert [r.clause_no for r in rows] == [None, None]
    assert rows[1].measure == "推广装配式建筑" and rows[1].key_task == "推进绿色建筑发展"


def test_header_row_is_found_after_a_title_row_and_missing_header_fails() -> None:
    rows = parse_task_table(RawTable(rows=(("某某县重点任务分工表",), *SYN_ROWS[:2])), doc_id="x", clauses=[],
                            sections=[], resolver=UnitResolver("county", "某某县"))
    assert len(rows) == 1 and rows[0].lead_units == ("县住建局",)
    with pytest.raises(ValueError):
        parse_task_table(RawTable(rows=(("甲", "乙"), ("1", "2"))), doc_id="x", clauses=[], sections=[],
                         resolver=UnitResolver())


@pytest.mark.parametrize("variant", ["strip_trailing_empty_cells", "drop_blank_rows", "strip_cell_spaces"])
def test_seed_parse_is_stable_under_extraction_variants(seed: dict, variant: str) -> None:
    """Another extractor may trim trailing empty cells, drop blank lines or strip cells;
    content typing must give the same rows."""
    table = seed_table_block(SEED.read_text(encoding="utf-8"))
    rows = list(table.rows)
    if variant == "strip_trailing_empty_cells":
        rows = [tuple(c for c in r[: max((i + 1 for i, c in enumerate(r) if c), default=0)]) or ("",)
                for r in rows]
    elif variant == "drop_blank_rows":
        rows = [r for r in rows if any(c.strip() for c in r)]
    else:
        rows = [tuple(c.strip() for c in r) for r in rows]
    got = parse_task_table(RawTable(rows=tuple(rows)), doc_id="seed", clauses=seed["clauses"],
                           sections=seed["sections"], resolver=seed["resolver"], level="municipal",
                           doc_title="聊城市城乡建设领域碳达峰实施方案")
    assert [(r.row_no, r.lead_units, r.participating_units, r.clause_no, r.measure, r.key_task) for r in got] == \
        [(r.row_no, r.lead_units, r.participating_units, r.clause_no, r.measure, r.key_task) for r in seed["list"]]


def test_is_task_table() -> None:
    assert is_task_table(RawTable(rows=SYN_ROWS))
    assert is_task_table(RawTable(rows=(("附表",), ("序号", "工作任务", "责任单位"))))
    assert not is_task_table(RawTable(rows=(("年份", "指标", "数值"), ("2025", "绿地率", "37.5%"))))
    assert not is_task_table(RawTable(rows=()))
