"""Small pure text helpers shared by the answering code: sentences, n-grams, overlap."""

from __future__ import annotations

import re
from collections.abc import Iterable

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


def grams(text: str) -> set[str]:
    """Character unigrams+bigrams of the content characters, numbers kept whole."""
    t = squeeze(text).lower()
    nums = set(NUM_RE.findall(t))
    t = NUM_RE.sub("#", t)
    chars = [c for c in t if c not in STOP_CHARS]
    bi = {a + b for a, b in zip(chars, chars[1:]) if "#" not in (a + b)}
    return bi | nums


def support(query: str, text: str) -> float:
    """Share of the query's content bigrams/numbers found in ``text`` (0..1)."""
    q = grams(query)
    if not q:
        return 0.0
    return len(q & grams(text)) / len(q)


def numbers(text: str) -> set[str]:
    return set(NUM_RE.findall(squeeze(text)))


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
