"""The alias data of unit names (``assistant/data/units.toml``) and the pure rules that
compare names: which written forms are one department, and how people shorten them.

Nothing here knows a document; :mod:`assistant.documents.units` applies it to one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.config import DATA_DIR, AssistantError

UNITS_FILE = DATA_DIR / "units.toml"

#: endings of organisation names: a cell made of such names is a "unit cell", a header
#: line made of one is an issuer
ORG_SUFFIXES = ("局", "委", "委员会", "管委会", "办", "办公室", "办公厅", "厅", "部", "部门", "署", "总局",
                "中心", "公司", "集团", "银行", "政府", "院", "站", "所", "队", "会", "处", "科", "单位",
                "领导小组")
_BY_LENGTH = tuple(sorted(ORG_SUFFIXES, key=len, reverse=True))


def norm_name(name: str) -> str:
    """Remove white space and unify brackets, so a name matches however it was typeset."""
    s = re.sub(r"\s+", "", name or "")
    return s.replace("(", "（").replace(")", "）")


def loose_key(name: str) -> str:
    """各县（市、区）人民政府 -> 县政府: a non-department participant without its notes."""
    return re.sub(r"^各|人民|[（(][^）)]*[）)]", "", norm_name(name))


def same_body(key: str, form: str) -> bool:
    """Whether a non-department participant asked by its loose ``key`` is ``form``: the
    same key, or (各县区政府 for 各县（市、区）人民政府) the key's characters in order
    in the form with its notes read inline, from the same first character to the same end."""
    if key == loose_key(form):
        return True
    inline = re.sub(r"^各|人民|[（）()、]", "", norm_name(form))
    it = iter(inline)
    return len(key) >= 3 and key[:1] == inline[:1] and key[-2:] == inline[-2:] and all(c in it for c in key)


def key_text(name: str) -> str:
    """The comparison form of a name: 和/与 and the 员会 of 委员会 do not make another unit
    (住房和城乡建设厅 = 住房城乡建设厅, 发展和改革委员会 = 发展改革委)."""
    return re.sub(r"委员会$", "委", re.sub(r"[和与]", "", name))


def split_suffix(name: str) -> tuple[str, str]:
    """(body, suffix) at the longest organisation ending that leaves at least two
    characters: 住房城乡建设厅 -> (住房城乡建设, 厅); ("x", "") when there is none."""
    for suffix in _BY_LENGTH:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: len(name) - len(suffix)], suffix
    return name, ""


def load_aliases(path: Path | None = None) -> dict[str, Any]:
    """The alias table: ``{"prefix": {level: str}, "non_bureau": [regex], "qualifiers": [str],
    "units": {stem: {"aliases": [...], "prefixed": bool, "remit": [...]}}}``.

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
        "qualifiers": list(data.get("qualifiers", {}).get("words", [])),
        "units": {stem: {"aliases": list(v.get("aliases", [])), "prefixed": bool(v.get("prefixed", True)),
                         "remit": list(v.get("remit", []))}
                  for stem, v in units.items()},
    }


