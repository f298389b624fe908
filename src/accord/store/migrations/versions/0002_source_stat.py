"""Size and modification time per source, and an index on its location.

A rebuild of a large unchanged pile used to read every file again to compare its
content hash; with the stored size and mtime it only stats them. The location index
keeps "replace what was stored from this path" from scanning the table per source.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as b:
        b.add_column(sa.Column("size", sa.BigInteger))
        b.add_column(sa.Column("mtime_ns", sa.BigInteger))
    op.create_index("ix_sources_location", "sources", ["location"])
    op.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def downgrade() -> None:
    op.drop_index("ix_sources_location", "sources")
    with op.batch_alter_table("sources") as b:
        b.drop_column("mtime_ns")
        b.drop_column("size")
    op.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
