"""Tables without ruling lines, read from positioned words (assistant.reading.columns and
the box helpers it shares with the OCR layout): hand-made boxes, no PDF and no engine.

Boxes are in PDF points from the top-left, as pdfplumber words and OCR boxes are; all text
is SYNTHETIC (合成测试).
"""

from __future__ import annotations

from assistant.reading.boxes import OcrBox, char_spans, cut_box, group_lines
from assistant.reading.columns import find_header, find_tables, line_cells

H = 10.0  # line height (pt)
CELL = 10.0  # width of one CJK character (pt)


def box(text: str, x0: float, top: float, width: float | None = None) -> OcrBox:
    """A word of CJK characters, each CELL wide, with its characters' positions."""
    w = width if width is not None else CELL * len(text)
    step = w / max(len(text), 1)
    chars = tuple((x0 + k * step, x0 + (k + 1) * step) for k, c in enumerate(text) if not c.isspace())
    return OcrBox(text, x0, top, x0 + w, top + H, 1.0, chars)


def lines_of(*boxes: OcrBox) -> list[list[OcrBox]]:
    return group_lines(list(boxes))


# columns: 序号 60-80 | 工作要求 100-300 | 牵头单位 320-400 | 参与单位 420-500
HEADER = (box("序号", 60, 100), box("工作要求", 180, 100), box("牵头单位", 340, 100), box("参与单位", 440, 100))


def test_header_wrapped_in_narrow_columns_reads_whole() -> None:
    lines = lines_of(box("序", 65, 100), box("工作要求", 180, 100), box("牵头", 350, 100), box("参与单位", 440, 100),
                     box("号", 65, 113), box("单位", 350, 113),
                     box("1", 62, 130, 5), box("完成合成测试任务。", 100, 130), box("市财政局", 320, 130))
    found = find_header(lines, 0)
    assert found is not None and found[0] == 2
    assert [c[0] for c in found[1]] == ["序号", "工作要求", "牵头单位", "参与单位"]


def test_a_continuation_line_right_under_a_header_is_not_part_of_it() -> None:
    """At the top of a page the header is followed by the rest of a row cut by the page
    break; its short cells must not be read as more header text."""
    lines = lines_of(*HEADER, box("测试", 100, 113), box("局", 320, 113), box("2", 62, 130, 5))
    found = find_header(lines, 0)
    assert found is not None and found[0] == 1


def test_rows_cells_and_continuations() -> None:
    lines = lines_of(
        *HEADER,
        box("1", 62, 125, 5), box("推进合成测试海绵城市建设，到", 100, 125), box("市住房城乡", 320, 125),
        box("市财政局、", 420, 125),
        box("2025年完成。", 100, 138), box("建设局", 320, 138), box("市城管局", 420, 138),
        box("2", 62, 160, 5), box("建立合成测试台账。", 100, 160), box("市发展改革委", 320, 160),
    )
    (table,) = find_tables(lines)
    assert table.header == ("序号", "工作要求", "牵头单位", "参与单位")
    assert table.rows == (
        ("1", "推进合成测试海绵城市建设，到\n2025年完成。", "市住房城乡\n建设局", "市财政局、\n市城管局"),
        ("2", "建立合成测试台账。", "市发展改革委", ""),
    )
    assert (table.first, table.last) == (0, 3) and table.at_page_end


def test_cell_text_wider_than_its_centred_header_stays_in_its_column() -> None:
    """The border between two columns is the gutter of their words, not the middle between
    the header cells: a left-aligned requirement reaches far left of 工作要求."""
    lines = lines_of(*HEADER, box("1", 62, 125, 5), box("合成测试要求", 85, 125), box("市财政局", 320, 125))
    (table,) = find_tables(lines)
    assert table.rows == (("1", "合成测试要求", "市财政局", ""),)


def test_a_word_drawn_over_two_columns_is_cut_between_its_characters() -> None:
    """An OCR box drawn over the gutter (a requirement filling its column, the unit right
    after it): each column gets its characters."""
    chars = tuple((100.0 + 10 * k, 110.0 + 10 * k) for k in range(18)) + tuple((320.0 + 10 * k, 330.0 + 10 * k)
                                                                             for k in range(4))
    merged = OcrBox("推进合成测试海绵城市建设工作到二零二市财政局", 100, 138, 360, 148, 0.9, chars)
    lines = lines_of(*HEADER,
                     box("1", 62, 125, 5), box("完成合成测试老旧小区改造任务，到二", 100, 125),
                     box("市住房城乡建设局", 320, 125), box("市城管局", 420, 125),
                     box("2", 62, 138 + 0.01, 5), merged)
    (table,) = find_tables(lines)
    assert [r[1:3] for r in table.rows] == [("完成合成测试老旧小区改造任务，到二", "市住房城乡建设局"),
                                           ("推进合成测试海绵城市建设工作到二零二", "市财政局")]


def test_prose_is_never_a_table_without_a_header() -> None:
    """Aligned short lines of running text (what pdfplumber's text strategy calls a table)."""
    lines = lines_of(box("合成测试甲", 60, 100), box("合成测试乙", 300, 100),
                     box("合成测试丙", 60, 115), box("合成测试丁", 300, 115))
    assert find_tables(lines) == []


def test_the_table_ends_at_prose_a_wide_gap_or_a_page_number() -> None:
    body = [*HEADER, box("1", 62, 125, 5), box("合成测试要求。", 100, 125), box("市财政局", 320, 125)]
    prose = box("本表为合成测试数据，不是真实政策，仅用于检验表格识别和版面还原。", 60, 140)
    (table,) = find_tables(lines_of(*body, prose))
    assert table.last == 1 and not table.at_page_end
    (table,) = find_tables(lines_of(*body, box("合成测试", 100, 190)))  # 5 line heights below
    assert table.last == 1
    (table,) = find_tables(lines_of(*body, box("— 3 —", 240, 140)))
    assert table.last == 1 and table.at_page_end  # only the page number below it


