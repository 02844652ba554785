"""Which tables hold a newsroom's rows, in an order they can be deleted in, and how many each
holds.

A newsroom's table is any table with a `tenant_id` column: the models' (SQLModel.metadata,
TenantOwned or not) and any a migration made that no model maps. Listing them from the
schema, not by name, means a table added later is exported and purged without anyone
remembering to add it here. The indexes a purge needs to stay fast are declared here too.
"""

from sqlalchemy import Connection, Index, MetaData, Table, func, inspect, select
from sqlmodel import SQLModel

import store.ingest_tables
import store.tables  # noqa: F401  (the tables indexed below are defined on import)
from store.migrate import SEARCH_TABLE_PREFIX

TENANT_COLUMN = "tenant_id"

# Deleting a row makes the database look for rows still referring to it, one lookup per row
# deleted: without an index on the referring column each lookup scans that table, and a purge
# grows with the square of the newsroom (20,000 positions: 20 s on PostgreSQL, 1 s with these).
# Declared here, beside the purge that needs them, on the tables' own metadata (migration 0017).
REFERRING = (
    ("position", "supersedes_id"),
    ("position_retraction", "replaced_by_id"),
    ("uncredited_quote", "assigned_position_id"),
    ("draft", "topic_id"),
    ("draft", "content_id"),
    ("digest_run", "draft_id"),
    ("digest_run", "content_id"),
)
PURGE_INDEXES = [
    Index(f"ix_{table}_{column}", SQLModel.metadata.tables[table].c[column])
    for table, column in REFERRING
]


def tenant_tables(conn: Connection) -> list[Table]:
    """Every table holding newsroom rows that this database has, children before parents
    (each table after every table that refers to it), so deleting in this order never breaks
    a foreign key."""
    inspector = inspect(conn)
    present = set(inspector.get_table_names())
    known = [
        table
        for table in reversed(SQLModel.metadata.sorted_tables)
        if TENANT_COLUMN in table.c and table.name in present
    ]
    mapped = {table.name for table in SQLModel.metadata.sorted_tables}
    unmapped = sorted(
        name
        for name in present - mapped
        if not name.startswith(SEARCH_TABLE_PREFIX)
        and any(column["name"] == TENANT_COLUMN for column in inspector.get_columns(name))
    )
    if not unmapped:
        return known
    # No model refers to a table no model maps, so those go first; among themselves, by the
    # foreign keys the database reports.
    reflected = MetaData()
    reflected.reflect(conn, only=unmapped)
    extra = [table for table in reversed(reflected.sorted_tables) if table.name in unmapped]
    return [*extra, *known]


def count_tenant_rows(conn: Connection, *, tenant: str) -> dict[str, int]:
    """How many rows each newsroom table holds for `tenant` (every table, zeros included)."""
    return {
        table.name: int(
            conn.execute(
                select(func.count()).select_from(table).where(table.c[TENANT_COLUMN] == tenant)
            ).scalar_one()
        )
        for table in tenant_tables(conn)
    }


def rows_by_tenant(conn: Connection) -> dict[str, int]:
    """Every tenant id that holds rows, with how many (all tables together). One grouped scan
    of each table: an operator's question, not a request's."""
    totals: dict[str, int] = {}
    for table in tenant_tables(conn):
        column = table.c[TENANT_COLUMN]
        for tenant, rows in conn.execute(select(column, func.count()).group_by(column)):
            totals[tenant] = totals.get(tenant, 0) + int(rows)
    return totals
