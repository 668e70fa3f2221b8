"""Who does what, said any way, found on the fortieth blind dev sets: role words the plans do
not use (主抓, 主办, 挑头, 说了算, 打配合, 打下手, 跟着做, 张罗), a unit's share said as 担子 or
活, X给Y打配合, a task described by its roles before a question about its content, a part
named by its title alone (在…方面，), a role said of a unit no plan names, and English (in
charge of, point unit, support).  Question strings are written for these tests; answers come
from the seed plan or from SYNTHETIC plans built here."""

from __future__ import annotations

import pytest

from assistant.answering.asking import told_roles
from assistant.answering.english import translate
from assistant.answering.parts import pointed_part
from assistant.answering.premise import role_said_of
from assistant.roles import roles_as_written
from assistant.text import normalize_question


@pytest.mark.parametrize("said,written", [
    ("传统村落保护谁主办？", "传统村落保护谁牵头？"),
    ("供热计量收费改革谁说了算，谁跟着做？", "供热计量收费改革谁牵头，谁配合？"),
    ("住建局主抓的任务", "住建局牵头的任务"),
    ("能源局挑头的屋顶光伏", "能源局牵头的屋顶光伏"),
    ("城管局打下手的活", "城管局配合的活"),
    ("发改委给城管局打配合的是哪项？", "发改委配合城管局的是哪项？"),
    ("压在城管局身上的担子有哪些", "城管局的任务有哪些"),
    ("分给住建局的活一共有哪些", "住建局的任务一共有哪些"),
    ("跟发改委沾边的任务", "跟发改委涉及的任务"),
    ("谁是主力？", "谁是牵头单位？"),
    ("自查自评由谁来张罗？", "自查自评由谁来负责？"),
    ("城管局的担子有哪些", "城管局的任务有哪些"),
    ("清洁取暖谁来帮忙？", "清洁取暖谁配合？"),
])
def test_role_words_are_rewritten_as_the_plans_write_them(said: str, written: str) -> None:
    assert roles_as_written(said) == written


@pytest.mark.parametrize("text", [
    "省里靠什么机制来抓总协调城乡建设碳达峰工作？",  # 抓总协调: a verb of coordinating, not who leads
    "住房城乡建设主管部门要做什么？",  # a plan's own word for the competent department
    "财政资金支持哪些项目？",  # 支持 as the plans use it
    "Who is in charge of clean heating?",  # English passes unchanged
    "帮忙查一下清洁取暖谁牵头？",  # the asker asking for help
    "麻烦帮我看看谁配合海绵城市建设",  # no unit helped
    "请给出住建局配合的任务", "请帮忙把住建局配合的任务列出来", "帮查一下城管局配合哪些工作", "请全部帮忙列一下",
    "不知道怎么办帮忙看看", "听说有份文件要求", "占有份额", "党政机关要带头做什么", "以城市更新为主抓手",
    "成为主力能源", "数据说了算吗", "各项任务落到实处的工作要求", "医保经办机构",
])
def test_the_plans_own_words_and_other_verbs_are_left_alone(text: str) -> None:
    assert roles_as_written(text) == text


def test_the_normaliser_rewrites_roles_after_traditional_characters() -> None:
    assert normalize_question("省住建廳主辦的任務") == "省住建厅牵头的任务"


@pytest.mark.parametrize("text,told", [
    ("能源局牵头的电气化那条，新建住宅引导采用什么厨房？", True),
    ("住建厅牵头、发改委配合的绿色建筑那条，政府投资公益性建筑按什么标准建设？", True),
    ("住建局牵头的清洁取暖，具体有哪些任务？", False),  # a unit's tasks asked
    ("住建局牵头的海绵城市，还有哪些单位？", False),  # who else takes part asked
    ("我们是市机关事务服务中心，这份方案里我们牵头的和配合的分别是哪些？", False),  # roles of the asking clause
    ("住建局牵头的绿色建筑，还有哪些局协助？", False),  # who else takes part
    ("住建局牵头的绿色建筑，财政局承担什么？", False),
    ("城管局牵头的垃圾分类那条，如何开展生活垃圾分类？", True),  # 生活 is no 活 (a chore)
    ("发改委牵头的项目建设那条，有什么要求？", True),  # 项目 is no 项 (an item)
])
def test_roles_describing_a_task_before_a_content_question_are_told_not_asked(text: str, told: bool) -> None:
    assert (told_roles(text) != text) is told


@pytest.mark.parametrize("text,unit,said", [
    ("公共建筑能耗统计，市统计局要协助哪些？", "市统计局", True),
    ("绿色建材认证是市场监管局牵头吗？", "市场监管局", True),
    ("市应急管理局的联系电话是多少？", "市应急管理局", False),
    ("我们县住建局是碳达峰的牵头部门，想确认一下报告什么时候报？", "县住建局", False),  # told, not asked
    ("这项工作是哪几个局牵头？", "哪几个局", False),  # a question word, no unit
])
def test_a_role_said_of_a_unit(text: str, unit: str, said: bool) -> None:
    assert role_said_of(text, unit) is said


@pytest.mark.parametrize("english,chinese", [
    ("Which tasks is the National Energy Administration in charge of?", "牵头"),
    ("Who is the point unit for prefabricated buildings?", "由谁牵头"),
    ("Who owns the green building label task?", "由谁牵头"),
    ("Which ministries support the energy-efficiency upgrade of schools?", "哪些单位参与"),
    ("Which departments support the energy-efficiency upgrade of schools?", "哪些单位参与"),
    ("Which department heads up clean heating?", "由谁牵头"),
])
def test_english_role_words(english: str, chinese: str) -> None:
    assert chinese in translate(english)


