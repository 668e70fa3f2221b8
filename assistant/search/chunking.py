"""Structure-aware chunking: the unit of retrieval is what a citation points to.

One chunk for the document header (title, 文号, issuers, date, preamble), one per
numbered clause (long clauses split at sentence ends with overlap), one per row of the
responsibility table.  A fixed-size splitter would cut clauses in half and mix rows;
here every chunk carries the clause_no / row_no the answer has to cite.
"""

from __future__ import annotations

import logging
import re

from assistant.config import Settings
from assistant.text import sentences
from assistant.types import Chunk, Document, TaskRow, content_hash

log = logging.getLogger(__name__)

CHUNKER_VERSION = "1"  # bump when chunk texts change: it goes into the manifest
_SOFT_BREAK = re.compile(r"(?<=[，,、：:])")
_BLANKS = re.compile(r"[ \t\u3000]+")


def _clean(text: str) -> str:
    """Join page-break line wraps inside a paragraph; keep paragraph breaks."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    out = []
    for p in paras:
        lines = [_BLANKS.sub(" ", ln).strip() for ln in p.splitlines()]
        out.append("".join(ln for ln in lines if ln))
    # a long paragraph ending mid-sentence was cut by a page break: glue the next one on
    # (a short line without any mark is a heading and keeps its break)
    merged: list[str] = []
    for p in out:
        prev = merged[-1] if merged else ""
        if prev and (prev.endswith(("，", "、", ",")) or
                     (len(prev) > 40 and not re.search(r"[。；;！？!?：:）)」”]$", prev))):
            merged[-1] += p
        else:
            merged.append(p)
    return "\n".join(merged)


def split_sentences(text: str, max_chars: int) -> list[str]:
    """Sentences ending in 。；！？; a sentence longer than max_chars is cut at ，、： marks.

    The last sentence of a paragraph keeps a trailing newline so packing preserves breaks.
    """
    out: list[str] = []
    for para in text.split("\n"):
        start = len(out)
        for s in sentences(para):
            if len(s) <= max_chars:
                out.append(s)
                continue
            piece = ""
            for clause in _SOFT_BREAK.split(s):
                if piece and len(piece) + len(clause) > max_chars:
                    out.append(piece)
                    piece = ""
                piece += clause
                while len(piece) > max_chars:  # no break mark at all: hard cut
                    out.append(piece[:max_chars])
                    piece = piece[max_chars:]
            if piece:
                out.append(piece)
        if len(out) > start:
            out[-1] += "\n"
    if out:
        out[-1] = out[-1].rstrip("\n")
    return out


def pack_sentences(sentences: list[str], max_chars: int, overlap: int) -> list[str]:
    """Greedy packing into pieces of at most max_chars, repeating the last ``overlap``
    sentences of a piece at the start of the next (context for the cut)."""
    pieces: list[list[str]] = []
    cur: list[str] = []
    fresh = 0  # sentences in cur that are not overlap
    for s in sentences:
        if cur and fresh and sum(map(len, cur)) + len(s) > max_chars:
            pieces.append(cur)
            keep = cur[-overlap:] if overlap > 0 else []
            while keep and sum(map(len, keep)) + len(s) > max_chars:
                keep = keep[1:]
            cur, fresh = list(keep), 0
        cur.append(s)
        fresh += 1
    if cur and (fresh or not pieces):
        pieces.append(cur)
    return ["".join(p).strip() for p in pieces]


def _make(doc: Document, kind: str, text: str, section: str | None, clause_no: int | None,
          row_no: int | None, part: int) -> Chunk:
    cid = content_hash(doc.id, kind, str(clause_no), str(row_no), str(part), text)
    return Chunk(id=cid, doc_id=doc.id, doc_title=doc.meta.title, level=doc.meta.level, kind=kind,
                 text=text, section=section, clause_no=clause_no, row_no=row_no, part=part)


def header_text(doc: Document) -> str:
    """The document's facts as one passage: cover-notice title, title, 文号, issuers, date,
    recipients, attachments.  The header chunk and every answer about these facts cite it."""
    m = doc.meta
    lines = [m.notice_title or "", m.title]
    if m.doc_number:
        lines.append(f"文号：{m.doc_number}")
    if m.issuers:
        lines.append(f"发文单位：{'、'.join(m.issuers)}")
    if m.date:
        y, mo, d = (int(x) for x in m.date.split("-"))
        lines.append(f"成文日期：{y}年{mo}月{d}日")
    if m.recipients:
        lines.append(f"主送：{m.recipients}")
    if m.attachments:
        lines.append(f"附件：{'；'.join(m.attachments)}")
    return "\n".join(x for x in lines if x)


def row_chunk_text(task: TaskRow) -> str:
    """The text of a table-row chunk: labels in the table's own words."""
    parts = []
    if task.key_task:
        parts.append(f"重点任务：{task.key_task}")
    if task.measure:
        parts.append(f"主要措施：{task.measure}")
    parts.append(f"工作要求：{task.requirement}")
    if task.lead_units:
        parts.append(f"牵头单位：{'、'.join(task.lead_units)}")
    if task.participating_units:
        parts.append(f"参与单位：{'、'.join(task.participating_units)}")
    if task.deadline:
        parts.append(f"完成时限：{task.deadline}")
    return "\n".join(parts)


def chunk_document(doc: Document, settings: Settings) -> list[Chunk]:
    """All chunks of one document, in reading order: header, clauses, table rows."""
    max_chars = max(50, settings.chunk_max_chars)
    overlap = max(0, settings.chunk_overlap_sentences)
    chunks: list[Chunk] = []

    header = header_text(doc)
    preamble = _clean(doc.preamble) if doc.preamble else ""
    head_pieces = pack_sentences(split_sentences(preamble, max_chars), max_chars, overlap) if preamble else []
    if not head_pieces or len(header) + len(head_pieces[0]) > max_chars:
        head_pieces = [""] + head_pieces
    for part, piece in enumerate(head_pieces):
        text = f"{header}\n{piece}".strip() if part == 0 else piece
        chunks.append(_make(doc, "header", text, None, None, None, part))

    if doc.clauses:
        for clause in doc.clauses:
            body = _clean(clause.text)
            pieces = pack_sentences(split_sentences(body, max_chars), max_chars, overlap) if body else []
            for part, piece in enumerate(pieces):
                chunks.append(_make(doc, "clause", piece, clause.section_title, clause.no, None, part))
    else:
        # unstructured document: the body after the preamble, packed by sentences
        body = doc.text[len(doc.preamble):] if doc.preamble and doc.text.startswith(doc.preamble) else doc.text
        body = _clean(body)
        if body and body != preamble:
            pieces = pack_sentences(split_sentences(body, max_chars), max_chars, overlap)
            for part, piece in enumerate(pieces):
                chunks.append(_make(doc, "clause", piece, None, None, None, part))

    for task in doc.tasks:
        owner = doc.clause_of(task)
        section = owner.section_title if owner and owner.section_title else (task.key_task or None)
        chunks.append(_make(doc, "row", row_chunk_text(task), section, task.clause_no, task.row_no, 0))

    unique: dict[str, Chunk] = {}
    for c in chunks:
        if c.id in unique:
            log.debug("duplicate chunk dropped in %s: %s", doc.id, c.text[:30])
            continue
        unique[c.id] = c
    return list(unique.values())


def index_text(chunk: Chunk) -> str:
    """What BM25 and the embedder see: the section title gives a split clause part its topic.

    The citation still shows only ``chunk.text``.
    """
    if chunk.section and chunk.section not in chunk.text:
        return f"{chunk.section}\n{chunk.text}"
    return chunk.text
