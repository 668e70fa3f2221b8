"""The asker's situation around a question: clauses telling when, where, for whom or why
someone asks (下周三局党组会要听汇报, 热力公司的王经理来电话问, 周四要去省里开会（在济南，两天）,
2030年的我已经知道了, I'm preparing a briefing for my director).  They ask nothing, so nothing in
them may change what is answered: their dates are no years asked, their city no place asked,
their 电话 no contact asked, their 人大代表 no topic.  A clause stays when it asks, relays a
claim (领导说…是城管局牵头的), names a unit the rest refers back to (我是县财政局的，…我们局), or
names a thing of the plans no other clause names (领导让我整理一下公共建筑节能改造，…); nothing is
dropped when what is left would ask of no unit's tasks and name no thing of the plans.

The words are those of an office's working day, not of any plan; a word the loaded plans write
(会议 in a plan's 联席会议) is never taken as one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answering.courtesy import ASKER_RE, SELF_INTRO_RE, WHO_ASKED_RE, intro_places, opening_of
from assistant.answering.intent import topicless

#: words that ask (a clause holding one is part of the question); 十几个人 counts, it does not ask
_ASKING_RE = re.compile(r"什么|哪|多少|(?<![一二三四五六七八九十百千万])几(?![十百千万])|谁|吗|呢|是否|有没有|有无|能否|可否|"
                        r"怎么|怎样|如何|啥|多久|要不要|是不是|请|麻烦|帮我|帮忙|告诉|列出|列一下|列个|找出|查一下|给我|[？?]|"
                        r"\b(?:what|which|who|whom|how|when|where|whether|list|tell|please|is|are|does|do|can|could)\b",
                        re.IGNORECASE)
#: a working day around the question: when, meetings, people, messages, paperwork
_SITUATION_RE = re.compile(
    r"昨天|今天|明天|后天|前天|上周|下周|本周|这周|周[一二三四五六日末]|星期[一二三四五六日天]|上午|下午|晚上|明年|今年|去年|"
    r"开[了过]?[一二两三几\d]*[次个场]?会|会上|会议室|会议|党组会|推进会|协调会|座谈会?|调度会|例会|常务会|汇报|年终总结|半年总结|"
    r"总结|报告|简报|讲话|发言稿|材料|迎检|督查组|调研|出差|一页纸|整理|"
    r"领导|局长|科长|处长|主任|镇长|同事|经理|人大代表|政协委员|记者|群众|市民|老百姓|"
    r"来电话|打电话|电话|微信|来问|问我|答复|回复|回话|回个话|"
    r"录入|收文|报数|报表|填表|考核表|产品线|楼盘|手头|参考一下")
#: an English sentence that only tells the asker's errand (I'm preparing a briefing for my director…,
#: For a liaison meeting on the 15th I need a short list:, I told her I'd check.)
_SITUATION_EN_RE = re.compile(r"^(?:i'?m|i am|i'll be|we're|we are) (?:preparing|writing|drafting|getting ready)\b|"
                              r"^(?:and )?(?:need|have|got) to (?:brief|report to|prepare|write)\b|"
                              r"^(?:for|before) (?:a|an|the|my|our|this|next) [^.?!]{0,60}\b(?:meeting|briefing|report|call)\b|"
                              r"\bi(?:'d| would) check\b|^i told (?:her|him|them)\b|"
                              r"\b(?:wants?|needs?) (?:a|an) (?:one-line|short|quick|brief|simple) (?:answer|reply|list|summary)\b",
                              re.IGNORECASE)
#: a claim relayed or a belief (领导说…, 听说…, 我记得…): the premise checks read it
_CLAIM_RE = re.compile(r"说|讲|提到|听说|记得|以为|认为|印象|写的是|写着|据说|"
                       r"\b(?:says?|said|told (?:me|us|her|him)(?: [\w ]{0,20})? that|remembers?|thinks?|believes?|heard|claims?)\b",
                       re.IGNORECASE)
#: a body named in English (the Development and Reform Commission, State Grid): kept for the rest to refer to
_BODY_EN_RE = re.compile(r"\b(?:Commission|Bureau|Department|Ministry|Administration|Office|Cent(?:er|re)|Company|Grid|"
                         r"Government|Agency|Authority)\b", re.IGNORECASE)
#: a question relayed from someone (县里的同志问我：, 小王让我帮忙查一下：): who asks is no part of it
_RELAYED_RE = re.compile(r"(?:问我|来问|问到|问起|来电话问|打电话问|咨询我|(?:让|叫|要|请|托)我(?:帮忙|帮他|帮她)?"
                         r"(?:问|查|打听|咨询|了解|看|核实|确认|核对)(?:一下|下)?)(?:[（(][^（）()]*[）)])?[：:，,]?$")
#: roles and tasks spoken of (领导让我把咱们局牵头的任务拎出来): the heart of a question, never its situation
_ROLE_RE = re.compile(r"牵头|配合|参与|协办|协助|主抓|分工|\b(?:leads?|support|assists?|takes? part)\b", re.IGNORECASE)
_TASK_RE = re.compile(r"牵头|配合|参与|协办|协助|主抓|负责|任务|工作|涉及|有份|活|事")
#: the asker of a relayed question at a clause's opening (市民问…, 有群众反映…): not the topic
_RELAYER_RE = re.compile(r"^(?:有)?(?:市民|群众|老百姓|居民|网友|记者|人大代表|政协委员|代表|企业|开发商)(?:来电|来|打电话)?"
                         r"(?:问|咨询(?!服务|机构|公司|业)|反映)(?:说|道)?[：:，,]?")
#: a relayed call or message inside a clause (财政局那边来电话问他们…): how the question came, not what it asks
_CALLED_RE = re.compile(r"(?:那边|这边)?(?:来电话|打电话|来电|发微信|发消息)(?:来)?(?=问|说|咨询)")
#: what the asker already knows and does not ask (2030年的我已经知道了, …的要求我看到了)
_KNOWN_RE = re.compile(r"我(?:已经|早就|都)?(?:知道|看到|查到|清楚|了解|掌握)了?$|(?:已经|早就)(?:知道|看到|查到)了?$|"
                       r"^(?:方案|文件|表格?|附件)(?:里|中|上)?(?:说|写着?|写的是|提到)(?:了)?(?=[^，,。？?]*\d)")  # …里说2025年累计X户
#: a doubt about what was heard (我总觉得不对, 我怀疑写错了): the question that follows asks it
_DOUBT_RE = re.compile(r"^我?(?:总|总是|还是|有点|一直)?(?:觉得|感觉|怀疑|担心)(?:不对|有问题|写错了|错了|不太对|不准)$")
#: a unit referred back to from the question (…的同事问的：省方案里*他们*协办哪些任务？)
_THEY_RE = re.compile(r"他们(?:局|单位|部门|厅|委)?|她们|(?<!其)它们?|该局|该单位|该部门")
#: a role a relayed claim gives a unit (领导说…是市城管局牵头的) when the question asks who: the claim
#: is what is doubted, the unit no unit asked
_CLAIMED_ROLE_RE = re.compile(r"(?:是|由|归)[^，,。？?；;]{2,16}?(?:牵头|负责|主抓|配合|参与)的?(?=[，,。；;]|$)")
#: a clause pointing back at what was just said (告诉我这两个信息, 这几项分别是啥)
_POINTING_RE = re.compile(r"这(?:两|几|些|个|项|条)|上述|以上|前面说的|\b(?:these|this|those|both)\b", re.IGNORECASE)
#: words that are no topic of their own (what is left must hold another)
_NO_TOPIC = {"任务", "工作", "方案", "文件", "目标", "要求", "牵头", "配合", "参与", "负责", "单位", "部门", "哪些", "什么",
             "多少", "分工", "附件", "表格", "情况", "内容", "相关", "具体", "我们", "这个", "那个", "里面", "年度", "年底",
             "全年", "当年", "每年", "时间", "时候", "期间", "问题", "事情", "数据", "项目", "比例", "指标", "标准", "方面"}

#: jieba's tags of words that can name a plan's thing (nouns, the plans' own terms), not places or people
_TOPIC_FLAGS = ("n", "nz", "x", "nl", "ng", "l", "j")
_CJK2_RE = re.compile(r"[\u4e00-\u9fa5]{2,}")
#: how a body's name ends (供电公司, 园林局): a body, no topic
_BODY_END_RE = re.compile(r"(?:公司|局|委|厅|部|中心|政府|办|机构|单位|企业)$")
#: the one who says a claim (领导说…, 同事说…, 听说…)
_SPOKEN_RE = re.compile(r"(?:领导|局长|科长|处长|主任|同事|同志|经理)[^，,。？?]{0,12}?说|听说|据说")


@dataclass(frozen=True)
class Plans:
    """What the situation step asks of the loaded plans (all derived from them, no word of theirs in code)."""

    written: Callable[[str], bool]  # whether the plans write a word
    units_in: Callable[[str], Sequence[str]]  # the units of theirs a text names, as written
    tagged: Callable[[str], Sequence[tuple[str, str]]]  # the index's jieba words with their tags
    titled: Callable[[str], bool]  # whether a plan's title holds a word (碳达峰: what the plans are, no topic)

    def topics(self, text: str) -> list[str]:
        """The words of ``text`` that name a thing the plans write of (公共建筑, 绿地, 装配式建筑)."""
        return [w for w, flag in self.tagged(text) if flag in _TOPIC_FLAGS and _CJK2_RE.fullmatch(w)
                and w not in _NO_TOPIC and not _SITUATION_RE.fullmatch(w) and self.written(w) and not self.titled(w)
                and not self.units_in(w) and not _BODY_END_RE.search(w)]


def _situational(clause: str, plans: Plans, rest: str = "", later: str = "") -> bool:
    """Whether a clause only tells the asker's situation: names no thing of the plans that the
    other clauses (``rest``) do not name again, asks nothing, relays no claim, and names no unit
    that ``rest`` refers back to; what the asker already knows goes when the question after it
    (``later``) names its own thing (主城区…的要求我看到了。县城道路网密度要求大于多少？)."""
    bare = clause.strip("，,。；;！! ")
    if plans.units_in(clause) and ASKER_RE.search(rest):
        return False  # 我们住建局被督查组问到：…我们局: who asks is asked about (他们: named again below)
    topics = [t for t in plans.topics(_DEPARTMENT_RE.sub("", clause)) if t not in rest]  # (能源科 is a desk, no topic)
    if _KNOWN_RE.search(bare):
        return not topics or bool(plans.topics(later))
    if topics:
        return False  # 领导让我整理一下公共建筑节能改造，…: what is asked
    if _DOUBT_RE.search(bare) or _RELAYED_RE.search(bare) and not _ASKING_RE.search(_RELAYED_RE.sub("", bare)):
        return True
    if _ASKING_RE.search(clause) or _CLAIM_RE.search(clause) or _BODY_EN_RE.search(clause) or _ROLE_RE.search(clause):
        return False
    return any(not plans.written(m.group()) for m in _SITUATION_RE.finditer(clause)) or bool(_SITUATION_EN_RE.search(bare))


#: where an English sentence goes on from who asks to their errand (I work at X and need to brief my manager…)
_ERRAND_EN_RE = re.compile(r"(?<=\S) (?=and (?:need|have|got) to\b)", re.IGNORECASE)
#: a desk of a bureau (能源科, 营销部, 国土空间规划处): where the asker sits, no topic
_DEPARTMENT_RE = re.compile(r"[\u4e00-\u9fa5]{2,6}(?:科|处|股|室|部)(?![学技研长门])")


def _asides(text: str, plans: Plans) -> str:
    """The text without bracketed asides that only tell the situation (（就是周一下午那个，来了十几个人）):
    asking nothing, naming no unit, year or thing of the plans, relaying no claim, one of its words a working day's."""
    def aside(m: re.Match[str]) -> str:
        inner = m.group()[1:-1]
        quiet = not (_ASKING_RE.search(inner) or _CLAIM_RE.search(inner) or re.search(r"\d{4}", inner)
                     or plans.units_in(inner) or plans.topics(inner))
        return "" if quiet and any(not plans.written(w.group()) for w in _SITUATION_RE.finditer(inner)) else m.group()
    return re.sub(r"[（(][^（）()]{1,40}[）)]", aside, text)


