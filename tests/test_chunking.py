"""Chunking tests on a hand-made SYNTHETIC Document (see synthetic_index_docs.py)."""

from __future__ import annotations

from synthetic_index_docs import LONG_SENTENCES, make_doc

from assistant.config import Settings
from assistant.search.chunking import chunk_document, index_text, pack_sentences, split_sentences
from assistant.types import content_hash

SETTINGS = Settings(chunk_max_chars=80, chunk_overlap_sentences=1)


def test_one_header_then_clauses_then_rows() -> None:
    doc = make_doc()
    chunks = chunk_document(doc, SETTINGS)
    kinds = [c.kind for c in chunks]
    assert kinds[0] == "header"
    assert kinds == sorted(kinds, key=["header", "clause", "row"].index)
    header = chunks[0]
    for part in ("合建字〔2099〕1号", "合成市住房和城乡建设局", "2099年1月1日", doc.meta.title):
        assert part in header.text
    assert header.clause_no is None and header.row_no is None
    assert {c.clause_no for c in chunks if c.kind == "clause"} == {1, 2, 3}


def test_long_clause_split_at_sentence_ends_with_overlap() -> None:
    chunks = [c for c in chunk_document(make_doc(), SETTINGS) if c.kind == "clause" and c.clause_no == 2]
    assert len(chunks) >= 2
    assert [c.part for c in chunks] == list(range(len(chunks)))
    for c in chunks:
        assert len(c.text) <= SETTINGS.chunk_max_chars
        assert c.text.endswith(("。", "；")), c.text
        assert c.section == "示范任务"
    for a, b in zip(chunks, chunks[1:]):  # the last sentence of a piece opens the next
        last = split_sentences(a.text, 1000)[-1]
        assert b.text.startswith(last)
    assert chunks[0].text.startswith(LONG_SENTENCES[0])
    for s in LONG_SENTENCES:  # nothing lost
        assert any(s in c.text for c in chunks)


def test_no_overlap_setting() -> None:
    s = Settings(chunk_max_chars=80, chunk_overlap_sentences=0)
    chunks = [c for c in chunk_document(make_doc(), s) if c.clause_no == 2 and c.kind == "clause"]
    assert sum(len(c.text) for c in chunks) == len("".join(LONG_SENTENCES))


def test_rows_carry_row_and_clause_numbers_and_units() -> None:
    rows = [c for c in chunk_document(make_doc(), SETTINGS) if c.kind == "row"]
    assert [(c.row_no, c.clause_no) for c in rows] == [(1, 1), (2, 2), (3, 3)]
    r1 = rows[0]
    for part in ("重点任务：示范任务", "主要措施：清洁取暖示范", "牵头单位：市城市管理局", "参与单位：市住房和城乡建设局"):
        assert part in r1.text
    assert "完成时限：2027年底" in rows[2].text
    assert r1.section == "示范任务"


def test_ids_are_content_hashes() -> None:
    doc = make_doc()
    a = chunk_document(doc, SETTINGS)
    b = chunk_document(doc, SETTINGS)
    assert [c.id for c in a] == [c.id for c in b]
    assert len({c.id for c in a}) == len(a)
    c = a[1]
    assert c.id == content_hash(c.doc_id, c.kind, str(c.clause_no), str(c.row_no), str(c.part), c.text)
    changed = chunk_document(make_doc(extra="（改）"), SETTINGS)
    assert {x.id for x in changed if x.clause_no == 3} != {x.id for x in a if x.clause_no == 3}
    assert {x.id for x in changed if x.clause_no == 1 and x.kind == "clause"} == \
        {x.id for x in a if x.clause_no == 1 and x.kind == "clause"}


def test_doc_fields_copied() -> None:
    for c in chunk_document(make_doc("d2", "county"), SETTINGS):
        assert (c.doc_id, c.level) == ("d2", "county")
        assert c.doc_title.startswith("合成市")


def test_index_text_prefixes_section() -> None:
    c = [c for c in chunk_document(make_doc(), SETTINGS) if c.kind == "clause"][0]
    assert index_text(c).startswith("示范任务\n")
    assert index_text(c).endswith(c.text)


def test_split_and_pack_helpers() -> None:
    s = split_sentences("甲句。乙句；丙" + "很长，" * 30 + "句。", 20)
    assert s[0] == "甲句。" and s[1] == "乙句；"
    assert all(len(x) <= 20 for x in s)
    assert pack_sentences(["一。", "二。", "三。"], 4, 1) == ["一。二。", "二。三。"]
    assert pack_sentences([], 10, 1) == []
