"""Clean text -> document structure: header metadata, sections 一、…, clauses （一）….

Pure functions over strings; nothing here reads files or knows about indexes.  The
patterns are those of Chinese government documents (党政机关公文格式, GB/T 9704), not
of one plan, so a county notice or a provincial plan parses the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.documents.units import ORG_SUFFIXES
from assistant.numerals import cn_to_int, int_to_cn
from assistant.types import Clause, Section

CN_NUM = "一二三四五六七八九十百零〇"


SECTION_RE = re.compile(rf"^([{CN_NUM}]{{1,3}})、\s*(.+)$", re.M)
CLAUSE_RE = re.compile(rf"^[（(]\s*([{CN_NUM}]{{1,4}})\s*[)）]\s*", re.M)
# regulations and some plans: 第一章 总则 / 第一条 …
CHAPTER_RE = re.compile(rf"^第\s*([{CN_NUM}\d]{{1,4}})\s*[章部分]+\s*(.*)$", re.M)
ARTICLE_RE = re.compile(rf"^第\s*([{CN_NUM}\d]{{1,4}})\s*条\s*", re.M)
DOC_NUMBER_RE = re.compile(
    r"[\u4e00-\u9fa5]{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
DATE_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
CN_DATE_RE = re.compile(r"([二〇○零一三四五六七八九]{4})年([十一二三四五六七八九]{1,3})月([十一二三四五六七八九]{1,3})日")
ATTACHMENT_RE = re.compile(r"^附\s*件\s*\d*\s*[:：]\s*(.+)$", re.M)
CITED_RE = re.compile(r"《([^《》]{2,80})》")
TITLE_HINTS = ("方案", "意见", "通知", "规划", "办法", "规定", "措施", "计划", "决定", "纲要", "细则", "指南")


# a title may end in a bracketed note: 实施方案（试行）, 行动计划（2023—2025年）
_TRAILING_NOTE_RE = re.compile(r"[（(][^（）()]{1,24}[)）]$")


@dataclass(frozen=True)
class Header:
    title: str
    notice_title: str | None
    doc_number: str | None
    issuers: tuple[str, ...]
    date: str | None
    attachments: tuple[str, ...]
    place: str | None
    recipients: str | None = None


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines()]


def _is_org(line: str) -> bool:
    line = line.strip()
    if not (2 <= len(line) <= 30) or any(p in line for p in "，。；：:、"):
        return False
    return line.endswith(ORG_SUFFIXES)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO yyyy-mm-dd (Arabic or Chinese numerals)."""
    m = DATE_RE.search(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}"
    m = CN_DATE_RE.search(text)
    if m:
        y = cn_to_int(m.group(1))
        return f"{y:04d}-{cn_to_int(m.group(2)):02d}-{cn_to_int(m.group(3)):02d}"
    return None


def first_clause_start(text: str) -> int:
    """Offset of the first section or clause heading (end of the header), else len(text)."""
    starts = [m.start() for m in (SECTION_RE.search(text), CLAUSE_RE.search(text), CHAPTER_RE.search(text),
                                  ARTICLE_RE.search(text)) if m]
    return min(starts) if starts else len(text)


_ISSUER_END_RE = re.compile(r"委员会|政府|中心|[部委局厅办院室]")


def own_number(number: str) -> str:
    """A 文号 without issuer names run into it (a scan's header lines joined:
    国家发展改革委国家能源局建标〔2024〕35号 -> 建标〔2024〕35号): the prefix after the last
    issuer name that leaves at least two characters (国办发, 鲁政办字 stay whole)."""
    cut = re.search(r"[〔\[［【(（]", number)
    prefix = number[:cut.start()] if cut else number
    for m in reversed(list(_ISSUER_END_RE.finditer(prefix))):
        if m.end() >= 3 and len(prefix) - m.end() >= 2:
            return number[m.end():]
    return number


