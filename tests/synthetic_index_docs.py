"""SYNTHETIC test documents for the index tests (tokenizer, chunking, store, retriever).

Everything here is invented for testing and is not policy text: the documents are
built by hand as ``assistant.types.Document`` objects, so these tests do not depend on
the ingestion / structure code.
"""

from __future__ import annotations

from pathlib import Path

from assistant.types import Clause, DocMeta, Document, Section, TaskRow, content_hash

LONG_SENTENCES = [
    "（二）推进合成示范街区节水改造。",
    "合成测试文本第一句说明示范街区要推广节水器具。",
    "合成测试文本第二句说明老旧管网每年更新一段；",
    "合成测试文本第三句说明雨水收集设施同步建设。",
    "合成测试文本第四句说明再生水用于道路清扫和绿化浇灌。",
    "合成测试文本第五句说明到2027年漏损率控制在8%以内。",
]


def make_doc(doc_id: str = "synth-city", level: str = "municipal", *, extra: str = "",
             place: str = "合成市") -> Document:
    """A small synthetic plan: preamble, three clauses (one long), three table rows."""
    title = f"{place}合成城乡建设示范方案（合成测试文本）{extra}"
    c1 = "（一）清洁取暖示范。合成测试文本：冬季清洁取暖改造覆盖全部合成村镇，由市城市管理局统筹。"
    c2 = "".join(LONG_SENTENCES)
    c3 = f"（三）海绵城市试点。合成测试文本：新建片区执行海绵城市标准，年径流总量控制率达到75%。{extra}"
    preamble = f"{title}\n为开展合成测试，制定本方案。本段为合成前言文本。"
    body = "\n".join([preamble, "一、示范任务", c1, c2, "二、保障措施", c3])
    s1 = Section(no=1, title="示范任务", start=0, end=0)
    s2 = Section(no=2, title="保障措施", start=0, end=0)
    clauses = (
        Clause(no=1, title="清洁取暖示范", text=c1, section_no=1, section_title="示范任务", start=0, end=0),
        Clause(no=2, title="推进合成示范街区节水改造", text=c2, section_no=1, section_title="示范任务",
               start=0, end=0),
        Clause(no=3, title="海绵城市试点", text=c3, section_no=2, section_title="保障措施", start=0, end=0),
    )
    unit = "县" if level == "county" else "市"
    tasks = (
        TaskRow(doc_id=doc_id, row_no=1, key_task="示范任务", measure="清洁取暖示范",
                requirement="冬季清洁取暖改造覆盖全部合成村镇（合成测试文本）。",
                lead_units=(f"{unit}城市管理局",), participating_units=(f"{unit}住房和城乡建设局",),
                clause_no=1, doc_title=title, level=level),
        TaskRow(doc_id=doc_id, row_no=2, key_task="示范任务", measure="节水改造",
                requirement="再生水用于道路清扫和绿化浇灌（合成测试文本）。",
                lead_units=(f"{unit}住房和城乡建设局",), participating_units=(),
                clause_no=2, doc_title=title, level=level),
        TaskRow(doc_id=doc_id, row_no=3, key_task="保障措施", measure="海绵城市试点",
                requirement=f"新建片区执行海绵城市标准（合成测试文本）。{extra}",
                lead_units=(f"{unit}自然资源和规划局",), participating_units=(f"{unit}财政局",),
                clause_no=3, doc_title=title, level=level, deadline="2027年底"),
    )
    meta = DocMeta(id=doc_id, title=title, level=level, doc_number="合建字〔2099〕1号",
                   issuers=(f"{place}住房和城乡建设局",), date="2099-01-01", place=place)
    return Document(meta=meta, text=body, sections=(s1, s2), clauses=clauses, preamble=preamble,
                    tasks=tasks, sha256=content_hash(body, n=64))


def corpus(*docs: Document) -> dict[str, str]:
    """corpus_hashes as the facade passes them: document id -> content hash."""
    return {d.id: d.sha256 for d in docs}


TXT_TEMPLATE = """{place}合成测试局
{place}合成测试委员会

合建字〔2099〕{n}号

{place}合成城乡建设示范方案（合成测试文本）

为开展合成测试，制定本方案。本段为合成前言文本{extra}。

一、示范任务

（一）清洁取暖示范。合成测试文本：冬季清洁取暖改造覆盖全部合成村镇，由{p}城市管理局统筹。

（二）推进合成示范街区节水改造。合成测试文本说明示范街区要推广节水器具。合成测试文本说明再生水用于道路清扫和绿化浇灌。

二、保障措施

（三）海绵城市试点。合成测试文本：新建片区执行海绵城市标准，年径流总量控制率达到75%。{extra}

附件：{place}合成任务分工表

{place}合成任务分工表

序号\t重点任务\t工作要求\t牵头单位\t参与单位
1\t示范任务\t冬季清洁取暖改造覆盖全部合成村镇。\t{p}城市管理局\t{p}住房和城乡建设局
2\t\t再生水用于道路清扫和绿化浇灌。\t{p}住房和城乡建设局\t
3\t保障措施\t新建片区执行海绵城市标准。{extra}\t{p}自然资源和规划局\t{p}财政局
"""


def write_txt(folder: Path, name: str, place: str = "合成市", extra: str = "", n: int = 1) -> Path:
    """A small SYNTHETIC plan as a TXT file (header, three clauses, a three-row table)."""
    p = folder / f"{name}.txt"
    p.write_text(TXT_TEMPLATE.format(place=place, p=place[-1], extra=extra, n=n), encoding="utf-8")
    return p
