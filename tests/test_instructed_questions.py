"""Questions asked with an instruction, found on the fifty-first blind dev sets: clauses that only say how
the answer should look or what it is for (只要单位名称, 附上出处, 写材料用, Just the number.) are no part of
the question; a request to list stays when nothing else asks.  Also from that round: a unit's tasks in a
clause named by number and title, English "led jointly by X and Y", a figure weighed against something the
documents never state (比全国平均水平高多少), a thing set aside in brackets (（不是资源化利用率）), a count
asked in English (how many demonstration projects), the kinds of a thing (资金来源), the thing asked said
right after the figure (…提标改造，出水达到准IV类水标准).
Question strings are synthetic; every expectation is computed here from the loaded documents."""

from __future__ import annotations

import pytest
from fake_vocabulary import AllKnownVocabulary

from assistant.answering.answerable import coverage
from assistant.answering.asking import split_question, unit_pronoun
from assistant.answering.courtesy import asks_nothing, without_courtesy, without_instructions
from assistant.answering.english import translate
from assistant.answering.english_outline import english_unit
from assistant.answering.evidence import baseline_unstated, compared_to
from assistant.answering.followup import later_part
from assistant.answering.numbered import TABLE_SIZE_RE
from assistant.answering.spans import best_spans
from assistant.numerals import int_to_cn


@pytest.mark.parametrize("text,asked", [
    ("甲乙丙丁由谁牵头？只要单位名称。", "甲乙丙丁由谁牵头？"),
    ("甲乙丙丁由谁牵头？帮我确认下，只回单位名。", "甲乙丙丁由谁牵头？"),
    ("甲乙丙丁到2025年要达到多少？只要数字，不用解释。", "甲乙丙丁到2025年要达到多少？"),
    ("写材料用，甲乙丙丁要完成多少平方米？", "甲乙丙丁要完成多少平方米？"),
    ("我要填报表，甲乙丙丁的目标是多少？", "甲乙丙丁的目标是多少？"),
    ("甲乙丙丁的牵头单位是哪个？附上出处。", "甲乙丙丁的牵头单位是哪个？"),
    ("甲乙丙丁要采用哪些措施？把原文给我。", "甲乙丙丁要采用哪些措施？"),
    ("甲局牵头的任务有哪些？请按序号列出。", "甲局牵头的任务有哪些？"),
    ("甲局牵头的任务有哪些？一句话说清楚。", "甲局牵头的任务有哪些？"),
    ("甲局所有涉及的任务，列个清单，写材料用。", "甲局所有涉及的任务，列个清单。"),  # the list asked: nothing else asks
    ("甲局牵头的任务，按序号列出来。", "甲局牵头的任务，按序号列出来。"),
    ("How many rows are in the table? Number only.", "How many rows are in the table?"),
    ("Just the number: what is the 2025 target?", "what is the 2025 target?"),
    ("Who leads it (a note, 2.5 in all). Unit name only.", "Who leads it (a note, 2.5 in all)."),
    ("Which tasks does it lead? List them by row number.", "Which tasks does it lead?"),
    ("List the tasks. Give me a table.", "List the tasks. Give me a table."),
    ("甲乙丙丁的原文是什么？", "甲乙丙丁的原文是什么？"),  # the whole question: nothing is left out
    ("只要数字。", "只要数字。"),
    ("方案，只要文号", "方案，只要文号"),  # what it should hold is the question when nothing else asks
    ("帮我查一下甲乙丙丁的目标，只要数字。", "甲乙丙丁的目标。"),
    ("一句话概括方案主要目标", "方案主要目标"),
    ("帮我看看方案的保障措施有哪些", "方案的保障措施有哪些"),
    ("请列出甲局牵头的任务，只要序号。", "请列出甲局牵头的任务？"),
    ("Who leads it? Only the bureau name.", "Who leads it?"),
    ("In one line: who leads it?", "who leads it?"),
    ("甲乙丙丁要在什么时间前完成？按责任分工表回答。", "甲乙丙丁要在什么时间前完成？"),
    ("甲乙丙丁的完成时限？按2030年回答", "甲乙丙丁的完成时限？按2030年回答"),  # a year narrows
    ("方案？只要文号。", "方案？只要文号。"),  # a question mark alone asks nothing
    ("甲局的任务有哪些？只要牵头的。", "甲局的任务有哪些？只要牵头的。"),  # what narrows the question stays
    ("甲乙丙丁的目标是多少？只说2025年的。", "甲乙丙丁的目标是多少？只说2025年的。"),
    ("Who takes part? Just the lead unit.", "Who takes part? Just the lead unit."),
    ("简单说明一下方案的主要目标", "方案的主要目标"),
    ("看下面这几项任务由谁牵头", "看下面这几项任务由谁牵头"),
    ("查查看甲局有哪些任务", "甲局有哪些任务"),
])
def test_an_instruction_is_no_part_of_the_question(text: str, asked: str) -> None:
    assert without_instructions(text) == asked
    assert without_courtesy(text) == asked


