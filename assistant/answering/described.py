"""Units named by what they look after instead of by name (管钱袋子的那个部, 省里管环保的厅,
搞规划的那个局): resolved to the one unit of the loaded documents whose remit (the unit
data's everyday words for its work) or name holds the words, so the rest of the reading sees
the unit's name.  Nothing here knows a document: the candidates are the documents' units.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.documents.unitdata import alias_data
from assistant.documents.units import LEVEL_CHARS

#: the verb that opens a description by work (not the 管 of 城管局), and what may close its
#: object before 的 (管燃气这块的, 负责规划工作的)
_DOES = r"(?:专门|主要)?(?:管|负责|主管|分管|搞|抓)(?!理)"
_WORK_END = r"(?:工作|这块|这一块|那块|方面|的事|事儿)?的"
#: a unit described by its work: [level] 管/负责/搞… X [工作/这块] 的 [那个] ending
DESCRIBED_RE = re.compile(
    r"(?:(?P<level>国家|省里|市里|县里|区里|省|市|县)(?:层面|一级|级)?|(?<![\u4e00-\u9fa5])|(?<=[里中和与]))" + _DOES +
    r"(?P<work>(?:(?![局厅是谁哪])[\u4e00-\u9fa5、]){1,12}?)" + r"(?:" + _WORK_END + r"(?:那个|那家|这个|那|这)?|(?:工作|这块|那块|方面)?(?:那个|那家|这个))"
    r"(?P<end>总局|局|厅|部门|部|委员会|委|中心|署|办公室|办|单位)(?![分署法托城区])")  # not 部分, 部署, 中心城区
#: a description before a unit's own name (管暖气、管自来水的那个城管局): the name says who; when
#: the rest asks the unit's share of the work (…牵头哪些任务), the description is no topic of it
_BEFORE_NAME_RE = re.compile(r"(?:(?<![\u4e00-\u9fa5])|(?<=[里中和与问说是们儿]))" + _DOES +
                             r"(?:(?![局厅是谁哪])[\u4e00-\u9fa5、]){1,16}?" + _WORK_END + r"(?:那个|那家|这个)")
#: …the unit's share of the work asked (牵头哪些任务, 负责什么, 干啥), not a fact of one task
_SHARE_ASKED_RE = re.compile(r"(?:哪些|什么|几项|多少项|哪几项)(?:任务|工作|事)|(?:牵头|负责|参与|配合|承担|管)(?:了|的)?(?:哪些|什么|啥|几)|"
                             r"干啥|干什么|做什么|做哪些|要做啥")
#: who is asked (管规划的是哪个局, 负责清洁取暖的单位是谁): the description is the question, not a name
_WHO_ASKED_RE = re.compile(r"谁|哪(个|家|些|一个)?(单位|部门|局|厅|部|委|中心)|什么(单位|部门|局)|哪个|哪家")
#: …or asked right after it (负责节能改造的单位有哪些, 都有啥, 有几个, 分别是)
_ASKED_AFTER_RE = re.compile(r"\s*(?:都|分别|一共|总共)?(?:有|是)(?:哪|谁|啥|几|什么|多少)|\s*分别|\s*(?:吗|么|呢)?[？?]?$")
#: characters every unit name shares, no sign of its work
_GENERIC = frozenset("和与及的管理局厅部委员会中心办公室服务总省市县区")
#: characters a description must share with a unit's name when no remit word of it is said
MIN_SHARED = 2
_LEVEL_OF = {"国家": "", "省里": "省", "市里": "市", "县里": "县", "区里": "区", "省": "省", "市": "市", "县": "县"}
_ENDS_OF = {"总局": ("总局",), "局": ("局",), "厅": ("厅",), "部": ("部",), "委员会": ("委员会", "委"),
            "委": ("委员会", "委"), "中心": ("中心",), "署": ("署",), "办公室": ("办公室", "办"), "办": ("办公室", "办")}


def _level(name: str) -> str:
    """The level character a unit's name opens with, "" for none: 市场监管总局 is no 市 unit
    (the unit data knows the name whole)."""
    if name[:1] in LEVEL_CHARS and len(name) > 3 and alias_data().key(name) is None:
        return name[0]
    return ""


def _without_level(name: str) -> str:
    return name[len(_level(name)):]


def _fits(name: str, level: str | None, end: str) -> bool:
    """Whether a unit's name fits the level and ending typed (部门/单位: any ending)."""
    if end in _ENDS_OF and not name.endswith(_ENDS_OF[end]):
        return False
    return level is None or _level(name) == level


def _score(work: str, name: str, remit: Sequence[str]) -> int:
    """How well ``work`` (管X的: the X) describes the unit: its remit words held (weighted by
    length, twice), then the characters its name shares with the words."""
    held = sum(2 * len(r) for r in remit if r in work)
    shared = len((set(work) & set(_without_level(name))) - _GENERIC)
    return held + shared if held or shared >= MIN_SHARED else 0  # 燃气 is no work of 气象局


