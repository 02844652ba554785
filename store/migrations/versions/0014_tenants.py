"""tenants: every newsroom row carries its tenant, and every unique constraint includes it

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 23:30:00

Rows that exist belong to the single-workspace tenant, ``local``. SQLite tables whose unique
constraints change are rebuilt (batch mode; store.migrate turns foreign keys off around it and
checks them after), so their triggers are created again here.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import UTCDateTime

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table → the columns of its unique constraint, now within a tenant
UNIQUE = {
    "actor": ("name",),
    "topic": ("name",),
    "actor_alias": ("actor_id", "normalized"),
    "topic_alias": ("topic_id", "normalized"),
    "digest_schedule": ("channel_id",),
    "digest_run": ("schedule_id", "slot"),
    "follow": ("team_id", "target", "subject"),
    "alert": ("team_id", "target", "position_id", "kind"),
    "quiet_hours": ("team_id", "target"),
    "draft_content": ("sha256",),
}
PLAIN = (
    "source",
    "position",
    "position_retraction",
    "actor_topic",
    "audit_event",
    "draft",
    "candidate_problem",
    "uncredited_quote",
)
CATALOGUE = ("actor", "topic", "actor_alias", "topic_alias")
REFUSAL = "draft_content rows are immutable: an edit writes a new row"
# SQLite's unique constraints have no names: batch mode names them by this convention.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
# The SQL below is built from these constants only (no input reaches it): noqa S608.


def _tenant_column() -> sa.Column[str]:
    return sa.Column("tenant_id", sa.String(64), nullable=False, server_default="local")


def upgrade() -> None:
    _registry()
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        _upgrade_postgres()
    else:
        _upgrade_sqlite()
    op.drop_index("uq_position_dedupe_live", table_name="position")
    op.create_index(
        "uq_position_dedupe_live",
        "position",
        ["tenant_id", "dedupe_key"],
        unique=True,
        sqlite_where=sa.text("status != 'retracted'"),
        postgresql_where=sa.text("status != 'retracted'"),
    )
    _draft_content_guard(postgres)


def _registry() -> None:
    op.create_table(
        "tenant",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("enterprise_id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("installed_at", UTCDateTime(), nullable=False),
        sa.Column("left_at", UTCDateTime(), nullable=True),
        sa.Column("purge_after", UTCDateTime(), nullable=True),
        sa.Column("purging", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "org_store",
        sa.Column("enterprise_id", sa.String(32), primary_key=True),
        sa.Column("shared", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("chosen_by", sa.String(100), nullable=False),
        sa.Column("chosen_at", UTCDateTime(), nullable=False),
    )


def _upgrade_postgres() -> None:
    inspector = sa.inspect(op.get_bind())
    for table in (*UNIQUE, *PLAIN):
        op.add_column(table, _tenant_column())
        # The default only filled existing rows: a new row must say whose it is.
        op.alter_column(table, "tenant_id", server_default=None)
    for table, columns in UNIQUE.items():
        for constraint in inspector.get_unique_constraints(table):
            if constraint["column_names"] == list(columns) and constraint["name"]:
                op.drop_constraint(constraint["name"], table, type_="unique")
        op.create_unique_constraint(
            f"uq_{table}_tenant_{columns[0]}", table, ["tenant_id", *columns]
        )


def _upgrade_sqlite() -> None:
    for table in CATALOGUE:
        for operation in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS catalogue_changed_{table}_{operation}")
    for table, columns in UNIQUE.items():
        with op.batch_alter_table(table, recreate="always", naming_convention=NAMING) as batch:
            batch.add_column(_tenant_column())
            batch.drop_constraint(f"uq_{table}_{columns[0]}", type_="unique")
            batch.create_unique_constraint(
                f"uq_{table}_tenant_{columns[0]}", ["tenant_id", *columns]
            )
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.alter_column("tenant_id", server_default=None)
    for table in PLAIN:  # ALTER TABLE ADD COLUMN: SQLite keeps the default for these
        op.add_column(table, _tenant_column())
    _catalogue_triggers()


def _catalogue_triggers() -> None:
    """SQLite drops a table's triggers with it: the rebuilt catalogue tables get them again."""
    random_hex = "lower(hex(randomblob(16)))"
    for table in CATALOGUE:
        for operation in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER catalogue_changed_{table}_{operation.lower()} AFTER {operation} "  # noqa: S608
                f"ON {table} BEGIN UPDATE catalogue_version SET token = {random_hex} "
                "WHERE id = 1; END"
            )


def _draft_content_guard(postgres: bool, *, purgeable: bool = True) -> None:
    """Draft contents stay immutable, except while their tenant's data is being purged."""
    purging = "EXISTS (SELECT 1 FROM tenant WHERE tenant.id = OLD.tenant_id AND tenant.purging)"
    if not purgeable:
        purging = "FALSE" if postgres else "0"
    if postgres:
        op.execute(
            "CREATE OR REPLACE FUNCTION draft_content_immutable() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP = 'DELETE' AND {purging} THEN RETURN OLD; END IF; "
            f"RAISE EXCEPTION '{REFUSAL}'; END $$"
        )
        return
    op.execute("DROP TRIGGER IF EXISTS draft_content_no_update")
    op.execute("DROP TRIGGER IF EXISTS draft_content_no_delete")
    op.execute(
        "CREATE TRIGGER draft_content_no_update BEFORE UPDATE ON draft_content "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
    )
    op.execute(
        "CREATE TRIGGER draft_content_no_delete BEFORE DELETE ON draft_content "
        f"WHEN NOT {purging} BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
    )


def downgrade() -> None:
    bind = op.get_bind()
    for table in (*UNIQUE, *PLAIN):
        others = bind.exec_driver_sql(
            f"SELECT 1 FROM {table} WHERE tenant_id != 'local' LIMIT 1"  # noqa: S608
        ).first()
        if others:
            raise RuntimeError(
                f"{table} holds other newsrooms' rows: export and purge them before a downgrade"
            )
    postgres = bind.dialect.name == "postgresql"
    op.drop_index("uq_position_dedupe_live", table_name="position")
    op.create_index(
        "uq_position_dedupe_live",
        "position",
        ["dedupe_key"],
        unique=True,
        sqlite_where=sa.text("status != 'retracted'"),
        postgresql_where=sa.text("status != 'retracted'"),
    )
    if not postgres:
        for table in CATALOGUE:
            for operation in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS catalogue_changed_{table}_{operation}")
    for table, columns in UNIQUE.items():
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"uq_{table}_tenant_{columns[0]}", type_="unique")
            batch.drop_column("tenant_id")
            batch.create_unique_constraint(f"uq_{table}_{columns[0]}", list(columns))
    for table in PLAIN:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("tenant_id")
    if not postgres:
        _catalogue_triggers()
    _draft_content_guard(postgres, purgeable=False)  # as 0013 made it
    op.drop_table("org_store")
    op.drop_table("tenant")
