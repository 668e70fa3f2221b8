"""The content of the SYNTHETIC test documents (合成测试文件，仅供测试): one plan per level.

Each level's plan is typed in its own module (content_national … content_county) to keep
modules short; this module is the one place that lists them.  All places (东岳省, 青山市,
临河县) are fictional and every sentence and figure is invented.
"""

from __future__ import annotations

from . import content_county, content_municipal, content_national, content_provincial
from .model import LEVELS, Document

DOCUMENTS: tuple[Document, ...] = (
    content_national.DOCUMENT,
    content_provincial.DOCUMENT,
    content_municipal.DOCUMENT,
    content_county.DOCUMENT,
)

BY_LEVEL: dict[str, Document] = {d.level: d for d in DOCUMENTS}
assert tuple(BY_LEVEL) == LEVELS
