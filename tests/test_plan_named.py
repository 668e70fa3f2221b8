"""A plan named any way (round 45): by when or by whom it was issued, by its number whole or
bare (31号文), by its title in book marks — the words say which document is meant, not what is
asked; a document named that is not loaded is refused, not answered from another one."""

from __future__ import annotations

import pytest

from assistant.answering.docnames import TitleIndex
from assistant.answering.english import translate
from assistant.answering.naming import dates_naming, issuing_roles_blanked, without_described

#: a synthetic title index: two plans with numbers, dates and texts of their own (not policy text)
TITLES = TitleIndex(["甲市城乡建设领域碳达峰实施方案", "乙县绿色低碳发展行动方案"],
                    ["甲建字〔2023〕31号", "乙建发〔2024〕9号"], (),
                    ["甲市方案正文。按照丙发〔2021〕23号要求。", "乙县方案正文。"], ["2023-06-27", "2024-03-15"])


@pytest.mark.parametrize(("question", "named_dates", "blanked"), [
    ("2023年6月27日印发的方案，清洁取暖由谁牵头？", ["2023年6月27日"], True),
    ("住建局和发改委3月份联合印发的那份方案里绿色建筑比例是多少？", ["3月份"], True),
    ("这个方案是2023年6月27日印发的吗？", [], False),  # the header checked: it is asked
    ("哪些单位联合印发的这个方案？", [], False),  # nothing else asked
])
def test_a_plan_named_by_its_issuing(question: str, named_dates: list[str], blanked: bool) -> None:
    assert dates_naming(question) == named_dates
    assert (without_described(question) != question) is blanked
    assert len(without_described(question)) == len(question)  # offsets hold


def test_a_role_in_the_words_naming_a_plan_is_no_role_asked() -> None:
    out = issuing_roles_blanked("县住建局牵头发的那个方案是按照什么部署制定的？")
    assert "牵头" not in out and "印发的那个方案" in out and len(out) == len("县住建局牵头发的那个方案是按照什么部署制定的？")
    out = issuing_roles_blanked("国管局在住建部牵头、三部门联合印发的那个方案里负责什么？")
    assert "牵头" not in out and "负责什么" in out  # the role asked stays
    assert issuing_roles_blanked("哪个单位牵头这项工作？") == "哪个单位牵头这项工作？"


@pytest.mark.parametrize(("question", "missing"), [
    ("甲建字〔2022〕31号规定的目标是多少？", "甲建字〔2022〕31号"),  # another year
    ("甲建字〔2023〕31号规定的目标是多少？", None),
    ("31号文对公共建筑有什么要求？", None),  # bare: the one loaded plan numbered 31
    ("12号文对公共建筑有什么要求？", "12号文"),
    ("按照丙发〔2021〕23号的要求，目标是多少？", None),  # a basis the plan cites
    ("《甲市城乡建设碳达峰方案》里谁牵头？", None),  # shortened, its kind said otherwise
    ("《甲市工业领域碳达峰实施方案》里谁牵头？", "《甲市工业领域碳达峰实施方案》"),
    ("甲市交通运输领域碳达峰实施方案里谁牵头？", "交通运输领域碳达峰实施方案"),
    ("2024年3月15日印发的那个方案里谁牵头？", None),
    ("2022年印发的那个方案里谁牵头？", "2022年印发的文件"),
    # a reviewer's probes: nothing here names a document that is not loaded
    ("甲建〔2023〕31号里谁牵头？", None),  # the loaded number, its prefix said short
    ("请问甲建字〔2022〕31号规定了什么？", "甲建字〔2022〕31号"),  # shown without the words before it
    ("丁建字31号文里谁牵头？", "丁建字31号"),  # another prefix: not the plan numbered 31
    ("6月27号文件里谁牵头？", None),  # a day, not a number
    ("根据12号文要求，谁牵头？", None),  # a basis
    ("这个方案是2022年印发的文件吗？", None),  # the header checked, not a plan named
    ("要求各区2025年6月底前出台的配套文件有哪些？", None),  # a deadline
    ("重点领域的实施方案有哪些？", None),  # 领域 in ordinary speech
    ("方案提到哪些领域的专项规划？", None),
    ("其他领域的方案要不要衔接？", None),
    ("《丙县绿色低碳发展行动方案》里谁牵头？", "《丙县绿色低碳发展行动方案》"),  # another place
    # the second reviewer's probes: ordinary questions, or the loaded plan said otherwise
    ("方案中提到要在2024年出台的通知由谁负责？", None),  # a document to be issued, asked about
    ("各区要在2025年出台的方案有哪些？", None),
    ("2023年7月发布的那个方案里谁牵头？", None),  # published a month after it was signed
    ("2023年5月印发的那个方案里谁牵头？", "2023年5月印发的文件"),  # …never before
    ("2022年印发的甲市城乡建设领域碳达峰方案里谁牵头？", "2022年印发的文件"),  # its title, another year's
    ("乙县住建局下发9号文件里谁牵头？", None),  # 下发 is no prefix: the plan numbered 9
    ("片区开发3号地块由谁负责？", None),
    ("甲建字第31号里谁牵头？", None),
    ("5号文化站的改造谁牵头？", None),
    ("附件2号文件里有哪些任务？", None),
    ("6月 27号文件里谁牵头？", None),
    ("《关于印发甲市城乡建设领域碳达峰实施方案的通知》里谁牵头？", None),
    ("方案里提到的丙丁领域碳达峰实施方案由谁制定？", "丙丁领域碳达峰实施方案"),  # the field, not the words before it
])
def test_a_document_named_that_is_not_loaded(question: str, missing: str | None) -> None:
    assert TITLES.unloaded.name(question) == missing
    refusal = TITLES.not_loaded(question)
    assert (refusal is None) is (missing is None)
    assert refusal is None or "《甲市城乡建设领域碳达峰实施方案》" in refusal


