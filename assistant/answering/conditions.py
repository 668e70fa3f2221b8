"""Tasks picked out by conditions on who holds them, read in one pass over the question: each
unit named with the role it is given or denied (住建局牵头、不需要发改委配合的; 牵头的不是住建局的;
既不是X也不是Y牵头的; 住建局既不牵头也不参与的), how many units take part (有两个配合单位的),
and what is asked of the tasks found: the tasks, who leads each (自规局参与的那些任务都是谁牵头) or
who takes part in each (配合单位分别是谁).

Only what the plain unit-task reading cannot take is answered here (a role denied, a projection
asked of a set, conditions it could not pair, a count of partners it does not read); otherwise
None.  The wording rules read the question only; units come from the loaded documents."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answering import compose as A
from assistant.answering.intent import Query
from assistant.answering.positions import in_order
from assistant.answering.rosters import names_no_lead, partners_counted
from assistant.answering.tasklists import answer_task_list
from assistant.numerals import cn_to_int, count_said
from assistant.types import Document, TaskRow

_LEAD = r"牵头|主责|主抓|领头"
_PART = r"配合|参与|参加|协助|协同"
_ROLE_WORD = {"lead": "牵头", "participating": "参与", "any": "牵头或参与"}
_CUT = "，,。；;？?！!"

#: after a unit: denied both ways (既不牵头也不参与, 完全不沾边)
_AFTER_NONE_RE = re.compile(rf"(?:都|也|均)?(?:既|又)?(?:不|没有?|从不|未)(?:作为|当|是)?(?:{_LEAD}|{_PART})[^{_CUT}]{{0,2}}?"
                            rf"(?:也|又|、|或)(?:不|没有?|未)(?:{_LEAD}|{_PART})|(?:完全|根本|都|均)?(?:不沾边|不相干|不涉及|未涉及|没有?涉及|没有?(?:关系|份))")
#: …a role denied (不牵头, 没参与)
_AFTER_DENIED_RE = re.compile(rf"(?:都|也|均|并)?(?:不|没有?|从不|未)(?:作为|当|是)?(?:单独|独自|一起|共同|联合)?({_LEAD}|{_PART})")
#: …a role held (牵头, 参与配合, 牵头或参与 → any)
_AFTER_HELD_RE = re.compile(rf"(?:都|也|均|同时|一起|共同|联合|单独|独自|来|去|作为|当|是)*(?:(?:{_LEAD}|{_PART})(?:或|和|加|及|或者)(?:{_LEAD}|{_PART})"
                            rf"|({_LEAD}|{_PART}|涉及))")
#: …and then the other role held (不牵头、*只配合*; 不牵头的任务里，*它参与*了哪项)
_ONLY_OTHER = rf"(?:只|仅|而是|但|它|其|{{}})(?:是|作为|当|有|负责)?({_LEAD}|{_PART})(?!单位|部门|方)"  # {} the unit named again
#: before a unit: a denial whose role follows it (不需要X配合, 不跟X共同牵头, 不是X牵头的)
_BEFORE_DENIED_RE = re.compile(r"(?:不需要|不需|无需|不用|用不着|不要|(?:(?<=所有)|(?<=具有)|(?<!有))没有|没让|不让|不跟|不和|不与|不同|(?<!是)不是|并非|不由|非)(?:任何)?$")
#: …a role said before it (牵头的不是X, 牵头单位既不是X, 配合单位是X)
_BEFORE_ROLE_RE = re.compile(rf"({_LEAD}|{_PART})(?:单位|部门|方)?的?(?:都|也|全|既)?(不是|并非|非|是|为)$")
#: …the denial of the unit before carried on (既不是X*也不是*Y)
_BEFORE_AGAIN_RE = re.compile(r"^(?:也|又|、|和|或|及|或者)?(?:不是|并非|非)$")

#: how many units take part in the tasks asked (有两个配合单位的, 三个以上参与单位, 不需要任何配合单位)
_COUNT_RE = re.compile(r"(?P<none>(?:不需要|不用|用不着|无需|没有|无|不设|没设)(?:任何)?的?(?:配合|参与|协同|协助)(?:单位|部门))|"
                       r"(?P<pre>至少|不少于|最少|超过|多于|不超过|最多|至多|少于)?(?<![第一两二三四五六七八九十\d])(?P<n>[一两二三四五六七八九十]|\d+)(?:个|家)"
                       r"(?P<post>以上|及以上|或以上|或更多|以下|及以下|以内)?(?:配合|参与|协同|协助)(?:单位|部门)(?P<post2>以上|及以上|或以上|以下|及以下|以内)?")
#: who leads each task of the set asked (都是谁牵头, 牵头单位分别是哪些, 各由谁牵头)
_LEADS_ASKED_RE = re.compile(rf"(?:是|由|归)?(?:哪些|哪个|哪几个|哪家|什么|谁)(?:单位|部门|机构)?(?:来|在)?(?:{_LEAD})|"
                             r"牵头(?:单位|部门|方)(?:都|分别|各自?|又)?(?:是|有|为)(?:谁|哪些|哪个|哪几个|什么)|"
                             r"牵头的(?:都|分别|各自?|又)?(?:是|为)(?:谁|哪(?:个|些|几个)(?:单位|部门))|各由谁")  # not 牵头的有哪些: its tasks
#: who takes part in each (配合单位分别是谁, 另外还有谁配合)
_PARTNERS_ASKED_RE = re.compile(rf"(?:{_PART})(?:单位|部门|方)(?:都|分别|各自?|又)?(?:是|有|为)(?:谁|哪些|哪个|哪几个|什么)|"
                                rf"(?:还有|另外|其他|别的)(?:哪些|谁|什么)?(?:单位|部门)?(?:{_PART})|有(?:谁|哪些单位|哪些部门)(?:{_PART})|谁(?:来)?(?:{_PART})")
#: a yes-or-no question (都不需要X配合吗, 是不是X牵头的): not a list
_WHETHER_RE = re.compile(r"吗[？?]?\s*$|是否|是不是|(?<![所具拥])有没有|对不对|对吗")
#: an English question denying a role: its word-for-word translation keeps the units, not the denial
_ENGLISH_DENIED_RE = re.compile(r"\b(?:not|without|neither|nor|except|never|other than|apart from|excluding)\b|n't", re.IGNORECASE)
#: a set of tasks asked, not one (那些任务, 哪几项, 分别, each)
_SET_RE = re.compile(r"那些|这些|那几|这几|哪些|哪几|哪项|哪一项|几项|多少项|分别|各自|各由|所有|全部|一共|共有|"
                     r"\beach\b|\bwhich\s+(?:\w+\s+)?tasks\b|\bhow many\b", re.IGNORECASE)


@dataclass(frozen=True)
class Held:
    """A unit's hold on the tasks asked: its role in them, or (``denied``) not."""

    unit: str
    role: str  # lead | participating | any
    denied: bool = False

    def admits(self, row: TaskRow) -> bool:
        return row.holds(self.unit, self.role) != self.denied

    @property
    def said(self) -> str:
        if self.denied:
            return {"any": f"{self.unit}未参与", "lead": f"不由{self.unit}牵头"}.get(self.role, f"{self.unit}不参与（配合）")
        return f"{self.unit}{_ROLE_WORD[self.role]}"


