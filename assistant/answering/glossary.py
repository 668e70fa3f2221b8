"""The bilingual glossary (data/glossary.tsv) and how an English word sequence is matched
against it: the longest phrases covering the most words.  :mod:`assistant.answering.english`
builds the Chinese reading of a question from these matches."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from assistant.config import DATA_DIR


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
def _phrases() -> tuple[dict[str, str], int]:
    table = {en: zh for en, zh in glossary()}
    # coal-fired and central-heating are read as two words (see english_words): so are the entries
    # … and so is people's (people + s): an entry's apostrophe is a space too
    table.update({k: zh for en, zh in glossary() if (k := re.sub(r"[-']", " ", en)) not in table})
    return table, max((len(en.split()) for en in table), default=1)


def _singular(word: str) -> str:
    """loans -> loan, facilities -> facility, buses -> bus: the glossary lists base forms."""
    for end, base in (("ies", "y"), ("sses", "ss"), ("ses", "s"), ("xes", "x"), ("s", "")):
        if word.endswith(end) and len(word) > len(end) + 2 and not word.endswith(("ss", "us", "is")):
            return word[:-len(end)] + base
    return word


#: bodies named after what they are of (the natural resources ministry: the Ministry of Natural Resources)
_BODIES = frozenset({"ministry", "bureau", "department", "commission", "administration", "office"})


def _lookup(table: Mapping[str, str], words: Sequence[str]) -> str | None:
    """The Chinese of ``words`` (the last one singular too; a body named last, also as "body of …")."""
    got = table.get(" ".join(words)) or table.get(" ".join([*words[:-1], _singular(words[-1])]))
    if got is None and len(words) > 1 and _singular(words[-1]) in _BODIES:
        got = table.get(" ".join([_singular(words[-1]), "of", *words[:-1]]))
    return got


def match_phrases(words: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, length, Chinese) of glossary phrases covering as many words as possible, in
    order; among equal covers the fewer phrases, and at a tie a phrase starting at a word
    before one starting later, the longest first
    (scattered coal-fired boilers: 分散 + 燃煤锅炉, not 散煤 leaving "fired boilers")."""
    table, longest = _phrases()
    # best[i]: (words covered, -phrases used, phrases) for words[i:]
    best: list[tuple[int, int, list[tuple[int, int, str]]]] = [(0, 0, [])] * (len(words) + 1)
    for i in range(len(words) - 1, -1, -1):
        pick, skipped = best[i + 1], True
        for n in range(min(longest, len(words) - i), 0, -1):
            zh = _lookup(table, words[i:i + n])
            if zh:
                covered, used, rest = best[i + n]
                if (covered + n, used - 1) > pick[:2] or (skipped and (covered + n, used - 1) == pick[:2]):
                    pick, skipped = (covered + n, used - 1, [(i, n, zh), *rest]), False
        best[i] = pick
    return best[0][2]


def unknown_words(text: str) -> list[str]:
    """Content words of an English question the glossary cannot translate (bank,
    designated): what the Chinese search would silently drop."""
    words = english_words(text)
    covered = {i for start, n, _ in match_phrases(words) for i in range(start, start + n)}
    return [w for i, w in enumerate(words) if i not in covered and w not in ENGLISH_FILLER
            and w not in KNOWN_ENGLISH and not re.fullmatch(r"[\d%.\-]+", w) and len(w) > 2]


def translated_words(text: str) -> int:
    """How many words of an English question the glossary translates."""
    return sum(n for _, n, _ in match_phrases(english_words(text)))


#: English words that carry no content of their own (asking, grammar, courtesy)
ENGLISH_FILLER = frozenset("""
about above after again all also any are be been being below between both but can could did does doing done down
during each either else ever every few further get gets getting give given gives go goes had has have having her here
him his how i if into its it it's just kind know let like list made make many may me might more most much must my need
needs never no nor not now off once one only other our out over own per please provide provides put rather really required
requires require same say says see set sets shall she should so some such tell than that their them then there they
thing things those through thus too under until up upon us very want was way we were what whatever whether while will
within without would yes yet you your exactly specific specifically actually currently according supposed expected
anything something someone anyone name names person people document documents text mention mentions mentioned state
states stated say said written write writes term terms stand stands mean meant meaning refer refers referred
abbreviation acronym phrase expression definition defined figure figures number numbers value values due end talk talks using
kindly advise advised confirm accordance hereby pursuant inform informed regarding respectfully request requested
among amongst ones listed lists included includes
""".split())
KNOWN_ENGLISH = frozenset("""what which who whom whose when where why how is are does do did the a an in of for by to
and or with on at from as this that these those municipal city plan bim cim led year years item items row rows
first second third fourth fifth last penultimate""".split())