def parse_header(text: str) -> Header:
    """Title, 文号, issuers, date, attachments and place from the text before the body."""
    head_end = first_clause_start(text)
    head = text[:head_end]
    lines = [ln for ln in _lines(head) if ln]

    num = DOC_NUMBER_RE.search(head)
    doc_number = own_number(re.sub(r"\s+", "", num.group(0))) if num else None

    # issuers: the block of organisation lines at the very top (red-header issuers), else
    # the signature block right before the date.
    issuers: list[str] = []
    for ln in lines:
        if _is_org(ln):
            issuers.append(ln)
        elif issuers or (doc_number and doc_number in ln.replace(" ", "")):
            break
    if not issuers:
        date_m = DATE_RE.search(head) or CN_DATE_RE.search(head)
        if date_m:
            before = _lines(head[: date_m.start()])
            for ln in reversed([x for x in before if x]):
                if _is_org(ln):
                    issuers.insert(0, ln)
                else:
                    break
    issuers = list(dict.fromkeys(issuers))

    # date of issue: the date closest after the issuers' signature (the last date in the header)
    dates = [m for m in DATE_RE.finditer(head)] or [m for m in CN_DATE_RE.finditer(head)]
    date = parse_date(dates[-1].group(0)) if dates else None

    notice_title = None
    for ln in lines:
        if ln.startswith("关于") and any(h in ln for h in TITLE_HINTS):
            notice_title = ln
            break
    # the plan's own title: a heading line naming a document type, after the notice part
    title = None
    for ln in reversed(lines):
        if len(ln) <= 50 and _TRAILING_NOTE_RE.sub("", ln).endswith(TITLE_HINTS) and not ln.startswith(("附件", "现将")) \
                and "，" not in ln and "。" not in ln:
            title = ln
            break
    if title is None and notice_title:
        inner = CITED_RE.search(notice_title)
        title = inner.group(1) if inner else notice_title
    if title is None:
        title = next((ln for ln in lines if not _is_org(ln) and len(ln) <= 50), "")

    attachments = tuple(dict.fromkeys(m.group(1).strip() for m in ATTACHMENT_RE.finditer(text)))
    # 主送机关: a line addressed to units, ending in a colon (各县（市、区）…局：)
    recipients = next((ln.rstrip("：:") for ln in lines
                       if ln.endswith(("：", ":")) and 4 <= len(ln) <= 200 and not ln.startswith("附件")
                       and (ln.startswith("各") or "、" in ln or _is_org(ln.rstrip("：:")))), None)
    place = None
    for src in [*issuers, title]:
        m = re.match(r"^(.{1,8}?(?:省|自治区|市|自治州|州|盟|县|区|旗))", src)
        if m:
            place = m.group(1)
            break
    return Header(title=title, notice_title=notice_title, doc_number=doc_number,
                  issuers=tuple(issuers), date=date, attachments=attachments, place=place,
                  recipients=recipients)


ADMIN_RE = re.compile(r"^[\u4e00-\u9fa5]{1,8}?(省|自治区|市|自治州|州|盟|县|区|旗)")
SUB_ADMIN_RE = re.compile(r"^(?!城)[\u4e00-\u9fa5]{1,4}?(市|县|区|旗)")


def admin_suffix(name: str) -> str | None:
    """The suffix of the smallest administrative area a name starts with:
    聊城市财政局 -> 市, 聊城市东昌府区人民政府 -> 区, 山东省… -> 省."""
    m = ADMIN_RE.match(name)
    if not m:
        return None
    suffix, rest = m.group(1), name[m.end():]
    while (sub := SUB_ADMIN_RE.match(rest)) and not rest.startswith(("城乡", "市场", "区域")):
        suffix, rest = sub.group(1), rest[sub.end():]
    return suffix


def infer_level(issuers: Sequence[str], title: str = "") -> str:
    """Level from who issued it: 国务院/部委 -> national, 省 -> provincial, 市 -> municipal,
    县/区 -> county.  The first issuer decides; the title is the fallback."""
    for name in [*issuers, title]:
        if not name:
            continue
        if re.match(r"^(中共中央|国务院|全国|国家|中华人民共和国)", name) or \
                re.match(r"^[\u4e00-\u9fa5]{2,12}部$", name):
            return "national"
        suffix = admin_suffix(name)
        if suffix:
            return {"省": "provincial", "自治区": "provincial", "市": "municipal", "自治州": "municipal",
                    "州": "municipal", "盟": "municipal"}.get(suffix, "county")
    return "other"


