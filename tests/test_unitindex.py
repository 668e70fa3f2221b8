"""The unit index resolves a name as asking every document in library order would
(synthetic places and departments; no document of the corpus)."""

from __future__ import annotations

import itertools

from assistant.documents.unitdata import norm_name
from assistant.documents.unitindex import UnitIndex, in_order
from assistant.documents.units import ANNOTATION_RE, UnitResolver

DEPARTMENTS = ("住房和城乡建设局", "发展和改革委员会", "城市管理局", "自然资源和规划局", "财政局", "生态环境局",
               "住房和城乡建设厅", "发展改革委", "水利厅", "交通运输局")
LIBRARY = (("municipal", "甲乙市"), ("county", "丙丁县"), ("county", "戊己区"), ("provincial", "东岳省"),
           ("municipal", "庚辛市"), ("national", None), ("county", "壬癸市"))


def resolvers() -> list[UnitResolver]:
    out = []
    for i, (level, place) in enumerate(LIBRARY):
        mine = DEPARTMENTS[i % 3: i % 3 + 6]
        prefix = {"municipal": "市", "county": (place or "县")[-1], "provincial": "省"}.get(level, "")
        issuers = [f"{place}{mine[0]}"] if place else []
        out.append(UnitResolver(level, place, issuers, forms=[prefix + d for d in mine] + ["各乡镇人民政府"]))
    return out


def names(rs: list[UnitResolver]) -> list[str]:
    """Every form the documents know, with and without places and prefixes, cut short,
    asked with other endings, and text around them as a question holds it."""
    known = {n for r in rs for n in (*r.mentions(), *r.stems())}
    places = [p for _, p in LIBRARY if p]
    made = set(known)
    for n, p in itertools.product(sorted(known), places):
        made |= {p + n, p[:-1] + n, n[1:], n[:-1] + "部门", "我们" + n, n + "和" + n[-1]}
    made |= {"各乡镇人民政府", "县政府", "绿色建材政府", "市场监管局", "国家发展改革委", "未知局"}
    return sorted(made)


def _each_in_turn(rs, name: str, non_bureau: bool) -> str | None:  # type: ignore[no-untyped-def]
    """The rule asked of every document in turn: a non-department participant as some
    document writes it; else the first name holding its characters in order, ending as it does
    (规划局: 自然资源和规划局);
    else the first name ending as the asked one does (局, not 厅); else the first name any
    document gives."""
    if non_bureau and (own := next((o for r in rs if (o := r.own_non_bureau(name))), None)):
        return own
    n = norm_name(ANNOTATION_RE.sub("", name))
    found = [(c, n in r.forms) for r in rs if (c := r.resolve(name))]
    return next((c for c, written in found if written), None) or \
        next((c for c, _ in found if len(n) >= 3 and c[-1:] == n[-1:] and in_order(n, c)), None) or \
        next((c for c, _ in found if c[-1:] == n[-1:]), found[0][0] if found else None)


def test_the_index_resolves_like_each_document_in_turn() -> None:
    rs = resolvers()
    index = UnitIndex(rs)
    checked = 0
    for name in names(rs):
        slow = _each_in_turn(rs, name, index.candidates(name) is None)
        assert index.resolve(name) == slow, name
        checked += slow is not None
    assert checked > 100  # most names resolve somewhere: the comparison is not of Nones


def test_names_no_document_knows_ask_no_document() -> None:
    index = UnitIndex(resolvers())
    assert index.candidates("合理优化城市功能布局") == []
    assert index.candidates("甲乙市交通运输局") == []  # a department no document names
    assert index.candidates("各乡镇人民政府") is None  # a participant each document judges


def test_a_short_name_is_held_in_order() -> None:
    assert in_order("自然资源局", "市自然资源和规划局") and in_order("规划局", "市自然资源和规划局")
    assert not in_order("规划局", "县自然资源局")


def test_a_short_name_goes_to_the_plan_whose_unit_holds_it() -> None:
    """规划局 asked of a county plan (县自然资源局) listed before a city plan (市自然资源和规划局)."""
    county = UnitResolver("county", "丙丁县", [], forms=["县自然资源局", "县住房和城乡建设局"])
    city = UnitResolver("municipal", "甲乙市", [], forms=["市自然资源和规划局", "市住房和城乡建设局"])
    index = UnitIndex([county, city])
    assert county.resolve("规划局") == "县自然资源局"  # the county alone accepts it, as a kind of bureau
    assert index.resolve("规划局") == "市自然资源和规划局"
    assert index.resolve("自然资源局") == "县自然资源局"  # both hold it: library order
