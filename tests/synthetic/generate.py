"""Write the SYNTHETIC test matrix to disk.

    python -m tests.synthetic.generate --out DIR [--layouts L ...] [--levels V ...] [--kinds K ...]
                                       [--reader-edition DIR] [--jobs N]

``--out`` gets one folder per layout and kind (``table_ruled-pdf/`` …), each a corpus
folder with that layout's four level documents and a ``gold.json``; ``--reader-edition``
gets one Markdown file per level for people writing evaluation questions.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .layouts import KINDS, LAYOUTS
from .matrix import Cell, cells
from .model import LEVELS, SYNTHETIC_NOTE
from .reader import write_reader_edition
from .render_pdf import NoCjkFont


def _write(job: tuple[Cell, str]) -> str:
    cell, out = job
    return str(cell.write(Path(out) / cell.folder))


def folder_gold(selected: Sequence[Cell]) -> dict[str, dict[str, Any]]:
    """gold.json content per folder."""
    out: dict[str, dict[str, Any]] = {}
    for cell in selected:
        entry = out.setdefault(cell.folder, {"note": SYNTHETIC_NOTE, "layout": cell.layout, "kind": cell.kind,
                                             "documents": []})
        entry["documents"].append(cell.gold())
    return out


def generate(out: Path, selected: Sequence[Cell], jobs: int = 1) -> list[Path]:
    """Write every selected cell and each folder's gold.json; returns the files written."""
    work = [(c, str(out)) for c in selected]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            paths = [Path(p) for p in pool.map(_write, work)]
    else:
        paths = [Path(_write(w)) for w in work]
    for folder, gold in folder_gold(selected).items():
        path = out / folder / "gold.json"
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tests.synthetic.generate", description=__doc__.split("\n")[0])
    p.add_argument("--out", type=Path, help="folder for the matrix (one sub-folder per layout and kind)")
    p.add_argument("--layouts", nargs="+", choices=LAYOUTS, metavar="LAYOUT", help=" ".join(LAYOUTS))
    p.add_argument("--levels", nargs="+", choices=LEVELS, metavar="LEVEL", help=" ".join(LEVELS))
    p.add_argument("--kinds", nargs="+", choices=KINDS, metavar="KIND", help=" ".join(KINDS))
    p.add_argument("--reader-edition", type=Path, metavar="DIR", help="write the Markdown reader edition here")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (scans are the slow part)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.out is None and args.reader_edition is None:
        print("error: give --out DIR and/or --reader-edition DIR", file=sys.stderr)
        return 2
    start = time.perf_counter()
    if args.out is not None:
        selected = cells(kinds=args.kinds, layouts=args.layouts, levels=args.levels)
        if not selected:
            print("error: no valid cell for that selection", file=sys.stderr)
            return 2
        try:
            paths = generate(args.out, selected, args.jobs)
        except NoCjkFont as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        print(f"{len(selected)} files in {len({c.folder for c in selected})} folders, "
              f"{len(paths) - len(selected)} gold.json -> {args.out}")
    if args.reader_edition is not None:
        written = write_reader_edition(args.reader_edition, tuple(args.levels or LEVELS))
        print(f"reader edition: {len(written)} files -> {args.reader_edition}")
    print(f"{time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
