"""The formal register of official correspondence (round-43 dev sets): 之, 系, 何, 为何 and the
frames of a 函 read as everyday words, a clause's pronoun naming the unit its opening names,
formal English courtesies no content.  Questions are synthetic; on the seed, a formal question
must get the answer its everyday wording gets (nothing is keyed to an answer)."""

from __future__ import annotations

import pytest

from assistant.answering.asking import split_question
from assistant.answering.followup import own_pronoun
from assistant.answering.glossary import unknown_words
from assistant.answering.terms import asked_terms, jieba_tagged
from assistant.register import plain_register
from assistant.text import normalize_question


@pytest.mark.parametrize("formal,plain", [
    ("现就职责分工事项询问如下：市住建局之任务为何？", "关于职责分工，市住建局的任务是什么？"),
    ("牵头单位系何部门？", "牵头单位是哪个部门？"),
    ("须实现何种模式？", "须实现什么模式？"),
    ("改造目标为多少户？", "改造目标是多少户？"),
    ("达峰之时间节点定于何年？", "达峰的时间节点是哪一年？"),
    ("该文确定为何年？", "该文是哪一年？"),
    ("关于推广绿色建材事宜，《方案》确定之责任主体系何单位？", "关于推广绿色建材，《方案》的牵头单位是哪个单位？"),
    ("烦请列明以市城管局为责任主体的任务。", "请列出以市城管局为牵头单位的任务。"),
    ("其完成时限为何？望予答复。特此询问。", "其完成时限是什么？"),
    ("何时完成？", "什么时候完成？"),
    ("上述文件所附责任分工表共列任务几项？", "上述文件责任分工表一共有几项任务？"),
    ("附件所列任务共计多少项？", "附件一共有多少项任务？"),
    ("交易试点之启动时间为何？", "交易试点什么时候启动？"),
    ("甲比例和乙比例分别定的多少？", "甲比例和乙比例分别是多少？"),
    ("定在2026年的两个目标是什么？", "2026年的两个目标是什么？"),
    ("方案定了哪些目标？", "方案有哪些目标？"),
])
def test_the_formal_register_reads_as_everyday_words(formal: str, plain: str) -> None:
    assert plain_register(formal) == plain


@pytest.mark.parametrize("kept", [
    "重中之重是什么？", "占百分之三十之一", "之间、之前、之后有何区别", "自印发之日起施行",
    "为何要推进装配式建筑？", "如何推进？任何单位都要执行吗？", "作为牵头单位有哪些任务", "因为哪些原因",
    "Who leads clean heating?", "城管局牵头的任务有几项？", "老旧小区改造有问题应该联系谁？", "公园体系什么时候建成？",
    "政府为哪些项目提供财政补助？", "这是为何？", "物业服务企业是否为社区建设的责任主体？", "有没有明确的完成时限？",
    "当务之急是什么？", "何家村在哪？", "关于行政许可事项，有何规定？", "应于何时前报送？", "被评为几星级？", "被认定为几星级？", "完成时间是什么？",
])
def test_words_of_the_written_language_and_why_questions_stay(kept: str) -> None:
    got = plain_register(kept)
    assert ("为何要" in got) == ("为何要" in kept)
    assert all((w in got) == (w in kept) for w in ("一共", "牵头单位", "的急", "哪家村"))  # nothing added
    assert all(w in got for w in ("联系", "体系", "为哪些", "为何", "明确的", "行政许可事项", "应于", "评为", "认定为") if w in kept)
    assert all(w in got for w in ("重中之重", "百分之", "之一", "之间", "之日", "如何", "任何", "作为", "因为", "Who") if w in kept)


@pytest.mark.parametrize("kept", ["规定的目标是多少？", "一定的比例是什么？", "确定了哪些单位？", "约定在2026年？", "稳定的是哪些？",
                                  "选定了哪些试点城市？", "划定的是哪些区域？", "拟定了哪些措施？", "暂定在2026年召开吗？", "评定的是几星级？"])
def test_a_word_holding_ding_stays(kept: str) -> None:  # 定 as "set" only on its own
    assert plain_register(kept) == kept


def test_normalising_a_question_applies_the_register_after_traditional_characters() -> None:
    assert normalize_question("目標為多少戶？") == "目标是多少户？"
    assert normalize_question("要求農戶採用甚麼？") == "要求农户采用什么？"  # OpenCC keeps 甚 of 甚麼


