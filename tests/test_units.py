"""Unit names -> canonical names (assistant/units.py, assistant/data/units.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import AssistantError
from assistant.documents.units import UnitResolver, load_aliases

ISSUERS = ("聊城市住房和城乡建设局", "聊城市发展和改革委员会", "聊城市财政局", "聊城市城市管理局",
           "聊城市自然资源和规划局")


@pytest.fixture(scope="module")
def city() -> UnitResolver:
    return UnitResolver("municipal", "聊城市", ISSUERS)


@pytest.mark.parametrize("name,canonical", [
    ("住房和城乡建设局", "市住房和城乡建设局"), ("住建局", "市住房和城乡建设局"),
    ("市住建局", "市住房和城乡建设局"), ("城乡建设局", "市住房和城乡建设局"),
    ("市住房和城乡建设局", "市住房和城乡建设局"), ("聊城市住房和城乡建设局", "市住房和城乡建设局"),
    ("市城管局", "市城市管理局"), ("城管局", "市城市管理局"), ("城市管理局", "市城市管理局"),
    ("市城市管理", "市城市管理局"), ("自然资源和规划局", "市自然资源和规划局"),
    ("自然资源局", "市自然资源和规划局"), ("市自然资源局", "市自然资源和规划局"),
    ("发改委", "市发展和改革委员会"), ("发展和改革委员会", "市发展和改革委员会"),
    ("发改局", "市发展和改革委员会"), ("发展和改革局", "市发展和改革委员会"),
    ("财政局", "市财政局"), ("市 财政局", "市财政局"),
])
def test_municipal_aliases(city: UnitResolver, name: str, canonical: str) -> None:
    assert city.resolve(name) == canonical


@pytest.mark.parametrize("name", ["市场监督管理局", "生态环境局", "市市场监管局", "工信局"])
def test_departments_the_document_does_not_name(city: UnitResolver, name: str) -> None:
    # known to the alias data, but no unit of this document: resolve says so (a question
    # about them is looked up in other documents); a name the document writes keeps its form
    assert city.resolve(name) is None and city.knows(name)
    assert city.canonical_list([name])[0] == [("市" + name) if not name.startswith("市市") else name]


@pytest.mark.parametrize("name", ["县住建局", "住房和城乡建设局", "县住房和城乡建设局", "冠县住建局"])
def test_county_level_prefix(name: str) -> None:
    county = UnitResolver("county", "冠县", ("冠县住房和城乡建设局",))
    assert county.resolve(name) == "县住房和城乡建设局"
    assert county.with_forms(["县城管局"]).resolve("城管局") == "县城管局"  # it never writes 城市管理局


def test_district_and_county_city_take_their_own_prefix() -> None:
    assert UnitResolver("county", "东昌府区", ("东昌府区住房和城乡建设局",)).resolve("住建局") == "区住房和城乡建设局"
    assert UnitResolver("county", "东昌府区", forms=("住建局",)).resolve("住建局") == "区住建局"
    assert UnitResolver("county", "临清市", forms=("财政局",)).resolve("财政局") == "市财政局"


def test_split_two_units_sharing_a_suffix(city: UnitResolver) -> None:
    assert city.split("市城市管理、住房和城乡建设局") == ["市城市管理", "住房和城乡建设局"]
    assert city.canonical_units("市城市管理、住房和城乡建设局") == (["市城市管理局", "市住房和城乡建设局"], [])


def test_split_separators_but_not_inside_brackets(city: UnitResolver) -> None:
    assert city.split("市财政局，市住建局；市城管局\n发改委") == ["市财政局", "市住建局", "市城管局", "发改委"]
    assert city.split("各县（市、区）人民政府、市财政局") == ["各县（市、区）人民政府", "市财政局"]
    assert city.split("  ") == []


def test_non_bureau_participants_kept_as_written_and_not_unresolved(city: UnitResolver) -> None:
    names, unresolved = city.canonical_units("各县（市、区）人民政府、各乡镇人民政府、各县（市、区）")
    assert names == ["各县（市、区）人民政府", "各乡镇人民政府", "各县（市、区）"]
    assert unresolved == []


def test_unknown_unit_is_kept_and_reported(city: UnitResolver) -> None:
    names, unresolved = city.canonical_units("市住建局、市某某事务服务站、市城管局")
    assert names == ["市住房和城乡建设局", "市某某事务服务站", "市城市管理局"]
    assert unresolved == ["市某某事务服务站"]
    assert city.resolve("市某某事务服务站") is None


def test_duplicates_collapse_in_order(city: UnitResolver) -> None:
    assert city.canonical_units("住房和城乡建设局、市住建局、市财政局")[0] == ["市住房和城乡建设局", "市财政局"]


def test_issuers_define_known_units() -> None:
    r = UnitResolver("municipal", "聊城市", ("聊城市城市更新服务中心", *ISSUERS))
    assert "市城市更新服务中心" in r.known_units()
    assert r.resolve("聊城市城市更新服务中心") == "市城市更新服务中心"
    assert UnitResolver("municipal", "聊城市").resolve("城市更新服务中心") is None


def test_known_units_contains_canonical_names(city: UnitResolver) -> None:
    known = city.known_units()
    for name in ("市住房和城乡建设局", "市城市管理局", "市自然资源和规划局", "市发展和改革委员会", "市财政局"):
        assert name in known
    assert "市工业和信息化局" not in known  # the document names no such unit


def test_closest_suggests_known_units(city: UnitResolver) -> None:
    assert city.closest("住建")[0] == "市住房和城乡建设局"
    assert "市城市管理局" in city.closest("市城管理局")
    assert len(city.closest("自然资源", n=2)) <= 2
    assert city.closest("量子计算机") == []


def test_looks_like_units(city: UnitResolver) -> None:
    assert city.looks_like_units("市城市管理局、住房和城乡建设局")
    assert city.looks_like_units("局")  # a page-break fragment of a unit cell
    assert city.looks_like_units("市某某服务中心")
    assert not city.looks_like_units("推广绿色低碳建造方式")
    assert not city.looks_like_units("到2025年完成改造200万平方米。")
    assert not city.looks_like_units("")


def test_alias_file_is_data_and_loadable(tmp_path: Path) -> None:
    data = load_aliases()
    assert "住建局" in data["units"]["住房和城乡建设局"]["aliases"]
    assert data["prefix"]["county"] == "县"
    custom = tmp_path / "units.toml"
    custom.write_text('[prefix]\nmunicipal = "市"\n[units."测绘局"]\naliases = ["测局"]\n', encoding="utf-8")
    r = UnitResolver("municipal", aliases=load_aliases(custom), forms=("市测绘局",))
    assert r.resolve("测局") == "市测绘局"
    assert r.resolve("住建局") is None


def test_bad_alias_file_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "units.toml"
    bad.write_text("[units\n", encoding="utf-8")
    with pytest.raises(AssistantError):
        load_aliases(bad)
    with pytest.raises(AssistantError):
        load_aliases(tmp_path / "missing.toml")


@pytest.mark.parametrize("name,canonical", [
    ("县政府", "县政府"), ("聊城市人民政府", "聊城市人民政府"), ("各级政府", "各级政府"),
    ("乡镇人民政府", "各乡镇人民政府"),  # the document's own writing, never a name it lacks
    ("绿色建材政府", None), ("政府", None),  # 绿色建材政府采购: a topic, not a government
])
def test_governments_are_units_when_a_place_level_or_the_document_names_them(name: str, canonical: str | None) -> None:
    city = UnitResolver("municipal", "聊城市", ISSUERS, forms=("各乡镇人民政府",))
    assert city.resolve(name) == canonical
