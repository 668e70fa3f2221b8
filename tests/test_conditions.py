"""Conditions and negation, found on the forty-ninth blind dev sets: tasks picked by who holds them
(a role denied: 不需要X配合, 牵头的不是X, 既不是X也不是Y, 既不牵头也不参与; several units' roles; how many
units take part), who leads or takes part in each task of such a set, targets picked by value,
measure or the tasks of a unit, units counted by their tasks, units holding both roles.
Question strings are synthetic; every expectation is computed here from the loaded documents."""

from __future__ import annotations

import re

from assistant.answering.conditions import Held, partners_asked, read_held
from assistant.answering.rosters import only_role_asked
from assistant.numerals import count_said, int_to_cn


def _rows(doc):  # type: ignore[no-untyped-def]
    return sorted(doc.tasks, key=lambda t: t.row_no)


def _lead_and_partner(doc):  # type: ignore[no-untyped-def]
    """A unit leading the most tasks, and a unit taking part in some of them but not all."""
    rows = _rows(doc)
    lead = max({u for t in rows for u in t.lead_units}, key=lambda u: sum(u in t.lead_units for t in rows))
    led = [t for t in rows if lead in t.lead_units]
    partner = next(u for u in {u for t in led for u in t.participating_units}
                   if 0 < sum(u in t.participating_units for t in led) < len(led))
    return lead, partner, led


def _short(doc, unit: str) -> str:  # type: ignore[no-untyped-def]
    """The unit as a question may write it: its name without the city's 市 prefix."""
    return unit[1:] if unit.startswith("市") else unit


def test_roles_read_given_and_denied() -> None:
    units = [("甲局全称", "甲局"), ("乙委全称", "乙委")]
    assert read_held("甲局牵头的任务里，哪些不需要乙委配合？", units) == [
        Held("甲局全称", "lead"), Held("乙委全称", "participating", True)]
    assert read_held("乙委参与的任务中，牵头的不是甲局的是哪项？", units[::-1]) == [
        Held("乙委全称", "participating"), Held("甲局全称", "lead", True)]
    assert read_held("哪些任务的牵头单位既不是甲局也不是乙委？", units) == [
        Held("甲局全称", "lead", True), Held("乙委全称", "lead", True)]
    assert read_held("甲局既不牵头也不参与的任务有哪些？", units[:1]) == [Held("甲局全称", "any", True)]
    # not leading, only taking part: the role held, not a denial
    assert read_held("甲局不牵头、只配合的任务有哪些？", units[:1]) == [Held("甲局全称", "participating")]
    assert read_held("甲局不牵头的任务里，它参与了哪项？", units[:1]) == [Held("甲局全称", "participating")]
    # units listed before the role that covers them
    assert read_held("甲局和乙委都是参与单位的任务有哪些？", units) == [
        Held("甲局全称", "participating"), Held("乙委全称", "participating")]
    assert read_held("甲局和乙委都是参与单位的任务有哪些？", [units[0], ("乙委全称", "和乙委")]) == [
        Held("甲局全称", "participating"), Held("乙委全称", "participating")]  # a mention holding its joiner
    # a unit given no role is left out
    assert read_held("甲局的文件是哪天印发的？", units[:1]) == []


def test_partners_counted() -> None:
    assert partners_asked("有两个参与单位的任务有哪些") == (2, "eq")
    assert partners_asked("三个以上配合单位的任务") == (3, "ge")
    assert partners_asked("至少两个配合单位的任务") == (2, "ge")
    assert partners_asked("不超过两个配合单位的任务") == (2, "le")
    assert partners_asked("哪些不需要任何参与单位配合") == (0, "eq")
    assert partners_asked("住建局牵头的任务有哪些") is None
    assert partners_asked("哪些任务的第一个配合单位是财政局") is None  # a place in a list, no count
    assert partners_asked("有两三个配合单位的") is None


def test_questions_left_to_other_readings() -> None:
    """Yes-or-no, a denial not denying, 其牵头单位 asked, 没有参与: read as they say."""
    units = [("甲局全称", "甲局"), ("乙委全称", "乙委")]
    assert read_held("甲局牵头的几项任务里，有没有乙委参与的？", units)[1] == Held("乙委全称", "participating")
    assert read_held("甲局不参与的那些任务，其牵头单位分别是谁？", units[:1]) == [Held("甲局全称", "any", True)]
    assert read_held("甲局没有参与的任务有哪些？", units[:1]) == [Held("甲局全称", "any", True)]
    assert only_role_asked("哪些单位既牵头、又从不当配合单位？") != "both"


