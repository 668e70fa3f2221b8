"""Questions asking the same of several units or things (资规局和住建局各牵头哪些, 清洁取暖和海绵城市
分别由谁牵头): split into one question per unit or thing, the rest of the sentence kept."""

from __future__ import annotations

import re
from collections.abc import Sequence

#: units asked one by one (资规局和住建局各牵头哪些, 分别负责哪些, 各自有哪些任务)
_EACH_UNIT_RE = re.compile(r"^[^，,。？?]{0,8}?(各|分别|各自)")


def each_unit(text: str, mentions: Sequence[str]) -> list[str]:
    """A question asking several units' own share (资规局和住建局各牵头哪一项) as one
    question per unit, in the order named; any other question as it is."""
    names = sorted({m for m in mentions if m}, key=len, reverse=True)
    if len(names) < 2:
        return [text]
    name = "(?:" + "|".join(map(re.escape, names)) + ")"
    run = re.search(f"{name}(?:(?:和|与|及|、|跟|以及)?{name})+", text)  # a mention may hold its joiner (和住建局)
    if not run or not _EACH_UNIT_RE.search(text[run.end():]):
        return [text]
    said = [m[1:] if i and m[:1] in "和与及跟" else m for i, m in enumerate(re.findall(name, run.group()))]
    return [text[:run.start()] + m + text[run.end():] for m in dict.fromkeys(said)]


#: two things asked one by one (清洁取暖和海绵城市分别由谁牵头, 第十三条和第十七条分别讲的是什么)
_EACH_THING_RE = re.compile(r"(?P<a>[^，,：:；;。？?\s和与及跟、（）()]{2,24}?)(?:和|与|及|跟|、|以及)"
                            r"(?P<b>[^，,：:；;。？?\s和与及跟、（）()]{2,24}?)"
                            r"(?P<mid>(?:中|里|里面)[，,][^，,。？?]{0,12}?|[，,](?=(?:这|那)两)|)(?P<each>分别|各自|各是|各由|各(?=多少|为|有)|"
                            r"(?:这|那)?两(?:项|个|条|块)(?!部门|单位)(?:任务|工作|事)?[，,]?"
                            r"(?=[^。？?]{0,8}?(?:牵头|谁|负责|配合|参与|哪个(?:单位|部门))))")
#: what names a plan (国家方案和东岳省方案; 东岳省2025年和临河县2025年): two plans' figures are asked one by one
_NAMES_PLAN_RE = re.compile(r"方案|文件|国家|全国")
#: …asked of each: who leads it, what it says (not a figure or a deadline, read together)
_WHO_OR_WHAT_RE = re.compile(r"谁|哪个(单位|部门)|哪些(单位|部门)|牵头|负责|配合|参与|讲|内容|什么")
#: a place or plan the first thing is asked in (东岳省, 青山市方案里), which the second shares
_SCOPE_RE = re.compile(r"(?:[\u4e00-\u9fff]{1,4}?(?<!城)(?:省|市|县)|国家|全国|部里|省里|市里|县里)(?:级)?(?:方案|文件)?(?:里|中|的)?(?=\S)")


#: two plans set against each other (完成时限：国家方案 vs 青山市方案)
_VERSUS_RE = re.compile(r"(?P<a>[^，,：:；;。？?\s和与及跟、（）()]{2,24}?)\s*(?:vs\.?|VS|Vs\.?|对比|PK)\s*"
                        r"(?P<b>[^，,：:；;。？?\s和与及跟、（）()]{2,24}?)(?P<mid>)(?P<each>)(?=[？?。]?$)")


#: two tasks whose deadlines are set against each other (X和Y，哪个先到期 / 哪个任务时限更早): each one's asked
_WHICH_DUE_FIRST_RE = re.compile(r"(?P<a>[^，,：:；;。？?\s和与及跟、（）()]{2,24}?)(?:和|与|跟|及)"
                                 r"(?P<b>[^，,：:；;。？?\s和与及跟、（）()]{2,24}?)[，,]?(?:哪个|哪项|哪一个|哪一项)"
                                 r"(?=[^。？?]{0,8}?(?:先到期|先完成|更早|更晚|早些|晚些))")


#: English: For A and B, which bureau leads each one?  -> which bureau leads A? / … B?
_ENGLISH_EACH_RE = re.compile(r"^\s*(?:for|as for|regarding|on)\s+(?P<a>[^,?]+?)\s+and\s+(?P<b>[^,?]+?),\s*"
                              r"(?P<ask>(?:which|who|what|when|how)\b[^,?]+?)\s+(?P<to>(?:for|to|of|in)\s+)?"
                              r"(?:each(?:\s+(?:one|of them))?|respectively)\s*\?*\s*$", re.IGNORECASE)


