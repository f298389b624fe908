"""The corpus-wide stage reads the claims a page at a time and judges them key by key
(the resolved subject, or an unnamed subject's words), so the corpus's claims are
never in memory together; a rebuild judges again only the keys whose claims changed.
Whatever the page size and whatever was built before, the findings are those of a
build from scratch."""

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import accord.pipeline as p
import accord.store.db as db
from accord.align.findings import filing_key
from accord.contracts import entities_json, findings_json
from accord.model import Claim, EntityRef, Evidence, Mention
from accord.per_source import _named_by_claims
from accord.pipeline import build
from accord.store.db import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# fictional, written for this test
NEW_SOURCE = """Orla Penhallow, keeper of the Saltmere light, was born in 1849.
She kept the light until 1901 and died in 1912.
"""


@pytest.fixture
def pile(tmp_path) -> Path:
    dest = tmp_path / "pile"
    shutil.copytree(EXAMPLES, dest)
    return dest


def _views(store: Store) -> tuple:
    return findings_json(store), entities_json(store)


def _fresh(folder: Path, db_path: Path) -> Store:
    store = Store(str(db_path))
    build([str(folder)], store)
    return store


def test_tiny_pages_give_the_findings_of_one_page(pile, tmp_path, monkeypatch):
    whole = _views(_fresh(pile, tmp_path / "whole.db"))
    monkeypatch.setattr(db, "PAGE", 3)  # every key boundary falls somewhere in a page
    assert _views(_fresh(pile, tmp_path / "paged.db")) == whole


def test_claims_come_back_key_by_key_each_key_whole_and_once(pile, tmp_path, monkeypatch):
    store = _fresh(pile, tmp_path / "a.db")
    monkeypatch.setattr(db, "PAGE", 4)
    with store.corpus_update() as up:
        batches = list(up.claims_by_key())
        keys = [kc.key for batch in batches for kc in batch]
        assert keys == sorted(keys) and len(keys) == len(set(keys))
        assert all(len({filing_key(c) for c in kc.claims}) == 1 for b in batches for kc in b)
        assert sum(len(kc.claims) for b in batches for kc in b) == store.count("claims")
        # each claim with the origin it was filed with
        assert all(kc.origins.keys() == {c.id for c in kc.claims} and all(kc.origins.values())
                   for b in batches for kc in b)
        # asked for by key: each key asked for, those with no claims too
        some = keys[:3] + ["no such key"]
        asked = {kc.key: kc.claims for batch in up.claims_by_key(some) for kc in batch}
        assert set(asked) == set(some) and asked["no such key"] == []


def test_a_rebuild_judges_only_the_keys_the_new_source_touches(pile, tmp_path, monkeypatch):
    store = _fresh(pile, tmp_path / "a.db")
    with store.corpus_update() as up:
        all_keys = {kc.key for batch in up.claims_by_key() for kc in batch}
    judged: list[str] = []
    real = p.findings_of_key

    def spy(claims, *a, **k):
        judged.extend({filing_key(c) for c in claims})
        return real(claims, *a, **k)

    monkeypatch.setattr(p, "findings_of_key", spy)
    (pile / "new_keeper.txt").write_text(NEW_SOURCE, encoding="utf-8")
    assert build([str(pile)], store).read == 1
    new_keys = {filing_key(c) for c in store.all_claims()
                if c.source_id == next(s.id for s in store.sources() if s.name == "new_keeper.txt")}
    assert new_keys <= set(judged)
    assert len(set(judged)) < len(all_keys)  # not the whole corpus again
    monkeypatch.setattr(p, "findings_of_key", real)
    assert _views(store) == _views(_fresh(pile, tmp_path / "fresh.db"))


def test_removing_a_source_judges_again_what_its_findings_cited(pile, tmp_path):
    store = _fresh(pile, tmp_path / "a.db")
    cited = {c["source"]["name"] for f in findings_json(store)["findings"]
             if f["kind"] == "conflict" for c in f["claims"]}
    gone = sorted(cited)[0]
    (pile / gone).unlink()
    build([str(pile)], store)
    assert _views(store) == _views(_fresh(pile, tmp_path / "fresh.db"))


def test_findings_judged_by_other_rules_are_all_judged_again(pile, tmp_path, monkeypatch):
    store = _fresh(pile, tmp_path / "a.db")
    before = _views(store)
    judged: list[str] = []
    real = p.findings_of_key
    monkeypatch.setattr(p, "findings_of_key",
                        lambda cs, *a, **k: judged.append(cs[0].id) or real(cs, *a, **k))
    monkeypatch.setattr(p, "_judged_version", lambda parents: "other rules")
    store.add_correction("split", "no such name", "nor this one")  # the corpus is redone
    p.corpus_stage(store)
    with store.corpus_update() as up:
        assert len(judged) == sum(len(b) for b in up.claims_by_key())
    assert _views(store) == before


@dataclass(frozen=True)
class _Parsed:  # the part of a parse this step reads: its mentions
    mentions: tuple[Mention, ...]


def test_every_name_a_claim_speaks_of_is_stored_as_a_mention():
    text = "Ada Quill was born in Low Fen, Marsh County."
    place = EntityRef("Low Fen, Marsh County", "GPE", 22, 43)
    claim = Claim("c1", "s1", EntityRef("Ada Quill", "PER", 0, 9), "birth_place", place,
                  Evidence("s1", 0, len(text), text))
    tagged = _Parsed((Mention(0, 9, "Ada Quill", "PER"), Mention(22, 29, "Low Fen", "GPE")))
    got = _named_by_claims(tagged, [claim])
    assert [(m.start, m.end, m.label) for m in got.mentions] == [
        (0, 9, "PER"), (22, 29, "GPE"), (22, 43, "GPE")]
    assert _named_by_claims(got, [claim]) is got  # nothing missing: left as it is


def test_a_rebuild_reads_again_only_the_claims_of_sources_it_touches(pile, tmp_path, monkeypatch):
    store = _fresh(pile, tmp_path / "a.db")
    asked: list = []
    real = db.CorpusUpdate.filed_rows

    def spy(self, sources):
        asked.extend(sources)
        return real(self, sources)

    monkeypatch.setattr(db.CorpusUpdate, "filed_rows", spy)
    (pile / "new_keeper.txt").write_text(NEW_SOURCE, encoding="utf-8")
    build([str(pile)], store)
    new_id = next(s.id for s in store.sources() if s.name == "new_keeper.txt")
    assert new_id in asked and len(asked) == len(set(asked))
    assert len(asked) < len(store.sources())  # not every source's claims again
