"""Answers from a document's own header and outline: 文号, issuers, date, recipients,
attachments; which part or clause says something; which clauses a part holds; a clause or
part asked by its own title (指导思想里强调什么), quoted or listed."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from assistant.answering.asking import DOC_DESCRIBED_RE
from assistant.answering.compose import Draft, doc_label
from assistant.answering.intent import Query
from assistant.answering.numbered import attachment_named, clause_asked
from assistant.answering.pointed import no_such_clause
from assistant.answering.spans import without_heading
from assistant.answering.terms import dictionary_words
from assistant.answering.unit_asks import ROLE_WORDS
from assistant.answering.wording import TARGET_WORDS
from assistant.numerals import count_said, int_to_cn
from assistant.text import canonical, has_any, squeeze
from assistant.types import Clause, Document, Hit, Section

WHERE_RE = re.compile(r"(哪个|哪一个|哪一|第几)(部分|章|节|条)|在第几条|是第几条|在哪|(?<=[自于])哪(部分|章|节|条)|出自哪|"
                      r"(?<![表里中])哪一?条(?=里|中|提|说|讲|规定|写|出)(?![^，,。？?]{0,30}(?:牵头|负责|谁|配合|参与))")  # 是哪条提出来的


def names_header_units(q: Query) -> bool:
    """A unit named in asking who a notice is sent to or who issued it (主送单位里的各县住建局): the
    header asked, not a unit's tasks, nor the plan its issuers describe (住建部、发改委联合印发的方案里…)."""
    return set(str(q.fact).split(",")) <= {"recipients", "issuers"} and not has_any(q.text, (*ROLE_WORDS, "任务", "工作")) \
        and not has_any(re.sub(r"几[个家](部门|单位)", "", q.text), TARGET_WORDS) and not DOC_DESCRIBED_RE.search(q.text)


def answer_structure(q: Query, docs: Sequence[Document], hits: Sequence[Hit]) -> Draft:
    """Where the document says something (which part, which clause), or which clauses a
    part holds: answered from the document's own outline."""
    d = Draft()
    if (no := clause_asked(q.text)) is not None:  # 第十二条讲的是什么: the clause, in each plan in scope
        for doc in docs:
            same = [c for c in doc.clauses if c.no == no]  # numbers may restart in each part: 第三部分第（二）条
            for c in [c for c in same if f"第{int_to_cn(c.section_no or 0)}部分" in q.text] or same[:3]:
                part = f"第{int_to_cn(c.section_no)}部分“{c.section_title}”" if c.section_no else ""
                text = without_heading(c.text, c.title)
                ref = d.cite(doc, c.text, c.no, None)
                d.lines.append(f"{doc_label(doc) + '：' if len(docs) > 1 else ''}{part}第（{int_to_cn(c.no)}）条"
                               f"“{c.title}”：{text[:240].rstrip('。；;')}{'……' if len(text) > 240 else ''}{ref}。")
        d.found = bool(d.lines)
        return d if d.found else no_such_clause(no, docs)
    for doc in docs:
        named = [sec for sec in doc.sections if sec.title and (sec.title in q.text or
                 f"第{int_to_cn(sec.no)}部分" in q.text or f"{int_to_cn(sec.no)}、" in q.text)] or \
            (_translated_part(q.topic, doc.sections) if q.english else [])
        for sec in named[:1]:
            clauses = [c for c in doc.clauses if c.section_no == sec.no]
            if not clauses:
                continue
            d.lines.append(f"{doc_label(doc) if len(docs) > 1 else ''}第{int_to_cn(sec.no)}部分“{sec.title}”共"
                           f"{count_said(len(clauses))}条：")
            for c in clauses:
                ref = d.cite(doc, c.text, c.no, None)
                d.lines.append(f"· （{int_to_cn(c.no)}）{c.title}{ref}")
    if d.lines or not WHERE_RE.search(q.text):  # "X有哪几条" naming no part asks for X itself
        d.found = bool(d.lines)
        return d
    near = {h.chunk.doc_id for h in hits[:10]}  # a library's other plans are not read through
    if placed := _clause_writing(q, docs if len(docs) <= 8 else [x for x in docs if x.id in near], d):  # …是哪条提出来的
        return placed
    for h in _holding_most(q, hits[:5])[:1]:  # where is X: the best passage, placed in the outline
        found = next((x for x in docs if x.id == h.chunk.doc_id), None)
        if found is None:
            continue
        doc = found
        if h.chunk.kind == "row" and h.chunk.row_no is not None:
            row = doc.task(h.chunk.row_no)
            if row is not None:
                ref = d.cite_task(doc, row)
                d.lines.append(f"见附件责任分工表“{row.measure}”一行{ref}。")
        clause = doc.clause(h.chunk.clause_no, h.chunk.section)
        if clause is not None:
            ref = d.cite(doc, clause.text, clause.no, None)
            part = f"第{int_to_cn(clause.section_no)}部分“{clause.section_title}”的" if clause.section_no else ""
            d.lines.append(f"在{part}第（{int_to_cn(clause.no)}）条“{clause.title}”{ref}。")
    d.found = bool(d.lines)
    return d


