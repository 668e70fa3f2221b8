"""The seed plan typeset as a landscape ruled-table PDF reads exactly like the seed TXT.

The PDF is built at test time by ``tests/fixtures/seed_pdf.py`` (fpdf2 + the wqy-microhei
TrueType font) from the seed's own words: merged 重点任务 / 主要措施 boxes, rows cut by
page breaks, the header repeated per page and ``— n —`` footers.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from fixtures.seed_pdf import SEED_TXT, build_seed_pdf, find_font, seed_documents

from assistant.documents.parse import parse_document
from assistant.reading.files import read_document
from assistant.text import squash

EXPECTED = json.loads((Path(__file__).parent / "data" / "seed_table_expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def font() -> str:
    f = find_font()
    if f is None:
        pytest.skip("no TrueType CJK font (apt-get install -y fonts-wqy-microhei)")
    return f


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, font: str) -> Any:
    return build_seed_pdf(tmp_path_factory.mktemp("seedpdf") / "liaocheng_plan.pdf", font)


@pytest.fixture(scope="module")
def docs(built: Any) -> tuple[Any, Any]:
    raw = read_document(built.path)
    return parse_document(raw, "seed-pdf", {}), seed_documents()[1]


def test_pdf_is_laid_out_like_the_bureau_publishes_it(built: Any) -> None:
    import pdfplumber
    import pypdf

    assert built.split_rows, "no table row was cut by a page break"
    assert any(col == 1 for col, _, _ in built.spans) and any(col == 2 for col, _, _ in built.spans)
    reader = pypdf.PdfReader(str(built.path))
    assert len(reader.pages) == built.pages
    for n in built.table_pages:
        box = reader.pages[n - 1].mediabox
        assert float(box.width) > float(box.height), f"table page {n} is not landscape"
    assert len(built.table_pages) >= 3
    with pdfplumber.open(str(built.path)) as pdf:
        for n in (1, built.table_pages[1], built.pages):
            text = pdf.pages[n - 1].extract_text() or ""
            assert re.search(rf"—\s*{n}\s*—", text), f"no footer on page {n}"


def test_ruled_table_is_read_from_the_lines(built: Any) -> None:
    raw = read_document(built.path)
    assert len(raw.tables) == 1
    table = raw.tables[0]
    assert table.source == "pdf"
    assert [squash(c) for c in table.rows[0]] == ["序号", "重点任务", "主要措施", "工作要求", "牵头单位", "参与单位"]
    seqs = [r[0] for r in table.rows[1:]]
    assert seqs.count("") == len(built.split_rows), "each page-break continuation has an empty 序号"
    assert [s for s in seqs if s] == [str(i) for i in range(1, 34)], "header repeats dropped, no row lost"
    assert "— " not in "".join("".join(r) for r in table.rows)
    assert not re.search(r"—\s*\d+\s*—", raw.text), "page numbers cleaned from the prose"


def test_same_metadata_clauses_and_citations(docs: tuple[Any, Any]) -> None:
    pdf, txt = docs
    for f in ("title", "level", "doc_number", "issuers", "date", "attachments", "place"):
        assert getattr(pdf.meta, f) == getattr(txt.meta, f), f
    assert [c.no for c in pdf.clauses] == list(range(1, 23)) == [c.no for c in txt.clauses]
    for a, b in zip(pdf.clauses, txt.clauses):
        assert squash(a.text) == squash(b.text), f"clause {a.no}"
        assert a.section_no == b.section_no
    assert sorted(squash(t) for t, _ in pdf.cited) == sorted(squash(t) for t, _ in txt.cited)


def test_same_33_rows_units_and_clause_links(docs: tuple[Any, Any]) -> None:
    pdf, txt = docs
    assert [t.row_no for t in pdf.tasks] == list(range(1, 34))
    want = {r["row_no"]: r for r in EXPECTED["rows"]}
    ref = {t.row_no: t for t in txt.tasks}
    for t in pdf.tasks:
        e = want[t.row_no]
        assert list(t.lead_units) == e["lead_units"], t.row_no
        assert list(t.participating_units) == e["participating_units"], t.row_no
        assert t.clause_no == e["clause_no"], t.row_no
        r = ref[t.row_no]
        assert squash(t.requirement) == squash(r.requirement), f"row {t.row_no} requirement"
        assert "\n" not in t.requirement.strip() or "。" in t.requirement, t.row_no
        assert (t.key_task, t.measure) == (r.key_task, r.measure), t.row_no
        assert t.years == r.years
    assert pdf.unresolved_units == ()


def test_split_rows_are_joined_whole(built: Any, docs: tuple[Any, Any]) -> None:
    pdf, txt = docs
    ref = {t.row_no: t for t in txt.tasks}
    for n in built.split_rows:
        assert squash(pdf.task(n).requirement) == squash(ref[n].requirement)
        assert pdf.task(n).lead_units == ref[n].lead_units


def test_same_conflict_and_targets(docs: tuple[Any, Any]) -> None:
    pdf, txt = docs
    key = lambda c: (c.clause_no, c.row_no, c.kind, c.body_value, c.table_value)  # noqa: E731
    assert [key(c) for c in pdf.conflicts] == [key(c) for c in txt.conflicts]
    assert any(c.kind == "star_level" for c in pdf.conflicts)
    tkey = lambda t: (t.indicator, squash(t.value), t.year, t.clause_no, t.row_no)  # noqa: E731
    assert sorted(map(tkey, pdf.targets)) == sorted(map(tkey, txt.targets))


def test_units_listed_one_per_line_are_not_glued(tmp_path: Path, font: str) -> None:
    """Participants one per line: two full-width names on consecutive lines look like one
    wrapped name to the cell reader; the unit splitter must still find both."""
    built = build_seed_pdf(tmp_path / "p.pdf", font, participant_sep="\n", repeat_header=False)
    doc = parse_document(read_document(built.path), "p", {})
    want = {r["row_no"]: r for r in EXPECTED["rows"]}
    assert [t.row_no for t in doc.tasks] == list(range(1, 34))
    for t in doc.tasks:
        assert list(t.participating_units) == want[t.row_no]["participating_units"], t.row_no
        assert list(t.lead_units) == want[t.row_no]["lead_units"], t.row_no


@pytest.mark.integration
def test_seed_eval_is_the_same_on_the_pdf(tmp_path: Path, built: Any) -> None:
    """The seed question set scores the same whether the seed is the TXT or the PDF."""
    import assistant
    from assistant.evaluate import run_eval

    questions = Path(__file__).resolve().parent.parent / "eval" / "questions.jsonl"
    results = {}
    for name, src in (("txt", SEED_TXT), ("pdf", built.path)):
        corpus = tmp_path / f"corpus_{name}"
        corpus.mkdir()
        shutil.copyfile(src, corpus / src.name)
        manifest = (SEED_TXT.parent / "manifest.toml").read_text(encoding="utf-8")
        (corpus / "manifest.toml").write_text(manifest.replace(SEED_TXT.name, src.name), encoding="utf-8")
        qa = assistant.load(index_dir=tmp_path / f"index_{name}", corpus_dir=corpus, embed_backend="fake")
        results[name] = run_eval(qa, questions)
    txt, pdf = results["txt"]["summary"]["overall"], results["pdf"]["summary"]["overall"]
    assert pdf["answer_accuracy"] >= txt["answer_accuracy"] - 1e-9
    assert pdf.get("refusal_accuracy", 1) >= txt.get("refusal_accuracy", 1) - 1e-9
    wrong_pdf = {r["id"] for r in results["pdf"]["rows"] if not r["correct"]}
    wrong_txt = {r["id"] for r in results["txt"]["rows"] if not r["correct"]}
    assert wrong_pdf <= wrong_txt, f"worse on the PDF: {sorted(wrong_pdf - wrong_txt)}"
