"""The part of a plan a question points at by some words of its title (建造方式那条,
县城和乡村建设那部分) or by its number (第二部分): a unit's tasks asked within it are the
tasks of that part only.  Titles are the loaded documents' own; nothing here names one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answering.numbered import TO_THE_END, rows_between
from assistant.numerals import cn_to_int, int_to_cn
from assistant.types import Document, TaskRow

#: a word pointing back at the part the words before it describe (…那条, …这一部分, …那一大块里)
POINTER_RE = re.compile(r"[这那]一?大?(?:条|部分|块|节|章|段|方面|板块)|(?<![第几一二三四五六七八九十])(?:部分|板块)(?=[里中内下，,的）)所])")
#: a part named by its title alone and closed by a word of place (在优化建筑用能结构方面，…; 系统推进
#: 绿色低碳城市建设里，…): taken only when most of the words before it are one title's
_BARE_POINTER_RE = re.compile(r"(?:方面|领域|这块|这一块)(?=[里中内下，,的]|牵头|配合|参与|负责|协助)|(?<=[\u4e00-\u9fa5]{4})(?:里|中|内|当中|之中)(?=[，,])")
#: the share of the words before a bare pointer a title must hold
BARE_SHARE = 0.6
#: a phrase ending by pointing at a part (关于…建造方式那条，…): context for what follows, no question of its own
POINTING_END_RE = re.compile(rf"(?:{POINTER_RE.pattern})[里中内的]?$|"  # …那条，X牵头哪些; （十七）条下面的几项任务，X牵头的是哪些
                             r"[（(][一二三四五六七八九十]{1,3}[）)]\s*条?\s*(?:下面|下边|里面|里|中)的?(?:几|各|这几|那几|全部|所有)?项?任务$")
#: a part named by its number (第二部分, 第三大部分)
PART_NO_RE = re.compile(r"第([一二三四五六七八九十]{1,3}|\d{1,2})大?部分")
#: a clause named by its number and its title (第十五条（加快优化建筑用能结构）): a part pointed at
_CLAUSE_TITLED_RE = re.compile(r"第[（(]?(?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]?条[（(][^）)]{2,30}[）)]")
#: a clause named by its number and a word of place (（十六）条下面, 第（七）条里)
CLAUSE_PLACE_RE = re.compile(r"[（(]([一二三四五六七八九十]{1,3})[）)]\s*条?\s*(?:下面|下边|底下|之下|里面|里|中|当中)")
#: …or by its number and title before the word of place (第（十五）条加快优化建筑用能结构下)
_CLAUSE_TITLE_PLACE_RE = re.compile(r"第[（(]?(?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]?条[“\"]?[\u4e00-\u9fa5]{4,24}[”\"]?"
                                    r"(?:下面|下边|底下|之下|下|里面|里|中|当中)(?=[\u4e00-\u9fa5]{0,6}(?:牵头|参与|配合|负责))")
#: characters a title must share (in one run) with the words before the pointer; fewer (运维
#: for …运维水平) only when no other title holds them
MIN_SHARED = 4


@dataclass(frozen=True)
class Part:
    """A section (its clauses listed) or a clause of one document."""

    doc: Document
    kind: str  # "section" | "clause"
    no: int
    title: str

    @property
    def label(self) -> str:
        return f"第{int_to_cn(self.no)}部分“{self.title}”" if self.kind == "section" \
            else f"第（{int_to_cn(self.no)}）条“{self.title}”"

    def holds(self, task: TaskRow) -> bool:
        """Whether ``task`` belongs to this part (its clause in the section, or the clause)."""
        if task.doc_id != self.doc.id:
            return False
        clause = self.doc.clause_of(task, task.key_task or None)
        if self.kind == "section":  # a table may word its 重点任务 otherwise than the part's title
            return task.key_task == self.title or (clause is not None and clause.section_no == self.no)
        return clause is not None and clause.no == self.no and clause.title == self.title


def shared_run(a: str, b: str) -> str:
    """The longest run of characters ``a`` and ``b`` share."""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


def pointed_part(text: str, docs: Sequence[Document]) -> list[Part]:
    """The part the question points at, in each document that has it; [] when it points at
    none, or at none clearly (two titles sharing as much)."""
    text = asked_sentence(text)
    if numbers := [int(n) if n.isdigit() else cn_to_int(n) for n in PART_NO_RE.findall(text)]:  # 第二部分和第四部分
        return [Part(d, "section", no, s.title) for no in dict.fromkeys(numbers) for d in docs for s in d.sections
                if s.no == no and any(c.section_no == no for c in d.clauses)]
    pointer = POINTER_RE.search(text) or _BARE_POINTER_RE.search(text)
    if pointer is None:
        return []
    before = re.sub(r"^(?:在|关于|对于|就|有关)", "", re.split(r"[，,。？?；;！!]", text[:pointer.start()])[-1])
    titled = [(d, "section", s.no, s.title) for d in docs for s in d.sections] + \
        [(d, "clause", c.no, c.title) for d in docs for c in d.clauses]
    runs = [(shared_run(before, t), d, kind, no, t) for d, kind, no, t in titled]
    longest = max((len(r[0]) for r in runs), default=0)
    bare = pointer.re is _BARE_POINTER_RE
    said = re.split(r"在|关于|对于", before)[-1] if bare else before  # 市城市管理局在清洁取暖示范方面: the part's words
    if longest < 2 or (bare and (longest < MIN_SHARED or longest < BARE_SHARE * len(said))):
        return []
    best = [r for r in runs if len(r[0]) == longest]
    if longest < MIN_SHARED and sum(best[0][0] in t for *_, t in titled) > 1:
        return []  # 建设那部分: a word every other title holds
    out: list[Part] = []
    for d in dict.fromkeys(r[1] for r in best):
        mine = [Part(d, kind, no, title) for _, doc, kind, no, title in best if doc is d]
        if len(mine) == 2 and {p.kind for p in mine} == {"section", "clause"}:  # a part and a clause of it
            sec, clause = sorted(mine, key=lambda p: p.kind != "section")
            if d.clause(clause.no, sec.title) is not None:  # 县城建设那部分 / 那条: as the pointer says
                mine = [clause if "条" in pointer.group() else sec]
        if len(mine) > 1:
            return []  # two parts of one plan share as much: none clearly
        out += mine
    return out


#: a list of tasks asked (哪几项, 有哪些, 几件事, which tasks)
LIST_ASKED_RE = re.compile(r"哪(几|些)?(项|件|条|个任务|些任务|些工作|些事)|几(项|件|条)|第几(项|条)|(任务|工作|事项?|活)(有|是)?(哪些|哪几|什么)|"
                            r"(牵头|参与|配合|负责|协同|协助)(了|的)?(有|是)?(哪些|哪几)|(?i:\bwhich tasks\b)|"
                            r"(任务|工作|事项?)[，,]?(请|都|全部|逐项|予以)*(列出|列一下|列个清单|列明|列示)")  # …牵头的任务请列出来

#: each role asked in a clause of its own (牵头哪些，只配合的又有哪些; 牵头几项、参与几项)
_ROLE_ASK = r"(?:的|了)?(?:任务|工作|事)?(?:又|还|则)?(?:有|是)?(?:哪些|哪几|什么|多少|几)(?![^，,。？?]{0,2}(?:单位|部门|机构|家|个局))"
EACH_ROLE_ASKED_RE = re.compile(r"牵头" + _ROLE_ASK + r"[^。？?]{0,8}?[，,、；;。？?]\s*(?:又|还|那|而)?[^，,。？?]{0,6}?(?:只|仅)?(?:是)?(?:参与|配合)"
                                 + _ROLE_ASK + r"|(?:参与|配合)" + _ROLE_ASK + r"[^。？?]{0,8}?[，,、；;。？?]\s*(?:又|还|那|而)?[^，,。？?]{0,6}?牵头" + _ROLE_ASK)


def asked_sentence(text: str) -> str:
    """The sentence that asks for tasks (我在…工作，梳理建筑用能这块的分工。…牵头的任务有哪些？: the
    second; …有哪几条？我记得是X那条: the first), else the first: a part pointed at elsewhere is context."""
    sentences = [p for p in re.split(r"[。！!？?]", text) if p.strip()]
    return next((p for p in sentences if LIST_ASKED_RE.search(p)), sentences[0] if sentences else "")


def asks_tasks_of_part(text: str) -> bool:
    """Whether a question asks a list of tasks within a part it points at (关于建造方式那条，
    住建局牵头的有哪几项): a unit's tasks there, not who leads the part."""
    text = asked_sentence(text)
    return bool((POINTER_RE.search(text) or PART_NO_RE.search(text) or _CLAUSE_TITLED_RE.search(text)
                 or _BARE_POINTER_RE.search(text) or CLAUSE_PLACE_RE.search(text) or _CLAUSE_TITLE_PLACE_RE.search(text)
                 or rows_between(text))
                and (LIST_ASKED_RE.search(text) or EACH_ROLE_ASKED_RE.search(text)))  # …牵头什么、参与什么


def tasks_within(clause: int | None, text: str, docs: Sequence[Document],
                 rows: Sequence[TaskRow], original: str = "") -> tuple[str, list[TaskRow]]:
    """Where a question narrows a unit's rows (第（七）条 by number, 建造方式那条 by title, 序号1到11
    by row numbers) and
    its rows there; ("", []) when it names no part that holds tasks."""
    if not rows:
        return "", []
    if span := rows_between(text) or rows_between(original):  # 序号1到11里, 第二十项及以后, rows 20 to 25: those numbered so
        first, last = span
        return (f"责任分工表序号{first}至{last}" if last < TO_THE_END else f"责任分工表序号{first}及以后",
                [r for r in rows if r.row_no is not None and first <= r.row_no <= last])
    if clause:
        if not any(t.clause_no == clause for d in docs for t in d.tasks):
            return "", []
        return f"第（{int_to_cn(clause)}）条", [r for r in rows if r.clause_no == clause]
    pointed_at = pointed_part(text, docs)
    inside = [r for r in rows if any(p.holds(r) for p in pointed_at)]
    named = [p for p in pointed_at if any(p.holds(r) for r in inside)] or pointed_at  # the plans holding them
    return "、".join(dict.fromkeys(p.label for p in named)), inside
