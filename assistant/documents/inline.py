"""Tasks whose units the body text states inline, in a closing parenthesis.

National and provincial plans rarely have a responsibility table: each task (an item
1. 2. 3. under a （一） heading, or a clause paragraph with no items) ends with who does it:

    （省住房城乡建设厅牵头，省发展改革委、省财政厅配合）     explicit lead and participants
    （X牵头，Y、Z等按职责分工负责）                         等 closes the list, it is no name
    （责任单位：X、Y）  （X、Y按职责分工负责）  （X负责）      a list, with or without a lead

and the document may say once how later lists read: 列第一位的为牵头单位（下同）, or
以下均需各市人民政府落实，不再列出 (that unit takes part in every task from there on).
Who leads follows the document's own rule: an explicit 牵头 first; else its "first listed
leads" note; else every listed unit is responsible and no lead is named — unless a single
unit is listed, which leads.

A parenthesis is read as a responsibility by its shape — unit-like names joined by 、 with
role words (牵头 配合 负责 责任单位 …) — never by a list of departments, so （试行）,
（BIM） or the （市、区） inside a name stay text.  The grammar words live here; unit
names come from the document.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from assistant.documents.targets import row_years
from assistant.documents.units import UnitResolver
from assistant.text import split_outside_brackets, trailing_paren
from assistant.types import Clause, Section, TaskRow

log = logging.getLogger(__name__)

_LEAD = ("牵头负责", "牵头", "主责")
_SUPPORT = ("配合落实", "配合", "参与", "协助", "协同", "协办")
_DUTY = ("等按职责分工负责", "按职责分工负责", "按照职责分工负责", "按职责负责", "分工负责", "负责落实",
         "负责", "落实")
_ROLE_RE = re.compile(r"^(?:由)?(?P<names>.+?)(?P<role>{})$".format("|".join(
    sorted((*_LEAD, *_SUPPORT, *_DUTY), key=len, reverse=True))))
_LABEL_RE = re.compile(r"^(?P<role>(?:责任|牵头|主责|配合|参与|协办|协同|承办)(?:单位|部门))[:：](?P<names>.+)$")
FIRST_LEADS_RE = re.compile(r"(?:列|排)(?:在)?(?:第一位|首位|第一)(?:的|者)?(?:单位|部门)?(?:为|是)(?:牵头|主责)")
NOT_LISTED_RE = re.compile(r"不再(?:一一)?列(?:出|明)")
_ONWARD_RE = re.compile(r"以?下同|后同")
DEADLINE_RE = re.compile(r"(?:于|在)?(?:(?:19|20)\d{2}\s*年|每年|每季度|每半年|长期|持续|常态化)[^，；、]{0,16}")
_NOTE_WORDS_RE = re.compile(r"以下|下同|各项任务|上述任务|均需|均由|需要|需|由|负责|组织|落实|不再(?:一一)?列(?:出|明)|[，,]")
_SENTENCE_SEP = re.compile(r"[。；;]")
_PHRASE_SEP = re.compile(r"[，,]")
_LABEL_OF = re.compile(r"[（(][^）)]*[)）]|第\S+?条|")
ITEM_RE = re.compile(r"^(?:(\d{1,2})\s*[.．、](?!\d)|[（(](\d{1,2})[)）]|([①-⑳]))\s*")


@dataclass(frozen=True)
class Reading:
    """A responsibility parenthesis read: units in the order listed (as written), the
    ones it says lead or support, and the notes it carries for itself and later tasks."""

    listed: tuple[str, ...]
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    first_leads: bool = False  # 列第一位的为牵头单位 said here
    first_leads_onward: bool = False  # … 下同: for the tasks after it too
    implied: tuple[str, ...] = ()  # 以下均需 X 落实，不再列出
    deadline: str = ""  # a time limit stated beside the units (2025年底前完成)


@dataclass(frozen=True)
class Notes:
    """What the document has said so far about reading later lists."""

    first_leads: bool = False
    implied: tuple[str, ...] = ()


def _top_level_parens(par: str) -> list[tuple[int, int]]:
    """Spans of the outermost round brackets of a paragraph, left to right."""
    out: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(par):
        if ch in "（(":
            start = i if depth == 0 else start
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
            if depth == 0 and start > 0:
                out.append((start, i + 1))
    return out


def responsibilities(par: str, resolver: UnitResolver,
                     bare_lists: bool = False) -> list[tuple[tuple[int, int], Reading]]:
    """The parentheses of a paragraph that say who is responsible, read, left to right: the
    one closing it (the usual place), one inside a sentence (1.推进X（省住建厅牵头），到2025年…),
    or one after each of several tasks run together in one paragraph.  ``bare_lists``: the
    document has said how its unit lists read (列第一位的为牵头单位), so a list with no role
    word (省住建厅、省财政厅) is one too."""
    return [(sp, r) for sp in _top_level_parens(par)
            if (r := read_paren(par[sp[0] + 1: sp[1] - 1], resolver, bare_lists))]


def _names(text: str, split: Callable[[str], list[str]], is_unit: Callable[[str], bool]) -> list[str] | None:
    names = split(text)
    return names if names and all(is_unit(n) for n in names) else None


def implied_units(sentence: str, split: Callable[[str], list[str]],
                  is_unit: Callable[[str], bool]) -> tuple[str, ...]:
    """The units a 不再列出 note says every later task involves (以下均需X落实，不再列出 -> X)."""
    out: list[str] = []
    for frag in _NOTE_WORDS_RE.split(sentence):
        out += [n for n in split(frag) if len(n) >= 2 and is_unit(n)]
    return tuple(dict.fromkeys(out))


def _is_unit(resolver: UnitResolver) -> Callable[[str], bool]:
    return lambda name: len(name) >= 2 and resolver.looks_like_units(name)


def read_paren(inner: str, resolver: UnitResolver, bare_lists: bool = False) -> Reading | None:
    """The responsibility an inner parenthesis text states, or None when it is not one:
    every phrase must be unit names (with a role word or under a 责任单位： label), a note
    or a time limit, and at least one phrase names units with a role (or, ``bare_lists``,
    at least two units: a single name in brackets is more often an explanation)."""
    is_unit = _is_unit(resolver)
    listed: list[str] = []
    roles: dict[str, list[str]] = {"lead": [], "support": []}
    first = onward = has_role = False
    implied: tuple[str, ...] = ()
    deadline = ""
    for sentence in split_outside_brackets(inner, _SENTENCE_SEP, opens="（(“", closes="）)”"):
        if NOT_LISTED_RE.search(sentence):  # 以下均需X落实，不再列出: one note over two phrases
            implied += implied_units(sentence, resolver.split, is_unit)
            continue
        for phrase in split_outside_brackets(sentence, _PHRASE_SEP, opens="（(“", closes="）)”"):
            phrase = phrase.strip()
            if not phrase:
                continue
            if FIRST_LEADS_RE.search(phrase) or _ONWARD_RE.fullmatch(phrase):
                first = first or bool(FIRST_LEADS_RE.search(phrase))
                onward = onward or bool(_ONWARD_RE.search(phrase))
                continue
            if DEADLINE_RE.fullmatch(phrase):
                deadline = phrase
                continue
            m = _LABEL_RE.match(phrase) or _ROLE_RE.match(phrase)
            names = _names(m.group("names") if m else phrase, resolver.split, is_unit)
            if names is None:
                return None
            role = m.group("role") if m else ""
            has_role = has_role or bool(m)
            kind = "lead" if role.startswith(_LEAD) else "support" if role.startswith(_SUPPORT) else ""
            if kind:
                roles[kind] += names
            listed += names
    if not listed or not (has_role or (bare_lists and len(set(listed)) > 1)):
        return None
    return Reading(tuple(dict.fromkeys(listed)), tuple(dict.fromkeys(roles["lead"])),
                   tuple(dict.fromkeys(roles["support"])), first, first and onward, implied, deadline)


def assign(reading: Reading, notes: Notes) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(lead, participating) as written: explicit 牵头; else the units beside the ones
    that only 配合; else the first listed when the document says so; else a single unit
    leads and several share the task with no lead named.  Units a 不再列出 note implies take
    part, and do not count as listed for that rule (X负责；Y负责落实 with Y implied: X leads)."""
    listed = tuple(u for u in reading.listed if u not in notes.implied) or reading.listed
    if reading.lead:
        lead = reading.lead
    elif reading.support and any(u not in reading.support for u in listed):
        lead = tuple(u for u in listed if u not in reading.support)
    elif reading.first_leads or notes.first_leads:
        lead = listed[:1]
    elif len(listed) == 1:
        lead = listed
    else:
        lead = ()
    part = [u for u in reading.listed if u not in lead]
    part += [u for u in notes.implied if u not in lead and u not in part]
    return lead, tuple(part)


