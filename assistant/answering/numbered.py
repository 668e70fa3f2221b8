"""What a question points at by number: a row of the task table (分工表第5项, 序号12, 最后一项),
a clause (第（六）条), an item of a clause (第（四）条第2项), an attachment (附件2), and the
plan's outline (几个部分) or its table's size (一共多少项).  People with the PDF open beside
them ask this way; the numbers are the document's own, so they are read, not searched."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.numerals import cn_to_int
from assistant.types import TaskRow

#: a row of a responsibility table named by its number (分工表第5项, 序号为12的任务, row 7)
ROW_RE = re.compile(r"序号(?:为|是)?\s*(\d{1,3}|[一二三四五六七八九十百]{1,4})(?![\d一二三四五六七八九十百项条共样直])|"  # not 序号一共
                    r"第\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:项|行)|"
                    r"\b(?:row|item)\s*(?:no\.?\s*|number\s*|#\s*)?(\d{1,3})\b|\bno\.\s*(\d{1,3})\s+(?:of|in)\b(?!\s+(?:19|20)\d\d)",  # No. 12 of 2024: a document's
                    re.IGNORECASE)

_CN = r"[一二三四五六七八九十]{1,3}"
_NO = rf"\d{{1,2}}|{_CN}"

#: a clause named by its number and what it says asked (第十二条讲的是什么, （五）的内容): the clause itself
CLAUSE_ASKED_RE = re.compile(rf"(?:(?<![表单])第\s*[（(]?({_NO})[）)]?\s*条|[（(]({_CN})[）)]\s*条?)"
                             r"的?(?:主要)?(?:讲|说|写|内容|要求|规定|关于)[^，。？?]{0,6}(?:什么|啥|哪些)|"
                             rf"(?:(?<![表单])第\s*[（(]?({_NO})[）)]?\s*条|[（(]({_CN})[）)]\s*条?)"
                             r"的?(?:标题|题目|名称)?(?:是什么|是啥)")

#: a clause or part a 第N项 comes under (（五）里的第3项, 第三部分第2条): an item of the text, no row
_UNDER_CLAUSE_RE = re.compile(rf"(?:第?[（(]{_CN}[）)]条?|第[一二三四五六七八九十\d]{{1,3}}(?:条|部分|章|节)|(?<![表单])[”」\"])"  # “X”第一项: of X, not of “…分工表”
                              r"\s*(?:里|中|下|之下)?(?:的|之)?\s*$")
#: a row counted from the end of the table (表里最后一项, 倒数第二行, the last row)
_FROM_END_RE = re.compile(r"(?:最后|末尾|最末)\s*(?:一|1)?\s*(?:位|个)?\s*(?:的)?\s*(?:那)?\s*(?:一)?\s*(?:项|行|条(?!款))|倒数\s*第\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:项|行|条)|"
                          r"\b(?:the\s+)?(?:very\s+)?(?:last|final)\s+(?:row|item|entry|task)\b|"
                          r"\b(second|2nd|third|3rd)[- ](?:to[- ])?last\s+(?:row|item|entry|task)\b|"
                          r"\bpenultimate\s+(?:row|item|entry|task)\b", re.IGNORECASE)
#: a place counted among a unit's tasks (住建局牵头的任务中排在第一位的, 城管局排在最后的): not the table's row
_OF_A_UNIT_RE = re.compile(r"(?:局|委|厅|(?<![全内外])部|中心|政府)(?:牵头|参与|配合|负责)?(?:的任务)?(?:中|里|里面)?[^，,。？?]{0,3}$")
#: the first row said by its place (任务表排在第一位的任务, 排第一的那项)
_FIRST_RE = re.compile(r"(?:排|列)在?(?:第一|最前面?|首)(?:位|个)?的?\s*(?:那)?\s*(?:一)?\s*(?:项|行|条|任务)|"
                       r"\b(?:the\s+)?first\s+(?:row|item|entry)\b", re.IGNORECASE)
#: a row said by its place in English (the third row of the table): its number
_EN_ROW_RE = re.compile(r"\b(second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|seventh|eighth|ninth|tenth)\s+(?:row|entry)\b"
                        r"(?!\s+(?:counting\s+)?from\s+the\s+(?:bottom|end))",
                        re.IGNORECASE)
#: …of the table: a question that points at it (表述, 代表 are no tables)
_TABLE_WORDS_RE = re.compile(r"分工表|任务表|责任表|附表|表格|表里|表中|表上|这张表|附件|\b(?:table|annex|attachment|schedule)\b",
                             re.IGNORECASE)
#: a number that belongs to another text: an article of a law or regulation (《节约能源法》第三十条)
_OTHER_TEXT_RE = re.compile(r"(?:》|法|条例|规定|办法|细则|意见)\s*$")
_OTHER_TEXT_EN_RE = re.compile(r"^\s*\)?\s*of (?:the |this |that )?(?:[\w-]+ ){0,4}?(?:law|act|regulations?|rules?|"
                               r"measures|code|constitution)\b", re.IGNORECASE)


def number_of(s: str) -> int | None:
    """A numeral as written (12, 十二); None for a slip such as 十十."""
    try:
        return cn_to_int(s)
    except ValueError:
        return None


def _of_another_text(text: str, m: re.Match[str]) -> bool:
    return bool(_OTHER_TEXT_RE.search(text[:m.start()]) or _OTHER_TEXT_EN_RE.match(text[m.end():]))


def clause_asked(text: str) -> int | None:
    """The number of the clause a question asks the content of (第十二条讲的是什么 -> 12)."""
    m = CLAUSE_ASKED_RE.search(text)
    return number_of(next(g for g in m.groups() if g)) if m and not _of_another_text(text, m) else None


def row_named(text: str) -> int | None:
    """The number of the table row a question names, if it names one; a row counted from the
    end of the table (最后一项, 倒数第二行) is negative: -1 the last, -2 the one before."""
    if item_named(text) is not None:  # 第（四）条第2项: an item of the text, not row 2
        return None
    end = _FROM_END_RE.search(text)
    if end is not None:  # 倒数第二项 of a table; of a clause, a list or a unit's tasks (no table named): no row at all
        if not _TABLE_WORDS_RE.search(text) or _UNDER_CLAUSE_RE.search(text[:end.start()]) \
                or _OF_A_UNIT_RE.search(text[:end.start()]):
            return None
        if end.group(2):
            return -ORDINALS[end.group(2).lower()]
        if end.group(1):
            n = number_of(end.group(1))
            return -n if n else None
        return -2 if end.group().lower().startswith("penultimate") else -1
    if (first := _FIRST_RE.search(text)) and _TABLE_WORDS_RE.search(text) and not _UNDER_CLAUSE_RE.search(text[:first.start()]) \
            and not _OF_A_UNIT_RE.search(text[:first.start()]):
        return 1
    if (en := _EN_ROW_RE.search(text)) and _TABLE_WORDS_RE.search(text):  # the third row of the task table
        return ORDINALS[en.group(1).lower()]
    m = ROW_RE.search(text)
    if m is None or (m.group(2) and _UNDER_CLAUSE_RE.search(text[:m.start()])) or _of_another_text(text, m) \
            or rows_between(text) is not None:  # 序号1到11里: a span, no one row
        return None
    return number_of(next(g for g in m.groups() if g)) or None


#: a span of table rows (序号1到11里, 第十二到第十四项中, 第二十项及以后, 前十项, rows 5-9): the rows a
#: unit's tasks are looked for in, not one row
_N = r"(\d{1,3}|[一二三四五六七八九十百]{1,4})"
_SPAN_RE = re.compile(rf"(?:序号|第)\s*{_N}\s*(?:项|行|号)?\s*(?:到|至|~|～|-|—|－)\s*(?:序号|第)?\s*{_N}\s*(?:项|行|号)|"
                      rf"序号\s*{_N}\s*(?:到|至|~|～|-|—|－)\s*{_N}(?![\d部章条节年月日])|"
                      rf"(?:序号|第)\s*{_N}\s*(?:项|行|号)\s*(?:及|和)?(?:以后|以下|之后|往后|后面)|"
                      rf"前\s*{_N}\s*(?:项|行)|"
                      r"\brows?\s+(\d{1,3})\s*(?:-|–|to|through)\s*(\d{1,3})\b", re.IGNORECASE)


#: the last row of a span left open (第二十项及以后): beyond any table's numbering
TO_THE_END = 999


def rows_between(text: str) -> tuple[int, int] | None:
    """The first and last row of a span of table rows the question names (序号1到11里 -> (1, 11);
    第二十项及以后 -> (20, 999); 前十项 -> (1, 10)); None when it names none."""
    m = _SPAN_RE.search(text)
    if m is None or _of_another_text(text, m) or _UNDER_CLAUSE_RE.search(text[:m.start()]):
        return None
    first, last, first2, last2, after, top, en1, en2 = m.groups()
    if after or top:
        n = number_of(after or top)
        return None if not n else (n, TO_THE_END) if after else (1, n)
    a, b = number_of(first or first2 or en1), number_of(last or last2 or en2)
    return (a, b) if a and b and a < b else None


def names_table(text: str) -> bool:
    """Whether a question points at a table by name or by its 序号 (分工表第14项, 序号十四)."""
    return bool(_TABLE_WORDS_RE.search(text) or "序号" in text)


def row_from_end(numbers: Sequence[int], row: int) -> int | None:
    """The 序号 of a row named by ``row`` among a table's row numbers: itself, or counted from
    the end when negative (-1: the last row the table has, whatever gaps its numbering has)."""
    if row > 0:
        return row
    ordered = sorted(set(numbers))
    return ordered[row] if -len(ordered) <= row < 0 else None


_NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()
#: a part or clause named by its number in English (Part Three, clause 12, Article (5), clause (七))
_PART_NAMED_EN_RE = re.compile(rf"\b(part|clause|article)\s*(?:no\.?\s*)?\(?(\d{{1,2}}|[一二三四五六七八九十]{{1,3}}|"
                               rf"{'|'.join(_NUMBER_WORDS)})\)?(?!\w)")


def parts_named_english(text: str) -> list[tuple[str, int]]:
    """(part | clause | article, number) of each part an English question names by number (lower-cased
    text); a slip with no number (clause 十十) names none."""
    out = []
    for kind, no in _PART_NAMED_EN_RE.findall(text):
        if n := _NUMBER_WORDS.index(no) + 1 if no in _NUMBER_WORDS else number_of(no):
            out.append((kind, n))
    return out


#: places said in English (the first item under clause (七), the third row)
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5,
            "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_ORDINAL_WORDS = "|".join(ORDINALS)
#: an item of a clause (第（四）条第2项, （四）2, 第四条第二项, item 2 of clause (4), clause 4 item 2, item 4.2); a number
#: followed by a measure word is a quantity (（四）2个试点), not an item
_ITEM_PATTERNS = (
    re.compile(rf"(?:第\s*[（(]?(?P<c>{_NO})[）)]?\s*条|[（(](?P<c2>{_NO})[）)]\s*条?)\s*(?:里|中|下面|下边|底下|之下|下)?(?:的|之)?\s*"
               rf"第\s*(?P<i>{_NO})\s*(?:项|点|款|小项)"),
    re.compile(rf"[（(](?P<c>{_CN})[）)]\s*(?P<i>\d{{1,2}})(?![\d.．%个家项年月日号万亿倍吨米户人座处公千平])"),
    re.compile(rf"\b(?:item\s*\(?(?P<i>\d{{1,2}})\)?|(?:the\s+)?(?P<o>{_ORDINAL_WORDS})\s+item)\s*(?:of|under|in)\s+"
               rf"(?:clause|article|section)\s*\(?(?P<c>{_NO})\)?", re.IGNORECASE),
    re.compile(rf"\b(?:clause|article)\s*\(?(?P<c>{_NO})\)?,?\s*(?:item|point)\s*\(?(?P<i>\d{{1,2}})\)?", re.IGNORECASE),
    re.compile(r"\b(?:item|point)\s+(?P<c>\d{1,2})\.(?P<i>\d{1,2})\b(?!\.\d)", re.IGNORECASE),  # item 7.1: （七）1
)


def item_named(text: str) -> tuple[int, int] | None:
    """(clause, item) of an item a question names by its numbers (第（四）条第2项 -> (4, 2))."""
    for pattern in _ITEM_PATTERNS:
        m = pattern.search(text)
        if m is None or _of_another_text(text, m):
            continue
        found = m.groupdict()
        clause = number_of(found.get("c") or found.get("c2") or "")
        item = ORDINALS[found["o"].lower()] if found.get("o") else number_of(found["i"])
        return (clause, item) if clause and item else None
    return None


#: a clause named by its number (第（六）条, （六）条, 第六条, clause (6)), not a table's row
CLAUSE_NAMED_RE = re.compile(rf"第\s*[（(]?({_NO})[）)]?\s*条(?!\s*第)|[（(]({_CN})[）)]\s*条(?!\s*第)|"
                             rf"[（(]({_CN})[）)](?=[^，。？?（(]{{0,16}}?(?:下面|下边|底下|之下)(?:有|包括|一共|共|列))|"  # （九）推广绿色建材下面有
                             r"\b(?:clause|article)\s*\(?(\d{1,2})\)?(?!\s*,?\s*(?:item|point))", re.IGNORECASE)


def clause_named(text: str) -> int | None:
    """The number of the clause a question names (第（六）条由谁牵头 -> 6); None when it
    names an item of it, another text's article, or points at a table (分工表第5条 is a row)."""
    m = CLAUSE_NAMED_RE.search(text)
    if m is None or item_named(text) is not None or _of_another_text(text, m) \
            or text[:m.start()].rstrip().rstrip("的").endswith("部分"):  # 第三部分的第2条: numbered within a part
        return None
    bare = not re.search(r"[（(]|clause|article", m.group(), re.IGNORECASE)  # 第5条, not （五）
    if bare and re.search(r"表|\b(?:table|row)\b", text, re.IGNORECASE):
        return None
    return number_of(next(g for g in m.groups() if g))


