"""Who asks and why: the parts of a chat message that are no part of its question (a chat
tag, a greeting, what the answer is for, thanks, a remark after it) and the opening that says
who asks (我是县里管供水的，…), kept only when the rest refers back to the asker."""

from __future__ import annotations

import re

#: a chat message's opening and closing courtesies (【工作群】各位早上好！… 谢谢！): no part of the question
_COURTESY_OPEN_RE = re.compile(
    r"^(?:\s*(?:【[^】]{0,12}】|\[[^\]]{0,12}\]|@\S{1,12}\s))*\s*"
    r"(?:(?:(?:各位|大家|诸位)[\u4e00-\u9fa5]{0,4}?(?:好|早)"
    r"|[\u4e00-\u9fa5]{1,2}(?:科长|处长|局长|主任|股长|老师|领导|同志|经理|组长|部长|厅长|书记)(?:您?好|早)"
    r"|(?:各位|大家|诸位|老师|领导)?[\u4e00-\u9fa5]{0,4}?(?:你好|您好|早上好|上午好|中午好|下午好|晚上好))"
    r"[呀啊哈]?[，,！!。～~\s]+"
    r"|(?:hi|hello|dear [a-z ]{1,20}|good (?:morning|afternoon|evening))\b[^,!.:]{0,20}[,!.:]\s*)?"
    r"(?:(?:(?:a )?quick question|one question|question|(?:could|can|would) you (?:please )?(?:tell|let) me(?: know)?|"
    r"please tell me|i(?:'d| would) like to know|i want to know|i wonder)\b\s*[:,-]?\s*)?"
    r"(?:(?:在?群里|我?想|冒昧|再|顺便|我|请)?(?:问|请教|咨询|打听)(?:一下|下|个事|件事)?[哈啊呀吧]?(?:[，,：:]\s*|\s+))?", re.IGNORECASE)
_COURTESY_CLOSE_RE = re.compile(r"(?<=[。？?！!，,])\s*(?:先)?(?:谢谢|多谢|感谢|辛苦了|麻烦了|thanks|thank you)"
                                r"[^，,。？?]{0,8}?[。！!~～.\s]*$", re.IGNORECASE)

#: who asks, kept before what the answer is for (我是市里新来的，写汇报材料要用：…)
_ASKER_FIRST = r"^((?:[^：:？?！!\d]{0,24}?(?:[，,。]\s*|\s+))?)"
#: what the answer is for, said before a colon (写汇报材料要用：… / 给领导列个清单：…)
_PURPOSE_RE = re.compile(_ASKER_FIRST + r"[^：:，,。？?！!\d]{0,12}?(?:汇报|报告|总结|简报|台账|清单|PPT|发言稿|讲话稿|开会|会上|"
                         r"领导要|急用|写材料|报材料|材料要用)[^：:，,。？?！!\d]{0,6}[：:]\s*", re.IGNORECASE)
#: words that ask: a remark holding one of them is part of the question (…我还想知道完成时限)
_ASKS = r"什么|哪|多少|几|谁|吗|呢|是否|有没有|能否|怎么|如何|啥|多久|要不要|时限|截止|日期|问|知道|确认"
#: what the asker does with the answer, said before a colon after who asks (我是记者，想核实一下：…)
_CHECKING_RE = re.compile(_ASKER_FIRST + r"(?:我?想先?|要|来|先|帮忙)?"
                          r"(?:核实|确认|核对|了解|查|问|请教|咨询|打听)(?:一下|下)?[：:]\s*")

#: what the answer is for, said after it (…牵头的任务有哪些，方便我们对口落实。): no part of the question
_PURPOSE_CLOSE_RE = re.compile(r"(?<=[\u4e00-\u9fa5？?])(?:[，,]\s*|\s+)(?:方便|以便|便于|好让|我们好|我好|用于)"
                               rf"(?![^，,。？?]*(?:{_ASKS}))[^，,。？?！!]{{1,16}}[。！!.？?\s]*$")

#: a remark after the question (…哪一年前完成？我要写材料用。): says who asks or why, asks nothing
_TRAILING_NOTE_RE = re.compile(r"(?<=[？?])\s*(?:我|我们|领导|急|写|报|麻烦|辛苦|拜托|在线等|多谢|先)"
                               rf"(?![^？?]*(?:{_ASKS}))[^？?\d]{{0,14}}[。！!.~～\s]*$")


