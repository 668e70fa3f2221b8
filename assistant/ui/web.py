"""The chat web UI (gradio 6): 问答, 任务查询, 目标指标, 文件库 — started by ``app.py``.

Only the facade object (``assistant.qa.QA``, passed in) is called.  One ``QA`` object
is shared by all sessions; it locks itself, so adding a document swaps its index between
questions.  Chat history lives per session in a ``gr.State``; HTML comes from
``assistant.ui.render``, which escapes all document and user text.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.config import AssistantError
from assistant.ui import render as R

log = logging.getLogger(__name__)

EXAMPLES = ["清洁取暖由谁牵头？", "2025年城镇新建建筑中绿色建筑占比要求是多少？", "市城市管理局负责哪些任务？"]
UPLOAD_TYPES = (".pdf", ".docx", ".txt")
ALL = "（全部）"
ROLE_CHOICES = [("全部", "any"), ("牵头", "lead"), ("参与", "participating")]
LEVEL_CHOICES = [(ALL, ""), *((cn, lv) for lv, cn in R.LEVEL_CN.items())]


def _blank(x: Any) -> Any:
    """Dropdown/textbox values meaning "no filter" become None."""
    if x is None:
        return None
    s = str(x).strip()
    return None if not s or s == ALL else s


def _year(x: Any) -> int | None:
    s = _blank(x)
    if s is None:
        return None
    try:
        return int(float(s))
    except ValueError:
        raise AssistantError(f"年份应为数字，例如 2025（收到：{s}）") from None


class UI:
    """Event handlers over one shared QA object; no per-user state lives here."""

    def __init__(self, qa: Any, export_dir: str | Path | None = None) -> None:
        self.qa = qa
        self.export_dir = Path(export_dir or tempfile.mkdtemp(prefix="policy-ui-"))
        self.export_dir.mkdir(parents=True, exist_ok=True)

    # ------------------------------------------------------------ choices
    def unit_choices(self) -> list[str]:
        return [ALL, *self.qa.known_units()]

    def doc_choices(self) -> list[tuple[str, str]]:
        docs = self.qa.corpus_report()["documents"]
        return [(ALL, ""), *((f"{d['title']}（{R.level_cn(d.get('level'))}）", d["id"]) for d in docs)]

    def year_choices(self) -> list[str]:
        years = {t.year for t in self.qa.targets() if t.year}
        years |= {y for t in self.qa.tasks() for y in t.get("years") or ()}
        return [ALL, *(str(y) for y in sorted(years))]

    # ------------------------------------------------------------ 问答
    def respond(self, question: str, chat: list[dict[str, Any]] | None, history: list[dict[str, str]] | None,
                doc: str | None = None, level: str | None = None,
                ) -> tuple[str, list[dict[str, Any]], list[dict[str, str]]]:
        """One chat turn. ``history`` holds the raw (unescaped) turns for follow-ups;
        ``chat`` holds what is shown, already rendered."""
        chat, history = list(chat or []), list(history or [])
        question = (question or "").strip()
        if not question:
            return "", chat, history
        chat.append({"role": "user", "content": R.render_question(question)})
        try:
            ans = self.qa.ask(question, k=5, history=history, doc=_blank(doc), level=_blank(level))
            d = ans.to_dict()
            chat.append({"role": "assistant", "content": R.render_answer(d)})
            history += [{"role": "user", "content": question}, {"role": "assistant", "content": d["answer"]}]
        except AssistantError as e:
            chat.append({"role": "assistant", "content": R.render_error(str(e))})
        except Exception as e:  # never show a traceback in the page
            log.exception("ask failed")
            chat.append({"role": "assistant", "content": R.render_error(f"内部错误：{type(e).__name__}")})
        return "", chat, history

    def ask_json(self, question: str, doc: str | None = None, level: str | None = None) -> dict[str, Any]:
        """The plain ``Answer.to_dict()``, for API clients."""
        try:
            return dict(self.qa.ask(question, k=5, doc=_blank(doc), level=_blank(level)).to_dict())
        except AssistantError as e:
            raise _gr().Error(str(e)) from None

    # ------------------------------------------------------------ 任务查询
    def lookup_tasks(self, unit: str | None, role: str | None, keyword: str | None, year: Any,
                     ) -> tuple[Any, str | None, str]:
        gr = _gr()
        try:
            tasks = self.qa.tasks(unit=_blank(unit), keyword=_blank(keyword), year=_year(year),
                                  role=role or "any")
        except AssistantError as e:
            raise gr.Error(str(e)) from None
        headers, rows = R.task_table(tasks)
        path = R.write_csv(self._export_path("tasks"), headers, rows)
        who = _blank(unit) or "全部单位"
        summary = f"{who}（{R.ROLE_CN.get(role or 'any', '全部')}）：共 {len(rows)} 项任务"
        return {"headers": headers, "data": rows}, str(path), summary

    # ------------------------------------------------------------ 目标指标
    def lookup_targets(self, year: Any, doc: str | None, keyword: str | None) -> tuple[Any, str | None, str]:
        gr = _gr()
        try:
            targets = self.qa.targets(year=_year(year), doc=_blank(doc))
            titles = {d["id"]: d["title"] for d in self.qa.corpus_report()["documents"]}
        except AssistantError as e:
            raise gr.Error(str(e)) from None
        kw = _blank(keyword)
        items = [t.__dict__ for t in targets if not kw or kw in t.indicator or kw in t.text]
        headers, rows = R.target_table(items, titles)
        path = R.write_csv(self._export_path("targets"), headers, rows)
        return {"headers": headers, "data": rows}, str(path), f"共 {len(rows)} 项量化目标"

    # ------------------------------------------------------------ 文件库
    def corpus_html(self) -> str:
        return R.render_corpus(self.qa.corpus_report())

    def upload(self, file: Any, progress: Any = None) -> tuple[Any, ...]:
        """Validate and index one uploaded file; a bad file changes nothing."""
        path = _upload_path(file)
        if path is None:
            status = R.render_status(False, "请先选择一个 PDF、DOCX 或 TXT 文件。")
        elif path.suffix.lower() not in UPLOAD_TYPES:
            status = R.render_status(False, f"{path.name}：不支持的文件类型（只接受 PDF、DOCX、TXT）。")
        else:
            if progress is not None:
                progress(0.05, desc="检查并读取文件…")
            try:
                if progress is not None:
                    progress(0.2, desc="解析并更新索引…")
                # the update runs while the current index keeps answering; only the swap locks
                doc = self.qa.add_document(path, name=path.name, progress=progress is not None)
                status = R.render_status(True, f"已加入《{doc.meta.title}》（{R.level_cn(doc.meta.level)}），"
                                               f"{len(doc.clauses)} 条款、{len(doc.tasks)} 个任务行。")
            except AssistantError as e:
                status = R.render_status(False, f"未加入：{e}（文件库和索引保持不变）")
            except Exception as e:
                log.exception("add_document failed")
                status = R.render_status(False, f"未加入：内部错误 {type(e).__name__}（文件库和索引保持不变）")
        return (status, self.corpus_html(), *self.choice_updates())

    def choice_updates(self) -> tuple[Any, ...]:
        """Fresh dropdown choices (unit, chat doc, target doc, task year, target year): the
        page config holds those of start-up, and another session may have added a file."""
        gr = _gr()
        units, docs, years = self.unit_choices(), self.doc_choices(), self.year_choices()
        return (gr.update(choices=units), gr.update(choices=docs), gr.update(choices=docs),
                gr.update(choices=years), gr.update(choices=years))

    def _export_path(self, stem: str) -> Path:
        """A fresh CSV path; exports older than an hour are removed so /tmp does not fill up."""
        cutoff = time.time() - 3600
        for old in self.export_dir.glob("*.csv"):
            try:
                if old.stat().st_mtime < cutoff:
                    old.unlink()
            except OSError:
                pass
        fd, name = tempfile.mkstemp(prefix=f"{stem}-", suffix=".csv", dir=self.export_dir)
        os.close(fd)
        return Path(name)


def _upload_path(file: Any) -> Path | None:
    if not file:
        return None
    if isinstance(file, (list, tuple)):
        file = file[0] if file else None
    name = getattr(file, "name", None) or (file.get("path") if isinstance(file, dict) else file)
    return Path(str(name)) if name else None


def _gr() -> Any:
    try:
        import gradio as gr
    except ImportError as e:  # pragma: no cover - install hint
        raise SystemExit("gradio is not installed: pip install 'gradio>=5,<7'") from e
    return gr


def build_blocks(ui: UI) -> Any:
    """The gradio Blocks: four tabs wired to ``ui``'s handlers."""
    gr = _gr()
    units, docs, years = ui.unit_choices(), ui.doc_choices(), ui.year_choices()
    with gr.Blocks(title="政策文件问答助手", analytics_enabled=False) as demo:
        gr.Markdown("## 政策文件问答助手\n回答只引用文件原文，每个结论后的 [n] 对应下方的引用卡片。")
        with gr.Tabs():
            with gr.Tab("问答", id="qa"):
                history = gr.State([])
                chatbot = gr.Chatbot(label="对话", height=500, elem_id="chat", layout="bubble",
                                     buttons=["copy", "copy_all"], sanitize_html=True, allow_tags=False)
                with gr.Row():
                    question = gr.Textbox(placeholder="输入问题，例如：清洁取暖由谁牵头？", show_label=False,
                                          scale=8, elem_id="question", autofocus=True)
                    send = gr.Button("提问", variant="primary", scale=1, elem_id="send")
                    clear = gr.Button("清空对话", scale=1, elem_id="clear")
                with gr.Row():
                    gr.Markdown("**示例问题：**")
                    ex_buttons = [gr.Button(q, size="sm", elem_classes=["pa-example"]) for q in EXAMPLES]
                with gr.Accordion("检索范围（可选）", open=False), gr.Row():
                    chat_doc = gr.Dropdown(docs, value="", label="只在此文件中查找", allow_custom_value=True)
                    chat_level = gr.Dropdown(LEVEL_CHOICES, value="", label="文件层级")
                chat_in = [question, chatbot, history, chat_doc, chat_level]
                chat_out = [question, chatbot, history]
                send.click(ui.respond, chat_in, chat_out, api_name="chat")
                question.submit(ui.respond, chat_in, chat_out, api_visibility="private")
                for b, q in zip(ex_buttons, EXAMPLES):
                    b.click(lambda q=q: q, None, question, api_visibility="private").then(
                        ui.respond, chat_in, chat_out, api_visibility="private")
                clear.click(lambda: ("", [], []), None, chat_out, api_name="clear")
                # the chatbot's own trash icon must forget the follow-up history too
                chatbot.clear(lambda: [], None, history, api_visibility="private")
            with gr.Tab("任务查询", id="tasks"):
                with gr.Row():
                    unit = gr.Dropdown(units, value=ALL, label="责任单位", allow_custom_value=True,
                                       filterable=True, elem_id="unit", scale=3)
                    role = gr.Radio(ROLE_CHOICES, value="any", label="角色", elem_id="role", scale=2)
                    keyword = gr.Textbox(label="关键词", placeholder="如：清洁取暖", scale=2)
                    year = gr.Dropdown(years, value=ALL, label="年份", allow_custom_value=True, scale=1)
                find = gr.Button("查询", variant="primary", elem_id="find-tasks")
                task_summary = gr.Markdown(elem_id="task-summary")
                task_df = gr.Dataframe(headers=R.TASK_HEADERS, interactive=False, wrap=True, elem_id="task-table",
                                       max_height=600, column_widths=["5%", "12%", "23%", "28%", "12%", "12%", "8%"])
                task_csv = gr.File(label="下载 CSV（UTF-8，Excel 可直接打开）", elem_id="task-csv")
                task_in = [unit, role, keyword, year]
                find.click(ui.lookup_tasks, task_in, [task_df, task_csv, task_summary], api_name="tasks")
                unit.change(ui.lookup_tasks, task_in, [task_df, task_csv, task_summary], api_visibility="private")
            with gr.Tab("目标指标", id="targets"):
                with gr.Row():
                    t_year = gr.Dropdown(years, value=ALL, label="年份", allow_custom_value=True)
                    t_doc = gr.Dropdown(docs, value="", label="文件", allow_custom_value=True)
                    t_kw = gr.Textbox(label="指标关键词", placeholder="如：绿色建筑")
                t_find = gr.Button("查询", variant="primary")
                t_summary = gr.Markdown()
                t_df = gr.Dataframe(headers=R.TARGET_HEADERS, interactive=False, wrap=True, max_height=600,
                                    column_widths=["7%", "20%", "13%", "12%", "36%", "12%"])
                t_csv = gr.File(label="下载 CSV")
                t_find.click(ui.lookup_targets, [t_year, t_doc, t_kw], [t_df, t_csv, t_summary], api_name="targets")
            with gr.Tab("文件库", id="library"):
                corpus = gr.HTML(elem_id="corpus")
                with gr.Row():
                    upload_file = gr.File(label="上传 PDF / DOCX / TXT", file_types=list(UPLOAD_TYPES),
                                          elem_id="upload")
                    with gr.Column():
                        add = gr.Button("加入文件库并更新索引", variant="primary", elem_id="add-doc")
                        status = gr.HTML(elem_id="upload-status")
                refresh = gr.Button("刷新", size="sm")

                def upload_fn(file: Any, progress: Any = gr.Progress(track_tqdm=True)) -> Any:  # noqa: B008
                    return ui.upload(file, progress)

                choosers = [unit, chat_doc, t_doc, year, t_year]
                add.click(upload_fn, upload_file, [status, corpus, *choosers],
                          api_name="add_document", concurrency_limit=1)
                refresh.click(ui.corpus_html, None, corpus, api_name="corpus")
        demo.load(ui.corpus_html, None, corpus, api_visibility="private")
        demo.load(ui.choice_updates, None, choosers, api_visibility="private")
        demo.load(ui.lookup_targets, [t_year, t_doc, t_kw], [t_df, t_csv, t_summary], api_visibility="private")
    return demo


def theme() -> Any:
    """Soft theme with local CJK fonts only: no web-font download, readable Chinese."""
    gr = _gr()
    fonts = ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", "sans-serif"]
    return gr.themes.Soft(primary_hue="blue", font=fonts, font_mono=["Noto Sans Mono CJK SC", "monospace"])


