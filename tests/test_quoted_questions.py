"""Questions quoting the text, found on the thirty-eighth blind dev sets: a sentence of the plan
pasted with a figure changed (“…新增城市道路300公里”这项谁牵头？ where the plan says 200), a
sentence asked where it stands that the plan does not write, table rows asked for as a unit's
share (出现住建局的行), a word the evidence writes inside a longer synonym (清洁能源供暖), a text
asked to be written, and an English "by what date" deadline.  Question strings are written for
these tests (the quoted sentences are the seed plan's or SYNTHETIC matrix plans' own, or
changed from them); answers come from those plans."""

from __future__ import annotations

import pytest

from assistant.answering.asked import WRITE_FOR_ME_RE
from assistant.answering.english import translate
from assistant.answering.quoted import _closest, misquoted, quotes
from assistant.answering.terms import plain_roles
from assistant.types import Clause, DocMeta, Document

SENTENCE = "加大提升主城区道路网密度，到2025年全市新增城市道路200公里。"
OTHER = "倡导使用智能插座。"


def _doc() -> Document:
    text = f"（一）合理布局。{SENTENCE}（二）绿色社区。{OTHER}"
    clauses = (Clause(1, "合理布局", f"（一）合理布局。{SENTENCE}", 1, "总体", 0, 30),
               Clause(2, "绿色社区", f"（二）绿色社区。{OTHER}", 1, "总体", 30, len(text)))
    return Document(meta=DocMeta(id="d", title="某市方案（合成）"), text=text, clauses=clauses)


@pytest.mark.parametrize("text,want", [
    ("“到2025年全市新增城市道路300公里”这项谁牵头？", ["到2025年全市新增城市道路300公里"]),
    ("「到2030年全市新增城市道路500公里」由谁牵头？", ["到2030年全市新增城市道路500公里"]),
    ("“城市道路”谁牵头", []),  # too short to recognise
    ("“全市新增城市道路”谁牵头", []),  # no figure: nothing to check
    ("《城乡建设领域碳达峰实施方案2023》", []),  # a title, no quote
])
def test_quotes_with_a_figure(text: str, want: list[str]) -> None:
    assert quotes(text) == want


def test_a_quote_with_another_figure_is_not_the_documents() -> None:
    d = misquoted("“到2025年全市新增城市道路300公里”这项谁牵头？", [_doc()])
    assert d is not None and not d.found
    assert "没有“到2025年全市新增城市道路300公里”这句话" in d.lines[0]
    assert "200公里" in d.text and d.citations[0].clause_no == 1  # the sentence the plan writes, cited


@pytest.mark.parametrize("text", [
    "“到2025年全市新增城市道路200公里”这项谁牵头？",  # as written
    "“到 2025 年全市新增城市道路 200 公里”是哪个单位的任务",  # spaces as in PDF text
    "“到2025年新增绿色建筑300万平方米”谁牵头",  # the plan says nothing like it: for the other checks
])
def test_a_quote_the_documents_write_or_never_come_near_stands(text: str) -> None:
    assert misquoted(text, [_doc()]) is None


def test_a_quote_asked_where_it_stands_must_be_written() -> None:
    assert misquoted("“倡导使用智能插座”在哪条？", [_doc()], where=True) is None
    d = misquoted("“倡导家庭使用智能插座和节能家电”在哪一条？", [_doc()], where=True)
    assert d is not None and not d.found and "没有“倡导家庭使用智能插座和节能家电”这句话" in d.text
    assert misquoted("“倡导家庭使用智能插座和节能家电”谁牵头？", [_doc()]) is None  # not asked where: no figure to check


@pytest.mark.parametrize("text,want", [
    ("附件表里凡是出现住建局的行有哪些", "附件表里凡是出现住建局的任务有哪些"),
    ("城管局牵头的是哪几行", "城管局牵头的是哪几任务"),
    ("清洁取暖在表的第几行", "清洁取暖在表的第几行"),  # where a row stands
    ("开展的行动有哪些", "开展的行动有哪些"),
    ("严格执行的标准", "严格执行的标准"),
])
def test_table_rows_asked_of_a_unit_are_its_tasks(text: str, want: str) -> None:
    assert plain_roles(text) == want


