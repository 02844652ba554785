"""candidate problems and uncredited quotes

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 19:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "candidate_problem",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("position_id", sa.Integer(), sa.ForeignKey("position.id"), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_candidate_problem_position_id", "candidate_problem", ["position_id"])
    op.create_table(
        "uncredited_quote",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("source.id"), nullable=False),
        sa.Column("quote", AutoString(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column(
            "assigned_position_id", sa.Integer(), sa.ForeignKey("position.id"), nullable=True
        ),
    )
    op.create_index("ix_uncredited_quote_source", "uncredited_quote", ["source_id", "start"])


def downgrade() -> None:
    op.drop_index("ix_uncredited_quote_source", table_name="uncredited_quote")
    op.drop_table("uncredited_quote")
    op.drop_index("ix_candidate_problem_position_id", table_name="candidate_problem")
    op.drop_table("candidate_problem")
