"""Slips of the keyboard, found on the fifty-fourth blind dev sets: a lookalike character
(市财攻局, 城菅局, 清洁取暧率), two neighbours swapped (务任, 头牵, 住房城乡设建部), a character
dropped from a unit's name (县财局, 省自然资厅), a word typed in pinyin or a unit by its initials
(gongre计量收费, 省shengtai环境厅, fgw), a space inside a name (市场 监管总局), a homophone of 部 or
of ü (注建部, 录色), a slip jieba's dictionary recorded (时侯), and a deadline only a table cell
writes (长其坚持).  Question strings and terms are synthetic; the end-to-end checks read the
seed plan or SYNTHETIC matrix plans."""

from __future__ import annotations

import pytest

from assistant.answering import glyphs
from assistant.answering.slips import Slips, dropped, pinyin_key, swapped
from assistant.answering.spelling import Speller

TERMS = ["清洁取暖率", "住房城乡建设部", "省生态环境厅", "供热计量收费", "装配式", "市场监管总局", "主责任单位"]
PAIRS = ["任务", "牵头", "光伏", "县城", "施工", "比例", "发展", "美的"]
UNITS = ["县财政局", "省自然资源厅", "市财政局", "城管局", "发改委", "住建局", "财政局", "市教体局"]
WRITTEN = "清洁取暖率 住房城乡建设部 县财政局 屋顶光伏的目标 主责任单位"
ALIKE = {frozenset(p) for p in ("攻政", "暧暖", "菅管", "具县", "旅施", "列例", "类美", "我展")}


def _alike(a: str, b: str) -> bool:  # a fixed table: which characters look alike is glyphs' business
    return frozenset((a, b)) in ALIKE


@pytest.fixture(scope="module")
def slips() -> Slips:
    return Slips(TERMS, PAIRS, UNITS, lambda run: run in WRITTEN, lambda w: w in {"县城", "施工", "比例", "美的", "发展"}, _alike)


@pytest.mark.parametrize("typed,want", [
    ("市财攻局配合哪些", "市财政局配合哪些"),  # a lookalike in a unit's name
    ("清洁取暧率多少", "清洁取暖率多少"),
    ("具城新建建筑", "县城新建建筑"),  # a two-character word of the dictionary
    ("绿色旅工谁牵头", "绿色施工谁牵头"),
    ("市教育局牵头哪些", "市教育局牵头哪些"),  # 育 and 体 look nothing alike: a unit the plan lacks stays
    ("这一大类的第一项", "这一大类的第一项"),  # 类的 holds a particle: no 美的
    ("任务清单发我一下", "任务清单发我一下"),  # 发|我: two words of their own, no 发展
    ("共有几项务任", "共有几项任务"),  # swapped
    ("头牵单位是谁", "牵头单位是谁"),
    ("住房城乡设建部配合哪些", "住房城乡建设部配合哪些"),
    ("东岳省装式配建筑", "东岳省装配式建筑"),
    ("屋顶伏光的目标", "屋顶光伏的目标"),
    ("县财局配合的任务", "县财政局配合的任务"),  # dropped from a unit's name
    ("省自然资厅参与的", "省自然资源厅参与的"),
    ("装配式主责单位是谁", "装配式主责单位是谁"),  # not from any other term: a short form people write
    ("gongre计量收费谁配合", "供热计量收费谁配合"),  # pinyin
    ("省shengtai环境厅配合哪项", "省生态环境厅配合哪项"),  # the Chinese around it completes the term
    ("fgw参与哪些任务", "发改委参与哪些任务"),  # a unit's initials
    ("Who leads guangfu on public roofs?", "Who leads guangfu on public roofs?"),  # pinyin in English stays
    ("Fgw参与哪些任务", "发改委参与哪些任务"),  # capitalised where a phone starts a message
    ("请问Fgw参与哪些任务", "请问Fgw参与哪些任务"),  # anywhere else a capital is a name's
    ("市场 监管总局配合哪些", "市场监管总局配合哪些"),  # a space inside a name
    ("清洁取暖谁牵头 比例多少", "清洁取暖谁牵头 比例多少"),  # a space between two asks stays
])
def test_slips_of_the_keyboard_are_read_as_the_documents_write_them(slips: Slips, typed: str, want: str) -> None:
    assert slips.correct(typed) == want


def test_what_the_documents_write_is_no_slip() -> None:
    assert Slips(["县财政局"], [], ["县财政局"], lambda run: True, lambda w: False, _alike).correct("县财局") == "县财局"


def test_a_character_beside_a_number_belongs_to_it() -> None:
    s = Slips(["主城区"], [], [], lambda run: False, lambda w: False, lambda a, b: {a, b} == {"年", "主"})
    assert s.correct("2025年城区建成区") == "2025年城区建成区"
    assert s.correct("到年城区建成区") == "到主城区建成区"


def test_variants_swap_neighbours_and_drop_one_character() -> None:
    assert swapped("牵头") == {"头牵"}
    assert swapped("城管局") == {"管城局", "城局管"}
    assert dropped("县财政局") == {"县政局", "县财局"}  # from inside: 财政局 is a name of its own
    assert dropped("临河县财政局", ["临河县", "临河"]) == {"临河县政局", "临河县财局"}  # no 临县 (another county)
    assert dropped("城管局") == set()  # three characters: two left are no name
    assert pinyin_key("绿色") == pinyin_key("录色") == "luse"


def test_lookalikes_by_strokes() -> None:
    if not glyphs.stroke_orders():
        pytest.skip(f"stroke orders not installed ({glyphs.INSTALL_HINT})")
    assert glyphs.look_alike("管", "菅") and glyphs.look_alike("暖", "暧") and glyphs.look_alike("县", "具")
    assert not glyphs.look_alike("育", "体") and not glyphs.look_alike("市", "县")
    assert not glyphs.look_alike("年", "主")  # nearly the same count of strokes, no part shared
    assert not glyphs.look_alike("管", "管")


