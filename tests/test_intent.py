"""Question understanding: intents, units, roles, years, places, English."""

from __future__ import annotations

import pytest

from assistant.answering.english import translate
from assistant.answering.followup import followup_of
from assistant.answering.intent import find_years
from assistant.answering.intents import understand as classify
from assistant.documents.units import UnitResolver

# the seed's issuers: canonical names are the fullest forms the document itself writes
RESOLVER = UnitResolver(level="municipal", place="聊城市", issuers=(
    "聊城市住房和城乡建设局", "聊城市发展和改革委员会", "聊城市财政局", "聊城市城市管理局", "聊城市自然资源和规划局"))


@pytest.mark.parametrize("question,intent", [
    ("清洁取暖由哪个部门牵头？", "lead"),
    ("海绵城市建设归谁管？", "lead"),
    ("余热供暖改造归城管局还是住建局？", "lead"),
    ("供热计量改革有哪些参与单位？", "participate"),
    ("市城市管理局负责哪些任务？", "unit_tasks"),
    ("发改委牵头的任务是什么？", "unit_tasks"),
    ("到2025年城市再生水利用率要达到多少？", "target"),
    ("这个文件的文号是什么？", "doc_fact"),
    ("方案的指导思想是什么？", "general"),
])
def test_intents(question: str, intent: str) -> None:
    assert classify(question, RESOLVER.resolve).intent == intent


@pytest.mark.parametrize("question,unit,role", [
    ("城管局负责哪些任务？", "市城市管理局", "any"),  # 负责 without 牵头: its whole share
    ("住建局参与了哪些任务？", "市住房和城乡建设局", "participating"),
    ("住建局只是参与、不牵头的任务有哪些？", "市住房和城乡建设局", "participating"),
    ("自然资源局有哪些任务？牵头和参与的都算。", "市自然资源和规划局", "any"),
    ("发改委牵头的任务", "市发展和改革委员会", "lead"),
])
def test_units_and_roles(question: str, unit: str, role: str) -> None:
    q = classify(question, RESOLVER.resolve)
    assert (q.unit, q.role) == (unit, role)


def test_years_skip_baselines() -> None:
    assert find_years("到2030年比2020年降低多少？") == (2030,)
    assert find_years("二〇二五年的目标") == (2025,)


def test_places_and_levels() -> None:
    assert "济南市" in classify("济南市的清洁取暖目标是多少？", RESOLVER.resolve).places
    assert classify("提升县城综合承载能力谁牵头？", RESOLVER.resolve).places == ()
    assert classify("创建国家智能建造试点由谁牵头？", RESOLVER.resolve).level is None
    assert classify("省里的方案对清洁取暖有什么要求？", RESOLVER.resolve).level == "provincial"
    assert classify("县方案里清洁取暖谁牵头？", RESOLVER.resolve).level == "county"  # 县方案 without 的
    assert classify("市方案对清洁取暖有什么要求？", RESOLVER.resolve).level == "municipal"
    assert classify("城市方案对清洁取暖有什么要求？", RESOLVER.resolve).level is None
    assert classify("按照市方案的要求，县方案里谁牵头清洁取暖？", RESOLVER.resolve).level == "county"  # the plan asked in
    assert classify("方案里对县规定的清洁取暖率是多少？", RESOLVER.resolve).level is None


def test_absent_nouns_are_terms_question_words_are_not() -> None:
    q = classify("超低能耗建筑每平方米补贴多少元？", RESOLVER.resolve)
    assert "补贴" in q.terms
    assert not {"哪个", "部门", "牵头"} & set(classify("清洁取暖由哪个部门牵头？", RESOLVER.resolve).terms)


def test_english_translation() -> None:
    q = classify("Who leads clean heating?", RESOLVER.resolve)
    assert q.english and q.intent == "lead" and "清洁取暖" in q.text
    assert "Jinan市" in translate("What is Jinan's 2025 target for green buildings?")


