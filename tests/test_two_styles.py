"""Questions written in two styles at once, found on the fifty-third blind dev sets: a pointer said by an asker
who introduced their unit first (我是乙局的，我们配合的那条谁牵头), a role said before its unit (配合单位有乙局的,
把乙局列成了配合单位, 牵头的是甲局), a task among a unit's picked by what its row has (甲局牵头那几条里配合单位只有
一家的那条), a unit said by the work it leads without 的 (负责X那个局), a formal sole lead (未与其他单位联合牵头),
a list of targets asked 分别是多少 or by their measure in quotes (按“户”来算).  Question strings and rows are
synthetic; expectations follow from the rows written here."""

from __future__ import annotations

import pytest

from assistant.answering import chains, rowpick
from assistant.answering.courtesy import asker_intro
from assistant.answering.followup import own_pronoun
from assistant.answering.pairs import paired_units, roles_after_units
from assistant.answering.rosters import sole_lead_asked
from assistant.answering.thresholds import _MEASURE_ASKED_RE, _TARGETS_ASKED_RE
from assistant.answering.wording import FACT_ISSUER_RE
from assistant.types import TaskRow


def _row(n: int, requirement: str, lead: tuple[str, ...], part: tuple[str, ...] = ()) -> TaskRow:
    return TaskRow(doc_id="d", row_no=n, key_task="", measure="", requirement=requirement, lead_units=lead,
                   participating_units=part)


ROWS = [
    _row(1, "推进甲乙丙丁建设，到2025年完成10个", ("甲局",), ("乙局", "丁局")),
    _row(2, "开展戊己庚辛改造，提高能效", ("甲局",), ("丙局",)),
    _row(3, "完善壬癸子丑体系", ("丙局",), ("乙局",)),
    _row(4, "加强寅卯辰巳管理", ("甲局", "丙局"), ()),
]
UNITS = ("甲局", "乙局", "丙局", "丁局")


def _plans(rows: list[TaskRow] = ROWS) -> chains.Plans:
    return chains.Plans(lambda s: sorted((u for u in UNITS if u in s), key=s.find),
                        lambda u, role: [r for r in rows if u is None or r.holds(u, role)],
                        lambda desc: [r for r in rows if rowpick.best_match(desc, [r])])


def _said(text: str) -> list[str]:
    return sorted((u for u in UNITS if u in text), key=text.find)


def test_the_asker_named_in_an_opening_is_the_we_of_a_pointer() -> None:
    plans = _plans()
    text = "我是丁局的，我们配合的那条是谁牵头？"
    assert chains.resolve(text, lambda: plans) == text  # 我们 alone points at nothing
    # the opening stays, for what the message asks next
    assert chains.resolve_own(text, lambda: plans, _said) == f"我是丁局的，{chains.task_head(ROWS[0])}是谁牵头？"
    # an opening naming no unit, or a unit holding several tasks in the role: left as asked
    assert chains.resolve_own("我是新来的，我们配合的那条是谁牵头？", lambda: plans, _said) == "我是新来的，我们配合的那条是谁牵头？"
    assert chains.resolve_own("我是乙局的，我们配合的那条是谁牵头？", lambda: plans, _said) == "我是乙局的，我们配合的那条是谁牵头？"


def test_a_formal_opening_says_who_asks() -> None:
    assert asker_intro("本人系丁局工作人员，我们配合的那条谁牵头？") == "本人系丁局工作人员，"
    assert asker_intro("我们系统在学习方案，我们配合的那条谁牵头？") == ""  # 系统 is no 系


def test_the_unit_said_after_we_is_the_later_bare_we() -> None:
    assert own_pronoun("我们丁局在自查，想确认：是我们配合吗？", _said) == "我们丁局在自查，想确认：是丁局配合吗？"
    assert own_pronoun("我们在自查，是我们配合吗？", _said) == "我们在自查，是我们配合吗？"  # no unit named
    assert own_pronoun("我们丁局跟甲局，我们一起牵头的有哪几项？", _said) == "我们丁局跟甲局，我们一起牵头的有哪几项？"  # both
    assert own_pronoun("我们县丁局想问，我们县的目标是多少？", _said) == "我们县丁局想问，我们县的目标是多少？"  # a place


