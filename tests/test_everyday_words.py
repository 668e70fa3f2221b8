"""Everyday words for the plans' terms (老房子 for 既有建筑, 下水道 for 排水管网): the domain
synonym table maps them, for the evidence check and for retrieval alike. Synthetic strings only."""

from __future__ import annotations

import collections

import pytest
from fake_vocabulary import AllKnownVocabulary

from assistant.answering.answerable import coverage
from assistant.answering.intent import expand_synonyms
from assistant.text import canonical, everyday_groups, synonym_groups


def test_the_synonym_tables_are_one_mapping() -> None:
    # a word in two groups, or a canonical word that is itself rewritten (旧小区 as a word of
    # another group rewrites 老旧小区), would read the question and the evidence differently
    keys = collections.Counter(w for g in (*synonym_groups(), *everyday_groups()) for w in g[1:])
    assert [w for w, n in keys.items() if n > 1] == []
    assert not {g[0] for g in synonym_groups()} & set(keys)
    for group in synonym_groups():
        for word in group:
            assert canonical(word) == group[0], word
    for group in everyday_groups():  # an everyday word reads as its term does, however the term is canonicalised
        for word in group:
            assert canonical(word) == canonical(group[0]), word
    for group in (*synonym_groups(), *everyday_groups()):
        for word in group:
            assert canonical(canonical(word)) == canonical(word), word


def test_an_everyday_word_brings_the_documents_term_into_a_query_never_the_reverse() -> None:
    group = next(g for g in everyday_groups() if len(g) > 2)
    assert group[0] in expand_synonyms(f"{group[1]}有什么要求")
    assert not any(w in expand_synonyms(f"{group[0]}有什么要求") for w in group[1:])


@pytest.mark.parametrize("asked,evidence,other", [
    (["老房子", "改造"], "加强既有建筑节能改造鉴定评估", "推进充电设施建设"),
    (["下水道", "改造"], "加快污水管网改造", "推进供水管网改造"),
    (["自来水管道", "改造"], "加大城市老旧供水管网改造力度", "加快污水管网改造"),
    (["房顶", "太阳能板"], "推动既有公共建筑屋顶加装光伏系统", "推广地源热泵"),
])
def test_an_everyday_word_is_held_by_the_plans_term_and_by_nothing_else(
        asked: list[str], evidence: str, other: str) -> None:
    cut = list  # one word a character: only the canonical forms can match
    cover, lacking = coverage([canonical(a) for a in asked], evidence, AllKnownVocabulary(), cut)  # type: ignore[arg-type]
    assert cover == 1.0 and not lacking, (asked, evidence)
    cover, lacking = coverage([canonical(a) for a in asked], other, AllKnownVocabulary(), cut)  # type: ignore[arg-type]
    assert lacking, (asked, other)


def test_retrieval_adds_the_plans_term_to_an_everyday_query() -> None:
    assert "既有建筑" in expand_synonyms("老房子改造有什么要求")
    assert "污水" in expand_synonyms("下水道归谁管")
    assert "既有建筑" not in expand_synonyms("新建建筑有什么要求")


@pytest.mark.parametrize("question", ["冬天烧暖气的事归谁管？", "垃圾分类的事找谁"])
def test_the_matter_asked_about_is_no_part_of_a_word(question: str) -> None:
    from assistant.answering.terms import key_terms
    from assistant.search.tokenize import Tokenizer

    terms = key_terms(Tokenizer().tagged(question))
    assert terms and not any("事" in t for t in terms), terms


def test_a_description_before_a_units_own_name_is_dropped() -> None:
    from assistant.answering.described import describes_unit, name_described_units

    def resolve(name: str) -> str | None:
        return "市城市管理局" if name == "城管局" else None

    text = "管暖气、管自来水的那个城管局，在方案里牵头哪些任务？"
    assert describes_unit(text)
    assert name_described_units(text, ["市城市管理局"], resolve) == "城管局，在方案里牵头哪些任务？"
    # no name after it: the description stays (it may name a unit by its work, or ask who)
    assert name_described_units("管暖气的那个单位牵头哪些任务", ["市城市管理局"], resolve) == "管暖气的那个单位牵头哪些任务"


def test_units_that_only_say_who_issued_the_plan_are_not_asked() -> None:
    from assistant.answering.intents import understand

    names = {"住建部": "住房和城乡建设部", "发改委": "国家发展改革委", "能源局": "国家能源局", "教育部": "教育部"}

    def resolve(name: str) -> str | None:
        return names.get(name) or (name if name in names.values() else None)

    q = understand("以后新房做饭全用电，是哪个部门牵头推的？（住建部、发改委、能源局联合发的那份）", resolve)
    assert q.unit is None and q.intent == "lead"
    q = understand("住建部牵头印发的方案里，住建部牵头哪些任务？", resolve)  # also named outside the phrase
    assert q.unit == "住房和城乡建设部" and q.intent == "unit_tasks"
    q = understand("教育部在住建部、发改委联合印发的方案里有任务吗？", resolve)
    assert q.unit == "教育部"  # asked of a unit that did not issue it


@pytest.mark.parametrize("question,lines,kind", [
    ("下水道堵了找谁？", ["推进城镇污水管网建设改造"], "repair"),  # a fault to fix: a service, not the plan
    ("路灯坏了谁修？", ["推广路灯智能控制系统"], "repair"),
    ("暖气不热了找谁？", ["加强清洁取暖设施运行维护，建立设备巡检和故障报修机制"], None),  # the plan speaks of repairs
    ("下水道改造是哪个部门牵头？", ["推进城镇污水管网建设改造"], None),
])
def test_a_fault_to_fix_is_answered_only_by_a_passage_on_repairs(question: str, lines: list[str], kind: str | None) -> None:
    from assistant.answering.asked import missing_kind

    assert missing_kind(question, question, lines) == kind


@pytest.mark.parametrize("text,kept", [
    ("我想看看海绵城市的要求", "海绵城市"),  # no everyday word hides in running text
    ("推进公共建筑覆盖楼宇自控系统", "覆盖楼宇"),
    ("办公家具和办公设备", "办公家具"),
    ("自来水管理单位", "自来水管理"),
    ("重新装修", "重新装修"),
])
def test_everyday_words_do_not_rewrite_ordinary_text(text: str, kept: str) -> None:
    assert kept in canonical(text)


def test_a_description_that_is_the_topic_is_kept() -> None:
    from assistant.answering.described import name_described_units

    def resolve(name: str) -> str | None:
        return "市住房和城乡建设局" if name == "住建局" else None

    text = "负责老旧小区改造的那个住建局，改造目标是多少？"  # the description is what is asked about
    assert "老旧小区" in name_described_units(text, ["市住房和城乡建设局"], resolve)


def test_paying_out_is_no_issuing() -> None:
    from assistant.answering.intents import understand

    def resolve(name: str) -> str | None:
        return "市财政局" if name in ("财政局", "市财政局") else None

    assert understand("财政局发的那份补贴每户多少钱？", resolve).unit == "市财政局"