@dataclass(frozen=True)
class AliasData:
    """The alias table as lookups.  ``exact`` maps the key of every listed form to its
    department's key; ``body`` carries an abbreviation over to other suffixes: the data says
    住建局 = 住房和城乡建设局, so 住建 = 住房城乡建设 before any ending (住建厅, 住建部)."""

    prefix: dict[str, str]
    non_bureau: tuple[str, ...]
    qualifiers: tuple[str, ...]
    exact: dict[str, str]
    body: dict[str, str]
    unprefixed: frozenset[str]
    forms_of: dict[str, tuple[str, ...]]  # department key -> its listed names (complete ones)
    bodies_of: dict[str, tuple[str, ...]]  # body key -> the listed bodies, as written
    remits: dict[str, tuple[str, ...]]  # body key -> everyday words for what the department looks after

    def key(self, name: str, exact_only: bool = False) -> str | None:
        """The department key of ``name`` if the data knows it (a qualifier such as 国家
        kept in front), else None."""
        k = key_text(name)
        if k in self.exact:
            return self.exact[k]
        if exact_only:
            return None
        body, suffix = split_suffix(k)
        if suffix and body in self.body:
            return self.body[body] + suffix
        for q in self.qualifiers:
            if k.startswith(q) and len(k) > len(q) + 1:
                inner = self.key(k[len(q):])
                if inner is not None:
                    return q + inner
        return None

    def remit(self, name: str) -> tuple[str, ...]:
        """Everyday words for what the unit ``name`` looks after (its level ignored:
        省财政厅 and 财政部 are both 财政), () when the data lists none."""
        k = self.key(name) or (self.key(name[1:]) if name[:1] in "省市县区" else None)
        if k is None:
            return ()
        body = split_suffix(k)[0]
        for q in self.qualifiers:  # 国家能源局: the remit of 能源局
            body = body[len(q):] if body.startswith(q) and body[len(q):] in self.remits else body
        return self.remits.get(body, ())

    def is_prefixed(self, key: str) -> bool:
        """Whether a department of this key is named after a level (市财政局), unlike a
        company or a body whose name starts with a qualifier (国家能源局)."""
        return key not in self.unprefixed and not key.startswith(self.qualifiers or ("\0",))

    def variants(self, stem: str) -> set[str]:
        """Other complete ways of writing a stem: without 和/与, 委 for 委员会, and the
        forms the data lists for the department (carried over to the stem's ending)."""
        out = {stem, re.sub(r"[和与]", "", stem), re.sub(r"委员会$", "委", stem), key_text(stem)}
        for q in ("", *self.qualifiers):
            if q and not stem.startswith(q):
                continue
            rest = stem[len(q):]
            k = self.key(rest)
            if k is None:
                continue
            listed = set(self.forms_of.get(k, ()))
            body, suffix = split_suffix(k)
            listed |= {b + suffix for b in self.bodies_of.get(body, ())} if suffix else set()
            out |= {q + f for f in listed} | (listed if q else set())
        return out


def _pairs(units: dict[str, Any]) -> list[tuple[str, str, bool]]:
    return [(stem, alias, spec["prefixed"]) for stem, spec in units.items() for alias in [stem, *spec["aliases"]]]


def build_alias_data(raw: dict[str, Any]) -> AliasData:
    exact: dict[str, str] = {}
    body: dict[str, str] = {}
    unprefixed: set[str] = set()
    forms_of: dict[str, list[str]] = {}
    bodies_of: dict[str, list[str]] = {}
    remits = {split_suffix(key_text(norm_name(stem)))[0]: tuple(spec.get("remit", ()))
              for stem, spec in raw.get("units", {}).items() if spec.get("remit")}
    for stem, alias, prefixed in _pairs(raw.get("units", {})):
        skey, akey = key_text(norm_name(stem)), key_text(norm_name(alias))
        exact.setdefault(akey, skey)
        if not prefixed:
            unprefixed.add(skey)
        if alias.endswith(ORG_SUFFIXES):
            forms_of.setdefault(skey, []).append(norm_name(alias))
        (sb, ss), (ab, asuf) = split_suffix(skey), split_suffix(akey)
        if ss and ss == asuf:  # same ending: the bodies are the same words
            body.setdefault(ab, sb)
            bodies_of.setdefault(sb, []).append(split_suffix(re.sub(r"委员会$", "委", norm_name(alias)))[0])
    return AliasData(prefix=dict(raw.get("prefix", {})), non_bureau=tuple(raw.get("non_bureau", ())),
                     qualifiers=tuple(raw.get("qualifiers", ())), exact=exact, body=body,
                     unprefixed=frozenset(unprefixed), forms_of={k: tuple(dict.fromkeys(v)) for k, v in forms_of.items()},
                     bodies_of={k: tuple(dict.fromkeys(v)) for k, v in bodies_of.items()}, remits=remits)


@lru_cache(maxsize=1)
def _default_data() -> AliasData:
    return build_alias_data(load_aliases())


