"""The web UI through its API, with gradio_client, against a real ``app.py`` subprocess.

The server runs on a temp copy of the seed corpus with the fake embedder (see
``_ui_server.py``).  A second group of tests drives the ``UI`` handlers directly
with a stub QA object, to pin behaviour a live server makes awkward to observe:
the raw chat history handed to ``qa.ask``, and errors shown as one line.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _ui_server import INJECTION, REPO, serve

sys.path.insert(0, str(REPO))  # app.py lives at the repository root, outside any package

gradio_client = pytest.importorskip("gradio_client", reason="gradio_client is not installed")
from gradio_client import Client, handle_file  # noqa: E402
from gradio_client.exceptions import AppError  # noqa: E402

import assistant  # noqa: E402
from assistant.ui import web as app  # noqa: E402

UNIT = "市城市管理局"


def _text(message: dict[str, Any]) -> str:
    """A chat message's text, whether content is a string or a list of parts."""
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(p.get("text", "") for p in content if isinstance(p, dict))


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(tmp_path_factory.mktemp("app")) as u:
        yield u


@pytest.fixture()
def client(url: str) -> Client:
    return Client(url, verbose=False)


def test_chat_answer_has_citation_card(client: Client) -> None:
    box, chat = client.predict("清洁取暖由谁牵头？", [], api_name="/chat")[:2]
    assert box == ""  # the question box is cleared
    assert [m["role"] for m in chat] == ["user", "assistant"]
    html = _text(chat[-1])
    assert 'class="pa-cite"' in html and "[1]" in html
    assert "聊城市城乡建设领域碳达峰实施方案" in html and "牵头" in html
    assert "第（" in html or "附件第" in html


def test_chat_keeps_per_session_history(url: str) -> None:
    a, b = Client(url, verbose=False), Client(url, verbose=False)
    chat_a = a.predict("清洁取暖由谁牵头？", [], api_name="/chat")[1]
    chat_a = a.predict("市城市管理局负责哪些任务？", chat_a, api_name="/chat")[1]
    chat_b = b.predict("2025年城镇新建建筑中绿色建筑占比要求是多少？", [], api_name="/chat")[1]
    assert len(chat_a) == 4 and len(chat_b) == 2
    assert "清洁取暖" not in _text(chat_b[0])


