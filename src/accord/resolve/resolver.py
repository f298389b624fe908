"""Mentions of the whole corpus -> entities, with the reason for every merge.

Steps, each linear or bounded:
1. Surface forms are stripped (titles, possessives) and folded into *nodes*: one
   node per distinct normalised form, O(M) for M mentions, which are written to a
   scratch file and counted there (`mention_store`), not held.
2. Nodes that share a blocking key are compared pairwise with the name rules
   (`accord.names.same_name_rule`); blocks larger than MAX_BLOCK are compared in
   a sorted window only, so the cost is O(N * MAX_BLOCK) for N nodes, never N².
   Only the pairs that match change anything: they are applied in the order in
   which the blocks first meet them.
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
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from operator import attrgetter
from typing import Any

from unidecode import unidecode

from accord.model import Alias, Entity
from accord.names import acronyms_of, blocking_keys, parse_name, same_name_rule, strip_name
from accord.names.memo import forget
from accord.resolve.mention_store import MentionEntities, MentionStore

MAX_BLOCK = 64
WINDOW = 12
CHUNK = 2000  # names per piece of work when blocking keys are spread over workers
PIECES_AT_ONCE = 16  # pieces in flight at a time: memory bounded, workers kept busy
MIN_PIECE = 100  # below this, sending a piece to a worker costs more than doing it
PAIRS_PER_PIECE = 500  # name pairs per piece of comparing (some 30 ms of work)
PAIR_PIECES_AT_ONCE = 64  # pieces of pairs held at a time

# runs a pure function over pieces of work, taken as they come, its results in order
# (an engine's `spread`)
Spread = Callable[[Callable[[Any], Any], Iterable[Any]], list[Any]]
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


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in list(self.parent):
            out[self.find(x)].append(x)
        return out


class _Clusters:
    """Union-find with cannot-link constraints from the user's splits."""

    def __init__(self, nodes: Iterable[str], apart: list[tuple[str, str]]) -> None:
        self.uf = _UnionFind()
        for n in nodes:
            self.uf.find(n)
        # (only pairs of known names can be kept apart)
        self.apart = [(x, y) for x, y in apart if x in self.uf.parent and y in self.uf.parent]

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.uf.find(a), self.uf.find(b)
        if ra == rb:
            return False
        for x, y in self.apart:
            if {self.uf.find(x), self.uf.find(y)} == {ra, rb}:
                return False
        self.uf.parent[rb] = ra
        return True


