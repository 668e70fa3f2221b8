"""Which part of a message asks: the sentences that ask and the role they ask of, the unit
asked among several named, a table row named by its number, and the words that describe a
document (who issued it, when) rather than ask anything.  People write several sentences —
background (领导说…), who they are, then the question — and only the question decides."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answering.courtesy import ROLE_ASKED_RE
from assistant.answering.english import is_english
from assistant.answering.parts import EACH_ROLE_ASKED_RE, POINTING_END_RE
from assistant.config import AssistantError
from assistant.text import has_any

PART_WORDS = ("参与", "配合", "协同", "协办", "参加", "协助", "打下手")
#: words asking which units (哪些单位, 谁, 配合单位)
WHO_WORDS = ("哪些单位", "哪些部门", "谁", "参与单位", "配合单位", "哪个单位", "哪个部门", "协同单位", "哪些", "哪几", "哪两", "哪三", "哪家")
#: who else asked (除了城管局有没有别的单位, 还有哪些其他部门, 还有谁), not other units' work (其他单位要做什么) or lead
OTHERS_RE = re.compile(r"(有没有|还有|有哪些|哪些)(别的|其他|其它)(单位|部门)(?!要|应|可以|需要|在)|(别的|其他|其它)(单位|部门)(有哪些|是哪些|还有哪些)|"
                       r"还有谁(?!牵头|负责)")
#: a role word typed as a search keyword (公共建筑节能改造 40万 配合): who takes part is asked
PART_KEYWORD_RE = re.compile(r"(?:^|\s)(?:配合|参与|协同)(?:单位|部门)?\s*[?？]?$")

#: the words of issuing a plan (印发, 联合发: not 发 alone, which also pays out: 财政局发的那份补贴)
_ISSUED = r"(?:(?:联合|共同|一起|会同)?(?:印发|发布|下发|出台)|(?:联合|共同|一起)发|牵头发(?=的(?:那|这)?[个份]?[^，,。？?在里中]{0,16}?方案))"
#: who issued a plan and when, said to name it (市住建局等四家6月份联合印发的…方案): where, not what
DOC_DESCRIBED_RE = re.compile(r"[^，,。？?！!；;：:]{0,30}?" + _ISSUED + r"的"
                              r"(?=[^，,。？?！!]{0,30}?(?:方案|文件|通知|意见)|(?:那|这)份)")

#: what may follow one issuer of a plan up to the word of issuing: the other issuers (、发改委、能源局联合发的)
_ISSUERS_REST_RE = re.compile(r"(?:牵头)?(?:\s*(?:[、和与及跟]|会同)\s*[^，,。？?！!；;：:、和与及跟在的]{1,14}?){0,6}\s*(?:等)?"
                              r"(?:[一二三四五六七八九十几多]个?)?(?:部门|单位|部委)?(?:牵头)?" + _ISSUED + r"的")


def only_as_issuer(text: str, mention: str) -> bool:
    """Whether every mention of a unit is one of the issuers a phrase names the plan by
    (住建部、发改委联合发的那份): it names the plan, it is not asked about (教育部*在*住建部…
    联合印发的方案里 asks of 教育部)."""
    spans = [m.span() for m in DOC_DESCRIBED_RE.finditer(text)]
    at = list(re.finditer(re.escape(mention), text)) if spans and mention else []
    return bool(at) and all(any(s <= m.start() < e for s, e in spans) and _ISSUERS_REST_RE.match(text, m.end())
                            for m in at)


#: a role word that only says who issued a plan (住建部*牵头*印发的方案), not what is asked
_ISSUING_ROLE_RE = re.compile(r"(?:牵头|负责|主导)(?=\s*(?:联合)?(?:印发|发布|下发|出台|制定|起草|发)的)")


#: a role word describing the task whose figure or time is asked (住建局牵头的装配式建筑，2030年要达到多少;
#: 哪一年基本实现（城管牵头、发改参与）): the roles are told, not asked
_DESCRIBED = (r"的(?!(?:重点|主要|各项|具体|全部|所有|相关|哪些)?(?:任务|工作|措施|事(?!业)|项(?!目)|活(?!动))"
              r"|单位|部门|有|是|都|呢|吗|哪|什么|啥|多少|几)[\u4e00-\u9fa5“「]")
#: …also the first of a pair told together (住建厅牵头、发改委配合的绿色建筑那条)
_DESCRIBING_ROLE_RE = re.compile(rf"(?:牵头|参与|配合|负责)(?={_DESCRIBED}|[、，,]\s*[^，,。？?、]{{1,16}}?(?:牵头|参与|配合|负责){_DESCRIBED})")
_BRACKETED_ROLES_RE = re.compile(r"[（(][^（）()]{0,30}(?:牵头|参与|配合)[^（）()]{0,30}[）)]")
_VALUE_ASKED_RE = re.compile(r"哪一?年|多少(?!项|个|条|家)|比例|占比|百分之几|几成|"
                             r"(?:是|指)(?:的是)?(?:什么|啥)意思|是指什么|指的是什么")  # a figure, a year, a meaning
#: …or its content, asked in a clause of its own after the task is named (能源局牵头的电气化那条，新建住宅
#: 引导采用什么厨房): not a unit's tasks or who takes part (…，具体有哪些任务; …，还有哪些单位), nor when
#: it is due (answered with its lead, which also tells a wrong premise)
_CONTENT_ASKED_RE = re.compile(r"[，,；;]\s*(?![^，,；;]*(?:时候|时间|时限|期限|何时|截止))[^，,；;]*?(?:什么|啥|哪些|哪几|哪种|哪类|如何|怎么|怎样)"
                               r"(?![^，,；;]*(?:任务|工作|事项|事情|哪些事|什么事|活儿|哪些活|什么活|单位|部门))")
#: (when a task is due is answered with its lead: …由X牵头；完成时限…, which also tells a wrong premise)
_ROLE_LEFT_RE = re.compile(r"牵头|参与|配合|负责|协助|协同|分工|承担|涉及|谁|哪个单位|哪些单位|哪个部门|哪些部门|哪家|哪些局|哪个局")


def told_roles(text: str) -> str:
    """``text`` with the role words blanked (same length) that describe the task a figure or a
    time is asked of, when no role is asked besides; else ``text``."""
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group())
    value, content = _VALUE_ASKED_RE.search(text), _CONTENT_ASKED_RE.search(text)
    if not (value or content):
        return text
    out = _DESCRIBING_ROLE_RE.sub(blank, text)
    out = _BRACKETED_ROLES_RE.sub(lambda m: re.sub(r"牵头|参与|配合", blank, m.group()), out)
    if not value and content and out[content.start():] != text[content.start():]:
        return text  # the roles of the asking clause itself (…，我们牵头的和配合的分别是哪些) are asked
    return out if out != text and not _ROLE_LEFT_RE.search(out) and (_VALUE_ASKED_RE.search(out) or _CONTENT_ASKED_RE.search(out)) \
        else text


def roles_told(original: str, text: str) -> bool:
    """Whether the question's role words only described the task asked of (:func:`told_roles`)."""
    return bool(_ROLE_LEFT_RE.search(original)) and not _ROLE_LEFT_RE.search(text)


