"""Responsibilities stated inline (assistant/documents/inline.py): the grammar of the closing
parenthesis, the notes that change how later lists read, and tasks out of a whole document.

Every document and unit here is SYNTHETIC (合成测试: the invented 白水省 / 白水县).
"""

from __future__ import annotations

import pytest

from assistant.documents.inline import Notes, assign, read_paren
from assistant.documents.parse import parse_document
from assistant.documents.units import UnitResolver
from assistant.reading.clean import clean_text
from assistant.text import trailing_paren
from assistant.types import RawDocument, TaskRow

R = UnitResolver("provincial", "白水省", ("白水省住房和城乡建设厅",))


NO_NOTES = Notes()


def lead_part(inner: str, notes: Notes = NO_NOTES) -> tuple[tuple[str, ...], tuple[str, ...]]:
    reading = read_paren(inner, R)
    assert reading is not None, inner
    return assign(reading, notes)


# ---------------------------------------------------------------- the styles
@pytest.mark.parametrize("inner,lead,part", [
    ("省住建厅牵头，省发展改革委、省财政厅配合", ("省住建厅",), ("省发展改革委", "省财政厅")),
    ("省住建厅牵头，省发展改革委、省财政厅等按职责分工负责", ("省住建厅",), ("省发展改革委", "省财政厅")),
    ("省住建厅、省能源局牵头", ("省住建厅", "省能源局"), ()),
    ("省住建厅负责", ("省住建厅",), ()),
    ("省住建厅、省财政厅按职责分工负责", (), ("省住建厅", "省财政厅")),  # the document names no lead
    ("责任单位：省住建厅、省财政厅", (), ("省住建厅", "省财政厅")),
    ("责任单位：省住建厅", ("省住建厅",), ()),  # a single listed unit leads
    ("省能源局负责，省住建厅配合", ("省能源局",), ("省住建厅",)),  # 负责 beside 配合 leads
    ("牵头单位：省能源局；配合单位：省住建厅、省财政厅", ("省能源局",), ("省住建厅", "省财政厅")),
    ("由省住建厅牵头，省财政厅和省能源局参与", ("省住建厅",), ("省财政厅", "省能源局")),
    ("省住建厅牵头，省直有关部门、各市人民政府配合", ("省住建厅",), ("省直有关部门", "各市人民政府")),
    ("省住建厅牵头，省财政厅等部门按职责分工负责", ("省住建厅",), ("省财政厅",)),
])
def test_each_style(inner: str, lead: tuple[str, ...], part: tuple[str, ...]) -> None:
    assert lead_part(inner) == (lead, part)


def test_first_listed_leads_only_where_the_document_says_so() -> None:
    assert lead_part("责任单位：省住建厅、省财政厅；列第一位的为牵头单位") == (("省住建厅",), ("省财政厅",))
    assert lead_part("责任单位：省住建厅、省财政厅", Notes(first_leads=True)) == (("省住建厅",), ("省财政厅",))
    reading = read_paren("责任单位：省住建厅、省财政厅；排在第一位的为牵头单位，下同", R)
    assert reading is not None and reading.first_leads and reading.first_leads_onward
    once = read_paren("责任单位：省住建厅、省财政厅；列第一位的为牵头单位", R)
    assert once is not None and not once.first_leads_onward


def test_a_bare_list_is_a_responsibility_only_where_the_document_says_how_lists_read() -> None:
    assert read_paren("省住建厅、省财政厅", R) is None
    reading = read_paren("省住建厅、省财政厅", R, bare_lists=True)
    assert reading is not None
    assert assign(reading, Notes(first_leads=True)) == (("省住建厅",), ("省财政厅",))
    assert read_paren("省住建厅", R, bare_lists=True) is None  # one name in brackets: an aside
    assert read_paren("试行", R, bare_lists=True) is None


def test_not_listed_note_implies_a_unit() -> None:
    reading = read_paren("省住建厅负责；各市人民政府负责落实。以下均需各市人民政府落实，不再列出", R)
    assert reading is not None and reading.implied == ("各市人民政府",)
    notes = Notes(implied=reading.implied)
    # the implied unit is not counted as listed: the single other unit leads
    assert assign(reading, notes) == (("省住建厅",), ("各市人民政府",))
    assert lead_part("省财政厅牵头，省住建厅配合", notes) == (("省财政厅",), ("省住建厅", "各市人民政府"))
    assert lead_part("各市人民政府牵头，省住建厅配合", notes) == (("各市人民政府",), ("省住建厅",))  # no twice


@pytest.mark.parametrize("inner", ["试行", "BIM", "零碳", "2023—2025年", "以下简称“住建厅”", "含县级市",
                                   "具体负责", "详见附件", "省住建厅", "市、区"])
def test_parentheses_that_are_not_about_units_stay_text(inner: str) -> None:
    assert read_paren(inner, R) is None


def test_deadline_beside_the_units_is_kept() -> None:
    reading = read_paren("省住建厅牵头，省财政厅配合，2025年底前完成", R)
    assert reading is not None and reading.deadline == "2025年底前完成" and reading.lead == ("省住建厅",)


