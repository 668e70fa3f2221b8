"""The page's event handlers over one shared QA object (the facade, passed in).

One ``QA`` object is shared by all sessions; it locks itself, so adding a document swaps
its index between questions.  No per-user state lives here: the chat history is a
``gr.State`` of each browser session, handed in and out of :meth:`UI.respond`.
Messages from the backend reach the page in Chinese (:mod:`assistant.ui.messages`).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assistant.config import AssistantError
from assistant.ui import render as R
from assistant.ui import tables as T
from assistant.ui.messages import closest_from_error, closest_units, to_chinese
from assistant.ui.pages import PageImages

log = logging.getLogger(__name__)

ALL = "（全部）"
UPLOAD_TYPES = (".pdf", ".docx", ".txt")
EXPORT_MAX_AGE_S = 3600


def blank(x: Any) -> Any:
    """Dropdown/textbox values meaning "no filter" become None."""
    if x is None:
        return None
    s = str(x).strip()
    return None if not s or s == ALL else s


def year_of(x: Any) -> int | None:
    s = blank(x)
    if s is None:
        return None
    try:
        return int(float(s))
    except ValueError:
        raise AssistantError(f"年份应为数字，例如 2025（收到：{s}）") from None


def _gr() -> Any:
    try:
        import gradio as gr
    except ImportError as e:  # pragma: no cover - install hint
        raise SystemExit("gradio is not installed: pip install 'gradio>=6,<7'") from e
    return gr


class UI:
    """Event handlers; each returns what the page shows, already rendered and escaped."""

    def __init__(self, qa: Any, export_dir: str | Path | None = None) -> None:
        self.qa = qa
        root = Path(export_dir or tempfile.mkdtemp(prefix="policy-ui-"))
        self.export_dir = root / "csv"
        self.export_dir.mkdir(parents=True, exist_ok=True)
        self.pages = PageImages(root / "pages")  # the one folder the server serves files from

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
        ``chat`` holds what is shown, already rendered.  An empty ``chat`` is a new
        conversation: a script calling ``/chat`` with ``[]`` must not inherit the
        follow-up history its session kept from earlier calls."""
        chat = list(chat or [])
        history = list(history or []) if chat else []
        question = (question or "").strip()
        if not question:
            return "", chat, history
        chat.append({"role": "user", "content": R.render_question(question)})
        try:
            d = self.ask(question, history, doc, level)
            chat.append({"role": "assistant", "content": R.render_answer(d, self.task_index(d), self.page_images(d))})
            history += [{"role": "user", "content": question}, {"role": "assistant", "content": d["answer"]}]
        except AssistantError as e:
            chat.append({"role": "assistant", "content": R.render_error(to_chinese(str(e)))})
        except Exception as e:  # never show a traceback in the page
            log.exception("ask failed")
            chat.append({"role": "assistant", "content": R.render_error(f"内部错误：{type(e).__name__}")})
        return "", chat, history

    def ask(self, question: str, history: Sequence[Any] | None = None, doc: str | None = None,
            level: str | None = None) -> dict[str, Any]:
        """``Answer.to_dict()`` of one question, with only the history given (no memory)."""
        return dict(self.qa.ask(question, k=5, history=list(history or ()), doc=blank(doc),
                                level=blank(level)).to_dict())

    def task_index(self, ans: Mapping[str, Any]) -> dict[R.TaskKey, Mapping[str, Any]]:
        """The tasks an answer's citations point to, so each card can show the canonical
        names and 完成时限 of its row, and whether it quotes the row or the body: the
        answer's own tasks, else the document's."""
        index = R.index_tasks(ans.get("tasks") or ())
        missing = {c.get("doc_id") for c in ans.get("citations") or ()
                   if (k := R.task_key(c)) is not None and k not in index}
        for doc_id in sorted(d for d in missing if d):
            try:
                for key, t in R.index_tasks(self.qa.tasks(doc=doc_id)).items():
                    index.setdefault(key, t)
            except AssistantError:
                continue
        return index

    def page_images(self, ans: Mapping[str, Any]) -> dict[int, str]:
        """Citation number -> URL of the picture of its PDF page (PDF sources only)."""
        cited = [c for c in ans.get("citations") or () if c.get("page")]
        if not cited:
            return {}
        files = {d["id"]: d.get("file") or "" for d in self.qa.corpus_report()["documents"]}
        corpus = Path(getattr(self.qa.settings, "corpus_dir", "."))
        out: dict[int, str] = {}
        for c in cited:
            name = files.get(c.get("doc_id"), "")
            url = self.pages.url(corpus / name, int(c["page"])) if name.lower().endswith(".pdf") else None
            if url:
                out[int(c["n"])] = url
        return out

    # ------------------------------------------------------------ 任务查询
    def find_tasks(self, unit: Any, role: Any, keyword: Any, year: Any) -> list[dict[str, Any]]:
        """The task dicts of a lookup; AssistantError (in English) when the input is bad."""
        return list(self.qa.tasks(unit=blank(unit), keyword=blank(keyword), year=year_of(year),
                                  role=role or "any"))

    def lookup_tasks(self, unit: Any, role: Any, keyword: Any, year: Any) -> tuple[str, str | None, str, list[str]]:
        """Results, CSV, notice, and the units to offer instead: not empty only when the
        unit is not one any task names (the page shows them as 'did you mean' choices)."""
        name, role = blank(unit), role or "any"
        try:
            tasks = self.find_tasks(unit, role, keyword, year)
        except AssistantError as e:
            close = closest_from_error(str(e)) if name else []
            return "", None, R.render_notice(to_chinese(str(e)) + ("。请从下面选择一个单位。" if close else ""), "warn"), close
        if name and not tasks:
            absent = self._absent_unit(name)
            if absent is not None:
                return "", None, R.render_notice(absent[0], "warn"), absent[1]
        who = name or "全部单位"
        filters = "、".join(x for x in (blank(keyword), f"{year_of(year)}年" if year_of(year) else None) if x)
        summary = f"{who}（{R.ROLE_CN.get(role, '全部')}{'，' + filters if filters else ''}）：共 {len(tasks)} 项任务"
        if not tasks:
            return "", None, R.render_notice(summary + "。没有符合这些条件的任务，可放宽角色、关键词或年份。", "warn"), []
        headers, rows = T.task_rows(tasks)
        path = self.export(T.task_csv_name(name and self._canonical(name), role, blank(keyword), year_of(year)),
                           headers, rows)
        return T.render_tasks(tasks), str(path), R.render_notice(summary), []

    def _canonical(self, name: str) -> str:
        try:
            return str(self.qa.resolve_unit(name) or name)
        except AssistantError:
            return name

    def _absent_unit(self, name: str) -> tuple[str, list[str]] | None:
        """A unit the facade knows of but no task of the corpus names: say so, and offer
        the closest units that do have tasks (not a silent 共 0 项任务)."""
        known = list(self.qa.known_units())
        canon = self._canonical(name)
        if canon in known:
            return None
        close = closest_units(canon, known)
        shown = f"“{name}”" + (f"（即 {canon}）" if canon != name else "")
        return (f"文件中没有{shown}承担的任务：它不是任何任务的牵头或参与单位。"
                f"最接近的已知单位：{'、'.join(close)}。请从下面选择一个单位。", close)

    # ------------------------------------------------------------ 目标指标
    def find_targets(self, year: Any, doc: Any, keyword: Any) -> list[dict[str, Any]]:
        kw = blank(keyword)
        titles = {d["id"]: d["title"] for d in self.qa.corpus_report()["documents"]}
        return [{**asdict(t), "doc_title": titles.get(t.doc_id, t.doc_id)}
                for t in self.qa.targets(year=year_of(year), doc=blank(doc))
                if not kw or kw in t.indicator or kw in t.text]

    def lookup_targets(self, year: Any, doc: Any, keyword: Any) -> tuple[str, str | None, str]:
        try:
            items = self.find_targets(year, doc, keyword)
        except AssistantError as e:
            return "", None, R.render_notice(to_chinese(str(e)), "warn")
        titles = {str(t["doc_id"]): str(t["doc_title"]) for t in items}
        headers, rows = T.target_rows(items, titles)
        if not rows:
            return "", None, R.render_notice("没有符合这些条件的量化目标。", "warn")
        doc_title = titles.get(blank(doc) or "") if blank(doc) else None
        path = self.export(T.target_csv_name(year_of(year), doc_title, blank(keyword)), headers, rows)
        return T.render_targets(rows), str(path), R.render_notice(f"共 {len(rows)} 项量化目标")

    # ------------------------------------------------------------ 文件库
    def corpus_html(self) -> str:
        return R.render_corpus(self.qa.corpus_report())

    def upload(self, file: Any, progress: Any = None) -> tuple[Any, ...]:
        """Validate and index one uploaded file; a bad file changes nothing, and the
        message names the file and the reason in Chinese."""
        path = upload_path(file)
        if path is None:
            status = R.render_status(False, "请先选择一个 PDF、DOCX 或 TXT 文件。")
        elif path.suffix.lower() not in UPLOAD_TYPES:
            status = R.render_status(False, f"未加入：{path.name}：不支持的文件类型（只接受 PDF、DOCX、TXT）。"
                                            "文件库和索引保持不变。")
        else:
            status = self._add(path, progress)
        return (status, self.corpus_html(), *self.choice_updates())

    def _add(self, path: Path, progress: Any) -> str:
        if progress is not None:
            progress(0.2, desc="检查、解析并更新索引…")
        try:
            # the update runs while the current index keeps answering; only the swap locks
            doc = self.qa.add_document(path, name=path.name, progress=progress is not None)
        except AssistantError as e:
            return R.render_status(False, f"未加入：{_named(to_chinese(str(e)), path.name)}。文件库和索引保持不变。")
        except Exception as e:
            log.exception("add_document failed")
            return R.render_status(False, f"未加入：{path.name}：内部错误 {type(e).__name__}。文件库和索引保持不变。")
        return R.render_status(True, f"已加入《{doc.meta.title}》（{R.level_cn(doc.meta.level)}），"
                                     f"{len(doc.clauses)} 条款、{len(doc.tasks)} 项任务。")

    def choice_updates(self) -> tuple[Any, ...]:
        """Fresh dropdown choices (unit, chat doc, target doc, task year, target year): the
        page config holds those of start-up, and another session may have added a file."""
        gr = _gr()
        units, docs, years = self.unit_choices(), self.doc_choices(), self.year_choices()
        return (gr.update(choices=units), gr.update(choices=docs), gr.update(choices=docs),
                gr.update(choices=years), gr.update(choices=years))

    # ------------------------------------------------------------ CSV
    def export(self, name: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
        """Write a CSV under its telling name, in a folder of its own (two sessions may
        export the same name at once); exports older than an hour are removed."""
        cutoff = time.time() - EXPORT_MAX_AGE_S
        for old in self.export_dir.iterdir():
            try:
                if old.stat().st_mtime < cutoff:
                    shutil.rmtree(old) if old.is_dir() else old.unlink()
            except OSError:
                pass
        folder = Path(tempfile.mkdtemp(prefix="csv-", dir=self.export_dir))
        return T.write_csv(folder / name, headers, rows)


def _named(message: str, name: str) -> str:
    """Make sure an error names the file it is about."""
    return message if name in message else f"{name}：{message}"


def upload_path(file: Any) -> Path | None:
    if not file:
        return None
    if isinstance(file, (list, tuple)):
        file = file[0] if file else None
    name = getattr(file, "name", None) or (file.get("path") if isinstance(file, dict) else file)
    return Path(str(name)) if name else None