_PLAN = r"(?:方案|文件|通知|正文|全文|意见|规划|计划)"
#: the plan's outline asked (方案分为几个部分, 方案有几部分, how many parts does the plan have)
OUTLINE_RE = re.compile(rf"{_PLAN}[^，,。？?]{{0,8}}?(?:一共|总共|共)?(?:分|分为|分成|划分为|包括|包含|由|有)?"
                        r"(?:几|多少|哪几|哪些)(?:个|大)?部分(?:组成|构成)?(?=\s*(?:内容)?\s*(?:[？?。！!]|$))|"
                        rf"{_PLAN}的?(?:主要|主体|各个?)?(?:组成)?(?:部分|板块|章节)(?:分别)?(?:有|是|包括)(?:哪些|哪几个|什么)(?=\s*(?:[？?。！!]|$))|"
                        r"(?:重点任务|主要任务)(?:里|中)?(?:一共|共)?(?:包括|分为?|分成|有)(?:哪|几)(?:几|些)?(?:个方面|大方面|方面|块|大块|部分)(?=\s*(?:[？?。！!]|$))|"
                        r"\b(?:what|which) (?:are )?(?:the )?(?:main |major |key )?(?:parts|sections|chapters) (?:of|in|does) "
                        r"(?:the |this )?(?:[\w-]+ ){0,6}?(?:plan|document|programme)\b(?: have| contain)?\s*\??\s*$|"
                        r"\bhow many (?:parts|sections|chapters) (?:does|is|are there in) (?:the|this) (?:plan|document)\b"
                        r"(?:\s+(?:have|contain|divided into))?\s*\??\s*$", re.IGNORECASE)
