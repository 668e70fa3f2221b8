"""Look-alikes, found on the twenty-eighth blind dev sets: an aside naming the neighbour a
question does not mean (（不是市里那个发改委）, 和市住建局共同牵头的也算), a unit's role in one
row (分工表第1项里，住建局是牵头还是参与), how often (多久…一次), a bracketed note telling
which row is meant, the units a notice is sent to (主送单位里县里的住建局), a clause named as
where, not what (第（二十一）条里的CIM), a count of two (两项, not 二项), and a figure for the neighbour
when the plan names the thing asked elsewhere without one.  Question strings are synthetic;
answers come from the seed plan or from SYNTHETIC matrix plans."""

from __future__ import annotations

import pytest

from assistant.answering.asked import FREQUENCY_ASKED_RE
from assistant.answering.courtesy import without_asides, without_courtesy
from assistant.answering.mentions import find_places
from assistant.answering.spans import best_spans, without_note_first
from assistant.answering.terms import jieba_tagged
from assistant.numerals import count_said, int_to_cn


@pytest.mark.parametrize("typed,want", [
    ("发改部门在主送单位里写的是什么名称？（不是市里那个发改委）", "发改部门在主送单位里写的是什么名称？"),
    ("北方地区城市（不是县城）的清洁取暖率", "北方地区城市（不是县城）的清洁取暖率"),  # a scope stays
    ("能源局牵头（包括和住建部共同牵头）的是哪些任务？", "能源局牵头的是哪些任务？"),
    ("城管局牵头的任务有哪些？和住建局共同牵头的也算", "城管局牵头的任务有哪些？"),
    ("住建局只是作为参与单位（不牵头）的任务有哪些？", "住建局只是作为参与单位（不牵头）的任务有哪些？"),  # a role stays
    ("哪些任务由住建局和发改委共同牵头？", "哪些任务由住建局和发改委共同牵头？"),  # co-leads asked, no aside
    ("能源局（与住建部共同牵头的）是哪项任务？", "能源局（与住建部共同牵头的）是哪项任务？"),  # narrows: stays
    ("县政府（不是市政府）配合哪些任务？", "县政府配合哪些任务？"),
    ("清洁取暖率（不是城区那个）要达到多少？", "清洁取暖率（不是城区那个）要达到多少？"),  # a scope stays
])
def test_an_aside_naming_what_is_not_meant_is_no_part_of_the_question(typed: str, want: str) -> None:
    assert without_asides(typed) == want
    assert without_courtesy(typed) == want


def test_how_often_is_asked_however_long_the_thing_done() -> None:
    assert FREQUENCY_ASKED_RE.search("要求多久对方案落实情况跟踪评估一次")
    assert not FREQUENCY_ASKED_RE.search("多久完成。每年评估一次")  # another sentence


def test_the_note_of_the_item_before_is_no_part_of_a_sentence() -> None:
    assert without_note_first("（省住房城乡建设厅牵头，省发展改革委配合）2.大力发展装配式建筑。") == "2.大力发展装配式建筑。"
    assert without_note_first("（市住房城乡建设局牵头，各县（市、区）人民政府配合）2.对政府机关") == "2.对政府机关"
    assert without_note_first("（一）大力发展装配式建筑。") == "（一）大力发展装配式建筑。"  # a heading stays
    spans = best_spans("推进清洁取暖", "1.推进清洁取暖改造。\n（县住建局负责）", (), False)  # a note alone on its line
    assert spans and all(span for _, span in spans)


@pytest.mark.parametrize("text,place", [("第4项里县住建局是牵头单位吗？", None), ("临河县方案第4项里县住建局牵头吗", "临河县")])
def test_where_in_the_plan_is_no_place(text: str, place: str | None) -> None:
    places = find_places(text, jieba_tagged(text))
    assert "项里县" not in places and (place is None or place in places)


def test_a_count_is_written_in_figures_and_a_clause_number_in_chinese() -> None:
    assert [count_said(n) for n in (1, 2, 12, 25)] == ["1", "2", "12", "25"]
    assert [int_to_cn(n) for n in (2, 12, 22)] == ["二", "十二", "二十二"]


def test_lookalike_questions_on_the_seed(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("市城管局牵头的任务有哪些？和市住建局共同牵头的也算")
    assert ans.found and ans.answer.startswith("市城市管理局牵头的任务")
    ans = seed_qa.ask("市住建局只是作为参与单位（不牵头）的任务有哪些？几项？")
    assert ans.found and "共2项" in ans.answer
    ans = seed_qa.ask("分工表第1项里，市住建局是牵头还是参与？牵头单位是谁？")  # the row, not the unit's list
    assert ans.found and ans.intent == "lead" and "由市自然资源和规划局牵头" in ans.answer
    ans = seed_qa.ask("市住建局除了第2项还牵头哪些任务？")  # the unit's other tasks, not row 2
    assert ans.intent == "unit_tasks"
    ans = seed_qa.ask("下发给各乡镇的那个县级方案是哪天印发的？")  # 县级方案 names the plan, even after 下发给
    assert not ans.found and "县级" in ans.answer
    ans = seed_qa.ask("主送单位里面，县里的住建局后面括号注明的是什么？")  # 县里: the recipients, not a county plan
    assert ans.found and "建设管理部" in ans.answer
    ans = seed_qa.ask("通知的主送单位是县一级的几个部门，其中发改部门写的是什么名称？（不是市里那个发改委）")
    assert ans.found and "发展和改革局" in ans.answer
    ans = seed_qa.ask("第（二十一）条里的CIM是什么的缩写？（不是BIM哦）")
    assert ans.found and "城市信息模型" in ans.answer
    # the plan names 既有农房节能改造 in another clause, with no figure: 200万平方米 is for 既有居住建筑
    ans = seed_qa.ask("“十四五”期间农村既有农房节能改造要完成多少平方米？")
    assert not ans.found and "200万" not in ans.answer.splitlines()[0]
    ans = seed_qa.ask("“十四五”期间既有居住建筑节能改造要完成多少平方米？")
    assert ans.found and "200万平方米" in ans.answer


def test_lookalike_questions_on_synthetic_plans(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    national_qa, city_qa = (synthetic_qa("table_ruled", "txt", level) for level in ("national", "municipal"))
    ans = national_qa.ask("国家行动方案要求多久对方案落实情况跟踪评估一次？")
    assert ans.found and "每年" in ans.answer
    ans = national_qa.ask("国家行动方案的行动目标中，到2030年城乡建设领域碳排放要达到什么状态？")  # 状态 is no topic
    assert ans.found and "达到峰值" in ans.answer
    ans = national_qa.ask("国家方案里国家能源局牵头（包括和住建部共同牵头）的是哪些任务？")
    assert ans.found and ans.answer.startswith("国家能源局牵头")
    ans = city_qa.ask("青山市方案表格里全面推广绿色建筑（标识项目比例30%以上）这一项的完成时限？")
    assert ans.found and ans.intent == "deadline" and "2025年底前" in ans.answer
