"""A unit or a task the question names by another fact, the way an asker who remembers one thing asks the
next: 清洁取暖那项的牵头单位还牵头哪些任务, 跟住建局一起牵头绿色建材的那个部门, 市发改委牵头的那项任务谁配合,
牵头任务最多的单位负责哪些.  The pointer is found here, resolved from the plans' own task rows, and the question
is asked again with the name it points to, so the rest is answered as if the asker had written that name.
A pointer that does not lead to exactly one unit or one task is left as written."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.answering.asking import UNIT_PRONOUN_RE
from assistant.answering.compose import listed_tasks
from assistant.answering.courtesy import OWN_UNIT_RE, asker_intro
from assistant.answering.english import is_english
from assistant.answering.numbered import row_named
from assistant.answering.rankings import units_holding
from assistant.answering.rosters import names_no_lead
from assistant.answering.rowpick import (
    DEADLINE_RE,
    NO_PARTNER_RE,
    best_match,
    best_rows,
    by_row,
    has_said,
    row_of,
)
from assistant.text import bigrams
from assistant.types import TaskRow

Role = Literal["lead", "participating", "any"]

_CLAUSE = r"[^，,。？?；;：:]"
_ROLE = r"(?P<role>牵头|参与配合|配合|参与|协同|协助|负责|主责|责任)"  # as normalize_question writes roles (主抓 -> 牵头)
_THAT = r"(?:那个|那家|那一个|那一家|这个|这家|唯一的?|另一个|另一家|另外一个|另外那个|另外一家)?"
_LEVEL = r"(?:省级|市级|县级|国家)?"
_NOUN = r"(?:单位|部门|局|厅|委|机构|部委|部(?![署分]))"  # not 部署, 部分
_TASK_WORD = r"(?:那一项任务|那项任务|那一项|那项|这项|那一条|那条|这一条|这条|任务|工作|一项)?"
_NOT = r"(?:[（(](?:不是|除了?|非)(?P<other>[^）)]{2,16})[）)])?"

#: the unit that holds a task (县城城镇化那项的牵头单位, 供热计量改革那项里唯一的配合单位)
_UNIT_OF_TASK_RE = re.compile(rf"(?P<desc>{_CLAUSE}{{2,48}}?){_TASK_WORD}(?:里|中|里面)?的?{_THAT}{_LEVEL}{_ROLE}{_NOUN}{_NOT}")
#: …named by its role first (牵头推进屋顶分布式光伏的那个省级部门, 配合县城生活垃圾分类的那个单位)
_ROLE_FIRST_RE = re.compile(rf"{_ROLE}(?P<desc>{_CLAUSE}{{2,36}}?){_TASK_WORD}(?:的{_THAT}|那个|那家|这个|这家){_LEVEL}{_NOUN}{_NOT}")  # 负责X(的)那个局
#: …beside a unit named (跟住建局一起牵头绿色建材那项的那个部门, 和财政局共同牵头那项任务的单位)
_PARTNER_RE = re.compile(rf"(?:和|跟|与|同)(?P<partner>它|其|{_CLAUSE}{{2,16}}?)(?:一起|一道|一块|共同|联合|同时|搭档)?{_ROLE}"
                         rf"(?P<desc>{_CLAUSE}{{0,36}}?){_TASK_WORD}的{_THAT}{_LEVEL}{_NOUN}{_NOT}")
#: a task named just before a partner pointer (钢结构住宅智能建造那条 跟科技部一起配合的那个部): the task it is found in
_SAID_BEFORE_RE = re.compile(r"(?P<desc>(?:(?!那条|那项|这条|这项)[^\s，,。？?；;：:]){2,30}?)(?:那一?条|那一?项|这一?条|这一?项)(?:里|中|里面)?[\s，,]*$")
#: one of a task's two units, the other set aside (X那项有两个配合单位，不是财政局的那个; …有两家牵头，城管局以外的那家)
_ONE_OF_TWO_RE = re.compile(rf"(?P<desc>{_CLAUSE}{{2,48}}?){_TASK_WORD}有(?:两|2|二)(?:个|家)(?P<role>牵头|配合|参与)(?:单位|部门)?[，,]\s*"
                            rf"(?:不是|除了?|非)?(?P<other>{_CLAUSE}{{2,16}}?)(?:以外|之外)?的那(?:一)?(?:个|家)(?:单位|部门)?")
#: …both of them (X那项有两个配合部门，这两个部门一起配合的任务)
_BOTH_OF_TWO_RE = re.compile(rf"(?P<desc>{_CLAUSE}{{2,48}}?){_TASK_WORD}有(?:两|2|二)(?:个|家)(?P<role>牵头|配合|参与)(?:单位|部门)?[，,]\s*"
                             r"(?:这|那)(?:两|2|二)(?:个|家)(?:单位|部门)?")
#: the unit ranked first by its tasks (牵头任务最多的单位, 配合任务最多的那个部门)
_TOP_UNIT_RE = re.compile(rf"{_ROLE}(?:的)?(?:任务|工作)?(?:数量?|项数)?最(?P<order>多|少)的{_THAT}{_NOUN}")
#: the one task a unit holds (市发改委牵头的那项任务, 省工信厅在省方案里当配合单位的那项任务)
_TASK_OF_UNIT_RE = re.compile(rf"(?:配合|参与|协助|协同)?(?P<unit>(?![和跟与同]|牵头|配合|参与|负责|协助|协同)(?:(?!是){_CLAUSE}){{2,24}}?)(?:在{_CLAUSE}{{1,10}}?(?:里|中))?(?:当|作为|担任|所)?{_ROLE}(?:单位)?"
                              rf"(?:的?(?:那|这|唯一)一?(?:项|条|个)(?!{_NOUN})(?:任务|工作)?|的?任务(?=的))")  # X所配合任务的其他配合单位
#: the one task among a unit's that has what is said (县城管局牵头那几条里 配合单位只有一家的那条)
_TASK_AMONG_RE = re.compile(rf"(?P<unit>{_CLAUSE}{{2,24}}?){_ROLE}的?(?:那几条|那几项|那些任务|那些|任务)(?:里|中|当中|里面)[，,\s]*"
                            rf"(?P<desc>{_CLAUSE}{{2,24}}?)的那一?(?:条|项)(?:任务|工作)?")
#: a count narrowed to part of the plan or with a unit left out (除了住建局以外, 第三部分里, 第七条中): the ranking's
_NARROWED_RE = re.compile(r"除了?|以外|之外|部分|第[^，,。？?]{1,4}条|措施|任务[中里]")
#: what a task found is asked for: its units (谁牵头, 配合单位有哪些), the question then asked of the task by name
_UNITS_ASKED_RE = re.compile(r"牵头|配合|参与|协同|协助|负责|责任|谁|单位|部门")
#: a task found said as what a thing is checked against (…那项任务吗, …是不是县城城镇化): the claim stays as asked
_CHECK_RE = re.compile(r"吗[？?。]?$|是不是|是否|对不对|对吗")
#: a pointer said as what a named thing is checked against (省住建厅是不是参与任务最多的单位, X是不是甲局牵头的那项): none
_CHECKED_RE = re.compile(r"是不是|是否|就是|不是|是$")
#: where a task found is asked to be in the plan (…的那项在方案第几条): its unit's list says it, with the task
_WHERE_RE = re.compile(r"第几条|哪一?条|哪个?部分|哪一部分|哪一章")
#: …held alone (丙局单独牵头的那项任务): the rows where no other unit shares the role
_ALONE_RE = re.compile(r"单独|独自|独立|一家")
#: a pointer standing for the task a clause before it describes (…的那一条，它的牵头部门)
_BACK_RE = re.compile(r"^(?:它|其|该任务|该项|这项任务?|那项任务?|这一项|那一项)的?$")
#: what the rest asks of the unit pointed at: its tasks, or how many (还牵头哪些, 一共涉及哪些任务, 一共牵头了几项)
_ASKS_TASKS_RE = re.compile(r"哪些|哪几|哪项|哪一项|几项|多少项|什么|有没有|没有[？?。，,]|没有$|吗[？?。，,]|吗$|列出|是否|是哪")
_TASKS_RE = re.compile(r"任务|工作|事|项|哪几?条|几条|(?:牵头|配合|参与|负责|涉及)了?(?:哪些|哪几)")
#: …the unit's share of the plan (还牵头, 一共涉及, 全部, 别的), not what it does in the task found (需要做哪些工作)
_SHARE_RE = re.compile(r"牵头|配合|参与|负责|涉及|承担|还|另外|其他|其它|别的|一共|总共|全部|所有|都有|几项|多少项")
#: …not a fact of the task itself (…的牵头单位，配合单位是谁: the task's own units)
_TASK_FACT_RE = re.compile(r"(?<!作为)(?<!当)(?<!担任)(?<!是)(?:牵头|配合|参与|责任)(?:单位|部门)|目标|比例|多少(?!项)|时限|期限|要求|这一?项|该项|此项|这件|具体|主要|需要|要承担|要做|要负责")
#: a task named by where it stands or what its row holds (表里第一项任务, 完成时限为“2027年底前”的那项, 唯一一项没有配合单位的任务)
_TASK_BY_ROW_RE = re.compile(rf"(?P<desc>{_CLAUSE}{{2,40}}?)的?那一?(?:项|条)(?:具体)?(?:任务|工作)?")
#: a figure asked of a task found (…的那项任务，到2025年要新增多少公里): by a unit, its own words find it better than the
#: task's name (left as asked); by its row's cells, it is asked of the row's measure
#: …a figure asked and nothing else (目标多少, 的目标是多少？): the task found is asked of its measure
_BARE_FIGURE_RE = re.compile(r"^[\s，,]*(?:它|其)?的?(?:量化)?(?:目标|指标)(?:值)?(?:是|为|定的|要|要求|达到)*(?:多少|几)[？?。]?$")
_FIGURE_RE = re.compile(r"多少(?!项|个单位|家)|目标|比例|比重|达到|百分之|%")

#: English: the unit holding a task (the sole supporting unit on X, the department that co-leads X with Y, the
#: bureau in charge of X) and the task a unit holds (the task that the county market supervision bureau supports)
_EN_END = r"(?=\s+(?:task|item|work|requirement|takes?|leads?|supports?|does|do|is|are|has|have)\b|\s*[,?.:;—–-]\s|\s*[,?.:;—–]|$)"
_EN_UNIT_OF_TASK_RE = re.compile(rf"\bthe\s+(?:sole\s+|only\s+|single\s+|one\s+)?(?P<role>supporting|lead|leading)\s+(?:unit|department|bureau|agency|body|ministry)"
                                 rf"\s+(?:on|of|for|in)\s+(?:the\s+)?(?P<desc>[^,?.:;—–]{{3,80}}?){_EN_END}|"
                                 rf"\bthe\s+(?:unit|department|bureau|agency|body|ministry|office)\s+(?:that\s+|which\s+)?"
                                 rf"(?P<role2>co-leads|leads|supports|heads|(?:is\s+)?in\s+charge\s+of|is\s+responsible\s+for)\s+(?:the\s+)?"
                                 rf"(?P<desc2>[^,?.:;—–]{{3,80}}?)(?:\s+with\s+(?:the\s+)?(?P<partner>[^,?.:;—–]{{3,60}}?))?{_EN_END}", re.IGNORECASE)
_EN_TASK_OF_UNIT_RE = re.compile(r"\bthe\s+(?:(?-i:[A-Z])\w+\s+)?task\s+(?:that|which)\s+(?:the\s+)?(?P<unit>[^,?.:;]{3,80}?)\s+"
                                 r"(?P<role>supports|leads|co-leads|takes\s+part\s+in|participates\s+in|is\s+involved\s+in)\b", re.IGNORECASE)
_EN_SINGLE_RE = re.compile(r"\bthe\s+(?P<desc>[^.?!]{3,100}?)\s+(?:task|item)\b[^.?!]{0,80}?\bhas\s+(?:a\s+single|only\s+one|one|a\s+sole)\s+"
                           r"(?P<role>supporting|lead|leading)\s+(?:unit|department|bureau|agency)\b[^.?!]*[.?!]\s*", re.IGNORECASE)
_EN_THAT_UNIT_RE = re.compile(r"\b(?:(?<=does\s)it|(?<=is\s)it|(?:that|this|the)\s+(?:unit|department|bureau|agency))\b", re.IGNORECASE)
_EN_TAIL_RE = re.compile(r"\s+(?:task|item|work|requirement)\b[^,?.:;—–]*?(?=\s*[,?.:;—–]|\s+(?:takes?|leads?|supports?|does|do|is|are|has|have)\b|$)",
                         re.IGNORECASE)
_EN_ASKS_TASKS_RE = re.compile(r"\b(?:which|what)\b[^?]*\b(?:tasks?|items?)\b|\bwhat\s+(?:else\s+)?does\b[^?]*\b(?:lead|support|take\s+part\s+in)\b",
                               re.IGNORECASE)
_EN_WHO_RE = re.compile(r"(?P<lead>\bwho\s+(?:leads|is\s+(?:the\s+)?lead)|\blead\s+(?:unit|department)s?\b|\bled\s+by\b)|"
                        r"\bwho\s+(?:supports|takes\s+part|participates)|\bsupporting\s+(?:units?|departments?)\b|\bpartners?\b", re.IGNORECASE)
_EN_ROLES: dict[str, Role] = {
    "supporting": "participating", "supports": "participating", "takes part in": "participating", "participates in": "participating",
    "lead": "lead", "leading": "lead", "leads": "lead", "co-leads": "lead", "heads": "lead", "is in charge of": "lead",
    "in charge of": "lead", "is responsible for": "lead", "is involved in": "any"}

_ROLES: dict[str, Role] = {"牵头": "lead", "主责": "lead", "配合": "participating", "参与配合": "participating", "参与": "participating",
                           "协同": "participating", "协助": "participating", "负责": "any", "责任": "any"}
_ROLE_CN: dict[Role, str] = {"lead": "牵头", "participating": "参与", "any": "牵头或参与"}


@dataclass(frozen=True)
class Pointer:
    """A phrase of the question that names a unit (``kind`` "unit") or a task ("task") by another fact."""

    start: int
    end: int
    kind: Literal["unit", "task"]
    role: Role  # the role the unit pointed at holds (unit), or the role of the unit whose task it is (task; "any" by row)
    desc: str = ""  # the words describing the task the unit holds
    partner: str = ""  # a unit named beside it (和X一起牵头…), or the unit whose one task is meant
    other: str = ""  # a unit set aside (另一个牵头单位（不是住建局）)
    order: str = ""  # "多" / "少" for a unit ranked by its tasks
    back: bool = False  # the partner is a pronoun: the last unit ``partner`` (the words before) names
    pair: bool = False  # both units of the task in the role (这两个部门), said together


def _english_pointer(text: str) -> Pointer | None:
    if m := _EN_SINGLE_RE.search(text):  # The X task has a single supporting unit. What does that unit lead?
        return Pointer(m.start(), m.end(), "unit", _EN_ROLES[m["role"].lower()], m["desc"])
    if m := _EN_TASK_OF_UNIT_RE.search(text):
        return Pointer(m.start(), m.end(), "task", _EN_ROLES[re.sub(r"\s+", " ", m["role"].lower())], partner=m["unit"])
    if m := _EN_UNIT_OF_TASK_RE.search(text):
        role = re.sub(r"\s+", " ", (m["role"] or m["role2"]).lower())
        tail = _EN_TAIL_RE.match(text, m.end())  # …on the rural clean-heating *task*, the 83% *requirement for …*
        return Pointer(m.start(), tail.end() if tail else m.end(), "unit", _EN_ROLES[role], m["desc"] or m["desc2"], m["partner"] or "")
    return None


def find_pointer(text: str, pos: int = 0) -> Pointer | None:
    """The first phrase naming a unit or a task by another fact, with what it says of it; None when the
    question names what it asks about.  Where two readings start together the earlier in :func:`_pointers`
    wins (市市场监管局配合的那项任务有两家牵头: the task a unit holds, then one of its leads).  A unit pointer
    said as what a unit is checked against (甲局是不是X那项的牵头单位) is none."""
    if is_english(text):
        return _english_pointer(text)
    found = [p for p in _pointers(text, pos) if not _CHECKED_RE.search(re.split(r"[，,。；;？?]", text[:p.start])[-1])
             and not re.search(r"是不是|是否", p.desc)]
    return min(found, key=lambda p: p.start) if found else None


def _pointers(text: str, pos: int = 0) -> Iterator[Pointer]:
    """Every reading of ``text`` as a pointer; a task a unit holds, or one named by its row, only from ``pos`` on
    (a task name put in by an earlier pass is no unit: 加强…实施和市自规局牵头的那项任务)."""
    if (m := _TOP_UNIT_RE.search(text)) and not _NARROWED_RE.search(text):  # 除了X以外, X部分里: not the plan's count
        yield Pointer(m.start(), m.end(), "unit", _ROLES[m["role"]], order=m["order"])
    if m := _TASK_OF_UNIT_RE.search(text, pos):
        if inner := re.search(_ROLE, m["unit"]):  # 城管局牵头、而且唯一有配合单位的那项任务: its role, then what the row has
            yield Pointer(m.start("unit"), m.end(), "task", _ROLES[inner["role"]], f"{m['unit'][inner.end():]}{m['role']}单位",
                          m["unit"][:inner.start()])
        else:  # 配合丙局牵头那项任务的部门: the task is 丙局's, the role before it the question's
            yield Pointer(m.start("unit"), m.end(), "task", _ROLES[m["role"]], partner=m["unit"])
    if m := _TASK_AMONG_RE.search(text, pos):
        yield Pointer(m.start("unit"), m.end(), "task", _ROLES[m["role"]], m["desc"], m["unit"])
    if m := _BOTH_OF_TWO_RE.search(text):
        yield Pointer(m.start(), m.end(), "unit", _ROLES[m["role"]], m["desc"], pair=True)
    if m := _ONE_OF_TWO_RE.search(text):
        yield Pointer(m.start(), m.end(), "unit", _ROLES[m["role"]], m["desc"], other=m["other"])
    if m := _PARTNER_RE.search(text):
        back = m["partner"] in ("它", "其")  # 自然资源部只配合了一项任务。在那项任务里跟它搭档配合的部门: the unit said before
        said = None if back or m["desc"] else _SAID_BEFORE_RE.search(text, 0, m.start())  # 钢结构那条 跟科技部一起配合的那个部
        desc = re.split(r"(?:方案|文件|计划)(?:里|中|里面)", said["desc"])[-1] if said else m["desc"]  # not 青山市方案里
        yield Pointer(0 if back else text.rfind(desc, 0, m.start()) if said else m.start(),
                      m.end(), "unit", _ROLES[m["role"]], desc, text[:m.start()] if back else m["partner"], m["other"] or "", back=back)
    if (m := _ROLE_FIRST_RE.search(text)) and not re.search(_ROLE, m["desc"]):  # not 配合[丙局牵头]那项的部门
        yield Pointer(m.start(), m.end(), "unit", _ROLES[m["role"]], m["desc"], other=m["other"] or "")
    for m in _UNIT_OF_TASK_RE.finditer(text):
        desc = m["desc"]
        if re.search(r"(?:没有|无|不设|没|作为|当|是|担任|为)$", desc):  # 唯一一项没有配合单位的任务, X作为配合单位: no pointer
            continue
        start = m.start()
        if _BACK_RE.match(desc) and (before := re.split(r"[，,。；;]", text[:start].rstrip("，,。；; "))[-1]):
            desc, start = before, text.rfind(before, 0, start)  # …写进去的那一条，它的牵头部门: the clause before says which
        yield Pointer(start, m.end(), "unit", _ROLES[m["role"]], desc, other=m["other"] or "")
        break
    if (m := _TASK_BY_ROW_RE.search(text, pos)) and by_row(m["desc"]) and row_named(m["desc"]) is None:  # 序号17那项: read as a row
        yield Pointer(m.start(), m.end(), "task", "any", m["desc"])


def asks_of_unit(rest: str) -> bool:
    """Whether the words after a unit pointer ask that unit's tasks (还牵头哪些任务, 一共涉及几项), not a fact
    of the task it was found by."""
    return bool(_ASKS_TASKS_RE.search(rest) and _TASKS_RE.search(rest) and _SHARE_RE.search(rest) and not _TASK_FACT_RE.search(rest))


def holders(row: TaskRow, role: Role) -> tuple[str, ...]:
    """The units a pointer to ``row`` in ``role`` means ("any", 负责X的单位: its lead units when it names them,
    else all it lists; for counting, :func:`rankings.units_holding` counts both)."""
    return row.lead_units or row.participating_units if role == "any" else units_holding(row, role)


def top_unit(rows: Sequence[TaskRow], role: Role, most: bool) -> str | None:
    """The unit holding the most (fewest) tasks in ``role`` in one plan's list, when no other ties it (as the
    ranking counts them: :mod:`rankings`)."""
    if len({r.doc_id for r in rows}) != 1 or role == "lead" and names_no_lead(rows):
        return None  # several plans, or tasks whose leads the plan does not name: no one count to rank by
    counts = Counter(u for r in listed_tasks(rows) for u in dict.fromkeys(units_holding(r, role)))
    if not counts:
        return None
    ranked = counts.most_common() if most else sorted(counts.items(), key=lambda kv: kv[1])
    return ranked[0][0] if len(ranked) == 1 or ranked[1][1] != ranked[0][1] else None


def task_head(row: TaskRow) -> str:
    """How a question names a task it found: the requirement's first phrase."""
    phrases = [x.strip() for x in re.split(r"[，,。；;：:]", row.requirement.strip())]
    head = next((x for x in phrases if len(x) >= 4 and not re.fullmatch(r"(?:到|至|在)?\s*\d{4}\s*年\s*(?:底|前|以前|年底)?", x)), "")
    return head or row.requirement.strip()[:30] or row.key_task


