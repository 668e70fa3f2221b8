"""Question reading rules found on the second blind dev sets: who asks is not what is asked,
roles said without 参与, English roles, document names, years that only qualify, figures
and places an answer must hold.  Synthetic strings only; no seed answer is keyed here."""

from __future__ import annotations

import pytest

from assistant.answering.asking import question_role
from assistant.answering.courtesy import without_self_intro
from assistant.answering.docnames import TitleIndex
from assistant.answering.english import translate
from assistant.answering.intents import understand
from assistant.answering.terms import find_years
from assistant.documents.units import UnitResolver
from assistant.numerals import cn_to_int, int_to_cn

RESOLVER = UnitResolver(level="county", place="示例县", issuers=("示例县住房和城乡建设局", "示例县财政局"),
                        forms=("县住建局", "县财政局", "各乡镇人民政府（街道办事处）"))


@pytest.mark.parametrize("question,rest", [
    ("我在财政局，方案说要综合运用哪些方式支持重点任务？", "方案说要综合运用哪些方式支持重点任务？"),
    ("我是县里管供水的，想问下市里节水型城市这事是哪个局牵头？", "想问下市里节水型城市这事是哪个局牵头？"),
    ("I work at the finance bureau, which tasks involve green buildings?", "which tasks involve green buildings?"),
])
def test_a_self_introduction_is_not_the_question(question: str, rest: str) -> None:
    assert without_self_intro(question) == rest


@pytest.mark.parametrize("question", [
    "我在县住建局上班，我们牵头的任务有哪些？",  # refers back to the asker: the unit is asked
    "我是财政局的，本局要配合哪些工作？",
    "我们的任务有哪些？",  # no introduction at all
])
def test_an_introduction_the_question_refers_back_to_stays(question: str) -> None:
    assert without_self_intro(question) == question


def test_the_askers_bureau_is_not_the_unit_asked() -> None:
    q = understand("我在县财政局，方案里清洁取暖由哪个部门牵头？", RESOLVER.resolve)
    assert q.unit is None and q.intent == "lead"
    mine = understand("我在县财政局上班，我们要配合哪些任务？", RESOLVER.resolve)
    assert mine.unit == "县财政局" and mine.intent == "unit_tasks" and mine.role == "participating"


@pytest.mark.parametrize("text,role", [
    ("自规局给别的局打下手、但不牵头的活有哪些？", "participating"),
    ("县住建局不牵头的任务有哪些？", "participating"),
    ("县住建局协助哪些工作？", "participating"),
    ("县住建局牵头哪些任务？", "lead"),
])
def test_roles_said_without_the_word_participate(text: str, role: str) -> None:
    assert question_role(text) == role


@pytest.mark.parametrize("question,role", [
    ("In which tasks is the housing bureau only a participating unit rather than the lead?", "participating"),
    ("Which tasks does the finance bureau support but not lead?", "participating"),
    ("Which tasks does the finance bureau only lead?", "lead"),
    ("Which tasks does the finance bureau lead?", "lead"),
])
def test_english_roles(question: str, role: str) -> None:
    assert question_role(translate(question)) == role


def test_a_phrase_naming_a_loaded_document_is_found_by_its_title() -> None:
    titles = TitleIndex(["示例省城乡建设领域碳达峰实施方案", "城乡建设领域绿色低碳发展行动方案", "示例市建筑节能行动方案"])
    assert titles.phrases("我在省财政厅上班，这个碳达峰实施方案里要我们配合哪些事？") == ["这个碳达峰实施方案里"]
    assert titles.phrases("国家城乡建设绿色低碳行动方案里有我们什么事？")[0].endswith("城乡建设绿色低碳行动方案里")
    assert titles.phrases("住建局在海绵城市建设方案中负责什么？") == []  # a topic, not a loaded title


def test_naming_the_plan_keeps_a_unit_task_question_about_all_tasks() -> None:
    titles = TitleIndex(["示例县城乡建设碳达峰实施方案"])
    q = understand("我在县财政局上班，这个碳达峰实施方案里要我们配合哪些事？", RESOLVER.resolve,
                   doc_phrases=titles.phrases)
    assert q.intent == "unit_tasks" and q.role == "participating"


def test_a_participant_that_is_no_department_resolves_to_the_documents_writing() -> None:
    for asked in ("各乡镇政府", "示例县各乡镇政府", "乡镇人民政府"):
        assert RESOLVER.resolve(asked) == "各乡镇人民政府（街道办事处）"


@pytest.mark.parametrize("text,years", [
    ("2000年以前盖的老小区，要求哪年全部改完？", ()),
    ("到2025年全面完成2000年前建成的老旧小区改造", (2025,)),
    ("2030年之前要达到多少？", (2030,)),
    ("比2020年下降多少？", ()),
])
def test_a_year_that_only_says_when_something_was_built_is_not_asked(text: str, years: tuple[int, ...]) -> None:
    assert find_years(text) == years


def test_chinese_numerals_both_ways_without_cn2an() -> None:
    for n in (0, 7, 10, 15, 20, 22, 105, 110, 999, 1001, 2025, 9999):
        assert cn_to_int(int_to_cn(n)) == n
    assert int_to_cn(15) == "十五" and int_to_cn(105) == "一百零五" and int_to_cn(110) == "一百一十"
    assert cn_to_int("二〇二五") == 2025 and cn_to_int("两") == 2
    with pytest.raises(ValueError):
        cn_to_int("十十")


