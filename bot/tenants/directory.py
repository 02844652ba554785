"""The newsrooms a deployment holds, and which one an operator means by `T…`, `E…` or a
tenant id."""

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import col, or_, select

from bot.errors import UserError
from store import OrgStore, Tenant, count_tenant_rows, rows_by_tenant, unit_of_work

_TENANT_ID = re.compile(r"[A-Za-z0-9_:-]{1,64}")
LIST_HINT = "standpoint tenant list shows every newsroom."


class UnknownTenant(UserError):
    """No newsroom by that id (or more than one)."""


@dataclass(frozen=True)
class TenantInfo:
    """One newsroom as an operator sees it."""

    id: str
    name: str = ""
    installed_at: datetime | None = None
    left_at: datetime | None = None
    purge_after: datetime | None = None
    purged_at: datetime | None = None
    registered: bool = True  # False: it holds rows but has no registry row (``local``)
    rows: int | None = None  # rows it holds, when counted


def _info(row: Tenant, rows: int | None = None) -> TenantInfo:
    return TenantInfo(
        id=row.id,
        name=row.name,
        installed_at=row.installed_at,
        left_at=row.left_at,
        purge_after=row.purge_after,
        purged_at=row.purged_at,
        rows=rows,
    )


def find_tenant(engine: Engine, *, text: str) -> TenantInfo:
    """The newsroom `text` names: a tenant id, a team id (T…) or an enterprise id (E…).
    Raises UnknownTenant with one line saying why."""
    wanted = text.strip()
    shown = wanted if len(wanted) <= 64 else wanted[:61] + "…"
    if not _TENANT_ID.fullmatch(wanted):
        raise UnknownTenant(f"“{shown}” is not a team, enterprise or tenant id.", hint=LIST_HINT)
    with unit_of_work(engine, every_tenant=True) as session:
        row = session.get(Tenant, wanted)
        if row is not None:
            return _info(row)
        # A workspace of an organization is ``E…:T…``: its team id or its organization's id
        # alone names it when it is the only one.
        matches = session.exec(
            select(Tenant)
            .where(or_(col(Tenant.team_id) == wanted, col(Tenant.enterprise_id) == wanted))
            .order_by(col(Tenant.id))
        ).all()
    if len(matches) == 1:
        return _info(matches[0])
    if matches:
        ids = ", ".join(m.id for m in matches)
        raise UnknownTenant(f"“{shown}” could mean {ids}: name one of them.", hint=LIST_HINT)
    with engine.connect() as conn:
        rows = sum(count_tenant_rows(conn, tenant=wanted).values())
    if rows:  # a store without a registry row: ``local``, the single-workspace mode's
        return TenantInfo(id=wanted, registered=False, rows=rows)
    raise UnknownTenant(f"No newsroom “{shown}” in this deployment.", hint=LIST_HINT)


def list_tenants(engine: Engine) -> list[TenantInfo]:
    """Every registered newsroom and every tenant id holding rows, by id, with row counts."""
    with engine.connect() as conn:
        held = rows_by_tenant(conn)
    with unit_of_work(engine, every_tenant=True) as session:
        registered = list(session.exec(select(Tenant).order_by(col(Tenant.id))).all())
    found = {row.id: _info(row, held.get(row.id, 0)) for row in registered}
    for tenant, rows in held.items():
        found.setdefault(tenant, TenantInfo(id=tenant, registered=False, rows=rows))
    return [found[tenant] for tenant in sorted(found)]


def org_choices(engine: Engine) -> list[OrgStore]:
    """Each Enterprise Grid organization's store choice, by enterprise id."""
    with unit_of_work(engine, every_tenant=True) as session:
        return list(session.exec(select(OrgStore).order_by(col(OrgStore.enterprise_id))).all())