#: how many clauses the plan's body has (正文一共有多少条, 方案共有几条（带括号编号的）, how many clauses)
CLAUSE_COUNT_RE = re.compile(rf"{_PLAN}(?:正文|全文)?(?:里面|里|中|内|当中)?\s*(?:一共|总共|共|合计)?\s*(?:有|分|分为|包括|包含|列了)?"
                             r"\s*(?:几|多少)(?:个)?(?:条|款)"  # not 方案的保障措施有几条: a part's clauses
                             r"(?=\s*(?:[（(](?:[^（(）)]|[（(][^（(）)]{0,4}[）)]){0,24}[）)])?\s*(?:[？?。！!]|$))|"
                             r"\bhow many (?:numbered )?(?:clauses|articles) (?:does|do|are there in|are in) (?:the|this) (?:plan|document)"
                             r"(?: (?:have|contain|has))?\s*\??\s*$",
                             re.IGNORECASE)
#: the size of the task table asked (分工表一共有多少项, how many rows does the table have)
TABLE_SIZE_RE = re.compile(r"(?:责任分工表?|分工表|任务表|附表|表格|这张表|表里|表中|附件)(?:里|中|上|内)?(?:一共|总共|共|合计)?"
                           r"(?:有|列了|列有|包括|包含|列出了?)?(?:多少|几)(?:行|项|条|个任务|项任务|个事项)"
                           r"(?=\s*(?:重点|主要|具体)?(?:任务|工作)?\s*(?:（(?![^（）]*(?:牵头|负责|配合|参与|不含|除|以外))[^（）]{0,12}）)?\s*(?:[？?。！!]|$))|"  # not 有几项任务是两个单位牵头的
                           r"(?:方案|文件)(?:里|中)?(?:一共|总共|共)?(?:列了|列出了?|列有|有|安排了|部署了)?(?:多少|几)(?:项|个|条)(?:具体|重点)?(?:分工)?任务"
                           r"(?=\s*(?:[？?。！!]|$))|"
                           r"分工任务(?:一共|总共|共)?(?:有|是)?(?:多少|几)(?:项|个|条)(?=\s*(?:[？?。！!]|$))|"
                           r"\bhow many (?:rows|numbered items|items|entries|tasks)(?: \([\w ]+\))? (?:are there )?(?:are )?(?:listed |set out )?"
                           r"(?:in|does|do) (?:the )?(?:[\w'-]+ ){0,5}?(?:table|annex|attachment|division of responsibilit(?:y|ies))"
                           r"(?: in the (?:attachment|annex))?(?: have| contain| list)?\s*\??\s*$", re.IGNORECASE)
