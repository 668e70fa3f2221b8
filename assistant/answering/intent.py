"""Question -> what is asked: intent, unit, role, years, place/level, topic words.

Rule-based on purpose: the phrasing of staff questions is regular (谁牵头 / 负责哪些任务 / 到2025年…达到多少),
rules are predictable, no model is needed.  English questions are first mapped to Chinese terms (glossary)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.answering.asking import (
    ASKING_RE,
    DOC_DESCRIBED_RE,
    PART_WORDS,
    asked_first,
    merged_phrases,
    only_as_issuer,
    question_role,
    told_roles,
    undescribed,
    with_book_titles,
)
from assistant.answering.courtesy import (
    ASKER_RE,
    asker_intro,
    intro_places,
    without_courtesy,
    without_self_intro,
)
from assistant.answering.english import (
    english_words_in_chinese,
    is_english,
    place_stem,
    title_runs,
    translate,
)
from assistant.answering.mentions import (
    appositions,
    find_places,
    find_units,
    other_level_unit,
    unknown_unit,
    with_longer,
)
from assistant.answering.naming import issuing_roles_blanked, without_described
from assistant.answering.numbered import (
    CLAUSE_ASKED_RE,
    CLAUSE_COUNT_RE,
    CLAUSE_NAMED_RE,
    OUTLINE_RE,
    TABLE_SIZE_RE,
    clause_named,
    item_named,
    row_named,
)
from assistant.answering.pairs import paired_units
from assistant.answering.terms import (
    META_NOUNS,
    QUESTION_WORDS,
    Tagged,
    asked_terms,
    find_years,
    jieba_tagged,
    key_terms,
    word_starts,
)
from assistant.answering.wording import (
    CHORE_WORDS,
    DESCRIBED_ISSUERS_RE,
    DOING_WORDS,
    DUTY_WORDS,
    FACT_DATE_RE,
    FACT_ISSUER_RE,
    FACT_WORDS,
    LEAD_WORDS,
    SPEAKER_WORDS,
    UNIT_TASK_WORDS,
)
from assistant.text import everyday_groups, has_any, synonym_groups

#: the words before a level that make it the level of a document the plan is based on
BASIS_RE = re.compile(r"(?:根据|依据|按照|参照|依照|遵照|贯彻|落实|对照|衔接|引用|援引)(?:里|中)?(?:引用|提到|列出)?了?"  # …哪些山东|省文件
                      r"(?:(?:哪些|哪个|哪几个|哪几份|哪份|哪[两三四五]份|什么)\s*[\u4e00-\u9fa5]{0,3}|(?<=了))$|"
                      r"(?:根据|依据|依照|遵照)的\s*[\u4e00-\u9fa5]{0,3}$")  # 方案依据的国家和省里的上位文件, 依据了国家层面的…
#: …or said after the level (省里的哪些方案是这个方案的依据)
BASIS_AFTER_RE = re.compile(r"^(?:的)?[^，,。？?]{0,8}?(?:方案|文件|政策|规定|意见)[^，,。？?]{0,2}(?:是|为|作为)[^，,。？?]{0,10}?(?:的(?:依据|根据)|上位)")
_THAT_DOC = r"(那份|这份|那个|这个)(?=[^，,。？?]{0,24}?(方案|文件|政策|规定|意见))"  # a level names a *document*: 国家那份…行动方案
#: a unit said to be one of the plan's issuers, asked of its tasks (省发改委作为联合印发单位，…有哪些任务)
AS_ISSUER_RE = re.compile(r"作为[^，,。？?]{0,24}?(?:联合|共同)?(?:印发|发文|发布|制发)(?:单位|部门|机关)(?:之一)?")
#: what a unit is said to do, to name it (*负责城市供水、污水的*城市管理部门): who, not what is asked
DESCRIBED_UNIT_RE = re.compile(r"(?:负责|主管|分管|管)[^，,。？?！!；;]{1,30}?的(?=[\u4e00-\u9fa5])")
_PLACE_NOUN = r"地区|区域|城市|行政区|以上|及以上|市"  # 县级地区 are places a plan speaks of, not a county plan
LEVEL_RE = {
    "national": re.compile(r"国家(级|层面)|(国家|国务院|中央|部里)\s*(的|出台的|印发的)?\s*(行动|实施|工作)?(方案|文件|政策|规定|意见)|"
                           r"国家[\u4e00-\u9fa5]{2,24}?(行动|实施|工作)方案|"  # 国家城乡建设绿色低碳发展行动方案
                           r"(国家|全国|国务院|中央|部里)" + _THAT_DOC),
    "provincial": re.compile(r"省里|省级(?!" + _PLACE_NOUN + r")|省层面|省\s*(的|出台的|印发的)?\s*(行动|实施|工作)?(方案|文件|政策|规定)|全省|省" + _THAT_DOC),
    "municipal": re.compile(r"市级(?!" + _PLACE_NOUN + r")|市层面|(?<![城都])市里|市\s*(的|出台的|印发的)\s*(行动|实施|工作)?(方案|文件|政策|规定)|"
                            r"(?<![城都超门省县楼股车])市(行动|实施|工作)?(方案|文件)(?=里|中|内|对|有没有|是否)|市里" + _THAT_DOC),  # 市方案里: no 的
    "county": re.compile(r"县级(?!" + _PLACE_NOUN + r")|县层面|县里|县\s*(的|出台的|印发的)\s*(行动|实施|工作)?(方案|文件|政策|规定)|"
                         r"(?<![市])县(行动|实施|工作)?(方案|文件)(?=里|中|内|对|有没有|是否)|县" + _THAT_DOC),
}
#: a level that names the plan itself (县级方案, 国家那个方案), also after 主送/下发给
_NAMES_PLAN_RE = re.compile(r"(的|那个|那份|这个)?(行动|实施|工作)?(方案|文件|通知)")


@dataclass(frozen=True)
class Signals:
    """What a question's wording shows, before :mod:`assistant.answering.intents` chooses an intent."""

    task_words: bool = False  # 任务 / 工作 / 职责 / 做什么 …
    asks_structure: bool = False  # 在哪一部分 / 第几条 / 第五部分有哪几条
    asks_conflict: bool = False  # 正文和分工表一致吗
    residual: str = ""  # the question without units, intent words and question words
    n_units: int = 0
    names_topic: bool = False  # the residual names a thing (a noun, or a word the documents write)


