"""Questions that rank by a count over a plan's task rows: which unit leads (takes part in)
the most or the fewest tasks (谁牵头的任务最多, 住建局和城管局谁牵头的多, 只牵头一项的部门), which
tasks have the most units taking part, and which part, measure or clause holds the most tasks
(哪条主要措施下面的任务最多, 第七条和第十五条各对应几项任务).

Every figure is counted from the documents' task rows, never read from a passage found by
similarity; the wording rules read the question only, no document words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answering import compose as A
from assistant.answering.rosters import names_no_lead, same_kind
from assistant.answering.tasklists import answer_task_list
from assistant.documents.unitindex import in_order
from assistant.numerals import cn_to_int, count_said, int_to_cn
from assistant.types import Document, TaskRow

#: a unit asked for (哪个部门, 谁, which bureau, 哪个市直部门), or two named and weighed (X和Y谁…)
_WHICH_UNIT_RE = re.compile(r"哪(?:个|家|一个|些|几个|几家)?(?:[省市县区][直级属]?)?(?:部门|单位|局|委|机构|机关)|谁|"
                            r"最[多少]的(?:部门|单位|机构)?(?:是|为)哪(?:个|家|一个|一家)|"
                            r"\bwhich\s+(?:[\w-]+\s+){0,2}?(?:departments?|units?|bureaus?|bod(?:y|ies)|agenc(?:y|ies)|"
                            r"ministr(?:y|ies)|offices?)\b|\bwho\b|^\s*which\b", re.IGNORECASE)
#: …ranked by how many tasks it holds in a role (牵头的任务最多, 参与任务最少, leads the most tasks); a bare
#: 多/少 (谁牵头的多) only weighs two units named
_UNIT_RANKED_RE = re.compile(
    r"(?:(?P<both>牵头(?:或|和|或者|及)(?:参与|配合))|(?P<role>牵头|参与|配合|负责|承担|涉及))(?:了|的)?(?:任务|工作|事项|事)?(?:数量?|条数|项数)?(?:是|也)?"
    r"(?P<order>最多|最少|更多|更少|多(?=[？?吗呢，,。]|$|一些|点|还是)|少(?=[？?吗呢，,。]|$|一些|点))|"
    r"(?:作为|当|担任|是)?(?P<role2>牵头|参与|配合)单位的?(?:次数|回数|频次)?(?:是|也)?(?P<order2>最多|最少)|"
    r"\b(?P<en_role>leads?|participates?\s+in|takes?\s+part\s+in|is\s+involved\s+in|is\s+responsible\s+for|supports?)\s+"
    r"(?:the\s+)?(?P<en_order>most|fewest|least|more|fewer)\s+(?:tasks|items|measures)\b", re.IGNORECASE)
_BARE_ORDER = ("多", "少", "更多", "更少", "more", "fewer")
#: units holding exactly N tasks in a role (只牵头了一项的部门, 仅参与两项任务的单位)
_UNIT_EXACT_RE = re.compile(r"(?:只|仅|仅仅)(?P<role>牵头|参与|配合|负责)(?:了)?(?P<n>[一两二三四五1-5])(?:项|个|条)(?:任务|工作)?的?"
                            r"(?:部门|单位|局|机构)")
#: the tasks ranked by how many units take part, or hold any role (参与单位最多的任务, 责任单位最多的任务)
_TASK_RANKED_RE = re.compile(r"(?P<role>参与|配合|协同|协助|涉及|责任)的?(?:单位|部门)(?:数量?|个数)?(?:是|也)?(?P<order>最多|最少)|"
                             r"\b(?P<en_order>most|fewest)\s+(?:participating|supporting|cooperating|involved|partner)\s+"
                             r"(?:units|departments|bodies|agencies)\b", re.IGNORECASE)
_WHICH_TASK_RE = re.compile(r"哪(?:项|几项|一项|些任务|个任务|几个任务|条任务)|什么任务|\bwhich\s+(?:task|item)s?\b|\bwhat\s+tasks?\b",
                            re.IGNORECASE)
#: a part or measure ranked by how many tasks it holds (哪条主要措施下面的任务最多, 哪部分任务更多)
_GROUP_RANKED_RE = re.compile(r"哪(?:条|个|一个|一)?(?P<group>主要措施|重点任务|部分|方面|板块|(?<=哪)条(?=下|里|中|列|的)|"
                              r"(?<=哪一)条(?=下|里|中|列|的))[^，,。？?]{0,12}?(?:任务|事项|工作|行)"
                              r"[^，,。？?]{0,6}?(?:最多|最少|更多|更少|多还是|少还是)")
#: tasks counted per clause named (第七条和第十五条各对应几项任务): tasks, not units or targets
_CLAUSE_COUNTED_RE = re.compile(r"第(?P<a>[一二三四五六七八九十\d]{1,3})条[^，,。？?]{0,4}?(?:和|与|跟|及|、)第"
                                r"(?P<b>[一二三四五六七八九十\d]{1,3})条(?P<rest>[^。？?]{0,16}?(?:几项|几条|多少项|多少条|几个|"
                                r"哪一?条[^。？?]{0,14}(?:多|少)))")
_OTHER_COUNTED_RE = re.compile(r"单位|部门|指标|目标|数字|百分")
#: …and the top unit's tasks asked after it (它牵头了哪些任务, 把多的那个配合的任务列出来, list the tasks led by the one)
_LISTED_RE = re.compile(r"(?:它|其(?![他它中余])|该单位|该部门|这个(?:单位|部门)|多的那个|最多的那个)[^。？?]{0,8}?(?:哪些|哪几项|任务)|"
                        r"(?:牵头|参与|配合|负责)了?(?:哪些|哪几项)|列(?:一下|出来?|举)|\blist\b|\bwhich tasks\b", re.IGNORECASE)
#: a unit's name as the question writes it (住建局, 市自然资源和规划局): what two named units are matched by
_UNIT_SAID_RE = re.compile(r"[\u4e00-\u9fa5]{1,14}?(?:局|委员会|委|厅|部|办公室|中心|政府)(?![\u4e00-\u9fa5]{0,2}(?:局|委|厅))")
_ROLE = {"牵头": "lead", "参与": "participating", "配合": "participating", "负责": "any", "承担": "any", "涉及": "any",
         "lea": "lead", "par": "participating", "tak": "participating", "sup": "participating", "is": "any"}
_ROLE_CN = {"lead": "牵头", "participating": "参与", "any": "牵头或参与"}


@dataclass(frozen=True)
class Ranking:
    """What a ranking question asks: units by their task count (``what="units"``), tasks by
    their units (``"tasks"``), or groups of tasks by size (``"measure"``, ``"key_task"``,
    ``"clause"``); ``order`` is most, fewest or exactly ``count``."""

    what: str
    role: str = "any"
    order: str = "most"
    count: int = 0
    clauses: tuple[int, ...] = ()
    listed: bool = False  # the top unit's tasks asked too (它牵头了哪些任务, list the tasks led by the one)
    named: tuple[str, ...] = ()  # units named to be weighed against each other (住建局和城管局谁…), as written


def ranking_of(original: str, text: str) -> Ranking | None:
    """:func:`ranking_asked` of the question as asked, else as read (English in Chinese words,
    whose unit names then count)."""
    return ranking_asked(original, text) or ranking_asked(text)


def _units_said(text: str) -> tuple[str, ...]:
    named = tuple(dict.fromkeys(x.lstrip("和与及跟、") for x in _UNIT_SAID_RE.findall(text)))
    return named if len(named) > 1 else ()


def _num(s: str) -> int | None:
    """A number as written (7, 十五); None for a slip such as 十十."""
    try:
        return int(s) if s.isdigit() else cn_to_int(s)
    except ValueError:
        return None


def _order(word: str) -> str:
    return "fewest" if word.lower() in ("最少", "更少", "少", "fewest", "least", "fewer") else "most"


def ranking_asked(text: str, names: str = "") -> Ranking | None:
    """The ranking ``text`` asks, or None; the units weighed are named in ``names`` (the
    question as read, for one asked in English) or in ``text``."""
    text = re.sub(r"\s+", " ", text)
    if (m := _CLAUSE_COUNTED_RE.search(text)) and not _OTHER_COUNTED_RE.search(m["rest"] + text[m.end():m.end() + 6]) \
            and (a := _num(m["a"])) is not None and (b := _num(m["b"])) is not None:
        return Ranking("clause", order="fewest" if "少" in m["rest"] else "most", clauses=(a, b))
    if (m := _UNIT_EXACT_RE.search(text)) and (n := _num(m["n"])) is not None:
        return Ranking("units", _ROLE[m["role"]], "exactly", n)
    if (m := _TASK_RANKED_RE.search(text)) and _WHICH_TASK_RE.search(text):
        return Ranking("tasks", "any" if m["role"] in ("涉及", "责任") else "participating", _order(m["order"] or m["en_order"]))
    if (m := _UNIT_RANKED_RE.search(text)) and _WHICH_UNIT_RE.search(text):
        said, order = m["role"] or m["role2"] or m["both"], m["order"] or m["order2"] or m["en_order"]
        named = _units_said(text) or _units_said(names)
        if order.lower() in _BARE_ORDER and not named:
            return None  # 住建局牵头的任务多吗: one unit's list, no ranking
        role = "any" if m["both"] else _ROLE[said] if said else _ROLE[m["en_role"].split()[0][:3].lower()]
        return Ranking("units", role, _order(order), listed=bool(_LISTED_RE.search(text)), named=named)
    if (m := _GROUP_RANKED_RE.search(text)) and not _WHICH_UNIT_RE.search(text[:m.start()]):
        group = "measure" if m["group"] == "主要措施" else "clause" if m["group"].startswith("条") else "key_task"
        return Ranking(group, order="fewest" if "少" in m.group() else "most")
    return None


def units_holding(row: TaskRow, role: str) -> tuple[str, ...]:
    """The units holding ``row`` in ``role`` (any: its leads and its partners)."""
    return row.lead_units if role == "lead" else row.participating_units if role == "participating" else \
        (*row.lead_units, *row.participating_units)


def answer_ranking(r: Ranking, scope: Sequence[Document], unit: str | None = None, role: str = "any") -> A.Draft:
    """The ranking asked, per plan in scope, counted from its task rows (for parts and
    measures, of ``unit``'s rows in ``role`` when a unit is named: 住建局牵头的任务中哪部分最多)."""
    unit = unit if r.what != "units" else None  # 住建局牵头的任务中哪项参与单位最多: its rows
    d = A.Draft(found=False)
    if r.named:  # 市财政局和市自然资源和规划局，谁…: the plans naming both
        scope = [doc for doc in scope if len(_named_in(r, {u for t in doc.tasks for u in units_holding(t, "any")})) > 1] or scope
    for doc in scope:
        rows = [t for t in A.listed_tasks(doc.tasks) if not unit or t.holds(unit, role)]  # a task the text restates: once
        if not rows:
            continue
        label = A.doc_label(doc) if len(scope) > 1 else ""
        if r.what == "units":
            _units(d, r, doc, rows, label)
        elif r.what == "tasks":
            _tasks(d, r, doc, rows, label)
        else:
            _groups(d, r, doc, rows, label)
    return d if d.lines else A.Draft(found=False, lines=["文件中没有责任分工，无法按任务数统计。"])


def _units(d: A.Draft, r: Ranking, doc: Document, rows: Sequence[TaskRow], label: str) -> None:
    if r.role == "lead" and names_no_lead(rows):
        d.lines.append(f"{label}文件的多数任务未写明牵头单位（所列单位按职责分工负责），无法统计各单位牵头的任务数。")
        return
    held: dict[str, list[TaskRow]] = {}
    for t in rows:
        for u in dict.fromkeys(units_holding(t, r.role)):
            held.setdefault(u, []).append(t)
    if not held:
        return
    role = _ROLE_CN[r.role]
    if r.named:  # 住建局和城管局谁牵头的多: those two only, none counted too (every unit when they cannot both be told)
        named = {u: held.get(u, []) for u in _named_in(r, {u for t in rows for u in units_holding(t, "any")})}
        held = named if len(named) > 1 and any(named.values()) else held
    ranked = sorted(held.items(), key=lambda kv: -len(kv[1]))
    top: list[tuple[str, list[TaskRow]]] = []
    if r.order == "exactly":
        picked = [(u, ts) for u, ts in ranked if len(ts) == r.count]
        head = f"{label}{role}任务恰好{count_said(r.count)}项的单位"
        d.lines.append(f"{head}：" + "、".join(f"{u}{d.cite_task(doc, ts[0])}" for u, ts in picked) + "。" if picked
                       else f"{head}：没有。")
    else:
        n = len(ranked[0][1]) if r.order == "most" else len(ranked[-1][1])
        top = [(u, ts) for u, ts in ranked if len(ts) == n]
        word = "最多" if r.order == "most" else "最少"
        cited = {u: d.cite_task(doc, ts[0]) if ts else "" for u, ts in top}
        d.lines.append(f"{label}按分工统计，{role}任务{word}的是" + "、".join(f"{u}{cited[u]}" for u, _ in top)
                       + f"（各{count_said(n)}项）。" if len(top) > 1 else
                       f"{label}按分工统计，{role}任务{word}的是{top[0][0]}（{count_said(n)}项）{cited[top[0][0]]}。")
    d.lines.append(f"各单位{role}的任务数：" + "、".join(f"{u}{count_said(len(ts))}项" for u, ts in ranked) + "。")
    d.found = True
    if r.listed and len(top) == 1 and top[0][1]:  # …它牵头了哪些任务: the top unit's list
        unit, rows_held = top[0]
        d.extend(answer_task_list(f"{unit}{role}的任务", [doc], rows_held))


def _named_in(r: Ranking, units: set[str]) -> list[str]:
    """The units named by one of ``r.named``: its characters in the unit's order, or the unit's
    short form's in its (城市管理局 asked, the plan's 县城管局)."""
    out: set[str] = set()
    for said in r.named:
        level = said[0] if said[0] in "省市县区" else ""  # 县住建局: a county's, whatever its tail (城市管理局: no level)
        for i in range(max(1, len(said) - 2)):  # 请问住建局: 住建局 (a tail of three characters at least)
            n = said[i:]
            hits = sorted(u for u in units if same_kind(n, u) and not _other_level(level, u)
                          and (in_order(n, u) or in_order(u.lstrip("省市县区"), n)))
            if hits:
                best = min(abs(len(u) - len(n)) for u in hits)
                closest = [u for u in hits if abs(len(u) - len(n)) == best]
                if len(closest) == 1:  # the one closest name; none when two are as close
                    out.add(closest[0])
                break
    return sorted(out)


def _other_level(said: str, unit: str) -> bool:
    """市财政局 said (``said``: the characters where its level may stand), 县财政局 in the plan: another level's unit."""
    level = next((c for c in said if c in "省市县区"), "")
    return bool(level) and unit[:1] in "省市县区" and level != unit[:1]


def _tasks(d: A.Draft, r: Ranking, doc: Document, rows: Sequence[TaskRow], label: str) -> None:
    def size(t: TaskRow) -> int:
        return len(set(units_holding(t, r.role)))
    n = (max if r.order == "most" else min)(size(t) for t in rows)
    top = [t for t in rows if size(t) == n]
    word = "最多" if r.order == "most" else "最少"
    kind = "责任单位（牵头和参与）" if r.role == "any" else "参与（配合）单位"
    d.lines.append(f"{label}{kind}{word}的任务（{count_said(n)}个单位）共{count_said(len(top))}项：")
    for t in top:
        d.lines.append(f"· {A.row_phrase(t)}（{A.roles_said(t)}）{d.cite_task(doc, t)}")
    d.tasks.extend(top)
    d.found = True


def _group_key(r: Ranking) -> Callable[[TaskRow], str]:
    if r.what == "measure":
        return lambda t: t.measure or t.key_task
    if r.what == "clause":  # numbered again in each part of some plans: the part said with it then
        return lambda t: f"第（{int_to_cn(t.clause_no)}）条" if t.clause_no is not None else ""
    return lambda t: t.key_task


def _groups(d: A.Draft, r: Ranking, doc: Document, rows: Sequence[TaskRow], label: str) -> None:
    key = _group_key(r)
    repeated = r.what == "clause" and len({c.no for c in doc.clauses}) < len(doc.clauses)
    groups: dict[str, list[TaskRow]] = {}
    for t in rows:
        if (k := key(t)) and (not r.clauses or t.clause_no in r.clauses):
            if repeated and t.clause_pos is not None and (clause := doc.clauses[t.clause_pos]).section_title:
                k = f"{clause.section_title}{k}"  # （一） of 二、 is not （一） of 三、
            groups.setdefault(k, []).append(t)
    if not groups:
        if r.clauses:
            d.lines.append(f"{label}分工中没有对应第（{'）条、第（'.join(map(int_to_cn, r.clauses))}）条的任务。")
        return
    for c in r.clauses:  # a clause asked that no task comes under: none, said
        if not any(k.endswith(f"第（{int_to_cn(c)}）条") for k in groups):
            groups[f"第（{int_to_cn(c)}）条"] = []
    kind = {"measure": "主要措施", "clause": "条", "key_task": "部分（重点任务）"}[r.what]
    ranked = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    n = len(ranked[0][1]) if r.order == "most" else len(ranked[-1][1])
    top = [k for k, ts in ranked if len(ts) == n]
    if r.clauses and len(top) == len(ranked) > 1:
        d.lines.append(f"{label}{'和'.join(top)}在分工中对应的任务一样多（各{count_said(n)}项）。")
    elif not r.clauses or len(ranked) > 1:
        d.lines.append(f"{label}分工中任务{'最多' if r.order == 'most' else '最少'}的{kind}是“{'”“'.join(top)}”"
                       f"（{count_said(n)}项）{d.cite_task(doc, groups[top[0]][0]) if n else ''}。")
    d.lines.append(f"各{kind}的任务数：" + "；".join(f"{k}{count_said(len(ts))}项{d.cite_task(doc, ts[0]) if r.clauses and ts else ''}"
                                              for k, ts in ranked) + "。")
    d.found = True
