"""The words of a question: which are only asking (哪个, 多少, 我们局 …), which carry its
content, and what a quantity question asks the value of.  Vocabulary of asking, not of any
document: what a document is about is read from the documents themselves."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.vocabulary import field_event
from assistant.numerals import cn_to_int
from assistant.text import YEAR_RE, synonym_key

Tagged = Sequence[tuple[str, str]]


def jieba_tagged(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) by jieba's own dictionary, for text read without an index's tokenizer."""
    import jieba.posseg as pseg

    return [(p.word, p.flag) for p in pseg.lcut(text)]


def dictionary_words(text: str) -> list[str]:
    """Words by jieba's own dictionary alone: no HMM, which would join unknown characters
    into a word of their own (原侧 of 基本原侧)."""
    import jieba

    return list(jieba.lcut(text, HMM=False))


def in_dictionary(word: str) -> bool:
    """Whether jieba's dictionary has ``word`` as a word of its own."""
    return dictionary_count(word) > 0


def dictionary_count(word: str) -> int:
    """How often jieba's dictionary counts ``word`` (0: not a word of it)."""
    import jieba

    jieba.dt.check_initialized()
    return int(jieba.dt.FREQ.get(word, 0))


def word_starts(words: Tagged, text: str) -> list[int]:
    """Where each tagged word starts in ``text`` (found in order: the tokenizer drops white
    space, so summing lengths would drift)."""
    out, at = [], 0
    for w, _ in words:
        i = text.find(w, at)
        i = at if i < 0 else i
        out.append(i)
        at = i + len(w)
    return out

QUESTION_WORDS = frozenset("""
哪个 哪些 哪家 什么 怎么 怎样 如何 多少 是否 有没有 有无 请问 一下 还是 分别 要求 要 需要 应该 应当 可以 能否 目标 指标
牵头 负责 参与 配合 承担 职责 责任 谁 单位 部门 由谁 归谁 谁管 任务 工作 方案 文件 这个 本 规定 提出 明确 达到 多少 比例 是 什么样
多长时间 多久 隔多久 具体 主要 内容 包括 有关 相关 方面 情况 问题 措施 关于 我们 我市 本市 全市 现在 目前 今年 为止 哪年 年份
以前 之前 前 时候 时间 何时 期限 完成 实现 开展 推进 推动 建设 加强 提高 提升 全部 都 算 只是 不 和 或 及 以及 一共
参与单位 配合单位 牵头单位 责任单位 协同单位 协办单位 主责单位 负责单位 完成时间 几条 几项 哪几 哪几条 几个 市级 县级 省级 国家级 市里 县里 省里 区级 节点 时间节点 时限 完成时限 多大 多长 每年 每个 总共 要求是 是多少 能 会 该 其 它 呢 吗 的 了 在 把 被 对 给 让 向 从 到
百分之 到底 究竟 打算 准备 想要 拟 不能 不可以 最多 最少 至少 搞 了解 弄清 弄清楚 知道 想问 请教 明白 讲究 说法 角色 扮演 身份
截止 截至 截止到 截止日期 截止时间 提到 提及 说到 讲到 写到 写明 写着 载明 提没提 确认 核实 核对 接手 听说 记得 对吗 对不对
是不是 对吧 是吗 没错 没错吧 吧 好像 几乎 不用 做到 据说 印象 印象中 我记得 以为 我以为 回事 这回事 有这回事
还有 另外 此外 其他 其它 别的 一起 一同 对应 时间点 部委 厅局 委办局
区别 差别 差异 不同 异同 相比 比较 对比 更高 更低 更多 更少 更大 更小 更早 更晚 最高 最低 最早 最晚 最大 最小 一样 相同
""".split())

META_NOUNS = frozenset("""
事由 事项 事宜 计划 文字 导向 正文 文号 日期 落款 名称 标题 内容 情况 方面 举措 做法 规定 政策 进展 安排 部分 条款 附件 表格 分工表 原文 意思 上位
答案 问题 数据 数字 时候 时间 地方 部门 单位 领导 负责人 事情 东西 重点 要点 总体 整体 大概 具体 细节 依据 出处
任务量 数量 数目 数值 目标值 指标值 量化 态度 手段 形式 思路 途径 渠道 方式 办法 方法 步骤 说法 表述
范围 水平 程度 幅度 区间 档次 类型 种类 样子 结果 效果 状态 机构 清单 序号 编号 列表 汇总 缩写 简称 全称
事儿 这事儿 那事儿 交账 表里 表中 条里 条中 项里 项中 款里 群里 群内 责任分工表 任务分工表 责任表 任务表 分工方案 口号 提法 主体 层面 概括 总结 归纳 属于
汇报 局长 厅长 处长 科长 股长 主任 同事 书记 台账 分工 表上 表格里 那项 这项 那一项 这一项 环节 流程 组成 构成 对象
""".split())
NOUN_FLAGS = ("n", "nz", "nr", "ns", "nt", "q", "vn")


