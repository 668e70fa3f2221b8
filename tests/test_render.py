"""assistant.ui.render: escaping and labels of the web UI, without a server (fast)."""

from __future__ import annotations

from pathlib import Path

from assistant.ui import render as R

EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)>"&'


def _answer(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "question": "q", "answer": "第一句[1]。\n第二句[2]。", "found": True, "intent": "lead",
        "citations": [{"n": 1, "doc_id": "a", "doc_title": "某市方案", "level": "municipal", "clause_no": 15,
                       "row_no": None, "text": "条款原文"},
                      {"n": 2, "doc_id": "a", "doc_title": "某市方案", "level": "municipal", "clause_no": 12,
                       "row_no": 24, "text": "表格原文"}],
        "conflicts": [], "timings_ms": {"total": 12.3}, "english": None}
    base.update(kw)
    return base


def test_labels() -> None:
    assert R.location_label(15, None) == "第（十五）条"
    assert R.location_label(None, 24) == "附件第24行"
    assert R.location_label(22, 3) == "附件第3行（第（二十二）条）"
    assert R.location_label(None, None) == "文件标题与发文信息"
    assert R.level_cn("county") == "县级" and R.level_cn(None) == "其他"


def test_answer_has_markers_cards_and_no_blank_lines() -> None:
    html = R.render_answer(_answer())
    assert html.count('class="pa-cite"') == 2
    assert '<span class="pa-ref">[1]</span>' in html and '<span class="pa-ref">[2]</span>' in html
    assert "第（十五）条" in html and "附件第24行" in html and "市级" in html
    assert "\n" not in html  # one HTML block: the chat's Markdown pass must not split it
    assert "牵头单位" in html  # intent shown in Chinese


def test_everything_from_outside_is_escaped() -> None:
    conflict = {"clause_no": 3, "row_no": 5, "body_value": EVIL, "table_value": "二星级", "description": EVIL,
                "body_text": "", "table_text": ""}
    cite = {"n": 1, "doc_title": EVIL, "level": "other", "clause_no": None, "row_no": None, "text": EVIL}
    pieces = [R.render_question(EVIL), R.render_error(EVIL),
              R.render_answer(_answer(answer=EVIL, english=EVIL, citations=[cite], conflicts=[conflict])),
              R.render_corpus({"documents": [{"id": "x", "title": EVIL, "level": "other", "issuers": [EVIL],
                                              "file": EVIL}],
                               "missing": [{"title": EVIL, "kind": "document",
                                            "cited_by": [{"doc_id": "x", "clause_no": 2}]}],
                               "errors": [EVIL]}),
              R.render_status(False, EVIL)]
    for html in pieces:
        assert "<script" not in html and "<img" not in html, html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'class="pa-conflict"' in pieces[2] and "附件第5行" in pieces[2]


def test_corpus_lists_missing_with_citing_document() -> None:
    html = R.render_corpus({"documents": [{"id": "x", "title": "某市方案", "level": "municipal"}],
                            "missing": [{"title": "某标准", "kind": "standard",
                                         "cited_by": [{"doc_id": "x", "clause_no": 5}]}]})
    assert "《某标准》" in html and "标准规范" in html and "《某市方案》第（五）条" in html
    assert "被引用但未收录的文件（1）" in html


def test_task_table_columns_and_csv_bom(tmp_path: Path) -> None:
    tasks = [{"doc_id": "a", "doc_title": "甲", "row_no": 2, "key_task": "K", "measure": "M", "requirement": "R",
              "lead_units": ["市城市管理局"], "participating_units": ["市财政局", "市自然资源和规划局"],
              "clause_no": 4, "deadline": None}]
    headers, rows = R.task_table(tasks)
    assert headers == R.TASK_HEADERS
    assert rows == [["2", "K", "M", "R", "市城市管理局", "市财政局、市自然资源和规划局", "第（四）条"]]
    two = [*tasks, {**tasks[0], "doc_id": "b", "doc_title": "乙", "deadline": "2025年底前"}]
    headers2, rows2 = R.task_table(two)
    assert headers2[-2:] == ["完成时限", "文件"] and rows2[1][-2:] == ["2025年底前", "乙"]
    path = R.write_csv(tmp_path / "t.csv", headers, rows)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "市城市管理局" in raw.decode("utf-8-sig")


def test_target_table_sorted_by_year_with_unknown_last() -> None:
    rows = R.target_table([{"indicator": "A", "value": "1", "year": None, "text": "t", "clause_no": 1},
                           {"indicator": "B", "value": "2", "year": 2030, "text": "t", "row_no": 3},
                           {"indicator": "C", "value": "3", "year": 2025, "text": "t", "doc_id": "d"}],
                          {"d": "某方案"})[1]
    assert [r[0] for r in rows] == ["2025", "2030", "未注明"]
    assert rows[0][5] == "某方案" and rows[1][3] == "附件第3行"
