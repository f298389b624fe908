"""The store: values survive the database, writes are per source, builds are exclusive."""

from datetime import date

import pytest

from accord.model import (
    Anchor,
    Approx,
    Claim,
    EntityRef,
    Evidence,
    Modality,
    Precision,
    Quantity,
    Source,
    Term,
    TimeValue,
)
from accord.store.codec import value_from_json, value_to_json
from accord.store.db import BuildLocked, Store, StoreError

VALUES = [
    TimeValue(date(1900, 9, 14), date(1900, 9, 14), Precision.DAY, "14 Sept 1900", "julian",
              Anchor.ABSOLUTE),
    TimeValue(date(1942, 6, 1), date(1942, 8, 31), Precision.SEASON, "summer 1942",
              label="1942-SU"),
    Quantity(45000, None, "person", Approx.MORE_THAN, "more than 45,000"),
    Term("hanging", "hanged"),
    EntityRef("Marsh County", "GPE", 10, 22, "e9"),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_every_value_round_trips_through_json(value):
    assert value_from_json(value_to_json(value)) == value


def _source(text="Ada Quill was born in 1900.", loc="/tmp/a.txt") -> Source:
    return Source(id="s" + str(abs(hash(text)))[:8], name="a.txt", location=loc, text=text)


def _claim(src: Source) -> Claim:
    return Claim("c1", src.id, EntityRef("Ada Quill", "PER", 0, 9), "birth", VALUES[0],
                 Evidence(src.id, 0, len(src.text), src.text), modality=Modality.ASSERTED)


def test_a_source_and_its_claims_are_written_and_read_back(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    src = _source()
    store.write_source(src, "1", [], [], [_claim(src)])
    assert store.source(src.id).text == src.text
    (c,) = store.all_claims()
    assert c.value == VALUES[0] and c.evidence.quote == src.text


def test_rewriting_a_changed_file_replaces_its_old_version(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    old, new = _source("Ada Quill was born in 1900."), _source("Ada Quill was born in 1901.")
    store.write_source(old, "1", [], [], [_claim(old)])
    store.write_source(new, "1", [], [], [])
    assert [s.id for s in store.sources()] == [new.id]
    assert store.all_claims() == []


def test_a_second_build_on_the_same_database_is_refused(tmp_path):
    a = Store(str(tmp_path / "t.db"))
    b = Store(str(tmp_path / "t.db"))
    a.acquire_build_lock()
    with pytest.raises(BuildLocked, match="another build"):
        b.acquire_build_lock()
    a.release_build_lock()
    b.acquire_build_lock()
    b.release_build_lock()


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path):
    import socket

    from sqlalchemy import insert

    from accord.store import schema

    store = Store(str(tmp_path / "t.db"))
    with store.engine.begin() as c:
        c.execute(insert(schema.meta).values(key="build_lock",
                                             value=f"{socket.gethostname()}:999999999:0"))
    store.acquire_build_lock()
    store.release_build_lock()


def test_reading_a_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        Store(str(tmp_path / "missing.db"), create=False)


def test_what_a_rebuild_reuses_goes_with_its_source(tmp_path):
    from accord.align.independence import Dependence
    from accord.resolve.resolver import NodeInfo, ResolverState
    from accord.source_keys import source_keys
    from accord.store.db import Kept

    store = Store(str(tmp_path / "t.db"))
    a = _source("Ada Quill was born in 1900. The Lake Survey Office (LSO) hired her.")
    b = _source("Bo Lind was born in 1901.", loc="/tmp/b.txt")
    for src in (a, b):
        store.write_sources([(src, "1", [], [], [], None, source_keys(src.text))])
    keys = store.source_keys()
    assert keys[a.id].keys.definitions == (("Lake Survey Office", "LSO"),)
    assert not keys[a.id].linked and store.unlinked() == 2
    pair = Dependence(*sorted((a.id, b.id)), 0.25, ((0, 10, 3, 13), (20, 30, 23, 33)))
    state = ResolverState({"ada quill": NodeInfo("PER", "Ada Quill", ("PER|k:qll",))},
                          {("PER", "ada quill", "quill"): "surname-only"}, {"Ada Quill's": "Ada Quill"})
    with store.corpus_update() as up:
        up.kept(Kept(resolver=state, rules="r1", inputs="x"))
        assert up.replace_copies({a.id, b.id}, [pair]) == set()
    assert store.copies() == [pair] and store.unlinked() == 0
    assert store.resolver_state() == ("r1", state) and store.meta("corpus_inputs") == "x"
    store.remove_sources([b.id])
    assert store.copies() == [] and set(store.source_keys()) == {a.id}


@pytest.mark.parametrize("where", ["sqlite", "postgresql"])
def test_a_copy_search_stages_its_pairs_while_the_builds_transaction_writes(where, tmp_path,
                                                                            request):
    """The copy search runs in a worker while the build's own process writes its
    corpus-wide results in one open transaction; the pairs are moved in after that.
    On SQLite (one writer) a search writing into the database would wait for that
    transaction, which waits for the search."""
    from pathlib import Path

    from accord.align.independence import Dependence
    from accord.source_keys import source_keys
    from accord.store.copy_staging import STAGING_SUFFIX
    from accord.store.db import Kept

    db = str(tmp_path / "t.db") if where == "sqlite" else request.getfixturevalue("pg_schema")
    store = Store(db)
    a = _source("Ada Quill was born in 1900. She kept the survey books.")
    b = _source("Bo Lind was born in 1901. He kept the survey books.", loc="/tmp/b.txt")
    for src in (a, b):
        store.write_sources([(src, "1", [], [], [], None, source_keys(src.text))])
    pair = Dependence(*sorted((a.id, b.id)), 0.5, ((27, 53, 26, 52),))
    old = Dependence(*sorted((a.id, b.id)), 0.1, ())
    interrupted = Store(db, migrate=False)  # a search whose build was stopped
    interrupted.clear_staged_copies()
    interrupted.stage_copies([old])
    interrupted.close()
    with store.corpus_update() as up:
        up.kept(Kept(inputs="x"))  # the build's transaction has written
        search = Store(db, migrate=False)  # the worker's own connection
        search.clear_staged_copies()  # what the stopped search left is not a result
        assert search.stage_copies([pair]) == 1
        search.close()
        assert up.replace_copies({a.id, b.id}) == set()
    assert store.copies() == [pair] and store.unlinked() == 0
    with store.corpus_update() as up:  # nothing staged since: nothing moved
        assert up.replace_copies(set()) == set()
    assert store.copies() == [pair]
    if where == "sqlite":
        assert not Path(db + STAGING_SUFFIX).exists()  # (removed once moved)


def test_stored_json_the_fast_parser_refuses_is_still_read():
    """The standard library writes NaN, which orjson refuses: such a value must still
    read back, by the standard library."""
    import math

    from accord.store.db import _json_loads

    assert _json_loads('{"low": 2, "high": 3}') == {"low": 2, "high": 3}
    assert math.isnan(_json_loads('{"low": NaN}')["low"])
