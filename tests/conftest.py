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
