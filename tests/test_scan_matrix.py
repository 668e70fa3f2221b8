"""Scanned cells of the SYNTHETIC layout matrix, end to end: an image-only PDF (the text
PDF rasterised at 200 dpi, JPEG) read by read_document through OCR and parsed gives exactly
its gold tasks, and OCR recovers its characters.

One file per table layout (ruled, borderless, header rule only with （牵头） marks) and one
inline layout, levels taken in turn so each file is a different plan: about 14 pages of OCR,
under a minute on two cores.  The text PDFs of every cell are checked in
tests/test_layout_matrix.py; ``python eval/layouts.py --kinds scan`` runs all of them.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.documents.parse import parse_document  # noqa: E402
from assistant.reading.files import read_document  # noqa: E402
from tests.synthetic.fonts import corpus_font  # noqa: E402
from tests.synthetic.matrix import Cell  # noqa: E402
from tests.test_layout_matrix import _diff  # noqa: E402
from tests.test_ocr import _cjk  # noqa: E402

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(importlib.util.find_spec("rapidocr") is None, reason="rapidocr missing (pip install rapidocr)"),
]

CELLS = [Cell("table_ruled", "scan", "county"), Cell("table_borderless", "scan", "municipal"),
         Cell("table_marked", "scan", "national"), Cell("inline_lead_coop", "scan", "provincial")]


@pytest.fixture(scope="module")
def ocr_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ocr-cache")


@pytest.mark.parametrize("cell", CELLS, ids=lambda c: f"{c.folder}-{c.level}")
def test_scan_gives_exactly_its_gold_tasks(cell: Cell, synthetic_file, ocr_cache: Path) -> None:  # type: ignore[no-untyped-def]
    if corpus_font() is None:
        pytest.skip("no TrueType CJK font (apt-get install -y fonts-wqy-microhei)")
    path = synthetic_file(cell)
    raw = read_document(path, ocr_cache=ocr_cache)
    gold = cell.gold()
    doc = parse_document(raw, gold["doc_id"])
    got = {t.item: t.to_dict() for t in doc.tasks}
    assert sorted(got) == sorted(g["item"] for g in gold["tasks"])
    wrong = {g["task_id"]: d for g in gold["tasks"] if (d := _diff(got[g["item"]], g))}
    assert not wrong, wrong
    assert doc.warnings == ()

    from assistant.reading.ocr import ocr_pdf

    again = ocr_pdf(path.read_bytes(), cache_dir=ocr_cache)  # what read_document saw, from the cache
    assert again.from_cache
    drawn = Counter(_cjk("\n".join(text for _, _, text in cell.pdf()[1].lines)))
    seen = Counter(_cjk(again.text))
    recall = sum(min(n, seen[c]) for c, n in drawn.items()) / sum(drawn.values())
    assert recall >= 0.99, (recall, drawn - seen)
