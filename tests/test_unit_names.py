"""Unit names as the document writes them (assistant/documents/units.py, unitdata.py).

The canonical name of a unit is the fullest form that document uses, with its level prefix
and without its place; never a name it does not contain.  The documents below are
SYNTHETIC (invented places 东岳省, 青山市, 临河县, 白水县 and their issuers).
"""

from __future__ import annotations

import pytest

from assistant.documents.unitdata import abbreviations, alias_data, government_forms, key_text, split_suffix
from assistant.documents.units import UnitResolver, canonical_task, document_resolver
from assistant.types import DocMeta, Document, TaskRow


def _resolver(level: str, place: str | None, issuers: tuple[str, ...], forms: tuple[str, ...]) -> UnitResolver:
    return UnitResolver(level, place, issuers, forms=forms)


PROVINCE = _resolver("provincial", "东岳省", ("东岳省住房和城乡建设厅", "东岳省发展和改革委员会"),
                     ("省住房城乡建设厅", "省住建厅", "省发展改革委", "省财政厅", "省市场监管局", "各市人民政府"))
COUNTY = _resolver("county", "临河县", ("临河县住房和城乡建设局", "临河县发展和改革局"),
                   ("县住建局", "县发改局", "县城管局", "各乡镇人民政府（街道办事处）", "国网临河县供电公司"))
NATION = _resolver("national", None, ("住房和城乡建设部", "国家发展改革委"),
                   ("住房城乡建设部", "国管局", "国家机关事务管理局", "市场监管总局", "国家发展改革委"))


@pytest.mark.parametrize("resolver,written,canonical", [
    # the fullest form the document writes, its level prefix, no place name
    (PROVINCE, "省住房城乡建设厅", "省住房和城乡建设厅"),
    (PROVINCE, "省住建厅", "省住房和城乡建设厅"),
    (PROVINCE, "东岳省住房和城乡建设厅", "省住房和城乡建设厅"),
    (PROVINCE, "省发展改革委", "省发展和改革委员会"),
    (PROVINCE, "省财政厅", "省财政厅"),  # only ever written so
    (PROVINCE, "省市场监管局", "省市场监管局"),  # 市 of 市场 is no level prefix
    # a county's 发展和改革局 is a 局: never the 委员会 the alias data names
    (COUNTY, "县发改局", "县发展和改革局"),
    (COUNTY, "临河县发展和改革局", "县发展和改革局"),
    (COUNTY, "县住建局", "县住房和城乡建设局"),
    (COUNTY, "县城管局", "县城管局"),  # 城市管理局 is nowhere in the document
    # national: no prefix; an abbreviation and its full name are one unit
    (NATION, "住房城乡建设部", "住房和城乡建设部"),
    (NATION, "国管局", "国家机关事务管理局"),
    (NATION, "国家发展改革委", "国家发展改革委"),  # never written in full: stays
    (NATION, "市场监管总局", "市场监管总局"),
])
def test_canonical_is_the_fullest_form_the_document_writes(resolver: UnitResolver, written: str,
                                                           canonical: str) -> None:
    assert resolver.resolve(written) == canonical


@pytest.mark.parametrize("resolver,name", [
    (PROVINCE, "各市人民政府"), (COUNTY, "各乡镇人民政府（街道办事处）"), (COUNTY, "国网临河县供电公司"),
])
def test_participants_that_are_not_bureaus_stay_as_written(resolver: UnitResolver, name: str) -> None:
    assert resolver.resolve(name) == name
    assert name in resolver.known_units()


def test_a_full_name_is_used_only_where_the_document_writes_it() -> None:
    short_only = _resolver("provincial", "东岳省", ("东岳省财政厅",), ("省住房城乡建设厅", "省住建厅"))
    assert short_only.resolve("省住建厅") == "省住房城乡建设厅"  # 和 is nowhere in this document
    with_issuer = UnitResolver("provincial", "东岳省", ("东岳省住房和城乡建设厅",))
    assert with_issuer.resolve("省住房城乡建设厅") == "省住房和城乡建设厅"


def test_known_units_are_the_documents_own() -> None:
    assert set(COUNTY.known_units()) == {"县住房和城乡建设局", "县发展和改革局", "县城管局",
                                         "各乡镇人民政府（街道办事处）", "国网临河县供电公司"}
    assert "县发展和改革委员会" not in COUNTY.known_units()


def test_a_unit_of_another_document_is_not_resolved_here() -> None:
    # so a question naming it is looked up in the document that names it
    assert PROVINCE.resolve("县住建局") is None and PROVINCE.knows("县住建局")
    assert PROVINCE.resolve("省教育厅") is None
    assert not PROVINCE.knows("省某某服务站")


def test_other_level_prefix_is_kept() -> None:
    city = _resolver("municipal", "青山市", ("青山市住房和城乡建设局",), ("省住建厅", "市住建局"))
    assert city.resolve("省住建厅") == "省住建厅"
    assert city.resolve("市住建局") == "市住房和城乡建设局"