def resolve(mentions: Iterable[MentionRec],
            definitions: Iterable[tuple[str, str, str]] = (),
            corrections: Iterable[tuple[str, str, str]] = (),
            previous: ResolverState | None = None, spread: Spread | None = None) -> Resolution:
    """`definitions` are (source_id, long form, short form) acronym definitions;
    `corrections` are (action, surface a, surface b) with action merge|split;
    `previous` is the state a build of the same rules returned (None: from scratch);
    `spread` runs the name comparisons over an engine's workers (None: here)."""
    # 1. nodes: the mentions go to a scratch file, counted there by node
    kept_forms = previous.forms if previous is not None else {}

    def fold(text: str) -> tuple[str, str]:
        surface = _strip(text, kept_forms)
        return surface, node_key(surface)

    store = MentionStore(((m.source_id, m.start, m.end, m.text, m.label) for m in mentions),
                         fold, KIND_OF_LABEL)
    names: list[str] = []
    kind_of: dict[str, str] = {}
    shown_of: dict[str, str] = {}
    for n, shown_form, label in store.nodes():
        names.append(n)
        kind_of[n] = KIND_OF_LABEL.get(label, "ORG")
        shown_of[n] = shown_form

    corrections = list(corrections)
    apart = [(node_key(strip_name(a) or a), node_key(strip_name(b) or b))
             for act, a, b in corrections if act == "split"]
    cl = _Clusters(names, apart)
    why_node: dict[str, str] = {}

    # 2. blocking + pairwise comparison
    nodes = _node_infos(kind_of, shown_of, previous, spread)  # (forgets as it goes)
    del kind_of, shown_of  # (`nodes` has both)
    kind_of, shown = _Field(nodes, "kind"), _Field(nodes, "shown")
    matches, compared, order = _matching_pairs(nodes, shown, previous, spread)
    forget()  # (`names.memo`: what comparing remembered is of no use past here)
    surname_only: dict[str, set[str]] = defaultdict(set)
    for kind, a, b in order:
        if cl.uf.find(a) == cl.uf.find(b):
            continue
        rule = matches[(kind, a, b)]
        if rule == "surname-only":
            short, full = (a, b) if len(shown[a].split()) <= len(shown[b].split()) else (b, a)
            surname_only[short].add(full)
            continue
        if kind_of[a] != kind_of[b] and kind != "PER":
            continue
        if cl.union(a, b):
            why_node.setdefault(b, f"{rule} ({shown[b]} ~ {shown[a]})")

    # 3. acronyms defined in a text, then acronyms formed from a unique long name
    def known(key: str) -> str | None:
        return key if key in nodes else None

    for _sid, long, short in definitions:
        a, b = known(node_key(strip_name(long) or long)), known(node_key(short))
        if a and b and cl.union(a, b):
            why_node.setdefault(b, f"acronym defined in the text: {short} = {long}")
    # An acronym formed from a name joins it only when the name has three or more
    # words, both appear in one source, and no other name gives the same letters:
    # two-letter acronyms and short names are too ambiguous to join on letters alone.
    long_by_acr: dict[str, set[str]] = defaultdict(set)
    for n in names:
        if kind_of[n] == "ORG" and len(shown[n].split()) >= 3:
            for acr in acronyms_of(shown[n]):
                long_by_acr[acr.lower()].add(n)
    for n in names:
        s = shown[n]
        if kind_of[n] == "ORG" and s.isupper() and 3 <= len(s) <= 6:
            longs = long_by_acr.get(s.lower(), set())
            if len({cl.uf.find(x) for x in longs}) == 1:
                target = min(longs)
                if store.sources(target) & store.sources(n) and cl.union(cl.uf.find(target), n):
                    why_node.setdefault(n, f"acronym of {shown[target]}, named in the same source")

    # 4. bare surnames
    per_mention: dict[tuple[str, int, int], tuple[str, str]] = {}
    for short, fulls in sorted(surname_only.items()):
        roots = {cl.uf.find(f) for f in fulls}
        if cl.uf.find(short) in roots:
            continue
        if len(roots) == 1:
            full = min(fulls)
            if cl.union(cl.uf.find(full), short):
                why_node.setdefault(short, f"surname of the only matching full name ({shown[full]})")
            continue
        per_mention.update(_bare_surname_mentions(short, fulls, store, cl))

    # 5. merges asked for by the user
    for act, a, b in corrections:
        if act != "merge":
            continue
        na, nb = known(node_key(strip_name(a) or a)), known(node_key(strip_name(b) or b))
        if na and nb:
            cl.union(na, nb)
            why_node[nb] = "merged by the user"

    entities, mention_entity = _entities(cl, store, why_node, per_mention, kept_forms)
    return Resolution(entities, mention_entity, ResolverState(nodes, matches, store.forms()),
                      compared)


class _Field(Mapping[str, str]):
    """One field of every node's `NodeInfo`, by node: two more dicts of every name
    beside `nodes` would be held through the whole pass."""

    def __init__(self, nodes: Mapping[str, NodeInfo], name: str) -> None:
        self._nodes, self._get = nodes, attrgetter(name)

    def __getitem__(self, node: str) -> str:
        return self._get(self._nodes[node])

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)


