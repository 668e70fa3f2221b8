"""Two bodies named in one English question, each with its part in the same tasks (led by X
and supported by Y; both X and Y; X but not Y): the question rewritten so each role word
stands right after its body, as Chinese says it (X牵头、Y配合, X和Y都参与, Y没参与), for the
glossary to translate in that order and :func:`~assistant.answering.pairs.paired_units`
to read."""

from __future__ import annotations

import re
from datetime import date

#: a body's name in English ends with the kind of body it is (the housing bureau)
_BODY = (r"(?:the\s+)?((?:[A-Za-z'-]+\s+){0,7}?(?:bureau|commission|department|office|government|administration|"
         r"centre|center|company|ministry|committee|agency|authority)s?)\b")
#: …or is an acronym or a capitalised name (NDRC, MIIT, State Grid Linhe)
_NAME = _BODY[:-len(")\\b")] + r"\b|(?-i:[A-Z][\w'&-]*(?:\s+(?:(?:of|and|for)\s+)?[A-Z][\w'&-]*){0,6}?))"
_LED_BY_RE = re.compile(r"\b(?:led|headed|spearheaded)\s+by\s+" + _BODY, re.IGNORECASE)
_BACKED_BY_RE = re.compile(r"\b(?:supported|assisted|backed)\s+by\s+" + _BODY
                           + r"|\b(?:with|have|has|having|includes?|including)\s+" + _NAME + r"\s+as\s+(?:an?\s+|the\s+)?(?:supporting|"
                           r"cooperating|participating|partner|participant|supporter)s?\b(?:\s+(?:unit|body|department|agency))?"
                           r"|\bin\s+which\s+" + _BODY + r"\s+(?:participates|takes\s+part|assists|supports|cooperates)\b"
                           r"|\bwith\s+" + _NAME + r"\s+(?:taking\s+part|participating|supporting|assisting|cooperating|involved)\b",
                           re.IGNORECASE)  # led by the housing bureau with the DRC taking part
#: a body with a supporting role right after it (the finance bureau supporting), never support
#: as a noun (financial support, support funds)
BODY_SUPPORTS_RE = re.compile(_NAME + r"\s+(?:supports?|supporting|assists?|assisting)\b"
                              r"(?!\s+(?:role|unit|units|part|funds?|polic\w*|measures?))"
                              r"(?:\s+the\s+lead(?:ing)?\s+(?:units?|departments?|bod(?:y|ies)|agenc(?:y|ies)|bureaus?))?",
                              re.IGNORECASE)  # …support the lead unit: takes part (no 牵头单位 asked)
#: a body with no part in the tasks (that the NDRC has no part in; but the housing bureau is not
#: involved at all; without the housing bureau being involved): said as 没参与 after it
_NOT_INVOLVED_RE = re.compile(r"\b(?:without|excluding)\s+" + _NAME + r"(?:\s+being\s+(?:involved|listed)|\s+taking\s+part)?"
                              r"(?:\s+at\s+all)?|" + _NAME + r"\s+(?:(?:is|are|was|were)\s+not\s+(?:involved|listed|a\s+party)|"
                              r"(?:has|have)\s+no\s+(?:part|role|share)(?:\s+in)?|(?:does|do)\s*(?:n't|\s+not)(?:\s+(?:take\s+part|"
                              r"participate|appear)|(?=\s*(?:[-–?.,;]|$))))(?:\s+at\s+all)?", re.IGNORECASE)
#: both X and Y, X and Y both work on: the tasks they share
_BOTH_RE = re.compile(r"\bboth\s+" + _NAME + r"\s+and\s+" + _NAME + r"(?=\s*(?:[?.,;]|$|\b(?:work|take|are|have)\b))"
                      r"|" + _NAME + r"\s+and\s+" + _NAME + r"\s+both\s+(?:work\s+on|take\s+part\s+in|participate\s+in|"
                      r"are\s+involved\s+in|involve|appear\s+in)", re.IGNORECASE)
#: a body asked for (which bureau, what agency): no body's name, translated as 部门 (not 局)
_WHICH_BODY_RE = re.compile(r"\b(?:which|what)\s+(?:bureau|agenc(?:y|ies)|office|bod(?:y|ies)|organi[sz]ation)(?P<s>s)?\b",
                            re.IGNORECASE)
#: we co-lead with X: the tasks both lead
_CO_LEAD_RE = re.compile(r"\bco-?lead\s+with\s+" + _BODY, re.IGNORECASE)
#: led jointly by X and Y: the tasks both lead
_LED_JOINTLY_RE = re.compile(r"\b(?:(?:led|headed)\s+jointly|jointly\s+(?:led|headed)|co-?led)\s+by\s+" + _NAME + r"\s+and\s+" + _NAME,
                             re.IGNORECASE)


