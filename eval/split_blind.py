"""Split a frozen blind question file into dev and test halves, by a fixed seed.

    python eval/split_blind.py eval/blind/seed_all.jsonl    # -> seed_dev.jsonl, seed_test.jsonl

dev: read its failures, fix general causes.  test: run and report only, never read its
failures to fix them.  The split depends only on the question ids and the seed, so it is
the same on every machine and cannot be re-drawn after looking at results.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SEED = 20261202


def split(path: Path) -> tuple[Path, Path]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    ids = sorted(json.loads(ln)["id"] for ln in lines)
    random.Random(SEED).shuffle(ids)
    dev_ids = set(ids[: len(ids) // 2])
    stem = path.stem.removesuffix("_all")
    dev, test = path.with_name(f"{stem}_dev.jsonl"), path.with_name(f"{stem}_test.jsonl")
    dev.write_text("".join(ln + "\n" for ln in lines if json.loads(ln)["id"] in dev_ids), encoding="utf-8")
    test.write_text("".join(ln + "\n" for ln in lines if json.loads(ln)["id"] not in dev_ids), encoding="utf-8")
    return dev, test


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        for out in split(Path(arg)):
            print(out, sum(1 for _ in out.open(encoding="utf-8")))
