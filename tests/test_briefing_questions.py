"""Question reading rules found on the twelfth and thirteenth blind dev sets (a clerk preparing
a briefing; handing work over and cross-checking):
years typed in Chinese digits or shortened, roles said as English phrases (in any capacity),
what the answer is for said before the question, a plan's title in 《》 or as the city's …
plan, a section named as where to look, tasks asked by how many units lead them, a count
asked where the text gives none, qualifiers that exclude each other; then handover requests
(把X的活儿全拉一遍), a unit named among a notice's recipients, asking verbs (有没有提到), short
collective names (各县区政府), English roles (only play a supporting role) and a unit typed with
a homophone slip.  Synthetic strings, and the seed plan through the fake embedder."""

from __future__ import annotations

import pytest

from assistant.answering.asking import with_book_titles
from assistant.answering.docnames import TitleIndex
from assistant.answering.english import _without_title, translate
from assistant.answering.mentions import with_longer
from assistant.answering.spans import has_number
from assistant.text import normalize_question


@pytest.mark.parametrize("typed,written", [
    ("到二〇二五年比二〇二〇年降多少", "到2025年比2020年降多少"),
    ("二零三零年的目标", "2030年的目标"),
    ("'30年人均公园绿地", "2030年人均公园绿地"),
    ("到25年要达到多少", "到2025年要达到多少"),
    ("25年底前完成", "2025年底前完成"),
    ("比20年降低多少", "比2020年降低多少"),
    ("设计使用25年以上", "设计使用25年以上"),  # a duration stays
    ("近30年来", "近30年来"),
    ("二十五年", "二十五年"),
])
def test_a_year_typed_otherwise_is_read_as_the_documents_write_it(typed: str, written: str) -> None:
    assert normalize_question(typed) == written


def test_a_role_said_as_an_english_phrase_is_no_term() -> None:
    text = translate("Which tasks involve the Development and Reform Commission in any capacity?")
    assert "装机容量" not in text  # capacity is no installed capacity here
    assert "牵头" in text and "参与" in text  # any role
    part = translate("Which tasks does the finance bureau take part in as a participating unit?")
    assert "参与" in part and "牵头" not in part


def test_what_an_english_answer_is_for_is_no_term() -> None:
    text = translate("I'm drafting a work report for the Urban Management Bureau. Which tasks involve our bureau?")
    assert "报告" not in text and "城市管理局" in text


def test_a_plan_named_as_the_citys_plan_is_where_not_what() -> None:
    cut = _without_title("Which tasks in the city's building energy efficiency and green building action plan involve us?")
    assert "energy" not in cut and "plan" in cut


def test_a_unit_read_whole_replaces_the_short_name_it_holds() -> None:
    units = [("县财政局", "财政局")]
    assert with_longer(units, [("市财政局", "青山市财政局")]) == [("市财政局", "青山市财政局")]
    assert with_longer(units, [("市住房和城乡建设局", "市住建局")]) == [("县财政局", "财政局"), ("市住房和城乡建设局", "市住建局")]


def test_a_title_in_book_marks_goes_whole() -> None:
    text = "根据《示例省城乡建设领域碳达峰实施方案》的任务分工安排，请梳理各市人民政府的任务"
    assert with_book_titles(text, ["根据《示例省城乡建设领域碳达峰实施方案"]) == \
        ["根据《示例省城乡建设领域碳达峰实施方案》"]
    # a title the question does not name as a loaded document stays a title asked about
    assert with_book_titles("《居住区规划设计标准》要求什么", []) == []


def test_a_document_phrase_starts_at_its_book_mark() -> None:
    titles = TitleIndex(["示例市建筑节能与绿色建筑发展行动方案"])
    phrases = titles.phrases("各县（市、区）人民政府在《示例市建筑节能与绿色建筑发展行动方案》中配合哪些任务")
    assert phrases and all(p.startswith("《") for p in phrases)


def test_a_section_named_as_where_to_look() -> None:
    titles = TitleIndex(["示例方案"], headings=["行动目标", "保障措施"])
    assert titles.where("行动目标里，2025年绿色建筑占比是多少") == ["行动目标里"]
    assert titles.where("保障措施部分中提到了什么") == ["保障措施部分中"]
    assert titles.where("城市更新里绿色建筑占比") == []  # no heading of a loaded document


def test_a_name_written_with_digits_is_no_figure() -> None:
    assert not has_number("推广5G、物联网等技术，开展智慧工地创建活动，到2025年平台初步建立")
    assert has_number("到2025年新增城市道路200公里")
    assert has_number("新增屋顶光伏装机容量2万千瓦")


def test_tasks_asked_by_how_many_units_lead_them(seed_qa) -> None:  # type: ignore[no-untyped-def]
    joint = {t["row_no"] for t in seed_qa.tasks() if len(t["lead_units"]) > 1}
    assert joint  # the seed has rows two bureaus lead
    for question in ("哪些任务是两个单位联合牵头的？", "牵头单位不止一个的任务有哪些？", "Which tasks are jointly led?"):
        ans = seed_qa.ask(question)
        assert ans.found and ans.intent == "joint_lead"
        assert {t.row_no for t in ans.tasks} == joint
    # one task's joint leads is a lead question
    assert seed_qa.ask("清洁取暖由哪些单位联合牵头？").intent == "lead"


