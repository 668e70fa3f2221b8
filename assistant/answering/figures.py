"""Target questions answered from the documents' quantitative targets.

Every document carries its targets as data (indicator, value, year, sentence; see
:mod:`assistant.documents.targets`).  A question's asked indicator is matched to them by
the words that tell one indicator from another (IDF-weighted bigrams over the targets in
scope) and by the embedding model, so 绿色建筑占比 never gets the 装配式建筑 figure
because both are 新建建筑 比例; and a year for which the matched indicator has no target
is said so, with the years it has, instead of quoting another indicator of that year."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from assistant.answering.answerable import Similarity
from assistant.answering.asked import ITEM_NUMBER, WHETHER_SET_RE, target_preferences, whether_set
from assistant.answering.compose import NEAR, Draft, add_conflicts, conflicts_for, doc_label
from assistant.answering.intent import Query
from assistant.answering.premise import asked_value, baseline_years, same_value
from assistant.answering.spans import best_spans
from assistant.answering.terms import told_before_asked
from assistant.answering.wording import QUANTITY_WORDS, TARGET_WORDS
from assistant.config import DATA_DIR
from assistant.documents.targets import PLAN_PERIOD_END
from assistant.text import WORD_CUTTER, YEAR_RE, GramWeights, grams, query_grams, squash, without_markers
from assistant.types import Document, Target

#: how close the best target's indicator must be to the asked one to answer from it
MIN_MATCH = 0.5
#: targets within this of the best one measure the same indicator (several years, several documents)
SAME_INDICATOR = 0.08
#: the ending two indicators must share to measure the same thing in different years (绿地率 + its area: 建成区绿地率)
MEASURE_SUFFIX = 5
#: a quoted target below MIN_MATCH still measures the asked indicator when the closest by this margin, this close
CLOSEST_MARGIN, CLOSEST_FLOOR = 0.1, 0.4
#: …or when the model alone finds it this close and the next one this much further (a plan
#: term described in one's own words shares few characters with it: 下雨能渗下去的地面)
CLOSEST_MEANING, MEANING_MARGIN = 0.8, 0.06
#: the weight of the words a target's sentence puts before its indicator (figures._lead_in)
LEAD_IN_WEIGHT = 0.5
#: how many of the lexically closest indicators the embedding model also compares
SEMANTIC_CANDIDATES = 8
#: words asking for a share: only a percentage answers them
SHARE_WORDS = ("比例", "占比", "比率", "百分之", "百分比", "几成", "覆盖率", "利用率", "处置率", "普及率", "占多少", "占几")
_ASK_WORDS = sorted({*QUANTITY_WORDS, *TARGET_WORDS, "要", "是", "为", "的", "达到", "提出", "规定", "到", "前", "年底",
                     "以前", "之前", "时候", "期间", "要求", "这些", "那些", "这个", "两个", "三个", "几个", "分别", "方案里",
                     "方案中", "文件里", "文件中", "以内", "之内", "以上", "以下", "不超过", "最多", "至少", "不少于"}, key=len, reverse=True)
_MODAL = r"|得(?=控制|达到|保持|提高|提升|降|下降|不超过)|应(?!用|急|对)"  # 得控制在, 应达到: modals (not 应用)
_ASK_RE = re.compile("|".join(map(re.escape, _ASK_WORDS)) + _MODAL)
#: …but a rate's name stays when it is the one measure asked (供热计量装置覆盖率 is no 清洁取暖率)
_ASK_BUT_RATE_RE = re.compile("|".join(re.escape(w) for w in _ASK_WORDS if not w.endswith("率")) + _MODAL)


#: a comparison asked of the values (哪个目标定得更高): no indicator of its own
_COMPARE_RE = re.compile(r"(哪个|哪一个|哪项|谁)?的?(目标|指标)?(定得|设得|要求得?)?(更|较|比较)(高|低|大|小|多|少|严|宽松)")


def _read_contrasts() -> tuple[tuple[str, str], ...]:
    lines = (DATA_DIR / "contrasts.txt").read_text(encoding="utf-8").splitlines()
    pairs = [tuple(ln.split()[:2]) for ln in lines if ln.strip() and not ln.startswith("#")]
    return tuple((a, b) for a, b in pairs for a, b in ((a, b), (b, a)))


CONTRASTS = _read_contrasts()


#: a qualifier the question rules out: 城市（不是县城）, 而非县城, not rural
NEGATED_RE = re.compile(r"(?:(?<![是])不是|并非|而非|不含|不包括)([\u4e00-\u9fa5]{2,4}?)(?=[）)，,、。？?]|$)")


def contrary(phrase: str, indicator: str) -> bool:
    """Whether the indicator is qualified opposite to the asked phrase (新建 for 既有), or
    by what the phrase rules out (城市（不是县城）: a line about 县城)."""
    if any(w in indicator for w in NEGATED_RE.findall(phrase)):
        return True
    return any(a in phrase and b in indicator and a not in indicator and b not in phrase for a, b in CONTRASTS)


def sibling(phrase: str, indicator: str, texts: Sequence[str], lead: str = "") -> bool:
    """Whether the indicator (V+H) measures a sibling of the asked thing (W+H) that a document writes
    on its own (近零能耗建筑 asked, 超低能耗建筑 measured) — unless the ``lead`` clause into the indicator
    says W+H and never V before H (屋顶分布式光伏建设，…新增建筑光伏装机容量; not 主城区和新建城区道路网密度)."""
    seen_until = 0  # a head compared once is not compared again from inside (顶光伏 of 屋顶光伏)
    for k in range(2, len(phrase) - 1):
        if k < seen_until:
            continue
        for n in range(min(6, len(phrase) - k), 1, -1):
            head = phrase[k:k + n]
            at = indicator.find(head)
            if at < 2:
                continue
            w, v = phrase[k - 2:k], indicator[at - 2:at]
            if w != v and _CJK2.fullmatch(w) and _CJK2.fullmatch(v) and w not in indicator and v not in phrase \
                    and any(w + head in t for t in texts) and not (w + head in lead and v + head[:1] not in lead):
                return True
            seen_until = k + n
            break
    return False


_CJK2 = re.compile(r"[\u4e00-\u9fa5]{2}")
#: the measure a rate is of: the two characters before its 率 (替代率, 利用率, 覆盖率, 绿地率)
_RATE_RE = re.compile(r"([\u4e00-\u9fa5]{2})率(?!.*率)")


def other_rate(phrase: str, indicator: str) -> bool:
    """Whether both name a rate and the indicator's is of another measure: 可再生能源替代率
    asked, 屋顶光伏可安装面积利用率 measured (绿地率 is not 绿化覆盖率; 回收率 is within
    回收利用率, so that one is the same)."""
    asked, measured = _RATE_RE.search(phrase), _RATE_RE.search(indicator)
    if asked is None or measured is None:
        return False
    a, m = asked.group(1), measured.group(1)
    return a[-1] != m[-1] and a not in indicator and m not in phrase


@dataclass(frozen=True)
class Match:
    score: float
    doc: Document
    target: Target
    opposed: bool = False  # qualified opposite to, or a sibling of, the asked indicator


#: a plan named as a term of its own (an English question's terms are spaced: 绿色建材 方案):
#: which document, left out where the indicator asked is named back to the asker
_PLAN_TERM_RE = re.compile(r"(?:^|(?<=\s))(?:国家|省级|市级|县级)?方案(?=\s|$)")


def indicator_phrase(q: Query, joins: bool = False, said_back: bool = False) -> str:
    """What a target question asks the value of: its topic without years and asking words (2025年新建建筑中绿色建筑占比要达到多少
    -> 新建建筑中绿色建筑占比). ``joins``: keep a 、 where several are listed (A的比例、B的利用率); ``said_back``: as
    named back to the asker, without a plan named as a term (nor the 里 after it)."""
    topic = _PLAN_TERM_RE.sub(" ", q.topic) if said_back and q.topic else q.topic
    text = re.sub(r"(\d{4}\s*年)\s*[底末初]", r"\1", topic or q.text)  # 2024年底完成: 底 is of the year
    text = re.sub(r"“?十[三四五六]五”?(期间|末)?", " ", YEAR_RE.sub(" ", text))
    one_rate = sum(text.count(w) for w in SHARE_WORDS) == 1  # A利用率和B比例: two measures, read part by part
    text = (_ASK_BUT_RATE_RE if one_rate else _ASK_RE).sub(" ", _COMPARE_RE.sub(" ", text))
    if joins:
        text = re.sub(r"\s*[、，,；;]\s*", "、", text)
    text = re.sub(r"[\s，。？?！!；;：:“”]+" if joins else r"[\s，。？?！!、；;：:“”]+", "", text).strip("、")
    return re.sub(r"^(?:里面|里)(?!程)", "", text) if said_back else text  # (国家方案)里装配式建筑: not 中水


def _lead_in(t: Target) -> frozenset[str]:
    """The grams of what a target's sentence says it is of, before the indicator: the
    figure-free parts just before it that speak of the same thing (推进党政机关、学校、医院
    屋顶光伏建设，到2025年新增屋顶光伏装机容量2万千瓦: 党政机关、学校、医院), not a neighbour
    of another thing (推广钢结构住宅，…装配式建筑的比例达到50%)."""
    own = grams(t.indicator)
    out: set[str] = set()
    for part in reversed(_clauses_before(t, 2)):
        if re.search(r"\d", part):
            break
        items = part.split("、")
        shared = [i for i, item in enumerate(items) if len(grams(item) & own) >= 2]
        if len(items) - 1 in shared and all(len(item) <= 6 for item in items[1:-1]):
            out |= grams(part)  # 党政机关、学校、医院屋顶光伏: short qualifiers of the last item's thing
        else:  # 装配式混凝土建筑、钢结构住宅: only the items about the indicator's thing
            out |= {g for i in shared for g in grams(items[i])}
    return frozenset(out)


def _clauses_before(t: Target, n: int) -> list[str]:
    """The last ``n`` whole clauses of a target's sentence before its indicator, item
    numbers (1.) blanked: they are no figures; [] when the indicator opens the sentence."""
    at = t.text.find(t.indicator)
    if at <= 0:
        return []
    return re.split(r"[，,；;：:。]", re.sub(ITEM_NUMBER, " ", t.text[:at]))[:-1][-n:]


def _lead_text(t: Target) -> str:
    """The figure-free clause just before a target's indicator (推进党政机关、学校、医院屋顶光伏建设，)."""
    return "".join(p for p in _clauses_before(t, 1) if not re.search(r"\d", p))


