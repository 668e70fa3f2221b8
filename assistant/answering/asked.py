"""The kind of answer a question asks for, and whether quoted lines give it.

A passage can name the very thing asked and still not answer: 保修期限延长到几年 is not
answered by 延长工程质量保修期限, 试点放在哪个县 not by a sentence naming no place,
每年要完成多少户 not by a cumulative total.  These checks read the question's own words;
they hold for any document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answering import compose as A
from assistant.answering.english import not_understood
from assistant.answering.intent import Query
from assistant.answering.numbered import ROW_RE
from assistant.answering.spans import YEAR_ANY_RE
from assistant.documents.targets import PLAN_PERIOD_END
from assistant.types import Target

#: a bracketed note telling which task is meant (全面推广绿色建筑（标识项目比例30%以上）这一项的完成时限)
BRACKETED_RE = re.compile(r"（[^（）]{1,30}）|\([^()]{1,30}\)")
#: two tasks' deadlines or targets set side by side (X和Y的完成时限一样吗): each asked, not the text against the table
TWO_COMPARED_RE = re.compile(r"[和与跟][^，,。？?]{1,24}的(?:完成时限|时限|完成时间|目标|指标)(?:是不是)?(?:一样|相同|一致)")
#: an amount or a duration asked (延长到几年, 多少亿元, 一共有几个): only a figure answers it
NUMBER_ASKED_RE = re.compile(r"(?<!哪)(几|多少)(年|个月|天|倍|万|亿|元|平方米|平米|公里|米|吨|户|成|星|个|项|座|处|家|层|栋|套|辆|台|间)|"
                             r"多少|百分之几|多长时间|多久|(具体|明确|量化)的?(数量|数目|金额|数字(?![化经乡孪]))|数量(要求|目标|指标)|"
                             r"[（(](?:米|公里|千米|吨|户|平方米|万元|元|千瓦|%)[）)]")  # 限高标准（米）: a figure in that unit
#: a measure asked by its unit (要改多少户, 新增多少公里): a value in that unit answers it
_MEASURE_ASKED_RE = re.compile(r"(?<!哪)(?:几|多少)[万千百]?(户|公里|千米|平方米|平米|吨|千瓦|亩|公顷)(?![籍口型时])")
_MEASURE_FORMS = {"千米": ("公里", "千米"), "公里": ("公里", "千米"), "平米": ("平方米",), "千瓦": ("千瓦", "兆瓦")}


def measure_asked(question: str) -> tuple[str, ...]:
    """The forms a value must write its unit in to measure what is asked; () when no unit is asked."""
    m = _MEASURE_ASKED_RE.search(question)
    return _MEASURE_FORMS.get(m.group(1), (m.group(1),)) if m else ()


def in_measure(value: str, forms: Sequence[str]) -> bool:
    """Whether a value is written in one of the forms (公里 of 7.5公里, not of 3平方公里)."""
    return any(re.search(r"(?<!平方)" + f + r"(?!时)", value) for f in forms)


def target_preferences(q: Query) -> list[Callable[[Target], bool]]:
    """What narrows the targets a figure question may be answered from, each when any target
    passes it: the table's row named (附件分工表第29项，…比例), the unit asked (要改多少户)."""
    forms, row = measure_asked(q.text), q.row
    return [*([lambda t: t.row_no == row] if row is not None else []),
            *([lambda t: in_measure(t.value, forms)] if forms else [])]


