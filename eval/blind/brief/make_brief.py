"""Write the blind helpers' folder: the brief (SCHEMA.md), its check script, the documents'
reader editions and the gold the check reads.  Helpers are given only that folder.

    python eval/blind/brief/make_brief.py OUT_DIR [--index INDEX_DIR]

OUT_DIR gets SCHEMA.md and check.py (copied from here: edit the round's theme, prefixes and
tags in both first), docs/seed.md (the seed plan's text and its 33 task rows as the gold reads
them), docs/synthetic/*.md (the four SYNTHETIC plans, tests/synthetic's reader edition),
seed_gold.json and synth_gold.json, and empty seed/ and layouts/ folders for the two helpers.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO))


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def seed_files(out: Path, index: Path) -> None:
    import assistant

    corpus = REPO / "corpus"
    qa = assistant.load(index_dir=index, corpus_dir=corpus)
    doc = qa.documents[0]
    text = (corpus / doc.meta.file).read_text(encoding="utf-8")
    tasks = qa.tasks()
    lines = [f"# {doc.meta.title}（{doc.meta.doc_number}）", "", f"- 发文单位：{'、'.join(doc.meta.issuers)}",
             f"- 成文日期：{doc.meta.date}；层级：{doc.meta.level}", "", "## 正文（PDF 提取的文本，表格部分换行有错位）", "",
             "```text", text.rstrip(), "```", "", f"## 附件分工表（gold 读法：{len(tasks)} 行）", "",
             "| row_no | clause_no | 重点任务 | 主要措施 | 工作要求 | 牵头单位 | 参与单位 |", "|---|---|---|---|---|---|---|"]
    for t in tasks:
        lines.append("| " + " | ".join(_cell(str(x)) for x in (t["row_no"], t["clause_no"], t["key_task"], t["measure"], t["requirement"],
                                                              "、".join(t["lead_units"]), "、".join(t["participating_units"]) or "—")) + " |")
    (out / "docs").mkdir(parents=True, exist_ok=True)
    (out / "docs" / "seed.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    keys = ("row_no", "clause_no", "lead_units", "participating_units")
    gold = {"text": text, "tasks": [{k: t[k] for k in keys} for t in tasks]}
    (out / "seed_gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def synthetic_files(out: Path) -> None:
    from tests.synthetic.gold import document_gold
    from tests.synthetic.matrix import Cell
    from tests.synthetic.model import LEVELS
    from tests.synthetic.reader import write_reader_edition

    write_reader_edition(out / "docs" / "synthetic")
    gold = {}
    for level in LEVELS:
        cell = Cell("inline_lead_coop", "txt", level)
        g = document_gold("table_ruled", cell.doc)
        texts = [Cell(layout, "txt", level).text() for layout in ("inline_lead_coop", "table_ruled")]
        gold[g["doc_id"]] = {"text": "\n".join(texts), "header": g["header"],
                             "tasks": [{k: t[k] for k in ("task_id", "clause_no", "lead_units", "participating_units")}
                                       for t in g["tasks"]]}
    (out / "synth_gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--index", type=Path, default=REPO / "index")
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    here = Path(__file__).resolve().parent
    for name in ("SCHEMA.md", "check.py"):
        shutil.copy(here / name, a.out / name)
    seed_files(a.out, a.index)
    synthetic_files(a.out)
    for helper in ("seed", "layouts"):
        (a.out / helper).mkdir(exist_ok=True)
    print(f"brief written to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
