"""Homophone slips in a typed question (海棉城市, 省机关事物管理局, 牵投): a run of
characters the documents never write that sounds exactly (pinyin, tones dropped) like one
term they do write is that term.  The terms are the loaded documents' own (unit names,
clause and task titles, the domain terms: :func:`assistant.search.tokenize.corpus_terms`)
plus the few words every question may use (牵头, 文号: corrected where one of their
characters was typed, 签头, 问号, not 问好); a sound two terms share corrects nothing.  The
documents' two-character terms are left alone (they share sounds too often: 市政 and 实证);
a three-character term (碳达峰, 青山市) is corrected only where two of its characters were
typed in place and the third is no particle (碳达风, 清山市; not 财政不 for 财政部), a unit's
three-character short name (城管局) only where its ending was, or a homophone of 局 stands
alone for it (城管据在; not 住建听谁的); a term of fewer than four characters never where the
run is cut across a word (财政补|贴).  A longer word the documents write (jieba's cut of them)
is corrected only where one character slipped (公共机购; not 在省能源 for 再生能源).  Two
characters jieba reads as one word it does not know, written nowhere (宣穿, 浓房), are the one
two-character word of the documents, or of any question, that sounds exactly like them with
one character kept in place (宣传, 农房); 里用 stays (two words jieba knows, not 利用).  A unit's
name typed with a homophone of 局 after a level (市水利据参与) ends as a unit does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import accumulate

from assistant.answering.terms import dictionary_count, dictionary_words

#: the words a responsibility question is asked with, corrected whatever the documents
ROLE_WORDS = ("牵头", "配合", "参与", "负责")
#: words of a question about the document itself, corrected whatever the documents (问号 -> 文号)
ASKING_WORDS = (*ROLE_WORDS, "文号")
#: two-character words any question may be asked with, weighed beside the documents' own
#: (类形 -> 类型; not 仍务: 任务 sounds ren wu, 仍 reng)
QUESTION_PAIRS = ("涉及", "任务", "联合", "印发", "发布", "目标", "要求", "完成", "单位", "部门", "规定", "措施", "指标",
                  "比例", "期限", "时间", "文件", "方案", "分工", "牵头", "配合", "参与", "负责", "哪些", "什么", "类型",
                  "内容", "方面", "成文", "日期", "时限", "时候", "多少")
#: older or regional writings of common words, made the standard one (这部份 -> 这部分)
VARIANTS = (("部份", "部分"), ("身分", "身份"), ("份量", "分量"))
#: how many times as common a word's twin by sound must be for the word to be a slip the
#: dictionary recorded (时侯 10, 时候 31521)
RECORDED = 1000
#: the shortest document term a slip is corrected to by sound alone
MIN_TERM = 4
#: a short term, corrected only where SHORT_KEPT of its characters were typed in place
SHORT_TERM, SHORT_KEPT = 3, 2
#: characters that stand on their own in a sentence: never a slip inside a short term (财政不出钱),
#: nor at a term's start (我是财政局的 is no slip of 市财政局)
PARTICLES = set("不的是在了和就也都还有要会能与及或把被给对")
#: the endings of a unit's three-character short name (城管局, 发改委), corrected only where
#: the ending itself was typed: 城关局 is a slip of 城管局, 城管具体 and 住建听 are not
UNIT_ENDS = "局厅委部"
_CJK = re.compile(r"[\u4e00-\u9fff]+")
#: 得 closing a question after a verb (发得, 定得): the 的 of 是…的, typed with the other de
_CLOSING_DE_RE = re.compile(r"(?<=[发定写布出管抓做办提批签])得(?=\s*[？?。!！]*\s*$)")
#: 那天/那年 before the act of issuing (那天印发的): the asking 哪, not "that day" (从那天起施行)
_WHICH_DAY_RE = re.compile(r"(?<![从到自于至])那(?=[天年](?:印发|发布|发文|出台|成文|签发|下发|发的))")
#: characters never half of a slipped two-character word (particles, asking words, levels and
#: unit endings: 市工信局 is no slip of 施工)
NOT_IN_PAIR = PARTICLES - {"及"} | set("谁啥哪几多吗呢吧么啊呀嘛个市县省区局厅委")
#: characters that often stand alone beside a word (方案里用了, 管廊到2030年): half of a slip
#: only where jieba's HMM joins them into one word
STANDALONE = set("里上下中内外前后到用来去给让被把向从往为以对跟同比于由将使叫说看做搞弄")
#: what follows a unit's name in a question (市水利据参与…, 市生态环境据在方案里…)
_AFTER_UNIT_RE = re.compile(r"参与|牵头|配合|负责|承担|在|的|有|是|和|与|、|都|也|要|$")


@lru_cache(maxsize=8192)
def _sound(char: str) -> str:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(char)[0]


def sounds(text: str) -> tuple[str, ...]:
    """The pinyin of each character (tones dropped; each read on its own)."""
    return tuple(_sound(c) for c in text)


def heard(text: str) -> tuple[str, ...]:
    """:func:`sounds` as a slip hears them: lü and lu alike (录色 for 绿色; nü and nu)."""
    return tuple(s.replace("v", "u") for s in sounds(text))


class Speller:
    """Corrects homophone slips against ``terms``; ``written(run)`` tells whether the
    documents write a run of characters (such a run is never a slip)."""

    def __init__(self, terms: Iterable[str], written: Callable[[str], bool], short_units: Iterable[str] = (),
                 words: Iterable[str] = (), word: Callable[[str], bool] = lambda w: True) -> None:
        """``words``: the documents' words as jieba cuts them (two characters: weighed as pairs,
        longer: as terms); ``word(w)``: whether the dictionary has ``w`` (a slipped pair is
        none; the default, every pair a word, turns pairs off)."""
        words = set(words)
        terms = list(terms)
        # 公共机购 -> 公共机构: a word of the text, one character slipped (not 在省能源 for 再生能源)
        self._text_words = {w for w in words if len(w) > 2} - set(terms)
        terms += self._text_words
        self._stems = {u[:-1] for u in short_units}  # 住建碳达峰: 建碳 is no slip of 减碳
        by_sound: dict[tuple[str, ...], set[str]] = {}
        self._short = {t for t in short_units if len(t) == 3 and t[-1] in UNIT_ENDS and _CJK.fullmatch(t)}
        for term in {*(t for t in terms if len(t) >= SHORT_TERM and _CJK.fullmatch(t)), *ASKING_WORDS, *self._short}:
            by_sound.setdefault(heard(term), set()).add(term)
        self._terms = {key: next(iter(ts)) for key, ts in by_sound.items() if len(ts) == 1}
        self._lengths = sorted({len(k) for k in self._terms}, reverse=True)
        self._written, self._word = written, word
        self._pairs: dict[tuple[str, ...], set[str]] = {}
        self._asking: dict[tuple[str, ...], set[str]] = {}
        for pair in {*QUESTION_PAIRS, *ASKING_WORDS}:
            self._asking.setdefault(heard(pair), set()).add(pair)
        for pair in {p for p in (*words, *QUESTION_PAIRS) if len(p) == 2 and _CJK.fullmatch(p)}:
            self._pairs.setdefault(heard(pair), set()).add(pair)

    def correct(self, text: str) -> str:
        """``text`` with each slip replaced by the term it sounds like, longest first (and a
        closing 得 the 的 it stands for: 哪几个单位联合发得)."""
        text = _WHICH_DAY_RE.sub("哪", _CLOSING_DE_RE.sub("的", text))
        for old, new in VARIANTS:
            text = text.replace(old, new)
        return _CJK.sub(lambda m: self._run(self._recorded(m.group())), text) if self._terms else text

    def _recorded(self, run: str) -> str:
        """``run`` with each two-character word of the dictionary that is a slip it recorded put
        right: one sounding like a word questions are asked with, one character kept, that is a
        thousand times as common (时侯 -> 时候; not 禁行 -> 进行, 实线 -> 实现: words of their own)."""
        out = []
        for w in dictionary_cut(run):
            near = [p for p in self._asking.get(heard(w), ()) if sum(a == b for a, b in zip(p, w)) == 1] \
                if len(w) == 2 and not set(w) & NOT_IN_PAIR else []
            out.append(near[0] if len(near) == 1 and dictionary_count(w) * RECORDED < dictionary_count(near[0]) else w)
        return "".join(out)

    def _run(self, run: str) -> str:
        heard_run = heard(run)
        out: list[str] = []
        i = 0
        while i < len(run):
            for n in self._lengths:
                term = self._terms.get(heard_run[i:i + n]) if i + n <= len(run) else None
                if term is not None and term != run[i:i + n] and not self._written(run[i:i + n]) \
                        and not (run[i] in PARTICLES and run[i] != term[0]) \
                        and _typed_enough(term, run[i:i + n], term in self._short) \
                        and (term not in self._text_words or _one_slip(term, run[i:i + n])) \
                        and (term not in self._short or run[i + n - 1] == term[-1] or {i + n - 1, i + n} <= word_ends(run)) \
                        and (n >= MIN_TERM or {i, i + n} <= word_ends(run)):  # 财政补|贴 is no 财政部
                    out.append(term)
                    i += n
                    break
            else:
                pair = self._pair(run, i, heard_run[i:i + 2])
                out.append(pair or self._unit_end(run, i, heard_run[i]))
                i += len(pair) or 1
        return "".join(out)

    def _pair(self, run: str, i: int, sound: tuple[str, ...]) -> str:
        """The documents' two-character word that ``run[i:i+2]`` slipped from, or '': a
        character that often stands alone (里, 到, 用) only where jieba joins the two into a
        word it does not know (宣穿; 方按 too; not 里用 nor 管廊到); ``sound``: its sounds."""
        typed = run[i:i + 2]
        if len(typed) < 2 or set(typed) & NOT_IN_PAIR or not {i, i + 1, i + 2} <= word_ends(run) \
                or self._word(typed) or self._written(typed) \
                or not (any(typed in w and not self._word(w) for w in guessed_words(run)) or not set(typed) & STANDALONE) \
                or run[max(0, i - 1):i + 1] in self._stems or run[i + 1:i + 3] in self._stems:
            return ""
        near = [p for p in self._pairs.get(sound, ()) if sum(a == b for a, b in zip(p, typed)) == 1]
        return near[0] if len(near) == 1 else ""

    def _unit_end(self, run: str, i: int, sound: str) -> str:
        """``run[i]``, or 局 where ``run[i]`` sounds like it after a level and a name and before
        what follows a unit in a question (市水利据参与; not 市里据说, 市政道路什么时候停);
        ``sound``: its sound."""
        if run[i] == "局" or sound != "ju" or i < 3 or {i, i + 1} - word_ends(run) \
                or not _AFTER_UNIT_RE.match(run, i + 1):
            return run[i]
        level = max(run.rfind(c, max(0, i - 9), i - 2) for c in "市县省区")
        return "局" if level >= 0 and not set(run[level + 1:i]) & NOT_IN_PAIR else run[i]


def written_words(texts: Iterable[str]) -> set[str]:
    """The texts' words as jieba cuts them, its HMM joining the ones its dictionary lacks
    (农房): what a slip is weighed against."""
    import jieba

    return {w for text in texts for w in jieba.lcut(text) if len(w) >= 2 and _CJK.fullmatch(w)}


def without_and(terms: Iterable[str]) -> list[str]:
    """Unit names as people shorten them, without 和 (自然资源规划局): a slip typed in one
    (自然资源规化局) is still that unit."""
    return [t.replace("和", "") for t in terms if "和" in t and t[-1:] in (*UNIT_ENDS, "会")]


@lru_cache(maxsize=4096)
def dictionary_cut(run: str) -> tuple[str, ...]:
    """The dictionary's words of ``run``."""
    return tuple(dictionary_words(run))


