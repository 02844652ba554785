"""draft claims

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 16:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Drafts written before claims existed keep their body; they have no claims to show.
    with op.batch_alter_table("draft") as batch:
        batch.add_column(sa.Column("claims", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("evidence_ids", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("draft") as batch:
        batch.drop_column("evidence_ids")
        batch.drop_column("claims")
