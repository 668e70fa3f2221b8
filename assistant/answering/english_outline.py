"""An English line for an English question: what the Chinese answer says, in outline (its
lead units by their English names, its figures), so the asker knows what the quotation holds."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.glossary import glossary
from assistant.numerals import COUNT_SAID_RE
from assistant.text import without_markers


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
    body = COUNT_SAID_RE.sub("", without_markers(answer))  # the plan's figures, not the answer's counts
    units = list(dict.fromkeys(lead_units))
    nums = list(dict.fromkeys(re.findall(r"\d+(?:\.\d+)?%?", body)))
    bits = [f"Answer quoted in Chinese from {n_citations} cited passage(s)"]
    if units:
        bits.append("lead: " + ", ".join(english_unit(u) for u in units))
    if nums:
        bits.append("figures: " + ", ".join(nums[:8]))
    return "; ".join(bits) + "."
