"""Units and places a question names: unit names in any form the loaded documents' units
answer to (full, as written, short), and place names where a place can stand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answering.english import place_stem
from assistant.answering.terms import Tagged, jieba_tagged, word_starts
from assistant.documents.unitdata import other_level, split_suffix
from assistant.documents.units import LEVEL_CHARS

UNIT_END_RE = re.compile(r"局|委员会|委|中心|厅|办|政府|部门|部|署|办公室|公司|街道[）)]?")  # 乡镇（街道）, 城市管理部门
#: a unit named by its line of work right before its role (城市管理参与的任务, 自然资源和规划 配合)
#: …or a word for its side of the work (财政那边, 财政口), or a level and its line of work standing
#: alone among English words (县财政 supports which tasks)
_SIDE_WORDS = ("那边", "这边", "口", "条线")
_CORE_BEFORE_ROLE_RE = re.compile(r"([\u4e00-\u9fa5]{2,12}) ?(?=牵头|参与|配合|负责|涉及|" + "|".join(_SIDE_WORDS).replace("口", "口(?!径)")
                                  + r")|(?<![\u4e00-\u9fa5])([省市县区][\u4e00-\u9fa5]{1,11})(?=\s)")
#: a department's ending right after a short form (住建|部, 发改|委)
_ENDING_RE = re.compile(r"局|委员会|委|厅|部(?!门)|署")
#: who is asked (节水型城市建设牵头单位是哪个): the words before the role name a task, not a unit…
#: …unless a task is what is asked (财政牵头的任务是哪个)
_TASK_ASKED_RE = re.compile(r"(?<=牵头|参与|配合|负责)的?(?:任务|工作|事项?)[^，,。？?]*?(?:哪个|哪些|哪项|什么)")
_WHO_ASKED_RE = re.compile(r"谁|哪个|哪家|哪些(单位|部门)|什么(单位|部门)|(单位|部门)(有|都有|是)?哪")


def _body(canon: str) -> str:
    """A unit's name without its level and its ending (市城市管理局 -> 城市管理)."""
    return split_suffix(canon[1:] if canon[:1] in LEVEL_CHARS and len(canon) > 3 else canon)[0]