@pytest.mark.parametrize("text,refused", [
    ("帮我写一份住建局2023年度工作总结", True),
    ("起草一个清洁取暖工作的通知", True),
    ("Draft me a report on clean heating", True),
    ("写明了哪些目标", False),
    ("文件里写了哪些任务", False),
])
def test_a_text_asked_to_be_written_is_refused(text: str, refused: bool) -> None:
    assert bool(WRITE_FOR_ME_RE.search(text)) is refused


def test_by_what_date_asks_a_deadline_not_the_issue_date() -> None:
    assert "印发日期" not in translate("By what date must the self-inspection report be submitted each year?")
    assert "印发日期" in translate("On what date was the plan issued?")


def test_a_word_inside_a_longer_synonym_is_held(seed_qa) -> None:  # type: ignore[no-untyped-def]
    # the plan writes 清洁能源供暖 (one synonym of 清洁取暖): 清洁能源 of the question is there
    a = seed_qa.ask("全市清洁能源供热比例到2030年达到多少以上？")
    assert a.found and "85%" in a.answer


def test_seed_quote_with_a_changed_figure_is_refused(seed_qa) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask("“到2030年城市供热管网热损失比2020年下降10个百分点”牵头单位是？")
    assert not a.found and "下降5个百分点" in a.answer.replace(" ", "")
    assert seed_qa.ask("“到2030年城市供热管网热损失比2020年下降5个百分点”牵头单位是？").found


def test_a_quote_of_another_plan_is_not_answered_from_the_plan_asked(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "municipal", "provincial")
    city = next(d for d in qa.documents if d.meta.level == "municipal")
    province = next(d for d in qa.documents if d.meta.level == "provincial")
    phrase = next(p for t in province.tasks for p in t.requirement.split("，")  # one the city writes nothing like
                  if len(p) >= 8 and not any(ch.isdigit() for ch in p) and (_closest(p, [city])[1] or (0.0,))[0] < 0.5)
    a = qa.ask(f"“{phrase}”{city.meta.place}由谁牵头？")
    assert not a.found and "出自" in a.answer and province.meta.title in a.answer
    assert a.citations and a.citations[0].doc_id == province.id  # where it is written, shown
    assert qa.ask(f"“{phrase}”由谁牵头？").found  # asked of every plan: the province's task


def test_a_tables_time_as_written_answers_when() -> None:
    from assistant.answering.asked import missing_kind

    q = "推广热泵这些电气化设备的任务什么时候完成"
    assert missing_kind(q, q, ["推广热泵、电炊具等高效电气化设备：完成时限为持续推进[1]。"]) is None
    assert missing_kind(q, q, ["推广热泵、电炊具等高效电气化设备[1]。"]) == "when"


@pytest.mark.parametrize("text", ["“走集约节约的县城发展道路”出自哪条", "这句话出自哪一部分", "“倡导使用智能插座”在哪条"])
def test_where_a_sentence_stands_asked(text: str) -> None:
    from assistant.answering.facts import WHERE_RE
    from assistant.answering.intent import STRUCTURE_RE

    assert STRUCTURE_RE.search(text) and WHERE_RE.search(text)


def test_a_rate_of_a_documents_term_is_one_measure() -> None:
    from assistant.answering.terms import _rates
    from assistant.text import canonical

    assert _rates([("建筑垃圾", "x"), ("资源化利用", "x"), ("率", "v")])[-1] == ("资源化利用率", "n")
    assert _rates([("比", "p"), ("率", "v")])[-1] == ("率", "v")  # one character: no measure
    assert canonical("能耗要降低多少") == canonical("能耗要下降多少")


def test_a_part_title_quoted_is_the_documents() -> None:
    from assistant.types import Section

    doc = _doc()
    titled = Document(meta=doc.meta, text=doc.text, clauses=doc.clauses, sections=(Section(1, "推进农房节能和清洁取暖", 0, 9),))
    assert misquoted("第一部分“推进农房节能和清洁取暖”下面包括哪几条？", [titled], where=True) is None


def test_a_model_county_is_no_place_named() -> None:
    from assistant.answering.asked import missing_kind

    q = "“50%以上的县基本建成分类模范县”具体是哪些县？"
    assert missing_kind(q, q, ["50%以上的县（市、区）基本建成城乡生活垃圾分类模范县[1]。"]) == "place"
    assert missing_kind(q, q, ["临河县、青山县基本建成城乡生活垃圾分类模范县[1]。"]) is None


def test_a_utilisation_rate_in_english() -> None:
    assert "利用率" in translate("rooftop PV utilisation rate target 2027").split()
