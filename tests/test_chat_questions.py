"""Question reading rules found on the seventh blind dev sets: chat messages (a tag, a
greeting, thanks), a document named by its number or described by who issued it, a table
row named by its number, the unit asked among several named, the asker's own town.
Synthetic strings and the synthetic documents of ``synthetic_index_docs`` only."""

from __future__ import annotations

import pytest
from synthetic_index_docs import make_doc

from assistant.answering.compose import answer_row
from assistant.answering.courtesy import without_courtesy
from assistant.answering.docnames import TitleIndex
from assistant.answering.english import title_runs
from assistant.answering.intent import find_years
from assistant.answering.intents import understand
from assistant.answering.numbered import row_named
from assistant.answering.spelling import Speller
from assistant.documents.unitdata import government_forms
from assistant.documents.units import UnitResolver

RESOLVER = UnitResolver(level="county", place="示例县", issuers=("示例县住房和城乡建设局", "示例县财政局"),
                        forms=("县住建局", "县财政局", "县城市管理局"))


@pytest.mark.parametrize("message,question", [
    ("【工作群】各位早上好！清洁取暖由谁牵头？谢谢！", "清洁取暖由谁牵头？"),
    ("李股长好，县财政局要配合哪些事？", "县财政局要配合哪些事？"),
    ("群里问一下哈，海绵城市谁牵头？", "海绵城市谁牵头？"),
    ("Hi team, who leads clean heating? Thanks!", "who leads clean heating?"),
    ("清洁取暖由谁牵头？", "清洁取暖由谁牵头？"),
])
def test_chat_courtesies_are_no_part_of_the_question(message: str, question: str) -> None:
    assert without_courtesy(message) == question


def test_a_unit_asking_is_not_taken_for_a_courtesy() -> None:
    assert without_courtesy("县住建局咨询一下，哪些任务？") == "县住建局咨询一下，哪些任务？"
    assert without_courtesy("谢谢") == "谢谢"  # nothing left: the text stays


def test_a_document_number_is_no_target_year_and_names_its_plan() -> None:
    assert find_years("合建字〔2099〕1号文里2025年要完成多少？") == (2025,)
    assert find_years("合建字[2024]3号里我们局牵头哪些？") == ()
    titles = TitleIndex(["示例县城乡建设示范方案", "合成省碳达峰方案"], ["合建字〔2024〕3号", None])
    assert titles.named("看合建字[2024]3号文里我们局牵头的是哪几项？") == [0]
    assert titles.phrases("方案里合建字（2024）3号文里") == ["合建字（2024）3号文里"]
    assert titles.named("合建字〔2023〕3号") == []  # another document's number names none


def test_who_issued_a_plan_names_it_and_asks_nothing() -> None:
    q = understand("县住建局和县财政局5月份联合印发的那份方案里，县城市管理局牵头的任务有哪些？", RESOLVER.resolve)
    assert q.intent == "unit_tasks" and q.unit == "县城市管理局" and q.role == "lead"


@pytest.mark.parametrize("question,unit", [
    ("住建那边想确认一下：县财政局牵头的任务有哪些？", "县财政局"),  # the unit before the role word
    ("县财政局的同事问：县住建局牵头哪些任务？", "县住房和城乡建设局"),
    ("是县住建局还是县财政局牵头？", "县住房和城乡建设局"),  # a choice: both asked, in order
])
def test_the_unit_asked_among_several(question: str, unit: str) -> None:
    assert understand(question, RESOLVER.resolve, stems=("住建",)).unit == unit


def test_background_sentences_are_no_topic_of_a_unit_question() -> None:
    q = understand("领导说县住建局牵头的几项任务要县财政局配合，每半年督导一次。麻烦查一下县财政局被列为配合单位的是哪些任务？",
                   RESOLVER.resolve)
    assert q.intent == "unit_tasks" and q.unit == "县财政局" and q.role == "participating"


