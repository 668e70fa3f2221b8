"""Responsibility table (重点任务及责任分工表) -> one :class:`TaskRow` per 序号.

Text extracted from a PDF breaks such a table in three ways, all handled by reading
*content* rather than positions (never by row numbers):

* columns are shifted: a row may have more cells than the header (a unit cell split in
  several) or fewer (the merged 重点任务 column missing).  Each row is aligned to the
  header by trying the plausible alignments and scoring how well each cell's content
  type (unit names, sentence, short label, date) fits the column it lands in;
* rows are split by a page break: a continuation line (empty 序号) is joined to the row
  above, dropping the overlap a page break sometimes duplicates (局 after 住房和城乡建设局,
  碳建造方式 after 推广绿色低碳) when the body text confirms it;
* merged label cells (重点任务, 主要措施) sit on any row of their span: each row is linked
  to its body clause by its own requirement text, and the labels are mapped to clauses
  and sections by title, so a row gets the measure of its clause and the key task of
  that clause's section (the body's title when the table has no label for it).
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.documents.cells import cut_name, row_units, unwrap_text, unwrap_units, uses_marks
from assistant.documents.crossref import ClauseIndex
from assistant.documents.targets import row_years
from assistant.documents.units import ORG_SUFFIXES, UnitResolver
from assistant.reading.tables import ROLE_WORDS
from assistant.text import dice, squash
from assistant.types import Clause, RawTable, Section, TaskRow

log = logging.getLogger(__name__)

TEXT_ROLES = ("key_task", "measure", "requirement")
UNIT_ROLES = ("lead", "participating")
# dropping which header column explains a short row best, when content cannot tell:
# the merged 重点任务 column first (it spans the most rows), trailing columns next
_DROP_PENALTY = {"key_task": 0.0, "measure": 0.1, "deadline": 0.15, "participating": 0.2, "other": 0.2,
                 "lead": 0.5, "requirement": 0.5}
_DATE_RE = re.compile(r"(19|20)\d{2}\s*年|\d{1,2}\s*月|年底|月底|年内|长期|持续|常态化|每年")
_MIN_LABEL_SIM = 0.3


def find_column_roles(header: Sequence[str]) -> dict[int, str]:
    """Column index -> role (seq, key_task, measure, requirement, lead, participating,
    deadline) by the header's words; columns with unknown headers are left out."""
    roles: dict[int, str] = {}
    for i, cell in enumerate(header):
        h = re.sub(r"\s+", "", cell or "")
        if not h:
            continue
        for role, words in ROLE_WORDS:
            if role not in roles.values() and any(w in h for w in words):
                roles[i] = role
                break
    return roles


@dataclass
class _Row:
    """A row being assembled: cell texts per role (unit cells kept as a list)."""

    seq: str = ""
    text: dict[str, str] = field(default_factory=lambda: dict.fromkeys((*TEXT_ROLES, "deadline"), ""))
    units: dict[str, list[str]] = field(default_factory=lambda: {r: [] for r in UNIT_ROLES})


class _Typer:
    """Content type of a cell: empty, seq, unit, date, sentence or label."""

    def __init__(self, resolver: UnitResolver) -> None:
        self.resolver = resolver

    def __call__(self, cell: str) -> str:
        s = (cell or "").strip()
        if not s:
            return "empty"
        if re.fullmatch(r"\d{1,3}[.、]?", s):
            return "seq"
        if len(s) <= 20 and _DATE_RE.search(s) and not re.search(r"[，。；]", s):
            return "date"
        if self.resolver.looks_like_units(s):
            return "unit"
        if len(s) > 20 or re.search(r"[。；;，,%]|\d", s):
            return "sentence"
        return "label"


_FIT = {  # (cell type, column role) -> score; missing pairs score 0
    ("seq", "seq"): 1, ("unit", "lead"): 2, ("unit", "participating"): 2,
    ("sentence", "requirement"): 2, ("label", "key_task"): 1, ("label", "measure"): 1,
    ("date", "deadline"): 2,
}
_MISFIT = {"unit": -2, "sentence": -1, "label": 0, "date": -1, "seq": 0}


