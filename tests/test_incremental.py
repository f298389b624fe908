"""Incremental builds: unchanged sources are not annotated again, removed ones vanish
with everything derived from them, and corrections survive."""

import os
import shutil
from pathlib import Path

import pytest

from accord.contracts import entities_json, findings_json
from accord.pipeline import build
from accord.store.db import Store

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