def test_a_field_the_plans_list_is_no_document_missing() -> None:
    listed = TitleIndex(["甲市城乡建设领域碳达峰实施方案"], ["甲建字〔2023〕31号"], (),
                        ["各区要制定能源、工业、交通运输等领域碳达峰实施方案。"], ["2023-06-27"])
    assert listed.unloaded.name("工业领域碳达峰实施方案由谁制定？") is None
    assert listed.unloaded.name("农业领域碳达峰实施方案由谁制定？") == "农业领域碳达峰实施方案"


def test_a_bare_number_names_its_plan() -> None:
    assert TITLES.named("9号文里谁牵头？") == [1]
    assert TITLES.named("印发的31号文里谁牵头？") == [0]
    assert TITLES.named("丁建字31号文里谁牵头？") == []  # another prefix names no loaded plan


@pytest.mark.parametrize(("question", "kept"), [
    ("住建局牵头的任务在2023年印发的方案里有哪些？", "牵头"),  # the role is outside the words naming the plan
    ("哪些单位联合印发的这个方案呢？", "联合印发"),  # the header asked
    ("能告诉我哪些部门联合印发的这个方案吗？", "联合印发"),
    ("这个方案是2023年6月27日印发的文件吗？", "2023年6月27日印发"),
    ("财政局牵头发的补贴在方案里怎么规定？", "牵头发"),  # 发 pays out here
])
def test_words_that_do_not_name_a_plan_by_its_issuing_stay(question: str, kept: str) -> None:
    assert kept in without_described(question) and kept in issuing_roles_blanked(question)


def test_a_deadline_year_is_still_asked() -> None:
    from assistant.answering.terms import find_years

    assert find_years(without_described("2025年要完成的改造任务在2023年印发的方案里是多少户？")) == (2025,)


def test_an_english_plan_named_by_its_issuing_asks_no_issuing() -> None:
    out = translate("What are the basic principles in the plan issued by the five bureaus on 27 June 2023?")
    assert "基本原则" in out and "印发" not in out and "2023" not in out
    assert "印发" in translate("When was the plan issued?")
    assert "2023" in translate("Was the plan issued on 27 June 2023?")  # the header checked
    assert "2025" in translate("Which projects must be published in 2025?")  # no plan named
    assert "2023" not in translate("In the document dated 27 June 2023, who leads clean heating?")


def test_the_seed_plan_named_by_its_date_and_number(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    y, m, d = (int(x) for x in doc.meta.date.split("-"))
    row = next(t for t in doc.tasks if t.lead_units)
    asked = f"{y}年{m}月{d}日印发的方案，{row.measure or row.key_task}由谁牵头？"
    ans = seed_qa.ask(asked)
    assert ans.found and ans.intent == "lead" and row.lead_units[0] in ans.answer, ans.answer
    wrong = seed_qa.ask(f"{y - 1}年印发的那个方案里，{row.measure or row.key_task}由谁牵头？")
    assert not wrong.found and "印发的文件" in wrong.answer
    number = doc.meta.doc_number
    other = number.replace(str(y), str(y - 1))
    assert not seed_qa.ask(f"{other}里{row.measure or row.key_task}由谁牵头？").found


def test_a_note_after_a_plans_name_names_it_too() -> None:
    phrases = TITLES.phrases("甲市碳达峰实施方案（城乡建设领域）中，某局配合的任务有哪些？")
    assert any(p.endswith("（城乡建设领域）中") for p in phrases), phrases
    other = TITLES.phrases("甲市碳达峰实施方案（2025年目标）里光伏是多少？")  # a note of its own: not the name
    assert other and not any("目标" in p for p in other) and TITLES.named("甲市碳达峰实施方案（2025年目标）里光伏是多少？") == [0]
