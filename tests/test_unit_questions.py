"""Question reading rules found on the fourth blind dev sets: how people talk of their own
unit and of others is no topic, a unit no document names is said so, a short form inside a
longer word names no unit, a rate is what a quantity question asks.  Synthetic strings only;
no seed answer is keyed here."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from assistant.answering.answerable import _rate_given, _stands_in
from assistant.answering.intent import find_units
from assistant.answering.intents import understand
from assistant.answering.terms import asked_terms, jieba_tagged
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
    # a 和 inside the unknown name is part of it (县|文化|和|旅游局), whoever asks
    for question in ("县文化和旅游局牵头哪些任务？", "我是县文化和旅游局的，传统村落保护这项我们局是牵头还是参与？"):
        q = understand(question, RESOLVER.resolve)
        assert q.intent == "unknown_unit" and q.unknown_unit == "县文化和旅游局", question


def test_a_short_form_inside_a_longer_word_names_no_unit() -> None:
    doc_words = "城镇新建居住建筑节能"
    def plain(word: str) -> bool:
        return word in doc_words
    stems = ("住建",)
    assert find_units("新建居住建筑节能率是多少？", RESOLVER.resolve, stems, plain) == []
    assert find_units("住建局牵头哪些任务？", RESOLVER.resolve, stems, plain)[0][1] == "住建局"


def test_a_rate_is_what_a_quantity_question_asks() -> None:
    assert "收集率" in asked_terms(jieba_tagged("城市生活污水集中收集率要达到多少？"))
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


@pytest.mark.parametrize("question,line,kind", [
    ("公共建筑能耗限额管理哪年之前全面实施？", "逐步实施公共建筑能耗限额管理[1]。", "year"),
    ("公共建筑能耗限额管理哪年之前全面实施？", "2025年底前全面实施能耗限额管理[1]。", None),
    ("十五五期间公共建筑节能改造要完成多少平米？", "“十四五”期间完成公共建筑节能改造40万平方米[1]。", "period"),
    ("十五五期间公共建筑节能改造要完成多少平米？", "到2030年完成公共建筑节能改造80万平方米[1]。", None),
    ("老小区改造一年要改多少户？", "累计完成城镇老旧小区改造13.64万户[1]。", "rate"),
])
def test_the_year_period_or_rate_asked_must_be_there(question: str, line: str, kind: str | None) -> None:
    from assistant.answering.asked import missing_kind

    assert missing_kind(question, question, [line]) == kind


def test_english_words_in_a_chinese_question_are_read() -> None:
    from assistant.answering.english import english_words_in_chinese

    assert english_words_in_chinese("县住建局 lead 的 task 有哪些") == "县住建局 牵头 的 任务 有哪些"
    assert english_words_in_chinese("LED灯具普及率") == "LED灯具普及率"  # an acronym stays as written
    q = understand("县住建局 lead 的 task 有哪些，序号列一下", RESOLVER.resolve)
    assert q.intent == "unit_tasks" and q.role == "lead"


@pytest.mark.parametrize("question", [
    "我们科在县住建局负责对接这摊事，想问下牵头加配合一共涉及几项，分别是啥",  # a role asked of no other unit
    "我们是县住建局节能股的，年底要做总结，想把我们局牵头的任务全部拉个清单，序号都要",  # a clause about the asker
])
def test_the_askers_own_unit_asked_in_everyday_words(question: str) -> None:
    q = understand(question, RESOLVER.resolve)
    assert q.unit == "县住房和城乡建设局" and q.intent == "unit_tasks"


def test_an_area_ending_like_a_place_is_no_place_but_a_city_is() -> None:
    from assistant.answering.mentions import find_places

    assert find_places("老城区还能不能大拆大建", [("老城区", "ns"), ("还", "d")]) == ()
    assert find_places("聊城市的方案", [("聊城市", "ns"), ("的", "uj")]) == ("聊城市",)


@pytest.mark.parametrize("question,words", [
    ("Which funding tools does the plan say should be used?", "哪些方式"),
    ("Which tasks involve the finance bureau in any role, lead or supporting?", "参与"),
])
def test_english_ways_and_both_roles(question: str, words: str) -> None:
    from assistant.answering.english import translate

    assert words in translate(question)


def test_a_time_asked_needs_a_time_in_the_answer() -> None:
    from assistant.answering.asked import missing_kind

    q = "第（十二）条加强宣传引导那项最晚要在什么时候完成？"
    assert missing_kind(q, q, ["广泛宣传绿色低碳建筑的经验做法[1]。"]) == "when"
    assert missing_kind(q, q, ["完成时限：长期坚持[1]。"]) is None
    assert missing_kind(q, q, ["2025年底前完成[1]。"]) is None


@pytest.mark.parametrize("question,has,lacks", [
    ("In Qingshan's building energy efficiency and green building plan, which tasks involve the finance bureau?",
     "青山市", "绿色建筑"),  # the plan's title names the document, not a topic
    ("In the national action plan on green development in urban and rural construction, which tasks involve NDRC?",
     "国家", "城乡建设"),
    ("What is the provincial finance department responsible for?", "承担", "负责"),  # a part, led or not
    ("What is the peak emission level (in tonnes) the sector should reach?", "多少吨", ""),
    ("What does the finance bureau have to do?", "要做什么", ""),
])
def test_english_reading(question: str, has: str, lacks: str) -> None:
    from assistant.answering.english import translate

    text = translate(question, {"qingshan": "青山市"})
    assert has in text and (not lacks or lacks not in text)


def test_a_question_word_is_never_what_is_asked() -> None:
    assert "多少" not in asked_terms(jieba_tagged("目标是多少 多少户"))


def test_a_word_ending_in_a_place_suffix_is_no_place() -> None:
    from assistant.answering.mentions import find_places

    assert find_places("方案里市住建局", [("方案", "n"), ("里市", "ns"), ("住建局", "n")]) == ()
    assert find_places("津市的方案", [("津市", "ns"), ("的", "uj")]) == ("津市",)


def test_a_lead_in_list_keeps_only_items_about_the_indicators_thing() -> None:
    from assistant.answering.figures import _lead_in
    from assistant.types import Target

    t = Target(indicator="新开工装配式建筑占城镇新建建筑的比例", value="50%", year=2025,
               text="积极发展装配式混凝土建筑、钢结构住宅，到2025年新开工装配式建筑占城镇新建建筑的比例达到50%。")
    got = _lead_in(t)
    assert "配式" in got and "钢结" not in got


def test_a_quoted_target_drops_the_heading_glued_to_its_item() -> None:
    from assistant.answering.figures import _HEADING_RE

    assert _HEADING_RE.sub("", "（七）推进屋顶分布式光伏1.推进党政机关屋顶光伏建设，到2025年新增2万千瓦") \
        == "推进党政机关屋顶光伏建设，到2025年新增2万千瓦"
    assert _HEADING_RE.sub("", "到2025年新增屋顶光伏装机容量2万千瓦") == "到2025年新增屋顶光伏装机容量2万千瓦"


# ---------------------------------------------------------------- rules from the sixth dev halves

def test_the_askers_own_clause_and_who_sent_them_are_no_topic() -> None:
    q = understand("我们县住建局要做年度自查自评，需要把咱们牵头的任务全部梳理出来，分工表里是哪几条？",
                   RESOLVER.resolve)
    assert q.intent == "unit_tasks" and q.role == "lead"
    q = understand("我在县住建局上班，领导让我把咱局作为牵头单位的任务都列出来，有哪几条？", RESOLVER.resolve)
    assert q.intent == "unit_tasks" and q.unit == "县住房和城乡建设局"
    q = understand("搞审计的同事托我问：县财政局作为配合单位的有哪几项？", RESOLVER.resolve)
    assert q.intent == "unit_tasks" and q.role == "participating" and "审计" not in q.terms


def test_a_name_given_in_brackets_is_the_unit_not_a_topic() -> None:
    q = understand("财政口（县财政局）一共摊上了几项活？", RESOLVER.resolve)
    assert q.intent == "unit_tasks" and q.unit == "县财政局"
    from assistant.answering.mentions import appositions
    from assistant.answering.terms import word_starts

    text = "规划口的人说，财政口（县财政局）有几项活？"  # the word right before the bracket, not an earlier one
    words = jieba_tagged(text)
    assert appositions(text, ["县财政局"], words, word_starts(words, text)) == ["财政口"]


def test_a_frequency_is_answered_by_how_often() -> None:
    from assistant.answering.asked import missing_kind

    q = "落实情况多久跟踪评估一次？"
    assert missing_kind(q, q, ["每年对落实情况进行跟踪评估[1]。"]) is None
    assert missing_kind(q, q, ["对落实情况进行跟踪评估[1]。"]) == "frequency"


def test_that_plan_of_a_level_names_the_level() -> None:
    assert understand("国家那份行动方案对海绵城市定了什么目标？", RESOLVER.resolve).level == "national"
    assert understand("省里那个方案里清洁取暖由谁牵头？", RESOLVER.resolve).level == "provincial"
    assert understand("符合国家标准的项目有多少？", RESOLVER.resolve).level is None


def test_a_town_is_a_place_a_kind_of_settlement_is_not() -> None:
    from assistant.answering.mentions import find_places

    def places(text: str) -> tuple[str, ...]:
        return find_places(text, jieba_tagged(text), lambda w: w in "城镇新建建筑小城镇建设")

    assert "城关镇" in places("示例县城关镇要改造多少户？")
    assert not {"城镇", "小城镇", "乡镇"} & set(places("到2025年城镇新建建筑和各乡镇、小城镇要改造多少户？"))


def test_a_verbal_noun_heads_what_is_asked() -> None:
    assert "活动" in asked_terms(jieba_tagged("宣传要结合哪些主题活动？"))


def test_a_title_phrase_names_the_plan_it_is_clearly_closest_to() -> None:
    from assistant.answering.docnames import TitleIndex

    titles = TitleIndex(["示例省城乡建设领域碳达峰实施方案", "城乡建设领域绿色低碳发展行动方案", "示例县城乡建设绿色低碳发展实施方案"])
    assert titles.named("省里联合印发的那个城乡建设碳达峰实施方案是哪天成文的？") == [0]
    assert titles.named("国家那份绿色低碳发展行动方案里有什么目标？") == [1]
    assert titles.named("这个实施方案里有什么目标？") == []  # names no one plan


# ---------------------------------------------------------------- limits found by a review of those rules

def test_short_forms_stay_within_what_they_name() -> None:
    city = UnitResolver(level="municipal", place="示例市", forms=("市自然资源和规划局", "市人力资源和社会保障局",
                                                              "各县（市、区）人民政府"))
    assert city.resolve("资规局") == "市自然资源和规划局"
    assert city.resolve("市政府") != "各县（市、区）人民政府"  # the city's own government
    assert city.resolve("区政府") == "各县（市、区）人民政府"
    stems = tuple(city.stems())
    assert find_units("社会资本融资规模要达到多少？", city.resolve, stems) == []  # 资规 is no stem
    assert find_units("融资保障措施有哪些？", city.resolve, stems) == []


def test_issuers_asked_or_only_naming_the_plan() -> None:
    assert "issuers" in (understand("这个方案是几个部门联合印发的？", RESOLVER.resolve).fact or "")
    fact = understand("县住建局和县财政局联合印发的那个方案是哪天成文的？", RESOLVER.resolve).fact or ""
    assert "date" in fact and "issuers" not in fact


def test_role_framing_words_keep_real_topics() -> None:
    from assistant.answering.intent import residual_of

    assert "联合执法" in residual_of("县住建局在联合执法中负责什么？", ["县住建局"])
    assert "领导小组" in residual_of("县住建局在领导小组里负责什么？", ["县住建局"])
    assert residual_of("领导让我把县住建局作为牵头单位的任务列个清单", ["县住建局"]) == ""


def test_only_a_person_sending_the_asker_is_cut_off() -> None:
    q = understand("县财政局叫我问下，补贴资金有多少？", RESOLVER.resolve)
    assert q.unit == "县财政局"


def test_a_duration_is_no_frequency_and_other_kinds_still_count() -> None:
    from assistant.answering.asked import missing_kind

    q = "多长时间内完成一次全面排查？"
    assert missing_kind(q, q, ["2025年底前完成排查[1]。"]) != "frequency"
    q = "多久评估一次？"
    assert missing_kind(q, q, ["评估结果纳入年度考核[1]。"]) == "frequency"


def test_kinds_of_town_are_no_place() -> None:
    from assistant.answering.mentions import find_places

    for text in ("特色镇建设有哪些要求？", "试点镇的清洁取暖率要达到多少？"):
        assert not find_places(text, jieba_tagged(text), lambda w: False)
