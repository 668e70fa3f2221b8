"""Follow-ups in a chat: which question leans on the previous one, and what it adds.

Only a question that depends on the previous one is merged with it (那农村呢, 它由谁牵头,
2030年的呢); a full question is never a follow-up because it is short (清洁取暖由谁牵头？).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answering import compose as A
from assistant.answering.asked import HAVE_ASKED, WHETHER_SET_RE, asks_year_set
from assistant.answering.asking import unit_pronoun
from assistant.answering.courtesy import OWN_UNIT_RE, asker_intro
from assistant.answering.english import is_english
from assistant.answering.intent import residual_of, topicless
from assistant.answering.terms import QUESTION_WORDS
from assistant.text import YEAR_RE, normalize_question

FOLLOWUP_START = ("那么", "那", "它", "这个", "这项", "这些", "其", "该项", "上述", "还有", "另外")
FOLLOWUP_END_RE = re.compile(r"(呢|那个呢|怎么样|如何)[？?。!！\s]*$")


@dataclass(frozen=True)
class Followup:
    previous: str  # the question this one leans on (normalised)
    focus: tuple[str, ...]  # the words this one adds: they narrow the answer (那农村呢 -> 农村)


def followup_of(question: str, history: Sequence[object]) -> Followup | None:
    """The previous question when this one depends on it, else None.

    Only a question that depends on the previous one is a follow-up: it opens with
    那/它/这项…, ends in …呢, or has no topic of its own (由谁牵头？ 2030年的呢？).  A full
    question is never one, however short (清洁取暖由谁牵头？)."""
    prev = _last_user_turn(history)
    q = question.strip()
    if not prev:
        return None
    own = residual_of(_FOLLOWUP_WORDS_RE.sub(" ", q), [])
    own = re.sub(r"(?:19|20)\d{2}年?", "", own)
    if not (q.startswith(FOLLOWUP_START) or FOLLOWUP_END_RE.search(q) or len(own) <= 1):
        return None
    focus = tuple(w for w in re.findall(r"[\u4e00-\u9fff]{2,}", own) if w not in QUESTION_WORDS)
    return Followup(normalize_question(prev), focus)


_FOLLOWUP_WORDS_RE = re.compile("|".join(sorted((*FOLLOWUP_START, "呢", "怎么样", "如何", "的"), key=len, reverse=True)))


def _last_user_turn(history: Sequence[object]) -> str | None:
    for turn in reversed(list(history or ())):
        if isinstance(turn, str):
            return turn
        if isinstance(turn, dict) and turn.get("role") == "user":
            content = turn.get("content")
            if isinstance(content, str):
                return content
        if isinstance(turn, (list, tuple)) and turn and isinstance(turn[0], str):
            return turn[0]
    return None


#: the words that only ask whether (有没有, 是否, the 有 of 有…吗, 吗), not what is asked about
_WHETHER_WORDS_RE = re.compile(r"有(?:没有|无)?(?:相关|具体)?(?:任务|工作|规定|要求|安排|内容|说法|提到|写)吗?|有没有|有无|是否|"
                               + HAVE_ASKED + r"(?=[^，,。？?]{0,16}?吗)|吗")  # …有任务吗: nothing asked about
#: a part asking only a year's figure (2030年是多少？ 那2030年呢, 2025年要达到什么目标): the first part's topic, that
#: year; not …的目标是什么: the plan's goals
_YEAR_ONLY_RE = re.compile(r"\s*(?:那|而)?(?:到)?\s*(?:19|20)\d\d\s*年?(?:底|末)?(?:的|时)?(?:目标|指标|数值|值)?"
                           r"(?:是|为|要|要达到|达到|定的是)?(?:多少|几|呢|什么(?:目标|指标|水平))\s*[？?。]?\s*")


def needs_topic(part: str) -> bool:
    """A part with nothing but question words (由哪个单位牵头？) or words that name no thing
    (要写哪几部分？: 部分) borrows the first part's topic."""
    if is_english(part) or re.search(r"第\s*[0-9一二三四五六七八九十（(]", part):  # 第8项是谁牵头的: a row is a topic
        return False  # (an English part is split whole)
    return bool(_YEAR_ONLY_RE.fullmatch(part)) \
        or topicless(re.sub(r"[（(][^（）()]*[）)]", "", part))  # …呢（建标〔2024〕35号）: a plan named is no topic


