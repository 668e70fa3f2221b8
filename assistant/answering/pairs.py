"""Units named together, each with the role it has in the same tasks (哪些任务是住建局牵头、发改委配合的,
住建局和发改委都参与的任务, X参与但Y没参与): the tasks they share, not each unit's own list.  A role said
before its unit (配合单位有发改委的, 把发改委列为配合单位, 牵头的是城管局) is read as if said after it."""

from __future__ import annotations

import re
from collections.abc import Sequence

#: a role said right after a unit (住建局*牵头*、发改委*配合*; X和Y*都参与*; Y*没参与*; Y*却不在其中*):
#: 都/共同 + 参与 is any part, 都 + 配合 the supporting part; a denied role excludes the unit's tasks
_PAIRED_ROLE_RE = re.compile(r"\s*(?:在哪些?(?:项|个)?(?:任务|工作|事项)?(?:里|中|上)(?:是)?)?(?:也|还|又|却|但)?\s*(都|均|一起|共同|同时)?\s*(?:有|要|需要?|得)?\s*(没有?|未|不|并未|并不|从未)?\s*"
                             r"(?:是|作为)?\s*(联合|挂名|并列)?(牵头|主责|参与|参加|配合|协助|协同|涉及|负责)"
                             r"|\s*(?:却|但|并|也)?\s*(不在其中|不在内|不在里面|不在列|没份)")
#: what may stand between units sharing one role (住建局*和*发改委都参与, 自规局*、*住建局参与)
_PAIR_JOIN_RE = re.compile(r"\s*(?:和|与|及|、|以及|跟|同|还有|,|，)?\s*")
#: a question asking each unit's own list (分别, 各自, 除了…): no pairing
_EACH_RE = re.compile(r"分别|各自|各有|各是|各管|除了|除去|或者|还是|在哪些?(?:项|个)?(?:任务|工作|事项)?(?:里|中|上)[^？?]*在哪些?(?:项|个)?(?:任务|工作|事项)?(?:里|中|上)")
#: …and between one unit's role and the next unit (住建局牵头、发改委配合; 住建局牵头的任务里发改委参与哪些;
#: 发改委牵头而住建局配合; 住建厅牵头、同时能源局也配合; X参与但Y没参与; X参与而由Y牵头; 不是Y牵头的)
_PAIR_GAP_RE = re.compile(r"了?(?:单位|部门)?[\s、，,；;和与及]*(?:而且|而|并且|且|但是|但|却|同时|又)?[\s、，,]*(?:不是|并非|非)?(?:是由|由)?"
                          r"|的?(?:任务|工作|事项)?(?:中|里|里面|当中|之中)[，,]?\s*(?:有没有|是否有|有无)?(?:不是|并非|非)?\s*")
#: a denial said just before a unit (有没有*不是*住建局牵头的)
_DENIED_BEFORE_RE = re.compile(r"(?:不是|并非|非)\s*$")


def _paired_role(m: re.Match[str], denied_before: bool) -> tuple[str, bool]:
    """(role, shared) of a role said after a unit: lead | participating | any, "-" before a
    role the unit does NOT have in the tasks asked (Y没参与: -any; 不是Y牵头: -lead)."""
    if m.group(5):  # 却不在其中: no part at all
        return "-any", False
    word, together = m.group(4), bool(m.group(1) or m.group(3))  # 都参与, 一起负责, 联合牵头: shared
    helping = word in ("配合", "协助", "协同")
    role = "lead" if word in ("牵头", "主责") or (word == "负责" and not together) \
        else "participating" if helping or not (together or word == "涉及" or m.group(2)) else "any"
    if m.group(2) or denied_before:  # 没参与 / 不牵头: the tasks it holds in that role are left out
        return "-" + ("lead" if role == "lead" else "participating" if helping else "any"), False
    return role, together


