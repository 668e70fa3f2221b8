"""Verbatim answer spans: the sentence, or the segments of a long sentence, that say
what was asked — with the year that governs them.

Pure functions over strings.  Chinese plan sentences pack several targets into one
sentence (到 2025 年，A 达到 x，B 达到 y，到 2030 年达到 z); a span keeps the segments
about the asked indicator, the 到20xx年 segment that governs them, and the elliptical
continuations that repeat the indicator for another year, joined with …… where text
is skipped.  Nothing is reworded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text import NUM_RE, grams, numbers, sentences, squeeze, support

YEAR_LEAD_RE = re.compile(r"^\s*(?:到|至|在|于)?\s*((?:19|20)\d{2})\s*年(?:前|底|末)?")
ELLIPTIC_RE = re.compile(r"^\s*(?:到|至)?\s*(?:19|20)\d{2}\s*年(?:前|底|末)?\s*[，,]?\s*(?:力争)?(?:达到|降低|下降|提高|提升|增长|控制在|不高于|不低于|完成|实现|基本实现)")


#: the thing a question asks, left at the end of its topic by the asking word (…出水要达到 标准, of 什么标准)
_ASKED_TAIL_RE = re.compile(r"\s([\u4e00-\u9fa5]{2,3})$")
YEAR_ANY_RE = re.compile(r"(?:19|20)\d{2}\s*年")


def segments(sentence: str) -> list[str]:
    """A sentence cut after each ，；： (the delimiters stay with their segment)."""
    return [s for s in re.split(r"(?<=[，；：,;:])", sentence) if s.strip()]


def segment_years(segs: Sequence[str]) -> list[int | None]:
    """The year governing each segment: its own leading 到2025年, else the previous one's."""
    out: list[int | None] = []
    cur: int | None = None
    for seg in segs:
        m = YEAR_LEAD_RE.match(seg)
        if m:
            cur = int(m.group(1))
        out.append(cur)
    return out


STAR_RE = re.compile(r"[一二三四五六七八九十]+星级")


def has_number(text: str, value_only: bool = True) -> bool:
    """A figure in ``text`` (a star level 三星级 counts); with ``value_only`` a year alone
    (到2030年) does not."""
    return bool(NUM_RE.search(NAMED_BY_NUMBER_RE.sub("", YEAR_ANY_RE.sub("", text)) if value_only else text)
                or STAR_RE.search(text))


#: a name written with digits, no figure (5G, PM2.5, GB50189)
NAMED_BY_NUMBER_RE = re.compile(r"(?<![A-Za-z\d])\d+G(?![A-Za-z])|[A-Za-z]+\s?[\d.]+")


#: an item's responsibility note left at the start of the next sentence by the split at
#: 。 (…。（省住房城乡建设厅牵头，省发展改革委配合）2.大力发展…)
_IN_NOTE = r"(?:[^（）()]|[（(][^（）()]{0,12}[）)])"  # 各县（市、区）人民政府: one bracket inside
_NOTE_FIRST_RE = re.compile(rf"^[（(]{_IN_NOTE}{{0,80}}?(?:牵头|配合|负责|责任单位|参与){_IN_NOTE}{{0,80}}[）)]\s*|"
                            r"^[^（(）)。]{0,30}[）)]\s*(?=\d{1,2}\s*[.．、])")  # …；下同）2.: the tail of a note split at ；


def without_note_first(sentence: str) -> str:
    """A sentence without the responsibility note of the item before it: no part of it."""
    return _NOTE_FIRST_RE.sub("", sentence)


