"""Questions at another level of generality than the documents' words (round 44): a broader
word for several tasks (农村方面, the rural side, 供暖方面的任务由哪些部门牵头), a body named by its
side or system (the urban management side, 城管系统), the plan's basis asked by level."""

from __future__ import annotations

import pytest

from assistant.answering.english import translate
from assistant.answering.intent import BASIS_AFTER_RE, BASIS_RE


@pytest.mark.parametrize(("english", "held", "absent"), [
    ("Which rural-side tasks does the housing bureau lead?", "农村方面", ""),  # an area: X方面
    ("Which tasks is the urban management side responsible for?", "城市管理局", "方面"),  # a body's stem: the body
    ("Which tasks does the development and reform side assist with?", "发展和改革", "方面"),
    ("In which tasks does the Development and Reform Commission support the lead unit?", "配合", "牵头单位"),
    ("What do the market regulators take part in?", "市场监管局", ""),
])
def test_an_english_side_is_a_body_or_an_area(english: str, held: str, absent: str) -> None:
    out = translate(english)
    assert held in out and (not absent or absent not in out), out


@pytest.mark.parametrize(("before", "after", "basis"), [
    ("这个方案依据了", "的哪些文件？", True),  # the plan was based on them: no plan of that level asked
    ("", "的哪些方案是这个方案的依据？", True),
    ("按照", "的方案，清洁取暖率要达到多少？", False),  # according to that plan: it is asked
    ("这个方案是根据哪些", "文件制定的？", True),
    ("", "的方案是依据哪个文件制定的？", False),  # the plan of that level is asked about (a reviewer's probe)
    ("", "作为牵头单位的依据是什么？", False),
])
def test_a_level_of_the_plans_basis_is_no_level_asked(before: str, after: str, basis: bool) -> None:
    assert bool(BASIS_RE.search(before) or BASIS_AFTER_RE.search(after)) is basis


