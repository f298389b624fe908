"""Schema migrations (Alembic, shipped in the package): an empty database and one at
the previous revision both come up to the newest schema, data intact, and the
migrated schema is exactly what `store/schema.py` declares."""

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
from tests.conftest import PG_URL, needs_postgresql


def _sqlite(tmp_path, name="m.db"):
    path = str(tmp_path / name)
    return path, create_engine(to_url(path))


def _schema_diff(engine) -> list:
    with engine.connect() as c:
        return compare_metadata(MigrationContext.configure(c), s.metadata)


def _shape(engine) -> dict:
    """Everything a database's schema and bookkeeping consist of, as the database
    itself reports it: each table's columns (type, nullability, default), primary and
    foreign keys, indexes and unique constraints, and the rows of `meta` and
    `alembic_version`."""
    with engine.connect() as c:
        ins = inspect(c)
        tables = {t: {
            "columns": [(col["name"], str(col["type"]), col["nullable"], col["default"])
                        for col in ins.get_columns(t)],
            "pk": ins.get_pk_constraint(t)["constrained_columns"],
            "fks": sorted((tuple(fk["constrained_columns"]), fk["referred_table"],
                           tuple(fk["referred_columns"])) for fk in ins.get_foreign_keys(t)),
            "indexes": sorted((ix["name"], tuple(ix["column_names"]), bool(ix["unique"]))
                              for ix in ins.get_indexes(t)),
            "uniques": sorted(tuple(u["column_names"]) for u in ins.get_unique_constraints(t)),
        } for t in ins.get_table_names()}
        rows = {t: sorted(map(tuple, c.execute(text(f"SELECT * FROM {t}"))))
                for t in ("meta", "alembic_version")}
    return {"tables": tables, "rows": rows}


def _step_by_step_and_at_once(fresh_engine, fresh_url, stepped_engine, stepped_url):
    migrations.upgrade(stepped_engine, to=migrations.BASELINE)
    Store(stepped_url)  # the remaining migrations, in turn
    Store(fresh_url)  # empty: made at once
    return _shape(stepped_engine), _shape(fresh_engine)


def test_an_empty_database_made_at_once_is_the_one_the_migrations_make(tmp_path):
    """A new database gets the declared schema in one step, stamped at the newest
    revision; one made before that revision is migrated in turn. Both end alike."""
    fresh, fresh_engine = _sqlite(tmp_path, "fresh.db")
    stepped, stepped_engine = _sqlite(tmp_path, "stepped.db")
    by_steps, at_once = _step_by_step_and_at_once(fresh_engine, fresh, stepped_engine, stepped)
    assert at_once == by_steps
    assert at_once["rows"]["alembic_version"] == [(migrations.head(),)]
    assert len(at_once["tables"]) == len(s.metadata.tables) + 1  # and alembic_version


def test_a_new_database_is_made_without_alembic(tmp_path):
    probe = ("import sys; from accord.store.db import Store; "
             f"s = Store({str(tmp_path / 'new.db')!r}); print(s.revision, 'alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == [migrations.HEAD, "False"]


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


@needs_postgresql
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


@needs_postgresql
def test_postgresql_made_at_once_is_the_one_the_migrations_make():
    """As on SQLite: the steps' database in one schema of the server, the one made
    at once in another."""
    from sqlalchemy import MetaData

    urls = {name: to_url(PG_URL) + f"?options=-csearch_path%3D{name}" for name in ("a", "b")}
    admin = create_engine(to_url(PG_URL))
    with admin.begin() as c:
        for name in urls:
            c.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
            c.execute(text(f"CREATE SCHEMA {name}"))
    engines = {name: create_engine(url) for name, url in urls.items()}
    try:
        by_steps, at_once = _step_by_step_and_at_once(engines["b"], urls["b"], engines["a"],
                                                      urls["a"])
        assert at_once == by_steps
        assert at_once["rows"]["alembic_version"] == [(migrations.head(),)]
        md = MetaData()
        md.reflect(engines["b"])
        assert len(md.tables) == len(s.metadata.tables) + 1
    finally:
        for e in engines.values():
            e.dispose()
        with admin.begin() as c:
            for name in urls:
                c.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
        admin.dispose()