QUANTITY_ASK_RE = re.compile(r"^(要|应|需|需要|得)?(是|有|为|达到|定的|定为|能|补|给|安排了?|投入)?"
                             r"(多少|几|多大|多高|多长|什么水平)")
# "X是什么 / X有哪些 / X包括哪些": the question asks about X itself
WHAT_ASK_RE = re.compile(r"^(是|有|包括|包含|都是|都有)(什么|哪些|哪几)|^(是谁|是哪位)")
#: colloquial names of a role (谁打头阵, 打配合, 沾边的任务), said plainly before a question is read
ROLE_SLANG = (("打头阵", "牵头"), ("挑大梁", "牵头"), ("挑头", "牵头"), ("主抓", "牵头"), ("领衔", "牵头"), ("负总责", "牵头"),
              ("总负责", "牵头"), ("唱主角", "牵头"), ("打配合", "配合"), ("搭把手", "配合"), ("帮忙的", "配合的"),
              ("跟着别人一起干", "配合"), ("跟着别人干", "配合"), ("跟着干", "配合"), ("打下手", "配合"), ("带头干", "牵头"),
              ("沾边", "涉及"))


def plain_roles(text: str) -> str:
    """The question with a role said colloquially said plainly (谁打头阵 -> 谁牵头)."""
    for slang, plain in ROLE_SLANG:
        text = text.replace(slang, plain)
    text = _SPLIT_LEAD_RE.sub(lambda m: f"牵头{m.group(1) or ''}", text)
    text = _HAS_MATTER_RE.sub(r"涉及\1", text)
    text = _ROWS_RE.sub("任务", text)
    return _HAS_A_SHARE_RE.sub("涉及", text)


#: a table's rows asked for as a unit's share (出现住建局的行, 城管局牵头的那几行): its tasks;
#: never 行动/行业/执行, nor 第几行 (where a row stands)
_ROWS_RE = re.compile(r"(?:(?<=的)|(?<=[哪那这][几些]))行(?![动业为政使驶人走程车])")


#: 有X的事吗 / 有没有X的事 (国家方案有自然资源部的事吗), X a body: whether X is involved at all
_HAS_MATTER_RE = re.compile(r"(?<![没还])有(?:没有)?([^，,。？?！!的]{1,14}(?:局|厅|委|部|办|室|院|会|司|署|中心|政府|公司|集团|街道|单位|部门))"
                            r"的事(?:儿|情)?(?=吗|没有?|不|[？?。]|$)")


#: 牵头 split by what is led (牵了哪几项头, 牵过几个头, 牵了三项头): said plainly, 牵头哪几项
_SPLIT_LEAD_RE = re.compile(r"牵[了过着]?((?:哪|几|多少|[一二两三四五六七八九十\d]+)[几些]?[项个条件]?)的?头|牵[了过]()头")


#: 有份 of a unit's share in the work (县教体局有份的是哪项), not 有份文件 (there is a document)
_HAS_A_SHARE_RE = re.compile(r"有份(?=的|吗|没有|参与|[，,。？?]|$)")


#: X是谁在牵头: who does X, not X itself (组长是谁 asks the 组长)
_WHO_DOES_RE = re.compile(r"^是(谁|哪位|哪个单位|哪家)(在|来)?(牵头|负责|主抓|抓|管|配合|参与|领头|带头)")
#: after a rate, words asking its target (绿地率提了什么目标, 收集率要达到)
_RATE_TARGET_RE = re.compile(r"目标|多少|几|达到|提高到|控制在")
#: words asking which thing: the noun after them is what the answer must name
WHICH_WORDS = ("哪些", "哪种", "哪类", "什么", "哪几种", "哪几类", "何种", "哪样")
_HOW_MUCH_RE = re.compile(r"(多少|几|多大|多高|多长)$")
_WAYS_RE = re.compile(r"哪些|方式|怎样|如何|途径|渠道|办法|措施|机制|手段")
MONEY_WORDS = ("补贴", "补助", "奖励", "资金", "预算", "经费", "价格", "电价", "费用", "罚款", "税", "贷款", "额度",
               "元", "工资", "收费标准", "投资额", "掏钱", "掏腰包", "自费")
