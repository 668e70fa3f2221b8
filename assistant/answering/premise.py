"""What the asker remembers, told apart from what is asked.

Staff check what they half-remember: 住建局牵头的任务是不是包括装配式建筑？全部列出来 /
自规局牵头的好像就一项，是城市功能布局那块对吧？ / I heard it's only garbage sorting, is that
right?  The remembered items are to be checked against the answer, not to narrow it: the
question asks the unit's whole list.  A figure quoted (是不是要达到60%, 改造6000户) is read
here as a number with its unit, for the figures and look-up answers to compare with the
documents' own.  These rules read wording only, no document words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answering.asking import ASKING_RE
from assistant.answering.followup import needs_topic
from assistant.answering.intent import Query
from assistant.text import has_any

#: a clause that states a belief to be checked: opened by 我记得/听说…, or closed by 对吧/是吗…
BELIEF_OPEN_RE = re.compile(r"^(?:我记得|我印象中|印象中|听说|听人说|据说|有人说|我听说|我以为|不是说)|"
                            r"^[^，,。？?！!；;\s]{0,8}?(?:我|我们)(?:已经)?(?:知道|清楚|查到)(?=[^，,。？?！!；;]*\d)|"  # 2025的我知道是50%
                            r"^(?:I heard|I've heard|I was told|someone told me|somebody told me|I think|I believe|"
                            r"I recall|I remember|people say)\b", re.IGNORECASE)
BELIEF_CLOSE_RE = re.compile(r"(?:对吧|对吗|是吗|没错吧|没错吗|是这样吗|对不对|是不是|吧)$|"
                             r"\b(?:is that right|is that correct|is that true|right|correct|true)$", re.IGNORECASE)
#: a list asked while checking what is on it: …的任务里有没有X, 是不是包括X, does it include X
MEMBERSHIP_RE = re.compile(r"(?<=任务|工作|事项|活儿|的活|事情)(?:里|中|当中|之中|里面)?(?:有没有|有无|是否有|包不包括|"
                           r"是否包括|包括不包括|是不是包括|是不是包含|是否包含)|\b(?:does it|do they|is it) include\b",
                           re.IGNORECASE)
ENGLISH_ASKING_RE = re.compile(r"(what|which|who|when|how|where|why|is|are|does|do|did|has|have|can|will|should)\b.*\?$",
                               re.IGNORECASE)
#: what a unit holds said as a list to confirm: …牵头的(任务)是不是就X / …配合的是X吧
ROLE_LIST_SAID_RE = re.compile(r"(?:牵头|配合|参与|负责)(?:的|了的)(?:任务|工作|活儿?|事情?|事项)?"
                               r"((是不是|是否)?(?:就是|只有|就|只是|是|仅))")
#: a clause that limits what is asked (只列…, 仅限…, only those…): a condition, never a belief
CONDITION_RE = re.compile(r"只|仅|列|\bonly\b", re.IGNORECASE)
_CLAUSE_RE = re.compile(r"[^，,。？?！!；;]+[，,。？?！!；;]*")
#: …or, for a belief told after a question typed without punctuation, at a space between
#: Chinese words (…目标是多少 我知道2025年是50%)
_SPACED_CLAUSE_RE = re.compile(r"(?:[^，,。？?！!；;\s]|(?<=[A-Za-z])\s|\s(?=[A-Za-z]))+[，,。？?！!；;\s]*")
_PUNCT = " ，,。？?！!；;"


def _clauses(text: str, spaced: bool = False) -> list[str]:
    return [c for c in (_SPACED_CLAUSE_RE if spaced else _CLAUSE_RE).findall(text) if c.strip(_PUNCT)]


def _is_belief(clause: str) -> bool:
    c = clause.strip(_PUNCT)
    return bool(BELIEF_OPEN_RE.search(c) or BELIEF_CLOSE_RE.search(c))


def list_asked(text: str) -> str | None:
    """The question without the remembered items when it asks a list while checking
    them (…的任务是不是包括X和Y？ -> …的任务有哪些？), else None."""
    m = MEMBERSHIP_RE.search(text)
    if m and len(re.findall(r"[\u4e00-\u9fffA-Za-z]", text[: m.start()])) >= 3:
        head = text[: m.start()].rstrip(_PUNCT)
        return head + ("有哪些？" if re.search(r"[\u4e00-\u9fff]", head) else "?")
    said = ROLE_LIST_SAID_RE.search(text)  # 县城管局牵头的是不是就垃圾分类一件事？ 牵头的是X那两项吧？
    if said and (said.group(2) or _is_belief(text)):
        return text[: said.start(1)].rstrip(_PUNCT) + "有哪些？"
    clauses = _clauses(text)
    kept = [c for c in clauses if not _is_belief(c)]
    if not kept or len(kept) == len(clauses) or any(re.match(r"\s*那(?:么)?(?:谁|由谁|是谁|哪个|哪些单位|哪家)", c) for c in kept):
        return None  # …我们只是配合吧？那谁牵头？: the rest leans on the belief, asks no list
    return "".join(kept).rstrip("，,；; ") or None


def without_beliefs(text: str) -> str:
    """The question without the clauses after it telling what the asker remembers, when the
    rest asks on its own (碳排放是哪年达峰？我记得是2025年 -> 碳排放是哪年达峰？): a remembered
    year or figure is no condition of the answer.  A question that is all belief stays whole."""
    clauses = _clauses(text, spaced=True)
    kept = list(clauses)  # only a trailing belief: one told first sets the topic (听说要推X，这项是谁牵头？)
    while kept and BELIEF_OPEN_RE.search(kept[-1].strip(_PUNCT)) and not CONDITION_RE.search(kept[-1]):
        kept.pop()
    rest = "".join(kept).rstrip("，,；; ")
    asks = ASKING_RE.search(rest) or ENGLISH_ASKING_RE.match(rest.strip())
    if not kept or len(kept) == len(clauses) or not asks or needs_topic(rest):
        return text
    return rest


#: a unit's part in a task checked (…那个任务是城管局负责吧, 是住建局牵头的吗): asked of the task,
#: whatever words name it (比例, 多少 describe the task here, they ask no figure)
ROLE_CHECKED_RE = re.compile(r"(?:负责|牵头|主抓|主管|管|配合|参与)(?:的)?(?:吧|吗|么|嘛|对吧|对吗|是吗|没错吧|是不是|对不对)"
                             r"[？?。！!]*$")


def states_belief(text: str) -> bool:
    """Whether the question tells something to be checked (听说…，有这回事吗？ …对吧？)."""
    return any(_is_belief(c) for c in _clauses(text)) or bool(re.search(r"吗[？?。!！\s]*$", text))


#: asking a unit's part in a piece of work (发改委在屋顶光伏上是什么角色, 扮演什么角色)
ROLE_ASKED_WORDS = ("什么角色", "啥角色", "哪种角色", "扮演", "角色是", "什么身份")
#: a choice between the two roles (是牵头还是配合, 牵头还是参与)
EITHER_ROLE_RE = re.compile(r"(牵头|主责|负责)还是(配合|参与|协助|协同)|(配合|参与)还是(牵头|主责|负责)")


def asks_role(text: str) -> bool:
    """Whether the question asks a unit's part (什么角色, 是牵头还是配合)."""
    return has_any(text, ROLE_ASKED_WORDS) or bool(EITHER_ROLE_RE.search(text))


