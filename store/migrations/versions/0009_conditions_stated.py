"""conditions_stated: whether a statement says its conditions (unknown is not none)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN, not a batch copy: SQLite's copy would drop the search triggers.
    op.add_column(
        "position",
        sa.Column("conditions_stated", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    # Rows written before this revision could not say "no conditions": a statement with
    # conditions stated them; one without left them unknown.
    op.execute(
        'UPDATE "position" SET conditions_stated = '
        "(CAST(conditions AS TEXT) NOT IN ('[]', '', 'null'))"
    )


def downgrade() -> None:
    with op.batch_alter_table("position") as batch:
        batch.drop_column("conditions_stated")
