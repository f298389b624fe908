"""Entity resolution over a corpus: merges with their reasons, and user corrections."""

import shutil

import pytest
from typer.testing import CliRunner

from accord.cli import app
from accord.contracts import entities_json, findings_json
from accord.pipeline import build
from accord.resolve.resolver import MentionRec, resolve
from accord.store.db import Store
from tests.conftest import EXAMPLES
from tests.piles import built

runner = CliRunner()


def m(sid, start, text, label="PER"):
    return MentionRec(sid, start, start + len(text), text, label)


def names_by_entity(res):
    out = {}
    for (sid, start, _end), eid in res.mention_entity.items():
        out.setdefault(eid, set()).add((sid, start))
    return out


def test_spellings_initials_and_scripts_of_one_name_become_one_entity_with_reasons():
    res = resolve([m("a", 0, "Oskar Lindgren"), m("b", 0, "O. Lindgren"), m("c", 0, "Оскар Линдгрен"),
                   m("a", 40, "Lindgren")])
    (ent,) = [e for e in res.entities if e.type == "PER"]
    forms = {a.text: a.rule for a in ent.aliases}
    assert set(forms) == {"Oskar Lindgren", "O. Lindgren", "Оскар Линдгрен", "Lindgren"}
    assert all(forms.values())


def test_sources_in_two_scripts_about_one_person_meet_and_can_contradict_each_other(tmp_path):
    store = built(tmp_path, {"en.txt": "Ilse Varnholt was born in 1901.\n",
                             "ru.txt": "Ильза Варнхольт родилась в 1902 году.\n"})
    [person] = [e for e in entities_json(store)["entities"] if e["type"] == "PER"]
    assert {person["name"], *person["aliases"]} == {"Ilse Varnholt", "Ильза Варнхольт"}
    [birth] = [f for f in findings_json(store)["findings"] if f["property"] == "birth"]
    assert birth["kind"] == "conflict"


def test_a_shared_surname_with_conflicting_given_names_is_two_people():
    res = resolve([m("a", 0, "Oskar Lindgren"), m("b", 0, "Maja Lindgren")])
    assert len([e for e in res.entities if e.type == "PER"]) == 2


def test_a_bare_surname_goes_to_the_namesake_named_before_it_in_its_source():
    res = resolve([m("a", 0, "Oskar Lindgren"), m("a", 50, "Maja Lindgren"), m("a", 90, "Lindgren"),
                   m("b", 0, "Oskar Lindgren"), m("b", 30, "Lindgren")])
    e = res.mention_entity
    assert e[("a", 90, 98)] == e[("a", 50, 63)]  # after Maja: Maja
    assert e[("b", 30, 38)] == e[("b", 0, 14)]  # only Oskar in b


def test_an_acronym_defined_in_a_text_joins_its_long_form():
    res = resolve([m("a", 0, "Harbour Pilots Guild", "ORG"), m("a", 30, "HPG", "ORG")],
                  definitions=[("a", "Harbour Pilots Guild", "HPG")])
    assert len({res.mention_entity[("a", 0, 20)], res.mention_entity[("a", 30, 33)]}) == 1


def test_similarly_named_organisations_stay_apart():
    res = resolve([m("a", 0, "Harbour Pilots Guild", "ORG"), m("b", 0, "Harbour Pilots Union", "ORG")])
    assert len(res.entities) == 2


