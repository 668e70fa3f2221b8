"""Questions that point at a document's structure, found on the twenty-first blind dev sets:
a table row counted from the end (最后一项, 倒数第二行), an item of a clause by its numbers
(第（四）条第2项), who does a clause's work, how many parts or rows a plan has, an attachment
by its number, and a level that names the documents a plan is based on, not the plan asked.
Question strings are synthetic; answers come from the seed plan and SYNTHETIC matrix files."""

from __future__ import annotations

import pytest

from assistant.answering.numbered import (
    OUTLINE_RE,
    TABLE_SIZE_RE,
    attachment_named,
    clause_named,
    item_named,
    row_from_end,
    row_named,
)
from assistant.answering.pointed import item_text


@pytest.mark.parametrize("text,row", [
    ("表里最后一项由哪个单位牵头？", -1),
    ("分工表倒数第二行的牵头单位是谁？", -2),
    ("What is the last row of the responsibility table about?", -1),
    ("the penultimate item of the annex table", -2),
    ("分工表第5项由谁牵头", 5),
    ("第（四）条最后一项是什么", None),  # an item of a clause, no table pointed at
    ("国家方案第（四）条第2项由谁牵头", None),  # an item of the text, not row 2
    ("分工表倒数第12行", -12),
    ("倒数第二项任务由谁牵头？", None),  # no table named: not row 2 either
    ("方案最后一条要求表述的是什么？", None),  # 表述 is no table
    ("根据《节约能源法》第5项规定", None),  # another text's numbering
])
def test_rows_named_by_number_or_from_the_end(text: str, row: int | None) -> None:
    assert row_named(text) == row


@pytest.mark.parametrize("text,item", [
    ("国家方案第（四）条第2项由谁牵头", (4, 2)),
    ("第四条第二项讲的是什么", (4, 2)),
    ("（五）里的第3项", (5, 3)),
    ("（四）2由谁牵头", (4, 2)),
    ("Who leads item 2 of clause (4)?", (4, 2)),
    ("clause 10, item 3", (10, 3)),
    ("到2025年（四）20%", None),
    ("第三部分第2条", None),
    ("（四）2个试点由谁牵头", None),  # a quantity, not an item
    ("（二）3家单位分别是谁", None),
])
def test_items_of_a_clause_named_by_their_numbers(text: str, item: tuple[int, int] | None) -> None:
    assert item_named(text) == item


@pytest.mark.parametrize("text,clause", [
    ("第（六）条由谁牵头？", 6),
    ("Which unit leads clause (6) in the responsibility table?", 6),  # 'clause' is no row
    ("分工表第5条由谁牵头", None),  # a bare 第5条 of a table is its row
    ("第三部分第2条", None),  # numbered within a part
    ("第（四）条第2项", None),  # an item, read as such
    ("第三部分的第（二）条", None),
    ("《城乡规划法》第五条规定由谁负责？", None),  # an article of a law, not of the plan
    ("Who leads article 3 of the Energy Conservation Law?", None),
    ("第十十条由谁牵头", None),  # a slip: no number, and no error
])
def test_clauses_named_by_number(text: str, clause: int | None) -> None:
    assert clause_named(text) == clause


def test_outline_and_table_size_are_asked_only_of_the_plan_as_a_whole() -> None:
    for asked in ("方案有几部分？", "方案一共分几个部分？", "这个文件分为哪几部分", "How many parts does the plan have?"):
        assert OUTLINE_RE.search(asked), asked
    for other in ("资金由几部分组成", "保障措施包括哪几部分内容", "方案有几个部分涉及农村",
                  "how many sections of the plan mention rural areas"):
        assert not OUTLINE_RE.search(other), other
    assert TABLE_SIZE_RE.search("How many rows does the responsibility table have?")
    assert not TABLE_SIZE_RE.search("how many tasks have a deadline in 2025 according to the table?")
    assert not TABLE_SIZE_RE.search("分工表里有几项任务是两个单位共同牵头的？")


def test_rows_from_the_end_follow_the_tables_own_numbers() -> None:
    assert row_from_end([1, 2, 3, 5], -1) == 5 and row_from_end([1, 2, 3, 5], -2) == 3  # a gap in the numbering
    assert row_from_end([1, 2], -3) is None and row_from_end([1, 2], 7) == 7


def test_item_text_stops_at_the_next_item_and_skips_decimals() -> None:
    clause = "（四）合成条款标题\n1.合成甲项，提高到1.5倍。\n2.合成乙项。（甲局负责）\n3.合成丙项。"
    assert item_text(clause, 1) == "合成甲项，提高到1.5倍。"
    assert item_text(clause, 2) == "合成乙项。（甲局负责）"
    assert item_text(clause, 4) is None
    assert attachment_named("附件2是什么") == 2 and attachment_named("What does Attachment 3 contain?") == 3
    assert attachment_named("附件是什么") is None


def test_seed_rows_from_the_end_outline_and_attachments(seed_qa) -> None:  # type: ignore[no-untyped-def]
    last = max(t.row_no for t in seed_qa.task_rows())
    ans = seed_qa.ask("分工表最后一项由哪个单位牵头？").to_dict()
    assert ans["found"] and f"序号{last}" in ans["answer"]
    assert f"序号{last - 1}" in seed_qa.ask("分工表倒数第二行由谁牵头？").to_dict()["answer"]
    size = seed_qa.ask("分工表一共有多少项任务？").to_dict()
    assert size["found"] and f"共{last}项" in size["answer"]
    parts = seed_qa.ask("方案一共分几个部分？").to_dict()
    assert parts["found"] and "5个部分" in parts["answer"] and "保障措施" in parts["answer"]
    # a count with a condition is no table size (分工表里有几项任务是两个单位共同牵头的)
    assert "序号1—" not in seed_qa.ask("分工表里有几项任务是两个单位共同牵头的？").to_dict()["answer"]
    second = seed_qa.ask("附件2是什么？").to_dict()
    assert not second["found"] and "没有附件2" in second["answer"]
    assert seed_qa.ask("附件1是什么？").to_dict()["found"]


