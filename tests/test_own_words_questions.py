"""Question reading rules found on the nineteenth blind dev sets (in one's own words): plan
terms described rather than named, shorthand, units named loosely, numbers in another form.
Synthetic strings only."""

from __future__ import annotations

import pytest
from fake_vocabulary import AllKnownVocabulary

from assistant.answering.terms import key_terms
from assistant.search.tokenize import Tokenizer


@pytest.mark.parametrize("question,purpose,kept", [
    ("临河县规划建设什么设施来处理垃圾？", "处理", "垃圾"),
    ("采取哪些措施来降低能耗", "降低", "能耗"),
    ("用什么办法用来推广光伏", "推广", "光伏"),
])
def test_the_use_of_the_thing_asked_for_is_not_a_topic(question: str, purpose: str, kept: str) -> None:
    # 什么设施来处理建筑垃圾: a plan answers with the facility and its object, not the asker's verb
    terms = key_terms(Tokenizer().tagged(question))
    assert purpose not in terms and kept in terms


@pytest.mark.parametrize("question,verb", [
    ("怎么处理建筑垃圾", "处理"),  # no kind of thing asked for: the verb is the topic
    ("哪些单位来负责处理建筑垃圾", "处理"),  # 负责 before it: not the use of what is asked
    ("什么时候来推广光伏", "推广"),
])
def test_a_verb_that_is_the_topic_is_kept(question: str, verb: str) -> None:
    assert verb in key_terms(Tokenizer().tagged(question))


UNITS = ["省住房和城乡建设厅", "省财政厅", "省生态环境厅", "省机关事务管理局", "省自然资源厅", "财政部", "国家机关事务管理局",
         "县教育和体育局", "县自然资源局", "县财政局", "市场监管总局", "某某新设中心"]


@pytest.mark.parametrize("work,level,end,unit", [
    ("钱袋子", "", "部", "财政部"),  # remit 钱
    ("财政资金", "省", "厅", "省财政厅"),
    ("学校和体育", None, "局", "县教育和体育局"),
    ("国土资源", "县", "局", "县自然资源局"),
    ("市场监督", None, "总局", "市场监管总局"),
    ("省直机关后勤", "省", "局", "省机关事务管理局"),
    ("房子", None, "厅", "省住房和城乡建设厅"),
    ("新设", None, "中心", "某某新设中心"),  # no remit in the data: the name's own characters
])
def test_a_unit_named_by_its_work(work: str, level: str | None, end: str, unit: str) -> None:
    from assistant.answering.described import pick_unit
    from assistant.documents.unitdata import alias_data

    assert pick_unit(work, level, end, UNITS, alias_data().remit) == unit


def test_a_description_that_fits_several_or_none_names_no_unit() -> None:
    from assistant.answering.described import pick_unit
    from assistant.documents.unitdata import alias_data

    assert pick_unit("后勤", None, "局", UNITS, alias_data().remit) is None  # 省 and 国家 both fit
    assert pick_unit("天气", None, "局", UNITS, alias_data().remit) is None  # no 气象局 loaded
    assert pick_unit("钱", "", "厅", UNITS, alias_data().remit) is None  # 国家 has no 厅


def test_descriptions_are_replaced_unless_who_is_asked() -> None:
    from assistant.answering.described import name_described_units
    from assistant.documents.unitdata import alias_data

    def resolve(n: str) -> str | None:
        return {"省环保厅": "省生态环境厅"}.get(n)

    def named(t: str) -> str:
        return name_described_units(t, UNITS, resolve, alias_data().remit)

    assert named("省里管环保的厅参与了什么") == "省环保厅参与了什么"  # a short name the data knows
    assert named("国家管钱袋子的那个部要配合哪些事") == "财政部要配合哪些事"
    assert named("管财政资金的是哪个厅") == "管财政资金的是哪个厅"  # who is asked: the description is the question
    assert named("负责清洁取暖的单位是谁") == "负责清洁取暖的单位是谁"
    assert named("市城管局是不是印发的单位之一") == "市城管局是不是印发的单位之一"  # the 管 of 城管局 opens nothing


def test_a_years_nian_opens_no_word_after_it() -> None:
    tagged = Tokenizer().tagged("到2027年老小区改造多少，2025年底前完成")
    words = [w for w, _ in tagged]
    assert "年老" not in words and "小区" in words and "年底" in words


def test_seed_units_named_by_their_work(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("管房子的那个局，在分工表里一共牵头了哪些任务？")
    assert ans.intent == "unit_tasks" and ans.answer.startswith("市住房和城乡建设局牵头")
    ans = seed_qa.ask("管钱的那个局都管些什么？")
    assert ans.intent == "unit_tasks" and "市财政局" in ans.answer


def test_issuers_asked_as_signing_together_and_power_in_another_measure() -> None:
    from assistant.answering.intents import understand
    from assistant.answering.terms import asked_terms

    def resolve(n: str) -> str | None:
        return None

    assert understand("这份方案是哪几个部门联名发的？", resolve).fact == "issuers"
    assert "兆瓦" in asked_terms(Tokenizer().tagged("屋顶光伏新增多少兆瓦"))  # as asked; any watt answers it


def test_an_english_body_named_loosely_then_properly_in_brackets() -> None:
    from assistant.answering.english import translate

    assert "县农业农村局" in translate("What is Linhe County's farm bureau (agriculture and rural affairs) responsible for?")
    assert "住房" in translate("What does the housing department (lead or support) do?")  # a role in brackets, no name


def test_review_misfires_stay_fixed() -> None:
    """Misfires a review reproduced on the first version of these rules."""
    from assistant.answering.answerable import coverage
    from assistant.answering.described import name_described_units
    from assistant.answering.english import translate
    from assistant.answering.intents import understand
    from assistant.documents.unitdata import alias_data
    from assistant.text import canonical

    prov = ["省住房和城乡建设厅", "省财政厅", "省气象局", "省能源局", "国网某省电力公司", "市场监管总局"]

    def named(t: str) -> str:
        return name_described_units(t, prov, lambda n: None, alias_data().remit)

    for asked_who in ("负责建筑节能改造的单位有哪些？", "负责城市更新的单位有几个", "财政厅是不是管钱的那个厅"):
        assert named(asked_who) == asked_who
    assert named("管燃气的那个局要干啥") == "管燃气的那个局要干啥"  # one shared character (气) is no description
    assert named("负责建筑节能的部分有哪些要求") == "负责建筑节能的部分有哪些要求"  # 部分 is no 部
    assert named("国家管市场监督的那个总局要做什么") == "市场监管总局要做什么"  # 市场 opens no 市 level
    assert named("住建厅和管钱的那个厅各做什么") == "住建厅和省财政厅各做什么"

    def resolve(n: str) -> str | None:
        return None

    assert understand("哪些部门共同制定配套支持政策？", resolve).fact is None
    assert understand("按照全国的政策，老旧小区改造目标是多少？", resolve).level is None
    assert canonical(canonical("老旧小区")) == "老旧小区"
    assert "县农业农村局" not in translate("finance bureau (together with the agriculture and rural affairs bureau)")
    for asked, evidence in (("兆瓦", "新增装机容量2万千瓦"), ("千瓦", "装机容量200兆瓦"), ("兆瓦", "装机容量200兆瓦")):
        cover, lacking = coverage((), evidence, AllKnownVocabulary(), lambda t: [t], None, (asked,))  # type: ignore[arg-type]
        assert not lacking, (asked, evidence)
    assert "节能" in key_terms(Tokenizer().tagged("哪些建筑以节能改造为重点？"))  # 以…为 gives no use
