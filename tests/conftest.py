"""Shared fixtures: builds of the example corpus and of the development seeds, made once."""

from pathlib import Path

import pytest

from accord.pipeline import build
from accord.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("examples") / "examples.db")
    report = build([str(EXAMPLES)], Store(db))
    assert report.exit_code == 0, report.failed
    return db


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    report = build([str(SEEDS)], Store(db))
    assert report.exit_code == 0, report.failed
    return db
