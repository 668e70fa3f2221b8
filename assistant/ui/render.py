"""HTML for the chat and the file library — pure functions, no gradio.

Everything that comes from a document or a person is passed through :func:`esc`
*before* any markup of ours is added, so a file or question holding ``<script>``
shows as text.  :func:`esc` is the single gate: the other ui modules import it from
here.  Kept apart from the gradio wiring so the escaping can be unit-tested without
starting a server.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from assistant.answering.intents import LABELS
from assistant.numerals import int_to_cn
from assistant.types import LEVEL_CN

KIND_CN = {"standard": "标准规范", "document": "政策文件"}
ROLE_CN = {"any": "全部", "lead": "牵头", "participating": "参与"}

_REF_RE = re.compile(r"\[(\d{1,3})\]")
_ITEM_RE = re.compile(r"^（([一二三四五六七八九十百〇零两]+)）(\d+)?(?:-(\d+))?$")

TaskKey = tuple[str, str]
TaskIndex = Mapping[TaskKey, Mapping[str, Any]]


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


def item_label(item: str | None, clause_no: int | None = None) -> str:
    """An inline task's place as a clerk says it: （三）2 -> 第（三）条第2项; a label of
    another shape is shown as written, after its clause."""
    item = (item or "").strip()
    m = _ITEM_RE.match(item)
    if m:
        label = f"第（{m.group(1)}）条" + (f"第{m.group(2)}项" if m.group(2) else "")
        return label + (f"（同段第{m.group(3)}项任务）" if m.group(3) else "")
    if not item:
        return clause_label(clause_no)
    return f"{clause_label(clause_no)}（{item}）" if clause_no is not None else f"第{item}项"


def location_label(clause_no: int | None, row_no: int | None, item: str | None = None,
                   page: int | None = None) -> str:
    """Where a passage stands: 附件第24行（第（十五）条）, 第（三）条第2项, 第（十五）条,
    with ``· PDF 第3页`` when the page is known."""
    if row_no is not None:
        row = f"附件第{int(row_no)}行"
        where = f"{row}（{clause_label(clause_no)}）" if clause_no is not None else row
    elif item:
        where = item_label(item, clause_no)
    else:
        where = clause_label(clause_no) or "文件标题与发文信息"
    return f"{where} · PDF 第{int(page)}页" if page is not None else where


def task_key(x: Mapping[str, Any]) -> TaskKey | None:
    """How a citation finds its task: the table row number, else the inline label."""
    if x.get("row_no") is not None:
        return (str(x.get("doc_id") or ""), f"row:{x['row_no']}")
    if x.get("item"):
        return (str(x.get("doc_id") or ""), f"item:{x['item']}")
    return None


def index_tasks(tasks: Sequence[Mapping[str, Any]]) -> dict[TaskKey, Mapping[str, Any]]:
    out: dict[TaskKey, Mapping[str, Any]] = {}
    for t in tasks:
        key = task_key(t)
        if key is not None:
            out.setdefault(key, t)
    return out


def _markers(escaped: str) -> str:
    return _REF_RE.sub(r'<span class="pa-ref">[\1]</span>', escaped)


def render_question(question: str) -> str:
    """A user's chat bubble: the question as text, whatever it contains."""
    return f'<div class="pa-msg pa-question">{_lines(question)}</div>'


def render_error(message: str) -> str:
    return f'<div class="pa-msg pa-error">⚠ {esc(message)}</div>'


def _names(xs: Sequence[str] | None) -> str:
    return "、".join(x for x in (xs or ()) if x)


def _canonical_note(task: Mapping[str, Any] | None) -> str:
    """规范名称 line, only where the document's own words differ from the canonical names."""
    if not task:
        return ""
    parts = []
    for role, canon_key, written_key in (("牵头", "lead_units", "lead_units_as_written"),
                                         ("参与", "participating_units", "participating_units_as_written")):
        canon, written = list(task.get(canon_key) or ()), list(task.get(written_key) or ())
        if canon and canon != written:
            parts.append(f"{role}：{_names(canon)}")
    return "；".join(parts)


def render_units(units_text: str, task: Mapping[str, Any] | None) -> str:
    """Who is responsible, as the document states it (the 牵头单位/参与单位 cells, or the
    inline parenthesis), then the canonical names where they differ, then 完成时限."""
    written = "<br>".join(esc(seg.strip()) for seg in re.split(r"[；;]", units_text) if seg.strip())
    rows = [f'<div class="pa-u pa-written"><span class="pa-k">责任（原文）</span><span>{written}</span></div>']
    note = _canonical_note(task)
    if note:
        rows.append(f'<div class="pa-u pa-canon"><span class="pa-k">规范名称</span><span>{esc(note)}</span></div>')
    deadline = (task or {}).get("deadline")
    if deadline:
        rows.append(f'<div class="pa-u"><span class="pa-k">完成时限</span><span>{esc(deadline)}</span></div>')
    return f'<div class="pa-units">{"".join(rows)}</div>'


def _quoted_from_row(c: Mapping[str, Any], task: Mapping[str, Any] | None) -> bool:
    """A target citation may carry the row that repeats it while quoting the body clause
    (the row may word it otherwise: 清洁能源方式 / 清洁供暖方式): the card must then say
    the clause, not the row, is what it quotes."""
    if c.get("row_no") is None or c.get("units_text") or not task:
        return True
    text, req = re.sub(r"\s+", "", str(c.get("text") or "")), re.sub(r"\s+", "", str(task.get("requirement") or ""))
    return not text or text in req or req in text


