"""Targets, deadlines and general content: the best verbatim sentences of the best hits.

Each line is a span of a clause or a table row (:func:`assistant.answering.spans.best_spans`),
cited; a how-question (怎么推广, 有什么要求, how does the plan…) is answered with more of the
clause than a question after one fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from assistant.answering.compose import (
    MAX_LISTED,
    Draft,
    add_conflicts,
    conflicts_for,
    doc_label,
    narrow,
)
from assistant.answering.facts import named_titles
from assistant.answering.followup import needs_topic
from assistant.answering.intent import Query
from assistant.answering.premise import baseline_years
from assistant.answering.spans import YEAR_ANY_RE, best_spans, near_same, source_sentence, without_heading
from assistant.answering.timed import PERIOD_RE
from assistant.answering.topics import holds, topic_words
from assistant.documents.targets import PLAN_PERIOD_END
from assistant.text import canonical, has_any, squeeze, support
from assistant.types import Document, Hit

#: a time restated in brackets (年底前（12月31日前）报送…): what the asker believes, not words a passage must hold
_TIME_ASIDE_RE = re.compile(r"[（(]\s*(?:即|约|也就是)?[\d\s年月日号底前后末初至到~～—-]+[）)]")
#: a year with its time of year (2025年底前): filtered structurally, and a stranded 底 would be a word to find (底指)
_YEAR_TIME_RE = re.compile(r"(?:19|20)\d{2}\s*年(?:底|末|初|中(?![长期]))?(?:前|以前|之前)?")


def _candidates(q: Query, docs: Mapping[str, Document], hits: Sequence[Hit], years: Sequence[int],
                want_number: bool, value_only: bool = True, per_hit: int = 3) -> list[tuple[float, int, Hit, str, str]]:
    """(score, rank, hit, span, the sentence it comes from) for the top hits, best first."""
    query = _YEAR_TIME_RE.sub(" ", _TIME_ASIDE_RE.sub(" ", q.topic or q.text))  # years filter structurally, not by overlap
    years_only = bool(years) and not want_number and needs_topic(query)  # what is asked is only the year
    cands: list[tuple[float, int, Hit, str, str]] = []
    for h in hits[:8]:
        doc = docs[h.chunk.doc_id]
        clause = doc.clause(h.chunk.clause_no, h.chunk.section) if h.chunk.kind == "clause" else None
        # the part a clause stands in, when the question names it, is context too (保障措施里的资金支持)
        part = clause.section_title if clause and clause.section_title and clause.section_title in q.text else ""
        context = f"{part} {clause.title} " if clause else ""
        body = h.chunk.text
        row = doc.task(h.chunk.row_no) if h.chunk.kind == "row" else None
        if row is not None:  # quote the row's 工作要求, not the labelled chunk text
            body = row.requirement
            context = (row.measure + " ") if row.measure else ""
        if clause and body.startswith("（"):  # the clause number and title are context, not an answer
            body = without_heading(body, clause.title)
        for s, span in best_spans(query, body, years, want_number, trim=want_number, context=context,
                                  value_only=value_only)[:per_hit]:
            if years_only and h.rank <= 2:  # 2030年要实现什么: a year's aim in the best passages, no word to match
                s = 1.0 + 0.1 * s  # …keeping any overlap as the order
            cands.append((s - 0.01 * h.rank, h.rank, h, span, source_sentence(span, body)))
    cands.sort(key=lambda x: -x[0])
    return narrow(cands, lambda c: c[4], q.focus)


def hit_spans(q: Query, docs: Mapping[str, Document], hits: Sequence[Hit], top: int = 5) -> Iterator[Draft]:
    """Each of the ``top`` hits' own best span, any year (the passages a refusal may point
    to), in hit order; hits with no span are skipped."""
    any_year = replace(q, years=())
    for h in hits[:top]:
        near = answer_spans(any_year, docs, [h], 0.0, False)
        if near.found:
            yield near


#: how much less word overlap a passage the retriever ranks first or second needs
TOP_HIT_EASING = 0.1
ENUM_WORDS = ("哪些", "哪几", "几条", "几项", "有什么", "分别", "和")
#: what is to be done, or how: a clause's measures are the answer, several sentences of them
HOWTO_RE = re.compile(r"怎么(?!样)|怎样|如何|咋|要求|措施|办法|举措|说法|讲究|怎么说|提了|做法|干啥|干什么|做什么|做哪些|要做|安排|"
                      r"(?i:\bhow\b(?!\s+(?:many|much|long|far|often|high|large|big|soon))|"
                      r"\bwhat (?:does|do|did|will|should) .{0,60}\b(?:say|require|ask|plan|propose|encourage|support)|"
                      r"\bmeasures?\b|\brequirements?\b|\bsteps?\b|\bways?\b)")
#: a quantity asked (资金安排了多少, how many): a figure, not the measures
_QUANTITY_RE = re.compile(r"多少|几[个项年万成倍户]|百分之|(?i:\bhow (?:many|much)\b)")


def asks_how(q: Query) -> bool:
    """Whether a question asks what is to be done, or how (not a quantity)."""
    text = q.original or q.text
    return bool(HOWTO_RE.search(text)) and not _QUANTITY_RE.search(text)


def answer_spans(q: Query, docs: Mapping[str, Document], hits: Sequence[Hit], floor: float,
                 want_number: bool, value_only: bool = True) -> Draft:
    """Targets, deadlines, general content: the best sentences of the best hits.

    When the question names a year, the passage for that year must be about as relevant
    as the best passage for any year; otherwise the document sets no target for that
    year and the answer says so (found = False) instead of quoting another indicator."""
    d = Draft()
    howto = not want_number and asks_how(q)
    cands = _candidates(q, docs, hits, q.years, want_number, value_only, 6 if howto else 3)
    if q.years and cands:
        any_year = _candidates(q, docs, hits, (), want_number, value_only)
        # one passage stating each year's aim in words (2030年…；2060年前…): the best match is
        # another year's aim there, the year asked is stated beside it
        same = not want_number and bool(any_year) and cands[0][2].chunk == any_year[0][2].chunk \
            and bool(YEAR_ANY_RE.search(any_year[0][3]))
        if any_year and cands[0][0] < any_year[0][0] - 0.15 and not same:
            d.found = False
            return d
    # a passage the retriever ranks first or second needs less word overlap: the question may
    # put it in its own words (冬天烧煤的锅炉 for 分散燃煤锅炉); what it asks is weighed after
    eased = floor - TOP_HIT_EASING if howto else floor
    if not cands or cands[0][0] < (eased if cands[0][1] <= 2 and cands[0][2].chunk.kind != "header" else floor):
        d.found = False
        return d
    top = d.score = cands[0][0]
    top_by_doc: dict[str, float] = {}
    for s, _, h, _span, _sent in cands:
        top_by_doc.setdefault(h.chunk.doc_id, s)
    used: list[str] = []
    per_doc: dict[str, int] = {}
    several = has_any(q.text, ENUM_WORDS) or (want_number and (not q.years or len(q.years) > 1))
    if howto:  # what is to be done: the clause says it in full, a table row only in short
        cands.sort(key=lambda c: -(c[0] + (0.03 if c[2].chunk.kind == "clause" else 0.0)))
    limit = 5 if howto else 3 if several else 2 if not want_number else 1
    margin = 0.3 if howto else 0.25 if several else 0.12
    for s, _, h, span, sent in cands:
        doc_id = h.chunk.doc_id
        least = eased if h.rank <= 2 and h.chunk.kind != "header" else floor  # the eased floor: top hits only
        if per_doc.get(doc_id, 0) >= limit or s < max(least, top_by_doc[doc_id] - margin) or s < top - (margin if howto else 0.2):
            continue
        key = squeeze(span).replace("……", "")
        if any(key in u or u in key or near_same(key, u) for u in used):
            continue  # the table row repeating its clause sentence adds nothing
        if any(key in squeeze(c.table_text) for c in d.conflicts):
            continue  # already quoted by the conflict warning
        used.append(key)
        per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
        doc = docs[h.chunk.doc_id]
        ref = d.cite(doc, sent, h.chunk.clause_no, h.chunk.row_no)
        prefix = doc_label(doc) + "：" if len({c.chunk.doc_id for c in hits[:5]}) > 1 else ""
        d.lines.append(f"{prefix}{span}{ref}。")
        add_conflicts(d, doc, conflicts_for(doc, h.chunk.clause_no, h.chunk.row_no, span))
    return d


def pointer(q: Query, docs: Mapping[str, Document], hits: Sequence[Hit]) -> Draft | None:
    """The passage among the top hits that holds most of the question's words (绿色建筑 for
    绿色建筑占比, not the sentence whose figure measures 装配式建筑), to point a refusal to."""
    best: tuple[int, Draft] | None = None
    for near in hit_spans(q, docs, hits):
        line = canonical(squeeze(near.lines[0]))
        n = sum(canonical(t) in line for t in q.terms)
        if best is None or n > best[0]:
            best = (n, near)
    return best[1] if best is not None and best[0] > 0 else None


#: a list asked (有哪些, 列一下, 所有): every item that fits, not the best one
LIST_ASKED = ("哪些", "哪几", "列出", "列一下", "所有", "全部", "都有")
#: a year bound another way (2025年以后, 2023年印发的): not the targets set for that year
_YEAR_BOUND_RE = re.compile(r"\d{4}\s*年(?:以后|之后|以来|起|开始)|\d{4}\s*年[^，。？?]{0,4}(?:印发|发布|出台|成文|下发)")


def year_targets(q: Query, docs: Sequence[Document], within: Mapping[str, set[int]] | None = None,
                 about: Sequence[str] = ()) -> Draft:
    """Every target the plans in scope set for the years asked (到2025年有哪些量化指标; any year when none
    is asked), in document order, each cited to its sentence; ``within`` keeps each document's targets
    to the clauses a question names (doc id → clause numbers: 基础设施这一条2030年有哪些量化目标);
    ``about``: only targets whose sentence writes one of these words (农村方面的量化目标)."""
    d = Draft()
    if _YEAR_BOUND_RE.search(q.text):
        return Draft(found=False)
    seen: set[tuple[str, str, str]] = set()
    for doc in docs:
        for t in doc.targets:
            if (q.years and t.year not in q.years) or (doc.id, t.indicator, t.value) in seen:
                continue  # a table row repeating its clause's target is one target
            if within is not None and t.clause_no not in within.get(doc.id, set()) \
                    or about and not any(holds(w, squeeze(t.text)) for w in about):
                continue
            seen.add((doc.id, t.indicator, t.value))
            if len(seen) > MAX_LISTED:
                continue  # counted, not quoted
            label = doc_label(doc) + "：" if len(docs) > 1 else ""
            d.lines.append(f"{label}{t.indicator}：{t.value}{d.cite(doc, t.text, t.clause_no, t.row_no)}。")
    if len(seen) > MAX_LISTED:
        d.lines.append(f"另有{len(seen) - MAX_LISTED}项，请把问题限定到某一方面。")
    if within is None and not about and q.years and has_any(q.text, ("目标",)) and not has_any(q.text, ("量化", "指标", "数")):
        _goals(q, docs, d)  # 到2030年的目标有哪些: 碳排放达到峰值 too, a goal without a figure
    d.found = bool(d.lines)
    return d


def _goals(q: Query, docs: Sequence[Document], d: Draft) -> None:
    """The sentences of the plans' own goal clauses (titled …目标) that set something for the years
    asked, after the figures: what a year's goals are includes those without a number."""
    for doc in docs:
        label = doc_label(doc) + "：" if len(docs) > 1 else ""
        for c in doc.clauses:
            if "目标" not in c.title:
                continue
            for sentence in re.split(r"(?<=。)", without_heading(c.text, c.title)):
                said = squeeze(sentence)
                if any(re.search(rf"(?<!\d){y}年", said) for y in q.years) and len(said) > 8:
                    d.lines.append(f"{label}{said.rstrip('。')}{d.cite(doc, c.text, c.no, None)}。")


