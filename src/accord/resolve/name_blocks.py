"""Every name node's blocking keys, the blocks with each member's place in them (in
this build and in the previous one), and the pairs that matched, in the scratch file
of a `MentionStore`.

The resolver compares the names of a block with each other, and only the pairs of
the blocks that changed since the previous build. Held in memory, the nodes with
their keys, the blocks of both builds and the matches grow with the names of the
corpus, and an archive has millions. So they live beside the mentions, in the same
temporary SQLite file, and the resolver asks for one block at a time: its members
in key order, each with its place in every other block it is in (which of those
blocks gives a pair first) and, for the nodes unchanged since the previous build,
their places in that build's blocks (whether a pair was compared then).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

from accord.resolve.mention_store import PAGE, MentionStore, chunks, pages, snapshot

SEP = "\x1f"  # between the blocking keys of a node in one column
# the nodes whose places in their blocks are kept at hand: the comparing order brings
# a node's blocks close together, so most members of a block were met a block ago
PLACES_KEPT = 4096
_IN_AT_ONCE = 500  # nodes asked for in one query (SQLite allows 999 parameters)

_SCHEMA = """
ALTER TABLE node ADD COLUMN kind TEXT;
ALTER TABLE node ADD COLUMN blocks TEXT;
ALTER TABLE node ADD COLUMN same INT NOT NULL DEFAULT 0;
CREATE TABLE old_node(key TEXT PRIMARY KEY, kind TEXT, shown TEXT, blocks TEXT) WITHOUT ROWID;
CREATE TABLE old_match(kind TEXT, a TEXT, b TEXT, rule TEXT);
CREATE TABLE match(kind TEXT, a TEXT, b TEXT, rule TEXT, first TEXT,
                   PRIMARY KEY (kind, a, b)) WITHOUT ROWID;
