"""Text clean-up for extracted policy documents: page furniture out, broken paragraphs back.

Text copied out of a typeset PDF (and TXT files made that way) carries the page layout:
page numbers ("— 13 —"), running headers, and paragraphs cut in the middle of a sentence
wherever a line or page ended.  Retrieval and clause parsing need one paragraph per line,
so :func:`clean_text` removes the furniture and rejoins the cut lines, while leaving the
short header lines of a 公文 (issuers, 文号, date, title) and every heading on their own.

Pages may be separated by form feeds (``\\f``); :mod:`assistant.reading.pdf` does that, so page
tops and bottoms are known when looking for page numbers and running headers.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = [
    "clean_text",
    "normalize_clause_numbers",
    "is_page_number_line",
    "is_structural_start",
    "display_width",
    "HARD_BREAK",
]

CN_NUM = "一二三四五六七八九十百零〇"

# "(四)", "（四)", "(四）", "( 四 )" at line start -> "（四）" (also "(1)" -> "（1）")
_CLAUSE_NO_RE = re.compile(rf"^([ \t\u3000]*)[（(]\s*([{CN_NUM}]{{1,4}}|\d{{1,2}})\s*[)）][ \t\u3000]*", re.M)

# Lines that are nothing but a page number, in the forms Chinese official documents use.
_PAGE_NUMBER_RES = (
    re.compile(r"^[—–\-－─―‒~～·•\s]*\d{1,4}[—–\-－─―‒~～·•\s]*$"),  # — 13 —, - 13 -, －13－, 13
    re.compile(r"^第\s*\d{1,4}\s*页(\s*[，,/]?\s*共\s*\d{1,4}\s*页)?$"),  # 第 3 页, 第3页 共12页
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),  # 3/12
    re.compile(r"^(page|p\.)\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.I),  # Page 3 of 12
)

# A line starting one of these begins a new structural element: never glue it to the line before.
_STRUCT_START_RE = re.compile(
    rf"""^(
        [{CN_NUM}]{{1,3}}\s*[、．.]                  # 一、 section
      | [（(]\s*([{CN_NUM}]{{1,4}}|\d{{1,2}})\s*[)）]  # （一） clause, (1) item
      | \d{{1,2}}\s*[、．]                          # 1、 item
      | \d{{1,2}}\.(?!\d)                           # 1. item (but not 7.5)
      | [①-⑳]
      | 附\s*件 | 附\s*表
      | 第[{CN_NUM}\d]{{1,4}}[条章节部分款]
      | (抄送|抄报|主送|联系人|联系电话)\s*[:：]
    )""",
    re.X,
)

_TERMINAL = set("。！？；：!?;:")
_SOFT_END = set("，、,")
_CLOSERS = set("”’）)》」』】〕")
_PUNCT = set("，。、；：！？,;:!?")
_BRACKETS = (("《", "》"), ("（", "）"), ("(", ")"), ("“", "”"), ("「", "」"), ("【", "】"))
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_SPACE_RE = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff，。、；：！？）》”]) (?=[\u3400-\u9fff\uf900-\ufaff，。、；：！？（《“])")
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0e-\x1f\x7f]")

# A line holding only this character is a hard paragraph break: nothing is joined across it.
# The readers put it where a table was cut out, so the table's title stays on its own.
HARD_BREAK = "\u2029"

TXT_FULL_LINE = 25.0  # a paragraph cut by a page break is at least a typeset line long
HEADING_MAX_WIDTH = 40.0  # a line without any punctuation shorter than this is a heading/title


def display_width(s: str) -> float:
    """Width in CJK character cells: ASCII counts half (digits and Latin are half width)."""
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in s)


def normalize_clause_numbers(text: str) -> str:
    """Clause numbers at line start in one form: "(四)" / "（四)" / "(四）" -> "（四）".

    Only at the start of a line, so ASCII parentheses inside sentences ("(BIM)") stay.
    The space some typesetters put after the number goes too ("(四) 合理" -> "（四）合理").
    """
    return _CLAUSE_NO_RE.sub(lambda m: f"{m.group(1)}（{m.group(2)}）", text)


def is_page_number_line(line: str) -> bool:
    """True for a line that is only a page number ("— 13 —", "第 3 页", "3/12", "13")."""
    s = line.strip()
    return bool(s) and any(r.match(s) for r in _PAGE_NUMBER_RES)


def is_structural_start(line: str) -> bool:
    """True when ``line`` opens a heading, clause, list item, attachment or article."""
    return bool(_STRUCT_START_RE.match(line.strip()))


def _strip_line(line: str) -> str:
    line = _INVISIBLE_RE.sub("", line).replace("\t", " ").replace("\xa0", " ")
    line = re.sub(r" {2,}", " ", line)
    return line.strip(" \u3000\r")


def _remove_running_headers(pages: list[list[str]]) -> list[list[str]]:
    """Drop an identical short line repeated at the top or bottom of many pages.

    The first page keeps its lines: there the same words are usually the real title.
    """
    if len(pages) < 2:
        return pages
    counts: Counter[str] = Counter()
    for lines in pages[1:]:
        body = [ln for ln in lines if ln]
        counts.update(set(body[:2] + body[-2:]))
    need = max(2, (len(pages) - 1 + 1) // 2)
    furniture = {ln for ln, n in counts.items() if n >= need and display_width(ln) <= 40}
    if not furniture:
        return pages
    out = [pages[0]]
    for lines in pages[1:]:
        body_idx = [i for i, ln in enumerate(lines) if ln]
        edge = set(body_idx[:2] + body_idx[-2:])
        out.append([ln for i, ln in enumerate(lines) if not (i in edge and ln in furniture)])
    return out


def _ends_terminal(line: str) -> bool:
    """Ends a sentence: 。！？；： possibly followed by closing quotes/brackets ("…。”")."""
    s = line.rstrip().rstrip("".join(_CLOSERS))
    return bool(s) and s[-1] in _TERMINAL


def _has_punct(s: str) -> bool:
    return any(c in _PUNCT for c in s)


def _unclosed(s: str) -> bool:
    return any(s.count(o) > s.count(c) for o, c in _BRACKETS)


def _is_heading(para: str, single_line: bool, pdf: bool) -> bool:
    """A heading, title or 附件 line: it stands on its own line."""
    s = para.strip()
    if s.startswith(("附件", "附 件", "附表")):
        return True
    if not single_line or _has_punct(s):
        return False
    if is_structural_start(s):
        return True
    return not pdf and display_width(s) < HEADING_MAX_WIDTH


def _open_paren_tail(para: str, reach: int = 160) -> bool:
    """A round bracket opened near the end of the paragraph is still open: a note such as
    （责任单位：…；…） cut by a line or page break, even right after its ： or ；."""
    depth = 0
    for i in range(len(para) - 1, max(-1, len(para) - 1 - reach), -1):
        if para[i] in "）)":
            depth += 1
        elif para[i] in "（(":
            if depth == 0:
                return True
            depth -= 1
    return False


def _wrapped_note(prev: str, nxt: str, full: float, pdf: bool) -> bool:
    """In a PDF, a sentence that filled its line up to the 。 pushes its closing note
    （X牵头，Y配合） to the next line: that line continues the paragraph."""
    return pdf and nxt[:1] in "（(" and display_width(prev) >= full


def _should_join(para: str, prev: str, nxt: str, single_line: bool, full: float, pdf: bool) -> bool:
    """Glue ``nxt`` to the paragraph whose last physical line is ``prev``?"""
    if is_structural_start(nxt):
        return False
    if _open_paren_tail(para):
        return True
    if _ends_terminal(prev):
        return _wrapped_note(prev, nxt, full, pdf)
    if _unclosed(para):
        return True
    if _is_heading(para, single_line, pdf):
        return False
    return prev[-1] in _SOFT_END or display_width(prev) >= full


def _glue(a: str, b: str) -> str:
    """Join two pieces of one sentence: no space in Chinese, one space between Latin words."""
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return f"{a} {b}"
    return a + b


def _full_line_width(lines: list[str], pdf: bool) -> float:
    """How wide a 'full' typeset line is: from the text itself for a PDF, fixed for TXT."""
    if not pdf:
        return TXT_FULL_LINE
    widths = sorted(display_width(ln) for ln in lines if display_width(ln) >= 8)
    if not widths:
        return TXT_FULL_LINE
    p75 = widths[int(0.75 * (len(widths) - 1))]
    return min(40.0, max(10.0, 0.8 * p75))


def _join_paragraphs(lines: list[str], pdf: bool) -> list[str]:
    full = _full_line_width(lines, pdf)
    paras: list[str] = []
    prev = ""
    n_lines = 0
    hard = False
    for line in lines:
        if line == HARD_BREAK:
            hard = True
            continue
        if not line:
            continue
        if paras and not hard and _should_join(paras[-1], prev, line, n_lines == 1, full, pdf):
            paras[-1] = _glue(paras[-1], line)
            n_lines += 1
        else:
            paras.append(line)
            n_lines = 1
        prev, hard = line, False
    return paras


def clean_text(text: str, *, from_pdf: bool = False) -> str:
    """Clean extracted text: one paragraph per line, paragraphs separated by a blank line.

    - page-number lines go; with ``from_pdf`` also running headers (pages split on ``\\f``)
      and single spaces a PDF extractor puts between Chinese characters;
    - clause numbers are normalised (:func:`normalize_clause_numbers`);
    - a paragraph cut by a line or page break is rejoined when the cut line does not end a
      sentence and is a full line, ends in ，/、 or leaves 《（“ open, unless the next line
      starts a heading/clause/attachment; short header lines and headings stay alone;
    - numbers keep their units and spacing ("2 公顷", "13.64 万户").
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = [[_strip_line(ln) for ln in page.split("\n")] for page in text.split("\f")]
    pages = [["" if is_page_number_line(ln) else ln for ln in lines] for lines in pages]
    if from_pdf:
        pages = _remove_running_headers(pages)
    lines = [ln for lines in pages for ln in [*lines, ""]]
    if from_pdf:
        lines = [_CJK_SPACE_RE.sub("", ln) for ln in lines]
    lines = [normalize_clause_numbers(ln) for ln in lines]
    return "\n\n".join(_join_paragraphs(lines, from_pdf))


def cjk_chars(text: str) -> list[str]:
    """The Chinese characters of ``text`` in order (used to check nothing was lost)."""
    return _CJK_RE.findall(text)
