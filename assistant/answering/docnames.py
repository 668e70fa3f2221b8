"""Which words of a question name a loaded document (这个碳达峰实施方案里, 国家城乡建设绿色
低碳行动方案里): they say where to look, not what is asked, so a unit's task question that
names its plan is still a question about all of the unit's tasks.

Derived from the loaded documents' titles only: a phrase ending in a document kind (方案,
意见 …) names a document when one title holds most of its character pairs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text import grams

#: a phrase naming a document ends with its kind, optionally followed by 里/中
KIND_RE = re.compile(r"(实施方案|行动方案|工作方案|方案|意见|通知|规划|计划|办法)(里|中|内|上)?")
#: how much of a phrase's character pairs one title must hold
MIN_SHARE = 0.65
#: longest phrase looked at before the kind word
MAX_SPAN = 24
#: pairs a phrase must share with one title beyond the common ones (市建设方案 names nothing)
MIN_OWN = 2
#: a pair in more than this share of the titles tells titles apart by nothing: it counts as held
COMMON = 0.5
#: how much more of a phrase one title must hold than the next to be the one it names
MARGIN = 0.15


class TitleIndex:
    """Character pairs of the loaded documents' titles, for :meth:`phrases`."""

    def __init__(self, titles: Sequence[str]) -> None:
        self.n = len(titles)
        self._postings: dict[str, set[int]] = {}
        for i, title in enumerate(titles):
            for g in grams(title):
                self._postings.setdefault(g, set()).add(i)

    def _shares(self, phrase: str) -> dict[int, float]:
        """Each title's share of ``phrase``'s pairs (titles holding fewer than MIN_OWN of
        its uncommon pairs left out)."""
        gs = grams(phrase)
        if not gs or not self.n:
            return {}
        common = {g for g in gs if len(self._postings.get(g, ())) > COMMON * self.n and self.n > 2}
        counts: dict[int, int] = {}
        for g in gs - common:
            for i in self._postings.get(g, ()):
                counts[i] = counts.get(i, 0) + 1
        return {i: (c + len(common)) / len(gs) for i, c in counts.items() if c >= MIN_OWN}

    def _share(self, phrase: str) -> float:
        """The largest share of ``phrase``'s pairs one title holds."""
        return max(self._shares(phrase).values(), default=0.0)

    def named(self, text: str) -> list[int]:
        """The titles the phrases of ``text`` name (their index), each only when one title
        holds clearly more of the phrase than any other (那个城乡建设碳达峰实施方案 names the
        provincial 碳达峰 plan, not the national 绿色低碳 one)."""
        out: list[int] = []
        for phrase in self.phrases(text):
            ranked = sorted(self._shares(KIND_RE.sub(lambda m: m.group(1), phrase)).items(), key=lambda x: -x[1])
            if ranked and ranked[0][1] >= MIN_SHARE and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= MARGIN):
                out.append(ranked[0][0])
        return out

    def phrases(self, text: str) -> list[str]:
        """The longest phrases of ``text`` that name a loaded document, left to right."""
        out: list[str] = []
        for m in KIND_RE.finditer(text):
            head = text[max(0, m.start() - MAX_SPAN):m.start()]
            head = re.split(r"[，,。？?！!；;：:\s]", head)[-1]
            for k in range(len(head)):  # longest first: drop leading words until a title holds it
                phrase = head[k:] + m.group(0)
                if len(head) - k >= 2 and self._share(head[k:] + m.group(1)) >= MIN_SHARE:
                    out.append(phrase)
                    break
        return out
