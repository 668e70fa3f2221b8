"""Files -> :class:`RawDocument`: clean prose plus the task tables read out of it.

One entry point per file (:func:`read_document`) and one per folder (:func:`ingest_dir`).
Every problem with a file becomes an :class:`IngestError` whose one-line message names
the file, so a corpus with one bad file still loads and the person is told which one.

TXT tables are blocks of TAB-separated lines under a header line (序号 …); they are moved
out of the prose into ``RawTable(source="text")`` with the cells exactly as written.
DOCX is read in body order with Word tables as ``RawTable(source="docx")``; PDF is in
:mod:`assistant.reading.pdf`, and the pages of a PDF that are scanned images are OCR'd
(:mod:`assistant.reading.ocr`): their text comes back with tables as TAB rows, read here
like a TXT file's.
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from assistant.config import AssistantError
from assistant.reading.clean import HARD_BREAK, clean_text, is_page_number_line
from assistant.reading.tables import is_header_row
from assistant.types import RawDocument, RawTable

log = logging.getLogger(__name__)

SUPPORTED = (".txt", ".pdf", ".docx")
MAX_FILE_BYTES = 200 * 1024 * 1024  # no policy document is larger; reading one would exhaust memory
DEFAULT_PATTERNS = ("*.txt", "*.pdf", "*.docx")
NO_TEXT_LAYER = "no text layer and no page images to OCR"
_WORD_RE = re.compile(r"[^\W_]")  # a letter, digit or CJK character: a page of rules and dots has none

class IngestError(AssistantError):
    """A file that cannot be ingested; ``str(err)`` is "<file name>: <reason>"."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


# ---------------------------------------------------------------- TXT


def decode_text(data: bytes, name: str = "") -> str:
    """Bytes -> str: UTF-16/UTF-8 by BOM, strict UTF-8, then strict GB18030.

    Binary data (NUL bytes, many control characters) is refused rather than decoded into
    nonsense.  A UTF-8 file with a couple of broken bytes (a truncated last character) stays
    UTF-8 with U+FFFD there instead of being misread as GB18030.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _check_text(data.decode("utf-16"), name)
        except UnicodeDecodeError:
            raise IngestError(name, "not a text document (bad UTF-16)") from None
    if b"\x00" in data:
        raise IngestError(name, "not a text document (binary data)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if bad <= max(2, len(lenient) // 1000):
        log.warning("%s: %d undecodable byte(s) in UTF-8 text replaced", name, bad)
        return _check_text(lenient, name)
    try:
        return _check_text(data.decode("gb18030"), name)
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        best = None
    else:
        best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise IngestError(name, "not a text document (unknown encoding; save it as UTF-8)")
    log.warning("%s: decoded as %s (neither UTF-8 nor GB18030)", name, best.encoding)
    return _check_text(str(best), name)


def _check_text(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control or replacement characters."""
    sample = text[:20000]
    if not sample.strip():
        return text
    odd = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\ufffd")
    if odd > max(3, len(sample) * 0.02):
        raise IngestError(name, "not a text document (binary data)")
    return text


def _split_cells(line: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in line.rstrip("\r\n").split("\t"))


def _is_row_line(line: str, n_header: int) -> bool:
    """A table line has a TAB between cells; a paragraph merely indented by one leading TAB
    is prose (unless the table has only two columns)."""
    tabs = line.count("\t")
    if tabs == 0:
        return False
    return not (tabs == 1 and line.startswith("\t") and n_header > 2)


def split_text_tables(text: str) -> tuple[str, tuple[RawTable, ...]]:
    """Move TAB-separated table blocks out of ``text``.

    A block starts at a header line (:func:`is_header_row`) and runs over following lines
    with a TAB; blank lines and page-number lines inside it (page breaks) are skipped, a
    repeated header is dropped.  Rows keep every cell (empty ones too) so columns stay in
    place, and continuation lines (empty first cell) stay rows of their own.  The title is
    the line just above the header; it also stays in the text.
    """
    lines = text.split("\n")
    out: list[str] = []
    tables: list[RawTable] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        cells = _split_cells(line) if "\t" in line else ()
        if not (cells and is_header_row(cells)):
            out.append(line)
            i += 1
            continue
        header = cells
        rows: list[tuple[str, ...]] = [header]
        j = i + 1
        while j < len(lines):
            nxt = lines[j]
            if _is_row_line(nxt, len(header)):
                row = _split_cells(nxt)
                if row != header:
                    rows.append(row)
                j += 1
                continue
            if not nxt.strip() or is_page_number_line(nxt):
                k = j
                while k < len(lines) and (not lines[k].strip() or is_page_number_line(lines[k])):
                    k += 1
                if k < len(lines) and _is_row_line(lines[k], len(header)):
                    j = k
                    continue
            break
        title = _title_above(out)
        tables.append(RawTable(rows=tuple(rows), source="text", title=title))
        out.extend(["", HARD_BREAK, ""])
        i = j
    return "\n".join(out), tuple(tables)