#: sanctions: a question asking what befalls someone (罚款 is money, above) is answered only
#: by a passage that names one, never by the duty it would sanction
SANCTION_WORDS = ("处罚", "惩罚", "处分", "问责", "追责", "惩戒", "罚则", "责任追究")
#: a consequence asked (不合格会怎么处理, 会受到什么处罚, 会被问责吗): the word after it is asked
_CONSEQUENCE_RE = re.compile(r"会(?:被|受到?|遭到|怎么|怎样|如何)(?:什么|哪些|啥)?$")
_CLAUSE_END_RE = re.compile(r"$|[吗呢啊呀？?。，,！!；;]")
#: a thing asked to exist, right before it (有没有规定的模板, 是否有统一的格式)
_PROVIDED_RE = re.compile(r"(?:有没有|是否有|有无)(?:规定|统一|专门|固定|明确|具体)?的?$|"
                          r"(?:需要|需|要|得|必须)(?:办|申请|取得|领|办理|拿到|报批)(?:个|一个|什么)?$")  # 需要办许可证吗
#: units written another way in questions
MEASURE_SYNONYMS = {"平米": "平方米", "千米": "公里"}
#: what a dimension asked after 多少 is measured in (多少面积 -> 平方米, 多大比例 -> %)
DIMENSION_UNITS = {"面积": "平方米", "比例": "%", "占比": "%", "百分比": "%", "比率": "%"}
#: a count asked by its own word (改造户数 目标): what is counted must follow a figure in the evidence
COUNTED = {"户数": "户", "套数": "套"}


#: parts of speech of words that carry a question's content (nouns, verbs, idioms,
#: abbreviations; x = a corpus word jieba has no tag for); how much each counts is weighed
#: later (IDF over the documents, importance to the question)
CONTENT_FLAGS = ("n", "v", "l", "i", "j", "x")


def _head_noun(words: Tagged) -> str | None:
    """The head of the noun phrase opening ``words`` (资金支持方式 -> 方式), when it names
    the kind of thing asked for rather than a word of asking (方式, 措施, 要求)."""
    head = None
    for w, flag in words:
        if not flag.startswith(("n", "v")) or not re.fullmatch(r"[\u4e00-\u9fa5]+", w) or (
                flag == "v" and head and _WAYS_RE.search(head)):
            break  # a verb after a way ends its phrase: 什么机制|保障资金 asks for a 机制 (资金支持方式: one noun)
        if flag.startswith("n") or (flag == "vn" and head is not None):  # 主题活动 -> 活动
            head = w
    if head is None or len(head) < 2 or head in QUESTION_WORDS or head in META_NOUNS or _WAYS_RE.search(head):
        return None  # 什么机制, 哪些渠道: the measures are the answer, whatever they are called
    return head


