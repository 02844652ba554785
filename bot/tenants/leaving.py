"""A newsroom arriving, leaving, and its data purged once the retention period is over.

Leaving (the app uninstalled, its bot token revoked) deletes the tokens at once (the Slack
install handlers do) and starts the clock here: the data is kept for the retention period
(STANDPOINT_RETENTION_DAYS) so a newsroom that reinstalls finds it, then the purge job deletes
it. Each step writes a tenant event, which the purge leaves in place.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import col, select

from store import (
    PurgeReport,
    Tenant,
    TenantAction,
    ids_of,
    purge_tenant,
    record_tenant_event,
    register_tenant,
    unit_of_work,
    utcnow,
)

PURGE_JOB = "purge job"  # who the purge job's events are by


@dataclass(frozen=True)
class Left:
    """A newsroom that left: when, and when its data goes (None: already purged)."""

    tenant: str
    left_at: datetime
    purge_after: datetime | None
    already: bool  # it had left before (Slack sends both events, and retries)


def mark_left(
    engine: Engine,
    *,
    tenant: str,
    reason: str,
    by: str,
    retention_days: int,
    now: datetime | None = None,
) -> Left:
    """Record that `tenant` left: its data is purged `retention_days` from now. A second
    call (tokens_revoked after app_uninstalled, a retried event) keeps the first date."""
    now = now or utcnow()
    with unit_of_work(engine, every_tenant=True) as session:
        row = session.get(Tenant, tenant, with_for_update=True)
        if row is None:  # never registered (installed before the registry existed)
            team, enterprise = ids_of(tenant)
            row = Tenant(id=tenant, team_id=team, enterprise_id=enterprise, installed_at=now)
        elif row.left_at is not None:
            return Left(tenant, row.left_at, row.purge_after, already=True)
        row.left_at = now
        row.purge_after = now + timedelta(days=retention_days)
        session.add(row)
        record_tenant_event(
            session,
            tenant=tenant,
            action=TenantAction.LEFT,
            by=by,
            at=now,
            detail={
                "reason": reason,
                "retention_days": retention_days,
                "purge_after": row.purge_after.isoformat(),
            },
        )
        return Left(tenant, now, row.purge_after, already=False)


def record_install(
    engine: Engine, *, tenant: str, team_id: str, enterprise_id: str, name: str, by: str
) -> bool:
    """Register a newsroom that installed the app (again: that cancels a pending purge) and
    write its installed or reinstalled event. True when it is new."""
    with unit_of_work(engine, every_tenant=True) as session:
        before = session.get(Tenant, tenant)
        cancelled = before.purge_after if before is not None and before.left_at else None
    new = register_tenant(
        engine, tenant=tenant, team_id=team_id, enterprise_id=enterprise_id, name=name
    )
    detail: dict[str, str] = {"name": name[:200]}
    if cancelled is not None:
        detail["cancelled_purge"] = cancelled.isoformat()
    with unit_of_work(engine, every_tenant=True) as session:
        action = TenantAction.INSTALLED if new else TenantAction.REINSTALLED
        record_tenant_event(session, tenant=tenant, action=action, by=by, detail=detail)
    return new


def due_for_purge(engine: Engine, *, now: datetime) -> list[str]:
    """The newsrooms that left and whose retention period is over."""
    with unit_of_work(engine, every_tenant=True) as session:
        rows = session.exec(
            select(Tenant.id).where(
                col(Tenant.left_at).is_not(None),
                col(Tenant.purge_after).is_not(None),
                col(Tenant.purge_after) <= now,
            )
        )
        return sorted(rows.all())


def purge_due(engine: Engine, *, now: datetime, by: str = PURGE_JOB) -> list[PurgeReport]:
    """Purge every newsroom whose retention period is over. Each purge claims its tenant, so
    replicas running this at once purge each newsroom once; a reinstall that got in first
    cancels it."""
    reports = []
    for tenant in due_for_purge(engine, now=now):
        report = purge_tenant(engine, tenant=tenant, by=by, due_by=now)
        if report is not None:
            reports.append(report)
    return reports
