"""A table the copy search writes the pairs it finds into as it finds them.

The pairs of copying sources grow with the square of a syndicated story's copies.
They were returned from the process that searches as one value and held by the
build until its results were written: both processes held every pair. Now the search
writes each batch of pairs here, and the build moves them into `copies` with one
statement in the transaction that writes its results.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "copy_staging",
        sa.Column("a", sa.String(40), primary_key=True),
        sa.Column("b", sa.String(40), primary_key=True),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("duplicate", sa.Boolean, nullable=False),
        sa.Column("passages", sa.LargeBinary, nullable=False),
    )
    op.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")


def downgrade() -> None:
    op.drop_table("copy_staging")
    op.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