def _title_above(lines: Sequence[str]) -> str:
    """The nearest non-blank line above a table if it looks like a title (short, no 。)."""
    for ln in reversed(lines):
        s = ln.strip()
        if not s or s == HARD_BREAK:
            continue
        if len(s) <= 60 and "\t" not in s and not s.endswith(("。", "；", "：", ":")):
            return s
        return ""
    return ""


def read_txt(path: Path, data: bytes) -> RawDocument:
    text = decode_text(data, path.name).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(path, "empty document")
    body, tables = split_text_tables(text)
    return RawDocument(path=str(path), fmt="txt", text=clean_text(body), sha256=_sha256(data),
                       tables=tables)


# ---------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_table_rows(tbl: object) -> list[tuple[str, ...]]:
    """Rows of a Word table: vertical merges filled down, horizontal merges once."""
    from docx.table import _Cell

    rows: list[tuple[str, ...]] = []
    above: dict[int, str] = {}  # grid column -> text of the cell that started a vertical merge
    for tr in tbl.iterchildren(f"{_W}tr"):  # type: ignore[attr-defined]
        col = 0
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        if before is not None:
            col += int(before.get(f"{_W}val", "0"))
        cells: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            span_el = tc.find(f"{_W}tcPr/{_W}gridSpan")
            span = int(span_el.get(f"{_W}val", "1")) if span_el is not None else 1
            vm = tc.find(f"{_W}tcPr/{_W}vMerge")
            text = "\n".join(p.text for p in _Cell(tc, None).paragraphs).strip()  # type: ignore[arg-type]
            if vm is not None and vm.get(f"{_W}val", "continue") == "continue":
                text = above.get(col, text)
            else:
                above[col] = text
            cells.append(text)
            col += span
        rows.append(tuple(cells))
    return rows


def _iter_body(parent: object) -> Iterable[object]:
    """Block elements in body order, looking inside content controls (w:sdt)."""
    for el in parent.iterchildren():  # type: ignore[attr-defined]
        if el.tag == f"{_W}sdt":
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                yield from _iter_body(content)
        else:
            yield el


def read_docx(path: Path, data: bytes) -> RawDocument:
    """Paragraphs and tables in body order; task tables become RawTable(source="docx"),
    other tables (layout tables of a red header, say) are kept as text lines."""
    try:
        import docx
        from docx.text.paragraph import Paragraph
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise IngestError(path, "python-docx is missing (pip install python-docx)") from e
    import io

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # zipfile.BadZipFile, KeyError, lxml errors, PackageNotFoundError …
        raise IngestError(path, f"not a valid DOCX ({type(e).__name__})") from None
    lines: list[str] = []
    tables: list[RawTable] = []
    for el in _iter_body(document.element.body):
        tag = el.tag  # type: ignore[attr-defined]
        if tag == f"{_W}p":
            lines.append(Paragraph(el, document).text)  # type: ignore[arg-type]
        elif tag == f"{_W}tbl":
            rows = _docx_table_rows(el)
            if rows and is_header_row(rows[0]):
                tables.append(RawTable(rows=tuple(rows), source="docx", title=_title_above(lines)))
                lines.extend(["", HARD_BREAK, ""])
            else:
                for row in rows:
                    lines.extend(dict.fromkeys(c for c in row if c))
    text = clean_text("\n".join(lines))
    if not text.strip() and not tables:
        raise IngestError(path, "empty document")
    return RawDocument(path=str(path), fmt="docx", text=text, sha256=_sha256(data), tables=tuple(tables))


# ---------------------------------------------------------------- PDF