def test_a_table_goes_on_at_the_top_of_the_next_page_without_its_header() -> None:
    (first,) = find_tables(lines_of(*HEADER, box("1", 62, 125, 5), box("合成测试要求，", 100, 125),
                                    box("市财政局", 320, 125)))
    page2 = lines_of(box("— 2 —", 240, 40), box("继续完成。", 100, 60), box("市城管局", 420, 60),
                     box("2", 62, 80, 5), box("建立台账。", 100, 80), box("市发展改革委", 320, 80))
    (goes_on,) = find_tables(page2, first.columns)
    assert goes_on.header == ()
    assert goes_on.rows == (("", "继续完成。", "", "市城管局"), ("2", "建立台账。", "市发展改革委", ""))
    assert find_tables(page2) == []  # without the page before, no header: no table


def test_without_a_seq_column_rows_start_at_the_wider_gaps() -> None:
    header = (box("重点任务", 60, 100), box("工作要求", 180, 100), box("牵头单位", 340, 100))
    lines = lines_of(*header,
                     box("合成测试甲", 60, 125), box("完成合成测试，", 100 + 60, 125), box("市财政局", 330, 125),
                     box("按期完成。", 160, 137),
                     box("合成测试乙", 60, 160), box("建立台账。", 160, 160), box("市城管局", 330, 160))
    (table,) = find_tables(lines)
    assert [r[0] for r in table.rows] == ["合成测试甲", "合成测试乙"]
    assert table.rows[0][1] == "完成合成测试，\n按期完成。"


def test_line_cells_keep_empty_columns() -> None:
    (table,) = find_tables(lines_of(*HEADER, box("1", 62, 125, 5), box("完成合成测试任务。", 100, 125),
                                    box("市财政局", 440, 125)))
    assert line_cells([box("合成测试", 100, 200)], table.columns) == ["", "合成测试", "", ""]
    assert table.rows == (("1", "完成合成测试任务。", "", "市财政局"),)


def test_cut_box_uses_character_positions_or_estimates_them() -> None:
    b = box("任务甲市财政局", 100, 0)
    assert [p.text for p in cut_box(b, (135.0,))] == ["任务甲", "市财政局"]
    assert [p.text for p in cut_box(b, (500.0,))] == ["任务甲市财政局"]
    bare = OcrBox("2025年底前", 0, 0, 50, 10)  # digits are half as wide as CJK characters
    spans = char_spans(bare)
    assert spans[0][2] - spans[0][1] == spans[1][2] - spans[1][1] == 5.0
    assert spans[4][2] - spans[4][1] == 10.0


def test_a_header_written_with_spaces_reads_as_its_names() -> None:
    """序  号 and 工 作 要 求 (a common way to fill a header cell) are one column each."""
    lines = lines_of(box("序", 62, 100), box("号", 82, 100),
                     box("工", 160, 100), box("作", 178, 100), box("要", 196, 100), box("求", 214, 100),
                     box("牵头单位", 340, 100), box("参与单位", 440, 100),
                     box("1", 70, 125, 5), box("完成合成测试任务。", 100, 125), box("市财政局", 320, 125))
    (table,) = find_tables(lines)
    assert table.header == ("序号", "工作要求", "牵头单位", "参与单位")
    assert table.rows == (("1", "完成合成测试任务。", "市财政局", ""),)


def test_vertically_centred_cells_keep_their_rows() -> None:
    """序号 and short cells in the middle of a three-line row: the rows are where the wider
    gaps are, each with one 序号."""
    lines = lines_of(
        *HEADER,
        box("推进合成测试海绵城市建设，", 100, 125), box("1", 62, 137, 5), box("市财政局", 320, 137),
        box("到2025年完成。", 100, 137), box("按期推进。", 100, 149),
        box("建立合成测试台账，", 100, 172), box("2", 62, 184, 5), box("市城管局", 320, 184),
        box("定期调度。", 100, 184), box("形成机制。", 100, 196),
    )
    (table,) = find_tables(lines)
    assert table.rows == (
        ("1", "推进合成测试海绵城市建设，\n到2025年完成。\n按期推进。", "市财政局", ""),
        ("2", "建立合成测试台账，\n定期调度。\n形成机制。", "市城管局", ""),
    )


def test_a_page_may_go_on_with_the_end_of_one_cell_only() -> None:
    (first,) = find_tables(lines_of(*HEADER, box("1", 62, 125, 5), box("合成测试要求，", 100, 125),
                                    box("市财政局", 320, 125)))
    page2 = lines_of(box("继续完成。", 100, 60), box("2", 62, 80, 5), box("建立台账。", 100, 80),
                     box("市发展改革委", 320, 80))
    (goes_on,) = find_tables(page2, first.columns)
    assert goes_on.rows == (("", "继续完成。", "", ""), ("2", "建立台账。", "市发展改革委", ""))


def test_a_header_like_line_amid_text_is_left_alone() -> None:
    prose = box("本表为合成测试数据，不是真实政策，仅用于检验表格识别和版面还原。", 60, 125)
    assert find_tables(lines_of(*HEADER, prose)) == []
    (at_end,) = find_tables(lines_of(*HEADER))  # the rows follow on the next page
    assert at_end.rows == () and at_end.at_page_end