def test_a_role_denied_picks_the_other_tasks(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    lead, partner, led = _lead_and_partner(doc)
    ans = seed_qa.ask(f"{_short(doc, lead)}牵头的任务里，哪些不需要{_short(doc, partner)}配合？")
    want = [t.row_no for t in led if partner not in t.participating_units]
    assert ans.found and [t.row_no for t in ans.tasks] == want
    assert f"共{count_said(len(want))}项" in ans.answer
    # neither role: the tasks it has no part in
    none = seed_qa.ask(f"{_short(doc, lead)}既不牵头也不参与的任务有几项？")
    outside = [t.row_no for t in _rows(doc) if not t.holds(lead)]
    assert outside and [t.row_no for t in none.tasks] == outside
    # led by neither of two units
    other = next(u for t in _rows(doc) for u in t.lead_units if u != lead)
    neither = seed_qa.ask(f"哪些任务的牵头单位既不是{_short(doc, lead)}也不是{_short(doc, other)}？")
    rest = [t.row_no for t in _rows(doc) if lead not in t.lead_units and other not in t.lead_units]
    assert rest and [t.row_no for t in neither.tasks] == rest
    # asked as yes or no, or of one named task: not this list
    assert "不参与（配合）" not in seed_qa.ask(f"{_short(doc, lead)}牵头的任务是否都不需要{_short(doc, partner)}配合？").answer
    # …but a list asked politely is a list, and 所有没有 denies
    polite = seed_qa.ask(f"能告诉我哪些任务不需要{_short(doc, partner)}配合吗？")
    assert [t.row_no for t in polite.tasks] == [t.row_no for t in _rows(doc) if partner not in t.participating_units]
    assert read_held("列出所有没有甲局配合的任务", [("甲局全称", "甲局")]) == [Held("甲局全称", "participating", True)]
    # a denial said before a list of units covers them all; 或 is left to the unit-task reading
    pair = [("甲局全称", "甲局"), ("乙委全称", "乙委")]
    assert read_held("哪些任务不需要甲局和乙委配合？", pair) == [Held("甲局全称", "participating", True), Held("乙委全称", "participating", True)]
    assert read_held("甲局或乙委牵头的任务有哪些？", pair) == []
    # a lead denied before the unit is taken here (the unit-task reading reads 不是X牵头 only)
    not_led = seed_qa.ask(f"牵头的不是{_short(doc, lead)}的任务有哪些？")
    assert [t.row_no for t in not_led.tasks] == [t.row_no for t in _rows(doc) if lead not in t.lead_units]
    one = led[0]
    words = re.split(r"[，。；、,]", one.requirement)[0][:8]
    single = seed_qa.ask(f"{_short(doc, lead)}牵头的{words}任务，配合单位是哪些？")
    assert "的任务共" not in single.answer


def test_who_leads_each_task_of_a_set(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    _, partner, _ = _lead_and_partner(doc)
    ans = seed_qa.ask(f"{_short(doc, partner)}参与配合的那些任务，都是哪些单位牵头？")
    joined = [t for t in _rows(doc) if partner in t.participating_units]
    assert [t.row_no for t in ans.tasks] == [t.row_no for t in joined]
    assert all(u in ans.answer for t in joined for u in t.lead_units)
    # a set picked by its number of partners, each task's partners named
    n = max(len(t.participating_units) for t in _rows(doc))
    many = seed_qa.ask(f"有{int_to_cn(n) if n != 2 else '两'}个参与单位的任务，参与单位分别是哪些？")
    assert [t.row_no for t in many.tasks] == [t.row_no for t in _rows(doc) if len(t.participating_units) == n]
    assert all(u in many.answer for t in many.tasks for u in t.participating_units)


def test_a_task_list_is_not_read_as_asking_its_leads(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """X牵头的有哪些 asks X's tasks (narrowed by the rows named), not who leads a set."""
    doc = seed_qa.documents[0]
    lead, _, led = _lead_and_partner(doc)
    ans = seed_qa.ask(f"序号1到11里，{_short(doc, lead)}牵头的有哪些？")
    assert [t.row_no for t in ans.tasks] == [t.row_no for t in led if t.row_no <= 11]


def test_targets_picked_by_value_and_measure(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    year = max(t.year for t in doc.targets if t.year)
    over = seed_qa.ask(f"哪些目标到{year}年要达到50%以上？")
    want = [t for t in doc.targets if t.year == year and "%" in t.value and float(re.search(r"[\d.]+", t.value).group()) >= 50
            and not re.search(r"降低|下降", t.indicator)]
    assert over.found and want
    assert all(f"{t.indicator}：{t.value}（{year}年）" in over.answer for t in want)
    assert f"共{count_said(len(want))}个" in over.answer
    # at most: 不超过 is no 超过
    under = seed_qa.ask(f"哪些目标到{year}年不超过30%？")
    low = [t for t in doc.targets if t.year == year and "%" in t.value and float(re.search(r"[\d.]+", t.value).group()) <= 30
           and not re.search(r"降低|下降", t.indicator) and not t.value.strip().endswith("以上")]  # a floor is no ceiling
    assert low and all(f"{t.indicator}：{t.value}" in under.answer for t in low)
    assert not any(f"{t.indicator}：{t.value}（" in under.answer for t in want)
    # when a target is reached is no list of targets
    assert "符合条件的量化目标" not in seed_qa.ask("绿色建筑占比超过70%的目标是什么时候实现？").answer
    km = seed_qa.ask("按公里计算的目标有哪些？")
    kms = [t for t in doc.targets if re.search(r"(?<![/方])公里(?:以上)?$", t.value)]
    assert kms and f"共{count_said(len(kms))}个" in km.answer and "平方公里" not in km.answer
    # …but one indicator's figure asked stays the figure's own reading
    assert "符合条件的量化目标" not in seed_qa.ask(f"到{year}年清洁供暖比例的目标是什么？").answer


def test_targets_of_a_units_tasks(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    lead, _, led = _lead_and_partner(doc)
    year = max(t.year for t in doc.targets if t.year)
    ans = seed_qa.ask(f"{_short(doc, lead)}牵头的任务里有哪些{year}年的量化目标？")
    rows = {t.row_no for t in led}
    want = [t for t in doc.targets if t.year == year and t.row_no in rows]
    assert want and f"共{count_said(len(want))}个" in ans.answer
    # which of its tasks set a year's target: its tasks, not the figures
    tasks = seed_qa.ask(f"{_short(doc, lead)}牵头的任务里，哪些有{year}年的目标？")
    assert "符合条件的量化目标" not in tasks.answer and tasks.tasks


def test_units_counted_by_their_tasks_and_both_roles(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa.documents[0]
    rows = _rows(doc)
    once = [u for u in dict.fromkeys(u for t in rows for u in t.lead_units) if sum(u in t.lead_units for t in rows) == 1]
    ans = seed_qa.ask("哪些单位只牵头过一项任务？")
    assert once and ans.found and all(u in ans.answer for u in once)
    assert f"共{count_said(len(once))}个" in ans.answer
    assert only_role_asked("哪些单位既牵头又配合？") == "both"
    both = seed_qa.ask("既牵头任务、又在别的任务里当配合单位的有哪些单位？")
    want = [u for u in dict.fromkeys(u for t in rows for u in t.lead_units) if any(u in t.participating_units for t in rows)]
    assert want and all(u in both.answer for u in want) and f"共{count_said(len(want))}个" in both.answer


def test_a_plan_naming_no_lead_lists_the_units_as_written(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    """X、Y按职责分工负责: a set asked by role is read over the listed units, and says no lead is named."""
    qa = synthetic_qa("inline_all_duty", "txt", "municipal")
    doc = qa.documents[0]
    unit = max({u for t in doc.tasks for u in t.participating_units}, key=lambda u: sum(u in t.participating_units for t in doc.tasks))
    ans = qa.ask(f"{unit}配合的那些任务，都是谁牵头的？")
    assert "未写明牵头单位" in ans.answer
    want = [t for t in doc.tasks if unit in t.participating_units]
    assert want and all(t.item for t in want)  # inline tasks: each has its item label
    assert sorted(t.item for t in ans.tasks) == sorted(t.item for t in want)


def test_targets_of_a_topic_in_a_year(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """与X有关的 / X方面 targets of a year: those whose indicator writes a topic word (or a synonym)."""
    from assistant.answering.topics import holds

    doc = seed_qa.documents[0]
    year = max(t.year for t in doc.targets if t.year)
    names = [t.indicator for t in doc.targets if t.year == year]
    pairs = {n[i:i + 2] for n in names for i in range(len(n) - 1) if re.fullmatch(r"[\u4e00-\u9fa5]{2}", n[i:i + 2])}
    # a word of the documents' own that two or three of the year's indicators write (a topic, not a measure)
    word = next(w for w in sorted(pairs) if 2 <= sum(w in n for n in names) <= 3 and w not in ("比例", "面积", "公里"))
    ans = seed_qa.ask(f"{year}年与{word}有关的量化目标有哪些？")
    want = [t for t in doc.targets if t.year == year and (holds(word, t.indicator) or holds(word, t.text))]
    assert f"共{count_said(len(want))}个" in ans.answer and all(f"{t.indicator}：{t.value}" in ans.answer for t in want)
