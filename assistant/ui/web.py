"""The web page (gradio 6): 问答, 任务查询, 目标指标, 文件库 — built here, started by ``app.py``.

The handlers live in :mod:`assistant.ui.handlers`, the HTML in :mod:`assistant.ui.render`
and :mod:`assistant.ui.tables`, the JSON endpoints in :mod:`assistant.ui.api`.  Chat history
lives per browser session in a ``gr.State``; the page's own events are private, so what
scripts see is ``/ask`` (JSON, no memory), ``/tasks``, ``/targets`` (JSON), ``/chat`` (the
chat tab's turn), ``/clear``, ``/corpus`` and ``/add_document``.
"""

from __future__ import annotations

from typing import Any

from assistant.ui import api
from assistant.ui import render as R
from assistant.ui.handlers import ALL, UI, _gr
from assistant.ui.locale import ChineseLocale
from assistant.ui.style import CSS

__all__ = ["UI", "EXAMPLES", "CSS", "build_blocks", "theme", "launch"]

#: one question per kind the assistant answers, each checked against the seed document
#: (tests/test_browser.py asserts its key fact): lead, a unit's tasks, a target, a
#: deadline, one the documents do not answer, and English
EXAMPLES = [
    "海绵城市建设由哪个单位牵头？",
    "市城市管理局牵头哪些任务？",
    "2025年农村地区清洁取暖率要达到多少？",
    "自查综合报告每年什么时候报送？",
    "新能源汽车购置补贴标准是多少？",
    "Which department leads sponge city construction?",
]
ROLE_CHOICES = [("全部", "any"), ("牵头", "lead"), ("参与", "participating")]
LEVEL_CHOICES = [(ALL, ""), *((cn, lv) for lv, cn in R.LEVEL_CN.items())]
CSV_LABEL = "下载 CSV（UTF-8，Excel 可直接打开）"


def _file(path: str | None) -> Any:
    """The CSV download, shown only when there is a file (an empty upload box says nothing)."""
    return _gr().update(value=path, visible=path is not None)


def _chat_tab(ui: UI, docs: list[tuple[str, str]]) -> Any:
    """问答: the chat, the question box, example questions, an optional scope."""
    gr = _gr()
    history = gr.State([])
    # no floating label: gradio pins it over the top of the scrolling messages
    chatbot = gr.Chatbot(label="对话", show_label=False, height=520, elem_id="chat", layout="bubble",
                         buttons=["copy", "copy_all"], sanitize_html=True, allow_tags=False)
    with gr.Row(equal_height=True):
        question = gr.Textbox(placeholder="输入问题，例如：海绵城市建设由哪个单位牵头？", show_label=False,
                              scale=8, min_width=200, elem_id="question", autofocus=True)
        send = gr.Button("提问", variant="primary", scale=1, min_width=80, elem_id="send")
        clear = gr.Button("清空对话", scale=1, min_width=80, elem_id="clear")
    gr.Markdown("**示例问题**（点击即问）：")
    with gr.Row(elem_classes=["pa-examples"]):
        buttons = [gr.Button(q, size="sm", min_width=160, elem_classes=["pa-example"]) for q in EXAMPLES]
    with gr.Accordion("检索范围（可选）", open=False), gr.Row():
        chat_doc = gr.Dropdown(docs, value="", label="只在此文件中查找", allow_custom_value=True)
        chat_level = gr.Dropdown(LEVEL_CHOICES, value="", label="文件层级")
    chat_in = [question, chatbot, history, chat_doc, chat_level]
    chat_out = [question, chatbot, history]
    send.click(ui.respond, chat_in, chat_out, api_name="chat")
    question.submit(ui.respond, chat_in, chat_out, api_visibility="private")
    for b, q in zip(buttons, EXAMPLES):
        b.click(lambda q=q: q, None, question, api_visibility="private").then(
            ui.respond, chat_in, chat_out, api_visibility="private")
    clear.click(lambda: ("", [], []), None, chat_out, api_name="clear")
    # the chatbot's own trash icon must forget the follow-up history too
    chatbot.clear(lambda: [], None, history, api_visibility="private")
    return chat_doc


def _tasks_tab(ui: UI, units: list[str], years: list[str]) -> tuple[Any, Any]:
    """任务查询: unit, role, keyword, year -> task cards, CSV, or why there are none."""
    gr = _gr()
    with gr.Row():
        unit = gr.Dropdown(units, value=ALL, label="责任单位", allow_custom_value=True, filterable=True,
                           elem_id="unit", scale=3, min_width=180)
        role = gr.Radio(ROLE_CHOICES, value="any", label="角色", elem_id="role", scale=2, min_width=180)
        keyword = gr.Textbox(label="关键词", placeholder="如：清洁取暖", scale=2, min_width=140, elem_id="keyword")
        year = gr.Dropdown(years, value=ALL, label="年份", allow_custom_value=True, scale=1, min_width=110)
    find = gr.Button("查询", variant="primary", elem_id="find-tasks")
    notice = gr.HTML(elem_id="task-summary")
    suggest = gr.Radio([], label="您要找的是不是：", visible=False, elem_id="unit-suggest")
    results = gr.HTML(elem_id="task-table")
    csv = gr.File(label=CSV_LABEL, elem_id="task-csv", interactive=False)
    def lookup(*args: Any) -> tuple[Any, ...]:
        html, path, text, close = ui.lookup_tasks(*args)
        return html, path, text, gr.update(choices=close, value=None, visible=bool(close))

    task_in, task_out = [unit, role, keyword, year], [results, csv, notice, suggest]
    find.click(lookup, task_in, task_out, api_visibility="private")
    keyword.submit(lookup, task_in, task_out, api_visibility="private")
    unit.change(lookup, task_in, task_out, api_visibility="private")
    # choosing a suggestion puts it in the unit box, whose change runs the lookup
    suggest.input(lambda v: v or ALL, suggest, unit, api_visibility="private")
    return unit, year


