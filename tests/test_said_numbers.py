"""Numbers and dates written any way, found on the thirty-ninth blind dev sets: Chinese
numerals for months, days and rows (六月二十七日, 第廿八项), a year said by two digits (二七年),
a document number said aloud (聊建字二〇二三年第三十一号), English number words (row nine,
twenty twenty-five), unit signs (㎡), spans of table rows (序号1到11里), a clause number the plan
does not have, and a "none" answer scored.  Question strings are written for these tests;
answers come from the seed plan or from SYNTHETIC plans built here."""

from __future__ import annotations

import re

import pytest

from assistant.answering.numbered import item_named, row_named, rows_between
from assistant.answering.parts import tasks_within
from assistant.answering.wording import DEADLINE_CHECKED_RE, FACT_DATE_RE
from assistant.numerals import as_written, english_numbers
from assistant.text import normalize_question
from assistant.types import DocMeta, Document, TaskRow


@pytest.mark.parametrize("said,written", [
    ("方案是二零二三年六月二十七日印发的吗", "方案是2023年6月27日印发的吗"),
    ("每年十二月底前报送", "每年12月底前报送"),
    ("分工表第廿八项", "分工表第二十八项"),
    ("二七年全省海绵城市", "2027年全省海绵城市"),
    ("是不是要在二五年年底前搞完", "是不是要在2025年年底前搞完"),
    ("三五年之内", "三五年之内"),  # a rough span of years, not 2035
    ("十月怀胎", "十月怀胎"),  # no date beside it
    ("聊建字二〇二三年第三十一号文件", "聊建字〔2023〕31号文件"),
    ("建标〔2024〕第三十五号文里", "建标〔2024〕35号文里"),
    ("临建字〔二〇二四〕第九号", "临建字〔2024〕9号"),
    ("临建字〔2024〕第十十号", "临建字〔2024〕第十十号"),  # no numeral: left as typed
    ("改造4亿㎡以上", "改造4亿平方米以上"),
    ("是不是就要到六成", "是不是就要到60%"),
    ("七成以上的城市", "70%以上的城市"),
    ("百分之七点九", "7.9%"),
    ("百分之几", "百分之几"),  # a share asked, not said
    ("几成", "几成"),
    ("一成不变地建成", "一成不变地建成"),  # words, not shares
])
def test_numbers_said_are_read_as_written(said: str, written: str) -> None:
    assert as_written(said) == written


@pytest.mark.parametrize("said,written", [
    ("Who leads row nine?", "Who leads row 9?"),
    ("the goal by the end of twenty twenty-five", "the goal by the end of 2025"),
    ("is it thirty percent by two thousand and thirty", "is it 30% by 2030"),
    ("row thirty-three", "row 33"),
    ("No one leads it? one of the tasks", "No one leads it? one of the tasks"),  # words, not numbers
    ("the double zero goal", "the double zero goal"),
])
def test_english_number_words_where_they_are_numbers(said: str, written: str) -> None:
    assert english_numbers(said) == written


def test_traditional_and_full_width_questions_get_the_same_numbers() -> None:
    assert normalize_question("第廿八項由誰牽頭？２０２５年") == "第二十八项由谁牵头？2025年"


@pytest.mark.parametrize("text,span", [
    ("序号一到十一里，住建局牵头的有哪些？", (1, 11)),
    ("第十二到第十四项中", (12, 14)),
    ("第二十项及以后，住建局牵头的", (20, 999)),
    ("前十项里城管局牵头的", (1, 10)),
    ("rows 5-9", (5, 9)),
    ("序号12", None),
    ("第二到第三部分", None),  # parts of the text, not rows
    ("2025年到2030年", None),
])
def test_a_span_of_rows(text: str, span: tuple[int, int] | None) -> None:
    assert rows_between(text) == span
    if span is not None:
        assert row_named(text) is None  # a span names no one row


def _row(no: int, lead: str) -> TaskRow:
    return TaskRow(row_no=no, key_task="合成任务", measure="合成措施", requirement=f"合成要求{no}",
                   lead_units=(lead,), participating_units=(), doc_id="d")


def test_a_units_rows_within_a_span() -> None:
    rows = [_row(n, "市住建局") for n in (2, 5, 11, 12, 20)]
    doc = Document(meta=DocMeta(id="d", title="某市方案（合成）"), text="", tasks=tuple(rows))
    where, inside = tasks_within(None, "序号1到11里住建局牵头的", [doc], rows)
    assert where == "责任分工表序号1至11" and [r.row_no for r in inside] == [2, 5, 11]
    where, inside = tasks_within(None, "第十二项及以后", [doc], rows)
    assert where == "责任分工表序号12及以后" and [r.row_no for r in inside] == [12, 20]


