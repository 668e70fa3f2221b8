"""A list of tasks narrowed by a topic the question names at its own level of generality
(农村方面（乡村、农房）的任务, 污水处理和再生水相关任务, 涉及海绵城市的任务, 供暖方面的任务由哪些部门牵头):
the tasks whose own label or text write a word of it, a synonym of one (供暖: 供热, 取暖), or,
for a compound no task writes (道路交通), a distinctive half of it.  Words are the question's
and the documents' own; nothing here names a plan's topic."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.answering.courtesy import WHO_ASKED_RE
from assistant.answering.parts import LIST_ASKED_RE, asked_sentence
from assistant.text import cut_words, synonym_groups
from assistant.types import TaskRow

#: the words before 方面/领域/这块 (and a bracket of examples after) when they are the whole thing asked
#: (followed by the task, who, a role or the end: not 城乡建设领域用能权交易试点), or before 相关/有关/类 + 任务
_TOPIC_BEFORE_RE = re.compile(r"([\u4e00-\u9fa5、]{2,24}?)(?:(?:方面|领域|这块|这一块)([（(][^）)]{2,20}[）)])?"
                              r"(?=\s*(?:的)?(?:任务|工作|事|内容|目标|指标|量化|由|谁|是|都|分别|归|哪|有|牵头|配合|参与|负责|主抓|承担)"
                              r"|\s*[，,？?]|\s*$)|(?:相关|有关|类)(?:的)?(?=任务|工作|事|目标|指标))")
#: …the words after 涉及/有关/关于/讲 + 的任务 (涉及垃圾的是哪几项, 讲乡村、农房的有哪些), or between 与/和 and 有关/相关
_TOPIC_AFTER_RE = re.compile(r"(?:涉及|有关|关于|讲|针对)([\u4e00-\u9fa5、]{2,16}?)的(?:任务|工作|事|目标|指标|是哪|有哪|都有|那几|那些)|"
                             r"(?:与|和|跟|同)([\u4e00-\u9fa5、]{2,12}?)(?:有关|相关)")
#: where the topic phrase starts: after the last asking, role, plan or function word before it (a whole word)
_TOPIC_START_RE = re.compile(r"[的在里中是有要对]|.*[哪谁啥\d].*|什么|各|这|那|这个|那个|其他|其它|别的|所有|全部|任务|工作|"
                             r"牵头|配合|参与|负责|主抓|主责|协助|协同|承担|单位|部门|推进|完成|开展|关于|涉及|方案|文件|年前|以前|[省市县]里")
#: …and the topic, when the words after 方面 ask who does it: nothing else asked (not 农村方面，农房节能改造由谁牵头)
_WHOLE_ASKED_RE = re.compile(r"^(?:方面|领域|这块|这一块)(?:[（(][^）)]*[）)])?\s*(?:的)?\s*(?:任务|工作|事项?)?\s*(?:都?有哪些[，,]?)?\s*"
                             r"(?:都|分别|主要)?\s*"
                             r"(?:由|归|是)?\s*(?:谁|哪个部门|哪些部门|哪个单位|哪些单位|哪家|牵头单位|牵头部门)?\s*(?:来)?\s*"
                             r"(?:牵头|负责|主抓|配合|参与|是谁|是哪个|有哪些|是哪些)?\s*(?:的)?\s*(?:由谁牵头)?\s*[？?。]?$")
#: words that join the topic words (农村、乡村和农房)
_TOPIC_JOIN_RE = re.compile(r"[、（）()]|和|与|及|以及|或|或者|还有")
#: a plan's title, in 《》 or not (省城乡建设领域碳达峰实施方案): where, not a topic
_TITLE_RE = re.compile(r"《[^》]*》|(?:(?![在的有哪里是])[\u4e00-\u9fa5]){2,8}领域(?:(?![在的有哪里是中])[\u4e00-\u9fa5]){0,12}?"
                       r"(?:方案|意见|通知)")


def topic_words(text: str, mention: str | None = None, who: bool = False) -> list[str]:
    """The topic words a list of tasks is narrowed by (农村方面（乡村、农房）的任务有哪些 -> 农村 乡村
    农房); [] when no list is asked (``who``: when no unit is asked, or more than the topic) or no
    topic is named."""
    text = _TITLE_RE.sub("，", asked_sentence(text))  # 《城乡建设领域绿色低碳发展行动方案》里: a plan, no topic
    listed = LIST_ASKED_RE.search(text) or re.search(r"哪些|哪几|列出|都有|(?:方面|相关|有关|领域|类)(?:的)?(?:任务|工作)$", text)
    if not (WHO_ASKED_RE.search(text) if who else listed and not WHO_ASKED_RE.search(text)):
        return []
    if mention:
        text = text.replace(mention, "，")
    m = _TOPIC_BEFORE_RE.search(text) or _TOPIC_AFTER_RE.search(text)
    if m is None or who and not (m.re is _TOPIC_BEFORE_RE and _WHOLE_ASKED_RE.match(text[m.end(1):])):
        return []
    words = cut_words(re.split(r"[，,]", next(g for g in m.groups() if g))[-1])
    start = max((i + 1 for i, w in enumerate(words) if _TOPIC_START_RE.fullmatch(w)), default=0)
    phrase = "".join(words[start:]) + (m.group(2) or "" if m.re is _TOPIC_BEFORE_RE else "")
    return [w for w in _TOPIC_JOIN_RE.split(phrase) if len(w) >= 2]


@lru_cache(maxsize=1024)
def _written(word: str) -> re.Pattern[str]:
    """``word`` or a synonym of it, whole or in two halves close together in one sentence: one
    pattern, built once per word (it is looked for in every task of a list)."""
    variants = [word, *(w for g in synonym_groups() if word in g for w in g if w != word)]
    return re.compile("|".join(alt for v in variants for alt in (
        re.escape(v), *(re.escape(v[:k]) + r"[^。；;，,、]{0,4}" + re.escape(v[k:]) for k in range(2, len(v) - 1)))))


def holds(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` or a synonym of it, whole or in two halves close together
    in one sentence (污水处理 in 污水收集处理)."""
    return bool(_written(word).search(text))


