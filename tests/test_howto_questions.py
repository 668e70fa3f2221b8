"""Questions about what a plan asks for and how, found on the twenty-third blind dev sets:
a clause or part named by its own title (指导思想里强调什么, 保障措施有哪些, a slipped character
in the title), how-questions answered with more of the clause, a way asked (什么机制保障资金)
that is no amount of money, a year whose aim the same passage states without a figure, a
procedure or a count of floors the plan never gives, where to apply that is no lead, a year's
targets listed when none is named, and a table row asked what it is given whole.
Question strings are synthetic; answers come from the seed plan."""

from __future__ import annotations

import pytest

from assistant.answering.asked import missing_kind
from assistant.answering.intent import LEAD_RE
from assistant.answering.passages import HOWTO_RE
from assistant.answering.terms import asked_terms
from assistant.search.tokenize import Tokenizer


def test_a_clause_named_by_its_title_is_quoted(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    first, second = doc.clauses[0], doc.clauses[1]
    ans = seed_qa.ask(f"{first.title}里强调什么？")
    assert ans.found and ans.citations[0].clause_no == first.no and f"“{first.title}”" in ans.answer
    slipped = second.title[:-1] + ("侧" if second.title[-1] != "侧" else "则")  # one character typed wrong
    assert seed_qa.ask(slipped).citations[0].clause_no == second.no


def test_a_part_named_by_its_title_lists_its_clauses(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    part = doc.sections[-1]
    ans = seed_qa.ask(f"{part.title}有哪些？")
    want = [c.title for c in doc.clauses if c.section_no == part.no]
    assert ans.found and want and all(t in ans.answer for t in want)


def test_a_titled_clause_asked_about_something_else_is_searched(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    title = doc.clauses[0].title
    ans = seed_qa.ask(f"{title}里关于农房的要求")  # 农房: what is asked, beyond the title
    assert f"“{title}”" not in ans.answer
    part = doc.sections[-1].title
    refused = seed_qa.ask(f"{part}里的补贴怎么申请？")  # a procedure the plan never gives: no listing instead
    assert not refused.found and f"“{part}”共" not in refused.answer


@pytest.mark.parametrize("title,text,named", [
    ("基本原则", "青山市方案的基本原侧", True),  # a slip that makes no word
    ("主要目标", "方案的主要目的是什么？", False),  # 目的, a word of its own
    ("总体要求", "具体要求是什么", False),
    ("保障措施", "充电保障设施有哪些？", False),
])
def test_a_slipped_title_is_one_character_that_makes_no_word(title: str, text: str, named: bool) -> None:
    from assistant.answering.facts import _written
    assert bool(_written(title, text)) is named


def test_how_questions_quote_more_of_the_clause(seed_qa) -> None:  # type: ignore[no-untyped-def]
    how = seed_qa.ask("绿色建材怎么推广？")
    assert how.found and len(how.citations) >= 4
    clause = next(c for c in seed_qa.documents[0].clauses if "县城" in c.title)  # the one clause about it
    whole = seed_qa.ask("县城建设有什么要求？")
    assert whole.citations[0].clause_no == clause.no and f"“{clause.title}”" in whole.answer
    assert HOWTO_RE.search("How does the plan promote near-zero energy buildings?")
    assert not HOWTO_RE.search("2025年绿色建筑占比是多少？")


def test_a_way_asked_is_no_amount_of_money() -> None:
    tagged = Tokenizer().tagged
    assert "资金" not in asked_terms(tagged("用什么机制保障资金？"))
    assert "补贴" in asked_terms(tagged("光伏补贴多少钱？"))


def test_a_count_of_floors_is_asked_and_never_answered_by_words() -> None:
    tagged = Tokenizer().tagged
    assert "层" in asked_terms(tagged("新建住宅最高几层？"))
    assert "成" not in asked_terms(tagged("装配式建筑要占几成？"))  # a share, answered by a percentage
    assert missing_kind("新建住宅最高几层", "新建住宅最高几层", ["重点发展中低层住宅，严控高层住宅无序发展"]) == "figure"


@pytest.mark.parametrize("question,lines,kind", [
    ("老旧小区改造怎么申报？", ["有序推进城镇老旧小区改造，到2025年全面完成改造任务"], "procedure"),
    ("绿色建材认证向哪个机构申请？", ["推进绿色建材认证"], "procedure"),
    ("试点项目怎么申报？", ["试点项目每年3月底前向市住房和城乡建设局申报"], None),
])
def test_a_procedure_is_answered_only_by_one(question: str, lines: list[str], kind: str | None) -> None:
    assert missing_kind(question, question, lines) == kind


def test_a_procedure_asked_in_english() -> None:
    from assistant.answering.asked import PROCEDURE_ASKED_RE
    assert PROCEDURE_ASKED_RE.search("How do I apply for the rooftop solar subsidy?")
    assert not PROCEDURE_ASKED_RE.search("How does the plan apply to rural areas?")


def test_where_to_apply_is_no_lead() -> None:
    assert not LEAD_RE.search("绿色建材认证向哪个机构申请？")
    assert LEAD_RE.search("清洁取暖由哪个部门负责？")
    assert LEAD_RE.search("哪个部门办理施工许可？")  # who handles it: a lead question


def test_how_questions_are_not_quantities() -> None:
    from assistant.answering.intent import Query
    from assistant.answering.passages import asks_how
    assert asks_how(Query(text="怎么推广装配式建筑？", original="怎么推广装配式建筑？", intent="general"))
    for text in ("资金安排了多少？", "How many households will be retrofitted?"):
        assert not asks_how(Query(text=text, original=text, intent="general"))


def test_money_asked_with_how_stays_asked() -> None:
    tagged = Tokenizer().tagged
    assert "补贴" in asked_terms(tagged("光伏补贴怎么算？"))


def test_a_years_aim_stated_in_words_is_answered(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("2060年前城乡建设要达到啥样子？")
    assert ans.found and "2060" in ans.answer
    assert not seed_qa.ask("2035年城乡建设要达到啥样子？").found  # a year the plan sets nothing for


def test_a_years_targets_listed_when_none_is_named(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    want = {t.value for t in doc.targets if t.year == 2030}
    ans = seed_qa.ask("到2030年有哪些目标？")
    assert ans.found and want and all(v in ans.answer for v in want)
    assert not any(t.value in ans.answer for t in doc.targets if t.year == 2025 and t.value not in want)


def test_what_a_row_is_gives_its_whole_requirement(seed_qa) -> None:  # type: ignore[no-untyped-def]
    row = next(t for t in seed_qa.documents[0].tasks if t.row_no == 29)
    whole = row.requirement.rstrip("。")
    assert "，" in whole  # longer than the phrase a row is named by
    assert whole in seed_qa.ask("责任分工表第29项是什么任务？").answer
    assert whole not in seed_qa.ask("责任分工表第29项由谁牵头？").answer  # who leads: the row named, not quoted


def test_a_year_bound_another_way_lists_no_targets(seed_qa) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.intent import Query
    from assistant.answering.passages import year_targets
    docs = seed_qa.documents
    assert year_targets(Query(text="到2030年有哪些目标", original="", intent="target", years=(2030,)), docs).found
    assert not year_targets(Query(text="2025年以后有哪些目标", original="", intent="target", years=(2025,)), docs).found
    assert not year_targets(Query(text="2023年印发的方案有哪些目标", original="", intent="target", years=(2023,)), docs).found


def test_support_as_a_noun_pairs_no_units() -> None:
    from assistant.answering.english_pairs import paired_roles
    text = "What financial support policies does the finance bureau lead, and what does the housing bureau do?"
    assert paired_roles(text) == text