@dataclass(frozen=True)
class Query:
    text: str  # the question, English terms replaced by Chinese
    original: str
    intent: str  # a name of intents.INTENTS: lead, unit_tasks, unit_topic, unknown_unit, target, deadline, …
    unit: str | None = None  # canonical unit name mentioned
    unit_mention: str | None = None  # as written (first unit named)
    role: str = "any"  # for unit_tasks: lead | participating | any
    years: tuple[int, ...] = ()
    fact: str | None = None  # doc_fact: doc_number | issuers | date | attachments | title | recipients (comma-joined)
    places: tuple[str, ...] = ()
    level: str | None = None
    english: bool = False
    topic: str = ""  # the question with intent words and the unit removed
    terms: tuple[str, ...] = field(default=())  # content words: what the evidence must be about
    asked: tuple[str, ...] = ()  # what a quantity question asks the value of (补贴, 亿元, 个)
    signals: Signals = field(default_factory=Signals)
    unknown_unit: str | None = None  # a unit's name no loaded document knows (市生态环境局)
    focus: tuple[str, ...] = ()  # a follow-up's own words: the evidence must hold them (那农村呢 -> 农村)
    row: int | None = None  # a table row named by its number (分工表第5项, 序号12, row 7; 最后一项 -1)
    item: tuple[int, int] | None = None  # an item of a clause named by its numbers (第（四）条第2项 -> (4, 2))
    clause: int | None = None  # a clause named by its number (第（六）条由谁牵头 -> 6)
    partners: tuple[tuple[str, str], ...] = ()  # other units with their role in the same tasks (X牵头、*Y配合*的任务)
    units_named: tuple[tuple[str, str], ...] = ()  # every unit named, in the question's order: (canonical, as written)