def ends_of(words: Iterable[str]) -> frozenset[int]:
    """Where ``words``, cut from one text in order, begin and end in it (0 included)."""
    return frozenset({0, *accumulate(len(w) for w in words)})


@lru_cache(maxsize=4096)
def word_ends(run: str) -> frozenset[int]:
    """Where the dictionary's words of ``run`` end (0 included): cut only when a short term is weighed."""
    return ends_of(dictionary_cut(run))


@lru_cache(maxsize=4096)
def hmm_cut(run: str) -> tuple[str, ...]:
    """The words jieba's HMM makes of ``run`` (宣穿 of 宣穿引导: two characters it reads as one word)."""
    import jieba

    return tuple(jieba.lcut(run))


def guessed_words(run: str) -> frozenset[str]:
    """:func:`hmm_cut` as a set."""
    return frozenset(hmm_cut(run))


def _one_slip(term: str, typed: str) -> bool:
    """Whether ``typed`` is ``term`` with one character slipped, and not to a particle or level."""
    slipped = [b for a, b in zip(term, typed) if a != b]
    return len(slipped) == 1 and slipped[0] not in NOT_IN_PAIR


def _typed_enough(term: str, typed: str, short_unit: bool) -> bool:
    """Whether ``typed`` is near enough ``term`` in writing as well as sound: a unit's short
    name with its ending or two of its characters typed (城关局, 城管据); a three-character
    term with two of its characters in place and no particle for the third (碳达风, not 谈大风
    nor 财政不); a word of any question with one of its characters (签头, 问号, not 问好)."""
    kept = sum(a == b for a, b in zip(term, typed))
    if short_unit:  # the ending not typed: only a homophone of 局 (the caller weighs the cut: 城管据在)
        return typed[-1] == term[-1] or (kept >= 2 and term[-1] == "局")
    if term in ASKING_WORDS:
        return kept >= 1
    if len(term) == SHORT_TERM:
        return kept >= SHORT_KEPT and not any(a != b and a in PARTICLES for a, b in zip(typed, term))
    return True


def romanised_chinese(text: str) -> set[str]:
    """The pinyin a question writes beside its own Chinese (guang chu zhi rou 光储直柔,
    guangchu): each run of the Chinese runs' syllables, spelled together, is no unknown word."""
    out: set[str] = set()
    try:
        import pypinyin  # noqa: F401  (sounds() reads it)
    except ImportError:  # pragma: no cover - a declared dependency
        return out
    for run in re.findall(r"[\u4e00-\u9fff]{2,8}", text):
        syl = sounds(run)
        out.update("".join(syl[i:j]) for i in range(len(syl)) for j in range(i + 1, len(syl) + 1))
    return out
