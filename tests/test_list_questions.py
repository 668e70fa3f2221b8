"""Lists and wholes, found on the thirty-first blind dev sets: named instances a plan does not
name (名单, 哪几家, which projects were selected) and breakdowns it does not give (怎么分解,
each county's), a request to list that continues a question (…？请列出名单), the parts of a
plan or of its key tasks (重点任务分哪几块, the main parts of the … plan), the clauses of a
part named in English, a figure left blank in a phrase the plan writes (多少米见绿), each
indicator of an enumeration with its target, and a lead question whose task the plan states
without a unit.  Question strings are synthetic; answers come from the seed plan or from
SYNTHETIC matrix plans."""

from __future__ import annotations

import pytest

from assistant.answering.asked import missing_kind
from assistant.answering.asking import split_question
from assistant.answering.glossary import unknown_words
from assistant.answering.intent import STRUCTURE_EN_RE, STRUCTURE_RE
from assistant.answering.numbered import OUTLINE_RE
from assistant.answering.rosters import asks_joint_lead

QUANTIFIED = ["全市60%以上城市生活污水处理厂进行提标改造[1]。"]


@pytest.mark.parametrize("question,kind", [
    ("要提标改造的污水处理厂是哪几家？", "roster"),
    ("模范县名单有吗", "roster"),
    ("示范项目有哪些？给我列一下项目名称。", "roster"),
    ("Which projects were selected as pilots? List them.", "roster"),
    ("改造任务是怎么分解的？", "breakdown"),
    ("各市的海绵城市建设面积比例指标分别是多少？", "breakdown"),
    ("Can you list each county's targets?", "breakdown"),
    ("各类公共机构（学校、医院）分别定了多少能耗下降目标？", "breakdown"),  # one figure for all kinds
    ("污水处理厂要达到什么标准？", None),
    ("主送单位名单", None),  # the header's recipients, not instances of a thing
])
def test_a_list_the_plan_does_not_give_is_missing(question: str, kind: str | None) -> None:
    assert missing_kind(question, question, QUANTIFIED) == kind


def test_a_named_list_in_the_text_answers_a_roster() -> None:
    lines = ["试点为东城区、西城区、南湖县[1]。"]
    assert missing_kind("试点名单是哪些？", "试点名单是哪些？", lines) is None
    # units asked (哪几家单位, 具体是哪几个部门) are answered by the task's units (a reviewer's probes)
    for line in ("推进建筑光伏应用：由甲市发展和改革委员会牵头，甲市住房和城乡建设局参与[1]。",
                 "推进清洁取暖（甲市能源局、甲市住房和城乡建设局按职责分工负责）[1]。"):
        for asked in ("建筑光伏应用的参与单位有哪几家？", "清洁取暖具体是哪几个部门负责？", "参与单位有哪些？请列出名单"):
            assert missing_kind(asked, asked, [line]) is None
    # …but units named do not answer a list of projects
    asked = "示范项目有哪些？给我列一下项目名称。"
    assert missing_kind(asked, asked, ["开展示范（甲市住房和城乡建设局、甲市财政局按职责分工负责）[1]。"]) == "roster"


@pytest.mark.parametrize("text,parts", [
    ("协调机制有哪些成员单位？请列出名单。", 1),
    ("示范项目有哪些？给我列一下项目名称。", 1),
    ("清洁取暖率要达到多少？由哪个单位牵头？", 2),
])
def test_a_request_to_list_continues_the_question(text: str, parts: int) -> None:
    assert len(split_question(text)) == parts


@pytest.mark.parametrize("text,outline", [
    ("方案的主要部分有哪些？", True),
    ("临河县方案里重点任务分哪几块？", True),
    ("青山市行动方案的重点任务包括哪几个方面？", True),
    ("What are the main parts of the Dongyue provincial carbon peak implementation plan?", True),
    ("What sections does the plan have?", True),
    ("绿色建筑包括哪几个方面？", False),
])
def test_the_parts_of_a_plan_asked(text: str, outline: bool) -> None:
    assert bool(OUTLINE_RE.search(text)) is outline


