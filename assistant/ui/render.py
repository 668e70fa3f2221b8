"""HTML and table rendering for the web UI — pure functions, no gradio.

Everything that comes from a document or a person is passed through :func:`esc`
*before* any markup of ours is added, so a file or question holding ``<script>``
shows as text.  Kept apart from ``app.py`` so the escaping can be unit-tested
without starting a server.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant.answering.intents import LABELS
from assistant.text import csv_text, int_to_cn
from assistant.types import LEVEL_CN

KIND_CN = {"standard": "标准规范", "document": "政策文件"}
ROLE_CN = {"any": "全部", "lead": "牵头", "participating": "参与"}
TASK_HEADERS = ["序号", "重点任务", "主要措施", "工作要求", "牵头单位", "参与单位", "条款"]
TARGET_HEADERS = ["年份", "指标", "目标值", "出处", "原文", "文件"]

_REF_RE = re.compile(r"\[(\d{1,3})\]")

# Styles for the classes used below; app.py passes them to ``launch(css=...)``.
CSS = """
.pa-msg { line-height: 1.7; font-size: 15px; }
.pa-answer { white-space: normal; }
.pa-ref { color: #1d4ed8; font-weight: 600; font-size: 0.85em; vertical-align: super; }
.pa-notfound { color: #6b7280; }
.pa-english { color: #4b5563; font-style: italic; margin-top: 6px; }
.pa-conflict { border: 1px solid #f59e0b; background: #fffbeb; color: #78350f; border-radius: 8px;
  padding: 8px 12px; margin-top: 10px; }
.pa-conflict b { color: #b45309; }
.pa-conflict-src { margin-top: 4px; font-size: 13px; color: #92400e; }
.pa-cites { margin-top: 10px; display: flex; flex-direction: column; gap: 6px; }
.pa-cite { border: 1px solid #d1d5db; border-left: 4px solid #2563eb; border-radius: 6px; padding: 6px 10px;
  background: #f9fafb; color: #111827; font-size: 13.5px; }
.pa-cite-head { font-weight: 600; color: #1e3a8a; }
.pa-cite-no { display: inline-block; min-width: 2em; color: #2563eb; }
.pa-cite-loc { color: #374151; font-weight: 500; margin-left: 6px; }
.pa-cite-text { margin-top: 3px; color: #1f2937; max-height: 9em; overflow-y: auto; }
.pa-meta { color: #9ca3af; font-size: 12px; margin-top: 6px; }
.pa-error { color: #b91c1c; }
.pa-docs table { border-collapse: collapse; width: 100%; font-size: 14px; }
.pa-docs th, .pa-docs td { border: 1px solid #e5e7eb; padding: 4px 8px; text-align: left; vertical-align: top; }
.pa-docs th { background: #f3f4f6; white-space: nowrap; }
.pa-docs td.pa-num { white-space: nowrap; text-align: right; }
.pa-docs td.pa-file { word-break: break-all; font-size: 12.5px; color: #4b5563; }
.pa-status-ok { color: #047857; font-weight: 600; }
.pa-status-err { color: #b91c1c; font-weight: 600; }
"""


def esc(value: Any) -> str:
    """HTML-escape anything (None -> empty); the single gate for outside text."""
    return html.escape("" if value is None else str(value), quote=True)


def _lines(text: str) -> str:
    """Escaped text with line breaks as ``<br>``: no blank lines, so the chat's
    Markdown pass leaves our HTML block alone."""
    return "<br>".join(esc(line) for line in str(text or "").splitlines() if line.strip())


def level_cn(level: str | None) -> str:
    return LEVEL_CN.get(level or "other", level or "其他")


def clause_label(clause_no: int | None) -> str:
    return f"第（{int_to_cn(int(clause_no))}）条" if clause_no is not None else ""


def location_label(clause_no: int | None, row_no: int | None) -> str:
    """第（十五）条, 附件第24行, or both when a table row belongs to a clause."""
    if row_no is not None:
        row = f"附件第{int(row_no)}行"
        return f"{row}（{clause_label(clause_no)}）" if clause_no is not None else row
    return clause_label(clause_no) or "文件标题与发文信息"


def _markers(escaped: str) -> str:
    return _REF_RE.sub(r'<span class="pa-ref">[\1]</span>', escaped)


def render_question(question: str) -> str:
    """A user's chat bubble: the question as text, whatever it contains."""
    return f'<div class="pa-msg pa-question">{_lines(question)}</div>'


def render_error(message: str) -> str:
    return f'<div class="pa-msg pa-error">⚠ {esc(message)}</div>'


def render_citation(c: Mapping[str, Any]) -> str:
    n = esc(c.get("n", ""))
    title = esc(c.get("doc_title") or c.get("doc_id") or "")
    loc = esc(location_label(c.get("clause_no"), c.get("row_no")))
    return (f'<div class="pa-cite"><div class="pa-cite-head"><span class="pa-cite-no">[{n}]</span>'
            f'《{title}》（{esc(level_cn(c.get("level")))}）<span class="pa-cite-loc">{loc}</span></div>'
            f'<div class="pa-cite-text">{_lines(c.get("text", ""))}</div></div>')


def render_conflict(c: Mapping[str, Any]) -> str:
    """A warning box: the two sources disagree, with both passages quoted."""
    body_at = clause_label(c.get("clause_no")) or "正文"
    table_at = f"附件第{c['row_no']}行" if c.get("row_no") is not None else "附件表格"
    desc = esc(c.get("description") or "正文与附件表格不一致")
    quote = ""
    if c.get("body_text") or c.get("table_text"):
        quote = (f'<div class="pa-conflict-src">正文{esc(body_at)}：“{esc(c.get("body_text", ""))}”<br>'
                 f'{esc(table_at)}：“{esc(c.get("table_text", ""))}”</div>')
    return (f'<div class="pa-conflict"><b>⚠ 注意：来源之间不一致</b> — 正文为“{esc(c.get("body_value", ""))}”，'
            f'{esc(table_at)}为“{esc(c.get("table_value", ""))}”<br>{desc}{quote}</div>')


def render_answer(ans: Mapping[str, Any]) -> str:
    """One assistant chat bubble from ``Answer.to_dict()``: text with [n] markers,
    conflict warnings, then the numbered citation cards."""
    cls = "pa-answer" if ans.get("found", True) else "pa-answer pa-notfound"
    parts = [f'<div class="pa-msg"><div class="{cls}">{_markers(_lines(ans.get("answer", "")))}</div>']
    if ans.get("english"):
        parts.append(f'<div class="pa-english">{esc(ans["english"])}</div>')
    parts.extend(render_conflict(c) for c in ans.get("conflicts") or ())
    cites = ans.get("citations") or ()
    if cites:
        parts.append('<div class="pa-cites">' + "".join(render_citation(c) for c in cites) + "</div>")
    total = (ans.get("timings_ms") or {}).get("total")
    intent = str(ans.get("intent") or "")
    meta = [f"问题类型：{esc(LABELS.get(intent, intent))}"]
    if total is not None:
        meta.append(f"用时 {float(total):.0f} ms")
    parts.append(f'<div class="pa-meta">{" · ".join(meta)}</div></div>')
    return "".join(parts)


# ------------------------------------------------------------------ tables
def _units(xs: Iterable[str] | None) -> str:
    return "、".join(xs or ())


def task_table(tasks: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """Rows for the 任务查询 table; 完成时限 / 文件 columns only when they say something."""
    headers = list(TASK_HEADERS)
    with_deadline = any(t.get("deadline") for t in tasks)
    with_doc = len({t.get("doc_id") for t in tasks}) > 1
    if with_deadline:
        headers.append("完成时限")
    if with_doc:
        headers.append("文件")
    rows = []
    for t in tasks:
        row = [str(t.get("row_no") if t.get("row_no") is not None else ""), t.get("key_task") or "",
               t.get("measure") or "", t.get("requirement") or "", _units(t.get("lead_units")),
               _units(t.get("participating_units")), clause_label(t.get("clause_no"))]
        if with_deadline:
            row.append(t.get("deadline") or "")
        if with_doc:
            row.append(t.get("doc_title") or t.get("doc_id") or "")
        rows.append(row)
    return headers, rows


def target_table(targets: Sequence[Mapping[str, Any]],
                 titles: Mapping[str, str] | None = None) -> tuple[list[str], list[list[str]]]:
    titles = titles or {}
    rows = [[str(t.get("year") or "未注明"), t.get("indicator") or "", t.get("value") or "",
             location_label(t.get("clause_no"), t.get("row_no")), t.get("text") or "",
             titles.get(t.get("doc_id") or "", t.get("doc_id") or "")]
            for t in targets]
    rows.sort(key=lambda r: (r[0] == "未注明", r[0]))
    return list(TARGET_HEADERS), rows


def write_csv(path: str | Path, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    """UTF-8 *with BOM* so Excel opens the Chinese text correctly."""
    p = Path(path)
    p.write_text(csv_text(headers, rows), encoding="utf-8", newline="")
    return p


# ------------------------------------------------------------------ 文件库
def render_corpus(report: Mapping[str, Any]) -> str:
    """Documents with their metadata, cited-but-missing documents, and file errors."""
    docs = report.get("documents") or ()
    out = ['<div class="pa-docs">', f"<h3>已收录文件（{len(docs)}）</h3>",
           "<table><tr><th>标题</th><th>层级</th><th>文号</th><th>发文机关</th><th>日期</th>"
           "<th>条款</th><th>任务行</th><th>指标</th><th>文件</th></tr>"]
    for d in docs:
        issuers = d.get("issuers") or ()
        out.append(
            f"<tr><td>{esc(d.get('title'))}</td><td>{esc(level_cn(d.get('level')))}</td>"
            f"<td>{esc(d.get('doc_number') or '')}</td><td>{esc('、'.join(issuers))}</td>"
            f"<td>{esc(d.get('date') or '')}</td><td>{esc(d.get('clauses', ''))}</td>"
            f"<td>{esc(d.get('tasks', ''))}</td><td>{esc(d.get('targets', ''))}</td>"
            f"<td>{esc(d.get('file') or '')}</td></tr>")
    out.append("</table>")
    titles = {str(d.get("id")): str(d.get("title") or d.get("id")) for d in docs}
    missing = report.get("missing") or ()
    out.append(f"<h3>被引用但未收录的文件（{len(missing)}）</h3>")
    if missing:
        out.append("<table><tr><th>标题</th><th>类型</th><th>引用它的文件</th></tr>")
        for m in missing:
            cited_by = m.get("cited_by") or ()
            if not isinstance(cited_by, str):
                cited_by = "、".join(dict.fromkeys(_cited_by_label(x, titles) for x in cited_by))
            kind = KIND_CN.get(m.get("kind") or "", m.get("kind") or "")
            out.append(f"<tr><td>《{esc(m.get('title'))}》</td><td>{esc(kind)}</td>"
                       f"<td>{esc(cited_by)}</td></tr>")
        out.append("</table>")
    else:
        out.append("<p>无</p>")
    errors = report.get("errors") or ()
    if errors:
        out.append("<h3>未能读取的文件</h3><ul>" + "".join(f"<li>{esc(e)}</li>" for e in errors) + "</ul>")
    out.append("</div>")
    return "".join(out)


def _cited_by_label(x: Any, titles: Mapping[str, str]) -> str:
    if isinstance(x, Mapping):
        doc_id = str(x.get("doc_id") or "")
        label = f"《{titles.get(doc_id, doc_id)}》"
        clause = x.get("clause_no")
        return f"{label}{clause_label(clause)}" if clause is not None else label
    if isinstance(x, (list, tuple)) and x:
        return "".join(str(p) for p in x if p is not None)
    return str(x)


def render_status(ok: bool, message: str) -> str:
    cls = "pa-status-ok" if ok else "pa-status-err"
    return f'<div class="{cls}">{"✔" if ok else "✘"} {esc(message)}</div>'