def test_follow_ups_are_questions_that_depend_on_the_previous_one() -> None:
    hist = [{"role": "user", "content": "清洁取暖由谁牵头？"}, {"role": "assistant", "content": "……"}]
    fu = followup_of("那农村呢？", hist)
    assert fu is not None and fu.previous == "清洁取暖由谁牵头？" and fu.focus == ("农村",)
    for dependent in ("它的目标是多少？", "由谁参与？", "2030年的呢？", "这项工作的完成时限是什么？"):
        assert followup_of(dependent, hist) is not None, dependent
    # a full question is never a follow-up, however short
    for full in ("海绵城市建设由哪个单位牵头？", "清洁取暖由谁牵头？", "市城市管理局负责哪些任务？", "光伏谁管？"):
        assert followup_of(full, hist) is None, full
    assert followup_of("那农村呢？", []) is None


def test_a_follow_up_narrows_the_previous_answer(seed_qa) -> None:  # type: ignore[no-untyped-def]
    first = seed_qa.ask("清洁取暖由谁牵头？")
    rural = seed_qa.ask("那农村呢？", history=["清洁取暖由谁牵头？"])
    assert rural.found and len(rural.tasks) < len(first.tasks)
    assert all("农" in t.requirement for t in rural.tasks)
    target = seed_qa.ask("它的目标是多少？", history=["清洁取暖由谁牵头？"])
    assert target.intent == "target" and "%" in target.answer


@pytest.mark.parametrize("question,role", [
    ("除了牵头的，住建局还参与哪些任务？", "participating"),
    ("城管局作为配合单位的任务有哪些？", "participating"),
    ("住建局作为牵头单位负责哪些任务？", "lead"),
    ("市住建局牵头或者配合的任务一共多少项？", "any"),
    ("只牵头不参与的任务有哪些？", "lead"),
])
def test_the_role_a_unit_question_asks_about(question: str, role: str) -> None:
    from assistant.answering.asking import question_role

    assert question_role(question) == role