def _role(word: str | None) -> str:
    return "any" if not word or word == "涉及" else "lead" if re.fullmatch(_LEAD, word) else "participating"


def read_held(text: str, units: Sequence[tuple[str, str]]) -> list[Held]:
    """Each unit named with the role the question gives or denies it; a unit given none is left out."""
    held: list[Held] = []
    waiting: list[str] = []  # units listed before the one whose role covers them (住建局和财政局都是参与单位)
    involved: list[str] = []  # units said to 参与 (no 单位 after it)
    opening = ""
    at, last_end = 0, 0
    for canon, said in units:
        written = said.lstrip("和与及跟") or said  # a mention may hold its joiner (和财政局)
        start = text.find(written, at)
        if start < 0:
            continue
        end = start + len(written)
        nxt = min((i for u in units if (i := text.find(u[1], end)) >= 0), default=len(text))
        after = re.split(f"[{_CUT}]", text[end:nxt], maxsplit=1)[0].lstrip()  # an English question's translation: words apart
        before = re.split(f"[{_CUT}]", text[last_end:start])[-1].rstrip()
        at = last_end = end
        if nxt < len(text) and (joiner := re.fullmatch(r"\s*(和|与|及|跟|、|以及|或者|或)?\s*", text[end:nxt])):
            if joiner.group(1) in ("或", "或者") or said[:1] == "或":
                return []  # X或Y牵头的: either one, a union this reading does not make
            opening = opening if waiting else before  # what is said before the list's first unit
            waiting.append(canon)
            continue
        before = opening if waiting and before in ("", "和", "与", "及", "跟", "、", "以及") else before
        count = len(held)
        if _AFTER_NONE_RE.match(after):
            held.append(Held(canon, "any", True))
        elif re.search(r"(?:涉及|牵涉|关系到)(?:到)?$", before):  # 涉及X的任务 (involving X): whatever its role
            held.append(Held(canon, "any", bool(re.search(r"不(?:涉及|牵涉|关系到)(?:到)?$", before))))
        elif m := _BEFORE_ROLE_RE.search(before):
            held.append(Held(canon, _role(m.group(1)), m.group(2) != "是" and m.group(2) != "为"))
        elif _BEFORE_AGAIN_RE.match(before) and held and held[-1].denied:
            held.append(Held(canon, held[-1].role, True))
        elif m := _AFTER_DENIED_RE.match(after):  # 不牵头、只配合 | 不牵头的任务里，它参与了哪些: the other role, held
            others = min((i for u in units if u[0] != canon and (i := text.find(u[1], end)) >= 0), default=len(text))
            other = re.compile(_ONLY_OTHER.format(re.escape(written))).search(text, end + m.end(), others)
            role = "any" if m.group(1) in ("参与", "参加") else _role(m.group(1))  # 没有参与: no part at all
            held.append(Held(canon, _role(other.group(1)), False) if other and _role(other.group(1)) != role else Held(canon, role, True))
        elif m := _AFTER_HELD_RE.match(after):  # X和Y都参与的: the tasks they share, whatever their roles
            if m.group(1) in ("参与", "参加") and not after[m.end():].startswith(("单位", "部门")):
                involved.append(canon)  # a bare 参与: involvement, when units are contrasted or shared
            bare = waiting and canon in involved
            held.append(Held(canon, "any" if bare else _role(m.group(1)), bool(_BEFORE_DENIED_RE.search(before))))
        if len(held) > count:  # the units waiting take its role, in the question's order
            held[count:count] = [Held(u, held[-1].role, held[-1].denied) for u in waiting]
        waiting = []
    if any(h.denied and h.role == "any" for h in held):  # X参与、但Y没参与的: X's involvement against Y's none
        held = [Held(h.unit, "any") if h.unit in involved and not h.denied else h for h in held]
    return held