def _clause_writing(q: Query, docs: Sequence[Document], d: Draft) -> Draft | None:
    """The clause writing, word for word, what is asked where it is (the words before 在哪/哪条,
    four characters at least), when one clause does."""
    m = WHERE_RE.search(q.text)
    if m is None:
        return None
    before = re.sub(r"(?:这些|这个|这句话?|这一?说法|的说法|这|是|的|在|都|话)+$", "", q.text[:m.start()])
    after = re.search(r"^[^，,。？?]{0,3}?(?:提到|写到|写着|写了|说到|讲到|提出)了?([^，,。？?]{4,})", q.text[m.end():])  # 哪条提到X
    where: list[tuple[Document, Clause]] = []
    for said in (before, after.group(1) if after else ""):
        said = re.sub(r"^.*?(?:提到的|说的|写的|所说的|讲的)|^(?:我想问一?下|想问一?下|请问|麻烦问一?下)?(?:方案|文件|文中|原文)?"
                      r"(?:里面|里|中)?(?:的|说)?", "", squeeze(said))
        said = _PUNCT_RE.sub("", said)
        if len(said) >= 4 and not where:
            where = [(doc, c) for doc in docs for c in doc.clauses if said in _PUNCT_RE.sub("", squeeze(c.text))]
    if len(where) != 1:
        return None
    doc, clause = where[0]
    ref = d.cite(doc, clause.text, clause.no, None)
    part = f"第{int_to_cn(clause.section_no)}部分“{clause.section_title}”的" if clause.section_no else ""
    d.lines.append(f"{doc_label(doc) + '：' if len(docs) > 1 else ''}在{part}第（{int_to_cn(clause.no)}）条“{clause.title}”{ref}。")
    d.found = True
    return d


_PUNCT_RE = re.compile(r"[“”\"'「」『』、，,。；;：:（）()《》]")


def _holding_most(q: Query, hits: Sequence[Hit]) -> list[Hit]:
    """The hits, those writing more of the words asked first (quoted ones if any: “拆改留”;
    高强钢筋、节能系统门窗 is where all four are, not where 节能 is), else in their order."""
    said = [squeeze(w) for w in re.findall(r"[“\"「]([^”\"」]{2,30})[”\"」]", q.text)] or list(q.terms)
    return sorted(hits, key=lambda h: -sum(w in squeeze(h.chunk.text) for w in said))


def _translated_part(topic: str, sections: Sequence[Section]) -> list[Section]:
    """The part an English question names by its translated title (clauses under
    'systematically promote green and low-carbon city construction'): the one title holding
    clearly more of the translation's words than any other."""
    words = [w for w in topic.split() if len(w) >= 2]
    scored = sorted(((sum(w in sec.title for w in words), sec) for sec in sections if sec.title),
                    key=lambda x: -x[0])
    if scored and scored[0][0] >= 3 and (len(scored) == 1 or scored[0][0] > scored[1][0] + 1):
        return [scored[0][1]]
    return []


def answer_fact(q: Query, docs: Sequence[Document], header_texts: Mapping[str, str]) -> Draft:
    """文号 / 印发单位 / 日期 / 附件 / 主送 of each document in scope, from its header."""
    d = Draft()
    if dated := _plans_dated(q, docs, header_texts, d):  # 2024年6月18日印发的是哪个方案: that plan, not every date
        others = ",".join(k for k in str(q.fact).split(",") if k not in ("date", "title", "None"))
        if not others:
            return d
        docs, q = dated, replace(q, fact=others)  # …文号是多少: of that plan
    counted = bool(re.search(r"(?<!哪)几(个|家)|多少(个|家)|how many", q.original or q.text, re.IGNORECASE))  # 几个部门联合印发
    for doc in docs:
        m = doc.meta
        facts = {
            "doc_number": ("文号", m.doc_number),
            "issuers": ("印发单位", "、".join(m.issuers) + (f"（共{len(m.issuers)}个单位）" if counted else "")
                        if m.issuers else None),
            "date": ("印发日期", _cn_date(m.date)),
            "attachments": ("附件", "；".join(m.attachments) if m.attachments else None),
            "title": ("文件名称", m.title),
            "recipients": ("主送单位", m.recipients),
            "disclosure": ("公开属性", _disclosure(doc.text)),
            "outline": ("正文结构", f"分为{count_said(len(doc.sections))}个部分：" + "；".join(
                f"{int_to_cn(sec.no)}、{sec.title}" for sec in doc.sections) if doc.sections else None),
            "clause_count": ("正文条数", _clause_count(doc)),
            "table_size": _table_size(doc),
        }
        nth = attachment_named(q.original or q.text)
        if "attachments" in str(q.fact) and nth is not None:  # 附件2: that one, or a plain no
            facts["attachments"] = (f"附件{nth}", m.attachments[nth - 1] if nth <= len(m.attachments) else None)
            if nth > len(m.attachments):
                d.lines.append(f"{doc_label(doc)}只有{count_said(len(m.attachments))}个附件，没有附件{nth}。"
                               if m.attachments else f"{doc_label(doc)}没有列出附件。")
                continue
        for kind in (q.fact or "title").split(","):
            label, value = facts.get(kind, facts["title"])
            if not value:
                continue
            ref = d.cite(doc, header_texts[doc.id], None, None)
            d.lines.append(f"{doc_label(doc)}的{label}：{value}{ref}。")
    d.found = bool(d.citations)
    return d