def _unsaid(clause: str, written: Callable[[str], bool]) -> str:
    """A claim's clause without the working day's words before its speaker's 说 (昨天开会领导说… -> 领导说…)."""
    m = _CLAIM_RE.search(clause)
    if m is None or m.group() not in ("说", "提到") or not any(p in clause[:m.start()] for p in _SPEAKERS):
        return clause
    head = _SITUATION_RE.sub(lambda w: w.group() if written(w.group()) or w.group() in _SPEAKERS else "", clause[:m.start()])
    return head + clause[m.start():]


#: who says a claim (领导说): kept, the premise checks read them
_SPEAKERS = ("领导", "局长", "科长", "处长", "主任", "镇长", "同事", "经理")


def _clauses(text: str) -> list[str]:
    """The clauses of ``text``, each with its closing mark (an English sentence is one); never cut inside brackets."""
    out, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        depth += 1 if ch in "（(" else -1 if ch in "）)" else 0
        english_stop = ch in ".!?" and text[i + 1:i + 2] == " "
        if depth <= 0 and (ch in "，,。；;！!？?：:" and not english_stop and (ch != "," or text[i + 1:i + 2] != " ")
                           or english_stop):
            out.append(text[start:i + 1])
            start, depth = i + 1, 0
    return [*out, text[start:]] if start < len(text) else out