def test_tasks_of_a_deadline_asked_as_which_items() -> None:
    from assistant.answering.lookup import WHICH_RE

    assert WHICH_RE.search("表格里完成时限是“持续推进”的是哪几项？")


def test_the_clauses_of_a_part_asked() -> None:
    assert STRUCTURE_RE.search("“优化城乡用能结构”部分讲了哪两件事？")
    assert STRUCTURE_EN_RE.search("What are the clauses under 'systematically promote green city construction'?")
    assert asks_joint_lead("临河县有没有两个单位一起牵头的任务？")
    assert unknown_words("Which information technologies should be integrated and applied?") == []


def test_list_questions_on_the_seed(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("公园体系建设那个口号是啥？就是多少米见绿那个")
    assert ans.found and "米见绿" in ans.answer and any(c.isdigit() for c in ans.answer.split("米见绿")[0][-5:])
    ans = seed_qa.ask("What are the main parts of the plan?")
    assert ans.found and "正文结构" in ans.answer
    part = seed_qa.documents[0].sections[1]
    ans = seed_qa.ask(f"{part.title}下面有哪几条？")
    assert ans.found and all(c.title in ans.answer for c in seed_qa.documents[0].clauses if c.section_no == part.no)


def test_a_task_the_plan_states_without_a_unit(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    rows = "".join(t.requirement + t.measure for t in doc.tasks).replace(" ", "")
    assert "绿色照明" in doc.text.replace(" ", "") and "绿色照明" not in rows  # the seed states it, no row has it
    ans = seed_qa.ask("城市绿色照明由谁牵头？")
    assert not ans.found and "没有写明" in ans.answer


def test_each_indicator_enumerated_gets_its_target(seed_qa) -> None:  # type: ignore[no-untyped-def]
    targets = [t for t in seed_qa.documents[0].targets if t.year == 2025][:3]
    names = [t.indicator for t in targets]
    ans = seed_qa.ask(f"2025年{'、'.join(names)}分别是多少？")
    said = ans.answer.replace(" ", "")
    assert ans.found and all(t.value.replace(" ", "") in said for t in targets)
    # a period asked: its own figures, not a later year's said in the same sentence
    period = [t for t in seed_qa.documents[0].targets if "十四五" in t.text]
    later = {t.value.replace(" ", "") for t in period if t.year and t.year > 2025}
    own = [t for t in period if (t.year or 0) <= 2025][:2]
    ans = seed_qa.ask(f"“十四五”期间{'、'.join(t.indicator for t in own)}分别是多少？")
    said = ans.answer.replace(" ", "")
    assert later and ans.found and all(t.value.replace(" ", "") in said for t in own)
    assert not any(v in said for v in later if not any(v in t.value.replace(" ", "") for t in own))


def test_a_role_is_no_unit_and_a_requirement_on_it_no_lead_question(seed_qa) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.intent import ADDRESSED_RE

    assert seed_qa.resolve_unit("各级牵头部门") is None and seed_qa.resolve_unit("各级部门") is None
    assert ADDRESSED_RE.search("方案对各级牵头部门的年度自查有什么要求？")
    assert not ADDRESSED_RE.search("清洁取暖的牵头部门是哪个？")


def test_a_deadline_looked_up_in_a_plan_without_deadlines(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert not any(t.deadline for t in seed_qa.documents[0].tasks)
    ans = seed_qa.ask("完成时限是“2025年底前”的是哪几项？")
    assert not ans.found and "完成时限一栏" in ans.answer


def test_each_indicator_keeps_its_bound_and_the_item_written_whole(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "national")
    doc = qa.documents[0]
    bounded = next(t for t in doc.targets if any(b in t.text.split(t.value)[0][-4:] for b in ("超过", "不高于", "不低于")))
    other = next(t for t in doc.targets if t.indicator != bounded.indicator and t.year)
    ans = qa.ask(f"{bounded.indicator}、{other.indicator}分别是多少？")
    said = ans.answer.replace(" ", "")
    assert ans.found and bounded.text.split(bounded.value)[0][-2:] + bounded.value.replace(" ", "") in said
