"""The shape of a SYNTHETIC plan document (合成测试文件): frozen dataclasses, no rendering.

A document is typed once as data; every renderer (text, PDF, Word, scan) and the gold are
derived from these objects, so a task sentence, a unit name or a figure never exists in two
hand-typed copies that could drift apart.  Numbers that a document shows (一、, （三）, 1.,
序号, task ids) are not stored: they follow from the order of the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

LEVELS = ("national", "provincial", "municipal", "county")
SYNTHETIC_NOTE = "（合成测试文件，仅供测试）"

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十 (enough for section and clause numbers)."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


@dataclass(frozen=True)
class Duty:
    """Who answers for a task and by when, with unit names as the document writes them."""

    lead: tuple[str, ...]
    partners: tuple[str, ...] = ()
    deadline: str = "持续推进"

    @property
    def units(self) -> tuple[str, ...]:
        return self.lead + self.partners


@dataclass(frozen=True)
class Target:
    """A quantitative target; every field is a substring of the sentence that states it."""

    indicator: str
    value: str
    year: str  # as written: "2025年", "2030年前", "十四五"


@dataclass(frozen=True)
class Item:
    """A numbered item 1. 2. … inside a clause: one paragraph, one task."""

    text: str
    duty: Duty
    targets: tuple[Target, ...] = ()


@dataclass(frozen=True)
class Clause:
    """A clause （一）（二）…: either a heading over items, or one paragraph that is itself a
    task (``duty`` set) or plain text (保障措施, 指导思想: no duty, not a task)."""

    title: str
    text: str = ""
    items: tuple[Item, ...] = ()
    duty: Duty | None = None
    targets: tuple[Target, ...] = ()


@dataclass(frozen=True)
class Section:
    """A section 一、二、…; its title is the 重点任务 label of the responsibility table."""

    title: str
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class Header:
    """The cover notice and title block."""

    issuers: tuple[str, ...]  # full names, with the place
    doc_number: str
    title: str  # the plan's own title
    recipients: str  # ends in "："
    date: str  # ISO, e.g. 2024-03-15
    preamble: str

    @property
    def notice_title(self) -> str:
        return f"关于印发《{self.title}》的通知"

    @property
    def notice(self) -> str:
        return f"现将《{self.title}》印发给你们，请结合实际认真贯彻落实。"

    @property
    def date_text(self) -> str:
        """2024-03-05 -> 2024年3月5日, the way documents write it."""
        y, m, d = (int(x) for x in self.date.split("-"))
        return f"{y}年{m}月{d}日"


@dataclass(frozen=True)
class Document:
    """One plan.  ``units`` maps every written unit form to its canonical name (data, not
    computed, so the gold rule is visible and testable line by line)."""

    key: str  # task id prefix
    level: str
    place: str | None  # 东岳省 …; None for national
    stem: str  # file name without extension, also the doc_id
    header: Header
    sections: tuple[Section, ...]
    units: tuple[tuple[str, str], ...]
    implied_unit: str  # the unit inline_not_listed says it stops listing
    note_in_paren: bool  # inline_resp_first: note in the first task's parenthesis (else a sentence)

    @property
    def place_stem(self) -> str:
        """东岳省 -> 东岳: what is left out of a name to get its level-prefixed form."""
        return self.place[:-1] if self.place else ""

    def canonical(self, written: str) -> str:
        return dict(self.units)[written]

    def numbered(self) -> Iterator[tuple[int, Section, tuple[tuple[int, Clause], ...]]]:
        """Sections with their numbers and their clauses numbered through the document."""
        n = 0
        for s_no, section in enumerate(self.sections, start=1):
            numbered = tuple((n + i, c) for i, c in enumerate(section.clauses, start=1))
            n += len(section.clauses)
            yield s_no, section, numbered


@dataclass(frozen=True)
class Task:
    """A task: an item, or an item-less clause with a duty.  Derived, never typed."""

    task_id: str
    row_no: int
    section_title: str
    clause_no: int
    clause_title: str
    item_no: int | None
    text: str
    duty: Duty
    targets: tuple[Target, ...]
    first_in_section: bool
    first_in_clause: bool

    @property
    def label(self) -> str:
        """（三）2 for an item, （五） for an item-less clause."""
        return f"（{cn_number(self.clause_no)}）{self.item_no or ''}"


def tasks(doc: Document) -> tuple[Task, ...]:
    """All tasks in document order; row numbers and ids count them from 1."""
    out: list[Task] = []
    for _, section, clauses in doc.numbered():
        first_section = True
        for clause_no, clause in clauses:
            parts: list[tuple[int | None, str, Duty, tuple[Target, ...]]] = []
            if clause.duty is not None:
                parts.append((None, clause.text, clause.duty, clause.targets))
            parts += [(i, it.text, it.duty, it.targets) for i, it in enumerate(clause.items, start=1)]
            for k, (item_no, text, duty, targets) in enumerate(parts):
                n = len(out) + 1
                out.append(Task(f"{doc.key}-{n:02d}", n, section.title, clause_no, clause.title, item_no,
                                text, duty, targets, first_section, k == 0))
                first_section = False
    return tuple(out)
