"""Row -> clause links and body-vs-table conflicts (assistant/crossref.py)."""

from __future__ import annotations

import pytest

from assistant.documents.crossref import find_conflicts, link_clause
from assistant.documents.structure import parse_clauses, parse_sections
from assistant.types import Clause, TaskRow


@pytest.fixture(scope="module")
def seed(seed_parts: tuple[list[Clause], list[TaskRow]]) -> tuple[list[Clause], list[TaskRow]]:
    return seed_parts


def test_link_by_content_not_label(seed: tuple[list[Clause], list[TaskRow]]) -> None:
    clauses, _ = seed
    # a sentence of （十五） next to a label that reads like （十四）
    req = "积极发展城镇分布式光伏系统，重点推进工业厂房、商业楼宇、公共建筑等屋顶光伏建设"
    assert link_clause(req, "提升既有建筑节能水平", clauses) == 15
    assert link_clause("统筹推进既有居住建筑节能改造，鼓励实施超低能耗或绿色化改造", "", clauses) == 14
    # half-width punctuation and spaces do not matter
    assert link_clause("推进建筑垃圾集中处理,分类收集, 资源化利用", "", clauses) == 18


def test_link_by_measure_alone_and_no_link(seed: tuple[list[Clause], list[TaskRow]]) -> None:
    clauses, _ = seed
    assert link_clause("", "推广绿色低碳建造方式", clauses) == 17
    assert link_clause("量子计算机与深空探测", "", clauses) is None
    assert link_clause("加快优化建筑用能结构", "", []) is None


def test_seed_has_exactly_the_star_level_conflict(seed: tuple[list[Clause], list[TaskRow]]) -> None:
    clauses, rows = seed
    conflicts = find_conflicts(rows, clauses, "seed")
    assert len(conflicts) == 1, [c.description for c in conflicts]
    c = conflicts[0]
    assert (c.kind, c.row_no, c.clause_no) == ("star_level", 18, 13)
    assert (c.body_value, c.table_value) == ("三星级", "二星级")
    assert "超高层建筑项目按照三星级" in c.body_text and "超高层建设项目按照二星级" in c.table_text
    assert c.doc_id == "seed" and "三星级" in c.description and c.to_dict()["row_no"] == 18


def test_paraphrases_raise_nothing(seed: tuple[list[Clause], list[TaskRow]]) -> None:
    clauses, rows = seed
    by_no = {r.row_no: r for r in rows}
    # 清洁能源取暖率 vs 清洁取暖率, both 80%; 清洁能源供暖比例 vs 清洁供暖比例, both 85%
    assert find_conflicts([by_no[17], by_no[24], by_no[19]], clauses, "seed") == []


# SYNTHETIC clauses and rows, invented for these tests only.
SYN = """一、建筑
（一）推进清洁取暖。到2025年，全县农村地区清洁取暖率达到70%以上，新增地热供暖面积20万平方米。
（二）推广绿色建筑。大型公共建筑执行一星级及以上绿色建筑标准；超高层建筑按照三星级标准建设。
"""


def _row(no: int, clause_no: int | None, text: str) -> TaskRow:
    return TaskRow(doc_id="syn", row_no=no, key_task="", measure="", requirement=text, lead_units=("县财政局",),
                   participating_units=(), clause_no=clause_no)


@pytest.fixture(scope="module")
def syn_clauses() -> list[Clause]:
    return parse_clauses(SYN, parse_sections(SYN))


def test_synthetic_percent_number_year_and_star_conflicts(syn_clauses: list[Clause]) -> None:
    rows = [
        _row(1, 1, "到2025年，全县农村地区清洁取暖率达到60%以上。"),
        _row(2, 1, "到2030年，新增地热供暖面积20万平方米。"),
        _row(3, 1, "到2025年，新增地热供暖面积25万平方米。"),
        _row(4, 2, "超高层建筑按照二星级标准建设。"),
    ]
    got = {(c.row_no, c.kind, c.body_value, c.table_value) for c in find_conflicts(rows, syn_clauses, "syn")}
    assert got == {(1, "percent", "70%以上", "60%以上"), (2, "year", "2025年", "2030年"),
                   (3, "number", "20万平方米", "25万平方米"), (4, "star_level", "三星级", "二星级")}


def test_synthetic_agreeing_rows_raise_nothing(syn_clauses: list[Clause]) -> None:
    rows = [
        _row(1, 1, "到2025年，全县农村地区清洁能源取暖率达到70%以上。"),  # paraphrase, same value
        _row(2, 2, "大型公共建筑执行一星级及以上绿色建筑标准。"),
        _row(3, 1, "新建充电桩500个。"),  # no such indicator in the clause: nothing to compare
        _row(4, None, "清洁取暖率达到10%。"),  # unlinked row
    ]
    assert find_conflicts(rows, syn_clauses, "syn") == []


def test_links_and_conflicts_when_clause_numbers_restart() -> None:
    """Synthetic: （一） restarts under each section; rows must meet *their* clause."""
    from assistant.documents.structure import parse_clauses, parse_sections
    from assistant.documents.table import parse_task_table
    from assistant.documents.units import UnitResolver
    from assistant.types import RawTable

    text = ("示例方案（测试用合成数据）\n一、城市\n（一）推进合成透水铺装。到2025年合成透水铺装比例达到50%。\n"
            "二、乡村\n（一）推进合成农房改造。到2025年合成农房改造比例达到30%。\n")
    sections = parse_sections(text)
    clauses = parse_clauses(text, sections)
    assert [(c.section_no, c.no) for c in clauses] == [(1, 1), (2, 1)]
    table = RawTable(rows=(("序号", "工作要求", "牵头单位"),
                           ("1", "到2025年合成透水铺装比例达到50%。", "市住房和城乡建设局"),
                           ("2", "到2025年合成农房改造比例达到35%。", "市住房和城乡建设局")))
    rows = parse_task_table(table, doc_id="s", clauses=clauses, sections=sections,
                            resolver=UnitResolver("municipal", "示例市"))
    assert [r.clause_pos for r in rows] == [0, 1] and [r.clause_no for r in rows] == [1, 1]
    conflicts = find_conflicts(rows, clauses, "s")
    assert [(c.row_no, c.body_value, c.table_value) for c in conflicts] == [(2, "30%", "35%")]
