"""The formal register of official correspondence, read as everyday Chinese.

Staff write to the assistant as they write a 请示 or a 函: 现就…询问如下：…之任务为何？烦请告知，
责任主体系何部门, 定于何年, 特此询问.  The classical function words (之, 系, 何, 为何) and the
frames around the question (现就…询问, 望予答复) are rewritten to the words every later rule
reads (的, 是, 什么 / 哪个, 关于…), so the register never changes what is understood.
These are words of the written language, never any document's own; a word the plans use
in their content (之一, 百分之, 重中之重, 总之) is left alone.  Pure functions, no imports of
the rest of the package.
"""

from __future__ import annotations

import re

_CJK = r"\u4e00-\u9fa5"
#: a frame around the question (现就市城管局责任清单事项询问如下：…): what it is about stays, as 关于…，
_FRAME_RE = re.compile(r"(?:^|(?<=[。！!；;]))\s*(?:现|兹|特|谨)就(?P<about>[^：:，,。？?]{1,40}?)(?:有关|相关)?(?:事项|事宜|问题)?"
                       r"(?:询问|函询|咨询|请示|请教|提出询问)(?:如下)?[：:，,]\s*")
#: 关于推广绿色建材事宜，: the 事宜 is no word of the topic (事项 may be: 行政许可事项)
_ABOUT_MATTER_RE = re.compile(r"(?<=关于)(?P<about>[^：:，,。？?]{2,40}?)(?:有关|相关)?事宜(?=[，,：:])")
#: a request opening the question (烦请告知：, 请予明确，, 经查，): asks nothing of its own
_OPENING_RE = re.compile(r"^\s*(?:(?:烦请|敬请|恳请|特请|请)(?:予以)?(?:告知|示知|明确|说明|确认|答复|回复|核实)"
                         r"(?:一下|如下)?[：:，,]|经查[：:，,]|特此(?:询问|函询)[：:，,])\s*")
#: 烦请列明该方案…: a list asked
_LIST_RE = re.compile(r"(?:烦请|敬请|恳请|请)(?:予以)?(?:列明|列示|列举|逐项列出|开列)")
#: a closing courtesy (…为何？望予答复。 / 特此询问。 / 妥否，请示。)
_CLOSING_RE = re.compile(r"(?:(?<=[。！!？?，,；;])|^)\s*(?:特此(?:询问|函询|请示|函告|说明|致函)|望(?:予|请)?(?:答复|回复|函复|告知|明确|复函|示复)|"
                         r"请予(?:以)?(?:答复|回复|函复|告知|明确|确认|说明)|烦请(?:告知|答复|回复|明确)|为盼|是荷|"
                         r"妥否[，,]?\s*请(?:批)?示)[。！!.]*\s*$")
#: 为何 closing a clause after what is asked asks what (任务为何？), not why (为何要…, 这是为何？)
_WHAT_IS_RE = re.compile(r"(?<![因是这那此])为何(?=\s*(?:[？?。，,；;！!]|$))")
#: 系, 为 and a plan's fixing verb as the copula before what is asked, closing its clause (责任主体系何部门,
#: 目标为多少户？, 定于何年, 确定为哪一年); not 联系/体系, 因为/作为/分为/评为, nor 为 = for (为哪些项目提供…)
_ASKED_END = r"[^，,。？?；;！!]{0,6}(?:[？?。，,；;！!]|$)"
_COPULA_RE = re.compile(r"(?<![联关维派干谱世直水星院科])(?<![^主]体)系(?=何|哪|谁|什么)|"
                        rf"(?<![因作成认称以分列评定划改选视])为(?=(?:多少|几|哪)(?:一|个|些|家|种|年|类|项|条)?{_ASKED_END})|"
                        r"(?:确定|规定|明确|(?<![认评核鉴判])定)(?:为|于)(?=何年|何时|何|哪|多少|几)")
#: 何 in a word asking (何种, 何时, 何部门); not 如何, 任何, 为何, 几何, 奈何
_WHICH = (
    (re.compile(r"(?<![如任为几奈])何(?:种|类|样)"), "什么"),
    (re.compile(r"(?<![如任为几奈])何时"), "什么时候"),
    (re.compile(r"(?<![如任为几奈])何(?:处|地)"), "哪里"),
    (re.compile(r"(?<![如任为几奈])何年"), "哪一年"),
    (re.compile(r"(?<![如任为几奈])何级"), "哪一级"),
    (re.compile(r"(?<![如任为几奈])何(?=项|条|个)|(?<![如任为几奈])何(?=家(?:单位|部门|机构|牵头|负责|参与|配合|[？?，,。]))"), "哪"),
    (re.compile(r"(?<![如任为几奈])何者"), "哪个"),
    (re.compile(r"(?<![如任为几奈])何(?=部门|单位|机构|机关)"), "哪个"),
    (re.compile(r"(?<![如任为几奈])何(?=内容|要求|措施|目标|标准|任务|文件|方面|领域|指标|模式|方式|机制|规定)"), "什么"),
)
#: 之 as 的 before what a question asks of (牵头单位之任务, 该文件之文号, 比例之县); never in words of the
#: written language (之一, 百分之, 之间, 总之, 重中之重, 当务之急, 城市之窗)
_OF_RE = re.compile(rf"(?<=[{_CJK}])(?<![分总加随为与使换言中久持行反举当不])之(?=任务|职责|牵头|配合|参与|协办|主办|责任|目标|指标|"
                    r"时限|时间|日期|文号|成文|印发|主送|要求|标准|比例|占比|内容|范围|县|部门|单位|工作|措施|规定|量化|完成|"
                    r"数量|户数|面积|年份|期限|节点|重点|主要|具体|相关|有关|总体|全部|所有|城市|建筑|试点|项目|方案|文件|附件)")
