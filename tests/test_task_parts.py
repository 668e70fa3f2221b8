"""A unit's tasks asked within a part the question points at by some words of its title or
by its number (建造方式那条, 县城和乡村建设那部分, 第二部分), and units paired as helper and
helped (X配合Y做的). Titles and units are read from the loaded documents."""

from __future__ import annotations

import re

import pytest

from assistant.answering.asking import split_question
from assistant.answering.pairs import paired_units
from assistant.answering.parts import asks_tasks_of_part, pointed_part
from assistant.answering.topics import topic_words


@pytest.mark.parametrize(("text", "asks"), [
    ("关于建造方式那条，住建局牵头的具体有哪几项？", True),
    ("城市建设那一大块（第二部分）里，城管局牵头的任务有哪些？", True),
    ("新增城市道路那条，牵头是住建吧？参与的有哪些？", False),  # who takes part, no task list
    ("住建局配合的有哪几条？我记得是县城建设那条", False),  # the pointer is in a belief after the question
    ("住建局牵头哪些任务？", False),
])
def test_a_task_list_asked_within_a_part(text: str, asks: bool) -> None:
    assert asks_tasks_of_part(text) is asks


def test_a_phrase_pointing_at_a_part_is_no_question_of_its_own() -> None:
    assert len(split_question("关于怎么盖房子更低碳（建造方式）那条，住建局牵头的具体有哪几项？")) == 1