COMPANY_RE = re.compile(r"哪(家|个|些)(企业|公司|厂家|施工单位|承包商|第三方|中介)|(企业|公司)(名称|名单)|承建|中标|"
                        r"第三方(机构|单位|公司)")


def expand_synonyms(text: str) -> str:
    """Add the synonyms of words found in ``text``, and the documents' term for an everyday word (老房子 ->
    既有建筑; never the other way: documents do not use them) — for retrieval, never for display."""
    extra: list[str] = []
    for group in synonym_groups():
        if any(w in text for w in group):
            extra.extend(w for w in group if w not in text)
    extra += [g[0] for g in everyday_groups() if g[0] not in text and any(w in text for w in g[1:])]
    return text + (" " + " ".join(dict.fromkeys(extra)) if extra else "")


# which part or clause says something, or which clauses a part holds (its title is the
# document's own: the outline answer matches it against the loaded documents' sections)
STRUCTURE_RE = re.compile(r"(在|写在|放在|属于|位于)?(方案|文件)?的?(哪个|哪一个|哪一|第几)(部分|章|节|条)|(?<=[在自于])哪(部分|章|节|条)|(?<![表里中])哪一?条(?=里|中|提|说|讲|规定|写|出)(?![^，,。？?]{0,30}(?:牵头|负责|谁|配合|参与))|"
                          r"(第[一二三四五六七八九十]+部分|[\u4e00-\u9fa5]{2,10}?)(部分)?(里|中)?(有)?"
                          r"(哪几条|哪些条|几条|包括哪些条款)|(在|是)第几条|"
                          r"(包括|分为?|分成|讲了?|有)(哪|几)(几|两|三|四|五|些)?(个方面|方面|块|件事)|"
                          r"第[一二三四五六七八九十\d]{1,2}部分的?(标题|题目|名称|叫什么|是什么|讲的?是?什么|讲啥|写的?是?什么|主要内容|关于什么)")
#: the clauses of a part asked in English (What are the clauses under 'systematically promote …')
STRUCTURE_EN_RE = re.compile(r"\b(?:clauses|articles|sub-?sections) (?:are )?(?:under|in|of|within)\b", re.IGNORECASE)
#: a requirement addressed to the units of a role (对各级牵头部门的年度自查有什么要求): what they must do, not who they are
ADDRESSED_RE = re.compile(r"对[^，。？?]{0,12}(?:牵头|责任|配合)(?:部门|单位)[^，。？?]{0,12}(?:要求|规定)")
#: who leads asked (哪个部门负责, 谁牵头); 向哪个机构申请 asks where to apply, a procedure: no lead
#: …nor do units the plan pushes or asks to act (推动哪些单位开展节能诊断): the text's object, not who answers for it
LEAD_RE = re.compile(r"(归|由|是)?(?<![向到去])(?<!推动)(?<!鼓励)(?<!引导)(?<!督促)(?<!带动)(?<!支持)(?<!要求)"
                     r"哪(个|家|一个|些)(局|部门|单位|委|机构|科室)(管|负责|牵头|主抓|来抓|抓)?|"
                     r"谁(来)?(牵头|挑头|领头|带头|负责|管|抓|主抓|主管|主责)|主责(部门|单位)|牵头(部门|单位)|(归|由)谁|归口|"
                     r"涉及(到)?(几|多少)(个|家)(单位|部门)")


#: how a role is held (作为牵头单位, 联合牵头) and who sent the asker (科长让我…): no topic
ROLE_FRAMING_RE = re.compile(r"(?:作为|列为|列成|定为)(?=牵头|配合|参与|责任|主责)|以[^，。？?]{0,8}?身[份分](?:被)?(?:列入|列为)?|(?:联合|共同|一起|单独)(?=牵头|负责|配合|参与)|"
                             r"(?:领导|同事|科长|处长|局长|主任|股长|上级)(?=让|叫|要|托|请|问)")


