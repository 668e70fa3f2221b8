"""What a question sets aside (除了X，… / 除X外 / besides X, other than X, apart from X).

The asker names what they already have (a unit, a task a unit leads, one year's figure) and
asks for the rest: 除了城管局还有哪些单位, 除了牵头的屋顶光伏市发改委还配合哪些, other than the
2025 figure of 55%, what is the 2030 target.  What is set aside is no part of what is asked:
its unit is not the unit asked about, its year not the year asked, its figure not the figure
wanted.  Its other words stay, as the topic the rest is asked within (除了财政补助和税费优惠，还有
哪些资金支持方式; 除了2030年覆盖率60%以上的目标，2035年要达到多少), unless it names tasks or a
role (除了牵头的屋顶光伏, other than the task it leads: the rest asks a unit's other tasks), or
the rest asks a figure of an indicator it names itself (除了新增绿色建筑面积，新建超低能耗建筑要达到
多少: the set-aside neighbour would only lure to its own sentence); then it goes whole.  An
answer giving only the figures set aside tells nothing new (:func:`only_set_aside`).  These
rules read wording only.
"""

from __future__ import annotations

import re

from assistant.answering import compose as A
from assistant.answering.followup import needs_topic
from assistant.answering.premise import VALUE_RE, figure_of
from assistant.text import without_markers

#: 除了X，… / 除了X以外… / 除X外… / 除了X还有… (not 拆除了, 消除了: a verb ending in 除)
_CHINESE_RE = re.compile(r"(?<![拆清排免消去删剔解根扫革破驱摒剪废铲切])除(?:了(?P<a>[^，,。？?！!；;]{1,40}?)(?:以外|之外|外)?"
                         r"(?:[，,]\s*|(?=还|也|另外|另|有没有|有无|是否|都|其他|其它|别的))|"
                         r"(?P<b>[^，,。？?！!；;了]{1,40}?)(?:以外|之外|外)[，,]?\s*)")
#: besides X, / …, other than X? (up to the next comma or the end of the sentence)
_ENGLISH_OPENING_RE = re.compile(r"(?:^|(?<=[,;?.!])\s*)(?:besides|other than|apart from|aside from|except for|except)\s+"
                                 r"(?P<o>(?:[^,?.;!]|\.(?=\d)){2,80}),\s*", re.IGNORECASE)  # Besides X, …: up to the comma
_ENGLISH_RE = re.compile(r"(?:,\s*)?\b(?:besides|other than|apart from|aside from|except for|except)\s+(?P<e>(?:[^,?.;!]|\.(?=\d)){2,80}?)"
                         r"(?:,\s*|(?=[?.;!]|$|\s+(?:take|takes|took|lead|leads|led|is|are|was|were|does|do|did|participate|"
                         r"participates|support|supports|have|has|had|will|would|should|must|need|needs|handle|handles|"
                         r"cooperate|cooperates|help|helps|work|works|also|still)\b))", re.IGNORECASE)
#: a year said not to be meant (by 2025, not 2030; 2025年（而不是2030年）): no year asked (是不是2030年 asks it)
_NOT_YEAR_RE = re.compile(r"[,，]?\s*\bnot\s+(?:in\s+|by\s+|for\s+)?(?:19|20)\d{2}\b|"
                          r"[，,（(]?(?<!是)(?:而|并)?(?:(?:不是|并非|而非)(?:到)?(?:19|20)\d{2}\s*年|(?:不要|不看)(?:到)?(?:19|20)\d{2}(?:\s*年|(?![\d万亿千百.%])))"
                          r"(?:的)?[）)]?", re.IGNORECASE)
#: what a Chinese set-aside part holds that is no topic: years, figures with their qualifiers, role words
_NOT_TOPIC_RE = re.compile(r"(?:19|20)\d{2}\s*年(?:底|末|前)?|\b(?:19|20)\d{2}\b|"
                           r"\d+(?:\.\d+)?\s*(?:%|％|[万亿千百]?(?:平方米|平米|千瓦|公里|吨|户|个|公顷)?)(?:以上|以下|左右)?|"
                           r"(?:它|其)?(?:牵头|配合|参与|负责)的?|的(?:目标|指标|要求|任务)$")
#: …and an English one: function words, and the words that only frame a figure (the 2025 figure of 55%)
_ENGLISH_FILLER_RE = re.compile(r"\b(?:the|a|an|of|for|in|by|its|their|figure|figures|target|targets|value|number|cap|limit|"
                                r"that|this|these|those|it|them)\b",
                                re.IGNORECASE)
#: a set-aside part that names tasks or a role (除了牵头的屋顶光伏, 除了第2项, other than the task it leads)
_HOLDS_TASKS_RE = re.compile(r"任务|工作|第.{1,4}[项行条]|牵头|配合|参与|负责|\b(?:tasks?|jobs?|duties|roles?|leads?|supports?|"
                             r"heads?|participates?)\b", re.IGNORECASE)
