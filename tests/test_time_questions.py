"""Time in questions, found on the thirtieth blind dev sets: a unit's tasks narrowed by a year,
a period or the lack of any (哪些有2025年的指标, 按“十四五”期间定量的, 没有写年份的), with their
deadlines when asked (及各自完成时限), the tasks of a deadline (哪些任务标的是“长期坚持”, due by the
end of 2027), years said relative to now (现在是2026年，明年…), a year's targets of one clause
named by a word of its title (2025年绿化方面有哪些指标), and the year or month a plan was issued
(哪年发的, 几月印发的).  Question strings are synthetic; answers come from the seed plan or from
SYNTHETIC matrix plans."""

from __future__ import annotations

import pytest

from assistant.answering.glossary import unknown_words
from assistant.answering.timed import absent_period, dated, holds_time, narrowed
from assistant.answering.wording import FACT_DATE_RE
from assistant.types import TaskRow


def _row(text: str, deadline: str | None = None) -> TaskRow:
    return TaskRow(doc_id="d", row_no=1, key_task="k", measure="m", requirement=text, lead_units=("甲局",),
                   participating_units=(), deadline=deadline)


@pytest.mark.parametrize("question,kept", [
    ("甲局牵头的任务里，哪些有到2025年要完成的指标？", [0, 2]),
    ("Which tasks led by the bureau carry a 2030 target?", [1]),
    ("甲局牵头的任务里，哪些是按“十四五”期间来定量的？", [3]),
    ("甲局牵头但没有写年份目标的任务是哪些？", [4]),
    ("我们参与的任务中，哪些没有规定时间节点？", [4]),
])
def test_a_units_tasks_narrowed_by_time(question: str, kept: list[int]) -> None:
    rows = [_row("到 2025 年完成改造1万户。"), _row("到2030年覆盖率达到60%以上。"), _row("推广节能灯具。", "2025年底前"),
            _row("“十四五”期间完成改造200万平方米。"), _row("推广节能灯具。", "长期坚持")]
    years = tuple(int(y) for y in ("2025", "2030") if y in question)
    cut = narrowed(question, years, rows)
    assert cut is not None and [rows.index(r) for r in cut[1]] == kept


def test_a_question_without_time_is_not_narrowed() -> None:
    assert narrowed("甲局牵头哪些任务？", (), [_row("到2025年完成。")]) is None
    # the year a plan was issued, or a bound, picks no tasks
    assert narrowed("甲局在2023年印发的方案里牵头哪些任务？", (2023,), [_row("到2023年完成。")]) is None
    assert narrowed("甲局在2030年前要完成哪些任务？", (2030,), [_row("到2025年完成。")]) is None
    assert holds_time(_row("推广。", "2026年6月底前")) and not holds_time(_row("推广。", "持续推进"))


@pytest.mark.parametrize("text,asked", [("这个方案是哪年发的？", True), ("是2023年几月印发的？", True),
                                        ("印发于哪一年？", True), ("2030年要达到多少？", False)])
def test_the_year_or_month_of_issue_asks_the_date(text: str, asked: bool) -> None:
    assert bool(FACT_DATE_RE.search(text)) is asked


def test_old_compounds_and_completing_are_understood() -> None:
    assert unknown_words("which year is the deadline for fully completing renovation of old compounds") == []


