"""Questions over all of a plan's tasks at once: the tasks several units lead together, the
tasks with no (or one) unit taking part, and the units that only ever take part
(哪些单位一项都不牵头、只负责配合).

Both are read from the documents' task rows alone: a list over every row, never one passage
retrieved by similarity.  The wording rules read the question only, no document words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from assistant.answering import compose as A
from assistant.answering.intent import Query
from assistant.answering.positions import in_order, named_parts
from assistant.answering.tasklists import answer_task_list, answer_unit_tasks
from assistant.documents.units import LEVEL_CHARS
from assistant.numerals import cn_to_int, count_said
from assistant.types import Document, TaskRow

#: tasks asked by how many units lead them (哪些任务是两个单位联合牵头的, 牵头单位不止一个的任务)
JOINT_LEAD_RE = re.compile(r"(联合|共同|一起|两个|两家|多个|多家|几个|几家|不止一个|两个以上|两个及以上)(单位|部门)?(联合|共同|一起)?牵头|"
                           r"牵头单位(有|是|为)?(两个|多个|两家|多家|不止一个|两个以上|两个及以上)|双牵头|多牵头")
#: …asked of the tasks, not of one task (清洁取暖由哪些单位联合牵头 asks who leads it)
_TASKS_ASKED_RE = re.compile(r"(哪些|哪几|哪一?|什么|几)(项|个|条)?(任务|工作|事项|事)|(任务|工作|事项)(有|是|为)?(哪些|哪几|几)|"
                             r"(有没有|是否有|有无)[^，。？?]{0,16}(任务|工作|事项)|(任务|工作|事项)[^，。？?]{0,16}?多少(?!个?(?:单位|部门|家|资金|钱|元|万|亿))|多少(项|个|条)?(任务|工作|事项)")
#: units asked that lead nothing (哪些单位不牵头任何任务只配合, 一项都不牵头, which bodies never lead)
_WHICH_UNITS_RE = re.compile(r"(哪些|哪几个|哪几家|哪个|哪家|什么|有没有|有无)(单位|部门|机构|机关)|(的|之)(单位|部门)(有哪些|是哪些|有哪几个|是哪几个|有哪几家|有几个|有吗|吗|呢|[？?]|$)|"
                             r"\b(which|what|any)\s+(?:[\w-]+\s+){0,2}?"
                             r"(bodies|units|departments|agencies|bureaus|organi[sz]ations|offices|ministries)\b", re.IGNORECASE)
_LEADS_NOTHING_RE = re.compile(r"不牵头任何|没有牵头任何|一(项|个|条)(任务)?(都|也)(不|没有?)(牵头|牵)|从不牵头|从来不牵头|(都|全)不牵头|"
                               r"(只|仅)(作为?|当|是|做|担任)?(配合|参与)(单位)?(?!.{0,6}(哪些|什么)(任务|工作))|"
                               r"\bnever\s+leads?\b|\b(?:do|does)\s+not\s+lead\b|\b(?:don't|doesn't)\s+lead\b|"
                               r"\bonly\s+(?:ever\s+)?(?:appear|act|serve|support|participat|cooperat|take part)", re.IGNORECASE)


#: tasks asked by how many units take part (没有配合单位的任务, 只有一个配合单位的是哪几项, tasks with no supporting units)
_PARTNERS_COUNTED_RE = re.compile(r"(?P<none>没有|无|不设|没设|没写)(任何)?(配合|参与|协同|协助)(单位|部门)|(配合|参与)单位(为空|空着|是空的)|"
                                  r"一(个|家)(配合|参与|协同|协助)(单位|部门)(都|也)(没有|没)|"
                                  r"(?P<sole>一家包干|独家负责|独自负责|没有?(别的|其他|其它)(任何)?(单位|部门)|"
                                  r"\bno other (?:units?|bodies|departments|agencies)\b|\bno one else\b)|"
                                  r"只有(?P<n>一|1|两|2|二|三|3)(个|家)(配合|参与|协同)(单位|部门)|"
                                  r"\b(?P<no>no|without(?: any)?)\s+(?:supporting|participating|cooperating|partner)\s+"
                                  r"(?:units?|bodies|departments|agencies)\b|\bonly\s+(?P<one>one)\s+(?:supporting|participating|"
                                  r"cooperating|partner)\s+(?:units?|body|department|agency)\b", re.IGNORECASE)
_WHICH_TASKS_RE = re.compile(r"哪几项|哪几条|哪些|哪一项|哪项|哪几个|几项|什么任务|\bwhich\b|\bwhat\b|\bhow many\b", re.IGNORECASE)


def names_no_lead(rows: Sequence[TaskRow]) -> bool:
    """Whether most rows name no lead (X、Y按职责分工负责): leads and partners cannot be told apart."""
    return 2 * sum(1 for t in rows if not t.lead_units) >= len(rows)


def partners_counted(text: str) -> int | None:
    """The number of units taking part the asked tasks have (没有配合单位的任务 -> 0), or None."""
    m = _PARTNERS_COUNTED_RE.search(text)
    if m is None or not (_WHICH_TASKS_RE.search(text) or m.group("sole") and re.search(r"的(任务|工作|事项)", text)):
        return None  # 城管局一家包干的任务: a list asked without a which
    if m.group("none") or m.group("no") or not (m.group("n") or m.group("one")):
        return 0
    return {"一": 1, "1": 1, "两": 2, "二": 2, "2": 2, "三": 3, "3": 3}.get(m.group("n") or "一", 1)


def leads_alone(text: str) -> bool:
    """Whether a unit is asked to lead alone (只由城管局负责、没有配合单位的)."""
    return bool(re.search(r"只由|仅由|单独|独自|一家|独家|没有?(别的|其他|其它)(任何)?(单位|部门)|\bonly by\b|\bsolely\b|\balone\b|"
                          r"\bno other\b", text, re.IGNORECASE))


def asks_joint_lead(text: str) -> bool:
    """Whether the tasks several units lead together are asked (not who leads one task)."""
    return bool(JOINT_LEAD_RE.search(text)) and bool(_TASKS_ASKED_RE.search(text))


#: the tasks led jointly picked out of a unit's lead tasks (…里，哪些是和别的部门一起牵头的)…
_JOINT_PICKED_RE = re.compile(r"(?:哪些|哪几项|哪几个|哪一些|哪项)(?:是|属于)?[^，,。？?]{0,12}(?:联合|共同|一起|一同|两个|多个|两家|多家)"
                              r"[^，,。？?]{0,4}牵头")
#: …not counted in with the rest (联合牵头的也算, 含共同牵头, including those it co-leads, alone or jointly),
#: nor denied (哪些不是和别的单位一起牵头的: the others)
_JOINT_COUNTED_RE = re.compile(r"也算|也要算|也包括|算进|含|包括|在内|不是|并非|而非|单独|独自|\bincluding\b|\bcounting\b|"
                               r"\bas well\b|\bnot\b|\balone\b",
                               re.IGNORECASE)


#: the tasks a unit leads alone picked out (城管局单独牵头（没有别的牵头单位）的是哪几条, which it solely leads);
#: not both ways (单独或联合牵头的都算)
_SOLE_LEAD_RE = re.compile(r"(?:单独|独自|独立|一家|独家)牵头|没有?(?:别的|其他|其它|另外的?)(?:的)?牵头单位|牵头单位只有(?:它|其)?一(?:个|家)|"
                           r"\bsole(?:ly)?\s+leads?\b|\b(?:leads?|leading|led)\b[^,.?]{0,40}?\b(?:alone|on its own|by itself)\b|\bno\s+co-?leads?\b",
                           re.IGNORECASE)
#: …or by denying a joint lead (未与其他单位联合牵头者), unless that is checked (是不是都没有和别的单位一起牵头)
_NOT_JOINT_RE = re.compile(r"(?:未|不|(?<!有)没有?)(?:与|和|跟|同)(?:其他|别的|其它)?(?:单位|部门)?(?:联合|共同|一起)牵头")
#: …and both ways said (单独牵头的和联合牵头的都列出来, 不管单独还是联合, including those it co-leads): a joint word
#: not denied just before it (不与其他单位联合牵头的 asks the sole ones)
_JOINT_WORD_RE = re.compile(r"联合|共同|一起|一同")
_BOTH_WAYS_RE = re.compile(r"也算|都算|\bjointly\b|\bnot (?:only|just)\b|\bas well\b|(?<!\bno )(?<!\bnot )(?<!\bwithout )\bco-?lead",
                           re.IGNORECASE)


def _both_ways(text: str) -> bool:
    plain = re.sub(r"不管|无论|不论|有没有", "", text)  # 有没有…联合牵头的: the joint ones asked
    return bool(_BOTH_WAYS_RE.search(plain)) or any(not re.search(r"[不没非无未]", plain[max(0, m.start() - 8):m.start()])
                                                   for m in _JOINT_WORD_RE.finditer(plain))


def sole_lead_asked(text: str) -> bool:
    """Whether the tasks a unit leads alone are picked out (单独牵头的, 未与其他单位联合牵头者), not both ways."""
    sole = _SOLE_LEAD_RE.search(text) or _NOT_JOINT_RE.search(text) and not re.search(r"是不是|是否|吗", text)
    return bool(sole) and not _both_ways(text)


def led_jointly(q: Query, scope: Sequence[Document], rows: Sequence[TaskRow]) -> A.Draft | None:
    """A unit's lead rows narrowed to those it leads with other units, when asked (…里，哪些是
    和别的部门一起牵头的), or to those it leads alone (单独牵头的); None when neither is asked."""
    text = q.original or q.text
    if rows and sole_lead_asked(text):
        alone = [r for r in rows if len(r.lead_units) == 1]
        return answer_unit_tasks(q, scope, alone, "中单独牵头（没有其他牵头单位）的") if alone else \
            A.Draft(found=False, lines=[f"{q.unit}牵头的任务都与其他单位联合牵头，没有由它单独牵头的。"])
    if not rows or not _JOINT_PICKED_RE.search(q.text) or _JOINT_COUNTED_RE.search(text):
        return None
    joint = [r for r in rows if len(r.lead_units) > 1]
    return answer_unit_tasks(q, scope, joint, "中与其他单位联合牵头的") if joint else \
        A.Draft(found=False, lines=[f"{q.unit}牵头的任务都由它单独牵头，没有与其他单位联合牵头的。"])


#: units asked that take part in nothing, only lead (哪个单位只牵头、从来没当过配合单位, which body never supports)
_PARTS_NOTHING_RE = re.compile(r"(?:从来?没|从不|从来不|没有?)(?:当|做|作为|担任)过?(?:配合|参与|协同)(?:单位|部门)|"
                               r"不(?:参与|配合)任何|没有(?:参与|配合)任何|只在牵头栏|只(?:当|做|作为|担任)?牵头(?:单位)?(?![了过]?[一两二三四五六七八九十几\d]+(?:项|个|条))"
                               r"(?!.{0,6}(?:哪些|什么)(?:任务|工作))|"
                               r"\bnever\s+(?:supports?|participates?|takes?\s+part|cooperates?)\b|\bonly\s+(?:ever\s+)?leads?\b(?!\s+(?:one|two|three|\d))",
                               re.IGNORECASE)


#: units asked that hold both roles (既牵头又配合的单位, 既牵头任务、又在别的任务里当配合单位的, which both lead and support)
_BOTH_ROLES_RE = re.compile(r"既(?:是|当|作为)?牵头[^，。？?]{0,12}?[，,、]?(?:又|也|还)(?![^，。？?]{0,3}(?:不|没|从不|从没))[^，。？?]{0,10}?(?:配合|参与)|"
                            r"既(?:是|当|作为)?(?:配合|参与)[^，。？?]{0,12}?[，,、]?(?:又|也|还)(?![^，。？?]{0,3}(?:不|没|从不|从没))[^，。？?]{0,6}?牵头|"
                            r"\bboth\s+lead\w*\s+and\s+(?:support|participat|cooperat|take|partner)", re.IGNORECASE)


def only_role_asked(text: str) -> str | None:
    """The one role some units are asked to hold and never the other (哪些单位只配合不牵头: participating;
    哪个单位只牵头、从来没当过配合单位: lead), or both roles (既牵头又配合的: both), else None."""
    if not _WHICH_UNITS_RE.search(text):
        return None
    if _BOTH_ROLES_RE.search(text):
        return "both"
    return "participating" if _LEADS_NOTHING_RE.search(text) else "lead" if _PARTS_NOTHING_RE.search(text) else None


def answer_joint_lead(scope: Sequence[Document]) -> A.Draft:
    """The tasks more than one unit leads, each with its leads."""
    rows = [t for d in scope for t in sorted(d.tasks, key=A.row_order) if len(t.lead_units) > 1]
    if not rows and not any(t.lead_units for d in scope for t in d.tasks):
        return A.Draft(found=False, lines=["文件的责任分工未写明牵头单位（所列单位按职责分工负责），无法回答哪些任务共同牵头。"])
    if not rows:
        return A.Draft(found=False, lines=["文件的责任分工中没有由两个及以上单位共同牵头的任务。"])
    return answer_task_list("由两个及以上单位共同牵头的任务", scope, rows,
                              lambda r: f"（{'、'.join(r.lead_units)}牵头）")


def answer_units_only_in_role(scope: Sequence[Document], text: str) -> A.Draft:
    """Per plan, the units that hold tasks only in the role ``text`` asks (:func:`only_role_asked`: take
    part and lead none, or lead and take part in none), each with how many and its first task cited.
    A plan whose tasks mostly name no lead cannot tell them apart."""
    role = only_role_asked(text) or "participating"
    if role == "both":
        return _units_in_both_roles(scope)
    d = A.Draft(found=False)
    word, other = ("参与（配合）", "牵头") if role == "participating" else ("牵头", "参与（配合）")
    for doc in scope:
        rows = sorted(doc.tasks, key=A.row_order)
        if not rows:
            continue
        label = A.doc_label(doc) if len(scope) > 1 else ""
        unled = [t for t in rows if not t.lead_units and t.participating_units]
        if 2 * len(unled) >= len(rows):  # whoever is listed there may be the one responsible
            d.lines.append(f"{label}文件的{count_said(len(rows))}项任务中有{count_said(len(unled))}项未写明牵头单位（所列单位按职责分工负责），"
                           f"无法区分只{word[:2]}不{other[:2]}的单位。")
            continue
        unclear = {u for t in unled for u in t.participating_units}
        held, barred = ((lambda t: t.participating_units), {u for t in rows for u in t.lead_units}) if role == "participating" \
            else ((lambda t: t.lead_units), {u for t in rows for u in t.participating_units})
        only: dict[str, list[TaskRow]] = {}
        for t in rows:
            for u in held(t):
                if u not in barred and u not in unclear:
                    only.setdefault(u, []).append(t)
        d.found = True
        if not only:
            d.lines.append(f"{label}文件的责任分工中，{word[:2]}任务的单位都至少{other[:2]}一项任务。")
            continue
        d.lines.append(f"{label}只{word}、不{other}任何任务的单位共{count_said(len(only))}个：")
        d.lines += [f"· {u}：{word[:2]}{count_said(len(ts))}项{d.cite_task(doc, ts[0])}" for u, ts in only.items()]
        if unled:
            d.lines.append(f"（另有{count_said(len(unled))}项任务未写明牵头单位，其所列单位按职责分工负责，未计入。）")
    return d if d.lines else A.Draft(found=False, lines=["文件中没有责任分工，无法回答哪些单位只承担一种角色。"])


#: units asked by how many tasks they hold in a role (哪些单位只牵头过一项任务, 哪个部门只配合了两项)
_UNITS_COUNTED_RE = re.compile(r"(?:哪些|哪个|哪几个|哪几家|哪家|什么)(?:单位|部门|机构)[^，,。？?]{0,4}?(?:只|仅|就|只是)(?:作为|当)?(牵头|参与|配合)(?:了|过)?"
                               r"(一|两|二|三|四|五|\d)(?:项|个|条)")


def answer_units_counted(q: Query, scope: Sequence[Document]) -> A.Draft | None:
    """Per plan, the units holding exactly the number of tasks asked in the role asked (哪些单位只牵头过一项任务);
    None unless asked so."""
    m = _UNITS_COUNTED_RE.search(q.text)
    if m is None or q.unit:
        return None
    role = "lead" if m.group(1) == "牵头" else "participating"
    n = int(m.group(2)) if m.group(2).isdigit() else cn_to_int(m.group(2).replace("两", "二"))
    word = "牵头" if role == "lead" else "参与"
    d = A.Draft(found=False)
    for doc in scope:
        rows = sorted(doc.tasks, key=A.row_order)
        if not rows or names_no_lead(rows):
            continue  # no table, or one naming no lead: no role to count
        held: dict[str, list[TaskRow]] = {}
        for t in rows:
            for u in (t.lead_units if role == "lead" else t.participating_units):
                held.setdefault(u, []).append(t)
        label = A.doc_label(doc) if len(scope) > 1 else ""
        units = [u for u, ts in held.items() if len(ts) == n]
        if not units:
            d.lines.append(f"{label}文件的责任分工中没有只{word}{count_said(n)}项任务的单位。")
            continue
        d.found = True
        d.lines.append(f"{label}只{word}{count_said(n)}项任务的单位共{count_said(len(units))}个：")
        d.lines += [f"· {u}：" + "；".join(A.row_phrase(t) + d.cite_task(doc, t) for t in held[u]) for u in units]
    return d if d.lines else A.Draft(found=False, lines=["文件的责任分工没有写明牵头和配合单位，无法按单位计数。"])


def _units_in_both_roles(scope: Sequence[Document]) -> A.Draft:
    """Per plan, the units that lead some tasks and take part in others, each with its first task of each kind."""
    d = A.Draft(found=False)
    for doc in scope:
        rows = sorted(doc.tasks, key=A.row_order)
        if not rows:
            continue
        label = A.doc_label(doc) if len(scope) > 1 else ""
        if names_no_lead(rows):
            d.lines.append(f"{label}文件的任务大多未写明牵头单位（所列单位按职责分工负责），分不出谁牵头、谁配合。")
            continue
        led = {u: t for t in reversed(rows) for u in t.lead_units}  # each unit's first task in the role
        part = {u: t for t in reversed(rows) for u in t.participating_units}
        both = [u for u in dict.fromkeys(u for t in rows for u in (*t.lead_units, *t.participating_units)) if u in led and u in part]
        d.found = d.found or bool(both)
        if not both:
            d.lines.append(f"{label}文件的责任分工中没有既牵头又参与（配合）的单位。")
            continue
        d.lines.append(f"{label}既牵头又参与（配合）任务的单位共{count_said(len(both))}个：")
        d.lines += [f"· {u}：牵头{count_said(sum(u in t.lead_units for t in rows))}项{d.cite_task(doc, led[u])}，"
                    f"参与{count_said(sum(u in t.participating_units for t in rows))}项{d.cite_task(doc, part[u])}" for u in both]
    return d if d.lines else A.Draft(found=False, lines=["文件中没有责任分工，无法回答哪些单位既牵头又参与。"])


def answer_by_partners(scope: Sequence[Document], count: int, unit: str | None, alone: bool = False,
                       text: str = "") -> A.Draft:
    """The tasks with ``count`` units taking part (of those ``unit`` leads, ``alone`` or with
    others, when one is named; within the part ``text`` names, when it names one), each with its
    leads and the units taking part."""
    rows = [t for d in scope for t in in_order(d) if len(t.participating_units) == count
            and (unit is None or (t.lead_units == (unit,) if alone else unit in t.lead_units))]
    parts = named_parts(text, scope) if text else []
    if parts:  # 第三部分的四条里，哪几条没有参与单位的任务
        rows = [t for t in rows if any(p.holds(t) for p in parts)]
    asked = f"{'、'.join(dict.fromkeys(p.label for p in parts))}中" if parts else ""
    asked += f"{unit}{'单独' if alone else ''}牵头、" if unit else ""
    what = f"{asked}{'没有参与（配合）单位' if count == 0 else f'只有{count_said(count)}个参与（配合）单位'}的任务"
    if not rows:
        return A.Draft(found=False, lines=[f"文件的责任分工中找不到{what}。"])

    return answer_task_list(what, scope, rows, lambda r: f"（{A.roles_said(r)}）")


def _kind(name: str) -> str:
    """The kind of body a name ends in (委员会 and 委 are one kind; 局 is not 厅 nor 部)."""
    return "委" if name.endswith(("委", "委员会")) else name[-1:]


def same_kind(a: str, b: str) -> bool:
    """Whether two units' names end in one kind of body (县住建局 and 市住建局; not 住建部)."""
    return _kind(a) == _kind(b)


