"""Whether the passages an answer quotes are about what the question asks.

One decision for every answer built from retrieved passages: the question's content words
must be found in the evidence, each weighted by how distinctive it is in the documents in
scope (IDF over their passages), so 绿色建筑 missing from a sentence about 装配式建筑
outweighs the 新建 建筑 比例 both share, and 充电桩 is not answered by 老旧小区改造.
A word the documents never use (市民, 暖气, 平米, a colloquial word or a paraphrase) counts
for less, and counts as found when the embedding model finds it close to a word of the
evidence — the documents' own vocabulary, not a word list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence

from assistant.answering.courtesy import WHO_ASKED_RE, own_case
from assistant.answering.vocabulary import WORD_RE, Cut, Vocabulary
from assistant.documents.table import task_text
from assistant.text import canonical, grams, squeeze
from assistant.types import Citation, Document, Hit

#: cosine similarity of a text to others by the embedding model (ChunkEncoder.similarity)
Similarity = Callable[[str, Sequence[str]], list[float]]

#: share of the question's weighted words the evidence must hold
MIN_COVER = 0.5
#: embedding similarity at which an evidence word stands for an absent question word
SIMILAR_WORD = 0.87
#: …and for a word that carries the question less (importance below STRICT_IMPORTANCE): a
#: colloquial stand-in (硬化 for 硬地, 渗水 for 可渗透) is held at this similarity
SIMILAR_LOOSE = 0.83
#: how much less similarity a stand-in sharing two characters with the word needs
SHARED_EASING = 0.07
STRICT_IMPORTANCE = 1.0
#: the least share of its weight a word the documents use keeps, however unimportant
KNOWN_FLOOR = 0.5
#: the least importance a word gets (answerable.importance): removing it changes nothing
FLOOR_IMPORTANCE = 0.2
#: what a quantity question asks the value of weighs this many times a topic word
ASKED_WEIGHT = 2.0
#: characters that may stand between the two halves of a word the evidence writes apart:
#: 公园、绿地 and 承载能力 hold 公园绿地 and 承载力; 垃圾排放量 does not hold 碳排放, nor
#: 绿色低碳建造方式…建筑 绿色建筑
SPLIT_GAP = 4
#: a word naming a dimension (建筑面积, 改造户数) is held by a value given in its units
DIMENSIONS = {"面积": ("平方米", "公顷", "平方公里"), "比例": ("%",), "占比": ("%",), "比重": ("%",), "覆盖率": ("%",),
              "户数": ("户",), "长度": ("公里", "米"), "里程": ("公里",), "容量": ("千瓦", "瓦")}
#: measures a value is given in: asked for (多少亿元), one must follow a number in the evidence
MEASURES = ("亿元", "万元", "元", "万户", "户", "个", "座", "处", "公里", "千米", "米", "平方米", "万平方米",
            "公顷", "吨", "万吨", "千瓦", "万千瓦", "兆瓦", "吉瓦", "%", "个百分点")
#: measures of one dimension: a figure in any of them answers a question asked in another
#: (多少兆瓦 by 2万千瓦, 多少千瓦 by 200兆瓦)
SAME_MEASURE = (("千瓦", "兆瓦", "吉瓦"),)
#: how far before a figure the thing it measures is looked for (…绿色建筑面积达到5000万平方米)
FIGURE_REACH = 40


def line_evidence(lines: Sequence[str], citations: Sequence[Citation],
                  documents: Mapping[str, Document]) -> list[tuple[str, str]]:
    """Each line of an answer with what it rests on (itself and the citations it points to:
    [2] -> the second), to judge the lines one by one."""
    def cited(line: str) -> list[Citation]:
        return [citations[int(n) - 1] for n in re.findall(r"\[(\d+)\]", line) if 0 < int(n) <= len(citations)]

    return [(line, evidence_of(line, cited(line), documents)) for line in lines]


def evidence_of(answer: str, citations: Sequence[Citation], documents: Mapping[str, Document]) -> str:
    """What an answer rests on: its text, the cited passages, the titles of their clauses,
    and for a task the labels of its row and the clause sentences it restates (a table row
    is often a shortened sentence of its clause)."""
    parts = [answer]
    for c in citations:
        parts.append(c.text)
        doc = documents.get(c.doc_id)
        if doc is None:
            continue
        clause = doc.clause(c.clause_no) if c.clause_no is not None else None
        if clause is not None:
            parts.append(clause.title)
        task = doc.task(c.row_no) if c.row_no is not None else \
            next((t for t in doc.tasks if c.item and t.item == c.item), None)
        if task is not None:  # a task answers for its whole clause: its labels and the clause text
            parts += [task.key_task, task.measure, clause.text if clause is not None else ""]
    return "\n".join(p for p in parts if p)


def importance(question: str, words: Sequence[str], similarity: Similarity | None) -> dict[str, float]:
    """How much each word carries the question's meaning, by the embedding model: one
    minus the similarity of the question to itself without the word, scaled so 0.1 is
    ordinary (市民 in 市民人均公园绿地面积: ~0.2; 氢能 in 氢能在建筑领域的应用目标: ~1.3)."""
    if similarity is None or not words:
        return {}
    question = question.rstrip("？?。.！! ") + "？"  # one form, with or without its question mark as typed
    sims = similarity(question, [question.replace(w, "") for w in words])
    return {w: min(1.5, max(FLOOR_IMPORTANCE, (1.0 - s) / 0.1)) for w, s in zip(words, sims)}


def _split_in(term: str, evidence: str) -> bool:
    """Whether ``evidence`` writes ``term`` in two halves close together, in order."""
    return any(re.search(re.escape(term[:k]) + f"[^。；;]{{0,{SPLIT_GAP}}}" + re.escape(term[k:]), evidence)
               for k in range(1, len(term)))


#: words that ask the kinds of a thing (哪些资金来源, 哪些支持方式): held where the thing is written
_KIND_WORDS = ("来源", "渠道", "种类", "类型", "类别", "形式", "方式")


def _kinds_named(head: str, evidence: str) -> bool:
    """Whether kinds of ``head`` are named in a list (各级财政资金和地方政府专项债券), not ``head`` alone (加强资金保障)."""
    item, h = r"[\u4e00-\u9fa5]", re.escape(head)
    return bool(re.search(rf"{item}{{1,6}}{h}(?:和|、|及|以及){item}{{2,}}|{item}{{2,}}(?:和|、|及|以及){item}{{1,6}}{h}", evidence))


def _kinds_listed(term: str, evidence: str) -> bool:
    """Whether the kinds of a word asked are listed by their own names, which end as it does
    (哪几种热源: 污水源、土壤源、空气源; Chinese compounds put their head last): three or more,
    or two closed by 等 (not 优化能源、资源配置)."""
    head, item = re.escape(term[-1:]), r"[\u4e00-\u9fa5]{1,4}"
    return len(term) >= 2 and bool(re.search(rf"{item}{head}(?:、{item}{head}){{2,}}|{item}{head}、{item}{head}等", evidence))


def _rate_given(term: str, evidence: str) -> bool:
    """Whether a rate (节能率) is given as a percentage of its stem (83%节能, 节能达到65%)."""
    if len(term) < 3 or not term.endswith("率"):
        return False
    stem = re.escape(term[:-1])
    return bool(re.search(r"%\s*(?:以上|以内|左右)?\s*(?:的)?" + stem, evidence)
                or re.search(stem + r"[^。；;，,]{0,4}?\d+(?:\.\d+)?\s*%", evidence))


def rate_unquoted(terms: Sequence[str], quoted: str) -> bool:
    """Whether a rate asked (覆盖率 in 智慧工地2025年覆盖率指标) is nowhere in the sentences an
    answer quotes: neither its stem (覆盖) nor a percentage of it; a clause that names the rate
    elsewhere does not make a sentence without it the answer."""
    text = canonical(squeeze(quoted))
    rates = [canonical(t) for t in terms if len(t) >= 3 and t.endswith("率")]
    return any(r[:-1] not in text and not _rate_given(r, text)
               and not re.search(re.escape(r[0]) + r"[\u4e00-\u9fa5]{0,2}率", text)  # 漏失率 asked, 漏损率 written
               for r in rates)


#: a share asked (占比, 比例是多少): answered by a percentage
_SHARE_ASKED_RE = re.compile(r"占比|比例|比重|百分之|百分比|几成")


def share_unquoted(question: str, terms: Sequence[str], lines: Sequence[str]) -> bool:
    """Whether a share is asked (高星级绿色建筑占比要求多少) and no quoted line gives a
    percentage beside one of the question's other words: a line on the asked thing without a
    figure and a line with another indicator's figure (装配式建筑…40%) make no answer."""
    if not _SHARE_ASKED_RE.search(question):
        return False
    words = [canonical(t) for t in terms if not _SHARE_ASKED_RE.fullmatch(t) and t not in ("要求", "目标", "指标")]
    given = [canonical(squeeze(line)) for line in lines if re.search(r"%|百分点|[一二三四五六七八九几]成(?![本果立])", line)]
    return bool(words) and not any(w in line for line in given for w in words)


