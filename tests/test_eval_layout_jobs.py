"""``eval/run_eval.py --jobs 2`` asks layout cells in worker processes: the report must get
the same answers, cells and systems as asking them one after another in this process.

The cells are the SYNTHETIC layout matrix (tests/synthetic), two TXT cells; the questions
are invented here; the fake embedder, no model.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "eval")]

import layouts  # noqa: E402
import run_eval  # noqa: E402

QUESTIONS = [  # synthetic: about the synthetic plans of the matrix
    {"id": "zj01", "type": "unit_tasks", "question": "市住房和城乡建设局牵头哪些任务？", "gold": {"must_include": ["住房"]}},
    {"id": "zj02", "type": "lead", "question": "屋顶光伏由谁牵头？", "gold": {"must_include": ["局"]}},
    {"id": "zj03", "type": "refuse", "question": "地铁票价多少钱？", "gold": {}},
]


def _answers(result: list[run_eval.SetResult]) -> list[tuple[str, str, Any]]:
    return [(r["cell"], r["id"], r.get("answer")) for sr in result
            for rows in (sr.results["assistant"]["rows"],) for r in rows]


def test_cells_asked_in_worker_processes_answer_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    qfile = tmp_path / "q.jsonl"
    qfile.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in QUESTIONS), encoding="utf-8")
    qset = run_eval.QSet("zz_layouts", qfile, "layouts", "synthetic", "this test", "synthetic")
    real = layouts.cell_folders
    monkeypatch.setattr(run_eval, "cell_folders", lambda out, _l, _k, jobs=1: real(
        out, ["table_ruled", "inline_lead_coop"], ["txt"], jobs))
    work = tmp_path / "fake" / "layouts"
    one = run_eval.run_layouts([qset], work, "fake", None, {"assistant"}, jobs=1)
    two = run_eval.run_layouts([qset], work, "fake", None, {"assistant"}, jobs=2)
    assert len(_answers(one)) == 2 * len(QUESTIONS) and all(answer for *_, answer in _answers(one))
    assert _answers(two) == _answers(one)
    assert [c["cell"] for c in two[0].cells] == [c["cell"] for c in one[0].cells]
    assert [s.key for s in two[0].systems] == ["assistant"]
    assert two[0].results["assistant"]["summary"]["overall"]["answer_accuracy"] == \
        one[0].results["assistant"]["summary"]["overall"]["answer_accuracy"]