def test_item_numbered_with_a_point_is_an_item_of_a_clause() -> None:
    assert item_named("Which units cooperate on item 7.1, the rooftop PV task?") == (7, 1)
    assert row_named("Which units cooperate on item 7.1?") is None
    assert item_named("item 7.1.2") is None


@pytest.mark.parametrize("text,checked", [
    ("方案是2023年6月27日印发的吗？", True),
    ("是6月27日发布的吗", True),
    ("2023年6月27日全市开展了什么活动", False),
])
def test_a_date_checked_asks_the_issue_date(text: str, checked: bool) -> None:
    assert bool(FACT_DATE_RE.search(text)) is checked


@pytest.mark.parametrize("text,checked", [
    ("超低能耗建筑示范这项是要求2026年底前完成吗？", True),
    ("是不是要在2025年年底前搞完？", True),
    ("2025年底前要完成多少户改造？", True),  # the deadline intent still yields to 多少
    ("2025年新增多少", False),
])
def test_a_deadline_checked(text: str, checked: bool) -> None:
    assert bool(DEADLINE_CHECKED_RE.search(text)) is checked


def test_seed_dates_rows_and_numbers_said(seed_qa) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask("方案是二零二三年六月二十七日印发的吗？")
    assert a.found and "2023年6月27日" in a.answer
    a = seed_qa.ask("分工表第廿八项的牵头单位")
    assert a.found and [t.row_no for t in a.tasks] == [28] and "市城市管理局" in a.answer
    a = seed_qa.ask("Who leads row nine?")
    assert a.found and [t.row_no for t in a.tasks] == [9]
    a = seed_qa.ask("聊建字二〇二三年第三十一号文件印发的是什么方案？")
    assert a.found and "聊城市城乡建设领域碳达峰实施方案" in a.answer


def test_seed_a_units_tasks_within_rows(seed_qa) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask("序号一到十一里，住建局牵头的有哪些？")
    rows = sorted(t.row_no for t in a.tasks if t.row_no is not None)
    assert a.found and rows and all(1 <= r <= 11 for r in rows)
    whole = seed_qa.ask("住建局牵头的有哪些？")
    assert rows == sorted(t.row_no for t in whole.tasks if t.row_no is not None and t.row_no <= 11)


def test_seed_roles_paired_with_er_you(seed_qa) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask("自然资源和规划局参与而由住建局牵头的任务有哪几行？")
    b = seed_qa.ask("住建局牵头、自规局配合的任务")
    assert a.found and {t.row_no for t in a.tasks} == {t.row_no for t in b.tasks} != set()


def test_seed_clause_numbers_said(seed_qa) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask("方案第7条的标题是什么？")
    assert a.found and "第（七）条" in a.answer
    a = seed_qa.ask("方案第（二十五）条对金融支持怎么规定？")
    assert not a.found and "没有第（二十五）条" in a.answer


def test_seed_a_year_in_brackets_in_english_is_asked(seed_qa) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask("By the middle of this century (2050), what must urban-rural construction achieve?")
    assert not a.found and "2050" in a.answer


def test_seed_basis_documents_are_not_a_level_asked(seed_qa) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask("方案依据的国家和省里的上位文件有哪些？")
    assert a.found and "山东省城乡建设领域碳达峰实施方案" in a.answer


def test_a_table_row_asked_of_plans_without_a_table_is_refused() -> None:
    from assistant.answering.compose import answer_row
    from assistant.answering.intent import Query

    inline = TaskRow(row_no=None, key_task="合成任务", measure="", requirement="合成要求", lead_units=("县住建局",),
                     participating_units=(), doc_id="d", item="（一）1")
    doc = Document(meta=DocMeta(id="d", title="某县方案（合成）"), text="", tasks=(inline,))
    d = answer_row(Query(text="分工表序号14的任务是哪个单位牵头？", original="", intent="lead", row=14), [doc])
    assert d is not None and not d.found and "没有附责任分工表" in d.text
    assert answer_row(Query(text="第2项是什么？", original="", intent="general", row=2), [doc]) is None  # an item


