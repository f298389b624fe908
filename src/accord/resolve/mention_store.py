"""Every mention of a corpus, with its name node and then its entity, in a scratch file.

The resolver needs, of each mention, its node and in the end its entity, and of each
node what its mentions say: its surface forms and labels with their counts (its
shown form and kind are the most frequent, the first read winning a tie), the
sources that name it, and each raw text with the sources it is read in (the
entity's aliases). Held in memory, even as a few integers a mention, these grow
with the text of the corpus, and an archive has hundreds of millions of mentions.
So they are written to a temporary SQLite file as they are read and counted there
with SQL; the process holds only a bounded page cache of it. The file is deleted
when the resolution that uses it is closed (or collected).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache, partial
from itertools import count, groupby, islice
from operator import itemgetter
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

# the scratch file's page cache: what it may hold in memory (SQLite's sorter, building
# an index, takes as much again). The file sits in the OS's page cache anyway: at 8 MB
# the 100x growth corpus's resolver held 7 MB more than at 2 MB, and was no faster
CACHE_KB = 2048
PAGE = 5000  # rows fetched or written at a time
SOURCES_KEPT = 64  # sources whose mentions' entities are kept at hand (`MentionEntities`)

_SCHEMA = """
CREATE TABLE raw(src TEXT, start INT, "end" INT, text TEXT, label TEXT);
CREATE TABLE text(id INTEGER PRIMARY KEY, text TEXT UNIQUE);
CREATE TABLE text_form(id INTEGER PRIMARY KEY, surface TEXT, key TEXT);
CREATE TABLE extra_form(text TEXT PRIMARY KEY, surface TEXT);
CREATE TABLE kinds(label TEXT PRIMARY KEY, kind TEXT);
CREATE TABLE node(id INTEGER PRIMARY KEY, key TEXT UNIQUE, shown TEXT, label TEXT,
                  why TEXT, root INT, made INT, entity INT);
CREATE TABLE read(id INTEGER PRIMARY KEY, src TEXT, start INT, "end" INT, node INT,
                  text INT, label TEXT);
CREATE TABLE mention(src TEXT, start INT, "end" INT, node INT, entity INT,
                     PRIMARY KEY (src, start, "end")) WITHOUT ROWID;
CREATE TABLE moved(src TEXT, start INT, "end" INT, target INT, rule TEXT,
                   PRIMARY KEY (src, start, "end")) WITHOUT ROWID;
