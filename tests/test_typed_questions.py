"""Questions as people really type them, found on the twenty-seventh blind dev sets: slips
of a pinyin or voice input in three-character terms and places (碳达风, 清山市, 问号 for 文号),
a document number typed without its brackets, English asked around Chinese names, a remark
about the asker's own plans after the question, a plan's place said without its suffix in a
keyword string, 到哪一年 (no rate per year), how many issuers, a year the asker already knows,
a place the asker is from, progress asked as 已经…了多少, several asks typed without
punctuation, two indicators each asked their figure, and 第N项 of a named part.  Question
strings are synthetic; answers come from the seed plan or from SYNTHETIC matrix plans."""

from __future__ import annotations

import pytest

from assistant.answering.asked import asks_progress, missing_kind
from assistant.answering.asking import split_question
from assistant.answering.courtesy import without_courtesy
from assistant.answering.docnames import TitleIndex, searched_text
from assistant.answering.english import is_english
from assistant.answering.mentions import find_places
from assistant.answering.numbered import row_named
from assistant.answering.premise import list_asked, without_beliefs
from assistant.answering.spelling import Speller
from assistant.answering.terms import find_years, jieba_tagged

TERMS = ["碳达峰", "青山市", "城乡建设领域", "城管局", "财政部", "教育部"]
WRITTEN = "城乡建设领域碳达峰实施方案 青山市 城管局"


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(TERMS, lambda run: run in WRITTEN, short_units=["城管局"])


@pytest.mark.parametrize("typed,want", [
    ("东岳省碳达风方案", "东岳省碳达峰方案"),  # two of three characters typed in place
    ("清山市的方案", "青山市的方案"),
    ("方案问号是多少", "方案文号是多少"),  # a word of any question about a document
    ("城关局签头哪些", "城管局牵头哪些"),
    ("城管具体负责", "城管具体负责"),  # a short unit name only where its ending was typed
    ("谈大风", "谈大风"),  # sounds like 碳达峰, but no character of it typed
    ("申请中央财政补贴", "申请中央财政补贴"),  # 财政补|贴 cuts a word: no 财政部
    ("县里财政不出钱的话", "县里财政不出钱的话"),  # 不 is a particle, no slip of 部
    ("先给各位领导问好", "先给各位领导问好"),  # no character of 文号 typed
])
def test_slips_in_short_terms_are_read_as_the_documents_write_them(speller: Speller, typed: str, want: str) -> None:
    assert speller.correct(typed) == want


def test_a_document_number_typed_without_brackets_names_it_and_is_no_year() -> None:
    titles = TitleIndex(["城乡建设领域绿色低碳发展行动方案"], ["建标〔2024〕35号"])
    assert titles.named_phrases("既有建筑节能改造累计完成多少平方米 建标2024 35号") == ["建标2024 35号"]
    assert titles.named_phrases("建标2024年35号里谁牵头") == ["建标2024年35号里"]  # 年 for the brackets
    assert find_years("建标2024年35号里谁牵头") == ()
    assert find_years("到2025年12号") == (2025,)  # no document number: a date
    assert find_years("既有建筑节能改造累计完成多少平方米 建标2024 35号") == ()
    assert find_years("到2030年完成多少") == (2030,)


@pytest.mark.parametrize("text,english", [
    ("Who leads 北方地区清洁取暖 in the national action plan 建标〔2024〕35号?", True),
    ("县市场监管局 in 临建字〔2024〕9号 — what tasks?", True),
    ("Who leads 老旧小区改造?", True),  # opened by an English question word
    ("住建局 lead 了哪些 tasks？", False),  # Chinese with an English word or two
    ("2025年的 target 是多少", False),
])
def test_english_asked_around_chinese_names(text: str, english: bool) -> None:
    assert is_english(text) is english


@pytest.mark.parametrize("message,question", [
    ("教育部有没有分到任务啊 我们学校后勤想提前准备一下", "教育部有没有分到任务啊"),
    ("清洁取暖谁牵头，我想提前准备一下", "清洁取暖谁牵头"),
    ("清洁取暖谁牵头，我们要配合吗", "清洁取暖谁牵头，我们要配合吗"),  # asks: kept
    ("清洁取暖谁牵头 我们局要配合哪些任务", "清洁取暖谁牵头 我们局要配合哪些任务"),
    ("清洁取暖谁牵头 我还想问下完成时限", "清洁取暖谁牵头 我还想问下完成时限"),
    ("清洁取暖谁牵头，我们要提交啥材料", "清洁取暖谁牵头，我们要提交啥材料"),
])
def test_a_remark_about_the_askers_own_plans_is_no_part_of_the_question(message: str, question: str) -> None:
    assert without_courtesy(message) == question


def test_a_plans_place_without_its_suffix_is_a_place_in_a_keyword_string() -> None:
    text = "省发改委 东岳 碳达峰方案 配合 任务 清单"
    assert "东岳" in find_places(text, jieba_tagged(text), None, ("东岳省",))
    assert "东岳" not in find_places(text, jieba_tagged(text), None, ())
    text = "老城区临河地段海绵城市建设有什么要求"  # 临河, by the river: a word, no place
    assert find_places(text, jieba_tagged(text), None, ("临河县",)) == ()