def pick_unit(work: str, level: str | None, end: str, units: Sequence[str],
              remit: Callable[[str], Sequence[str]]) -> str | None:
    """The one unit of ``units`` the description fits best, as it should be written in the
    question (its level kept only when a single document's unit fits), or None when none
    or several fit equally well."""
    groups: dict[str, list[str]] = {}
    for name in units:
        if _fits(name, level, end):
            groups.setdefault(_without_level(name), []).append(name)
    scored = sorted(((_score(work, names[0], remit(names[0])), key) for key, names in groups.items()), reverse=True)
    if not scored or scored[0][0] <= 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    key = scored[0][1]
    names = sorted(set(groups[key]))
    return names[0] if len(names) == 1 else (level or "") + key


def name_described_units(text: str, units: Sequence[str], resolve: Callable[[str], str | None],
                         remit: Callable[[str], Sequence[str]] | None = None) -> str:
    """``text`` with each unit described by its work replaced by the unit's name (省里管环保
    的厅 -> 省生态环境厅); unchanged when the question asks who does something (负责节能的
    单位有哪些, …是哪个局) or whether a unit is the one described (财政厅是不是管钱的那个厅吗)."""
    text = _named_after(text, resolve)
    if _WHO_ASKED_RE.search(text):
        return text

    def name(m: re.Match[str]) -> str:
        if _ASKED_AFTER_RE.match(text, m.end()):  # 负责节能改造的单位有哪些: who is asked
            return m.group(0)
        level = _LEVEL_OF[m.group("level")] if m.group("level") else None
        formed = (level or "") + m.group("work") + m.group("end")
        if resolve(formed):  # 管环保的厅: 环保厅, a short name the data knows
            return formed
        return pick_unit(m.group("work"), level, m.group("end"), units, remit or alias_data().remit) or m.group(0)

    return DESCRIBED_RE.sub(name, text)


def _named_after(text: str, resolve: Callable[[str], str | None]) -> str:
    """``text`` without a description its unit's own name follows, when what is asked is the
    unit's share of the work (管暖气的那个城管局牵头哪些任务 -> 城管局牵头哪些任务; not
    负责老旧小区改造的那个住建局，改造目标是多少, whose description is its topic)."""
    for m in _BEFORE_NAME_RE.finditer(text):
        rest = text[m.end():m.end() + 16]
        if any(resolve(rest[:n]) for n in range(len(rest), 1, -1)) and _SHARE_ASKED_RE.search(text, m.end()):
            return text[:m.start()] + text[m.end():]
    return text


#: the asker's own unit named by its kind alone (我们委, 咱们厅, 本局), not its head (我们局长)
_OWN_KIND_RE = re.compile(r"(?:我们|咱们|咱|本|我)(委|厅|局|办|中心|署|乡镇|镇|街道)(?![托员面部限势理法事公长]|领导|里的?领导)")


def _of_kind(kind: str, units: Sequence[str]) -> list[str]:
    """The units whose name ends as ``kind`` (委: 委员会 or 委), each once, sorted; a township's
    government for 乡镇 / 镇 / 街道 (各乡镇人民政府（街道办事处）)."""
    if kind in ("乡镇", "镇", "街道"):
        return sorted({u for u in units if re.search(r"乡镇|镇人民政府|街道", u)})
    return sorted({u for u in units if u.endswith(_ENDS_OF[kind])})


def name_own_unit(text: str, units: Sequence[str]) -> str:
    """``text`` with the asker's unit named by its kind alone (我们委在方案里配合哪些) given
    the name of the one unit of that kind among ``units``; unchanged where several are."""
    def name(m: re.Match[str]) -> str:
        fits = _of_kind(m.group(1), units)
        return fits[0] if len(fits) == 1 else m.group(0)

    return _OWN_KIND_RE.sub(name, text)


#: the asker's own share of the work asked (我们局牵头哪些任务), not a fact that holds for any unit
_OWN_SHARE_RE = re.compile(r"(哪些|什么|几项|哪几项|啥|多少项)(任务|工作|事|活)|(负责|牵头|参与|配合|承担)(了|的)?(哪|什么|啥|几)")


def own_unit_unclear(text: str, units: Sequence[str]) -> str | None:
    """What to ask back when the asker's unit, named by a kind several units share (我们局
    where the plan has four bureaus), is asked its share of the work; else None."""
    for m in _OWN_KIND_RE.finditer(text if _OWN_SHARE_RE.search(text) else ""):
        fits = _of_kind(m.group(1), units)
        if len(fits) > 1:
            return f"问题中的“{m.group(0)}”是哪个单位？文件中有{'、'.join(fits[:8])}等，请写明单位名称再问。"
    return None


def describes_unit(text: str) -> bool:
    """Whether ``text`` speaks of a unit by its work (省里管环保的厅, 管暖气的那个城管局)."""
    return bool(DESCRIBED_RE.search(text) or _BEFORE_NAME_RE.search(text))