def match_targets(phrase: str, docs: Sequence[Document], similarity: Similarity | None,
                  share: bool = False, lead_in: bool = True, preferred: Sequence[Callable[[Target], bool]] = ()) -> list[Match]:
    """Targets of ``docs`` by how well their indicator is the asked one, best first. Candidates: ``share``,
    percentages; ``preferred``: each narrows them when any passes; ``lead_in``: words before an indicator count half."""
    pairs = [(doc, t) for doc in docs for t in doc.targets if not share or "%" in t.value]
    for keep in preferred:  # the row named, the unit asked (asked.target_preferences)
        pairs = [p for p in pairs if keep(p[1])] or pairs
    if not phrase or not pairs:
        return []
    weights = GramWeights([grams(t.indicator) for _, t in pairs])
    asked = query_grams(phrase)
    # what the sentence says the target is of counts half as much as its indicator
    lexical = [max(own := weights.cover(asked, grams(t.indicator)),
                   own + LEAD_IN_WEIGHT * (weights.cover(asked, grams(t.indicator) | _lead_in(t)) - own))
               if lead_in else weights.cover(asked, grams(t.indicator)) for _, t in pairs]
    # the model weighs in on the lexically closest indicators only: a few texts to encode, however many documents
    top = sorted(range(len(pairs)), key=lambda i: -lexical[i])[:SEMANTIC_CANDIDATES]
    semantic = dict(zip(top, similarity(phrase, [pairs[i][1].indicator for i in top]))) if similarity else {}
    scored = [Match(0.6 * lx + 0.4 * semantic.get(i, lx), doc, t) for i, ((doc, t), lx) in enumerate(zip(pairs, lexical))]
    # an indicator qualified opposite to the asked one (新建 for 既有) measures something else
    # …or whose sentence says it is of the opposite thing (党政机关…屋顶光伏 for 户用屋顶光伏);
    # only a match close enough to count is looked at (below CLOSEST_FLOOR nothing changes)
    scored = [Match(min(m.score, MIN_MATCH - 0.01), m.doc, m.target, opposed=True)
              if m.score >= CLOSEST_FLOOR and (
                  contrary(phrase, m.target.indicator) or contrary(phrase, _lead_text(m.target) + m.target.indicator)
                  or sibling(phrase, m.target.indicator, [m.doc.text], _lead_text(m.target)) or other_rate(phrase, m.target.indicator)) else m
              for m in scored]
    return sorted(scored, key=lambda m: -m.score)


