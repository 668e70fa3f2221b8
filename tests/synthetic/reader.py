"""The reader edition: one Markdown file per level for people who write evaluation questions
without reading this code — the document text (layout inline_lead_coop, as the txt file has
it) followed by its tasks, targets and unit names, all taken from the gold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .layouts import LAYOUTS
from .matrix import Cell
from .model import LEVELS, SYNTHETIC_NOTE

TEXT_LAYOUT = "inline_lead_coop"
TABLE_LAYOUT = "table_ruled"  # deadlines and row numbers as the table layouts give them


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)]


def _units(canonical: list[str], written: list[str]) -> str:
    """市住房和城乡建设局（文中：市住房城乡建设局） where the text abbreviates."""
    return "、".join(c if c == w else f"{c}（文中：{w}）" for c, w in zip(canonical, written)) or "—"


def _task_rows(text_gold: dict[str, Any], table_gold: dict[str, Any]) -> list[list[str]]:
    rows = []
    for t, row in zip(text_gold["tasks"], table_gold["tasks"]):
        rows.append([t["task_id"], str(t["clause_no"]), t["item"], str(row["row_no"]), t["requirement"],
                     _units(t["lead_units"], t["lead_units_as_written"]),
                     _units(t["participating_units"], t["participating_units_as_written"]), row["deadline"]])
    return rows


def _target_rows(gold: dict[str, Any]) -> list[list[str]]:
    return [[t["indicator"], t["value"], f"{t['year']}（{t['year_as_written']}）", str(t["clause_no"]),
             t["task_id"] or "—（非任务条款）"] for t in gold["targets"]]


def reader_markdown(level: str) -> str:
    """The Markdown of one level's document."""
    cell = Cell(TEXT_LAYOUT, "txt", level)
    gold, table_gold = cell.gold(), Cell(TABLE_LAYOUT, "txt", level).gold()
    h = gold["header"]
    lines = [
        f"# {h['title']} {SYNTHETIC_NOTE}", "",
        "本文件及其内容均为合成测试数据，地名与数字均为虚构，不是真实政策。", "",
        f"- doc_id：`{gold['doc_id']}`；层级：{level}；地名：{h['place'] or '（国家级，无地名）'}",
        f"- 文号：{h['doc_number']}；成文日期：{h['date_as_written']}；发文单位：{'、'.join(h['issuers'])}",
        f"- 同一文件共有 {len(LAYOUTS)} 种版式（责任分工表、行内括注等），条款号与任务编号（task_id）在各版式中相同；"
        "表格版的“序号”即下表的 row_no。各版式的牵头/参与单位写法不同，以对应文件夹的 gold.json 为准。", "",
        "## 正文（行内括注版 inline_lead_coop）", "", "```text", cell.text().rstrip(), "```", "",
        "## 任务", "",
        *_md_table(["task_id", "条款", "编号", "序号(row_no)", "工作要求", "牵头单位", "参与单位", "完成时限(表格版)"],
                   _task_rows(gold, table_gold)), "",
        "## 量化目标", "",
        *_md_table(["指标", "目标值", "年份", "条款", "task_id"], _target_rows(gold)), "",
        "## 单位名称（文中写法 → 规范名称）", "",
        *_md_table(["文中写法", "规范名称"], [[w, c] for w, c in gold["unit_map"].items()]), "",
    ]
    return "\n".join(lines)


def write_reader_edition(directory: Path | str, levels: tuple[str, ...] = LEVELS) -> list[Path]:
    """One ``<doc_id>.md`` per level in ``directory``."""
    out = []
    for level in levels:
        cell = Cell(TEXT_LAYOUT, "txt", level)
        path = Path(directory) / f"{cell.doc.stem}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(reader_markdown(level), encoding="utf-8")
        out.append(path)
    return out