#: the asker's own plan told after the question, set off by a space or comma (…有没有分到任务啊
#: 我们学校后勤想提前准备一下): asks nothing, names no role, task or material
_OWN_PLAN_CLOSE_RE = re.compile(r"(?<=[\u4e00-\u9fa5])(?:\s+|[，,。]\s*)(?:我们|咱们|我|本人)[^，,。？?！!\s]{0,6}?"
                                r"(?:想|准备|打算|好|正在)"
                                rf"(?![^？?]*(?:{_ASKS}|牵头|配合|参与|负责|任务|材料|报名|申请|完成))"
                                r"[^？?\d，,]{0,16}[。！!.~～\s]*$")


#: an aside telling the unit asked from another (（不是市里那个发改委）, （不是市政府）): that unit
#: is no part of the question; a role (（不牵头）) or a scope said so (城市（不是县城）, 清洁取暖率
#: （不是城区那个）) stays
_NOT_THAT_RE = re.compile(r"[（(]\s*(?:但?不是|并非|而不是)(?!牵头|参与|配合|负责)[^（）()]{0,14}?"
                          r"(?:局|委|厅|部|办|中心|公司|政府)[哦啊哈呀的]?\s*[）)]")
#: co-leads counted in (（包括和住建部共同牵头）, 和市住建局共同牵头的也算): a lead shared is a lead
#: already, and the partner named is no unit asked; （与住建部共同牵头的） alone narrows the question
_JOINTLY = r"(?:和|与|跟|同)[^（）()，,。？?]{1,16}?(?:共同|联合|一起|一块|一同)牵头(?:的)?"
_TOO = r"(?:也算|也算上|也要算|算在内|在内|也列上|也包括)"
_CO_LEAD_TOO_RE = re.compile(rf"[（(]\s*(?:包括|包含|含|连同){_JOINTLY}{_TOO}?\s*[）)]|[（(]\s*{_JOINTLY}{_TOO}\s*[）)]"
                             rf"|(?:(?<=[？?。，,])|\s+){_JOINTLY}{_TOO}[。！!.\s]*$"
                             rf"|(?:(?<=[？?。，,])|\s+)(?:包括|包含|含|连同){_JOINTLY}(?:任务)?{_TOO}?[。！!.\s]*$")


#: how the answer should read or what it is for, said in a clause of its own (一句话说清楚, 不用解释,
#: 写材料用, 我要填报表, 领导让我核对一下; One line please.): never a part of the question
_ZH_STYLE = (
    r"(?:不用|不要|无需|不必|别|没必要)(?:多)?(?:解释|展开|分析|说明|啰嗦|废话)"
    r"|(?:用)?一句话(?:说清楚|说明白|讲清楚|回答|说|讲|概括|答)?"
    r"|(?:简单|简要|简短|简洁)(?:点|些|一点|一些)?(?:说|回答|讲|答|概括)?(?:一下|下)?"
    r"|(?:我要|要|用来|拿来)?(?:写材料|报材料|填报表|填表|做台账|写汇报|汇报|报数)(?:用|要用)?"
    r"|领导(?:让|要|叫)我(?:核对|核实|汇总|确认|查|问)(?:一下|下)?"
)
#: what the answer should hold or how it is laid out (只要单位名称, 附上出处, 把原文给我, 列个清单, 按序号列出来,
#: 帮我确认下; Just the number. List them.): no part of the question when the rest asks, the question
#: itself when nothing else does (方案，只要文号; 住建局的任务，列个清单)
_FORM_NOUNS = (r"(?:数字|数值|数|答案|结果|结论|单位名?称?|部门名?称?|名字|名称|名单|日期|年份|年|时间|文号|序号|行号|"
               r"条款(?:序号|号)?|条目|任务(?:内容|名称?)|措施名?称?|百分比|比例)")
