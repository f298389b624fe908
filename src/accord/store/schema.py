"""The database schema (SQLAlchemy Core): one definition for SQLite and PostgreSQL.

This is the shape of the database at the newest migration (`migrations/versions`);
queries are written against it. A change here needs a new migration too, so that
databases built by an older accord are brought up to it (`tests/test_migrations.py`
checks that the two agree).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 5  # the number of the newest migration

metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

sources = Table(
    "sources", metadata,
    Column("id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("location", Text, nullable=False),
    Column("format", String(8), nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("author", Text, nullable=False, default=""),
    Column("site", Text, nullable=False, default=""),
    Column("published", String(10)),
    Column("language", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("zones", JSON, nullable=False),
    Column("removed", JSON, nullable=False),
    Column("origin", String(40), nullable=False, default=""),
    Column("pipeline", String(40), nullable=False),  # version of the per-source stages
    Column("added_at", Float, nullable=False),
    # size and modification time of the file when it was read: a rebuild trusts a file
    # whose two are unchanged without reading it again (NULL for URLs: always re-read)
    Column("size", BigInteger),
    Column("mtime_ns", BigInteger),
    Index("ix_sources_location", "location"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", String(40), ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(8), nullable=False),
    Column("entity_id", String(40)),
    Index("ix_mentions_source", "source_id"),
    Index("ix_mentions_entity", "entity_id"),
)

times = Table(
    "times", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", String(40), ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", JSON, nullable=False),
    Index("ix_times_source", "source_id"),
)

claims = Table(
    "claims", metadata,
    Column("id", String(40), primary_key=True),
    Column("source_id", String(40), ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("subject", JSON, nullable=False),
    Column("entity_id", String(40)),
    Column("property", String(32), nullable=False),
    Column("value", JSON, nullable=False),
    Column("value_text", Text, nullable=False),
    Column("value_normalized", Text, nullable=False),
    Column("qualifiers", JSON, nullable=False),
    Column("modality", String(16), nullable=False),
    Column("attributed_to", Text, nullable=False),
    Column("version", Text, nullable=False),
    Column("quote", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("zone", String(16), nullable=False),
    Column("group_key", Text),  # what its findings are filed under (align.findings.filing_key)
    Column("origin", Text),  # where its passage comes from (copies count once)
    Index("ix_claims_source", "source_id"),
    Index("ix_claims_entity", "entity_id", "property"),
    Index("ix_claims_group", "group_key", "id"),
)

entities = Table(
    "entities", metadata,
    Column("id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(8), nullable=False),
)

aliases = Table(
    "aliases", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("rule", Text, nullable=False),
    Column("sources", JSON, nullable=False),
    Index("ix_aliases_entity", "entity_id"),
)

findings = Table(
    "findings", metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(12), nullable=False),
    Column("entity_id", Text, nullable=False),  # the filing key of its claims
    Column("property", String(32), nullable=False),
    Column("scope", Text, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("rank", Integer, nullable=False),  # of its kind: conflicts first (model.VERDICT_RANK)
    Index("ix_findings_entity", "entity_id"),
)

finding_claims = Table(
    "finding_claims", metadata,
    Column("finding_id", String(40), nullable=False),
    Column("claim_id", String(40), nullable=False),
    Column("position", Integer, nullable=False),
    Index("ix_finding_claims", "finding_id"),
)

errors = Table(
    "errors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", Float, nullable=False),
)

corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(8), nullable=False),  # merge | split
    Column("a", Text, nullable=False),
    Column("b", Text, nullable=False),
    Column("at", Float, nullable=False),
)

# --- what a rebuild keeps so that the corpus-wide stages only redo what changed

# per source, made where it was annotated: the acronyms its text defines and the LSH
# sketch its copies are found by; `linked` once its pairs are in `copies`
source_keys = Table(
    "source_keys", metadata,
    Column("source_id", String(40), ForeignKey("sources.id", ondelete="CASCADE"),
           primary_key=True),
    Column("version", String(40), nullable=False),  # of the code that made them
    Column("definitions", JSON, nullable=False),  # [[long form, short form], ...]
    Column("sketch", LargeBinary, nullable=False),
    Column("linked", Boolean, nullable=False, default=False),
)

def _pair_columns() -> list[Column]:
    """A pair of sources that copy one another, whole or in passages (a < b)."""
    return [
        Column("a", String(40), primary_key=True),
        Column("b", String(40), primary_key=True),
        Column("similarity", Float, nullable=False),
        Column("duplicate", Boolean, nullable=False),
        # the shared passages, (a_start, a_end, b_start, b_end) each, as little-endian
        # int64s: a large corpus has many pairs, and reading them back as JSON costs seconds
        Column("passages", LargeBinary, nullable=False),
    ]


copies = Table("copies", metadata, *_pair_columns(), Index("ix_copies_b", "b"))

# the pairs a build's copy search has found so far, written as it finds them by the
# process that searches (a syndicated corpus has millions of pairs: neither that
# process nor the build's own holds them); moved into `copies` in the transaction that
# writes the build's results, and cleared when a search starts (one left by an
# interrupted build is not a result). Beside an SQLite file the same table lives in a
# file of its own (`copy_staging.py`): the search writes while that transaction is open
copy_staging = Table("copy_staging", metadata, *_pair_columns())

# the resolver's state (`resolve.resolver.ResolverState`): nodes and matching pairs,
# keyed by a hash, since a node is any surface form and may be long
name_nodes = Table(
    "name_nodes", metadata,
    Column("key", String(40), primary_key=True),
    Column("node", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("shown", Text, nullable=False),
    Column("blocks", JSON, nullable=False),
)

name_matches = Table(
    "name_matches", metadata,
    Column("key", String(40), primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("a", Text, nullable=False),
    Column("b", Text, nullable=False),
    Column("rule", Text, nullable=False),
)

name_forms = Table(
    "name_forms", metadata,
    Column("key", String(40), primary_key=True),
    Column("text", Text, nullable=False),  # as mentioned
    Column("surface", Text, nullable=False),  # stripped of titles and possessives
)
