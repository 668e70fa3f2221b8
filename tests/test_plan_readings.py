"""Which plan a question means when it does not say, and who does a thing the text names:
a short unit name several plans hold read as the one holding tasks in the asked role, 地方政府
as a national plan's 各地区人民政府, a district the plans never name refused, a body the text
gives an act to (县级财政…安排配套资金), and a target whose sentence names the asked thing
(屋顶分布式光伏建设，…新增建筑光伏装机容量).  Question strings are written for these tests;
answers come from SYNTHETIC plans built by tests/synthetic."""

from __future__ import annotations

import pytest

from assistant.answering.actors import asked_action, said_doing
from assistant.answering.figures import sibling
from assistant.answering.rosters import role_told


@pytest.mark.parametrize("text,mention,role", [
    ("机关事务服务中心牵头的节能改造要完成多少", "机关事务服务中心", "lead"),
    ("能源局配合的那项任务", "能源局", "participating"),
    ("能源局要协助的光伏", "能源局", "participating"),
    ("能源局的光伏目标", "能源局", None),
])
def test_the_role_told_of_a_unit_right_after_its_name(text: str, mention: str, role: str | None) -> None:
    assert role_told(text, mention) == role


@pytest.mark.parametrize("question,verb", [
    ("重点项目的配套资金由谁来安排？", "安排"),
    ("奖励资金谁发放", "发放"),
    ("哪个部门负责审核？", "审核"),
    ("清洁取暖由谁牵头？", None),  # a role: the tables answer it
    ("谁配合？", None),
    ("配套资金有多少", None),
])
def test_the_act_asked_of_who(question: str, verb: str | None) -> None:
    assert asked_action(question) == verb


def test_a_sentence_gives_the_act_to_a_body_only_with_what_is_asked() -> None:
    line = "积极争取上级补助资金，县级财政根据财力情况安排配套资金，保障重点项目实施"
    assert said_doing("配套资金由谁来安排？", line, ["配套资金"])
    assert not said_doing("配套资金由谁来发放？", line, ["配套资金"])  # another act
    assert not said_doing("奖励由谁来安排？", line, ["奖励"])  # another thing
    assert not said_doing("配套资金由谁来安排？", "根据情况安排配套资金", ["配套资金"])  # no body does it


def test_a_sibling_is_no_sibling_when_the_indicators_sentence_names_the_asked_thing() -> None:
    text = "推进屋顶分布式光伏建设，到2025年新增建筑光伏装机容量150万千瓦。鼓励分布式光伏。"
    assert sibling("屋顶分布式光伏新增装机", "新增建筑光伏装机容量", [text])
    assert not sibling("屋顶分布式光伏新增装机", "新增建筑光伏装机容量", [text], "推进屋顶分布式光伏建设")
    # both things in the sentence: still two things (新建城区 asked, 主城区 measured; 近零 / 超低)
    assert sibling("新建城区道路网密度", "主城区道路网密度", ["加大提升主城区和新建城区道路网密度"], "加大提升主城区和新建城区道路网密度")
    assert sibling("近零能耗建筑", "超低能耗建筑面积", ["超低能耗建筑、近零能耗建筑"], "推广超低能耗建筑、近零能耗建筑")


@pytest.fixture(scope="module")
def library(synthetic_qa):  # type: ignore[no-untyped-def]
    return synthetic_qa("table_ruled", "txt", "national", "provincial", "municipal", "county")


def test_a_short_name_several_plans_hold_reads_as_the_one_with_tasks_in_the_role(library) -> None:  # type: ignore[no-untyped-def]
    ans = library.ask("机关事务服务中心牵头哪些任务？")  # the county's centre only takes part; the city's leads one
    assert ans.found and ans.answer.startswith("市机关事务服务中心牵头")
    assert {t.doc_id for t in ans.tasks} == {"synthetic_qingshan_city_building_energy_2024"}
    ans = library.ask("机关事务服务中心参与哪些任务？")  # the county's centre takes part: kept
    assert ans.found and ans.answer.startswith("县机关事务服务中心")


def test_a_target_of_a_unit_in_a_role_is_read_in_the_plan_where_it_holds_that_role(library) -> None:  # type: ignore[no-untyped-def]
    ans = library.ask("机关事务服务中心牵头的公共建筑节能改造，2025年要完成多少？")
    assert ans.found and "20万平方米" in ans.answer
    assert ans.citations[0].doc_id == "synthetic_qingshan_city_building_energy_2024"


def test_a_target_whose_sentence_names_the_asked_thing_answers(library) -> None:  # type: ignore[no-untyped-def]
    ans = library.ask("省能源局牵头的屋顶分布式光伏，2025年新增装机多少？")
    assert ans.found and "150万千瓦" in ans.answer


def test_local_government_reads_as_the_national_plans_governments(library) -> None:  # type: ignore[no-untyped-def]
    ans = library.ask("地方政府要配合哪项工作？")
    assert ans.found and ans.answer.startswith("各地区人民政府参与")
    ans = library.ask("地方政府专项债券怎么用？")  # a word of the text, no unit
    assert ans.intent != "unit_tasks"


def test_a_district_no_plan_names_is_refused(library) -> None:  # type: ignore[no-untyped-def]
    ans = library.ask("青山市西城区的清洁取暖率目标是多少？")
    assert not ans.found and "西城区" in ans.answer
    ans = library.ask("青山市城区清洁取暖率目标是多少？")  # 城区, a kind of area
    assert ans.found


def test_a_body_the_text_gives_the_act_to_answers_who(library) -> None:  # type: ignore[no-untyped-def]
    ans = library.ask("临河县重点项目的配套资金由谁来安排？")
    assert ans.found and "县级财政" in ans.answer and ans.citations
    ans = library.ask("临河县重点项目的配套资金由谁来审批？")  # the text names no one approving it
    assert not ans.found