def partners_asked(text: str) -> tuple[int, str] | None:
    """How many units take part in the tasks asked, and how compared: (2, "eq") for 有两个配合单位的,
    (3, "ge") for 三个以上 / 至少三个, (2, "le") for 不超过两个; None when not asked."""
    m = _COUNT_RE.search(text)
    if m is None:
        return None
    if m.group("none"):
        return 0, "eq"
    n = int(m.group("n")) if m.group("n").isdigit() else cn_to_int(m.group("n").replace("两", "二"))
    said = (m.group("pre") or "") + (m.group("post") or "") + (m.group("post2") or "")
    how = {"超过": "gt", "多于": "gt", "少于": "lt"}.get(m.group("pre") or "") or (
        "le" if re.search(r"不超过|最多|至多|以下|以内", said) else "ge" if said else "eq")
    return n, how


def _held_by_count(row: TaskRow, count: tuple[int, str] | None) -> bool:
    if count is None:
        return True
    n, how = len(row.participating_units), count[1]
    return {"eq": n == count[0], "ge": n >= count[0], "gt": n > count[0], "le": n <= count[0], "lt": n < count[0]}[how]


def _due_asked(q: Query, docs: Sequence[Document]) -> set[str]:
    """The plans' 完成时限 values the question says as a deadline (quoted, or after 时限/标的是), the longer of two nested."""
    said = f"{q.text} {q.original}"
    written = {t.deadline for d in docs for t in d.tasks if t.deadline and len(t.deadline) >= 2 and t.deadline in said}
    due = {v for v in written if re.search(rf"[“\"「]{re.escape(v)}|(?:时限|期限|时间|节点|标的?|写的?|为|是)[“\"]?{re.escape(v)}", said)}
    return {v for v in due if not any(v != w and v in w for w in due)}  # 2025年底前 inside 2025年12月底前: the longer