def _dimension(term: str) -> str:
    """The dimension a quantity word ends with (建筑面积 -> 面积), or ""."""
    return next((d for d in DIMENSIONS if term.endswith(d)), "")


def _dimension_given(term: str, evidence: str) -> bool:
    """Whether a quantity (建筑面积, 覆盖率) is given as a figure in its measure about the same
    thing: the term's stem (建筑 of 建筑面积) in the sentence before that figure, so that
    人均住房面积 is not held by 人均公园绿地面积达到16平方米."""
    dim = DIMENSIONS.get(_dimension(term), ())
    if not dim:
        return False
    stem = grams(term[:-2]) if len(term) > 2 else set()
    for m in re.finditer(r"\d\s*[万亿千百]?\s*(?:" + "|".join(map(re.escape, dim)) + ")", evidence):
        before = grams(re.split(r"[。；;\n]", evidence[max(0, m.start() - FIGURE_REACH):m.start()])[-1])
        if len(stem & before) >= len(stem) / 2:
            return True
    return False


def _words_of(evidence: str, cut: Cut) -> list[str]:
    """The distinct words of (canonical, squeezed) evidence text, cut sentence by sentence
    (the same words: jieba never joins across 。 or a line break) so that the passages
    every answer quotes are cut once (the tokenizer memoises)."""
    pieces = re.split(r"(?<=[\n。；;])", evidence)
    return list(dict.fromkeys(x for p in pieces if p for x in cut(p) if WORD_RE.fullmatch(x)))