def role_said_of(text: str, unit: str | None) -> bool:
    """Whether a role is asked of ``unit`` after it in its clause (市统计局要协助哪些, 是市场监管局牵头吗,
    市水务局在海绵城市建设里配合什么); not told (我们县住建局是…的牵头部门，想确认…), nor of a
    question word read as a unit (是哪几个局牵头)."""
    if not unit or re.search(r"哪|几|什么|谁", unit):
        return False
    return any(re.search(rf"{re.escape(unit)}[^，,。？?]{{0,12}}?(?:牵头|配合|参与|协助|协同|负责)", clause)
               and ASKING_RE.search(clause) for clause in re.split(r"(?<=[，,。？?；;！!])", text))


def checks_role(text: str) -> bool:
    """Whether the question confirms which unit holds a task (…是城管局负责吧？)."""
    return bool(ROLE_CHECKED_RE.search(text.strip()))


#: a figure with its unit (45%, 50%以上, 160万平方米, 8公里/平方公里); a year (2025年) is no figure
VALUE_RE = re.compile(r"(?<![\d.第号])(\d+(?:\.\d+)?)\s*(%|％|‰|[万亿千百]?(?:平方米|平米|平方公里|立方米|千瓦|吨|户|个|座|处|公里|千米|米|"
                      r"元|辆|家|套|栋|间|张|台)?)(?![\d.])(?!\s*年)")


def value_of(value: str) -> tuple[float, str] | None:
    """(number, unit) of a value as written; the unit without 以上/以下 and without /..."""
    m = VALUE_RE.search(value)
    if m is None:
        return None
    return figure_of(m)


def figure_of(m: re.Match[str]) -> tuple[float, str]:
    """(number, unit) of a VALUE_RE match, the unit as the documents write it (％ -> %, 平米 -> 平方米)."""
    return float(m.group(1)), m.group(2).replace("％", "%").replace("平米", "平方米")


def asked_value(q: Query) -> tuple[float, str] | None:
    """The figure a question quotes, when it has a unit (a bare 30 is an amount of anything).
    A share said in words (百分之四十五) arrives as 45%: the question text is normalised."""
    for m in VALUE_RE.finditer(q.text):
        if m.group(2):
            return figure_of(m)
    return None


def in_units(value: tuple[float, str]) -> tuple[float, str]:
    """A figure with 万/亿 multiplied out (13.64万户 -> 136400 户, 15万 -> 150000)."""
    n, unit = value
    scale = {"万": 1e4, "亿": 1e8}.get(unit[:1])
    return (round(n * scale, 6), unit[1:]) if scale else value


def same_value(asked: tuple[float, str], written: str) -> bool:
    """Whether a value as written is the asked figure: the same number, units alike (50% of 50%以上),
    however scaled (136400户 of 13.64万户)."""
    got = value_of(written)
    if got is None:
        return False
    (n, unit), (want, wanted) = in_units(got), in_units(asked)
    return n == want and (unit == wanted or unit.startswith(wanted) or wanted.startswith(unit))


def states_value(asked: tuple[float, str]) -> Callable[[str], bool]:
    """Whether a sentence states the asked figure (4亿平方米以上 for 4亿㎡)."""
    return lambda sentence: any(m.group(2) and same_value(asked, m.group()) for m in VALUE_RE.finditer(sentence))


def baseline_years(text: str) -> set[int]:
    """The years a change is measured against (比2020年下降5个百分点 -> {2020})."""
    return {int(y) for y in re.findall(r"(?:(?<![占对相])比(?!较)|(?<!比)较|相比|相较)\s*((?:19|20)\d{2})\s*年", text)}