def _fit(ctype: str, role: str) -> float:
    if ctype == "empty":
        return 0.0
    if (ctype, role) in _FIT:
        return _FIT[(ctype, role)]
    if role == "seq":
        return -3.0
    if role in UNIT_ROLES:
        return -3.0
    if ctype == "sentence" and role == "deadline":
        return -2.0
    return float(_MISFIT.get(ctype, 0))


def _alignments(m: int, roles: Sequence[str]) -> list[tuple[list[str], float]]:
    """Candidate role-per-cell assignments for a row of ``m`` cells, with a prior penalty."""
    n = len(roles)
    if m == n:
        return [(list(roles), 0.0)]
    out: list[tuple[list[str], float]] = []
    if m > n:  # extra cells: one column spans several cells (a unit column, usually)
        extra = m - n
        for c in range(n):
            if roles[c] == "seq":
                continue
            assign = list(roles[:c]) + [roles[c]] * (extra + 1) + list(roles[c + 1:])
            out.append((assign, 0.0 if roles[c] == "lead" else 0.3))
        return out
    droppable = [i for i in range(n) if roles[i] != "seq"]
    for drop in itertools.combinations(droppable, n - m):
        keep = [roles[i] for i in range(n) if i not in drop]
        out.append((keep, sum(_DROP_PENALTY.get(roles[i], 0.2) for i in drop)))
    return out


def _align(cells: Sequence[str], roles: Sequence[str], typer: _Typer) -> list[str]:
    types = [typer(c) for c in cells]
    best: tuple[float, list[str]] | None = None
    for assign, penalty in _alignments(len(cells), roles):
        score = sum(_fit(t, r) for t, r in zip(types, assign)) - penalty
        if best is None or score > best[0] + 1e-9:
            best = (score, assign)
    return best[1] if best else list(roles)


def _overlap(a: str, b: str, limit: int = 12) -> int:
    """Length of the longest suffix of ``a`` that is a prefix of ``b``."""
    for k in range(min(len(a), len(b) - 1, limit), 0, -1):
        if a.endswith(b[:k]):
            return k
    return 0


def _join_text(above: str, frag: str, body: str) -> str:
    """Join a page-break continuation; drop a duplicated overlap only when the body text
    confirms the deduplicated form (推广绿色低碳 + 碳建造方式 -> 推广绿色低碳建造方式)."""
    if not frag or squash(frag) == squash(above):
        return above
    if not above:
        return frag
    k = _overlap(above, frag)
    if k and body:
        deduped = squash(above[-8:] + frag[k:k + 8])
        plain = squash(above[-8:] + frag[:8])
        if deduped in body and plain not in body:
            return above + frag[k:]
    return above + frag


def _join_units(cells: list[str], frag: str, resolver: UnitResolver) -> None:
    """Join a unit fragment: a suffix of the name above is a page-break duplicate
    (住房和城乡建设局 + 局); a broken name is completed (住房和城乡建设 + 局); else a new name."""
    f = squash(frag)
    names = resolver.split(cells[-1]) if cells else []
    last = names[-1] if names else ""
    if cells and f[:1] in "（(":  # a mark （牵头） or the bracket of a name, pushed to the next line
        cells[-1] = cells[-1].rstrip() + f
        return
    if last:
        combined = last + f
        first = (resolver.split(frag) or [f])[0]
        bare = first in ORG_SUFFIXES and not last.endswith(first)  # 市城市管理 + 局: a suffix is no name
        unfinished = bare or cut_name(cells[-1], resolver) \
            or (not resolver.knows(last) and (resolver.knows(combined) or not last.endswith(ORG_SUFFIXES)))
        if unfinished:  # 住房和城乡建设 + 局, and an unknown name cut mid-word (…革 + 新办)
            cells[-1] = cells[-1].rstrip() + f
            return
        if last.endswith(f) or f in cells[-1]:
            return
    if cells and squash(frag) in (squash(c) for c in cells):
        return
    cells.append(frag.strip())


def _find_header(table: RawTable) -> int | None:
    for i, row in enumerate(table.rows[:6]):
        roles = set(find_column_roles(row).values())
        if len(roles) >= 2 and roles & {"requirement", "lead", "key_task", "measure"} \
                and roles & {"lead", "participating"}:
            return i
    return None