#: 有 asking whether there is something (有…吗), not the 有 of 既有, 所有, 有关, 有机, 有序, 有效, 有力
HAVE_ASKED = r"(?<![既所拥占具])有(?![关机序效力])"
#: the asking words of "is it set": 有没有, 给没给, 是否提出
_WHETHER = r"(?:有没有|有无|给没给|设没设|提没提|是否(?:有|提出|设定|设置|给出|规定))"
#: the English opening of the same: Is there…, Does the plan set…
_WHETHER_EN = r"^\s*(?:is|are)\s+there\b|^\s*does\s+(?:it|the\s+plan)\s+(?:set|have|give|include)\b"
_YEAR = r"(?:19|20)\d\d"
#: words asking whether something is set at all (有没有, 给没给, …吗, Is there)
WHETHER_SET_RE = re.compile(_WHETHER + "|" + HAVE_ASKED + r"[^，,。？?]{0,16}?吗|" + _WHETHER_EN, re.IGNORECASE)
#: …of a year's target (有没有2025年目标, 给没给2025年的, 有2025年的目标吗, Is there a 2025 target): "no" answers it
_WHETHER_YEAR_RE = re.compile(_WHETHER + r"[^，,。？?]{0,6}?" + _YEAR + "|"
                              + HAVE_ASKED + r"[^，,。？?]{0,6}?" + _YEAR + r"[^，,。？?]{0,10}?吗|"
                              + r"(?:" + _WHETHER_EN + r")\s+(?:a|an|any)\s+" + _YEAR + r"\b", re.IGNORECASE)


def asks_year_set(text: str) -> bool:
    """Whether ``text`` asks if a year's target is set (有没有2025年目标, Is there a 2025 target)."""
    return bool(_WHETHER_YEAR_RE.search(text))


def whether_set(q: Query) -> bool:
    """Whether a question asks if a year's target is set at all (LED灯具普及率有2025年的目标吗)."""
    return bool(q.years and (_WHETHER_YEAR_RE.search(q.text) or _WHETHER_YEAR_RE.search(q.original))
                and re.search(r"目标|指标|target", q.text + q.original))


#: how often something is done asked (多久跟踪评估一次): a frequency answers it, not a figure
FREQUENCY_ASKED_RE = re.compile(r"(多久|多长时间)(?!内)[^，。？?]{0,16}一次|隔多久|频次|频率|how often", re.IGNORECASE)
FREQUENCY_IN_TEXT_RE = re.compile(r"每(年|季度?|半年|月|周|[一二两三四五\d]+年)|定期|[一二两三四五\d]+年一次")
#: a figure in a quoted line: digits, or a Chinese numeral with its measure (三星级, 两年)
FIGURE_RE = re.compile(r"\d|[一二三四五六七八九十两百千万]+(年|个|星|倍|成|项|次|户|米)")
#: a share asked (比例要达到多少, 百分之多少): only a percentage answers it
SHARE_ASKED_RE = re.compile(r"(比例|占比|比重|[^\s]率|百分)[^，。？?]{0,8}(多少|几)|百分之(多少|几)")
PERCENT_RE = re.compile(r"\d\s*[%％]|百分之|\d成")
#: a day or month asked (每年几月几号前上报): only a passage giving a month or a day answers it
DATE_ASKED_RE = re.compile(r"几月|几号|哪天|哪一天|什么日期|哪个月|哪一日")
DATE_IN_TEXT_RE = re.compile(r"\d{1,2}\s*月|[一二三四五六七八九十]{1,3}月|\d{1,2}\s*日|月底|月末|月初|月中|年底|年初|年末|年中")
#: a year asked (哪年之前全面实施): only a passage giving a year or a plan period answers it
YEAR_ASKED_RE = re.compile(r"哪年|哪一年|几几年|什么年份|哪个年份")
YEAR_IN_TEXT_RE = re.compile(r"\d{4}\s*年|十[三四五六]五|年底|年内|年末")
#: a time asked (最晚什么时候完成): a passage giving no time at all does not answer it
WHEN_ASKED_RE = re.compile(r"什么时候|啥时候|何时|最晚|截止到?(什么|哪)|什么时间")
WHEN_IN_TEXT_RE = re.compile(r"(?:19|20)\d\d\s*年|\d{1,2}\s*月|[一二三四五六七八九十]{1,3}月|年底|年内|年末|年初|月底|"
                             r"长期|常态|每年|每季度|每半年|每月|十[三四五六]五|前完成|底前|日前|立即|"
                             r"完成时限为")  # a table's 完成时限 as written (持续推进) is its time
