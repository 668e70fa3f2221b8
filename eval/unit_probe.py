"""A generated self-check of unit-task answers over the synthetic layout matrix: every unit
of every plan, as each document writes it, asked for each role in several phrasings; the
answer's task set must equal the gold's exactly.

Not a blind set (its phrasings are ours, and every cell shares them): it finds unit
resolution and role-reading faults across documents, not how well unseen phrasings do.

    python eval/unit_probe.py --work /tmp/laywork --layouts table_ruled inline_all_duty --kinds txt
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "eval"))

from layouts import cell_folders  # noqa: E402

TEMPLATES = {
    "lead": ("{u}牵头哪些任务？", "我在{u}上班，我们牵头的任务有哪些？", "{u}牵头的工作都有哪些？"),
    "participating": ("{u}参与哪些任务？", "{u}只配合不牵头的任务有哪些？", "我们是{u}的，要配合哪些事？"),
    "any": ("凡是涉及{u}的任务有哪些？", "{u}牵头加配合的任务都有哪些？"),
}


def _label(task: dict[str, Any]) -> str:
    return str(task["row_no"] if task.get("row_no") is not None else task.get("item"))


def probe_cell(folder: Path, index: Path) -> tuple[int, list[str]]:
    """(questions asked, misses described) for one cell."""
    from assistant.qa import load

    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    qa = load(index, folder)
    asked, misses = 0, []
    for doc in gold["documents"]:
        forms: dict[str, set[str]] = {}
        for written, canon in doc["unit_map"].items():
            forms.setdefault(canon, set()).add(written)
        for canon, written in forms.items():
            for role, templates in TEMPLATES.items():
                want = {_label(t) for t in doc["tasks"]
                        if (role != "participating" and canon in t["lead_units"])
                        or (role != "lead" and canon in t["participating_units"])}
                if not want:
                    continue
                for name in sorted(written):
                    for template in templates:
                        question = template.format(u=name)
                        ans = qa.ask(question, k=10).to_dict()
                        got = {_label(t) for t in ans.get("tasks", []) if t.get("doc_id") == doc["doc_id"]}
                        asked += 1
                        if got != want:
                            misses.append(f"{folder.name}\t{question}\twant {sorted(want)}\tgot {sorted(got)}")
    return asked, misses


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, required=True, help="generated corpora and indexes (kept between runs)")
    ap.add_argument("--layouts", nargs="*", default=["table_ruled", "inline_all_duty"])
    ap.add_argument("--kinds", nargs="*", default=["txt"])
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    total = 0
    for folder in cell_folders(args.work / "corpora", args.layouts, args.kinds):
        asked, misses = probe_cell(folder, args.work / "index" / folder.name)
        total += len(misses)
        print(f"{folder.name}: {asked - len(misses)}/{asked} exact")
        for line in misses:
            print("  " + line)
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