#: words that name a level of government or a document, not a content
LEVEL_WORD_RE = re.compile(r"(国家|省|市|县|区)(级|层面|里|的方案|方案|文件)|[国省市县区]级|层面|全国(?=\s|那|这)")


def residual_of(text: str, mentions: Sequence[str]) -> str:
    """What is left of the question once units, intent and question words are removed."""
    rest = text
    for m in sorted([*merged_phrases(text, mentions), *mentions], key=len, reverse=True):  # overlapping: as one
        rest = rest.replace(m, " ")
    for pat in LEVEL_RE.values():  # 省里的方案, 国家层面: which document, not what is asked
        rest = pat.sub(" ", rest)
    rest = LEVEL_WORD_RE.sub(" ", rest)
    rest = ROLE_FRAMING_RE.sub(" ", rest)
    for w in sorted((*LEAD_WORDS, "国家部委", "部委", "国家", "中央", *PART_WORDS, *UNIT_TASK_WORDS, *QUESTION_WORDS, *SPEAKER_WORDS, "都", "算", "的",
                     "里", "这个", "在", "有", "啥", "些", "项", "哪", "只", "不", "是", "都算", "具体", "刚", "想"),
                    key=len, reverse=True):
        rest = rest.replace(w, " ")
    return re.sub(r"[\s，。？?！!、,.；;：:（）()]+", "", rest)


_META_LONGEST = sorted(META_NOUNS, key=len, reverse=True)


def topicless(text: str) -> bool:
    """Whether a question names nothing it asks about: only asking words or words naming no thing (要写哪几部分)."""
    rest = residual_of(text, [])
    for word in _META_LONGEST:
        rest = rest.replace(word, "")
    return len(rest) <= 2


def _without_intro(text: str) -> str:
    """The question without an opening that only says who asks (:func:`without_self_intro`), unless
    that opening tells the case the rest asks about (我们在筹建建筑垃圾资源化利用厂，分工表要求什么时候前完成？)."""
    rest = without_self_intro(text)
    return text if rest != text and topicless(rest) else rest


def _after(words: Tagged, starts: Sequence[int], text: str, start: int, outside: Sequence[str] = ()) -> Tagged:
    """The tagged words (starting at ``starts`` in ``text``) from character ``start`` on, leaving out those
    inside any of the phrases ``outside`` (a document's name: where to look, not what is asked)."""
    spans = [(m.start(), m.end()) for p in outside if p for m in re.finditer(re.escape(p), text)]
    return [(w, flag) for (w, flag), i in zip(words, starts)
            if i >= start and not any(a <= i and i + len(w) <= b for a, b in spans)]


#: a clause that asks for a unit's part (its roles, its tasks)
_UNIT_PART_RE = re.compile("|".join(map(re.escape, (*LEAD_WORDS, *PART_WORDS, *UNIT_TASK_WORDS, "任务", "工作", "事", "活"))))


