"""Question reading rules found on the twentieth blind dev sets (checking and confirming): a
yes/no check followed by 它…哪些任务, a role said split (牵了哪几项头), 有X的事吗, a figure
quoted back for the wrong year, a plan pointed at in the asker's words, a person asked.
Synthetic strings only."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.answering.asked import asks_progress, missing_kind
from assistant.answering.asking import UNIT_PRONOUN_RE, split_question
from assistant.answering.docnames import TitleIndex
from assistant.answering.english import translate
from assistant.answering.followup import later_part
from assistant.answering.terms import key_terms, plain_roles
from assistant.documents.units import UnitResolver
from assistant.search.tokenize import Tokenizer


@pytest.mark.parametrize("said,plain", [
    ("东岳省的省能源局牵了哪几项头？", "东岳省的省能源局牵头哪几项？"),
    ("县财政局牵过几个头", "县财政局牵头几个"),
    ("它牵了头吗", "它牵头吗"),
    ("国家方案有自然资源部的事吗？", "国家方案涉及自然资源部吗？"),
    ("牵头单位是谁", "牵头单位是谁"),  # said plainly already
    ("还有没有别的事吗", "还有没有别的事吗"),  # 没有 is no 有X的事
    ("国家方案有没有自然资源部的事？", "国家方案涉及自然资源部？"),
    ("有没有要求居民做的事？", "有没有要求居民做的事？"),  # no body named: left as asked
])
def test_roles_and_involvement_said_plainly(said: str, plain: str) -> None:
    assert plain_roles(said) == plain


def test_a_yes_no_check_then_a_pronoun_part_are_two_questions() -> None:
    parts = split_question("临河县财政局是不是牵头了农房节能改造？它在方案里到底管哪些？")
    assert len(parts) == 2
    assert UNIT_PRONOUN_RE.match(parts[1]) and UNIT_PRONOUN_RE.match("该单位分到了哪些任务")
    assert not UNIT_PRONOUN_RE.match("其他单位有哪些")  # 其他 is no pronoun for the unit
    assert not UNIT_PRONOUN_RE.match("其中有几项") and not UNIT_PRONOUN_RE.match("其它单位还有哪些")
    # a fact of the task checked, not the unit's share: one question, as before
    assert len(split_question("市住建局是不是牵头海绵城市建设？它的完成时限是什么时候？")) == 1
    first = "县住建局是不是牵头农村清洁取暖改造"  # 它 is the task here: the first part's topic, not the unit
    assert later_part("它的目标是多少户？", first, "县住建局") == f"{first} 它的目标是多少户？"
    assert later_part("它分到了哪些任务？", "县住建局是不是只配合", "县住建局") == "县住建局分到了哪些任务？"


def test_words_jieba_splits_are_one_term_again() -> None:
    tk = Tokenizer()
    terms = key_terms(tk.tagged("临河县城里绿化用地占建成区的比例是多少"))
    assert "绿化用地" in terms and "用地" not in terms  # one word of the synonym table
    assert "绿化用地" in key_terms(tk.tagged("城市绿化用地要达到多少"))  # jieba's 城市绿化/用地: its tail joins
    assert "替代率" not in key_terms(tk.tagged("可再生能源替代率是多少"))  # plans write 替代…比例: the stem is asked
    assert "到底" not in key_terms(tk.tagged("县财政局在方案里到底管哪些"))
    assert "百分之" not in key_terms(tk.tagged("拆除面积不能超过百分之多少"))


def test_a_plan_pointed_at_in_the_askers_own_words() -> None:
    titles = TitleIndex(["东岳省城乡建设领域碳达峰实施方案", "临河县城乡建设绿色低碳发展实施方案",
                         "城乡建设领域绿色低碳发展行动方案", "青山市建筑节能与绿色建筑发展行动方案"])
    assert titles.phrases("国家这份建设领域降碳方案需要我们配合哪些工作") == ["建设领域降碳方案"]
    assert titles.phrases("建设领域降碳方案需要我们配合哪些工作") == []  # not pointed at: a topic may end in 方案


def test_a_participant_is_not_named_with_the_questions_words() -> None:
    county = UnitResolver("county", "临河县", ("临河县住房和城乡建设局",),
                          forms=("县住建局", "各乡镇人民政府（街道办事处）"))
    assert county.resolve("临河县方案里乡镇政府") is None
    assert county.resolve("乡镇政府") == "各乡镇人民政府（街道办事处）"


@pytest.mark.parametrize("english,chinese", [
    ("What renewable energy substitution rate does Qingshan's plan set for urban buildings?", "目标是多少"),
    ("Which three agencies jointly issued the national plan?", "印发单位"),
    ("Is there a target for the sewage collection rate?", "收集率"),
    ("Does the plan mention special bonds as a way to fund the key tasks?", "方式"),
])
def test_english_asking_words(english: str, chinese: str) -> None:
    assert chinese in translate(english)


def test_a_person_asked_is_answered_only_by_a_person() -> None:
    line = ["建立建筑节能与绿色建筑工作联席会议制度，定期研究解决推进中的重大问题"]
    assert missing_kind("联席会议由哪位市领导召集", "联席会议由哪位市领导召集", line) == "person"
    assert missing_kind("联席会议由哪位市领导召集", "", ["联席会议由分管副市长召集，定期研究"]) is None
    for no_person in ("建立城市长效管理机制", "县长期规划", "秘书记录在案"):  # 市长/县长/书记 inside other words
        assert missing_kind("哪位市领导负责海绵城市建设", "", [no_person]) == "person"


def test_progress_said_as_reached_the_standard() -> None:
    assert asks_progress("东岳省海绵城市建设目前已经达标多少了？")
    assert not asks_progress("海绵城市建设要达标多少？")


def test_closest_in_meaning_needs_a_clear_lead() -> None:
    from assistant.answering.figures import _closest_in_meaning

    ranked = [SimpleNamespace(target=SimpleNamespace(indicator=x)) for x in ("甲指标", "乙指标", "丙指标")]

    def sims(values: list[float]):  # type: ignore[no-untyped-def]
        return lambda phrase, texts: values[:len(texts)]

    assert _closest_in_meaning("问", ranked, sims([0.85, 0.75, 0.7]))  # type: ignore[arg-type]
    assert not _closest_in_meaning("问", ranked, sims([0.85, 0.82, 0.7]))  # type: ignore[arg-type]  # a near second
    assert not _closest_in_meaning("问", ranked, sims([0.75, 0.6, 0.5]))  # type: ignore[arg-type]  # not close
    assert not _closest_in_meaning("问", ranked, None)  # type: ignore[arg-type]


def test_seed_figure_quoted_back_for_another_year(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("城市建成区绿地率2025年是不是要达到39%？")
    assert ans.found and "37.5%" in ans.answer and "39%是2030年的目标" in ans.answer
    ans = seed_qa.ask("城市建成区绿地率2030年是不是要达到39%？")
    assert "是2025年的目标" not in ans.answer  # the right year: nothing to correct


def test_seed_unit_check_then_its_list(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("市城市管理局是不是只配合不牵头？它分到了哪些任务？")
    listed = {t.row_no for t in ans.tasks}
    every = {t.row_no for t in seed_qa.task_rows(unit="市城市管理局")}
    assert every <= listed  # the second part lists all its tasks, whatever the first asked
