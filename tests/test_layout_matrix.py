"""Every SYNTHETIC layout-matrix file (TXT, DOCX and text PDF; the scans are OCR'd in
tests/test_scan_matrix.py) read and parsed by the assistant gives exactly its gold tasks:
source, item, row, clause, key task, requirement, units canonical and as written, deadline.

The matrix (tests/synthetic) writes each plan of four levels in each layout; its gold comes
from the same data as the files, never from the code under test.  Borderless PDF tables
(table_borderless: no ruling lines at all; table_marked: only a rule under the header) are
read from word positions under their header.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.documents.parse import parse_document  # noqa: E402
from assistant.reading.files import read_document  # noqa: E402
from tests.synthetic.fonts import corpus_font  # noqa: E402
from tests.synthetic.matrix import Cell, cells  # noqa: E402

KEYS = ("source", "item", "row_no", "clause_no", "key_task", "requirement", "lead_units", "participating_units",
        "lead_units_as_written", "participating_units_as_written", "deadline")
CELLS = cells(kinds=["txt", "docx", "pdf"])


def _id(cell: Cell) -> str:
    return f"{cell.folder}-{cell.level}"


def _diff(got: dict[str, Any], gold: dict[str, Any]) -> list[str]:
    return [f"{k}: {got[k]!r} != {gold[k]!r}" for k in KEYS if got[k] != gold[k]]


@pytest.mark.parametrize("cell", CELLS, ids=_id)
def test_file_gives_exactly_its_gold_tasks(cell: Cell, synthetic_file) -> None:  # type: ignore[no-untyped-def]
    if cell.kind == "pdf" and corpus_font() is None:
        pytest.skip("no TrueType CJK font (apt-get install -y fonts-wqy-microhei)")
    gold = cell.gold()
    doc = parse_document(read_document(synthetic_file(cell)), gold["doc_id"])
    got = {t.item: t.to_dict() for t in doc.tasks}
    assert len(got) == len(doc.tasks), "two tasks with one label"
    assert sorted(got) == sorted(g["item"] for g in gold["tasks"])
    wrong = {g["task_id"]: d for g in gold["tasks"] if (d := _diff(got[g["item"]], g))}
    assert not wrong, wrong


def test_the_matrix_covers_every_level_and_layout_here() -> None:
    assert {c.level for c in CELLS} == {"national", "provincial", "municipal", "county"}
    assert {c.layout for c in CELLS} == {"table_ruled", "table_borderless", "table_marked", "table_docx",
                                         "inline_lead_coop", "inline_lead_duty", "inline_resp_first",
                                         "inline_all_duty", "inline_not_listed"}
    assert len(CELLS) == 84