def _names_topic(words: Tagged, mentions: Sequence[str], plain: Callable[[str], bool] | None) -> bool:
    """Whether what is left of a unit question names a thing it asks about: a word the
    documents write (海绵城市, 推广), or a noun in a clause that asks for the unit's part
    (城管局负责充电桩建设的任务); not the way people talk of themselves and of others
    (想弄清, 这边, 别人, 自己) nor a sentence or clause only about the asker (最近在梳理…。,
    年底要做总结，…).  ``words`` are the question's tagged words after the asker's
    introduction; nothing is tagged again."""
    sentences: list[list[list[tuple[str, str]]]] = [[[]]]
    questions: list[bool] = []  # whether each sentence ends with a question mark
    for w, flag in words:
        if w in "。；;？?！!":
            questions.append(w in "？?")
            sentences.append([[]])
        elif w in "，,：:":
            sentences[-1].append([])
        else:
            sentences[-1][-1].append((w, flag))

    # a sentence naming the unit (or the asker's own: 我们局), or asking, and a part in a task is the
    # question; one that only says what the asker does (最近在梳理…的分工。) is not
    said_in = ["".join(w for clause in x for w, _ in clause) for x in sentences]
    asks = [x for x, said in zip(sentences, said_in)
            if (any(m and m in said for m in mentions) or ASKER_RE.search(said) or ASKING_RE.search(said))
            and _UNIT_PART_RE.search(said)]
    # a sentence that asks is the question; one that only names units tells its background
    # (领导说…有些任务要各县配合，市里每半年还要督导一次。麻烦查一下…哪些任务？)
    questions.append(False)
    questioned = [x for x, said, mark in zip(sentences, said_in, questions)
                  if x in asks and (mark if any(questions) else ASKING_RE.search(said))]
    asks = questioned or asks
    for clause in (c for x in (asks or sentences) for c in x):
        said = "".join(w for w, _ in clause)
        part = bool(_UNIT_PART_RE.search(said))
        if not part and ASKER_RE.match(said):
            continue  # 我们城管局要做年度自查自评，…: what the asker does, not what is asked
        asking = part or any(m and m in said for m in mentions)
        rest = residual_of(said, mentions)
        for w, flag in clause:
            if len(w) < 2 or w in META_NOUNS or not re.fullmatch(r"[\u4e00-\u9fa5]+", w):
                continue
            if w not in rest and (len(w) < 4 or _UNIT_PART_RE.search(w) or any(w in m or m in w for m in mentions if m)):
                continue  # a unit's or a place's word; a long word stays even if a framing word was cut out of it
            # a noun, or a domain word the tokenizer was given without a tag (x): a thing named
            if (plain is not None and plain(w)) or (asking and (flag.startswith("n") or flag == "x")):
                return True
    return False