def _own_text(r: TaskRow) -> str:
    """A task's own label (not the broad 重点任务 a table puts above it) and its text, without
    short asides in brackets (城市（县城）: about 城市), with the synonyms of the words it writes
    (农房: 农村住房)."""
    text = re.sub(r"（[^（）]{1,6}）|\([^()]{1,6}\)", "", re.sub(r"\s+", "", (r.measure or r.key_task) + "：" + r.requirement))
    return text + "".join(f"；{w}" for g in synonym_groups() if any(w in text for w in g) for w in g if w not in text)


def topic_rows(words: Sequence[str], rows: Sequence[TaskRow]) -> list[TaskRow]:
    """The rows holding a topic word; for a compound of four characters no row holds (道路交通),
    its two words, each only where it is distinctive (held by under half the rows: 建筑 in
    建筑施工 narrows nothing)."""
    texts = [(r, _own_text(r)) for r in rows]
    looked: list[str] = []
    for w in words:
        if any(holds(w, t) for _, t in texts) or len(w) != 4:
            looked.append(w)
            continue
        half = len(w) // 2
        looked += [h for h in (w[:half], w[half:]) if 0 < sum(holds(h, t) for _, t in texts) < len(texts) / 2]
    return [r for r, t in texts if any(holds(w, t) for w in looked)]


def topic_within(text: str, mention: str | None, rows: Sequence[TaskRow], who: bool = False) -> tuple[str, list[TaskRow]]:
    """The rows of a list narrowed by the question's topic, with how it was narrowed; ("", [])
    when the question names no topic, or no row or every row holds it (it narrows nothing)."""
    words = topic_words(text, mention, who)
    inside = topic_rows(words, rows) if words else []
    if not inside or len(inside) == len(rows):
        return "", []
    return f"涉及“{'、'.join(words)}”的任务", inside
