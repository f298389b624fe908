"""Mentions of the whole corpus -> entities, with the reason for every merge.

Steps, each linear or bounded:
1. Surface forms are stripped (titles, possessives) and folded into *nodes*: one
   node per distinct normalised form, O(M) for M mentions.
2. Nodes that share a blocking key are compared pairwise with the name rules
   (`accord.names.compare_names`); blocks larger than MAX_BLOCK are compared in
   a sorted window only, so the cost is O(N * MAX_BLOCK) for N nodes, never N².
3. Acronyms defined in a text ("Long Name (LN)") join their long form.
4. A bare surname joins a full name only when exactly one full name in the
   corpus fits it; otherwise each of its mentions joins the full name that its
   own source uses, or stays apart. Precision over recall.
5. A user's corrections (merge/split by surface form) are applied on top and so
   survive every rebuild.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from unidecode import unidecode

from accord.model import Alias, Entity
from accord.names import acronyms_of, blocking_keys, compare_names, parse_name, strip_name

MAX_BLOCK = 64
WINDOW = 12
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
class Resolution:
    entities: tuple[Entity, ...]
    mention_entity: dict[tuple[str, int, int], str]


def node_key(surface: str) -> str:
    folded = unidecode(surface).lower()
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.why: dict[str, str] = {}

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
        self.apart = apart
        self.size: dict[str, set[str]] = {n: {n} for n in self.uf.parent}

    def union(self, a: str, b: str, why: str) -> bool:
        ra, rb = self.uf.find(a), self.uf.find(b)
        if ra == rb:
            return False
        ma, mb = self.size[ra], self.size[rb]
        for x, y in self.apart:
            if (x in ma and y in mb) or (y in ma and x in mb):
                return False
        self.uf.parent[rb] = ra
        self.size[ra] = ma | mb
        del self.size[rb]
        self.uf.why.setdefault(b, why)
        self.uf.why.setdefault(a, self.uf.why.get(a, ""))
        return True


def resolve(mentions: Iterable[MentionRec],
            definitions: Iterable[tuple[str, str, str]] = (),
            corrections: Iterable[tuple[str, str, str]] = ()) -> Resolution:
    """`definitions` are (source_id, long form, short form) acronym definitions;
    `corrections` are (action, surface a, surface b) with action merge|split."""
    # 1. nodes
    node_of: dict[tuple[str, int, int], str] = {}
    surfaces: dict[str, Counter] = defaultdict(Counter)
    labels: dict[str, Counter] = defaultdict(Counter)
    sources_of: dict[str, set[str]] = defaultdict(set)
    raw_forms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in mentions:
        surface = strip_name(m.text) or m.text
        key = node_key(surface)
        if not key:
            continue
        kind = KIND_OF_LABEL.get(m.label, "ORG")
        nid = f"{kind}:{key}" if kind == "NORP" else key
        node_of[(m.source_id, m.start, m.end)] = nid
        surfaces[nid][surface] += 1
        labels[nid][m.label] += 1
        sources_of[nid].add(m.source_id)
        raw_forms[nid][m.text].add(m.source_id)
    kind_of = {n: KIND_OF_LABEL.get(labels[n].most_common(1)[0][0], "ORG") for n in labels}
    shown = {n: surfaces[n].most_common(1)[0][0] for n in surfaces}

    corrections = list(corrections)
    apart = [(node_key(strip_name(a) or a), node_key(strip_name(b) or b))
             for act, a, b in corrections if act == "split"]
    cl = _Clusters(labels.keys(), apart)
    why_node: dict[str, str] = {}

    # 2. blocking + pairwise comparison
    blocks: dict[str, list[str]] = defaultdict(list)
    for n in sorted(labels):
        kind = kind_of[n]
        if kind == "NORP":
            continue
        for k in sorted(_keys(shown[n], kind)):
            blocks[f"{kind}|{k}"].append(n)
        if kind != "PER" and len(shown[n].split()) == 1:
            for k in sorted(_keys(shown[n], "PER")):
                blocks[f"PER|{k}"].append(n)  # a name the tagger mislabelled
    surname_only: dict[str, set[str]] = defaultdict(set)
    compared: set[tuple[str, str, str]] = set()  # names share many keys: compare a pair once
    for bkey, nodes in sorted(blocks.items()):
        kind = bkey.split("|", 1)[0]
        nodes = sorted(set(nodes))
        pairs = _pairs(nodes)
        for a, b in pairs:
            if (kind, a, b) in compared or cl.uf.find(a) == cl.uf.find(b):
                continue
            compared.add((kind, a, b))
            match = compare_names(shown[a], shown[b], kind)
            if not match.same:
                continue
            if match.rule == "surname-only":
                short, full = (a, b) if len(shown[a].split()) <= len(shown[b].split()) else (b, a)
                surname_only[short].add(full)
                continue
            if kind_of[a] != kind_of[b] and kind != "PER":
                continue
            if cl.union(a, b, match.rule):
                why_node.setdefault(b, f"{match.rule} ({shown[b]} ~ {shown[a]})")

    # 3. acronyms defined in a text, then acronyms formed from a unique long name
    by_key = {n: n for n in labels}
    for _sid, long, short in definitions:
        a, b = by_key.get(node_key(strip_name(long) or long)), by_key.get(node_key(short))
        if a and b and cl.union(a, b, "acronym"):
            why_node.setdefault(b, f"acronym defined in the text: {short} = {long}")
    # An acronym formed from a name joins it only when the name has three or more
    # words, both appear in one source, and no other name gives the same letters:
    # two-letter acronyms and short names are too ambiguous to join on letters alone.
    long_by_acr: dict[str, set[str]] = defaultdict(set)
    for n in labels:
        if kind_of[n] == "ORG" and len(shown[n].split()) >= 3:
            for acr in acronyms_of(shown[n]):
                long_by_acr[acr.lower()].add(n)
    for n in labels:
        s = shown[n]
        if kind_of[n] == "ORG" and s.isupper() and 3 <= len(s) <= 6:
            longs = long_by_acr.get(s.lower(), set())
            if len({cl.uf.find(x) for x in longs}) == 1:
                target = min(longs)
                if sources_of[target] & sources_of[n] and cl.union(cl.uf.find(target), n, "acronym"):
                    why_node.setdefault(n, f"acronym of {shown[target]}, named in the same source")

    # 4. bare surnames
    per_mention: dict[tuple[str, int, int], str] = {}
    mentions_of: dict[str, list[tuple[str, int, int]]] | None = None
    for short, fulls in sorted(surname_only.items()):
        roots = {cl.uf.find(f) for f in fulls}
        if cl.uf.find(short) in roots:
            continue
        if len(roots) == 1:
            full = min(fulls)
            if cl.union(cl.uf.find(full), short, "surname"):
                why_node.setdefault(short, f"surname of the only matching full name ({shown[full]})")
            continue
        if mentions_of is None:
            mentions_of = defaultdict(list)
            for key, node in node_of.items():
                mentions_of[node].append(key)
        per_mention.update(_bare_surname_mentions(short, fulls, mentions_of, surfaces, cl))

    # 5. merges asked for by the user
    for act, a, b in corrections:
        if act != "merge":
            continue
        na, nb = by_key.get(node_key(strip_name(a) or a)), by_key.get(node_key(strip_name(b) or b))
        if na and nb:
            cl.union(na, nb, "merged by the user")
            why_node[nb] = "merged by the user"

    return _entities(cl, node_of, surfaces, labels, raw_forms, why_node, per_mention)


DOMINANCE = 3  # a bare surname goes to a namesake named this many times more often


def _bare_surname_mentions(short, fulls, mentions_of, surfaces, cl) -> dict:
    """A surname shared by several people: each mention goes to the namesake last
    named in full before it in the same source (the first after it when none
    before); in a source that names none of them, to the one the corpus names far
    more often; otherwise it stays apart. Cost: the mentions of these names only."""
    by_source: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for f in sorted(fulls):
        root = cl.uf.find(f)
        for sid, start, _end in mentions_of[f]:
            by_source[sid].append((start, root))
    weight: Counter = Counter()
    for f in sorted(fulls):
        weight[cl.uf.find(f)] += sum(surfaces[f].values())
    ranked = weight.most_common(2)
    dominant = ranked[0][0] if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1] else None
    out = {}
    for key in mentions_of[short]:
        sid, start, _end = key
        here = sorted(by_source.get(sid, []))
        before = [root for pos, root in here if pos < start]
        if before:
            out[key] = (before[-1], "bare surname after this person's full name in the same source")
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


def _entities(cl, node_of, surfaces, labels, raw_forms, why_node, per_mention):
    groups = cl.uf.members()
    root_eid: dict[str, str] = {}
    entities: list[Entity] = []
    used: set[str] = set()
    # mentions assigned one by one (shared bare surnames) count for their target
    moved: dict[str, Counter] = defaultdict(Counter)
    moved_forms: dict[str, dict[tuple[str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    stays: Counter = Counter()
    for key, node in node_of.items():
        if key in per_mention:
            target, rule = per_mention[key]
            root = cl.uf.find(target)
            moved[root][node] += 1
            moved_forms[root][(node, rule)].add(key[0])
        else:
            stays[node] += 1
    for root, nodes in sorted(groups.items()):
        forms: Counter = Counter()
        label_votes: Counter = Counter()
        for n in nodes:
            if stays[n]:
                forms.update(surfaces[n])
                label_votes.update(labels[n])
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
        root_eid[root] = eid
        aliases = []
        for n in sorted(nodes):
            if not stays[n]:
                continue
            rule = why_node.get(n, "same name") if n != root else "canonical form"
            for raw, srcs in sorted(raw_forms[n].items()):
                aliases.append(Alias(raw, tuple(sorted(srcs)), rule))
        for (n, rule), srcs in sorted(moved_forms[root].items()):
            for raw in sorted(raw_forms[n]):
                aliases.append(Alias(raw, tuple(sorted(srcs)), rule))
        entities.append(Entity(eid, strip_name(name) or name, etype, tuple(aliases)))
    mention_entity: dict[tuple[str, int, int], str] = {}
    for key, node in node_of.items():
        target = per_mention[key][0] if key in per_mention else node
        root = cl.uf.find(target)
        if root not in root_eid:  # every mention of a node was moved: an empty root
            continue
        mention_entity[key] = root_eid[root]
    return Resolution(tuple(entities), mention_entity)
