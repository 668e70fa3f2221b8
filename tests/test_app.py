"""The web UI through its API, with gradio_client, against a real ``app.py`` subprocess.

The server runs on a temp copy of the seed corpus with the fake embedder (see
``_ui_server.py``).  A second group of tests drives the ``UI`` handlers directly
with a stub QA object, to pin behaviour a live server makes awkward to observe:
the raw chat history handed to ``qa.ask``, and errors shown as one Chinese line.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from _ui_server import REPO, Server, shared

sys.path.insert(0, str(REPO))  # app.py lives at the repository root, outside any package

gradio_client = pytest.importorskip("gradio_client", reason="gradio_client is not installed")
from gradio_client import Client, handle_file  # noqa: E402
from gradio_client.exceptions import AppError  # noqa: E402

import assistant  # noqa: E402
from assistant.ui import web as app  # noqa: E402

UNIT = "市城市管理局"
SPONGE = "海绵城市建设由哪个单位牵头？"
FOLLOW_UP = "那2030年的目标呢？"  # about 海绵城市 only after SPONGE: 可渗透面积比例达45%
GOOD_DOC = """某某县档案数字化工作方案

一、工作目标

（一）总体目标。到2026年，全县机关档案数字化率达到90%以上，档案查阅实现网上办理。

二、重点任务

（二）推进存量档案数字化。按照先急后缓的原则，分批完成馆藏纸质档案扫描和著录。
"""


def _text(message: dict[str, Any]) -> str:
    """A chat message's text, whether content is a string or a list of parts."""
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(p.get("text", "") for p in content if isinstance(p, dict))


@pytest.fixture(scope="module", autouse=True)
def server(tmp_path_factory: pytest.TempPathFactory) -> Server:
    """Started before the first test and waited for only by those that need it: the
    handler tests (first in this file) run while the app boots."""
    return shared(lambda: tmp_path_factory.mktemp("ui-server"))


@pytest.fixture(scope="module")
def url(server: Server) -> str:
    return server.wait()


