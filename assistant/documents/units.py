"""Department names as one document writes them -> one canonical name per unit.

A plan writes the same department many ways: 东岳省住房和城乡建设厅 in its issuer list, 省住房城乡建设厅
in the body, 省住建厅 once.  Questions and the ``tasks`` lookup need one name per unit, and that name must
be one the reader can find in the document: the *fullest form the document itself uses* (issuers, body,
tables), with the document's level prefix (省/市/县, as its place says; none for a national plan) and
without its place name. A county's 县发改局 / 临河县发展和改革局 is therefore 县发展和改革局, never the 委员会
a city has; 省住房城乡建设厅 becomes 省住房和城乡建设厅 only where the document writes the full name.

Which written forms are the same unit is decided by rule — place name, level prefix, 和/与, 委 vs
委员会 — and by the alias data (``assistant/data/units.toml``, via :mod:`assistant.documents.unitdata`),
never by a list of departments in code. Participants that are not departments (各乡镇人民政府) are kept
as written; a company is also named without its place (国网青山供电公司: 供电公司, 国网供电公司)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from assistant.documents.unitdata import (
    ORG_SUFFIXES,
    AliasData,
    abbreviations,
    alias_data,
    conjuncts,
    government_forms,
    key_text,
    load_aliases,
    loose_key,
    norm_name,
    same_body,
)
from assistant.text import split_outside_brackets
from assistant.types import Document, TaskRow

__all__ = ["ORG_SUFFIXES", "LEVEL_CHARS", "UnitResolver", "document_resolver", "load_aliases", "unit_stems"]

#: characters that may open a department name to state its level explicitly
LEVEL_CHARS = ("省", "市", "县", "区")
#: endings a person may put on a department's name other than its own (X部门, X委 for X局)
GENERIC_SUFFIX_RE = re.compile(r"((?:行政)?主管部门|部门|系统|单位|委员会|委|局|厅)$")
DEPARTMENT_ENDINGS = ("局", "委员会", "委", "厅", "部")
_SPLIT_RE = re.compile(r"[、，,；;/\n]+")
ANNOTATION_RE = re.compile(r"[（(](?:牵头|配合|参与|协办|负责|主责)[)）]")
_SENTENCE_MARKS = re.compile(r"[。：:！？“”《》%0-9０-９]")
_ETC_RE = re.compile(r"等(?:有关|相关)?(?:部门|单位)?$")


#: words of a question, never of a participant's name (临河县*方案里*乡镇政府)
_ASKERS_WORDS_RE = re.compile(r"方案|文件|通知|[里的]")


@dataclass(frozen=True)
class _Form:
    """One written name, taken apart: level it belongs to, stem without place and level,
    and the key under which forms of the same unit meet."""

    written: str
    level: str
    stem: str
    key: str
    marked: bool  # written with the place or a level prefix
    issuer: bool


def _level_prefix(level: str, place: str | None, prefixes: dict[str, str]) -> str:
    """市 for a municipal plan; for a county-level one the place decides (冠县 -> 县,
    东昌府区 -> 区, 临清市 -> 市)."""
    if level == "county" and place and place[-1] in "县区市旗":
        return place[-1]
    return prefixes.get(level, "")


class UnitResolver:
    """The units of one document: splits unit lists, maps every written form to the
    document's canonical name, and lists the forms a person may type for each.

    ``issuers`` and ``forms`` (every unit name the document writes in its tables and
    responsibility notes) define the document's units; build it once with all of them
    (:meth:`with_forms`, :func:`document_resolver`)."""

    def __init__(self, level: str = "municipal", place: str | None = None, issuers: Sequence[str] = (),
                 aliases: dict[str, Any] | None = None, forms: Sequence[str] = ()) -> None:
        self._aliases = aliases
        self._data: AliasData = alias_data(aliases)
        self.level = level
        self.place = norm_name(place) if place else None
        self.prefix = _level_prefix(level, self.place, self._data.prefix)
        self.issuers = tuple(issuers)
        self.forms = tuple(dict.fromkeys(norm_name(f) for f in forms if f and f.strip()))
        self._non_bureau = [re.compile(p) for p in self._data.non_bureau]
        self._classes: dict[tuple[str, str], list[_Form]] = {}
        for name in self.issuers:
            n = norm_name(name)
            if n.endswith(ORG_SUFFIXES) and not self.is_non_bureau(n):
                self._add(self._parse(n, issuer=True))
        for n in self.forms:
            if not self.is_non_bureau(n):
                self._add(self._parse(n))
        self._canon = {ck: self._choose(forms) for ck, forms in self._classes.items()}

    def with_forms(self, forms: Iterable[str]) -> UnitResolver:
        """The same document with more written names known (a table's or the body's)."""
        return UnitResolver(self.level, self.place, self.issuers, self._aliases, (*self.forms, *forms))

    # -- taking a name apart --------------------------------------------------------------
    def _strip_place(self, name: str) -> str | None:
        """Name without the document's place (聊城市住建局 -> 住建局); None if no place."""
        if not self.place:
            return None
        for p in (self.place, self.place[:-1] if len(self.place) > 2 else ""):
            if p and name.startswith(p) and len(name) > len(p):
                rest = name[len(p):]
                return rest[1:] if p != self.place and rest[:1] == self.place[-1] else rest
        return None

    def _parse(self, name: str, issuer: bool = False) -> _Form:
        rest = self._strip_place(name)
        if rest:
            level, stem, marked = self.prefix, rest, True
        elif name[:1] in LEVEL_CHARS and len(name) > 2 and self._data.key(name) is None:
            level, stem, marked = name[0], name[1:], True  # 市住建局; but 市场监管局 is a name
        else:
            level, stem, marked = self.prefix, name, False
        key = self._data.key(stem) or key_text(stem)
        return _Form(name, level, stem, key, marked, issuer)

    def _add(self, form: _Form) -> None:
        self._classes.setdefault((form.level, form.key), []).append(form)

    def _prefixed(self, forms: Sequence[_Form]) -> bool:
        """Whether the unit takes the level prefix: the document writes it so, or it is
        a department the alias data knows (a bare 住房和城乡建设局 in a city's table)."""
        if any(f.marked for f in forms):
            return True
        return any(self._data.key(f.stem, exact_only=True) is not None for f in forms) and \
            self._data.is_prefixed(forms[0].key)

    def _choose(self, forms: Sequence[_Form]) -> str:
        """The fullest form the document writes (a complete name ending like a department
        before a fragment such as 市城市管理; ties: an issuer, then the first seen)."""
        complete = [f for f in forms if f.stem.endswith(ORG_SUFFIXES)] or list(forms)
        best = max(complete, key=lambda f: (len(f.stem), f.issuer))
        return best.level + best.stem if self._prefixed(forms) else best.written

    # -- lookup ---------------------------------------------------------------------------
    def is_non_bureau(self, name: str) -> bool:
        """各乡镇人民政府, 各县（市、区）…: participants kept as written."""
        n = norm_name(name)
        return any(p.search(n) for p in self._non_bureau)

    def resolve(self, name: str) -> str | None:
        """The document's canonical name for ``name`` (any form or short form of a unit it names:
        :meth:`mentions`); the name itself for a participant that is no department; else None."""
        n = norm_name(ANNOTATION_RE.sub("", name or ""))
        if not n:
            return None
        form = self._parse(n)
        if self.is_non_bureau(n):  # 各乡镇人民政府, 县政府; not 绿色建材政府 (政府采购 in a question)
            if _ASKERS_WORDS_RE.search(self._strip_place(n) or n):  # 临河县方案里乡镇政府: the question's words
                return None
            if own := self.own_non_bureau(n):
                return own
            if typed := self.mentions().get(n):  # 镇政府 for 各乡镇人民政府（街道办事处）
                return typed
            if "各" in (self._strip_place(n) or n)[1:]:  # 方案里要各县区政府: words before 各 are the question's
                return None
            if re.search(r"(?:牵头|责任|配合|参与)(?:部门|单位)$", name) or re.fullmatch(r"各级(?:有关|相关)?(?:部门|单位)", n):
                # 各级牵头部门: a role, not a body
                return None
            return n if form.marked or n.startswith("各") or (len(n) > 4 and any(n in f for f in self.forms)) else None
        found = self._canon.get((form.level, form.key)) or self.mentions().get(n) or self.stems().get(n)
        if found is None and (generic := GENERIC_SUFFIX_RE.search(n)):
            # 发展改革部门, 住建委: the name with another department ending, when exactly one fits
            stem = n[:generic.start()]
            hits = {c for x in DEPARTMENT_ENDINGS if (c := self._canon.get(self._key_of(stem + x))
                                                       or self.mentions().get(stem + x))}
            found = next(iter(hits)) if len(hits) == 1 else None
        return found

    def own_non_bureau(self, name: str) -> str | None:
        """The document's own writing of a participant that is no department, asked in
        another form (临河县各乡镇政府 -> 各乡镇人民政府（街道办事处））: the fullest form it
        uses that reads the same without place, 各, 人民 and bracketed notes; else None."""
        n = norm_name(ANNOTATION_RE.sub("", name or ""))
        key = loose_key(self._strip_place(n) or n)
        hits = [f for f in self.forms if self.is_non_bureau(f) and same_body(key, self._strip_place(f) or f)]
        return max(hits, key=len) if key and hits else None

    def class_keys(self) -> set[str]:
        """The keys of this document's units (for :class:`~assistant.documents.unitindex.UnitIndex`)."""
        return {key for _, key in self._canon}

    @property
    def data(self) -> AliasData:
        return self._data

    def _key_of(self, name: str) -> tuple[str, str]:
        form = self._parse(name)
        return (form.level, form.key)

    def knows(self, name: str) -> bool:
        """Whether ``name`` is a unit of this document or one the alias data knows: the
        test for "this is a complete department name" when reading table cells."""
        n = norm_name(ANNOTATION_RE.sub("", name or ""))
        return bool(n) and (self.resolve(n) is not None or self._data.key(self._parse(n).stem) is not None)

    def _as_written(self, name: str) -> str:
        """The canonical form of a name no class holds (only before all forms are known):
        with the level prefix when the document or the data says it takes one."""
        form = self._parse(norm_name(name))
        return form.level + form.stem if self._prefixed([form]) else form.written

    def split(self, cell: str) -> list[str]:
        """Unit names in a cell, as written: separators 、，；/ and new lines, never inside
        brackets (各县（市、区）人民政府 is one name); marks such as （牵头） and a closing 等
        are not part of a name."""
        text = ANNOTATION_RE.sub("", cell or "")
        parts = split_outside_brackets(text, _SPLIT_RE, opens="（(", closes="）)")
        names = [name for p in parts if norm_name(p) for name in self._unglue(norm_name(p))]
        return [part for n in names for part in conjuncts(_ETC_RE.sub("", n) if _ETC_RE.sub("", n).endswith(
            ORG_SUFFIXES) else n)]

    def _unglue(self, part: str) -> list[str]:
        """Names run together without a separator (a PDF cell listing one unit per line,
        its lines joined: 市住房和城乡建设局市自然资源和规划局) -> the known names, when every
        piece resolves; anything else is returned whole."""
        if len(part) < 6 or len(part) > 60 or not part.endswith(ORG_SUFFIXES) \
                or _SENTENCE_MARKS.search(part) or self.knows(part):
            return [part]
        for i in range(3, len(part) - 2):
            head = part[:i]
            if not head.endswith(ORG_SUFFIXES) or not self.knows(head):
                continue
            rest = self._unglue(part[i:])
            if all(self.knows(r) for r in rest):
                return [head, *rest]
        return [part]

    def canonical_units(self, cell: str) -> tuple[list[str], list[str]]:
        """(canonical names in order, names that could not be resolved, as written).

        An unresolved name is kept in the first list too (as written): a department the
        document names must never disappear from the answer just because nothing knows it."""
        return self.canonical_list(self.split(cell))

    def canonical_list(self, names: Iterable[str]) -> tuple[list[str], list[str]]:
        """Like :meth:`canonical_units` for names already split."""
        out: list[str] = []
        unresolved: list[str] = []
        for part in names:
            r = self.resolve(part) or self._as_written(part)
            if not self.knows(part) and norm_name(part) not in unresolved:
                unresolved.append(norm_name(part))
            if r not in out:
                out.append(r)
        return out, unresolved

    def known_units(self) -> list[str]:
        """The canonical names of the document's units (issuers and every written name)."""
        names = set(self._canon.values()) | {f for f in self.forms if self.is_non_bureau(f)}
        return sorted(names)

    def looks_like_units(self, cell: str) -> bool:
        """True when the whole cell reads as department names (or a fragment of one such
        as 局 left by a page break): the content test that finds unit columns."""
        parts = self.split(cell)
        if not parts:
            return False
        for p in parts:
            if self.knows(p):
                continue
            if len(p) > 25 or _SENTENCE_MARKS.search(p) or not p.endswith(ORG_SUFFIXES):
                return False
        return True

    # -- what a person may type ------------------------------------------------------------
    def _typed_forms(self, level: str, forms: Sequence[_Form], canon: str) -> list[set[str]]:
        """Forms a person may type for one unit, by tier: what the document writes, then
        what the alias data lists, then short forms by the abbreviation rule; each also with
        the level prefix and with the place in front."""
        stems = {f.stem for f in forms}
        tiers = [{f.written for f in forms} | {canon} | stems,
                 {v for s in stems for v in self._data.variants(s)},
                 {a for s in stems for a in abbreviations(s, self._data.qualifiers)}]
        for tier in tiers:
            for base in tier.copy():
                if level and not base.startswith(level):
                    tier.add(level + base)
                if self.place and not base.startswith(self.place):
                    tier.add(self.place + base)
        return tiers

    @cached_property
    def _mention_map(self) -> dict[str, str]:
        """Higher tiers win; within a tier, a form that would name two units is left out."""
        tiers: list[dict[str, set[str]]] = [{}, {}, {}]
        for (level, key), forms in self._classes.items():
            canon = self._canon[(level, key)]
            for found, tier in zip(self._typed_forms(level, forms, canon), tiers):
                for f in found:
                    tier.setdefault(f, set()).add(canon)
        for canon in self._canon.values():  # 国网青山供电公司 -> 供电公司, 国网供电公司: a company without its place
            p = next((x for x in (self.place or "", (self.place or "")[:-1]) if len(x) >= 2 and x in canon), "")
            if p and canon.endswith(("公司", "集团")):
                for short in (canon.replace(p, "", 1), canon[canon.index(p) + len(p):]):
                    tiers[2].setdefault(short, set()).add(canon)
        for f in self.forms:
            if self.is_non_bureau(f):
                tiers[0].setdefault(f, set()).add(f)
                for typed in government_forms(f, self.prefix):  # 镇政府 for 各乡镇人民政府（街道办事处）
                    tiers[2].setdefault(typed, set()).add(f)
        out: dict[str, str] = {}
        blocked: set[str] = set()
        for n, tier in enumerate(tiers):
            for f, canons in tier.items():
                if f in out or f in blocked or len(f) < (2 if n == 0 else 3):
                    continue
                if len(canons) == 1:
                    out[f] = next(iter(canons))
                else:
                    blocked.add(f)
        return out

    def mentions(self) -> dict[str, str]:
        """Every form a person may type for a unit of this document -> its canonical name:
        as written, full, without prefix, and short forms (住建厅, 发改委, 城管局) derived
        by rule and from the alias data.  Forms that would name two units are left out."""
        return self._mention_map

    @cached_property
    def _stem_map(self) -> dict[str, str]:
        owners: dict[str, set[str]] = {}
        suffixes = sorted(ORG_SUFFIXES, key=len, reverse=True)
        for form, canon in self.mentions().items():
            suffix = next((x for x in suffixes if form.endswith(x)), "")
            stem = form[:len(form) - len(suffix)] if suffix else ""
            stem = stem[1:] if stem[:1] in LEVEL_CHARS and len(stem) > 2 else stem
            if self.place and (self.place in stem or self.place[:-1] in stem):
                continue  # 聊城市城管: the place is not part of the short form
            body = canon[1:] if canon[:1] in LEVEL_CHARS else canon
            body = next((body[len(q):] for q in self._data.qualifiers if body.startswith(q)), body)  # 国家发展改革委
            # an abbreviation, not a plain word of the name; one opening as the name does
            # (住建, 自规: never 资规 of 自然资源和规划局, which 融资规模 holds); no 各市 of 各市人民政府
            if len(stem) >= 2 and stem not in canon and stem[0] == body[:1] and not self.is_non_bureau(canon):
                owners.setdefault(stem, set()).add(canon)
        return {stem: next(iter(c)) for stem, c in owners.items() if len(c) == 1}

    def stems(self) -> dict[str, str]:
        """Short forms without their suffix a person may use for a unit (城管 for 城管局,
        住建 for 住建局) -> canonical name: only abbreviations (never 财政 of 财政局, a plain
        word of the name) and only those naming one unit."""
        return self._stem_map

    def closest(self, name: str, n: int = 3) -> list[str]:
        """Canonical names most like ``name``, for "unknown unit" messages."""
        q = norm_name(name)
        q = self._strip_place(q) or q
        if q[:1] in LEVEL_CHARS and len(q) > 2:
            q = q[1:]
        scored: dict[str, float] = {}
        for form, canon in self.mentions().items():
            ratio = difflib.SequenceMatcher(None, q, form).ratio()
            if q and (q in form or form in q):
                ratio = max(ratio, 0.6 + 0.4 * min(len(q), len(form)) / max(len(q), len(form)))
            scored[canon] = max(scored.get(canon, 0.0), ratio)
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
        return [k for k, v in ranked[:n] if v >= 0.3]