#: a five-year plan period asked (十五五期间): its name or a year within it must be quoted
PERIOD_RE = re.compile(r"十[三四五六]五")
#: a person asked (组长是谁, 负责人是谁): the passage must name someone
PERSON_ASKED_RE = re.compile(r"(组长|负责人|联系人|局长|主任|领导)[^，,。？?]{0,12}?(是谁|叫什么|是哪位)|"
                             r"(谁|哪位)是[^，,。？?]{0,10}(组长|负责人|联系人)|联系人|联系电话|"
                             r"(哪位|哪一位)[省市县区]?(领导|负责同志|官员|干部|副?(?:省长|市长|县长|区长|秘书长))|"
                             r"\bwho is the (contact|person in charge|head|director|leader)|\bcontact (person|phone|number)",
                             re.IGNORECASE)
PERSON_NAMED_RE = re.compile(r"(组长|负责人|联系人|局长|主任)\s*[:：为由]\s*[\u4e00-\u9fa5]{2,4}|"
                             r"(?<![各有])(?:市长|省长|县长|区长)(?![效期远度久])|(?<!秘)书记(?![录员])|"
                             r"分管[^，,。；;]{0,8}?(领导|同志)|主要负责同志|主要领导")
#: a headcount asked (安排多少人, how many staff): only a count of people answers it, not a share
HEADCOUNT_ASKED_RE = re.compile(r"(?<![第一二三四五六七八九十百])(多少|几)(?![十百])个?(人|名)(?![民均口员才工额次])|人数|人员(数量|编制)|"
                                r"\bhow many (staff|people|persons|employees|officials|workers|personnel)\b", re.IGNORECASE)
HEADCOUNT_IN_TEXT_RE = re.compile(r"\d[\d.]*\s*万?\s*(人|名)(?![民均])")
#: a place asked (试点放在哪个县): only a passage naming a place answers it
PLACE_ASKED_RE = re.compile(r"哪(个|些|几个)(省|市|县|区|乡镇|街道|地方)|which (count|cit|district|province)", re.IGNORECASE)
PLACE_IN_TEXT_RE = re.compile(r"[\u4e00-\u9fa5]{2,6}(省|市|县|区)(?!级|域|城(?![区关乡]))(?<!的[省市县区])"  # 县级, 条件的县城: no named place
                              r"(?<!城市)(?<!城区)(?<!社区)(?<!园区)(?<!小区)(?<!地区)(?<!市区)(?<!街区)(?<!片区)(?<!辖区)"
                              r"(?<![整全各本该每][省市县区])(?<![范点][省市县区])")  # 整县推进, 全市, 模范县, 试点市: not one named place
#: a procedure asked (怎么申报, 向哪个机构申请, 申报流程): only a passage saying how to apply answers it
PROCEDURE_ASKED_RE = re.compile(r"(怎么|怎样|如何|咋)(去|来)?(申报|申请|办理|报名|认定)|(申报|申请|办理|审批|报名|认定)的?(流程|程序|手续|条件|入口|材料)|"
                                r"(向|到|去|找)哪(个|家|里|儿)?[^，。？?]{0,6}(申报|申请|办理|提交|报名)|(提交|准备|交)(哪些|什么)材料|"
                                r"\bhow (?:do|can|should|to) (?:(?:i|we|you|they|residents|owners|companies|projects) )?"
                                r"(?:apply|register)\b|\bwhere (?:do|can|should|to) .{0,20}\bapply\b|"
                                r"\bapplication (?:procedure|process|form)s?\b|"
                                r"\bwhat (?:documents|materials|paperwork|forms)\b.{0,40}\b(?:submit|provide|prepare|file|hand in)\b",
                                re.IGNORECASE)
PROCEDURE_IN_TEXT_RE = re.compile(r"(申报|申请|办理|审批|报名|认定)的?(流程|程序|手续|条件|材料|方式|办法)|"
                                  r"向[^，。；]{1,12}(申报|申请|提交|报送)|(申报|申请)[^，。；]{0,6}(截止|时间)")