_ZH_FORM = (
    r"(?:请|麻烦|劳驾)?(?:你|您)?(?:帮我|给我|帮忙|替我)?(?:确认|查|找|核实|核对|看)(?:一下|下|查|找|看|一查)?"
    rf"|(?:只|仅|就)(?:要|需要?|需|回|回答?|答|给我?|列|写|说)(?:我)?(?:一个)?{_FORM_NOUNS}(?:[和、及]{_FORM_NOUNS})*"
    r"|直接(?:告诉我|给我|说)(?:一个)?(?:数字|数|答案|结果)?"
    r"|(?:请|把|并)?(?:原文|出处|来源|依据)(?:也)?(?:附上|给我|贴出来|附后|注明)"
    r"|(?:请|并)?(?:附上?|附带|注明|标明|带上|给出|引用|附)(?:一下)?(?:出处|来源|条款|原文|依据|条目|原文内容)(?:回答)?"
    r"|(?:给我|把)?原文(?:照抄|给我|贴出来)?"
    r"|(?:请|帮我|给我|麻烦)*(?:全部|逐项|逐条|都)?(?:列个|列出|列一下|列出来|列清单|列表|列举|列|写成|做成|整理成|排成)"
    r"(?:清单|表格?|一张表|一个表)?(?:给我)?"
    r"|(?:请|帮我|给我)?按(?:序号|顺序|条款|行号|条目)(?:全部|逐项)?(?:列出来?|列一下|列|排列?|回答)"
    r"|分[^，,。？?！!]{1,8}?两栏列出来?"
    r"|(?:请)?按(?:责任分工表|分工表|表格?|序号|顺序|条款|条目)(?:的?(?:顺序|格式))?(?:回答|作答|来答)"
)
_TAIL = r"[吧啊哈呀哦]?(?:就行|就好|就可以|即可|就够了|就成)?[吧啊哈呀哦]?"
_ZH_STYLE_RE = re.compile(rf"(?:{_ZH_STYLE}){_TAIL}")
_ZH_FORM_RE = re.compile(rf"(?:{_ZH_FORM}){_TAIL}")
_EN_STYLE_RE = re.compile(r"one\s+line(?:,?\s+please)?|in\s+one\s+line|please|briefly|keep\s+it\s+(?:short|brief)|for\s+a\s+briefing\s+note"
                          r"|no\s+explanation(?:\s+needed)?", re.IGNORECASE)
_EN_FORM_RE = re.compile(
    r"(?:please\s+)?(?:just|only)\s+(?:give\s+me\s+)?(?:the\s+)?(?:(?:unit|bureau|department|agency|body|clause|row)(?:'s)?\s+)?"
    r"(?:number|figure|name|year|date|value|percentage|answer|bureau|unit|department)s?(?:\s+of\s+the\s+(?:bureau|unit|department|agency))?"
    r"|(?:the\s+)?(?:(?:unit|bureau|department|agency|body|clause|row)\s+)?(?:number|figure|name|year|date|answer)s?\s+only(?:,?\s+please)?"
    r"|(?:please\s+)?(?:quote|cite)\s+the\s+(?:clause|source|text)|with\s+the\s+source"
    r"|(?:please\s+)?list\s+them(?:\s+all)?(?:\s+by\s+row\s+numbers?)?(?:,?\s+please)?"
    r"|(?:please\s+)?(?:give\s+me|make\s+it)\s+a\s+(?:table|list)(?:\s+with\s+row\s+numbers)?", re.IGNORECASE)
#: a request opening the question's own clause (帮我看看…, 一句话概括…, 请简单介绍一下…): the rest is asked
_ZH_LEAD_RE = re.compile(r"^(?:请|麻烦)?(?:你|您)?(?:帮我|给我|帮忙|替我)?(?:查查看|看看|查查|找找|查一下|看一下|找一下|查下|看下(?![面边列述])"
                         r"|搜一下|(?:用)?一句话(?:概括|说说|说一下|讲讲|总结)(?:一下)?"
                         r"|简单(?:介绍|说明|说说|讲讲|概括|总结|说(?!明))(?:一下)?"
                         r"|(?:介绍|概括|总结)一下)(?=[\u4e00-\u9fa5“《0-9]{4})")
_CLAUSE_RE = re.compile(r"(?:[^，,。？?！!；;：:.]|\.(?!\s|$))+[，,。？?！!；;：:.]*\s*")  # a full stop ends an English sentence
_ASKING_RE = re.compile(rf"{_ASKS}|列出|介绍|告诉|\b(?:what|which|who|how|when|where|whether|is|are|does|do)\b", re.IGNORECASE)


def _instructions(text: str) -> tuple[list[str], list[bool], list[bool]]:
    """The clauses of ``text``, and which of them say how the answer should read / what it should hold."""
    clauses = [m.group() for m in _CLAUSE_RE.finditer(text)]
    english = [c.isascii() for c in clauses]
    bodies = [c.strip().rstrip("，,。？?！!；;：:. ").strip() for c in clauses]
    styled = [bool(b) and (_EN_STYLE_RE if e else _ZH_STYLE_RE).fullmatch(b) is not None for b, e in zip(bodies, english)]
    formed = [bool(b) and (_EN_FORM_RE if e else _ZH_FORM_RE).fullmatch(b) is not None for b, e in zip(bodies, english)]
    return clauses, styled, formed


def asks_nothing(text: str) -> bool:
    """Whether a message only says how the answer should look (只要数字。 / 列个清单 / Just the number.):
    nothing to look up."""
    clauses, styled, formed = _instructions(text)
    return bool(clauses) and all(s or f or not c.strip(" ，,。？?！!；;：:.") for c, s, f in zip(clauses, styled, formed))