def is_task_table(table: RawTable) -> bool:
    """Whether the table has a responsibility-table header (a unit column and a task or
    requirement column) within its first rows: lets callers skip other tables."""
    return _find_header(table) is not None


def _header_index(table: RawTable) -> int:
    i = _find_header(table)
    if i is None:
        raise ValueError("no header row with known column names (序号/工作要求/牵头单位 …)")
    return i


def _roles(header: Sequence[str]) -> dict[int, str]:
    """Column roles of a task table; a table with no requirement column keeps its task text
    in the measure column (序号 重点任务 工作措施 责任单位), which then is the requirement."""
    role_map = find_column_roles(header)
    if "requirement" not in role_map.values():
        role_map = {i: "requirement" if r == "measure" else r for i, r in role_map.items()}
    return role_map


def _assemble(table: RawTable, resolver: UnitResolver, body: str) -> list[_Row]:
    """Aligned, continuation-joined rows (one per 序号)."""
    h = _header_index(table)
    header = table.rows[h]
    role_map = _roles(header)
    roles = [role_map.get(i, "other") for i in range(len(header))]
    has_seq = "seq" in roles
    typer = _Typer(resolver)
    rows: list[_Row] = []
    for cells in table.rows[h + 1:]:
        if not any((c or "").strip() for c in cells):
            continue
        assign = _align(cells, roles, typer)
        got: dict[str, list[str]] = {}
        for cell, role in zip(cells, assign):
            if (cell or "").strip():
                got.setdefault(role, []).append(cell.strip())
        seq = "".join(got.get("seq", []))
        seq = re.sub(r"[.、]$", "", seq)
        cont = bool(rows) and has_seq and (not seq or seq == rows[-1].seq)
        if not cont and "lead" not in got and "participating" in got:
            # every task has a lead: a lone unit cell that landed in the participant
            # column (trailing cells trimmed by the extractor) is the lead
            got["lead"] = got.pop("participating")
        if not cont:
            rows.append(_Row(seq=seq))
        row = rows[-1]
        for role in (*TEXT_ROLES, "deadline"):
            frag = unwrap_text("".join(got.get(role, [])))
            row.text[role] = _join_text(row.text[role], frag, body) if cont else frag
        for role in UNIT_ROLES:
            for frag in (unwrap_units(c, resolver) for c in got.get(role, [])):
                if cont:
                    _join_units(row.units[role], frag, resolver)
                elif squash(frag) not in (squash(c) for c in row.units[role]):
                    row.units[role].append(frag)
    return rows


def _label_targets(labels: dict[int, str], own: dict[int, int | None],
                   titles: dict[int, str]) -> dict[int, str]:
    """Map each label (by its row) to a clause/section key: the one its own row links to
    when the title agrees, else the best-matching title.  Returns key -> label."""
    out: dict[int, str] = {}
    for i, label in labels.items():
        key = own.get(i)
        if key is None or dice(label, titles.get(key, "")) < _MIN_LABEL_SIM:
            scored = [(dice(label, t), k) for k, t in titles.items()]
            sim, best = max(scored, default=(0.0, None))
            key = best if sim >= _MIN_LABEL_SIM else key
        if key is not None:
            out.setdefault(key, label)
    return out


def _free_label(label: str, titles: dict[int, str], clause_titles: Sequence[str] = ()) -> bool:
    """A label that names no section of the body (a county table's 任务名称 per row, or a
    clause's own title in a table without 主要措施), so it cannot be moved to a section and
    stays with its own rows."""
    to_section = max((dice(label, t) for t in titles.values()), default=0.0)
    return to_section < _MIN_LABEL_SIM or max((dice(label, t) for t in clause_titles), default=0.0) > to_section


def _seq_no(seq: str, fallback: int) -> int:
    return int(seq) if seq.isdecimal() else fallback  # ① is a digit but not a decimal


