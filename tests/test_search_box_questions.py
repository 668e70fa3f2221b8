"""Question reading rules found on the eleventh blind dev sets: busy people's search-box
wording (a plan's title opening an English query, 谁牵头 什么时候完成 in one line), who asks
and what for around the question (我是记者，想核实一下：…, …，方便我们对口落实), a year that
dates the thing rather than the target (2003年建成的小区), and a total asked place by place.
Synthetic strings, and the seed plan through the fake embedder."""

from __future__ import annotations

import pytest

from assistant.answering.asked import missing_kind
from assistant.answering.courtesy import without_courtesy, without_self_intro
from assistant.answering.english import _without_title, translate
from assistant.answering.terms import find_years


@pytest.mark.parametrize("message,question", [
    ("我是记者，想核实一下：绿地率2025年目标是多少？", "我是记者，绿地率2025年目标是多少？"),
    ("想确认下：城管局牵头哪些任务？", "城管局牵头哪些任务？"),
    ("城管局牵头的任务有哪些，方便我们对口落实。", "城管局牵头的任务有哪些"),
    ("城管局牵头的任务有哪些，以便我们安排工作", "城管局牵头的任务有哪些"),
    ("城管局牵头哪些任务，方便说一下是哪几条吗？", "城管局牵头哪些任务，方便说一下是哪几条吗？"),  # still asks
    ("2025年目标：绿色建筑占比多少？", "2025年目标：绿色建筑占比多少？"),
])
def test_who_asks_and_what_for_are_no_part_of_the_question(message: str, question: str) -> None:
    assert without_courtesy(message) == question


def test_an_asker_naming_another_unit_asks_about_that_unit() -> None:
    # the asker's county bureau is who asks; the question is about the city bureau it names
    q = "我在县里城管局工作，想对照一下市城市管理局牵头的任务有哪些，方便我们对口落实。"
    assert without_self_intro(without_courtesy(q)).startswith("想对照一下市城市管理局")
    own = "我在住建局上班，分工表里由我们局牵头的任务一共有哪些？"
    assert without_self_intro(own) == own  # the rest refers back to the asker: kept
    ours = "我在自规局上班，领导让我把咱局作为牵头单位的任务都列出来"
    assert without_self_intro(ours) == ours


@pytest.mark.parametrize("question,years", [
    ("我家小区是2003年建成的老小区，什么时候能改造？", ()),
    ("2000年以前盖的老小区怎么改？", ()),
    ("到2025年建成的海绵城市面积是多少？", (2025,)),
    ("2030年建成区绿地率要达到多少？", (2030,)),
])
def test_a_year_dating_the_thing_is_no_target_year(question: str, years: tuple[int, ...]) -> None:
    assert find_years(question) == years


def test_a_modal_glued_to_a_verb_is_no_topic() -> None:
    from assistant.search.tokenize import Tokenizer

    tok = Tokenizer()
    assert "能轮" not in [w for w, _ in tok.tagged("按这个方案什么时候能轮到改造")]  # jieba's HMM guess
    assert "能耗" in [w for w, _ in tok.tagged("单位面积能耗要降低多少")]  # a dictionary word stays whole


def test_a_total_asked_place_by_place_needs_a_split() -> None:
    total = ["“十四五”期间全省改造老旧供热管网2000公里以上。"]
    assert missing_kind("2000公里管网改造任务各市分别分到多少公里？", "", total) == "breakdown"
    q = "How is the 400 million m2 retrofit target split among the provinces?"
    assert missing_kind(translate(q), q, total) == "breakdown"
    split = ["各市改造任务：甲市500公里、乙市300公里。"]
    assert missing_kind("各市分别分到多少公里？", "", split) is None
    assert missing_kind("全省改造多少公里老旧供热管网？", "", total) is None


