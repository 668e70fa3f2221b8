"""RawDocument -> Document: header, sections, clauses, task table, links, conflicts, targets.

This is the one place that strings the structure stages together for a document, so
every file type (TXT, PDF, DOCX) and every level goes through the same steps.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from assistant.documents.crossref import find_conflicts
from assistant.documents.inline import inline_tasks
from assistant.documents.structure import (
    cited_documents,
    infer_level,
    parse_clauses,
    parse_header,
    parse_sections,
    preamble_text,
)
from assistant.documents.table import is_task_table, parse_task_table, unresolved_units
from assistant.documents.targets import extract_targets
from assistant.documents.units import UnitResolver, canonical_task, written_units
from assistant.types import DocMeta, Document, RawDocument, RawTable, TaskRow

log = logging.getLogger(__name__)



def restore_other_tables(text: str, tables: Sequence[RawTable]) -> str:
    """Tables that are not responsibility tables (an indicator table, a list) were cut out
    of the text by ingestion; put their rows back as lines — after their title when the
    text still has it — so their content is searchable and answerable."""
    for t in tables:
        rows = [[c.strip() for c in row] for row in t.rows if any(c.strip() for c in row)]
        if not rows:
            continue
        header, lines_out = rows[0], ["；".join(c for c in rows[0] if c)]
        for row in rows[1:]:  # "指标名称：…，2025年目标值：…。" keeps each value next to its column name
            cells = [f"{h}：{c}" if h and h != "序号" else c for h, c in zip(header, row) if c and h != "序号"]
            lines_out.append("，".join(cells) + "。")
        body = "\n".join(lines_out)
        lines = text.split("\n")
        at = next((i for i, ln in enumerate(lines) if t.title and ln.strip() == t.title.strip()), None)
        if at is None:
            text = text.rstrip() + "\n\n" + body + "\n"
        else:
            text = "\n".join([*lines[: at + 1], body, *lines[at + 1:]])
    return text


def _distinct(tables: Sequence[RawTable], warnings: list[str]) -> list[RawTable]:
    """The task tables without exact repeats: a file holding the same plan many times over
    must not multiply its tasks (and the work and answer sizes with them)."""
    seen: set[tuple[tuple[str, ...], ...]] = set()
    out = []
    for t in tables:
        if t.rows in seen:
            continue
        seen.add(t.rows)
        out.append(t)
    if len(out) < len(tables):
        warnings.append(f"{len(tables) - len(out)} repeated copies of a task table ignored")
        log.warning("%s", warnings[-1])
    return out


def build_meta(raw: RawDocument, doc_id: str, entry: dict[str, Any]) -> DocMeta:
    header = parse_header(raw.text)
    given = entry.get("issuers") or entry.get("issuer")
    issuers = (given,) if isinstance(given, str) else tuple(given or header.issuers)
    title = entry.get("title") or header.title
    level = entry.get("level") or infer_level(issuers, title)
    return DocMeta(
        id=doc_id,
        title=title,
        level=level,
        doc_number=entry.get("doc_number") or header.doc_number,
        issuers=issuers,
        date=str(entry["date"]) if entry.get("date") else header.date,
        attachments=header.attachments,
        file=raw.path.rsplit("/", 1)[-1],
        place=entry.get("place") or header.place,
        notice_title=header.notice_title,
        recipients=header.recipients,
    )


def parse_document(raw: RawDocument, doc_id: str, entry: dict[str, Any] | None = None) -> Document:
    entry = entry or {}
    warnings: list[str] = list(raw.notes)  # what reading worked around (a scanned page OCR found empty)
    task_tables = _distinct([t for t in raw.tables if is_task_table(t)], warnings)
    text = restore_other_tables(raw.text, [t for t in raw.tables if not is_task_table(t)])
    raw = RawDocument(path=raw.path, fmt=raw.fmt, text=text, sha256=raw.sha256, tables=tuple(task_tables))
    meta = build_meta(raw, doc_id, entry)
    sections = parse_sections(raw.text)
    clauses = parse_clauses(raw.text, sections)
    base = UnitResolver(level=meta.level, place=meta.place, issuers=meta.issuers)
    rows: list[TaskRow] = []
    for table in raw.tables:
        found = parse_task_table(table, doc_id=doc_id, clauses=clauses, sections=sections,
                                 resolver=base, doc_title=meta.title, level=meta.level)
        if rows and found:
            log.info("%s: a second task table; its rows keep their own 序号", raw.path)
        rows.extend(found)
    stated = inline_tasks(raw.text, clauses, sections, base, doc_id=doc_id, doc_title=meta.title, level=meta.level)
    if rows and stated:
        log.info("%s: %d task rows and %d tasks stated in the text", raw.path, len(rows), len(stated))
    # canonical names are the document's fullest forms: chosen once all its names are known
    resolver = base.with_forms(written_units([*rows, *stated]))
    tasks = [canonical_task(t, resolver) for t in (*rows, *stated)]
    unresolved = unresolved_units(tasks, base)
    conflicts = find_conflicts(tasks[: len(rows)], clauses, doc_id)
    targets = extract_targets(clauses, tasks[: len(rows)], doc_id)
    if not clauses and not tasks:
        log.warning("%s: no numbered clauses or task table found; indexed as plain text", raw.path)
    return Document(
        meta=meta,
        text=raw.text,
        sections=tuple(sections),
        clauses=tuple(clauses),
        preamble=preamble_text(raw.text),
        tasks=tuple(tasks),
        targets=tuple(targets),
        conflicts=tuple(conflicts),
        cited=tuple(cited_documents(raw.text, clauses)),
        unresolved_units=tuple(unresolved),
        sha256=raw.sha256,
        warnings=tuple(warnings),
    )