@dataclass(frozen=True)
class Plans:
    """What resolving a pointer reads: the units a phrase names, the rows a unit holds, the rows of a
    task described in words (as a who-leads question finds them), all within the plans asked about."""

    units_in: Callable[[str], Sequence[str]]
    rows: Callable[[str | None, str], Sequence[TaskRow]]  # (unit or None for every row, role)
    rows_about: Callable[[str], Sequence[TaskRow]]
    plain: Callable[[str], str] = str  # English words in the documents' words (for a pointer asked in English)
    where: Callable[[str], str] = lambda doc_id: ""  # a plan as a task found in it is named (《…》中), when several are loaded
    narrow: Callable[[str], Plans] | None = None  # the same, within one plan (the one a task was found in)


def resolve(text: str, get: Callable[[], Plans | None], depth: int = 2, pos: int = 0) -> str:
    """``text`` with its pointer in the name it points to, when it points to exactly one; else as written.
    ``get`` reads the plans asked about (None: the question names none to answer from) only once a pointer
    needs them, so a question with none, or whose pointer asks nothing of its unit, costs no reading.
    A task found may be pointed through again (县生态环境分局配合的那项任务，它的牵头单位还…): ``depth`` passes,
    each after the name the one before put in (``pos``)."""
    p = find_pointer(text, pos)
    if p is None:
        return text
    rest = text[p.end:]
    if p.kind == "task":
        if (plans := get()) is None:
            return text
        units = list(dict.fromkeys(plans.units_in(plans.plain(p.partner)))) if p.partner else []
        rows = [r for r in plans.rows(units[0], p.role) if (not _ALONE_RE.search(p.partner) or len(holders(r, p.role)) == 1)
                and has_said(r, p.desc) and all(r.holds(u, p.role) for u in units[1:])] if units else [row] if (
            not p.partner and not plans.units_in(p.desc) and (row := row_of(p.desc, plans.rows(None, "any")))) else []
        if len(rows) > 1 and p.desc and (picked := best_match(p.desc, rows)):  # 城管局牵头那几条里，供热计量的那条
            rows = [picked]
        bare = bool(_BARE_FIGURE_RE.match(rest))  # 财政局和各县一起配合的那条 目标多少: the task's figure, nothing else said
        if len(rows) != 1 or _FIGURE_RE.search(rest) and p.partner and not bare or _WHERE_RE.search(rest) or _CHECK_RE.search(rest):
            return text
        if not (_FIGURE_RE.search(rest) and (DEADLINE_RE.search(p.desc) or NO_PARTNER_RE.search(p.desc) or bare)
                or _UNITS_ASKED_RE.search(rest) or is_english(text)):
            return text  # 资规局牵头的那项任务具体内容是什么: the unit's list says what the task is
        if _FIGURE_RE.search(rest):  # a figure of the row found by its cells: asked of its measure, the figure's words find it
            return f"{text[:p.start]}{plans.where(rows[0].doc_id)}{rows[0].measure or task_head(rows[0])}的{rest.lstrip('，, ')}"
        if is_english(text):  # who leads the task that X supports: the units of the task found, asked in its words
            asked = _EN_WHO_RE.search(f"{text[:p.start]} {rest}")
            return f"{plans.where(rows[0].doc_id)}“{task_head(rows[0])}”{'由谁牵头' if asked and asked['lead'] else '的配合单位有哪些'}？" if asked else text
        said = f"{text[:p.start]}{plans.where(rows[0].doc_id)}{task_head(rows[0])}"
        named = f"{said}{rest}"
        there = plans.narrow(rows[0].doc_id) if plans.narrow else plans
        return resolve(named, lambda: there, depth - 1, len(said)) if depth > 1 else named
    if p.order and re.match(r"[，,]?\s*(?:是|为)(?:谁|哪)", rest):
        return text  # 牵头任务最多的单位是哪个，它…: the ranking is asked, with the list of the unit it finds
    if not (asks_of_unit(rest) or is_english(text) and _EN_ASKS_TASKS_RE.search(text[:p.start] + " " + rest)):
        if p.desc and not (p.partner or p.other) and re.match(r"[，,]", rest) and _TASK_FACT_RE.search(rest) \
                and not _BACK_RE.match(p.desc) and not by_row(p.desc):
            return f"{text[:p.start]}{p.desc}{rest}"  # 牵头清洁能源供暖的部门，2035年比例多少: a fact of the task
        return text
    if (plans := get()) is None:
        return text
    unit = _unit_pointed(p, plans)
    if unit is None and p.order and not is_english(text):  # no one unit ranks first: the ranking asked says why
        return f"{text[:p.start]}{re.sub(r'的[^的]*$', '的是谁？', text[p.start:p.end])}{rest.lstrip('，, ')}"
    if unit is None:
        return text
    rest = re.sub(r"(?<!其)它(?!们)", unit, re.sub(r"^所(?=[牵配参负])", "", _without_pronoun(rest)))  # （城管局牵头、它配合）: the unit
    if is_english(text):  # What other tasks does X support: all it supports; …: which does it lead
        before = re.sub(r"\b(?:other|else)\s+", "", text[:p.start])
        if re.search(r"[.?!]\s*$", text[p.start:p.end]):  # a sentence of its own: the next one says "that unit"
            return f"{before}{_EN_THAT_UNIT_RE.sub(unit, rest)}"
        rest = _EN_THAT_UNIT_RE.sub(unit, re.sub(r"^\s*[—–-]\s*", ", ", re.sub(r"\b(?:other|else)\s+", "", rest)))
        return f"{before}{unit}{rest}"
    if p.order and not re.search(r"牵头|配合|参与|负责|涉及", rest):  # 牵头任务最多的单位有几项: its 牵头 tasks
        rest = f"{_ROLE_CN[p.role]}的任务{rest}"
    return f"{text[:p.start]}{unit}{rest}"


