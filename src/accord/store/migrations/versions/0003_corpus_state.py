"""What a rebuild keeps so that the corpus-wide stages redo only what changed.

Per source, the acronyms its text defines and the LSH sketch of its text (made
where the source is annotated); the pairs of sources that copy each other; and the
resolver's nodes, matching name pairs and stripped surface forms. A database at 0002 has none of these:
its next build works them out once.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_keys",
        sa.Column("source_id", sa.String(40), sa.ForeignKey("sources.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("definitions", sa.JSON, nullable=False),
        sa.Column("sketch", sa.LargeBinary, nullable=False),
        sa.Column("linked", sa.Boolean, nullable=False),
    )
    op.create_table(
        "copies",
        sa.Column("a", sa.String(40), primary_key=True),
        sa.Column("b", sa.String(40), primary_key=True),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("duplicate", sa.Boolean, nullable=False),
        sa.Column("passages", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_copies_b", "copies", ["b"])
    op.create_table(
        "name_nodes",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("node", sa.Text, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("shown", sa.Text, nullable=False),
        sa.Column("blocks", sa.JSON, nullable=False),
    )
    op.create_table(
        "name_matches",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("a", sa.Text, nullable=False),
        sa.Column("b", sa.Text, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
    )
    op.create_table(
        "name_forms",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("surface", sa.Text, nullable=False),
    )
    op.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")


def downgrade() -> None:
    op.drop_table("name_forms")
    op.drop_table("name_matches")
    op.drop_table("name_nodes")
    op.drop_index("ix_copies_b", "copies")
    op.drop_table("copies")
    op.drop_table("source_keys")
    op.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
