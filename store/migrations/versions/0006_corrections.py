"""corrections: retractions, merged actors and topics

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "position_retraction",
        sa.Column("position_id", sa.Integer(), sa.ForeignKey("position.id"), primary_key=True),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("replaced_by_id", sa.Integer(), sa.ForeignKey("position.id"), nullable=True),
    )
    op.create_index("ix_position_retraction_at", "position_retraction", ["at"])
    with op.batch_alter_table("actor") as batch:
        batch.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_actor_merged_into", "actor", ["merged_into_id"], ["id"])
    with op.batch_alter_table("topic") as batch:
        batch.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_topic_merged_into", "topic", ["merged_into_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("topic") as batch:
        batch.drop_constraint("fk_topic_merged_into", type_="foreignkey")
        batch.drop_column("merged_into_id")
    with op.batch_alter_table("actor") as batch:
        batch.drop_constraint("fk_actor_merged_into", type_="foreignkey")
        batch.drop_column("merged_into_id")
    op.drop_index("ix_position_retraction_at", table_name="position_retraction")
    op.drop_table("position_retraction")