#: the verb that says a plan fixed a role or figure (《方案》确定之责任主体, 附件所列牵头单位): no topic
_FIXED_RE = re.compile(r"(?:(?<=[》文案件表])|所)(?:确定|明确|规定|列明|载明|列)的(?=牵头|责任|配合|参与|协办|主责|完成|目标)|"
                       r"所列(?=牵头|配合|参与|责任)")
#: the lead as 公文 names it, when asked (责任主体是哪个部门, 作为责任主体的任务, 以X为责任主体的); not
#: whether a party named is one (物业服务企业是否为…的责任主体？)
_LEAD_RE = re.compile(r"责任主体(?:单位|部门)?(?=\s*(?:是|为)?\s*(?:谁|哪|何|什么))|(?<=作为)责任主体(?:单位|部门)?|"
                      r"(?<=为)责任主体(?:单位|部门)?(?=的)")
#: a count said after what is counted (任务共计几项, 附件所列任务合计多少条): 一共几项任务
_COUNT_AFTER_RE = re.compile(r"(?:共计|合计|总计|共列|共)(?:列有|列|有)?(?P<what>任务|事项|工作任务|重点任务)(?P<n>几|多少)(?P<m>项|条)|"
                             r"(?P<what2>任务|事项|工作任务|重点任务)(?:共计|合计|总计|共列|共有|共)(?P<n2>几|多少)(?P<m2>项|条)")
#: 所附 / 所列 before what is attached or listed (文件所附责任分工表, 附件所列任务): no word of the topic
_ATTACHED_RE = re.compile(rf"所(?:附|列)(?=[{_CJK}]{{0,4}}(?:表|任务|事项))")
#: 牵头抓总 (抓总 reads as 牵头 by the role words): one 牵头
_LEAD_TWICE_RE = re.compile(r"牵头抓总|抓总牵头")
#: a time asked by its noun (试点的启动时间是什么, 启动时间为何): when it starts (a deadline's 完成时间 is its own)
_WHEN_NOUN_RE = re.compile(r"[的之]?(?P<v>启动|开始|开展|实施|建成|出台|试行)(?:的)?时间(?:节点)?(?:是|为)?(?:什么时候|什么|何时|哪一年|几时)")

#: 定 as "set" in an everyday question on a figure (分别定的多少, 目标定的是多少, 方案定了哪些, 青山市定在2026年的目标):
#: what is asked, not a word of the topic; only after words that end there (选定, 划定, 拟定, 暂定 are words of their own)
_SET_AFTER = r"(?:^|(?<=分别)|(?<=各自)|(?<=国家)|(?<=[各都标例率案件市省县里上，,]))"
_SET_RE = re.compile(_SET_AFTER + r"定(?:的|了)(?:是)?(?=多少|什么|哪|几)|" + _SET_AFTER + r"定在(?=(?:19|20)\d\d)")


def plain_register(text: str) -> str:
    """``text`` with the formal register of official correspondence in everyday words
    (现就X询问如下：Y之任务为何？ -> 关于X，Y的任务是什么？)."""
    if not re.search(rf"[{_CJK}]", text):
        return text
    out = _FRAME_RE.sub(lambda m: f"关于{m.group('about').strip()}，", text)
    out = _ABOUT_MATTER_RE.sub(lambda m: m.group("about"), out)
    for _ in range(2):  # 望予答复。特此询问。
        out = _CLOSING_RE.sub("", out).rstrip("，, ")
    out = _OPENING_RE.sub("", out)
    out = _LIST_RE.sub("请列出", out)
    out = _WHAT_IS_RE.sub("是什么", out)
    out = _COPULA_RE.sub("是", out)
    for pattern, plain in _WHICH:
        out = pattern.sub(plain, out)
    out = _OF_RE.sub("的", out)
    out = _FIXED_RE.sub(lambda m: "的" if m.group().endswith("的") else "", out)
    out = _COUNT_AFTER_RE.sub(lambda m: "一共有{}{}{}".format(m.group("n") or m.group("n2"), m.group("m") or m.group("m2"),
                                                                m.group("what") or m.group("what2")), _ATTACHED_RE.sub("", out))
    out = _WHEN_NOUN_RE.sub(lambda m: f"什么时候{m.group('v')}", _LEAD_TWICE_RE.sub("牵头", out))
    out = _LEAD_RE.sub("牵头单位", out)
    out = _SET_RE.sub(lambda m: {"定的": "是", "定了": "有"}.get(m.group()[:2], ""), out)
    return out.strip() or text
