"""Mentions of the whole corpus -> entities, with the reason for every merge.

Steps, each linear or bounded:
1. Surface forms are stripped (titles, possessives) and folded into *nodes*: one
   node per distinct normalised form, O(M) for M mentions, which are written to a
   scratch file and counted there (`mention_store`), not held.
2. Nodes that share a blocking key are compared pairwise with the name rules
   (`accord.names.same_name_rule`); blocks larger than MAX_BLOCK are compared in
   a sorted window only, so the cost is O(N * MAX_BLOCK) for N nodes, never N².
   Only the pairs that match change anything: they are applied in the order in
   which the blocks first meet them. The nodes, their blocks and the matches are
   kept in the mentions' scratch file and read a block at a time (`name_blocks`);
   the clusters are an array of node ids.
3. Acronyms defined in a text ("Long Name (LN)") join their long form.
4. A bare surname joins a full name only when exactly one full name in the
   corpus fits it; otherwise each of its mentions joins the full name that its
   own source uses, or stays apart. Precision over recall.
5. A user's corrections (merge/split by surface form) are applied on top and so
   survive every rebuild.

Incremental: `resolve` returns, with its result, a `ResolverState` (each node's
kind, shown form and blocking keys, and the pairs that matched). Given the state
of the previous build it compares only the pairs of blocks whose members changed,
and takes every other pair's verdict from the state; since only matching pairs act
and they act in block order, the result is the one a build from scratch gives.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from unidecode import unidecode

from accord.model import Alias, Entity
from accord.names import acronyms_of, blocking_keys, parse_name, same_name_rule, strip_name
from accord.names.memo import forget
from accord.resolve.mention_store import Lookup, MentionEntities, MentionStore
from accord.resolve.name_blocks import Member, NameBlocks

MAX_BLOCK = 64
WINDOW = 12
CHUNK = 2000  # names per piece of work when blocking keys are spread over workers
PIECES_AT_ONCE = 16  # pieces in flight at a time: memory bounded, workers kept busy
NAMES_AT_ONCE = 4000  # names whose blocking keys are worked out at a time (in 16 pieces)
MIN_PIECE = 100  # below this, sending a piece to a worker costs more than doing it
PAIRS_PER_PIECE = 500  # name pairs per piece of comparing (some 30 ms of work)
PAIR_PIECES_AT_ONCE = 16  # pieces of pairs held at a time

# runs a pure function over pieces of work, taken as they come, its results in order
# (an engine's `spread`)
Spread = Callable[[Callable[[Any], Any], Iterable[Any]], list[Any]]


def here(fn: Callable[[Any], Any], parts: Iterable[Any]) -> list[Any]:
    """The `Spread` of a caller given no engine: in this process."""
    return [fn(p) for p in parts]


KIND_OF_LABEL = {"PER": "PER", "ORG": "ORG", "UNIT": "ORG", "MISC": "ORG", "EVENT": "ORG",
                 "GPE": "LOC", "LOC": "LOC", "NORP": "NORP"}


@dataclass(frozen=True, slots=True)
class MentionRec:
    source_id: str
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """What the resolver keeps of a node between builds."""

    kind: str
    shown: str
    blocks: tuple[str, ...]  # blocking keys, "KIND|key"


@dataclass(frozen=True)
class ResolverState:
    """Enough of one build for the next to compare only what changed: every node, the
    compared pairs (kind, node a, node b) whose names matched, with the rule, and the
    surface form each mentioned text was stripped to."""

    nodes: Mapping[str, NodeInfo] = field(default_factory=dict)
    matches: Mapping[tuple[str, str, str], str] = field(default_factory=dict)
    forms: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Resolution:
    entities: tuple[Entity, ...]
    # (source id, start, end) -> entity id, read from a scratch file: close it when done
    mention_entity: MentionEntities
    state: ResolverState = field(default_factory=ResolverState)
    compared: int = 0  # pairs of names compared in this build


def node_key(surface: str) -> str:
    folded = unidecode(surface).lower()
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


class _Clusters:
    """Union-find over node ids (1 to n), with cannot-link constraints from the user's
    splits; an array of ids, not a dict of names."""

    def __init__(self, size: int, apart: list[tuple[int, int]]) -> None:
        self.parent = array("q", range(size + 1))
        self.apart = apart

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        for x, y in self.apart:
            if {self.find(x), self.find(y)} == {ra, rb}:
                return False
        self.parent[rb] = ra
        return True

    def roots(self) -> Iterator[tuple[int, int]]:
        return ((n, self.find(n)) for n in range(1, len(self.parent)))


def resolve(mentions: Iterable[MentionRec],
            definitions: Iterable[tuple[str, str, str]] = (),
            corrections: Iterable[tuple[str, str, str]] = (),
            previous: ResolverState | None = None, spread: Spread | None = None,
            when_compared: Callable[[], object] | None = None) -> Resolution:
    """`definitions` are (source_id, long form, short form) acronym definitions;
    `corrections` are (action, surface a, surface b) with action merge|split;
    `previous` is the state a build of the same rules returned (None: from scratch);
    `spread` runs the name comparisons over an engine's workers (None: here), and
    `when_compared` is called once they are done: the workers have nothing more of
    the resolver's to do, and the caller can give them something else."""
    # 1. nodes: the mentions go to a scratch file, counted there by node
    kept_forms = previous.forms if previous is not None else {}

    def fold(text: str) -> tuple[str, str]:
        surface = _strip(text, kept_forms)
        return surface, node_key(surface)

    store = MentionStore(((m.source_id, m.start, m.end, m.text, m.label) for m in mentions),
                         fold, KIND_OF_LABEL)
    # 2. blocking + pairwise comparison, beside the mentions
    blocks = NameBlocks(store, *_old(previous))
    blocks.make_blocks(lambda todo: _in_pieces(node_blocks, todo, spread), NAMES_AT_ONCE)
    compared = _compare(blocks, spread)
    if when_compared is not None:
        when_compared()
    forget()  # (`names.memo`: what comparing remembered is of no use past here)
    blocks.order_matches(MAX_BLOCK, WINDOW)
    known = store.id_of  # a node's id, None if no mention folds to it

    def node_of(text: str) -> int | None:
        return known(node_key(strip_name(text) or text))

    corrections = list(corrections)
    apart = [(a, b) for a, b in ((node_of(x), node_of(y)) for act, x, y in corrections
                                 if act == "split") if a and b]
    cl = _Clusters(store.node_count(), apart)
    for kind, rule, ia, ib, kind_a, kind_b, shown_a, shown_b in blocks.matches_in_order():
        if cl.find(ia) == cl.find(ib):
            continue
        if rule == "surname-only":
            short, full = (ia, ib) if len(shown_a.split()) <= len(shown_b.split()) else (ib, ia)
            blocks.note_surname_only(short, full)
            continue
        if kind_a != kind_b and kind != "PER":
            continue
        if cl.union(ia, ib):
            store.explain(ib, f"{rule} ({shown_b} ~ {shown_a})")

    # 3. acronyms defined in a text, then acronyms formed from a unique long name
    for _sid, long, short in definitions:
        a, b = node_of(long), known(node_key(short))
        if a and b and cl.union(a, b):
            store.explain(b, f"acronym defined in the text: {short} = {long}")
    _join_formed_acronyms(store, blocks, cl)

    # 4. bare surnames
    for short, fulls in blocks.surname_only():
        roots = {cl.find(f) for f in fulls}
        if cl.find(short) in roots:
            continue
        if len(roots) == 1:
            full = min(fulls, key=store.key_of)
            if cl.union(cl.find(full), short):
                store.explain(short, "surname of the only matching full name "
                                     f"({store.shown_of(full)})")
            continue
        store.move(_bare_surname_mentions(short, fulls, store, cl))

    # 5. merges asked for by the user
    for act, a, b in corrections:
        if act != "merge":
            continue
        na, nb = node_of(a), node_of(b)
        if na and nb:
            cl.union(na, nb)
            store.explain(nb, "merged by the user", replace=True)

    entities, mention_entity = _entities(cl, store, kept_forms)
    state = ResolverState(
        Lookup(lambda n: None if (got := blocks.node(n)) is None else NodeInfo(*got),
               lambda: ((n, NodeInfo(kind, shown, b)) for n, kind, shown, b in blocks.nodes()),
               blocks.node_count),
        Lookup(lambda p: blocks.match(*p),
               lambda: (((kind, a, b), rule) for kind, a, b, rule in blocks.matches()),
               blocks.match_count),
        store.forms())
    return Resolution(entities, mention_entity, state, compared)