def test_a_part_named_by_its_title_alone_closed_by_a_word_of_place() -> None:
    """SYNTHETIC plan: a bare 方面 / 里 points at a title only when most of the words are the title's."""
    from tests.synthetic_index_docs import make_doc

    doc = make_doc()
    assert [p.title for p in pointed_part("在清洁取暖示范方面，城管局牵头哪些？", [doc])] == ["清洁取暖示范"]
    assert [p.title for p in pointed_part("海绵城市试点里，财政局参与哪几项？", [doc])] == ["海绵城市试点"]
    assert pointed_part("在冬季供暖和其他很多事情方面，城管局牵头哪些？", [doc]) == []  # a title's word, no title
    assert [p.title for p in pointed_part("市城市管理局在清洁取暖示范方面牵头哪些？", [doc])] == ["清洁取暖示范"]


@pytest.mark.parametrize("question,rows", [
    ("系统推进绿色低碳城市建设里，自然资源局协助哪几项？", {2, 3}),
    ("发改委给城管局打配合的是哪项？", {27}),
    ("压在城管局身上的担子有哪些", {2, 5, 6, 7, 8, 10, 11, 24, 27, 28, 33}),
])
def test_seed_unit_tasks_asked_in_other_words(seed_qa, question: str, rows: set[int]) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask(question)
    assert a.intent == "unit_tasks" and {t.row_no for t in a.tasks} == rows


@pytest.mark.parametrize("question,unit", [
    ("绿色建材认证是市场监管局主抓吗？", "市场监管局"),
    ("公共建筑能耗统计，市统计局要协助哪些？", "市统计局"),
])
def test_seed_a_role_asked_of_a_unit_no_plan_names_is_refused(seed_qa, question: str, unit: str) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask(question)
    assert not a.found and f"没有提到“{unit}”" in a.answer


def test_seed_who_leads_said_otherwise(seed_qa) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask("供热计量收费改革谁说了算，谁跟着做？")
    assert a.found and "市城市管理局" in a.answer and "市发展和改革委员会" in a.answer


def test_seed_a_units_lead_tasks_narrowed_to_those_it_leads_with_others(seed_qa) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask("城管局牵头的任务中，有哪些是和其他单位一起牵头的？")
    assert a.intent == "unit_tasks" and a.tasks and all(len(t.lead_units) > 1 for t in a.tasks)
    assert all("市城市管理局" in t.lead_units for t in a.tasks)


@pytest.mark.parametrize("question", ["住建局牵头的任务一共有哪些？联合牵头的也算进去。",
                                      "市住房和城乡建设局牵头（含共同牵头）的任务有哪些？",
                                      "Which tasks does the Municipal Urban Management Bureau lead, counting joint leads?"])
def test_seed_joint_leads_counted_in_do_not_narrow(seed_qa, question: str) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask(question)
    assert a.intent == "unit_tasks" and any(len(t.lead_units) == 1 for t in a.tasks)


def test_the_kinds_of_a_word_asked_listed_by_their_own_names_hold_it() -> None:
    from assistant.answering.answerable import _kinds_listed

    assert _kinds_listed("热源", "推广污水源、土壤源、空气源等热泵技术")
    assert not _kinds_listed("热源", "推进清洁热源、供热管网等建设改造")  # one kind, no list of them
    assert not _kinds_listed("热源", "优化能源、资源配置")  # two words ending alike, no list
    assert _kinds_listed("热源", "利用空气源、地热源等")


def test_seed_which_kinds_asked_is_answered_by_the_list(seed_qa) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask("热泵供暖供冷可以用哪几种热源？")
    assert a.found and "污水源、土壤源、空气源" in a.answer


def test_english_who_questions_that_are_no_role() -> None:
    assert "由谁牵头" not in translate("Who is the head of the housing bureau?")
    assert "参与" not in translate("Who can help me with this?")


@pytest.mark.parametrize("question", ["住建局牵头的任务里，哪些不是和别的部门一起牵头的？"])
def test_seed_joint_leads_denied_do_not_narrow_to_them(seed_qa, question: str) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask(question)
    assert any(len(t.lead_units) == 1 for t in a.tasks)


def test_a_figure_with_no_unit_states_nothing() -> None:
    from assistant.answering.premise import states_value

    assert not states_value((12.0, "%"))("每年12月底前报送")
    assert states_value((4.0, "亿平方米"))("累计完成既有建筑节能改造4亿平方米以上")


def test_a_units_tasks_narrowed_by_a_deadline_of_the_table() -> None:
    """SYNTHETIC rows: 完成时限 asked narrows by the table's column, not the text's years."""
    from dataclasses import replace as _replace

    from assistant.answering.timed import narrowed
    from tests.synthetic_index_docs import make_doc

    rows = [_replace(t, deadline=d) for t, d in zip(make_doc().tasks, ("2025年底前", "2027年底前", "每年12月底前"))]
    how, kept = narrowed("住建局牵头的任务里，完成时限是“2025年底前”的有哪些？", [2025], rows) or ("", [])
    assert "2025年底前" in how and [t.row_no for t in kept] == [1]
    how, kept = narrowed("住建局牵头的任务里，表格完成时限写明是2027年的有哪些？", [2027], rows) or ("", [])
    assert [t.row_no for t in kept] == [2]
    no_column = [_replace(t, deadline=None) for t in rows]
    assert "完成时限在" not in (narrowed("完成时限写明是2027年的有哪些？", [2027], no_column) or ("", []))[0]