def test_concurrent_questions_get_their_own_answers(url: str) -> None:
    questions = ["清洁取暖由谁牵头？", "市城市管理局负责哪些任务？", "2025年城镇新建建筑中绿色建筑占比要求是多少？"]
    results: dict[str, list[dict[str, Any]]] = {}

    def run(q: str) -> None:
        results[q] = Client(url, verbose=False).predict(q, [], api_name="/chat")[1]

    threads = [threading.Thread(target=run, args=(q,)) for q in questions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert set(results) == set(questions)
    for q, chat in results.items():
        assert q in _text(chat[0]) and 'class="pa-cite"' in _text(chat[1])


def test_task_lookup_for_unit_and_csv(client: Client) -> None:
    table, csv_path, summary = client.predict(UNIT, "any", "", None, api_name="/tasks")
    headers, rows = table["headers"], table["data"]
    assert headers[:7] == ["序号", "重点任务", "主要措施", "工作要求", "牵头单位", "参与单位", "条款"]
    assert len(rows) >= 3 and f"共 {len(rows)} 项" in summary
    for r in rows:
        assert UNIT in r[4] or UNIT in r[5]
    raw = Path(csv_path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows the Chinese
    assert raw.decode("utf-8-sig").splitlines()[0].startswith("序号,重点任务")
    lead_rows = client.predict(UNIT, "lead", "", None, api_name="/tasks")[0]["data"]
    assert lead_rows and all(UNIT in r[4] for r in lead_rows) and len(lead_rows) <= len(rows)


def test_task_lookup_alias_and_unknown_unit(client: Client) -> None:
    alias = client.predict("市城管局", "any", "", None, api_name="/tasks")[0]["data"]
    canon = client.predict(UNIT, "any", "", None, api_name="/tasks")[0]["data"]
    assert [r[0] for r in alias] == [r[0] for r in canon]
    with pytest.raises(AppError, match="unknown unit|未知|不存在"):
        client.predict("不存在的局", "any", "", None, api_name="/tasks")


def test_targets_filter_by_year(client: Client) -> None:
    table, _, summary = client.predict("2025", "", "", api_name="/targets")
    assert table["data"] and all(r[0] == "2025" for r in table["data"])
    assert any("附件第" in r[3] or "第（" in r[3] for r in table["data"])


def test_upload_bad_file_changes_nothing_then_good_file_is_added(client: Client, tmp_path: Path) -> None:
    before = client.predict(api_name="/corpus")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"this is not a PDF")
    status, corpus_html = client.predict(handle_file(str(bad)), api_name="/add_document")[:2]
    assert "未加入" in status and "broken.pdf" in status and "Traceback" not in status
    assert corpus_html == before
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "未加入" in client.predict(handle_file(str(empty)), api_name="/add_document")[0]

    status, corpus_html = client.predict(handle_file(str(INJECTION)), api_name="/add_document")[:2]
    assert "已加入" in status, status
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in corpus_html and "<script>" not in corpus_html
    # and the new document can be asked about, its markup still escaped
    chat = client.predict("网页注入测试示例条款包含什么标记？", [], api_name="/chat")[1]
    html = _text(chat[-1])
    assert "&lt;img src=x onerror=alert(2)&gt;" in html or "&lt;script&gt;" in html
    assert "<script>" not in html and "<img" not in html


# ---------------------------------------------------------------- handlers, stub QA
class StubAnswer:
    def __init__(self, question: str) -> None:
        self.question = question

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "answer": f"答：{self.question}[1]", "found": True, "intent": "general",
                "citations": [{"n": 1, "doc_id": "d", "doc_title": "<b>T</b>", "level": "municipal",
                               "clause_no": 3, "row_no": None, "text": "<script>x()</script>"}],
                "retrieved": [], "tasks": [], "conflicts": [], "timings_ms": {"total": 1.0}, "english": None}


class StubQA:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def ask(self, question: str, k: int = 5, history: Any = None, doc: Any = None, level: Any = None) -> Any:
        self.calls.append({"question": question, "history": list(history or []), "doc": doc, "level": level})
        if question == "boom":
            raise assistant.AssistantError("corrupt index: please rebuild")
        return StubAnswer(question)


def test_respond_passes_raw_history_and_escapes(tmp_path: Path) -> None:
    qa = StubQA()
    ui = app.UI(qa, export_dir=tmp_path)
    _, chat, hist = ui.respond("<i>第一问</i>", [], [])
    _, chat, hist = ui.respond("那呢？", chat, hist, doc="", level="county")
    assert qa.calls[0]["history"] == []
    assert qa.calls[1]["history"] == [{"role": "user", "content": "<i>第一问</i>"},
                                      {"role": "assistant", "content": "答：<i>第一问</i>[1]"}]
    assert qa.calls[1]["doc"] is None and qa.calls[1]["level"] == "county"
    assert "&lt;i&gt;第一问&lt;/i&gt;" in chat[0]["content"] and "<i>" not in chat[0]["content"]
    assert "&lt;script&gt;" in chat[1]["content"] and "&lt;b&gt;T&lt;/b&gt;" in chat[1]["content"]
    assert len(chat) == 4 and len(hist) == 4


def test_respond_error_is_one_line_and_history_unchanged(tmp_path: Path) -> None:
    ui = app.UI(StubQA(), export_dir=tmp_path)
    box, chat, hist = ui.respond("boom", [], [])
    assert "corrupt index: please rebuild" in chat[-1]["content"] and "Traceback" not in chat[-1]["content"]
    assert hist == [] and box == ""
    assert ui.respond("   ", chat, hist)[1] == chat  # an empty question does nothing


def test_conflict_between_body_and_table_is_highlighted(client: Client) -> None:
    # the seed plan says 三星级 in clause (十三) and 二星级 in its table row: a real conflict in the corpus
    chat = client.predict("超高层建筑项目按照什么星级建设？", [], api_name="/chat")[1]
    html = _text(chat[-1])
    assert 'class="pa-conflict"' in html
    assert "三星级" in html and "二星级" in html