def _old(previous: ResolverState | None) -> tuple[Iterator, Iterator]:
    """The previous build's nodes and matches, as `NameBlocks` takes them."""
    if previous is None:
        return iter(()), iter(())
    return ((n, i.kind, i.shown, i.blocks) for n, i in previous.nodes.items()), \
        ((kind, a, b, rule) for (kind, a, b), rule in previous.matches.items())


def _join_formed_acronyms(store: MentionStore, blocks: NameBlocks, cl: _Clusters) -> None:
    """An acronym formed from a name joins it only when the name has three or more
    words, both appear in one source, and no other name gives the same letters:
    two-letter acronyms and short names are too ambiguous to join on letters alone."""
    def kind(label: str) -> str:
        return KIND_OF_LABEL.get(label, "ORG")

    blocks.note_acronyms((acr.lower(), i) for i, _n, shown, label in store.nodes()
                         if kind(label) == "ORG" and len(shown.split()) >= 3
                         for acr in acronyms_of(shown))
    for i, _n, s, label in store.nodes():
        if kind(label) == "ORG" and s.isupper() and 3 <= len(s) <= 6:
            longs = blocks.long_forms(s.lower())
            if len({cl.find(x) for x in longs}) == 1:
                target = min(longs, key=store.key_of)
                if (store.sources(store.key_of(target)) & store.sources(store.key_of(i))
                        and cl.union(cl.find(target), i)):
                    store.explain(i, f"acronym of {store.shown_of(target)}, named in the same source")