def _node_infos(kind_of: dict[str, str], shown: dict[str, str],
                previous: ResolverState | None, spread: Spread | None = None
                ) -> dict[str, NodeInfo]:
    """Each node's blocking keys; a node the previous build knew under the same kind
    and shown form keeps its keys (working them out is most of the cost of a node)."""
    old = previous.nodes if previous is not None else {}
    out: dict[str, NodeInfo] = {}
    todo: list[str] = []
    one: dict[str, str] = {}  # one string for each blocking key: each names many nodes

    def info(n: str, blocks: Sequence[str]) -> NodeInfo:
        return NodeInfo(kind_of[n], shown[n], tuple(one.setdefault(k, k) for k in blocks))

    for n in sorted(kind_of):
        was = old.get(n)
        if was is not None and (was.kind, was.shown) == (kind_of[n], shown[n]):
            out[n] = info(n, was.blocks)
        else:
            todo.append(n)
    made = _in_pieces(node_blocks, [(kind_of[n], shown[n]) for n in todo], spread)
    for n, blocks in zip(todo, made, strict=True):
        out[n] = info(n, blocks)
    return dict(sorted(out.items()))


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
    # each name is asked for once in this pass: what working it out remembered is no
    # use to the next piece, and would be a piece's worth more of memory in every job
    forget()
    return out


def _blocks(nodes: Mapping[str, NodeInfo]) -> dict[str, list[str]]:
    blocks: dict[str, list[str]] = defaultdict(list)
    for n in sorted(nodes):
        for k in nodes[n].blocks:
            blocks[k].append(n)
    return blocks


def _generated(members: list[str], a: str, b: str) -> bool:
    """Does `_pairs` give the pair (a < b) of this sorted block?"""
    if len(members) <= MAX_BLOCK:
        return True
    i, j = bisect_left(members, a), bisect_left(members, b)
    return j - i <= WINDOW


def _matching_pairs(nodes: dict[str, NodeInfo], shown: Mapping[str, str],
                    previous: ResolverState | None, spread: Spread | None = None
                    ) -> tuple[dict[tuple[str, str, str], str], int, list[tuple[str, str, str]]]:
    """The candidate pairs whose names match, with the rule; how many pairs were
    compared; and the matches in the order the blocks meet them.

    A pair's verdict depends only on its two shown forms and the block's kind. A block
    whose members are all unchanged since `previous` gives the same pairs as then, so
    only the blocks that gained, lost or changed a member are compared again, and
    only their pairs that no unchanged block already gave then. A pair that does not
    match has no effect at all, so only the matches are kept, and they are applied
    in the order of the first block (sorted by key) that gives them. A verdict depends
    on the pair alone, so the pairs are gathered first and compared in pieces, by
    `spread` where given.
    """
    old_nodes = previous.nodes if previous is not None else {}
    old_matches = previous.matches if previous is not None else {}
    same = {n for n, info in nodes.items() if old_nodes.get(n) == info}
    touched = {k for n, info in nodes.items() if n not in same for k in info.blocks}
    touched |= {k for n, info in old_nodes.items() if n not in same for k in info.blocks}
    new_blocks = _blocks(nodes)
    # a block's members then: its unchanged members now, and the nodes that left it
    left: dict[str, list[str]] = defaultdict(list)
    for n, info in old_nodes.items():
        if n not in same:
            for k in info.blocks:
                left[k].append(n)
    then: dict[str, list[str]] = {}

    def old_block(k: str) -> list[str]:
        if k not in touched:
            return new_blocks.get(k, [])
        if k not in then:
            then[k] = sorted([n for n in new_blocks.get(k, []) if n in same] + left.get(k, []))
        return then[k]

    def shared(a: str, b: str) -> set[str]:
        """The blocks of both (made when asked: a set for every node is most of what
        this pass would hold)."""
        return set(nodes[a].blocks).intersection(nodes[b].blocks)

    def known_then(kind: str, a: str, b: str) -> bool:
        """Was this pair of unchanged nodes a candidate in the previous build?"""
        return any(k.startswith(kind + "|") and _generated(old_block(k), a, b)
                   for k in shared(a, b))

    def first_block(kind: str, a: str, b: str) -> str | None:
        """The first block (by key) that gives the pair now; None if none does."""
        both = shared(a, b)
        for k in sorted(both) if len(both) > 1 else both:
            if k.startswith(kind + "|") and _generated(new_blocks[k], a, b):
                return k
        return None

    matches: dict[tuple[str, str, str], str] = {
        p: rule for p, rule in old_matches.items() if p[1] in same and p[2] in same}

    def candidates() -> Iterator[tuple[str, str, str]]:
        for bkey in sorted(touched, key=_comparing_order):
            members = new_blocks.get(bkey, [])
            if len(members) < 2:
                continue
            kind = bkey.split("|", 1)[0]
            was = old_block(bkey)
            if len(members) <= MAX_BLOCK and len(was) <= MAX_BLOCK:
                # all pairs then and now: the new ones are those of a new or changed node
                fresh = [x for x in members if x not in same]
                pairs: Iterable[tuple[str, str]] = (
                    (min(x, y), max(x, y)) for x in fresh for y in members
                    if y in same or x < y)  # two new nodes: once
            else:
                pos = {n: i for i, n in enumerate(was)}
                small = len(was) <= MAX_BLOCK
                pairs = ((a, b) for a, b in _pairs(members)
                         if not (a in same and b in same and (small or pos[b] - pos[a] <= WINDOW)))
            for a, b in pairs:
                if first_block(kind, a, b) != bkey:
                    continue  # its first block gives it (and if that block is unchanged, so is it)
                if a in same and b in same and known_then(kind, a, b):
                    continue  # compared then; a match is in `matches` already
                yield kind, a, b

    compared = 0
    for pair, rule in _verdicts(candidates(), shown, spread):
        if rule is not None:
            matches[pair] = rule
        compared += 1
    # a match of the previous build whose blocks all changed may be no candidate now
    first: dict[tuple[str, str, str], str] = {}
    for p in list(matches):
        k = first_block(*p)
        if k is None:
            del matches[p]
        else:
            first[p] = k
    order = sorted(matches, key=lambda p: (first[p], p[1], p[2]))
    return matches, compared, order