def test_homophones_of_lu_and_of_bu_and_recorded_slips() -> None:
    speller = Speller(["住建部", "绿色建筑"], lambda run: run in "住建部 绿色 绿色建筑", short_units=["住建部"],
                      words=["绿色", "时候"], word=lambda w: w in {"绿色", "时候", "时侯"})
    assert speller.correct("注建部牵头的任务") == "住建部牵头的任务"
    assert speller.correct("星级录色建筑") == "星级绿色建筑"
    assert speller.correct("什么时侯完成") == "什么时候完成"  # jieba counts 时侯 10 times, 时候 31521


def test_slips_are_put_right_before_the_question_is_read(seed_qa) -> None:  # type: ignore[no-untyped-def]
    a = seed_qa.ask("头牵单位是哪几个？新增地下综合管廊7.5公里")
    assert a.found and "市城市管理局" in a.answer
    b = seed_qa.ask("cgj牵头的任务清单发我一下")
    assert b.tasks and all("市城市管理局" in t.lead_units for t in b.tasks)
    c = seed_qa.ask("城菅局牵头的任务有哪几项？")
    assert c.intent == "unit_tasks" and set(c.tasks) == set(b.tasks)


def test_a_deadline_only_a_table_writes_is_a_term(synthetic_qa) -> None:  # type: ignore[no-untyped-def]
    qa = synthetic_qa("table_ruled", "txt", "national")
    a = qa.ask("哪些任务的时限写的是“长其坚持”？")
    assert a.found and a.tasks and all(t.deadline == "长期坚持" for t in a.tasks)


def test_english_slips_and_bodies_named_last() -> None:
    from assistant.answering.english import not_understood, translate
    from assistant.answering.glossary import respelled

    assert respelled("taks") == "task"  # two letters swapped: before tasks, takes, talks one letter away
    assert respelled("constuction") == "construction"
    assert "任务" in translate("which unit leads the most taks in the table?")
    assert "自然资源部" in translate("which tasks does the natural resources minstry take part in?")
    assert not_understood("Linhe: who leads the recycling of construction waste?") == []  # a name, first
    assert not_understood("Which bank has been designated to lend?")  # still not understood


def test_a_term_typed_whole_is_no_slip_of_itself() -> None:
    s = Slips([], [], ["发展改革委"], lambda run: False, lambda w: False, _alike)
    assert s.correct("国家发展改革委参与哪些") == "国家发展改革委参与哪些"  # 展改革委 is 发展改革委 without its first
    assert s.correct("国家发改革委参与哪些") == "国家发展改革委参与哪些"


def test_slips_keep_to_words_places_and_neighbours() -> None:
    words = {"开发", "哪天", "农户", "农房", "源热泵"}
    s = Slips(["临河县城", "源热泵"], ["开发", "农户"], [], lambda run: False, lambda w: w in words,
              lambda a, b: {a, b} in ({"江", "河"}, {"天", "开"}, {"案", "源"}), places=["临河县", "临河"])
    assert s.correct("临江县城的目标") == "临江县城的目标"  # another county, perhaps: a place is never a slip
    assert s.correct("这个方案是哪天发的") == "这个方案是哪天发的"  # 哪天 is a word: 天 is no slip of 开
    assert s.correct("省方案热泵整县推进") == "省方案热泵整县推进"  # 案热泵 cuts across 方案
    assert s.correct("完成多少户农房改造") == "完成多少户农房改造"  # 户农 cuts across 农房: no swap


def test_a_slip_at_the_start_or_inside_a_long_name() -> None:
    s = Slips(["县机关事务服务中心"], ["县城"], ["县机关事务服务中心"], lambda run: False,
              lambda w: w in {"县城", "具", "县县"}, lambda a, b: {a, b} == {"具", "县"})
    assert s.correct("具城新建建筑") == "县城新建建筑"  # nothing before 具: no word with it
    assert s.correct("临河县县机关事服务中心参与啥") == "临河县县机关事务服务中心参与啥"  # begins inside 县县


def test_what_is_a_word_is_no_slip() -> None:
    words = {"可能", "节能", "大街", "效能", "能效", "哪天", "开发"}
    s = Slips(["节能改造", "小街区", "能效提升"], ["节能", "开发"], [], lambda run: False, lambda w: w in words,
              lambda a, b: {a, b} in ({"可", "节"}, {"大", "小"}, {"天", "开"}))
    assert s.correct("哪些建筑可能改造") == "哪些建筑可能改造"  # 可 is in 可能: no 节能改造
    assert s.correct("大街区有什么要求") == "大街区有什么要求"  # 大街 is a word
    assert s.correct("行政效能提升") == "行政效能提升"  # 效能 is a word: no swap
    assert s.correct("这个方案是哪天发的") == "这个方案是哪天发的"


def test_a_level_is_never_put_before_another() -> None:
    s = Slips([], [], ["省机关事务管理局"], lambda run: False, lambda w: False, _alike)
    assert s.correct("市机关事务管理局负责什么") == "市机关事务管理局负责什么"


def test_recorded_slips_only_of_asking_words() -> None:
    speller = Speller(["实现碳达峰"], lambda run: False, words=["实现", "时候", "进行"],
                      word=lambda w: w in {"实线", "实现", "时候", "时侯", "禁行", "进行"})
    assert speller.correct("什么时侯完成") == "什么时候完成"
    assert speller.correct("道路实线和货车禁行") == "道路实线和货车禁行"  # words of their own
