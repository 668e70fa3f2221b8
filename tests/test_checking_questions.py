"""Question reading rules found on the ninth blind dev sets: people checking what they
believe (发改委只参与那一项，对吗), asking where a task stands in the table (第几项), saying what
the answer is for before a colon (写汇报材料要用：…), asking when a thing the text gives no
time for is due. Synthetic strings, and the seed plan through the fake embedder."""

from __future__ import annotations

import pytest

from assistant.answering.courtesy import without_courtesy
from assistant.answering.pointed import ITEM_ASKED_RE
from assistant.answering.unit_asks import ONLY_ONE_RE
from assistant.text import canonical


@pytest.mark.parametrize("message,question", [
    ("写汇报材料要用：自规局涉及哪些任务？", "自规局涉及哪些任务？"),
    ("给领导列个清单：城管局牵头的任务", "城管局牵头的任务"),
    ("开会要用：清洁取暖谁牵头？", "清洁取暖谁牵头？"),
    ("2025年目标：绿色建筑占比多少？", "2025年目标：绿色建筑占比多少？"),  # a year before the colon is content
    ("建筑材料：有什么要求？", "建筑材料：有什么要求？"),
])
def test_what_the_answer_is_for_is_no_part_of_the_question(message: str, question: str) -> None:
    assert without_courtesy(message) == question


def test_a_belief_of_one_task_is_checked_against_the_whole_list() -> None:
    assert ONLY_ONE_RE.search("听说发改委只参与屋顶光伏那一项，对吗？")
    assert ONLY_ONE_RE.search("财政局是不是就负责一项？")
    assert not ONLY_ONE_RE.search("发改委参与屋顶光伏吗？")
    assert not ONLY_ONE_RE.search("只有一个县完成了吗")


def test_item_number_asked() -> None:
    assert ITEM_ASKED_RE.search("表格里第几项是海绵城市？")
    assert ITEM_ASKED_RE.search("Which row of the task table covers sponge cities?")
    assert not ITEM_ASKED_RE.search("海绵城市由谁牵头？")


def test_heat_supply_and_heating_are_one_word() -> None:
    assert canonical("市政集中供热") == canonical("市政集中供暖")


def test_the_item_number_of_a_task_is_said(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("表格里第几项是海绵城市？")
    assert ans.found
    rows = [c.row_no for c in ans.citations if c.row_no is not None]
    assert rows and f"第{rows[0]}项" in ans.answer
    assert any("海绵城市" in t.requirement for t in ans.tasks)


def test_only_one_task_believed_lists_the_units_tasks(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("听说市发改委只参与屋顶光伏那一项，对吗？")
    assert ans.intent == "unit_tasks"
    expected = {t["row_no"] for t in seed_qa.tasks(unit="市发展和改革委员会", role="participating")}
    assert len(expected) > 1 and {t.row_no for t in ans.tasks} == expected


def test_a_time_asked_needs_a_line_with_the_thing_and_a_time(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert not seed_qa.ask("零碳社区什么时候建成？").found  # the text names it, with no time


def test_a_table_without_deadlines_still_gives_the_texts_own_time(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("老旧小区改造的完成时限是什么？")
    assert ans.found and "2025年" in ans.answer.replace(" ", "")
    assert "没有完成时限一栏" in ans.answer


def test_a_qualifier_ruled_out_makes_a_line_contrary() -> None:
    from assistant.answering.figures import contrary

    assert contrary("北方地区城市（不是县城）的清洁取暖率", "到2025年北方地区县城清洁取暖率达到90%以上")
    assert not contrary("北方地区县城的清洁取暖率", "到2025年北方地区县城清洁取暖率达到90%以上")
    assert not contrary("是不是县城的清洁取暖率？", "到2025年北方地区县城清洁取暖率达到90%以上")


def test_lead_or_partner_in_english_asks_any_role() -> None:
    from assistant.answering.english import translate

    text = translate("What is the finance bureau responsible for, as lead or partner?")
    assert "参与" in text and "牵头" in text
