"""Small pure text helpers shared by the answering code: sentences, n-grams, overlap."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

SENT_END = "。！？；!?;"
NUM_RE = re.compile(r"\d+(?:\.\d+)?")
YEAR_MARK_RE = re.compile(r"(?:到|至|在)?\s*(?:19|20)\d{2}\s*年(?:前|底|末)?")
STOP_CHARS = set("的了是在和与及或等各其之把被对为向从以于也都就要将并且而但所这那哪些个么什吗呢？?，,。、；;：:！!“”\"'《》（）()【】[] \t\n")


def sentences(text: str) -> list[str]:
    """Split at 。！？； keeping the delimiter; newlines also end a sentence."""
    out: list[str] = []
    for para in text.split("\n"):
        buf = ""
        for ch in para:
            buf += ch
            if ch in SENT_END:
                if buf.strip():
                    out.append(buf.strip())
                buf = ""
        if buf.strip():
            out.append(buf.strip())
    return out


def squeeze(text: str) -> str:
    """Remove all white space (documents write "2025 年" and "2025年" alike)."""
    return re.sub(r"\s+", "", text)


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Lines of ``data/synonyms.txt``: the first word of a line is the canonical one."""
    lines = (DATA_DIR / "synonyms.txt").read_text(encoding="utf-8").splitlines()
    return tuple(tuple(ln.split()) for ln in lines if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def _synonym_re() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {w: g[0] for g in synonym_groups() for w in g[1:]}
    words = sorted(table, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), table


def canonical(text: str) -> str:
    """Replace domain synonyms by their canonical word (供暖 -> 取暖), longest first."""
    pat, table = _synonym_re()
    return pat.sub(lambda m: table[m.group(0)], text)


def grams(text: str) -> frozenset[str]:
    """Character bigrams of the content characters (synonyms canonicalised), numbers whole."""
    return _grams(squeeze(text))


@lru_cache(maxsize=4096)
def _grams(text: str) -> frozenset[str]:
    t = canonical(text).lower()
    nums = set(NUM_RE.findall(t))
    t = NUM_RE.sub("#", t)
    chars = [c for c in t if c not in STOP_CHARS]
    bi = {a + b for a, b in zip(chars, chars[1:]) if "#" not in (a + b)}
    return frozenset(bi | nums)


_cutter: list[Callable[[str], list[str]]] = []


def use_word_cutter(cut: Callable[[str], list[str]]) -> None:
    """Segment questions with this function (the index tokenizer's jieba, which knows the
    corpus words and is already loaded) instead of jieba's global dictionary."""
    _cutter[:] = [cut]
    query_grams.cache_clear()


def _cut(text: str) -> list[str]:
    if not _cutter:
        import jieba

        _cutter.append(jieba.lcut)
    return _cutter[0](text)


@lru_cache(maxsize=2048)
def query_grams(query: str) -> frozenset[str]:
    """Bigrams *inside* the query's words (jieba), numbers whole: a bigram spanning two
    words (生活圈|规划 -> 圈规) is noise, not something the text must contain."""
    out: set[str] = set()
    for word in _cut(canonical(squeeze(query)).lower()):
        if NUM_RE.fullmatch(word):
            out.add(word)
            continue
        chars = [c for c in word if c not in STOP_CHARS and not c.isdigit()]
        out.update(a + b for a, b in zip(chars, chars[1:]))
    out.update(NUM_RE.findall(squeeze(query)))
    return frozenset(out)


def support(query: str, text: str) -> float:
    """Share of the query's in-word bigrams/numbers found in ``text`` (0..1)."""
    q = query_grams(query)
    if not q:
        return 0.0
    return len(q & grams(text)) / len(q)


def split_outside_brackets(text: str, sep: re.Pattern[str], opens: str = "（(《“",
                           closes: str = "）)》”") -> list[str]:
    """Split at characters matching ``sep`` that are not inside brackets or quotes
    (各县（市、区）人民政府 stays one piece)."""
    out: list[str] = []
    buf: list[str] = []
    depth = 0
    for ch in text:
        if ch in opens:
            depth += 1
        elif ch in closes:
            depth = max(0, depth - 1)
        if depth == 0 and sep.fullmatch(ch):
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf))
    return out


def missing_terms(tokens: Iterable[str], corpus_text: str) -> list[str]:
    """Content words of a question that occur nowhere in the corpus (synonyms allowed)."""
    canon_corpus = canonical(corpus_text)
    out = []
    for t in tokens:
        c = canonical(t)
        if t in corpus_text or c in canon_corpus:
            continue
        if any(c[:i] in canon_corpus and (c[i:] in canon_corpus or len(c) - i == 1)
               for i in range(2, len(c))):
            continue  # a compound of words the corpus has (建筑+面积, 任务+量) may be paraphrase
        out.append(t)
    return out


def numbers(text: str) -> set[str]:
    return set(NUM_RE.findall(squeeze(text)))


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