def asked_terms(words: Tagged) -> tuple[str, ...]:
    """What a quantity question asks the value of: the noun right before 多少/几
    (补贴多少, 资金一共安排了多少), the measure right after it (多少亿元, 多少个充电桩 ->
    个, 充电桩) and money words.  The evidence must hold them, not just the topic."""
    out: list[str] = []
    words = _join_synonyms(_rates(_how_many_split(words)))
    for i, (w, flag) in enumerate(words):
        cjk = bool(re.fullmatch(r"[\u4e00-\u9fa5]+", w))
        before = "".join(x for x, _ in words[max(0, i - 2):i])
        after = "".join(x for x, _ in words[i + 1:i + 4])
        if not cjk:
            continue
        if _HOW_MUCH_RE.search(before) and flag[:1] in ("q", "m", "n", "x") and w not in QUESTION_WORDS:
            out.append(DIMENSION_UNITS.get(w) or MEASURE_SYNONYMS.get(w, w))  # 亿元, 个, 平米 -> 平方米
            nxt = words[i + 1] if i + 1 < len(words) else ("", "")
            if flag[:1] in ("q", "m") and nxt[1].startswith(("n", "x", "vn")) and len(nxt[0]) >= 2:
                out.append(nxt[0])  # 多少个充电桩: what is counted
        elif (QUANTITY_ASK_RE.match(after) or WHAT_ASK_RE.match(after)) and flag.startswith(("n", "x", "vn")) \
                and len(w) >= 2 and w not in QUESTION_WORDS and w not in META_NOUNS \
                and not _WHO_DOES_RE.match("".join(x for x, _ in words[i + 1:i + 6])):
            out.append(w)  # the noun before 多少 / 是什么
        elif _PROVIDED_RE.search("".join(x for x, _ in words[max(0, i - 4):i])) \
                and flag.startswith(("n", "vn")) and len(w) >= 2 and w not in QUESTION_WORDS and w not in META_NOUNS \
                and _CLAUSE_END_RE.match("".join(x for x, _ in words[i + 1:i + 2])):
            out.append(w)  # 有没有规定的模板？: whether the plan provides that thing at all
        elif re.search(r"(?:哪一?年|何年)(?:能|要|会|将|可以|实现)?$", before) and field_event(w) \
                and _CLAUSE_END_RE.match("".join(x for x, _ in words[i + 1:i + 2])):
            out.append(w)  # 哪一年达峰: the field's event whose year is asked (not 达标, 普及) must be in the evidence
        elif field_event(w) and re.match(r"的?(?:时间节点|时间|年份|时点)", after) \
                and re.search(r"哪一?年|何年|什么时候|何时", "".join(x for x, _ in words[i + 1:])):
            out.append(w)  # 达峰的时间节点是哪一年: the same event, said first
        elif i and words[i - 1][0] in WHICH_WORDS and (head := _head_noun(words[i:])):
            out.append(head)  # 提交哪些材料, 执行什么标准: the kind of thing asked for
        elif (w.endswith("率") and len(w) >= 3 or w in COUNTED) and flag[:1] in ("n", "x") and (
                _RATE_TARGET_RE.search(re.split(r"[。；;？?！!]", "".join(x for x, _ in words[i + 1:i + 8]))[0])
                or not "".join(x for x, _ in words[i + 1:]).strip(" ?？")):  # 农村清洁取暖 改造户数: the last keyword
            out.append(COUNTED.get(w, w))  # 绿地率提了什么目标: the rate itself, not a share of something else
        elif any(m in w for m in MONEY_WORDS) and not _WAYS_RE.search("".join(x for x, _ in words)):
            out.append(w)  # 补贴多少, 罚款是什么: money asked for (not in 有哪些资金支持方式)
        elif any(m in w for m in SANCTION_WORDS) or (
                i and flag.startswith(("v", "n")) and len(w) >= 2 and w not in QUESTION_WORDS
                and _CONSEQUENCE_RE.search("".join(x for x, _ in words[max(0, i - 3):i]))
                and _CLAUSE_END_RE.match("".join(x for x, _ in words[i + 1:i + 2]))):
            out.append(w)  # 会受到什么处罚, 不合格会怎么处理 (the clause's last word; not 会如何进行节能改造)
    return tuple(dict.fromkeys(out))


def _how_many_split(words: Tagged) -> list[tuple[str, str]]:
    """几层, 几栋 cut as one numeral word: the asking word and the measure asked apart (not
    几成, a share, nor 几项/几个, a count of the plan's own items)."""
    out: list[tuple[str, str]] = []
    for w, flag in words:
        m = re.fullmatch(r"(几|多少)([层栋套辆台间座所棵])", w) if flag.startswith("m") else None
        out += [(m.group(1), "m"), (m.group(2), "q")] if m else [(w, flag)]
    return out


def _rates(words: Tagged) -> list[tuple[str, str]]:
    """A rate jieba cuts off its verb (收集/率, 治理/率) is one measure again (收集率): the
    rate of what is asked, which a passage on 收集处理设施 does not give."""
    out: list[tuple[str, str]] = []
    for w, flag in words:
        if w == "率" and out and len(out[-1][0]) >= 2 and re.fullmatch(r"[\u4e00-\u9fa5]+", out[-1][0]) \
                and (out[-1][1].startswith("v") or out[-1][1] == "x"):  # …or a term of the documents (资源化利用/率)
            out[-1] = (out[-1][0] + w, "n")
        else:
            out.append((w, flag))
    return out