def _stands_in(term: str, words: Sequence[str], similarity: Similarity, floor: float, eased: bool = False) -> bool:
    """Whether a word sharing a character with ``term`` is at least ``floor`` close to it by
    the embedding model (硬化 ~ 硬地, 渗水 ~ 渗透; a rate only by a rate: 渗水率 ~ 渗透率; a
    quantity only by a word sharing what it measures: 住房面积 not by 绿地面积)."""
    near = [x for x in words if set(x) & set(term)]
    if term.endswith("率"):  # a rate stands in only for a rate of a like thing: 处理率 is not 收集率
        near = [x for x in near if x.endswith("率") and set(x[:-1]) & set(term[:-1])]
    elif (dim := _dimension(term)) and len(term) > len(dim):
        near = [x for x in near if set(x) & set(term[:-len(dim)])]  # 住房面积 is not 绿地面积
    # eased: a word sharing two characters with the term needs less of the model (自来水管 ~ 供水管网)
    return any(s >= floor - (SHARED_EASING if eased and len(set(x) & set(term)) >= 2 else 0.0)
               for x, s in zip(near, similarity(term, near) if near else []))


def near_in(terms: Sequence[str], evidence: str, cut: Cut, similarity: Similarity, floor: float) -> set[str]:
    """The ``terms`` (words that carry the question less) an evidence word stands in for at
    similarity ``floor``, eased for a word sharing two characters (the evidence cut once)."""
    if not terms:
        return set()
    words = _words_of(canonical(squeeze(evidence)), cut)
    return {t for t in terms if _stands_in(t, words, similarity, floor, eased=True)}


