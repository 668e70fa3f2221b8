"""Question reading rules found on the seventeenth blind dev sets (an ordinary first week):
a unit named by its line of work (城市管理部门, 自然资源和规划 配合), English slips and
symbols (Developement, &, co-operating), consequences and sanctions asked, progress since the
plan, a count of people, a row numbered in Chinese, 各个, 要做啥 / 负责些什么.  Synthetic
strings, and the seed plan through the fake embedder."""

from __future__ import annotations

import pytest

from assistant.answering.asked import asks_progress
from assistant.answering.glossary import english_words, respelled
from assistant.answering.intent import find_units
from assistant.answering.intents import understand
from assistant.answering.numbered import row_named
from assistant.answering.terms import asked_terms
from assistant.documents.units import UnitResolver
from assistant.search.tokenize import Tokenizer

RESOLVER = UnitResolver(level="county", place="示例县", issuers=("示例县城市管理局", "示例县财政局"),
                        forms=("县城市管理局", "县财政局", "各乡镇人民政府"))


@pytest.mark.parametrize("text,unit", [
    ("城市管理部门参与哪些任务", "县城市管理局"),  # 部门 is an ending, not 部 + 门
    ("城市管理参与的任务有哪些", "县城市管理局"),  # only a unit takes a role
    ("任务 城市管理 参与单位", "县城市管理局"),  # an English question's terms, spaced
])
def test_a_unit_named_by_its_line_of_work(text: str, unit: str) -> None:
    assert [c for c, _ in find_units(text, RESOLVER.resolve)] == [unit]


@pytest.mark.parametrize("text", [
    "城市管理水平要提高到什么程度", "推进城市管理智能化",
    "城市建设参与的任务",  # 建设 ends 城乡建设局's name but is not all of it
    "城市管理牵头单位是哪个？", "城市管理参与的单位有哪些",  # who is asked: the words name a task
    "推进城市管理协同治理", "费用由财政承担吗",  # no role taken
])
def test_a_line_of_work_without_a_role_is_no_unit(text: str) -> None:
    assert find_units(text, RESOLVER.resolve) == []


def test_english_slips_and_symbols() -> None:
    assert respelled("developement") == "development" and respelled("managment") == "management"
    assert respelled("completed") == "completed"  # an ending is no slip
    assert respelled("headline") == "headline"  # a letter replaced is another word
    assert respelled("country") == "country" and respelled("lightning") == "lightning"  # a consonant dropped
    assert english_words("the Developement and Reform Commission")[1] == "development"
    assert "founding" in english_words("the founding of the plan")  # a lone word is kept as typed
    words = english_words("natural resources & planning, a co-operating department")
    assert words[:4] == ["natural", "resources", "and", "planning"] and "cooperating" in words


@pytest.mark.parametrize("question,asked", [
    ("开发商不执行绿色建筑标准会受到什么处罚？", "处罚"),
    ("年度考核不合格的部门会怎么处理", "处理"),
    ("完不成任务会被问责吗", "问责"),
])
def test_a_consequence_asked_must_be_in_the_evidence(question: str, asked: str) -> None:
    assert asked in asked_terms(Tokenizer().tagged(question))


@pytest.mark.parametrize("question,word", [
    ("新建建筑会采用什么标准", "采用"),
    ("既有公共建筑会如何进行节能改造", "进行"),  # not the clause's last word: its object is asked
])
def test_what_a_plan_will_do_is_no_consequence(question: str, word: str) -> None:
    assert word not in asked_terms(Tokenizer().tagged(question))


@pytest.mark.parametrize("question,progress", [
    ("国家方案实施以来已经建成多少超低能耗建筑了？", True),  # since the plan: how far it has come
    ("How many rural households have already completed clean heating retrofits?", True),
    ("十三五以来已经建成多少超低能耗建筑了？", False),  # a past period the background reports on
    ("到2025年要建成多少超低能耗建筑？", False),
    ("What does the plan require for compounds already built before 2000?", False),
    ("What must be done for buildings that have already been retrofitted?", False),
])
def test_progress_since_the_plan(question: str, progress: bool) -> None:
    assert asks_progress(question) is progress


def test_rows_numbered_in_chinese_and_each_one() -> None:
    assert row_named("序号十是哪个部门牵头的？") == 10 and row_named("序号12由谁牵头") == 12
    assert row_named("第十项任务") == 10
    assert row_named("表里序号一直排到几？") is None and row_named("序号十二项") is None
    q = understand("要求各个乡镇政府配合哪些工作？", RESOLVER.resolve)
    assert q.unit == "各乡镇人民政府" and q.role == "participating"


@pytest.mark.parametrize("question", ["县财政局要做啥", "县财政局在方案里负责些什么？", "县财政局负责什么"])
def test_what_a_unit_does_asks_all_its_tasks(question: str) -> None:
    q = understand(question, RESOLVER.resolve)
    assert q.intent == "unit_tasks" and q.role == "any"


def test_a_count_of_people_is_no_target(seed_qa) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.english import translate

    question = "How many staff are assigned to the carbon peak working group at the housing bureau?"
    assert "多少人" in translate(question) and "多少人" not in translate("How many kilometres of roads?")
    assert not seed_qa.ask(question).found


def test_a_sanction_the_plan_never_names_is_refused(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("What penalties apply to developers who fail to meet green building standards?")
    assert not ans.found and "处罚" in ans.answer
    assert "处罚" in asked_terms(Tokenizer().tagged("不执行绿色建筑标准会受到什么处罚？"))
    assert seed_qa.ask("新建民用建筑要执行什么绿色建筑标准？").found
