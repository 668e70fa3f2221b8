"""clean_text / normalize_clause_numbers on SYNTHETIC strings (合成测试 wording, not policy text)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.reading.clean import (
    HARD_BREAK,
    cjk_chars,
    clean_text,
    is_page_number_line,
    is_structural_start,
    normalize_clause_numbers,
)

FULL = "推进合成测试城乡建设领域绿色低碳发展，统筹考虑各类建筑和市政基础设施建设，加快以县城为重要载体的"


def paras(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


# ---------------------------------------------------------------- joining


def test_rejoins_sentence_cut_after_comma_at_page_break():
    out = clean_text("（一）合成测试。推进绿色建筑等建设，\n\n确保如期实现目标。")
    assert paras(out) == ["（一）合成测试。推进绿色建筑等建设，确保如期实现目标。"]


def test_rejoins_long_line_cut_mid_word():
    out = clean_text(FULL + "\n\n城镇化建设，提高综合承载能力。")
    assert paras(out) == [FULL + "城镇化建设，提高综合承载能力。"]


def test_rejoins_title_broken_inside_book_title_marks():
    out = clean_text("关于印发《合成测试城乡建设领域\n实施方案》的通知\n\n各有关单位：")
    assert paras(out)[0] == "关于印发《合成测试城乡建设领域实施方案》的通知"
    assert paras(out)[1] == "各有关单位："


def test_responsibility_note_cut_by_a_page_break_is_joined():
    # the bracket opened on the line before the footer: inside it, ： and ； end nothing
    text = ("1.合成测试任务，到2025年完成改造35公里。（责任单位：\n\n— 3 —\n\f县合成测试局、县财政局；\n"
            "县合成测试中心负责落实）\n2.下一项。")
    out = clean_text(text, from_pdf=True)
    assert paras(out) == ["1.合成测试任务，到2025年完成改造35公里。（责任单位：县合成测试局、县财政局；县合成测试中心负责落实）",
                          "2.下一项。"]


def test_note_pushed_to_the_next_line_by_a_full_pdf_line_is_joined():
    full = FULL[:30] + "。"
    text = "\n".join([FULL[:31], full, "（省合成测试厅牵头，省财政厅配合）", "2.下一项。", full[:10] + "。",
                      "（此件主动公开）"])
    out = paras(clean_text(text, from_pdf=True))
    assert out[0] == FULL[:31] + full + "（省合成测试厅牵头，省财政厅配合）"
    assert out[-1] == "（此件主动公开）"  # after a short line: its own paragraph
    # TXT lines are paragraphs: nothing is pulled up there
    assert paras(clean_text(full + "\n" + "（省合成测试厅牵头）"))[-1] == "（省合成测试厅牵头）"


def test_a_stray_bracket_far_back_does_not_swallow_paragraphs():
    text = "合成测试（说明" + "文字" * 100 + "。\n\n（一）合成测试条款。\n\n下一段落。"
    assert len(paras(clean_text(text))) == 3


def test_keeps_short_header_lines_apart():
    lines = ["合成测试市住房和城乡建设局", "合成测试市发展和改革委员会", "合测字〔2023〕1号",
             "合成测试城乡建设领域实施方案", "2023年6月27日", "(此件主动公开)"]
    out = clean_text("\n\n".join(lines))
    assert paras(out) == lines


def test_no_join_into_structural_start():
    for head in ("（四）合成测试条款。", "(四) 合成测试条款。", "二、合成测试章节", "附件：合成测试表",
                 "第三条 合成测试。", "1. 合成测试项", "2、合成测试项"):
        out = clean_text(FULL + "\n\n" + head)
        assert len(paras(out)) == 2, head


def test_sentence_end_and_headings_are_not_joined():
    text = "一、总体要求\n\n（一）指导思想\n\n以合成测试为指导。\n\n到 2025 年，合成测试。"
    assert len(paras(clean_text(text))) == 4


def test_attachment_line_not_joined_to_table_title():
    text = "附件：合成测试城乡建设领域碳达峰实施方案重点任务及责任分工表\n\n合成测试城乡建设领域碳达峰实施方案重点任务及责任分工表"
    assert len(paras(clean_text(text))) == 2


def test_hard_break_stops_joining():
    text = FULL + "\n" + HARD_BREAK + "\n城镇化建设。"
    assert len(paras(clean_text(text))) == 2


def test_latin_words_joined_with_space():
    assert paras(clean_text("Building information modelling and\ndigital twin.", from_pdf=True)) == [
        "Building information modelling and digital twin."]


# ---------------------------------------------------------------- page furniture


@pytest.mark.parametrize("line", ["— 13 —", "- 13 -", "－13－", "第 3 页", "第3页 共12页", "3/12", "13", " 7 "])
def test_page_number_lines_removed(line):
    assert is_page_number_line(line)
    out = clean_text(f"合成测试甲。\n{line}\n合成测试乙。", from_pdf=True)
    assert paras(out) == ["合成测试甲。", "合成测试乙。"]


@pytest.mark.parametrize("line", ["2 公顷", "85%", "13.64 万户", "到 2025 年", "（十三）"])
def test_not_page_numbers(line):
    assert not is_page_number_line(line)


def test_running_header_removed_from_later_pages_kept_on_first():
    header = "合成测试文件"
    pages = [f"{header}\n合成测试标题\n正文第一页。\n— 1 —",
             f"{header}\n正文第二页。\n— 2 —",
             f"{header}\n正文第三页。\n— 3 —"]
    out = clean_text("\f".join(pages), from_pdf=True)
    assert paras(out).count(header) == 1
    assert paras(out)[0] == header and "正文第三页。" in paras(out)
    assert "—" not in out


def test_sentence_joined_across_pdf_pages():
    line = "合成测试推进城乡建设领域绿色低碳发展统筹考虑各类建筑和市政设施"
    pages = [f"（一）合成测试。\n{line}\n{line}\n— 1 —", f"{line}的建设。\n（二）合成测试。\n— 2 —"]
    out = clean_text("\f".join(pages), from_pdf=True)
    assert paras(out) == ["（一）合成测试。", f"{line}{line}{line}的建设。", "（二）合成测试。"]


def test_pdf_spacing_between_chinese_removed_but_number_spacing_kept():
    out = clean_text("合 成 测 试 到  2025  年达到 85% 以上，新增 2 公顷。", from_pdf=True)
    assert out == "合成测试到 2025 年达到 85% 以上，新增 2 公顷。"


def test_no_tabs_or_control_characters_left():
    out = clean_text("合成\t测试\x00甲。\u200b\n\n乙。")
    assert "\t" not in out and "\x00" not in out and "\u200b" not in out


# ---------------------------------------------------------------- clause numbers


@pytest.mark.parametrize("raw", ["(四)", "（四)", "(四）", "（四）", "( 四 )"])
def test_normalize_clause_numbers(raw):
    assert normalize_clause_numbers(f"{raw} 合成测试。") == "（四）合成测试。"


def test_normalize_only_at_line_start():
    text = "采用建筑信息模型(BIM)技术(四)项\n(十五) 加快合成测试"
    assert normalize_clause_numbers(text) == "采用建筑信息模型(BIM)技术(四)项\n（十五）加快合成测试"


def test_structural_start():
    assert is_structural_start("（二十二）合成")
    assert is_structural_start("三、合成")
    assert not is_structural_start("7.5 公里合成")
    assert not is_structural_start("的老旧小区改造任务")


# ---------------------------------------------------------------- properties

UNIT_TOKENS = ["85%", "8公里/平方公里", "2 公顷", "300 吨/万平方米", "13.64 万户", "7.9%", "200 公里",
               "1000 万平方米", "37.5%"]
CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=30)
PIECE = st.one_of(CJK, st.sampled_from(UNIT_TOKENS), st.sampled_from(["，", "。", "、", "；", "（", "）", "《", "》"]))
LINE = st.lists(PIECE, min_size=1, max_size=8).map(lambda xs: "".join(xs))
SEP = st.sampled_from(["\n", "\n\n", "\n\n\n", "\n— 3 —\n", "\n第 2 页\n", "\n\f"])


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[str]]:
    lines = draw(st.lists(LINE, min_size=1, max_size=12))
    seps = draw(st.lists(SEP, min_size=len(lines), max_size=len(lines)))
    return "".join(ln + sep for ln, sep in zip(lines, seps)), lines


@settings(max_examples=150, deadline=None)
@given(documents(), st.booleans())
def test_units_and_chinese_characters_survive(doc, from_pdf):
    text, lines = doc
    if from_pdf and "\f" in text:
        text = text.replace("\f", "")  # no repeated page tops -> no running header to drop
    out = clean_text(text, from_pdf=from_pdf)
    # every Chinese character survives, in order (page-number lines hold 第/页 only)
    kept = "".join(ln for ln in text.split("\n") if not is_page_number_line(ln))
    assert cjk_chars(out) == cjk_chars(kept)
    # number-with-unit tokens are never altered
    for token in UNIT_TOKENS:
        assert out.count(token) >= kept.count(token)
    assert "\t" not in out


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(UNIT_TOKENS), min_size=1, max_size=6), CJK)
def test_unit_tokens_keep_their_spacing(tokens, filler):
    text = filler + "，".join(tokens) + "。"
    out = clean_text(text, from_pdf=True)
    for tok in tokens:
        assert tok in out
    assert re.sub(r"\s", "", out) == re.sub(r"\s", "", text)