#: a total asked place by place (各市分别分到多少, split among the provinces): the passage must split it
BREAKDOWN_ASKED_RE = re.compile(r"各(省|市|县|区|地|乡镇|街道|城市|县区)[^，,。？?]{0,16}?(分别|各自|分到|分配|分解|摊到|落实多少)|"
                                r"(分解|分配|分摊|摊)到各(省|市|县|区|地)|每个(省|市|县|区)(分到|分配|摊到)|(怎么|如何|怎样)(分解|分配|分摊)|"
                                r"各(省|市|县|区|乡镇|街道|县区|县市区)(?![城域场级])[^，,。？?]{0,16}?(咋|怎么|如何|怎样)(分(?![工类])|划分)|"  # 各县区…是咋分的
                                r"每个?(省|市|县|区|县区|乡镇|街道)(?![城域场级镇])[^，,。？?]{0,16}?(多少|几)(?!名|个人|人)|"  # 每个县要改多少户
                                r"\b(split|divided|allocated|apportioned|distributed|broken down)\b.{0,20}\b(among|between|across|by)\b"
                                r".{0,12}\b(provinces|cities|counties|districts|towns)\b|\bper (province|city|county)\b|"
                                r"\beach (?:province|city|county|district|town)'s\b|\b(?:for|must|should|will|does|do|can) each (?:province|city|county|district|town)\b",
                                re.IGNORECASE)
#: a figure asked for each kind of a thing (各类公共机构（学校、医院）分别定了多少)
PER_KIND_ASKED_RE = re.compile(r"各类[^，,。？?]{0,24}?分别[^，,。？?]{0,8}?(?:多少|几)")
BREAKDOWN_IN_TEXT_RE = re.compile(r"分解|分配到|(?:各|每个?)(省|市|县|区)[^。；，]{0,16}\d")
#: a rate per year, household or person, in any of its writings (a cumulative total is none)
_PER_GROUPS = (("每年", "年均", "逐年", "年度", "/年"), ("每户", "户均", "/户"), ("每人", "人均", "/人"))
#: how a question asks each rate (一年要改多少户: per year)
_PER_ASKED = (("每年", "年均", "一年", "每一年"), ("每户", "户均"), ("每人", "人均"))
PER_FORMS = {asked: group for group, forms in zip(_PER_GROUPS, _PER_ASKED) for asked in forms}
PER_RE = re.compile("|".join(("(?<![哪某这那第同])" + f + "(?![内来多半以])") if f == "一年" else f  # 一年内, 哪一年: no rate
                             for f in PER_FORMS))
#: an item number (2.开展…, 1、…): a list position, never a figure
ITEM_NUMBER = r"(?<![\d.])\d{1,2}[.．、](?!\d)"
#: citation marks and item numbers: neither is a figure of the answer
_NOT_FIGURES_RE = re.compile(r"\[\d+\]|" + ITEM_NUMBER)


