"""The newsrooms a deployment serves, and each Enterprise Grid organization's store choice.

These rows belong to no tenant: they say which tenants exist. A tenant that left (the app was
uninstalled or its tokens revoked) keeps its data until `purge_after`; `purging` marks one
whose rows are being deleted (the only time the database lets history rows go), and
`purged_at` says when they went (store.purge).
"""

from datetime import datetime

from sqlalchemy import Boolean, Column, Engine, false
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, SQLModel, col, select

from store.engine import unit_of_work, utcnow
from store.tenancy import TENANT_ID_LENGTH, default_tenant


class Tenant(SQLModel, table=True):
    """One newsroom's store: a workspace, or an organization whose workspaces share one."""

    __tablename__ = "tenant"

    id: str = Field(primary_key=True, max_length=TENANT_ID_LENGTH)
    team_id: str = Field(default="", max_length=32)
    enterprise_id: str = Field(default="", max_length=32)
    name: str = Field(default="", max_length=200)
    installed_at: datetime = Field(default_factory=utcnow)
    left_at: datetime | None = None
    purge_after: datetime | None = None
    purged_at: datetime | None = None  # when its rows were last deleted (migration 0017)
    purging: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )


class OrgStore(SQLModel, table=True):
    """An Enterprise Grid organization's choice: its workspaces share one store, or not."""

    __tablename__ = "org_store"

    enterprise_id: str = Field(primary_key=True, max_length=32)
    shared: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )
    chosen_by: str = Field(default="", max_length=100)
    chosen_at: datetime = Field(default_factory=utcnow)


def tenants_to_serve(engine: Engine) -> list[str]:
    """The tenants a job runs for: the process's own (single workspace), or every installed
    newsroom that has not left (multi-workspace mode, where no tenant is the default)."""
    own = default_tenant()
    if own is not None:
        return [own]
    with unit_of_work(engine, every_tenant=True) as session:  # the registry is no tenant's
        rows = session.exec(
            select(Tenant.id, Tenant.team_id, Tenant.enterprise_id).where(
                col(Tenant.left_at).is_(None)
            )
        ).all()
        choices = dict(session.exec(select(OrgStore.enterprise_id, OrgStore.shared)).all())
    # An Enterprise Grid organization is served from the store its choice names: its shared
    # one (E…) or its workspaces' own (E…:T…). The others are kept, unserved, not purged.
    return sorted(
        tenant
        for tenant, team, enterprise in rows
        if not enterprise or choices.get(enterprise, not team) == (not team)
    )


def register_tenant(
    engine: Engine, *, tenant: str, team_id: str, enterprise_id: str, name: str
) -> bool:
    """Record a newsroom as installed (again: a reinstall cancels a pending purge).
    True when it is new."""
    with unit_of_work(engine, every_tenant=True) as session:  # the registry is no tenant's
        row = session.get(Tenant, tenant)
        new = row is None
        row = row or Tenant(id=tenant)
        row.team_id, row.enterprise_id, row.name = team_id, enterprise_id, name[:200]
        row.left_at = row.purge_after = None
        row.purging = False
        session.add(row)
    return new


def org_shares_store(engine: Engine, enterprise_id: str) -> bool:
    """Whether an Enterprise Grid organization's workspaces share one store."""
    with unit_of_work(engine, every_tenant=True) as session:  # the registry is no tenant's
        row = session.get(OrgStore, enterprise_id)
        return bool(row and row.shared)


def ensure_tenant(engine: Engine, *, tenant: str, team_id: str, enterprise_id: str) -> None:
    """Register a tenant first met in a request (a workspace of an organization installed
    org-wide): jobs serve it from then on. One that left stays left."""
    try:
        with unit_of_work(engine, every_tenant=True) as session:  # the registry is no tenant's
            if session.get(Tenant, tenant) is None:
                session.add(Tenant(id=tenant, team_id=team_id, enterprise_id=enterprise_id))
    except IntegrityError:  # another replica registered it at the same moment
        pass
