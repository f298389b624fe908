"""PostgreSQL builds and serves the same database as SQLite.

Runs against the real server named by ACCORD_TEST_PG_URL (`.ci/run` starts one and
sets it); skipped where that is unset. The database it names is emptied first.
"""


import pytest
from sqlalchemy import MetaData, create_engine

from accord.contracts import entities_json, findings_json, timeline_json
from accord.pipeline import build
from accord.store.db import Store, to_url
from tests.conftest import EXAMPLES, PG_URL, needs_postgresql

pytestmark = needs_postgresql


def _empty(url: str) -> None:
    engine = create_engine(to_url(url))
    md = MetaData()
    md.reflect(engine)
    md.drop_all(engine)
    engine.dispose()


@pytest.fixture(scope="module")
def pg_db() -> str:
    _empty(PG_URL)
    report = build([str(EXAMPLES)], Store(PG_URL))
    assert report.exit_code == 0, report.failed
    return PG_URL


def test_postgresql_and_sqlite_give_identical_findings(pg_db, examples_db):
    pg, lite = Store(pg_db, create=False), Store(examples_db, create=False)
    assert pg.engine.dialect.name == "postgresql"
    assert findings_json(pg) == findings_json(lite)


def test_postgresql_and_sqlite_give_identical_entities_and_timeline(pg_db, examples_db):
    pg, lite = Store(pg_db, create=False), Store(examples_db, create=False)
    assert entities_json(pg) == entities_json(lite)
    assert timeline_json(pg) == timeline_json(lite)


def test_a_rebuild_on_postgresql_is_incremental(pg_db):
    report = build([str(EXAMPLES)], Store(pg_db))
    assert report.read == 0 and report.skipped_unchanged > 0


def test_the_cli_reads_a_postgresql_url(pg_db):
    from typer.testing import CliRunner

    from accord.cli import app

    res = CliRunner().invoke(app, ["findings", "--db", pg_db, "--kind", "conflict"])
    assert res.exit_code == 0 and '"kind": "conflict"' in res.stdout


def test_a_bare_postgresql_url_uses_psycopg_3():
    assert to_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert to_url("postgres://h/db") == "postgresql+psycopg://h/db"



PARAGRAPH = ("The harbour committee met in the old rope store every second Tuesday and kept "
             "its minutes in a green ledger that later went missing during the flood of the "
             "lower quay.")  # made up for this test


def test_copies_found_kept_and_read_back_on_postgresql_as_on_sqlite(pg_schema, tmp_path):
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "ledger.txt").write_text(f"Orla Venn kept the ledgers of Tarrow harbour. {PARAGRAPH}\n\n"
                                     "She was born in 1871.\n", encoding="utf-8")
    (pile / "blog.txt").write_text(f"A blog about quays. {PARAGRAPH}\n\nOrla Venn was born in 1872.\n",
                                   encoding="utf-8")
    build([str(pile)], Store(pg_schema))
    # a third copy: the rebuild reads the stored pairs back and adds the new ones
    (pile / "forum.txt").write_text(f"Someone posted this. {PARAGRAPH}\n", encoding="utf-8")
    build([str(pile)], Store(pg_schema))
    build([str(pile)], Store(str(tmp_path / "lite.db")))
    pg, lite = Store(pg_schema, create=False), Store(str(tmp_path / "lite.db"), create=False)
    assert len(lite.copies()) == 3
    assert pg.copies() == lite.copies()
    assert sorted(pg.copy_pairs(), key=lambda d: (d.a, d.b)) == lite.copies()
    assert findings_json(pg) == findings_json(lite)
