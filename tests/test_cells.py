"""Unit and text cells of a responsibility table (assistant/documents/cells.py): wrapped lines,
（牵头） marks.  Names are SYNTHETIC (合成测试)."""

from __future__ import annotations

from assistant.documents.cells import row_units, unwrap_text, unwrap_units, uses_marks
from assistant.documents.units import UnitResolver

R = UnitResolver("national", None, ("国家机关事务管理局",))


def test_text_cells_lose_the_breaks_of_their_column() -> None:
    assert unwrap_text("2025年\n底前") == "2025年底前"
    assert unwrap_text("推动合成测试\n5000万平方米以上。") == "推动合成测试5000万平方米以上。"
    assert unwrap_text("apply BIM\nmodels") == "apply BIM models"
    assert unwrap_text("长期坚持") == "长期坚持"


def test_unit_cells_join_a_name_cut_by_the_column_but_keep_one_name_per_line() -> None:
    assert unwrap_units("国家能源局、国家机关\n事务管理局", R) == "国家能源局、国家机关事务管理局"
    assert unwrap_units("国家能源局\n财政部", R) == "国家能源局\n财政部"
    assert unwrap_units("各县（市、\n区）人民政府", R) == "各县（市、区）人民政府"
    assert unwrap_units("财政部\n（牵头）", R) == "财政部（牵头）"


def test_marks_decide_the_lead() -> None:
    cell = ["国家能源局（牵头）、财政部、自然资源部"]
    assert uses_marks(cell) and not uses_marks(["国家能源局、财政部"])
    assert row_units({"lead": cell, "participating": []}, R, True) == (["国家能源局"], ["财政部", "自然资源部"])
    two = {"lead": ["国家能源局(牵头)、财政部（牵头）、科技部"], "participating": []}
    assert row_units(two, R, True) == (["国家能源局", "财政部"], ["科技部"])
    # a marked table: one unit without a mark leads; several without one name no lead
    assert row_units({"lead": ["科技部"], "participating": []}, R, True) == (["科技部"], [])
    assert row_units({"lead": ["科技部、财政部"], "participating": []}, R, True) == ([], ["科技部", "财政部"])
    # no marks anywhere: the columns decide
    cols = {"lead": ["科技部、财政部"], "participating": ["财政部、自然资源部"]}
    assert row_units(cols, R, False) == (["科技部", "财政部"], ["自然资源部"])
