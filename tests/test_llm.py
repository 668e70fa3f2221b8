"""Optional LLM rewrite: accepted only when every figure and unit is backed by citations."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answering.llm import check_rewrite, rewrite
from assistant.types import Citation

CIT = (Citation(doc_id="d", doc_title="t", level="municipal", clause_no=7, row_no=8,
                text="到2025年城市（县城）再生水利用率达到55%。"),)
EXTRACTIVE = "到2025年城市（县城）再生水利用率达到55%[1]。"


def test_faithful_rewrite_is_used() -> None:
    fluent = "按照方案，2025年全市城市（县城）再生水利用率要达到55%[1]。"
    assert rewrite(FakeListChatModel(responses=[fluent]), "再生水？", EXTRACTIVE, CIT) == fluent


def test_invented_number_falls_back() -> None:
    bad = "2025年再生水利用率要达到60%[1]。"
    assert check_rewrite(bad, CIT, EXTRACTIVE) == ["number 60%"] or "60" in " ".join(check_rewrite(bad, CIT, EXTRACTIVE))
    assert rewrite(FakeListChatModel(responses=[bad]), "再生水？", EXTRACTIVE, CIT) == EXTRACTIVE


def test_invented_unit_or_marker_falls_back() -> None:
    assert check_rewrite("由市水利局负责，达到55%[1]。", CIT, EXTRACTIVE)
    assert check_rewrite("达到55%[2]。", CIT, EXTRACTIVE)
    assert check_rewrite("达到55%。", CIT, EXTRACTIVE)  # markers dropped


def test_qa_uses_chat_model(seed_qa) -> None:  # type: ignore[no-untyped-def]
    seed_qa.chat_model = FakeListChatModel(responses=["海绵城市建设由市住房和城乡建设局牵头[1]。"])
    try:
        ans = seed_qa.ask("海绵城市建设由哪个单位牵头？")
        assert ans.answer == "海绵城市建设由市住房和城乡建设局牵头[1]。"
        assert "llm" in ans.timings_ms
    finally:
        seed_qa.chat_model = None