def figure_fit(q: Query, text: str, docs: Sequence[Document], similarity: Similarity | None) -> str:
    """How the figures an answer quotes fit the asked indicator by the documents' own targets:
    "another" when every one is the value of another indicator (超低能耗建筑要建多少平方米
    answered with the sentence's 既有居住建筑节能改造200万平方米), "meaning" when the quoted one
    is the closest only by the model's reading of the question, else "fits"."""
    phrase = indicator_phrase(q)
    line = squash(without_markers(text))
    ranked = match_targets(phrase, docs, similarity)
    quoted = [m for m in ranked
              if len(m.target.indicator) >= 2  # a target read without its indicator says nothing
              and squash(m.target.value) in line and squash(m.target.indicator)[-4:] in line]
    if quoted and quoted[0] is ranked[0] and not ranked[0].opposed and ranked[0].score >= CLOSEST_FLOOR:
        if len(ranked) == 1 or ranked[0].score - ranked[1].score >= CLOSEST_MARGIN:
            return "fits"  # the quoted figure's indicator is the closest one by far, worded otherwise
        if _by_meaning_only(phrase, ranked, similarity):
            return "meaning"
    return "another" if quoted and all(m.score < MIN_MATCH for m in quoted) else "fits"


def _same_measure(a: str, b: str) -> bool:
    return a == b or _suffix(a, b) >= MEASURE_SUFFIX  # one measure written for different years (…建成区绿地率)


