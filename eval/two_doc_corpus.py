"""Assemble the two-document evaluation corpus in a folder of your choice.

The seed plan (``corpus/``) plus the SYNTHETIC county plan of 示例县 (a fictitious county,
``tests/fixtures/synthetic_county/synthetic_county_plan.docx``, 本文件为测试用合成数据)
and a manifest naming both.  Used by ``eval/questions_county.jsonl`` and the
multi-document tests; it never writes into ``corpus/``.

    python eval/two_doc_corpus.py /tmp/two_doc_corpus
    python -m assistant eval --questions eval/questions_county.jsonl \\
        --corpus /tmp/two_doc_corpus --index /tmp/two_doc_index
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "corpus"
COUNTY_DIR = REPO / "tests" / "fixtures" / "synthetic_county"
QUESTIONS = REPO / "eval" / "questions_county.jsonl"


def county_module() -> ModuleType:
    """The generator module of the synthetic county plan (its constants say what to expect)."""
    spec = importlib.util.spec_from_file_location("make_county_plan", COUNTY_DIR / "make_county_plan.py")
    if spec is None or spec.loader is None:  # pragma: no cover - the file is in the repo
        raise ImportError("tests/fixtures/synthetic_county/make_county_plan.py not found")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_county_plan", mod)
    spec.loader.exec_module(mod)
    return mod


def make_two_doc_corpus(dest: Path, *, seed_file: Path | None = None) -> Path:
    """Copy the seed and the synthetic county DOCX into ``dest`` with one manifest.

    ``seed_file`` replaces the seed TXT by another rendering of it (the PDF, say); its
    manifest entry is the seed's with the file name changed."""
    m = county_module()
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    seed_manifest = (SEED_DIR / "manifest.toml").read_text(encoding="utf-8")
    seed_txt = "liaocheng_construction_carbon_peak_plan_2023.txt"
    if seed_file is not None:
        shutil.copyfile(seed_file, dest / seed_file.name)
        seed_manifest = seed_manifest.replace(f'file = "{seed_txt}"', f'file = "{seed_file.name}"')
    else:
        shutil.copyfile(SEED_DIR / seed_txt, dest / seed_txt)
    docx = COUNTY_DIR / m.DOCX_NAME
    if not docx.exists():
        m.build(docx)
    shutil.copyfile(docx, dest / m.DOCX_NAME)
    (dest / "manifest.toml").write_text(
        seed_manifest.rstrip() + "\n\n# --- synthetic test document (not real policy) ---\n"
        + m.manifest_entry(), encoding="utf-8")
    return dest


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        raise SystemExit("usage: python eval/two_doc_corpus.py DEST_DIR")
    print(make_two_doc_corpus(Path(sys.argv[1])))
