"""Answers to questions that find a task, clause or target by its place in a plan, as people do
with the printed plan open: next to one they name (紧跟在“供热计量”那项后面的是哪项, 再生水利用率那一项
的前一项, （十五）的下一条), or first, last or N-th within the plan, a part of it or a group of its
table (重点任务里最后一项, 第三部分的最后一项任务, 保障措施部分的第一条, 第二部分的第3条, 最后一个量化
目标).  The order is the document's own; the places named are matched against the loaded
documents' titles and task texts, never a list written here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answering.compose import Draft, doc_label, row_order, row_phrase, units_phrase
from assistant.answering.intent import Query
from assistant.answering.numbered import (
    ORDINALS,
    clause_named,
    names_table,
    number_of,
    parts_named_english,
    row_from_end,
)
from assistant.answering.parts import CLAUSE_PLACE_RE, PART_NO_RE, Part, pointed_part, shared_run
from assistant.numerals import count_said, int_to_cn
from assistant.types import Clause, Document, Target, TaskRow

#: a place next to a named one: …后面的那一项, …之后的是哪条, …后面的第一项任务, …的前一项, （十五）的下一条
_RELATIVE_RE = re.compile(
    r"(?P<anchor>[^，,。？?；;！!]{2,40}?)(?:那一?|这一?)?(?P<u1>条|项|行)?的?\s*(?:(?P<next>后面|之后|后边|以后)|(?P<prev>前面|之前|前边))"
    r"(?:紧挨着|紧接着)?的?(?:那|这)?(?:是)?(?:哪)?(?:第?一)?(?P<u2>项任务|个任务|条|项|行)(?=[，,。？?；;由是的呢吗谁]|任务|工作|$|\s)"
    r"|(?P<anchor2>[^，,。？?；;！!]{2,40}?)(?:那一?|这一?)?(?P<u3>条|项|行)?的\s*(?:(?P<next2>下一|后一)|(?P<prev2>上一|前一))"
    r"(?P<u4>条|项|行)(?=[，,。？?；;由是的呢吗谁]|任务|工作|$|\s)")
#: words before the named place that only say how it stands (紧跟在, 排在) or where (分工表里)
_LEAD_IN_RE = re.compile(r"^.*?(?:紧跟在|紧跟着|紧接在|紧接着|紧挨着|紧挨在|跟在|排在|列在|位于)|^(?:讲|说|写|关于|有关|在)")
#: a named place that is a time, not a task (2025年以后的那项: a deadline)
_TIME_RE = re.compile(r"(?:19|20)\d\d|年底|月底|年内|十[三四五六]五|期间|年$|月$|日$|底$")
#: a place counted in a list: 第一, 第3, 最后一, 倒数第二 (+ 个/条/项 and what is counted)
_ORDINAL_RE = re.compile(
    r"(?:(?P<last>最后|最末|末尾)(?:一|1)?|倒数第(?P<back>\d{1,2}|[一二三四五六七八九十]{1,3})|第(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3}))"
    r"\s*(?P<unit>个|条|项|行)(?P<noun>(?:重点)?任务|(?:具体)?工作|量化目标|量化指标|数值目标|目标|指标)?")
_EN_ORDINAL_RE = re.compile(rf"\b(?:the\s+)?(?P<en>(?:(?:second|third)[- ]to[- ])?last|penultimate|{'|'.join(ORDINALS)})\s+"
                            r"(?:quantified\s+|numerical\s+)?"
                            r"(?P<noun>task|target|indicator|clause)s?\b", re.IGNORECASE)
#: a list pointed at by its title in quotes and a word of place (“加快优化建筑用能结构”下面的第5项)
_QUOTED_PART_RE = re.compile(r"[“\"「]([^”\"」]{2,30})[”\"」]\s*(?:这一?条|那一?条|条)?(?:下面|下边|底下|之下|下|里面|里|中)")
#: a table's group named (县城和乡村建设这一大类): the tasks under that 重点任务
_GROUP_RE = re.compile(r"(?:这|那)一?大?类|(?:类|组)(?:里|中|下)")
#: the words a target counted by its place may carry besides what is counted (第一个量化目标): no indicator
_TARGET_WORDS = {"量化", "目标", "指标", "数值", "量化目标", "量化指标", "数值目标", "提出", "列出", "设定"}


@dataclass(frozen=True)
class _Place:
    """What a question names by its place: a task, a clause or a target, in one document."""

    doc: Document
    task: TaskRow | None = None
    clause: Clause | None = None
    target: Target | None = None


def in_order(doc: Document) -> list[TaskRow]:
    """A document's tasks in its own order: table rows by 序号, inline tasks as the text states them
    (reading yields them in order)."""
    return sorted((t for t in doc.tasks if t.row_no is not None), key=row_order) + [t for t in doc.tasks if t.row_no is None]


def _shared(a: str, b: str) -> int:
    return len(shared_run(a, b))


def _number(s: str | None) -> int | None:
    return number_of(s) if s else None


# ---------------------------------------------------------------- next to a named place

def _anchors(said: str, docs: Sequence[Document], clause_first: bool) -> list[_Place]:
    """The task or clause each document has that the words name best (a clause number, a
    quoted phrase, or words of a title or a task's text); [] when none is named clearly."""
    if (row := re.search(r"(?:序号|第)\s*(\d{1,3}|[一二三四五六七八九十百]{1,4})\s*(?:项|行|号)?\s*$", said)) and \
            (no := _number(row.group(1))):  # 序号5后面的一项, 第12项的下一项: the row numbered so
        return [_Place(d, task=t) for d in docs if (t := d.task(no)) is not None]
    bare = re.match(r"\s*[（(]([一二三四五六七八九十]{1,3})[）)]", said)  # （十五）的下一条, （十五）加快…后面
    if (no := clause_named(said) or (_number(bare.group(1)) if bare else None)) is not None:
        return [_Place(d, clause=c) for d in docs if (c := d.clause(no)) is not None and sum(x.no == no for x in d.clauses) == 1]
    quoted = re.search(r"[“\"「]([^”\"」]{2,30})[”\"」]", said)
    phrase = quoted.group(1) if quoted else _LEAD_IN_RE.sub("", said).strip()
    phrase = re.sub(r"^(?:讲|说|写|关于|有关)", "", re.sub(r"(?:的|那|这)$", "", phrase))
    if len(phrase) < 2 or _TIME_RE.search(phrase):
        return []
    need = min(4, len(phrase))
    out: list[tuple[int, _Place]] = []
    for doc in docs:
        clauses = [(_shared(phrase, c.title), c) for c in doc.clauses]
        tasks = [(max(_shared(phrase, t.requirement), _shared(phrase, t.measure)), t) for t in doc.tasks]
        best_c = max(clauses, key=lambda x: x[0], default=(0, None))
        best_t = max(tasks, key=lambda x: x[0], default=(0, None))
        if max(best_c[0], best_t[0]) < need:
            continue
        if best_c[1] is not None and best_c[0] >= need and (clause_first or best_c[0] > best_t[0]):
            if sum(s == best_c[0] for s, _ in clauses) == 1:
                out.append((best_c[0], _Place(doc, clause=best_c[1])))
        elif best_t[1] is not None and sum(s == best_t[0] for s, _ in tasks) == 1:
            out.append((best_t[0], _Place(doc, task=best_t[1])))
    top = max((n for n, _ in out), default=0)
    return [place for n, place in out if n == top]  # several plans: only those holding the words best


def _beside(place: _Place, step: int, want_clause: bool) -> _Place | None:
    """The clause or task ``step`` (+1 next, -1 before) from ``place``, in its document's order."""
    doc, clauses, tasks = place.doc, list(place.doc.clauses), in_order(place.doc)
    if want_clause or not tasks:
        here = place.clause or (doc.clause_of(place.task, place.task.key_task or None) if place.task else None)
        if here is None or here not in clauses:
            return None
        i = clauses.index(here) + step
        return _Place(doc, clause=clauses[i]) if 0 <= i < len(clauses) else None
    if place.task is not None:
        i = tasks.index(place.task) + step
        return _Place(doc, task=tasks[i]) if 0 <= i < len(tasks) else None
    assert place.clause is not None
    at = clauses.index(place.clause)
    pos = [(clauses.index(c) if (c := doc.clause_of(t, t.key_task or None)) in clauses else -1, t) for t in tasks]
    after = [t for p, t in pos if p > at] if step > 0 else [t for p, t in pos if 0 <= p < at]
    return _Place(doc, task=after[0] if step > 0 else after[-1]) if after else None


def _relative(q: Query, docs: Sequence[Document]) -> Draft | None:
    m = _RELATIVE_RE.search(q.text)
    if m is None or q.unit:  # 住建局牵头的任务里，排在X后面的: the unit's list, read elsewhere
        return None
    said = m["anchor"] or m["anchor2"] or ""
    step = 1 if (m["next"] or m["next2"]) else -1
    named_unit, asked_unit = m["u1"] or m["u3"] or "", m["u2"] or m["u4"] or ""
    anchors = _anchors(said, docs, clause_first=named_unit == "条" or (asked_unit == "条" and not named_unit))
    if not anchors:
        return None
    d = Draft(exact=True)
    for anchor in anchors:
        found = _beside(anchor, step, want_clause=asked_unit == "条")
        prefix = f"{doc_label(anchor.doc)}：" if len(anchors) > 1 else ""
        where = f"{prefix}{_name(anchor)}{'之后' if step > 0 else '之前'}"
        if found is None:
            d.lines.append(f"{where}没有{'条款' if asked_unit == '条' else '任务'}了（它是{'最后' if step > 0 else '第'}一{asked_unit or '项'}）。")
            continue
        d.lines.append(f"{where}是：")
        _say(d, found)
    return d


# ---------------------------------------------------------------- first, last, N-th

def _ordinal(q: Query) -> tuple[int, str] | None:
    """(place, kind) a question counts: 1 first, -1 last, -2 second to last; kind task | clause | target."""
    text = q.original or q.text
    if (m := _ORDINAL_RE.search(q.text)) is not None:
        if m["unit"] == "个" and not m["noun"]:
            return None  # 第一个配合单位: a unit counted, no task
        kind = "target" if m["noun"] and m["noun"].endswith(("目标", "指标")) else "clause" if m["unit"] == "条" else "task"
        if m["last"]:
            return -1, kind
        n = _number(m["back"] or m["n"])
        return ((-n if m["back"] else n), kind) if n else None
    if (e := _EN_ORDINAL_RE.search(text)) is not None:
        noun = e["noun"].lower()
        word = e["en"].lower()
        at = -1 if word == "last" else -2 if word == "penultimate" else -ORDINALS[word.split("-")[0].split()[0]] \
            if word.endswith("last") else ORDINALS[word]
        return at, "target" if noun in ("target", "indicator") else noun
    return None


#: words a question about a place or a gap may hold that name no topic (最后一项重点任务, 哪些任务没有量化指标)
_NO_TOPIC = frozenset({"没有", "没写", "没给", "任务", "工作", "重点", "重点任务", "量化", "指标", "目标", "数值", "数量", "时间", "节点",
                       "年份", "具体", "截止", "完成", "时限", "最后", "事项", "条款", "内容", "要求"})


def topical(q: Query, values: frozenset[str] = frozenset()) -> bool:
    """Whether the question names a topic of its own (老旧小区改造的最后一项任务): then a plan-wide list is no
    answer; ``values`` are words the documents use as values (a 完成时限 such as 长期坚持), no topic."""
    return any(t not in _NO_TOPIC and not any(t in v for v in values) for t in q.terms)


def named_parts(text: str, docs: Sequence[Document], *, by_number: bool = True, original: str = "") -> list[Part]:
    """The parts a question names in each document: a title in quotes with a word of place
    (“加快优化建筑用能结构”下面), a part by number or pointer (第三部分, 县城和乡村建设这一大类; Part Two
    in an English ``original``), a part's whole title with a word of place (保障措施里), or (``by_number``) a
    clause by number."""
    parts = [Part(d, "section", n, s.title) for kind, n in parts_named_english(original.lower()) if kind == "part"
             for d in docs for s in d.sections if s.no == n]
    if not parts and (quoted := _QUOTED_PART_RE.search(text)) is not None:
        title = quoted.group(1)
        parts = [Part(d, "clause", c.no, c.title) for d in docs for c in d.clauses if title in c.title or c.title in title] or \
            [Part(d, "section", s.no, s.title) for d in docs for s in d.sections if title in s.title or s.title in title]
    if not parts and (PART_NO_RE.search(text) or re.search(r"部分|板块|方面|大类|类里|这一?条|那一?条", text)):
        parts = pointed_part(_GROUP_RE.sub("这部分", text), docs)
    if not parts:  # 保障措施里的第5条: a part's whole title, then a word of place
        parts = [Part(d, "section", s.no, s.title) for d in docs for s in d.sections
                 if re.search(re.escape(s.title) + r"(?:部分)?(?:里面|里|中|当中|下面|下)", text)]
    placed = CLAUSE_PLACE_RE.search(text)  # （三）下面的三项里
    if not parts and by_number and (no := clause_named(text) or (_number(placed.group(1)) if placed else None)) is not None:
        parts = [Part(d, "clause", c.no, c.title) for d in docs if (c := d.clause(no)) is not None
                 and sum(x.no == no for x in d.clauses) == 1]  # a number each part restarts names no one clause
    return parts


def targets_in(part: Part, target: Target) -> bool:
    """Whether a target's sentence is written in a part (a clause, or a section's clauses)."""
    clauses = [c for c in part.doc.clauses if (part.kind == "clause" and c.no == part.no and c.title == part.title)
               or (part.kind == "section" and c.section_no == part.no)]
    said = re.sub(r"\s+", "", target.text)
    return any(said and said in re.sub(r"\s+", "", c.text) for c in clauses)


def _lists(q: Query, docs: Sequence[Document], kind: str) -> list[tuple[str, Document, list[_Place]]] | None:
    """The lists the question counts in, one per document: (label, doc, places in order); None when it
    names no list this module reads (a table's row by number, a clause's item: read elsewhere)."""
    text = q.text
    if kind == "target":  # 最后一个量化目标, 第三部分的第一个目标: none of an indicator named, nor of a row
        if q.row is not None or q.item is not None or any(t not in _TARGET_WORDS for t in q.terms):
            return None
        parts = named_parts(text, docs, original=q.original if q.english else "")
        if not parts:
            return [("量化目标", d, [_Place(d, target=t) for t in d.targets]) for d in docs if d.targets] or None
        return [(f"{p.label}的量化目标", p.doc, [_Place(p.doc, target=t) for t in p.doc.targets if targets_in(p, t)])
                for p in parts] or None  # a plan without the part named is not counted in
    parts = named_parts(text, docs, by_number=kind == "task", original=q.original if q.english else "")
    if not parts and topical(q):
        return None  # 老旧小区改造的最后一项任务: of a topic, not the plan's last
    if parts:
        out = []
        for part in parts:
            if kind == "clause" and part.kind == "section":
                out.append((part.label, part.doc, [_Place(part.doc, clause=c) for c in part.doc.clauses if c.section_no == part.no]))
            elif kind == "task":
                out.append((part.label, part.doc, [_Place(part.doc, task=t) for t in in_order(part.doc) if part.holds(t)]))
        return out or None
    rows = any(t.row_no is not None for d in docs for t in d.tasks)
    if (q.row is not None and rows) or q.item is not None or q.clause is not None or names_table(text):
        return None  # 分工表最后一项, 第（四）条第2项: a row or an item, read by number
    if kind == "task" and re.search(r"第\s*\S{1,3}\s*项(?!任务|工作)", text) and not re.search(r"最后|最末|末尾|倒数", text):
        return None  # 第5项 of no list named: a row or an item, read elsewhere
    if kind == "clause":
        return [("文件", d, [_Place(d, clause=c) for c in d.clauses]) for d in docs if d.clauses] if re.search(r"最后|最末|末尾|倒数", text) \
            else None
    return [("文件", d, [_Place(d, task=t) for t in in_order(d)]) for d in docs if d.tasks]


def _counted(q: Query, docs: Sequence[Document]) -> Draft | None:
    if (asked := _ordinal(q)) is None or q.unit or q.years:  # 发改委参与的任务里最后一项, 2025年要完成的最后一项:
        return None  # a list narrowed by a unit or a year, read elsewhere
    at, kind = asked
    lists = _lists(q, docs, kind)
    if not lists:
        return None
    d, missing = Draft(exact=True), []
    word = {"task": "项", "clause": "条", "target": "个"}[kind]
    for label, doc, places in lists:
        prefix = f"{doc_label(doc)}：" if len({x[1].id for x in lists}) > 1 else ""
        numbered = [p for p in places if kind == "clause" and at > 0 and p.clause is not None and p.clause.no == at
                    and sum(c.no == at for c in doc.clauses) == 1]  # 保障措施里第二十条 of a plan numbering clauses throughout
        if (not -len(places) <= at <= len(places) or at == 0) and not numbered:
            missing.append(f"{prefix}{label}共{count_said(len(places))}{word}，没有{_place_word(at, word)}")
            continue
        d.lines.append(f"{prefix}{label}的{_place_word(at, word) if not numbered else f'第（{int_to_cn(at)}）条'}是：")
        _say(d, numbered[0] if numbered else places[at - 1 if at > 0 else at])
    if d.lines:
        return d
    return Draft(found=False, lines=[f"{'；'.join(missing)}，无法回答。"]) if missing else None


def _place_word(at: int, word: str) -> str:
    return f"第{int_to_cn(at)}{word}" if at > 0 else f"最后一{word}" if at == -1 else f"倒数第{int_to_cn(-at)}{word}"


# ---------------------------------------------------------------- saying a place

def _name(place: _Place) -> str:
    if place.clause is not None:
        return f"第（{int_to_cn(place.clause.no)}）条“{place.clause.title}”"
    assert place.task is not None
    t = place.task
    return f"责任分工表序号{t.row_no}" if t.row_no is not None else f"{t.item}“{row_phrase(t)}”" if t.item else f"“{row_phrase(t)}”"


def _say(d: Draft, place: _Place) -> None:
    """One place: a task with who does it, a clause with its tasks (or its opening), a target."""
    doc = place.doc
    if (target := place.target) is not None:
        when = f"到{target.year}年" if target.year else ""
        d.lines.append(f"{target.indicator}{when}：{target.value}{d.cite(doc, target.text, target.clause_no, target.row_no)}。")
        return
    if place.task is not None:
        t = place.task
        measure = f"（{t.measure}）" if t.measure and t.measure != row_phrase(t) else ""
        due = f"；完成时限：{t.deadline}" if t.deadline else ""
        d.lines.append(f"{_name(place)}：{row_phrase(t)}{measure}，{units_phrase(t)}{due}{d.cite_task(doc, t)}。")
        d.tasks.append(t)
        return
    assert place.clause is not None
    c = place.clause
    tasks = [t for t in in_order(doc) if doc.clause_of(t, t.key_task or None) is c]
    if not tasks:
        body = re.sub(r"^[（(][一二三四五六七八九十]+[）)]\s*", "", c.text).strip()
        opening = re.split(r"(?<=[。；;])", body, maxsplit=2)
        shown = "".join(opening[:2]).rstrip("。；;")
        d.lines.append(f"{_name(place)}：{shown[:200]}{'……' if len(shown) > 200 else ''}{d.cite(doc, c.text, c.no, None)}。")
        return
    d.lines.append(f"{_name(place)}，共{count_said(len(tasks))}项任务：")
    for t in tasks:
        d.lines.append(f"· {row_phrase(t)}：{units_phrase(t)}{d.cite_task(doc, t)}。")
        d.tasks.append(t)


#: which clause a row is asked to belong to (分工表第12项对应正文的哪一条, 序号5在哪一条下面)
_ROW_CLAUSE_RE = re.compile(r"(?:对应|属于|出自|来自|在|归)(?:正文|文中)?(?:的)?(?:哪一?条|第几条|哪个条款|哪一?款)|"
                            r"\bwhich\s+clause\b", re.IGNORECASE)


def _row_clause(q: Query, docs: Sequence[Document]) -> Draft | None:
    if q.row is None or not _ROW_CLAUSE_RE.search(q.original or q.text):
        return None
    d = Draft(exact=True)
    for doc in docs:
        no = row_from_end([t.row_no for t in doc.tasks if t.row_no is not None], q.row)
        if (row := doc.task(no)) is None or (clause := doc.clause_of(row, row.key_task or None)) is None:
            continue
        prefix = f"{doc_label(doc)}：" if len(docs) > 1 else ""
        d.lines.append(f"{prefix}责任分工表序号{no}（{row_phrase(row)}）对应正文{_name(_Place(doc, clause=clause))}"
                       f"{d.cite_task(doc, row)}。")
        d.tasks.append(row)
    return d if d.lines else None


#: the groups of a table's 重点任务 column counted (分工表的重点任务栏分成几大类, 表里的任务分了几类)
_GROUPS_RE = re.compile(r"(?:分成|分为|分了|划分为|归为|有|包括)(?:几|多少)(?:个)?(?:大类|类别|类|组|大块|板块)|"
                        r"\bhow many (?:groups|categories)\b", re.IGNORECASE)


def _groups(q: Query, docs: Sequence[Document]) -> Draft | None:
    """A table's task groups (its 重点任务 column), counted and named, in table order."""
    if not _GROUPS_RE.search(q.original or q.text) or not names_table(q.text + q.original):
        return None
    d = Draft(exact=True)
    tables = [doc for doc in docs if any(t.row_no is not None for t in doc.tasks)]
    for doc in tables:
        rows = [t for t in in_order(doc) if t.row_no is not None and t.key_task]
        groups = list(dict.fromkeys(t.key_task for t in rows))
        if not groups:
            continue
        prefix = f"{doc_label(doc)}：" if len(tables) > 1 else ""
        d.lines.append(f"{prefix}责任分工表的重点任务分为{count_said(len(groups))}类：")
        for g in groups:
            first = next(t for t in rows if t.key_task == g)
            n = sum(t.key_task == g for t in rows)
            d.lines.append(f"· {g}（{count_said(n)}项，自序号{first.row_no}起）{d.cite_task(doc, first)}")
    return d if d.lines else None


def answer_position(q: Query, docs: Sequence[Document]) -> Draft | None:
    """A task, clause or target the question finds by its place; None when it names none so."""
    if q.item is not None or not docs:
        return None
    return _row_clause(q, docs) or _groups(q, docs) or _relative(q, docs) or _counted(q, docs)
