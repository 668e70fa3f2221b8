"""Scanned PDF -> page texts and positioned text boxes, with a local OCR engine.

Why it is built this way:

* Engine: RapidOCR 3.x (PP-OCR text detection + recognition on onnxruntime).  Its three
  models ship inside the ``rapidocr`` wheel and are passed to it by path, so nothing is
  ever downloaded (its default config would fetch a missing model).  One engine per
  process, made on first use, on all cores.  The line-angle classifier is off: the lines
  of a 公文 scan are upright, it turned some upside down before recognition (a line of 36
  characters read as 和), and skipping it nearly halves the time of a page.
* Pages are rendered with pypdfium2 at ``dpi`` (200: body text of a 公文 comes out about
  40 px high, which the recogniser reads well).  The detector, the slow half, looks at a
  copy shrunk to :data:`DET_SIDE` px; the recogniser reads the full-resolution lines.
* Ruled tables: the ruling lines are found on the page image (:func:`find_grids`) and
  kept with the boxes; :mod:`assistant.reading.layout` turns them into TAB rows.
* Cache: what OCR saw (boxes, character positions, ruling lines) is stored per file
  SHA-256 + engine + dpi, written atomically; the layout is redone on every load, so
  better reading-order rules need no new OCR, and a rebuild never OCRs a file twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .layout import PAGE_BREAK, Grid, OcrBox, OcrPage, RawLine, RawPage, layout_pages

__all__ = ["ocr_pdf", "OcrResult", "OcrPage", "OcrBox", "OcrError", "find_grids", "engine_id"]

log = logging.getLogger(__name__)

INSTALL_HINT = "rapidocr is missing (pip install rapidocr)"
DET_SIDE = 1280  # longest side (px) of the image the text detector sees
THREADS = os.cpu_count() or 1  # onnxruntime intra-op threads: all cores
BLANK_INK = 2e-4  # a page with a smaller share of dark pixels is blank and not OCR'd
CACHE_FORMAT = 1


class OcrError(Exception):
    """OCR cannot run or the PDF cannot be rendered; ``str(e)`` is a one-line reason."""


@dataclass(frozen=True)
class OcrResult:
    pages: tuple[OcrPage, ...]
    empty_pages: tuple[int, ...]  # 1-based numbers of the pages where no text was found
    engine: str
    dpi: int
    from_cache: bool = False

    @property
    def text(self) -> str:
        """All pages, separated like the text-PDF path (a form feed) but on a line of its
        own, so a table row is never glued to the page before it."""
        return PAGE_BREAK.join(p.text for p in self.pages)


_PIP_NAME = {"cv2": "opencv-python-headless"}


def _require(module: str) -> Any:
    """Import an optional dependency, or say in one line how to install it."""
    try:
        return import_module(module)
    except ImportError:
        if module == "rapidocr":
            raise OcrError(INSTALL_HINT) from None
        raise OcrError(f"{module} is missing (pip install {_PIP_NAME.get(module, module)})") from None


# ---------------------------------------------------------------- the engine


def _model_files() -> dict[str, Path]:
    """The det / cls / rec ONNX files bundled in the rapidocr wheel."""
    root = Path(_require("rapidocr").__file__).parent / "models"
    found = {task: sorted(root.glob(f"*{task.lower()}*.onnx")) for task in ("Det", "Cls", "Rec")}
    if any(len(files) != 1 for files in found.values()):
        raise OcrError(f"rapidocr's bundled models not found in {root} (pip install --force-reinstall rapidocr)")
    return {task: files[0] for task, files in found.items()}


def engine_id() -> str:
    """Engine version and models: part of the cache key (a new model means new OCR)."""
    try:
        v = version("rapidocr")
    except PackageNotFoundError:
        raise OcrError(INSTALL_HINT) from None
    models = ",".join(p.name for p in _model_files().values())
    return f"rapidocr {v} [{models}] det{DET_SIDE} nocls"


_engine: Any = None
_engine_lock = threading.Lock()  # made once; the engine keeps call state, so runs are serialised too


def _get_engine() -> Any:
    """The process-wide RapidOCR engine (loading the models takes a few seconds)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            rapidocr = _require("rapidocr")
            models = _model_files()
            params: dict[str, Any] = {
                "Global.log_level": "error",
                "Global.use_cls": False,  # 公文 lines are upright; the line-angle classifier flips some (a line read as 和)
                "Global.max_side_len": 20000,  # recognise at the rendered resolution (default: shrink to 2000)
                "Global.return_word_box": True,  # character positions, to cut a box at a cell border
                "Det.limit_type": "max",
                "Det.limit_side_len": DET_SIDE,
                "EngineConfig.onnxruntime.intra_op_num_threads": THREADS,
                **{f"{task}.model_path": str(path) for task, path in models.items()},
            }
            started = time.perf_counter()
            _engine = rapidocr.RapidOCR(params=params)
            log.info("OCR engine %s ready in %.1f s", engine_id(), time.perf_counter() - started)
        return _engine


def _recognise(image: Any) -> Any:
    engine = _get_engine()
    with _engine_lock:
        return engine(image)


