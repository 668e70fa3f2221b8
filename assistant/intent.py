"""Question -> what is asked: intent, unit, role, years, place/level, topic words.

Rule-based on purpose: the phrasing of staff questions is regular (谁牵头 / 负责哪些任务
/ 到2025年…达到多少), rules are predictable, and no model is needed.  English questions
are first mapped to Chinese terms through the glossary data file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .config import DATA_DIR

LEAD_WORDS = ("牵头", "谁负责", "哪个部门负责", "哪个单位负责", "哪些部门负责", "哪些单位负责", "归谁管", "谁来抓",
              "谁管", "由谁", "哪个部门", "哪个单位", "哪家单位", "主责", "责任单位", "牵头单位", "谁主抓", "谁来负责")
PART_WORDS = ("参与", "配合", "协同", "协办", "参加")
UNIT_TASK_WORDS = ("哪些任务", "什么任务", "哪些工作", "什么工作", "要做什么", "做什么", "干什么", "承担", "负责哪些",
                   "哪些事", "任务有哪些", "工作有哪些", "职责", "分工", "有哪些", "涉及")
TARGET_WORDS = ("多少", "目标", "达到", "比例", "占比", "指标", "几成", "百分之", "要求是", "控制在", "不高于", "不低于",
                "覆盖率", "利用率", "处置率", "几公里", "多大", "几个", "多长", "提高到", "降低", "下降")
DEADLINE_WORDS = ("什么时候", "何时", "时限", "截止", "期限", "哪一年", "哪年", "完成时间", "几月", "时间节点", "之前")
FACT_WORDS = {"doc_number": ("文号", "发文字号", "字号"),
              "issuers": ("印发单位", "发文单位", "哪些单位印发", "谁印发", "谁发布", "发文机关", "联合印发", "哪些部门印发", "哪些部门联合"),
              "date": ("印发日期", "发布日期", "印发时间", "发布时间", "哪天印发", "什么时候印发", "什么时候发布", "成文日期", "哪天发布"),
              "attachments": ("附件",),
              "title": ("文件名称", "标题", "叫什么")}
FOLLOWUP_START = ("那", "那么", "它", "这个", "这项", "其", "该", "还有", "和", "以及", "同时")
LEVEL_WORDS = {"national": ("国家", "国务院", "全国", "中央"), "provincial": ("省里", "省级", "全省", "山东省"),
               "municipal": ("市级", "市里", "全市"), "county": ("县级", "县里")}

YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年?")
CN_YEAR_RE = re.compile(r"二[〇零○]([一二三四五六七八九〇零○]{2})年")
PLACE_RE = re.compile(r"([\u4e00-\u9fa5]{2,6}?(?:省|市|县|区))")


@dataclass(frozen=True)
class Query:
    text: str  # the question, English terms replaced by Chinese
    original: str
    intent: str  # lead | participate | unit_tasks | target | deadline | doc_fact | general
    unit: str | None = None  # canonical unit name mentioned
    unit_mention: str | None = None  # as written
    role: str = "any"  # for unit_tasks: lead | participating | any
    years: tuple[int, ...] = ()
    fact: str | None = None  # doc_fact: doc_number | issuers | date | attachments | title
    places: tuple[str, ...] = ()
    level: str | None = None
    english: bool = False
    topic: str = ""  # the question with intent words and the unit removed
    terms: tuple[str, ...] = field(default=())


@lru_cache(maxsize=1)
def glossary(path: Path | None = None) -> list[tuple[str, str]]:
    path = path or DATA_DIR / "glossary.tsv"
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        en, _, zh = line.partition("\t")
        if zh:
            pairs.append((en.strip().lower(), zh.strip()))
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=1)
def synonyms(path: Path | None = None) -> list[tuple[str, ...]]:
    path = path or DATA_DIR / "synonyms.txt"
    return [tuple(line.split()) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def is_english(text: str) -> bool:
    letters = sum(ch.isascii() and ch.isalpha() for ch in text)
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    return letters > 3 * max(cjk, 1)


def translate(text: str) -> str:
    """English question -> Chinese key terms (plus the intent words the rules look for)."""
    low = " " + re.sub(r"[^a-z0-9%.\- ]+", " ", text.lower()) + " "
    out: list[str] = []
    for en, zh in glossary():
        pat = f" {en} "
        while pat in low:
            out.append(zh)
            low = low.replace(pat, " ", 1)
    years = YEAR_RE.findall(text)
    intent_words = []
    t = text.lower()
    if re.search(r"\bwho\b|\bwhich (unit|department|bureau|agency)", t):
        intent_words.append("由谁牵头" if "particip" not in t else "哪些单位参与")
    if re.search(r"how (much|many|high|long)|what (is|are) the .*(target|share|rate|ratio|proportion)|\btarget|\bpercent", t):
        intent_words.append("目标是多少")
    if re.search(r"\bwhen\b|deadline|by what date", t):
        intent_words.append("什么时候")
    if re.search(r"what (tasks|work)|responsible for|duties", t):
        intent_words.append("负责哪些任务")
    return "".join(f"{y}年" for y in years) + "".join(out) + "".join(intent_words)


def expand_synonyms(text: str) -> str:
    """Add the synonyms of words found in ``text`` (for retrieval, never for display)."""
    extra = []
    for group in synonyms():
        if any(w in text for w in group):
            extra.extend(w for w in group if w not in text)
    return text + (" " + " ".join(extra) if extra else "")


def find_years(text: str) -> tuple[int, ...]:
    ys = [int(y) for y in YEAR_RE.findall(text)]
    ys += [2000 + int("".join(str("〇一二三四五六七八九".index(c.replace("零", "〇").replace("○", "〇")))
                                  for c in m)) for m in CN_YEAR_RE.findall(text)]
    return tuple(dict.fromkeys(ys))


def find_unit(text: str, resolve: Callable[[str], str | None]) -> tuple[str | None, str | None]:
    """The longest substring naming a unit that ``resolve`` knows: (canonical, as written)."""
    best: tuple[str | None, str | None] = (None, None)
    for m in re.finditer(r"(?=([\u4e00-\u9fa5、]{2,16}?(?:局|委员会|委|中心|厅|办|政府|部门)))", text):
        for start in range(len(m.group(1))):
            cand = m.group(1)[start:]
            if len(cand) < 2 or (best[1] and len(cand) <= len(best[1])):
                continue
            canon = resolve(cand)
            if canon:
                best = (canon, cand)
    if best[0] is None:  # bare short forms without the 局 suffix: 城管, 住建, 发改
        for short in ("城管", "住建", "发改", "自然资源", "财政"):
            if short in text:
                canon = resolve(short + ("委" if short == "发改" else "局"))
                if canon:
                    return canon, short
    return best


GENERIC_PLACES = ("全市", "全省", "全国", "城市", "县城", "市区", "城区", "主城区", "新区", "各县", "本市", "乡村", "农村")


def find_places(text: str) -> tuple[str, ...]:
    """Place names in the question (jieba's ``ns`` tag, plus X县 / X区 / X市 forms)."""
    import jieba.posseg as pseg

    found = [w for w, flag in pseg.cut(text) if flag == "ns" and len(w) >= 2]
    found += PLACE_RE.findall(text)
    out = []
    for p in found:
        if p in GENERIC_PLACES or any(p.endswith(g) for g in ("城市", "县城", "城区")) and len(p) > 3:
            continue
        if re.search(r"[年全各本该每个的和与及在到]", p):
            continue
        out.append(p)
    return tuple(dict.fromkeys(out))


def _has(text: str, words: Sequence[str]) -> bool:
    return any(w in text for w in words)


def classify(question: str, resolve: Callable[[str], str | None], *, known_places: Sequence[str] = ()) -> Query:
    original = question.strip()
    english = is_english(original)
    text = translate(original) if english else original
    unit, mention = find_unit(text, resolve)
    years = find_years(text)
    fact = next((k for k, words in FACT_WORDS.items() if _has(text, words)), None)
    level = next((lv for lv, words in LEVEL_WORDS.items() if _has(text, words)), None)
    places = find_places(text)
    role = "any"
    if _has(text, PART_WORDS) and not _has(text, ("牵头",)):
        role = "participating"
    elif _has(text, ("牵头",)) or _has(text, ("负责", "主责")):
        role = "lead"

    topic = text
    if mention:
        topic = topic.replace(mention, " ")
    for w in (*LEAD_WORDS, *PART_WORDS, *UNIT_TASK_WORDS, "哪些单位", "哪个", "哪些", "什么", "要求", "是多少",
              "多少", "请问", "吗", "呢", "？", "?", "的", "是", "由", "谁", "了"):
        topic = topic.replace(w, " ")
    topic = re.sub(r"\s+", " ", topic).strip()

    if fact and not unit and not (fact == "attachments" and _has(text, TARGET_WORDS)):
        intent = "doc_fact"
    elif unit and _has(text, UNIT_TASK_WORDS) and len(re.sub(r"[\s(到年\d)]", "", topic)) <= 4:
        intent = "unit_tasks"
    elif _has(text, LEAD_WORDS) or (_has(text, ("负责",)) and not unit):
        intent = "lead"
    elif _has(text, PART_WORDS) and ("哪些单位" in text or "哪些部门" in text or "谁" in text):
        intent = "participate"
    elif unit and _has(text, ("负责", "牵头", "参与")):
        intent = "unit_tasks"
    elif _has(text, DEADLINE_WORDS) and not _has(text, ("多少", "比例", "达到")):
        intent = "deadline"
    elif _has(text, TARGET_WORDS) or (years and re.search(r"\d", text)):
        intent = "target"
    else:
        intent = "general"
    return Query(text=text, original=original, intent=intent, unit=unit, unit_mention=mention, role=role,
                 years=years, fact=fact, places=places, level=level, english=english, topic=topic)


def merge_followup(question: str, history: Sequence[object]) -> str:
    """A short follow-up (那农村呢？ 它的目标是多少？) borrows the previous question's topic."""
    prev = _last_user_turn(history)
    if not prev:
        return question
    q = question.strip()
    short = len(re.sub(r"[\s？?。！!，,]", "", q)) <= 8
    if q.startswith(FOLLOWUP_START) or q.rstrip("？?").endswith("呢") or short:
        return f"{prev} {q}"
    return question


def _last_user_turn(history: Sequence[object]) -> str | None:
    for turn in reversed(list(history or ())):
        if isinstance(turn, str):
            return turn
        if isinstance(turn, dict) and turn.get("role") == "user":
            content = turn.get("content")
            if isinstance(content, str):
                return content
        if isinstance(turn, (list, tuple)) and turn and isinstance(turn[0], str):
            return turn[0]
    return None
