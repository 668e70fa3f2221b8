"""The data model, as frozen dataclasses.

Data flows one way: files -> RawDocument -> Document (clauses, task rows, targets,
conflicts) -> Chunk -> Hit -> Answer.  Everything here is plain data with no
behaviour beyond (de)serialisation, so every stage can be tested on its own.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

Level = Literal["national", "provincial", "municipal", "county", "other"]
LEVELS: tuple[str, ...] = ("national", "provincial", "municipal", "county", "other")
LEVEL_CN = {"national": "国家级", "provincial": "省级", "municipal": "市级", "county": "县级", "other": "其他"}
ChunkKind = Literal["header", "clause", "row"]


def content_hash(*parts: str, n: int = 16) -> str:
    """Stable short id from content: the same text always gets the same id."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:n]


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks (documents and index files alike)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class RawTable:
    """A table as read from a file: rows of cell strings, header row first.

    ``source`` says how the cells were obtained: ``"text"`` (tab-separated lines of a
    TXT / PDF text layer, columns may be shifted), ``"pdf"`` (cells read from the ruling
    lines), ``"docx"`` (a real Word table, vertical merges already filled in).
    """

    rows: tuple[tuple[str, ...], ...]
    source: str = "text"
    title: str = ""


@dataclass(frozen=True)
class RawDocument:
    """One file after ingestion: clean text plus any tables read structurally."""

    path: str
    fmt: str  # "txt" | "pdf" | "docx"
    text: str
    sha256: str
    tables: tuple[RawTable, ...] = ()
    notes: tuple[str, ...] = ()  # what reading noticed but could work around (a scanned page OCR found empty)


@dataclass(frozen=True)
class DocMeta:
    id: str
    title: str
    level: str = "other"
    doc_number: str | None = None  # 文号, e.g. 聊建字〔2023〕31号
    issuers: tuple[str, ...] = ()
    date: str | None = None  # ISO yyyy-mm-dd
    attachments: tuple[str, ...] = ()
    file: str = ""
    place: str | None = None  # 聊城市, 某某县 ...
    notice_title: str | None = None  # 关于印发《…》的通知, when the plan comes with a cover notice
    recipients: str | None = None  # 主送机关: 各县（市、区）住房和城乡建设局…


@dataclass(frozen=True)
class Section:
    no: int  # 一、 = 1
    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Clause:
    no: int  # （一） = 1
    title: str  # the words before the first 。
    text: str  # full clause text, number included
    section_no: int | None
    section_title: str | None
    start: int  # character span in Document.text
    end: int


@dataclass(frozen=True)
class Target:
    """One quantitative target: indicator, value with unit, year, where it is said."""

    indicator: str
    value: str  # as written: "85%以上", "8公里/平方公里", "300 吨/万平方米"
    year: int | None
    text: str  # the sentence it comes from
    clause_no: int | None = None
    row_no: int | None = None
    doc_id: str = ""


@dataclass(frozen=True)
class TaskRow:
    """One task and who is responsible for it: a row of a responsibility table
    (``source="table"``) or a task whose units the body text states inline, such as
    …（省住房城乡建设厅牵头，省发展改革委配合） (``source="text"``)."""

    doc_id: str
    row_no: int | None  # the table's 序号; None for a task stated in the text
    key_task: str
    measure: str
    requirement: str
    lead_units: tuple[str, ...]  # canonical within the document; () when the document names no lead
    participating_units: tuple[str, ...]
    clause_no: int | None = None
    deadline: str | None = None
    years: tuple[int, ...] = ()
    doc_title: str = ""
    level: str = "other"
    source: str = "table"  # "table" | "text"
    item: str = ""  # the document's own label: the 序号 as written, or （三）2 for an inline task
    lead_units_as_written: tuple[str, ...] = ()
    participating_units_as_written: tuple[str, ...] = ()
    units_text: str = ""  # the responsibility as the document states it (cells, or the parenthesis)
    page: int | None = None  # PDF page the task starts on, when known
    clause_pos: int | None = None  # index into Document.clauses (clause numbers may repeat per section)

    @property
    def label(self) -> str:
        """How the document numbers it: 附件第7行 / 第（三）条第2项 (for citations and cards)."""
        return self.item or (str(self.row_no) if self.row_no is not None else "")

    def holds(self, unit: str, role: str = "any") -> bool:
        """Whether ``unit`` (canonical) holds this task in ``role``: lead, participating or any."""
        lead, part = unit in self.lead_units, unit in self.participating_units
        return {"any": lead or part, "lead": lead, "participating": part}[role]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("lead_units", "participating_units", "years", "lead_units_as_written",
                    "participating_units_as_written"):
            d[key] = list(d[key])
        return d


@dataclass(frozen=True)
class Conflict:
    """A value that differs between the body clause and the table row."""

    doc_id: str
    clause_no: int | None
    row_no: int | None
    kind: str  # "star_level" | "percent" | "number" | "year"
    body_value: str
    table_value: str
    body_text: str
    table_text: str
    description: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Citation:
    doc_id: str
    doc_title: str
    level: str
    clause_no: int | None
    row_no: int | None
    text: str
    item: str = ""  # an inline task's label, （三）2
    units_text: str = ""  # for a task: who is responsible, as the document states it
    page: int | None = None