# ---------------------------------------------------------------- one page


def _runs(profile: Any, threshold: float) -> list[tuple[int, int]]:
    """(first, last) of each run of rows (or columns) whose count of line pixels reaches
    ``threshold``: one run per ruling line (a skewed line covers several rows)."""
    runs: list[tuple[int, int]] = []
    for i in (i for i, v in enumerate(profile.tolist()) if v >= threshold):
        if runs and i - runs[-1][1] <= 2:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _strokes(ink: Any, length: int, horizontal: bool) -> Any:
    """The straight strokes at least ``length`` px long: thickened across first, so a
    thin line of a slightly skewed scan stays one stroke, then opened along."""
    cv2 = _require("cv2")
    across, along = ((1, 3), (length, 1)) if horizontal else ((3, 1), (1, length))
    thick = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, across))
    return cv2.morphologyEx(thick, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, along))


def find_grids(gray: Any, scale: float) -> tuple[Grid, ...]:
    """Ruled tables on a page image (``scale`` px per point): horizontal and vertical
    strokes longer than any character stroke form connected grids; each grid's ruling
    lines are returned in points, with the cells that have no line above them."""
    cv2 = _require("cv2")
    ink = (gray < 170).astype("uint8")
    hk, vk = max(10, round(40 * scale)), max(10, round(25 * scale))
    horiz, vert = _strokes(ink, hk, True), _strokes(ink, vk, False)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horiz | vert, connectivity=8)
    grids = []
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i][:4])
        if w < 60 * scale or h < 15 * scale:
            continue
        mine = labels[y:y + h, x:x + w] == i
        cols = [(x + a, x + b) for a, b in _runs((vert[y:y + h, x:x + w] * mine).sum(axis=0), 0.4 * h)]
        rows = [(y + a, y + b) for a, b in _runs((horiz[y:y + h, x:x + w] * mine).sum(axis=1), hk)]
        if len(cols) < 3 or len(rows) < 2:
            continue
        xs = [(a + b) / 2 for a, b in cols]
        merged = []
        for r in range(1, len(rows) - 1):  # no line above a cell: it is merged with the cell above
            band = horiz[rows[r][0] - 1:rows[r][1] + 2]
            for c in range(len(cols) - 1):
                stretch = band[:, cols[c][1] + 3:cols[c + 1][0] - 2].max(axis=0)
                if stretch.size and stretch.mean() < 0.5:
                    merged.append((r, c))
        grids.append(Grid(tuple(v / scale for v in xs), tuple((a + b) / 2 / scale for a, b in rows), tuple(merged)))
    return tuple(grids)


def _raw_lines(result: Any, scale: float) -> tuple[RawLine, ...]:
    """RapidOCR's output (pixel quadrilaterals) -> lines in points."""
    if getattr(result, "boxes", None) is None or not getattr(result, "txts", None):
        return ()
    words = result.word_results if len(result.word_results) == len(result.txts) else [()] * len(result.txts)
    lines = []
    for quad, text, score, chars in zip(result.boxes.tolist(), result.txts, result.scores, words):
        xs, ys = [p[0] / scale for p in quad], [p[1] / scale for p in quad]
        located = tuple((str(c[0]), min(p[0] for p in c[2]) / scale, max(p[0] for p in c[2]) / scale)
                        for c in chars if len(c) == 3 and c[2] is not None)
        lines.append(RawLine(str(text), float(score), min(xs), min(ys), max(xs), max(ys), located))
    return tuple(lines)


def _ocr_page(gray: Any, width: float, height: float, scale: float) -> RawPage:
    if float((gray < 128).mean()) < BLANK_INK:
        return RawPage(width, height)
    return RawPage(width, height, _raw_lines(_recognise(gray), scale), find_grids(gray, scale))


def _open_pdf(data: bytes) -> Any:
    pdfium = _require("pypdfium2")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise OcrError("encrypted PDF" if "password" in str(e).lower() else "not a valid PDF") from None


def _render(doc: Any, dpi: int, indices: Sequence[int]) -> Iterator[tuple[float, float, Any]]:
    """(width pt, height pt, grey image) per page, one page in memory at a time."""
    for i in indices:
        page = doc[i]
        width, height = page.get_size()
        image = page.render(scale=dpi / 72, grayscale=True).to_numpy()
        page.close()
        yield float(width), float(height), image