def test_a_clause_pronoun_names_the_one_unit_the_opening_names() -> None:
    def units(text: str) -> list[str]:
        return [u for u in ("市城管局", "市住建局") if u in text]
    assert own_pronoun("关于市城管局责任清单，其作为牵头单位的任务是什么？", units) == \
        "关于市城管局责任清单，市城管局作为牵头单位的任务是什么？"
    assert own_pronoun("市城管局牵头的任务，其完成时限是什么？", units) == "市城管局牵头的任务，其完成时限是什么？"  # the task's
    task = "海绵城市的牵头单位是市住建局，其配合单位有哪些？"
    assert own_pronoun(task, units) == task
    both = "关于市城管局和市住建局，其牵头的任务是什么？"
    assert own_pronoun(both, units) == both  # which one: not guessed


def test_a_courtesy_opening_part_is_no_part_of_its_own() -> None:
    assert split_question("请问“推广绿色建材”一项，牵头单位是什么？") == ["请问“推广绿色建材”一项，牵头单位是什么？"]
    assert len(split_question("绿色建材推广比例是多少，哪个部门牵头推广？")) == 2
    assert len(split_question("请问老旧小区改造的目标户数，海绵城市建设由谁牵头？")) == 2  # two asks, two topics


def test_formal_english_courtesies_are_no_content() -> None:
    assert unknown_words("Kindly advise, in accordance with the plan, who leads clean heating?") == []


def test_a_field_event_before_its_time_is_what_is_asked() -> None:
    assert "达峰" in asked_terms(jieba_tagged("城乡建设领域碳排放达峰的时间节点是哪一年"))
    assert "达峰" not in asked_terms(jieba_tagged("碳达峰方案里供热管网的完成时间节点是什么"))


@pytest.mark.parametrize("formal,plain", [
    ("现就市城管局责任清单事项询问：其作为主责单位之任务为何？", "市城管局牵头的任务有哪些？"),
    ("烦请列明该《方案》附件中以市城市管理局为责任主体的任务。", "市城市管理局牵头的任务有哪些？"),
    ("现就职责分工询问：市发改委作为协办单位之任务为何？", "市发改委参与的任务有哪些？"),
])
def test_formal_unit_questions_get_the_everyday_answer(seed_qa, formal: str, plain: str) -> None:  # type: ignore[no-untyped-def]
    got, want = seed_qa.ask(formal), seed_qa.ask(plain)
    assert got.found and want.tasks
    assert {t.row_no for t in got.tasks} == {t.row_no for t in want.tasks}


def test_a_kind_asked_must_be_named_by_the_passage(seed_qa) -> None:  # type: ignore[no-untyped-def]
    # the plan names no method of charging by heat metered, nor a model of urban renewal
    assert not seed_qa.ask("供热计量收费采用什么计算方法？").found
    assert not seed_qa.ask("城市更新采用什么模式？").found


def test_an_english_clause_and_item_with_a_deadline_asked_read_as_that_item() -> None:
    from assistant.answering.english import translate
    got = translate("Please advise the completion deadline in the responsibility table for clause 8, item 1 of the plan.")
    assert "第八条第1项的完成时限是什么" in got
    assert "第八条讲的是什么" in translate("What does clause 8 of the plan say?")


def test_the_phrase_naming_the_plan_is_not_searched_unless_nothing_else_is_left() -> None:
    from assistant.answering.docnames import searched_text
    from assistant.answering.intents import understand
    title = "示例县绿色低碳实施方案"
    q = understand(f"{title}对推进不力的单位怎么处理？", lambda n: None)
    assert title not in searched_text(q, [], [title]) and "推进不力" in searched_text(q, [], [title])
    alone = understand(f"{title}讲了什么？", lambda n: None)
    assert title in searched_text(alone, [], [title])  # nothing else to search


def test_an_items_own_time_is_said_when_the_plan_lists_no_deadline() -> None:
    from assistant.answering.compose import Draft
    from assistant.answering.intents import understand
    from assistant.answering.pointed import _task_line
    from assistant.types import DocMeta, Document, TaskRow

    doc = Document(meta=DocMeta(id="d", title="示例方案（合成）"), text="")
    timed = TaskRow("d", None, "完善基础设施", "", "推进老旧管网改造，到2025年完成改造35公里。", ("县城管局",), (), clause_no=4)
    untimed = TaskRow("d", None, "完善基础设施", "", "推进雨污分流改造。", ("县城管局",), (), clause_no=4)
    q = understand("第四条第1项的完成时限是什么？", lambda n: None)
    assert "到2025年完成改造35公里" in _task_line(q, Draft(), doc, timed, "")
    assert _task_line(q, Draft(), doc, untimed, "").endswith("文件未列完成时限[1]。")


def test_a_question_asked_before_its_comma_is_its_own_part_after_a_courtesy() -> None:
    assert len(split_question("请问县城管局牵头哪些工作，县住建局牵头哪些工作")) == 2
    assert unknown_words("What does clause 8, item 1 say?") == []