def _comparing_order(block: str) -> tuple[str, str, str]:
    """The order in which the blocks' pairs are compared: by kind and the letters of the
    key, its type ("p:" first letters, "k:" consonants, ...) last. A name is in a
    block of each type, and in key order these lie far apart, so the name caches had
    forgotten it by its next block: at 300x the growth corpus's 41k names were parsed
    146k times, in this order 61k, and comparing took 9% (1 job) to 16% (2 jobs)
    less time. What is compared stays the same: a pair belongs to its first block by
    key (`first_block`)."""
    kind, key = block.split("|", 1)
    return kind, key.partition(":")[2], key


def match_rules(pairs: Sequence[tuple[str, str, str]]) -> list[str | None]:
    """For each (name, name, kind): the rule by which the two are one, or None."""
    return [same_name_rule(a, b, kind) for a, b, kind in pairs]


def _verdicts(candidates: Iterator[tuple[str, str, str]], shown: Mapping[str, str],
              spread: Spread | None) -> Iterator[tuple[tuple[str, str, str], str | None]]:
    """Each candidate (kind, a, b) with the rule by which its names match (None: none),
    in order. The candidates are compared in pieces as they come: with workers, they
    compare the pieces given them while this process finds the next ones (finding
    them is a sixth of the work). The candidate pairs of a large corpus are many times
    its names, so at most PAIR_PIECES_AT_ONCE pieces are held at a time."""
    while True:
        held: list[list[tuple[str, str, str]]] = []
        names = _names_of_pieces(candidates, shown, held)
        rules = spread(match_rules, names) if spread is not None else list(map(match_rules, names))
        if not held:
            return
        for piece, said in zip(held, rules, strict=True):
            yield from zip(piece, said, strict=True)


def _names_of_pieces(candidates: Iterator[tuple[str, str, str]], shown: Mapping[str, str],
                     held: list[list[tuple[str, str, str]]]
                     ) -> Iterator[list[tuple[str, str, str]]]:
    """The next pieces of candidates, each kept in `held` and given as what comparing
    them needs: (name, name, kind)."""
    while len(held) < PAIR_PIECES_AT_ONCE and (
            piece := list(islice(candidates, PAIRS_PER_PIECE))):
        held.append(piece)
        yield [(shown[a], shown[b], kind) for kind, a, b in piece]