def without_instructions(text: str) -> str:
    """The question without the clauses that only say how the answer should read or what it is
    for (…？一句话说清楚。 / 写材料用，… / One line please.), nor those saying what it should hold
    or how it is laid out (只要数字, 附上出处, 列个清单) when the rest asks, nor a request opening
    its own clause (帮我看看…); the text as it is when nothing is left."""
    clauses, styled, formed = _instructions(text)
    rest = "".join(c for c, s, f in zip(clauses, styled, formed) if not s and not f)
    asks = bool(_ASKING_RE.search(rest) or _ZH_LEAD_RE.match(rest.lstrip()))  # 帮我查一下…目标 asks
    drop = [s or (f and asks) for s, f in zip(styled, formed)]
    kept = [c for c, d in zip(clauses, drop) if not d]
    if kept and not kept[0].isascii():
        kept[0] = _ZH_LEAD_RE.sub("", kept[0].lstrip(), count=1)
    out = "".join(kept).strip()
    if out == text.strip():
        return text
    if out and re.search(r"[，,；;：:]$", out):  # the ask it came with, ended as one
        out = out[:-1] + ("?" if out.isascii() else "？" if _ASKING_RE.search(out) else "。")
    return out if re.search(r"[\u4e00-\u9fa5A-Za-z]", out) else text


def without_asides(text: str) -> str:
    """The question without an aside that only names what it is not (（不是市里那个发改委）)
    or counts co-leads in (和市住建局共同牵头的也算)."""
    return _CO_LEAD_TOO_RE.sub("", _NOT_THAT_RE.sub("", text)).strip() or text


def without_courtesy(text: str) -> str:
    """The question without a chat tag, a greeting or what the answer is for before it,
    and thanks after it."""
    opened = _PURPOSE_RE.sub(r"\1", _COURTESY_OPEN_RE.sub("", text, count=1), count=1)
    opened = _CHECKING_RE.sub(r"\1", opened, count=1)
    closed = _PURPOSE_CLOSE_RE.sub("", _TRAILING_NOTE_RE.sub("", _COURTESY_CLOSE_RE.sub("", opened)))
    closed = without_asides(_OWN_PLAN_CLOSE_RE.sub("", without_instructions(closed)))
    return closed.strip() or text


#: a question opening with who asks (我是县里管供水的，… / I work at the finance bureau, …)
SELF_INTRO_RE = re.compile(r"^(?:(?:你好|您好)[，,！!]?)?(?:我们(?:[科处股室组局委办市县区省]|单位|部门)?|我|本人)(?:是|系(?!统)|在|正在)"
                           r"[^，,。？?！!\s]{1,30}(?:[，,。]\s*|\s+)"
                           r"|^[^，,。？?！!：:]{0,20}?(?:同事|领导|科长|处长|局长|主任|股长|上级|朋友|有人|别人)"
                           r"[^，,。？?！!：:]{0,4}?(?:托|让|叫|要|请)我(?:问|查|打听|咨询|了解)(?:一下|下)?[：:，,]\s*"
                           r"|^I(?: am|'m| work)(?: at| in| with| for| from)? [^,.?]{2,60}[,.]\s*", re.IGNORECASE)
#: the asker's own unit said in Chinese (我们配合的那条, 我局牵头的那项, 我们城管局): what a unit named for it replaces
OWN_UNIT_RE = re.compile(r"我们(?:局|委|厅|单位|部门|中心)?|咱们(?:局|委|厅|单位|部门)?|我局|本局|我单位|本单位|我部门|本部门")
#: words by which the rest of a question refers back to the asker (我们牵头的任务)
ASKER_RE = re.compile(r"我们|咱|我局|本局|我单位|本单位|我部门|本部门|我们局|我这(?:边|里|儿)|\b(?:we|our|us)\b", re.IGNORECASE)


#: a role asked (牵头加配合一共涉及几项), and a question asking which unit has it (哪个局牵头)
ROLE_ASKED_RE = re.compile(r"牵头|配合|参与|协助|打下手|负责哪|负责的|涉及[几哪]")
OTHER_UNIT_RE = re.compile(r"哪(个|些|家|几个|一个)?(局|委|厅|部门|单位|机构)|谁")
#: the rest of a question asking the asker's own tasks (我们是县财政局的，要配合哪些事？)
OWN_TASKS_RE = re.compile(r"^(要|需要|得|该)?(牵头|参与|配合|负责|承担|做|干)(的)?(哪些|什么|几项)|"
                          r"^(有)?(哪些|什么)(任务|工作|事|活)")