def best_spans(query: str, text: str, years: Sequence[int], want_number: bool, *, trim: bool = True,
               context: str = "", value_only: bool = True) -> list[tuple[float, str]]:
    """Scored verbatim spans of ``text`` answering ``query``.

    A span is a sentence, or — for targets in long sentences — the segments that carry
    the asked indicator, with the 到20xx年 segment that governs them and the elliptical
    continuations (…，到 2030 年达到 12%) that repeat the indicator for another year."""
    out = []
    carry = ""  # 到 2030 年，A；B；C。— the year governs B and C too
    for sent in sentences(text):
        sent = without_note_first(sent)
        if not sent:  # a note standing alone at the end of a line: nothing to quote
            carry = ""
            continue
        own = YEAR_LEAD_RE.match(sent)
        lead = (segments(sent)[0] if len(segments(sent)[0]) <= 14 else own.group(0)) if own else ""
        inherited = "" if own else carry
        carry = (lead or carry) if sent.endswith(("；", ";")) else ""
        if inherited:
            sent = inherited.rstrip("，, ") + "，……" + sent
        score = support(query, context + sent)
        if want_number and not has_number(sent, value_only):
            continue
        segs = segments(sent)
        seg_years = segment_years(segs)
        if years and not any(y in years for y in seg_years if y) and not any(str(y) in squeeze(sent) for y in years):
            continue
        if not trim or len(sent) <= 60 or len(segs) <= 2:
            out.append((score, sent.rstrip("。；;")))
            continue
        subs = [p for p in re.split(r"[、；;]|以及", query) if len(p.strip()) >= 2] or [query]
        seg_scores = [max(support(p, seg) for p in subs) for seg in segs]
        for i in range(1, len(segs)):  # "…，到 2030 年降低 30%以上" is about the indicator before it
            if ELLIPTIC_RE.match(segs[i]):
                seg_scores[i] = max(seg_scores[i], seg_scores[i - 1])
        eligible = [i for i in range(len(segs)) if not years or seg_years[i] in years]
        if not eligible:
            continue
        top = max(seg_scores[i] for i in eligible)
        keep = {i for i in eligible if seg_scores[i] >= max(0.1, 0.6 * top)}
        for i in sorted(keep):  # a bare "2060 年前，" says nothing without what follows it
            if YEAR_LEAD_RE.match(segs[i]) and len(squeeze(segs[i])) <= 9 and i + 1 < len(segs):
                keep.add(i + 1)
        for i in sorted(keep):  # elliptical continuations inherit the indicator
            j = i + 1
            while j < len(segs) and ELLIPTIC_RE.match(segs[j]) and (not years or seg_years[j] in years):
                keep.add(j)
                j += 1
        for i in sorted(keep):  # ... and an elliptical one needs the indicator it continues
            k = i
            while k > 0 and ELLIPTIC_RE.match(segs[k]):
                k -= 1
            keep.add(k)
        if not keep:
            continue
        if (asked := _ASKED_TAIL_RE.search(query)) and not any(asked[1] in segs[i] for i in keep) \
                and (j := max(keep) + 1) < len(segs) and asked[1] in segs[j]:
            keep.add(j)  # …提标改造，出水达到准IV类水标准: the 标准 asked is said right after
        for i in sorted(keep):  # the governing year segment (到 2025 年，) when it stands alone
            if seg_years[i] is not None and not YEAR_LEAD_RE.match(segs[i]):
                k = i - 1
                while k >= 0 and not YEAR_LEAD_RE.match(segs[k]):
                    k -= 1
                if k >= 0 and len(segs[k]) <= 12:
                    keep.add(k)
        parts: list[str] = []
        prev = -2
        for i in sorted(keep):
            if parts and i != prev + 1:
                parts.append("……")
            parts.append(segs[i])
            prev = i
        span = "".join(parts).strip("，；,; ").replace("，……", "……")
        if want_number and not has_number(span, value_only):
            continue  # a year alone is not a target value
        out.append((max(score, support(query, context + span)), span.rstrip("。；;")))
    out.sort(key=lambda x: -x[0])
    return out


def near_same(a: str, b: str) -> bool:
    """Two spans saying the same (a table row repeating its clause sentence)."""
    ga, gb = grams(a), grams(b)
    return bool(ga and gb) and numbers(a) == numbers(b) and len(ga & gb) / min(len(ga), len(gb)) >= 0.85


def source_sentence(span: str, text: str) -> str:
    """The whole sentence of ``text`` a span was cut from (what its citation quotes)."""
    pieces = [squeeze(p) for p in span.split("……") if p.strip()]
    return next((sent for sent in sentences(text) if pieces and all(p in squeeze(sent) for p in pieces)), span)


def without_heading(text: str, title: str) -> str:
    """A clause's text without its opening number and title (（十二）推动农房用能结构调整。…):
    they are context, not an answer."""
    return re.sub(r"^（[^）]{1,4}）" + re.escape(title) + r"[。\n]?", "", text)