@pytest.mark.parametrize("text,narrows", [
    ("城管局牵头的、写了到2025年年底前要达到目标的任务有哪些行？", True),  # the tasks with 2025 aims
    ("城管局牵头的任务里2030年前要完成哪些", False),  # a bound: every task due by then
    ("2023年印发的方案里城管局牵头哪些", False),
    ("2024年国家行动方案里，住房城乡建设部参与了哪几项任务？", False),  # the year names the plan
    ("2024年9月6日临河县方案中，县教育和体育局参与哪些任务？", False),
])
def test_a_year_bound_said_with_aims_narrows_a_units_tasks(text: str, narrows: bool) -> None:
    from assistant.answering.timed import _narrows_by

    year = int(re.search(r"20\d\d", text).group())  # type: ignore[union-attr]
    assert _narrows_by(text, year) is narrows


def test_a_document_number_in_english_names_no_year_and_no_row() -> None:
    from assistant.answering.english import translate

    text = "In Dongyue's document No. 12 of 2024, which tasks does the provincial energy bureau lead?"
    assert "2024年" not in translate(text) and row_named(text) is None
    assert row_named("Who leads no. 12 of the table?") == 12


def test_seed_a_time_restated_in_brackets_is_no_word_to_find(seed_qa) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask("年底前（12月31日前）报送自查综合报告，是这样规定的吗？")
    assert a.found and "11月底前" in a.answer


@pytest.mark.parametrize("said,value", [("是不是百分之四十五？", (45.0, "%")), ("要达到七成吗", (70.0, "%")),
                                        ("百分之十十是多少", None)])
def test_a_share_said_in_words_is_the_figure_asked_through_the_normaliser(said: str, value: object) -> None:
    from assistant.answering.intents import understand
    from assistant.answering.premise import asked_value

    assert asked_value(understand(normalize_question(said), lambda name: None)) == value


def test_a_quoted_figure_picks_the_row_stating_it_and_quotes_its_own_time() -> None:
    """SYNTHETIC rows: two plans' rows on the same work, one stating the figure asked."""
    from dataclasses import replace as _replace

    from assistant.answering.compose import answer_deadline
    from assistant.answering.intents import understand
    from assistant.answering.premise import asked_value, states_value
    from tests.synthetic_index_docs import make_doc

    def plan(doc_id: str, requirement: str, deadline: str) -> Document:
        doc = make_doc(doc_id)
        row = _replace(doc.tasks[0], doc_id=doc_id, measure="合成改造", requirement=requirement, deadline=deadline)
        return _replace(doc, tasks=(row,))

    docs = [plan("synth-a", "合成改造每年推进（合成测试文本）。", "每年12月底前"),
            plan("synth-b", "统筹推进合成改造，“十四五”期间累计完成合成改造4亿平方米以上（合成测试文本）。", "2025年底前")]
    q = understand(normalize_question("合成改造4亿㎡以上，这个目标的期限是？"), lambda name: None)
    said = asked_value(q)
    assert said == (4.0, "亿平方米")
    d = answer_deadline(q, docs, [], 0.1, states_value(said))
    assert d.found and [t.doc_id for t in d.tasks] == ["synth-b"]
    assert "“十四五”期间" in d.text and "2025年底前" in d.text
    plain = answer_deadline(understand("合成改造的完成时限是？", lambda name: None), docs, [], 0.1)
    assert {t.doc_id for t in plain.tasks} == {"synth-a", "synth-b"}


@pytest.mark.parametrize("question,role_rows,said", [
    ("市住房和城乡建设局在哪些任务里是参与单位而不是牵头单位？第一项算不算？", {1, 12}, "序号1在其中"),
    ("城管局牵头的任务包括第二项吗？", {5, 6, 7, 8, 10, 11, 24, 27, 28, 33}, "序号2不在其中（该项由市住房和城乡建设局牵头"),
])
def test_seed_a_row_checked_beside_a_units_tasks_keeps_the_list(seed_qa, question: str, role_rows: set[int],  # type: ignore[no-untyped-def]
                                                               said: str) -> None:
    a = seed_qa.ask(question)
    assert a.intent == "unit_tasks" and {t.row_no for t in a.tasks} == role_rows and a.answer.startswith(said)


@pytest.mark.parametrize("question", ["双清零目标到2025年底指的是什么",
                                      "The 'double zero' (双清零) goal by the end of twenty twenty-five refers to what?"])
def test_seed_a_time_of_year_and_words_of_asking_are_no_words_to_find(seed_qa, question: str) -> None:  # type: ignore[no-untyped-def]
    """年底 beside the year and 指的是 / refers to (是什么意思) ask; they are not in the sentence that answers."""
    a = seed_qa.ask(question)
    assert a.found and "黑臭水体" in a.answer and "雨污合流管网" in a.answer