def undescribed(text: str) -> str:
    """``text`` with the role words that describe how a plan was issued blanked (same length)."""
    return _ISSUING_ROLE_RE.sub(lambda m: " " * len(m.group()), text)


#: words that make a sentence ask
ASKING_RE = re.compile(r"谁|哪|什么|啥|多少|几|怎|如何|是否|有没有|吗|呢|何|多大|多长|多高|多久|可否|能否|(?<![申邀提报聘宴])请(?!示)|列出|说明|介绍")
_ASKED_FRAME_RE = re.compile(r"(?:请问|请教)(?:关于)?(?:(?![哪几谁怎吗呢]|什么|多少|如何|是否)[^，,]){2,40}?(?:[一这那]一?[项条]|方面|事项|工作)")
#: a later part of a message that names its unit by a pronoun (…只配合不牵头吗？*它*分到了哪些任务？)
UNIT_PRONOUN_RE = re.compile(r"^(?:那么?|那)?(?:(?:请|麻烦)?(?:你|您)?(?:把|将)(?=它(?!们)|该))?(?:它们?|其(?![他它余中实次])|该单位|该局|该部门|这个单位|这个局|这个部门|他们|她们)")
#: …and asks that unit's share of the work (分到了哪些任务, 管哪些, 牵头什么), not a fact of a task (它的完成时限)
_UNIT_SHARE_RE = re.compile(r"任务|工作|事|活|牵头|参与|配合|负责|管|分到|分工|承担|职责")


