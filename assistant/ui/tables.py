"""The 任务查询 and 目标指标 results: HTML that reads on a phone, CSV rows, file names.

The results are an HTML table whose rows become stacked cards on a narrow screen (see
``style.CSS``): a data grid of eight columns at 390 px wraps unit names one character a
line and scrolls inside the page.  All outside text goes through :func:`render.esc`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from assistant.text import csv_text
from assistant.ui.render import ROLE_CN, esc, location_label, table_html

TASK_HEADERS = ["序号", "重点任务", "主要措施", "工作要求", "牵头单位", "参与单位", "责任分工（原文）",
                "完成时限", "出处", "文件"]
TARGET_HEADERS = ["年份", "指标", "目标值", "出处", "原文", "文件"]

_UNSAFE_RE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


def _names(xs: Sequence[str] | None) -> str:
    return "、".join(x for x in (xs or ()) if x)


def task_place(t: Mapping[str, Any]) -> str:
    return location_label(t.get("clause_no"), t.get("row_no"), t.get("item") if t.get("source") == "text" else None,
                          t.get("page"))


def _label(t: Mapping[str, Any]) -> str:
    """序号 as the document writes it: the row's 序号, or an inline task's （三）2."""
    if t.get("item"):
        return str(t["item"])
    return str(t["row_no"]) if t.get("row_no") is not None else ""


# ------------------------------------------------------------------ 任务查询
def task_rows(tasks: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """The CSV of a task lookup: canonical names, the cells as written, where each stands."""
    rows = [[_label(t), t.get("key_task") or "", t.get("measure") or "", t.get("requirement") or "",
             _names(t.get("lead_units")), _names(t.get("participating_units")), t.get("units_text") or "",
             t.get("deadline") or "", task_place(t), t.get("doc_title") or t.get("doc_id") or ""]
            for t in tasks]
    return list(TASK_HEADERS), rows


def _unit_cell(canon: Sequence[str] | None, written: Sequence[str] | None) -> str:
    """Canonical names, and the document's own words under them where they differ."""
    shown = esc(_names(canon)) or '<span class="pa-none">—</span>'
    if written and list(written) != list(canon or ()):
        shown += f'<div class="pa-asw">原文：{esc(_names(written))}</div>'
    return shown


def render_tasks(tasks: Sequence[Mapping[str, Any]]) -> str:
    """Task lookup results; 完成时限 and 文件 columns only when they say something."""
    if not tasks:
        return ""
    with_deadline = any(t.get("deadline") for t in tasks)
    with_doc = len({t.get("doc_id") for t in tasks}) > 1
    heads = ["出处", "任务", "工作要求", "牵头单位", "参与单位"]
    heads += ["完成时限"] * with_deadline + ["文件"] * with_doc
    body: list[list[str]] = []
    for t in tasks:
        place = esc(task_place(t))
        if t.get("source") != "text" and _label(t) != str(t.get("row_no")):  # a 序号 written otherwise (3-1)
            place += f'<div class="pa-sub">序号 {esc(_label(t))}</div>'
        task = esc(t.get("key_task") or "") + (f'<div class="pa-sub">{esc(t["measure"])}</div>'
                                                if t.get("measure") else "")
        cells = [place, task, esc(t.get("requirement") or ""),
                 _unit_cell(t.get("lead_units"), t.get("lead_units_as_written")),
                 _unit_cell(t.get("participating_units"), t.get("participating_units_as_written"))]
        if with_deadline:
            cells.append(esc(t.get("deadline") or "—"))
        if with_doc:
            cells.append(esc(t.get("doc_title") or t.get("doc_id") or ""))
        body.append(cells)
    return f'<div class="pa-results">{table_html(heads, body, "pa-rt-tasks")}</div>'


# ------------------------------------------------------------------ 目标指标
def target_rows(targets: Sequence[Mapping[str, Any]],
                titles: Mapping[str, str] | None = None) -> tuple[list[str], list[list[str]]]:
    titles = titles or {}
    rows = [[str(t.get("year") or "未注明"), t.get("indicator") or "", t.get("value") or "",
             location_label(t.get("clause_no"), t.get("row_no")), t.get("text") or "",
             titles.get(t.get("doc_id") or "", t.get("doc_id") or "")]
            for t in targets]
    rows.sort(key=lambda r: (r[0] == "未注明", r[0]))
    return list(TARGET_HEADERS), rows


def render_targets(rows: Sequence[Sequence[str]]) -> str:
    """Target rows (from :func:`target_rows`) as a table that stacks on a phone."""
    if not rows:
        return ""
    cells = [[esc(v) for v in r] for r in rows]
    return f'<div class="pa-results">{table_html(TARGET_HEADERS, cells, "pa-rt-targets")}</div>'


# ------------------------------------------------------------------ CSV
def safe_part(text: str, limit: int = 24) -> str:
    """A piece of a file name: no path or shell characters, not too long."""
    return _UNSAFE_RE.sub("_", str(text)).strip("._")[:limit]


def task_csv_name(unit: str | None, role: str, keyword: str | None, year: int | None,
                  today: date | None = None) -> str:
    """任务_市城市管理局_牵头_2026-12-02.csv: what the file holds, in its name."""
    parts = ["任务", unit or "全部单位", ROLE_CN.get(role, "全部")]
    parts += [keyword] if keyword else []
    parts += [f"{year}年"] if year else []
    return "_".join(safe_part(p) for p in parts) + f"_{(today or date.today()).isoformat()}.csv"


def target_csv_name(year: int | None, doc_title: str | None, keyword: str | None, today: date | None = None) -> str:
    """目标_2025_全部文件_2026-12-02.csv."""
    parts = ["目标", str(year) if year else "全部年份", doc_title or "全部文件"]
    parts += [keyword] if keyword else []
    return "_".join(safe_part(p) for p in parts) + f"_{(today or date.today()).isoformat()}.csv"


def write_csv(path: str | Path, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    """UTF-8 *with BOM* so Excel opens the Chinese text correctly."""
    p = Path(path)
    p.write_text(csv_text(headers, rows), encoding="utf-8", newline="")
    return p