def citation_location(c: Mapping[str, Any], task: Mapping[str, Any] | None) -> str:
    if _quoted_from_row(c, task):
        return location_label(c.get("clause_no"), c.get("row_no"), c.get("item"), c.get("page"))
    body = location_label(c.get("clause_no"), None, None, c.get("page"))
    return f"{body}（附件第{int(c['row_no'])}行也列出此目标）"


def render_page(url: str, page: Any, title: str) -> str:
    """The cited PDF page, shown on click (the picture loads only when opened)."""
    label = f"PDF 第{esc(page)}页"
    return (f'<details class="pa-page"><summary>查看{label}原貌</summary>'
            f'<img src="{esc(url)}" alt="《{esc(title)}》{label}" loading="lazy"></details>')


def render_citation(c: Mapping[str, Any], task: Mapping[str, Any] | None = None, image: str | None = None) -> str:
    """One numbered card: document, level, where it stands, the quoted text, for a task
    who is responsible as the document writes it, and the PDF page when there is one."""
    n = esc(c.get("n", ""))
    title = c.get("doc_title") or c.get("doc_id") or ""
    loc = esc(citation_location(c, task))
    units = render_units(str(c.get("units_text") or ""), task) if c.get("units_text") else ""
    page = render_page(image, c.get("page"), str(title)) if image else ""
    return (f'<div class="pa-cite"><div class="pa-cite-head"><span class="pa-cite-no">[{n}]</span>'
            f'<span class="pa-cite-doc">《{esc(title)}》（{esc(level_cn(c.get("level")))}）</span>'
            f'<span class="pa-cite-loc">{loc}</span></div>'
            f'<div class="pa-cite-text">{_lines(c.get("text", ""))}</div>{units}{page}</div>')


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


def render_answer(ans: Mapping[str, Any], tasks: TaskIndex | None = None,
                  images: Mapping[int, str] | None = None) -> str:
    """One assistant chat bubble from ``Answer.to_dict()``: text with [n] markers,
    conflict warnings, then the numbered citation cards.  ``tasks`` (see
    :func:`index_tasks`) lets a card show canonical names and the deadline of its task;
    ``images`` maps a citation number to the picture of its PDF page."""
    images = images or {}
    tasks = tasks if tasks is not None else index_tasks(ans.get("tasks") or ())
    cls = "pa-answer" if ans.get("found", True) else "pa-answer pa-notfound"
    parts = [f'<div class="pa-msg"><div class="{cls}">{_markers(_lines(ans.get("answer", "")))}</div>']
    if ans.get("english"):
        parts.append(f'<div class="pa-english">{esc(ans["english"])}</div>')
    parts.extend(render_conflict(c) for c in ans.get("conflicts") or ())
    cites = ans.get("citations") or ()
    if cites:
        cards = (render_citation(c, tasks.get(k) if (k := task_key(c)) else None, images.get(int(c.get("n") or 0)))
                 for c in cites)
        parts.append('<div class="pa-cites">' + "".join(cards) + "</div>")
    total = (ans.get("timings_ms") or {}).get("total")
    intent = str(ans.get("intent") or "")
    meta = [f"问题类型：{esc(LABELS.get(intent, intent))}"]
    if total is not None:
        meta.append(f"用时 {float(total):.0f} 毫秒")
    parts.append(f'<div class="pa-meta">{" · ".join(meta)}</div></div>')
    return "".join(parts)


# ------------------------------------------------------------------ 文件库
def table_html(heads: Sequence[str], rows: Sequence[Sequence[str]], cls: str = "") -> str:
    """A table of already-escaped cells whose rows stack as cards on a phone (each cell
    labelled with its header there)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in heads)
    body = "".join("<tr>" + "".join(f'<td data-label="{esc(h)}">{c}</td>' for h, c in zip(heads, r)) + "</tr>"
                   for r in rows)
    return f'<table class="pa-rt {cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def render_corpus(report: Mapping[str, Any]) -> str:
    """Documents with their metadata, cited-but-missing documents, and file errors."""
    docs = report.get("documents") or ()
    rows = [[esc(d.get("title")), esc(level_cn(d.get("level"))), esc(d.get("doc_number") or ""),
             esc("、".join(d.get("issuers") or ())), esc(d.get("date") or ""), esc(d.get("clauses", "")),
             esc(d.get("tasks", "")), esc(d.get("targets", "")), esc(d.get("file") or "")] for d in docs]
    out = ['<div class="pa-docs">', f"<h3>已收录文件（{len(docs)}）</h3>",
           table_html(["标题", "层级", "文号", "发文机关", "日期", "条款", "任务", "指标", "文件"], rows, "pa-rt-docs")]
    titles = {str(d.get("id")): str(d.get("title") or d.get("id")) for d in docs}
    missing = report.get("missing") or ()
    out.append(f"<h3>被引用但未收录的文件（{len(missing)}）</h3>")
    if missing:
        rows = []
        for m in missing:
            cited_by = m.get("cited_by") or ()
            if not isinstance(cited_by, str):
                cited_by = "、".join(dict.fromkeys(_cited_by_label(x, titles) for x in cited_by))
            kind = KIND_CN.get(m.get("kind") or "", m.get("kind") or "")
            rows.append([f"《{esc(m.get('title'))}》", esc(kind), esc(cited_by)])
        out.append(table_html(["标题", "类型", "引用它的文件"], rows))
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


def render_notice(message: str, kind: str = "info") -> str:
    """A one-paragraph notice above results (a count, or why there are none)."""
    return f'<div class="pa-notice pa-notice-{esc(kind)}">{esc(message)}</div>'
