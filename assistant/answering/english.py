"""English questions: the bilingual glossary (data/glossary.tsv) turns their terms into
the Chinese words the documents use, so retrieval and the question rules work unchanged;
the answer stays Chinese (with a one-line English gloss made by the facade).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from assistant.answering import english_pairs as pairs
from assistant.answering.glossary import (
    KNOWN_ENGLISH,
    english_vocabulary,
    english_words,
    glossary,
    glossary_terms,
    match_phrases,
    respelled_text,
    translated_words,
    unknown_words,
)
from assistant.answering.numbered import parts_named_english
from assistant.answering.spelling import ROLE_WORDS, romanised_chinese
from assistant.documents.unitdata import ORG_SUFFIXES
from assistant.numerals import int_to_cn
from assistant.text import YEAR_RE


def not_understood(text: str, content: bool = True) -> list[str]:
    """The untranslatable content words of an English question with more of them than words
    it translates (Which bank has been designated…), or any when nothing translated carries
    content (``content`` False: What PM2.5 concentration target…): the Chinese left would be
    answered as another question.  [] when understood; names (Linhe, Qingshan) don't count."""
    first = re.match(r"\s*([A-Z][a-z]+)\b", text)  # Linhe: …, a name; Which …, a word the glossary knows
    names = {w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", text[1:])} | romanised_chinese(text) \
        | ({first.group(1).lower()} - english_vocabulary() if first else set())
    # main line of attack (主攻方向): the English before a Chinese gloss is that term's translation
    glossed = {w.lower() for m in re.finditer(r"((?:[A-Za-z'-]+\s+){1,5})[(（]\s*[\u4e00-\u9fff]+\s*[)）]", text)
               for w in m.group(1).split()}
    unknown = [w for w in unknown_words(text) if w not in names and w not in glossed]
    quoted = sum(len(run) // 2 for run in re.findall(r"[\u4e00-\u9fff]+", text))  # a Chinese term, read as written
    return unknown if len(unknown) > translated_words(text) + quoted or (unknown and not content and not quoted) else []


_TITLE_GLUE = frozenset({"for", "and", "in", "of", "the", "on", "to", "a", "an"})


def title_runs(text: str) -> list[str]:
    """Runs of Chinese terms whose English words stand together around a document kind
    (…green low-carbon action plan, Action Plan for Green and Low-Carbon Development…),
    joined by spaces as :func:`translate` writes them: only such a run can be a title;
    terms the translation merely brings together (the plan … carbon-peak tasks) cannot."""
    words = english_words(_without_title(text))
    hits = sorted(match_phrases(words))
    groups: list[list[tuple[int, int, str]]] = []
    for hit in hits:
        if groups:
            last = groups[-1][-1]
            gap = words[last[0] + last[1]:hit[0]]
            if len(gap) <= 2 and all(w in _TITLE_GLUE for w in gap):
                groups[-1].append(hit)
                continue
        groups.append([hit])
    return [" ".join(zh for _, _, zh in g) for g in groups
            if len(g) > 1 and any(re.search(r"(方案|意见|通知|规划|计划|办法)$", zh) for _, _, zh in g)]


#: role words dropped into a Chinese sentence (住建局 in charge 的任务) are the role (in English, :func:`translate`
#: reads them); support only as a unit's act, after its name or before the tasks asked, never the noun (资金support)
_ROLES_IN_CHINESE = {"in charge": "牵头", "in charge of": "牵头", "lead": "牵头", "leads": "牵头"}
_SUPPORT_RE = re.compile(r"(?:(?<=[局委厅部办署心府])|(?<=还是)|(?<=是))\s*(?:supporting|supports?)(?![A-Za-z])|"
                         r"(?<![A-Za-z])(?:supporting|supports?)(?=\s*(?:哪些|哪几|哪项|几项|什么任务|的任务|的工作))",
                         re.IGNORECASE)


def english_words_in_chinese(text: str, written: Callable[[str], bool] | None = None) -> str:
    """A Chinese question with English words in it (市城管局 lead 的 task 有哪些): each run
    of English words the glossary translates whole is replaced by its Chinese terms.  An
    upper-case run (LED, BIM, PV) stays as typed where the documents write it so (``written``;
    without it: unless it names a body, DRC, NEA), else it is translated (PV装机 -> 光伏装机)."""
    def one(m: re.Match[str]) -> str:
        if not m.group().isupper() and (role := _ROLES_IN_CHINESE.get(m.group().strip().lower())) is not None:
            return role
        words = english_words(m.group())
        hits = match_phrases(words)
        if not words or sum(n for _, n, _ in hits) < len(words):
            return m.group()
        zh = "".join(z for _, _, z in hits)
        if m.group().isupper() and (
                (written(m.group()) if written is not None else not (len(hits) == 1 and zh.endswith(ORG_SUFFIXES)))
                or zh in ROLE_WORDS or text[m.end():].lstrip().startswith(zh)):  # LED is no 牵头; EMC合同能源管理: said already
            return m.group()
        return zh
    text = _SUPPORT_RE.sub("配合", text)
    return re.sub(r"[A-Za-z][A-Za-z\- ]*[A-Za-z]|[A-Za-z]", one, text)


#: an English question's frame around Chinese names: opened by an English question word
#: (Who leads 清洁取暖 in 建标〔2024〕35号?), or asking one after a Chinese name (…9号 — what tasks?)
_ENGLISH_ASKING = r"who|what|which|when|how|does|do|is|are"
_ENGLISH_OPEN_RE = re.compile(rf"^\W*(?:{_ENGLISH_ASKING}|list|please)\b", re.IGNORECASE)
_ENGLISH_ASKS_RE = re.compile(rf"\b(?:{_ENGLISH_ASKING})\b", re.IGNORECASE)


def is_english(text: str) -> bool:
    """Mostly English letters, or asked in English around Chinese names and terms: opened by
    an English question word with another English word (Who leads 老旧小区改造?), or holding
    one among at least three English words, more letters than Chinese characters."""
    letters = sum(ch.isascii() and ch.isalpha() for ch in text)
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    words = re.findall(r"[A-Za-z]{2,}", text)
    if letters > 3 * max(cjk, 1) or (_ENGLISH_OPEN_RE.match(text) and len(words) >= 2):
        return True
    return bool(_ENGLISH_ASKS_RE.search(text)) and len(words) >= 3 and letters > cjk


#: months and weekdays, capitalised where a place may stand (in January) but never places
CALENDAR_RE = re.compile(r"(jan|febr)uary|march|april|may|june|july|august|(sept|nov|dec)ember|october|"
                         r"(mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)


def place_stem(place: str) -> str:
    """A place without its administrative suffix (临河县 -> 临河)."""
    return re.sub(r"(省|自治区|市|自治州|州|盟|县|区|旗)$", "", place)


def romanised_places(places: Iterable[str]) -> dict[str, str]:
    """Places of the loaded documents by the pinyin an English question writes them in
    (东岳省 -> dongyue, 临河县 -> linhe): read from the documents, never a list in code."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    out: dict[str, str] = {}
    for place in places:
        stem = place_stem(place)
        if len(stem) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", stem):
            out.setdefault("".join(lazy_pinyin(stem)).lower(), place)
    return out


#: words that end a title's "for …" tail: the question goes on (…for urban-rural construction involve X)
_TITLE_STOP = (r"(?:involve|involves|include|includes|lead|leads|led|require|requires|required|do|does|did|is|are|"
               r"was|were|has|have|had|say|says|said|set|sets|mention|mentions|assign|assigns|assigned|name|names|"
               r"give|gives|ask|asks|want|wants|need|needs|who|which|what|when|how)\b")
#: a plan named by its title (in Qingshan's building energy efficiency plan, under the
#: national action plan on green development in urban and rural construction): which
#: document, not what is asked
_TITLE_RE = re.compile(r"\b((?i:in|under|of|from|within|by))\s+(?:(?i:the)\s+)?(?:(?:[A-Z][a-z]+)(?:'s)?\s+){0,3}"
                       r"(?:(?:city|county|province|provincial|municipal|national|country|state|district)'s\s+)?"
                       r"((?:(?!(?:in|of|by|under|from|within|for|on|to|the)\b)[a-z-]+\s+){0,12}?)"
                       r"(?:action plan|implementation plan|work plan|plan|programme|program)\b"
                       r"(?:\s+(?:on|for)\s+[a-z-]+(?:\s+(?!" + _TITLE_STOP + r")[a-z-]+){0,6})?")

#: a title opening the question (Linhe County green low-carbon plan: …, Dongyue carbon peak plan tasks …)
_OPENING_TITLE_RE = re.compile(r"^()\s*(?:(?i:the)\s+)?[A-Za-z][a-z]+(?:'s)?\s+(?:[A-Z][a-z]+(?:'s)?\s+){0,2}(?:[a-z-]+\s+){0,8}?"
                               r"(?:action plan|implementation plan|work plan|plan|programme|program)\b"
                               r"(?=\s*[:,;]|\s+(?:tasks?|targets?|goals?|items?)\b)")


def _without_title(text: str) -> str:
    """The question with a plan's title cut down to the place it names (Qingshan's …)."""
    def keep_place(m: re.Match[str]) -> str:
        kept = re.findall(r"\b(?:[A-Z][a-z]+(?='s|\s)|national|provincial|municipal)\b",
                          m.group(0)[len(m.group(1) or ""):])
        return f"{m.group(1) or ''} {' '.join(kept)} plan"
    def keep_name(m: re.Match[str]) -> str:  # a title in Title Case: its words the glossary does not know name a place
        known = _glossary_words()
        kept = [w for w in re.findall(r"[A-Za-z]+(?='s)|[A-Za-z-]+", m.group(2))
                if w.lower() in _LEVEL_WORDS or (w[:1].isupper() and w.lower() not in KNOWN_ENGLISH
                                                 and not all(part in known for part in w.lower().split("-")))]
        return f"{m.group(1)} {' '.join(kept)} plan"
    if _OPENING_TITLE_RE.match(text):  # qingshan City action plan: …, its place typed in lower case
        text = text.lstrip()[:1].upper() + text.lstrip()[1:]
    text = _TITLECASE_RE.sub(keep_name, text)
    return _TITLE_RE.sub(keep_place, _OPENING_TITLE_RE.sub(keep_place, text))


#: a plan named by its title in Title Case (in the national Urban-Rural Construction Green and
#: Low-Carbon Development Action Plan): which document, not what is asked
_TITLECASE_RE = re.compile(r"\b((?i:in|under|of|from|within|by))\s+(?:(?i:the)\s+)?((?:[a-z]+\s+)?"
                           r"(?:[A-Z][A-Za-z'-]*\s+(?:(?:and|of|for|on|in|the)\s+)?){2,16}?)"
                           r"(?:Action Plan|Implementation Plan|Work Plan|Plan|Programme|Program)\b")
_LEVEL_WORDS = frozenset("national provincial municipal county city province district".split())


@lru_cache(maxsize=1)
def _glossary_words() -> frozenset[str]:
    return frozenset(w for en, _ in glossary() for w in re.findall(r"[a-z]+", en))


def _glossed_body(m: re.Match[str]) -> str:
    """The bracketed words with the body's kind when together they name a body the
    glossary knows (agriculture and rural affairs bureau), else the text unchanged."""
    if m.group(3).split()[0].lower() in _NOT_A_NAME:  # (together with …), (under …), (in Linhe County)
        return m.group(0)
    named = f"{m.group(3)} {m.group(2)}"
    terms = glossary_terms(english_words(named), None)
    return named if any(re.search(r"(局|厅|部|委|委员会|办公室|中心|署)$", t) for t in terms) else m.group(0)


#: a thing the asker asks whether they need (does our building need a special energy-saving permit)
_NEEDED_RE = re.compile(r"\b(?:do|does|will|would)\s+(?:[a-z0-9'-]+\s+){1,5}?(?:need|require)\s+(?:an?\s+|any\s+)?"
                        r"((?:[a-z-]+\s+){0,2}?(?:permit|licen[cs]e|approval|registration|filing)s?)\b")


def translate(text: str, places: Mapping[str, str] | None = None) -> str:
    """English question -> Chinese key terms (plus the intent words the rules look for);
    ``places`` (pinyin -> place, :func:`romanised_places`) turns Linhe County into 临河县."""
    # what the answer is for (I'm drafting a work report for …) and a role said as a
    # phrase (in any capacity) are no terms of the question: capacity is no 装机容量
    text = respelled_text(text)  # when was it isued: the asking rules read issued
    named_text = pairs.ISSUED_DATE_RE.sub(r"\1", text)  # in the plan issued on 27 June 2023: no year, no date asked
    plain = pairs.paired_roles(_ROLE_PHRASE_RE.sub(" ", _ENGLISH_PURPOSE_RE.sub(" ", pairs.without_issuing(text))))
    plain = pairs.BODY_SUPPORTS_RE.sub(r"\1 cooperates", plain)  # which tasks does the commission support: 配合
    plain = _GLOSSED_BODY_RE.sub(_glossed_body, plain)  # farm bureau (agriculture and rural affairs)
    plain = _CN_GLOSSED_RE.sub(lambda m: " ".join(w for w in m.group().split() if w[:1].isupper() and not (  # (县城管局): its name;
        set(re.findall(r"[a-z]+", w.lower())) & _glossary_words())) + " ", plain)  # a place before it stays
    out = glossary_terms(english_words(_without_title(plain)), places)  # a full stop is not part of a word
    if re.search(r"responsib", text, re.IGNORECASE) and not re.search(r"\blead", text, re.IGNORECASE):
        out = ["承担" if x == "负责" else x for x in out]  # responsible for: a part in it, led or not
    elif re.search(r"\bin charge of\b", text, re.IGNORECASE):
        out = ["牵头" if x == "负责" else x for x in out]  # in charge of: the lead
    # a year in a document number ([2024] No. 9) or naming a plan (the 2024 national action plan) is no target year
    years = YEAR_RE.findall(re.sub(r"\bpre-?\s*(?:19|20)\d\d\b", " ", _PLAN_YEAR_RE.sub(" ", named_text), flags=re.I))  # pre-2000: built
    shares = re.findall(r"(?<![\d.])\d+(?:\.\d+)?\s*%", text)  # set at 30%: the figure a look-up quotes
    intent_words = []
    t = named_text.lower()
    if re.search(r"\bwho\b|\bwhich (unit|department|bureau|agenc|bod(y|ies)\b|organi[sz]ation|ministr|commission|authorit)", t):
        # who leads / is responsible: a lead question; who is the director: only "who"
        helping = re.search(r"particip|take part|co-?operat|\bsupport|\bassist|\bcontribut|\bhelp (with|out)\b", t)
        if re.search(r"\blead|responsib|in charge|\bcharge|\bhandle|\bmanage|\bpush|\bpromot|\bpoint (unit|agency|department)|"
                     r"\bowns?\b|\bowner|\bspearhead|\bsteer|\bchampion|\bheads? (up|the)\b", t) \
                or (re.search(r"\bwhich (unit|department|bureau|agency)", t) and not helping):
            intent_words.append("由谁牵头" if "particip" not in t else "哪些单位参与")
        elif helping:
            intent_words.append("哪些单位参与")
        else:
            intent_words.append("是谁")
    if "哪些单位参与" not in intent_words and "issu" not in t and re.search(r"\bpartners?\b|\bwho else\b|\b(which|what) other (units?|departments?|"
                                                      r"bodies|agencies|bureaus?)\b", t):
        intent_words.append("哪些单位参与")  # which partners are there (besides X): who takes part
    if re.search(r"\bwhich (official|person|officer|leader|signatory)|person'?s? name|\bname of the (official|person|signer)", t) \
            and "是谁" not in intent_words:
        intent_words.append("姓名是什么")  # a person asked for by name, not a unit
    if re.search(r"how (much|many|high|long)|what (is|are) the .*\b(target|share|rate|ratio|proportion)s?\b|\btarget|\bpercent|"
                 r"\bwhat (share|proportion|portion|fraction|ratio|rate)\b|"
                 r"\bwhat (?:[\w-]+\s+){1,5}?(rate|share|ratio|proportion|percentage|coverage)\s+(does|do|did|is|are|will|should)\b", t):
        # how many staff: a count of people, which a target's figure never is
        people = re.search(r"how many (staff|people|persons?|employees|personnel|officials|members|workers|"
                           r"officers|inspectors)\b", t)
        # how many safeguard measures / basic principles: a count of the plan's own items
        items = re.search(r"how many (?:[\w-]+\s+){0,3}?(measures|principles|clauses|articles|safeguards)\b"
                          r"(?! (?:of|in) (?:square|sq|km|kilomet|ton|kw|mw))", t)
        tasks = re.search(r"how many (?:[\w-]+\s+){0,2}?(tasks|items|jobs)\b.*(deadline|due|底前)", t)  # counted by deadline
        intent_words.append("多少人" if people else "有几条" if items else "几项任务" if tasks else "目标是多少")
    if located := re.search(r"\b(which|what) (part|section|clause|chapter|article)\b|\bwhere (in|does) the (plan|document)\b", t):
        intent_words.append("在哪一条" if located.group(2) in ("clause", "article") else "在哪个部分")  # where the plan says it
    # the national urban-rural construction plan: which document (before the asking words: no 多少 binds to it)
    plans = [_LEVEL_PLAN[m] for m in re.findall(r"\b(national|provincial|municipal|city|county)(?:'s)?(?:\s+[\w-]+){0,6}?\s+plan\b", t)[:1]]
    titled = re.search(r"\b(title|heading|name|called)\b", t)
    for kind, n in parts_named_english(t) if titled or not intent_words else ():  # who leads clause 6: not what it says, its
        item, due = re.search(r"\bitem\s+(?:no\.?\s*)?\(?(\d{1,2})\)?", t), re.search(r"\bdeadline|\bdue\b|\bcompletion (?:date|time)", t)
        where = f"第{int_to_cn(n)}{'部分' if kind == 'part' else '条'}{f'第{item.group(1)}项' if item and kind != 'part' else ''}"
        units = re.search(r"\b(?:supporting|participating|cooperating|lead|leading)\s+(?:units|bureaus|departments|agencies|bodies)\b", t)
        intent_words.append(where + ("的标题是什么" if titled else "的完成时限是什么" if due else "" if units else "讲的是什么"))
    if re.search(r"\bwhen\b|by what date", t):  # a deadline: 完成时限 (the glossary), which 持续推进 answers
        intent_words.append("什么时候")
    intent_words += pairs.english_deadlines(t)  # by the end of October 2025: 2025年10月底前, as tables write it
    if re.search(r"\bstands? for\b|\bwhat (does|do|did) .{1,40}\bmean\b|\bmeaning of\b|\bdefin(ition|ed)\b|"
                 r"\bwhat is meant by\b|\brefers? to\b", t):
        intent_words.append("是什么意思")  # a term explained: what the document says it is
    if re.search(r"which (company|companies|firm|enterprise|contractor)|\bcontractors?\b", t):
        intent_words.append("哪家公司")
    if (needed := _NEEDED_RE.search(t)) and (thing := glossary_terms(english_words(needed.group(1)))):
        intent_words.append(f"有没有规定的{thing[-1]}")  # does our building need a permit: whether the plan provides one
    if re.search(r"\b(which|what)\b.*\b(tools?|instruments?|means|ways|channels?|mechanisms?|methods?|measures|sources?)\b", t):
        intent_words.append("哪些方式")  # which funding tools: the ways, not an amount of money
    if re.search(r"\bwhat\b.*\b((have|has|need|needs) to|(is|are) (supposed|required|expected|asked|assigned|tasked) to|"
                 r"must|should) do\b|\b(asked|required|expected|supposed|assigned|tasked) to do\b", t):
        intent_words.append("要做什么")  # what does X have to do: X's tasks
    if re.search(r"\bwhat (role|roles|part|parts|responsibilit\w*) (does|do|did|will|should|is) .{2,90}?\b(play|plays|have|has|take|takes|hold|holds)\b", t):
        intent_words += ["哪些任务", "牵头", "参与"]  # what role does X play: its tasks, whatever its role
    for unit in re.findall(r"\b(?:in|how many|number of)\s+(?:[a-z-]+\s+){0,2}?(" + "|".join(ENGLISH_MEASURES) + r")\b", t):
        intent_words.append("多少" + ENGLISH_MEASURES[unit])  # in tonnes: the figure must be given in tonnes
    intent_words += ["多少个"] if _COUNTED_RE.search(t) and not any(w.startswith("多少") for w in intent_words) else []
    if re.search(r"\bper[- ](square|sq|unit|household|capita|person|head|kilowatt|tonne|ton)\b", t) \
            and not any(w.startswith("多少") for w in intent_words):
        intent_words.append("多少")  # the per-square-metre subsidy: a figure per unit is asked
    if re.search(r"\b(?:which|what)\s+(?:(?!units?\b|departments?\b|agenc|bod|bureaus?\b|organi)[\w-]+\s+)?(?:tasks\b|work\b(?!\s+(?:on|with|together)))|\b(list|what|which)\b.{0,60}\b(is|are) involved in\b|"
                 r"\beverything\b.{0,60}\binvolved\b|\b(every|all|each)\b.{0,12}\b(rows?|tasks?|items?|entries)\b", t):
        intent_words.append("哪些任务")
    elif re.search(r"responsible for|duties", t) and not intent_words:
        intent_words.append("承担哪些任务")  # responsible for: whatever its role
    # the role as English says it: only/merely a participant, rather than / but not / without leading
    if re.search(r"\blead(s|ing)?\b.{0,60}?,? (?:or|and) (?:(?:which|what) (?:ones? |tasks? )?)?(does it |do they |is it |are they )?(only|merely|just) "
                 r"(?:(?:as )?an? )?(?:support|assist|participa|co-?operat|help|take part|play)", t):
        intent_words += ["牵头", "参与"]  # does it lead any task, or (and which does it) only support: both
    elif re.search(r"\b(only|merely|just) ((play|plays|playing|has|have|take|takes|hold|holds) )?(a |an |as a )?"
                 r"(participa|cooperat|support|assist)|"
                 r"\b(support|supporting|participating|assisting|co-?operating)( role| capacity| part)? only\b|"
                 r"\b(rather than|but not|not|never|without|instead of) (as |being |acting as |serving as )?(the |a )?lead|"
                 r"\b(leave out|leaving out|excluding|exclude|except|not counting|skip|omit|drop|other than|without)\s+"
                 r"(?:the |any |all |everything )?(?:ones?|those|tasks?|items?|rows?|any|everything)?\s*(?:that |which |where )?"
                 r"(?:it |they |the [\w ]{1,40}? )?(?:leads?|is leading|are leading|heads?|is the lead|are the lead)\b", t):  # Please leave out the ones it leads
        intent_words.append("只参与不牵头")
    elif re.search(r"\b(only|solely) (as )?(the |a )?lead|\blead(s|ing)? (but|and) not (participa|cooperat|support)", t):
        intent_words.append("只牵头不参与")
    if (supported := re.search(r"\b(supports?|assists?|helps? with|takes? part in|participates? in|co-?operates? on|contributes? to)"
                 r" (which|what) tasks?\b|"  # 县财政 supports which tasks
                 r"\b(which|what) tasks?\b.{0,20}?\b(does|do|did) .{2,60}? "
                 r"(support|assist|help with|take part in|participate in|co-?operate on|contribute to)\b|"
                 r"\bwhat (does|do|did|will|should) .{1,60}?\b(help with|assist with|support|take part in|join in|contribute to)\b|"
                 r"\bwhat (are|is|were|was) .{0,60}?\b(governments?|bureaus?|departments?|commissions?|ministry|"
                 r"ministries|agenc(y|ies)|offices?|units?|compan(y|ies)|administrations?|authorit(y|ies)|centres?|centers?)"
                 r"\b.{0,30}? (asked|expected|required|supposed|meant) to (help with|assist with|support|take part in|join in)\b", t)) \
            and not re.search(r"\blead", t):
        intent_words += ["配合", "哪些任务"]  # which tasks does the finance bureau support: a part, not the lead
    elif supported and re.search(r"[?.]\s+(?:and\s+)?(?:does|do|did|is|are)\b[^?]*\blead", t):
        intent_words += ["牵头", "参与", "哪些任务"]  # …have to support? Does it lead anything?: both
    if re.search(r"\b(in )?any (role|capacity)\b|\b(either|both) roles?\b|\bwhatever (its |the )?role\b|"
                 r"\blead(s|ing|er)? (or|and) (a |an |as )?(support|participa|co-?operat|assist|partner)\w*", t) \
            and "只参与不牵头" not in intent_words:
        intent_words += ["牵头", "参与"]  # …either as lead or as support: both roles
    elif re.search(r"\b(as|is|are|being) (an? |the )?(support|supporting|participa\w*|co-?operat\w*|assist\w*|partner)\b|"
                   r"\ban? (supporting|participating|co-?operating|assisting)( \(\w+\))? (unit|department|agency|body|role|party)\b", t) \
            and "只参与不牵头" not in intent_words:
        intent_words.append("参与")  # as a participating unit
    if re.search(r"\bjoint(ly)?[- ]led\b|\bco-?led\b|\bjoint(ly)? lead|\b(more than one|two or more|multiple|several) "
                 r"(lead|leading) (units?|departments?|agencies|bodies)", t):
        intent_words.append("联合牵头")  # which tasks are jointly led: by how many units, no unit asked
    if re.search(r"\b(by|in|until|before) (which|what) year\b|^(which|what) year\b", t) \
            and not re.search(r"\b(issued|published|released|signed|dated)\b", t):
        intent_words.append("哪年")  # by which year should emissions peak: the year is asked
    if re.search(r"\bwhen\b.*\b(issued|signed|published|released)|issue date|date of issue|"
                 r"(?<!by )(what|which) (date|day)|\bdated\b|\bsigned on\b", t):  # by what date: a deadline
        intent_words.append("印发日期")
    if re.search(r"who (jointly |co-)?issued|(which|how many)( other| two| three| four| five| \d+)?( [a-z-]+){0,2}? (units|bodies|departments|authorities|agencies|"
                 r"ministries|bureaus|offices|commissions|organi[sz]ations)( jointly)? (co-)?issued|issuing (units|bodies|departments|authorit|agenc)", t):
        intent_words.append("印发单位")
    # a capitalised word the glossary does not know is a place only where a place stands:
    # in/of/for X, X City/County/Province/District, X's (never a word of a term: Five-Year)
    known = [zh for word in re.findall(r"[A-Za-z]+", text) if (zh := (places or {}).get(word.lower()))]
    names = [next((g for g in m.groups() if g), "") for m in PLACE_RE.finditer(text)]
    names = [n for n in names if n and n.lower() not in KNOWN_ENGLISH and n.lower() not in (places or {})
             and not CALENDAR_RE.fullmatch(n)  # in January 2024: a month, never a place
             and not any(n.lower() in en.split() for en, _ in glossary())]
    # Chinese names kept as written, a document number whole (建标〔2024〕35号)
    cjk = " ".join(re.findall(r"[\u4e00-\u9fff]{1,8}\s*[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*\d{1,4}\s*号|"
                              r"[\u4e00-\u9fff（）]+", text))
    return " ".join([*(f"{y}年" for y in years), *(x.replace(" ", "") for x in shares), cjk, *dict.fromkeys(k for k in known if k not in out), *out,
                     *plans, *intent_words, *(f"（{n}市）" for n in names)]).strip()


_LEVEL_PLAN = {"national": "国家方案", "provincial": "省级方案", "municipal": "市级方案", "city": "市级方案", "county": "县级方案"}
_ENGLISH_PURPOSE_RE = re.compile(r"\b(?:drafting|writing|preparing|compiling|putting together|working on|updating)\s+"
                                 r"(?:a|an|the|our|my)\s+(?:[a-z-]+\s+){0,2}?(?:report|briefing|brief|summary|memo|"
                                 r"presentation|slides|paper|notes|ledger|checklist)\b", re.IGNORECASE)
_ROLE_PHRASE_RE = re.compile(r"\bin any (?:role|capacity|way)\b", re.IGNORECASE)
_PLAN_YEAR_RE = re.compile(r"[\[〔(（【]\s*(?:19|20)\d\d\s*[\]〕)）】](?=\s*(?:No\.?|Number|#|第)?\s*\d)|"
                           r"\b(?:No\.?|Number|#)\s*\d{1,4}\s+of\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d(?=(?:\s+(?!(?:for|in|of|on|by|to|"
                           r"target|targets|goal|goals|figure|value)\b)[A-Za-z-]+){0,4}?\s+"
                           r"(?:action\s+plan|implementation\s+plan|plan|programme|program|notice|document)\b)", re.IGNORECASE)
#: a body named loosely, then by its proper words in brackets (the farm bureau (agriculture
#: and rural affairs)): the words in brackets name it
_GLOSSED_BODY_RE = re.compile(r"\b((?:[A-Za-z-]+ ){0,2}?)(bureau|department|commission|office|administration|ministry)"
                              r"\s*\(\s*([A-Za-z][A-Za-z,&' -]*? [A-Za-z][A-Za-z,&' -]*?)\s*\)", re.IGNORECASE)
#: a body's English name before its Chinese name in brackets (urban management bureau (县城管局)): the Chinese names it
_CN_GLOSSED_RE = re.compile(r"\b(?:(?!(?:does|do|did|is|are|was|the|which|what|who|of|for|in|by|an?)\b)[A-Za-z'-]+\s+){0,5}"
                            r"(?:bureau|department|commission|ministry|administration|office|agency)s?\s*(?=[（(]\s*[\u4e00-\u9fff]{2,20}\s*[)）])", re.I)
#: words that open a bracket saying something about a body, not its name
_NOT_A_NAME = frozenset("together with under in of within including incl e.g. such as and or which who led lead jointly "
                        "not i.e. also plus at for by from".split())
#: measures an English question asks a figure in (in tonnes, how many households)
ENGLISH_MEASURES = {"tonnes": "吨", "tons": "吨", "square metres": "平方米", "square meters": "平方米",
                    "kilometres": "公里", "kilometers": "公里", "households": "户", "yuan": "元",
                    "gigawatts": "吉瓦", "megawatts": "兆瓦", "kilowatts": "千瓦", "hectares": "公顷"}
#: things counted one by one (how many demonstration projects): a count, never an area
_COUNTED_RE = re.compile(r"\b(?:how many|number of)\s+(?:(?!(?:in|of|for|at|on|to|by|with)\b)[a-z-]+\s+){0,3}?"
                         r"(?:projects|sites|stations|villages|parks)\b")
PLACE_RE = re.compile(r"\b(?:in|of|for|at)\s+([A-Z][a-z]+)\b(?![-'])|"
                      r"\b([A-Z][a-z]+)\s+(?:City|County|Province|District|Municipality)\b|"
                      r"(?<=[a-z,;:] )([A-Z][a-z]+)\s+(?:city|county|province|district|municipality)\b|"
                      r"\b([A-Z][a-z]+)'s\b")