def test_trailing_parenthesis_before_or_after_the_full_stop() -> None:
    assert trailing_paren("推进改造。（省住建厅负责）") == (5, 13)
    assert trailing_paren("推进改造（省住建厅负责）。") == (4, 12)
    assert trailing_paren("各县（市、区）推进改造。") is None
    assert trailing_paren("（此件主动公开）") is None  # nothing before it: not a task's note
    s = "推进改造。（各乡镇人民政府（街道办事处）负责）"
    span = trailing_paren(s)
    assert span is not None and s[span[0]:span[1]] == "（各乡镇人民政府（街道办事处）负责）"


# ---------------------------------------------------------------- a whole document
DOC = """白水省住房和城乡建设厅
白水省发展和改革委员会
白水省合成测试实施方案（试行）
为推进合成测试工作，制定本方案（BIM应用另行部署）。
一、总体要求
（一）指导思想。坚持系统推进（省住建厅负责统筹）。
二、重点任务
现将重点任务明确如下（排在第一位的为牵头单位）。
（二）推进合成测试改造
1.推进合成测试城区（零碳）改造，到2025年完成120个。（责任单位：省住房城乡建设厅、省发展改革委）
2.推进各县（市、区）合成测试管网改造（省财政厅、省住建厅按职责分工负责）。
（三）推进合成测试示范。开展示范建设，形成一批经验。（省能源局牵头，省住房和城乡建设厅等按职责分工负责；
省直有关部门负责落实。以下均需省直有关部门落实，不再列出）
（四）加强合成测试监测
1.建立监测平台。（省住建厅负责）
2.开展年度评估。
三、保障措施
（五）加强组织领导。各成员单位按照职责分工加强协作。
"""


@pytest.fixture(scope="module")
def tasks() -> dict[str, TaskRow]:
    raw = RawDocument(path="t.txt", fmt="txt", text=clean_text(DOC), sha256="x")
    doc = parse_document(raw, "t")
    assert all(t.source == "text" and t.row_no is None for t in doc.tasks)
    return {t.item: t for t in doc.tasks}


def test_items_and_itemless_clauses_become_tasks(tasks: dict[str, TaskRow]) -> None:
    assert list(tasks) == ["（二）1", "（二）2", "（三）", "（四）1"]  # （一）'s note is no unit list


def test_task_fields(tasks: dict[str, TaskRow]) -> None:
    t = tasks["（二）1"]
    assert t.clause_no == 2 and t.key_task == "推进合成测试改造" and t.deadline is None
    assert t.requirement == "推进合成测试城区（零碳）改造，到2025年完成120个。"
    assert t.units_text == "（责任单位：省住房城乡建设厅、省发展改革委）"
    assert t.years == (2025,)
    # the sentence before the tasks says the first listed leads; canonical names are the
    # fullest forms this document writes (its issuers)
    assert t.lead_units == ("省住房和城乡建设厅",) and t.participating_units == ("省发展和改革委员会",)
    assert t.lead_units_as_written == ("省住房城乡建设厅",)
    assert tasks["（二）2"].requirement == "推进各县（市、区）合成测试管网改造。"
    assert tasks["（二）2"].lead_units == ("省财政厅",)


def test_itemless_clause_and_not_listed_note(tasks: dict[str, TaskRow]) -> None:
    t = tasks["（三）"]
    assert t.key_task == "推进合成测试示范" and t.requirement == "开展示范建设，形成一批经验。"
    assert t.lead_units == ("省能源局",)
    assert t.participating_units == ("省住房和城乡建设厅", "省直有关部门")
    later = tasks["（四）1"]
    assert later.lead_units == ("省住房和城乡建设厅",) and later.participating_units == ("省直有关部门",)
    assert later.participating_units_as_written == ("省直有关部门",)


OTHER = """白水县合成测试工作方案
一、重点任务
1.推进合成测试改造（县住建局牵头，县财政局配合），到2025年完成改造30处。
2.开展合成测试（县财政局负责）和合成评估（县住建局负责）。
（一）完善合成测试设施
（1）建设合成测试站点。（县住房和城乡建设局牵头，县发改局配合；2025年底前完成）
"""


def test_other_shapes_of_a_plan() -> None:
    raw = RawDocument(path="o.txt", fmt="txt", text=clean_text(OTHER), sha256="y")
    tasks = {t.item: t for t in parse_document(raw, "o", {"level": "county", "place": "白水县"}).tasks}
    # items directly under a section; a responsibility inside the sentence; two tasks run
    # together in one paragraph, each with its own parenthesis
    assert list(tasks) == ["一、1", "一、2", "一、2-2", "（一）1"]
    assert (tasks["一、2"].requirement, tasks["一、2"].lead_units) == ("开展合成测试", ("县财政局",))
    assert (tasks["一、2-2"].requirement, tasks["一、2-2"].lead_units) == ("和合成评估。", ("县住房和城乡建设局",))
    t = tasks["一、1"]
    assert t.clause_no is None and t.key_task == "重点任务"
    assert t.requirement == "推进合成测试改造，到2025年完成改造30处。"
    assert t.lead_units == ("县住房和城乡建设局",)  # the fullest form this plan writes
    assert tasks["（一）1"].deadline == "2025年底前完成"
    assert tasks["（一）1"].participating_units == ("县发改局",)