def node_blocks(nodes: Sequence[tuple[str, str]]) -> list[tuple[str, ...]]:
    """For each (kind, shown name): the blocks it goes in, "KIND|key"."""
    out = []
    for kind, name in nodes:
        blocks: list[str] = []
        if kind != "NORP":
            blocks += [f"{kind}|{k}" for k in sorted(_keys(name, kind))]
            if kind != "PER" and len(name.split()) == 1:
                blocks += [f"PER|{k}" for k in sorted(_keys(name, "PER"))]  # a mislabelled name
        out.append(tuple(dict.fromkeys(blocks)))
    return out


def _compare(blocks: NameBlocks, spread: Spread | None) -> int:
    """Record the candidate pairs whose names match, with the rule, and say how many
    pairs were compared.

    A pair's verdict depends only on its two shown forms and the block's kind. A block
    whose members are all unchanged since the previous build gives the same pairs as
    then, so only the blocks that gained, lost or changed a member are compared again,
    and only their pairs that no unchanged block already gave then. A pair that does
    not match has no effect at all, so only the matches are kept, and they are applied
    in the order of the first block (sorted by key) that gives them. A verdict depends
    on the pair alone, so the pairs are gathered first and compared in pieces, by
    `spread` where given. The blocks are read one at a time from the scratch file.
    """
    def candidates() -> Iterator[tuple[tuple[str, str, str], tuple[str, str, str]]]:
        for bkey, size_then in blocks.touched(_comparing_order):
            members = blocks.members(bkey)
            kind = bkey.split("|", 1)[0]
            then: dict[str, dict[str, tuple[int, int]]] | None = None
            if len(members) <= MAX_BLOCK and size_then <= MAX_BLOCK:
                # all pairs then and now: the new ones are those of a new or changed node
                fresh = [x for x in members if not x.same]
                pairs: Iterable[tuple[Member, Member]] = (
                    (x, y) if x.key < y.key else (y, x) for x in fresh for y in members
                    if y.same or x.key < y.key)  # two new nodes: once
            else:
                pos = blocks.positions_then(bkey)
                small = size_then <= MAX_BLOCK
                pairs = ((a, b) for a, b in _pairs(members) if not (
                    a.same and b.same and (small or pos[b.key] - pos[a.key] <= WINDOW)))
            for a, b in pairs:
                if _first_block(kind, a.places, b.places) != bkey:
                    continue  # its first block gives it (and if that block is unchanged, so is it)
                if a.same and b.same:
                    then = then if then is not None else blocks.places_then(bkey)
                    if _given(kind, then[a.key], then[b.key]):
                        continue  # compared then; a match is recorded already
                yield (kind, a.key, b.key), (a.shown, b.shown, kind)

    compared = 0
    matched: list[tuple[str, str, str, str]] = []
    for (kind, a, b), rule in _verdicts(candidates(), spread):
        if rule is not None:
            matched.append((kind, a, b, rule))
            if len(matched) >= PAIRS_PER_PIECE:
                blocks.add_matches(matched)
                matched.clear()
        compared += 1
    blocks.add_matches(matched)
    return compared


