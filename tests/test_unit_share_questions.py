"""A unit's share of the work asked the way staff ask it, found on the twenty-sixth blind dev
sets: a unit no document names though jieba cuts its name apart (市工|信局), its part asked as
a role (什么角色, 是牵头还是配合), details a plan does not give about a unit (its sections,
phone, deputy head, an assessment's points), two units each asked their own list, who works
with a unit, a unit said to be one of the issuers, and what exists today against a target to
add.  Question strings are synthetic; answers come from the seed plan."""

from __future__ import annotations

import pytest

from assistant.answering.asked import asks_progress, missing_detail, missing_kind
from assistant.answering.described import name_described_units, name_own_unit, own_unit_unclear
from assistant.answering.each import each_unit
from assistant.answering.mentions import unknown_unit
from assistant.answering.terms import jieba_tagged, plain_roles

KNOWN = {"市城市管理局", "城市管理局", "市住房和城乡建设局"}


@pytest.mark.parametrize("text,want", [
    ("市工信局在屋顶光伏这项里是牵头还是配合？", "市工信局"),  # 市工|信局
    ("市应急管理局在消防设施提升改造中承担什么任务？", "市应急管理局"),  # 市|应急|管理局
    ("市机关事务服务中心在屋顶光伏上承担什么任务？", "市机关事务服务中心"),
    ("市城市管理局负责哪些任务？", None),  # known
    ("全市布局怎么优化？", None),  # a layout, no bureau
    ("区域能源服务中心承担什么任务？", None),  # 区 of 区域 is no level
    ("市规划局是配合单位吗？", None),  # a short name of 自然资源和规划局
    ("市中心的供热谁负责？", None),  # downtown, no unit
])
def test_a_unit_no_document_names_is_found_however_jieba_cuts_it(text: str, want: str | None) -> None:
    assert unknown_unit(jieba_tagged(text), lambda n: n if n in KNOWN else None, lambda w: w in ("管理局",),
                        ("城管", "自然资源规划")) == want