def coverage(terms: Sequence[str], evidence: str, vocab: Vocabulary, cut: Cut,
             similarity: Similarity | None = None, asked: Sequence[str] = (),
             weight_of: Mapping[str, float] | None = None, held: Collection[str] = ()) -> tuple[float, list[str]]:
    """(weighted share of the question's words the evidence holds, the words it lacks).

    A word is held when its canonical form is in the evidence; partly held by the share of
    its bigrams there (a compound the text splits: 公园绿地 ~ 公园…绿地); an absent word
    is held when the embedding model finds an evidence word close to it.  ``asked`` words
    (what a quantity question asks for) weigh more, and an asked measure (亿元, 个) is held
    only where a number is given in it; evidence lacking an asked word answers something
    else, whatever else it holds (coverage 0).  ``weight_of`` scales words by their
    :func:`importance` to the question; ``held`` words count as found (judged by the caller)."""
    raw = squeeze(evidence)  # a word written there counts even where a longer synonym took it in (清洁能源供暖)
    ev = canonical(raw)
    ev_grams = grams(ev)
    ev_words: list[str] | None = None
    total = found = 0.0
    lacking: list[str] = []
    asked_set = {canonical(a) for a in asked}
    for term in dict.fromkeys(canonical(t) for t in (*terms, *asked)):
        w = vocab.weight(term) * (ASKED_WEIGHT if term in asked_set else 1.0)
        if weight_of and term not in asked_set:  # a word of the documents counts at least half
            w *= weight_of.get(term, 1.0) if not vocab.known(term) else max(KNOWN_FLOOR, weight_of.get(term, 1.0))
        total += w
        if term in MEASURES:
            family = next((f for f in SAME_MEASURE if term in f), (term,))
            if re.search(r"\d\s*[万亿千百]?\s*(?:" + "|".join(map(re.escape, family)) + ")", ev):
                found += w
            else:
                lacking.append(term)
            continue
        if term in ev or term in held or term in raw:
            found += w
            continue
        if _dimension_given(term, ev):
            found += w  # 建筑面积 held by "新增绿色建筑面积5000万平方米"
            continue
        if _rate_given(term, ev):
            found += w  # 节能率 held by "达到83%节能要求"
            continue
        if term.endswith(("目标", "指标")) and len(term) > 3 and term[:-2] in ev and re.search(r"\d", ev):
            found += w  # 控制目标 held by "漏损率控制在7.9%以内"
            continue
        if term in asked_set and len(term) >= 4 and term.endswith(_KIND_WORDS) and _kinds_named(term[:-2], ev):
            found += w  # 资金来源 held by "各级财政资金和地方政府专项债券": the kinds of 资金 are what is written
            continue
        if term in asked_set and _kinds_listed(term, ev):
            found += w  # 哪几种热源 held by "污水源、土壤源、空气源"
            continue
        g = grams(term)
        share = len(g & ev_grams) / len(g) if g else 0.0
        if _split_in(term, ev):
            found += w * max(share, 0.5)
            continue
        if similarity is not None and not vocab.known(term) and not vocab.unwritten_term(term):
            # a colloquial word may stand in for the documents' one (硬化 ~ 硬地); a term of the
            # field they never write does not (绿色建材 is not 绿色建筑, however close the model finds them)
            if ev_words is None:
                ev_words = _words_of(ev, cut)
            if _stands_in(term, ev_words, similarity, SIMILAR_WORD):
                found += w
                continue
        lacking.append(term)
    if any(t in asked_set for t in lacking):
        return 0.0, lacking
    return (found / total if total else 1.0), lacking