def missing_kind(question: str, original: str, lines: Sequence[str]) -> str | None:
    """The kind of answer ``question`` asks for that none of ``lines`` gives (frequency,
    figure, share, date, year, when, period, breakdown, place, procedure, rate, repair,
    stock, or a detail of :func:`missing_detail`), or None.  ``original`` is the question as
    typed (an English one is read for "which county")."""
    text = [_NOT_FIGURES_RE.sub("", x) for x in lines]
    frequency = bool(FREQUENCY_ASKED_RE.search(question) or FREQUENCY_ASKED_RE.search(original))
    if frequency and not any(FREQUENCY_IN_TEXT_RE.search(x) for x in text):
        return "frequency"
    number = bool(NUMBER_ASKED_RE.search(question)) and not frequency  # 多久一次: 每年 answers it
    if number and not any(FIGURE_RE.search(x) for x in text):
        return "figure"
    bare = re.sub(r"\s+|到?(?:19|20)\d\d\s*年(?:底|末)?(?:前|之前)?", "", question)  # 清洁取暖率 到2025年 目标是多少
    if SHARE_ASKED_RE.search(bare) and not any(PERCENT_RE.search(x) for x in text):
        return "share"
    if DATE_ASKED_RE.search(question) and not any(DATE_IN_TEXT_RE.search(x) for x in text):
        return "date"
    if YEAR_ASKED_RE.search(question) and not any(YEAR_IN_TEXT_RE.search(x) for x in text):
        return "year"
    if WHEN_ASKED_RE.search(question) and not any(WHEN_IN_TEXT_RE.search(x) for x in text):
        return "when"
    for period in set(PERIOD_RE.findall(question)) if number else ():  # 十五五期间…多少: not a 十四五 figure
        end = PLAN_PERIOD_END[period]
        if not any(period in x or any(end - 4 <= int(y) <= end for y in re.findall(r"(20\d\d)\s*年", x))
                   for x in text):
            return "period"
    if (BREAKDOWN_ASKED_RE.search(question) or BREAKDOWN_ASKED_RE.search(original)) \
            and not any(BREAKDOWN_IN_TEXT_RE.search(x) for x in text):
        return "breakdown"
    if PER_KIND_ASKED_RE.search(question) and len({n for x in text for n in re.findall(r"\d+(?:\.\d+)?", YEAR_ANY_RE.sub(
            "", x))}) < 2:  # 各类…分别多少 answered by one figure for all
        return "breakdown"
    if PLACE_ASKED_RE.search(original) and not any(PLACE_IN_TEXT_RE.search(x) for x in text):
        return "place"
    if (PROCEDURE_ASKED_RE.search(question) or PROCEDURE_ASKED_RE.search(original)) \
            and not any(PROCEDURE_IN_TEXT_RE.search(x) for x in text):
        return "procedure"
    if number and any(not any(f in x for f in PER_FORMS[p] for x in text) for p in PER_RE.findall(question)):
        return "rate"
    if REPAIR_ASKED_RE.search(question) and not any(REPAIR_IN_TEXT_RE.search(x) for x in text):
        return "repair"
    if STOCK_ASKED_RE.search(question) and not any(STOCK_IN_TEXT_RE.search(x) for x in text):
        return "stock"
    return missing_detail(question, original, lines)


#: what a plan rarely gives about a unit and a question may ask of any of its tasks: points
#: an assessment deducts, a phone or an office, an internal section, a person, a headcount
SCORE_ASKED_RE = re.compile(r"扣(几|多少)分|(几|多少)分(?![工别布类解析级期批项担之钟管贝区])|分值|"
                            r"\bpoints? (?:are |is |be )?(?:deducted|lost|taken off)\b|\bscore\b", re.IGNORECASE)
SCORE_IN_TEXT_RE = re.compile(r"\d\s*分(?![工别布类解析级期批项担之钟管贝区])|分值|扣分")
CONTACT_ASKED_RE = re.compile(r"(?<![来打通接回])电话(?![问说里中])|手机号|联系方式|邮箱|传真|办公地址|办公地点|在哪(里|儿)?办公|"
                              r"\b(?:tele)?phone\b|\be-?mail\b|\boffice address\b|\bcontact details\b", re.IGNORECASE)
CONTACT_IN_TEXT_RE = re.compile(r"\d{3,4}-\d{7,8}|(?<!\d)1\d{10}(?!\d)|@|电话|地址[:：]")
DIVISION_ASKED_RE = re.compile(r"(哪个|哪些|什么|哪一个|具体由?)(处室|科室|股室|业务处|业务科)|内设(机构|部门|处室|科室)|"
                               r"(处室|科室|股室)(是|叫)(哪|什么)|哪(个|一个)(处|科|股)(?=[来负具牵管办主在，,？?]|$)|"
                               r"(局|厅|委|单位|部门)内部(是|由)?(哪|什么)|\binternal (?:division|section|office)\b|"
                               r"\b(?:which|what) (?:division|section|office) (?:of|in|within|inside) the [\w ]{0,30}?"
                               r"(?:bureau|department|commission|ministry|administration|agency)\b", re.IGNORECASE)
