"""Incremental builds: unchanged sources are not annotated again, removed ones vanish
with everything derived from them, and corrections survive."""

import os
import shutil
from pathlib import Path

import pytest

from accord.contracts import entities_json, findings_json
from accord.pipeline import build
from accord.store.db import Store
from tests.conftest import PG_URL, needs_postgresql

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def pile(tmp_path) -> Path:
    dest = tmp_path / "pile"
    shutil.copytree(EXAMPLES, dest)
    return dest


def _files(pile: Path) -> list[Path]:
    return sorted(p for p in pile.rglob("*") if p.is_file())


def _cited(store: Store) -> set[str]:
    return {c["source"]["name"] for f in findings_json(store)["findings"] for c in f["claims"]}


def test_a_rebuild_skips_unchanged_sources_and_computes_the_same_findings(pile, tmp_path):
    store = Store(str(tmp_path / "a.db"))
    first = build([str(pile)], store)
    before = findings_json(store)
    again = build([str(pile)], store)
    assert (again.read, again.skipped_unchanged, again.removed) == (0, first.read, 0)
    assert findings_json(store) == before


def test_a_removed_source_disappears_with_everything_derived_from_it(pile, tmp_path):
    store = Store(str(tmp_path / "a.db"))
    build([str(pile)], store)
    gone = next(p for p in _files(pile) if p.suffix == ".txt")
    gone_name = str(gone.relative_to(pile))
    assert gone_name in _cited(store)
    sid = next(s.id for s in store.sources() if s.name == gone_name)
    gone.unlink()
    report = build([str(pile)], store)
    assert (report.read, report.removed) == (0, 1)
    assert gone_name not in {s.name for s in store.sources()}
    assert not [c for c in store.all_claims() if c.source_id == sid]
    assert gone_name not in _cited(store)
    assert all(sid not in a.sources for e in store.entities() for a in e.aliases)


def test_only_an_added_or_edited_source_is_annotated(pile, tmp_path):
    store = Store(str(tmp_path / "a.db"))
    n = build([str(pile)], store).read
    (pile / "new_note.txt").write_text("Tobias Wennerholm was born in 1851 in Marsh County.\n")
    added = build([str(pile)], store)
    assert (added.read, added.skipped_unchanged) == (1, n)
    edited = _files(pile)[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA line added later.\n",
                      encoding="utf-8")
    again = build([str(pile)], store)
    assert (again.read, again.skipped_unchanged) == (1, n)


def test_a_build_reports_its_names_and_the_pairs_of_names_it_compared(pile, tmp_path):
    """Entities are names joined, so there are at least as many names; a rebuild with
    nothing changed compares none, and an added source only some of the first count."""
    store = Store(str(tmp_path / "a.db"))
    first = build([str(pile)], store)
    assert first.names >= first.entities > 0 and first.name_pairs > 0
    again = build([str(pile)], store)
    assert (again.names, again.name_pairs) == (first.names, 0)
    (pile / "new_note.txt").write_text("Tobias Wennerholm was born in 1851 in Marsh County.\n")
    added = build([str(pile)], store)
    assert added.names > first.names and added.name_pairs < first.name_pairs


def test_size_and_mtime_are_trusted_and_a_touched_file_is_compared_by_content(pile, tmp_path):
    store = Store(str(tmp_path / "a.db"))
    build([str(pile)], store)
    f = next(p for p in _files(pile) if p.suffix == ".txt")
    # same size and mtime: trusted without reading (so even swapped letters go unseen)
    st = f.stat()
    data = f.read_bytes()
    f.write_bytes(data[:-2] + data[-1:] + data[-2:-1])
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert build([str(pile)], store).read == 0
    # a new mtime: the content is read and compared; the same text is not annotated again
    f.write_bytes(data)
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    touched = build([str(pile)], store)
    assert (touched.read, touched.skipped_unchanged) == (0, len(_files(pile)))
    stored = store.source_stats()[str(f)]
    assert (stored.size, stored.mtime_ns) == (len(data), st.st_mtime_ns + 5_000_000_000)


def test_a_copy_of_a_source_is_stored_once_and_rebuilds_stay_put(pile, tmp_path):
    store = Store(str(tmp_path / "a.db"))
    original = next(p for p in _files(pile) if p.suffix == ".txt")
    shutil.copy(original, pile / "zz_copy.txt")
    first = build([str(pile)], store)
    assert [d[0] for d in first.duplicates] == ["zz_copy.txt"] and first.exit_code == 0
    locations = {s.location for s in store.sources()}
    again = build([str(pile)], store)
    assert {s.location for s in store.sources()} == locations
    assert again.skipped_unchanged == len(locations)


def test_a_correction_survives_a_rebuild_with_changes(pile, tmp_path):
    from accord.pipeline import corpus_stage

    store = Store(str(tmp_path / "a.db"))
    build([str(pile)], store)
    names = sorted(e["name"] for e in entities_json(store)["entities"] if e["type"] == "PER")
    a, b = names[0], names[1]
    store.add_correction("merge", a, b)
    corpus_stage(store)
    (pile / "new_note.txt").write_text("Tobias Wennerholm was born in 1851 in Marsh County.\n")
    build([str(pile)], store)
    merged = [e for e in entities_json(store)["entities"]
              if {a, b} <= {e["name"], *e["aliases"]}]
    assert len(merged) == 1