#: a unit's other tasks asked (除了屋顶光伏，市发改委还参与哪些; is it involved in anything else)
_ASKS_OTHER_TASKS_RE = re.compile(r"还(要)?(参与|牵头|配合|负责|承担|涉及|管)了?[^，。？?]{0,6}(哪些|什么|哪几|啥)|"
                                  r"\b(?:lead|leads|involved in|take part in|participate in|support|supports)\s+(?:anything|what)\s+"
                                  r"else\b|\bwhat else (?:does|do|is|are)\b[^?]{0,80}\b(?:lead|support|involved|take part|participate|"
                                  r"handle)|\bother tasks\b", re.IGNORECASE)
#: a figure asked (除了新增绿色建筑面积，新建超低能耗建筑要达到多少): the set-aside indicator is a neighbour
_FIGURE_ASKED_RE = re.compile(r"多少|几成|比例|占比|百分之|达到|\bhow (?:much|many|high)\b|\bwhat (?:share|percentage|proportion|rate)\b|"
                              r"\btarget\b", re.IGNORECASE)
_YEARS_RE = re.compile(r"(?:19|20)\d{2}\s*年?")
#: a set-aside part that names only a unit (城管局, 省财政厅, the county Education and Sports Bureau)
_UNIT_ONLY_RE = re.compile(r"^[\u4e00-\u9fff（）()]{0,16}(?:局|委|厅|部|办|中心|公司|政府|委员会)$|"
                           r"^[\u4e00-\u9fff、，,]{2,24}?(?:这些|这几个|这几家|那些|等)(?:部门|单位|机构)$|"  # 住建、城管这些部门
                           r"^[\w\s'-]{0,60}\b(?:bureau|commission|department|ministry|office|administration|government|"
                           r"center|centre|company)$", re.IGNORECASE)


def _aside(text: str) -> tuple[re.Match[str], str, bool] | None:
    """(match, the set-aside part, whether it is Chinese) of the first set-aside part."""
    for pattern in (_CHINESE_RE, _ENGLISH_OPENING_RE, _ENGLISH_RE):
        if m := pattern.search(text):
            return m, next(g for g in m.groups() if g is not None), pattern is _CHINESE_RE
    return None


def set_aside(text: str) -> str:
    """The question without what it sets aside: its topic words stay in its place, without its
    years, figures and units; a set-aside part naming tasks or a role, or only a unit, goes whole."""
    text = _NOT_YEAR_RE.sub("", text)
    if (found := _aside(text)) is None:
        return text
    m, aside, chinese = found
    rest = re.sub(r"\s+(?=[?.;!])|(?<=\s)\s+", "", text[: m.start()] + ("" if chinese else " ") + text[m.end():]).strip()
    if not re.search(r"[\u4e00-\u9fffA-Za-z]{2}", rest):
        return text  # 除了这些以外？: nothing is left to ask
    topic = _NOT_TOPIC_RE.sub(" ", aside) if chinese else _ENGLISH_FILLER_RE.sub(" ", re.sub(r"\S*\d\S*", " ", aside))
    topic = re.sub(r"\s+", " ", topic).strip(" 的，,")
    after = text[m.end():] if re.search(r"[\u4e00-\u9fffA-Za-z]{2}", text[m.end():]) else rest
    if not topic or _UNIT_ONLY_RE.search(topic) or _HOLDS_TASKS_RE.search(aside) or _ASKS_OTHER_TASKS_RE.search(rest) \
            or (_FIGURE_ASKED_RE.search(rest) and not needs_topic(_YEARS_RE.sub("", after))):
        return rest  # a figure asked of its own indicator: the one set aside would only lure to its sentence
    if not chinese and m.end() >= len(text.rstrip(" ?.!;")):  # …, other than the 2025 figure of 55%?
        return rest.rstrip(" ?.!;") + f" ({topic})" + text[len(text.rstrip(" ?.!;")):]
    if chinese:
        return (text[: m.start()] + topic + "，" + text[m.end():]).strip()
    return f"{text[: m.start()].rstrip()} {topic}, {text[m.end():]}".strip()


def _figures(text: str) -> list[tuple[float, str]]:
    return [figure_of(v) for v in VALUE_RE.finditer(without_markers(text, " ")) if v.group(2)]


def only_set_aside(question: str, intent: str, draft: A.Draft) -> A.Draft:
    """A figure answer whose every figure is one the question set aside (apart from the 8万千瓦
    of rooftop PV, how much ground-mounted capacity…) tells nothing new: refused, pointing to it."""
    found = _aside(question) if intent == "target" else None
    kept = _figures(found[1]) if found else []
    got = [f for line in draft.lines for f in _figures(line)] if draft.found and kept else []
    if not got or any(f not in kept for f in got):
        return draft
    said = "、".join(dict.fromkeys(f"{n:g}{u}" for n, u in kept))
    return A.Draft(found=False, citations=draft.citations[:1],
                   lines=[f"文件中除问题已提到的{said}外，没有给出所问的数值。", A.NEAR, draft.lines[0]])
