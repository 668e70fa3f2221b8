"""Questions that name what they ask about through another fact, found on the fifty-second blind dev sets: a
unit by its role in a task (甲乙丙那项的牵头单位还牵头哪些任务, 跟甲局一起牵头X的那个部门), a task by the one
unit that holds it (甲局牵头的那项任务谁配合) or by its place, deadline or missing partner in the table, a unit
by its count of tasks (牵头任务最多的单位); in English too (the sole supporting unit on X, the task that X
supports).  The pointer is resolved from the plans' own rows and the question asked again with the name.
Question strings and rows are synthetic; expectations follow from the rows written here or, through the whole
pipeline, are computed from the loaded seed plan."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.answering import chains, rowpick
from assistant.types import TaskRow


def _row(n: int, requirement: str, lead: tuple[str, ...], part: tuple[str, ...] = (), *, doc: str = "d",
         deadline: str | None = None, measure: str = "") -> TaskRow:
    return TaskRow(doc_id=doc, row_no=n, key_task="", measure=measure, requirement=requirement, lead_units=lead,
                   participating_units=part, deadline=deadline)


ROWS = [
    _row(1, "推进甲乙丙丁建设，到2025年完成10个", ("甲局",), ("乙局",), deadline="2025年底前", measure="推进甲乙"),
    _row(2, "开展戊己庚辛改造，提高能效", ("甲局", "丙局"), ("乙局", "丁局"), deadline="长期坚持", measure="开展戊己"),
    _row(3, "完善壬癸子丑体系", ("丙局",), (), deadline="每年12月底前", measure="完善壬癸"),
    _row(4, "加强寅卯辰巳管理", ("甲局",), ("丁局",), deadline="长期坚持", measure="加强寅卯"),
]


def _resolve(text: str, plans: chains.Plans) -> str:
    return chains.resolve(text, lambda: plans)


def _plans(rows: list[TaskRow] = ROWS, **kw) -> chains.Plans:  # type: ignore[no-untyped-def]
    units = {u for r in rows for u in (*r.lead_units, *r.participating_units)}
    return chains.Plans(lambda s: sorted((u for u in units if u in s), key=s.find),  # in the order the text names them
                        lambda u, role: [r for r in rows if u is None or r.holds(u, role)],
                        lambda desc: [r for r in rows if rowpick.best_match(desc, [r])], **kw)


@pytest.mark.parametrize("text,kind,role,desc,partner,other", [
    ("甲乙丙丁那项的牵头单位还牵头了哪些任务？", "unit", "lead", "甲乙丙丁", "", ""),
    ("戊己庚辛那项里唯一的配合单位，它还配合了哪些任务？", "unit", "participating", "戊己庚辛", "", ""),
    ("牵头推进壬癸子丑的那个部门，还配合哪些工作？", "unit", "lead", "推进壬癸子丑", "", ""),
    ("跟甲局一起牵头戊己庚辛那项的那个部门，全部任务有哪些？", "unit", "lead", "戊己庚辛", "甲局", ""),
    ("和丙局共同牵头那项任务的单位，它配合了哪些任务？", "unit", "lead", "", "丙局", ""),
    ("甲局牵头的那项任务，配合单位有哪些？", "task", "lead", "", "甲局", ""),
    ("丁局在方案里当配合单位的那项任务，牵头的是谁？", "task", "participating", "", "丁局", ""),
    ("戊己庚辛那项有两个配合单位，不是乙局的那个一共牵头了几项任务？", "unit", "participating", "戊己庚辛", "", "乙局"),
    ("戊己庚辛那项的另一个牵头单位（不是甲局），还配合哪些任务？", "unit", "lead", "戊己庚辛", "", "甲局"),
])
def test_the_pointer_and_what_it_says(text: str, kind: str, role: str, desc: str, partner: str, other: str) -> None:
    p = chains.find_pointer(text)
    assert p is not None and (p.kind, p.role, p.desc, p.partner, p.other) == (kind, role, desc, partner, other)


@pytest.mark.parametrize("text", [
    "甲乙丙丁由谁牵头？",
    "甲局是不是甲乙丙丁那项的牵头单位，它还牵头哪些任务？",  # a check of the unit named
    "甲局牵头的任务有哪些？",  # names its unit
    "甲局作为配合单位参与的是哪一项？",  # a role the named unit holds, no pointer
    "唯一一项没有配合单位的任务是什么？",
])
def test_a_question_naming_what_it_asks_has_no_pointer_to_resolve(text: str) -> None:
    assert chains.find_pointer(text) is None


def test_a_unit_is_found_through_the_task_it_holds() -> None:
    plans = _plans()
    assert _resolve("甲乙丙丁那项的配合单位还配合了哪些任务？", plans) == "乙局还配合了哪些任务？"
    assert _resolve("壬癸子丑那项的牵头单位，它牵头的全部任务有哪些？", plans) == "丙局牵头的全部任务有哪些？"
    assert _resolve("跟甲局一起牵头戊己庚辛那项的那个部门，全部任务是哪些？", plans) == "丙局，全部任务是哪些？"
    assert _resolve("和丙局共同牵头那项任务的单位，它配合了哪些任务？", _plans(ROWS[:2])) == "甲局配合了哪些任务？"
    assert _resolve("戊己庚辛那项有两个配合单位，不是乙局的那个一共牵头了几项任务？", plans) == "丁局一共牵头了几项任务？"


def test_a_pointer_to_several_units_or_tasks_is_left_as_written() -> None:
    plans = _plans()
    text = "戊己庚辛那项的牵头单位还牵头哪些任务？"  # two leads
    assert _resolve(text, plans) == text
    text = "甲局牵头的那项任务，配合单位有哪些？"  # 甲局 leads three
    assert _resolve(text, plans) == text


def test_a_task_is_found_through_its_one_unit_and_named_by_its_words() -> None:
    plans = _plans()
    assert _resolve("丙局单独牵头的那项任务，配合单位有哪些？", plans) == text_of(ROWS[2], "，配合单位有哪些？")
    # …and a unit of that task pointed at in turn
    assert _resolve("乙局配合的那项任务，它的牵头单位还牵头哪些任务？", _plans([ROWS[0], ROWS[2]])) == "甲局还牵头哪些任务？"


def text_of(row: TaskRow, rest: str) -> str:
    return f"{chains.task_head(row)}{rest}"


def test_a_task_is_found_by_its_place_deadline_or_missing_partner() -> None:
    assert rowpick.row_of("表里第一行任务", ROWS) is ROWS[0]
    assert rowpick.row_of("表里最后一项任务", ROWS) is ROWS[-1]
    assert rowpick.row_of("时限为“每年12月底前”的那项", ROWS) is ROWS[2]
    assert rowpick.row_of("时限为“长期坚持”的那项", ROWS) is None  # two rows hold it
    assert rowpick.row_of("唯一一项没有配合单位的任务", ROWS) is ROWS[2]
    plans = _plans()
    assert _resolve("表里第一行任务的配合单位，牵头加配合一共有哪些任务？", plans) == "乙局，牵头加配合一共有哪些任务？"


def test_a_figure_of_a_task_found_by_its_row_is_asked_of_its_measure() -> None:
    out = _resolve("时限为“2025年底前”的那一项，完成目标是多少？", _plans())
    assert out == f"{ROWS[0].measure}的完成目标是多少？"


def test_a_fact_of_the_task_asked_after_a_unit_pointer_is_asked_of_the_task() -> None:
    assert _resolve("牵头甲乙丙丁的那个部门，2035年要完成多少？", _plans()) == "甲乙丙丁，2035年要完成多少？"
    text = "甲乙丙丁那项的牵头单位是哪个局？"  # the unit itself is asked
    assert _resolve(text, _plans()) == text


def test_the_unit_ranked_first_by_its_tasks() -> None:
    lead = Counter(u for r in ROWS for u in r.lead_units)
    top = lead.most_common(1)[0][0]
    assert chains.top_unit(ROWS, "lead", True) == top
    assert _resolve("牵头任务最多的单位，一共牵头了几项？", _plans()) == f"{top}，一共牵头了几项？"
    tied = [_row(1, "甲甲甲甲", ("甲局",)), _row(2, "乙乙乙乙", ("乙局",))]
    assert chains.top_unit(tied, "lead", True) is None  # no one unit leads most


def test_a_later_unit_named_by_a_pronoun_is_the_unit_said_before() -> None:
    rows = [_row(1, "推进甲乙丙丁建设", ("甲局",), ("乙局", "丁局")), _row(2, "开展戊己庚辛改造", ("丙局",), ("丁局",))]
    out = _resolve("乙局只配合了一项任务。在那项任务里跟它搭档配合的部门，总共配合了哪些任务？", _plans(rows))
    assert out == "丁局，总共配合了哪些任务？"


@pytest.mark.parametrize("text,kind,role,desc,partner", [
    ("What other tasks does the sole supporting unit on the green building task support?", "unit", "participating",
     "green building", ""),
    ("Who leads the task that the finance bureau supports?", "task", "participating", "", "finance bureau"),
    ("Which tasks does the department that co-leads heat metering with the urban management bureau lead?", "unit",
     "lead", "heat metering", "urban management bureau"),
])
def test_english_pointers(text: str, kind: str, role: str, desc: str, partner: str) -> None:
    p = chains.find_pointer(text)
    assert p is not None and (p.kind, p.role, p.desc, p.partner) == (kind, role, desc, partner)


def test_best_match_weighs_the_tasks_own_words_before_its_heading() -> None:
    rows = [_row(1, "推进集中供热热源改造", ("甲局",), measure="推进清洁取暖和供热计量"),
            _row(2, "推行供热计量收费", ("乙局",), measure="推进清洁取暖和供热计量")]
    assert rowpick.best_match("供热计量", rows) is rows[1]
    assert rowpick.best_match("子丑寅卯", rows) is None


# ------------------------------------------------------------------ through the whole pipeline


def test_a_unit_found_through_its_one_task_is_answered_with_its_tasks(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    counts = Counter(u for r in rows for u in r.participating_units)
    row = next(r for r in rows if len(r.participating_units) == 1 and counts[r.participating_units[0]] > 1
               and len(r.lead_units) == 1 and sum(chains.task_head(r) in x.requirement for x in rows) == 1)
    unit = row.participating_units[0]
    ans = seed_qa.ask(f"“{chains.task_head(row)}”那项的配合单位还配合了哪些任务？")
    assert {t.row_no for t in ans.tasks} == {r.row_no for r in rows if r.holds(unit, "participating")}


def test_the_one_task_of_a_unit_is_answered_with_its_units(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    leads = Counter(u for r in rows for u in r.lead_units)
    unit = next(u for u, n in leads.items() if n == 1 and any(r.holds(u, "lead") and r.participating_units for r in rows))
    row = next(r for r in rows if r.holds(unit, "lead"))
    ans = seed_qa.ask(f"{unit}牵头的那项任务，参与单位都有谁？")
    assert [t.row_no for t in ans.tasks] == [row.row_no]
    assert all(u in ans.answer for u in row.participating_units)


def test_the_unit_leading_most_is_counted(seed_qa) -> None:  # type: ignore[no-untyped-def]
    leads = Counter(u for r in seed_qa.task_rows() for u in r.lead_units)
    (unit, n), = leads.most_common(1)
    ans = seed_qa.ask("牵头任务最多的单位，一共牵头了几项？")
    assert unit in ans.answer and f"{n}项" in ans.answer


def test_a_pointer_a_named_unit_is_checked_against_is_no_pointer() -> None:
    text = "甲局是不是牵头任务最多的单位？它牵头的任务有哪些？"
    assert _resolve(text, _plans()) == text


def test_where_a_task_found_stands_is_asked_of_its_unit() -> None:
    text = "丙局单独牵头的那项在方案第几条？"  # its unit's list says the clause, with the task
    assert _resolve(text, _plans()) == text


def test_a_unit_s_task_narrowed_by_what_its_row_has() -> None:
    rows = [ROWS[0], ROWS[2], _row(5, "健全午未申酉机制", ("甲局",))]  # 甲局 leads rows 1 and 5; row 1 alone has a partner
    out = _resolve("甲局牵头、而且唯一有配合单位的那项任务，配合单位是谁？", _plans(rows))
    assert out == text_of(ROWS[0], "，配合单位是谁？")
    out = _resolve("甲局牵头、没有配合单位的那项任务，还有谁牵头？", _plans(rows))
    assert out == text_of(rows[2], "，还有谁牵头？")


def test_no_unit_ranks_first_where_the_plan_names_no_leads() -> None:
    rows = [_row(1, "甲甲甲甲", ("甲局",)), _row(2, "乙乙乙乙", (), ("乙局", "丙局")), _row(3, "丙丙丙丙", (), ("甲局", "乙局"))]
    assert chains.top_unit(rows, "lead", True) is None
    assert _resolve("牵头任务最多的单位，它牵头了哪些任务？", _plans(rows)) == "牵头任务最多的是谁？它牵头了哪些任务？"
    text = "牵头任务最多的单位是哪个，它负责哪些任务？"  # the ranking is asked: left to the ranking
    assert _resolve(text, _plans()) == text


def test_the_unit_ranked_first_asked_which_one_is_a_ranking(seed_qa) -> None:  # type: ignore[no-untyped-def]
    leads = Counter(u for r in seed_qa.task_rows() for u in r.lead_units)
    (unit, n), = leads.most_common(1)
    for text in ("牵头任务最多的单位是哪个？", "牵头任务最多的是哪个？"):
        ans = seed_qa.ask(text)
        assert ans.intent == "ranking" and unit in ans.answer and f"{n}项" in ans.answer


def test_a_task_found_through_a_unit_in_english_is_asked_who_leads_it(seed_qa) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.english_outline import english_unit

    rows = seed_qa.task_rows()
    part = Counter(u for r in rows for u in r.participating_units)
    unit = next((u for u, n in part.items() if n == 1 and english_unit(u)), None)
    if unit is None:
        pytest.skip("no unit supporting exactly one task has an English name")
    row = next(r for r in rows if r.holds(unit, "participating"))
    ans = seed_qa.ask(f"Who leads the task that the {english_unit(unit)} supports?")
    assert [t.row_no for t in ans.tasks] == [row.row_no] and all(u in ans.answer for u in row.lead_units)
    assert ans.english  # an English question keeps its English gloss


def test_a_level_word_quoted_from_the_plan_names_no_level(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    quoted = next(s for s in doc.text.replace("\n", "").split("，") if "省级" in s and 6 <= len(s) <= 30)
    assert seed_qa.ask(f"提出“{quoted}”的那项，具体要求是什么？").found  # a municipal plan, a phrase naming 省级 things
    assert not seed_qa.ask("省级方案里这项要求是什么？").found  # said outside quotes: the level is asked
    assert not seed_qa.ask("“省级城乡建设领域碳达峰方案”里这项要求是什么？").found  # a quoted plan name: asked too


def test_both_units_of_a_task_said_together() -> None:
    out = _resolve("戊己庚辛那项有两个配合单位，这两个单位一起配合的任务有哪几项？", _plans())
    assert out == "乙局和丁局一起配合的任务有哪几项？"
    text = "甲乙丙丁那项有两个配合单位，这两个单位一起配合的任务有哪几项？"  # it has one: no pair to name
    assert _resolve(text, _plans()) == text


def test_rows_fitting_equally_point_to_a_unit_they_all_name() -> None:
    rows = [_row(1, "推进甲乙能源供暖", ("甲局",), ("乙局",)), _row(2, "推广甲乙能源替代", ("丙局",), ("乙局",))]
    assert _resolve("甲乙能源那项的配合单位还配合了哪些任务？", _plans(rows)) == "乙局还配合了哪些任务？"
    text = "甲乙能源那项的牵头单位还牵头了哪些任务？"  # the two rows' leads differ
    assert _resolve(text, _plans(rows)) == text


def test_an_english_sentence_pointing_at_the_unit_the_next_one_asks_of() -> None:
    rows = [_row(1, "推进甲乙丙丁", ("甲局",), ("乙局",)), _row(2, "开展戊己庚辛", ("乙局",))]
    plans = chains.Plans(_plans(rows).units_in, _plans(rows).rows, _plans(rows).rows_about, lambda s: "甲乙丙丁")
    out = _resolve("The ABC task has a single supporting unit. What does that unit lead itself?", plans)
    assert out == "What does 乙局 lead itself?"


def test_the_pronoun_partner_is_the_last_unit_said_before() -> None:
    rows = [_row(1, "推进甲乙丙丁建设", ("甲局",), ("乙局", "丁局")), _row(2, "开展戊己庚辛改造", ("丙局",), ("丁局", "戊局"))]
    out = _resolve("戊局配合得多，乙局只配合了一项。在那项任务里跟它搭档配合的部门，总共配合了哪些任务？", _plans(rows))
    assert out == "丁局，总共配合了哪些任务？"  # 乙局's partner on its one task, not 戊局's


def test_a_task_found_in_one_of_several_plans_is_named_in_that_plan_and_pointed_through_there() -> None:
    a = [_row(1, "推进甲乙丙丁建设", ("甲局",), ("乙局",), doc="a")]
    b = [_row(1, "开展戊己庚辛改造", ("乙局",), ("丙局",), doc="b")]
    narrowed: list[str] = []

    def narrow(doc_id: str) -> chains.Plans:
        narrowed.append(doc_id)
        return _plans(a if doc_id == "a" else b, where=lambda d: f"《{d}》中")

    plans = _plans(a + b, where=lambda d: f"《{d}》中", narrow=narrow)
    out = _resolve("丙局配合的那项任务，它的牵头单位还牵头哪些任务？", plans)
    assert out == "乙局还牵头哪些任务？" and narrowed == ["b"]  # 乙局 read in plan b, where the task was found


def test_a_place_in_the_list_is_its_row_number_and_means_nothing_across_plans() -> None:
    restated = TaskRow(doc_id="d", row_no=None, key_task="", measure="", requirement="完善午未申酉", lead_units=("戊局",),
                       participating_units=(), source="text", item="（一）1")
    assert rowpick.row_of("表里最后一项任务", [*ROWS, restated]) is ROWS[-1]  # a task the text restates is no row
    two = [ROWS[0], _row(1, "健全午未申酉", ("戊局",), doc="e")]
    assert rowpick.row_of("表里第一行任务", two) is None
    assert _resolve("甲局牵头的任务中排第一的那项，配合单位是谁？", _plans()) == "甲局牵头的任务中排第一的那项，配合单位是谁？"


@pytest.mark.parametrize("desc,by_row", [
    ("时限为“每年12月底前”的", True), ("时限为每年12月底前", True), ("完成时限最早的", False), ("时限要求很紧的", False),
])
def test_a_deadline_is_said_with_is_or_quotes(desc: str, by_row: bool) -> None:
    assert rowpick.by_row(desc) is by_row
    if by_row:
        assert rowpick.row_of(desc, ROWS) is ROWS[2]


def test_english_pointers_read_in_any_case() -> None:
    p = chains.find_pointer("The task that the finance bureau supports, who leads it?")
    assert p is not None and (p.kind, p.partner) == ("task", "finance bureau")


def test_what_the_reviewers_found_is_left_as_asked() -> None:
    plans = _plans()
    for text in ("甲乙丙丁是不是丙局牵头的那项任务？", "戊己庚辛是丙局单独牵头的那项任务吗？",  # a claim checked
                 "甲乙丙丁那项的牵头单位要在什么时间前完成这项工作？",  # the task's own work
                 "甲乙丙丁那项的牵头单位需要做哪些工作？",
                 "除了甲局以外，牵头任务最多的单位牵头了哪些任务？", "第三部分里牵头任务最多的单位牵头了哪几项？"):  # a narrowed count
        assert _resolve(text, plans) == text, text


def test_a_role_before_a_units_one_task_stays_with_the_task() -> None:
    out = _resolve("配合丙局牵头那项任务的部门有哪些？", _plans(ROWS[:2]))
    assert out == f"配合{chains.task_head(ROWS[1])}的部门有哪些？"


def test_the_unit_ranked_first_keeps_the_role_it_was_ranked_by() -> None:
    top = Counter(u for r in ROWS for u in r.lead_units).most_common(1)[0][0]
    assert _resolve("牵头任务最多的单位有几项？", _plans()) == f"{top}牵头的任务有几项？"


def test_two_tasks_pointed_at_are_each_named_whole() -> None:
    rows = [_row(1, "推进甲乙丙丁建设，到2025年完成", ("甲局",), ("乙局",)), _row(2, "开展戊己庚辛改造", ("丙局",), ("丁局",))]
    out = _resolve("甲局牵头的那项任务和丙局牵头的那项任务，配合单位分别是什么？", _plans(rows))
    assert out == "推进甲乙丙丁建设和开展戊己庚辛改造，配合单位分别是什么？"


def test_a_task_is_named_by_its_first_phrase_that_is_not_a_date() -> None:
    assert chains.task_head(_row(1, "到2025年，城市建成区绿地率达到37%", ("甲局",))) == "城市建成区绿地率达到37%"
    assert chains.task_head(_row(1, "推进甲乙丙丁建设，到2025年完成", ("甲局",))) == "推进甲乙丙丁建设"


def test_english_it_is_the_unit_only_where_it_does_something() -> None:
    rows = [_row(1, "推进甲乙丙丁", ("甲局",), ("乙局",)), _row(2, "开展戊己庚辛", ("乙局",))]
    base = _plans(rows)
    plans = chains.Plans(base.units_in, base.rows, base.rows_about, lambda s: "甲乙丙丁")
    text = "What does the supporting unit on the ABC task have to do for it?"  # it: the task; no list of tasks asked
    assert _resolve(text, plans) == text
    out = _resolve("The ABC task has a single supporting unit. Which tasks does it lead?", plans)
    assert out == "Which tasks does 乙局 lead?"


def test_a_task_found_is_named_only_when_its_units_are_asked() -> None:
    plans = _plans(ROWS[:2])
    for text in ("丙局牵头的那项任务具体内容是什么？", "丙局牵头的那项任务属于哪个主要措施？"):  # its unit's list says it
        assert _resolve(text, plans) == text, text
    assert _resolve("丙局牵头的那项任务，配合单位有哪些？", plans) == text_of(ROWS[1], "，配合单位有哪些？")


def test_what_a_unit_does_in_the_task_found_is_no_list_of_its_tasks() -> None:
    for text in ("甲乙丙丁那项的牵头单位具体负责哪些工作？", "甲乙丙丁那项的牵头单位要承担哪些工作？"):
        assert _resolve(text, _plans()) == text, text
    assert _resolve("甲乙丙丁那项的牵头单位还牵头其它哪些任务？", _plans()) == "甲局还牵头其它哪些任务？"