def test_a_task_the_unit_holds_is_found_from_how_it_is_said() -> None:
    plans = _plans()
    assert chains.resolve("丁局所配合任务的其他配合单位为何？", lambda: plans) == f"{chains.task_head(ROWS[0])}的其他配合单位为何？"
    assert chains.resolve("甲局牵头那几条里 配合单位只有一家的那条 配合的是谁", lambda: plans) == \
        f"{chains.task_head(ROWS[1])} 配合的是谁"
    text = "甲局牵头那几条里 配合单位有三家的那条 配合的是谁"  # none has three
    assert chains.resolve(text, lambda: plans) == text
    # …or by its words when nothing is said of its row
    assert chains.resolve("甲局牵头的任务中，戊己庚辛的那项配合单位是谁", lambda: plans) == f"{chains.task_head(ROWS[1])}配合单位是谁"


def test_what_a_row_is_said_to_have_is_counted() -> None:
    assert [rowpick.has_said(r, "配合单位只有一家") for r in ROWS] == [False, True, True, False]
    assert [rowpick.has_said(r, "配合单位有两个") for r in ROWS] == [True, False, False, False]
    assert [rowpick.has_said(r, "牵头单位有2家") for r in ROWS] == [False, False, False, True]
    assert [rowpick.has_said(r, "没有配合单位") for r in ROWS] == [False, False, False, True]
    assert all(rowpick.has_said(r, "配合单位有两个以上") == bool(r.participating_units) for r in ROWS)  # no exact count
    assert [rowpick.has_said(r, "配合单位一个都没有") for r in ROWS] == [False, False, False, True]


def test_a_partner_pointer_finds_its_task_in_the_words_before_it() -> None:
    plans = _plans()
    assert chains.resolve("方案里 甲乙丙丁那条 跟丁局一起配合的那个局 总共配合哪几条", lambda: plans) == "方案里 乙局 总共配合哪几条"
    assert chains.resolve("负责壬癸子丑那个局 参与了哪些任务", lambda: plans) == "丙局 参与了哪些任务"
    text = "甲局和丙局一起牵头的部分任务都有哪些？"  # 部分: no unit
    assert chains.resolve(text, lambda: plans) == text
    pointer = chains.find_pointer("跟丙局牵头的那个局还牵头哪些")  # 那个局: a unit pointed at, never a task
    assert pointer is not None and pointer.kind == "unit"


def test_a_role_said_before_its_unit_pairs_the_units() -> None:
    units = [("甲", "甲局"), ("乙", "乙局")]
    assert roles_after_units("甲局牵头的任务里 配合单位有乙局的", units) == "甲局牵头的任务里 乙局配合的"
    assert paired_units("甲局牵头的任务里 配合单位有乙局的是哪几条", units) == [("甲", "lead"), ("乙", "participating")]
    assert paired_units("哪几条任务把甲局列成了配合单位、而且牵头的是乙局", units) == [("甲", "participating"), ("乙", "lead")]
    assert paired_units("甲局牵头的任务中配合单位里没有乙局的", units) == [("甲", "lead"), ("乙", "-participating")]
    assert paired_units("甲局的牵头单位是乙局吗", units) == []  # a check, not two roles
    assert paired_units("X那条，牵头的是甲局，配合的是乙局吗？", units) == []


@pytest.mark.parametrize("text,sole", [
    ("甲局牵头之任务中，未与其他单位联合牵头者有哪些", True),
    ("甲局牵头的任务里不和别的单位一起牵头的", True),
    ("甲局单独牵头的", True),
    ("甲局和别的单位联合牵头的有哪些", False),
    ("甲局牵头的任务里，有没有和其他单位联合牵头的？", False),  # the joint ones asked
    ("甲局牵头的任务，是不是都没有和其他单位联合牵头？", False),  # checked: each marked
])
def test_a_sole_lead_said_by_denying_a_joint_one(text: str, sole: bool) -> None:
    assert sole_lead_asked(text) is sole


def test_a_list_of_targets_asked_each_or_by_a_quoted_measure() -> None:
    assert _TARGETS_ASKED_RE.search("2025年的百分比目标分别是多少")
    assert not _TARGETS_ASKED_RE.search("2025年绿色建筑的目标是多少")  # one target
    assert _MEASURE_ASKED_RE.search("哪几个目标是按“户”来算的")
    assert _MEASURE_ASKED_RE.search("百分比目标分别是多少")
    assert not _MEASURE_ASKED_RE.search("各市的面积比例指标分别是多少")  # an indicator's own name, no measure asked