def test_user_split_and_merge_survive_a_rebuild(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    db = str(tmp_path / "c.db")
    build([str(corpus)], Store(db))

    def same(a, b):
        ents = entities_json(Store(db, create=False))["entities"]
        return any(a in e["aliases"] and b in e["aliases"] for e in ents)

    assert same("Tobias Wennerholm", "T. A. Wennerholm")
    assert not same("Saltmarsh", "Tobias Wennerholm")
    assert runner.invoke(app, ["split", "Tobias Wennerholm", "T. A. Wennerholm", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["merge", "Saltmarsh", "Greta Wennerholm", "--db", db]).exit_code == 0
    assert not same("Tobias Wennerholm", "T. A. Wennerholm")
    assert same("Saltmarsh", "Greta Wennerholm")
    (corpus / "lantern" / "coastal_blog.txt").write_text("A new fictional note on lamps.\n")
    build([str(corpus)], Store(db))
    assert not same("Tobias Wennerholm", "T. A. Wennerholm")
    assert same("Saltmarsh", "Greta Wennerholm")
    ents = entities_json(Store(db, create=False))["entities"]
    greta = next(e for e in ents if "Greta Wennerholm" in e["aliases"])
    assert any(x["rule"] == "merged by the user" for x in greta["merges"])


def test_the_names_corpus_meets_its_gold(tmp_path):
    """Fictional EN/RU sources with German spellings, given-name and patronymic variants,
    initials, titles, possessives, ordinal unit names and an acronym of a transliterated
    name, beside near-misses that must stay apart."""
    from pathlib import Path

    from accord.contracts import findings_json
    from accord.eval import evaluate, load_gold

    corpus = Path(__file__).parent / "corpora" / "names"
    db = str(tmp_path / "n.db")
    build([str(corpus)], Store(db))
    store = Store(db, create=False)
    res = evaluate(load_gold(corpus / "gold.yaml"), findings_json(store)["findings"],
                   entities_json(store)["entities"])
    assert res.get("entity pair precision") >= 0.98
    assert res.get("entity pair recall") >= 0.95
    assert res.get("agree recall") == 1.0 and res.get("not-conflict pass") == 1.0


# ------------------------------------------------- incremental resolution

def _random_corpus(seed: int, n_sources: int = 30):
    """Made-up names in many spellings and forms (initials, bare surnames, possessives,
    respellings, mislabelled kinds, organisations named after people), so that blocks
    overlap, shown forms and kinds shift as sources come and go, and bare surnames
    meet several namesakes."""
    import random

    rng = random.Random(seed)
    syll = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "in", "ta", "bri", "om"]

    def word() -> str:
        return "".join(rng.choice(syll) for _ in range(rng.randint(2, 3))).capitalize()

    def respell(w: str) -> str:
        i = rng.randrange(1, len(w))
        return w[:i] + rng.choice("aeiou") + w[i + 1:]

    surnames = [word() for _ in range(8)]
    givens = [word() for _ in range(6)]
    people = [(rng.choice(givens), rng.choice(surnames)) for _ in range(14)]
    sources = {}
    for k in range(n_sources):
        sid = f"s{k:03d}"
        out, pos = [], 0
        for _ in range(rng.randint(4, 12)):
            g, s = rng.choice(people)
            form = rng.choice([f"{g} {s}", f"{g[0]}. {s}", s, f"{s}'s", f"General {s}",
                               f"{g} {respell(s)}", f"{s} Shipping Company", f"{s} Bay",
                               f"{g} {s} {rng.choice(surnames)}"])
            label = rng.choice(["PER"] * 6 + ["ORG", "GPE"])
            if "Company" in form:
                label = "ORG"
            out.append(m(sid, pos, form, label))
            pos += len(form) + rng.randint(5, 40)
        sources[sid] = out
    definitions = [(sid, f"{s} Shipping Company", f"{s[0]}SC") for sid, s in
                   ((f"s{k:03d}", rng.choice(surnames)) for k in range(0, n_sources, 7))]
    return sources, definitions


def _same(a, b) -> bool:
    return a.entities == b.entities and a.mention_entity == b.mention_entity


@pytest.mark.parametrize("block", [(64, 12), (4, 2)], ids=["default-blocks", "tiny-blocks"])
@pytest.mark.parametrize("seed", range(6))
def test_resolving_with_the_previous_state_gives_the_result_from_scratch(monkeypatch, seed, block):
    import random

    import accord.resolve.resolver as r

    # tiny blocks make most blocks windowed, where adding a node shifts the pairs of others
    monkeypatch.setattr(r, "MAX_BLOCK", block[0])
    monkeypatch.setattr(r, "WINDOW", block[1])
    sources, definitions = _random_corpus(seed)
    rng = random.Random(seed)
    everything = [x for ms in sources.values() for x in ms]
    # splits between forms the rules join: which merge a split refuses depends on the
    # order in which the matches are applied
    corrections = []
    for e in resolve(everything, definitions).entities:
        forms = sorted({a.text for a in e.aliases})
        if len(forms) > 2 and len(corrections) < 3:
            corrections.append(("split", forms[0], forms[-1]))
    left_out = set(rng.sample(sorted(sources), 3))
    part = [x for sid, ms in sources.items() if sid not in left_out for x in ms]
    scratch_all = resolve(everything, definitions, corrections)
    scratch_part = resolve(part, definitions, corrections)
    grown = resolve(everything, definitions, corrections, scratch_part.state)
    assert _same(grown, scratch_all)
    assert grown.state == scratch_all.state
    assert grown.compared < scratch_all.compared
    shrunk = resolve(part, definitions, corrections, grown.state)
    assert _same(shrunk, scratch_part)
    assert shrunk.state == scratch_part.state
    assert resolve(everything, definitions, corrections, scratch_all.state).compared == 0


@pytest.mark.parametrize("block", [(64, 12), (4, 2)], ids=["default-blocks", "tiny-blocks"])
def test_the_order_blocks_are_compared_in_changes_nothing_but_the_order(monkeypatch, block):
    """Blocks are compared in an order that keeps a name's blocks together (for the
    name caches); each pair still belongs to its first block by key, so key order,
    or any other, compares the same pairs and gives the same result."""
    import accord.resolve.resolver as r

    monkeypatch.setattr(r, "MAX_BLOCK", block[0])
    monkeypatch.setattr(r, "WINDOW", block[1])
    sources, definitions = _random_corpus(3, n_sources=60)
    everything = [x for ms in sources.values() for x in ms]
    chosen = resolve(everything, definitions)
    for order in (lambda b: b, lambda b: b[::-1]):  # key order, and another
        monkeypatch.setattr(r, "_comparing_order", order)
        other = resolve(everything, definitions)
        assert _same(other, chosen) and other.state == chosen.state
        assert other.compared == chosen.compared > 0


def test_comparisons_spread_over_a_pool_in_small_pieces_give_the_result_of_one_process(monkeypatch):
    import accord.resolve.resolver as r
    from accord.engine import LocalEngine
    from accord.ingest import discover

    sources, definitions = _random_corpus(7)
    everything = [x for ms in sources.values() for x in ms]
    here = resolve(everything, definitions)
    monkeypatch.setattr(r, "CHUNK", 5)  # many pieces, so both processes take some
    monkeypatch.setattr(r, "MIN_PIECE", 1)
    monkeypatch.setattr(r, "PAIRS_PER_PIECE", 5)
    monkeypatch.setattr(r, "PAIR_PIECES_AT_ONCE", 3)  # and many runs of pieces
    engine = LocalEngine(jobs=2, batch=1)
    try:
        list(engine.map(list(discover([str(EXAMPLES)]))[:2], 50_000_000))  # starts the worker
        spread = resolve(everything, definitions, spread=engine.spread)
    finally:
        engine.close()
    assert _same(spread, here) and spread.state == here.state
    assert spread.compared == here.compared


def test_candidate_pairs_are_compared_as_they_come_a_few_pieces_at_a_time(monkeypatch):
    import accord.resolve.resolver as r
    from accord.names import same_name_rule

    monkeypatch.setattr(r, "PAIRS_PER_PIECE", 3)
    monkeypatch.setattr(r, "PAIR_PIECES_AT_ONCE", 2)
    shown = {"a": "Mira Vells", "b": "M. Vells", "c": "Oren Tasko", "d": "Vells"}
    pairs = [("PER", x, y) for x in shown for y in shown if x < y] * 2  # 12 pairs
    with_names = [(p, (shown[p[1]], shown[p[2]], p[0])) for p in pairs]
    runs: list[list[int]] = []

    def spread(fn, parts):
        parts = list(parts)
        runs.append([len(p) for p in parts])
        return [fn(p) for p in parts]

    got = list(r._verdicts(iter(with_names), spread))
    assert [p for p, _ in got] == pairs
    assert [rule for _, rule in got] == [same_name_rule(shown[a], shown[b], k) for k, a, b in pairs]
    assert any(rule is not None for _, rule in got) and None in [rule for _, rule in got]
    assert [r for r in runs if r] == [[3, 3], [3, 3]]  # never more than two pieces held
    assert list(r._verdicts(iter(with_names[:4]), None)) == got[:4]  # no workers: the same


def test_work_is_cut_into_enough_pieces_for_every_job_but_none_tiny():
    from accord.resolve.resolver import CHUNK, MIN_PIECE, PIECES_AT_ONCE, _in_pieces

    sizes: list[int] = []

    def record(fn, parts):
        sizes.extend(len(p) for p in parts)
        return [fn(p) for p in parts]

    items = list(range(30 * MIN_PIECE))
    assert _in_pieces(lambda piece: [x + 1 for x in piece], items, record) == [x + 1 for x in items]
    assert len(sizes) >= PIECES_AT_ONCE and max(sizes) <= CHUNK
    sizes.clear()
    _in_pieces(lambda piece: piece, list(range(MIN_PIECE // 2)), record)
    assert sizes == [MIN_PIECE // 2]  # too little to share out: one piece