# Made up for this test: a note that pastes a paragraph of another source and names
# people of the pile in other spellings, so that adding it moves copies, entities and
# findings at once.
ENTRY = ("Marta Quillon Entry\n\nThis entry is fictional.\n\n"
         "Marta Quillon was born in 1884 in the ferry town of Orsk, where her father kept "
         "the lighthouse and her mother taught at the harbour school for many years.\n\n"
         "She joined the Lake Survey Office (LSO) in 1906 and drew its first charts.\n")
NOTE = ("A Reader's Note\n\nThis note is fictional.\n\n"
        "Marta Quillon was born in 1884 in the ferry town of Orsk, where her father kept "
        "the lighthouse and her mother taught at the harbour school for many years.\n\n"
        "Our copy of the register disagrees. Marta Quill\u00f3n was born in 1885 in Orsk. "
        "Marta Quill\u00f3n joined the LSO in 1907. Marta Quill\u00f3n died in 1952.\n")


def _everything(store: Store) -> tuple:
    from accord.align.independence import find_dependences
    from accord.contracts import timeline_json

    copies = store.copies()
    assert copies == find_dependences(store.source_texts())  # the kept pairs are complete
    assert store.unlinked() == 0
    return (findings_json(store), entities_json(store), timeline_json(store), copies,
            _rows(store))


def _rows(store: Store) -> dict[str, list]:
    """Every corpus-wide row as stored (less row ids, paths and times), so that a row
    left stale by a rebuild shows even where no view reads it."""
    from sqlalchemy import select

    from accord.store import schema as s

    cols = {s.entities: None, s.findings: None, s.finding_claims: None,
            s.aliases: ["entity_id", "text", "rule", "sources"],
            s.mentions: ["source_id", "start", "end", "text", "label", "entity_id"],
            s.claims: ["id", "entity_id", "value", "qualifiers"],
            s.sources: ["id", "origin"], s.name_nodes: None, s.name_matches: None,
            s.name_forms: None}
    out = {}
    with store.engine.connect() as c:
        for table, names in cols.items():
            picked = [table.c[n] for n in names] if names else list(table.c)
            out[table.name] = sorted(repr(tuple(r)) for r in c.execute(select(*picked)))
    return out


def test_adding_and_removing_a_source_ends_where_a_build_from_scratch_does(pile, tmp_path):
    (pile / "entry.txt").write_text(ENTRY, encoding="utf-8")
    store = Store(str(tmp_path / "inc.db"))
    build([str(pile)], store)
    only_a = _everything(store)
    (pile / "note.txt").write_text(NOTE, encoding="utf-8")
    assert build([str(pile)], store).read == 1
    a_and_b = _everything(store)
    fresh = tmp_path / "fresh"
    shutil.copytree(pile, fresh)
    assert a_and_b == _everything(_built(fresh, tmp_path / "fresh.db"))
    assert a_and_b != only_a and any(not d.duplicate for d in a_and_b[3])
    (pile / "note.txt").unlink()
    assert build([str(pile)], store).removed == 1
    assert _everything(store) == only_a


def _built(folder: Path, db: Path) -> Store:
    store = Store(str(db))
    build([str(folder)], store)
    return store


def test_a_rebuild_with_nothing_changed_does_not_redo_the_corpus(pile, tmp_path, monkeypatch):
    import accord.pipeline as p

    store = Store(str(tmp_path / "a.db"))
    first = build([str(pile)], store)
    monkeypatch.setattr(p, "resolve", lambda *a, **k: pytest.fail("resolved again"))
    again = build([str(pile)], store)
    assert (again.claims, again.entities, again.findings) == (
        first.claims, first.entities, first.findings)
    store.add_correction("split", "a", "b")
    with pytest.raises(pytest.fail.Exception, match="resolved again"):
        p.corpus_stage(store)




@needs_postgresql
def test_an_incremental_build_on_postgresql_ends_where_sqlite_from_scratch_does(pile, tmp_path):
    from sqlalchemy import MetaData, create_engine

    from accord.contracts import timeline_json
    from accord.store.db import to_url

    engine = create_engine(to_url(PG_URL))
    md = MetaData()
    md.reflect(engine)
    md.drop_all(engine)  # the database it names is emptied first
    engine.dispose()

    def views(store: Store) -> tuple:
        return findings_json(store), entities_json(store), timeline_json(store), store.copies()

    (pile / "entry.txt").write_text(ENTRY, encoding="utf-8")
    pg = Store(PG_URL)
    build([str(pile)], pg)
    (pile / "note.txt").write_text(NOTE, encoding="utf-8")
    build([str(pile)], pg)
    assert views(pg) == views(_built(pile, tmp_path / "ab.db"))
    (pile / "note.txt").unlink()
    build([str(pile)], pg)
    assert views(pg) == views(_built(pile, tmp_path / "a.db"))