#: a library larger than this weighs a question's words over the documents an answer draws on
VOCAB_DOCS = 12


def drawn_on(scope: Sequence[Document], hits: Sequence[Hit], cited: Sequence[str] = ()) -> list[Document]:
    """The documents a question is worked on (rows and targets ranked, words weighed): all
    in scope for a small library; in a large one those the answer cites (``cited`` ids)
    and the search found (a province's 10,000 documents are never all read for one question)."""
    if len(scope) <= VOCAB_DOCS:
        return list(scope)
    by_id = {d.id: d for d in scope}
    ids = dict.fromkeys([*cited, *(h.chunk.doc_id for h in hits)])
    return [by_id[i] for i in ids if i in by_id][:VOCAB_DOCS]


def off_topic(question: str, lacking: Sequence[str], citations: Sequence[Citation], documents: Mapping[str, Document],
              scope: Sequence[Document]) -> bool:
    """Whether a word the evidence lacks names one of the documents' own topics (a clause
    title holds it: 绿色建材 of 推广绿色建材) that no cited clause or row speaks of at all:
    the evidence is about another topic (a clause on 装配式建筑 for 绿色建材应用比例).  Only a
    word of what is asked counts (the question's last part), not a frame set before it
    (推广绿色低碳农房方面，农村地区清洁取暖率…: the figure may stand in the goals clause)."""
    asked = canonical(re.split(r"[，,；;。]", question.rstrip("？?。！! "))[-1])
    topics = [t for t in lacking if len(t) >= 3 and t in asked and not re.search(re.escape(t) + r"(?:方面|这块|这一块|领域)", asked)]
    if not topics or not citations:  # (the titles are joined only when a lacking word is asked)
        return False
    titles = canonical("|".join(c.title for d in scope for c in d.clauses))
    topics = [t for t in topics if t in titles]
    if not topics:
        return False
    cited: list[str] = []
    for c in citations:
        doc = documents.get(c.doc_id)
        clause = doc.clause(c.clause_no) if doc is not None and c.clause_no is not None else None
        row = doc.task(c.row_no) if doc is not None else None
        cited.append(canonical(squeeze(" ".join([c.text, clause.text if clause else "", task_text(row) if row else ""]))))
    return any(all(t not in text for text in cited) for t in topics)


def said_elsewhere(terms: Sequence[str], lacking: Sequence[str], citations: Sequence[Citation], hits: Sequence[Hit],
                   vocab: Vocabulary, cut: Cut, evidence: str) -> bool:
    """Whether a passage of another clause or row than those cited holds every word the
    evidence lacks and clearly more of the question's words: the plan speaks of what is
    asked there, so a figure in the cited one is a neighbour's (既有农房节能改造 named in
    （十一） with no figure; the 200万平方米 of （十四） is for 既有居住建筑)."""
    if not lacking or not citations:
        return False
    clauses = {(c.doc_id, c.clause_no) for c in citations if c.clause_no is not None}
    rows = {(c.doc_id, c.row_no) for c in citations if c.row_no is not None}
    holding = [c.text for h in hits[:5] if not ((c := h.chunk).kind == "header" or (c.doc_id, c.clause_no) in clauses
                                                 or (c.doc_id, c.row_no) in rows)
               and all(canonical(t) in canonical(squeeze(c.text)) for t in lacking)]
    if not holding:  # the usual case: the evidence's own coverage is not needed
        return False
    least = max(MIN_COVER, coverage(terms, evidence, vocab, cut)[0] + 0.25)
    return any(coverage(terms, text, vocab, cut)[0] >= least for text in holding)


def absent_words(lacking: Sequence[str], terms: Sequence[str], vocab: Vocabulary, scope: Sequence[Document]) -> list[str]:
    """The lacking words no document in scope writes (红线 of 红线宽度 is written, inside a
    longer word), as the asker wrote them (住房面积, not its canonical form)."""
    said = {canonical(t): t for t in terms}
    return [said.get(t, t) for t in lacking if not (vocab.known(t) or any(t in d.text for d in scope))]


