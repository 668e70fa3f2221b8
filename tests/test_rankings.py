"""Comparisons and extremes, found on the forty-sixth blind dev sets: units ranked by their
task counts (谁牵头的任务最多, 住建局和城管局谁牵头的多, 只牵头一项的部门), tasks by the units taking
part, parts and clauses by their tasks, the highest percentage target, the targets of the
earliest year, the task due first, the plan issued last, places ranked (no answer), two
tasks asked in one question (这两项), and a role listed after both are weighed.  Question
strings are synthetic; every expected count is computed here from the loaded task rows."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.answering.asking import question_role, split_question
from assistant.answering.each import each_thing
from assistant.answering.extremes import Extreme, due_key, extreme_asked
from assistant.answering.numbered import row_named
from assistant.answering.rankings import Ranking, ranking_asked, ranking_of
from assistant.numerals import count_said, int_to_cn


@pytest.mark.parametrize("text,want", [
    ("哪个部门牵头的任务最多？", Ranking("units", "lead", "most")),
    ("Which department leads the most tasks?", Ranking("units", "lead", "most")),
    ("哪个单位参与的任务最少？", Ranking("units", "participating", "fewest")),
    ("作为配合单位次数最多的是哪个单位？", Ranking("units", "participating", "most")),
    ("只牵头了一项任务的部门有哪几个？", Ranking("units", "lead", "exactly", 1)),
    ("参与单位最多的任务是哪几项？", Ranking("tasks", "participating")),
    ("哪条主要措施下面的任务条数最多？", Ranking("measure")),
    ("哪部分在分工表里的任务更多？", Ranking("key_task")),
    ("第七条和第十五条各对应几项任务？", Ranking("clause", clauses=(7, 15))),
    ("清洁取暖由谁牵头？", None),
    ("自规局是牵头的任务多还是参与的多？", None),  # one unit's own roles: its list, no ranking
    ("参与单位有哪些？", None),
])
def test_rankings_asked(text: str, want: Ranking | None) -> None:
    got = ranking_asked(text)
    assert (got if got is None else Ranking(got.what, got.role, got.order, got.count, got.clauses)) == want


def test_units_named_and_the_list_asked() -> None:
    got = ranking_asked("住建局和城管局谁牵头的任务多？把多的那个牵头的任务列出来。")
    assert got is not None and got.named == ("住建局", "城管局") and got.listed
    english = ranking_of("Which leads more tasks, the urban management bureau or the planning bureau?",
                         "牵头 任务 城市管理局 规划局")
    assert english is not None and english.named == ("城市管理局", "规划局")
    assert not ranking_asked("哪个部门牵头的任务最多？").listed


@pytest.mark.parametrize("text,want", [
    ("哪个百分比要求最高的目标？", Extreme("value", True)),
    ("年份最早的那批量化目标有哪些？", Extreme("year", False)),
    ("方案里哪个量化目标设定的年份最晚？", Extreme("year", True)),
    ("最早到期的是哪项任务？", Extreme("due", False)),
    ("哪项时限最晚？", Extreme("due", True)),
    ("四个方案里哪个最晚印发？", Extreme("issued", True)),
    ("各县（市、区）里哪个绿地率最高？", Extreme("places")),
    ("Which county has the highest share of green buildings?", Extreme("places")),
    ("老旧小区改造最早什么时候完成？", None),  # one task's time: no ranking
    ("清洁取暖率要达到多少？", None),
])
def test_extremes_asked(text: str, want: Extreme | None) -> None:
    assert extreme_asked(text) == want


@pytest.mark.parametrize("deadline,want", [
    ("2025年10月底前", (2025, 10)), ("2027年底前", (2027, 12)), ("每年12月底前", None), ("长期坚持", None), (None, None),
])
def test_due_dates_compared(deadline: str | None, want: tuple[int, int] | None) -> None:
    assert due_key(deadline) == want


def test_two_tasks_asked_in_one_question_are_split() -> None:
    assert each_thing("再生水利用和污水管网改造这两项，牵头单位有什么不同？") == [
        "再生水利用牵头单位有什么不同？", "污水管网改造牵头单位有什么不同？"]
    assert each_thing("传统村落和垃圾收运这两项，哪项有配合单位？") == ["传统村落哪项有配合单位？", "垃圾收运哪项有配合单位？"]
    assert each_thing("2025年和2030年这两个目标谁更高") == ["2025年和2030年这两个目标谁更高"]  # years: read together


def test_the_role_listed_after_both_are_weighed() -> None:
    assert question_role("自规局是牵头的任务多还是参与的多？参与的任务列一下。") == "participating"
    assert question_role("住建局在哪些任务中配合？跟牵头的比是不是少很多？") == "participating"
    assert question_role("住建局牵头和参与的任务分别是哪些？") == "any"


def test_a_ranking_and_its_list_are_one_question() -> None:
    assert split_question("牵头任务最多的单位是谁？它牵头了哪些任务？") == ["牵头任务最多的单位是谁？它牵头了哪些任务？"]
    assert len(split_question("清洁取暖由谁牵头？它的目标是多少？")) == 2


@pytest.mark.parametrize("text,want", [("任务表排在第一位的任务由谁牵头？", 1), ("分工表里排在最后的那项任务是谁牵头的？", -1),
                                       ("排在第一位的是谁？", None)])
def test_rows_said_by_their_place(text: str, want: int | None) -> None:
    assert row_named(text) == want


def _counts(qa, role: str) -> Counter[str]:  # type: ignore[no-untyped-def]
    return Counter(u for t in qa.task_rows() for u in (t.lead_units if role == "lead" else t.participating_units))


def test_units_ranked_by_their_tasks(seed_qa) -> None:  # type: ignore[no-untyped-def]
    lead = _counts(seed_qa, "lead")
    (top, n), = lead.most_common(1)
    ans = seed_qa.ask("哪个部门牵头的任务最多？")
    assert ans.found and ans.intent == "ranking" and f"{top}（{count_said(n)}项）" in ans.answer
    ones = {u for u, c in lead.items() if c == 1}
    assert ones and all(u in seed_qa.ask("只牵头了一项任务的部门有哪几个？").answer for u in ones)
    part = _counts(seed_qa, "participating")
    a, b = "市发展和改革委员会", "市自然资源和规划局"
    pair = seed_qa.ask("发改委和自规局谁参与的任务多？")
    assert pair.found and (a if part[a] > part[b] else b) + "（" in pair.answer
    assert "市城市管理局" not in pair.answer  # the two named only


def test_the_top_unit_listed_with_its_tasks(seed_qa) -> None:  # type: ignore[no-untyped-def]
    (top, _), = _counts(seed_qa, "lead").most_common(1)
    ans = seed_qa.ask("牵头任务最多的是哪个部门？它牵头了哪些任务？")
    assert {t.row_no for t in ans.tasks} == {t.row_no for t in seed_qa.task_rows() if top in t.lead_units}


def test_tasks_and_measures_ranked(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    most = max(len(t.participating_units) for t in rows)
    ans = seed_qa.ask("分工表里参与单位最多的任务是哪几项？")
    assert ans.found and {t.row_no for t in ans.tasks} == {t.row_no for t in rows if len(t.participating_units) == most}
    (measure, n), = Counter(t.measure for t in rows).most_common(1)
    by_measure = seed_qa.ask("哪条主要措施下面的任务最多？")
    assert f"“{measure}”（{count_said(n)}项）" in by_measure.answer


def test_targets_of_the_earliest_year_and_the_highest_share(seed_qa) -> None:  # type: ignore[no-untyped-def]
    targets = seed_qa.targets()
    first = min(t.year for t in targets if t.year)
    ans = seed_qa.ask("方案里哪个量化目标设定的年份最早？")
    assert ans.found and f"{first}年" in ans.answer
    assert all(t.value in ans.answer for t in targets if t.year == first)


def test_places_ranked_are_refused(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("哪个县（市、区）分到的老旧小区改造户数最多？")
    assert not ans.found and "排名" in ans.answer


def test_due_first_and_issued_last_across_plans(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "municipal", "county")
    rows = [t for t in qa.task_rows() if due_key(t.deadline)]
    first = min(due_key(t.deadline) for t in rows)
    ans = qa.ask("青山市方案任务表里最早到期的是哪项？")
    assert ans.found and {t.row_no for t in ans.tasks} == {
        t.row_no for t in rows if due_key(t.deadline) == first and t.doc_id == ans.tasks[0].doc_id}
    last = max(qa.documents, key=lambda d: d.meta.date or "")
    issued = qa.ask("这几个方案里哪个最晚印发？")
    assert issued.found and f"《{last.meta.title}》" in issued.answer.splitlines()[0]


@pytest.mark.parametrize("text,want", [("绿地率2030年比2025年要高多少？", (2030, 2025)), ("从2025年到2030年要提高几个百分点？", (2025, 2030)),
                                       ("2025年和2030年分别是多少？", None)])
def test_two_years_set_against_each_other(text: str, want: tuple[int, int] | None) -> None:
    from assistant.answering.extremes import years_compared
    assert years_compared(text) == want


def test_two_years_answered_only_when_both_are_set(seed_qa) -> None:  # type: ignore[no-untyped-def]
    years = {t.year for t in seed_qa.targets() if "绿地率" in t.indicator}
    assert {2025, 2030} <= years
    both = seed_qa.ask("城市建成区绿地率2030年比2025年要提高多少？")
    assert both.found and all(t.value in both.answer for t in seed_qa.targets() if "绿地率" in t.indicator
                              and t.year in (2025, 2030) and "覆盖" not in t.indicator)
    one = seed_qa.ask("人均公园绿地面积到2035年要比2025年多几平方米？")
    assert not one.found and "2035年" in one.answer


def test_a_task_without_partners_said_the_other_way_round() -> None:
    from assistant.answering.rosters import partners_counted
    assert partners_counted("哪项任务一个配合单位都没有？") == 0


def test_values_of_one_measure_ranked(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert extreme_asked("以公里计的建设目标中，哪一项最短？") == Extreme("value", False, "公里")
    km = [t for t in seed_qa.targets() if t.value.replace(" ", "").split("公里")[0].replace(".", "").isdigit()
          and "公里" in t.value and "/" not in t.value]
    shortest = min(km, key=lambda t: float(t.value.replace(" ", "").split("公里")[0]))
    ans = seed_qa.ask("以公里计的建设目标中，哪一项最短？")
    assert ans.found and shortest.value in ans.answer


def test_comparison_words_are_no_content() -> None:
    from assistant.answering.terms import QUESTION_WORDS
    assert {"区别", "不同", "更高", "最早"} <= QUESTION_WORDS


@pytest.mark.parametrize("text", [
    "各县城建成区绿地率最低要达到多少？", "各市最多可以申请多少补助资金？", "各县（市、区）政府是不是第一责任主体？",
    "新建建筑中绿色建筑占比最低要求是多少？", "老旧小区改造最晚要完成到哪年？", "清洁取暖改造完成时间最晚是哪年？",
    "哪个部门最先出台实施细则？", "文件最后出台的配套措施有哪些？",
])
def test_one_things_floor_or_time_is_no_extreme(text: str) -> None:
    assert extreme_asked(text) is None


@pytest.mark.parametrize("text", [
    "住建局牵头的任务多吗？都有谁配合？", "哪个部门在住房保障方面的工作最多？", "哪条任务的参与单位更多？",
    "第三条和第五条分别有几个牵头单位？",
])
def test_one_units_list_or_another_count_is_no_ranking(text: str) -> None:
    assert ranking_asked(text) is None


def test_rankings_read_in_any_white_space_and_against_zero(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert ranking_asked("Which unit is\u00a0involved in the most tasks?") == Ranking("units", "any", "most")
    part = _counts(seed_qa, "participating")
    nothing = next(u for u in _counts(seed_qa, "lead") if part[u] == 0)  # leads, takes part in none
    some = next(u for u, c in part.items() if c)
    ans = seed_qa.ask(f"请问{some}和{nothing}谁参与的任务多？")
    assert ans.found and f"{nothing}0项" in ans.answer and "、" not in ans.answer.splitlines()[-1].replace(f"、{nothing}", "")


def test_a_phrase_holding_and_is_not_split() -> None:
    assert each_thing("住房和城乡建设这两块工作谁负责？") == ["住房和城乡建设这两块工作谁负责？"]
    assert split_question("清洁取暖率最少要达到多少？它由谁牵头？") == ["清洁取暖率最少要达到多少？", "它由谁牵头？"]


def test_a_place_among_a_units_tasks_is_no_row() -> None:
    assert row_named("任务表里，住建局牵头的任务中排在第一位的那项是什么？") is None
    assert row_named("附件里最后的条款是什么？") is None


def test_units_named_with_their_level_keep_to_their_plan(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("inline_all_duty", "txt", "municipal", "county")
    ans = qa.ask("市财政局和市自然资源和规划局，谁配合的任务多？")
    assert ans.found and "市财政局" in ans.answer and "县" not in ans.answer.splitlines()[0]


def test_two_tasks_due_set_against_each_other_are_asked_one_by_one() -> None:
    assert each_thing("超低能耗建筑示范和公共建筑屋顶光伏，哪个任务时限更早？") == [
        "超低能耗建筑示范的完成时限是什么？", "公共建筑屋顶光伏的完成时限是什么？"]
    assert each_thing("2025年和2030年哪个先到期") == ["2025年和2030年哪个先到期"]


def test_the_clause_with_most_tasks(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert ranking_asked("方案里哪一条下面列的任务最多？") == Ranking("clause")
    (clause, n), = Counter(t.clause_no for t in seed_qa.task_rows()).most_common(1)
    assert f"第（{int_to_cn(clause)}）条" in seed_qa.ask("方案里哪一条下面列的任务最多？").answer


def test_a_deadline_quoted_as_the_manner_of_work(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "provincial")
    yearly = {t.row_no for t in qa.task_rows() if t.deadline == "每年12月底前"}
    ans = qa.ask("哪几项任务按“每年12月底前”推进？")
    assert yearly and ans.intent == "lookup" and {t.row_no for t in ans.tasks} == yearly


@pytest.mark.parametrize("text", [
    "按照计划，哪项工程投资最大？", "文件里最新出台的扶持政策有哪些？", "各县（市、区）要在第一时间报告哪些情况？",
    "各城市更新项目中哪个投资最多？", "Which city department takes the lead on the most projects?",
    "清洁取暖率的目标年份最晚到哪年？", "What is the latest deadline for the sponge city task?",
])
def test_more_ordinary_questions_are_no_extreme(text: str) -> None:
    assert extreme_asked(text) is None


def test_second_review_cases() -> None:
    assert extreme_asked("用水量以吨计，哪个指标最高？") == Extreme("value", True, "吨")
    assert ranking_asked("哪个部门牵头或参与的任务最多？") == Ranking("units", "any", "most")
    assert each_thing("清洁取暖和海绵城市分别由谁牵头、完成时限是什么？") == [
        "清洁取暖由谁牵头、完成时限是什么？", "海绵城市由谁牵头、完成时限是什么？"]
    assert each_thing("青山市方案里清洁取暖和海绵城市哪个先到期？") == [
        "青山市方案里清洁取暖的完成时限是什么？", "青山市方案里海绵城市的完成时限是什么？"]
    assert len(split_question("住建局和城管局谁参与的任务更多？它们分别参与了哪些？")) == 2
    assert row_named("分工表中全部任务的最后一项是什么？") == -1


def test_two_units_named_in_english_are_weighed(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "county")
    ans = qa.ask("Which leads more tasks, the county urban management bureau or the county development and reform bureau?")
    counts = ans.answer.splitlines()[1]
    assert ans.found and counts.count("项") == 2 and "城管局" in counts and "发展和改革局" in counts


def test_a_numeral_slip_is_no_crash(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert ranking_asked("第十十条和第五条各对应几项任务？") is None
    assert seed_qa.ask("第十十条和第五条各对应几项任务？").question
