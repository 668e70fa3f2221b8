"""The asker's situation around a question: clauses telling when, where, for whom or why
someone asks (下周三局党组会要听汇报, 热力公司的王经理来电话问, 周四要去省里开会（在济南，两天）,
2030年的我已经知道了).  They ask nothing, so nothing in them may change what is answered:
their dates are no years asked, their city no place asked, their 电话 no contact asked, their
人大代表 no topic.  A clause stays when it asks, names a unit of the plans, or relays a claim
(领导说…是城管局牵头的), and nothing is dropped when what is left would have no topic.

The words are those of an office's working day, not of any plan; a word the loaded plans write
(会议 in a plan's 联席会议) is never taken as one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: words that ask (a clause holding one is part of the question)
_ASKING_RE = re.compile(r"什么|哪|多少|几|谁|吗|呢|是否|有没有|有无|能否|可否|怎么|怎样|如何|啥|多久|要不要|是不是|请|麻烦|"
                        r"帮我|帮忙|告诉|列出|列一下|列个|找出|查一下|给我|核实|确认|[？?]|"
                        r"\b(?:what|which|who|whom|how|when|where|whether|list|tell|is|are|does|do|can|could)\b", re.IGNORECASE)
#: a working day around the question: when, meetings, people, messages, paperwork
_SITUATION_RE = re.compile(
    r"昨天|今天|明天|后天|前天|上周|下周|本周|这周|周[一二三四五六日末]|星期[一二三四五六日天]|上午|下午|晚上|"
    r"开会|会上|会议|党组会|推进会|座谈会|调度会|例会|常务会|汇报|年终总结|总结|报告|简报|讲话|发言稿|迎检|督查组|调研|出差|"
    r"领导|局长|科长|处长|主任|同事|经理|人大代表|政协委员|记者|群众|市民|老百姓|"
    r"来电话|打电话|电话|微信|来问|问我|让我|叫我|要我|答复|回复|回话|回个话|"
    r"录入|收文|报数|报表|填表|考核表|产品线|楼盘|手头|参考一下")
#: a claim relayed or a belief (领导说…, 听说…, 我记得…): the premise checks read it
_CLAIM_RE = re.compile(r"说|讲|提到|听说|记得|以为|认为|印象|写的是|写着|据说")
#: what the asker already knows and does not ask (2030年的我已经知道了, …的要求我看到了)
_KNOWN_RE = re.compile(r"我(?:已经|早就|都)?(?:知道|看到|查到|清楚|了解|掌握)了?$|(?:已经|早就)(?:知道|看到|查到)了?$")
#: words that are no topic of their own (what is left must hold another)
_NO_TOPIC = {"任务", "工作", "方案", "文件", "目标", "要求", "牵头", "配合", "参与", "负责", "单位", "部门", "哪些", "什么",
             "多少", "分工", "附件", "表格", "情况", "内容", "相关", "具体", "我们", "这个", "那个", "里面"}

Written = Callable[[str], bool]


def _situational(clause: str, written: Written, names_unit: Callable[[str], bool]) -> bool:
    """Whether a clause only tells the asker's situation (asks nothing, names no unit, relays no claim)."""
    if _KNOWN_RE.search(clause.strip("，,。；;！! ")):
        return True
    if _ASKING_RE.search(clause) or _CLAIM_RE.search(clause) or names_unit(clause):
        return False
    return any(not written(m.group()) for m in _SITUATION_RE.finditer(clause))


def _asides(text: str, written: Written, names_unit: Callable[[str], bool]) -> str:
    """The text without bracketed asides that only tell the situation (（就是周一下午那个，来了十几个人）)."""
    return re.sub(r"[（(][^（）()]{1,40}[）)]",
                  lambda m: "" if all(_situational(c, written, names_unit) or not c.strip()
                                      for c in re.split(r"[，,、；;]", m.group()[1:-1])) else m.group(), text)


def without_situation(text: str, written: Written, names_unit: Callable[[str], bool],
                      words: Callable[[str], list[str]]) -> str:
    """``text`` without the clauses that only tell the asker's situation; unchanged when what is
    left would hold no topic word the plans write (then the situation carries the topic).
    ``written``: whether the loaded plans write a word; ``names_unit``: whether a text names a
    unit of theirs; ``words``: the index's word cutter."""
    bare = _asides(text, written, names_unit)
    clauses = re.split(r"(?<=[，,。；;！!？?])", bare)
    kept = [c for c in clauses if not c.strip() or not _situational(c, written, names_unit)]
    if len(kept) == len(clauses) and bare == text:
        return text
    left = "".join(kept).strip()
    left = re.sub(r"^[，,。；;！!\s]+", "", left)
    if not any(len(w) >= 2 and w not in _NO_TOPIC and written(w) for w in words(left)):
        return text
    return left