CREATE TABLE surname_only(short INT, full INT, PRIMARY KEY (short, full)) WITHOUT ROWID;
CREATE TABLE acronym(acr TEXT, node INT, PRIMARY KEY (acr, node)) WITHOUT ROWID;
"""



@dataclass(frozen=True, slots=True)
class Member:
    """A node of the block asked for, with its place in each block it is in now."""

    key: str
    shown: str
    same: bool  # unchanged since the previous build (kind, shown form, blocks)
    places: Mapping[str, tuple[int, int]]  # block -> (position, block size)


class NameBlocks:
    """The nodes of a `MentionStore` with their blocks. `old_nodes` are the previous
    build's (node, kind, shown, blocks), `old_matches` its (kind, a, b, rule)."""

    def __init__(self, mentions: MentionStore,
                 old_nodes: Iterable[tuple[str, str, str, Sequence[str]]] = (),
                 old_matches: Iterable[tuple[str, str, str, str]] = ()) -> None:
        self._db = db = mentions.db
        # the places of the nodes of the last blocks read (`_places_of`)
        self._places: OrderedDict[str, tuple] = OrderedDict()
        db.executescript(_SCHEMA)
        db.execute("UPDATE node SET kind = coalesce((SELECT kind FROM kinds "
                   "WHERE kinds.label = node.label), 'ORG')")
        for page in chunks(old_nodes):
            db.executemany("INSERT INTO old_node VALUES (?, ?, ?, ?)",
                           [(n, k, s, SEP.join(b)) for n, k, s, b in page])
        for page in chunks(old_matches):
            db.executemany("INSERT INTO old_match VALUES (?, ?, ?, ?)", page)
        # a node the previous build knew under the same kind and shown form keeps its
        # keys (working them out is most of the cost of a node)
        db.execute("UPDATE node SET same = 1, blocks = o.blocks FROM old_node o "
                   "WHERE o.key = node.key AND o.kind = node.kind AND o.shown = node.shown")
        db.commit()

    # ------------------------------------------------------------ blocking keys
    def make_blocks(self, blocks_of: Callable[[list[tuple[str, str]]], list[Sequence[str]]],
                    page: int) -> None:
        """Give every node not unchanged its blocks, `blocks_of` a list of (kind, shown
        form) at a time, at most `page` long; then place every node in its blocks."""
        db, after = self._db, ""
        while todo := db.execute("SELECT key, kind, shown FROM node WHERE NOT same AND key > ? "
                                 "ORDER BY key LIMIT ?", (after, page)).fetchall():
            made = blocks_of([(kind, shown) for _key, kind, shown in todo])
            db.executemany("UPDATE node SET blocks = ? WHERE key = ?",
                           [(SEP.join(b), key) for (key, _k, _s), b in zip(todo, made, strict=True)])
            after = todo[-1][0]
        for table, nodes in (("blk", "node"), ("old_blk", "old_node")):
            self._place(table, nodes)
        # the blocks that gained, lost or changed a member since the previous build
        db.execute("CREATE TABLE touched AS SELECT b.key FROM blk b JOIN node n ON n.key = b.node "
                   "WHERE NOT n.same UNION SELECT o.key FROM old_blk o WHERE o.node NOT IN "
                   "(SELECT key FROM node WHERE same)")
        # the previous build's matches of two unchanged nodes stand
        db.execute("INSERT INTO match SELECT kind, a, b, rule, NULL FROM old_match WHERE "
                   "a IN (SELECT key FROM node WHERE same) AND b IN (SELECT key FROM node WHERE same)")
        db.execute("DROP TABLE old_match")
        db.commit()

    def _place(self, table: str, nodes: str) -> None:
        """Fill `table` with (block, member, its position in the block sorted by key,
        the block's size) from the blocks of `nodes`. The rows are put in order by an
        index and counted here, a block at a time: sorting them in SQL (window
        functions) holds far more of them in memory."""
        db = self._db
        db.execute(f"CREATE TABLE {table}_raw(key TEXT, node TEXT)")
        for rows in pages(db.execute(f"SELECT key, blocks FROM {nodes}")):
            db.executemany(f"INSERT INTO {table}_raw VALUES (?, ?)",
                           [(b, n) for n, blocks in rows for b in _split(blocks)])
        db.execute(f"CREATE INDEX {table}_raw_key ON {table}_raw(key, node)")
        db.execute(f"CREATE TABLE {table}(key TEXT, node TEXT, pos INT, size INT)")
        placed: list[tuple[str, str, int, int]] = []
        rows = db.cursor().execute(f"SELECT key, node FROM {table}_raw INDEXED BY {table}_raw_key "
                                   "ORDER BY key, node")  # (its own cursor: `table` is written)
        for key, members in groupby((r for page in pages(rows) for r in page), key=itemgetter(0)):
            nodes_in = [n for _k, n in members]
            placed += ((key, n, i, len(nodes_in)) for i, n in enumerate(nodes_in))
            if len(placed) >= PAGE:
                db.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?)", placed)
                placed.clear()
        db.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?)", placed)
        db.execute(f"DROP TABLE {table}_raw")
        db.execute(f"CREATE INDEX {table}_key ON {table}(key, pos)")
        db.execute(f"CREATE INDEX {table}_node ON {table}(node, key)")

    # ------------------------------------------------------------ comparing
    def touched(self, order: Callable[[str], Any]) -> Iterator[tuple[str, int]]:
        """The blocks that changed and have two members or more, in the order
        `order(block)` sorts them (a string), each with its size in the previous build."""
        self._db.create_function("comparing_order", 1, order, deterministic=True)
        return snapshot(self._db, "SELECT t.key, (SELECT count(*) FROM old_blk o WHERE o.key = t.key) "
                                  "FROM touched t WHERE EXISTS (SELECT 1 FROM blk b "
                                  "WHERE b.key = t.key AND b.pos = 1) ORDER BY comparing_order(t.key)")

    def members(self, block: str) -> list[Member]:
        """The nodes of `block` now, in key order, each with its places in all its
        blocks: kept for the nodes of the last blocks read (`PLACES_KEPT`), asked for
        together for the others (a join per block read every member's places again
        for each of its blocks: a fifth of the resolver's time at 100x)."""
        rows = self._db.execute("SELECT b.node, n.shown, n.same FROM blk b JOIN node n "
                                "ON n.key = b.node WHERE b.key = ? ORDER BY b.pos", (block,)).fetchall()
        kept = self._places
        missing = [key for key, _shown, _same in rows if key not in kept]
        fetched: dict[str, tuple] = {}
        for part in chunks(missing, _IN_AT_ONCE):
            fetched.update(self._places_of(part))
        members = []
        for key, shown, same in rows:
            flat = fetched[key] if key in fetched else kept[key]
            members.append(Member(key, shown, bool(same), {
                flat[i]: (flat[i + 1], flat[i + 2]) for i in range(0, len(flat), 3)}))
        if len(rows) <= PLACES_KEPT:  # (a larger block would only push the others out)
            for key, _shown, _same in rows:
                if key in fetched:
                    kept[key] = fetched[key]
                else:
                    kept.move_to_end(key)
            while len(kept) > PLACES_KEPT:
                kept.popitem(last=False)
        return members

    def _places_of(self, nodes: list[str]) -> dict[str, tuple]:
        """Each node's (block, position, size, block, ...)."""
        found: dict[str, list] = {key: [] for key in nodes}
        for node, block, pos, size in self._db.execute(
                f"SELECT node, key, pos, size FROM blk WHERE node IN ({','.join('?' * len(nodes))})",
                nodes):
            found[node] += (block, pos, size)
        return {key: tuple(flat) for key, flat in found.items()}

    def places_then(self, block: str) -> dict[str, dict[str, tuple[int, int]]]:
        """Of the unchanged members of `block`: their (position, size) in each of their
        blocks as the previous build had them."""
        places: dict[str, dict[str, tuple[int, int]]] = {}
        for node, other, pos, size in self._db.execute(
                "SELECT m.node, o.key, o.pos, o.size FROM blk m JOIN node n ON n.key = m.node "
                "JOIN old_blk o ON o.node = m.node WHERE m.key = ? AND n.same", (block,)):
            places.setdefault(node, {})[other] = (pos, size)
        return places

    def positions_then(self, block: str) -> dict[str, int]:
        """Each member of `block` in the previous build, with its position."""
        return dict(self._db.execute("SELECT node, pos FROM old_blk WHERE key = ?", (block,)))

    def add_matches(self, matched: Iterable[tuple[str, str, str, str]]) -> None:
        """(kind, a, b, rule) of pairs whose names match."""
        self._db.executemany("INSERT OR REPLACE INTO match VALUES (?, ?, ?, ?, NULL)", matched)

    def order_matches(self, max_block: int, window: int) -> None:
        """Give each match the first block (by key) that makes it a candidate now, and
        drop those no block does (a match of the previous build whose blocks changed)."""
        self._db.execute(
            "UPDATE match SET first = (SELECT min(x.key) FROM blk x JOIN blk y ON y.key = x.key "
            "AND y.node = match.b WHERE x.node = match.a AND "
            "substr(x.key, 1, length(match.kind) + 1) = match.kind || '|' AND "
            "(x.size <= ? OR y.pos - x.pos <= ?))", (max_block, window))
        self._db.execute("DELETE FROM match WHERE first IS NULL")
        self._db.commit()

    def matches_in_order(self) -> Iterator[tuple]:
        """(kind, rule, then of a and of b: node id, kind, shown form) of every match,
        in the order of their first blocks."""
        return snapshot(self._db, "SELECT m.kind, m.rule, x.id, y.id, x.kind, y.kind, "
                                  "x.shown, y.shown FROM match m JOIN node x ON x.key = m.a "
                                  "JOIN node y ON y.key = m.b ORDER BY m.first, m.a, m.b")

    # ------------------------------------------------------------ clustering
    def note_surname_only(self, short: int, full: int) -> None:
        """The name `short` (a node id) is a bare surname of the full name `full`."""
        self._db.execute("INSERT OR IGNORE INTO surname_only VALUES (?, ?)", (short, full))

    def surname_only(self) -> Iterator[tuple[int, list[int]]]:
        """(bare surname, the full names it is the surname of), by the surname's node."""
        rows = snapshot(self._db, "SELECT s.short, s.full FROM surname_only s "
                                  "JOIN node n ON n.id = s.short ORDER BY n.key, s.full")
        for short, fulls in groupby(rows, key=itemgetter(0)):
            yield short, [f for _s, f in fulls]

    def note_acronyms(self, acronyms: Iterable[tuple[str, int]]) -> None:
        """(acronym, lowercase, node id) of the names it could stand for."""
        for page in chunks(acronyms):
            self._db.executemany("INSERT OR IGNORE INTO acronym VALUES (?, ?)", page)

    def long_forms(self, acronym: str) -> list[int]:
        return [n for (n,) in self._db.execute("SELECT node FROM acronym WHERE acr = ?",
                                               (acronym,))]

    # ------------------------------------------------------------ the state kept
    def nodes(self) -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
        """(node, kind, shown form, blocks) of every node, by node."""
        for page in pages(self._db.execute("SELECT key, kind, shown, blocks FROM node ORDER BY key")):
            yield from ((n, k, s, _split(b)) for n, k, s, b in page)

    def node(self, key: str) -> tuple[str, str, tuple[str, ...]] | None:
        row = self._db.execute("SELECT kind, shown, blocks FROM node WHERE key = ?",
                               (key,)).fetchone()
        return None if row is None else (row[0], row[1], _split(row[2]))

    def node_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM node").fetchone()[0]

    def matches(self) -> Iterator[tuple[str, str, str, str]]:
        for page in pages(self._db.execute("SELECT kind, a, b, rule FROM match ORDER BY kind, a, b")):
            yield from page

    def match(self, kind: str, a: str, b: str) -> str | None:
        row = self._db.execute("SELECT rule FROM match WHERE kind = ? AND a = ? AND b = ?",
                               (kind, a, b)).fetchone()
        return None if row is None else row[0]

    def match_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM match").fetchone()[0]


def _split(blocks: str | None) -> tuple[str, ...]:
    return tuple(blocks.split(SEP)) if blocks else ()