#: a year's targets asked as a list: which ones, or all its figures (量化指标, 汇总)
YEAR_LIST_ASKED = (*LIST_ASKED, "量化", "汇总")


def year_list(q: Query, docs: Sequence[Document], *, bare: bool = False) -> Draft:
    """A year's targets asked without naming one (到2025年有哪些量化指标, 2027年量化指标是什么),
    in the whole plan or in the clauses the question names by title (基础设施这一条2030年有哪些
    量化目标); not found when the question asks something else.  ``bare``: a year asked with no
    figure and no other content (2023年对应什么要求), when no passage answers it."""
    if not q.years:
        return Draft(found=False)
    if _BASELINE_ASKED_RE.search(q.text) and has_any(q.text, ("目标", "指标")) \
            and all(t in _BASELINE_WORDS for t in q.terms) and (against := measured_against(q, docs)).found:
        return against  # 哪些指标是以2020年为基准的: the year changes are measured from
    if not (has_any(q.text, YEAR_LIST_ASKED) and has_any(q.text, ("目标", "指标"))
            or not q.terms and has_any(q.text, ("目标", "指标", "要求")) and (bare or has_any(q.text, ("多少", "几")))
            and not _OTHER_CONTENT_RE.search(
                re.sub(r"(?:19|20)\d{2}\s*年?(?:底前?|末)?|意思", "", q.signals.residual))):  # 2023年的目标是多少: that year's
        return Draft(found=False)  # (…的目标是什么 may be a goal without a figure: read from the passages)
    within = _clauses_named(q, docs)
    return Draft(found=False) if within == {} else year_targets(q, docs, within)