def sentence_notes(text: str, notes: Notes, resolver: UnitResolver) -> Notes:
    """Notes stated in running text (现将重点任务明确如下（列第一位的为牵头单位）…)."""
    first, implied = notes.first_leads, notes.implied
    for sentence in split_outside_brackets(text, _SENTENCE_SEP, opens="“", closes="”"):
        if FIRST_LEADS_RE.search(sentence):
            first = True
        if NOT_LISTED_RE.search(sentence):
            found = implied_units(sentence, resolver.split, _is_unit(resolver))
            implied = tuple(dict.fromkeys((*implied, *found)))
    return Notes(first, implied)


def _paragraphs(text: str) -> Iterator[str]:
    return (line.strip() for line in text.split("\n") if line.strip())


@dataclass(frozen=True)
class _Context:
    label: str  # （三） or 一、
    key_task: str
    clause_no: int | None
    clause_pos: int | None


def _contexts(text: str, clauses: Sequence[Clause], sections: Sequence[Section]) -> list[tuple[int, int, _Context]]:
    """(start, end, context) of every clause, and of the parts of sections no clause covers."""
    out = [(c.start, c.end, _Context(_LABEL_OF.match(c.text).group(0).strip(),  # type: ignore[union-attr]
                                     _strip_paren(c.title), c.no, i))
           for i, c in enumerate(clauses)]
    for s in sections:
        covered = sorted((a, b) for a, b, _ in out if s.start <= a < s.end)
        first = covered[0][0] if covered else s.end
        if first > s.start:
            label = text[s.start:].split("、", 1)[0] + "、"
            out.append((s.start, first, _Context(label, s.title, None, None)))
    return sorted(out, key=lambda x: x[0])