def test_a_department_named_with_another_ending_resolves(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert seed_qa.resolve_unit("发展改革部门") == "市发展和改革委员会"
    assert seed_qa.resolve_unit("住建委") == "市住房和城乡建设局"
    assert seed_qa.resolve_unit("教育局") is None  # no such unit in the plan


@pytest.mark.parametrize("words,terms", [
    # jieba splits 碳/排放: the lone noun character qualifies the word after it
    ([("全市", "n"), ("碳", "n"), ("排放", "v"), ("要", "v"), ("下降", "v")], ("碳排放", "下降")),
    # an unknown word comes out as single characters: one word again
    ([("扬", "vg"), ("尘", "ng"), ("治理", "v"), ("谁", "r"), ("负责", "v")], ("扬尘", "治理")),
    # a long distinguishing word is content; a short one (新型) is not
    ([("水污染", "b"), ("防治", "v")], ("水污染", "防治")),
    ([("新型", "b"), ("建筑", "n")], ("建筑",)),
])
def test_key_terms_rejoin_split_words(words: list[tuple[str, str]], terms: tuple[str, ...]) -> None:
    from assistant.answering.terms import key_terms
    assert key_terms(words) == terms


@pytest.mark.parametrize("text,parts", [
    ("2025年绿色建筑占比多少？由哪个单位牵头？", 2),
    ("超高层到底按几星建？正文和附表好像对不上", 1),  # a remark, not a second question
])
def test_split_question_only_splits_questions(text: str, parts: int) -> None:
    from assistant.answering.asking import split_question
    assert len(split_question(text)) == parts


@pytest.mark.parametrize("question,asked", [
    ("申报绿色建筑标识需要提交哪些材料？", ("材料",)),  # what is asked for must be in the answer
    ("出水执行什么标准？", ("标准",)),
    ("对重点任务有哪些资金支持方式？", ()),  # the head is 方式: a word of asking
    ("漏损要控制在什么范围？", ()),  # 范围 is a word of asking
])
def test_the_kind_of_thing_asked_for(question: str, asked: tuple[str, ...]) -> None:
    import jieba.posseg as pseg

    from assistant.answering.terms import asked_terms
    assert asked_terms([(p.word, p.flag) for p in pseg.lcut(question)]) == asked


def test_a_rate_named_in_a_target_question_is_asked() -> None:
    from assistant.answering.terms import asked_terms
    tagged = [("城市", "n"), ("绿地率", "n"), ("提", "v"), ("了", "ul"), ("什么", "r"), ("目标", "n")]
    assert asked_terms(tagged) == ("绿地率",)  # a passage on another share does not answer it
    assert asked_terms([("绿地率", "n"), ("怎么", "r"), ("统计", "v")]) == ()  # not a target asked


def test_a_word_the_documents_use_plainly_is_no_place() -> None:
    import jieba.posseg as pseg

    from assistant.answering.intent import find_places
    text = "到2030年海绵城市和城市绿化分别有哪些指标？"
    words = [(p.word, p.flag) for p in pseg.lcut(text)]
    assert find_places(text, words, plain=lambda w: w == "城市绿化") == ()
    assert find_places("青岛的清洁取暖由谁牵头？", [(p.word, p.flag) for p in pseg.lcut("青岛的清洁取暖由谁牵头？")],
                       plain=lambda w: False) == ("青岛",)
    for text in ("商场、超市这类公共建筑节能改造谁牵头？", "对推进不力的单位县方案怎么处理？"):  # 超市, 单位|县方案: no place
        assert find_places(text, [(p.word, p.flag) for p in pseg.lcut(text)], plain=lambda w: w == "单位") == ()


@pytest.mark.parametrize("term,evidence,held", [
    ("公园绿地", "人均公园、绿地面积", True), ("承载力", "提高县城综合承载能力", True),
    ("碳排放", "建筑垃圾排放量", False), ("绿色建筑", "推广绿色低碳建造方式。装配式建筑", False),
])
def test_a_word_written_in_two_halves(term: str, evidence: str, held: bool) -> None:
    from assistant.answering.answerable import _split_in
    assert _split_in(term, evidence) is held


def test_an_english_question_mostly_untranslatable_is_not_understood() -> None:
    from assistant.answering.english import not_understood, translate
    assert set(not_understood("Which bank has been designated to provide green loans for projects under this plan?")) \
        >= {"bank", "designated"}
    assert not_understood("Who leads the heat metering reform?") == []
    assert not_understood("In Linhe County, who leads clean heating?") == []  # names are not unknown words
    assert "贷款" in translate("green loans")  # plural forms find the glossary's base form
    assert "姓名" in translate("Which official signed this notice? Give the person's name.")


def test_two_questions_joined_by_a_comma_are_two() -> None:
    from assistant.answering.asking import split_question
    assert len(split_question("要有多大比例的城市生活污水处理厂完成提标改造，出水执行什么标准？")) == 2
    assert len(split_question("到2025年，绿色建筑占比多少？")) == 1  # a year before a comma asks nothing


@pytest.mark.parametrize(("text", "years"), [
    ("某某率2025年力争80%以上，那2028年的阶段目标是多少？", (2028,)),  # the first year told with its figure
    ("2025年的目标是多少？那2030年呢？", (2025, 2030)),  # both asked: no figure told
    ("到2025年达到30%，2030年是多少？", (2025, 2030)),  # no 那: read as both
])
def test_a_year_told_with_its_figure_before_another_asked(text: str, years: tuple[int, ...]) -> None:
    assert find_years(text) == years


@pytest.mark.parametrize("question", ["某某工作配合的是哪两个部门？", "某某工作配合的是哪三个单位？"])
def test_who_asked_with_a_count(question: str) -> None:
    resolver = UnitResolver()
    assert classify(question, resolver.resolve).intent == "participate"