#: what a part asks at its end when it asks where a passage stands (是哪一条, 出自哪里)
_ASK_TAIL_RE = re.compile(r"(?:是|在|属于|出自|来自)?(?:哪一?[条项段款部分节章]|第几[条项部分]|哪里|哪儿)[^，,。？?]{0,6}[？?]?\s*$")


#: a later part pointing back at the first part's thing (这条下面有哪些要求, 其中哪项要财政局配合, 该项谁牵头)
_POINTS_BACK_RE = re.compile(r"^\s*(?:那么|那|而|另外)?\s*(?:这(?:条|项|个任务|项任务|项工作|些任务|(?=是|在|属于|出自))|那(?:条|项)|该(?:条|项)|上述|其中|此项)")


#: what a part asks at its end when it asks who (由谁牵头, 哪个单位负责, 的牵头单位是谁) or what (是多少, 有哪些)
_WHO_TAIL_RE = re.compile(r"(?:是|由)?(?:谁|哪个单位|哪个部门|哪些单位|哪些部门|哪家)(?:来)?(?:牵头|负责|主抓|配合|参与)?(?:的)?$|"
                          r"的?(?:牵头|负责|配合|参与)(?:单位|部门)(?:是|有)?(?:谁|哪个|哪些|哪家)?$")
_WHAT_TAIL_RE = re.compile(r"(?:是|有|为)?(?:多少|什么|哪些)$")


def _asked_of(first: str, *, whole: bool = False) -> str:
    """The first part's topic as written, without its ask of who (东岳省海绵城市建设由谁牵头 -> 东岳省海绵城市建设;
    青山市结合…节能改造，谁牵头 -> 青山市结合…节能改造) — ``whole``: of what too, and an asking last clause (装配式建筑
    占比目标是多少 -> 装配式建筑占比目标); without it a unit's ask stays (我是发改委的，我们参与哪些任务)."""
    clauses = [c for c in re.split(r"[，,]", _ASK_TAIL_RE.sub("", first).strip().rstrip("？?。")) if c.strip()]
    named = "，".join(clauses[:-1] if whole and len(clauses) > 1 and topicless(clauses[-1]) else clauses) or first
    named = _WHO_TAIL_RE.sub("", named.rstrip("？?，, ")).rstrip("，, ")
    return (_WHAT_TAIL_RE.sub("", named) if whole else named) or first


def points_back(part: str) -> bool:
    """Whether a later part points back at the first part's thing (这条下面有哪些要求, 其中哪项要X配合)."""
    return bool(_POINTS_BACK_RE.match(part))


def later_part(part: str, first: str, unit_mention: str | None, *, borrow: bool = False) -> str:
    """A later part of a message made to stand on its own: the unit the first part names for
    its pronoun (…只配合不牵头吗？*它*分到了哪些任务？), or the first part's topic when it has none,
    points back at it (这条下面有哪些要求) or (``borrow``) is not answered alone (出自哪一条？)."""
    if unit_mention and (m := unit_pronoun(part)):
        return unit_mention + part[m.end():]
    if back := _POINTS_BACK_RE.match(part):  # 这条下面有哪些要求 -> (topic) 下面有哪些要求: the pointer is the topic
        part = part[back.end():]
    elif not (borrow or needs_topic(part)):
        return part
    # the first part's topic without what it asks (“…”是哪一条？ 哪个单位牵头？ -> “…” 哪个单位牵头？; X由谁牵头，2025年要达到什么目标)
    topic = _asked_of(first, whole=borrow)
    if WHETHER_SET_RE.search(first):  # 城市更新有专项规划吗？谁负责编制: the topic without the asking words
        topic = _WHETHER_WORDS_RE.sub("", topic)
    if asks_year_set(first) or YEAR_RE.search(part):  # …有没有2025年目标？2030年是多少 / 给的是哪年: the later
        topic = YEAR_RE.sub("", topic)  # part's own year, or any the plan sets
    own = len(re.findall(r"[\u4e00-\u9fff]", topic)) >= 4
    return f"{topic if own else first} {part}"