def _clause_count(doc: Document) -> str | None:
    """How many numbered clauses the body has, with their range when numbered straight through."""
    n = len(doc.clauses)
    straight = [c.no for c in doc.clauses] == list(range(1, n + 1))
    return (f"共{n}条" + (f"（（一）—（{int_to_cn(n)}））" if straight else "（各部分分别编号）")) if n else None


def _table_size(doc: Document) -> tuple[str, str | None]:
    """How many rows the task table has, by its own 序号; with no table, how many tasks the
    body states its units for (（X牵头，Y配合） after each item); (label, None): neither."""
    rows = sorted({t.row_no for t in doc.tasks if t.row_no is not None})
    if rows:
        return "责任分工表", f"共{len(rows)}项（序号{rows[0]}—{rows[-1]}）"
    if doc.tasks:
        return "正文中写明分工的任务", f"共{len(doc.tasks)}项（文件没有单独的责任分工表）"
    return "责任分工表", None


#: a document's disclosure note (（此件主动公开）, 此件依申请公开)
DISCLOSURE_RE = re.compile(r"此件\s*(主动公开|依申请公开|不予公开|不公开)|[（(]\s*(主动公开|依申请公开|不予公开)\s*[）)]")


def _disclosure(text: str) -> str | None:
    m = DISCLOSURE_RE.search(text)
    return next(g for g in m.groups() if g) if m else None