def _by_meaning_only(phrase: str, ranked: Sequence[Match], similarity: Similarity | None) -> bool:
    """Whether the best match is below MIN_MATCH by words but close enough, not opposed, and
    clearly the closest by the model: then it answers, its line holding the words as they are."""
    return bool(ranked) and CLOSEST_FLOOR <= ranked[0].score < MIN_MATCH and not ranked[0].opposed \
        and _closest_in_meaning(phrase, ranked, similarity)


def _closest_in_meaning(phrase: str, ranked: Sequence[Match], similarity: Similarity | None) -> bool:
    """Whether the best-ranked indicator is, by the model alone, close to the asked phrase
    and clearly closer than any other ranked near it."""
    if similarity is None:
        return False
    top = ranked[:SEMANTIC_CANDIDATES]
    sims = similarity(phrase, [m.target.indicator for m in top])
    own = top[0].target.indicator  # its own measure in another year or wording is no rival
    return sims[0] >= CLOSEST_MEANING and all(sims[0] - s >= MEANING_MARGIN for s, m in zip(sims[1:], top[1:])
                                              if not _same_measure(m.target.indicator, own))


def _each_indicator(phrase: str, docs: Sequence[Document], similarity: Similarity | None,
                    share: bool) -> list[tuple[str, list[Match]]]:
    """For a phrase joining indicators (A和B, A、B及C), each one and its matches; [] for one.
    A qualifier the first names may hold for the others (生活垃圾回收利用率和资源化利用率):
    each later one is read with or without a leading part of the first, whichever fits best."""
    parts = [p for p in re.split(r"以及|和|与|及|、|，|,", phrase) if len(p) >= 2]
    if len(parts) < 2:
        return []
    cut = WORD_CUTTER.get() or (lambda t: list(t))  # a leading part ends where a word ends (生活垃圾, not 生活垃)
    ends = list(accumulate(len(w) for w in cut(parts[0])))
    readings_of = [[part] if i == 0 else [part, *(parts[0][:k] + part for k in ends if 2 <= k < len(parts[0]) - 1)]
                   for i, part in enumerate(parts)]
    if similarity is not None:  # every reading encoded in one batch (the model memoises them)
        similarity(phrase, [r for rs in readings_of for r in rs])
    out = []
    for readings in readings_of:
        # each part on its own indicator: a context clause (我们在审…的图纸，) is not one
        scored = [(r, _matches_part(r, docs, similarity, share)) for r in readings]
        out.append(max(scored, key=lambda x: x[1][0].score if x[1] else 0.0))
    last = out[-1][1]  # a last clause naming no indicator of its own (…改造，十四五期间各要完成多少): dropped
    if len(out) > 2 and (not last or last[0].score < MIN_MATCH or last[0].target in {m[0].target for _, m in out[:-1] if m}):
        out.pop()
    return out