def other_readings(q: Query, scope: Sequence[Document], readings: Callable[[str], Mapping[str, str]],
                   units_of: Callable[[str], Sequence[str]]) -> list[str]:
    """A unit asked without its place or level (住建局 in a library of a city's and a county's
    plans) is answered as one plan's unit; the units of the same kind it may name in the other
    plans are said, so the asker can narrow the question instead of trusting a silent choice.
    ``readings``: the plans that may know a name and its unit there; ``units_of``: a plan's units."""
    mention, unit = q.unit_mention or "", q.unit or ""
    if q.intent != "unit_tasks" or not mention or mention[:1] in LEVEL_CHARS or q.places or q.level or len(scope) < 2:
        return []
    in_scope = {d.id: d for d in scope}
    others: dict[str, str] = {}
    for doc_id, got in readings(mention).items():
        if doc_id in in_scope and got != unit and same_kind(got, unit) and got in units_of(doc_id):
            others.setdefault(got, A.doc_label(in_scope[doc_id]))
    if not others:
        return []
    listed = "、".join(f"{label}中的{name}" for name, label in others.items())
    return [f"（问题中的“{mention}”按{unit}回答；它也可能指{listed}，如问的是它们，请写明地名或层级再问。）"]


#: a role told of the unit just named (机关事务服务中心牵头的公共建筑节能改造): which of its readings is meant
_ROLE_TOLD_RE = r"(?:所|来|要|负责)?(牵头|配合|参与|协助|协同)"