def without_situation(text: str, plans: Plans) -> str:
    """``text`` without the clauses that only tell the asker's situation; unchanged when what is
    left would ask of no unit's tasks and name no thing of the plans (then the situation carries it)."""
    units_in = plans.units_in
    bare = _asides(text, plans)
    opening, referred = opening_of(bare)
    if opening and not referred and not units_in(opening) and not intro_places(bare) and not plans.topics(opening) \
            and not topicless(bare[len(opening):]):  # 我在香港一家研究机构工作，…: who asks, nothing asked
        bare = bare[len(opening):]  # (not 我是临清市的，…给临清分配; not 我们在筹建X厂，…什么时候前完成)
    clauses = [p for c in _clauses(bare) for p in _ERRAND_EN_RE.split(c)]  # I work at X and need to brief…: two
    kept: list[str] = []
    dropped: list[str] = []
    for i, c in enumerate(clauses):
        after = "".join(clauses[i + 1:i + 2])
        if c.strip() and _situational(c, plans, "".join(clauses[:i] + clauses[i + 1:]), "".join(clauses[i + 1:])) \
                and not (_POINTING_RE.search(after) and not _situational(after, plans)):
            dropped.append(c)  # (…必填文号和成文日期，告诉我这两个信息: what it points to stays)
            if kept and c.rstrip()[-1:] in ("。", "！", "!") and kept[-1][-1:] in ("，", ",") \
                    and SELF_INTRO_RE.match("".join(kept).lstrip()):  # the sentence it closed (我是…的，…) still ends there
                kept[-1] = kept[-1][:-1] + c.rstrip()[-1]
        else:
            kept.append(_unsaid(_CALLED_RE.sub("", _RELAYER_RE.sub("", c)), plans.written))
    asking = [c for c in kept if _ASKING_RE.search(c)]
    if asking and WHO_ASKED_RE.search(asking[-1]) and not units_in(asking[-1]):  # …是城管局牵头的，我觉得不对。到底谁牵头？
        kept = [_CLAIMED_ROLE_RE.sub("", c) if _CLAIM_RE.search(c) and not _ASKING_RE.search(c) else c for c in kept]
    if asking and units_in(asking[-1]) and _ROLE_RE.search(asking[-1]):  # 同事说他们局主要是配合，我想确认一下：X牵头哪些任务？
        kept = [c for c in kept if not (_SPOKEN_RE.search(c) and _ROLE_RE.search(c) and not _ASKING_RE.search(c)
                                         and (units_in(c) or _THEY_RE.search(c)))]  # the claim is what is checked
    if kept == clauses and bare == text:
        return text
    left = re.sub(r"^[，,。；;！!：:\s]+", "", "".join(kept).strip())
    last = asking[-1] if asking else left
    named = [u for c in clauses if c.strip() not in (last.strip(), "") and not SELF_INTRO_RE.match(c.lstrip())
             for u in units_in(c)]  # in order; never the asker's own (他们 is someone else)
    if named and not units_in(last) and (they := _THEY_RE.search(left)):  # …的同事问的：他们协办哪些 -> that unit
        left = left[:they.start()] + named[-1] + left[they.end():]
    english = not re.search(r"[\u4e00-\u9fa5]", left)
    body = SELF_INTRO_RE.sub("", left, count=1)  # 我在城管局环卫科，…: who asks is no topic
    if not (units_in(left) and _TASK_RE.search(body)) and not (english and _ASKING_RE.search(left)) and not plans.topics(body):
        return text  # what is left asks of no unit's tasks and names no thing of the plans: the situation carries it
    return left
