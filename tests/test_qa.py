"""The facade end to end on the seed (fake embedder): routing, citations, refusals, lookups."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant import AssistantError
from assistant.numerals import COUNT_SAID_RE
from assistant.text import NUM_RE, squash, squeeze

QUESTIONS = Path(__file__).resolve().parent.parent / "eval" / "questions.jsonl"


def cited_rows(ans) -> set[int]:  # type: ignore[no-untyped-def]
    return {c.row_no for c in ans.citations if c.row_no is not None}


def test_lead_question_cites_table_rows(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("海绵城市建设由哪个单位牵头？")
    assert ans.found and ans.intent == "lead"
    assert "市住房和城乡建设局" in ans.answer
    assert 9 in cited_rows(ans)
    assert re.search(r"\[1\]", ans.answer)
    assert 9 in {h.chunk.row_no for h in ans.retrieved}  # the retriever's own ranking, not reordered


def test_lead_question_with_several_rows(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("清洁取暖由谁牵头？")
    assert {17, 24} <= cited_rows(ans)
    assert "市城市管理局" in ans.answer and "市住房和城乡建设局" in ans.answer


def test_unit_tasks_are_exactly_the_units_rows(seed_qa) -> None:  # type: ignore[no-untyped-def]
    expected = {t["row_no"] for t in seed_qa.tasks(unit="市城市管理局", role="lead")}
    ans = seed_qa.ask("市城市管理局牵头哪些任务？")
    assert ans.intent == "unit_tasks"
    assert {t.row_no for t in ans.tasks} == expected
    assert cited_rows(ans) == expected
    # short forms resolve to the same unit
    assert {t.row_no for t in seed_qa.ask("城管局牵头哪些任务？").tasks} == expected
    # 负责 without 牵头 asks its whole share: the rows it leads and those it takes part in
    every = {t["row_no"] for t in seed_qa.tasks(unit="市城市管理局")}
    assert every > expected and {t.row_no for t in seed_qa.ask("市城市管理局负责哪些任务？").tasks} == every


def test_tasks_lookup_roles_and_filters(seed_qa) -> None:  # type: ignore[no-untyped-def]
    lead = {t["row_no"] for t in seed_qa.tasks(unit="发改委", role="lead")}
    part = {t["row_no"] for t in seed_qa.tasks(unit="市发展和改革委员会", role="participating")}
    anyr = {t["row_no"] for t in seed_qa.tasks(unit="发展和改革委员会")}
    assert lead and part and anyr == lead | part
    rows = seed_qa.tasks(keyword="光伏")
    assert rows and all("光伏" in (r["requirement"] + r["measure"]) for r in rows)
    assert all(2030 in r["years"] for r in seed_qa.tasks(year=2030))
    t = seed_qa.tasks(unit="市财政局")[0]
    for key in ("doc_id", "doc_title", "level", "row_no", "key_task", "measure", "requirement", "lead_units",
                "participating_units", "clause_no", "deadline"):
        assert key in t


def test_unknown_unit_is_one_line_error_with_suggestions(seed_qa) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AssistantError) as e:
        seed_qa.tasks(unit="市城市管理委员会局")
    msg = str(e.value)
    assert "\n" not in msg and "unknown unit" in msg and "市城市管理局" in msg


def test_empty_question_is_an_error(seed_qa) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AssistantError):
        seed_qa.ask("   ")


def test_target_answer_copies_value_and_year(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("到2025年城市再生水利用率要达到多少？")
    assert ans.found and ans.intent == "target"
    assert "55%" in squeeze(ans.answer) and "2025" in ans.answer


def test_several_years_are_all_given(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("城镇建筑可再生能源替代常规能源消耗的比例要求是多少？")
    text = squeeze(ans.answer)
    assert "10%" in text and "12%" in text


def test_conflict_is_stated_and_listed(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("超高层建筑要按几星级绿色建筑标准建设？")
    assert ans.conflicts
    c = ans.conflicts[0]
    assert {c.body_value, c.table_value} == {"三星级", "二星级"}
    assert "三星级" in ans.answer and "二星级" in ans.answer
    assert {cit.row_no for cit in ans.citations} >= {18}


@pytest.mark.parametrize("question", [
    "超低能耗建筑每平方米补贴多少元？",  # a subsidy the plan never mentions
    "到2035年绿色建筑要达到什么水平？",  # a year the plan sets no target for
    "济南市的清洁取暖目标是多少？",  # another city
    "明天天气怎么样？",  # unrelated
])
def test_refusals(seed_qa, question: str) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask(question)
    assert ans.found is False
    assert not NUM_RE.search(re.sub(r"\[\d+\]", "", ans.answer).replace("2035", "")) or ans.citations


def test_document_facts_from_header(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert "聊建字〔2023〕31号" in seed_qa.ask("这个文件的文号是什么？").answer
    ans = seed_qa.ask("方案是哪天印发的？")
    assert "2023年6月27日" in ans.answer
    assert ans.citations[0].clause_no is None and ans.citations[0].row_no is None


def test_follow_up_uses_history(seed_qa) -> None:  # type: ignore[no-untyped-def]
    first = "城市清洁能源供暖由谁牵头？"
    ans = seed_qa.ask("那农村呢？", history=[{"role": "user", "content": first},
                                         {"role": "assistant", "content": seed_qa.ask(first).answer}])
    assert 17 in cited_rows(ans)


def test_english_question_gets_chinese_answer_and_gloss(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("Who leads sponge city construction?")
    assert ans.found and "市住房和城乡建设局" in ans.answer
    assert ans.english and ans.english.isascii()


def test_answer_dict_shape(seed_qa) -> None:  # type: ignore[no-untyped-def]
    d = seed_qa.ask("清洁取暖由哪个部门牵头？", k=5).to_dict()
    for key in ("question", "answer", "found", "intent", "citations", "retrieved", "tasks", "conflicts", "timings_ms"):
        assert key in d
    assert len(d["retrieved"]) >= 5 and "total" in d["timings_ms"]
    assert [h["rank"] for h in d["retrieved"]] == list(range(1, len(d["retrieved"]) + 1))
    for c in d["citations"] + d["retrieved"]:
        for key in ("doc_id", "doc_title", "level", "clause_no", "row_no", "text"):
            assert key in c
    json.dumps(d, ensure_ascii=False)


def test_no_number_in_an_answer_that_its_citations_lack(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """Over the whole eval set: every figure shown is in the cited passages (the counts the
    answer makes of what it lists aside)."""
    offenders = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        ans = seed_qa.ask(q["question"])
        if not ans.found:
            continue
        cited = squeeze(" ".join(c.text for c in ans.citations) + " ".join(
            u for t in ans.tasks for u in (*t.lead_units, *t.participating_units)))
        body = COUNT_SAID_RE.sub("", re.sub(r"\[\d+\]", "", squeeze(ans.answer)))  # 共25项: a count the answer makes
        missing = [n for n in NUM_RE.findall(body) if not re.search(rf"(?<![\d.]){re.escape(n)}(?![\d.])", cited)]
        if missing:
            offenders.append((q["id"], missing))
    assert offenders == []


def test_a_row_cited_holds_the_quoted_text(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """A citation naming a table row quotes that row, not the body clause the row repeats."""
    rows = {(d.id, t.row_no): squash(t.requirement + t.key_task + t.measure) for d in seed_qa.documents for t in d.tasks}
    offenders = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        if q.get("type") != "target":
            continue
        for c in seed_qa.ask(q["question"]).citations:
            if c.row_no is not None and squash(c.text)[:20] not in rows.get((c.doc_id, c.row_no), ""):
                offenders.append((q["id"], c.row_no))
    assert offenders == []


def test_targets_table(seed_qa) -> None:  # type: ignore[no-untyped-def]
    t2025 = seed_qa.targets(year=2025)
    assert t2025 and all(t.year == 2025 for t in t2025)
    assert any("50%" in squeeze(t.value) and "装配式" in t.indicator + t.text for t in t2025)


def test_corpus_report_lists_missing_cited_documents(seed_qa) -> None:  # type: ignore[no-untyped-def]
    rep = seed_qa.corpus_report()
    assert [d["id"] for d in rep["documents"]] == ["liaocheng-carbon-peak-2023"]
    titles = {m["title"] for m in rep["missing"]}
    assert "山东省城乡建设领域碳达峰实施方案" in titles
    assert "聊城市城乡建设领域碳达峰实施方案" not in titles


def test_langchain_retriever(seed_qa) -> None:  # type: ignore[no-untyped-def]
    docs = seed_qa.retriever(k=3).invoke("海绵城市")
    assert len(docs) == 3 and {"doc_id", "clause_no", "row_no", "level"} <= set(docs[0].metadata)


def test_two_part_question_gets_both_halves(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("公共建筑节能改造十四五期间要做多少平方米？由哪个单位牵头？")
    text = squeeze(ans.answer)
    assert "市住房和城乡建设局" in text and "40万平方米" in text
    assert all(int(n) <= len(ans.citations) for n in re.findall(r"\[(\d+)\]", ans.answer))


def test_outline_questions(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("第五部分保障措施一共有哪几条？")
    assert ans.intent == "structure"
    assert [c.clause_no for c in ans.citations] == [19, 20, 21, 22]
    where = seed_qa.ask("农房光伏屋顶行动写在方案的哪个部分？")
    assert "统筹开展绿色低碳县城和乡村建设" in where.answer and where.citations[0].clause_no == 12


def test_contractors_and_issuer_phrasing(seed_qa) -> None:  # type: ignore[no-untyped-def]
    assert seed_qa.ask("地下综合管廊由哪家企业承建？").found is False
    ans = seed_qa.ask("这份方案是哪几家单位联合发的？")
    assert ans.intent == "doc_fact" and "聊城市财政局" in ans.answer


def test_several_questions_in_one_message(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("这个文件文号多少？哪天印发的？")
    assert "聊建字〔2023〕31号" in ans.answer and "2023年6月27日" in ans.answer
    mixed = seed_qa.ask("海绵城市建设由哪个单位牵头？补贴标准是多少？")
    assert mixed.found and "市住房和城乡建设局" in mixed.answer and "补贴" in mixed.answer.splitlines()[-1]


def test_a_large_library_weighs_words_over_the_documents_an_answer_draws_on() -> None:
    """Thousands of documents are never all tokenised for one question."""
    from types import SimpleNamespace as NS

    from assistant.answering import answerable

    docs = [NS(id=f"d{i}") for i in range(answerable.VOCAB_DOCS + 5)]
    cited = ["d7"]
    hits = [NS(chunk=NS(doc_id=i)) for i in ("d3", "d7", "nowhere", "d3", "d1")]
    assert [d.id for d in answerable.drawn_on(docs, hits, cited)] == ["d7", "d3", "d1"]  # type: ignore[arg-type]
    assert answerable.drawn_on(docs[:2], hits, cited) == docs[:2]  # type: ignore[arg-type]


@pytest.mark.parametrize("question", ["超高层到底按几星建？正文和附表好像对不上", "超高层建筑的星级要求正文和附表一致吗？"])
def test_a_row_where_body_and_table_differ_is_never_called_in_agreement(seed_qa, question: str) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask(question)
    assert ans.conflicts and "没有发现不一致" not in ans.answer
    assert "现有文件中没有找到" not in ans.answer  # the remark after the question is not a second question


def test_two_indicators_asked_together_get_each_its_value(seed_qa) -> None:  # type: ignore[no-untyped-def]
    ans = seed_qa.ask("到2025年人均公园绿地面积和城市绿道长度分别要达到多少？")
    body = squeeze(ans.answer)
    assert ans.found and "16平方米" in body and "570公里" in body



def test_a_figure_the_targets_give_another_indicator_answers_nothing(seed_qa) -> None:  # type: ignore[no-untyped-def]
    # one sentence: 鼓励实施超低能耗或绿色化改造，“十四五”期间完成既有居住建筑节能改造200万平方米
    other = seed_qa.ask("十四五期间超低能耗建筑要建多少平方米？")
    assert not other.found and "没有对这个问题作出明确规定" in other.answer
    own = seed_qa.ask("十四五期间既有居住建筑节能改造要完成多少平方米？")
    assert own.found and "200万平方米" in squeeze(own.answer)


def test_warming_up_leaves_no_one_off_load_to_the_first_question(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """The documents' words by jieba's own dictionary (a 0.9 s load) are read by warm(), not
    by the first question asked after it."""
    import assistant

    s = seed_qa.settings
    fresh = assistant.load(index_dir=s.index_dir, corpus_dir=s.corpus_dir, embed_backend="fake")
    assert "_doc_words" not in fresh._answerer.__dict__
    fresh.warm()
    assert "_doc_words" in fresh._answerer.__dict__


def test_warming_up_cuts_passages_ahead_and_changes_no_answer(seed_qa) -> None:  # type: ignore[no-untyped-def]
    """A server warms up at start (phrase model, passages cut into words); answers stay the same."""
    from assistant.answering.vocabulary import DocWords

    question = "2025年新建建筑中绿色建筑占比要达到多少？"
    before = seed_qa.ask(question).answer
    seed_qa.warm()
    doc_ids = tuple(d.id for d in seed_qa.documents)
    words = seed_qa._answerer.vocabulary(doc_ids).docs[0]
    assert len(words._words) == len(words.texts)  # every passage cut
    indicators = {t.indicator for d in seed_qa.documents for t in d.targets if t.indicator}
    assert indicators and indicators <= set(seed_qa.index.encoder._phrases)  # weighed without encoding
    lazy = DocWords(seed_qa.documents[0], seed_qa.index.tokenizer.words)
    for w in ("绿色建筑", "清洁取暖", "市住房和城乡建设局", "海绵城市", "不存在的词"):
        assert lazy.df(w) == words.df(w)
    assert seed_qa.ask(question).answer == before