def role_told(text: str, mention: str) -> str | None:
    """The role ``text`` gives the unit right after naming it (X牵头的…: lead), else None."""
    m = re.search(re.escape(mention) + _ROLE_TOLD_RE, text)
    return None if m is None else "lead" if m.group(1) == "牵头" else "participating"


def reading_with_tasks(q: Query, scope: Sequence[Document], readings: Callable[[str], Mapping[str, str]],
                       holds: Callable[[str, str, str], bool]) -> str | None:
    """The plan to answer a unit's tasks from when a unit asked without its place or level (机关事务服务中心主办的任务)
    was read as one plan's unit holding no task in the role asked while the same name in another
    plan of the scope holds some: that plan's id, else None.  ``holds(unit, role, doc)``: whether
    ``unit`` holds a task of ``doc`` in ``role``."""
    mention, unit = q.unit_mention or "", q.unit or ""
    if not mention or not unit or mention[:1] in LEVEL_CHARS or q.places or q.level or len(scope) < 2:
        return None
    role = q.role
    if q.intent != "unit_tasks" or any(holds(unit, role, d.id) for d in scope):
        return None
    in_scope = {d.id for d in scope}
    return next((doc_id for doc_id, got in readings(mention).items()
                 if doc_id in in_scope and got != unit and same_kind(got, unit) and holds(got, role, doc_id)), None)