def _ocr_pages(path: Path, data: bytes, numbers: Sequence[int], total: int, cache: Path | None,
               progress: bool) -> tuple[dict[int, str], list[str]]:
    """Text of the scanned pages by OCR, and a note for each page where it found nothing
    (reported, not fatal: a blank or picture-only page of an otherwise readable scan)."""
    from assistant.reading.ocr import OcrError, ocr_pdf

    log.info("%s: OCR of %d scanned page(s)", path.name, len(numbers))
    try:
        result = ocr_pdf(data, progress=progress, cache_dir=cache, pages=numbers if len(numbers) < total else None)
    except OcrError as e:
        raise IngestError(path, f"scanned PDF, OCR failed: {e}") from None
    except Exception as e:  # noqa: BLE001 - an engine that cannot start must not stop the other files
        log.exception("%s: OCR failed", path.name)
        raise IngestError(path, f"scanned PDF, OCR failed ({type(e).__name__})") from None
    notes = [f"page {p.number}: OCR found no text" for p in result.pages if not _WORD_RE.search(p.text)]
    return {p.number: p.text for p in result.pages}, notes


def read_pdf(path: Path, data: bytes, ocr_cache: Path | None = None, progress: bool = False) -> RawDocument:
    """Text layer and tables (:mod:`assistant.reading.pdf`); pages that are scanned images
    are OCR'd, their tables read from the TAB rows the OCR layout writes, as in a TXT file."""
    from assistant.reading.layout import PAGE_BREAK
    from assistant.reading.pdf import PdfProblem, extract_pdf

    try:
        layer = extract_pdf(data)
    except PdfProblem as e:
        raise IngestError(path, str(e)) from None
    pages = [t.replace("\t", " ") for t in layer.pages]  # TAB rows are for OCR'd tables only
    notes: list[str] = []
    if layer.scanned:
        ocr_text, notes = _ocr_pages(path, data, layer.scanned, len(pages), ocr_cache, progress)
        for n, t in ocr_text.items():
            pages[n - 1] = t
        for note in notes:
            log.warning("%s: %s", path.name, note)
    body, ocr_tables = split_text_tables(PAGE_BREAK.join(pages)) if layer.scanned else ("\f".join(pages), ())
    text = clean_text(body, from_pdf=True)
    tables = (*layer.tables, *ocr_tables)
    if not _WORD_RE.search(text) and not tables:  # only page numbers / furniture, or a blank scan
        reason = "no text found, not even by OCR (blank scan?)" if layer.scanned else NO_TEXT_LAYER
        raise IngestError(path, reason)
    return RawDocument(path=str(path), fmt="pdf", text=text, sha256=_sha256(data), tables=tables,
                       notes=tuple(notes))


# ---------------------------------------------------------------- dispatch


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_document(path: Path, *, ocr_cache: Path | None = None, progress: bool | None = None) -> RawDocument:
    """Read one .txt/.pdf/.docx file (extension case-insensitive); IngestError if unusable.

    Scanned PDF pages are OCR'd; ``ocr_cache`` is the caller's folder for OCR results (kept
    by file hash, so a rebuild never OCRs again), ``progress`` shows a bar per page (default:
    when stderr is a terminal)."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in SUPPORTED:
        shown = ext or "(no extension)"
        raise IngestError(path, f"unsupported file type {shown} (use .txt, .pdf or .docx)")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IngestError(path, f"file too large ({size // 2**20} MB; at most {MAX_FILE_BYTES // 2**20} MB)")
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(path, f"cannot read file ({e.strerror or type(e).__name__})") from None
    if not data.strip():
        raise IngestError(path, "empty document")
    if ext == ".txt":
        return read_txt(path, data)
    if ext == ".pdf":
        bar = sys.stderr.isatty() if progress is None else progress
        return read_pdf(path, data, ocr_cache, bar)
    return read_docx(path, data)


def ingest_dir(dir: Path, patterns: Sequence[str] = DEFAULT_PATTERNS
               ) -> tuple[list[RawDocument], list[IngestError]]:
    """Read every matching file in ``dir`` (not recursive, sorted by name).

    Bad files do not stop the rest: their errors are logged and returned alongside the
    documents.  Hidden files and Word lock files (``~$x.docx``) are skipped.
    """
    dir = Path(dir)
    if not dir.is_dir():
        raise IngestError(dir, "not a directory")
    pats = [p.lower() for p in patterns]
    files = sorted((p for p in dir.iterdir()
                    if p.is_file() and not p.name.startswith((".", "~$"))
                    and any(fnmatch.fnmatch(p.name.lower(), pat) for pat in pats)),
                   key=lambda p: p.name)
    docs: list[RawDocument] = []
    errors: list[IngestError] = []
    for f in files:
        try:
            docs.append(read_document(f))
        except IngestError as e:
            log.warning("skipped %s", e)
            errors.append(e)
    return docs, errors
