"""Exceptions, negations and limits, found on the twenty-ninth blind dev sets: what a question
sets aside (除了城管局, other than the task it leads, 除了2025年的35%), both roles asked in a
sentence of their own (牵头和配合的都算), the units that lead no task, and English said with
"support", "partners" and "co-issued".  Question strings are synthetic; answers come from the
seed plan or from SYNTHETIC matrix plans."""

from __future__ import annotations

import pytest

from assistant.answering.asked import asks_progress
from assistant.answering.asking import question_role
from assistant.answering.besides import only_set_aside, set_aside
from assistant.answering.compose import Draft
from assistant.answering.english import translate
from assistant.answering.rosters import partners_counted


@pytest.mark.parametrize("typed,want", [
    # a unit set aside: the rest asks who else
    ("老旧供热管网改造那项，除了城管局有没有别的单位？", "老旧供热管网改造那项，有没有别的单位？"),
    ("东岳省方案中，除了省财政厅，省交通运输厅配合哪些任务？", "东岳省方案中，省交通运输厅配合哪些任务？"),
    # a task the unit leads, or a row, set aside: the rest asks its other tasks
    ("青山市方案中，除了牵头的屋顶光伏，市发改委还配合哪些任务？", "青山市方案中，市发改委还配合哪些任务？"),
    ("住建局除了第2项还牵头哪些", "住建局还牵头哪些"),
    # a year's figure set aside: its indicator stays when the rest names none, without year and figure
    ("除了2030年完整居住社区覆盖率60%以上的目标，2035年要达到多少？", "完整居住社区覆盖率，2035年要达到多少？"),
    # …and goes when the rest asks a figure of its own indicator (the neighbour would lure)
    ("除了新增绿色建筑面积，新建超低能耗建筑要达到多少平方米？", "新建超低能耗建筑要达到多少平方米？"),
    # items of a list set aside: they locate the passage the rest is asked of
    ("除了财政补助和税费优惠，还有哪些支持方式？", "财政补助和税费优惠，还有哪些支持方式？"),
    ("拆除了多少违建？", "拆除了多少违建？"),  # 拆除了 is a verb, nothing set aside
    # a unit's other tasks asked: the task set aside goes whole, even without a role word
    ("青山市方案中，除了屋顶光伏，市发改委还参与哪些任务？", "青山市方案中，市发改委还参与哪些任务？"),
    # the place before the set-aside part is no topic of the figure asked after it
    ("东岳省除了2025年垃圾资源化利用率60%，2030年要达到多少？", "东岳省垃圾资源化利用率，2030年要达到多少？"),
    ("Besides the 37.5% green space ratio, what else is set for 2025?", "green space ratio, what else is set for 2025?"),
    ("Apart from rooftop PV, what else does the commission lead?", "what else does the commission lead?"),
    ("What clean heating share does the plan require by 2025, not 2030?", "What clean heating share does the plan require by 2025?"),
    ("2025年（不是2030年）清洁取暖率要达到多少？", "2025年清洁取暖率要达到多少？"),
    ("碳排放是不是2030年达峰？", "碳排放是不是2030年达峰？"),  # a year checked is asked
    ("Other than the county-town task it leads, which tasks does the commission take part in?",
     "which tasks does the commission take part in?"),
    ("Which units besides the housing bureau take part in clean heating?", "Which units take part in clean heating?"),
    ("What is the 2030 target for the reclaimed water rate, other than the 2025 figure of 55%?",
     "What is the 2030 target for the reclaimed water rate?"),
    ("Besides fiscal subsidies and tax incentives, what other funding tools are named?",
     "fiscal subsidies and tax incentives, what other funding tools are named?"),
])
def test_what_a_question_sets_aside_is_no_part_of_what_it_asks(typed: str, want: str) -> None:
    assert set_aside(typed) == want


def test_an_answer_giving_only_the_figure_set_aside_tells_nothing_new() -> None:
    asked = "除了屋顶光伏8万千瓦以外，地面光伏要建多少千瓦？"
    same = only_set_aside(asked, "target", Draft(lines=["到2026年新增屋顶光伏装机容量8万千瓦[1]。"]))
    assert not same.found and "8万千瓦外" in same.lines[0] and "8万千瓦[1]" in same.lines[-1]
    other = only_set_aside(asked, "target", Draft(lines=["到2026年新增地面光伏装机容量5万千瓦[1]。"]))
    assert other.found
    assert only_set_aside(asked, "general", Draft(lines=["新增屋顶光伏装机容量8万千瓦[1]。"])).found  # a figure not asked


def test_both_roles_asked_in_a_sentence_of_their_own() -> None:
    assert question_role("省能源局都参与了哪些任务？牵头和配合的都列一下。") == "any"
    assert question_role("省能源局都参与了哪些任务？") == "participating"


