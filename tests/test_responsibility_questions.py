"""Question reading rules found on the tenth blind dev sets: roles said colloquially
(谁打头阵, 打配合, 沾边的任务), who does a thing asked as 这套体系是谁在牵头, a company no
document names, the disclosure note of a document, English per-unit figures and contact
persons. Synthetic strings, and the seed plan through the fake embedder."""

from __future__ import annotations

import pytest

from assistant.answering.asked import missing_kind
from assistant.answering.english import translate
from assistant.answering.terms import plain_roles


@pytest.mark.parametrize("slang,plain", [
    ("规划布局这种事谁打头阵？", "规划布局这种事谁牵头？"),
    ("城管局主抓哪几块工作？", "城管局牵头哪几块工作？"),
    ("财政局要打配合的任务", "财政局要配合的任务"),
    ("凡是沾边的任务都列一下", "凡是涉及的任务都列一下"),
    ("帮忙查一下清洁取暖谁牵头", "帮忙查一下清洁取暖谁牵头"),  # 帮忙 asks for help, it is no role
])
def test_roles_said_colloquially_are_said_plainly(slang: str, plain: str) -> None:
    assert plain_roles(slang) == plain


def test_a_contact_person_asked_in_english_needs_a_named_person() -> None:
    lines = ["关于印发《合成测试方案》的通知[1]。"]
    assert missing_kind("联系人 住建局 是谁", "Who is the contact person at the housing bureau?", lines) == "person"
    assert missing_kind("清洁取暖 谁 牵头", "Who leads clean heating?", lines) is None


def test_a_figure_per_unit_asked_in_english_is_a_figure() -> None:
    assert "多少" in translate("What is the per-square-metre subsidy for ultra-low-energy buildings?")


def test_who_leads_a_system_asks_the_lead_not_the_system(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("生活垃圾分类投放、收集、运输、处理这套体系是谁在牵头？")
    assert ans.found and "市城市管理局" in ans.answer


def test_a_company_no_document_names_has_no_tasks(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("电力公司在屋顶光伏这块负责什么？")
    assert not ans.found and "电力公司" in ans.answer
    assert not seed_qa.ask("电力公司牵头哪些任务？").found


def test_the_disclosure_note_is_a_header_fact(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("這份文件的公開屬性是什麼？")
    assert ans.found and "主动公开" in ans.answer


def test_a_share_in_the_work_is_any_role_but_a_document_is_not() -> None:
    assert plain_roles("县教体局在方案里有份的是哪项？") == "县教体局在方案里涉及的是哪项？"
    assert plain_roles("我这有份文件要核对") == "我这有份文件要核对"


@pytest.mark.parametrize("question,years", [
    ("What does X do under the 2024 national action plan on green development?", []),
    ("What does it help with in the county plan (Linjianzi [2024] No. 9)?", []),
    ("What is the 2025 target for green buildings in the plan?", ["2025年"]),
])
def test_a_year_naming_a_plan_is_no_target_year(question: str, years: list[str]) -> None:
    assert [w for w in translate(question).split() if w.endswith("年") and w[:4].isdigit()][:1] == years


def test_what_a_unit_helps_with_asks_its_part() -> None:
    text = translate("Market regulation bureau — what does it help with in the county plan?")
    assert "配合" in text and "哪些任务" in text


def test_a_national_plan_named_by_its_title_after_guojia() -> None:
    from assistant.answering.intent import LEVEL_RE

    assert LEVEL_RE["national"].search("国家城乡建设绿色低碳发展行动方案里海绵城市的目标是多少？")
    assert not LEVEL_RE["national"].search("国家能源局牵头哪些任务？")


def test_a_company_is_named_without_its_place() -> None:
    from assistant.documents.units import UnitResolver

    r = UnitResolver(level="county", place="示例县", issuers=("示例县住房和城乡建设局",),
                     forms=("国网示例县供电公司", "县财政局"))
    assert r.resolve("供电公司") == r.resolve("国网供电公司") == r.resolve("国网示例县供电公司")
    assert r.resolve("供电公司") is not None


def test_a_term_of_the_field_the_plan_never_writes_is_unwritten(seed_qa) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.vocabulary import DocWords, Vocabulary, _domain_terms

    doc = seed_qa.documents[0]
    vocab = Vocabulary([DocWords(doc, seed_qa.index.tokenizer.words)])
    from assistant.text import canonical, squeeze

    written = canonical(squeeze(doc.text))
    absent = next(t for t in sorted(_domain_terms()) if t not in written and t not in doc.text and len(t) >= 4)
    assert vocab.unwritten_term(absent)
    assert not vocab.unwritten_term("绿色建筑")  # written
    assert not vocab.unwritten_term("老破小")  # no term of the field: may be a colloquial stand-in


def test_a_document_number_in_an_english_question_stays_whole() -> None:
    assert "建标〔2024〕35号" in translate("What target does 建标〔2024〕35号 set for the recycling rate?")
    assert "公开属性" not in translate("What is the deadline for the energy statistics and disclosure system?")