#: where a header writes a year that is no year's requirement: its 文号 (〔2023〕) and its dates
_HEADER_YEARS_RE = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def without_dated_headers(q: Query, hits: Sequence[Hit]) -> list[Hit]:
    """The hits without a header whose only mention of the years asked is its 文号 or a date
    (2023年对应什么要求 is not answered by 聊建字〔2023〕31号; a title quoting 2030年前… still is)."""
    return [h for h in hits if h.chunk.kind != "header"
            or any(str(y) in _HEADER_YEARS_RE.sub(" ", h.chunk.text) for y in q.years)]


#: words a question says besides its year (双清零 of …2025年的双清零目标是什么意思): a thing of that year asked
_OTHER_CONTENT_RE = re.compile(r"[\u4e00-\u9fa5]{2,}")
#: a year asked as what targets are measured against (以2020年为基准, baseline), not one indicator's change
#: from it (用水量比2020年要降多少: that indicator's target)
_BASELINE_ASKED_RE = re.compile(r"基准|基数|基期|\bbaseline\b", re.IGNORECASE)
_BASELINE_WORDS = ("基准", "基数", "基期", "下降", "降低", "减少", "算", "来算", "计算", "测算")


def measured_against(q: Query, docs: Sequence[Document]) -> Draft:
    """The targets whose sentence measures a change against a year asked (比2020年下降5个百分点):
    哪些指标是以2020年为基准的.  Read from the targets: no evidence check (基准 is how it is asked)."""
    d = Draft(exact=True)
    for doc in docs:
        for t in doc.targets:
            if set(q.years) & baseline_years(t.indicator) and not any(f"{t.indicator}：{t.value}" in line for line in d.lines):
                label = doc_label(doc) + "：" if len(docs) > 1 else ""
                d.lines.append(f"{label}{t.indicator}：{t.value}（{t.year}年）{d.cite(doc, t.text, t.clause_no, t.row_no)}。"
                               if t.year else f"{label}{t.indicator}：{t.value}{d.cite(doc, t.text, t.clause_no, t.row_no)}。")
    d.found = bool(d.lines)
    return d