def test_how_completion_is_assessed_is_what_the_plan_requires() -> None:
    assert not asks_progress("县里的方案对重点任务完成情况怎么考核？")  # the plan says how: 纳入年度考核
    assert asks_progress("县里的重点任务完成情况如何？")  # how far the work has come: no plan says


def test_english_support_partners_and_co_issued() -> None:
    assert "配合" in translate("Which tasks does the provincial Development and Reform Commission support?")
    assert "哪些单位参与" in translate("For rooftop PV on schools, which partners are there?")
    assert "印发单位" in translate("Which other bodies co-issued it?")
    assert "哪些单位参与" not in translate("Which other bodies co-issued it?")


def test_who_else_is_asked_only_as_a_question() -> None:
    from assistant.answering.asking import OTHERS_RE as _OTHERS_RE

    assert _OTHERS_RE.search("老旧供热管网改造那项，有没有别的单位？")
    assert _OTHERS_RE.search("还有哪些其他部门参与？")
    assert not _OTHERS_RE.search("其他单位在数据共享方面要做什么？")  # other units' work
    assert not _OTHERS_RE.search("还有谁牵头？")  # a lead question


def test_exception_questions_on_the_seed(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("老旧供热管网改造那项，除了城管局有没有别的单位？")
    assert ans.found and ans.intent == "participate" and "市城市管理局" in ans.answer
    ans = seed_qa.ask("除了2030年完整居住社区覆盖率60%以上的目标，2035年要达到多少？")  # no 2035 figure
    assert not ans.found and "2035" in ans.answer.splitlines()[0]
    ans = seed_qa.ask("这个文件是不公开的内部文件吗？")
    assert ans.found and "主动公开" in ans.answer
    ans = seed_qa.ask("这份内部文件的文号是多少？")  # 内部文件 describes the file, asks no disclosure
    assert ans.found and "文号" in ans.answer and "公开" not in ans.answer


def test_units_that_lead_no_task(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "provincial")
    rows = qa.task_rows()
    leads = {u for r in rows for u in r.lead_units}
    only = {u for r in rows for u in r.participating_units} - leads
    assert only  # the fixture has units that only take part
    ans = qa.ask("东岳省方案中，哪些单位一项任务都不牵头、只作配合单位？")
    assert ans.found and ans.intent == "units_taking_part"
    listed = {line[2:].split("：")[0] for line in ans.answer.splitlines() if line.startswith("· ")}
    assert listed == only
    english = qa.ask("Which bodies in the Dongyue provincial plan never lead a single task?")
    assert english.intent == "units_taking_part"
    # a plan whose tasks name no lead cannot tell them apart: said, not guessed
    unled = synthetic_qa("inline_all_duty", "txt", "national")
    assert not any(r.lead_units for r in unled.task_rows())
    ans = unled.ask("国家方案里哪些单位不牵头任何任务、只配合？")
    assert not ans.found and "未写明" in ans.answer
    mostly = synthetic_qa("inline_all_duty", "txt", "municipal")  # a lead named for a few tasks only
    rows = mostly.task_rows()
    assert any(r.lead_units for r in rows) and 2 * sum(not r.lead_units for r in rows) >= len(rows)
    ans = mostly.ask("市里的方案有没有只配合不牵头的单位？")
    assert ans.intent == "units_taking_part" and not ans.found and "无法区分" in ans.answer


@pytest.mark.parametrize("typed,count", [
    ("没有配合单位的任务有哪些？", 0),
    ("只有一个配合单位的任务是哪几项？", 1),
    ("Which tasks have no supporting units?", 0),
    ("Which tasks have only one partner unit?", 1),
    ("没有配合单位也能完成吗", None),  # no tasks asked
    ("清洁取暖的配合单位有哪些？", None),
])
def test_tasks_asked_by_how_many_units_take_part(typed: str, count: int | None) -> None:
    assert partners_counted(typed) == count


def test_tasks_with_no_or_one_unit_taking_part(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "national")
    rows = qa.task_rows()
    one = [r for r in rows if len(r.participating_units) == 1]
    assert one  # the fixture has such tasks
    ans = qa.ask("国家方案里只有一个配合单位的任务是哪几项？那个配合单位是谁？")
    assert ans.found and ans.intent == "tasks_by_partners"
    items = [line for line in ans.answer.splitlines() if line.startswith("· ")]
    assert len(items) == len(one)  # the second part repeats the list: said once
    assert all(r.participating_units[0] in ans.answer for r in one)


def test_a_years_aim_asked_with_no_other_word(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "county")
    ans = qa.ask("县里的方案2030年要实现什么？")  # no word to match: the year's aim in the best passage
    assert ans.found and "2030年" in ans.answer and "峰值" in ans.answer
    ans = qa.ask("县里的方案对重点任务完成情况怎么考核？")
    assert ans.found and "考核" in ans.answer
