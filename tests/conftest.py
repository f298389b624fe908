"""Shared fixtures: builds of the example corpus and of the development seeds, made
once, and a PostgreSQL schema of a test's own."""

import os
from pathlib import Path

import pytest

from accord.pipeline import build
from accord.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
# the real server `.ci/run` starts; tests that need it are skipped where it is unset
PG_URL = os.environ.get("ACCORD_TEST_PG_URL", "")
SKIP_WITHOUT_POSTGRESQL = "ACCORD_TEST_PG_URL is not set"
needs_postgresql = pytest.mark.skipif(not PG_URL, reason=SKIP_WITHOUT_POSTGRESQL)


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


@pytest.fixture()
def pg_schema():
    """The URL of a PostgreSQL schema of this test's own, empty, dropped afterwards
    (what other tests built in the database stays as it was)."""
    from sqlalchemy import create_engine, text

    from accord.store.db import to_url

    if not PG_URL:
        pytest.skip(SKIP_WITHOUT_POSTGRESQL)
    engine = create_engine(to_url(PG_URL))
    with engine.begin() as c:
        c.execute(text("DROP SCHEMA IF EXISTS accord_scratch CASCADE"))
        c.execute(text("CREATE SCHEMA accord_scratch"))
    yield PG_URL + "?options=-csearch_path%3Daccord_scratch"
    with engine.begin() as c:
        c.execute(text("DROP SCHEMA accord_scratch CASCADE"))
    engine.dispose()