def _join_synonyms(words: Tagged) -> list[tuple[str, str]]:
    """Two words jieba cut apart that make a word the synonym table maps (绿化/用地 ->
    绿化用地, which the documents call 绿地) are one term again; a group's own word
    (既有/建筑) stays cut, as the documents' words are."""
    out: list[tuple[str, str]] = []
    for w, flag in words:
        prev = out[-1][0] if out else ""
        k = next((k for k in range(len(prev)) if len(prev) - k + len(w) <= 6 and synonym_key(prev[k:] + w)), None)
        if k is not None:  # 城市绿化/用地: the word's tail and the next one
            out[-1:] = [(prev[:k], out[-1][1])] if k else []
            out.append((prev[k:] + w, "n"))
            continue
        out.append((w, flag))
    return out


#: single characters jieba may tag as nouns that do not make a word with the next one (要交/自查报告,
#: 新/结构: a verb or an adjective of the question, not 碳/排放)
_NO_QUALIFIER = frozenset("交新老大小多少好")


def _join_fragments(words: Tagged) -> list[tuple[str, str]]:
    """A word jieba does not know comes out as single content characters (扬/vg 尘/ng):
    a run of them is one word again (扬尘/n)."""
    out: list[tuple[str, str]] = []
    run: list[tuple[str, str]] = []
    for w, flag in [*_join_synonyms(_rates(words)), ("", "x")]:
        if len(w) == 1 and re.fullmatch(r"[\u4e00-\u9fa5]", w) and flag[:1] in ("n", "v", "a") \
                and w not in QUESTION_WORDS and w not in "省市县区事":  # 暖气的事/归谁管: 事 is no part of a word
            run.append((w, flag))
            continue
        if len(run) >= 2 and any(f.startswith("n") for _, f in run):  # a noun in it: 扬尘, not 来抓
            out.append(("".join(x for x, _ in run), "n"))
        elif len(run) == 1 and run[0][1].startswith("n") and run[0][0] not in _NO_QUALIFIER and len(w) >= 2 \
                and re.fullmatch(r"[\u4e00-\u9fa5]+", w) and flag in ("n", "v", "nz", "nr") \
                and w not in QUESTION_WORDS:
            out.append((run[0][0] + w, "n"))  # a lone noun character qualifies the word after it: 碳/排放
            run = []
            continue
        else:
            out += run
        run = []
        if w:
            out.append((w, flag))
    return out


#: how a question gives the use of the kind of thing it asks for (什么设施来处理…, 哪些措施用于…)
_PURPOSE_LINKS = ("来", "用来", "用于")
#: a time or place asked (什么时候来推广): no thing asked for, the verb keeps its weight
_WHEN_WHERE = frozenset({"时候", "时间", "地方", "时"})


def _purpose_of_asked(words: Tagged, i: int) -> bool:
    """Whether word ``i`` is the verb saying what the asked-for thing is for (什么设施来*处理*
    建筑垃圾, 采取哪些措施来*降低*能耗): a plan answers with the thing (资源化利用厂) and its
    object (建筑垃圾), seldom with the asker's generic verb."""
    if i < 2 or words[i][1] != "v" or words[i - 1][0] not in _PURPOSE_LINKS:
        return False
    if i + 1 >= len(words) or not words[i + 1][1].startswith(CONTENT_FLAGS):
        return False  # no object after it: the verb is all the topic there is
    thing, flag = words[i - 2]
    return flag.startswith("n") and thing not in _WHEN_WHERE and any(w in WHICH_WORDS for w, _ in words[max(0, i - 4):i - 2])


#: the word that makes 方案 a kind of document (行动方案, 实施方案, 工作方案)
_DOC_KIND_HEADS = ("行动", "实施", "工作")