CREATE INDEX moved_target ON moved(target);
"""


# each read with its node key: its text's key, set apart by kind for groups of people
# (NORP); a text that folds to no key is no name
_READS = ("SELECT r.rowid AS rid, r.src, r.start, r.\"end\", t.id AS text, r.label, "
          "CASE WHEN coalesce(k.kind, 'ORG') = 'NORP' THEN 'NORP:' || f.key ELSE f.key END AS nk "
          "FROM raw r JOIN text t ON t.text = r.text JOIN text_form f ON f.id = t.id "
          "LEFT JOIN kinds k ON k.label = r.label WHERE f.key != ''")


# (text, surface form) of every text read, then of every one added
_ALL_FORMS = ("SELECT t.text, f.surface FROM text t JOIN text_form f ON f.id = t.id UNION ALL "
              "SELECT text, surface FROM extra_form WHERE text NOT IN (SELECT text FROM text)")


class MentionStore:
    """The mentions as read, counted by node. `nodes` are named by key strings."""

    def __init__(self, mentions: Iterable[tuple[str, int, int, str, str]],
                 fold: Callable[[str], tuple[str, str]], kinds: Mapping[str, str]) -> None:
        """`mentions`: (source id, start, end, text, label), in the order read; `fold`
        gives a text's surface form and node key ("": not a name); `kinds` maps a
        label to its node kind (ORG when unlisted)."""
        fd, self.path = tempfile.mkstemp(prefix="accord-mentions-", suffix=".sqlite")
        os.close(fd)
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._closer = weakref.finalize(self, _remove, self._db, self.path)
        db = self._db
        # a node's id, looked up by each question about it (they come a node at a time);
        # the cache holds the connection, not self, so that no cycle delays the clean-up
        self._id = lru_cache(maxsize=1024)(partial(_node_id, db))
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE",
                       f"cache_size=-{CACHE_KB}"):
            db.execute(f"PRAGMA {pragma}")
        db.executescript(_SCHEMA)
        db.executemany("INSERT INTO kinds VALUES (?, ?)", kinds.items())
        db.executemany("INSERT INTO raw VALUES (?, ?, ?, ?, ?)", mentions)
        # each distinct text folded once, in the order first read
        db.execute("INSERT INTO text(text) SELECT text FROM raw GROUP BY text ORDER BY min(rowid)")
        for page in pages(db.execute("SELECT id, text FROM text ORDER BY id")):
            db.executemany("INSERT INTO text_form VALUES (?, ?, ?)",
                           [(i, *fold(t)) for i, t in page])
        # nodes numbered in the order first read
        db.execute(f"INSERT INTO node(key) SELECT nk FROM ({_READS}) GROUP BY nk ORDER BY min(rid)")
        db.execute(f'INSERT INTO read SELECT x.rid, x.src, x.start, x."end", n.id, x.text, '
                   f'x.label FROM ({_READS}) AS x JOIN node n ON n.key = x.nk')
        db.execute("DROP TABLE raw")
        db.execute("CREATE INDEX read_node ON read(node, text, src)")
        # one mention per span: of a span read twice, the last reading
        db.execute('INSERT INTO mention SELECT src, start, "end", node, NULL FROM read '
                   'WHERE id IN (SELECT max(id) FROM read GROUP BY src, start, "end")')
        db.execute("CREATE INDEX mention_node ON mention(node)")
        self._most("shown", "SELECT r.node, f.surface AS v, r.id FROM read r "
                            "JOIN text_form f ON f.id = r.text")
        self._most("label", "SELECT node, label AS v, id FROM read")
        db.commit()

    def _most(self, column: str, reads: str) -> None:
        """Set `column` of each node to the value read most often (of a tie, the first)."""
        self._db.execute(
            f"UPDATE node SET {column} = m.v FROM (SELECT node, v FROM (SELECT node, v, "
            f"row_number() OVER (PARTITION BY node ORDER BY c DESC, first) AS rn FROM "
            f"(SELECT node, v, count(*) AS c, min(id) AS first FROM ({reads}) "
            f"GROUP BY node, v)) WHERE rn = 1) AS m WHERE node.id = m.node")

    def close(self) -> None:
        """Delete the scratch file (also done when this is collected)."""
        self._closer()

    # ----------------------------------------------------------------- nodes
    @property
    def db(self) -> sqlite3.Connection:
        """The scratch file, for what the resolver keeps beside the mentions (`name_blocks`)."""
        return self._db

    def nodes(self) -> Iterator[tuple[int, str, str, str]]:
        """(id, node, shown form, label) of every node, in the order first read; the
        ids run from 1 to `node_count()`."""
        return snapshot(self._db, "SELECT id, key, shown, label FROM node ORDER BY id")

    def node_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM node").fetchone()[0]

    def has(self, node: str) -> bool:
        return self._id(node) is not None

    def id_of(self, node: str) -> int | None:
        return self._id(node)

    def shown_of(self, node_id: int) -> str:
        return self._db.execute("SELECT shown FROM node WHERE id = ?", (node_id,)).fetchone()[0]

    def key_of(self, node_id: int) -> str:
        return self._db.execute("SELECT key FROM node WHERE id = ?", (node_id,)).fetchone()[0]

    # ----------------------------------------------------------- clusters
    def explain(self, node_id: int, why: str, *, replace: bool = False) -> None:
        """Say why the node joined its cluster (the first reason stands unless `replace`)."""
        self._db.execute("UPDATE node SET why = ? WHERE id = ?" if replace else
                         "UPDATE node SET why = coalesce(why, ?) WHERE id = ?", (why, node_id))

    def set_roots(self, roots: Iterable[tuple[int, int]]) -> None:
        """(node id, the id of its cluster's root), for every node."""
        for page in chunks(roots):
            self._db.executemany("UPDATE node SET root = ? WHERE id = ?", [(r, n) for n, r in page])
        self._db.execute("CREATE INDEX node_root ON node(root)")

    def clusters(self) -> Iterator[tuple[str, list[tuple[int, str, str | None]]]]:
        """(root node, its members (id, node, why joined) in id order), by root node."""
        rows = snapshot(self._db, "SELECT r.key, n.id, n.key, n.why FROM node n "
                                  "JOIN node r ON r.id = n.root ORDER BY r.key, n.id")
        for root, members in groupby(rows, key=itemgetter(0)):
            yield root, [(i, key, why) for _r, i, key, why in members]

    def move(self, mentions: Iterable[tuple[tuple[str, int, int], int, str]]) -> None:
        """(mention, target node id, rule): mentions that go to another node's entity
        than their own's (a bare surname shared by several people)."""
        self._db.executemany('INSERT OR REPLACE INTO moved VALUES (?, ?, ?, ?, ?)',
                             ((*key, target, rule) for key, target, rule in mentions))

    def staying(self, node_id: int) -> bool:
        """Has the node a mention that was not moved?"""
        return self._db.execute(
            'SELECT EXISTS (SELECT 1 FROM mention m WHERE m.node = ? AND NOT EXISTS (SELECT 1 '
            'FROM moved v WHERE v.src = m.src AND v.start = m.start AND v."end" = m."end"))',
            (node_id,)).fetchone()[0] == 1

    def moved_to(self, root_id: int) -> list[tuple[str, str, str]]:
        """(node, rule, source) of each mention moved to a node of this cluster."""
        return self._db.execute(
            'SELECT n.key, v.rule, v.src FROM moved v JOIN node t ON t.id = v.target '
            'JOIN mention m ON m.src = v.src AND m.start = v.start AND m."end" = v."end" '
            'JOIN node n ON n.id = m.node WHERE t.root = ?', (root_id,)).fetchall()

    def made(self, root_id: int, entity: int) -> None:
        """The cluster of this root made the entity numbered `entity`."""
        self._db.execute("UPDATE node SET made = ? WHERE id = ?", (entity, root_id))

    def surfaces(self, node: str) -> list[tuple[str, int]]:
        """(surface form, times read), in the order first read."""
        return self._counted("SELECT f.surface, count(*), min(r.id) AS first FROM read r "
                             "JOIN text_form f ON f.id = r.text WHERE r.node = ? "
                             "GROUP BY f.surface ORDER BY first", node)

    def labels(self, node: str) -> list[tuple[str, int]]:
        return self._counted("SELECT label, count(*), min(id) AS first FROM read "
                             "WHERE node = ? GROUP BY label ORDER BY first", node)

    def _counted(self, query: str, node: str) -> list[tuple[str, int]]:
        return [(v, c) for v, c, _first in self._db.execute(query, (self._id(node),))]

    def reads(self, node: str) -> int:
        """How many times a mention of it was read."""
        return self._db.execute("SELECT count(*) FROM read WHERE node = ?",
                                (self._id(node),)).fetchone()[0]

    def sources(self, node: str) -> set[str]:
        return {s for (s,) in self._db.execute("SELECT DISTINCT src FROM read WHERE node = ?",
                                               (self._id(node),))}

    def raw_forms(self, node: str) -> list[tuple[str, tuple[str, ...]]]:
        """(raw text, the sources it is read in, sorted), sorted by text."""
        rows = self._db.execute(
            "SELECT t.text, r.src FROM read r JOIN text t ON t.id = r.text WHERE r.node = ? "
            "GROUP BY t.text, r.src ORDER BY t.text, r.src", (self._id(node),))
        return [(t, tuple(s for _t, s in same)) for t, same in groupby(rows, key=itemgetter(0))]

    def form(self, text: str) -> str | None:
        """The surface form `text` was folded to, if it was read or added."""
        row = self._db.execute("SELECT f.surface FROM text t JOIN text_form f ON f.id = t.id "
                               "WHERE t.text = ? UNION ALL SELECT surface FROM extra_form "
                               "WHERE text = ? LIMIT 1", (text, text)).fetchone()
        return None if row is None else row[0]

    def add_form(self, text: str, surface: str) -> None:
        """Remember the surface form of a text that was not read (an entity's name)."""
        self._db.execute("INSERT OR IGNORE INTO extra_form VALUES (?, ?)", (text, surface))

    def forms(self) -> Lookup[str, str]:
        """Mentioned text -> surface form, of every text read or added."""
        return Lookup(self.form, self._all_forms, lambda: self._db.execute(
            f"SELECT count(*) FROM ({_ALL_FORMS})").fetchone()[0])

    def _all_forms(self) -> Iterator[tuple[str, str]]:
        for page in pages(self._db.execute(_ALL_FORMS)):
            yield from page

    # -------------------------------------------------------------- mentions
    def mentions_of(self, node: str) -> list[tuple[str, int, int]]:
        """Its mentions, in (source, start, end) order."""
        return self._db.execute('SELECT src, start, "end" FROM mention WHERE node = ? '
                                'ORDER BY src, start, "end"', (self._id(node),)).fetchall()

    def node_at(self, key: tuple[str, int, int]) -> str:
        """The node of the mention at (source id, start, end), which must be one."""
        return self._db.execute('SELECT n.key FROM mention m JOIN node n ON n.id = m.node '
                                'WHERE m.src = ? AND m.start = ? AND m."end" = ?', key).fetchone()[0]

    def mention_count(self, node: str) -> int:
        return self._db.execute("SELECT count(*) FROM mention WHERE node = ?",
                                (self._id(node),)).fetchone()[0]

    def link(self, eids: Sequence[str]) -> MentionEntities:
        """Each mention's entity: that of its node's cluster (`made`, an index into
        `eids`), or, moved, that of its target's; none (-1) when the cluster made none.
        The store is then read as (source, start, end) -> entity id."""
        db = self._db
        db.execute("UPDATE node SET entity = coalesce((SELECT r.made FROM node r "
                   "WHERE r.id = node.root), -1)")
        db.execute("UPDATE mention SET entity = node.entity FROM node WHERE node.id = mention.node")
        db.execute('UPDATE mention SET entity = x.e FROM (SELECT v.src, v.start, v."end", '
                   't.entity AS e FROM moved v JOIN node t ON t.id = v.target) AS x '
                   'WHERE mention.src = x.src AND mention.start = x.start AND mention."end" = x."end"')
        db.commit()
        return MentionEntities(self, eids)


class MentionEntities(Mapping[tuple[str, int, int], str]):
    """(source id, start, end) -> entity id, for the mentions that have one. They are
    asked for a few sources at a time (a page of their mentions, of their claims), so
    a source's mentions are read at once, and those of the last SOURCES_KEPT sources
    asked for are kept."""

    def __init__(self, mentions: MentionStore, eids: Sequence[str]) -> None:
        self._m, self._db, self._eids = mentions, mentions._db, tuple(eids)
        self._spans: OrderedDict[str, dict[tuple[int, int], int]] = OrderedDict()

    def __getitem__(self, key: tuple[str, int, int]) -> str:
        sid, start, end = key
        e = self._source(sid).get((start, end))
        if e is None:
            raise KeyError(key)
        return self._eids[e]

    def of_source(self, sid: str) -> dict[tuple[int, int], str]:
        """(start, end) -> entity id, for the mentions of one source that have one: all
        that filing its claims needs, sent with them to the process that files them."""
        return {span: self._eids[e] for span, e in self._source(sid).items()}

    def _source(self, sid: str) -> dict[tuple[int, int], int]:
        spans = self._spans.get(sid)
        if spans is None:
            spans = self._spans[sid] = {(a, b): e for a, b, e in self._db.execute(
                'SELECT start, "end", entity FROM mention WHERE src = ? AND entity >= 0',
                (sid,))}
            if len(self._spans) > SOURCES_KEPT:
                self._spans.popitem(last=False)
        else:
            self._spans.move_to_end(sid)
        return spans

    def __iter__(self) -> Iterator[tuple[str, int, int]]:
        for page in pages(self._db.execute(
                'SELECT src, start, "end" FROM mention WHERE entity >= 0 '
                'ORDER BY src, start, "end"')):
            yield from page

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM mention WHERE entity >= 0").fetchone()[0]

    def close(self) -> None:
        """Let go of the scratch file behind this (it cannot be read after)."""
        self._m.close()


class Lookup(Mapping[K, V]):
    """A mapping read from a scratch file, never held: `get` answers one key (None:
    absent), `items` walks all pairs in order, `count` says how many. What the
    resolver hands on (its state, the forms of texts) can be as large as the names of
    the corpus, so it stays on disk until it is written to the store."""

    def __init__(self, get: Callable[[K], V | None], items: Callable[[], Iterator[tuple[K, V]]],
                 count: Callable[[], int]) -> None:
        self._get, self._items, self._count = get, items, count

    def __getitem__(self, key: K) -> V:
        got = self._get(key)
        if got is None:
            raise KeyError(key)
        return got

    def __iter__(self) -> Iterator[K]:
        return (k for k, _v in self._items())

    def __len__(self) -> int:
        return self._count()

    def items(self) -> Iterator[tuple[K, V]]:  # type: ignore[override]
        return self._items()


def _node_id(db: sqlite3.Connection, node: str) -> int | None:
    row = db.execute("SELECT id FROM node WHERE key = ?", (node,)).fetchone()
    return None if row is None else row[0]


def chunks(rows: Iterable, size: int = PAGE) -> Iterator[list]:
    it = iter(rows)
    while page := list(islice(it, size)):
        yield page


def snapshot(db: sqlite3.Connection, query: str, params: Sequence = ()) -> Iterator[tuple]:
    """The rows of `query`, as they are now, a page at a time: copied to a table of
    their own first, so that the tables they came from can be written while they are
    read (SQLite leaves a read undefined when its table changes under it)."""
    name = f"snap_{next(_SNAPSHOTS)}"
    db.execute(f"CREATE TEMP TABLE {name} AS {query}", params)
    try:
        after = 0
        while rows := db.execute(f"SELECT rowid, * FROM {name} WHERE rowid > ? ORDER BY rowid "
                                 f"LIMIT {PAGE}", (after,)).fetchall():
            after = rows[-1][0]
            yield from (row[1:] for row in rows)
    finally:
        db.execute(f"DROP TABLE IF EXISTS temp.{name}")


_SNAPSHOTS = count()


def pages(cursor: sqlite3.Cursor) -> Iterator[list]:
    while page := cursor.fetchmany(PAGE):
        yield page


def _remove(db: sqlite3.Connection, path: str) -> None:
    db.close()
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)