def resolve_own(text: str, get: Callable[[], Plans | None], units_said: Callable[[str], Sequence[str]]) -> str:
    """:func:`resolve`, and where no pointer is found, again with the unit an opening says the asker is from
    in place of 我们 (我是县教体局的，方案里我们配合的那条是谁牵头: the task 县教体局 supports); the opening stays
    for what the message asks next (另外我们单独牵头的有几项)."""
    said = resolve(text, get)
    if said != text or not (intro := asker_intro(text)) or len(units := list(dict.fromkeys(units_said(intro)))) != 1:
        return said
    own = intro + OWN_UNIT_RE.sub(units[0], text[len(intro):], count=1)
    return again if own != text and (again := resolve(own, get, pos=len(intro))) != own else said


def _without_pronoun(rest: str) -> str:
    """The words after a unit pointer without the pronoun that repeats it (…的牵头单位，它牵头的: 牵头的)."""
    m = UNIT_PRONOUN_RE.match(rest.lstrip("，, "))
    return rest if m is None or "们" in m.group() else re.sub(r"^的", "", rest.lstrip("，, ")[m.end():])


def _unit_pointed(p: Pointer, plans: Plans) -> str | None:
    if p.order:
        return top_unit(plans.rows(None, "any"), p.role, p.order == "多")
    partner = list(dict.fromkeys(plans.units_in(plans.plain(p.partner)))) if p.partner else []
    partner = partner[-1:] if p.back else partner
    if p.partner and len(partner) != 1:
        return None
    desc = plans.plain(p.desc.strip("“”\"' "))
    held = list(plans.rows(partner[0], p.role)) if partner else []  # 跟住建局一起牵头X: among the partner's tasks
    if partner and (len(bigrams(desc)) < 2 or len(held) == 1):  # 和财政局共同牵头那项任务的单位: its one task
        row = held[0] if len(held) == 1 else None
    elif partner:
        row = best_match(desc, held)
    elif by_row(desc):  # 第一行任务的配合单位; not 甲局牵头的任务中排第一的 (a unit's own list)
        row = None if plans.units_in(desc) else row_of(desc, plans.rows(None, "any"))
    else:  # rows the words fit equally well point to one unit when they all name it (可再生能源: two rows, one partner)
        found = best_rows(desc, plans.rows_about(desc)) if desc else []
        named = {_units_of(p, r, plans, partner) for r in found}
        return named.pop() if len(named) == 1 else None
    return _units_of(p, row, plans, partner) if row is not None else None


def _units_of(p: Pointer, row: TaskRow, plans: Plans, partner: Sequence[str]) -> str | None:
    """The unit (or, for a pair, the two units) ``row`` has in the pointer's role, the partner and a unit set aside left out."""
    there = plans.narrow(row.doc_id) if plans.narrow else plans  # 不是财政局的那个: 财政局 as the row's plan names it
    other = list(there.units_in(p.other)) if p.other else []
    units = [u for u in holders(row, p.role) if u not in partner and u not in other]
    if p.pair:
        return "和".join(units) if len(units) == 2 else None
    return units[0] if len(units) == 1 else None