def parse_task_table(table: RawTable, *, doc_id: str, clauses: Sequence[Clause], sections: Sequence[Section],
                     resolver: UnitResolver, doc_title: str = "", level: str = "other") -> list[TaskRow]:
    """Structured rows of a responsibility table, units canonical, linked to clauses.

    Raises ``ValueError`` when the table has no recognisable header (check with
    :func:`is_task_table` first to skip other tables)."""
    body = "".join(squash(c.text) for c in clauses) + "".join(squash(s.title) for s in sections)
    rows = _assemble(table, resolver, body)
    resolver = resolver.with_forms(n for r in rows for role in UNIT_ROLES for c in r.units[role]
                                   for n in resolver.split(c))
    marked = uses_marks(c for r in rows for role in UNIT_ROLES for c in r.units[role])
    header = table.rows[_header_index(table)]
    names = {role: squash(header[i]) for i, role in _roles(header).items() if role in UNIT_ROLES}
    names = {"lead": names.get("lead", "牵头单位"), "participating": names.get("participating", "参与单位")}
    index = ClauseIndex(clauses)
    links = [index.link_pos(r.text["requirement"], r.text["measure"]) for r in rows]  # positions

    measure_of = _label_targets({i: r.text["measure"] for i, r in enumerate(rows) if r.text["measure"]},
                                dict(enumerate(links)), {i: c.title for i, c in enumerate(clauses)})
    sec_of_row = {i: clauses[p].section_no for i, p in enumerate(links) if p is not None}
    sec_titles = {s.no: s.title for s in sections}
    ctitles = [c.title for c in clauses]
    key_of = _label_targets({i: r.text["key_task"] for i, r in enumerate(rows)
                             if r.text["key_task"] and not _free_label(r.text["key_task"], sec_titles, ctitles)},
                            sec_of_row, sec_titles)

    out: list[TaskRow] = []
    ff_measure = ff_key = ""
    for i, (r, pos) in enumerate(zip(rows, links)):
        ff_measure = r.text["measure"] or ff_measure
        ff_key = r.text["key_task"] or ff_key
        clause = clauses[pos] if pos is not None else None
        cno = clause.no if clause is not None else None
        if clause is not None and pos is not None:
            measure = measure_of.get(pos) or clause.title
            sno = clause.section_no
            if ff_key and _free_label(ff_key, sec_titles, ctitles):
                # the table's own task names (任务名称) are not the body's section titles:
                # the row's own (merged, forward-filled) label is the key task
                key_task = ff_key
            else:
                key_task = (key_of.get(sno) if sno is not None else None) or clause.section_title \
                    or sec_titles.get(sno or -1, "") or ff_key
        else:  # no body to link to: the classic merged-cell forward fill
            measure, key_task = ff_measure, ff_key
        lead_w, part_w = row_units(r.units, resolver, marked)
        lead, _ = resolver.canonical_list(lead_w)
        part, _ = resolver.canonical_list(part_w)
        requirement = r.text["requirement"].strip()
        cells = "；".join(f"{names[role]}：{'、'.join(r.units[role])}" for role in UNIT_ROLES if r.units[role])
        row_no = _seq_no(r.seq, i + 1)
        out.append(TaskRow(
            doc_id=doc_id, row_no=row_no, key_task=key_task, measure=measure,
            requirement=requirement, lead_units=tuple(lead), participating_units=tuple(u for u in part if u not in lead),
            clause_no=cno, deadline=r.text["deadline"] or None, years=row_years(requirement),
            doc_title=doc_title, level=level, source="table", item=r.seq or str(row_no),
            lead_units_as_written=tuple(lead_w), participating_units_as_written=tuple(part_w),
            units_text=cells, clause_pos=pos))
    log.debug("parsed %d task rows for %s", len(out), doc_id)
    return out



def task_text(task: TaskRow) -> str:
    """What a task says, labels included (重点任务 主要措施 工作要求): the text a question
    about the task is matched against."""
    return " ".join(x for x in (task.key_task, task.measure, task.requirement) if x)


def unresolved_units(rows: Sequence[TaskRow], resolver: UnitResolver) -> list[str]:
    """Unit names of the rows the resolver does not know, as written (for warnings and
    ``Document.unresolved_units``)."""
    names = [u for r in rows for u in (*r.lead_units, *r.participating_units)]
    return list(dict.fromkeys(u for u in names if not resolver.knows(u)))
