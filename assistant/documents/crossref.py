"""Table rows <-> body clauses: which clause a row restates, and where the two disagree.

A responsibility table repeats the body's sentences, often shortened or reworded, and its
merged label cells are unreliable after PDF extraction.  So a row is linked to a clause by
*its own text*: IDF-weighted character-bigram containment of the requirement in the
clause, with the measure label as a small tie-breaker.  Conflicts compare the value
attached to the same indicator in both passages (not bags of numbers), so a paraphrase
such as 清洁能源取暖率 vs 清洁取暖率 with the same 80% raises nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from assistant.documents.targets import Quantity, quantities
from assistant.text import GramWeights, bigrams, dice
from assistant.types import Clause, Conflict, TaskRow

#: minimal weighted share of a requirement's bigrams found in a clause to link them
MIN_CONTAINMENT = 0.35
#: minimal title similarity to link on the measure label alone
MIN_TITLE_SIM = 0.5
#: minimal similarity of the indicator contexts for two values to be "the same indicator"
MIN_INDICATOR_SIM = 0.45


class ClauseIndex:
    """Bigram sets and IDF weights of a document's clauses, built once per document."""

    def __init__(self, clauses: Sequence[Clause]) -> None:
        self.clauses = list(clauses)
        self.grams = [bigrams(c.text) for c in self.clauses]
        self.weights = GramWeights(self.grams)

    def containment(self, text: str) -> list[float]:
        """For each clause, the IDF-weighted share of ``text``'s bigrams it contains."""
        q = bigrams(text)
        return [self.weights.cover(q, g) for g in self.grams]

    def link_pos(self, requirement: str, measure: str = "") -> int | None:
        """Position (in the clause list) of the clause the row belongs to, by content; None
        when nothing fits.  Positions, not numbers: numbers repeat where （一） restarts
        in every section."""
        if not self.clauses:
            return None
        cover = self.containment(requirement)
        titles = [dice(measure, c.title) if measure else 0.0 for c in self.clauses]
        if bigrams(requirement):
            scores = [cv + 0.1 * t for cv, t in zip(cover, titles)]
            best = max(range(len(scores)), key=scores.__getitem__)
            return best if cover[best] >= MIN_CONTAINMENT else None
        best = max(range(len(titles)), key=titles.__getitem__)
        return best if titles[best] >= MIN_TITLE_SIM else None

    def link(self, requirement: str, measure: str = "") -> int | None:
        """Clause number the row belongs to, by content; None when nothing fits."""
        pos = self.link_pos(requirement, measure)
        return None if pos is None else self.clauses[pos].no


@lru_cache(maxsize=32)
def _index(clauses: tuple[Clause, ...]) -> ClauseIndex:
    return ClauseIndex(clauses)


def link_clause(requirement: str, measure: str, clauses: Sequence[Clause]) -> int | None:
    """The clause (its number) whose text contains the requirement best; ``measure`` (the
    row's 主要措施 label) only breaks near ties, because labels may sit on the wrong row."""
    return _index(tuple(clauses)).link(requirement, measure)


def _best_counterpart(q: Quantity, body: Sequence[Quantity]) -> tuple[Quantity | None, float, bool]:
    """The body value measuring the same thing as ``q``; also whether an equal value
    exists for an indicator about as similar (then the row merely paraphrases)."""
    same_kind = [b for b in body if b.kind == q.kind]
    if not same_kind:
        return None, 0.0, False
    scored = [(max(dice(q.context, b.context), dice(q.indicator, b.indicator)), b) for b in same_kind]
    sim, best = max(scored, key=lambda sb: sb[0])
    agree = any(b.key == q.key and s >= max(MIN_INDICATOR_SIM, sim - 0.15) for s, b in scored)
    return best, sim, agree


def _describe(kind: str, q: Quantity, b: Quantity, clause_no: int, row_no: int | None) -> str:
    what = {"star_level": "星级", "percent": "比例", "number": "数值", "year": "年份"}.get(kind, "数值")
    tv = f"{q.year}年" if kind == "year" else q.value
    bv = f"{b.year}年" if kind == "year" else b.value
    return (f"{what}不一致：正文第{clause_no}条“{b.indicator}”为{bv}，"
            f"责任分工表第{row_no}行为{tv}")


def find_conflicts(rows: Sequence[TaskRow], clauses: Sequence[Clause], doc_id: str) -> list[Conflict]:
    """Values a row states differently from its linked clause: star level, percentage,
    number with unit, or the year a value is due."""
    by_no = {c.no: c for c in clauses}
    body_cache: dict[int, list[Quantity]] = {}
    out: list[Conflict] = []
    for row in rows:
        if row.clause_pos is not None and row.clause_pos < len(clauses):
            clause: Clause | None = clauses[row.clause_pos]
        else:
            clause = by_no.get(row.clause_no) if row.clause_no is not None else None
        if clause is None:
            continue
        body = body_cache.setdefault(clause.start, quantities(clause.text))
        for q in quantities(row.requirement):
            best, sim, agree = _best_counterpart(q, body)
            if best is None or sim < MIN_INDICATOR_SIM:
                continue
            kind = None
            if not agree and best.key != q.key:
                kind = q.kind
            elif best.key == q.key and q.year and best.year and q.year != best.year:
                kind = "year"
            if kind is None:
                continue
            out.append(Conflict(
                doc_id=doc_id, clause_no=clause.no, row_no=row.row_no, kind=kind,
                body_value=f"{best.year}年" if kind == "year" else best.value,
                table_value=f"{q.year}年" if kind == "year" else q.value,
                body_text=best.sentence, table_text=q.sentence,
                description=_describe(kind, q, best, clause.no, row.row_no)))
    return out