def test_a_part_found_by_some_words_of_its_title(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    clause = max(doc.clauses, key=lambda c: len(c.title))
    words = clause.title[-4:]  # the end of a title, as a reader half-remembers it
    if sum(words in c.title for c in doc.clauses) + sum(words in s.title for s in doc.sections) > 1:
        pytest.skip("the title's end is shared")
    parts = pointed_part(f"关于{words}那条，牵头的有哪几项？", [doc])
    assert [(p.kind, p.no) for p in parts] == [("clause", clause.no)]
    section = doc.sections[1]
    parts = pointed_part(f"第{'一二三四五六七八九'[section.no - 1]}部分里有哪几项？", [doc])
    assert [(p.kind, p.no) for p in parts] == [("section", section.no)]
    assert pointed_part("建设那部分有哪些", [doc]) == []  # a word most titles hold points at none


def test_a_units_tasks_within_a_part(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    def sections_of(unit: str) -> set[int]:
        return {c.section_no for t in doc.tasks if unit in t.lead_units for c in doc.clauses
                if c.no == t.clause_no and c.section_no is not None}

    lead = max({u for t in doc.tasks for u in t.lead_units}, key=lambda u: len(sections_of(u)))
    section = next(s for s in doc.sections if s.no == min(sections_of(lead)))
    words = section.title[-6:]
    ans = seed_qa.ask(f"{words}那部分，{lead}牵头了哪几项？")
    inside = {t.row_no for t in doc.tasks if lead in t.lead_units
              and any(c.no == t.clause_no and c.section_no == section.no for c in doc.clauses)}
    everywhere = {t.row_no for t in doc.tasks if lead in t.lead_units}
    assert ans.found and {t.row_no for t in ans.tasks} == inside != everywhere
    assert section.title in ans.answer.splitlines()[0]


def test_a_unit_helping_another(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    row = next(t for t in doc.tasks if t.participating_units and len(t.lead_units) == 1)
    helper, helped = row.participating_units[0], row.lead_units[0]
    assert paired_units(f"{helper}配合{helped}做的是哪几件事？", [(helper, helper), (helped, helped)]) == [
        (helper, "participating"), (helped, "lead")]
    ans = seed_qa.ask(f"{helper}配合{helped}做的是哪几件事？")
    assert {t.row_no for t in ans.tasks} == {t.row_no for t in doc.tasks
                                             if helper in t.participating_units and helped in t.lead_units}


def test_units_named_as_joint_leads(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    row = next(t for t in doc.tasks if len(t.lead_units) == 2)
    a, b = row.lead_units
    ans = seed_qa.ask(f"{a}和{b}联合牵头的任务是哪几项？")
    assert {t.row_no for t in ans.tasks} == {t.row_no for t in doc.tasks if a in t.lead_units and b in t.lead_units}


def test_the_table_named_is_no_term_of_the_question(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "provincial")
    row = next(t for t in qa.documents[0].tasks if t.deadline)
    ans = qa.ask(f"分工表里{row.measure}那项的完成时限是？")
    assert ans.found and row.deadline in ans.answer


def test_a_pointer_at_a_task_not_a_part_keeps_the_tasks_answer(seed_qa) -> None:  # type: ignore[no-untyped-def]
    import jieba

    doc = seed_qa.documents[0]
    titles = [c.title for c in doc.clauses] + [s.title for s in doc.sections]
    leads = {t.lead_units[0] for t in doc.tasks if len(t.lead_units) == 1}
    busy = {u for u in leads if sum(u in t.lead_units for t in doc.tasks) > 2}
    # a task named by a word of its own (海绵城市那条) that no title and no other row holds
    row, word = next((t, w) for t in doc.tasks if len(t.lead_units) == 1 and t.lead_units[0] in busy
                     for w in jieba.lcut(t.requirement) if len(w) >= 4
                     and not any(w in title for title in titles) and sum(w in r.requirement for r in doc.tasks) == 1)
    lead = row.lead_units[0]
    ans = seed_qa.ask(f"{word}那条，{lead}牵头的有哪几项？")
    assert row.row_no in {t.row_no for t in ans.tasks}
    assert len(ans.tasks) < len([t for t in doc.tasks if lead in t.lead_units])  # not the unit's whole list


def test_several_parts_by_number(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    lead = max({u for t in doc.tasks for u in t.lead_units}, key=lambda u: sum(u in t.lead_units for t in doc.tasks))
    ans = seed_qa.ask(f"{lead}在第2部分和第四部分分别牵头哪些任务？")
    sections = {c.no: c.section_no for c in doc.clauses}
    assert {t.row_no for t in ans.tasks} == {t.row_no for t in doc.tasks if lead in t.lead_units
                                             and sections.get(t.clause_no) in (2, 4)}


def test_a_part_and_its_clause_sharing_words(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "county")
    doc = qa.documents[0]
    pairs = [(s, c) for s in doc.sections for c in doc.clauses if c.section_no == s.no
             for n in range(len(c.title) - 3) if c.title[n:n + 4] in s.title]
    if not pairs:
        pytest.skip("no clause shares four characters with its part's title")
    sec, clause = pairs[0]
    words = next(clause.title[n:n + 4] for n in range(len(clause.title) - 3) if clause.title[n:n + 4] in sec.title)
    if sum(words in t for t in [*(c.title for c in doc.clauses), *(s.title for s in doc.sections)]) != 2:
        pytest.skip("the shared words name a third title too")
    assert [(p.kind, p.no) for p in pointed_part(f"{words}那部分，牵头了哪几项", [doc])] == [("section", sec.no)]
    assert [(p.kind, p.no) for p in pointed_part(f"{words}那条，牵头了哪几项", [doc])] == [("clause", clause.no)]


def test_a_unit_named_without_its_level_in_a_library_of_plans(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "municipal", "county")
    units = {d.meta.level: {u for t in d.tasks for u in t.lead_units} for d in qa.documents}
    mention, city_unit, county_unit = next((c[1:], c, k) for c in sorted(units["municipal"]) for k in units["county"]
                                           if c[1:] == k[1:] and c.endswith("局"))
    ans = qa.ask(f"{mention}牵头哪些任务？")
    said = {county_unit, city_unit} - {ans.tasks[0].lead_units[0] if ans.tasks else ""}
    assert ans.found and said and all(u in ans.answer.splitlines()[-1] for u in said)  # the other reading is named
    ans = qa.ask(f"{city_unit}牵头哪些任务？")
    assert county_unit not in ans.answer  # named with its level: no other reading


def test_a_part_and_a_year_narrow_together(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    import re

    qa = synthetic_qa("table_ruled", "txt", "municipal")
    doc = qa.documents[0]
    lead = max({u for t in doc.tasks for u in t.lead_units}, key=lambda u: sum(u in t.lead_units for t in doc.tasks))
    sections = {c.no: c.section_no for c in doc.clauses}
    mine = [t for t in doc.tasks if lead in t.lead_units]
    no = max({sections.get(t.clause_no) for t in mine} - {None}, key=lambda n: sum(sections.get(t.clause_no) == n for t in mine))
    inside = [t for t in mine if sections.get(t.clause_no) == no]
    year = next(y for y in ("2025", "2026", "2027", "2030") if 0 < sum(y in t.requirement for t in inside) < len(inside))
    ans = qa.ask(f"第{'一二三四五六七八九'[no - 1]}部分里，{lead}牵头的任务中哪些有{year}年的指标？")
    assert {t.row_no for t in ans.tasks} == {t.row_no for t in inside if re.search(rf"{year}\s*年", t.requirement)}


@pytest.mark.parametrize(("text", "words"), [
    ("住建局主抓的农村方面（乡村、农房）的任务有哪些？", ["农村", "乡村", "农房"]),
    ("城管局牵头的污水处理和再生水相关任务", ["污水处理", "再生水"]),
    ("城管局有哪些涉及海绵城市的任务？", ["海绵城市"]),
    ("发改委有哪些和能源相关的任务", ["能源"]),
    ("住建局牵头的任务中，哪些与农村有关？", ["农村"]),
    ("住建局负责哪些方面的任务", []),  # asks the topics, names none
    ("住建局在各方面的任务有哪些", []),
    ("住建局牵头的任务有哪些", []),
    ("住建局在能源方面的指标是多少？", []),  # no list of tasks asked
    ("住建厅在生活垃圾分类方面要和哪些单位配合推进？", []),  # units asked
])
def test_topic_words_a_units_list_is_narrowed_by(text: str, words: list[str]) -> None:
    assert topic_words(text) == words


def test_a_units_tasks_narrowed_by_a_topic_word(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    """A word some (not all) of a unit's tasks write, asked as X方面的任务: those tasks."""
    qa = synthetic_qa("inline_lead_coop", "txt", "provincial")
    for doc in qa.documents:
        for unit in dict.fromkeys(u for t in doc.tasks for u in t.lead_units):
            mine = [t for t in doc.tasks if unit in t.lead_units]
            label = next((t.measure or t.key_task for t in mine if 0 < sum((t.measure or t.key_task)[-4:] in
                          (x.measure or x.key_task) + x.requirement for x in mine) < len(mine)), None)
            if label is None or len(mine) < 3:
                continue
            word = label[-4:]
            ans = qa.ask(f"{unit}牵头的{word}方面的任务有哪些？")
            held = {t.item for t in mine if word in (t.measure or t.key_task) + t.requirement}
            assert ans.found and {t.item for t in ans.tasks} == held, (unit, word, ans.answer)
            assert word in ans.answer.splitlines()[0]
            return
    pytest.skip("no unit with a word shared by some of its tasks")


def test_who_leads_the_tasks_of_a_topic(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    """X方面的任务由哪些部门牵头 of a word several tasks write: each of them with its units."""
    qa = synthetic_qa("table_ruled", "txt", "provincial")
    doc = qa.documents[0]
    words = [w for t in doc.tasks for w in re.findall(r"[\u4e00-\u9fa5]{2}", t.measure or t.key_task)]
    word = next((w for w in dict.fromkeys(words) if 2 <= sum(w in (t.measure or t.key_task) + t.requirement
                                                            for t in doc.tasks) < len(doc.tasks) / 2), None)
    if word is None:
        pytest.skip("no word shared by a few tasks")
    ans = qa.ask(f"{word}方面的任务分别由哪些部门牵头？")
    held = {t.row_no for t in doc.tasks if word in (t.measure or t.key_task) + t.requirement}
    assert ans.found and {t.row_no for t in ans.tasks} >= held, (word, ans.answer)
