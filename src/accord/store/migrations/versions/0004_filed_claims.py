"""Each claim's filing key and origin, so the corpus-wide stage judges key by key.

Findings never join claims filed under two keys (the resolved subject, or an unnamed
subject's words), so claims read from the database in key order can be judged one
key at a time, and a rebuild can judge again only the keys whose claims changed (a
claim's origin, where its passage comes from, counts: copies count once). Findings get
an index by that key, which they store as their subject, and the subject becomes
free-length text, since an unnamed subject's words can exceed forty characters.
A database at 0003 has no keys: its next build files every claim once.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as b:
        b.add_column(sa.Column("group_key", sa.Text))
        b.add_column(sa.Column("origin", sa.Text))
    op.create_index("ix_claims_group", "claims", ["group_key", "id"])
    with op.batch_alter_table("findings") as b:
        b.alter_column("entity_id", type_=sa.Text, existing_type=sa.String(40),
                       existing_nullable=False)
    op.create_index("ix_findings_entity", "findings", ["entity_id"])
    op.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")


def downgrade() -> None:
    op.drop_index("ix_findings_entity", "findings")
    with op.batch_alter_table("findings") as b:
        b.alter_column("entity_id", type_=sa.String(40), existing_type=sa.Text,
                       existing_nullable=False)
    op.drop_index("ix_claims_group", "claims")
    with op.batch_alter_table("claims") as b:
        b.drop_column("origin")
        b.drop_column("group_key")
    op.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