def written_units(tasks: Iterable[TaskRow]) -> list[str]:
    """Every unit name the tasks carry as written (lead and participants), in order."""
    return list(dict.fromkeys(u for t in tasks for u in (*t.lead_units_as_written,
                                                          *t.participating_units_as_written)))


def canonical_task(task: TaskRow, resolver: UnitResolver) -> TaskRow:
    """The task with its units canonical for its document (from the names as written); a
    unit that leads is not also listed as taking part."""
    lead, _ = resolver.canonical_list(task.lead_units_as_written)
    part, _ = resolver.canonical_list(task.participating_units_as_written)
    return replace(task, lead_units=tuple(lead), participating_units=tuple(u for u in part if u not in lead))


def unit_stems(resolvers: Iterable[UnitResolver]) -> list[str]:
    """Every abbreviation stem some document's units answer to (see :meth:`UnitResolver.stems`)."""
    return sorted({stem for r in resolvers for stem in r.stems()}, key=lambda x: (-len(x), x))


def document_resolver(doc: Document) -> UnitResolver:
    """The resolver a parsed document was canonicalised with, rebuilt from what it keeps
    (level, place, issuers and the units its tasks name as written): the answering side
    resolves a typed unit name within one document with it."""
    return UnitResolver(level=doc.meta.level, place=doc.meta.place, issuers=doc.meta.issuers,
                        forms=written_units(doc.tasks))