DIVISION_IN_TEXT_RE = re.compile(r"处室|科室|股室|内设")
#: named instances asked (模范县名单, 哪几家污水处理厂, which projects were selected): a plan's
#: share or count of them (60%以上…污水处理厂, 创建国家智能建造试点) names none
ROSTER_ASKED_RE = re.compile(r"(?<!单位)(?<!部门)名单|哪几家|具体是哪(?:几|些)(?:个|家|处)|(?:项目|企业|公司|小区|社区|学校|医院)(?:名称|名字)|"
                             r"哪些[^，。？?]{0,10}(?:入选|被选|被列为|被评为|被确定为|被认定为)|"
                             r"\b(?:which|what) (?:projects|counties|districts|communities|cities|towns|villages|plants|"
                             r"companies|enterprises|sites)\b[^?]{0,40}\b(?:were|have been|are|got) (?:selected|chosen|"
                             r"named|designated|listed|approved)\b|\bnames? (?:of )?(?:the |these )?(?:projects|counties|"
                             r"districts|communities|plants|companies|sites)\b", re.IGNORECASE)
_NAMED = r"[\u4e00-\u9fa5]{2,10}(?:县|区|市|镇|乡|街道|村|社区|小区|项目|厂|公司|园区)"
ROSTER_IN_TEXT_RE = re.compile(rf"名单|{_NAMED}(?:、{_NAMED})+")
_UNIT = r"[\u4e00-\u9fa5]{2,16}(?:局|委|厅|部|办|中心|政府|公司)"
#: units asked (哪几家单位, 具体是哪几个部门, 主责是哪几家, 哪几家联合发的) are named by the task's units (由X牵头, X、Y按职责分工负责)
UNITS_ASKED_RE = re.compile(r"单位|部门|机构|机关|谁|牵头|主责|负责|配合|参与|联合(?:印)?发")
UNITS_IN_TEXT_RE = re.compile(rf"{_UNIT}(?:、{_UNIT})+|(?:牵头|参与)单位|由[^，。；]{{2,60}}(?:牵头|负责)")
_DETAILS = (("score", SCORE_ASKED_RE, SCORE_IN_TEXT_RE), ("contact", CONTACT_ASKED_RE, CONTACT_IN_TEXT_RE),
            ("division", DIVISION_ASKED_RE, DIVISION_IN_TEXT_RE), ("person", PERSON_ASKED_RE, PERSON_NAMED_RE),
            ("headcount", HEADCOUNT_ASKED_RE, HEADCOUNT_IN_TEXT_RE))


#: what the refusal says each detail is missing
DETAIL_NOT_GIVEN = {"score": "考核扣分或分值", "contact": "联系电话、办公地址等联系方式",
                    "division": "单位内部由哪个处室、科室承办", "person": "具体负责人是谁", "headcount": "人员数量",
                    "roster": "具体名单（是哪些地方、项目或单位）"}


def missing_detail(question: str, original: str, lines: Sequence[str]) -> str | None:
    """The detail ``question`` asks for (a named list; of a unit: score, contact, division,
    person, headcount) that none of ``lines`` gives, or None: checked whatever the intent, since
    a unit's task (住建局负责这项工作的分管副主任是谁) does not answer who its deputy head is."""
    text = [_NOT_FIGURES_RE.sub("", x) for x in lines]
    if (ROSTER_ASKED_RE.search(question) or ROSTER_ASKED_RE.search(original)) and not any(
            ROSTER_IN_TEXT_RE.search(x) or UNITS_ASKED_RE.search(question) and UNITS_IN_TEXT_RE.search(x) for x in text):
        return "roster"
    return next((kind for kind, asked, given in _DETAILS
                 if (asked.search(question) or asked.search(original)) and not any(given.search(x) for x in text)), None)


#: a fault to be fixed (下水道堵了找谁, 暖气不热了, 路灯坏了谁修): a service's business, which a plan's
#: passage on the same facility does not answer unless it speaks of repairs
REPAIR_ASKED_RE = re.compile(r"(?:堵|坏|漏|裂|塌|爆)了|不热了?|停(?:水|电|暖|气)了|抢修电话|维修电话|找谁修|谁来?修|修不修|"
                             r"(?:谁|哪个部门|哪里|哪儿)[^，。？?]{0,4}(?:修|维修)")
REPAIR_IN_TEXT_RE = re.compile(r"维修|抢修|报修|故障|巡检")


