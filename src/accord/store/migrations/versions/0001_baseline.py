"""Baseline: the schema as accord 0.1 created it before migrations existed.

Written out in full here (not taken from `schema.py`, which moves on) so that an
empty database migrated step by step ends where a new one does.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("site", sa.Text, nullable=False),
        sa.Column("published", sa.String(10)),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("zones", sa.JSON, nullable=False),
        sa.Column("removed", sa.JSON, nullable=False),
        sa.Column("origin", sa.String(40), nullable=False),
        sa.Column("pipeline", sa.String(40), nullable=False),
        sa.Column("added_at", sa.Float, nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_id", sa.String(40), sa.ForeignKey("sources.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(8), nullable=False),
        sa.Column("entity_id", sa.String(40)),
    )
    op.create_index("ix_mentions_source", "mentions", ["source_id"])
    op.create_index("ix_mentions_entity", "mentions", ["entity_id"])
    op.create_table(
        "times",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_id", sa.String(40), sa.ForeignKey("sources.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("value", sa.JSON, nullable=False),
    )
    op.create_index("ix_times_source", "times", ["source_id"])
    op.create_table(
        "claims",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("source_id", sa.String(40), sa.ForeignKey("sources.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("subject", sa.JSON, nullable=False),
        sa.Column("entity_id", sa.String(40)),
        sa.Column("property", sa.String(32), nullable=False),
        sa.Column("value", sa.JSON, nullable=False),
        sa.Column("value_text", sa.Text, nullable=False),
        sa.Column("value_normalized", sa.Text, nullable=False),
        sa.Column("qualifiers", sa.JSON, nullable=False),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("attributed_to", sa.Text, nullable=False),
        sa.Column("version", sa.Text, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("zone", sa.String(16), nullable=False),
    )
    op.create_index("ix_claims_source", "claims", ["source_id"])
    op.create_index("ix_claims_entity", "claims", ["entity_id", "property"])
    op.create_table(
        "entities",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(8), nullable=False),
    )
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entity_id", sa.String(40), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
    )
    op.create_index("ix_aliases_entity", "aliases", ["entity_id"])
    op.create_table(
        "findings",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("entity_id", sa.String(40), nullable=False),
        sa.Column("property", sa.String(32), nullable=False),
        sa.Column("scope", sa.Text, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("independent_sources", sa.Integer, nullable=False),
        sa.Column("rank", sa.Integer, nullable=False),
    )
    op.create_table(
        "finding_claims",
        sa.Column("finding_id", sa.String(40), nullable=False),
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_finding_claims", "finding_claims", ["finding_id"])
    op.create_table(
        "errors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("a", sa.Text, nullable=False),
        sa.Column("b", sa.Text, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")


def downgrade() -> None:
    for t in ("corrections", "errors", "finding_claims", "findings", "aliases", "entities",
              "claims", "times", "mentions", "sources", "meta"):
        op.drop_table(t)
