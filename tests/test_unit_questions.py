"""Question reading rules found on the fourth blind dev sets: how people talk of their own
unit and of others is no topic, a unit no document names is said so, a short form inside a
longer word names no unit, a rate is what a quantity question asks.  Synthetic strings only;
no seed answer is keyed here."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from assistant.answering.answerable import _rate_given, _stands_in
from assistant.answering.intent import _global_tagged, find_units
from assistant.answering.intents import understand
from assistant.answering.terms import asked_terms
from assistant.documents.units import UnitResolver

RESOLVER = UnitResolver(level="county", place="示例县", issuers=("示例县住房和城乡建设局", "示例县财政局"),
                        forms=("县住建局", "县财政局"))


@pytest.mark.parametrize("question,role", [
    ("我在县住建局规划股上班，想弄清楚我们局牵头的任务一共有哪些？", "lead"),  # 规划股: who asks, not what
    ("县住建局有没有只是配合别人、自己不牵头的任务？是哪一条？", "participating"),
    ("县财政局这边在哪件事上是给别的局打下手的？", "participating"),
])
def test_talk_of_oneself_and_of_others_is_no_topic(question: str, role: str) -> None:
    q = understand(question, RESOLVER.resolve)
    assert q.intent == "unit_tasks" and q.role == role
    assert "规划" not in q.terms


def test_a_topic_still_narrows_a_unit_question() -> None:
    q = understand("县住建局在海绵城市建设中负责什么？", RESOLVER.resolve)
    assert q.intent == "unit_topic"


def test_a_unit_no_document_names_is_said_so() -> None:
    q = understand("县生态环境局牵头哪些任务？", RESOLVER.resolve)
    assert q.intent == "unknown_unit" and q.unknown_unit == "县生态环境局"
    mine = understand("我在县生态环境局工作，分工表里分给我们的任务有哪些？", RESOLVER.resolve)
    assert mine.intent == "unknown_unit"
    assert understand("清洁取暖由哪个局牵头？", RESOLVER.resolve).unknown_unit is None  # a question word
    assert understand("县住建局牵头哪些任务？", RESOLVER.resolve).unknown_unit is None  # a known unit


def test_a_short_form_inside_a_longer_word_names_no_unit() -> None:
    doc_words = "城镇新建居住建筑节能"
    def plain(word: str) -> bool:
        return word in doc_words
    stems = ("住建",)
    assert find_units("新建居住建筑节能率是多少？", RESOLVER.resolve, stems, plain) == []
    assert find_units("住建局牵头哪些任务？", RESOLVER.resolve, stems, plain)[0][1] == "住建局"


def test_a_rate_is_what_a_quantity_question_asks() -> None:
    assert "收集率" in asked_terms(_global_tagged("城市生活污水集中收集率要达到多少？"))
    assert _rate_given("节能率", "到2023年新建居住建筑本体达到83%节能要求")
    assert _rate_given("取暖率", "农村地区清洁取暖达到80%以上")
    assert not _rate_given("收集率", "推动污水收集处理设施一体化，全市60%以上污水处理厂进行提标改造")


def test_a_rate_stands_in_only_for_a_rate_of_a_like_thing() -> None:
    def always_close(text: str, others: Sequence[str]) -> list[float]:
        return [0.99] * len(others)
    assert not _stands_in("收集率", ["处理率", "收集"], always_close, 0.87)
    assert _stands_in("渗水率", ["渗透率"], always_close, 0.87)
    assert _stands_in("硬化", ["硬地"], always_close, 0.87)  # words that are no rate as before


@pytest.mark.parametrize("question,level", [("省层面要求2025年新开工装配式建筑占比多少？", "provincial"),
                                            ("国家层面怎么要求？", "national"), ("县层面谁牵头？", "county")])
def test_a_level_said_as_cengmian(question: str, level: str) -> None:
    assert understand(question, RESOLVER.resolve).level == level


def test_leading_said_as_lingtou() -> None:
    assert understand("农村清洁取暖这件事谁领头？", RESOLVER.resolve).intent == "lead"


def test_a_day_or_month_asked_needs_one_in_the_answer() -> None:
    from assistant.answering.asked import missing_kind

    q = "督导结果要在每年几月几号前上报？"
    assert missing_kind(q, q, ["每半年开展一次督导，督导结果予以通报[1]。"]) == "date"
    assert missing_kind(q, q, ["督导结果于每年12月底前报送[1]。"]) is None


def test_an_english_unit_name_with_a_place_inside_is_found() -> None:
    from assistant.answering.english import translate

    text = translate("Which tasks involve the State Grid Linhe County power supply company, either as lead or as support?",
                     {"linhe": "临河县"})
    assert "国网 临河县 供电公司" in text
    county = UnitResolver(level="county", place="临河县", issuers=("临河县住房和城乡建设局",),
                          forms=("国网临河县供电公司",))
    q = understand("Which tasks involve the State Grid Linhe County power supply company, either as lead or as support?",
                   county.resolve, places={"linhe": "临河县"})
    assert q.unit == "国网临河县供电公司" and q.role == "any" and q.intent == "unit_tasks"


def test_the_lead_in_of_a_target_sentence_tells_what_it_is_of() -> None:
    from assistant.answering.figures import _lead_in, sibling
    from assistant.types import Target

    t = Target(indicator="新增屋顶光伏装机容量", value="2万千瓦", year=2025,
               text="（七）推进屋顶分布式光伏1.推进党政机关、学校、医院屋顶光伏建设，到2025年新增屋顶光伏装机容量2万千瓦。")
    assert {"党政", "医院", "学校"} <= _lead_in(t)
    other = Target(indicator="全市新开工装配式建筑的比例", value="50%", year=2025,
                   text="推广钢结构住宅，到2025年全市新开工装配式建筑的比例达到50%。")
    assert not _lead_in(other)  # a neighbour about another thing is no lead-in
    # a head compared once is not compared again from inside it (院屋+顶光伏 is no sibling)
    assert not sibling("党政机关学校医院屋顶光伏新增装机", "新增屋顶光伏装机容量", [t.text])
