"""Calibrate the evidence check (assistant/answering/answerable.py: MIN_COVER) on DEV sets.

    python eval/calibrate_evidence.py eval/blind/seed_dev.jsonl eval/questions.jsonl [--corpus DIR]

Answers every question with the check off, records the coverage the check would have
computed, and prints, per threshold, how many right answers it would refuse (false
refusals) and how many wrong or unanswerable ones it would let through.  Never run it on
a test half: a threshold read off the test questions makes them dev questions.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import assistant  # noqa: E402
import assistant.answering.answerable as answerable  # noqa: E402
from assistant.evaluate import load_questions, missing_facts  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("questions", nargs="+")
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--index", default="index")
    args = ap.parse_args()
    if any("_test" in q for q in args.questions):
        print("refusing to calibrate on a test half", file=sys.stderr)
        return 2
    qa = assistant.load(index_dir=args.index, corpus_dir=args.corpus)
    seen: list[float] = []
    real = answerable.coverage

    def spy(*a, **kw):  # type: ignore[no-untyped-def]
        cover, lacking = real(*a, **kw)
        seen.append(cover)
        return 1.0, lacking  # let every answer through

    answerable.coverage = spy  # type: ignore[assignment]

    import assistant.answering.pipeline as pipeline_mod

    pipeline_mod.coverage = spy  # type: ignore[assignment]
    rows = []
    for path in args.questions:
        for q in load_questions(Path(path)):
            seen.clear()
            ans = qa.ask(q["question"], k=10).to_dict()
            cover = seen[-1] if seen else None
            if cover is None:
                continue
            good = q["type"] != "refuse" and ans["found"] and not missing_facts(q.get("gold") or {}, ans["answer"])
            rows.append((cover, good, q["id"], q["question"]))
    print(f"{len(rows)} answers the check looks at")
    for t in (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
        false_ref = sum(1 for c, g, *_ in rows if g and c < t)
        through = sum(1 for c, g, *_ in rows if not g and c >= t)
        print(f"MIN_COVER={t:.2f}: right answers refused {false_ref}, wrong/unanswerable let through {through}")
    for c, g, qid, text in sorted(rows):
        print(f"  {c:.2f} {'ok ' if g else 'BAD'} {qid} {text[:60]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
