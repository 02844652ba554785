"""proposed actors

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every actor recorded before this revision was put there by a person: tracked.
    with op.batch_alter_table("actor") as batch:
        batch.add_column(
            sa.Column("proposed", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("actor") as batch:
        batch.drop_column("proposed")
