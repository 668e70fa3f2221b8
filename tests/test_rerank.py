"""The second stage of retrieval: lexical share and the role a unit holds in a row."""

from __future__ import annotations

from assistant.search.rerank import rerank
from assistant.types import Chunk, Hit


def hit(cid: str, text: str, rank: int, kind: str = "clause") -> Hit:
    return Hit(chunk=Chunk(id=cid, doc_id="d", doc_title="合成", level="municipal", kind=kind, text=text),
               score=0.0, rank=rank)


def test_the_passage_holding_the_question_rises() -> None:
    hits = [hit("a", "合成测试：新建建筑执行节能标准。", 1), hit("b", "合成测试：海绵城市建设执行海绵城市标准。", 2)]
    assert [h.chunk.id for h in rerank("海绵城市标准", hits)] == ["b", "a"]
    assert [h.rank for h in rerank("海绵城市标准", hits)] == [1, 2]


def test_a_row_where_the_unit_holds_the_role_asked_rises() -> None:
    lead = hit("lead", "工作要求：合成任务甲。\n牵头单位：市合成局\n参与单位：市其他局", 3, "row")
    part = hit("part", "工作要求：合成任务乙。\n牵头单位：市其他局\n参与单位：市合成局", 2, "row")
    assert rerank("市合成局牵头哪些任务", [part, lead], units=["市合成局"], role="lead")[0].chunk.id == "lead"
    assert rerank("市合成局参与哪些任务", [lead, part], units=["市合成局"],
                  role="participating")[0].chunk.id == "part"


def test_nothing_to_rerank() -> None:
    assert rerank("任何问题", []) == []


def test_a_row_named_by_its_number_comes_first() -> None:
    rows = [Hit(chunk=Chunk(id=f"r{n}", doc_id="d", doc_title="合成", level="municipal", kind="row",
                            text=f"工作要求：合成任务{'甲乙丙'[n - 1]}。", row_no=n), score=0.0, rank=n) for n in (1, 2, 3)]
    assert rerank("序号3那一项谁牵头", rows, row=3)[0].chunk.id == "r3"
    assert rerank("序号3那一项谁牵头", rows)[0].chunk.id == "r1"


def test_a_header_never_answers_who_leads() -> None:
    header = hit("h", "合成测试方案 发文单位：市合成局", 1, "header")
    row = hit("row", "工作要求：合成任务。\n牵头单位：市其他局\n参与单位：市另一局", 2, "row")
    assert rerank("市合成局牵头哪些任务", [header, row], units=["市合成局"], role="lead")[0].chunk.id == "row"
    assert rerank("市合成局印发了什么", [header, row], units=["市合成局"])[0].chunk.id == "h"
