"""English questions: the bilingual glossary (data/glossary.tsv) turns their terms into
the Chinese words the documents use, so retrieval and the question rules work unchanged;
the answer stays Chinese (with a one-line English gloss made by the facade).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from assistant.config import DATA_DIR
from assistant.text import YEAR_RE


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


def is_english(text: str) -> bool:
    letters = sum(ch.isascii() and ch.isalpha() for ch in text)
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    return letters > 3 * max(cjk, 1)


def translate(text: str) -> str:
    """English question -> Chinese key terms (plus the intent words the rules look for)."""
    low = " " + re.sub(r"[^a-z0-9%.\- ]+", " ", re.sub(r"\([^)]*\)", " ", text).lower()) + " "
    low = re.sub(r"\s+", " ", re.sub(r"(?<!\d)\.|\.(?!\d)", " ", low))  # a full stop is not part of a word
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
    if re.search(r"which tasks|what tasks|what work", t):
        intent_words.append("哪些任务")
    elif re.search(r"responsible for|duties", t) and not intent_words:
        intent_words.append("负责哪些任务")
    if re.search(r"\bwhen\b.*\bissued|issue date|date of issue", t):
        intent_words.append("印发日期")
    if re.search(r"who issued|which (units|bodies|departments) issued|issuing", t):
        intent_words.append("印发单位")
    # capitalised words the glossary does not know are names: places (Jinan, Qingdao …)
    names = [w.removesuffix("'s") for w in re.findall(r"(?<!^)(?<![.?!] )\b[A-Z][a-z]+(?:'s)?\b", text)
             if w.lower().removesuffix("'s") not in KNOWN_ENGLISH]
    names = [n for n in names if not any(n.lower() in en.split() for en, _ in glossary())]
    cjk = "".join(re.findall(r"[\u4e00-\u9fff（）]+", text))  # Chinese names kept as written
    return "".join(f"{y}年" for y in years) + cjk + "".join(out) + "".join(intent_words) + \
        "".join(f"（{n}市）" for n in names)


KNOWN_ENGLISH = frozenset("""what which who whom whose when where why how is are does do did the a an in of for by to
and or with on at from as this that these those municipal city plan liaocheng bim cim led""".split())


def english_unit(name: str) -> str:
    """市住房和城乡建设局 -> Municipal Housing And Urban-Rural Development Bureau (glossary data)."""
    prefix = {"市": "Municipal ", "县": "County ", "区": "District "}.get(name[:1], "")
    stem = name[1:] if prefix else name
    best = max(((en, zh) for en, zh in glossary() if zh and stem.endswith(zh) and en.endswith(("bureau", "commission"))),
               key=lambda p: len(p[1]), default=None)
    return (prefix + best[0].title()) if best else name


def english_gloss(found: bool, answer: str, n_citations: int, lead_units: Sequence[str]) -> str:
    """One English line for an English question: what the Chinese answer says, in outline."""
    if not found:
        return "The documents in the corpus do not answer this question."
    body = re.sub(r"\[\d+\]", "", answer)
    units = list(dict.fromkeys(lead_units))
    nums = list(dict.fromkeys(re.findall(r"\d+(?:\.\d+)?%?", body)))
    bits = [f"Answer quoted in Chinese from {n_citations} cited passage(s)"]
    if units:
        bits.append("lead: " + ", ".join(english_unit(u) for u in units))
    if nums:
        bits.append("figures: " + ", ".join(nums[:8]))
    return "; ".join(bits) + "."