#: an attachment named by its number (附件2, 附件二, Attachment 2)
ATTACHMENT_NO_RE = re.compile(r"附件\s*([1-9]|[一二三四五六七八九])(?![\d])|\b(?:attachment|annex|appendix)\s*(?:no\.?\s*)?([1-9])\b",
                              re.IGNORECASE)


def attachment_named(text: str) -> int | None:
    """The number of the attachment a question names (附件2 -> 2)."""
    m = ATTACHMENT_NO_RE.search(text)
    return number_of(m.group(1) or m.group(2)) if m else None


#: a row checked for membership beside a unit's tasks (第一项算不算, 包括第3项吗): the list, and whether it holds the row
MEMBER_RE = re.compile(r"第[\d一二三四五六七八九十]+[项行](?:也|还)?(?:算不算|算吗|算不|在内|在不在|包括在内)|"
                       r"(?:包括|包含|含)第[\d一二三四五六七八九十]+[项行](?:吗|么|没有)")
#: …or a row set aside (除了第2项还牵头哪些, 第5项以外还有哪些): the unit's list is asked, the row is a part of it
BESIDES_RE = re.compile(rf"除了?[^，,。？?]{{0,12}}第[\d一二三四五六七八九十]+[项行]|第[\d一二三四五六七八九十]+[项行](以外|之外|外)|"
                        rf"{MEMBER_RE.pattern}")


def row_membership(row_no: int, tasks: Sequence[TaskRow], listed: Sequence[TaskRow]) -> str:
    """Whether the row named is among the rows listed; if not, who holds it (序号2不在其中（该项由X牵头，Y参与）)."""
    plans = {t.doc_id for t in listed}  # the row of the plans listed, not another plan's row of that number
    named = [t for t in tasks if t.row_no == row_no and (not plans or t.doc_id in plans)]
    if not named:
        return f"表中没有序号{row_no}。"
    if any(t in listed for t in named):
        return f"序号{row_no}在其中。"
    held_by = "；".join(f"{'、'.join(t.lead_units)}牵头" + (f"，{'、'.join(t.participating_units)}参与" if t.participating_units else "")
                        for t in named if t.lead_units)
    return f"序号{row_no}不在其中{f'（该项由{held_by}）' if held_by else ''}。"
