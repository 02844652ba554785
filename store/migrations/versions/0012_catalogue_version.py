"""catalogue version (a token every catalogue write changes); speaker and said-conditions indexes

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("actor", "topic", "actor_alias", "topic_alias")
OPERATIONS = ("INSERT", "UPDATE", "DELETE")
# The SQL below is built from these constants only (no input reaches it): noqa S608.


def upgrade() -> None:
    op.create_index("ix_position_speaker_topic", "position", ["speaker_id", "topic_id"])
    op.create_index(
        "ix_position_pair_said",
        "position",
        ["actor_id", "topic_id", "status", "conditions_stated", "stated_at", "id"],
    )
    op.create_table(
        "catalogue_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token", sa.String(length=32), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        random_hex = "md5(random()::text || clock_timestamp()::text)"
        op.execute(f"INSERT INTO catalogue_version (id, token) VALUES (1, {random_hex})")  # noqa: S608
        op.execute(
            "CREATE FUNCTION catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "  # noqa: S608
            f"BEGIN UPDATE catalogue_version SET token = {random_hex} WHERE id = 1; "
            "RETURN NULL; END $$"
        )
        for table in TABLES:
            op.execute(
                f"CREATE TRIGGER catalogue_changed_{table} AFTER INSERT OR UPDATE OR DELETE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed()"
            )
        return
    random_hex = "lower(hex(randomblob(16)))"
    op.execute(f"INSERT INTO catalogue_version (id, token) VALUES (1, {random_hex})")  # noqa: S608
    for table in TABLES:
        for operation in OPERATIONS:
            op.execute(
                f"CREATE TRIGGER catalogue_changed_{table}_{operation.lower()} AFTER {operation} "  # noqa: S608
                f"ON {table} BEGIN UPDATE catalogue_version SET token = {random_hex} "
                "WHERE id = 1; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER catalogue_changed_{table} ON {table}")
        op.execute("DROP FUNCTION catalogue_changed()")
    else:
        for table in TABLES:
            for operation in OPERATIONS:
                op.execute(f"DROP TRIGGER catalogue_changed_{table}_{operation.lower()}")
    op.drop_table("catalogue_version")
    op.drop_index("ix_position_pair_said", table_name="position")
    op.drop_index("ix_position_speaker_topic", table_name="position")
