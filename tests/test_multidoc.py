"""Documents other than the seed, and several documents in one corpus.

The county plan of 示例县 is SYNTHETIC test data (tests/fixtures/synthetic_county/,
本文件为测试用合成数据): a DOCX with a real Word table using other header words, a
vertically merged cell, short unit names and a body/table number conflict.  The same
plan is also typeset as a ruled PDF whose table is cut by a page break.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.documents.parse import parse_document
from assistant.documents.table import find_column_roles
from assistant.reading.files import read_document

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "eval"))
from two_doc_corpus import county_module, make_two_doc_corpus  # noqa: E402

M = county_module()
DOCX = REPO / "tests" / "fixtures" / "synthetic_county" / M.DOCX_NAME
SEED_ID = "liaocheng-carbon-peak-2023"


def _entry() -> dict[str, Any]:
    import tomllib

    return tomllib.loads(M.manifest_entry())["document"][0]


def check_county_document(doc: Any) -> None:
    """Rows, units, clause links, deadlines, conflict and unresolved names of the plan."""
    assert [t.row_no for t in doc.tasks] == sorted(M.EXPECTED)
    for t in doc.tasks:
        lead, part, clause_no, deadline = M.EXPECTED[t.row_no]
        assert t.lead_units == lead, t.row_no
        assert t.participating_units == part, t.row_no
        assert t.clause_no == clause_no, t.row_no
        assert t.deadline == deadline, t.row_no
        assert (t.level, t.doc_title) == ("county", M.TITLE)
        assert t.requirement.endswith("。") and "\n" not in t.requirement
    assert [(c.row_no, c.clause_no, c.body_value, c.table_value) for c in doc.conflicts] == [
        (M.CONFLICT["row_no"], M.CONFLICT["clause_no"], M.CONFLICT["body_value"], M.CONFLICT["table_value"])]
    assert doc.unresolved_units == (M.UNKNOWN_UNIT,)
    # the non-bureau participant stays as written
    assert "各乡镇人民政府" in doc.task(6).participating_units


def test_header_words_of_the_county_table_are_recognised() -> None:
    roles = find_column_roles(M.TABLE_HEADER)
    assert [roles.get(i) for i in range(len(M.TABLE_HEADER))] == [
        "seq", "key_task", "requirement", "lead", "participating", "deadline"]


def test_county_docx_parses_to_the_right_rows() -> None:
    raw = read_document(DOCX)
    assert raw.fmt == "docx" and len(raw.tables) == 1 and raw.tables[0].source == "docx"
    assert raw.text.lstrip().startswith("本文件为测试用合成数据（synthetic test data）")
    doc = parse_document(raw, M.DOC_ID, {})  # no manifest entry: everything from the file itself
    assert (doc.meta.title, doc.meta.level, doc.meta.place) == (M.TITLE, "county", M.PLACE)
    assert (doc.meta.doc_number, doc.meta.date) == (M.DOC_NUMBER, M.DATE)
    assert [c.no for c in doc.clauses] == list(range(1, 11))
    check_county_document(doc)
    # the vertically merged 任务名称 cell gives its label to every row of its span
    assert doc.task(1).key_task == doc.task(2).key_task == M.MERGED_LABEL
    assert doc.task(3).key_task != M.MERGED_LABEL
    # the table has no 主要措施 column: the measure is the linked clause's title
    assert doc.task(4).measure == doc.clause(6).title
    assert any(squash_title(t) == squash_title(M.SEED_TITLE) for t, _ in doc.cited)


def squash_title(t: str) -> str:
    return "".join(t.split())


def test_committed_docx_is_what_the_generator_writes(tmp_path: Path) -> None:
    fresh = parse_document(read_document(M.build(tmp_path / M.DOCX_NAME)), "x", {})
    committed = parse_document(read_document(DOCX), "x", {})
    assert [t.to_dict() for t in fresh.tasks] == [t.to_dict() for t in committed.tasks]
    assert fresh.text == committed.text


def test_county_plan_as_pdf_with_a_table_cut_by_a_page_break(tmp_path: Path) -> None:
    from fixtures.seed_pdf import find_font, typeset_plan

    font = find_font()
    if font is None:
        pytest.skip("no TrueType CJK font (apt-get install -y fonts-wqy-microhei)")
    body = [p for p in M.HEADER_PARAS] + [x for sec, cl in M.BODY for x in (sec, *cl)] + [f"附件：{M.TABLE_TITLE}"]
    cells = []
    label = ""
    for r in M.TABLE_ROWS:
        label = r[1] or label
        cells.append((r[0], label, r[2], r[3], r[4], r[5]))
    built = typeset_plan(tmp_path / "county.pdf", font, body, M.TABLE_TITLE, M.TABLE_HEADER, cells,
                         col_mm=(12.0, 34.0, 80.0, 36.0, 45.0, 32.0), merge_cols=(1,), table_top_mm=120.0)
    assert built.split_rows, "the table must be cut by a page break"
    raw = read_document(built.path)
    assert raw.fmt == "pdf" and [t.source for t in raw.tables] == ["pdf"]
    assert any(r[0] == "" for r in raw.tables[0].rows[1:]), "a continuation row"
    doc = parse_document(raw, M.DOC_ID, _entry())
    check_county_document(doc)
    assert doc.task(1).key_task == doc.task(2).key_task == M.MERGED_LABEL


# ---------------------------------------------------------------- two documents


@pytest.fixture(scope="module")
def qa(tmp_path_factory: pytest.TempPathFactory) -> Any:
    import assistant

    base = tmp_path_factory.mktemp("twodoc")
    corpus = make_two_doc_corpus(base / "corpus")
    return assistant.load(index_dir=base / "index", corpus_dir=corpus, embed_backend="fake")


def test_both_documents_load_with_their_levels(qa: Any) -> None:
    docs = {d.id: d for d in qa.documents}
    assert set(docs) == {SEED_ID, M.DOC_ID}
    assert docs[SEED_ID].meta.level == "municipal" and docs[M.DOC_ID].meta.level == "county"
    assert len(docs[SEED_ID].tasks) == 33
    check_county_document(docs[M.DOC_ID])


def test_tasks_filter_by_doc_and_level_and_carry_their_document(qa: Any) -> None:
    county = qa.tasks(level="county")
    assert {t["doc_id"] for t in county} == {M.DOC_ID} and len(county) == len(M.EXPECTED)
    assert len(qa.tasks(doc=SEED_ID)) == 33
    assert len(qa.tasks(level="municipal")) == 33
    for t in qa.tasks():
        assert {"doc_id", "doc_title", "level", "deadline"} <= set(t)
    assert all(t["deadline"] for t in county)
    assert all(t["deadline"] is None for t in qa.tasks(doc=SEED_ID))
    rows = qa.tasks(unit="县住建局")
    assert {t["doc_id"] for t in rows} == {M.DOC_ID}
    want = {n for n, (lead, part, _, _) in M.EXPECTED.items() if "县住房和城乡建设局" in (*lead, *part)}
    assert {t["row_no"] for t in rows} == want
    # a city unit never picks up county rows, and the reverse
    assert all(t["doc_id"] == SEED_ID for t in qa.tasks(unit="市住房和城乡建设局"))


def test_corpus_report_links_the_cited_seed(qa: Any) -> None:
    rep = qa.corpus_report()
    links = {(x["cited_by"], x["doc_id"]) for x in rep["links"]}
    assert (M.DOC_ID, SEED_ID) in links
    missing = {m["title"] for m in rep["missing"]}
    assert M.SEED_TITLE not in missing
    assert M.MISSING_TITLE in missing
    # the national plan the seed cites is not the county's plan just because the title ends alike
    assert (SEED_ID, M.DOC_ID) not in links
    county = next(d for d in rep["documents"] if d["id"] == M.DOC_ID)
    assert county["unresolved_units"] == [M.UNKNOWN_UNIT]


def test_county_unit_question_is_answered_from_the_county_plan(qa: Any) -> None:
    ans = qa.ask("县住建局负责哪些任务？").to_dict()
    assert ans["found"]
    assert {t["doc_id"] for t in ans["tasks"]} == {M.DOC_ID}
    assert "县住房和城乡建设局" in ans["answer"]


def test_county_conflict_is_flagged(qa: Any) -> None:
    ans = qa.ask("示例县既有居住建筑节能改造要完成多少平方米？").to_dict()
    assert ans["found"]
    assert any(c["doc_id"] == M.DOC_ID and c["row_no"] == M.CONFLICT["row_no"] for c in ans["conflicts"])
    assert "20万平方米" in ans["answer"] and "15万平方米" in ans["answer"]


def test_a_county_figure_is_never_given_as_the_citys(qa: Any) -> None:
    for q in ("聊城市的滨河绿道要建多少公里？", "市级方案要求建多少公里滨河绿道？"):
        ans = qa.ask(q).to_dict()
        assert "25公里" not in ans["answer"].replace(" ", ""), q
        assert all(c["doc_id"] != M.DOC_ID for c in ans["citations"]), q


def test_unscoped_answer_names_each_document_with_its_level(qa: Any) -> None:
    ans = qa.ask("装配式建筑占比要达到多少？").to_dict()
    assert ans["found"]
    cited = {c["doc_id"] for c in ans["citations"]}
    assert cited == {SEED_ID, M.DOC_ID}
    assert "（县级）" in ans["answer"] and "（市级）" in ans["answer"]
    # each figure sits in the line of its own document
    for line in ans["answer"].splitlines():
        if "35%" in line:
            assert M.TITLE in line
        if "50%" in line:
            assert M.SEED_TITLE in line


def test_seed_answers_do_not_drop_with_a_second_document(qa: Any) -> None:
    """The seed's own unit_tasks / refuse / conflict questions score as before."""
    from assistant.evaluate import score_one

    questions = [json.loads(x) for x in (REPO / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
                 if x.strip()]
    picked = [q for q in questions if q["type"] in ("unit_tasks", "conflict")]
    assert picked
    wrong = []
    for q in picked:
        q = {**q, "gold": {**q["gold"], "doc_id": SEED_ID}}
        res = score_one(q, qa.ask(q["question"], k=10).to_dict())
        if not res["correct"]:
            wrong.append(q["id"])
    assert not wrong, wrong


def test_question_file_over_two_documents_is_well_formed() -> None:
    path = REPO / "eval" / "questions_county.jsonl"
    qs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(qs) >= 30
    assert len({q["id"] for q in qs}) == len(qs)
    types = {q["type"] for q in qs}
    assert {"lead", "unit_tasks", "target", "conflict", "refuse"} <= types
    assert any("示例县" in q["question"] for q in qs)
    assert any(q["gold"].get("doc_id") == SEED_ID for q in qs)
    assert any(q["gold"].get("doc_id") == M.DOC_ID for q in qs)


def test_copying_into_a_corpus_never_touches_corpus_dir(tmp_path: Path) -> None:
    before = sorted(p.name for p in (REPO / "corpus").iterdir())
    make_two_doc_corpus(tmp_path / "c")
    assert sorted(p.name for p in (REPO / "corpus").iterdir()) == before
    assert M.DOCX_NAME not in before
    shutil.rmtree(tmp_path / "c")


def test_the_retriever_keeps_to_the_plan_a_question_names(qa: Any) -> None:
    """A question naming a plan (its place and title) is searched in that plan only, and
    the words naming it do not pull its header first."""
    docs = [d.metadata for d in qa.retriever(k=10).invoke(f"{M.PLACE}的实施方案里清洁取暖由谁牵头？")]
    assert docs and {d["doc_id"] for d in docs} == {M.DOC_ID}
    assert docs[0]["kind"] != "header"
    unscoped = [d.metadata["doc_id"] for d in qa.retriever(k=10).invoke("清洁取暖由谁牵头？")]
    assert len(set(unscoped)) == 2  # naming no plan searches both
    # a filter given by the caller wins over the plan the question names
    filtered = qa.retriever(k=5, doc=SEED_ID).invoke(f"{M.PLACE}的实施方案里清洁取暖由谁牵头？")
    assert {d.metadata["doc_id"] for d in filtered} == {SEED_ID}


def test_the_retriever_keeps_a_units_question_to_the_plans_naming_it(qa: Any) -> None:
    docs = [d.metadata["doc_id"] for d in qa.retriever(k=10).invoke("县住建局牵头哪些任务？")]
    assert docs and set(docs) == {M.DOC_ID}


def test_lead_and_deadline_asked_in_one_line(qa: Any) -> None:
    """谁牵头 什么时候完成 typed as a search: the lead line also gives the row's 完成时限."""
    row = next(t for t in qa.tasks() if t["deadline"] and t["lead_units"])
    ans = qa.ask(f"{row['key_task']} 谁牵头 什么时候完成", doc=row["doc_id"])
    assert ans.found and ans.intent == "lead"
    assert any(t.deadline and f"完成时限：{t.deadline}" in ans.answer for t in ans.tasks)
    assert "完成时限" not in qa.ask(f"{row['key_task']}谁牵头？", doc=row["doc_id"]).answer
