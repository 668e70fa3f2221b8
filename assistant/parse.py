"""RawDocument -> Document: header, sections, clauses, task table, links, conflicts, targets.

This is the one place that strings the structure stages together for a document, so
every file type (TXT, PDF, DOCX) and every level goes through the same steps.
"""

from __future__ import annotations

import logging
from typing import Any

from .crossref import find_conflicts
from .structure import (
    cited_documents,
    infer_level,
    parse_clauses,
    parse_header,
    parse_sections,
    preamble_text,
)
from .table import find_column_roles, parse_task_table
from .targets import extract_targets
from .types import DocMeta, Document, RawDocument, RawTable, TaskRow
from .units import UnitResolver

log = logging.getLogger(__name__)

TASK_ROLES = {"requirement", "key_task", "measure"}
UNIT_ROLES = {"lead", "participating"}


def is_task_table(table: RawTable) -> bool:
    """A responsibility table: its header names a task column and a unit column."""
    if not table.rows:
        return False
    roles = set(find_column_roles(table.rows[0]).values())
    return bool(roles & TASK_ROLES) and bool(roles & UNIT_ROLES)


def build_meta(raw: RawDocument, doc_id: str, entry: dict[str, Any]) -> DocMeta:
    header = parse_header(raw.text)
    issuers = tuple(entry.get("issuers") or entry.get("issuer") or header.issuers)
    if isinstance(entry.get("issuer"), str):
        issuers = (entry["issuer"],)
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
    meta = build_meta(raw, doc_id, entry)
    sections = parse_sections(raw.text)
    clauses = parse_clauses(raw.text, sections)
    resolver = UnitResolver(level=meta.level, place=meta.place, issuers=meta.issuers)
    tasks: list[TaskRow] = []
    for table in raw.tables:
        if not is_task_table(table):
            continue
        rows = parse_task_table(table, doc_id=doc_id, clauses=clauses, sections=sections,
                                resolver=resolver, doc_title=meta.title, level=meta.level)
        offset = len(tasks)
        if offset and rows and rows[0].row_no <= tasks[-1].row_no:
            log.info("%s: a second task table; its rows keep their own 序号", raw.path)
        tasks.extend(rows)
    unresolved: list[str] = []
    for t in tasks:
        for u in (*t.lead_units, *t.participating_units):
            if resolver.resolve(u) is None and not _is_collective(u) and u not in unresolved:
                unresolved.append(u)
    conflicts = find_conflicts(tasks, clauses, doc_id)
    targets = extract_targets(clauses, tasks, doc_id)
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
    )


def _is_collective(name: str) -> bool:
    """各乡镇人民政府, 各县（市、区）… are kept as written and are not 'unresolved'."""
    return name.startswith("各") or name.endswith(("人民政府", "政府", "街道办事处"))