def _ocr_document(data: bytes, dpi: int, progress: bool, numbers: Sequence[int] | None
                  ) -> tuple[list[RawPage], list[int], int]:
    """Raw OCR of the pages (1-based ``numbers``, all when None), their numbers, and how
    many pages failed (an engine error is not fatal)."""
    from tqdm import tqdm

    doc = _open_pdf(data)  # a bad PDF is refused before the models are loaded
    out: list[RawPage] = []
    failed = 0
    try:
        wanted = [k for k in (numbers or range(1, len(doc) + 1)) if 1 <= k <= len(doc)]
        _get_engine()  # load the models before the clock and the progress bar start
        n = len(wanted)
        started = time.perf_counter()
        pages = tqdm(_render(doc, dpi, [k - 1 for k in wanted]), total=n, desc="OCR", unit="page",
                     disable=not progress, leave=False)
        for k, (width, height, gray) in zip(wanted, pages):
            try:
                out.append(_ocr_page(gray, width, height, dpi / 72))
            except Exception as e:  # noqa: BLE001 - one bad page must not lose the document
                log.warning("page %d: OCR failed (%s: %s)", k, type(e).__name__, e)
                out.append(RawPage(width, height))
                failed += 1
    finally:
        doc.close()
    took = time.perf_counter() - started
    log.info("OCR of %d page(s) at %d dpi: %.1f s (%.1f s/page)", n, dpi, took, took / max(n, 1))
    return out, wanted, failed


# ---------------------------------------------------------------- cache


def _page_to_json(p: RawPage) -> dict[str, Any]:
    r = lambda v: round(v, 2)  # noqa: E731
    return {"w": r(p.width), "h": r(p.height),
            "lines": [[ln.text, r(ln.score), r(ln.x0), r(ln.top), r(ln.x1), r(ln.bottom),
                       [[c, r(a), r(b)] for c, a, b in ln.chars]] for ln in p.lines],
            "grids": [[list(map(r, g.xs)), list(map(r, g.ys)), [list(m) for m in g.merged]] for g in p.grids]}


def _page_from_json(d: dict[str, Any]) -> RawPage:
    lines = tuple(RawLine(str(t), float(s), float(x0), float(top), float(x1), float(bottom),
                          tuple((str(c), float(a), float(b)) for c, a, b in chars))
                  for t, s, x0, top, x1, bottom, chars in d["lines"])
    grids = tuple(Grid(tuple(map(float, xs)), tuple(map(float, ys)), tuple((int(r), int(c)) for r, c in merged))
                  for xs, ys, merged in d["grids"])
    if any(len(g.xs) < 3 or len(g.ys) < 2 for g in grids):
        raise ValueError("bad grid")
    return RawPage(float(d["w"]), float(d["h"]), lines, grids)


def _cache_path(cache_dir: Path, key: dict[str, Any]) -> Path:
    tag = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:12]
    return Path(cache_dir) / f"{key['sha256']}.{tag}.json"


def _read_cache(path: Path, key: dict[str, Any]) -> list[RawPage] | None:
    """The cached pages, or None; a corrupt entry is logged and ignored (it gets rewritten)."""
    if not path.is_file():
        return None
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        if {k: d.get(k) for k in key} != key:
            raise ValueError("written for another file or engine")
        return [_page_from_json(p) for p in d["pages"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        log.warning("OCR cache entry %s is unusable (%s): OCR runs again", path.name, e)
        return None


def _write_cache(path: Path, key: dict[str, Any], pages: list[RawPage]) -> None:
    """Write-then-rename, so a crash never leaves half an entry behind."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({**key, "pages": [_page_to_json(p) for p in pages]},
                             ensure_ascii=False, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        log.warning("cannot write the OCR cache entry %s (%s)", path, e)


# ---------------------------------------------------------------- entry point


def ocr_pdf(data: bytes, *, dpi: int = 200, progress: bool = False, cache_dir: Path | None = None,
            pages: Sequence[int] | None = None) -> OcrResult:
    """OCR the pages of a PDF given as bytes: all of them, or the 1-based ``pages`` (the
    scanned pages of a PDF whose other pages have a text layer).

    Each page gives its text boxes (in PDF points, top-left origin, like pdfplumber words)
    and its text in reading order, tables as TAB-separated rows; :attr:`OcrResult.text`
    joins the pages with form feeds.  A page without text is listed in ``empty_pages``
    and logged, not an error.  With ``cache_dir`` the result is kept per file content,
    engine, dpi and page selection, and a second call reads it back without running the
    engine.

    Raises :class:`OcrError` when rapidocr / pypdfium2 is missing or the PDF cannot be
    opened (invalid, encrypted).
    """
    if not 50 <= dpi <= 600:
        raise ValueError(f"dpi {dpi} is outside 50-600")
    engine = engine_id()
    key: dict[str, Any] = {"format": CACHE_FORMAT, "sha256": hashlib.sha256(data).hexdigest(), "engine": engine,
                           "dpi": dpi}
    if pages is not None:
        key["pages"] = sorted(set(pages))
    path = _cache_path(cache_dir, key) if cache_dir is not None else None
    raw = _read_cache(path, key) if path is not None else None
    from_cache = raw is not None
    numbers = key.get("pages") or list(range(1, len(raw or []) + 1))
    if raw is None or len(raw) != len(numbers):
        raw, numbers, failed = _ocr_document(data, dpi, progress, key.get("pages"))
        from_cache = False
        if path is not None and not failed:
            _write_cache(path, key, raw)
    laid = layout_pages(raw, numbers)
    empty = tuple(p.number for p in laid if not p.boxes)
    if empty:
        log.warning("OCR found no text on page(s) %s of %d", ", ".join(map(str, empty)), len(laid))
    return OcrResult(laid, empty, engine, dpi, from_cache)