def test_a_level_the_plan_is_based_on_is_not_the_scope(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("这个方案是根据哪些省级文件制定的？").to_dict()
    assert ans["found"] and "没有省级文件" not in ans["answer"]
    assert "没有省级文件" in seed_qa.ask("省级文件里清洁取暖由谁牵头？").to_dict()["answer"]
    assert "没有省级文件" in seed_qa.ask("按照省级方案，清洁取暖由谁牵头？").to_dict()["answer"]  # the plan asked of


def test_a_role_word_describing_the_plan_is_not_asked() -> None:
    from assistant.answering.asking import question_role, undescribed

    assert question_role(undescribed("住建部牵头印发的方案里我们局要干哪些活")) == "any"
    assert question_role(undescribed("谁牵头落实省里印发的方案？")) == "lead"  # the asking words stay


def test_who_does_a_clauses_work(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa._docs()[0]
    with_rows = {t.clause_no for t in doc.tasks}
    empty = next(c.no for c in doc.clauses if c.no not in with_rows and c.section_no and c.section_no > 1)
    ans = seed_qa.ask(f"第（{'一二三四五六七八九十'[empty - 1] if empty <= 10 else empty}）条由谁牵头？").to_dict()
    assert not ans["found"] and "没有列出" in ans["answer"]
    full = next(c for c in doc.clauses if sum(t.clause_no == c.no for t in doc.tasks) == 1)
    row = next(t for t in doc.tasks if t.clause_no == full.no)
    ans = seed_qa.ask(f"Which unit leads clause ({full.no})?").to_dict()
    assert ans["found"] and row.lead_units[0] in ans["answer"]


@pytest.fixture(scope="module")
def inline_qa(synthetic_qa):  # type: ignore[no-untyped-def]
    return synthetic_qa("inline_lead_coop", "txt", "national")


def test_an_item_of_a_clause_by_its_numbers(inline_qa) -> None:  # type: ignore[no-untyped-def]
    task = next(t for t in inline_qa.task_rows() if t.item.endswith("2") and t.lead_units)
    clause = task.item[: task.item.index("）") + 1]
    ans = inline_qa.ask(f"第{clause}条第2项由谁牵头？").to_dict()
    assert ans["found"] and task.lead_units[0] in ans["answer"] and ans["tasks"][0]["item"] == task.item
    what = inline_qa.ask(f"第{clause}条第2项讲的是什么？").to_dict()
    assert what["found"] and task.requirement[:10] in what["answer"]
    missing = inline_qa.ask(f"第{clause}条第9项由谁牵头？").to_dict()
    assert not missing["found"] and "没有第9项" in missing["answer"]
    absent = inline_qa.ask("第（三十）条由谁牵头？").to_dict()
    assert not absent["found"] and "没有第（三十）条" in absent["answer"]


def test_an_item_of_a_clause_that_numbers_no_items(seed_qa) -> None:  # type: ignore[no-untyped-def]
    doc = seed_qa._docs()[0]
    clause = next(c for c in doc.clauses if sum(t.clause_no == c.no for t in doc.tasks) >= 2 and "2." not in c.text)
    rows = [t for t in doc.tasks if t.clause_no == clause.no]
    ans = seed_qa.ask(f"第{clause.no}条第2项由谁牵头？").to_dict()  # no item 2 to find: the clause's tasks, all of them
    assert ans["found"] and {t["row_no"] for t in ans["tasks"]} == {t.row_no for t in rows}
    what = seed_qa.ask(f"第{clause.no}条第2项讲的是什么？").to_dict()
    assert what["found"] and "不分项" in what["answer"]


def test_a_plan_with_no_table_counts_the_tasks_its_body_assigns(inline_qa) -> None:  # type: ignore[no-untyped-def]
    # the fixture's folder may hold the other levels' plans too: each is counted on its own line
    for text in ("方案一共列了多少项具体分工任务？", "分工表有多少行？"):
        ans = inline_qa.ask(text).to_dict()
        assert ans["found"] and "没有单独的责任分工表" in ans["answer"], (text, ans["answer"])
        for doc in inline_qa.documents:
            line = next(x for x in ans["answer"].splitlines() if doc.meta.title in x)
            assert f"共{len(doc.tasks)}项" in line, (text, line)


@pytest.mark.parametrize(("text", "asked"), [
    ("附件分工表一共列了多少项重点任务（序号到几）？", True),  # the kind of task and a note after the count
    ("分工表里共有多少项主要任务？", True),
    ("分工表里有几项任务是两个单位牵头的？", False),  # a count of some of them
    ("分工表里有几项任务（住建局牵头的）？", False),  # …said in a note (a reviewer's probe)
    ("附件里有多少项重点任务（不含住建局牵头的）？", False),
])
def test_the_tables_size_asked_with_the_kind_of_task(text: str, asked: bool) -> None:
    assert bool(TABLE_SIZE_RE.search(text)) is asked


def test_a_rows_figure_asked_with_its_indicator(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """第N项 of the table and an indicator asked: the figure, not the row's lead (附件 names the table)."""
    doc = seed_qa.documents[0]
    target = next(t for t in doc.targets if t.row_no is not None and "%" in t.value)
    ans = seed_qa.ask(f"附件分工表第{target.row_no}项，{target.indicator}要达到多少？")
    assert ans.found and target.value.replace(" ", "") in ans.answer.replace(" ", ""), ans.answer
