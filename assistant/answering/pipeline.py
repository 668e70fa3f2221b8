"""One question, start to finish: follow-ups, parts, scope, retrieval, composition by intent, the
evidence check, refusals.  The facade (:mod:`assistant.qa`) builds one :class:`Answerer` per loaded
index; this module sees the search engine only through the backend protocol."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from typing import Any

from assistant.answering import chains, intents, rosters
from assistant.answering import compose as A
from assistant.answering import passages as P
from assistant.answering.answerable import drawn_on
from assistant.answering.asked import refused_unread
from assistant.answering.asking import check_question, split_question
from assistant.answering.besides import only_set_aside, set_aside
from assistant.answering.context import Library
from assistant.answering.courtesy import asker_intro, asks_nothing, without_courtesy
from assistant.answering.described import (
    describes_unit,
    name_described_units,
    name_own_unit,
    own_unit_unclear,
)
from assistant.answering.docnames import TitleIndex, level_first, names_doc, searched_text, the_plan_of
from assistant.answering.each import each_thing, each_unit
from assistant.answering.english import is_english, translate
from assistant.answering.english_outline import english_gloss
from assistant.answering.evidence import check_evidence
from assistant.answering.followup import followup_of, labelled_by_plan, opening_shared, own_pronoun
from assistant.answering.intent import Query, find_units, topic_of
from assistant.answering.premise import list_asked, without_beliefs
from assistant.answering.quoted import misquoted
from assistant.answering.retyping import typing_fixes
from assistant.answering.several import REFUSAL, Answered, later_answer
from assistant.answering.shorthand import Shorthand
from assistant.answering.situation import Plans, without_situation
from assistant.answering.slips import Slips
from assistant.answering.spelling import Speller, written_words
from assistant.answering.terms import plain_roles
from assistant.answering.timed import absent_period, dated
from assistant.answering.vocabulary import Vocabularies, Vocabulary
from assistant.config import AssistantError
from assistant.search.backends.base import Filters
from assistant.search.rerank import merge_hits
from assistant.text import WORD_CUTTER, normalize_question, squeeze
from assistant.types import Answer, Document, Hit, TaskRow

DOC_WORDS_KEPT = 512  # per-document word counts kept in memory


#: the answer to a message that only says how the answer should look
ASKS_NOTHING = "这句话只说了回答的方式，没有说要查什么；请把要问的事项写完整。"


class Answerer:
    """Answers questions over one :class:`Library`; safe to share between threads."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self.by_id = lib.by_id
        self.documents = lib.documents
        self.settings = lib.settings
        self._vocabularies = Vocabularies(lib.by_id, lib.tokenizer.words, DOC_WORDS_KEPT)
        self._vocab_lock = threading.Lock()
        self._plain: dict[str, bool] = {}
        self._said: dict[str, bool] = {}
        self._title_index: TitleIndex | None = None
        self._spell: Speller | None = None
        self._slips: Slips | None = None

    def resolve_unit(self, name: str, doc: str | None = None) -> str | None:
        return self.lib.resolve_unit(name, doc)

    def _unit_there(self, mention: str, text: str, doc: Document) -> str | None:
        """A unit named by its system or department (城管系统, 教育部门) in the one plan asked about: the mention
        with the word after it as that plan resolves it, else the one unit of the plan whose name holds its stem."""
        if (system := re.search(re.escape(mention) + "(?:系统|部门)", text)) and (there := self.resolve_unit(system.group(), doc.id)):
            return there
        stem = re.sub(r"(?:系统|部门|口)$", "", mention)
        held = {u for t in doc.tasks for u in (*t.lead_units, *t.participating_units) if len(stem) >= 2 and stem in u}
        return held.pop() if len(held) == 1 else None

    def task_rows(self, **kw: Any) -> list[TaskRow]:
        return self.lib.task_rows(**kw)

    def ask(self, question: str, k: int = 5, *, history: Sequence[Any] | None = None,
            doc: str | None = None, level: str | None = None) -> Answer:
        t0 = time.perf_counter()
        question = check_question(question, self.settings.max_question_chars)
        if k < 1:
            raise AssistantError(f"k must be at least 1 (got {k})")
        token = WORD_CUTTER.set(self.lib.tokenizer.words)
        try:
            return self._ask(question, k, history, doc, level, t0)
        finally:
            WORD_CUTTER.reset(token)

    def _ask(self, question: str, k: int, history: Sequence[Any] | None, doc: str | None, level: str | None,
             t0: float) -> Answer:
        full, focus = self._with_history(self._retyped(normalize_question(question)), history or (), doc)
        timings: dict[str, float] = {}
        full = without_situation(full, self._plans)  # 下周三开会…: not asked
        if asks_nothing(full):  # 只要数字。 on its own: what to look up is not said
            return Answer(question=question, answer=ASKS_NOTHING, found=False, intent="general", citations=(), retrieved=(),
                          tasks=(), conflicts=(), timings_ms={"total": (time.perf_counter() - t0) * 1000}, english=None)
        parts = split_question(without_beliefs(set_aside(without_courtesy(dated(full)))))  # …完成？谢谢！: thanks are no part to answer
        parts = [self._chained(p, doc, level) for p in opening_shared(parts)]  # 传统村落保护那项的配合单位还配合哪些
        parts = [own_pronoun(p, self._units_said) for p in parts]  # 关于市城管局…，其作为牵头单位的任务: the unit named
        parts = [one for part in parts for one in self._each_unit(part, doc)][:8]  # 资规局和住建局各牵头哪些: each answered, one numbering
        first = self._answer_part(parts[0], k, doc, level, timings, focus)
        first = (first[0], only_set_aside(full, first[0].intent, first[1]), first[2])  # apart from the 8万千瓦…: nothing new

        def ask(text: str) -> Answered:  # a later part, asked as the first was
            return self._answer_part(text, k, doc, level, timings, focus)

        answered = [first, *(later_answer(p, parts[0], first, ask) for p in parts[1:])]
        labelled_by_plan([d for _, d, _ in answered], lambda doc_id: A.doc_label(self.by_id[doc_id]))  # X：东岳省 vs 青山市
        q, draft, hits = answered[0]
        for (_, more, more_hits), part in zip(answered[1:], parts[1:]):
            if more.found or not draft.found:
                draft.extend(more)
            else:  # say which part the documents do not answer, without its pointer
                draft.lines.append(f"关于“{part}”：{more.lines[0] if more.lines else REFUSAL}")
            hits = merge_hits(hits + more_hits)
        draft.found = any(d.found for _, d, _ in answered)
        retrieved = hits[:k]
        timings["total"] = (time.perf_counter() - t0) * 1000
        english = english_gloss(draft.found, draft.text, len(draft.citations),
                                [u for t in draft.tasks for u in t.lead_units]) if q.english or is_english(full) else None
        if self.lib.chat_model is not None and draft.found:
            from assistant.answering.llm import rewrite

            t3 = time.perf_counter()
            draft.lines = [rewrite(self.lib.chat_model, question, draft.text, draft.citations)]
            timings["llm"] = (time.perf_counter() - t3) * 1000
            timings["total"] = (time.perf_counter() - t0) * 1000
        return Answer(question=question, answer=draft.text, found=draft.found, intent=q.intent,
                      citations=tuple(draft.citations), retrieved=tuple(retrieved), tasks=tuple(draft.tasks),
                      conflicts=tuple(draft.conflicts), timings_ms=timings, english=english)

    def _chained(self, text: str, doc: str | None, level: str | None) -> str:
        """``text`` with a unit or task it names by another fact in its name (:mod:`chains`); plans read only if needed."""
        def plans() -> chains.Plans | None:
            scope, refusal = self._scope(self._understand(text, doc), doc, level)
            return None if refusal else self._chain_plans(scope, doc, level)
        return chains.resolve_own(text, plans, self._units_said)  # 我是X的，…我们配合的那条: X's

    def _chain_plans(self, scope: Sequence[Document], doc: str | None, level: str | None) -> chains.Plans:
        one, rows = scope[0].id if len(scope) == 1 else doc, [t for d in scope for t in d.tasks]

        def about(desc: str) -> list[TaskRow]:  # the rows a who-leads question on the words finds
            return [t for t in self._answer_part(f"{desc}由谁牵头？", 5, one, level, {}, ())[1].tasks if t in rows]

        return chains.Plans(
            lambda s: [c for c, _ in find_units(s, lambda n: self.resolve_unit(n, one), self.lib.unit_stems, self.plain_word)],
            lambda u, role: [t for t in rows if u is None or t.holds(u, role)], about,
            lambda s: translate(s, self.lib.places) if s.isascii() else s,
            lambda d: f"《{self.by_id[d].meta.title}》中" if len(self.documents) > 1 and doc is None else "",
            lambda d: self._chain_plans([self.by_id[d]], doc, level))

    def _with_history(self, question: str, history: Sequence[Any], doc: str | None) -> tuple[str, tuple[str, ...]]:
        """The question to answer and the words that narrow it: a follow-up that asks nothing new (那农村呢？)
        repeats the previous question with its own words; one asking something else (它的目标是多少？) its topic."""
        fu = followup_of(question, history)
        if fu is None:
            return question, ()
        alone = self._understand(question, doc)
        before = fu.previous if alone.intent == "general" else topic_of(fu.previous)
        return f"{before} {question}", fu.focus

    def named_scope(self, question: str) -> tuple[tuple[str, ...], str]:
        """The documents a question names (title, 文号, place, level; for a unit's tasks, those whose tables
        name it) when some of several and nothing is refused, else (): what a retriever keeps to; and the
        question without the phrases naming them (they only match the header), unless a header fact is asked."""
        text = normalize_question(question)
        q = self._understand(text, None)
        scope, refusal = self._scope(q, None, None)
        if q.unit and not refusal:  # a unit's tasks are in the documents whose tables name it
            having = {r.doc_id for r in self.task_rows(unit=q.unit)}
            scope = [d for d in scope if d.id in having] or scope
        if refusal or len(scope) == len(self.documents):
            return (), question
        if not (q.fact or q.intent in ("doc_fact", "structure")):
            for phrase in sorted(self._titles().phrases(text), key=len, reverse=True):
                text = text.replace(phrase, " ")
            text = " ".join([text, *(m for m in (q.unit_mention,) if m and m not in text)])  # a unit run into the title
        return tuple(d.id for d in scope), text

    def _understand(self, text: str, doc: str | None) -> Query:
        text = plain_roles(self._shorthand.expand(self._speller().correct(text)))  # 海棉城市 -> 海绵城市, 打头阵 -> 牵头; 绿建
        text = name_own_unit(text, self._units_of(doc))  # 我们委: the one 委 of the plans
        if describes_unit(text):  # 省里管环保的厅 -> 省生态环境厅: a unit named by its work, among the plans' units
            text = name_described_units(text, self._units_of(doc), lambda n: self.resolve_unit(n, doc))
        return intents.understand(text, lambda n: self.resolve_unit(n, doc), self.lib.tokenizer, self.lib.unit_stems,
                                  self.lib.places, self.plain_word, self._titles().named_phrases)

    def _retyped(self, text: str) -> str:  # slips put right before the question is read (务任, 县财局, gongre; 注建局)
        return self._speller().correct(self._slips.correct(text) if self._slips else text)  # (builds _slips first)

    def _speller(self) -> Speller:
        """The loaded documents' terms by sound (and their slips of the keyboard), built once."""
        with self._vocab_lock:
            if self._spell is None:
                self._spell, self._slips = typing_fixes(self.documents, self.lib.unit_stems, self._doc_words, self.written)
            return self._spell

    def expand_shorthand(self, text: str) -> str:
        """``text`` with the field's shortenings in the documents' words (绿建 -> 绿色建筑)."""
        return self._shorthand.expand(text)

    @cached_property
    def _shorthand(self) -> Shorthand:  # 绿建 -> 绿色建筑: shortenings of the documents' words
        return Shorthand.of(self.written, lambda w: w in self._doc_words)

    @cached_property
    def _doc_words(self) -> set[str]:  # the documents' words as jieba cuts them (a slip, a shortening: never one)
        return written_words(d.text for d in self.documents)

    def _titles(self) -> TitleIndex:
        """The loaded documents' titles, indexed once (for the words that name a document)."""
        with self._vocab_lock:
            if self._title_index is None:
                self._title_index = TitleIndex.of(self.documents)
            return self._title_index

    def _holds(self, unit: str, role: str, doc: str) -> bool:  # whether ``unit`` holds a task of ``doc`` in ``role``
        return any(t.holds(unit, role) for t in self.by_id[doc].tasks)

    def _units_of(self, doc: str | None) -> tuple[str, ...]:
        return self._units_by_doc.get(doc) or self._units_by_doc[None]

    def _each_unit(self, text: str, doc: str | None) -> list[str]:  # 资规局和住建局各牵头哪些: one part per unit (or thing)
        units = [m for _, m in find_units(text, lambda n: self.resolve_unit(n, doc), self.lib.unit_stems, self.plain_word)]
        split = each_unit(text, units)
        return split if len(split) > 1 and self._understand(split[0], doc).intent == "unit_tasks" else each_thing(text, units)

    @cached_property
    def _plans(self) -> Plans:  # what the situation step asks of the plans
        titles = " ".join(d.meta.title for d in self.documents)
        return Plans(self.written, self._units_said, self.lib.tokenizer.tagged, lambda w: w in titles)

    def _units_said(self, text: str) -> list[str]:  # the units ``text`` names, as written
        return [m for _, m in find_units(text, self.resolve_unit, self.lib.unit_stems, self.plain_word)]

    def _names_unit(self, text: str) -> bool:
        """Whether ``text`` names a unit of the loaded documents (any form they answer to)."""
        return bool(self._units_said(text))

    def written(self, word: str) -> bool:
        """Whether the loaded documents write ``word`` anywhere (cached)."""
        with self._vocab_lock:
            got = self._said.get(word)
        if got is None:
            got = any(word in x for x in self._written)
            with self._vocab_lock:
                self._said[word] = got
        return got

    def plain_word(self, word: str) -> bool:
        """Whether the documents write ``word`` as a word, never a place (新建, not 济南 of 济南市)."""
        with self._vocab_lock:
            got = self._plain.get(word)
        if got is None:
            place = re.compile(re.escape(word) + "[省市县区州]")
            got = self.written(word) and not any(place.search(x) for x in self._written)
            with self._vocab_lock:
                self._plain[word] = got
        return got

    @cached_property
    def _units_by_doc(self) -> dict[str | None, tuple[str, ...]]:  # the units each doc's tasks name (None: all)
        by: dict[str | None, tuple[str, ...]] = {
            d.id: tuple(dict.fromkeys(u for t in d.tasks for u in (*t.lead_units, *t.participating_units))) for d in self.documents}
        return {**by, None: tuple(dict.fromkeys(u for units in by.values() for u in units))}

    @cached_property
    def _written(self) -> tuple[str, ...]:  # the documents' texts and their tables' rows (供电公司 of a unit)
        rows = (" ".join((*t.lead_units, *t.participating_units, t.requirement)) for d in self.documents for t in d.tasks)
        return (*(d.text for d in self.documents), *rows)

    def _answer_part(self, text: str, k: int, doc: str | None, level: str | None,
                     timings: dict[str, float], focus: tuple[str, ...] = ()) -> tuple[Query, A.Draft, list[Hit]]:
        """Understand, retrieve and compose for one question (or one part of a question)."""
        t0 = time.perf_counter()
        q = replace(self._understand(text, doc), focus=focus)
        if q.unit and q.intent != "unit_tasks" and (listed := list_asked(text)):  # …是不是包括X？: the whole list
            again = self._understand(listed, doc)
            q = replace(again, focus=focus) if again.unit == q.unit and again.intent == "unit_tasks" else q
        scope, refusal = self._scope(q, doc, level)
        if not q.unit and doc is None and len(scope) == 1 and len(self.documents) > 1 and describes_unit(text):
            q = named if (named := replace(self._understand(text, scope[0].id), focus=focus)).unit else q  # 东岳省方案里，管后勤的那个局
        if q.unit and doc is None and len(scope) == 1 and len(self.documents) > 1 and ((elsewhere := any(self.resolve_unit(
                u, scope[0].id) != u for u in (q.unit, *(p for p, _ in q.partners)))) or q.intent == "unit_tasks" and not q.partners):
            again = replace(self._understand(text, scope[0].id), focus=focus)  # 青山市方案里机关事务服务中心…: as that plan names it
            if again.unit and self.resolve_unit(again.unit, scope[0].id) == again.unit and (elsewhere or again.partners):
                q = again  # (or a partner only that plan names: 发展和改革委员会 asked in English of the city's plan)
            elif elsewhere and not again.unit and q.unit_mention and (there := self._unit_there(q.unit_mention, text, scope[0])):
                q = replace(q, unit=there)  # 城管系统/教育部门在县方案里: that plan's 城管局, 教育和体育局
        if doc is None and not refusal and (other := rosters.reading_with_tasks(q, scope, self.lib.unit_readings, self._holds)):
            return self._answer_part(text, k, other, level, timings, focus)  # 机关事务服务中心主办的: the plan where one leads
        refusal = refusal or refused_unread(q) or absent_period(text, scope) or (None if q.unit or q.intent not in (
            "lead", "participate", "unit_tasks") else own_unit_unclear(text, self._units_of(doc)))  # 我们局: which?
        t1 = time.perf_counter()
        hits: list[Hit] = []
        searched = searched_text(q, scope)
        untitled = searched_text(q, scope, self._titles().phrases(q.text))  # a plan named by its title: searched without too
        for d in scope or [None]:  # type: ignore[list-item]
            where = Filters.of(doc=d.id if d is not None and len(scope) < len(self.documents) else None)
            found = self.lib.retrieve(searched, max(k, 10), where)
            hits.extend(found if untitled == searched else merge_hits([*self.lib.retrieve(untitled, max(k, 10), where), *found]))
            if not scope or len(scope) == len(self.documents):
                break
        hits = merge_hits(hits)
        t2 = time.perf_counter()
        similarity = self.lib.similarity
        draft = A.Draft(found=False, lines=[refusal]) if refusal else misquoted(text, scope, q.signals.asks_structure and not q.unit, self.documents)
        if draft is None:
            scope_ids = {d.id for d in scope}
            draft = intents.compose(q, intents.Context(
                scope=scope, by_id=self.by_id, hits=hits, floor=self.settings.refuse_threshold,
                unit_rows=lambda unit, role: [r for r in self.task_rows(unit=unit, role=role) if r.doc_id in scope_ids],
                similarity=similarity, near=drawn_on(scope, hits), names_unit=self._names_unit))
            cited = drawn_on(scope, hits, [c.doc_id for c in draft.citations])
            draft = self._check_evidence(q, draft, cited, similarity, hits)
            draft.lines += rosters.other_readings(q, scope, self.lib.unit_readings, self._units_of) if draft.found and doc is None else []  # 住建局: which plan's
        if not draft.found:
            draft = self._refuse(q, draft, hits, point=not refusal)
        for key, dt in (("understand", t1 - t0), ("retrieve", t2 - t1), ("compose", time.perf_counter() - t2)):
            timings[key] = timings.get(key, 0.0) + dt * 1000
        return q, draft, hits

    def _scope(self, q: Query, doc: str | None, level: str | None) -> tuple[list[Document], str | None]:
        docs = self.lib.select(doc, level)
        if doc or level:
            return docs, None if docs else "没有符合筛选条件的文件。"
        if "doc_number" not in (q.fact or "") and (gone := self._titles().not_loaded(q.text)):  # 聊建字〔2022〕31号: not loaded
            return docs, gone
        # a place no document speaks of is not answered from another place's plan, even when that
        # plan is named too (临河县隔壁柳树县的…); but the asker's own town in an introduction (我是临河县城关镇的，…我们乡镇) is no place asked
        intro = asker_intro(q.text)
        unknown = [p for p in q.places if not any(p in d.text for d in docs)
                   and not (p in intro and p not in q.text[len(intro):])]
        by_title = {self.documents[i].id for i in self._titles().named(q.text)}  # 那个城乡建设碳达峰实施方案
        named = [d for d in docs if d.id in by_title or names_doc(q.text, q.places, d)]
        at_level = [d for d in docs if d.meta.level == q.level] if q.level else []
        if named and len(named) < len(docs) and not unknown:
            if q.level and at_level and not any(d in at_level for d in named) and level_first(q):
                # 国家层面的方案给东岳省分配…: the plan is the one of that level, the place is
                # asked of it (青山市落实国家行动方案的措施: the city's plan)
                absent = [p for p in q.places if not any(p in d.text for d in at_level)]
                absent = [p for p in absent if not any(p != o and p in o for o in absent)]  # 青山 in 青山市
                if absent:
                    return at_level, f"现有{A.LEVEL_CN[q.level]}文件没有提到{'、'.join(absent)}，无法回答。"
                return at_level, None
            return the_plan_of(q, named)
        if unknown:
            have = "、".join(sorted({d.meta.place or d.meta.title for d in docs}))
            return docs, f"现有文件不涉及{'、'.join(unknown)}，无法回答；现有文件覆盖：{have}。"
        if q.level and not at_level and q.level != "municipal":
            return docs, f"现有文件中没有{A.LEVEL_CN[q.level]}文件，无法回答。"
        having: list[Document] = []
        if q.unit and q.intent == "target":  # 省能源局牵头的屋顶光伏…多少: its plans' figures, and where a unit of
            told = rosters.role_told(q.original or q.text, q.unit_mention) if q.unit_mention else None  # that name
            readings = self.lib.unit_readings(q.unit_mention or q.unit) if told else {}  # has the role told (主抓的…)
            having = [d for d in docs if self._holds(q.unit, "any", d.id) or told and rosters.same_kind(
                got := readings.get(d.id, ""), q.unit) and self._holds(got, told, d.id)]
        return at_level or having or docs, None

    def _check_evidence(self, q: Query, draft: A.Draft, scope: Sequence[Document],
                        similarity: Any, hits: Sequence[Hit] = ()) -> A.Draft:
        return check_evidence(q, draft, scope, hits, similarity=similarity, by_id=self.by_id, tokenizer=self.lib.tokenizer,
                              vocabulary=lambda: self.vocabulary(tuple(d.id for d in scope)))

    def vocabulary(self, doc_ids: tuple[str, ...]) -> Vocabulary:
        """Word passage-frequencies of these documents (:class:`Vocabularies`)."""
        return self._vocabularies.of(doc_ids)

    def _refuse(self, q: Query, draft: A.Draft, hits: list[Hit], *, point: bool = True) -> A.Draft:
        """A plain refusal, pointing to the nearest passage the documents have (never another place's or level's)."""
        out = A.Draft(found=False, lines=list(draft.lines) or [REFUSAL], citations=list(draft.citations))
        if not point or not hits or draft.citations:  # a draft that cites already points somewhere
            return out
        near = P.answer_spans(Query(**{**q.__dict__, "years": ()}), self.by_id, hits[:3],
                              self.settings.refuse_threshold, q.intent == "target" and bool(q.years))
        if q.years and not draft.lines:
            said = near.found and all(str(y) in squeeze(near.lines[0]) for y in q.years) or all(  # then not the year is missing,
                any(t.year == y for d in {h.chunk.doc_id for h in hits} & self.by_id.keys() for t in self.by_id[d].targets)
                for y in q.years)  # nor when a plan searched sets targets then
            out.lines = [A.NO_PROVISION if said else f"现有文件没有提出{'、'.join(f'{y}年' for y in q.years)}的相关要求。"]
        if near.found:
            out.lines += [A.NEAR, near.lines[0]]
            out.citations = near.citations[:1]
        return out
