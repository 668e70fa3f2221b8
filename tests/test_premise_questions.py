"""Question reading rules found on the sixteenth blind dev sets (checking what one remembers):
a remembered item does not narrow a unit's list, a remembered year does not constrain what is
asked, a figure remembered for the wrong year is corrected, a unit's part in a task is
confirmed or denied, a baseline year the plan does not use is said, and an either-or role
asks the lead first.  Synthetic strings, and the seed plan through the fake embedder."""

from __future__ import annotations

import pytest

from assistant.answering.asking import question_role
from assistant.answering.premise import baseline_years, checks_role, list_asked, without_beliefs


@pytest.mark.parametrize("question,listed", [
    ("甲局牵头的任务是不是包括道路和绿化？", "甲局牵头的任务有哪些？"),
    ("乙局配合的活儿里有没有县城那两条？", "乙局配合的活儿有哪些？"),
    ("Which tasks does the Bureau lead? I heard it's only roads, is that right?", "Which tasks does the Bureau lead?"),
    ("甲局牵头的就一项，是道路那块对吧？", "甲局牵头的有哪些？"),
    ("甲局牵头哪些任务？", None),  # nothing remembered
    ("甲局牵头的是道路吧？这个方案里甲局还牵头哪些任务？", "这个方案里甲局还牵头哪些任务？"),  # 这个 names the plan
])
def test_a_remembered_item_leaves_the_list_asked(question: str, listed: str | None) -> None:
    assert list_asked(question) == listed


@pytest.mark.parametrize("question,kept", [
    ("碳排放哪年达到峰值？我记得是2025年", "碳排放哪年达到峰值？"),
    ("听说要推节能改造，这项是谁牵头？", "听说要推节能改造，这项是谁牵头？"),  # told first: it sets the topic
    ("我记得2030年电力比例有个目标，要超过多少来着？", "我记得2030年电力比例有个目标，要超过多少来着？"),
    ("道路那项是甲局牵头吧？有配合的单位吗？", "道路那项是甲局牵头吧？有配合的单位吗？"),  # the belief names the topic
    ("我记得绿地率要到40%，对吗？", "我记得绿地率要到40%，对吗？"),  # all belief: asked whole
])
def test_a_remembered_clause_is_dropped_only_when_the_rest_asks_on_its_own(question: str, kept: str) -> None:
    assert without_beliefs(question) == kept


def test_a_unit_part_checked_and_a_baseline_read() -> None:
    assert checks_role("道路那个任务是甲局负责吧？") and checks_role("绿化那项是乙局牵头的吗")
    assert not checks_role("甲局负责哪些任务？")
    assert baseline_years("热损失比2020年下降5个百分点，能耗较2015年降低") == {2020, 2015}
    assert baseline_years("到2025年达到50%") == set()


def test_either_or_roles_ask_both() -> None:
    assert question_role("甲局有没有牵头的任务，还是只配合？") == "any"
    assert question_role("甲局只配合不牵头的任务有哪些？") == "participating"


@pytest.mark.parametrize("question", [
    "住建局在海绵城市建设中有没有牵头任务？",  # 中 of a topic, not of a list
    "住建局的职责中是否包括燃气安全？",
    "我是甲局的，道路质量检查我们只是配合吧？那谁牵头？",  # the rest leans on the belief: who leads that task
])
def test_a_yes_no_about_one_task_is_no_list_check(question: str) -> None:
    assert list_asked(question) is None


def test_a_trailing_condition_is_kept_and_a_comparison_is_no_baseline() -> None:
    assert without_beliefs("哪些任务由住建局牵头？记得只列2025年前完成的") == "哪些任务由住建局牵头？记得只列2025年前完成的"
    assert without_beliefs("Which tasks does the Bureau lead? I think only those due in 2025.").endswith("2025.")
    assert baseline_years("比较2020年和2025年的目标") == set()


def test_a_unit_list_checked_against_a_remembered_task_is_listed_whole(seed_qa) -> None:  # type: ignore[no-untyped-def]
    whole = seed_qa.ask("市城市管理局牵头哪些任务？")
    checked = seed_qa.ask("城管局牵头的任务是不是包括垃圾分类？全部列出来")
    assert checked.intent == "unit_tasks" and len(checked.tasks) == len(whole.tasks) > 5


def test_a_figure_remembered_for_another_year_is_corrected(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("城市建成区可渗透面积比例是不是2025年要到45%？")
    assert ans.found and "2030" in ans.answer and "45%" in ans.answer and "没有提出2025年" in ans.answer
    asked = seed_qa.ask("2025年城市建成区可渗透面积比例要达到多少？")  # no figure remembered: not set that year
    assert not asked.found


def test_a_unit_part_in_a_task_is_denied_with_who_holds_it(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("海绵城市建设那块是城管局管的吧？")
    assert ans.found and ans.answer.startswith("不是市城市管理局") and "市住房和城乡建设局" in ans.answer


def test_a_baseline_year_the_plan_does_not_use_is_said(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("城市供热管网热损失比2022年要下降多少？")
    assert not ans.found and "比较基准是2020年" in ans.answer
    assert seed_qa.ask("城市供热管网热损失比2020年要下降多少？").found


@pytest.mark.parametrize("question,listed", [
    ("甲县方案里县乙局牵头的是不是就道路一件事？", "甲县方案里县乙局牵头的有哪些？"),
    ("县乙局配合的是绿化那两项吧？", "县乙局配合的有哪些？"),
    ("县乙局负责的是哪些任务？", None),  # asked, nothing remembered
    ("清洁取暖是县乙局牵头的吧？", None),  # a task's unit checked, not the unit's list
])
def test_a_unit_list_said_to_be_confirmed_is_the_list_asked(question: str, listed: str | None) -> None:
    assert list_asked(question) == listed


def test_a_remembered_english_clause_and_a_month_are_no_conditions() -> None:
    from assistant.answering.english import translate

    assert without_beliefs("What date was the plan issued? I recall sometime in January 2024.") == \
        "What date was the plan issued?"
    assert "January" not in translate("Was the plan issued in January?")


@pytest.mark.parametrize("question", [
    "What does the Municipal Bureau of Finance do?",
    "市财政局在方案里出现了吗？",
    "市财政局负责干嘛？",
])
def test_a_question_about_a_unit_alone_lists_its_tasks(seed_qa, question: str) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask(question)
    assert ans.intent == "unit_tasks" and ans.found and ans.tasks
    assert all("市财政局" in (*t.lead_units, *t.participating_units) for t in ans.tasks)


def test_a_rate_of_another_measure_is_not_the_asked_rate() -> None:
    from assistant.answering.figures import other_rate

    assert other_rate("可再生能源替代率", "屋顶光伏可安装面积利用率")
    assert other_rate("绿地率", "建成区绿化覆盖率")
    assert not other_rate("垃圾回收率", "生活垃圾回收利用率")  # within it
    assert not other_rate("路灯节能型灯具用率", "节能型灯具应用率")  # a word cut short: the same measure


def test_a_figure_remembered_about_a_thing_the_plan_does_not_measure_is_refused(seed_qa) -> None:  # type: ignore[no-untyped-def]
    right = seed_qa.ask("听说新增城市道路是300公里，有这回事吗？")
    assert right.found and "200公里" in right.answer  # measured: the plan's own figure corrects it
    subway = seed_qa.ask("听说要新建城市地铁线路80公里，有这回事吗？")
    assert not subway.found and "无法回答" in subway.answer
