"""The web UI's pure parts without a server (fast): HTML and escaping (assistant.ui.render,
assistant.ui.tables), Chinese messages (assistant.ui.messages), the locale middleware."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

from assistant.ui import render as R
from assistant.ui import tables as T
from assistant.ui.locale import SCRIPT, ChineseLocale, rewrite
from assistant.ui.messages import closest_from_error, closest_units, to_chinese

EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)>"&'
SEED = "聊城市城乡建设领域碳达峰实施方案"


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


def _task(**kw: Any) -> dict[str, Any]:
    base = {"doc_id": "a", "doc_title": "某市方案", "row_no": 9, "item": "9", "source": "table",
            "key_task": "系统推进绿色低碳城市建设", "measure": "提高城镇基础设施运行效率",
            "requirement": "全面推进海绵城市建设，到2030年城市建成区可渗透面积比例达45%。",
            "lead_units": ["市住房和城乡建设局"], "participating_units": [],
            "lead_units_as_written": ["住房和城乡建设局"], "participating_units_as_written": [],
            "units_text": "牵头单位：住房和城乡建设局", "clause_no": 7, "deadline": None, "page": None}
    base.update(kw)
    return base


def test_labels() -> None:
    assert R.location_label(15, None) == "第（十五）条"
    assert R.location_label(None, 24) == "附件第24行"
    assert R.location_label(22, 3) == "附件第3行（第（二十二）条）"
    assert R.location_label(None, None) == "文件标题与发文信息"
    assert R.location_label(3, None, "（三）2", 4) == "第（三）条第2项 · PDF 第4页"
    assert R.item_label("（三）") == "第（三）条" and R.item_label("（三）2-2") == "第（三）条第2项（同段第2项任务）"
    assert R.item_label("甲-1", 3) == "第（三）条（甲-1）"
    assert R.level_cn("county") == "县级" and R.level_cn(None) == "其他"


def test_answer_has_markers_cards_and_no_blank_lines() -> None:
    html = R.render_answer(_answer())
    assert html.count('class="pa-cite"') == 2
    assert '<span class="pa-ref">[1]</span>' in html and '<span class="pa-ref">[2]</span>' in html
    assert "第（十五）条" in html and "附件第24行" in html and "市级" in html
    assert "\n" not in html  # one HTML block: the chat's Markdown pass must not split it
    assert "牵头单位" in html and "毫秒" in html  # intent and timing in Chinese


def test_row_card_shows_cells_as_written_and_canonical_names() -> None:
    task = _task(deadline="2025年底前")
    cite = {"n": 1, "doc_id": "a", "doc_title": "某市方案", "level": "municipal", "clause_no": 7, "row_no": 9,
            "text": task["requirement"], "item": "", "units_text": task["units_text"], "page": None}
    html = R.render_answer(_answer(citations=[cite], tasks=[task]))
    assert "责任（原文）" in html and "牵头单位：住房和城乡建设局" in html
    assert "规范名称" in html and "牵头：市住房和城乡建设局" in html
    assert "完成时限" in html and "2025年底前" in html and "附件第9行（第（七）条）" in html
    same = _task(lead_units_as_written=["市住房和城乡建设局"], units_text="牵头单位：市住房和城乡建设局")
    html = R.render_citation({**cite, "units_text": same["units_text"]}, same)
    assert "规范名称" not in html  # nothing to reconcile


def test_inline_task_card_and_pdf_page() -> None:
    task = _task(source="text", row_no=None, item="（三）2", units_text="（省住房城乡建设厅牵头，省发展改革委配合）",
                 lead_units=["省住房和城乡建设厅"], lead_units_as_written=["省住房城乡建设厅"],
                 participating_units=["省发展和改革委员会"], participating_units_as_written=["省发展改革委"], page=3)
    cite = {"n": 1, "doc_id": "a", "doc_title": "某省方案", "level": "provincial", "clause_no": 3, "row_no": None,
            "text": "推进……", "item": "（三）2", "units_text": task["units_text"], "page": 3}
    html = R.render_answer(_answer(citations=[cite], tasks=[task]))
    assert "第（三）条第2项 · PDF 第3页" in html
    assert "（省住房城乡建设厅牵头，省发展改革委配合）" in html
    assert "牵头：省住房和城乡建设厅；参与：省发展和改革委员会" in html


def test_target_quoting_the_body_says_so() -> None:
    task = _task(row_no=17, clause_no=12, requirement="因地制宜在新建农房中采取清洁能源方式，到2025年力争农村地区清洁能源取暖率达到80%以上。")
    cite = {"n": 1, "doc_id": "a", "clause_no": 12, "row_no": 17, "units_text": "",
            "text": "因地制宜在新建农房中采取清洁供暖方式，到 2025年力争农村地区清洁取暖率达到80%以上。"}
    assert R.citation_location(cite, task) == "第（十二）条（附件第17行也列出此目标）"
    assert R.citation_location({**cite, "text": task["requirement"]}, task) == "附件第17行（第（十二）条）"


def test_everything_from_outside_is_escaped() -> None:
    conflict = {"clause_no": 3, "row_no": 5, "body_value": EVIL, "table_value": "二星级", "description": EVIL,
                "body_text": "", "table_text": ""}
    cite = {"n": 1, "doc_title": EVIL, "level": "other", "clause_no": None, "row_no": 3, "text": EVIL,
            "units_text": EVIL, "doc_id": "x"}
    task = _task(doc_id="x", row_no=3, lead_units=[EVIL], participating_units=[EVIL], deadline=EVIL,
                 key_task=EVIL, measure=EVIL, requirement=EVIL, doc_title=EVIL, item=EVIL)
    pieces = [R.render_question(EVIL), R.render_error(EVIL),
              R.render_answer(_answer(answer=EVIL, english=EVIL, citations=[cite], conflicts=[conflict],
                                      tasks=[task])),
              R.render_corpus({"documents": [{"id": "x", "title": EVIL, "level": "other", "issuers": [EVIL],
                                              "file": EVIL}],
                               "missing": [{"title": EVIL, "kind": "document",
                                            "cited_by": [{"doc_id": "x", "clause_no": 2}]}],
                               "errors": [EVIL]}),
              R.render_status(False, EVIL), R.render_notice(EVIL, "warn"),
              T.render_tasks([task, {**task, "doc_id": "y"}]), T.render_targets(T.target_rows(
                  [{"indicator": EVIL, "value": EVIL, "year": 2025, "text": EVIL, "doc_id": "x"}], {"x": EVIL})[1])]
    for html in pieces:
        assert "<script" not in html and "<img" not in html, html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'class="pa-conflict"' in pieces[2] and "附件第5行" in pieces[2]


def test_corpus_lists_missing_with_citing_document() -> None:
    html = R.render_corpus({"documents": [{"id": "x", "title": "某市方案", "level": "municipal"}],
                            "missing": [{"title": "某标准", "kind": "standard",
                                         "cited_by": [{"doc_id": "x", "clause_no": 5}]}]})
    assert "《某标准》" in html and "标准规范" in html and "《某市方案》第（五）条" in html
    assert "被引用但未收录的文件（1）" in html and 'data-label="发文机关"' in html


def test_task_results_stack_with_labels_and_csv_has_bom(tmp_path: Path) -> None:
    task = _task(participating_units=["市财政局", "市城市管理局"], participating_units_as_written=["市财政局", "市城管局"],
                 units_text="牵头单位：住房和城乡建设局；参与单位：市财政局、市城管局")
    html = T.render_tasks([task])
    assert 'class="pa-rt pa-rt-tasks"' in html and 'data-label="牵头单位"' in html
    assert "市住房和城乡建设局" in html and "原文：住房和城乡建设局" in html and "原文：市财政局、市城管局" in html
    assert "完成时限" not in html and ">文件<" not in html  # columns only when they say something
    two = T.render_tasks([task, {**task, "doc_id": "b", "deadline": "2025年底前"}])
    assert 'data-label="完成时限"' in two and 'data-label="文件"' in two
    headers, rows = T.task_rows([task])
    assert headers[:6] == ["序号", "重点任务", "主要措施", "工作要求", "牵头单位", "参与单位"]
    assert rows[0][:2] == ["9", "系统推进绿色低碳城市建设"] and rows[0][6] == task["units_text"]
    assert rows[0][8] == "附件第9行（第（七）条）"
    raw = T.write_csv(tmp_path / "t.csv", headers, rows).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "市住房和城乡建设局" in raw.decode("utf-8-sig")


def test_csv_names_say_what_they_hold() -> None:
    day = date(2026, 12, 2)
    assert T.task_csv_name("市城市管理局", "lead", None, None, day) == "任务_市城市管理局_牵头_2026-12-02.csv"
    assert T.task_csv_name(None, "any", "清洁 取暖", 2025, day) == "任务_全部单位_全部_清洁_取暖_2025年_2026-12-02.csv"
    assert T.target_csv_name(2025, SEED, None, day) == f"目标_2025_{SEED[:24]}_2026-12-02.csv"
    assert T.target_csv_name(None, None, "../绿色", day) == "目标_全部年份_全部文件_绿色_2026-12-02.csv"


def test_target_table_sorted_by_year_with_unknown_last() -> None:
    rows = T.target_rows([{"indicator": "A", "value": "1", "year": None, "text": "t", "clause_no": 1},
                          {"indicator": "B", "value": "2", "year": 2030, "text": "t", "row_no": 3},
                          {"indicator": "C", "value": "3", "year": 2025, "text": "t", "doc_id": "d"}],
                         {"d": "某方案"})[1]
    assert [r[0] for r in rows] == ["2025", "2030", "未注明"]
    assert rows[0][5] == "某方案" and rows[1][3] == "附件第3行"


def test_backend_errors_in_chinese_unknown_passes_through() -> None:
    assert to_chinese("坏文件.pdf: not a valid PDF") == "坏文件.pdf：不是有效的 PDF 文件（可能已损坏或只是改了扩展名）"
    assert to_chinese("empty.txt: empty document") == "empty.txt：文件是空的"
    assert to_chinese("a.xyz: unsupported file type .xyz (use .txt, .pdf or .docx)").startswith("a.xyz：不支持的文件类型 .xyz")
    assert to_chinese("b.txt: not added (same content as a.txt (duplicate))") == "b.txt：与文件库中的 a.txt 内容相同（重复文件）"
    assert to_chinese("scan.pdf: no text layer (scanned PDF?) — OCR it first").endswith("请先做文字识别（OCR）")
    assert to_chinese("unknown unit: 城管 (closest known: 市城市管理局、市财政局)") == \
        "没有找到单位“城管”。最接近的已知单位：市城市管理局、市财政局"
    assert to_chinese("question too long (900 characters; at most 500)") == "问题太长（900 个字，最多 500 个字）"
    assert to_chinese("something new happened") == "something new happened"
    assert closest_from_error("unknown unit: x (closest known: 市城市管理局、市财政局)") == ["市城市管理局", "市财政局"]
    known = ["市住房和城乡建设局", "市城市管理局", "市财政局"]
    assert closest_units("市城市管理委员会", known)[0] == "市城市管理局"


def test_locale_script_goes_first_in_head_of_html_only() -> None:
    page = b'<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body></body></html>'
    out = rewrite(page)
    assert out.index(SCRIPT) == out.index(b"<head>") + len(b"<head>") and b'lang="zh-CN"' in out

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        kind = b"text/html; charset=utf-8" if scope["path"] == "/" else b"application/json"
        body = page if scope["path"] == "/" else b'{"head": "<head>"}'
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body[:20], "more_body": True})
        await send({"type": "http.response.body", "body": body[20:]})

    def call(path: str) -> tuple[dict[str, bytes], bytes]:
        sent: list[dict[str, Any]] = []

        async def send(m: dict[str, Any]) -> None:
            sent.append(m)

        asyncio.run(ChineseLocale(app)({"type": "http", "method": "GET", "path": path}, None, send))
        return dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])

    headers, body = call("/")
    assert SCRIPT in body and int(headers[b"content-length"]) == len(body)
    headers, body = call("/config")
    assert body == b'{"head": "<head>"}'  # the API is streamed through untouched
