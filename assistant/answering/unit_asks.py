"""How a question about a unit asks: for the unit's own tasks, for nothing but the unit,
or for a deadline after a premise naming the unit and its role.  Pure tests of a read
:class:`~assistant.answering.intent.Query`, shared by the intents' recognisers and composers."""

from __future__ import annotations

import re

from assistant.answering.asking import ASKING_RE
from assistant.answering.intent import Query
from assistant.answering.wording import DEADLINE_WORDS, DOING_WORDS
from assistant.text import has_any

#: words of a unit's part in a task (also: the annex named with them, 附件任务表里谁牵头, is where, not what is asked)
ROLE_WORDS = ("牵头", "负责", "参与", "配合")

#: words asking what a unit does in a piece of work (电力公司在屋顶光伏这块负责什么)
UNIT_DUTY_WORDS = ("负责什么", "负责些什么", "负责啥", "负责哪", *DOING_WORDS, "承担什么", "起什么作用", "管什么", "管啥")
#: a belief that a unit has just one task (发改委只参与屋顶光伏那一项，对吗): checked against its whole list
ONLY_ONE_RE = re.compile(r"(只|仅|就)(有|是)?(牵头|参与|配合|负责|管|干)[^，。？?]{0,20}?[这那]?(一|1|单)(项|个|条|件)")


def asks_own_tasks(q: Query) -> bool:
    """Whether a unit question asks for the unit's tasks (not its part in one topic)."""
    if ONLY_ONE_RE.search(q.text):
        return True
    return (q.signals.task_words or q.role != "any" or has_any(q.text, (*ROLE_WORDS, "涉及"))) \
        and (len(q.signals.residual) <= 3 or not q.signals.names_topic)


def unit_alone(q: Query) -> bool:
    """A question whose only content is one unit (What does X do? X在方案里出现了吗？): its tasks."""
    return q.signals.n_units == 1 and not (q.signals.residual or q.fact or q.years or q.row is not None
                                           or q.signals.asks_structure)


def deadline_after_premise(q: Query) -> bool:
    """分工表第1项由自规局牵头，完成时限是哪年？: the clause that asks wants a deadline; the
    unit and role before it only say which task."""
    parts = [p for p in re.split(r"[，,；;]", q.text.rstrip("？?。！! ")) if p.strip()]
    last = parts[-1] if parts else ""
    return (len(parts) > 1 or not has_any(q.text, ROLE_WORDS)) and has_any(last, DEADLINE_WORDS) \
        and not has_any(last, (*ROLE_WORDS, "多少", "比例", "达到")) and bool(ASKING_RE.search(last))  # 第26项住建局的时限
