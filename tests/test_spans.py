"""Verbatim answer spans out of long multi-target sentences (synthetic sentences)."""

from __future__ import annotations

from assistant.answering.spans import best_spans, has_number, near_same, segment_years, segments
from assistant.text import squeeze

SENT = ("到 2025 年，城镇建筑可再生能源替代常规能源消耗比例达到 10%，到 2030 年达到 12%。"
        "积极推进清洁能源供暖，到 2030 年全市清洁供暖比例达到 85%以上。")


def test_segments_and_governing_years() -> None:
    segs = segments("到 2025 年，新建管网 200 公里、雨水管网 300 公里，污泥处置率达到 95%以上，到 2030 年达到 99%")
    assert segs[0] == "到 2025 年，"
    assert segment_years(segs) == [2025, 2025, 2025, 2030]


def test_elliptical_continuation_keeps_both_years() -> None:
    spans = best_spans("可再生能源替代比例是多少", SENT, (), True)
    top = squeeze(spans[0][1])
    assert "10%" in top and "12%" in top and "85%" not in top


def test_year_filter_and_verbatim_text() -> None:
    spans = best_spans("清洁供暖比例", SENT, (2030,), True)
    assert spans and "85%" in spans[0][1]
    assert squeeze(spans[0][1]).replace("……", "") in squeeze(SENT) or "……" in spans[0][1]
    assert best_spans("清洁供暖比例", SENT, (2035,), True) == []


def test_a_year_is_not_a_value() -> None:
    assert not has_number("到 2030 年基本实现供热计量收费")
    assert has_number("到 2030 年基本实现供热计量收费", value_only=False)
    assert has_number("覆盖率达到 50%")


def test_near_same() -> None:
    assert near_same("到2025年全市60%以上城市生活污水处理厂进行提标改造", "到2025年60%以上城市生活污水处理厂进行提标改造")
    assert not near_same("到2025年绿地率达到37.5%", "到2025年绿地率达到39%")


def test_source_sentence_matches_every_piece() -> None:
    from assistant.answering.spans import source_sentence

    text = "到 2030 年城市建成区可渗透面积比例达 45%。到 2030 年，30%以上县建成照明数字化系统，LED 灯具普及率达到 80%以上。"
    assert "80%" in source_sentence("到 2030 年……LED 灯具普及率达到 80%以上", text)


def test_year_carries_over_semicolons() -> None:
    text = "到 2030 年，可再生能源应用更加充分；高品质绿色建筑规模持续增长，城乡建设领域碳排放达到峰值。"
    spans = best_spans("碳排放哪年达到峰值", text, (2030,), True, value_only=False)
    assert spans and spans[0][1].startswith("到 2030 年") and "峰值" in spans[0][1]


def test_elliptical_segment_answers_its_own_year() -> None:
    text = ("加快推动老旧供热管网改造，降低热网输送损失，到 2025 年，城镇民用建筑单位面积综合供暖能耗比 2020 年"
            "降低 20%以上，到 2030 年降低 30%以上。")
    spans = best_spans("单位面积供暖能耗降多少", text, (2030,), True)
    assert spans and "30%" in spans[0][1] and "2030" in spans[0][1]