@pytest.mark.parametrize("text,progress", [
    ("到目前为止聊城已经翻新了多少户老旧小区？", True),
    ("已经改造了几个小区", True),
    ("到2025年要改造多少户", False),
    ("现在已经有多少公里管廊", False),  # what exists today: another question
    ("方案已经规定了几项保障措施？", False),  # what the plan says
])
def test_progress_asked_as_done_so_far(text: str, progress: bool) -> None:
    assert asks_progress(text) is progress


def test_a_year_the_asker_already_knows_is_no_year_asked() -> None:
    assert without_beliefs("装配式建筑占比 2030 年目标是多少 我知道2025年是50%") == "装配式建筑占比 2030 年目标是多少"
    assert without_beliefs("装配式建筑占比 2030 年目标是多少，2025的我知道是50%") == "装配式建筑占比 2030 年目标是多少"
    assert without_beliefs("我想知道2030年的目标是多少") == "我想知道2030年的目标是多少"
    assert list_asked("老旧小区改造 是不是 住建局牵头") is None  # spaces split clauses for beliefs only


def test_several_asks_typed_without_punctuation_are_parts() -> None:
    assert split_question("“新建居住社区严格执行标准”是哪一条 哪个单位牵头 参与的是谁") == [
        "“新建居住社区严格执行标准”是哪一条？", "哪个单位牵头？", "参与的是谁？"]
    assert len(split_question("城市规模和空间结构怎么定 这事谁牵头啊")) == 1  # 这事: one question
    assert len(split_question("清洁取暖 谁牵头")) == 1
    assert len(split_question("超低能耗建筑到哪一年 累计要建多少平方米")) == 1  # one ask, typed with a space
    assert len(split_question("清洁取暖率2025年目标是多少 谁牵头")) == 2


def test_an_item_of_a_named_part_is_no_table_row() -> None:
    assert row_named("分工表里“推进绿色低碳县城建设”第一项是谁牵头的？") is None
    assert row_named("分工表第一项是谁牵头的？") == 1
    assert row_named('分工表里"推进绿色低碳县城建设"第一项是谁牵头的？') is None
    assert row_named("“重点任务及责任分工表”第5项谁牵头") == 5  # a quoted table is the table


def test_answers_to_typed_questions_on_the_seed(seed_qa) -> None:  # type: ignore[no-untyped-def]
    for text in ("你好，我是报社记者，想核实一下：这个方案是几个部门联合发的？", "几家单位一起发的这个方案"):
        ans = seed_qa.ask(text)
        assert ans.found and "共5个单位" in ans.answer
    ans = seed_qa.ask("装配式建筑占比 2030 年目标是多少 2025的我知道是50%")
    assert not ans.found and "2030年" in ans.answer.splitlines()[0]
    ans = seed_qa.ask("您好，我是临清市的，想问下方案里给临清分配的老旧小区改造任务是多少户？谢谢")
    assert not ans.found and "临清" in ans.answer.splitlines()[0]
    ans = seed_qa.ask("“新建居住社区严格执行《居住区规划设计标准》”是哪一条 哪个单位牵头")
    assert ans.found and "第（五）条" in ans.answer and "由市住房和城乡建设局牵头" in ans.answer
    ans = seed_qa.ask("公共建筑节能改造和既有居住建筑节能改造，十四五期间各要完成多少平方米，哪个多？")
    assert ans.found and "40万平方米" in ans.answer and "200万平方米" in ans.answer


@pytest.fixture(scope="module")
def national_qa(synthetic_qa):  # type: ignore[no-untyped-def]
    return synthetic_qa("table_ruled", "txt", "national")


def test_answers_to_typed_questions_on_a_synthetic_plan(national_qa) -> None:  # type: ignore[no-untyped-def]
    ans = national_qa.ask("国家方案里超低能耗建筑 到哪一年 累计要建多少")  # 哪一年: no rate per year
    assert ans.found and "2027年" in ans.answer
    ans = national_qa.ask("十四五期间既有建筑节能改造 国家要求累计完成多少平方米 建标2024 35号")
    assert ans.found and "平方米" in ans.answer and "2024年" not in ans.answer
    ans = national_qa.ask("Who leads 北方地区清洁取暖 in the national action plan 建标〔2024〕35号?")
    assert ans.found and ans.intent == "lead"
    ans = national_qa.ask("Does 财政部 lead anything in 建标〔2024〕35号? Which tasks is it part of?")
    assert ans.found and "财政部牵头或参与的任务" in ans.answer


@pytest.mark.parametrize("line,answers", [
    ("规划建设县级建筑垃圾资源化利用厂", False),  # 县级: no named place
    ("在具备条件的县城开展整县推进示范", False),  # 县城, 整县: no named place
    ("在青山县开展试点", True),
    ("在临河县城区开展试点", True),
])
def test_a_place_asked_is_answered_only_by_a_named_place(line: str, answers: bool) -> None:
    question = "试点放在哪个县？"
    assert (missing_kind(question, question, [line]) is None) is answers


def test_a_place_that_only_names_the_plan_is_not_searched_for(seed_qa) -> None:  # type: ignore[no-untyped-def]
    an = seed_qa._answerer
    docs = an.documents
    q = an._understand("聊城城乡建设领域碳排放哪年达到峰值", None)
    assert "聊城" in q.places and "聊城" not in searched_text(q, docs)
    q = an._understand("聊城这个方案的文号是多少", None)  # the header asked: the place stays
    assert "聊城" in searched_text(q, docs)
