"""Shared fixtures: the seed corpus indexed once per session with the fake embedder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "liaocheng_construction_carbon_peak_plan_2023.txt"


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the real corpus folder (seed + manifest)."""
    d = tmp_path_factory.mktemp("corpus")
    for p in (ROOT / "corpus").iterdir():
        if p.is_file():
            shutil.copy(p, d / p.name)
    return d


@pytest.fixture(scope="session")
def seed_qa(seed_corpus: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """assistant.load() over the seed with the deterministic fake embedder (no model)."""
    import assistant

    return assistant.load(index_dir=tmp_path_factory.mktemp("index"), corpus_dir=seed_corpus,
                          embed_backend="fake")


@pytest.fixture(scope="session")
def seed_parts():  # type: ignore[no-untyped-def]
    """(clauses, task rows) of the seed parsed straight from its raw text — the table
    split at tabs, without the ingestion step, so table tests do not depend on it."""
    from assistant.documents.structure import parse_clauses, parse_header, parse_sections
    from assistant.documents.table import parse_task_table
    from assistant.documents.units import UnitResolver
    from assistant.types import RawTable

    text = SEED.read_text(encoding="utf-8")
    sections = parse_sections(text)
    clauses = parse_clauses(text, sections)
    header = parse_header(text)
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("序号\t"))
    table = RawTable(rows=tuple(tuple(ln.split("\t")) for ln in lines[start:]))
    rows = parse_task_table(table, doc_id="seed", clauses=clauses, sections=sections,
                            resolver=UnitResolver("municipal", header.place, header.issuers))
    return clauses, rows


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A cache folder the real-model tests share, seeded with the ONNX export `make install`
    made in index/cache (exporting takes ~10 s; tests then pay it at most once)."""
    d = tmp_path_factory.mktemp("model-cache")
    src = ROOT / "index" / "cache" / "onnx"
    if src.is_dir():
        shutil.copytree(src, d / "onnx")
    return str(d)


@pytest.fixture(scope="session")
def synthetic_file(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """``write(cell) -> path``: a SYNTHETIC matrix file, generated at most once per session."""
    import sys

    if str(ROOT) not in sys.path:  # tests.synthetic is imported as a package of the repository
        sys.path.insert(0, str(ROOT))
    root = tmp_path_factory.mktemp("synthetic")
    made: dict[object, Path] = {}

    def write(cell) -> Path:  # type: ignore[no-untyped-def]
        if cell not in made:
            made[cell] = cell.write(root / cell.folder)
        return made[cell]

    return write


@pytest.fixture(scope="session")
def synthetic_qa(synthetic_file, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """``load(layout, kind, level, *more_levels) -> QA`` over SYNTHETIC matrix files (one, or
    a library of several levels) with the fake embedder, built at most once per session."""
    import assistant
    from tests.synthetic.matrix import Cell

    loaded: dict[object, object] = {}

    def load(layout: str, kind: str, level: str, *more: str):  # type: ignore[no-untyped-def]
        key = (layout, kind, level, *more)
        if key not in loaded:
            alone = tmp_path_factory.mktemp("cell")  # the cells' files only: other levels share their folder
            for lvl in (level, *more):
                path: Path = synthetic_file(Cell(layout, kind, lvl))
                shutil.copy(path, alone / path.name)
            loaded[key] = assistant.load(index_dir=tmp_path_factory.mktemp("idx"), corpus_dir=alone,
                                         embed_backend="fake")
        return loaded[key]

    return load