def _generated(places_a: tuple[int, int], places_b: tuple[int, int]) -> bool:
    """Does a block give the pair (a < b) whose (position, block size) are these?"""
    return places_a[1] <= MAX_BLOCK or places_b[0] - places_a[0] <= WINDOW


def _first_block(kind: str, a: Mapping[str, tuple[int, int]],
                 b: Mapping[str, tuple[int, int]]) -> str | None:
    """The first block (by key) of this kind that gives the pair (a < b), by the
    places of a and b in their blocks; None if none does."""
    both = a.keys() & b.keys()
    for k in sorted(both) if len(both) > 1 else both:
        if k.startswith(kind + "|") and _generated(a[k], b[k]):
            return k
    return None


def _given(kind: str, a: Mapping[str, tuple[int, int]], b: Mapping[str, tuple[int, int]]) -> bool:
    """Does some block of this kind give the pair (a < b), by their places in their blocks?"""
    return any(k.startswith(kind + "|") and _generated(a[k], b[k]) for k in a.keys() & b.keys())


def _comparing_order(block: str) -> str:
    """The order in which the blocks' pairs are compared: by kind and the letters of the
    key, its type ("p:" first letters, "k:" consonants, ...) last. A name is in a
    block of each type, and in key order these lie far apart, so the name caches had
    forgotten it by its next block: at 300x the growth corpus's 41k names were parsed
    146k times, in this order 61k, and comparing took 9% (1 job) to 16% (2 jobs)
    less time. What is compared stays the same: a pair belongs to its first block by
    key (`_first_block`). It is a string, the blocks being sorted by SQL: the parts
    joined by a character below all others sort as the tuple of them would."""
    kind, key = block.split("|", 1)
    return "\0".join((kind, key.partition(":")[2], key))


def match_rules(pairs: Sequence[tuple[str, str, str]]) -> list[str | None]:
    """For each (name, name, kind): the rule by which the two are one, or None."""
    return [same_name_rule(a, b, kind) for a, b, kind in pairs]


def _verdicts(candidates: Iterator[tuple[tuple[str, str, str], tuple[str, str, str]]],
              spread: Spread | None) -> Iterator[tuple[tuple[str, str, str], str | None]]:
    """Each candidate (kind, a, b), given with what comparing it needs (name, name,
    kind), with the rule by which its names match (None: none), in order. The
    candidates are compared in pieces as they come: with workers, they compare the
    pieces given them while this process finds the next ones (finding them is a sixth
    of the work). The candidate pairs of a large corpus are many times its names, so
    at most PAIR_PIECES_AT_ONCE pieces are held at a time."""
    while True:
        held: list[list[tuple[str, str, str]]] = []
        names = _names_of_pieces(candidates, held)
        rules = (spread or here)(match_rules, names)
        if not held:
            return
        for piece, said in zip(held, rules, strict=True):
            yield from zip(piece, said, strict=True)


def _names_of_pieces(candidates: Iterator[tuple[tuple[str, str, str], tuple[str, str, str]]],
                     held: list[list[tuple[str, str, str]]]
                     ) -> Iterator[list[tuple[str, str, str]]]:
    """The next pieces of candidates, each kept in `held` and given as what comparing
    them needs: (name, name, kind)."""
    while len(held) < PAIR_PIECES_AT_ONCE and (
            piece := list(islice(candidates, PAIRS_PER_PIECE))):
        held.append([pair for pair, _names in piece])
        yield [names for _pair, names in piece]


