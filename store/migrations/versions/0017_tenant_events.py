"""tenant events: the deployment's record of each newsroom's install, leaving, export and purge

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08 10:00:00

- `tenant_event`: belongs to no tenant, so a purge leaves it; never updated or deleted (triggers
  here, and the session hook in store.tenant_events).
- `tenant.purged_at`: when a tenant's rows were deleted.
- Indexes on the columns that refer to positions, drafts and draft contents but had none
  (store.tenant_tables.PURGE_INDEXES): deleting a row looks up what still refers to it, and
  without them a purge took time in the square of the newsroom's size.
- SQLite: the search index (migration 0007) was kept in step on insert only, since positions
  were never deleted; a purge deletes them, so a delete trigger now removes their text from
  both FTS5 tables (the contentless `position_search_exact` by FTS5's 'delete' command, with
  the very values the insert trigger indexed). Without it a purged tenant's words would stay
  in the index, and a reused position id would collide with the stale row. Like the insert
  trigger, a later batch migration that rebuilds `position` must recreate it.
  PostgreSQL's search indexes are expression indexes on `position`: deleting the rows is enough.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import UTCDateTime

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSAL = "tenant_event rows are never changed or deleted"
# table → a column referring to another newsroom row, as store.tenant_tables indexes them
REFERRING = (
    ("position", "supersedes_id"),
    ("position_retraction", "replaced_by_id"),
    ("uncredited_quote", "assigned_position_id"),
    ("draft", "topic_id"),
    ("draft", "content_id"),
    ("digest_run", "draft_id"),
    ("digest_run", "content_id"),
)

_SEARCH_DELETE = """
CREATE TRIGGER position_search_delete AFTER DELETE ON position BEGIN
  DELETE FROM position_search WHERE rowid = old.id;
  INSERT INTO position_search_exact (position_search_exact, rowid, summary, quotes, conditions)
  VALUES ('delete', old.id, old.summary,
    (SELECT group_concat(value, char(10)) FROM json_each(old.quotes)),
    (SELECT group_concat(value, char(10)) FROM json_each(old.conditions)));
END
"""


def upgrade() -> None:
    op.create_table(
        "tenant_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("by", sa.String(100), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
    )
    op.create_index("ix_tenant_event_tenant", "tenant_event", ["tenant"])
    op.add_column("tenant", sa.Column("purged_at", UTCDateTime(), nullable=True))
    for table, column in REFERRING:
        op.create_index(f"ix_{table}_{column}", table, [column])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION tenant_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER tenant_event_immutable BEFORE UPDATE OR DELETE ON tenant_event "
            "FOR EACH ROW EXECUTE FUNCTION tenant_event_immutable()"
        )
        op.execute(
            "CREATE TRIGGER tenant_event_no_truncate BEFORE TRUNCATE ON tenant_event "
            "FOR EACH STATEMENT EXECUTE FUNCTION tenant_event_immutable()"
        )
        return
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER tenant_event_no_{operation.lower()} BEFORE {operation} "
            f"ON tenant_event BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
        )
    op.execute(_SEARCH_DELETE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS tenant_event_no_truncate ON tenant_event")
        op.execute("DROP TRIGGER IF EXISTS tenant_event_immutable ON tenant_event")
        op.execute("DROP FUNCTION IF EXISTS tenant_event_immutable()")
    else:
        op.execute("DROP TRIGGER IF EXISTS position_search_delete")
        op.execute("DROP TRIGGER IF EXISTS tenant_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS tenant_event_no_delete")
    for table, column in REFERRING:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    op.drop_column("tenant", "purged_at")
    op.drop_index("ix_tenant_event_tenant", table_name="tenant_event")
    op.drop_table("tenant_event")