def paired_roles(text: str) -> str:
    """Two bodies each given a role (led by X and supported by Y, X leads with Y supporting,
    both X and Y, X but not Y): each role word put right after its body, as Chinese says it,
    so the tasks they share in those roles are asked; a question with one role stays as it is.
    A body asked for (which bureau leads) names none: which department (部门, not a 局)."""
    text = _WHICH_BODY_RE.sub(lambda m: "which departments" if m["s"] or m.group().lower().endswith("ies") else "which department", text)
    text = _NOT_INVOLVED_RE.sub(lambda m: f"{m.group(1) or m.group(2)} not involved", text)
    text = _BOTH_RE.sub(lambda m: f"{m.group(1) or m.group(3)} and {m.group(2) or m.group(4)} both involved", text)
    text = _CO_LEAD_RE.sub(r"and \1 co-lead", text)
    text = _LED_JOINTLY_RE.sub(lambda m: f"{m.group(1)} and {m.group(2)} co-lead", text)
    if not (re.search(r"\b(?:lead|leads|leading|led|headed)\b", text, re.IGNORECASE)
            and (_BACKED_BY_RE.search(text) or BODY_SUPPORTS_RE.search(text))) \
            or len(re.findall(_BODY, text, re.IGNORECASE)) + len(re.findall(r"\b[A-Z]{2,6}\b", text)) < 2:
        return text
    text = _BACKED_BY_RE.sub(lambda m: f"{next(g for g in m.groups() if g)} cooperates", _LED_BY_RE.sub(r"\1 leads", text))
    return BODY_SUPPORTS_RE.sub(r"\1 cooperates", text)


#: a plan named by its issuing (in the plan issued by the five bureaus on 27 June 2023): the words name
#: the plan, the issuing is not asked (its 印发 would be a term of the question); never after was/is
#: (Was the plan issued on 27 June?): only a plan said after a preposition, as where to look
ISSUED_PLAN_RE = re.compile(r"\b((?:in|from|under|of|per|by|to)\s+the\s+(?:[\w'-]+\s+){0,5}?(?:plan|document|notice|programme|program))"
                            r"\s+(?:(?:that|which)\s+was\s+)?(?:jointly\s+)?(?:issued|released|published|dated)"
                            r"(?=\s+(?:by|on|in)\b|\s+\d)", re.IGNORECASE)
#: …with its date, for the years and the intent words (no 印发日期 asked by it)
ISSUED_DATE_RE = re.compile(ISSUED_PLAN_RE.pattern + r"\s+(?:by\s+[\w '.-]{0,60}?\s+)?(?:on\s+|in\s+)?[\w ,.]{0,16}?\b(?:19|20)\d\d\b",
                            re.IGNORECASE)


#: …with its issuers (the plan issued by MOHURD, NDRC and NEA, who leads …): where to look, no unit asked
_ISSUED_BY_RE = re.compile(ISSUED_PLAN_RE.pattern + r"\s+by\s+[A-Za-z][\w '.&-]{0,60}?(?:,\s*(?:and\s+)?(?!(?:who|which|what|how|when|where)\b)"
                           r"[A-Za-z][\w '.&-]{0,40}?)*(?=\s*[,;:]\s*(?:who|which|what|how|when|where)\b|\s+(?:on|in)\b)", re.IGNORECASE)


def without_issuing(text: str) -> str:
    """The plan named by its issuing said as the plan alone (in the plan issued by MOHURD and NEA -> in the plan)."""
    return ISSUED_PLAN_RE.sub(r"\1", _ISSUED_BY_RE.sub(r"\1", text))


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
          r"nov(?:ember)?|dec(?:ember)?)\b\.?")
#: a deadline as English says it (by the end of October 2025, before the end of 2025, by December 2025,
#: each year by the end of November)
_DEADLINE_RE = re.compile(rf"\b(?P<each>(?:every|each)\s+year\s+)?(?:by|before)\s+(?:(?:the\s+)?end\s+of\s+(?:the\s+year\s+)?)?"
                          rf"(?:(?P<m>{_MONTH}),?\s*)?(?P<y>(?:19|20)\d{{2}})?\b", re.IGNORECASE)
#: a date (18 June 2024, June 18, 2024, 18th June, 2024)
_DATE_RE = re.compile(rf"\b(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)"
                      r",?\s+(?P<y>(?:19|20)\d{2})\b", re.IGNORECASE)


_ISSUED_ON_RE = re.compile(r"\b(?:issued|released|published|dated|signed)\s+(?:on\s+)?$", re.IGNORECASE)


def _month(word: str) -> int:
    return _MONTHS.index(word[:3].lower()) + 1


def english_deadlines(text: str) -> list[str]:
    """The deadlines an English question says, as the tables write them (2025年10月底前, 2025年底前, 每年11月底前),
    and its dates as the headers do (18 June 2024: 2024年6月18日)."""
    out = []
    for m in _DATE_RE.finditer(text):
        y, mo, d = int(m["y"]), _month(m["m"] or m["m2"]), int(m["d"] or m["d2"])
        try:
            date(y, mo, d)
        except ValueError:
            continue  # 31 February: no date
        issued = _ISSUED_ON_RE.search(text, 0, m.start())  # issued on 18 June 2024: a header date (6月18日印发)
        out.append(f"{y}年{mo}月{d}日{'印发' if issued else ''}")
    for m in _DEADLINE_RE.finditer(text):
        month = f"{_month(m['m'])}月" if m["m"] else ""
        if m["y"] and not m["each"] and (month or re.search(r"\bend\b", m.group(), re.IGNORECASE)):
            out.append(f"{m['y']}年{month}底前")
        elif m["each"] and month:
            out.append(f"每年{month}底前")
    return out