def paired_units(text: str, units: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """:func:`_paired` of ``text``, or of it with each role said before its unit put after it."""
    moved = roles_after_units(text, units) if not re.search(r"吗|是不是|是否|对不对|对吗", text) else text  # …牵头的是X，配合的是Y吗: a check
    return _paired(text, units) or (_paired(moved, units) if moved != text else [])


def roles_after_units(text: str, units: Sequence[tuple[str, str]]) -> str:
    """``text`` with a role said before the unit holding it put after the unit, as :func:`_paired` reads
    roles: 配合单位有发改委的 -> 发改委配合的, 配合单位里没有财政局 -> 财政局不配合, 把我们委列成了配合单位
    -> 我们委配合, 牵头的是城管局 -> 城管局牵头."""
    names = "|".join(re.escape(w.lstrip("和与及跟")) for _, w in units)
    if not names:
        return text
    text = re.sub(rf"(牵头|配合|参与)(?:单位|部门)(?:里|中|当中)?(?:有|包括|包含|含|是|为)({names})", r"\2\1", text)
    text = re.sub(rf"(牵头|配合|参与)(?:单位|部门)(?:里|中|当中)?(?:没有|不是|不含|不包括)({names})", r"\2不\1", text)
    text = re.sub(rf"(?:把|将)({names})(?:列成了?|列为|列作|列入|作为|当成?了?)(牵头|配合|参与)(?:单位|部门)", r"\1\2", text)
    return re.sub(rf"(牵头|配合|参与)的(?:单位|部门)?(?:是|为)({names})", r"\2\1", text)


def _paired(text: str, units: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Units named together, each with the role it has in the same tasks: (canonical, role)
    for 哪些任务是住建局牵头、发改委配合的 or 住建局和发改委都参与的任务 (a denied role, X参与但Y
    没参与: "-" + role); [] unless every unit named (two or more) is given a role right after
    it or after the units it is listed with."""
    if len(units) < 2 or _EACH_RE.search(text):  # 住建局和发改委分别牵头哪些: each its own list
        return []
    spans, at = [], 0
    for canon, written in units:
        start = text.find(written, at)
        if start < 0:
            return []
        spans.append((start, start + len(written), canon))
        at = start + len(written)
    roles: list[tuple[str, str]] = []
    waiting: list[str] = []  # units listed before the role word that covers them
    shared = False  # 都/一起/共同: the tasks they share, even in one role
    helps_next = False  # X配合Y: the next unit named is the one helped
    for i, (begin, end, canon) in enumerate(spans):
        waiting.append(canon)
        stop = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        m = _PAIRED_ROLE_RE.match(text, end, stop)
        if m is None and helps_next:  # 自规局配合住建局做的: the unit helped leads
            roles.append((canon, "lead"))
            waiting = []
            continue
        if m is None:
            if i + 1 < len(spans) and _PAIR_JOIN_RE.fullmatch(text[end:stop]):
                continue  # 住建局和 | 发改委都参与: the role comes after the next unit
            return []
        role, together = _paired_role(m, i > 0 and bool(_DENIED_BEFORE_RE.search(text[:begin])))
        shared = shared or together
        roles += [(u, role) for u in waiting]
        waiting = []
        helps_next = m.group(4) in ("配合", "协助", "协同") and i + 1 < len(spans) and not text[m.end():stop].strip()
        if i + 1 < len(spans) and not _PAIR_GAP_RE.fullmatch(text[m.end():stop]):
            return []  # 住建局牵头的方案由发改委印发: not one list of units and roles
    if waiting or len({u for u, _ in roles}) < 2 or not (shared or len({r for _, r in roles}) > 1) \
            or roles[0][1].startswith("-"):
        return []  # 住建局和发改委牵头哪些任务: both units' tasks, not the ones they share
    tail = text[spans[-1][1]:]  # 住建局和自规局都参与、但自规局不是牵头单位的: a role denied to a unit named again
    for canon, written in units:  # (a mention may hold its joiner: 和自规局)
        if denied := re.search(rf"(?:但|而|却|且)\s*{re.escape(written.lstrip('和与及跟'))}\s*(?:并?不是|并非|不当|不)(?:作为)?(牵头|配合|参与)", tail):
            roles.append((canon, {"牵头": "-lead", "配合": "-participating"}.get(denied.group(1), "-any")))
    if ("-any" in {r for _, r in roles} and roles[0][1] == "participating"
            and re.match(r"\s*(?:都|也)?\s*(?:参与|参加|涉及)", text[spans[0][1]:])):
        roles[0] = (roles[0][0], "any")  # X参与、但Y没参与: X has a part (any), Y none
    return roles
