"""Which documents may know a unit name: a question is resolved against the few whose
units could match, not against every document of a 10,000-plan library in turn.

The index is exact: :meth:`UnitIndex.candidates` returns every document whose
:meth:`~assistant.documents.units.UnitResolver.resolve` can give a name (a superset of
them), so resolving there gives what asking each document in order gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.documents.unitdata import key_text, norm_name
from assistant.documents.units import (
    ANNOTATION_RE,
    DEPARTMENT_ENDINGS,
    GENERIC_SUFFIX_RE,
    LEVEL_CHARS,
    UnitResolver,
)


def in_order(short: str, name: str) -> bool:
    """Whether every character of ``short`` stands in ``name`` in the same order (自然资源局 in
    市自然资源和规划局; 规划局 not in 县自然资源局)."""
    rest = iter(name)
    return all(c in rest for c in short)


class UnitIndex:
    """Documents' unit resolvers, indexed by the keys and short forms of their units."""

    def __init__(self, resolvers: Sequence[UnitResolver]) -> None:
        self.resolvers = list(resolvers)
        self._by_key: dict[str, list[int]] = {}
        self._by_name: dict[str, list[int]] = {}
        datas = {id(r.data): r.data for r in self.resolvers}
        self._datas = list(datas.values())
        self._non_bureau = [re.compile(p) for d in self._datas for p in d.non_bureau]
        places = set()
        for i, r in enumerate(self.resolvers):
            for key in r.class_keys():
                self._by_key.setdefault(key, []).append(i)
            for name in {*r.mentions(), *r.stems()}:
                self._by_name.setdefault(name, []).append(i)
            if r.place:
                places |= {r.place, r.place[:-1] if len(r.place) > 2 else ""}
        self._places = sorted((p for p in places if p), key=len, reverse=True)

    def resolve(self, name: str) -> str | None:
        """The canonical name for ``name`` of the first document (library order) that writes
        it exactly so; else of the first whose name holds its characters in order and ends as it
        does (规划局: 市自然资源和规划局, not 县自然资源局); else of the first whose name ends as ``name`` does (局 is not 厅); else
        of the first that knows it; None when none does."""
        picks = self.candidates(name)
        n = norm_name(ANNOTATION_RE.sub("", name or ""))
        first = same_end = holding = None
        for r in self.resolvers if picks is None else (self.resolvers[i] for i in picks):
            if canon := r.resolve(name):
                # a document writing the name as asked; for a participant that is no
                # department (picks None) one writing it in its own form (各乡镇人民政府…),
                # before one that only accepts it
                if n in r.forms or (picks is None and canon in r.forms):
                    return canon
                if holding is None and len(n) >= 3 and canon[-1:] == n[-1:] and in_order(n, canon):
                    holding = canon  # 规划局: 市自然资源和规划局, not 县自然资源局; 发改委: 国家发展改革委, not 省发展和改革委员会
                if same_end is None and canon[-1:] == n[-1:]:  # 住房和城乡建设局 asked: a 局, not a 厅
                    same_end = canon
                first = first or canon
        return holding or same_end or first

    def candidates(self, name: str) -> list[int] | None:
        """Indexes of the resolvers that may know ``name``, in order; None: ask them all
        (a participant that is no department, 各乡镇人民政府, is judged by each document)."""
        n = norm_name(ANNOTATION_RE.sub("", name or ""))
        if not n:
            return []
        if any(p.search(n) for p in self._non_bureau):
            return None
        names = [n]
        if generic := GENERIC_SUFFIX_RE.search(n):  # 发展改革部门: the name with another ending
            names += [n[:generic.start()] + x for x in DEPARTMENT_ENDINGS]
        found: set[int] = set()
        for s in names:
            found.update(self._by_name.get(s, ()))
            for stem in self._stems(s):
                for data in self._datas:
                    found.update(self._by_key.get(data.key(stem) or key_text(stem), ()))
        return sorted(found)

    def _stems(self, name: str) -> set[str]:
        """Every stem a document may read ``name`` as: itself, without a level prefix,
        without any document's place (see ``UnitResolver._parse``)."""
        out = {name}
        if name[:1] in LEVEL_CHARS and len(name) > 2:
            out.add(name[1:])
        for p in self._places:
            if name.startswith(p) and len(name) > len(p):
                rest = name[len(p):]
                out |= {rest, rest[1:]}
        return out