def test_a_title_opening_an_english_query_names_the_plan() -> None:
    assert _without_title("Dongyue carbon peak plan tasks led by X").split()[:2] == ["Dongyue", "plan"]
    assert "Linhe County plan:" in _without_title("Linhe County green low-carbon plan: what does X do?")
    # no title: the question is kept whole
    assert _without_title("What budget is allocated to the sponge city program?") == \
        "What budget is allocated to the sponge city program?"
    # a title's "for …" tail stops where the question goes on
    t = "Which tasks in the national green action plan for urban-rural construction involve the Ministry of Finance?"
    assert "财政部" in translate(t)


def test_english_abbreviations_and_terms_explained() -> None:
    assert "工业和信息化厅" in translate("tasks led by the provincial Dept of Industry and Information Technology")
    assert "是什么意思" in translate("What does the term 光储直柔 stand for in the plan?")
    assert "term" not in translate("What does the term 光储直柔 stand for in the plan?")


def test_a_term_asked_in_english_is_explained(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("What does the term 光储直柔 stand for in the plan?")
    assert ans.found and "储能设备" in ans.answer


WRAPPERS = {
    "greeting": lambda q: "您好，想请教一下：" + q,
    "thanks": lambda q: q + "谢谢！",
    "remark after": lambda q: q + "我要写材料用。",
    "no question mark": lambda q: q.rstrip("？"),
    "two openings": lambda q: "我是市里新来的，我是记者，" + q,
    "purpose after who asks": lambda q: "我是市里新来的，写汇报材料要用：" + q,
    "chat tag": lambda q: "【工作群】" + q,
    "purpose after": lambda q: q.rstrip("？") + "，方便我们对口落实。",
}


@pytest.mark.parametrize("wrap", list(WRAPPERS), ids=list(WRAPPERS))
@pytest.mark.parametrize("question", ["清洁取暖由谁牵头？", "市城市管理局牵头哪些任务？", "海绵城市建设由哪个单位牵头？"])
def test_what_a_chat_wraps_around_a_question_changes_no_answer(seed_qa, question: str, wrap: str) -> None:  # type: ignore[no-untyped-def]
    bare, wrapped = seed_qa.ask(question), seed_qa.ask(WRAPPERS[wrap](question))
    assert bare.found and wrapped.found
    assert wrapped.intent == bare.intent
    assert [t.row_no for t in wrapped.tasks] == [t.row_no for t in bare.tasks]


def test_two_questions_and_thanks_are_two_parts() -> None:
    from assistant.answering.asking import split_question

    text = without_courtesy("地下综合管廊建设是哪个部门牵头的？新增7.5公里要在哪一年前完成？谢谢！")
    assert len(split_question(text)) == 2


@pytest.mark.parametrize("message,question", [
    ("Hi, quick question: who leads clean heating?", "who leads clean heating?"),
    ("Could you tell me who leads clean heating?", "who leads clean heating?"),
    ("I'd like to know who leads clean heating?", "who leads clean heating?"),
    ("Who leads clean heating?", "Who leads clean heating?"),
])
def test_an_english_opening_is_no_part_of_the_question(message: str, question: str) -> None:
    assert without_courtesy(message) == question


def test_a_title_opening_in_lower_case_keeps_its_place() -> None:
    assert _without_title("qingshan City action plan: by 2027, how much?").split()[:2] == ["Qingshan", "City"]


def test_the_level_of_the_askers_office_is_not_the_plans(seed_qa) -> None:  # type: ignore[no-untyped-def]
    # 县里 says where the asker works; the question is about the city's plan and its bureau
    ans = seed_qa.ask("我是县里新来的，市城市管理局牵头的任务我们要对照一下，有哪些？")
    assert ans.found and ans.intent == "unit_tasks"
    assert {t.row_no for t in ans.tasks} == {t["row_no"] for t in seed_qa.tasks(unit="市城市管理局", role="lead")}


def test_a_dictionary_prefix_is_no_dictionary_word() -> None:
    """jieba's FREQ also holds every prefix of its words at 0 (会底 of 会底子): a modal the
    HMM glues to the next character into such a prefix is still split (synthetic string)."""
    from assistant.search.tokenize import Tokenizer

    tok = Tokenizer()
    assert tok._jieba.FREQ.get("会底") == 0
    assert "会底" not in [w for w, _ in tok.tagged("按方案会底到")]