def test_time_questions_on_the_seed(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("城管局牵头的任务中，哪些设定了2030年的目标？")
    rows = {t["row_no"] for t in ans.to_dict()["tasks"]}
    assert ans.found and rows and all("2030" in t["requirement"].replace(" ", "") for t in ans.to_dict()["tasks"])
    assert 6 not in rows  # 节水型城市: 2025 only
    ans = seed_qa.ask("住建局牵头的任务里，哪些是按“十四五”期间来定量的？")
    assert ans.found and all("十四五" in t["requirement"] for t in ans.to_dict()["tasks"])
    ans = seed_qa.ask("2025年绿化方面要达到哪些指标？")
    assert ans.found and all(v in ans.answer.replace(" ", "") for v in ("37.5%", "42%", "16平方米", "570公里"))
    ans = seed_qa.ask("聊城这个方案是哪年发的？")
    assert ans.found and "2023年6月27日" in ans.answer


@pytest.mark.parametrize("typed,want", [
    ("现在是2026年，明年装配式建筑比例要达到多少？", "2027年装配式建筑比例要达到多少？"),
    ("今年已经2026了，离碳达峰还有几年？", "离碳达峰还有几年？"),
    ("我们牵头的任务里，今年（2026年）12月底要交的有哪几项？", "我们牵头的任务里，2026年12月底要交的有哪几项？"),
    ("明年要完成多少？", "2031年要完成多少？"),  # no year stated: the current one (2030 here)
    ("今年完成了多少？", "今年完成了多少？"),  # this year unstated asks how far things got: as said
    ("What is the target for next year?", "What is the target for 2031?"),
    ("到2025年绿色建筑占比？", "到2025年绿色建筑占比？"),
    # never inside a word, and a year describing the thing asked is no asker's year (a reviewer's probes)
    ("哪些任务没有写明年份？", "哪些任务没有写明年份？"),
    ("老旧小区改造的最后年限是哪一年？", "老旧小区改造的最后年限是哪一年？"),
    ("目前2025年垃圾回收利用率的目标是多少？明年呢？", "目前2025年垃圾回收利用率的目标是多少？2031年呢？"),
    # a sentence before the question that asks nothing tells the asker's situation: its year is theirs
    ("我是甲局的，明年资金要统筹，开了两次会还没定。我们局配合哪些任务？", "我是甲局的，资金要统筹，开了两次会还没定。我们局配合哪些任务？"),
    ("我们明年要考核。明年绿色建筑占比要达到多少？", "我们要考核。2031年绿色建筑占比要达到多少？"),
    # …but not a request, nor a sentence the question leans on (a reviewer's probes)
    ("请列出明年到期的事项。其中哪些由住建局牵头？", "请列出2031年到期的事项。其中哪些由住建局牵头？"),
    ("明年的清洁取暖率。要达到多少？", "2031年的清洁取暖率。要达到多少？"),
    ("我是住建局的，明年到期的事项。我们牵头的有哪些？", "我是住建局的，2031年到期的事项。我们牵头的有哪些？"),  # what is asked
    ("我是财政局的，明年资金要统筹。我们局配合哪些任务？谢谢！", "我是财政局的，资金要统筹。我们局配合哪些任务？谢谢！"),
])
def test_years_said_relative_to_now_are_written_as_years(typed: str, want: str) -> None:
    assert dated(typed, today=2030) == want


def test_deadlines_on_a_table_layout(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "provincial")
    deadlines = {t["deadline"] for t in qa.tasks()}
    some = next(d for d in sorted(deadlines) if not any(c.isdigit() for c in d))  # 长期坚持, 持续推进 …
    ans = qa.ask(f"哪些任务的完成时限是“{some}”？")
    got = {t["deadline"] for t in ans.to_dict()["tasks"]}
    assert ans.found and got == {some} and len(ans.to_dict()["tasks"]) == sum(t["deadline"] == some for t in qa.tasks())
    year = next(y for y in range(2024, 2031) if any(str(y) in d for d in deadlines))
    ans = qa.ask(f"完成时限在{year}年的任务有哪些？")
    due = [t for t in ans.to_dict()["tasks"] if str(year) in t["deadline"]]
    assert ans.found and ans.intent == "tasks_by_deadline" and len(due) == len(ans.to_dict()["tasks"]) \
        == sum(str(year) in t["deadline"] for t in qa.tasks())
    lead = qa.tasks()[0]["lead_units"][0]
    ans = qa.ask(f"{lead}牵头的任务及各自完成时限？")
    assert ans.found and "完成时限：" in ans.answer


def test_a_period_no_document_writes_is_refused(seed_qa) -> None:  # type: ignore[no-untyped-def]
    docs = seed_qa.documents
    assert absent_period("“十四五”期间完成多少？", docs) is None  # the seed writes it
    assert "十五五" in (absent_period("十五五期间要完成多少平方米？", docs) or "")
    ans = seed_qa.ask("“十五五”期间新增绿色建筑面积是多少？")
    assert not ans.found and "十五五" in ans.answer


def test_deadline_questions_on_a_layout_without_deadlines_read_as_before(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("inline_lead_coop", "txt", "county")
    assert not any(t["deadline"] for t in qa.tasks())
    ans = qa.ask("完成时限在2026年的任务有哪些？")  # no 完成时限 to list: the question as it would be read without
    assert ans.intent == "tasks_by_deadline" and "完成时限在" not in ans.answer


def test_a_deadline_marked_as_written_is_looked_up(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "national")
    some = next(d for d in sorted({t["deadline"] for t in qa.tasks()}) if not any(c.isdigit() for c in d))
    ans = qa.ask(f"国家方案里哪些任务标的是“{some}”？")
    assert ans.found and ans.intent == "lookup" and {t["deadline"] for t in ans.to_dict()["tasks"]} == {some}


def test_a_list_asked_again_with_its_deadlines_is_said_once(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "county")
    lead = qa.tasks()[0]["lead_units"][0]
    ans = qa.ask(f"{lead}的任务有哪些？各自什么时候完成？")
    assert ans.found and ans.answer.count("按主要措施分组") == 1 and "完成时限：" in ans.answer