#: what holds for each thing of a kind when asked of one kind (市民广场的集中硬地面积最多多大, 商品住宅楼的节能率):
#: a limit, a rate or share, a requirement; never a total (滨河绿道要建多少公里: the plan's total is all 绿道's)
_EACH_HOLDS_RE = re.compile(r"最多|最少|最大|最小|上限|下限|不超过|不低于|不高于|不宜|不得|节能率|要求|标准|"
                            r"要不要|需不需要|是否要|是否需要|能不能|可不可以")
_TOTAL_RE = re.compile(r"(?:多少|几)(?:公里|千米|米|万?平方米|平米|公顷|万?户|个|座|处|部|套|栋|千瓦|兆瓦|吨|亿|万元|项)|多长|多大面积|"
                       r"新增|累计|一共|总共|合计|总量|规模")


def unnamed_kind(term: str, question: str, held: Sequence[str], vocab: Vocabulary, weight: float) -> bool:
    """Whether a lacking word makes the question ask a kind of a held thing the documents never
    name (滨河绿道: a kind of 绿道); not the asker's own thing told in their case, a word the
    model finds carries nothing (我们学校想在教学楼屋顶装光伏，…谁牵头: the plan's 学校屋顶光伏), nor
    a rule asked that holds for each thing of the kind (市民广场的集中硬地面积最多多大: the 广场 rule)."""
    if vocab.known(term) or not any(term + h in question for h in held):
        return False
    if (_EACH_HOLDS_RE.search(question) or WHO_ASKED_RE.search(question)) and not _TOTAL_RE.search(question):
        return False  # …and who leads a kind of a task (商场屋顶装光伏谁牵头): whoever leads the task
    return not (weight <= FLOOR_IMPORTANCE and term in own_case(question))


#: the most passages a word may be in to say which task is meant (屋顶 does, 建设 does not)
DISTINCT_SHARE = 0.15


def instance_of_held(term: str, question: str, terms: Sequence[str], lacking: Collection[str], vocab: Vocabulary) -> bool:
    """Whether a word the documents never use names the asker's instance of a thing the evidence
    holds (县一中 教学楼 屋顶: a roof, which the plan's 屋顶光伏 task covers): it stands right before
    a held word or another such word, and two held words remain to say which task it is."""
    held = [t for t in terms if canonical(t) not in lacking and len(t) >= 2 and vocab.known(t)
            and vocab.df(t) <= DISTINCT_SHARE * vocab.passages]  # 屋顶, 光伏; not 建设, 工作
    if vocab.known(term) or len(held) < 2:
        return False
    return any(re.search(re.escape(term) + r"(?:的|里|上|这类|这种)?" + re.escape(t), question) for t in (*held, *lacking)
               if t != term and not re.search(r"(?:改造|建设|管理|推进|实施|应用|利用|治理|整治|提升)$", t))  # 户厕|改造: a task


def quantity_lacking(lacking: Sequence[str], asked: Sequence[str]) -> bool:
    """Whether a lacking word names the quantity asked (住宅面积 asked in 平方米, 覆盖率 in %):
    a figure of another quantity (人均公园绿地面积) answers something else, however much else
    the evidence holds."""
    return any((d := _dimension(t)) and len(t) > len(d) and (t in asked or any(a in DIMENSIONS[d] for a in asked))
               for t in lacking)


def about_a_neighbour(question: str, terms: Sequence[str], lacking: Sequence[str], citations: Sequence[Citation],
                      documents: Mapping[str, Document], scope: Sequence[Document], hits: Sequence[Hit],
                      vocab: Vocabulary, cut: Cut, evidence: str) -> bool:
    """Whether the evidence is about another topic (:func:`off_topic`) or a neighbour of the
    thing asked, which the plan names elsewhere (:func:`said_elsewhere`)."""
    return off_topic(question, lacking, citations, documents, scope) \
        or said_elsewhere(terms, lacking, citations, hits, vocab, cut, evidence)