def test_an_indicator_qualified_opposite_or_as_a_sibling_is_not_the_one_asked() -> None:
    from assistant.answering.figures import contrary, sibling

    assert contrary("既有公共建筑屋顶光伏覆盖率", "新建公共机构建筑屋顶光伏覆盖率")
    assert not contrary("新建公共建筑屋顶光伏覆盖率", "新建公共机构建筑屋顶光伏覆盖率")
    plan = ["推动超低能耗建筑和近零能耗建筑规模化发展，到2027年累计建设超低能耗建筑5000万平方米以上。"]
    assert sibling("累计建设近零能耗建筑", "累计建设超低能耗建筑", plan)
    assert not sibling("累计建设超低能耗建筑", "累计建设超低能耗建筑", plan)
    assert not sibling("累计建设近零能耗建筑", "累计建设超低能耗建筑", ["只写超低能耗建筑的文件"])  # not a thing of its own


def test_an_answer_without_the_figure_or_place_asked_is_no_answer() -> None:
    from assistant.answering import compose as A
    from assistant.answering.asked import without_asked

    def asked(text: str, line: str) -> bool:
        q = understand(text, RESOLVER.resolve)
        return without_asked(q, A.Draft(found=True, lines=[line])).found

    assert not asked("工程质量保修期限延长到几年？", "2.推广质量潜在缺陷保险，延长工程质量保修期限[1]。")
    assert asked("工程质量保修期限延长到几年？", "住宅工程质量保修期限延长至10年[1]。")
    assert not asked("用能权交易试点放在哪个县？", "开展城乡建设领域用能权交易试点[1]。")
    assert asked("用能权交易试点放在哪个县？", "在示例县开展用能权交易试点[1]。")


def test_english_hyphenated_words_read_like_the_glossary() -> None:
    assert "集中供热" in translate("making urban central-heating sources clean")
    assert "燃煤锅炉" in translate("coal-fired boilers")
    # the glossary cover of most words wins over the longest first phrase (scattered coal = 散煤)
    assert translate("shutting down scattered coal-fired boilers").split()[-2:] == ["分散", "燃煤锅炉"]


def test_a_place_needs_its_suffix_next_to_it() -> None:
    q = understand(translate("What tasks does the Linhe County Urban Management Bureau lead?", {"linhe": "示例县"}),
                   RESOLVER.resolve)
    assert "任务县" not in q.places


def test_a_place_no_document_covers_is_refused_even_beside_a_known_one(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("聊城市隔壁的柳树县，清洁取暖率目标是多少？")
    assert not ans.found and "柳树县" in ans.answer


def test_a_rate_per_year_is_not_answered_by_a_total() -> None:
    from assistant.answering import compose as A
    from assistant.answering.asked import without_asked

    q = understand("老旧小区改造每年要完成多少户？", RESOLVER.resolve)
    total = A.Draft(found=True, lines=["到2025年累计完成城镇老旧小区改造13.64万户[1]。"])
    yearly = A.Draft(found=True, lines=["年均完成老旧小区改造2万户[1]。"])
    assert not without_asked(q, total).found and without_asked(q, yearly).found


def test_several_indicators_listed_with_a_pause_mark_are_each_read() -> None:
    from assistant.answering.figures import indicator_phrase

    q = understand("2027年装配式建筑占新建建筑的比例、公共建筑屋顶光伏利用率，分别是多少？", RESOLVER.resolve)
    assert "、" in indicator_phrase(q, joins=True) and "、" not in indicator_phrase(q)


@pytest.mark.parametrize("question,line,answers", [
    ("农村清洁取暖率要达到百分之多少？", "到2025年新增完成农村清洁取暖改造6000户[1]。", False),  # a count, not a share
    ("农村清洁取暖率要达到百分之多少？", "到2025年农村地区清洁取暖率达到70%以上[1]。", True),
    ("开展整县推进示范的县城一共有几个？", "在具备条件的县城开展整县推进示范[1]。", False),
    ("哪几个部门参与海绵城市建设？", "由市住房和城乡建设局牵头[1]。", True),  # 哪几个 asks which, not how many
    ("工作专班的组长是谁？", "成立工作专班，统筹协调解决困难和问题[1]。", False),
    ("工作专班的组长是谁？", "工作专班组长：王某某[1]。", True),
])
def test_the_kind_of_answer_asked_must_be_there(question: str, line: str, answers: bool) -> None:
    from assistant.answering import compose as A
    from assistant.answering.asked import without_asked

    q = understand(question, RESOLVER.resolve)
    assert without_asked(q, A.Draft(found=True, lines=[line])).found is answers


def test_a_contrast_named_on_both_sides_of_the_question_is_no_contrast() -> None:
    from assistant.answering.figures import contrary

    assert contrary("新建改造污水管网", "雨水管网")
    assert not contrary("污水管网和雨水管网", "雨水管网")  # both asked


def test_a_unit_name_with_brackets_is_found_in_a_question() -> None:
    from assistant.answering.intent import find_units

    city = UnitResolver(level="municipal", place="示例市", issuers=("示例市住房和城乡建设局",),
                        forms=("各县（市、区）人民政府",))
    assert find_units("各县（市、区）人民政府参与哪些任务？", city.resolve) == [("各县（市、区）人民政府", "各县（市、区）人民政府")]