def alias_data(raw: dict[str, Any] | None = None) -> AliasData:
    """The lookups of ``raw`` (a :func:`load_aliases` result), or of the shipped table."""
    return _default_data() if raw is None else build_alias_data(raw)


_GOVERNMENTS_RE = re.compile(r"^各?(?P<levels>[省市县区乡镇（）()、]+?)人民政府(?:[（(](?P<alt>[^（）()]+)[）)])?$")


def government_forms(name: str, own: str = "") -> set[str]:
    """Forms a person types for a participant like 各乡镇人民政府（街道办事处） or
    各县（市、区）人民政府: each level it covers with 政府 / 人民政府 (镇政府, 区政府), and the
    body in brackets (街道办); nothing for any other name.  The document's own level
    ``own`` is left out: in a city's plan 市政府 is the city's government, not 各县（市、区）."""
    m = _GOVERNMENTS_RE.match(name)
    if m is None:
        return set()
    levels: set[str] = set()
    for part in re.split(r"[（）()、]", m["levels"]):
        if part:
            levels |= {part, *part} if len(part) == 2 else {part}  # 乡镇 -> 乡镇, 乡, 镇
    levels.discard(own)
    out = {f"{pre}{lv}{gov}" for lv in levels for pre in ("", "各") for gov in ("政府", "人民政府")}
    if m["alt"]:
        body = re.sub(r"办事处$", "", m["alt"])  # 乡镇（街道）, as people write the pair
        out |= {m["alt"], "各" + m["alt"], re.sub(r"事处$", "", m["alt"]),
                *(f"{pre}{lv}{o}{body}{c}" for lv in levels if len(lv) > 1 for pre in ("", "各")
                  for o, c in (("（", "）"), ("(", ")"), ("", "")))}
    return out


def abbreviations(stem: str, qualifiers: tuple[str, ...] = ()) -> set[str]:
    """Short forms by the usual rule of Chinese department names: the first character of
    each part joined by 和/与 (发展和改革委员会 -> 发改委, 工业和信息化厅 -> 工信厅), or of
    each two-character word of a four-character name (城市管理局 -> 城管局, 卫生健康委 ->
    卫健委).  The rule over-generates a little (住城厅); such forms name nothing else and
    :meth:`UnitResolver.mentions` drops any that would name two units."""
    out: set[str] = set()
    for q in ("", *qualifiers):
        if q and not stem.startswith(q):
            continue
        body, suffix = split_suffix(re.sub(r"委员会$", "委", stem[len(q):]))
        if not suffix:
            continue
        parts = [p for p in re.split(r"[和与]", body) if p]
        if len(parts) >= 2 and all(len(p) >= 2 for p in parts):
            # a four-character part is two words, either of which may stand for it
            # (自然资源和规划局 -> 自规局 or 资规局)
            shorts = [""]
            for p in parts:
                shorts = [s + c for s in shorts for c in ((p[0], p[2]) if len(p) == 4 else (p[0],))]
        elif len(parts) == 1 and len(body) == 4:
            shorts = [body[0] + body[2]]
        else:
            continue
        out |= {x for short in shorts for x in (short + suffix, q + short + suffix)}
    return out


CONJ_RE = re.compile(r"以及|[和与及]")


def conjuncts(name: str) -> list[str]:
    """Two units joined by 和/与/及 (省财政厅和省住建厅) are two names — but only when every
    part ends like a unit, so 住房和城乡建设局 stays whole."""
    parts = CONJ_RE.split(name)
    if len(parts) > 1 and all(len(p) >= 3 and p.endswith(ORG_SUFFIXES) for p in parts):
        return parts
    return [name]


def other_level(written: str, canon: str) -> bool:
    """Whether a name as written ends as a body of another level than the unit it was read
    as (住建部, 住建厅 read as 市住房和城乡建设局: the ministry, a province's department)."""
    if written.startswith("国家") and canon[:1] in "省市县区":  # 国家发改委 read as 市发展和改革委员会
        return True
    return any(written.endswith(end) and not canon.endswith(end) for end in ("部", "厅")) \
        and not written.endswith("办公厅")
