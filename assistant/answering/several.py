"""Several questions in one message (…谁牵头？到2027年要完成多少平方米？): a later part answered as it
stands, or with the first part's topic when it points back at it or is not answered alone, and kept only
when it says something the first part's answer did not."""

from __future__ import annotations

from collections.abc import Callable

from assistant.answering import compose as A
from assistant.answering.english import is_english
from assistant.answering.followup import later_part, needs_topic, points_back
from assistant.answering.intent import Query
from assistant.text import without_markers
from assistant.types import Hit

REFUSAL = "现有文件中没有找到这个问题的答案。"
#: one part understood, retrieved and composed
Answered = tuple[Query, A.Draft, list[Hit]]


def says_more(part: Answered, first: Answered) -> bool:
    """Whether a later part's answer says what the first part's did not: found, not the first part's unit's list
    again, and a line of its own."""
    if not part[1].found or part[0].unit and (part[0].unit, part[0].intent) == (first[0].unit, first[0].intent):
        return False
    return bool({without_markers(x) for x in part[1].lines} - {without_markers(x) for x in first[1].lines})


def later_answer(part: str, first: str, answered: Answered, ask: Callable[[str], Answered]) -> Answered:
    """A later part as it stands (pointing back or topicless: with the first part's topic); naming no unit and
    unanswered so, with that topic (出自哪一条？; English: joined to the first part); when the first part found
    nothing to lean on, as written (这项改革谁牵头).  A pointing-back part read as the first part again is unanswered."""
    got = ask(tried := later_part(part, first, answered[0].unit_mention))
    if got[1].found and (tried == part or says_more(got, answered)):
        return got
    if answered[1].found:
        retry = None if got[0].unit else f"{first.rstrip('?？ ')}, {part}" if is_english(part) \
            else later_part(part, first, answered[0].unit_mention, borrow=True)
    else:
        retry = None if needs_topic(part) else part  # 谁牵头？: no words of its own
    if retry and retry != tried and says_more(again := ask(retry), answered):
        return again
    if got[1].found and points_back(part):  # 这条下面有哪些要求 read as the first part's question again: not answered
        return got[0], A.Draft(found=False, lines=[REFUSAL]), got[2]
    return got  # …？一共几项？: the first part's answer holds it