def test_issuers_asked_as_which_bureaus() -> None:
    assert FACT_ISSUER_RE.search("临建字9号是哪几个局联合发的")
    assert not FACT_ISSUER_RE.search("哪几个局牵头")
    assert not FACT_ISSUER_RE.search("绿色建材认证办法由哪个局出台？")  # a thing the plan asks for, not the plan


def test_colloquial_roles_and_a_denied_own_lead() -> None:
    from assistant.answering.asking import question_role
    from assistant.answering.terms import plain_roles
    assert plain_roles("我们是跟着别人一起干的") == "我们是配合的"
    assert plain_roles("管规划那个局带头干的活") == "管规划那个局牵头的活"
    assert question_role("我们单位是配合、不是自己带头的活有哪些") == "participating"


def test_a_unit_described_by_its_work_without_de() -> None:
    from assistant.answering.described import DESCRIBED_RE
    assert DESCRIBED_RE.search("管规划那个局牵头的活")["work"] == "规划"  # type: ignore[index]
    assert DESCRIBED_RE.search("管规划的那个局")["work"] == "规划"  # type: ignore[index]
    assert not DESCRIBED_RE.search("城管局牵头的活")


def test_how_often_asked_then_where_is_two_asks() -> None:
    from assistant.answering.asking import split_question
    assert split_question("方案要求多久评估一次？是哪一条规定的？") == ["方案要求多久评估一次？", "是哪一条规定的？"]
    assert split_question("2025年目标为55%的是哪个指标，由谁牵头？") == ["2025年目标为55%的是哪个指标？", "由谁牵头？"]
    assert split_question("清洁取暖这项，谁牵头") == ["清洁取暖这项，谁牵头"]  # one ask


def test_a_part_named_by_its_quoted_title_and_a_formal_list_request() -> None:
    from assistant.answering.parts import asks_tasks_of_part
    assert asks_tasks_of_part("甲局在“甲乙丙丁水平”部分所牵头之任务，请逐项列明。")
    assert not asks_tasks_of_part("甲局牵头之任务，请逐项列明。")  # no part pointed at


def test_a_figure_asked_by_its_unit_in_brackets_and_a_year_set_aside() -> None:
    from assistant.answering.asked import NUMBER_ASKED_RE
    from assistant.answering.besides import set_aside
    assert NUMBER_ASKED_RE.search("请明确具体的限高标准（米）")
    assert "2027" not in set_aside("国家方案 装配式 不要2027的 2030年占比要到多少")
    assert "2000万平方米" in set_aside("新增绿色建筑不是2000万平方米吗")  # a figure, not a year


def test_a_task_held_by_two_named_units_is_asked_its_figure() -> None:
    plans = _plans()
    assert chains.resolve("乙局和丁局一起配合的那条 目标多少", lambda: plans) == f"{chains.task_head(ROWS[0])}的目标多少"
    text = "乙局配合的那条，关于建设的目标是多少"  # 乙局 supports two; and its own words would find it better
    assert chains.resolve(text, lambda: plans) == text


def test_a_later_part_refers_back_to_the_asker_the_first_names(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("我是城管局的，我们配合的那条由谁牵头？另外我们单独牵头的有几项？")
    alone = seed_qa.ask("市城市管理局单独牵头的任务有几项？")
    assert alone.tasks and set(alone.tasks) <= set(ans.tasks)


def test_a_year_is_said_missing_only_where_no_plan_searched_sets_targets_for_it(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert "没有提出2005年" in seed_qa.ask("2005年的目标是什么？").answer
    ans = seed_qa.ask("2025年农村污水的目标是多少？")  # the plan sets 2025 targets, none for this
    assert not ans.found and "没有提出2025年" not in ans.answer


def test_a_clause_ending_in_a_place_word_is_context_not_a_question() -> None:
    from assistant.answering.asking import split_question
    assert split_question("甲局牵头那几条里，戊己庚辛的那条配合单位是谁？") == ["甲局牵头那几条里，戊己庚辛的那条配合单位是谁？"]
    assert split_question("甲乙管网2025年改多少公里，丙丁改造改多少户") == ["甲乙管网2025年改多少公里？", "丙丁改造改多少户？"]  # 公里


def test_citation_markers_are_left_out_of_what_a_line_says() -> None:
    from assistant.text import without_markers
    assert without_markers("到2025年达到30%[1]，到2030年[12]。") == "到2025年达到30%，到2030年。"
    assert without_markers("见[3]第[一]条", " ") == "见 第[一]条"  # only numbered markers
