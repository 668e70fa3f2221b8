"""Who does a thing when a plan says it in a sentence of its text rather than in its
responsibility notes or table (县级财政根据财力情况安排配套资金): a "who" question whose action
that sentence gives to a body is answered by the sentence, not refused for want of a lead unit.
The rules read the question's own verb and the sentence's words; no document's names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answering import compose as A

#: said when a lead question finds its task only in passages that name no unit
NO_LEAD = "文件没有写明这项工作由哪个单位牵头或负责。"

#: the action asked of "who" (由谁来安排, 谁负责审核, 哪个部门出资): the two characters after the asking
_WHO_DOES_RE = re.compile(r"(?:谁|哪个单位|哪个部门|哪家单位|哪家|哪些单位|哪些部门)(?:来|去|负责|出面|具体)?([\u4e00-\u9fa5]{2})")
#: roles are the tables' business, answered from the rows: never the asked action here
_ROLE_VERBS = ("牵头", "配合", "负责", "参与", "协助", "协同", "主抓", "承担", "落实", "推进", "开展", "实施", "组织")
#: how a body's name ends (县级财政, 各地区人民政府, 供电公司, 街道办): the doer of a sentence
_BODY_RE = re.compile(r"(?:财政|政府|部门|单位|企业|局|委|厅|中心|办公室|街道办|公司|机构|银行|协会|社区|村委会|物业)")


def asked_action(question: str) -> str | None:
    """The verb a question asks the doer of (由谁来安排 -> 安排), or None."""
    m = _WHO_DOES_RE.search(question)
    return m.group(1) if m and not m.group(1).startswith(_ROLE_VERBS) else None


def said_doing(question: str, line: str, terms: Sequence[str]) -> bool:
    """Whether ``line`` has a body doing the asked action to what is asked: one clause holding
    a body's name, then the verb, and one of the question's content ``terms``."""
    verb = asked_action(question)
    if verb is None:
        return False
    for clause in re.split(r"[，,。；;：:]", line):
        at = clause.find(verb)
        if at > 0 and _BODY_RE.search(clause[:at]) and any(len(t) >= 2 and t in clause for t in terms):
            return True
    return False


def unnamed_doer(question: str, text: A.Draft, terms: Sequence[str]) -> A.Draft:
    """The answer to a who question whose passages name none of the plans' units: their first
    sentence when it gives the asked act to a body (县级财政…安排配套资金), else a refusal that
    shows it (城市绿色照明由哪个部门牵头: the work is there, who does it is not)."""
    if said_doing(question, text.lines[0], terms):
        return replace(text, lines=text.lines[:1], citations=text.citations[:1])
    return A.Draft(found=False, citations=text.citations[:1], lines=[NO_LEAD, A.NEAR, text.lines[0]])