def topic_list(q: Query, docs: Sequence[Document]) -> Draft:
    """The targets of a topic named at its own level of generality (农村方面的量化目标有哪些): those whose
    sentence writes a word of it (:mod:`topics`), of the years asked if any."""
    if not (has_any(q.text, YEAR_LIST_ASKED) and has_any(q.text, ("目标", "指标"))):
        return Draft(found=False)
    words = topic_words(q.text)
    return year_targets(q, docs, about=words) if words else Draft(found=False)


def _clauses_named(q: Query, docs: Sequence[Document]) -> dict[str, set[int]] | None:
    """The clauses a question's terms name by title, by document (a part: its clauses);
    None when it has no terms (the whole document), {} when its terms name no title or
    ask more than the title (绿色建筑 of 到2025年绿色建筑有哪些指标 is an indicator)."""
    if not q.terms:
        return None
    parts = named_titles(q, docs, how=True)  # 绿化方面: the one clause titled with every term
    if not parts:
        return {}
    out: dict[str, set[int]] = {}
    for doc, no, kind, _ in parts:
        out.setdefault(doc.id, set()).update([no] if kind == "clause" else [c.no for c in doc.clauses if c.section_no == no])
    return out


#: a figure asked in place, the words after it as the plan writes them (多少米见绿, 几星级标准)
_UNIT_CHARS = r"[个百分点平方米万千公里吨户元亿倍星级年月日天小时度瓦]"
_CLOZE_RE = re.compile(r"(?:多少|几)((?:(?!那个|那条|那句|的|呢|啊|吧|吗)[\u4e00-\u9fff]){3,7})")