@pytest.fixture()
def client(url: str) -> Client:
    return Client(url, verbose=False)


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
    """Just enough of the facade: ask, tasks with the seed's unit rules, resolve_unit."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def ask(self, question: str, k: int = 5, history: Any = None, doc: Any = None, level: Any = None) -> Any:
        self.calls.append({"question": question, "history": list(history or []), "doc": doc, "level": level})
        if question == "boom":
            raise assistant.AssistantError("question too long (900 characters; at most 500)")
        return StubAnswer(question)

    def known_units(self) -> list[str]:
        return ["市住房和城乡建设局", "市城市管理局"]

    def resolve_unit(self, name: str, doc: str | None = None) -> str | None:
        return {"交通局": "市交通运输局", "城管局": "市城市管理局"}.get(name, name if name.startswith("市") else None)

    def tasks(self, unit: str | None = None, **kw: Any) -> list[dict[str, Any]]:
        canon = self.resolve_unit(unit) if unit else None
        if unit and canon is None:
            raise assistant.AssistantError(f"unknown unit: {unit} (closest known: 市城市管理局、市住房和城乡建设局)")
        row = {"doc_id": "d", "row_no": 6, "item": "6", "source": "table", "key_task": "K", "measure": "M",
               "requirement": "R", "lead_units": ["市城市管理局"], "participating_units": [],
               "lead_units_as_written": ["市城管局"], "participating_units_as_written": [],
               "units_text": "牵头单位：市城管局", "clause_no": 7, "deadline": None, "page": None, "doc_title": "T"}
        return [row] if canon in (None, "市城市管理局") else []


def test_respond_passes_raw_history_escapes_and_resets_on_empty_chat(tmp_path: Path) -> None:
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
    ui.respond("新问题", [], hist)  # the session still holds a history, the chat shown is empty
    assert qa.calls[2]["history"] == []


def test_respond_error_is_one_chinese_line_and_history_unchanged(tmp_path: Path) -> None:
    ui = app.UI(StubQA(), export_dir=tmp_path)
    box, chat, hist = ui.respond("boom", [], [])
    assert "问题太长（900 个字，最多 500 个字）" in chat[-1]["content"] and "Traceback" not in chat[-1]["content"]
    assert hist == [] and box == ""
    assert ui.respond("   ", chat, hist)[1] == chat  # an empty question does nothing


def test_task_lookup_names_unknown_and_absent_units_and_offers_close_ones(tmp_path: Path) -> None:
    ui = app.UI(StubQA(), export_dir=tmp_path)
    html, csv, notice, suggest = ui.lookup_tasks("城管", "any", "", None)
    assert html == "" and csv is None and "没有找到单位“城管”" in notice
    assert suggest[0] == "市城市管理局"
    html, csv, notice, suggest = ui.lookup_tasks("交通局", "any", "", None)  # known name, no task
    assert "“交通局”（即 市交通运输局）" in notice and "不是任何任务的牵头或参与单位" in notice
    assert "共 0 项" not in notice and suggest
    html, csv, notice, suggest = ui.lookup_tasks("城管局", "lead", "", None)
    assert "原文：市城管局" in html and "共 1 项任务" in notice and suggest == []
    assert Path(csv).name.startswith("任务_市城市管理局_牵头_") and Path(csv).read_bytes()[:3] == b"\xef\xbb\xbf"


class PdfQA(StubQA):
    """A corpus of one real PDF; its answers cite page 1 (and a page it does not have)."""

    def __init__(self, corpus: Path) -> None:
        super().__init__()
        self.settings = type("S", (), {"corpus_dir": corpus})()

    def corpus_report(self) -> dict[str, Any]:
        return {"documents": [{"id": "p", "title": "<b>某市PDF方案</b>", "file": "plan.pdf"}]}

    def ask(self, question: str, k: int = 5, history: Any = None, doc: Any = None, level: Any = None) -> Any:
        answer = super().ask(question, k, history, doc, level).to_dict()
        base = {"doc_id": "p", "doc_title": "<b>某市PDF方案</b>", "level": "municipal", "clause_no": 3,
                "row_no": None, "text": "正文", "item": "", "units_text": ""}
        answer["citations"] = [{**base, "n": 1, "page": 1}, {**base, "n": 2, "page": 9}, {**base, "n": 3, "page": None}]
        return type("A", (), {"to_dict": lambda self: answer})()


def test_cited_pdf_page_is_shown_on_click(tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    doc = pdfium.PdfDocument.new()
    doc.new_page(300, 400)
    doc.save(str(corpus / "plan.pdf"))
    ui = app.UI(PdfQA(corpus), export_dir=tmp_path / "ui")
    html = ui.respond("第几页？", [], [])[1][-1]["content"]
    assert html.count('<details class="pa-page">') == 1 and "查看PDF 第1页原貌" in html  # page 9 does not exist
    src = html.split('<img src="')[1].split('"')[0]
    assert src.startswith("gradio_api/file=") and Path(src.removeprefix("gradio_api/file=")).stat().st_size > 100
    assert Path(src.removeprefix("gradio_api/file=")).parent == (tmp_path / "ui" / "pages").resolve()
    assert "&lt;b&gt;某市PDF方案&lt;/b&gt;" in html and "<b>" not in html


# ---------------------------------------------------------------- the live server
def test_chat_answer_has_citation_card_with_cells_as_written(client: Client) -> None:
    box, chat = client.predict(SPONGE, [], api_name="/chat")[:2]
    assert box == ""  # the question box is cleared
    assert [m["role"] for m in chat] == ["user", "assistant"]
    html = _text(chat[-1])
    assert 'class="pa-cite"' in html and "[1]" in html and "附件第9行" in html
    assert "牵头单位：住房和城乡建设局" in html and "市住房和城乡建设局" in html  # as written, and canonical


def test_chat_with_an_empty_chat_starts_a_new_conversation(client: Client) -> None:
    first = client.predict(SPONGE, [], api_name="/chat")[1]
    follow = _text(client.predict(FOLLOW_UP, first, api_name="/chat")[1][-1])
    assert "45%" in follow.replace(" ", "")
    # same session, but the chat list is empty: nothing of the earlier turns may leak in
    fresh = client.predict(FOLLOW_UP, [], api_name="/chat")[1]
    assert len(fresh) == 2 and "45%" not in _text(fresh[-1]).replace(" ", "")


def test_ask_returns_the_answer_json_and_keeps_no_memory(url: str) -> None:
    a, b = Client(url, verbose=False), Client(url, verbose=False)
    first = a.predict(SPONGE, [], api_name="/ask")
    assert {"question", "answer", "found", "intent", "citations", "retrieved", "tasks", "conflicts",
            "timings_ms"} <= set(first)
    assert first["found"] and first["intent"] == "lead" and "<" not in first["answer"]
    cite = first["citations"][0]
    assert cite["row_no"] == 9 and cite["units_text"] == "牵头单位：住房和城乡建设局" and "page" in cite
    with_history = a.predict(FOLLOW_UP, [SPONGE], api_name="/ask")
    assert "45%" in with_history["answer"].replace(" ", "")
    for c in (b, a):  # another client, and the same one: an empty history is an empty history
        alone = c.predict(question=FOLLOW_UP, history=[], api_name="/ask")
        assert "45%" not in alone["answer"].replace(" ", "") and "海绵" not in alone["answer"]
    with pytest.raises(AppError, match="问题是空的"):
        a.predict("   ", [], api_name="/ask")


def test_concurrent_questions_get_their_own_answers(url: str) -> None:
    questions = app.EXAMPLES[:3]
    results: dict[str, dict[str, Any]] = {}

    def run(q: str) -> None:
        results[q] = Client(url, verbose=False).predict(q, [], api_name="/ask")

    threads = [threading.Thread(target=run, args=(q,)) for q in questions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert set(results) == set(questions)
    for q, ans in results.items():
        assert ans["question"] == q and ans["citations"]


def test_tasks_api_returns_task_dicts(client: Client) -> None:
    tasks = client.predict(UNIT, "any", None, None, api_name="/tasks")
    assert len(tasks) >= 3 and all(UNIT in t["lead_units"] + t["participating_units"] for t in tasks)
    row2 = next(t for t in tasks if t["row_no"] == 2)  # the document writes 市城管局 in this row
    assert "市城管局" in row2["participating_units_as_written"] and UNIT in row2["participating_units"]
    lead = client.predict(UNIT, "lead", None, None, api_name="/tasks")
    assert lead and all(UNIT in t["lead_units"] for t in lead) and len(lead) < len(tasks)
    alias = client.predict("市城管局", "any", None, None, api_name="/tasks")
    assert [t["row_no"] for t in alias] == [t["row_no"] for t in tasks]
    with pytest.raises(AppError, match="没有找到单位“不存在的局”。最接近的已知单位"):
        client.predict("不存在的局", "any", None, None, api_name="/tasks")


def test_targets_api_filters_by_year(client: Client) -> None:
    targets = client.predict(2025, None, None, api_name="/targets")
    assert targets and all(t["year"] == 2025 for t in targets)
    assert any(t["row_no"] is not None for t in targets) and targets[0]["doc_title"]


def test_upload_bad_file_changes_nothing_then_good_file_is_added(client: Client, tmp_path: Path) -> None:
    before = client.predict(api_name="/corpus")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"this is not a PDF")
    status, corpus_html = client.predict(handle_file(str(bad)), api_name="/add_document")[:2]
    assert "未加入" in status and "broken.pdf：不是有效的 PDF 文件" in status and "not a valid" not in status
    assert corpus_html == before
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "empty.txt：文件是空的" in client.predict(handle_file(str(empty)), api_name="/add_document")[0]

    good = tmp_path / "archive_plan.txt"  # a topic no other test asks about
    good.write_text(GOOD_DOC, encoding="utf-8")
    status, corpus_html = client.predict(handle_file(str(good)), api_name="/add_document")[:2]
    assert "已加入" in status and "某某县档案数字化工作方案" in corpus_html, status
    answer = client.predict("全县机关档案数字化率要达到多少？", [], api_name="/ask")
    assert "90%" in answer["answer"] and answer["citations"][0]["doc_title"] == "某某县档案数字化工作方案"
    # the injection fixture's markup stays text in the chat
    html = _text(client.predict("网页注入测试示例条款包含什么标记？", [], api_name="/chat")[1][-1])
    assert "&lt;img src=x onerror=alert(2)&gt;" in html or "&lt;script&gt;" in html
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in corpus_html


def test_conflict_between_body_and_table_is_highlighted(client: Client) -> None:
    # the seed plan says 三星级 in clause (十三) and 二星级 in its table row: a real conflict in the corpus
    chat = client.predict("超高层建筑项目按照什么星级建设？", [], api_name="/chat")[1]
    html = _text(chat[-1])
    assert 'class="pa-conflict"' in html
    assert "三星级" in html and "二星级" in html