def read_question(question: str, resolve: Callable[[str], str | None], tokenizer: Any = None,
                  stems: Sequence[str] = (), romanised: Mapping[str, str] | None = None,
                  plain: Callable[[str], bool] | None = None,
                  doc_phrases: Callable[[str], list[str]] | None = None) -> Query:
    """What a question names and how it is worded (units, years, places, facts, topic,
    signals); ``tokenizer`` (the index's) supplies jieba words and POS tags.  The intent is
    left "general": :func:`assistant.answering.intents.understand` chooses it."""
    tagged = tokenizer.tagged if tokenizer is not None else jieba_tagged
    original = question.strip()
    english = is_english(original)
    asked_text = without_courtesy(original)
    text = translate(without_self_intro(asked_text), romanised) if english \
        else _without_intro(english_words_in_chinese(asked_text, plain))
    units = find_units(text, resolve, stems, plain, not english)  # a department in English: 厅 of any level
    text = issuing_roles_blanked(told_roles(text))  # 住建局牵头的装配式建筑，比例是多少 | 住建局牵头印发的方案: no role asked
    joined = re.sub(r"(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])", "", text) if english else text
    if english:  # a name translated word by word: 国网 临河县 供电公司 (or 国网青山供电公司: the place's stem)
        stems_of = {p: place_stem(p) for p in (romanised or {}).values()}
        for variant in dict.fromkeys([joined, *(joined.replace(p, st) for p, st in stems_of.items() if p in joined)]):
            units = with_longer(units, find_units(variant, resolve, (), plain, False))
    named_by_issuers = [u for u in units if only_as_issuer(text, u[1])]  # （住建部、发改委联合发的那份）: no unit asked
    units = [u for u in units if u not in named_by_issuers]
    paired = paired_units(text, units)  # 哪些任务是住建局牵头、发改委配合的: each unit's role in the same tasks
    units = units if paired else asked_first(text, units, lambda t: find_units(t, resolve, stems, plain, not english))
    unit, mention = units[0] if units else (None, None)
    plain_text = without_described(text)  # 2023年6月27日印发的方案，…: its date, its 印发 name the plan, they are not asked
    years = find_years(plain_text)
    asked = [k for k, words in FACT_WORDS.items() if has_any(plain_text, words)]  # 文号多少？哪天印发的？— all of them
    if "date" not in asked and FACT_DATE_RE.search(plain_text):
        asked.append("date")
    if "issuers" not in asked and FACT_ISSUER_RE.search(plain_text):
        asked.append("issuers")
    elif "issuers" in asked and DESCRIBED_ISSUERS_RE.search(text) and (len(asked) > 1 or (
            named_by_issuers and not FACT_ISSUER_RE.search(text))):
        asked.remove("issuers")  # X和Y联合印发的那个方案是哪天成文的 / …方案里X是多少: the issuers name the plan
    asked += [k for k, pat in (("outline", OUTLINE_RE), ("clause_count", CLAUSE_COUNT_RE), ("table_size", TABLE_SIZE_RE))
              if (pat.search(text) and not (english and pat is CLAUSE_COUNT_RE)) or pat.search(original)]
    # 方案分为几个部分, 分工表一共多少项, 正文共几条 (in English by its own words: a translation reorders them)
    if "table_size" in asked and "attachments" in asked:
        asked.remove("attachments")  # the attachment's table counted, not the attachment named
    fact = ",".join(asked) or None
    intro = asker_intro(text)  # 我在住建局规划科上班，…我们局: who asks, not what is asked
    # the level of the asker's own office (我是县里的，…) is not the level of the plan asked about, nor the documents' it is based on (根据哪些省级文件制定的)
    body = text[len(intro):]
    # …nor the level of the units a notice is sent to (主送单位里县里的住建局)
    sent_to = min((i for w in FACT_WORDS["recipients"] if (i := body.find(w)) >= 0), default=len(body))
    level = next((lv for lv, pat in LEVEL_RE.items() for m in pat.finditer(body)
                  if (m.start() < sent_to or _NAMES_PLAN_RE.search(m.group()) or _NAMES_PLAN_RE.match(body, m.end()))
                  and not BASIS_RE.search(body[:m.start()]) and not BASIS_AFTER_RE.search(body[m.end():])
                  and not (body.count("“", 0, m.start()) > body.count("”", 0, m.start()) and not _NAMES_PLAN_RE.search(body[m.end():body.find("”", m.end()) + 3]))),  # “省级节水型…”: the plan's words
                 None)
    words = tagged(text)  # once: POS tagging is the slowest step of reading a question
    places = find_places(text, words, plain, (*(romanised or {}).values(), *intro_places(asked_text)))  # 给临清分配
    role = paired[0][1] if paired else question_role(undescribed(text))  # 住建部牵头印发的方案: no role asked by 牵头
    named_docs = doc_phrases(text) if doc_phrases is not None else []  # 这个碳达峰实施方案里: where, not what
    if english:  # a title's terms stand together in the English too
        runs = title_runs(asked_text)
        named_docs = [p if " " not in p or any(p in r for r in runs) else next((r for r in runs if r in p), "")
                      for p in named_docs]  # a phrase run on past a title's terms (绿色低碳 实施方案 单位): those terms
        named_docs = [p for p in named_docs if p]
    # 省住建厅和省发改委3月份联合印发的 | 那份城乡建设碳达峰实施方案里: one phrase where they overlap
    named_docs = with_book_titles(text, merged_phrases(text, [*named_docs, *(m.group() for m in DOC_DESCRIBED_RE.finditer(text))]))
    starts = word_starts(words, text)
    body_words = _after(words, starts, text, len(intro))
    stranger = None if units else (other_level_unit(text, resolve) or unknown_unit(words, resolve, plain, stems))
    mentions = [w for _, w in units] + [c for c, _ in units] + [c[1:] for c, _ in units] + list(places) + named_docs \
        + [w[1:] for _, w in units if w[:1] in "省市县区" and len(w) >= 4] \
        + ([stranger] if stranger else [])
    called = appositions(text, [w for _, w in units], words, starts)  # 规划口（自然资源和规划局）
    if units and (units[0][1].endswith(("部门", "单位", "机构")) or has_any(text, UNIT_TASK_WORDS)):  # 负责X的城管部门…哪些工作
        called += [m.group() for _, w in units for m in DESCRIBED_UNIT_RE.finditer(text) if text.startswith(w, m.end())]
    called += [m.group() for m in AS_ISSUER_RE.finditer(text)] if units else []  # X作为联合印发单位，在分工表里…
    mentions += called
    if english:  # the words a unit's name was translated into (国网, 供电公司) name the unit
        mentions += [t for t in text.split() if len(t) >= 2 and any(t in w for _, w in units)]
        mentions += [p.replace(" ", "") for p in named_docs if " " in p]  # a title's terms, read run together
    residual = residual_of(joined if english else body, mentions)
    topic, named = body, [*(w for _, w in units), *places, *named_docs, *called]
    for w in sorted([*merged_phrases(body, named), *named], key=len, reverse=True):  # 能源局|局在碳达峰方案里: as one
        topic = topic.replace(w, " ")
    for pat in (*LEVEL_RE.values(), LEVEL_WORD_RE):  # which document is asked, not what
        topic = pat.sub(" ", topic)
    clause = clause_named(asked_text)
    topic = CLAUSE_NAMED_RE.sub(" ", topic) if clause is not None else topic  # 第（二十一）条里的CIM: where, not what
    for w in (*LEAD_WORDS, *PART_WORDS, "指的是", "是指", "意思", "哪些单位", "哪个", "哪些", "什么", "是多少", "多少", "请问", "还是",
              "吗", "呢", "？", "?", "由", "谁", "了", "怎么", "怎样", "如何", "哪几条", "哪几"):
        topic = topic.replace(w, " ")
    topic = re.sub(r"^(?:\s|[和与及跟、]\s|的)+", "", re.sub(r"\s+", " ", topic).strip())  # 城管和住建牵头的X: X

    signals = Signals(
        task_words=has_any(text, ("任务", "工作", "职责", *DOING_WORDS, *CHORE_WORDS, "分工", "承担", "哪几项", "哪些项",
                               "几项", "哪项", "哪一项", *DUTY_WORDS)),
        asks_structure=bool(STRUCTURE_RE.search(text) or CLAUSE_ASKED_RE.search(text) or english and STRUCTURE_EN_RE.search(original))
        and not {"clause_count", "outline"} & set(asked),
        asks_conflict=has_any(text, ("一致", "一样", "矛盾", "冲突", "不同", "出入", "差异", "对不上", "不符"))
        and has_any(text, ("正文", "分工表", "附件", "表格", "表中", "责任表", "任务表")),
        residual=residual, n_units=len(units), names_topic=_names_topic(body_words, mentions, plain))
    return Query(text=text, original=original, intent="general", signals=signals, unit=unit, unit_mention=mention, role=role,
                 years=years, fact=fact, places=places, level=level, english=english, topic=topic, unknown_unit=stranger,
                 row=row_named(asked_text), item=item_named(asked_text), clause=clause,
                 partners=tuple(paired[1:]), units_named=tuple(sorted(units, key=lambda u: text.find(u[1]))),
                 asked=tuple(a for a in asked_terms(words)  # 哪些单位配合城管局; 建标 of 建标2024 35号
                             if not any(a in n for n in (*(n for u in units for n in u), *named_docs)) and not _names_level(a)),
                 terms=tuple(t for t in key_terms(
                     _after(words, starts, text, len(intro), named_docs), skip=[w for _, w in units] + [c for c, _ in units] + list(places))
                     if not _names_level(t)))


def _names_level(word: str) -> bool:
    """A word that only says which plan is asked (国家, 省级, 市里): never its content."""
    return bool(LEVEL_WORD_RE.fullmatch(word)) or word in ("国家", "全国", "全省", "全市", "全县")


def topic_of(question: str) -> str:
    """A question without its question and intent words: what it is about (清洁取暖)."""
    return residual_of(question, [])