def parse_sections(text: str) -> list[Section]:
    """Sections 一、二、… (or chapters 第一章 …), in order; the pattern with more hits wins."""
    end_of_body = _end_of_body(text)
    runs = []
    for pat in (SECTION_RE, CHAPTER_RE):
        found = [(m.start(), cn_to_int(m.group(1)), m.group(2).strip()) for m in pat.finditer(text)
                 if m.start() < end_of_body]
        # keep the monotone run 1, 2, 3 … (an enumerated list inside a clause must not start a section)
        picked: list[tuple[int, int, str]] = []
        for start, no, title in found:
            if no == (picked[-1][1] + 1 if picked else 1):
                picked.append((start, no, title))
        runs.append(picked)
    picked = max(runs, key=len)
    out = []
    for i, (start, no, title) in enumerate(picked):
        end = picked[i + 1][0] if i + 1 < len(picked) else end_of_body
        out.append(Section(no=no, title=title, start=start, end=end))
    return out


def _end_of_body(text: str) -> int:
    m = re.search(r"^附\s*件\s*\d*\s*[:：]", text, re.M)
    return m.start() if m else len(text)


def _clause_title(body: str) -> str:
    first_line = body.split("\n", 1)[0]
    return re.split(r"[。；]", first_line, maxsplit=1)[0].strip()


def _clause_run(text: str, pat: re.Pattern[str], sections: Sequence[Section],
                end_of_body: int) -> list[tuple[int, int, int]]:
    """(start, body start, number) of the clauses numbered 1, 2, 3 … — either through
    the document, or restarting at 1 in each section (both conventions exist)."""
    found = [(m.start(), m.end(), cn_to_int(m.group(1))) for m in pat.finditer(text) if m.start() < end_of_body]
    picked: list[tuple[int, int, int]] = []
    for start, body_start, no in found:
        prev = picked[-1] if picked else None
        new_section = prev is not None and any(prev[0] < s.start < start for s in sections)
        if no == (prev[2] + 1 if prev else 1) or (no == 1 and new_section):
            picked.append((start, body_start, no))
    return picked


def parse_clauses(text: str, sections: Sequence[Section]) -> list[Clause]:
    """Numbered clauses （一）… (or articles 第一条 …) with title, text, section and span.

    Only a monotone run 1, 2, 3 … counts (restarting per section is allowed), so a "(1)"
    list or a stray "（三）" inside a sentence cannot break the numbering."""
    end_of_body = _end_of_body(text)
    runs = {pat: _clause_run(text, pat, sections, end_of_body) for pat in (CLAUSE_RE, ARTICLE_RE)}
    pat = max(runs, key=lambda p: len(runs[p]))
    picked = runs[pat]
    clauses = []
    for i, (start, body_start, no) in enumerate(picked):
        nxt = picked[i + 1][0] if i + 1 < len(picked) else end_of_body
        sec_starts = [s.start for s in sections if start < s.start < nxt]
        end = min([nxt, *sec_starts])
        raw = text[start:end].rstrip()
        body = text[body_start:start + len(raw)]
        section = next((s for s in reversed(sections) if s.start <= start), None)
        label = f"（{int_to_cn(no)}）" if pat is CLAUSE_RE else f"第{int_to_cn(no)}条 "
        norm = label + re.sub(r"\n\s*\n+", "\n", body).strip()
        clauses.append(Clause(no=no, title=_clause_title(body), text=norm,
                              section_no=section.no if section else None,
                              section_title=section.title if section else None,
                              start=start, end=start + len(raw)))
    return clauses


def preamble_text(text: str) -> str:
    return text[: first_clause_start(text)].strip()


def cited_documents(text: str, clauses: Sequence[Clause]) -> list[tuple[str, int | None]]:
    """Documents cited by name (《…》) with the clause that cites them (None = preamble)."""
    out: dict[str, int | None] = {}
    for m in CITED_RE.finditer(text[: _end_of_body(text)]):
        name = m.group(1).strip()
        clause = next((c.no for c in clauses if c.start <= m.start() < c.end), None)
        out.setdefault(name, clause)
    return list(out.items())