def test_a_units_tasks_on_a_broader_topic_across_synonyms(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """A topic word with synonyms in the data (供暖: 供热, 取暖): the unit's tasks writing any of them."""
    from assistant.text import synonym_groups

    doc = seed_qa.documents[0]
    group = next(g for g in synonym_groups() if "供暖" in g)
    lead = max({u for t in doc.tasks for u in t.lead_units},
               key=lambda u: sum(any(w in t.requirement for w in group) for t in doc.tasks if u in t.lead_units))
    mine = [t for t in doc.tasks if lead in t.lead_units]
    held = {t.row_no for t in mine if any(w in (t.measure or t.key_task) + t.requirement for w in group)}
    if not 1 < len(held) < len(mine):
        pytest.skip("the topic narrows nothing")
    ans = seed_qa.ask(f"{lead}在供暖方面牵头哪些任务？")
    assert ans.found and {t.row_no for t in ans.tasks} == held, ans.answer


class _Vocab:
    """A vocabulary knowing only the words given (the documents' words)."""

    def __init__(self, *words: str, common: tuple[str, ...] = ()) -> None:
        self.words, self.common, self.passages = {*words, *common}, set(common), 100

    def known(self, word: str) -> bool:
        return word in self.words

    def df(self, word: str) -> int:
        return 50 if word in self.common else 3 if word in self.words else 0


@pytest.mark.parametrize(("question", "kind", "held", "unnamed"), [
    ("滨河绿道要建多少公里？", "滨河", ["绿道"], True),  # a total of a kind the plan never names
    ("县城要建一个市民广场，集中硬地面积最多多大？", "市民", ["广场"], False),  # a limit holds for each 广场
    ("新开发的商品住宅楼，节能率要达到多少？", "商品", ["住宅楼"], False),  # a rate holds for each building
    ("商场屋顶装分布式光伏，省里谁牵头？", "商场", ["屋顶"], False),  # who leads the task, whatever the roof
])
def test_a_kind_the_plan_never_names(question: str, kind: str, held: list[str], unnamed: bool) -> None:
    from assistant.answering.answerable import unnamed_kind

    assert unnamed_kind(kind, question, held, _Vocab(*held), 1.0) is unnamed  # type: ignore[arg-type]


def test_the_targets_of_a_broader_topic(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    """X方面的量化目标有哪些: every target whose own sentence writes a word of the topic."""
    qa = synthetic_qa("table_ruled", "txt", "county")
    doc = qa.documents[0]
    want = {t.value.replace(" ", "") for t in doc.targets if "农村" in t.text or "乡村" in t.text}
    if not want:
        pytest.skip("no target on 农村")
    ans = qa.ask("农村方面的量化目标有哪些？")
    assert ans.found and all(v in ans.answer.replace(" ", "") for v in want), ans.answer


@pytest.mark.parametrize(("question", "term", "terms", "lacking", "instance"), [
    ("县一中教学楼屋顶装光伏，谁牵头？", "教学楼", ["县一中", "教学楼", "屋顶", "光伏"], {"县一中", "教学楼"}, True),
    ("县一中教学楼屋顶装光伏，谁牵头？", "县一中", ["县一中", "教学楼", "屋顶", "光伏"], {"县一中", "教学楼"}, True),
    ("小区充电桩建设谁牵头？", "充电桩", ["小区", "充电桩", "建设"], {"充电桩"}, False),  # one held word: which task?
    ("屋顶光伏和教学楼谁牵头？", "教学楼", ["屋顶", "光伏", "教学楼"], {"教学楼"}, False),  # not a kind of a held thing
])
def test_the_askers_instance_of_a_held_thing(question: str, term: str, terms: list[str], lacking: set[str],
                                             instance: bool) -> None:
    from assistant.answering.answerable import instance_of_held

    vocab = _Vocab("屋顶", "光伏", "小区", common=("建设",))
    assert instance_of_held(term, question, terms, lacking, vocab) is instance  # type: ignore[arg-type]


@pytest.mark.parametrize(("question", "who", "words"), [
    ("谁负责供暖方面的工作？", True, ["供暖"]),  # the topic wherever the question words stand
    ("住建局在2025年前要完成农村方面的哪些任务？", False, ["农村"]),
    ("住建局牵头的既有建筑节能改造方面的任务有哪些？", False, ["既有建筑节能改造"]),  # 既有 is one word
    ("农村方面，农房节能改造由谁牵头？", True, []),  # one task asked, in that area
    ("城乡建设领域碳达峰工作由哪个部门牵头？", True, []),
    ("方案中有关农村的目标有哪些？", False, ["农村"]),
    ("农村方面 任务 住房和城乡建设局 牵头 哪些任务", False, ["农村"]),  # an English question's terms
    ("公共建筑方面哪个部门牵头节能改造？", True, []),  # a task asked after the area (second review)
    ("清洁取暖这块谁牵头，要达到多少？", True, []),  # and a figure
    ("农村方面的任务有哪些，分别由谁牵头？", True, ["农村"]),
    ("牵头 供暖方面 由谁牵头", True, ["供暖"]),  # Who leads the heating side?
    ("能源领域的任务在市方案里有哪些？", False, ["能源"]),  # a plan's name after the topic is no title
])
def test_the_topic_is_the_whole_thing_asked(question: str, who: bool, words: list[str]) -> None:
    from assistant.answering.topics import topic_words

    assert topic_words(question, None, who) == words


def test_a_unit_named_by_its_department_in_the_plan_of_a_level(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    """X部门在县方案里: the county plan's unit whose name holds X, though another plan's unit (X部) reads closer."""
    qa = synthetic_qa("table_ruled", "txt", "national", "county")
    county = next(d for d in qa.documents if d.meta.level == "county")
    national = {u for d in qa.documents if d.meta.level == "national" for t in d.tasks for u in (*t.lead_units, *t.participating_units)}
    units = {u for t in county.tasks for u in (*t.lead_units, *t.participating_units)}
    stem = next((u[:-1] for u in sorted(national) if u.endswith("部") and len(u) == 3
                 and sum(u[:-1] in c for c in units) == 1), None)
    if stem is None:
        pytest.skip("no ministry whose stem names one county unit")
    unit = next(c for c in units if stem in c)
    ans = qa.ask(f"{stem}部门在县方案里参与哪些任务？")
    assert unit in ans.answer.splitlines()[0], ans.answer
