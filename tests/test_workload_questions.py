"""Questions about one unit's share of the work, found on the twenty-second blind dev sets:
two units each with a role in the same tasks (住建局牵头、发改委配合), a unit of another level
or one no document names, a unit described by its work, roles said in English, a deadline
asked of a row after a clause naming its lead, and a count in the layout eval's gold.
Question strings are synthetic; answers come from the seed plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answering.compose import row_phrase
from assistant.answering.english import not_understood
from assistant.answering.intent import LEVEL_RE
from assistant.answering.pairs import paired_units
from assistant.types import TaskRow

U = [("A局", "住建局"), ("B委", "发改委"), ("C局", "自规局")]


@pytest.mark.parametrize("text,units,want", [
    ("哪些任务是住建局牵头、发改委配合的？", U[:2], [("A局", "lead"), ("B委", "participating")]),
    ("发改委牵头、自规局和住建局参与的是哪项？", [U[1], U[2], U[0]],
     [("B委", "lead"), ("C局", "participating"), ("A局", "participating")]),
    ("住建局和发改委都参与的任务有哪些？", U[:2], [("A局", "any"), ("B委", "any")]),
    ("住建局和发改委一起牵头的是哪项工作？", U[:2], [("A局", "lead"), ("B委", "lead")]),
    ("住建局牵头的任务中发改委参与哪些", U[:2], [("A局", "lead"), ("B委", "participating")]),
    ("是住建局还是发改委牵头？", U[:2], []),  # a choice, not a pairing
    ("我是发改委的，住建局牵头的任务有哪些？", U[1::-1], []),  # who asks is no partner
    ("住建局牵头哪些任务？", U[:1], []),
    ("住建局和发改委牵头哪些任务？", U[:2], []),  # one role, nothing shared asked: each unit's own list
    ("住建局牵头和发改委参与的任务各有哪些？", U[:2], []),
    ("住建局牵头、发改委牵头的任务分别是什么？", U[:2], []),
    ("住建局负责的任务里发改委负责什么", U[:2], []),
])
def test_units_paired_with_their_roles(text: str, units: list[tuple[str, str]], want: list[tuple[str, str]]) -> None:
    assert paired_units(text, units) == want


def test_tasks_two_units_share_in_their_roles(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    lead, part = "市住房和城乡建设局", "市发展和改革委员会"
    want = {t.row_no for t in rows if lead in t.lead_units and part in t.participating_units}
    assert want and want != {t.row_no for t in rows if lead in t.lead_units}
    ans = seed_qa.ask("哪些任务是住建局牵头、发改委配合的？")
    assert ans.found and ans.intent == "unit_tasks" and {t.row_no for t in ans.tasks} == want
    both = seed_qa.ask("住建局和发改委都参与的任务有哪些？")
    assert {t.row_no for t in both.tasks} == {t.row_no for t in rows if {lead, part} <= {*t.lead_units,
                                                                                          *t.participating_units}}


@pytest.mark.parametrize("text", [
    "Which tasks does the housing bureau lead with the development and reform commission supporting?",
    "Which tasks are led by the housing bureau and supported by the development and reform commission?",
])
def test_two_units_paired_in_english(seed_qa, text: str) -> None:  # type: ignore[no-untyped-def]
    rows = seed_qa.task_rows()
    lead, part = "市住房和城乡建设局", "市发展和改革委员会"
    want = {t.row_no for t in rows if lead in t.lead_units and part in t.participating_units}
    ans = seed_qa.ask(text)
    assert ans.intent == "unit_tasks" and {t.row_no for t in ans.tasks} == want


def test_roles_move_next_to_their_bodies_only_for_a_pair() -> None:
    from assistant.answering.english_pairs import paired_roles
    one = "Which tasks does the finance bureau support, and which does it lead?"  # one body: its own list
    assert paired_roles(one) == one
    assert paired_roles("Which tasks does the housing bureau lead?").endswith("lead?")
    got = paired_roles("Which tasks are led by the housing bureau and supported by the finance bureau?")
    assert got.index("housing bureau") < got.index("leads") < got.index("finance bureau") < got.index("cooperates")


def test_a_unit_of_another_level_or_unnamed_is_refused(seed_qa) -> None:  # type: ignore[no-untyped-def]
    for q, name in (("省住建厅牵头哪些任务？", "省住建厅"), ("山东省住房和城乡建设厅在本方案中牵头哪些任务？", "山东省住房和城乡建设厅"),
                    ("市统计局在公共建筑能耗统计中承担什么任务？", "市统计局")):
        ans = seed_qa.ask(q).to_dict()
        assert not ans["found"] and f"没有提到“{name}”" in ans["answer"], q
    assert seed_qa.ask("市住建局牵头哪些任务？").found  # the level the plan's unit has
    assert "没有提到" not in seed_qa.ask("优化城市空间布局由谁牵头？").answer  # 布局 names no bureau
    for q in ("城区住建局牵头哪些任务？", "农村地区住建局牵头哪些任务？"):  # 城区, 地区: words, not a level
        assert "没有提到" not in seed_qa.ask(q).answer, q


def test_a_unit_described_by_its_work_keeps_its_whole_list(seed_qa) -> None:  # type: ignore[no-untyped-def]
    unit = "市城市管理局"
    ans = seed_qa.ask("负责城市供水、污水和垃圾处理的城市管理部门，在方案里牵头了哪些工作？")
    assert ans.intent == "unit_tasks"
    assert {t.row_no for t in ans.tasks} == {t.row_no for t in seed_qa.task_rows() if unit in t.lead_units}
    # the same words before a bureau's own name, no task list asked: they are the topic
    assert seed_qa.ask("主管供热管网改造的住建局要在哪年完成？").intent != "unit_tasks"


@pytest.mark.parametrize("text,role", [
    ("Housing bureau, supporting role only — which tasks?", "participating"),
    ("List all tasks of the housing bureau, both leading and supporting.", "any"),
])
def test_roles_said_in_english(seed_qa, text: str, role: str) -> None:  # type: ignore[no-untyped-def]
    q = seed_qa._make_answerer()._understand(text, None)
    assert q.intent == "unit_tasks" and q.role == role


def test_a_level_before_a_place_noun_is_no_document_level() -> None:
    assert not LEVEL_RE["county"].search("多少县级地区要建成示范县") and LEVEL_RE["county"].search("县级方案里")
    assert not LEVEL_RE["provincial"].search("省级以上绿色建筑")


def test_a_deadline_asked_of_a_row_after_its_lead(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa._docs()[0]
    timeless = next(t for t in doc.tasks if t.row_no and not any(c.isdigit() for c in t.requirement))
    lead = timeless.lead_units[0]
    ans = seed_qa.ask(f"分工表第{timeless.row_no}项由{lead}牵头，完成时限是哪年？").to_dict()
    assert ans["intent"] == "deadline" and not ans["found"] and "未规定" in ans["answer"]
    dated = next(t for t in doc.tasks if t.row_no and "2025" in t.requirement)
    assert seed_qa.ask(f"分工表第{dated.row_no}项的完成时限是哪年？").found


def test_a_row_phrase_splits_at_ascii_commas() -> None:
    row = TaskRow(doc_id="d", row_no=1, key_task="k", measure="发展应用绿色低碳建材",
                  requirement="推进建筑垃圾集中处理、分类收集,推广建筑垃圾再生利用产品,提高建材循环利用率和建筑垃圾资源化利用比例",
                  lead_units=("市城市管理局",), participating_units=())
    assert row_phrase(row) == "推进建筑垃圾集中处理、分类收集"


def test_english_glossed_by_chinese_is_understood() -> None:
    assert not not_understood("What is the main line of attack (主攻方向) in the guiding thought?")
    assert not_understood("What is the main line of attack in the guiding thought?")


def test_a_count_in_the_gold_is_the_layouts_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "eval"))
    import layouts

    tasks = [{"task_id": f"t{i}", "clause_no": 1, "row_no": None, "item": f"（一）{i}",
              "lead_units": ["甲局"] if i == 1 else [], "participating_units": ["甲局", "乙局"]} for i in (1, 2, 3)]
    q = {"id": "x", "type": "unit_tasks", "doc": "d", "layouts": "all",
         "gold": {"unit": "甲局", "role": "lead", "tasks": ["t1", "t2", "t3"], "must_include": ["甲局", "三项"],
                  "must_include_alt": [[], ["3项"]]}}
    got = layouts.expand(q, {"d": {"doc_id": "d", "tasks": tasks}}, "inline_all_duty")
    assert got is not None and got["gold"]["must_include"] == ["甲局", "1项"] and "一项" in got["gold"]["must_include_alt"][1]
    assert q["gold"]["must_include"][1] == "三项"  # the question itself is left as written
    q["gold"]["must_include"][1] = "2项"  # a count of some other set (tasks shared with a partner): kept
    got = layouts.expand(q, {"d": {"doc_id": "d", "tasks": tasks}}, "inline_all_duty")
    assert got is not None and got["gold"]["must_include"][1] == "2项"


def test_a_headcount_is_answered_only_by_a_count_of_people() -> None:
    from assistant.answering.asked import missing_kind

    share = ["到2027年县城生活垃圾回收利用率达到35%以上[1]。"]
    assert missing_kind("县城管局安排多少人搞垃圾分类？", "", share) == "headcount"
    assert missing_kind("x", "How many staff does the bureau assign to waste sorting?", share) == "headcount"
    assert missing_kind("培训多少人？", "", ["每年培训技术人员500人[1]。"]) is None
    assert missing_kind("人均公园绿地面积多少？", "", share) != "headcount"
    for q in ("聊城在全省排第几名？", "每年多少名额？"):  # a rank, places: no headcount
        assert missing_kind(q, "", share) != "headcount", q


def test_a_pair_where_the_plan_names_no_lead(synthetic_file, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    import assistant
    from tests.synthetic.matrix import Cell

    path = synthetic_file(Cell("inline_all_duty", "txt", "county"))
    qa = assistant.load(index_dir=tmp_path_factory.mktemp("idx"), corpus_dir=path.parent, embed_backend="fake")
    rows = qa.task_rows()
    a, b = next((t.participating_units[0], t.participating_units[1]) for t in rows
                if not t.lead_units and len(t.participating_units) >= 2)
    shared = {t.item for t in rows if not t.lead_units and {a, b} <= set(t.participating_units)}
    ans = qa.ask(f"哪些任务是{a}牵头、{b}配合的？")
    assert not ans.found and "未明确" in ans.answer and len(ans.citations) == len(shared)  # no one leads: shown, no answer


def test_a_rate_asked_keeps_its_measure(seed_qa) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.figures import indicator_phrase

    understand = seed_qa._make_answerer()._understand
    assert indicator_phrase(understand("供热计量装置安装的覆盖率目标是多少？", None)).endswith("覆盖率")
    two = indicator_phrase(understand("生活垃圾回收利用率和装配式建筑比例分别是多少？", None), joins=True)
    assert "利用率" not in two and "比例" not in two  # two measures: each part is matched on its own


def test_a_combination_of_units_is_graded_on_its_listed_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """住建局牵头、城管局配合的: the gold lists fewer tasks than the unit's whole set; each
    layout grades the listed tasks as it reads the unit's part (where no lead is named: none)."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "eval"))
    import layouts

    from tests.synthetic.content import DOCUMENTS
    from tests.synthetic.gold import document_gold

    doc = next(d for d in DOCUMENTS if d.level == "municipal")
    table = document_gold("table_ruled", doc)
    unit = table["tasks"][0]["lead_units"][0]
    led = [t["task_id"] for t in table["tasks"] if unit in t["lead_units"]]
    assert len(led) > 2
    q = {"id": "x", "type": "unit_tasks", "doc": doc.stem, "layouts": "all",
         "gold": {"unit": unit, "role": "lead", "tasks": led[:2], "must_include": [unit]}}
    got = layouts.expand(q, {doc.stem: table}, "table_ruled")
    wanted = sorted(t["row_no"] for t in table["tasks"] if t["task_id"] in led[:2])
    assert got is not None and got["type"] == "unit_tasks" and got["gold"]["rows"] == wanted
    whole = dict(q, gold=dict(q["gold"], tasks=led))  # the unit's own list: the layout's whole reading
    got = layouts.expand(whole, {doc.stem: table}, "table_ruled")
    assert got is not None and len(got["gold"]["rows"]) == len(led)
    inline = document_gold("inline_all_duty", doc)  # X、Y按职责分工负责: a lead only where the text names one
    held = sorted(t["item"] for t in inline["tasks"] if t["task_id"] in led[:2] and unit in t["lead_units"])
    got = layouts.expand(q, {doc.stem: inline}, "inline_all_duty")
    assert got is not None and (got["type"] == "refuse" if not held else got["gold"]["items"] == held)
