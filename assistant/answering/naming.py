"""A plan named by when or by whom it was issued (2024年3月15日印发的那个省级方案，…; 市住建局牵头
印发的那个方案里，…): the words say which document is meant, not what is asked.  Its year is no
year asked, its 印发 no header fact asked, its 牵头 no role asked, while the rest of the question
asks something of its own; a question about the header itself (这个方案是6月27日印发的吗, 哪些单位
联合印发的这个方案呢？) keeps them.

The span is kept tight: the issuing word, then 的 and the document's kind word close after it
(那个…方案, 这份文件), and before it only what can tell an issuing — issuers, a date — up to a
word that ends such a phrase (的, 在, 是, 前: 2025年6月底前出台的配套文件 is a deadline)."""

from __future__ import annotations

import re

from assistant.answering.asking import ASKING_RE

#: the words of issuing, then 的 and the document's kind close after it, said as where to look: pointed at
#: (那个…方案) or followed by 里/中/a comma (…印发的方案，…); not a document asked about (…出台的配套文件有哪些)
_KIND = r"[^，,。？?！!；;：:的在里中对把]{0,16}?(?:方案|文件|通知|意见)"
_ISSUING_RE = re.compile(r"(?:(?:联合|共同|一起|会同)?(?:印发|发布|下发|出台|制发)的|(?:联合|共同|一起|牵头)发的)"
                         r"(?=(?:那|这|该)[个份]?" + _KIND + r"|" + _KIND + r"\s*(?:里|中|内|上|[，,]))")
#: what may stand before the issuing word in such a phrase: issuers, joiners, a date (no 的, 在, 是, 前)
_BEFORE_RE = re.compile(r"[^，,。？?！!；;：:的在是前里中任]{0,30}$")
#: the document pointed at after the span and a closing particle: nothing asked of its own
_POINTED_RE = re.compile(r"(?:那|这|该)?[个份]?[^，,。？?！!；;：:]{0,16}?(?:方案|文件|通知|意见)|你知道吗|吗|呢|[？?。！!，,\s]")
#: an asking word inside the span itself (哪些单位联合印发的): the header is what is asked
_ASKS_ISSUER_RE = re.compile(r"哪|谁|(?<![等好])几|多少|什么")
#: a date or a year said before the word of issuing (2023年6月27日印发的, 6月份发布的)
_DATED_RE = re.compile(r"(?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月(?:份|\s*\d{1,2}\s*[日号])?)?|\d{1,2}\s*月(?:份|\s*\d{1,2}\s*[日号])")


def described_spans(text: str) -> list[tuple[int, int]]:
    """The spans naming a plan by its issuing, when the text outside them still asks something."""
    spans = []
    for m in _ISSUING_RE.finditer(text):
        before = _BEFORE_RE.search(text, 0, m.start())
        start = before.start() if before is not None else m.start()
        if not _ASKS_ISSUER_RE.search(text, start, m.start()):
            spans.append((start, m.end()))
    if not spans:
        return []
    rest = "".join(text[e:s] for (_, e), (s, _) in zip([(0, 0), *spans], [*spans, (len(text), len(text))]))
    return spans if ASKING_RE.search(_POINTED_RE.sub("", rest)) else []


def without_described(text: str) -> str:
    """``text`` with the spans naming a plan by its issuing blanked (same length: offsets hold)."""
    for s, e in described_spans(text):
        text = text[:s] + " " * (e - s) + text[e:]
    return text


#: a role word inside a span naming a plan by its issuing (住建部牵头、三部门联合印发的; 县住建局牵头发的)
_ISSUING_ROLE_RE = re.compile(r"牵头|负责|主导")


def issuing_roles_blanked(text: str) -> str:
    """``text`` with the role words of the spans naming a plan by its issuing blanked (same
    length; 牵头发 becomes 印发): who issued it is told, no role is asked by them."""
    for s, e in described_spans(text):
        text = text[:s] + _ISSUING_ROLE_RE.sub(_blank_role, text[s:e]) + text[e:]
    return text


def _blank_role(m: re.Match[str]) -> str:
    return " 印" if m.string.startswith("发的", m.end()) else " " * len(m.group())


def dates_naming(text: str) -> list[str]:
    """The dates and years inside the spans naming a plan (2023年6月27日 of 2023年6月27日印发的方案，…)."""
    return [m.group() for s, e in described_spans(text) for m in _DATED_RE.finditer(text, s, e)]