def _read_elsewhere(q: Query, docs: Sequence[Document], held: list[Held], count: tuple[int, str] | None, due: set[str],
                    asked: list[str]) -> bool:
    """Whether the question is left to the readings before this one: yes or no; an English denial its translation
    loses; one named task's units; a unit no plan in scope names; what the unit-task and roster readings pair
    and count as asked; else anything but a denial, a projection of a set, unpaired units or a count or
    deadline they do not read."""
    text, projection = q.text, bool(asked)
    if _WHETHER_RE.search(text) and not re.search(r"哪些|哪几|列出|列一下|有哪", text) or q.english and _ENGLISH_DENIED_RE.search(q.original):
        return True  # 都不需要X配合吗; an English "not"
    if projection and q.signals.names_topic and not due and not any(re.search(r"分别|各", a) for a in asked):
        return True  # 住建局牵头的海绵城市建设任务，配合单位是哪些: one task's units, not a set's
    known = {u for d in docs for t in d.tasks for u in (*t.lead_units, *t.participating_units)}
    if not (held or count or due) or any(h.unit not in known for h in held) or not (
            _SET_RE.search(f"{text} {q.original if q.english else ''}") or any(h.denied for h in held) or count or due):
        return True
    paired = {(q.unit, q.role, False), *((u, "" if r[:1] == "-" else r, r[:1] == "-") for u, r in q.partners)}
    same = {(h.unit, "" if h.denied else h.role, h.denied) for h in held} == paired  # as the unit-task reading pairs them
    if q.partners and not projection and count is None and (len(held) < 2 or same):
        return True  # X牵头、Y不参与的 (narrowed to a part there)
    if len(held) == 1 and held[0].denied and held[0].role == "lead" and not (projection or count or due) and any(
            re.search(re.escape(w.lstrip("和与及跟")) + r"\s*(?:都|也|均|并)?(?:不|没有?|从不|未)", text) for c, w in q.units_named if c == held[0].unit):
        return True  # 住建局不牵头的任务: the tasks it only takes part in
    if not held and partners_counted(text) is not None:
        return True  # 只有一个配合单位的任务: the roster reading lists them, each with its units
    return not (any(h.denied for h in held) or (projection and (held or count or due)) or (len(held) >= 2 and not same)
                or (count is not None and partners_counted(text) is None) or len(due) > 1  # “长期坚持”或“持续推进”
                or any(not re.search(r"\d", v) for v in due))  # 持续推进 (no date: the timed reading reads dates)


def answer_conditions(q: Query, docs: Sequence[Document]) -> A.Draft | None:
    """The tasks the question's conditions pick out, with who leads and takes part in each; None
    unless it asks a set the plain unit-task reading would misread (see the module's note)."""
    text = q.text
    held, count, due = read_held(text, q.units_named), partners_asked(text), _due_asked(q, docs)
    asked = [m.group() for pat in (_LEADS_ASKED_RE, _PARTNERS_ASKED_RE) for m in pat.finditer(text)]
    if _read_elsewhere(q, docs, held, count, due, asked):
        return None
    projection = bool(asked)
    alone = bool(re.search(r"单独|独自|独家", text)) and any(h.role == "lead" and not h.denied for h in held)
    named = [d for d in docs if not held or any(t.holds(h.unit) for h in held for t in d.tasks)]  # the plans naming the units
    pool = [t for d in named for t in in_order(d)]
    unled = bool(pool) and names_no_lead(pool) and (
        any(h.role != "any" for h in held) or count is not None or projection)  # X、Y按职责分工负责: all listed take part
    rows = [t for t in pool if all(h.admits(t) for h in held) and _held_by_count(t, count)
            and (not alone or len(t.lead_units) == 1) and (not due or t.deadline in due)]
    said = [h.said for h in held]
    if alone:
        said = [f"{s}（单独牵头）" if h.role == "lead" and not h.denied else s for h, s in zip(held, said)]
    if count is not None:
        more = {"eq": "", "ge": "及以上", "gt": "以上（不含）", "le": "及以下", "lt": "以下（不含）"}[count[1]]
        said.append("没有参与单位" if count == (0, "eq") else f"有{count_said(count[0])}个{more}参与单位")
    if due:
        said.append("完成时限为" + "或".join(f"“{v}”" for v in sorted(due)))
    what = "、".join(said) + "的任务"
    note = "文件未写明牵头单位（所列单位按职责分工负责），以下按所列单位读：" if unled else ""
    if not rows:
        return A.Draft(found=False, lines=[f"文件的责任分工未写明牵头单位（所列单位按职责分工负责），分不出{what}。" if unled
                                           else f"文件的责任分工中没有{what}。"])
    draft = answer_task_list(what, docs, rows, lambda r: f"（{A.roles_said(r)}）")
    draft.exact = True  # read from the task rows: no passage's words to check
    if note:
        draft.lines.insert(0, note)
    return draft