#: what exists today asked (聊城现有多少公里管廊): a target to add (新增7.5公里) does not answer it
STOCK_ASKED_RE = re.compile(r"(现有|目前有|现在有|目前共有|现在共有|现在一共有|已有|已经有)(多少|几)|"  # …现在的道路网密度是多少
                            r"(现在|目前|当前|眼下)的(?![^，,。？?]{0,16}(目标|指标|要求|标准|规定|任务|方案|文件|规划|表|要|应|需|力争))"
                            r"[\u4e00-\u9fa5]{2,14}?(是|为)(多少|几)|"  # …率现在是多少, 现在达到多少了: today's value, no target's
                            r"(?:^|(?<=[，,。？?\s]))(?![^，,。？?]*(?:目标|指标|要求|标准|规定|计划|补贴|补助))[^，,。？?]*?"
                            r"(?:率|密度|面积|总量|规模|里程|户数|个数)(现在|目前|当前|眼下)(已经|已)?(是|为|有|达到了?|到了)(多少|几)")
STOCK_IN_TEXT_RE = re.compile(r"(现有|已有|共有|截至|截止|现状|存量|目前|已建成)[^，。；;]{0,20}\d")


#: progress, results or money spent asked (现在完成了没有, 考核结果, 资金到位了吗, actually completed
#: last year): a plan states targets and tasks, never how far they have come
PROGRESS_ASKED_RE = re.compile(
    r"完成了(没有|没|吗|多少)|有没有完成|哪些(已经|已)(完成|建成|实现|落实|达标)(了|没有|吗|[？?]|$)|(已经|已)(完成|建成|实现|落实|达标)了[？?。!！]*$|完没完成|完成没有|是否(已经|已)?(完成|达标|实现)|(已经|已)(完成|建成|达到|达标|实现|落实)了?(多少|吗|没有|没)|(已经|已)到了?多少|"
    r"实际(已经|已)?(完成|新增|建成|达到|到了|落实|投入|到位)|完成(情况|进度|得怎么样|得如何)|进展(如何|怎么样|情况|到哪)|进度(如何|怎么样|到哪)|"
    r"(评估|考核|检查|督查)的?(结果|得分|排名)|滞后|落后于|"
    r"(去年|上一年|前年|今年以来|截至目前|截至今年|到目前|目前为止|至今)[^，。？?]{0,14}(完成|达到|建成|新增|进展|实现|落实|用了|花了)|"
    r"已经?(?!经|规定|明确|提出|列出|列|写|要求|部署|安排|确定)[\u4e00-\u9fa5]{1,3}了(多少|几)|"  # 已经翻新了多少户, not 方案已经规定了几项
    r"资金(是否|有没有)?(已经)?到位|(现在|目前)[^，。？?]{0,10}(完成|达标|建成)了|"
    r"\bactually\b(?!\s+(?:have|has|need|needs|must|should|require|requires|required|say|says|said|mean|means|lead|leads|led|"
    r"handles?|owns?|runs?|supports?|involved|responsible|in charge|"
    r"meant|do|does|cover|covers|include|includes|ask|asks|state|states)\b)|\bso far\b|\bto date\b|\bwhat (is|was) the (current )?(progress|status)\b|\bhow much progress\b|"
    r"\bprogress (has been )?made\b|\bcurrent status\b|\blast year\b|behind schedule|"
    r"\bhas (?:it|this|that|the [\w-]+(?: [\w-]+){0,3}) (?:already )?been (?:completed|achieved|met|finished)|"
    # a count done so far (how many … have already completed), not "already built before 2000"
    r"\bhow (?:many|much)\b[^?]{0,60}\b(?:have|has|had) already\b|"
    r"\bresults? of the\b[^?]{0,30}\b(?:evaluation|assessment|inspection)", re.IGNORECASE)
#: a past period a plan's background may report on (十三五期间完成了多少): asked of the text
#: (方案实施以来 is since the plan: progress)
PAST_PERIOD_RE = re.compile(r"十三五|十二五|20[01]\d\s*年|(?<!实施)(?<!印发)(?<!出台)(?<!发布)(?<!施行)以来")


