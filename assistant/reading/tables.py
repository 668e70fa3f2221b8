"""Which row of a table is the header of a task table: shared by every reader (TXT, DOCX,
PDF ruled or borderless, OCR), so a table is recognised the same way whatever file it is in."""

from __future__ import annotations

import re
from collections.abc import Sequence

#: column roles of a task table by the words of its header; checked in this order, so
#: 目标任务 is a requirement before 任务 makes it a key task
ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("seq", ("序号", "编号", "序")),
    ("deadline", ("完成时限", "时间节点", "完成时间", "完成期限", "时限", "进度安排")),
    ("participating", ("参与单位", "配合单位", "协同单位", "协办单位", "参与部门", "配合部门", "协办部门")),
    ("lead", ("牵头单位", "责任单位", "主责单位", "负责单位", "牵头部门", "责任部门", "责任主体")),
    ("requirement", ("工作要求", "工作内容", "具体内容", "目标任务", "任务要求", "工作目标", "主要内容")),
    ("measure", ("主要措施", "具体措施", "工作措施", "措施")),
    ("key_task", ("重点任务", "任务名称", "主要任务", "工作任务", "重点工作", "任务")),
)
#: words that make a row the header of a task table: the specific (4-character) column names
HEADER_WORDS = ("序号", "编号", *(w for _, words in ROLE_WORDS for w in words if len(w) >= 4))


def is_header_row(cells: Sequence[str]) -> bool:
    """A task-table header: 序号 first, or at least two cells that are header words."""
    norm = [re.sub(r"\s+", "", c) for c in cells]
    if len([c for c in norm if c]) < 2:
        return False
    if norm and norm[0] in ("序号", "编号"):
        return True
    return sum(1 for c in norm if c and any(w in c for w in HEADER_WORDS) and len(c) <= 8) >= 2
