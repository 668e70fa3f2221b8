"""Structure parsing on the seed plan and on small synthetic texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.documents.structure import (
    cited_documents,
    infer_level,
    parse_clauses,
    parse_date,
    parse_header,
    parse_sections,
)
from assistant.numerals import cn_to_int, int_to_cn
from assistant.reading.files import read_document

SEED = Path(__file__).resolve().parent.parent / "corpus" / "liaocheng_construction_carbon_peak_plan_2023.txt"

SEED_CLAUSE_TITLES = [
    "指导思想", "基本原则", "主要目标", "合理优化城市功能布局", "开展绿色低碳社区建设", "加快发展绿色宜居住宅",
    "提高城镇基础设施运行效率", "增强城市绿化碳汇能力", "推进绿色低碳县城建设", "建设绿色宜居乡村", "推广绿色低碳农房",
    "推动农房用能结构调整", "全面推广绿色节能建筑", "提升既有建筑能效水平", "加快优化建筑用能结构",
    "提升建筑绿色低碳运维水平", "推广绿色低碳建造方式", "发展应用绿色低碳建材", "加强组织领导与监督考核",
    "完善推进机制与配套政策", "坚持科技引领与创新驱动", "注重宣传引导与教育培训",
]


@pytest.fixture(scope="module")
def seed_text() -> str:
    return read_document(SEED).text


def test_numerals_round_trip() -> None:
    for n in range(1, 100):
        assert cn_to_int(int_to_cn(n)) == n
    assert cn_to_int("二十二") == 22 and cn_to_int("十五") == 15 and cn_to_int("一百零三") == 103


def test_seed_header(seed_text: str) -> None:
    h = parse_header(seed_text)
    assert h.title == "聊城市城乡建设领域碳达峰实施方案"
    assert h.notice_title == "关于印发《聊城市城乡建设领域碳达峰实施方案》的通知"
    assert h.doc_number == "聊建字〔2023〕31号"
    assert h.issuers == ("聊城市住房和城乡建设局", "聊城市发展和改革委员会", "聊城市财政局", "聊城市城市管理局",
                         "聊城市自然资源和规划局")
    assert h.date == "2023-06-27"
    assert h.attachments == ("聊城市城乡建设领域碳达峰实施方案重点任务及责任分工表",)
    assert h.place == "聊城市"
    assert infer_level(h.issuers) == "municipal"


def test_seed_sections_and_clauses(seed_text: str) -> None:
    sections = parse_sections(seed_text)
    assert [s.no for s in sections] == [1, 2, 3, 4, 5]
    assert sections[0].title == "总体要求" and sections[4].title == "保障措施"
    clauses = parse_clauses(seed_text, sections)
    assert [c.no for c in clauses] == list(range(1, 23))
    assert [c.title for c in clauses] == SEED_CLAUSE_TITLES
    # clause numbers written with ASCII parentheses are normalised
    assert all(c.text.startswith(f"（{int_to_cn(c.no)}）") for c in clauses)
    assert [c.section_no for c in clauses] == [1] * 3 + [2] * 5 + [3] * 4 + [4] * 6 + [5] * 4
    # spans point into the text and do not overlap
    for a, b in zip(clauses, clauses[1:]):
        assert a.end <= b.start
    # a clause broken by a page break comes back whole
    c9 = clauses[8]
    assert "加快以县城为重要载体的城镇化建设" in c9.text
    # the last clause stops before the attachment
    assert "附件" not in clauses[-1].text


def test_cited_documents(seed_text: str) -> None:
    clauses = parse_clauses(seed_text, parse_sections(seed_text))
    cited = dict(cited_documents(seed_text, clauses))
    assert cited["山东省城乡建设领域碳达峰实施方案"] is None  # cited in the preamble
    assert cited["居住区规划设计标准"] == 5


@pytest.mark.parametrize("issuer,level", [
    ("国务院办公厅", "national"), ("住房和城乡建设部", "national"), ("山东省住房和城乡建设厅", "provincial"),
    ("聊城市财政局", "municipal"), ("冠县住房和城乡建设局", "county"), ("聊城市东昌府区人民政府", "county"), ("聊城市城市管理局", "municipal"),
    ("聊城市市场监督管理局", "municipal"),
    ("", "other"),
])
def test_infer_level(issuer: str, level: str) -> None:
    assert infer_level([issuer] if issuer else []) == level


def test_dates() -> None:
    assert parse_date("二〇二三年六月二十七日") == "2023-06-27"
    assert parse_date("2024 年 1 月 5 日印发") == "2024-01-05"
    assert parse_date("无日期") is None


def test_synthetic_county_text() -> None:
    """A made-up county notice (synthetic test data): the same rules apply."""
    text = ("某某县住房和城乡建设局\n某某县发展和改革局\n\n某建发〔2024〕7号\n\n"
            "某某县城乡建设领域碳达峰工作方案\n\n一、工作目标\n(一)总体目标。到2025年，县城新建建筑中绿色建筑占比达到100%。\n"
            "二、重点任务\n（二）推进清洁取暖。到2025年清洁取暖率达到90%。\n（三）加强宣传。每年开展宣传活动。\n\n"
            "某某县住房和城乡建设局\n2024年3月1日\n")
    h = parse_header(text)
    assert h.doc_number == "某建发〔2024〕7号"
    assert h.issuers == ("某某县住房和城乡建设局", "某某县发展和改革局")
    assert infer_level(h.issuers) == "county"
    sections = parse_sections(text)
    clauses = parse_clauses(text, sections)
    assert [c.no for c in clauses] == [1, 2, 3]
    assert clauses[1].title == "推进清洁取暖" and clauses[1].section_no == 2


def test_clause_numbers_restarting_in_each_section() -> None:
    """Synthetic: many national plans restart （一） under every 一、 heading."""
    text = ("示例方案\n\n一、总体要求\n（一）指导思想。坚持系统观念。\n（二）主要目标。到2025年取得进展。\n"
            "二、重点任务\n（一）推进绿色建筑。到2025年绿色建筑占比达到100%。\n（二）推广装配式建筑。不断提高比例。\n"
            "（三）优化用能结构。推广热泵。\n三、保障措施\n（一）加强组织领导。建立机制。\n")
    sections = parse_sections(text)
    clauses = parse_clauses(text, sections)
    assert [(c.section_no, c.no) for c in clauses] == [(1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (3, 1)]
    assert clauses[2].title == "推进绿色建筑" and "100%" in clauses[2].text


def test_chapters_and_articles() -> None:
    """Synthetic regulation-style text: 第一章 … 第一条 …"""
    text = ("示例办法\n\n第一章 总则\n第一条 为规范管理，制定本办法。\n第二条 本办法适用于全市。\n"
            "第二章 管理职责\n第三条 市住房和城乡建设局负责监督管理。本条另见第一条。\n第四条 各县（市、区）负责实施。\n")
    sections = parse_sections(text)
    assert [(s.no, s.title) for s in sections] == [(1, "总则"), (2, "管理职责")]
    clauses = parse_clauses(text, sections)
    assert [c.no for c in clauses] == [1, 2, 3, 4]
    assert clauses[2].section_no == 2 and clauses[2].text.startswith("第三条")


@pytest.mark.parametrize("number,own", [
    ("国家发展改革委国家能源局建标〔2024〕35号", "建标〔2024〕35号"),  # a scan's header lines joined
    ("聊城市人民政府办公室聊政办发〔2023〕3号", "聊政办发〔2023〕3号"),
    ("国办发〔2021〕1号", "国办发〔2021〕1号"),
    ("鲁政办字〔2022〕5号", "鲁政办字〔2022〕5号"),
    ("东建发〔2024〕12号", "东建发〔2024〕12号"),
])
def test_a_document_number_holds_no_issuer_names(number: str, own: str) -> None:
    from assistant.documents.structure import own_number

    assert own_number(number) == own