def opening_of(text: str) -> tuple[str, bool]:
    """(the opening saying who asks, or "", whether the rest refers back to the asker)."""
    m = SELF_INTRO_RE.match(text)
    if m is None:
        return "", False
    end = m.end()
    while (more := SELF_INTRO_RE.match(text[end:])) is not None and more.end() < len(text) - end:
        end += more.end()  # 我是市里新来的，我是记者，…: one opening, said twice
    rest = text[end:]
    # …想问下牵头加配合一共涉及几项: a role asked of no other unit is the asker's own
    others = re.sub(r"(我们|咱们|我|咱|本)(局|委|厅|单位|部门|科|处)", "", rest)  # the asker's own unit is no other
    own_role = bool(ROLE_ASKED_RE.search(rest)) and not OTHER_UNIT_RE.search(others) \
        and not re.search(r"局|委|厅|部(?!门)|中心|政府|公司", others)
    return text[:end], len(rest) < 4 or own_role or bool(ASKER_RE.search(rest) or OWN_TASKS_RE.search(rest))


def without_self_intro(text: str) -> str:
    """The question without an opening that only says who asks: the asker's bureau or
    county (我是县里管供水的，市里…由哪个局牵头？) is neither its topic, nor its unit, nor
    the level it asks about, unless the rest refers back to the asker (…我们牵头哪些任务)."""
    intro, kept = opening_of(text)
    return text if kept or not intro else text[len(intro):]


def asker_intro(text: str) -> str:
    """The opening of a question that says who asks when the rest refers back to the asker
    (我在住建局规划科上班，…我们局牵头哪些任务): it names the unit asked about, but the
    rest of it (规划科, 上班) is no topic of the question."""
    intro, kept = opening_of(text)
    return intro if kept else ""


def intro_places(text: str) -> list[str]:
    """The places an asker's opening says they are from (我是临清市的，…): said again later
    without the suffix (…给临清分配的任务), the stem is that place."""
    m = SELF_INTRO_RE.match(text)
    return re.findall(r"(?<=[是在])[\u4e00-\u9fa5]{2}[市县区]", m.group()) if m else []  # 我在临清市住建局上班


#: a clause telling the asker's own case (我们学校想在教学楼屋顶装光伏，…): about the asker,
#: asking nothing, followed by the question
_OWN_CASE_RE = re.compile(r"(?:^|(?<=[，,。；;]))(?=[^，,。；;？?！!]*(?:我们|咱们|我|咱|本单位|本局))"
                          rf"(?![^，,。；;？?！!]*(?:{_ASKS}))[^，,。；;？?！!]+(?=[，,。；;])")


def own_case_clauses(text: str) -> list[str]:
    """The clauses of a question that tell the asker's own case."""
    return [m.group() for m in _OWN_CASE_RE.finditer(text)]


#: units asked (谁牵头, 哪个部门, 哪些单位配合): the question is who
WHO_ASKED_RE = re.compile(r"谁|(?:哪个|哪些|哪几个|什么)(?:单位|部门|机构|厅|局|委)|哪家|(?:单位|部门)(?:有|都有|是|为)?哪")
#: who tells a sentence of their own situation (我们局, 局里, 领导): told, not asked
_OWN_TELLER_RE = re.compile(r"我|咱|局里|单位里|科里|领导|同事|本单位|本局")
#: a request (请列出…, 查一下…, 介绍): a sentence asking for something, no told situation
_REQUEST_RE = re.compile(r"请|列出|列一下|查|看|介绍|说说")


def told_sentences(text: str) -> list[str]:
    """Whole sentences before the question that tell the asker's own situation and ask nothing
    (我是县财政局的，明年配套资金要统筹，局里开了两次会还没定。方案里我们局配合哪些任务？: the first);
    not a request (请列出明年到期的事项。) nor one the next leans on (明年的清洁取暖率。要达到多少？)."""
    sentences = re.findall(r"[^。！!？?]+[。！!？?]", text)
    asked = [i for i, s in enumerate(sentences) if s[-1] in "？?"]  # …配合哪些任务？谢谢！: told before the question
    return [s for i, (s, after) in enumerate(zip(sentences, sentences[1:])) if asked and i < asked[-1] and s[-1] in "。！!"
            and not re.search(_ASKS, s)
            and _OWN_TELLER_RE.search(s) and not _REQUEST_RE.search(s) and not re.match(r"\s*(?:其中|这|那|它|其|要|是)", after)]


def own_case(text: str) -> str:
    """The clauses of a question that tell the asker's own case, joined ("" when none)."""
    return " ".join(own_case_clauses(text))