def key_terms(words: Tagged, skip: Sequence[str] = ()) -> tuple[str, ...]:
    """The content words of a question: what the evidence of an answer must be about.
    Question words, words about the document itself (正文, 条款 …), units and places
    named (``skip``, checked elsewhere), numbers and years are not content."""
    out: list[str] = []
    joined = _join_fragments(words)
    for i, (w, flag) in enumerate(joined):
        if _purpose_of_asked(joined, i):
            continue
        if any(w in sk or sk in w for sk in skip if sk):
            continue
        if w.endswith("到") and i + 1 < len(joined) and joined[i + 1][0][:1].isdigit():
            w = w[:-1]  # 清洁取暖率到2025年 cut as 率到: 到 is the year's
        if len(w) < 2 or not re.fullmatch(r"[\u4e00-\u9fa5]+", w) or w in QUESTION_WORDS or w in META_NOUNS:
            continue
        if re.fullmatch(r"几[\u4e00-\u9fa5]", w):  # 几星, 几级, 几类: asking how many, not content
            continue
        if re.search(r"[谁啥哪咋]", w):  # 取暧谁 cut as 暧谁, 咋办: a question word in it, no content
            continue
        if w == "比比" and i and joined[i - 1][0].endswith("占"):  # 占比比全国…: 占比 cut as 占|比比
            continue
        if re.fullmatch(r"[要需应该得][\u4e00-\u9fa5]", w) and flag.startswith("v"):  # 要建, 需做: 建 is asked of
            continue
        if i and joined[i - 1][1].startswith("t") and re.fullmatch(r"[前后][\u4e00-\u9fa5]", w):
            continue  # 月底|前报: 前 ends the deadline, a lone verb is left
        if w in _DOC_KIND_HEADS and i + 1 < len(joined) and joined[i + 1][0] == "方案" or re.fullmatch(r"(?:行动|实施|工作)方案", w):
            continue  # 国家行动方案里: the kind of document named, no content
        if flag.startswith(CONTENT_FLAGS) or (flag == "b" and len(w) >= 3) or any(m in w for m in MONEY_WORDS):
            out.append(MEASURE_SYNONYMS.get(w, w))
    return tuple(dict.fromkeys(out))


#: a year written in Chinese numerals (二〇二五年)
CN_YEAR_RE = re.compile(r"二[〇零○]([一二三四五六七八九〇零○]{2})年")

#: after a year: what was built before or in it (2000年以前盖的老小区, 2003年建成的小区), a
#: qualifier of the thing, not a target year
_BUILT = r"(建成|建造|建设|修建|盖|建|竣工|投用|投入使用)"
BUILT_BEFORE_RE = re.compile(r"\s*年?\s*(?:(以前|之前|前)\s*" + _BUILT + r"|" + _BUILT + r"\s*的)")


#: a document number as written in a question (东建发[2024]12号文里; brackets left out or 年 for them:
#: 建标2024 35号, 东建发2024年12号)
DOC_NUMBER_RE = re.compile(r"[\u4e00-\u9fa5]{1,8}\s?[〔\[【（(]?\s*(?:19|20)\d{2}\s*(?:[〕\]】）)]|(?<=[发字函办规标]\d{4})年)?"
                           r"\s*第?\s*\d{1,4}\s*号(?:文件|文)?(?:里|中)?")


#: a later clause asking of something else (…，那2028年呢), after a clause telling a figure (2025年达到80%)
_THEN_ASKED_RE = re.compile(r"[，,；;。]\s*(?:那么?|而|那你说)(?=[^，,；;。]*?(?:多少|几|呢|吗|如何|怎样|什么))")
_FIGURE_TOLD_RE = re.compile(r"\d(?:\.\d+)?\s*(?:%|％|万|亿|平方米|公里|吨|户|个|座|处|千瓦)")


def told_before_asked(text: str) -> int:
    """Where a later clause asks of another year (…，那2028年呢) after a clause telling a figure
    with its year (2025年力争80%以上); 0 when the question is not so."""
    then = _THEN_ASKED_RE.search(text)
    return then.start() if then and YEAR_RE.search(text, then.start()) and _FIGURE_TOLD_RE.search(text, 0, then.start()) else 0


def find_years(text: str) -> tuple[int, ...]:
    """Target years asked about; a baseline year (比2020年…) and the year of a document
    number (东建发〔2024〕12号, 建标2024 35号, 东建发2024年12号) are not."""
    numbers = [m.span() for m in DOC_NUMBER_RE.finditer(text)]
    if at := told_before_asked(text):
        numbers.append((0, at))  # 2025年力争80%以上，那2028年的目标是多少: the first year told, the second asked
    ys = [int(m.group(1)) for m in YEAR_RE.finditer(text)
          if not re.search(r"((?<![占对相])比|较|相比|相较)\s*$", text[: m.start()])
          and not (re.search(r"(与|和|同)\s*$", text[: m.start()]) and re.match(r"年?(底|末)?\s*(相比|比较|对比|持平|同期)", text[m.end():]))
          and not (BUILT_BEFORE_RE.match(text, m.end()) and not re.search(r"(到|至|截至|截止)\s*$", text[: m.start()]))
          and not any(a <= m.start() < b for a, b in numbers)]
    ys += [cn_to_int("二〇" + m) for m in CN_YEAR_RE.findall(text)]
    return tuple(dict.fromkeys(ys))