def cloze(q: Query, docs: Sequence[Document]) -> Draft:
    """A question that leaves a blank where a figure stands in a phrase the plan writes
    (那个口号是啥，就是多少米见绿那个): the part of a sentence holding the phrase with its figure,
    when exactly one sentence in scope does."""
    m = _CLOZE_RE.search(q.text)
    if not m:
        return Draft(found=False)
    words = m.group(1)
    for n in range(len(words), 2, -1):  # the longest run the plan writes after a figure
        if len(re.sub(_UNIT_CHARS, "", words[:n])) < 2:
            break  # 几个百分点: a measure alone names nothing
        pattern = re.compile(r"\d+(?:\.\d+)?\s*" + r"\s*".join(map(re.escape, words[:n])))
        found = [(doc, c) for doc in docs for c in doc.clauses if pattern.search(c.text)]
        if len(found) == 1:
            doc, c = found[0]
            sentence = next(s for s in re.split(r"(?<=[。；;，,])", c.text) if pattern.search(s))
            d = Draft()
            d.lines.append(sentence.strip().rstrip("。；;") + d.cite(doc, c.text, c.no, None) + "。")
            return d
        if found:
            break
    return Draft(found=False)


#: several indicators asked at once (绿地率、绿化覆盖率、人均公园绿地、绿道; （新增绿色建筑、既有居住建筑改造）)
_ENUMERATED_RE = re.compile(r"[\u4e00-\u9fff]{2,12}(?:、[\u4e00-\u9fff]{2,12})+")


def each_target(q: Query, docs: Sequence[Document]) -> Draft:
    """The target of each indicator a question enumerates (2025年绿地率、绿化覆盖率、绿道分别是
    多少), of the years or the period asked: found only when every item names a target."""
    runs = _ENUMERATED_RE.findall(q.text)
    if not runs or not has_any(q.text, ("多少", "指标", "目标", "列一下", "分别")) \
            or has_any(q.text, ("不是", "而是", "除了", "以外", "不含", "不包括")):  # 不是A、而是B: one asked
        return Draft(found=False)
    run = max(runs, key=len)
    if any(support(run, t.indicator) >= 0.9 for doc in docs for t in doc.targets):
        return Draft(found=False)  # 新建公共机构建筑、工业厂房屋顶光伏覆盖率: one indicator written with 、
    periods = PERIOD_RE.findall(q.text)
    targets = [(doc, t) for doc in docs for t in doc.targets
               if (not q.years or t.year in q.years) and all(p in t.text and (t.year or 0) <= PLAN_PERIOD_END.get(p, 9999)
                                                              for p in periods)]  # 十四五: not the 2030 figure beside it
    d, seen = Draft(exact=True), set()  # each item measured by a target: no passage weighed
    items = run.split("、")
    items[-1] = re.split(r"各|分别|都|是|要|为|有|达到|多少", items[-1])[0]  # …、资源化利用率各是多少: the item alone
    for item in items:
        # the one indicator measuring the item best (ties: the item written whole, the shorter, the first)
        best = max(((support(item, t.indicator), item in t.indicator, -len(t.indicator), -i)
                    for i, (_, t) in enumerate(targets)), default=None)
        if best is None or best[0] < 0.75:
            return Draft(found=False)  # an item no target measures: not a list of indicators
        doc, t = targets[-best[3]]
        if (doc.id, t.indicator, t.value) in seen:
            continue
        seen.add((doc.id, t.indicator, t.value))
        label = doc_label(doc) + "：" if len(docs) > 1 else ""
        said = next((x for x in re.split(r"(?<=[，；。,;])", t.text) if squeeze(t.value) in squeeze(x)), t.text)
        said = said.strip().rstrip("，；。,;")  # the writing of the value (超过65%, 不高于300吨/万平方米)
        when = "" if any(p in said for p in periods) or (t.year and str(t.year) in said) else \
            "".join(f"“{p}”期间" for p in periods) or (f"到{t.year}年，" if t.year else "")
        if not any(said in x for x in d.lines):  # 污水管网 200 公里、雨水管网 300 公里: one passage, said once
            d.lines.append(f"{label}{when}{said}{d.cite(doc, t.text, t.clause_no, t.row_no)}。")
    d.found = bool(d.lines)
    return d
