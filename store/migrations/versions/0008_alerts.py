"""alerts: follows, the alerts they queue, quiet hours; a digest may attach a chart

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "follow",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=50), nullable=False),
        sa.Column("target", sa.String(length=50), nullable=False),
        sa.Column("target_kind", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("actor.id"), nullable=True),
        sa.Column("topic_id", sa.Integer(), sa.ForeignKey("topic.id"), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("team_id", "target", "subject"),
    )
    op.create_index("ix_follow_actor_id", "follow", ["actor_id"])
    op.create_index("ix_follow_topic_id", "follow", ["topic_id"])
    op.create_table(
        "alert",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=50), nullable=False),
        sa.Column("target", sa.String(length=50), nullable=False),
        sa.Column("target_kind", sa.String(length=10), nullable=False),
        sa.Column("position_id", sa.Integer(), sa.ForeignKey("position.id"), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("batch", sa.String(length=32), nullable=True),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("claimed_at", UTCDateTime(), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("message_ts", sa.String(length=50), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=False),
        sa.UniqueConstraint("team_id", "target", "position_id", "kind"),
    )
    op.create_index("ix_alert_status_target", "alert", ["status", "team_id", "target"])
    op.create_index("ix_alert_position_id", "alert", ["position_id"])
    op.create_index("ix_alert_batch", "alert", ["batch"])
    op.create_table(
        "quiet_hours",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=50), nullable=False),
        sa.Column("target", sa.String(length=50), nullable=False),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("end_minute", sa.Integer(), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=False),
        sa.Column("set_by", sa.String(length=100), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("team_id", "target"),
    )
    with op.batch_alter_table("digest_schedule") as batch:
        batch.add_column(
            sa.Column("chart", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("digest_schedule") as batch:
        batch.drop_column("chart")
    op.drop_table("quiet_hours")
    op.drop_index("ix_alert_batch", table_name="alert")
    op.drop_index("ix_alert_position_id", table_name="alert")
    op.drop_index("ix_alert_status_target", table_name="alert")
    op.drop_table("alert")
    op.drop_index("ix_follow_topic_id", table_name="follow")
    op.drop_index("ix_follow_actor_id", table_name="follow")
    op.drop_table("follow")
