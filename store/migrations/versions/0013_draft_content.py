"""draft content: what drafts say, stored once (keyed by its SHA-256) and never changed

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSAL = "draft_content rows are immutable: an edit writes a new row"


def upgrade() -> None:
    op.create_table(
        "draft_content",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("claims", sa.JSON(), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.Column("citations", sa.JSON(), nullable=False),
        sa.Column("evidence_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sha256"),
    )
    # Existing drafts keep their content inline; new ones point at a shared row.
    for table in ("draft", "digest_run"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("content_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(
                f"fk_{table}_content_id", "draft_content", ["content_id"], ["id"]
            )
    # Immutable in the database too, whatever writes to it (the session hook covers our code).
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION draft_content_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER draft_content_immutable BEFORE UPDATE OR DELETE ON draft_content "
            "FOR EACH ROW EXECUTE FUNCTION draft_content_immutable()"
        )
        return
    for operation in ("update", "delete"):
        op.execute(
            f"CREATE TRIGGER draft_content_no_{operation} BEFORE {operation.upper()} "
            f"ON draft_content BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER draft_content_immutable ON draft_content")
        op.execute("DROP FUNCTION draft_content_immutable()")
    else:
        for operation in ("update", "delete"):
            op.execute(f"DROP TRIGGER draft_content_no_{operation}")
    for table in ("digest_run", "draft"):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_content_id", type_="foreignkey")
            batch.drop_column("content_id")
    op.drop_table("draft_content")