def _in_pieces(fn: Callable[[Sequence[Any]], list[Any]], items: list[Any],
               spread: Spread | None) -> list[Any]:
    """`fn(items)`, computed by `spread` where given, in pieces of at most CHUNK items
    and at least PIECES_AT_ONCE pieces (unless they would be tiny): a few uneven
    pieces would leave one job working while the others wait."""
    size = max(MIN_PIECE, min(CHUNK, -(-len(items) // PIECES_AT_ONCE)))
    pieces = [items[i:i + size] for i in range(0, len(items), size)]
    done = spread(fn, pieces) if spread is not None else [fn(p) for p in pieces]
    return [x for piece in done for x in piece]


DOMINANCE = 3  # a bare surname goes to a namesake named this many times more often


def _bare_surname_mentions(short: str, fulls: set[str], store: MentionStore,
                           cl: _Clusters) -> dict:
    """A surname shared by several people: each mention goes to the namesake last
    named in full before it in the same source (the first after it when none
    before); in a source that names none of them, to the one the corpus names far
    more often; otherwise it stays apart. Cost: the mentions of these names only."""
    by_source: dict[str, list[tuple[int, str]]] = defaultdict(list)
    weight: Counter = Counter()
    for f in sorted(fulls):
        root = cl.uf.find(f)
        for sid, start, _end in store.mentions_of(f):
            by_source[sid].append((start, root))
        weight[root] += store.reads(f)
    ranked = weight.most_common(2)
    dominant = ranked[0][0] if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1] else None
    for named in by_source.values():
        named.sort()
    out = {}
    for key in store.mentions_of(short):
        sid, start, _end = key
        here = by_source.get(sid, [])
        i = bisect_left(here, (start,))  # the full names before this mention: here[:i]
        if i:
            out[key] = (here[i - 1][1], "bare surname after this person's full name in the same source")
        elif here:
            out[key] = (here[0][1], "bare surname before this person's full name in the same source")
        elif dominant is not None:
            out[key] = (dominant, "bare surname; the corpus names this namesake far more often")
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


def _entities(cl: _Clusters, store: MentionStore, why_node: Mapping[str, str],
              per_mention: Mapping[tuple[str, int, int], tuple[str, str]],
              kept_forms: Mapping[str, str]) -> tuple[tuple[Entity, ...], MentionEntities]:
    """The entities and each mention's entity. An entity's name is stripped once across
    builds, as a mentioned text is: its form is kept with those of the texts."""
    groups = cl.uf.members()
    root_eid: dict[str, int] = {}
    entities: list[Entity] = []
    used: set[str] = set()
    # mentions assigned one by one (shared bare surnames) count for their target
    moved_forms: dict[str, dict[tuple[str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    moved_away: Counter = Counter()
    for key, (target, rule) in per_mention.items():
        node = store.node_at(key)
        moved_forms[cl.uf.find(target)][(node, rule)].add(key[0])
        moved_away[node] += 1
    for root, nodes in sorted(groups.items()):
        staying = [n for n in nodes if store.mention_count(n) > moved_away[n]]
        forms: Counter = Counter()
        label_votes: Counter = Counter()
        for n in staying:
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
        root_eid[root] = len(entities)
        aliases = []
        for n in sorted(staying):
            rule = why_node.get(n, "same name") if n != root else "canonical form"
            for raw, srcs in store.raw_forms(n):
                aliases.append(Alias(raw, srcs, rule))
        for (n, rule), srcs in sorted(moved_forms[root].items()):
            for raw, _srcs in store.raw_forms(n):
                aliases.append(Alias(raw, tuple(sorted(srcs)), rule))
        entities.append(Entity(eid, _stripped(name, store, kept_forms), etype, tuple(aliases)))
    # each mention's entity, by its node's (or, moved, its target's) root; a root all of
    # whose mentions were moved has none

    def entity_of(node: str) -> int:
        return root_eid.get(cl.uf.find(node), -1)

    mention_entity = store.link(((n, entity_of(n)) for n in cl.uf.parent),
                                ((key, entity_of(target)) for key, (target, _rule)
                                 in per_mention.items()),
                                [e.id for e in entities])
    return tuple(entities), mention_entity


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
