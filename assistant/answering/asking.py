"""Which part of a message asks: the sentences that ask and the role they ask of, the unit
asked among several named, a table row named by its number, and the words that describe a
document (who issued it, when) rather than ask anything.  People write several sentences —
background (领导说…), who they are, then the question — and only the question decides."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answering.english import is_english
from assistant.answering.terms import ROLE_ASKED_RE
from assistant.config import AssistantError
from assistant.text import cn_to_int

#: a row of a responsibility table named by its number (分工表第5项, 序号为12的任务, row 7)

ROW_RE = re.compile(r"序号(?:为|是)?\s*(\d{1,3}|[一二三四五六七八九十百]{1,4})(?![\d一二三四五六七八九十百项条共样直])|"  # not 序号一共
                    r"第\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:项|行)|"
                    r"\b(?:row|item)\s*(?:no\.?\s*|number\s*|#\s*)?(\d{1,3})\b|\bno\.\s*(\d{1,3})\s+(?:of|in)\b",
                    re.IGNORECASE)


#: a clause named by its number and what it says asked (第十二条讲的是什么, （五）的内容): the clause itself
CLAUSE_ASKED_RE = re.compile(r"(?:第\s*[（(]?([一二三四五六七八九十]{1,3})[）)]?\s*条|[（(]([一二三四五六七八九十]{1,3})[）)]\s*条?)"
                             r"的?(?:主要)?(?:讲|说|写|内容|要求|规定|关于)[^，。？?]{0,6}(?:什么|啥|哪些)|"
                             r"(?:第\s*[（(]?([一二三四五六七八九十]{1,3})[）)]?\s*条|[（(]([一二三四五六七八九十]{1,3})[）)]\s*条?)"
                             r"的?(?:标题|题目|名称)?(?:是什么|是啥)")


def clause_asked(text: str) -> int | None:
    """The number of the clause a question asks the content of (第十二条讲的是什么 -> 12)."""
    m = CLAUSE_ASKED_RE.search(text)
    return cn_to_int(next(g for g in m.groups() if g)) if m else None


#: a clause or part a 第N项 comes under (（五）里的第3项, 第三部分第2条): an item of the text, no row
_UNDER_CLAUSE_RE = re.compile(r"(?:第?[（(][一二三四五六七八九十]{1,3}[）)]条?|第[一二三四五六七八九十\d]{1,3}(?:条|部分|章|节))"
                              r"\s*(?:里|中|下|之下)?(?:的|之)?\s*$")


#: a row named by its place from the end of the table (表里最后一项, 倒数第二行, the last row): -1, -2 …
_FROM_END_RE = re.compile(r"(?:最后|末尾|最末)\s*(?:一|1)?\s*(?:项|行|条)|倒数\s*第\s*(\d|[一二三四五六七八九十])\s*(?:项|行|条)|"
                          r"\b(?:the\s+)?(?:very\s+)?(?:last|final)\s+(?:row|item|entry|task)\b|"
                          r"\b(second|2nd|third|3rd)[- ](?:to[- ])?last\s+(?:row|item|entry|task)\b|"
                          r"\bpenultimate\s+(?:row|item|entry|task)\b", re.IGNORECASE)
#: …of a table: a question that points at the table, not at the last item of a clause or a list
_TABLE_WORDS_RE = re.compile(r"表|附件|\b(?:table|annex|attachment|schedule)\b", re.IGNORECASE)
_ORDINAL = {"second": 2, "2nd": 2, "third": 3, "3rd": 3}


def row_named(text: str) -> int | None:
    """The number of the table row a question names, if it names one; a row counted from the
    end of the table (最后一项, 倒数第二行) is negative: -1 the last, -2 the one before."""
    if item_named(text) is not None:  # 第（四）条第2项: an item of the text, not row 2
        return None
    end = _FROM_END_RE.search(text)
    if end is None or not _TABLE_WORDS_RE.search(text) or _UNDER_CLAUSE_RE.search(text[:end.start()]):
        m = ROW_RE.search(text)
        if m is None or (m.group(2) and _UNDER_CLAUSE_RE.search(text[:m.start()])):
            return None
        return cn_to_int(next(g for g in m.groups() if g))
    if end.group(1):
        return -cn_to_int(end.group(1))
    if end.group(2):
        return -_ORDINAL[end.group(2).lower()]
    return -2 if end.group().lower().startswith("penultimate") else -1


_CN_NO = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
#: an item of a clause (第（四）条第2项, （四）2, 第四条第二项, item 2 of clause (4), clause 4 item 2)
ITEM_RE = re.compile(rf"(?:第\s*[（(]?({_CN_NO})[）)]?\s*条|[（(]({_CN_NO})[）)]\s*条?)\s*(?:里|中|下|之下)?(?:的|之)?\s*"
                     rf"第\s*({_CN_NO})\s*(?:项|点|款|小项)|[（(]([一二三四五六七八九十]{{1,3}})[）)]\s*(\d{{1,2}})(?![\d.．%])|"
                     r"\bitem\s*\(?(\d{1,2})\)?\s*(?:of|under|in)\s+(?:clause|article|section)\s*\(?(\d{1,2})\)?|"
                     r"\b(?:clause|article)\s*\(?(\d{1,2})\)?,?\s*(?:item|point)\s*\(?(\d{1,2})\)?", re.IGNORECASE)


def item_named(text: str) -> tuple[int, int] | None:
    """(clause, item) of an item a question names by its numbers (第（四）条第2项 -> (4, 2))."""
    m = ITEM_RE.search(text)
    if m is None:
        return None
    g = m.groups()
    clause, item = (g[0] or g[1], g[2]) if g[2] else (g[3], g[4]) if g[4] else (g[6], g[5]) if g[5] else (g[7], g[8])
    return cn_to_int(clause), cn_to_int(item)


#: a clause named by its number (第（六）条, （六）条, 第六条, clause (6)), not a table's row
CLAUSE_NAMED_RE = re.compile(rf"第\s*[（(]?({_CN_NO})[）)]?\s*条(?!\s*第)|[（(]([一二三四五六七八九十]{{1,3}})[）)]\s*条(?!\s*第)|"
                             r"\b(?:clause|article)\s*\(?(\d{1,2})\)?(?!\s*,?\s*(?:item|point))", re.IGNORECASE)


def clause_named(text: str) -> int | None:
    """The number of the clause a question names (第（六）条由谁牵头 -> 6); None when it
    names an item of it or points at a table (分工表第5条 is a row)."""
    m = CLAUSE_NAMED_RE.search(text)
    bare = m is not None and not re.search(r"[（(]|clause|article", m.group(), re.IGNORECASE)  # 第5条, not （五）
    if m is None or item_named(text) is not None or (bare and re.search(r"表|\b(?:table|row)\b", text, re.I)) \
            or text[:m.start()].rstrip().endswith("部分"):  # 第三部分第2条: numbered within a part
        return None
    return cn_to_int(next(g for g in m.groups() if g))


#: who issued a plan and when, said to name it (市住建局等四家6月份联合印发的…方案): where, not what

DOC_DESCRIBED_RE = re.compile(r"[^，,。？?！!；;：:]{0,30}?(?:联合)?(?:印发|发布|下发|出台)的"
                              r"(?=[^，,。？?！!]{0,30}?(?:方案|文件|通知|意见))")

def undescribed(text: str) -> str:
    """``text`` with the phrases describing a plan by who issued it blanked out (same length)."""
    return DOC_DESCRIBED_RE.sub(lambda m: " " * len(m.group()), text)


#: words that make a sentence ask
ASKING_RE = re.compile(r"谁|哪|什么|啥|多少|几|怎|如何|是否|有没有|吗|呢|何|多大|多长|多高|可否|能否|请|列出|说明|介绍")
#: a later part of a message that names its unit by a pronoun (…只配合不牵头吗？*它*分到了哪些任务？)
UNIT_PRONOUN_RE = re.compile(r"^(?:那么?|那)?(?:它们?|其(?![他它余中实次])|该单位|该局|该部门|这个单位|这个局|这个部门|他们|她们)")
#: …and asks that unit's share of the work (分到了哪些任务, 管哪些, 牵头什么), not a fact of a task (它的完成时限)
_UNIT_SHARE_RE = re.compile(r"任务|工作|事|活|牵头|参与|配合|负责|管|分到|分工|承担|职责")


def unit_pronoun(part: str) -> re.Match[str] | None:
    """The pronoun opening a later part that asks the first part's unit's share of the work."""
    m = UNIT_PRONOUN_RE.match(part)
    return m if m and _UNIT_SHARE_RE.search(part[m.end():]) else None


def merged_phrases(text: str, phrases: Sequence[str]) -> list[str]:
    """``phrases`` as they stand in ``text``, those that overlap or touch joined into one."""
    spans = sorted((m.start(), m.end()) for p in set(phrases) if p for m in re.finditer(re.escape(p), text))
    out: list[list[int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return list(dict.fromkeys(text[a:b] for a, b in out))


_BOOK_TITLE_RE = re.compile(r"《[^《》]{2,80}》")


def with_book_titles(text: str, phrases: Sequence[str]) -> list[str]:
    """``phrases`` naming documents, each title in 《》 that holds one joined to it whole,
    its marks with it (根据《X方案》的…: the 》 is no word of the question)."""
    return merged_phrases(text, [*phrases, *(m.group() for m in _BOOK_TITLE_RE.finditer(text)
                                             if any(m.group()[1:-1] in p for p in phrases))])


def asked_first(text: str, units: list[tuple[str, str]],
                find: Callable[[str], list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """Several units named: the one whose part is asked first — the unit named last before
    the role word of the last sentence asking one (住建那边想确认一下：…县住建局牵头的任务;
    X和Y联合印发的方案里，哪些任务把各市人民政府列为配合单位).  ``find``: the units of a text."""
    if len(units) < 2:
        return units
    text = undescribed(text)  # 住建部牵头印发的方案里我们局…: the role word describes the plan
    asking = [m for m in re.finditer(r"[^。？?！!；;]+", text) if ROLE_ASKED_RE.search(m.group())]
    if not asking:
        return units
    sentence = asking[-1]
    role_at = max(r.start() for r in ROLE_ASKED_RE.finditer(sentence.group()))
    segment = sentence.group()[:role_at]
    named = find(segment)
    if not named:
        return units
    if len(named) > 1:  # 是城管局还是住建局牵头, 住建局和城管局共同牵头: each is asked, in order
        a, b = segment.rfind(named[-2][1]), segment.rfind(named[-1][1])
        if 0 <= a < b and re.fullmatch(r"\s*(还是|或者?|和|与|及|、|以及|跟|同)\s*", segment[a + len(named[-2][1]):b]):
            return units
    asked = next((u for u in units if u[0] == named[-1][0]), named[-1])
    return [asked, *(u for u in units if u[0] != asked[0])]


def asking_part(text: str) -> str:
    """The sentences that ask (a question mark or a question word) when some of them name a
    role: a sentence telling the background (领导说…牵头的几项任务要县财政局配合。) does not
    say which role is asked; the whole text otherwise."""
    sentences = re.findall(r"[^。？?！!；;]+[。？?！!；;]?", text)
    marked = [x for x in sentences if x.endswith(("？", "?"))]  # …几项任务要县财政局配合。 asks nothing
    asking = [x for x in (marked or [x for x in sentences if ASKING_RE.search(x)]) if ROLE_ASKED_RE.search(x)]
    return "".join(asking) if asking and len(asking) < len(sentences) else text


def split_question(text: str) -> list[str]:
    """Several questions in one message (…多少？由哪个单位牵头？) -> the parts, each with
    enough words to stand on its own; a single question comes back as it is."""
    parts = [p.strip(" ，,") for p in re.split(r"[？?；;]+", text) if p.strip(" ，,")]
    if len(parts) < 2 and not is_english(text):  # 多大比例…完成提标改造，出水执行什么标准？
        commas = [p.strip() for p in re.split(r"[，,]", text.rstrip("？?。 ")) if p.strip()]
        if len(commas) == 2 and all(ASKING_RE.search(p) and len(re.findall(r"[\u4e00-\u9fff]", p)) >= 5
                                    for p in commas):
            parts = commas
    if len(parts) < 2 or is_english(text):
        return [text]
    if any(len(re.findall(r"[\u4e00-\u9fff]", p)) < 3 for p in parts):
        return [text]
    # 正文和附表好像对不上: context, not a question; a check then its unit's list is two
    # (县财政局是不是牵头了X？它在方案里管哪些？), a check of the first part's answer is not (…是不是只有城管局？)
    checked = re.search(r"是不是|对不对", parts[0]) and unit_pronoun(parts[1])
    if not all(ASKING_RE.search(p) or (i == 0 and checked) for i, p in enumerate(parts)):
        return [text]
    return [p + "？" for p in parts][:3]


def check_question(question: str, max_chars: int) -> str:
    """The question stripped, or a one-line AssistantError: empty, too long (bounded work:
    reading a question costs time per character), or holding bytes that were not UTF-8
    (surrogate escapes from a terminal in another encoding)."""
    q = (question or "").strip()
    if not q:
        raise AssistantError("empty question")
    if any("\ud800" <= ch <= "\udfff" for ch in q):
        raise AssistantError("the question holds bytes that are not valid UTF-8")
    if len(q) > max_chars:
        raise AssistantError(f"question too long ({len(q)} characters; at most {max_chars})")
    return q


#: the plan's outline asked (方案分为几个部分, how many parts does the plan have)
OUTLINE_RE = re.compile(r"(?:分|分为|分成|划分为|包括|包含|由)(?:几|多少|哪几|哪些)(?:个|大)?部分|(?:一共|总共|共)有?(?:几|多少)(?:个|大)?部分|"
                        r"有(?:几|多少)(?:个|大)部分|\bhow many (?:parts|sections|chapters)\b", re.IGNORECASE)
#: the size of the task table asked (分工表一共有多少项, how many rows does the table have)
TABLE_SIZE_RE = re.compile(r"(?:分工表|任务表|附表|表格|这张表|表里|表中|附件)(?:里|中|上|内)?(?:一共|总共|共|合计)?"
                           r"(?:有|列了|列有|包括|包含|列出了?)?(?:多少|几)(?:行|项|条|个任务|项任务|个事项)"
                           r"(?=\s*(?:任务|工作)?\s*(?:[？?。！!]|$))|"  # not 有几项任务是两个单位牵头的
                           r"\bhow many (?:rows|numbered items|items|entries|tasks)\b(?=.{0,60}\b(?:table|annex|attachment)\b)",
                           re.IGNORECASE)
#: an attachment named by its number (附件2, 附件二, Attachment 2)
ATTACHMENT_NO_RE = re.compile(r"附件\s*([1-9]|[一二三四五六七八九])(?![\d])|\b(?:attachment|annex|appendix)\s*(?:no\.?\s*)?([1-9])\b",
                              re.IGNORECASE)


def attachment_named(text: str) -> int | None:
    """The number of the attachment a question names (附件2 -> 2)."""
    m = ATTACHMENT_NO_RE.search(text)
    return cn_to_int(m.group(1) or m.group(2)) if m else None