def _in_pieces(fn: Callable[[Sequence[Any]], list[Any]], items: list[Any],
               spread: Spread | None) -> list[Any]:
    """`fn(items)`, computed by `spread` where given, in pieces of at most CHUNK items
    and at least PIECES_AT_ONCE pieces (unless they would be tiny): a few uneven
    pieces would leave one job working while the others wait."""
    size = max(MIN_PIECE, min(CHUNK, -(-len(items) // PIECES_AT_ONCE)))
    pieces = [items[i:i + size] for i in range(0, len(items), size)]
    done = (spread or here)(fn, pieces)
    return [x for piece in done for x in piece]


DOMINANCE = 3  # a bare surname goes to a namesake named this many times more often


def _bare_surname_mentions(short: int, fulls: Sequence[int], store: MentionStore,
                           cl: _Clusters) -> list[tuple[tuple[str, int, int], int, str]]:
    """A surname shared by several people: each mention goes to the namesake last
    named in full before it in the same source (the first after it when none
    before); in a source that names none of them, to the one the corpus names far
    more often; otherwise it stays apart. Cost: the mentions of these names only."""
    by_source: dict[str, list[tuple[int, int]]] = defaultdict(list)
    weight: Counter = Counter()
    for f in sorted(fulls, key=store.key_of):
        root, key = cl.find(f), store.key_of(f)
        for sid, start, _end in store.mentions_of(key):
            by_source[sid].append((start, root))
        weight[root] += store.reads(key)
    ranked = weight.most_common(2)
    dominant = ranked[0][0] if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1] else None
    for named in by_source.values():
        named.sort()
    out = []
    for key in store.mentions_of(store.key_of(short)):
        sid, start, _end = key
        here = by_source.get(sid, [])
        i = bisect_left(here, (start,))  # the full names before this mention: here[:i]
        if i:
            out.append((key, here[i - 1][1], "bare surname after this person's full name in the same source"))
        elif here:
            out.append((key, here[0][1], "bare surname before this person's full name in the same source"))
        elif dominant is not None:
            out.append((key, dominant, "bare surname; the corpus names this namesake far more often"))
    return out


def _keys(name: str, kind: str) -> frozenset[str]:
    """Blocking keys. Two people are only ever the same when their surnames match, so a
    person is blocked on the keys of the surname alone: blocking on every word puts
    everyone called Anna in one block."""
    if kind == "PER":
        surname = parse_name(name, "PER").surname
        if surname:
            return blocking_keys(surname, "PER")
    return blocking_keys(name, kind)


def _pairs(nodes: list[str]) -> list[tuple[str, str]]:
    if len(nodes) <= MAX_BLOCK:
        return [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1 :]]
    return [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1 : i + 1 + WINDOW]]


def _entities(cl: _Clusters, store: MentionStore, kept_forms: Mapping[str, str]
              ) -> tuple[tuple[Entity, ...], MentionEntities]:
    """The entities and each mention's entity. An entity's name is stripped once across
    builds, as a mentioned text is: its form is kept with those of the texts."""
    store.set_roots(cl.roots())
    entities: list[Entity] = []
    used: set[str] = set()
    for root, members in store.clusters():
        root_id = next(i for i, key, _why in members if key == root)
        # mentions moved one by one (shared bare surnames) count for their target
        staying = [(key, why) for i, key, why in members if store.staying(i)]
        forms: Counter = Counter()
        label_votes: Counter = Counter()
        for n, _why in staying:
            forms.update(dict(store.surfaces(n)))
            label_votes.update(dict(store.labels(n)))
        if not forms:
            continue
        name = max(forms, key=lambda f: (len(f.split()) > 1 and not f.isupper(), forms[f], len(f)))
        etype = label_votes.most_common(1)[0][0]
        base = "e" + hashlib.sha1(f"{etype}|{name}".encode()).hexdigest()[:10]
        eid, k = base, 1
        while eid in used:
            k += 1
            eid = f"{base}-{k}"
        used.add(eid)
        store.made(root_id, len(entities))
        aliases = []
        for n, why in sorted(staying):
            rule = (why or "same name") if n != root else "canonical form"
            for raw, srcs in store.raw_forms(n):
                aliases.append(Alias(raw, srcs, rule))
        moved_forms: dict[tuple[str, str], set[str]] = defaultdict(set)
        for n, rule, src in store.moved_to(root_id):
            moved_forms[(n, rule)].add(src)
        for (n, rule), srcs in sorted(moved_forms.items()):
            for raw, _srcs in store.raw_forms(n):
                aliases.append(Alias(raw, tuple(sorted(srcs)), rule))
        entities.append(Entity(eid, _stripped(name, store, kept_forms), etype, tuple(aliases)))
    # each mention's entity, by its node's (or, moved, its target's) root; a root all of
    # whose mentions were moved has none
    return tuple(entities), store.link([e.id for e in entities])


def _stripped(text: str, store: MentionStore, kept: Mapping[str, str]) -> str:
    """`text` without titles and possessives, worked out once: remembered in `store`
    (this build's forms, kept for the next) and taken from `kept` (the previous build's)."""
    got = store.form(text)
    if got is None:
        got = _strip(text, kept)
        store.add_form(text, got)
    return got


def _strip(text: str, kept: Mapping[str, str]) -> str:
    """`text` without titles and possessives, as the previous build stripped it if it did."""
    got = kept.get(text)
    return (strip_name(text) or text) if got is None else got