#: how progress is followed asked (多久通报一次进展, who reports progress, 完成情况怎么考核): what the plan requires
PROGRESS_FOLLOWED_RE = re.compile(r"多久|多长时间|频次|频率|报送|上报|调度|通报|谁|哪个(单位|部门)|(怎么|如何|怎样|用什么方式|以什么方式)"
                                  r"(考核|评估|督导|督查|检查|管理)|纳入|"
                                  r"how often|\bwho\b|\bwhich (unit|department|bureau)", re.IGNORECASE)


#: a plan weighed against an earlier one (比上一轮方案多了多少户, compared with the previous plan): plans never say
EARLIER_PLAN_RE = re.compile(r"(?:比|较|相比|和|与|跟)(?:起)?(?:上一轮|上一期|上一版|上轮|上期|前一轮|前一期|以前的|之前的|原来的|旧的?)"
                             r"(?:方案|规划|计划|文件)(?![局部委厅处])|(?:上一轮|上一期|上一版|上轮|上期|前一轮|前一期)(?:方案|规划|计划)[^，,。？?]{0,12}"
                             r"(?:多了?|少了?|增加|减少|提高|降低|变化|相比|不同|区别)|"
                             r"\b(?:than|compared (?:with|to)|versus|vs\.?)\s+(?:the\s+)?(?:previous|earlier|last|prior|old)\s+"
                             r"(?:plan|round|edition|version)\b", re.IGNORECASE)


def asks_progress(text: str) -> bool:
    """Whether a question asks how far the work has come (not what the plan requires)."""
    return bool(PROGRESS_ASKED_RE.search(text)) and not PAST_PERIOD_RE.search(text) \
        and not PROGRESS_FOLLOWED_RE.search(text)


#: a text asked to be written (帮我写一份总结, 起草一个通知, draft me a report): no question of what the documents say
WRITE_FOR_ME_RE = re.compile(r"^(?:请|麻烦)?(?:你)?(?:帮我|替我|给我|帮忙|帮着)?(?:写|起草|草拟|拟|撰写|生成|编写)(?:一|个|份|篇|段)+|"
                             r"^(?:please\s+)?(?:write|draft|compose)\s+(?:me\s+)?(?:a|an)\b", re.IGNORECASE)


def refused_unread(q: Query) -> str | None:
    """The refusal of a question no search can answer: English words the documents have no
    counterpart for, or progress made (plans state targets, never how far they got)."""
    content = bool(q.terms or q.unit or q.fact or q.row is not None or q.signals.asks_structure or q.places)
    asked = ROW_RE.sub(" ", q.original) if q.row is not None else q.original  # row 12: read, not unknown
    if q.english and (unknown := not_understood(asked, content)):
        return f"现有文件中没有找到这个问题的答案（问题中的 {', '.join(unknown[:4])} 在文件中没有对应的内容）。"
    if WRITE_FOR_ME_RE.search(q.original or q.text):
        return "本助手只回答文件中写了什么（目标、任务、分工、时限），不代写总结、报告等材料。"
    if asks_progress(q.original or q.text) and q.intent not in ("structure", "doc_fact"):
        return "文件只规定目标、任务和分工，没有实施进展、完成情况、资金到位或考核结果的内容，无法回答。"
    if EARLIER_PLAN_RE.search(q.original or q.text):
        return "文件没有与上一轮（以前）方案的比较，无法回答这个问题。"
    return None


def without_asked(q: Query, draft: A.Draft, details_only: bool = False) -> A.Draft:
    """保修期限延长到几年 answered by 延长工程质量保修期限: the passage names the thing but not
    the kind of answer asked (:mod:`assistant.answering.asked`), so it is no answer (shown
    as the nearest passage); of a unit's tasks, only a detail about the unit is checked."""
    kind = draft.found and (missing_detail if details_only else missing_kind)(q.text, q.original or q.text, draft.lines)
    if kind:
        said = f"现有文件没有写明{DETAIL_NOT_GIVEN[kind]}，无法回答这个问题。" if kind in DETAIL_NOT_GIVEN else A.NO_PROVISION
        near = next((x for x in draft.lines if re.search(r"\[1\]", x)), draft.lines[0])  # a cited line, not a list's heading
        return A.Draft(found=False, citations=draft.citations[:1], lines=[said, A.NEAR, near])
    return draft