def _strip_paren(title: str) -> str:
    span = trailing_paren(title)
    return title[: span[0]].rstrip() if span else title


def _task_text(par: str, ctx: _Context) -> tuple[str, str] | None:
    """(own label, text) of a paragraph: an item 1. / （1） / ①, or the clause heading's
    text after its title; None for other paragraphs."""
    m = ITEM_RE.match(par)
    if m:
        return ctx.label + next(g for g in m.groups() if g), par[m.end():]
    if ctx.clause_no is not None and par.startswith(ctx.label):
        rest = par[len(ctx.label):]
        head, dot, body = rest.partition("。")
        return ctx.label, (body if dot and body.strip() else rest)
    return None


def inline_tasks(text: str, clauses: Sequence[Clause], sections: Sequence[Section], resolver: UnitResolver, *,
                 doc_id: str, doc_title: str = "", level: str = "other") -> list[TaskRow]:
    """Every task of the body whose units a closing parenthesis states, in order; units as
    written (``lead_units`` too: the caller canonicalises with the whole document's names)."""
    contexts = _contexts(text, clauses, sections)
    notes = Notes()
    out: list[TaskRow] = []
    used: set[str] = set()
    last = 0
    for start, end, ctx in contexts:
        notes = sentence_notes(text[last:start], notes, resolver)
        last = end
        for par in _paragraphs(text[start:end]):
            found = responsibilities(par, resolver, notes.first_leads)
            own = _task_text(par, ctx) if found else None
            if not found or own is None:
                notes = sentence_notes(par, notes, resolver)
                continue
            label, body = own
            cut = len(par) - len(body)  # where the task's own text starts in the paragraph
            found = [(sp, r) for sp, r in found if sp[0] >= cut] or found[-1:]
            for k, ((a, b), reading) in enumerate(found):
                item = label if k == 0 else f"{label}-{k + 1}"  # several tasks in one paragraph
                if item in used:
                    log.debug("%s: a second task labelled %s ignored", doc_id, item)
                    continue
                used.add(item)
                notes = Notes(notes.first_leads or reading.first_leads_onward,
                              tuple(dict.fromkeys((*notes.implied, *reading.implied))))
                lead, part = assign(reading, notes)
                head = found[k - 1][0][1] if k else cut
                tail = par[b:] if k == len(found) - 1 else ""
                requirement = (par[head:a] + tail).strip() if a >= cut else body
                out.append(TaskRow(
                    doc_id=doc_id, row_no=None, key_task=ctx.key_task, measure="",
                    requirement=requirement or ctx.key_task, lead_units=lead, participating_units=part,
                    clause_no=ctx.clause_no, deadline=reading.deadline or None, years=row_years(requirement),
                    doc_title=doc_title, level=level, source="text", item=item, lead_units_as_written=lead,
                    participating_units_as_written=part, units_text=par[a:b], clause_pos=ctx.clause_pos))
    return out