def test_the_annex_named_with_a_role_is_where_not_what(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("附件任务表里，合理优化城市功能布局由谁牵头？")
    assert ans.intent == "lead" and ans.found
    assert seed_qa.ask("附件是什么？").intent == "doc_fact"


def test_a_count_asked_where_the_text_gives_none_is_refused(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert not seed_qa.ask("智慧工地 创建数量 目标").found


def test_a_kind_of_region_is_no_place(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("农村地区清洁取暖率2030年的目标是多少？")
    assert not ans.found and "2025" in ans.answer  # the rural rate is set for 2025 only
    assert seed_qa.ask("农村地区清洁取暖率2025年的目标是多少？").found


def test_a_target_of_the_opposite_thing_answers_nothing() -> None:
    from assistant.answering.figures import _lead_text, contrary
    from assistant.types import Target

    t = Target(indicator="屋顶光伏装机容量", value="2万千瓦", year=2025,
               text="推进党政机关、学校、医院屋顶光伏建设，到2025年新增屋顶光伏装机容量2万千瓦")
    assert contrary("户用屋顶光伏装机容量", _lead_text(t) + t.indicator)
    assert not contrary("屋顶光伏装机容量", _lead_text(t) + t.indicator)


def test_a_comparison_asked_is_no_indicator() -> None:
    from assistant.answering.figures import indicator_phrase
    from assistant.answering.intents import understand
    from assistant.search.tokenize import Tokenizer

    q = understand("到2025年农村清洁取暖率和装配式建筑占比，哪个目标定得更高？", lambda n: None, Tokenizer())
    assert "高" not in indicator_phrase(q, joins=True)


def test_a_unit_asked_after_according_to_the_plan() -> None:
    from assistant.answering.intents import understand
    from assistant.search.tokenize import Tokenizer

    q = understand("根据示例方案的任务分工安排，请梳理市城市管理局需要配合落实的具体任务事项。",
                   lambda n: "市城市管理局" if "城市管理局" in n else None, Tokenizer())
    assert q.intent == "unit_tasks" and q.role == "participating"


# ---- from the thirteenth round's dev halves (handing work over, cross-checking)

@pytest.mark.parametrize("question", [
    "我刚接手住建局的碳达峰台账，想核对一下住建局出现在分工表哪些序号里，不管牵头还是配合。",
    "帮我把住建局的活儿全拉一遍，牵头配合都算",
])
def test_a_handover_list_request_asks_the_units_tasks(seed_qa, question: str) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask(question)
    assert ans.found and ans.intent == "unit_tasks"
    assert {t.row_no for t in ans.tasks} == {t["row_no"] for t in seed_qa.tasks(unit="市住房和城乡建设局")}


def test_a_unit_named_in_the_recipients_asks_the_header(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("通知主送单位里，各县住房和城乡建设局后面括号里写的是什么？")
    assert ans.found and ans.intent == "doc_fact" and "建设管理部" in ans.answer
    assert seed_qa.ask("住建局牵头哪些任务？").intent == "unit_tasks"
    # issuers describing the plan asked about: which plan, not the header asked
    assert seed_qa.ask("市住建局和市发改委联合印发的方案里，城市再生水利用率2025年要达到多少？").intent == "target"
    # ...but 印发的 with no plan after it asks who issued it
    issued = seed_qa.ask("市城管局是不是印发的单位之一？")
    assert issued.intent == "doc_fact" and "聊城市城市管理局" in issued.answer


def test_a_chinese_term_in_an_english_question_is_understood() -> None:
    from assistant.answering.english import not_understood

    assert not_understood("Does the plan mention “光储直柔”? What do the four parts stand for?") == []
    assert not_understood("Which bank has been designated to provide green loans?")


def test_english_roles_said_otherwise() -> None:
    assert "只参与不牵头" in translate("On which tasks does the county housing bureau only play a supporting role?")
    played = translate("What role does the Ministry of Ecology and Environment play in the national plan?")
    assert "哪些任务" in played and "牵头" in played and "参与" in played
    assert "要做什么" in translate("What is the municipal market regulation bureau asked to do in the plan?")
    assert "多少户" in translate("How many rural households should complete clean heating retrofits?")


def test_asking_verbs_are_no_content() -> None:
    from assistant.answering.terms import key_terms
    from assistant.search.tokenize import Tokenizer

    terms = key_terms(Tokenizer().tagged("接手文件想确认下：方案里有没有提到合同能源管理？"))
    assert not {"接手", "确认", "提到"} & set(terms)


def test_a_collective_participant_typed_short_is_the_documents_own() -> None:
    from assistant.documents.unitdata import loose_key, same_body
    from assistant.documents.units import UnitResolver

    assert same_body(loose_key("各县区政府"), "各县（市、区）人民政府")
    assert not same_body(loose_key("各乡镇政府"), "各县（市、区）人民政府")
    r = UnitResolver("municipal", "示例市", forms=["各县（市、区）人民政府", "市住房和城乡建设局"])
    assert r.resolve("各县区政府") == "各县（市、区）人民政府"
    assert r.resolve("示例市方案里要各县区政府") is None  # the question's words before 各 are no name


def test_a_unit_typed_with_a_homophone_slip(seed_qa) -> None:  # type: ignore[no-untyped-def]
    spell = next(v for v in vars(seed_qa).values() if type(v).__name__ == "Answerer")._speller()
    assert spell.correct("县住键局牵头了啥") == "县住建局牵头了啥"  # a level-prefixed short form, by sound
    assert spell.correct("是城管局还是住建局") == "是城管局还是住建局"  # 是 is no 市: no 市-prefixed forms
