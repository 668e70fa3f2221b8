"""Department names as written -> canonical names (市住房和城乡建设局 …).

Tables write the same department many ways (住房和城乡建设局, 市住建局, 市城管局, and
``市城市管理、住房和城乡建设局`` for two of them).  Questions and the ``tasks`` lookup need
one name per department, so every unit cell goes through :class:`UnitResolver`.  The
alias table is data (``assistant/data/units.toml``) and level-agnostic: it names a
department by its *stem*; the document's level (and place) supply the prefix, so the
same table serves municipal and county plans.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.config import DATA_DIR, AssistantError
from assistant.text import split_outside_brackets

UNITS_FILE = DATA_DIR / "units.toml"

#: characters that may open a department name to state its level explicitly
LEVEL_CHARS = ("省", "市", "县", "区")
#: endings of organisation names: a cell made of such names is a "unit cell", a header
#: line made of one is an issuer
ORG_SUFFIXES = ("局", "委", "委员会", "管委会", "办", "办公室", "办公厅", "厅", "部", "部门", "署", "总局",
                "中心", "公司", "集团", "银行", "政府", "院", "站", "所", "队", "会", "处", "科", "单位",
                "领导小组")
_SPLIT_RE = re.compile(r"[、，,；;/\n]+")
_ANNOTATION_RE = re.compile(r"[（(](?:牵头|配合|参与|协办|负责|主责)[)）]")
_SENTENCE_MARKS = re.compile(r"[。：:！？“”《》%0-9０-９]")


def _norm(name: str) -> str:
    """Remove white space and unify brackets, so a name matches however it was typeset."""
    s = re.sub(r"\s+", "", name)
    return s.replace("(", "（").replace(")", "）")


def load_aliases(path: Path | None = None) -> dict[str, Any]:
    """The alias table: ``{"prefix": {level: str}, "non_bureau": [regex], "units": {stem: {...}}}``.

    Read from TOML so the table can grow without code changes."""
    p = Path(path) if path is not None else UNITS_FILE
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise AssistantError(f"unit alias table not found: {p}") from e
    except tomllib.TOMLDecodeError as e:
        raise AssistantError(f"unit alias table {p} is not valid TOML: {e}") from e
    units = data.get("units", {})
    if not isinstance(units, dict):
        raise AssistantError(f"unit alias table {p}: [units] must be a table")
    return {
        "prefix": dict(data.get("prefix", {})),
        "non_bureau": list(data.get("non_bureau", {}).get("patterns", [])),
        "units": {stem: {"aliases": list(v.get("aliases", [])), "prefixed": bool(v.get("prefixed", True))}
                  for stem, v in units.items()},
    }


@lru_cache(maxsize=4)
def _default_aliases() -> dict[str, Any]:
    return load_aliases()


def _level_prefix(level: str, place: str | None, prefixes: dict[str, str]) -> str:
    """市 for a municipal plan; for a county-level one the place decides (冠县 -> 县,
    东昌府区 -> 区, 临清市 -> 市)."""
    if level == "county" and place and place[-1] in "县区市旗":
        return place[-1]
    return prefixes.get(level, "")


class UnitResolver:
    """Splits unit cells and maps each name to its canonical form for one document."""

    def __init__(self, level: str = "municipal", place: str | None = None, issuers: Sequence[str] = (),
                 aliases: dict[str, Any] | None = None) -> None:
        data = aliases if aliases is not None else _default_aliases()
        self.level = level
        self.place = _norm(place) if place else None
        self.prefix = _level_prefix(level, self.place, data["prefix"])
        self._non_bureau = [re.compile(p) for p in data["non_bureau"]]
        self._stem_of: dict[str, str] = {}  # alias or stem -> canonical stem
        self._prefixed: dict[str, bool] = {}
        for stem, spec in data["units"].items():
            self._add_stem(_norm(stem), spec["aliases"], spec["prefixed"])
        for issuer in issuers:
            self._add_issuer(_norm(issuer))

    # -- construction -------------------------------------------------------------------
    def _add_stem(self, stem: str, aliases: Sequence[str], prefixed: bool = True) -> None:
        self._prefixed.setdefault(stem, prefixed)
        self._stem_of.setdefault(stem, stem)
        for a in aliases:
            self._stem_of.setdefault(_norm(a), stem)

    def _add_issuer(self, issuer: str) -> None:
        """An issuer (聊城市住房和城乡建设局) is a known unit even when the table lacks it."""
        rest = self._strip_place(issuer)
        if rest is None or not rest:
            return
        if self._lookup(rest) is None and rest.endswith(ORG_SUFFIXES):
            self._add_stem(rest, ())

    def _strip_place(self, name: str) -> str | None:
        """Name without the document's place (聊城市住建局 -> 住建局); None if no place."""
        if not self.place:
            return None
        for p in (self.place, self.place[:-1] if len(self.place) > 2 else ""):
            if p and name.startswith(p) and len(name) > len(p):
                rest = name[len(p):]
                return rest[1:] if p != self.place and rest[:1] == self.place[-1] else rest
        return None

    # -- lookup -------------------------------------------------------------------------
    def _canonical(self, stem: str, prefix: str) -> str:
        return (prefix + stem) if self._prefixed.get(stem, True) else stem

    def _lookup(self, name: str) -> str | None:
        """Canonical name for a name with the place already removed."""
        if name in self._stem_of:
            return self._canonical(self._stem_of[name], self.prefix)
        if name[:1] in LEVEL_CHARS and name[1:] in self._stem_of:
            return self._canonical(self._stem_of[name[1:]], name[0])
        return None

    def is_non_bureau(self, name: str) -> bool:
        """各乡镇人民政府, 各县（市、区）…: participants kept as written."""
        n = _norm(name)
        return any(p.search(n) for p in self._non_bureau)

    def split(self, cell: str) -> list[str]:
        """Unit names in a cell, as written: separators 、，；/ and new lines, never inside
        brackets (各县（市、区）人民政府 is one name)."""
        text = _ANNOTATION_RE.sub("", cell or "")
        parts = split_outside_brackets(text, _SPLIT_RE, opens="（(", closes="）)")
        return [name for p in parts if _norm(p) for name in self._unglue(_norm(p))]

    def _unglue(self, part: str) -> list[str]:
        """Names run together without a separator (a PDF cell listing one unit per line,
        its lines joined: 市住房和城乡建设局市自然资源和规划局) -> the known names, when every
        piece resolves; anything else is returned whole."""
        if len(part) < 6 or len(part) > 60 or not part.endswith(ORG_SUFFIXES) \
                or _SENTENCE_MARKS.search(part) or self.resolve(part) is not None:
            return [part]
        for i in range(3, len(part) - 2):
            head = part[:i]
            if not head.endswith(ORG_SUFFIXES) or self.resolve(head) is None:
                continue
            rest = self._unglue(part[i:])
            if all(self.resolve(r) is not None for r in rest):
                return [head, *rest]
        return [part]

    def resolve(self, name: str) -> str | None:
        """Canonical name, the name itself for non-bureau participants, None if unknown."""
        n = _norm(_ANNOTATION_RE.sub("", name or ""))
        if not n:
            return None
        if self.is_non_bureau(n):
            return n
        found = self._lookup(n)
        if found is None:
            rest = self._strip_place(n)
            if rest:
                found = self._lookup(rest)
        return found

    def canonical_units(self, cell: str) -> tuple[list[str], list[str]]:
        """(canonical names in order, names that could not be resolved, as written).

        An unresolved name is kept in the first list too (as written): a department the
        table names must never disappear from the answer just because it is not in the
        alias table."""
        out: list[str] = []
        unresolved: list[str] = []
        for part in self.split(cell):
            r = self.resolve(part)
            if r is None:
                r = part
                if part not in unresolved:
                    unresolved.append(part)
            if r not in out:
                out.append(r)
        return out, unresolved

    def known_units(self) -> list[str]:
        """Every canonical department name this resolver can produce."""
        return sorted({self._canonical(stem, self.prefix) for stem in set(self._stem_of.values())})

    def looks_like_units(self, cell: str) -> bool:
        """True when the whole cell reads as department names (or a fragment of one such
        as 局 left by a page break): the content test that finds unit columns."""
        parts = self.split(cell)
        if not parts:
            return False
        for p in parts:
            if self.resolve(p) is not None:
                continue
            if len(p) > 25 or _SENTENCE_MARKS.search(p) or not p.endswith(ORG_SUFFIXES):
                return False
        return True

    def closest(self, name: str, n: int = 3) -> list[str]:
        """Known canonical names most like ``name``, for "unknown unit" messages."""
        q = _norm(name)
        q = self._strip_place(q) or q
        if q[:1] in LEVEL_CHARS and len(q) > 2:
            q = q[1:]
        scored: dict[str, float] = {}
        for alias, stem in self._stem_of.items():
            ratio = difflib.SequenceMatcher(None, q, alias).ratio()
            if q and (q in alias or alias in q):
                ratio = max(ratio, 0.6 + 0.4 * min(len(q), len(alias)) / max(len(q), len(alias)))
            canon = self._canonical(stem, self.prefix)
            scored[canon] = max(scored.get(canon, 0.0), ratio)
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
        return [k for k, v in ranked[:n] if v >= 0.3]