@dataclass(frozen=True)
class Document:
    meta: DocMeta
    text: str  # clean full text
    sections: tuple[Section, ...] = ()
    clauses: tuple[Clause, ...] = ()
    preamble: str = ""  # text before the first numbered clause
    tasks: tuple[TaskRow, ...] = ()
    targets: tuple[Target, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    cited: tuple[tuple[str, int | None], ...] = ()  # (《title》, clause_no citing it)
    unresolved_units: tuple[str, ...] = ()
    sha256: str = ""
    warnings: tuple[str, ...] = ()  # what parsing noticed and worked around (repeated tables …)

    @property
    def id(self) -> str:
        return self.meta.id

    def clause(self, no: int | None, section: str | None = None) -> Clause | None:
        """The clause numbered ``no`` — in ``section`` when given, since （一） may restart
        in every section."""
        matches = [c for c in self.clauses if c.no == no]
        return next((c for c in matches if section is None or c.section_title == section),
                    matches[0] if matches else None)

    def clause_of(self, task: TaskRow, section: str | None = None) -> Clause | None:
        """The clause a task belongs to: by its place, when reading recorded it (clause numbers may
        restart in each section), else by its number (in ``section`` when given)."""
        if task.clause_pos is not None and 0 <= task.clause_pos < len(self.clauses):
            return self.clauses[task.clause_pos]
        return self.clause(task.clause_no, section) if task.clause_no is not None else None

    def task(self, row_no: int | None) -> TaskRow | None:
        """The table row numbered ``row_no``."""
        return next((t for t in self.tasks if t.row_no == row_no and row_no is not None), None)


@dataclass(frozen=True)
class Chunk:
    id: str  # content hash
    doc_id: str
    doc_title: str
    level: str
    kind: str  # "header" | "clause" | "row"
    text: str
    section: str | None = None
    clause_no: int | None = None
    row_no: int | None = None
    part: int = 0  # index of the piece when a long clause is split

    def to_dict(self) -> dict[str, Any]:
        # flat fields: a plain comprehension, not asdict's deep copy (20,000 chunks a build)
        return {name: getattr(self, name) for name in _CHUNK_FIELDS}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Chunk:
        return cls(**{k: v for k, v in d.items() if k in _CHUNK_FIELDS})


_CHUNK_FIELDS = tuple(f.name for f in fields(Chunk))


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    rank: int = 0
    sources: tuple[str, ...] = ()  # which retrievers found it: "sparse", "dense"

    def to_dict(self) -> dict[str, Any]:
        c = self.chunk
        return {
            "doc_id": c.doc_id,
            "doc_title": c.doc_title,
            "level": c.level,
            "clause_no": c.clause_no,
            "row_no": c.row_no,
            "text": c.text,
            "kind": c.kind,
            "chunk_id": c.id,
            "rank": self.rank,
            "score": round(float(self.score), 6),
        }


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    found: bool
    intent: str
    citations: tuple[Citation, ...] = ()
    retrieved: tuple[Hit, ...] = ()
    tasks: tuple[TaskRow, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    english: str | None = None  # one-line English gloss for English questions

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "found": self.found,
            "intent": self.intent,
            "citations": [{"n": i, **asdict(c)} for i, c in enumerate(self.citations, 1)],
            "retrieved": [h.to_dict() for h in self.retrieved],
            "tasks": [t.to_dict() for t in self.tasks],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
            "english": self.english,
        }


def document_to_dict(doc: Document) -> dict[str, Any]:
    return asdict(doc)


def document_from_dict(d: dict[str, Any]) -> Document:
    """Inverse of :func:`document_to_dict` (lists back to tuples)."""

    def tup(x: Any) -> tuple[Any, ...]:
        return tuple(x or ())

    meta = DocMeta(**{**d["meta"], "issuers": tup(d["meta"].get("issuers")),
                      "attachments": tup(d["meta"].get("attachments"))})
    tasks = tuple(
        TaskRow(**{**t, **{k: tup(t.get(k)) for k in (
            "lead_units", "participating_units", "years", "lead_units_as_written",
            "participating_units_as_written")}})
        for t in d.get("tasks", ())
    )
    return Document(
        meta=meta,
        text=d["text"],
        sections=tuple(Section(**s) for s in d.get("sections", ())),
        clauses=tuple(Clause(**c) for c in d.get("clauses", ())),
        preamble=d.get("preamble", ""),
        tasks=tasks,
        targets=tuple(Target(**t) for t in d.get("targets", ())),
        conflicts=tuple(Conflict(**c) for c in d.get("conflicts", ())),
        cited=tuple((c[0], c[1]) for c in d.get("cited", ())),
        unresolved_units=tup(d.get("unresolved_units")),
        sha256=d.get("sha256", ""),
        warnings=tup(d.get("warnings")),
    )