def _targets_tab(ui: UI, docs: list[tuple[str, str]], years: list[str]) -> tuple[Any, Any, list[Any]]:
    gr = _gr()
    with gr.Row():
        t_year = gr.Dropdown(years, value=ALL, label="年份", allow_custom_value=True, min_width=110)
        t_doc = gr.Dropdown(docs, value="", label="文件", allow_custom_value=True, min_width=180)
        t_kw = gr.Textbox(label="指标关键词", placeholder="如：绿色建筑", min_width=140)
    t_find = gr.Button("查询", variant="primary", elem_id="find-targets")
    notice = gr.HTML(elem_id="target-summary")
    results = gr.HTML(elem_id="target-table")
    csv = gr.File(label=CSV_LABEL, elem_id="target-csv", interactive=False, visible=False)

    def lookup(*args: Any) -> tuple[Any, ...]:
        html, path, text = ui.lookup_targets(*args)
        return html, _file(path), text

    t_in, t_out = [t_year, t_doc, t_kw], [results, csv, notice]
    t_find.click(lookup, t_in, t_out, api_visibility="private")
    t_kw.submit(lookup, t_in, t_out, api_visibility="private")
    return t_year, t_doc, [lookup, t_in, t_out]


def build_blocks(ui: UI) -> Any:
    """The gradio Blocks: four tabs wired to ``ui``'s handlers, plus the JSON endpoints."""
    gr = _gr()
    units, docs, years = ui.unit_choices(), ui.doc_choices(), ui.year_choices()
    with gr.Blocks(title="政策文件问答助手", analytics_enabled=False) as demo:
        gr.Markdown("## 政策文件问答助手\n回答只引用文件原文，每个结论后的 [n] 对应下方的引用卡片。")
        with gr.Tabs():
            with gr.Tab("问答", id="qa"):
                chat_doc = _chat_tab(ui, docs)
            with gr.Tab("任务查询", id="tasks"):
                unit, year = _tasks_tab(ui, units, years)
            with gr.Tab("目标指标", id="targets"):
                t_year, t_doc, (t_lookup, t_in, t_out) = _targets_tab(ui, docs, years)
            with gr.Tab("文件库", id="library"):
                corpus = gr.HTML(elem_id="corpus")
                with gr.Row():
                    # no file_types: gradio's own check answers in fixed English ("Invalid file
                    # type … Only … allowed"); ui.upload refuses other types in Chinese
                    upload_file = gr.File(label="上传 PDF / DOCX / TXT", elem_id="upload", min_width=200)
                    with gr.Column(min_width=200):
                        add = gr.Button("加入文件库并更新索引", variant="primary", elem_id="add-doc")
                        status = gr.HTML(elem_id="upload-status")
                refresh = gr.Button("刷新", size="sm")

                def upload_fn(file: Any, progress: Any = gr.Progress(track_tqdm=True)) -> Any:  # noqa: B008
                    return ui.upload(file, progress)

                choosers = [unit, chat_doc, t_doc, year, t_year]
                add.click(upload_fn, upload_file, [status, corpus, *choosers],
                          api_name="add_document", concurrency_limit=1)
                refresh.click(ui.corpus_html, None, corpus, api_name="corpus")
        api.register(ui)
        demo.load(ui.corpus_html, None, corpus, api_visibility="private")
        demo.load(ui.choice_updates, None, choosers, api_visibility="private")
        demo.load(t_lookup, t_in, t_out, api_visibility="private")
    return demo


def theme() -> Any:
    """Soft theme with local CJK fonts only: no web-font download, readable Chinese."""
    gr = _gr()
    fonts = ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", "sans-serif"]
    return gr.themes.Soft(primary_hue="blue", font=fonts, font_mono=["Noto Sans Mono CJK SC", "monospace"])


def launch(demo: Any, ui: UI, host: str, port: int) -> None:
    """Serve the page: our CSS and theme, gradio's own strings in Chinese (see
    :mod:`assistant.ui.locale`), no tracebacks in the page; the only folder served as
    files is the one of rendered PDF pages."""
    from starlette.middleware import Middleware

    demo.launch(server_name=host, server_port=port, css=CSS, show_error=False, footer_links=["api"],
                theme=theme(), allowed_paths=[str(ui.pages.folder.resolve())],
                app_kwargs={"middleware": [Middleware(ChineseLocale)]})