def unit_pronoun(part: str) -> re.Match[str] | None:
    """The pronoun opening a later part that asks the first part's unit's share of the work."""
    m = UNIT_PRONOUN_RE.match(part)
    return m if m and _UNIT_SHARE_RE.search(part[m.end():]) else None


def merged_phrases(text: str, phrases: Sequence[str]) -> list[str]:
    """``phrases`` as they stand in ``text``, those that overlap or touch joined into one."""
    spans = sorted((m.start(), m.end()) for p in set(phrases) if p for m in re.finditer(re.escape(p), text))
    out: list[list[int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return list(dict.fromkeys(text[a:b] for a, b in out))


_BOOK_TITLE_RE = re.compile(r"《[^《》]{2,80}》")


def with_book_titles(text: str, phrases: Sequence[str]) -> list[str]:
    """``phrases`` naming documents, each title in 《》 that holds one joined to it whole,
    its marks with it (根据《X方案》的…: the 》 is no word of the question)."""
    return merged_phrases(text, [*phrases, *(m.group() for m in _BOOK_TITLE_RE.finditer(text)
                                             if any(m.group()[1:-1] in p for p in phrases))])


def asked_first(text: str, units: list[tuple[str, str]],
                find: Callable[[str], list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """Several units named: the one whose part is asked first — the unit named last before
    the role word of the last sentence asking one (住建那边想确认一下：…县住建局牵头的任务;
    X和Y联合印发的方案里，哪些任务把各市人民政府列为配合单位).  ``find``: the units of a text."""
    if len(units) < 2:
        return units
    text = undescribed(text)  # 住建部牵头印发的方案里我们局…: the role word describes the plan
    asking = [m for m in re.finditer(r"[^。？?！!；;]+", text) if ROLE_ASKED_RE.search(m.group())]
    if not asking:
        return units
    sentence = asking[-1]
    role_at = max(r.start() for r in ROLE_ASKED_RE.finditer(sentence.group()))
    segment = sentence.group()[:role_at]
    named = find(segment)
    if not named:
        return units
    if len(named) > 1:  # 是城管局还是住建局牵头, 住建局和城管局共同牵头: each is asked, in order
        a, b = segment.rfind(named[-2][1]), segment.rfind(named[-1][1])
        if 0 <= a < b and re.fullmatch(r"\s*(还是|或者?|和|与|及|、|以及|跟|同)\s*", segment[a + len(named[-2][1]):b]):
            return units
    asked = next((u for u in units if u[0] == named[-1][0]), named[-1])
    return [asked, *(u for u in units if u[0] != asked[0])]


def asking_part(text: str) -> str:
    """The sentences that ask (a question mark or a question word) when some of them name a
    role: a sentence telling the background (领导说…牵头的几项任务要县财政局配合。) does not
    say which role is asked; the whole text otherwise."""
    sentences = re.findall(r"[^。？?！!；;]+[。？?！!；;]?", text)
    marked = [x for x in sentences if x.endswith(("？", "?"))]  # …几项任务要县财政局配合。 asks nothing
    asking = [x for x in (marked or [x for x in sentences if ASKING_RE.search(x)]) if ROLE_ASKED_RE.search(x)]
    return "".join(asking) if asking and len(asking) < len(sentences) else text


#: a part asking who does it or by when; a part referring back to another (这事, 该项, 它)
_WHO_OR_WHEN_RE = re.compile(r"谁|牵头|配合|参与|负责|哪个(?:单位|部门)|哪些(?:单位|部门)|什么时候|何时|时限|截止")
#: a first part asking which thing (…的是哪个指标，由谁牵头): a short who or when after it is a second ask
_WHICH_THING_RE = re.compile(r"哪(?:个|项|一项|一个)(?:指标|目标|任务)|是什么指标")
_REFERS_BACK_RE = re.compile(r"这(?:事|项|个|些|条)|那(?:个|项|些)|它|其(?![他它])|该项|此事")


#: a request to lay out the previous part's answer by names or places (请列出名单, 给我列一下项目名称,
#: 帮我按市列个表): the same ask, whose kind of answer it says
_LIST_REQUEST_RE = re.compile(r"(?:请|麻烦|帮我|给我|帮忙)*(?:按[^，,]{1,4}(?:列出|列一下|列个|列举|整理|汇总)|"
                              r"(?:列出|列一下|列个|列举|整理|汇总)[^，,]{0,4}(?:名单|名称|名字))")
#: a part asking only that the answer be listed (要逐条列出来, 全部列出来): nothing to answer of its own
_LIST_ONLY_RE = re.compile(r"(?:请|麻烦|帮我|给我)?(?:要|需要|得|都)?(?:逐条|逐项|一一|挨个|全部|详细|完整)?(?:地)?"
                           r"(?:列出来|列出|列一下|列举出来|写出来)(?:吧|啊)?[。.！!？?]*")


#: a part ranking units (牵头任务最多的是谁) and parts listing the one it finds (它牵头了哪些, 把多的那个配合的任务列出来)
_RANKED_THEN_LISTED_RE = re.compile(r"(?:牵头|参与|配合|负责)[^，,。？?]{0,8}?(?:最多|最少|更多|更少)|(?:牵头|参与|配合)单位[^，,。？?]{0,4}?(?:最多|最少)|"
                                    r"谁[^，,。？?]{0,12}(?:牵头|参与|配合)[^，,。？?]{0,6}多|"
                                    r"\b(?:leads?|participates?)\b[^?]{0,20}\b(?:most|more|fewest)\b", re.IGNORECASE)
_LISTED_BACK_RE = re.compile(r"(?![^，,。？?]*分别)\s*(?:那么|那|请|麻烦)?(?:把|将)?(?:它(?!们)|其(?![他它中余])|多的那个|最多的那个|少的那个|该单位|该部门|这个单位|这个部门)"
                             r"[^，,。？?]{0,12}?(?:哪些|哪几项|列|任务)|"
                             r"\s*(?:牵头|参与|配合|负责)了?(?:哪些|哪几项)|\s*(?:list|name)\b", re.IGNORECASE)


#: where an English message starts a second question (…, and who leads …? / …? Which …)
_ENGLISH_ASKS_RE = re.compile(r"(?<=\?)\s+(?=(?:And\s+)?(?:Who|Which|What|When|How)\b)|,?\s+and\s+(?=(?:who|when|by\s+when|how\s+(?:many|much))\s)|,\s+and\s+(?=(?:which|what|where)\s)")
_ENGLISH_PLAN_RE = re.compile(r"\bin\s+(?:the\s+)?(?:[\w'-]+\s+){0,6}?(?:plan|programme|program)\b", re.IGNORECASE)


#: "it" as the plan a part asks the header of (which departments issued it?): no lean on the first part's thing
_ISSUED_IT_RE = re.compile(r"\b(?:issued|published|released|signed|adopted|approved|dated|numbered)\s+it\b", re.IGNORECASE)


#: a part naming a unit of its own (市财政局配合哪些任务): its own question, never joined to the one before
_OWN_UNIT_RE = re.compile(r"局|委|厅|办|中心|政府|公司|部(?![门分])")


def _roles_joined(parts: list[str]) -> list[str]:
    """Neighbouring parts asking one unit's two roles (城管局牵头哪些？只配合的又有哪些？) as one part; a later
    part naming a unit of its own (市财政局配合哪些任务？) and the other parts stay apart."""
    out: list[str] = []
    for part in parts:
        joined = bool(out) and not EACH_ROLE_ASKED_RE.search(out[-1]) and not _OWN_UNIT_RE.search(part)
        out[-1:] = [f"{out[-1]}，{part}"] if joined and EACH_ROLE_ASKED_RE.search(f"{out[-1]}，{part}") else [*out[-1:], part]
    return out


def split_question(text: str) -> list[str]:
    """Several questions in one message (…多少？由哪个单位牵头？) -> the parts, each able to stand alone."""
    if is_english(text):  # Who leads X, and who leads Y? — two asks, each its own
        asks = [p.strip() for p in _ENGLISH_ASKS_RE.split(text) if p.strip()]
        if len(asks) < 2 or any(len(p.split()) < 4 or re.search(r"\b(?:it|its|they|them|their|(?:that|this|the same) (?:task|item|one|target|clause|row))\b|\beach(?: one)?\W*$",
                                                             _ISSUED_IT_RE.sub("", p), re.I) for p in asks[1:]) \
                or len(asks[0].split()) < 4:
            return [text]  # …? Which tasks is it part of?: the second leans on the first
        plan = _ENGLISH_PLAN_RE.search(asks[0])  # …in the Dongyue plan, and who leads Y: Y in that plan too
        return [asks[0], *(p if plan is None or _ENGLISH_PLAN_RE.search(p) else f"{p.rstrip('?')} {plan.group()}?"
                           for p in asks[1:])]
    parts = [p.strip(" ，,") for p in re.split(r"[？?；;]+", text) if p.strip(" ，,")]
    if len(parts) < 2 and not is_english(text):  # 多大比例…完成提标改造，出水执行什么标准？
        commas = [p.strip() for p in re.split(r"[，,]", text.rstrip("？?。 ")) if p.strip()]
        if len(commas) == 2 and all(ASKING_RE.search(p) and len(re.findall(r"[\u4e00-\u9fff]", p)) >= 5 for p in commas[:1]) \
                and (len(re.findall(r"[\u4e00-\u9fff]", commas[1])) >= 5 or _WHO_OR_WHEN_RE.search(commas[1]) and _WHICH_THING_RE.search(commas[0])) \
                and ASKING_RE.search(commas[1]) and not _ASKED_FRAME_RE.fullmatch(commas[0]) \
                and not re.search(r"(?:(?<![公千英海])里|里面|当中|之中|(?<=[条项务局])中)$", commas[0]):  # 请问“X”一项，牵头单位是什么; X牵头那几条里，…: one ask
            parts = commas
        # typed without punctuation: “…”是哪一条 哪个单位牵头 参与的是谁 (later parts asking who or
        # when of the same thing; 到哪一年 累计要建多少 is one ask, 这事谁牵头 refers back)
        spaced = re.split(r"(?<=[\u4e00-\u9fff”》])\s+(?=[\u4e00-\u9fff“《])", text.rstrip("？?。 "))
        if len(parts) < 2 and len(spaced) > 1 and len(re.findall(r"[\u4e00-\u9fff]", spaced[0])) >= 5 \
                and ASKING_RE.search(spaced[0]) and not _WHO_OR_WHEN_RE.search(spaced[0]) \
                and all(_WHO_OR_WHEN_RE.search(p) and not _REFERS_BACK_RE.search(p) for p in spaced[1:]):
            parts = spaced
    if len(parts) > 2 and re.fullmatch(r"[（(][^（）()]{2,40}[）)]", parts[-1]):  # …呢？（建标〔2024〕35号）: the plan of each
        parts = [p + parts[-1] for p in parts[:-1]]
    parts = _roles_joined(parts)  # 牵头哪些？只配合的又有哪些？: one list
    while len(parts) > 1 and _LIST_ONLY_RE.fullmatch(parts[-1]):  # …是哪几条？要逐条列出来: the list is the answer
        parts.pop()
    if len(parts) == 1 and parts[0] != text.strip(" ，,？?。"):
        return [parts[0].rstrip("。！! ") + "？"]
    if len(parts) < 2 or is_english(text):
        return [text]
    if any(len(re.findall(r"[\u4e00-\u9fff]", p)) < 3 for p in parts):
        return [text]
    if _RANKED_THEN_LISTED_RE.search(parts[0]) and all(_LISTED_BACK_RE.match(p) for p in parts[1:]):
        return [text]  # 牵头任务最多的是谁？它牵头了哪些？: the list is of the unit the first part finds
    if any(_LIST_REQUEST_RE.match(p) for p in parts[1:]) or any(POINTING_END_RE.search(p) for p in parts[:-1]):  # …那条，X牵头哪些
        return [text]  # …有哪些成员单位？请列出名单: one ask
    # 正文和附表好像对不上: context, not a question; a check then its unit's list is two
    # (县财政局是不是牵头了X？它在方案里管哪些？), a check of the first part's answer is not (…是不是只有城管局？)
    checked = re.search(r"是不是|对不对", parts[0]) and unit_pronoun(parts[1])
    if not all(ASKING_RE.search(p) or (i == 0 and checked) for i, p in enumerate(parts)):
        return [text]
    return [p.rstrip("。！! ") + "？" for p in parts][:3]  # …列出来。: one ending, the question's


def check_question(question: str, max_chars: int) -> str:
    """The question stripped, or a one-line AssistantError: empty, too long (bounded work:
    reading a question costs time per character), or holding bytes that were not UTF-8
    (surrogate escapes from a terminal in another encoding)."""
    q = (question or "").strip()
    if not q:
        raise AssistantError("empty question")
    if any("\ud800" <= ch <= "\udfff" for ch in q):
        raise AssistantError("the question holds bytes that are not valid UTF-8")
    if len(q) > max_chars:
        raise AssistantError(f"question too long ({len(q)} characters; at most {max_chars})")
    return q


_AND = r"(和|与|及|加|或|跟|、|以及|/)?"
BOTH_ROLES_RE = re.compile(rf"(牵头|负责)(的)?{_AND}(参与|配合)(的)?(任务|工作)?(都|也|一起|全|一并)"
                           rf"|(参与|配合)(的)?{_AND}(牵头|负责)(的)?(任务|工作)?(都|也|一起|全|一并)")  # 牵头配合都算


#: one role's tasks asked to be listed after both roles are weighed (参与的任务列一下, 把牵头的列出来)
_ROLES_WEIGHED_RE = re.compile(r"多还是|还是[^，,。？?]{0,6}多|少很多|多很多|更多|更少")
_ONE_ROLE_LISTED_RE = re.compile(r"(?<![和与及、不非没只仅])(牵头|参与|配合)的(?:任务|工作|那些|那几项)?(?:列一下|列出来?|列举|列给我|说一下|说说|"
                                 r"有哪些|是哪些|是哪几项|分别是(?:哪些|什么))")


#: a role another is weighed against (跟牵头的比, 比参与的多): not the role asked
_COMPARED_ROLE_RE = re.compile(r"(?:跟|和|与|同)(?:它|其)?(?:牵头|参与|配合)(?:的|任务)+(?:比|相比|比较|比起来)(?![哪谁])|"
                               r"(?<!对)比(?:它|其)?(?:牵头|参与|配合)的(?:任务)?")


def question_role(text: str) -> str:
    """The role a question asks about: lead | participating | any (只配合不牵头 -> participating),
    as its asking sentences say it (:func:`~assistant.answering.asking.asking_part`)."""
    if BOTH_ROLES_RE.search(text):  # …参与了哪些？牵头和配合的都算: told in a sentence of its own
        return "any"
    text = _COMPARED_ROLE_RE.sub("", text)  # 跟牵头的比是不是少很多: the role it is weighed against is not asked
    if _ROLES_WEIGHED_RE.search(text) and (listed := _ONE_ROLE_LISTED_RE.search(text)) \
            and has_any(text.replace(listed.group(), ""), ("牵头", *PART_WORDS)):
        return "lead" if listed.group(1) == "牵头" else "participating"  # 牵头的多还是参与的多？参与的列一下: the role listed
    text = asking_part(text)
    lead, part = has_any(text, ("牵头", "负责", "主责", "领头", "带头")), has_any(text, PART_WORDS)
    if lead and not part and not has_any(text, ("牵头", "主责", "领头", "带头")):
        return "any"  # 自然资源部负责啥, 城管局负责哪些任务: its duties, whatever its role
    if lead and part:
        if re.search(r"牵头[^。？?]{0,14}还是(只|仅)", text) or EACH_ROLE_ASKED_RE.search(text) and not re.search(r"不牵头|只配合不", text):
            return "any"  # 有没有牵头的，还是只配合: either; 牵头哪些，只配合的又有哪些: each, so both
        if re.search(r"(?:从不|从来不|从没|(?<!是)不)(?:当|做|作为|是|担任)(?:参与|配合|协同)单位", text):
            return "lead"  # 从不当配合单位吧？它牵头的是哪项
        if re.search(r"(只|仅)(是)?(参与|配合)|不(是)?(?:自己)?(?:牵头|带头)|非牵头|除了?牵头|牵头(的|任务)?(以外|之外)|"
                     r"(?:配合|参与|协助)的?(?:那|这)?[一几]?(?:项|件|个)?(?:任务|工作|事)[^。？?]{0,8}?(?:牵头(?:单位|部门)?"
                     r"(?:是谁|是哪|有哪些|分别是|都是谁)|(?:是|由)(?:谁|哪个单位|哪个部门|哪家单位|哪家)牵头)|"  # 我们要配合的那项工作，牵头单位是谁: the lead of its tasks
                     r"(作为|是|当|担任)(参与|配合|协同)单位|(当|做|作为|是)配角", text):
            return "participating"
        if re.search(r"(只|仅)(是)?牵头|不(是)?(参与|配合)|除了?(参与|配合)|(参与|配合)(的|任务)?(以外|之外)|"
                     r"(作为|是)牵头单位", text):
            return "lead"
        return "any"
    if part or (lead and re.search(r"不(是|用|需要?|当)?牵头|非牵头", text)):
        return "participating"  # 不牵头的活: a unit's tasks it does not lead are those it takes part in
    return "lead" if lead else "any"
