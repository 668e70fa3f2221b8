"""Slips of the keyboard that are no slip of sound (:mod:`spelling` weighs those): a character
that looks like the one meant (市财攻局, 城菅局, 清洁取暧: :mod:`glyphs`), two neighbouring
characters swapped (务任, 住房城乡设建部, 头牵), one dropped from inside a unit's name (县财局,
省自然资厅), a term or part of one left in pinyin (gongre计量收费, zhuangpeishi建筑,
省shengtai环境厅) or a unit's short name typed by its initials (fgw, cgj), a space typed inside a
name (市场 监管总局, 财政 局).

Each is corrected only to the one term of the loaded documents it can come from, and only
where what was typed is written nowhere in the documents, is no word of jieba's dictionary
and keeps to the words of its cut: a lookalike only where the character stands alone in it
(建筑可能: 可 is in 可能, no 节能; 大街区, 县域, 河水 are words), never in a place's name (临江县 may
be another county); a swap never of two characters that are a word (行政效能: no 能效).  Upper-case
Latin and words of English are left alone (LED, BIPV, Linhe), and pinyin is read only in a
question mostly written in Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.answering.glossary import english_vocabulary
from assistant.answering.glyphs import look_alike
from assistant.answering.spelling import (
    NOT_IN_PAIR,
    STANDALONE,
    dictionary_cut,
    ends_of,
    heard,
    hmm_cut,
    sounds,
    word_ends,
)

#: the longest term whose swapped or shortened forms are kept (unit names, indicators)
MAX_TERM = 14
#: a slip this long may begin or end inside a word of jieba's cut (县县|机关事服务中心)
LONG_SLIP = 5
#: the shortest name a dropped character is restored in (县财政局 -> 县财局; not 财政局 -> 财局)
MIN_DROPPED = 4
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_CJK_END = re.compile(r"[\u4e00-\u9fff]+$")
#: lower case, or capitalised as a phone starts a message (Fgw参与哪些): LED, BIPV are no pinyin
_LATIN = re.compile(r"(?<![A-Za-z])[A-Za-z][a-z]{2,}(?![A-Za-z])")
_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")


def swapped(term: str, word: Callable[[str], bool] = lambda w: False) -> set[str]:
    """``term`` with two neighbouring characters swapped, each way it can be, but where the two
    swapped make a ``word`` (效能 of 能效提升: 行政效能提升 is no slip)."""
    return {term[:i] + term[i + 1] + term[i] + term[i + 2:] for i in range(len(term) - 1)
            if term[i] != term[i + 1] and not word(term[i + 1] + term[i])}


def dropped(term: str, kept: Iterable[str] = ()) -> set[str]:
    """``term`` with one character left out from inside it (neither its first nor its last:
    机关事务管理局 of 市机关事务管理局 is a name of its own), none of a name in ``kept`` (临县 of 临河县)."""
    if len(term) < MIN_DROPPED:
        return set()
    held = {i for p in kept for at in _occurrences(term, p) for i in range(at, at + len(p))}
    return {term[:i] + term[i + 1:] for i in range(1, len(term) - 1) if i not in held}


def pinyin_key(text: str) -> str:
    """The toneless pinyin of ``text`` run together, ü as u (绿色 -> luse, as lvse is typed too)."""
    return "".join(heard(text))


class Slips:
    """Lookalikes, swaps, drops, pinyin, initials and spaces against the documents' ``terms``
    (three or more characters), ``words`` (their two-character words and the asking words) and
    ``units`` (the units' names: a dropped character; the three-character ones, 城管局: their
    initials).  ``written(run)``: whether the documents write ``run``; ``word(w)``: whether
    jieba's dictionary has ``w``; ``alike(a, b)``: whether two characters look alike;
    ``places``: names never changed (临江县 may be another county)."""

    def __init__(self, terms: Iterable[str], words: Iterable[str], units: Iterable[str],
                 written: Callable[[str], bool], word: Callable[[str], bool],
                 alike: Callable[[str, str], bool] = look_alike, places: Iterable[str] = ()) -> None:
        self._places = {p for p in places if len(p) >= 2}
        names = {u for u in units if 3 <= len(u) <= MAX_TERM and _CJK.fullmatch(u)}
        self._known = {t for t in terms if 3 <= len(t) <= MAX_TERM and _CJK.fullmatch(t)} | names
        self._words = {w for w in words if len(w) == 2 and _CJK.fullmatch(w)}  # 县城: a lookalike's (具城)
        swappable = {w for w in self._words if not set(w) & NOT_IN_PAIR}  # 光伏: a swap's too (伏光)
        variants: dict[str, set[str]] = {}
        for term in self._known | swappable:
            for typed in swapped(term, word) | (dropped(term, self._places) if term in names else set()):
                variants.setdefault(typed, set()).add(term)
        self._variants = {v: t for v, ts in variants.items()
                          if (t := _one(ts)) and v not in self._known and v not in self._words and not word(v)}
        self._blanks: dict[str, set[str]] = {}  # 财?局 -> 财政局: each term with one character left blank
        for term in self._known | self._words:
            for i in range(len(term)):
                self._blanks.setdefault(term[:i] + "?" + term[i + 1:], set()).add(term)
        self._heard = {pinyin_key(t) for t in self._known | self._words}  # 陪合: a slip of sound
        self._lengths = sorted({len(v) for v in self._variants} | {len(t) for t in self._known | self._words}, reverse=True)
        spelled: dict[str, set[str]] = {}
        for term in self._known | self._words:  # (duoshao: 多少 too)
            spelled.setdefault(pinyin_key(term), set()).add(term)
        for unit in (n for n in names if len(n) == 3):  # fgw, cgj: a unit's short name by its initials
            spelled.setdefault("".join(s[0] for s in sounds(unit)), set()).add(unit)
        self._spelled = {k: next(iter(ts)) for k, ts in spelled.items() if len(ts) == 1}
        self._parts: dict[str, set[tuple[str, str, str]]] | None = None  # built when first asked
        self._written, self._word, self._alike = written, word, alike

    def correct(self, text: str) -> str:
        """``text`` with each slip the documents' terms explain put right."""
        text = _SPACE.sub(self._space, text)
        if _mostly_chinese(text):
            text = _LATIN.sub(self._pinyin, text)
        return _CJK.sub(lambda m: self._run(m.group(), text[m.start() - 1:m.start()].isdigit(),
                                            text[m.end():m.end() + 1].isdigit()), text)

    def _space(self, m: re.Match[str]) -> str:
        """'' where a term runs across the space (市场 监管总局), else the space."""
        left = _CJK.findall(m.string[:m.start()])[-1][-MAX_TERM:]
        right = _CJK.match(m.string, m.end())
        joined, cut = left + (right.group()[:MAX_TERM] if right else ""), len(left)
        crosses = any(joined[i:j] in self._known for i in range(cut) for j in range(cut + 1, len(joined) + 1))
        return "" if crosses else m.group()

    def _pinyin(self, m: re.Match[str]) -> str:
        """The Chinese ``m`` spells: a term (gongre), a unit's initials (fgw), or the part of a
        term the Chinese around it completes (省shengtai环境厅); else ``m`` as typed."""
        typed = m.group().lower().replace("v", "u")
        if m.group()[0].isupper() and (m.string[:m.start()].strip() or typed in english_vocabulary()):
            return m.group()  # a capital only where a phone puts one: the first word
        if typed in self._spelled:
            return self._spelled[typed]
        before, after = _CJK_END.search(m.string[:m.start()]), _CJK.match(m.string, m.end())
        left, right = before.group() if before else "", after.group() if after else ""
        fits = {part for head, part, tail in self._term_parts().get(typed, ()) if (head or tail)
                and left.endswith(head) and right.startswith(tail)}
        return fits.pop() if len(fits) == 1 else m.group()

    def _term_parts(self) -> dict[str, set[tuple[str, str, str]]]:
        """Each run of two or more characters of a term by its pinyin, with what comes before and
        after it in the term (shengtai -> 省, 生态, 环境厅 of 省生态环境厅)."""
        if self._parts is None:
            parts: dict[str, set[tuple[str, str, str]]] = {}
            for term in self._known:
                for i in range(len(term) - 1):
                    for j in range(i + 2, len(term) + 1):
                        parts.setdefault(pinyin_key(term[i:j]), set()).add((term[:i], term[i:j], term[j:]))
            self._parts = parts
        return self._parts

    def _run(self, run: str, after_number: bool, before_number: bool) -> str:
        """``run`` put right; a character beside a number is the number's (2025年城区: no 主城区).
        A short slip spans whole words of jieba's cut: the dictionary's for three characters or
        more (方案热泵: no 案热泵), its HMM's for two (多少户农房: no 户农; 屋顶伏光: 伏光)."""
        out: list[str] = []
        hmm, cut = hmm_cut(run), word_ends(run)
        guessed = ends_of(hmm)
        alone = {at for at, w in zip(sorted(cut), dictionary_cut(run)) if len(w) == 1}  # 攻 of 市|财|攻|局
        i = 0
        while i < len(run):
            for n in self._lengths:
                typed = run[i:i + n]
                if len(typed) < n or (i == 0 and after_number) or (i + n == len(run) and before_number) \
                        or n < LONG_SLIP and not {i, i + n} <= (cut if n > 2 else guessed):
                    continue
                term = self._variants.get(typed) or (
                    self._lookalike(typed, {k for k in range(n) if i + k in alone}, run[i - 1:i], run[i + n:i + n + 1])
                    if n > 2 or typed in hmm else None)  # 旅工 is one word of the HMM's cut; not 发|我
                if term is not None and term not in run[max(0, i - 1):i + n + 1] and not self._written(typed):
                    out.append(term)  # (国家发展改革委: no 展改革委 of 发展改革委)
                    i += n
                    break
            else:
                out.append(run[i])
                i += 1
        return "".join(out)

    def _lookalike(self, typed: str, alone: set[int], before: str, after: str) -> str | None:
        """The one term ``typed`` is with its character at one of the offsets ``alone`` (standing
        alone in the dictionary's cut; no particle nor word that often stands alone: 道路以 is no
        道路网) replaced by one that looks like it (财攻局), never in a place's name; a two-character one only if a word of the dictionary and no word with the
        characters ``before`` and ``after`` it (施工 of 旅工; not 尽改 of 发改, 开发 of 哪天发的)."""
        found = {t for i in alone for t in self._blanks.get(typed[:i] + "?" + typed[i + 1:], ())
                 if t != typed and typed[i] not in NOT_IN_PAIR | STANDALONE and self._alike(typed[i], t[i])
                 and not any(at <= i < at + len(p) for p in self._places for at in _occurrences(t, p))}
        if len(found) != 1 or typed in self._known or typed in self._words or self._word(typed) \
                or pinyin_key(typed) in self._heard:
            return None  # a slip of sound is :mod:`spelling`'s (陪合 -> 配合)
        if len(typed) == 2 and (set(typed) & NOT_IN_PAIR or not self._word(next(iter(found)))
                                or before and self._word(before + typed[0]) or after and self._word(typed[1] + after)):
            return None  # 类的 is no slip of 美的
        return found.pop()


def _occurrences(text: str, part: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(part), text)] if part else []


def _one(terms: set[str]) -> str | None:
    """The one term, or the longest where it holds the others (市城管理局: 市城市管理局, not 城市管理局)."""
    longest = max(terms, key=len)
    return longest if all(t in longest for t in terms) else None


def _mostly_chinese(text: str) -> bool:
    """Whether ``text`` is written in Chinese more than in Latin letters (pinyin beside it)."""
    cjk = sum(len(r) for r in _CJK.findall(text))
    return cjk >= 4 and cjk * 2 >= sum(c.isascii() and c.isalpha() for c in text)