def test_a_later_part_asking_to_list_its_units_tasks_names_the_unit() -> None:
    assert unit_pronoun("请把它涉及的全部任务列出来。") is not None
    assert later_part("请把它涉及的全部任务列出来。", "甲局有没有牵头的任务？", "甲局") == "甲局涉及的全部任务列出来。"
    assert split_question("甲局有没有牵头的任务？请把它涉及的全部任务列出来。")[-1] == "请把它涉及的全部任务列出来？"  # one ending


def test_a_units_tasks_in_a_clause_named_by_number_and_title(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    for clause in sorted({t.clause_no for t in rows if t.clause_no}):
        inside = [t for t in rows if t.clause_no == clause]
        units = {u for t in inside for u in t.lead_units}
        unit = next((u for u in sorted(units) if 0 < sum(u in t.lead_units for t in inside) < len(inside)), None)
        if unit is None:
            continue
        title = inside[0].measure  # the table names the clause it belongs to
        led = {t.row_no for t in inside if unit in t.lead_units}
        for text in (f"第（{int_to_cn(clause)}）条那部分，{unit}牵头的任务请列出来。",
                     f"{unit}在第({int_to_cn(clause)})条{title}下牵头了哪些任务？"):
            ans = seed_qa.ask(text)
            assert {t.row_no for t in ans.tasks} == led, text
        return
    pytest.skip("no clause whose tasks are led by several units")


def test_tasks_led_jointly_in_english_are_those_both_lead(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    pair = next(t.lead_units[:2] for t in rows if len(t.lead_units) >= 2)
    both = {t.row_no for t in rows if pair[0] in t.lead_units and pair[1] in t.lead_units}
    for said in ("led jointly by", "jointly led by", "co-led by"):
        ans = seed_qa.ask(f"Which tasks are {said} the {english_unit(pair[0])} and the {english_unit(pair[1])}?")
        assert {t.row_no for t in ans.tasks} == both, said


def test_a_figure_weighed_against_what_no_document_states_is_not_answered(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    target = next(t for t in doc.targets if "%" in t.value and len(t.indicator) >= 4)
    assert "平均水平" not in doc.text
    assert seed_qa.ask(f"{target.indicator}目标是多少？").found
    ans = seed_qa.ask(f"{target.indicator}目标比全国平均水平高多少？")
    assert not ans.found and "平均水平" in ans.answer
    assert compared_to("甲乙比全国平均水平高多少", "平均水平") and not compared_to("甲乙平均水平是多少", "平均水平")
    assert not compared_to("甲乙2025年和2027年的达标面积比例", "达标")  # 比例 weighs nothing
    assert not compared_to("比如甲乙丙丁高多少", "如甲") and not compared_to("甲乙同比增长多少", "增长")
    assert not compared_to("甲乙占比要达到多少", "要达到")
    assert not seed_qa.ask(f"{target.indicator}目标比全国高多少？").found  # 全国 is written, not in this sentence
    assert not baseline_unstated("甲乙比2020年下降多少", "甲乙比2020年下降5个百分点")
    assert not baseline_unstated("甲乙要比哪一年下降多少", "甲乙较2020年下降10%")  # the baseline is what is asked
    assert not baseline_unstated("甲乙能耗比现状下降多少", "甲乙能耗比现状下降10%")  # a baseline the sentence names
    assert not baseline_unstated("整体能效比改造前提升多少", "改造后整体能效提升20%")  # …or names in part
    assert baseline_unstated("甲乙较全国平均水平高多少", "甲乙达到39%")


def test_a_place_weighed_against_is_a_place(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    target = next(t for t in doc.targets if "%" in t.value and len(t.indicator) >= 4)
    assert "济南" not in doc.text
    ans = seed_qa.ask(f"{target.indicator}目标比济南高还是低？")
    assert not ans.found and "不涉及济南" in ans.answer  # refused as a place no document speaks of


def test_a_thing_set_aside_in_brackets_is_no_evidence(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    target = next(t for t in doc.targets if t.indicator.endswith("率") and len(t.indicator) >= 4)
    other = "甲乙丙丁率"
    assert other not in doc.text
    assert seed_qa.ask(f"{target.indicator}（不是{other}）要达到多少？").found
    assert not seed_qa.ask(f"{other}（不是{target.indicator}）要达到多少？").found
    assert not seed_qa.ask(f"{other}（不是城市{target.indicator}）要达到多少？").found  # words shared stay asked
    both = next(((a, b) for a in doc.targets for b in doc.targets if a.text == b.text and a.indicator != b.indicator
                 and a.indicator.endswith("率") and b.indicator.endswith("率") and a.indicator not in b.indicator
                 and b.indicator not in a.indicator), None)
    assert both is not None  # the seed states two rates in one sentence
    ans = seed_qa.ask(f"{both[0].indicator}（不是{both[1].indicator}）要达到多少？")  # the thing set aside said with it
    assert ans.found and both[0].value.replace(" ", "") in ans.answer.replace(" ", "")


def test_a_count_asked_in_english_is_a_count() -> None:
    assert "多少个" in translate("How many ultra-low energy demonstration projects will the city build?")
    assert "多少个" not in translate("How many square metres of demonstration projects will the city build?")
    assert "多少个" not in translate("What is the investment in demonstration projects?")
    assert "多少个" not in translate("How many households in villages will get clean heating?")


def test_the_units_of_a_clause_asked_in_english_are_no_question_of_what_it_says() -> None:
    assert "讲的是什么" not in translate("Please list the supporting units for promoting green buildings (clause 4).")
    assert "讲的是什么" in translate("What does clause 4 say?")


def test_the_kinds_of_a_thing_are_held_where_the_thing_is_written() -> None:
    cover, lacking = coverage([], "统筹用好各级财政资金和地方政府专项债券", AllKnownVocabulary(), list, None, ("资金来源",))  # type: ignore[arg-type]
    assert cover == 1.0 and not lacking
    cover, lacking = coverage(["资金来源"], "推进充电设施建设", AllKnownVocabulary(), list, None, ("资金来源",))  # type: ignore[arg-type]
    assert lacking
    cover, lacking = coverage(["资金来源"], "统筹用好各级财政资金", AllKnownVocabulary(), list)  # type: ignore[arg-type]
    assert lacking  # the kinds held only where they are asked
    cover, lacking = coverage([], "加强资金保障", AllKnownVocabulary(), list, None, ("资金来源",))  # type: ignore[arg-type]
    assert lacking  # …and named, not the thing alone


def test_the_table_counted_by_its_other_names() -> None:
    assert TABLE_SIZE_RE.search("国家方案的责任分工一共列了多少项任务？")
    assert TABLE_SIZE_RE.search("How many tasks are in the plan's division of responsibilities?")
    assert not TABLE_SIZE_RE.search("责任分工里甲局有几项任务？")


def test_the_thing_asked_said_right_after_the_figure_is_quoted() -> None:
    sentence = "推动甲乙设施一体化建设，到2025年，新建改造管网200公里，60%以上甲乙处理厂进行提标改造，排放执行准IV类水标准，丙丁处置率达到95%以上。"
    spans = best_spans("甲乙处理厂提标改造后出水要达到 标准", sentence, (), True)
    assert "准IV类水标准" in spans[0][1] and "丙丁" not in spans[0][1]  # the next segment shares only 标准
    spans = best_spans("甲乙处理厂提标改造比例", sentence, (), True)
    assert "准IV类水标准" not in spans[0][1]


@pytest.mark.parametrize("text,nothing", [
    ("只要数字。", True), ("列个清单", True), ("Just the number.", True), ("只要单位名称，不用解释", True),
    ("甲乙丙丁谁牵头？只要单位名称。", False), ("方案，只要文号", False), ("甲乙数字化转型有什么要求", False), ("", False),
])
def test_a_message_of_instructions_alone_asks_nothing(text: str, nothing: bool) -> None:
    assert asks_nothing(text) is nothing


def test_instructions_alone_are_not_answered(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("只要数字。")
    assert not ans.found and not ans.citations and "没有说要查什么" in ans.answer