def _matches_part(part: str, docs: Sequence[Document], similarity: Similarity | None, share: bool) -> list[Match]:
    """A share asked may belong to one part only (装配式建筑比例（2025年）和节能改造累计目标（2027年）):
    a part no percentage measures is matched among all targets."""
    matches = match_targets(part, docs, similarity, share, lead_in=False)
    if share and (not matches or matches[0].score < MIN_MATCH):
        every = match_targets(part, docs, similarity, False, lead_in=False)
        if every and every[0].score >= MIN_MATCH:
            return every
    return matches


def _suffix(a: str, b: str) -> int:
    """Length of the ending two indicators share (…建成区绿地率)."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _same(ranked: Sequence[Match], years: Sequence[int]) -> tuple[list[Match], list[Match]]:
    """The targets measuring the best-matched indicator, and those of them for ``years``."""
    same = [m for m in ranked if m.score >= ranked[0].score - SAME_INDICATOR]
    return same, [m for m in same if not years or m.target.year in years]


def answer_target(q: Query, docs: Sequence[Document], similarity: Similarity | None) -> Draft:
    """The value(s) of the asked indicator, for the asked years; found=False with the
    years the document does set when it sets none for those asked; an empty, not-found
    draft when no target measures the asked indicator (the caller then reads passages)."""
    d = Draft(found=False)
    phrase = indicator_phrase(q)
    share = any(w in q.text for w in SHARE_WORDS)
    ranked = match_targets(phrase, docs, similarity, share, preferred=target_preferences(q))
    several = _each_indicator(indicator_phrase(q, joins=True), docs, similarity, share)
    if several and all(r and r[0].score >= MIN_MATCH for _, r in several) \
            and len({r[0].target for _, r in several}) == len(several):
        # 人均公园绿地面积和城市绿道长度分别…: each indicator its own value
        # a part may name its time as a plan period (“十四五”期间…和到2027年…)
        asked = (*q.years, *(end for period, end in PLAN_PERIOD_END.items() if period in q.text)) if q.years else ()
        picked = [(part, _same(r, asked)[1][:2]) for part, r in several]
        if all(ms for _, ms in picked):
            d.found, d.score = True, min(r[0].score for _, r in several)
            docs_cited = {m.doc.id for _, ms in picked for m in ms}
            for _, ms in picked:
                quote_targets(d, q, ms, years_only=bool(q.years), several=len(docs_cited) > 1, own_indicator=True)
            d.lines = list(dict.fromkeys(d.lines))  # two parts matched to one target: quoted once
            return d
    if not ranked or ranked[0].score < MIN_MATCH and not _by_meaning_only(phrase, ranked, similarity):
        return d
    if ranked[0].score < MIN_MATCH:  # closest in meaning only: its own measure, no lexical neighbours
        ranked = [m for m in ranked if _same_measure(m.target.indicator, ranked[0].target.indicator)]
        d.by_meaning = True
    d.score = ranked[0].score
    same, chosen = _same(ranked, q.years)
    # 2025 says 全市城区（县城）建成区绿地率, 2030 城市建成区绿地率: one measure, so a year
    # asked that the best-matched wording does not set is read from the other wording
    missing = [y for y in q.years if not any(m.target.year == y for m in chosen)]
    if missing:
        chosen = sorted([*chosen, *(m for y in missing for m in [
            m for m in ranked if m.target.year == y and m.score >= MIN_MATCH
            and _suffix(m.target.indicator, same[0].target.indicator) >= MEASURE_SUFFIX][:1])],
            key=lambda m: m.target.year or 0)
    if not chosen:
        have, years = sorted({f"{m.target.year}年" if m.target.year else "未注明年份" for m in same}), "、".join(f"{y}年" for y in q.years)
        said = asked_value(q)  # 是不是2025年要达到60%？ the figure is set, for another year: say so
        if said and (right := [m for m in same if same_value(said, m.target.value)]):
            d.found = not told_before_asked(q.text)  # …80%以上，那2028年呢: the figure was told, 2028 is not set
            d.lines.append(f"文件没有提出{years}的这项目标；{'、'.join(have)}的目标是：")
            quote_targets(d, q, right[:1], years_only=False, several=False)
            return d
        named = re.sub(r"有$", "", WHETHER_SET_RE.sub("", indicator_phrase(q, said_back=True) or phrase))
        d.found = whether_set(q) and not d.by_meaning  # a look-alike indicator for another year: no plain "no"
        d.lines += [f"{'没有。' if d.found else ''}文件没有提出{years}“{named}”的目标；文件中这一指标的目标年份是：{'、'.join(have)}。",
                    *([] if d.found else [NEAR])]  # 有没有2025年目标: "no, 2030's is" answers it
        quote_targets(d, q, same[:1], years_only=False, several=len({m.doc.id for m in same}) > 1)
        return d
    base, written = baseline_years(q.text), {y for m in chosen[:4] for y in baseline_years(m.target.text)}
    if base and written and not base & written:  # 比2025年下降多少: the plan measures against 2020
        d.lines += [f"文件中这一指标的比较基准是{'、'.join(map(str, sorted(written)))}年，没有以"
                    f"{'、'.join(map(str, sorted(base)))}年为基准的目标。", NEAR]
        quote_targets(d, q, chosen[:1], years_only=False, several=False)
        return d
    d.found = True
    quote_targets(d, q, chosen[:4], years_only=bool(q.years), several=len({m.doc.id for m in chosen}) > 1)
    said = asked_value(q) if q.years else None  # 2025年是不是要达到60%？ 60% is the 2030 target: say so
    if said and not any(same_value(said, m.target.value) for m in chosen) \
            and (other := [m for m in ranked if m not in chosen and m.target.year and same_value(said, m.target.value)
                           and m.doc.id == chosen[0].doc.id  # the same plan's other year, never another plan's
                           and (m in same or _suffix(m.target.indicator, chosen[0].target.indicator) >= MEASURE_SUFFIX)]):
        d.lines.append(f"另：{other[0].target.value}是{other[0].target.year}年的目标：")
        quote_targets(d, q, other[:1], years_only=False, several=False)
    return d


#: a clause heading and item number a target's sentence may open with: （七）推进屋顶分布式光伏1.
_HEADING_RE = re.compile(r"^（[一二三四五六七八九十]+）[^，。；;（）]{0,30}?(?<![\d.])\d{1,2}[.．](?!\d)")


def _row_quoted(doc: Document, t: Target) -> int | None:
    """The table row a target's quoted sentence comes from: a body clause the table
    repeats is cited as the clause, so the card does not show 第N行 over body text."""
    row = next((r for r in doc.tasks if t.row_no is not None and r.row_no == t.row_no), None)
    return t.row_no if row is not None and squash(t.text) in squash(row.requirement) else None


def quote_targets(d: Draft, q: Query, matches: Sequence[Match], *, years_only: bool, several: bool,
           own_indicator: bool = False) -> None:
    """One line per target: the verbatim span of its sentence that states it, cited
    (spanned around the question's phrase, or with ``own_indicator`` the target's own)."""
    seen = {re.sub(r"\[\d+\]。$", "", line) for line in d.lines}
    for m in matches:
        t = m.target
        spans = best_spans((t.indicator if own_indicator else indicator_phrase(q)) or t.indicator, t.text, q.years if years_only else (), True,
                           context=t.indicator)
        span = next((sp for _, sp in spans if t.value.replace(" ", "") in sp.replace(" ", "")),
                    t.text.rstrip("。；;"))
        span = _HEADING_RE.sub("", span)  # （七）推进屋顶分布式光伏1.推进…: the item, not its heading
        if span in seen:
            continue
        seen.add(span)
        ref = d.cite(m.doc, t.text, t.clause_no, _row_quoted(m.doc, t))
        prefix = doc_label(m.doc) + "：" if several else ""
        d.lines.append(f"{prefix}{span}{ref}。")
        add_conflicts(d, m.doc, conflicts_for(m.doc, t.clause_no, t.row_no, span))