def _named_by_line_of_work(text: str, resolve: Callable[[str], str | None],
                           taken: Sequence[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """Units named by their line of work right before a role (城市管理参与的任务) or a word for
    its side of the work (财政那边, 财政口): only a unit takes a role, so X参与 names X's
    department when X is the whole of its name (城市管理 of 市城市管理局), never a word that
    merely ends it (建设 of 城市建设); none when the question
    asks who (…牵头单位是哪个: the words before the role name a task).  (start, canonical,
    as written), outside the spans already ``taken``."""
    if _WHO_ASKED_RE.search(_TASK_ASKED_RE.sub("", text)):
        return []
    found: list[tuple[int, str, str]] = []
    for m in _CORE_BEFORE_ROLE_RE.finditer(text):
        g = m.lastindex or 1
        if any(s < m.end(g) and m.start(g) < s + len(w) for s, _, w in taken):
            continue
        run = m.group(g)
        run = run[:-len(side)] if (side := next((w for w in _SIDE_WORDS if run.endswith(w)), "")) else run  # 城市管理那边|牵头
        for start in range(len(run) - 1):
            canon = resolve(run[start:] + "部门")
            said = run[start + 1:] if canon and run[start] in LEVEL_CHARS and canon[0] == run[start] else run[start:]
            if canon and _body(canon) == said:  # 县财政配合: the county's bureau, by its level
                found.append((m.start(g) + start, canon, run[start:]))
                break
    return found


def _inside_word(text: str, start: int, end: int, resolve: Callable[[str], str | None],
                 plain: Callable[[str], bool]) -> bool:
    """Whether text[start:end] is part of a longer word the documents write that names no
    unit (住建 of 居住建筑): then it is no short form of a unit's name."""
    for a in range(0, 3):
        for b in range(0, 3):
            if (a or b) and start - a >= 0 and end + b <= len(text):
                word = text[start - a:end + b]
                if re.fullmatch(r"[\u4e00-\u9fa5]+", word) and plain(word) and not resolve(word):
                    return True
    return False


#: a unit's stem naming its field in a plan's name (住建领域碳达峰方案, 住建行业的方案): no unit
_FIELD_PLAN_RE = re.compile(r"(?:领域|行业)[^，,。？?]{0,6}?(?:碳达峰|方案|文件|规划)")


def find_units(text: str, resolve: Callable[[str], str | None], stems: Sequence[str] = (),
               plain: Callable[[str], bool] | None = None, by_ending: bool = True) -> list[tuple[str, str]]:
    """Every unit named in ``text``, in order: (canonical, as written).

    Each unit suffix (局, 委员会 …) is extended to the left as far as ``resolve`` still
    knows the name, so 市住房和城乡建设局 wins over 城乡建设局.  ``stems`` are short forms
    without a suffix the documents' units answer to (城管, 住建: abbreviations, never a
    plain word of the name such as 财政), resolved like the names they shorten, unless
    ``plain`` (the documents write it) finds them inside a longer word (住建 of 居住建筑)."""
    found = [(start, canon, cand) for start, canon, cand in _full_names(text, resolve)
             if not _level_before(text, start, canon) and not (by_ending and other_level(_said(text, start, cand), canon))]
    for short in sorted(stems, key=len, reverse=True):
        for m in re.finditer(re.escape(short), text):
            if any(s <= m.start() < s + len(w) for s, _, w in found) or _FIELD_PLAN_RE.match(text, m.end()) \
                    or (plain is not None and _inside_word(text, m.start(), m.end(), resolve, plain)):
                continue  # (这个住建领域碳达峰方案: a field naming a plan, no unit)
            canon = resolve(short)
            if not canon:
                continue
            if by_ending:  # 国家发改委, 住建部 in a city's plan: another level's body than its 发改委, 住建局
                ending = _ENDING_RE.match(text, m.end())
                if other_level(_said(text, m.start(), short + (ending.group() if ending else "")), canon):
                    continue
            if not _level_before(text, m.start(), canon):
                found.append((m.start(), canon, short))
    found += _named_by_line_of_work(text, resolve, found)
    found.sort()
    out: list[tuple[str, str]] = []
    for _, canon, written in found:
        if canon not in [c for c, _ in out]:
            out.append((canon, written))
    return out


def _said(text: str, start: int, name: str) -> str:
    """``name`` found at ``start`` with the 国家 written before it (国家|发改委: a national body)."""
    return ("国家" if text[max(0, start - 2):start] == "国家" else "") + name


def _full_names(text: str, resolve: Callable[[str], str | None]) -> list[tuple[int, str, str]]:
    """(start, canonical, as written) for each unit suffix (局, 委员会 …) extended to the
    left as far as ``resolve`` still knows the name."""
    found: list[tuple[int, str, str]] = []
    taken_until = -1
    for m in UNIT_END_RE.finditer(text):
        end = m.end()
        for start in range(max(0, end - 16), end - 1):
            if start <= taken_until:
                continue
            cand = text[start:end]  # brackets inside a name: 各县（市、区）人民政府
            if not re.fullmatch(r"[\u4e00-\u9fa5][\u4e00-\u9fa5（）()、]*", cand) \
                    or cand.count("（") + cand.count("(") != cand.count("）") + cand.count(")"):
                continue
            canon = resolve(cand.replace("各个", "各"))  # 各个市政府: each city's government
            if canon:
                paren = re.match(r"[（(][\u4e00-\u9fa5、]{1,12}[）)]", text[end:])  # 乡镇政府（街道办事处）: the note is the name's
                if paren and resolve(cand + paren.group()) == canon:
                    cand, end = cand + paren.group(), end + paren.end()
                found.append((start, canon, cand))
                taken_until = end - 1
                break
    return found


def other_level_unit(text: str, resolve: Callable[[str], str | None]) -> str | None:
    """A unit named with a level none of the documents' units of that name has (省住建厅, 住建部,
    国家发改委 where only 市住房和城乡建设局 is known): that name, with its place, or None."""
    named = next((level + cand if level else said for start, canon, cand in _full_names(text, resolve)
                  if (level := _level_before(text, start, canon)) or other_level(said := _said(text, start, cand), canon)),
                 None)
    return named or next((cand for m in re.finditer(r"部(?!门)", text) for start in range(max(0, m.start() - 12), m.start())
                          if re.fullmatch(r"[\u4e00-\u9fa5]+", cand := text[start:m.end()]) and not resolve(cand)
                          and (canon := resolve(cand[:-1] + "局")) and canon[:1] in LEVEL_CHARS), None)  # 住建部: a ministry


def _level_before(text: str, start: int, canon: str) -> str:
    """The level (with its place) the name found at ``start`` is given when its unit is of
    another: 省 or 山东省 before 住建厅 where the documents know only 市住房和城乡建设局; ""
    when there is none, or the character is the end of a word (农村地区, 老旧小区, 城区)."""
    before = text[start - 1:start]
    if not before or before not in "省市县区" or canon[:1] not in "省市县区" or before == canon[0]:
        return ""
    word, flag = jieba_tagged(text[max(0, start - 8):start])[-1]
    return word if word == before or flag == "ns" else ""


#: how a unit's name ends in a question when no loaded document knows it (生态环境局)
_UNKNOWN_END = ("局", "厅", "委", "委员会", "办", "办公室", "署", "公司", "集团")
#: words ending as a bureau does that name no body (空间布局, 新格局)
_LAYOUT_WORD_RE = re.compile(r"(布|格|大|全|当|结|开|时|变|定|出)局$")
#: a company's name is often one word (电力公司, 燃气集团)
_COMPANY_END = ("公司", "集团")
#: parts of speech a unit's name is made of (市/n 生态环境/l 局/n, 县/zg 交通运输/j 局)
_NAME_FLAGS = ("n", "l", "j", "x", "vn", "zg", "nz", "ns", "nt")


#: a unit's ending jieba glues to the word before it (管理局, 信局 of 市工|信局, 服务中心)
_GLUED_END = ("局", "厅", "中心")


def _name_start(words: Tagged, i: int) -> int:
    """Where the name ending before ``words[i]`` starts: at most two words of name and a
    level or place before them (农村污水治理|市生态环境局 → 市生态环境); a 和 joining two
    of its words is part of it (市|文化|和|旅游局)."""
    j, joins = i, 0
    while j > 0 and i - j - joins < 2:
        if words[j - 1][0] == "和" and j >= 2 and words[j - 2][1].startswith(_NAME_FLAGS) and not joins:
            j, joins = j - 1, 1
            continue
        if not (words[j - 1][1].startswith(_NAME_FLAGS) and re.fullmatch(r"[\u4e00-\u9fa5]+", words[j - 1][0])
                and words[j - 1][0][-1] not in "省市县区") or re.search(r"哪|几|什么|多少|啥", words[j - 1][0]):  # 哪几个|局
            break
        j -= 1
    if joins and words[j][0] == "和":  # a 和 the name does not open with
        j += 1
    if j > 0 and (words[j - 1][0][-1] in "省市县区" or words[j - 1][1] == "ns") \
            and re.fullmatch(r"[\u4e00-\u9fa5]+", words[j - 1][0]):
        j -= 1
    return j


def unknown_unit(words: Tagged, resolve: Callable[[str], str | None],
                 written: Callable[[str], bool] | None = None, stems: Sequence[str] = ()) -> str | None:
    """A unit's name the question gives that no loaded document knows (:func:`_unknown_name`),
    unless its work is part of a known unit's name (市规划局 where 自然资源和规划局 is known:
    a short name, not another unit)."""
    name = _unknown_name(words, resolve, written)
    core = re.sub(r"(局|厅|委员会|委|办公室|办|中心|署|公司|集团)$", "", name.lstrip("省市县区")) if name else ""
    return None if len(core) >= 2 and any(core in s for s in stems) else name


def _unknown_name(words: Tagged, resolve: Callable[[str], str | None],
                  written: Callable[[str], bool] | None = None) -> str | None:
    """A unit's name the question gives that no loaded document knows (市生态环境局 in a
    plan without it), or None.  The name is the run of name-like words before a unit
    ending; a question word (哪个局) or a known unit is no such name; ``written`` tells
    whether the documents write a word (a company named by part of its name)."""
    for i, (w, _) in enumerate(words):
        if w not in _UNKNOWN_END:
            if len(w) >= 4 and w.endswith(_COMPANY_END) and not resolve(w) and not (written and written(w)):
                return w  # 电力公司, one word, in no document (供电公司 of 国网青山供电公司 is written)
            before = words[i - 1][0] if i else ""
            leveled = before[-1:] in ("省", "市", "县", "区") and len(before) <= 4
            if len(w) >= 3 and w.endswith(("局", "厅")) and not _LAYOUT_WORD_RE.search(w) \
                    and (leveled or words[i][1] == "nt") and not (written and written(w)):
                name = (before if leveled else "") + w  # 市|统计局: one word, a bureau no document names
                if not resolve(name) and not resolve(w):
                    return name
            if w.endswith(_GLUED_END) and len(w) >= 2 and not _LAYOUT_WORD_RE.search(w):
                start = _name_start(words, i)
                name = "".join(x for x, _ in words[start:i]) + w  # 市|应急|管理局, 市工|信局
                leveled = words[start][0][-1 if w.endswith("中心") else 0] in "省市县区"  # not 区域…中心
                if leveled and len(name) >= 4 + w.endswith("中心") * 3 and not (written and written(name)) \
                        and not resolve(name) and not resolve(name[1:]):
                    return name
            continue
        core = "".join(x for x, _ in words[_name_start(words, i):i])
        if len(core.lstrip("省市县区")) < 2:
            continue
        name = core + w
        if not resolve(name) and not resolve(core) and not (w in _COMPANY_END and written and written(name)):
            return name
    return None


#: how people name a unit's line of work (规划口, 住建部门, 城管那边)
_LINE_OF_WORK = ("口", "部门", "系统", "条线", "那边", "这边", "方面")


def appositions(text: str, mentions: Sequence[str], words: Tagged, starts: Sequence[int]) -> list[str]:
    """A name a question gives a unit just before naming it in brackets (规划口（自然资源和
    规划局）): the word right before the bracket when it names a line of work; the same
    unit in the asker's words, not something asked about.  ``starts``: where each of
    ``words`` starts in ``text`` (:func:`~assistant.answering.terms.word_starts`)."""
    ending = {i + len(w): k for k, ((w, _), i) in enumerate(zip(words, starts))}  # the word ending at each place
    out = []
    for m in mentions:
        for hit in re.finditer(r"[（(]" + re.escape(m) + r"[)）]", text):
            k = ending.get(hit.start())
            if k is None:
                continue
            last = words[k][0]
            # 规划 + 口, 规划 + 那边: the line of work said apart from its name
            name = words[k - 1][0] + last if k > 0 and (len(last) == 1 or last in _LINE_OF_WORK) else last
            if len(name) >= 2 and name.endswith(_LINE_OF_WORK):
                out.append(name)
    return out


#: words ending like a place that name a kind of area (建成区, 示范区), not a place
AREA_NOUNS = ("城市", "都市", "城区", "老城区", "旧城区", "市区", "社区", "园区", "片区", "街区", "新区", "小区", "校区", "景区", "建成区",
              "示范区", "功能区", "集聚区", "保护区", "试验区", "先行区", "规划区", "开发区", "服务区", "商业区", "住宅区",
              "工业区", "山区", "库区", "矿区", "林区", "牧区", "灾区", "辖区", "城乡结合区",
              # kinds of region (农村地区清洁取暖率), not a named 地区 such as 大兴安岭地区
              "农村地区", "乡村地区", "城镇地区", "城市地区", "北方地区", "南方地区", "偏远地区", "边远地区", "重点地区",
              "部分地区", "其他地区", "相关地区", "贫困地区", "寒冷地区", "严寒地区", "夏热冬冷地区", "夏热冬暖地区")
_AREA_QU = tuple(a for a in AREA_NOUNS if a.endswith("区"))  # 聊城市 is a place, 老城区 an area
#: words ending in 镇 that name a kind of settlement (城镇, 小城镇), not one town
TOWN_NOUNS = ("城镇", "乡镇", "集镇", "村镇", "小镇", "重镇", "建制镇", "中心镇", "重点镇", "新市镇", "特色镇", "示范镇",
              "试点镇", "名镇", "生态镇")
GENERIC_PLACES = ("全市", "全省", "全国", "城市", "县城", "市区", "城区", "主城区", "新区", "各县", "本市", "乡村", "农村",
                  # kinds of division and the asker's own (一个地级市的住建局, 我市): no named place
                  "地级市", "县级市", "直辖市", "设区市", "副省级市", "区县", "市县", "县市", "省会", "我市", "我县", "我省",
                  "我区", "外省", "外市", "外县")



#: the words after which a name stands where a place may (在济南, 给临清分配, 比济南高)
_BEFORE_PLACE = ("在", "对", "于", "和", "与", "跟", "给", "为", "比")


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands where a place may (on its own, after 在/给…) and is
    all of a name (followed by a space, punctuation, or words naming a plan: …的方案, …这个)."""
    if text[:start].endswith(_BEFORE_PLACE):
        return True
    bare = r"[\s，,。？?！!：:；;、]"
    return (start == 0 or re.match(bare, text[start - 1]) is not None) \
        and (end == len(text) or re.match(bare + r"|的|这个|那个|这份|那份|方案", text[end:]) is not None)


def find_places(text: str, words: Tagged, plain: Callable[[str], bool] | None = None,
                known: Sequence[str] = ()) -> tuple[str, ...]:
    """Place names in the question (jieba's ``ns`` tag, plus X县 / X区 / X市 forms).
    ``plain`` tells a word the documents use as an ordinary word (新建, 城市绿化: jieba
    tags them ns): without an admin suffix such a word is no place.  The stem of a ``known``
    place (the documents' places, the asker's own) is one where it stands on its own or names
    a plan (东岳 碳达峰方案, 临河的方案; not 老城区临河地段), its full name not said."""
    stems = {place_stem(k) for k in known if len(k) >= 3 and k not in text}
    found: list[str] = [w for w, at in zip((w for w, _ in words), word_starts(words, text))
                        if w in stems and _stands_alone(text, at, at + len(w))]
    for i, (w, flag) in enumerate(words):
        if len(w) < 2 or w in GENERIC_PLACES or re.search(r"[年全各本该每个的和与及在到是]", w) \
                or (len(w) == 2 and w[0] in "里内中外上下") or re.search(r"[项条表款][里内中][省市县区]$", w):  # 里市 of 方案里市住建局, 项里县: no place
            continue
        prev = words[i - 1][0] if i else ""
        # jieba tags many words ns (加密, 滨河): without an admin suffix a name must open the
        # question or follow 在/对/和/给 … to count as a place (青岛的…, 在济南…, 给临清分配)
        bare_ns = flag == "ns" and w[-1] not in "省市县区州" and (i == 0 or prev in _BEFORE_PLACE) \
            and not (plain is not None and plain(w))
        town = w[-1] == "镇" and len(w) >= 3 and not w.endswith(TOWN_NOUNS) and not (plain is not None and plain(w))
        district = len(w) == 3 and w[0] in "东西南北" and w.endswith("城区")  # 东城区 names one, 老城区 a kind
        if len(w) == 2 and w[-1] == "市" and flag != "ns":  # 超市, 门市: no city; 南|州市: jieba's cut of 南州市
            if len(prev) == 1 and words[i - 1][1] in ("ns", "nr", "j") and prev + w in text:
                found.append(prev + w)
            continue
        if (flag == "ns" and w[-1] in "省市县区州" and (not w.endswith(_AREA_QU) or district)) or bare_ns or town \
                or (w[-1] in "省市县区" and not w.endswith(AREA_NOUNS)):  # 老城区 (ns): a kind of area
            found.append(w)
    found += re.findall(r"[A-Z][a-z]+市", text)  # names kept from an English question
    # a name jieba splits off its suffix: 示例/县, 某某/区 (a noun followed by a bare 县/区/市)
    for (w, flag), (nxt, _) in zip(words, words[1:]):
        if (nxt in ("县", "区", "市", "省") or (nxt == "镇" and flag == "ns")) and len(w) >= 2 and flag[:1] in ("n", "x", "j") \
                and re.fullmatch(r"[\u4e00-\u9fa5]+", w) and w not in GENERIC_PLACES and w + nxt in text \
                and not w.endswith(("里", "内", "中")) \
                and not (plain is not None and plain(w) and re.match(rf"{w}{nxt}(?:的|里)?(?:方案|文件)", text[text.find(w + nxt):])):
            # 第4项里|县住建局: where in the plan, no 项里县; 单位县方案: a word of the plans before the county plan
            found.append(w + nxt)  # adjacent in the text: 任务 县城市管理局 (a translation) names no 任务县
    return tuple(dict.fromkeys(found))


def with_longer(units: list[tuple[str, str]], found: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """``units`` (canonical, mention) with those of ``found`` added; one whose mention holds
    an earlier mention takes its place (青山市财政局 over the 财政局 read on its own)."""
    out = list(units)
    for unit in found:
        if unit[0] in {c for c, _ in out}:
            continue
        inside = [i for i, (_, w) in enumerate(out) if w != unit[1] and w in unit[1]]
        if inside:
            out[inside[0]] = unit
        else:
            out.append(unit)
    return out