_ABBREVIATIONS = ((r"\bdept\b\.?", "department"), (r"\bdepts\b\.?", "departments"), (r"\bgovt\b\.?", "government"),
                  (r"\badmin\b\.?", "administration"), (r"\bmgmt\b\.?", "management"), (r"\bbur\b\.?", "bureau"),
                  (r"\bcomm\b\.?", "commission"), (r"\bdev\b\.?", "development"), (r"\binfo\b\.?", "information"))


@lru_cache(maxsize=1)
def english_vocabulary() -> frozenset[str]:
    """Every English word the glossary and the question rules know."""
    words = frozenset(w for en, _ in glossary() for w in re.split(r"[\s\-]+", en))
    return words | ENGLISH_FILLER | KNOWN_ENGLISH


@lru_cache(maxsize=4096)
def respelled(word: str) -> str:
    """A word the glossary does not know, one common slip from exactly one term word it
    knows (developement -> development, managment -> management, resouces -> resources,
    burea -> bureau): a vowel added, dropped or typed for another, a letter doubled or
    undoubled, a letter left out, two letters swapped; never the first letter, never a
    letter typed too many at the end (completed is no slip of complete), never a consonant
    replaced or typed too many (country is no slip of county).  The caller keeps a fix of a
    short word only where it completes a glossary phrase."""
    vocab = english_vocabulary()
    if len(word) < 4 or not word.isalpha() or word in vocab or _singular(word) in vocab:
        return word
    inner, letters = range(1, len(word) - 1), "abcdefghijklmnopqrstuvwxyz"
    near = {word[:i] + word[i + 1:] for i in inner if word[i] in "aeiou" or word[i] == word[i - 1]} \
        | {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in inner} \
        | {word[:i] + c + word[i:] for i in range(1, len(word) + 1) for c in letters} \
        | {word[:i] + c + word[i + 1:] for i in inner if word[i] in "aeiou" for c in "aeiou"}
    terms = vocab - ENGLISH_FILLER - KNOWN_ENGLISH
    hits = {w for w in near if w in terms or _singular(w) in terms} - {word}
    ended = {w for w in hits if w.startswith(word)}  # cut short at the end (participat): the likeliest slip
    turned = {w for w in hits if sorted(w) == sorted(word)}  # taks: two letters swapped, the likeliest slip
    if len(hits) == 1 or len(turned) == 1:
        return next(iter(hits)) if len(hits) == 1 else turned.pop()
    return next(iter(ended)) if len(ended) == 1 else word


#: a word this long, typed without one of a doubled letter's pair (suport, isued), is fixed
#: on its own; one this long without a vowel (bulding) too; any other fix must complete a
#: glossary phrase (cause is no slip of clause, cites none of cities)
LONE_DOUBLED, LONE_VOWEL = 5, 6


def _lone_fix(typed: str, fixed: str) -> bool:
    """Whether ``fixed`` is ``typed`` with one letter put back that a hurried hand drops: a
    doubled letter's twin, or a vowel of a long word; or with two neighbouring letters put
    back in order (taks)."""
    if len(fixed) == len(typed) and sorted(fixed) == sorted(typed) and sum(a != b for a, b in zip(fixed, typed)) == 2:
        return True
    if len(fixed) != len(typed) + 1:
        return False
    at = next((i for i, (a, b) in enumerate(zip(typed, fixed)) if a != b), len(typed))
    added = fixed[at]
    doubled = (at > 0 and fixed[at - 1] == added) or (at + 1 < len(fixed) and fixed[at + 1] == added)
    return (doubled and len(typed) >= LONE_DOUBLED) or (added in "aeiou" and len(typed) >= LONE_VOWEL)


def _respelled_in_phrases(words: list[str]) -> list[str]:
    """``words`` with each slip fixed where the fixed word then belongs to a glossary phrase of
    two or more words with its neighbours, themselves fixed (Developement and Reform
    Commission, Finace Bureu), or where :func:`_lone_fix` holds (suport); any other lone word
    is left as typed (lightning protection is not lighting)."""
    fixes = [respelled(w) for w in words]
    phrased = {i for s, n, _ in match_phrases(fixes) if n >= 2 for i in range(s, s + n)}
    return [f if f == w or _lone_fix(w, f) or i in phrased else w for i, (w, f) in enumerate(zip(words, fixes))]