#: where a clause opens inside one question (关于市城管局责任清单，*其*作为牵头单位的任务是什么？)
_CLAUSE_OPEN_RE = re.compile(r"[，,：:]\s*")
#: …牵头单位是市住建局，其配合单位有哪些: the pronoun is the task's (its units, its deadline)
_TASKS_OWN_RE = re.compile(r"的?(?:牵头|配合|参与|协办|主办|责任|完成)(?:单位|部门|时限|时间)")


#: a bare 我们 holding a role (是我们牵头吗, 我们单独牵头的): the asker's unit; not 我们县的, 我们系统
_WE_ROLE_RE = re.compile(r"(?:我们|咱们)(?=(?:也|都|还|又|是|来)?(?:牵头|配合|参与|负责|单独|独自|一起|共同|作为|当))")


def opening_shared(parts: Sequence[str]) -> list[str]:
    """The parts of a message, each later one referring back to the asker (另外我们单独牵头的有几项) with the
    first one's opening that says who asks (我是城管局的，): its 我们 is that unit."""
    intro = asker_intro(parts[0]) if parts else ""
    return [*parts[:1], *(intro + p if intro and OWN_UNIT_RE.search(p) and not asker_intro(p) else p for p in parts[1:])]


def _we_named(part: str, units_in: Callable[[str], Sequence[str]]) -> str:
    """``part`` with a bare 我们 after 我们城管局 as that unit; as written when 我们 names two (我们城管局跟住建局)."""
    found = next(((m.end(), said[0]) for m in OWN_UNIT_RE.finditer(part)
                  if len(said := [u for u in units_in(part[m.end():m.end() + 24]) if part.startswith(u, m.end())]) == 1
                  and not re.match(r"[和跟与及、]", part[m.end() + len(said[0]):])), None)
    if found is None:
        return part
    at, unit = found
    return part[:at] + _WE_ROLE_RE.sub(unit, part[at:])


def own_pronoun(part: str, units_in: Callable[[str], Sequence[str]]) -> str:
    """A question whose later clause names its unit by a pronoun (关于市城管局责任清单，其作为
    牵头单位的任务是什么？) with the one unit its opening names in the pronoun's place; a clause
    asking a task's fact (…任务，其完成时限是什么, …，其配合单位有哪些) or an opening naming several
    units stays.  The asker's unit said once after 我们 (我们城管局在做自查，…是我们牵头吗) is the
    later bare 我们."""
    part = _we_named(part, units_in)
    for m in _CLAUSE_OPEN_RE.finditer(part):
        rest = part[m.end():]
        if (p := unit_pronoun(rest)) and not _TASKS_OWN_RE.match(rest, p.end()) \
                and len(named := list(dict.fromkeys(units_in(part[:m.start()])))) == 1:
            return f"{part[:m.end()]}{named[0]}{rest[p.end():]}"
    return part


def labelled_by_plan(drafts: Sequence[A.Draft], label: Callable[[str], str]) -> None:
    """Parts of one message answered each from another plan (东岳省方案 vs 青山市方案): each
    part's first line says its plan, as an answer drawn from several plans does."""
    docs = [{c.doc_id for c in d.citations} for d in drafts]
    if len(drafts) > 1 and all(len(x) == 1 for x in docs) and len(set().union(*docs)) > 1:
        for d, x in zip(drafts, docs):
            if d.found and d.lines:
                d.lines[0] = label(next(iter(x))) + d.lines[0]
