"""Schema migrations (Alembic, shipped in the package): an empty database and one at
the previous revision both come up to the newest schema, data intact, and the
migrated schema is exactly what `store/schema.py` declares."""

import os
import subprocess
import sys
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text

from accord.model import Claim, EntityRef, Evidence, Precision, Source, TimeValue
from accord.store import migrations
from accord.store import schema as s
from accord.store.db import Store, StoreError, to_url

PG_URL = os.environ.get("ACCORD_TEST_PG_URL", "")


def _sqlite(tmp_path, name="m.db"):
    path = str(tmp_path / name)
    return path, create_engine(to_url(path))


def _schema_diff(engine) -> list:
    with engine.connect() as c:
        return compare_metadata(MigrationContext.configure(c), s.metadata)


def test_an_empty_sqlite_database_is_migrated_to_the_declared_schema(tmp_path):
    path, engine = _sqlite(tmp_path)
    store = Store(path)
    assert store.revision == migrations.head()
    with engine.connect() as c:
        assert migrations.current(c) == migrations.head()
        version = c.execute(select(s.meta.c.value).where(s.meta.c.key == "schema_version"))
        assert version.scalar_one() == str(s.SCHEMA_VERSION)
    assert _schema_diff(engine) == []


@pytest.mark.parametrize("legacy", [False, True], ids=["at-0001", "before-alembic"])
def test_a_database_at_the_previous_revision_is_upgraded_with_its_data(tmp_path, legacy):
    path, engine = _sqlite(tmp_path)
    migrations.upgrade(engine, to=migrations.BASELINE)
    with engine.begin() as c:
        c.execute(text(  # a row as the baseline schema holds it (no size, no mtime)
            "INSERT INTO sources (id, name, location, format, title, author, site, published,"
            " language, text, zones, removed, origin, pipeline, added_at) VALUES ("
            "'s0123456789abcdef', 'a.txt', '/old/a.txt', 'txt', '', '', '', NULL, 'en',"
            " 'Ada Quill was born in 1900.', '[]', '[]', '', '1', 0)"))
        if legacy:  # as accord 0.1 left it: the tables, but no record of a revision
            c.execute(text("DROP TABLE alembic_version"))
    assert "size" not in {col["name"] for col in inspect(engine).get_columns("sources")}
    store = Store(path)
    assert store.revision == migrations.head()
    assert [x.name for x in store.sources()] == ["a.txt"]
    assert store.source_stats()["/old/a.txt"].size is None  # unknown: compared by content
    assert _schema_diff(engine) == []
    src = Source(id="s1", name="b.txt", location="/new/b.txt", text="Bo Lind was born in 1901.")
    tv = TimeValue(date(1901, 1, 1), date(1901, 12, 31), Precision.YEAR, "1901")
    store.write_source(src, "1", [], [], [Claim("c1", "s1", EntityRef("Bo Lind", "PER", 0, 7),
                                                "birth", tv, Evidence("s1", 0, 25, src.text))],
                       stat=(25, 123))
    assert store.source_stats()["/new/b.txt"].mtime_ns == 123


def test_the_declared_head_is_the_newest_migration_script():
    assert migrations.head() == migrations.HEAD


def test_opening_an_up_to_date_database_does_not_need_alembic(tmp_path):
    """Every command opens its store: when there is nothing to migrate, that is one
    query, and Alembic (a quarter of a second to import) is never imported."""
    path = str(tmp_path / "up.db")
    Store(path)
    probe = ("import sys; from accord.store.db import Store; "
             f"s = Store({path!r}); print(s.revision, 'alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == [migrations.HEAD, "False"]


def test_a_database_from_a_newer_accord_is_refused(tmp_path):
    path, engine = _sqlite(tmp_path)
    Store(path)
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer than this accord"):
        Store(path)


def test_reading_an_empty_database_is_a_clear_error(tmp_path):
    path, engine = _sqlite(tmp_path)
    with engine.begin() as c:
        c.execute(text("CREATE TABLE unrelated (x INTEGER)"))
    with pytest.raises(StoreError, match="no accord database"):
        Store(path, create=False)


@pytest.mark.skipif(not PG_URL, reason="ACCORD_TEST_PG_URL is not set")
def test_postgresql_is_migrated_step_by_step_to_the_declared_schema():
    from sqlalchemy import MetaData

    engine = create_engine(to_url(PG_URL))
    md = MetaData()
    md.reflect(engine)
    md.drop_all(engine)
    assert migrations.upgrade(engine, to=migrations.BASELINE) == migrations.BASELINE
    assert Store(PG_URL).revision == migrations.head()
    assert _schema_diff(engine) == []
    engine.dispose()