@pytest.mark.parametrize("resolver,typed,canonical", [
    (PROVINCE, "住建厅", "省住房和城乡建设厅"), (PROVINCE, "发改委", "省发展和改革委员会"),
    (PROVINCE, "省发改委", "省发展和改革委员会"), (PROVINCE, "住房城乡建设厅", "省住房和城乡建设厅"),
    (PROVINCE, "东岳省住建厅", "省住房和城乡建设厅"), (PROVINCE, "财政厅", "省财政厅"),
    (COUNTY, "发改局", "县发展和改革局"), (COUNTY, "住建局", "县住房和城乡建设局"),
    (COUNTY, "城管局", "县城管局"), (COUNTY, "城市管理局", "县城管局"),
    (NATION, "住建部", "住房和城乡建设部"), (NATION, "国家发改委", "国家发展改革委"),
    (NATION, "发改委", "国家发展改革委"),
])
def test_mentions_map_typed_forms_to_the_canonical_name(resolver: UnitResolver, typed: str, canonical: str) -> None:
    assert resolver.mentions()[typed] == canonical
    assert resolver.resolve(typed) == canonical


def test_mentions_leave_out_forms_that_would_name_two_units() -> None:
    # 城市规划局 and 城乡规划局 both shorten to 城规局 by rule: that form names neither
    r = _resolver("county", "白水县", ("白水县城市规划局",), ("县城乡规划局", "县教育局", "县教育和体育局",
                                                          "县城市管理局"))
    m = r.mentions()
    assert "城规局" not in m and "县城规局" not in m
    assert r.resolve("城规局") is None
    assert m["城市规划局"] == "县城市规划局" and m["城乡规划局"] == "县城乡规划局"
    # what the document writes comes first, then the alias data, then the rule
    assert m["县教育局"] == "县教育局" and m["教体局"] == "县教育和体育局"
    assert m["城管局"] == "县城市管理局"


def test_abbreviation_rule() -> None:
    assert "发改委" in abbreviations("发展和改革委员会")
    assert "工信厅" in abbreviations("工业和信息化厅")
    assert "城管局" in abbreviations("城市管理局")
    assert "卫健委" in abbreviations("卫生健康委")
    assert "国家发改委" in abbreviations("国家发展改革委", ("国家",))
    assert abbreviations("财政局") == set()
    # a four-character part is two words, either of which may stand for it
    assert {"自规局", "资规局"} <= abbreviations("自然资源和规划局")
    assert "住建局" in abbreviations("住房和城乡建设局")


def test_forms_typed_for_governments_listed_as_participants() -> None:
    assert {"镇政府", "乡政府", "乡镇政府", "街道办"} <= government_forms("各乡镇人民政府（街道办事处）")
    assert {"县政府", "区政府", "市人民政府"} <= government_forms("各县（市、区）人民政府")
    assert government_forms("县住房和城乡建设局") == set()
    r = UnitResolver(level="county", place="示例县", forms=("县住建局", "各乡镇人民政府（街道办事处）"))
    assert r.resolve("镇政府") == "各乡镇人民政府（街道办事处）"
    assert r.resolve("区政府") != "各乡镇人民政府（街道办事处）"  # no district here


def test_comparison_rules() -> None:
    assert key_text("住房和城乡建设厅") == key_text("住房城乡建设厅")
    assert key_text("发展和改革委员会") == "发展改革委"
    assert split_suffix("市场监管总局") == ("市场监管", "总局")
    data = alias_data()
    assert data.key("住建厅") == data.key("住房城乡建设厅")  # an abbreviation carries over to 厅
    assert data.key("发改局") == data.key("发展和改革委员会")  # listed across endings in the data
    assert data.key("某某服务站") is None


def test_closest_suggests_the_documents_units() -> None:
    assert PROVINCE.closest("住建")[0] == "省住房和城乡建设厅"
    assert COUNTY.closest("量子计算机") == []


def _task(lead: tuple[str, ...], part: tuple[str, ...]) -> TaskRow:
    return TaskRow(doc_id="d", row_no=None, key_task="k", measure="", requirement="r", lead_units=lead,
                   participating_units=part, lead_units_as_written=lead, participating_units_as_written=part)


def test_canonical_task_and_document_resolver() -> None:
    t = canonical_task(_task(("县住建局",), ("县住房和城乡建设局", "县发改局")), COUNTY)
    assert t.lead_units == ("县住房和城乡建设局",)  # the same unit written twice: lead only
    assert t.participating_units == ("县发展和改革局",)
    assert t.participating_units_as_written == ("县住房和城乡建设局", "县发改局")
    doc = Document(meta=DocMeta(id="d", title="t", level="county", place="临河县",
                                issuers=("临河县发展和改革局",)), text="", tasks=(t,))
    r = document_resolver(doc)
    assert r.resolve("发改委") == "县发展和改革局"
    assert r.resolve("县住建局") == "县住房和城乡建设局"