_FULL_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]|((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
_WHICH_PLAN_RE = re.compile(r"哪(?:个|份|一个|一份|些)(?:方案|文件)?|什么(?:方案|文件)|\bwhich\b", re.IGNORECASE)


def _plans_dated(q: Query, docs: Sequence[Document], header_texts: Mapping[str, str], d: Draft) -> list[Document]:
    """The plan(s) issued on a date the question gives, when it asks which plan that is, said in ``d``."""
    said = f"{q.text} {q.original or ''}"
    dates = {f"{int(m[1] or m[4])}-{int(m[2] or m[5]):02d}-{int(m[3] or m[6]):02d}" for m in _FULL_DATE_RE.finditer(said)}
    hit = [doc for doc in docs if doc.meta.date in dates]
    if not hit or not _WHICH_PLAN_RE.search(said):
        return []
    for doc in hit:
        d.lines.append(f"{_cn_date(doc.meta.date)}印发的是{doc_label(doc)}{d.cite(doc, header_texts[doc.id], None, None)}。")
    d.found = True
    return hit


def _cn_date(iso: str | None) -> str | None:
    if not iso:
        return None
    y, mo, dd = iso.split("-")
    return f"{int(y)}年{int(mo)}月{int(dd)}日"


#: a clause quoted whole when asked by its title is cut after this many characters
TITLED_CHARS = 600


def _written(title: str, text: str) -> str | None:
    """How ``text`` writes ``title``: as it is, or with one character slipped (基本原侧 for
    基本原则): the slipped character stands alone as jieba cuts the window, so it makes no
    word of its own (主要目的 is not 主要目标 slipped, nor 具体要求 总体要求)."""
    if len(title) < 4:
        return None
    if title in text:
        return title
    if sum(ch not in text for ch in title) > 1:  # two characters the question never writes: no slip
        return None
    for i in range(len(text) - len(title) + 1):
        window = text[i:i + len(title)]
        slips = [j for j, (a, b) in enumerate(zip(title, window)) if a != b]
        if len(slips) == 1 and _alone(window, slips[0]):
            return window
    return None


def _alone(window: str, at: int) -> bool:
    """Whether the character at ``at`` is a word by itself when jieba cuts ``window`` by its
    dictionary alone (:func:`dictionary_words`)."""
    start = 0
    for word in dictionary_words(window):
        if start <= at < start + len(word):
            return len(word) == 1
        start += len(word)
    return False


#: what a clause or part is asked to say (指导思想里强调什么, 保障措施包括哪些): no topic of its own
SAYS = ("强调", "提出", "提到", "包括", "包含", "涉及", "规定", "明确", "要求", "内容", "重点", "部署", "安排", "哪几条", "几条")


def titled_parts(q: Query, docs: Sequence[Document], how: bool = False,
                 head: bool = False) -> list[tuple[Document, int, str, str]]:
    """The clauses (kind ``clause``) or parts (``part``: their clauses are listed) a question
    names by their own title, in each document in scope: (document, number, kind, the title
    as the question writes it).  Asked how (``how``: 县城建设有什么要求), the one clause whose
    title holds every term of the question is named too: its subject is what is asked; asked
    its structure (``head``: 工作原则有哪几条), the one clause whose title ends in the term."""
    text = squeeze(q.text)
    out: list[tuple[Document, int, str, str]] = []
    for doc in docs:
        clauses = [(c, w) for c in doc.clauses if (w := _written(squeeze(c.title), text))]
        # the longest title named, never one inside another
        clauses = [(c, w) for c, w in clauses if not any(c is not o and c.title in o.title for o, _ in clauses)]
        if not clauses and how and q.terms:
            terms = [canonical(t) for t in q.terms]
            titles = [(c, canonical(c.title)) for c in doc.clauses]
            about = [c for c, title in titles if all(t in title for t in terms)]
            clauses = [(c, "") for c in about] if len(about) == 1 else []
        if not clauses and head and len(q.terms) == 1 and len(q.terms[0]) == 2:  # 工作原则 asked, 基本原则 titled
            headed = [c for c in doc.clauses if len(c.title) >= 4 and c.title.endswith(q.terms[0])]  # title of that head
            clauses = [(c, "") for c in headed] if len(headed) == 1 else []
        out += [(doc, c.no, "clause", w) for c, w in clauses[:1]]
        if not clauses:  # a part whose clauses are listed (none numbered: nothing to list)
            out += [(doc, s.no, "part", w) for s in doc.sections if any(c.section_no == s.no for c in doc.clauses)
                    and (w := _written(squeeze(s.title), text))][:1]
    return out


def terms_beyond(q: Query, parts: Sequence[tuple[Document, int, str, str]]) -> list[str]:
    """The question's terms beyond the titles it names and the words asking what they say:
    what it asks of the clause or part (指导思想里关于碳达峰的要求 asks for 碳达峰)."""
    written = "".join(w or next(c.title for c in doc.clauses if c.no == no) for doc, no, _, w in parts)
    return [t for t in q.terms if canonical(t) not in canonical(written) and t not in SAYS]


def named_titles(q: Query, docs: Sequence[Document], how: bool = False,
                 head: bool = False) -> list[tuple[Document, int, str, str]]:
    """The clauses or parts a question names by title (:func:`titled_parts`) when it asks
    nothing beyond those titles; [] otherwise."""
    parts = titled_parts(q, docs, how, head)
    return parts if parts and not terms_beyond(q, parts) else []


def answer_titled(parts: Sequence[tuple[Document, int, str, str]], several: bool) -> Draft:
    """A clause named by its title, quoted (up to :data:`TITLED_CHARS`); a part named by its
    title, its clauses listed.  Exact: the document's own outline, no passage weighed."""
    d = Draft(exact=True)
    for doc, no, kind, _ in parts:
        label = doc_label(doc) + "：" if several else ""
        if kind == "clause":
            c = next(c for c in doc.clauses if c.no == no)
            body = without_heading(c.text, c.title).strip()
            cut = body[:TITLED_CHARS].rstrip("。；;")
            d.lines.append(f"{label}第（{int_to_cn(c.no)}）条“{c.title}”：{cut}{'……' if len(body) > TITLED_CHARS else ''}"
                           f"{d.cite(doc, c.text, c.no, None)}。")
            continue
        sec = next(s for s in doc.sections if s.no == no)
        clauses = [c for c in doc.clauses if c.section_no == no]
        d.lines.append(f"{label}第{int_to_cn(no)}部分“{sec.title}”共{count_said(len(clauses))}条：")
        d.lines += [f"· （{int_to_cn(c.no)}）{c.title}{d.cite(doc, c.text, c.no, None)}" for c in clauses]
    d.found = bool(d.lines)
    return d