@pytest.mark.parametrize("text,name", [
    ("市工信局在工业厂房屋顶光伏这项里是牵头还是配合？", "市工信局"),
    ("市应急管理局在消防设施提升改造中承担什么任务？", "市应急管理局"),
])
def test_a_unit_no_document_names_is_told_so(seed_qa, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask(text)
    assert not ans.found and ans.intent == "unknown_unit" and f"没有提到“{name}”" in ans.answer


@pytest.mark.parametrize("text", ["发改委在屋顶光伏这件事上是什么角色？", "发改委在屋顶光伏这件事上扮演什么角色？"])
def test_a_units_role_asked_in_a_task(seed_qa, text: str) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask(text)
    assert ans.found and ans.tasks
    assert all("市发展和改革委员会" in (*t.lead_units, *t.participating_units) for t in ans.tasks)
    assert any("光伏" in t.requirement for t in ans.tasks)


@pytest.mark.parametrize("text,said", [
    ("牵头单位没完成任务，年度考核扣几分？", "考核扣分"),
    ("住建局哪个科室具体负责超低能耗建筑？", "科室"),
    ("发改委负责这项工作的分管副主任是谁？", "负责人"),
])
def test_details_a_plan_does_not_give_about_a_unit_are_refused(seed_qa, text: str, said: str) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask(text)
    assert not ans.found and said in ans.answer.splitlines()[0]


def test_the_askers_own_section_asks_no_section(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("我科室所在的市城管局，凡是沾边的任务都帮我列一下")
    rows = {t.row_no for t in seed_qa.task_rows(unit="市城市管理局", role="any")}
    assert ans.found and ans.intent == "unit_tasks" and {t.row_no for t in ans.tasks} == rows


@pytest.mark.parametrize("question,lines,kind", [
    ("没完成扣几分？", ["未完成的每项扣2分。"], None),
    ("没完成扣几分？", ["由市住房和城乡建设局牵头。"], "score"),
    ("城管局负责供热的办公室电话是多少？", ["由市城市管理局牵头[1]。"], "contact"),
    ("城管局负责供热的办公室电话是多少？", ["联系电话：0635-1234567"], None),
    ("What is the phone number of the housing bureau?", ["由市住房和城乡建设局牵头[1]。"], "contact"),
    ("住建局内部是哪个处室负责？", ["由市住房和城乡建设局牵头[1]。"], "division"),
    # ordinary questions that ask no detail about a unit
    ("县城内部什么道路宽度不宜超过40米？", ["县城内部道路宽度不宜超过40米。"], None),
    ("Which section of the plan covers heating metering?", ["（七）推进供热计量改革。"], None),
    ("到2030年热损失下降多少个百分点？", ["下降5个百分点。"], None),
    ("噪声控制在多少分贝？", ["由市生态环境局牵头。"], None),
])
def test_a_detail_about_a_unit_is_given_only_in_its_own_words(question: str, lines: list[str], kind: str | None) -> None:
    assert missing_detail(question, question, lines) == kind


def test_two_units_each_asked_their_own_list(seed_qa) -> None:  # type: ignore[no-untyped-def]
    units = ("市住房和城乡建设局", "市城市管理局")
    rows = {u: {t.row_no for t in seed_qa.task_rows(unit=u, role="lead")} for u in units}
    assert rows[units[0]] & rows[units[1]]  # tasks they lead together: each list must still hold them
    ans = seed_qa.ask("住建局和城管局各牵头哪些任务？")
    assert ans.found and {t.row_no for t in ans.tasks} == rows[units[0]] | rows[units[1]]
    lists = ans.answer.split("牵头的任务共")[1:]
    assert len(lists) == 2  # one list per unit, each with its own headings and every one of its tasks
    for unit, body in zip(units, lists):
        assert body.splitlines()[1].startswith("【")
        assert sum(line.startswith("· ") for line in body.splitlines()) == len(rows[unit])


@pytest.mark.parametrize("text,mentions,want", [
    ("资规局和住建局各牵头哪些任务？", ["资规局", "住建局"], ["资规局各牵头哪些任务？", "住建局各牵头哪些任务？"]),
    ("资规局和住建局分别负责什么？", ["资规局", "和住建局"], ["资规局分别负责什么？", "住建局分别负责什么？"]),
    ("资规局和住建局牵头哪些任务？", ["资规局", "住建局"], ["资规局和住建局牵头哪些任务？"]),  # no 各: asked together
    ("住建局各牵头哪些任务？", ["住建局"], ["住建局各牵头哪些任务？"]),
    ("和平区住建局和城管局各负责什么？", ["和平区住建局", "城管局"], ["和平区住建局各负责什么？", "城管局各负责什么？"]),
    ("住建局和城管局在分工表里各牵头哪些？", ["住建局", "城管局"], ["住建局在分工表里各牵头哪些？", "城管局在分工表里各牵头哪些？"]),
])
def test_each_unit_split(text: str, mentions: list[str], want: list[str]) -> None:
    assert each_unit(text, mentions) == want


def test_who_works_with_a_unit_is_the_tasks_units(seed_qa) -> None:  # type: ignore[no-untyped-def]
    row = next(t for t in seed_qa.task_rows(unit="市城市管理局", role="lead") if t.participating_units)
    ans = seed_qa.ask(f"{row.requirement[:12]}，哪些单位配合市城管局？")
    assert ans.found and row.row_no in {t.row_no for t in ans.tasks}
    assert all(u in ans.answer for u in row.participating_units)
    # a unit with no part in that work: said so, not another task's units under its name
    other = seed_qa.ask(f"{row.requirement[:12]}，哪些单位配合市财政局？")
    assert "市财政局在这项工作中没有分工" in other.answer


def test_a_unit_said_to_be_an_issuer_is_still_asked_its_tasks(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("市发改委作为联合印发单位，在分工表里是牵头还是配合？都有哪些任务？")
    rows = {t.row_no for t in seed_qa.task_rows(unit="市发展和改革委员会", role="any")}
    assert ans.found and ans.intent == "unit_tasks" and {t.row_no for t in ans.tasks} == rows


def test_a_unit_described_at_a_level_layer() -> None:
    text = name_described_units("国家层面管城乡建设的那个部牵头哪些任务", ["住房和城乡建设部", "财政部"], lambda n: None)
    assert text.startswith("住房和城乡建设部")


@pytest.mark.parametrize("said,plain", [("负总责", "牵头"), ("帮忙的", "配合的"), ("跟着干", "配合")])
def test_roles_said_colloquially(said: str, plain: str) -> None:
    assert plain_roles(f"住建局{said}的任务有哪些") == f"住建局{plain}的任务有哪些"


def test_what_exists_today_is_not_a_target_to_add(seed_qa) -> None:  # type: ignore[no-untyped-def]
    added = "到2025年新增地下综合管廊7.5公里"
    assert missing_kind("现有多少公里管廊？", "现有多少公里管廊？", [added]) == "stock"
    assert missing_kind("现有多少公里管廊？", "现有多少公里管廊？", ["截至2022年底，全市现有管廊12公里"]) is None
    assert not seed_qa.ask("聊城现有多少公里地下综合管廊？").found
    assert seed_qa.ask("到2025年新增多少公里地下综合管廊？").found


def test_tasks_already_done_are_progress(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("住建局牵头的任务里哪些已经完成了？")
    assert not ans.found and "进展" in ans.answer
    assert not asks_progress("哪些已完成改造的建筑要实现供热计量收费？")  # a kind of building, not progress


def test_the_askers_unit_by_its_kind_alone(seed_qa) -> None:  # type: ignore[no-untyped-def]
    units = ["市住房和城乡建设局", "市城市管理局", "市发展和改革委员会"]
    assert name_own_unit("我们委参与哪些任务", units) == "市发展和改革委员会参与哪些任务"  # the one 委
    assert name_own_unit("我们局参与哪些任务", units) == "我们局参与哪些任务"  # two bureaus: unchanged
    assert name_own_unit("我委托第三方评估", units) == "我委托第三方评估"
    assert own_unit_unclear("我们局参与哪些任务", units) is not None
    ans = seed_qa.ask("我们局牵头哪些任务？")
    assert not ans.found and "我们局" in ans.answer and all(u in ans.answer for u in units[:2])
    assert seed_qa.ask("我们局里想了解到2025年新增地下综合管廊多少公里？").found  # the asker's unit is not what is asked
    assert own_unit_unclear("我们局作为牵头部门，年度自查报告每年什么时候之前要报上去？", units) is None  # no share asked