#: English: What are the 2027 targets for A and for B?  -> …for A? / …for B?
_ENGLISH_AND_FOR_RE = re.compile(r"^(?P<ask>(?:which|who|what|when|how)\b[^,?]*?\bfor)\s+(?P<a>[^,?]+?),?\s+and\s+for\s+(?P<b>[^,?]+?)\s*\?*\s*$",
                                 re.IGNORECASE)


def each_thing(text: str, mentions: Sequence[str] = ()) -> list[str]:
    """A question asking the same of two things (A和B分别由谁牵头; For A and B, which bureau leads each one?) as one
    question per thing, the rest of the sentence kept; a pair of units (:func:`each_unit`), of years or of one plan's
    figures (2025年和2030年分别是多少, X和Y分别达到多少: the targets are read together), two things asked of together
    (这两块一共有几个牵头单位) stay one question, and so does a unit's name holding 和 (发展和改革委员会)."""
    if (both := _ENGLISH_AND_FOR_RE.match(text)) and not re.search(r"\b(?:they|them|their)\b|\band\b", both["a"] + " " + both["b"]):
        return [f"{both['ask']} {x}?" for x in (both["a"], both["b"])]  # targets for A and for B
    if (english := _ENGLISH_EACH_RE.match(text)) and not re.search(r"\band\b|^(?:19|20)\d\d$", english["b"]) \
            and not re.search(r"\b(?:they|them|their)\b", english["ask"]) and not re.fullmatch(r"(?:19|20)\d\d", english["a"]):
        return [f"{english['ask']} {english['to'] or ''}{x}?" for x in (english["a"], english["b"])]  # not years, 'they', X and Y
    due = _WHICH_DUE_FIRST_RE.search(text)
    if due and not any(n and (n in due["a"] or n in due["b"]) for n in mentions) and not re.search(r"分别|各|由", due["b"]) \
            and not any(re.match(r"[0-9０-９一二两三四五六七八九十百]+[年%％万个项]?$|到?[0-9]", x) for x in (due["a"], due["b"])):
        scope = _SCOPE_RE.match(due["a"])  # 青山市方案里X和Y: the plan of both
        shared = text[:due.start()] + (scope.group() if scope else "")
        a = due["a"][len(scope.group()):] if scope else due["a"]
        return [f"{shared}{x}的完成时限是什么？" for x in (a, due["b"])]  # 哪个先到期: both deadlines shown, side by side
    m = _EACH_THING_RE.search(text) or _VERSUS_RE.search(text)
    if m is None or any(re.match(r"[0-9０-９一二两三四五六七八九十百]+[年%％万个项]?$|到?[0-9]", x) for x in (m["a"], m["b"])):
        return [text]
    if "两" in m["each"] and len(m["a"]) < 3:  # 住房和城乡建设这两块: one phrase more likely than two things
        return [text]
    join = m.end("a")
    if any(w.start() <= join < w.end() for n in mentions if n for w in re.finditer(re.escape(n), text)) \
            or any(n and (n in m["a"] or n in m["b"]) for n in mentions):  # 市发展和改革委员会: one name
        return [text]
    two_plans = all(_NAMES_PLAN_RE.search(x) or _SCOPE_RE.match(x) for x in (m["a"], m["b"]))
    if not (two_plans or _WHO_OR_WHAT_RE.search(text[m.end("each"):]) and m["each"]):
        return [text]  # 完成时限分别是, 分别是多少 of one plan: the rows or targets are read together
    a, b, by = m["a"], m["b"], "由" if m["each"] == "各由" else ""
    shared = a[:i] if b[0] == "第" and (i := a.rfind("第", 1)) > 0 else ""  # 分工表第6项和第8项: 分工表 of both
    if not shared and not two_plans and (scope := _SCOPE_RE.match(a)):
        shared = scope.group()  # 东岳省清洁取暖和海绵城市: 东岳省 of both
    if "两" in m["each"] and re.search(r"一共|总共|共有|同一|共同|相同|一样|多(?!少|个)|比(?!例)|加起来|合计", text[m.end("each"):]):
        return [text]  # 这两块一共有几个牵头单位, 是不是同一个: asked of both together
    rest = re.sub(r"^(?:各自|各|分别)(?=由|是|为)", "", text[m.end("each"):]) if "两" in m["each"] else text[m.end("each"):]
    return [text[:m.start()] + x + m["mid"] + by + rest for x in (a, shared + b)]  # 这两块各由谁: each part by whom