def test_townships_as_people_write_them() -> None:
    forms = government_forms("各乡镇人民政府（街道办事处）", "县")
    assert {"乡镇（街道）", "乡镇(街道)", "各乡镇（街道）", "镇政府", "街道办"} <= forms
    assert "县政府" not in forms


@pytest.mark.parametrize("text,row", [
    ("分工表第5项任务是哪个单位牵头的？", 5), ("序号为12的任务什么时候完成？", 12), ("第十二项谁配合？", 12),
    ("Which bureau leads row 7 of the annex table?", 7), ("2025年新建建筑要达到多少？", None),
])
def test_a_row_named_by_its_number(text: str, row: int | None) -> None:
    assert row_named(text) == row


def test_a_named_row_is_answered_from_the_table_or_refused() -> None:
    doc = make_doc()
    lead = understand("分工表第3项由谁牵头？", RESOLVER.resolve)
    d = answer_row(lead, [doc])
    assert d is not None and d.found and "市自然资源和规划局牵头" in d.text and "2027年底" in d.text
    assert [t.row_no for t in d.tasks] == [3]
    missing = answer_row(understand("分工表第9项由谁牵头？", RESOLVER.resolve), [doc])
    assert missing is not None and not missing.found and "共3项" in missing.text
    no_table = make_doc().__class__(**{**make_doc().__dict__, "tasks": ()})
    assert answer_row(lead, [no_table]) is None  # no numbered rows: read as any other words


def test_an_english_title_is_terms_standing_together() -> None:
    assert title_runs("Which funding tools does the plan say should support key carbon-peak tasks?") == []
    runs = title_runs("In the national Action Plan for Green and Low-Carbon Development, which tasks list NDRC?")
    assert len(runs) == 1 and "行动方案" in runs[0] and "绿色低碳" in runs[0]


def test_homophone_slips_become_the_documents_terms() -> None:
    written = "推进海绵城市建设。省机关事务管理局牵头。"
    speller = Speller(["海绵城市", "省机关事务管理局", "城市", "实证"], lambda run: run in written)
    assert speller.correct("东岳省海棉城市2025年面积比例目标") == "东岳省海绵城市2025年面积比例目标"
    assert speller.correct("省机关事物管理局牵投的是哪个") == "省机关事务管理局牵头的是哪个"
    assert speller.correct("屋顶光伏那条谁前头") == "屋顶光伏那条谁牵头"  # a role word, whatever the documents
    assert speller.correct("市政设施由谁配合") == "市政设施由谁配合"  # two characters: 市政 is no slip of 实证
    assert Speller([], lambda run: False).correct("谁牵投") == "谁牵头"


def test_a_written_run_is_never_a_slip() -> None:
    speller = Speller(["海绵城市"], lambda run: run == "海棉城市")  # the documents write it so
    assert speller.correct("海棉城市谁牵头") == "海棉城市谁牵头"


def test_a_slip_glued_to_a_question_word_is_no_content() -> None:
    assert "暧谁" not in understand("农村清洁取暧谁牵头", RESOLVER.resolve).terms


def test_an_introduction_ended_by_a_space_and_duties_asked_colloquially() -> None:
    q = understand("我是莘县住建局的 清洁取暖谁牵头", RESOLVER.resolve)
    assert q.places == () and q.intent == "lead"  # the asker's county is no place asked
    assert understand("县财政局负责啥", RESOLVER.resolve).role == "any"
    assert understand("县财政局负责哪些任务？", RESOLVER.resolve).role == "any"  # 负责 without 牵头: every role


def test_english_support_and_state_grid() -> None:
    from assistant.answering.english import translate

    assert "配合" in translate("Which tasks does the municipal finance bureau support?")
    assert "配合" not in translate("Which funding tools does the plan say should be used to support key tasks?")
    assert "供电公司" in translate("Which tasks does State Grid Linhe lead?", {"linhe": "临河县"})
