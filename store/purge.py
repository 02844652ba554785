"""Purging a newsroom: every row it holds, deleted in one transaction, and a record that it was.

History is append-only everywhere else; the one way it goes is here. In one transaction, on a
connection with no tenant filter:

1. the tenant's registry row is claimed: `purging` set (the draft_content trigger lets its rows
   go only then). For the purge job the claim also requires the purge to be due, so two
   replicas that both find it due purge it once: the second's claim waits for the first's
   transaction and then matches nothing (PostgreSQL re-checks the row; SQLite runs one writer);
2. every table with a `tenant_id` column loses that tenant's rows, children before parents
   (store.tenant_tables), with Core DELETE statements, not ORM objects (the session hooks
   refuse to delete history objects, rightly, for everything else); the search index follows
   by its delete trigger (migration 0017);
3. its Slack installation rows go too, when those tables exist (migration 0015);
4. the registry row is marked purged and a `purged` tenant event written.

On SQLite the purge runs with `secure_delete` on and rebuilds the FTS5 indexes, so the deleted
text is overwritten in the file instead of lingering in free pages or index segments, and
checkpoints the write-ahead log afterwards. PostgreSQL keeps dead row versions until VACUUM
reuses their space (autovacuum does, in time); backups taken before the purge still hold the
data (docs/deploying-and-operations.md).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    TableClause,
    column,
    delete,
    insert,
    inspect,
    or_,
    table,
)
from sqlalchemy import select as sa_select
from sqlalchemy import update as sa_update
from sqlmodel import col

from store.backup import checkpoint
from store.engine import utcnow
from store.tenant_events import TenantAction, record_tenant_event
from store.tenant_registry import OrgStore, Tenant
from store.tenant_tables import TENANT_COLUMN, tenant_tables

SLACK_TABLES = ("slack_installations", "slack_bots")
_FTS_TABLES = ("position_search", "position_search_exact")


@dataclass(frozen=True)
class PurgeReport:
    """What a purge deleted: rows per table (zeros left out), and Slack installation rows."""

    tenant: str
    rows: dict[str, int]
    slack_rows: int

    @property
    def total(self) -> int:
        """Every row deleted, the Slack installations' included."""
        return sum(self.rows.values()) + self.slack_rows


def ids_of(tenant: str) -> tuple[str, str]:
    """(team id, enterprise id) a tenant id names: ``T…``, ``E…``, ``E…:T…``; ``local``: none."""
    if ":" in tenant:
        enterprise, _, team = tenant.partition(":")
        return team, enterprise
    if tenant.startswith("E"):
        return "", tenant
    if tenant.startswith("T"):
        return tenant, ""
    return "", ""


def purge_tenant(
    engine: Engine, *, tenant: str, by: str, due_by: datetime | None = None
) -> PurgeReport | None:
    """Delete every row `tenant` holds. With `due_by` (the purge job), only when the tenant
    left and its purge_after is at or before `due_by`: None when it is not (a reinstall
    cancelled it, or another replica purged it first)."""
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            conn.exec_driver_sql("PRAGMA secure_delete=ON")  # deleted text is zeroed, not freed
            conn.commit()  # SQLAlchemy began a transaction for the pragma; the purge is its own
        try:
            with conn.begin():
                if not _claim(conn, tenant=tenant, due_by=due_by):
                    return None
                report = _delete_everything(conn, tenant=tenant, sqlite=sqlite)
                now = utcnow()
                conn.execute(
                    sa_update(Tenant)
                    .where(col(Tenant.id) == tenant)
                    .values(purging=False, purged_at=now, purge_after=None)
                )
                detail = {"rows": report.total, "tables": report.rows, "slack": report.slack_rows}
                reason = "retention period over" if due_by is not None else "on request"
                record_tenant_event(
                    conn,
                    tenant=tenant,
                    action=TenantAction.PURGED,
                    by=by,
                    detail={**detail, "reason": reason},
                    at=now,
                )
        finally:
            if sqlite:  # the connection goes back to the pool as it came
                conn.exec_driver_sql("PRAGMA secure_delete=OFF")
                conn.commit()
    checkpoint(engine)  # SQLite: the file alone, without the old pages in the log
    return report


def _claim(conn: Connection, *, tenant: str, due_by: datetime | None) -> bool:
    claim = sa_update(Tenant).where(col(Tenant.id) == tenant).values(purging=True)
    if due_by is not None:
        due = claim.where(
            col(Tenant.left_at).is_not(None),
            col(Tenant.purge_after).is_not(None),
            col(Tenant.purge_after) <= due_by,
        )
        return conn.execute(due).rowcount == 1
    if conn.execute(claim).rowcount == 1:
        return True
    # A newsroom holding rows without a registry row (``local``, the single-workspace store):
    # it gets one, as the draft_content trigger checks the registry for the purging flag.
    team, enterprise = ids_of(tenant)
    conn.execute(
        insert(Tenant).values(
            id=tenant,
            team_id=team,
            enterprise_id=enterprise,
            name="",
            installed_at=utcnow(),
            purging=True,
        )
    )
    return True


def _delete_everything(conn: Connection, *, tenant: str, sqlite: bool) -> PurgeReport:
    rows: dict[str, int] = {}
    for owned in tenant_tables(conn):
        deleted = conn.execute(delete(owned).where(owned.c[TENANT_COLUMN] == tenant)).rowcount
        if deleted:
            rows[owned.name] = deleted
    if sqlite and rows.get("position"):
        for fts in _FTS_TABLES:
            # Merge the index's segments: a deleted row's words otherwise stay in the older
            # segments (marked deleted) until some later merge.
            conn.exec_driver_sql(f"INSERT INTO {fts} ({fts}) VALUES ('optimize')")  # noqa: S608
    return PurgeReport(tenant=tenant, rows=rows, slack_rows=_delete_slack_rows(conn, tenant))


def _delete_slack_rows(conn: Connection, tenant: str) -> int:
    """The tenant's installations (bot and user tokens): a workspace's, ``E…:T…`` a workspace
    of an organization, ``E…`` the organization-wide one, and its workspaces' when they share
    the organization's store."""
    team, enterprise = ids_of(tenant)
    if not (team or enterprise):
        return 0
    present = set(inspect(conn).get_table_names())
    shared = enterprise and not team and _org_shares(conn, enterprise)
    deleted = 0
    for name in SLACK_TABLES:
        if name not in present:
            continue
        installs = _slack_table(name)
        where: ColumnElement[bool]
        if team and enterprise:
            where = (installs.c.enterprise_id == enterprise) & (installs.c.team_id == team)
        elif team:
            where = (installs.c.team_id == team) & or_(
                installs.c.enterprise_id.is_(None), installs.c.enterprise_id == ""
            )
        elif shared:
            where = installs.c.enterprise_id == enterprise
        else:
            where = (installs.c.enterprise_id == enterprise) & or_(
                installs.c.team_id.is_(None), installs.c.is_enterprise_install.is_(True)
            )
        deleted += conn.execute(delete(installs).where(where)).rowcount
    return deleted


def _slack_table(name: str) -> TableClause:
    # slack_sdk's tables have no model here (migration 0015 makes them): the columns needed.
    return table(name, column("team_id"), column("enterprise_id"), column("is_enterprise_install"))


def _org_shares(conn: Connection, enterprise: str) -> bool:
    shared = conn.execute(
        sa_select(col(OrgStore.shared)).where(col(OrgStore.enterprise_id) == enterprise)
    ).scalar_one_or_none()
    return bool(shared)