def respelled_text(text: str) -> str:
    """``text`` with its English slips fixed in place (who lead the clean heeting, when was it
    isued): the rules that read the question's own words see the words meant."""
    found = list(re.finditer(r"[A-Za-z]+", text))
    fixed = _respelled_in_phrases([m.group().lower() for m in found])
    for m, new in reversed(list(zip(found, fixed))):
        if new != m.group().lower():
            text = text[:m.start()] + (new.capitalize() if m.group()[0].isupper() else new) + text[m.end():]
    return text


#: the bodies a phrase before "side" may be the stem of (the development and reform side: the commission)
_SIDE_BODIES = ("bureau", "commission", "department", "administration", "company")


def _side(words: Sequence[str], hit: tuple[int, int, str]) -> tuple[int, int, str]:
    """A phrase before "side": the body it is the stem of, the first of bureau, commission, … the
    glossary has (the urban management side: 城市管理局; the development and reform side: 发展和改革局,
    which resolves to the plan's own commission or bureau), else that area (the rural side: 农村方面)."""
    start, n, zh = hit
    side = next((j for j in range(start + n, min(start + n + 3, len(words))) if words[j] == "side"), None)
    if side is None or zh.endswith(("方面", "局", "委员会", "厅", "部", "公司")):
        return hit
    table, _ = _phrases()  # the development and reform side: the words up to "side" name the body
    body = next((b for kind in _SIDE_BODIES if (b := _lookup(table, [*words[start:side], kind]))), None)
    return (start, side + 1 - start, body) if body else (start, n + 1, zh + "方面") if side == start + n else hit


def english_words(text: str) -> list[str]:
    text = text.replace("&", " and ")  # natural resources & planning
    low = " " + re.sub(r"[^a-z0-9%.\- ]+", " ", re.sub(r"\([^)]*\)", " ", text).lower()) + " "
    low = re.sub(r"\bco-op", "coop", low)  # co-operating: one word, as the glossary writes it
    for short, full in _ABBREVIATIONS:  # Dept of Industry…: the glossary writes words out
        low = re.sub(short, full, low)
    low = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", low)  # central-heating: two words, as the glossary has them
    return _respelled_in_phrases(re.sub(r"\s+", " ", re.sub(r"(?<!\d)\.|\.(?!\d)", " ", low)).split())


def glossary_terms(words: Sequence[str], places: Mapping[str, str] | None = None) -> list[str]:
    """The Chinese terms of an English word sequence, in its order: at each word the
    longest glossary phrase starting there (municipal finance bureau -> 市 + 财政局, in
    that order, so a unit keeps its level prefix next to it); a loaded document's place
    (``places``: pinyin -> Chinese) stays where it stands, so State Grid Linhe County power
    supply company reads 国网 + 临河县 + 供电公司, the name the document writes."""
    hits = [_side(words, hit) for hit in match_phrases(words)]
    covered = {i for start, n, _ in hits for i in range(start, start + n)}
    named = [(i, 1, (places or {})[w]) for i, w in enumerate(words) if i not in covered and w in (places or {})]
    found = sorted([*hits, *named])
    for j in range(len(found) - 2, -1, -1):  # governments of each region: 人民政府 + 各地区 -> 各地区人民政府
        (a, n, zh), (b, m, each) = found[j], found[j + 1]
        if zh.endswith("政府") and each.startswith("各") and len(each) >= 2 and words[a + n:b] in (["of"], ["in"]):
            found[j:j + 2] = [(a, b + m - a, each + zh)]
    out = [zh for _, _, zh in found]
    for j in range(len(out) - 2, -1, -1):  # 临河县 + 县 (Linhe County) -> 临河县, before 县 binds to a unit
        level = "市" if out[j + 1] == "城市" else out[j + 1]  # Qingshan city: the place's level, no 城市 asked
        if places and out[j] in places.values() and level in ("省", "市", "县", "区", "自治区", "州", "旗") \
                and out[j].endswith(level):
            del out[j + 1]
    for j in range(len(out) - 2, -1, -1):  # State Grid Linhe: the place's power supply company
        if out[j] == "国网" and places and out[j + 1] in places.values() \
                and (j + 2 == len(out) or out[j + 2] != "供电公司"):
            out.insert(j + 2, "供电公司")
    for j in range(len(out) - 2, -1, -1):  # 市 + 财政局 -> 市财政局: a level prefix binds to its unit
        if out[j] in ("省", "市", "县", "区") and re.search(r"(局|委|委员会|厅|办|中心|政府)$", out[j + 1]):
            out[j:j + 2] = [out[j] + out[j + 1]]
    return out
