"""The deployment's own record of what happened to each newsroom: installed, left, exported,
purged, reinstalled, its organization's store choice changed.

These rows belong to no tenant (the column is `tenant`, not `tenant_id`), so purging a tenant's
data leaves them: they are how an operator shows, afterwards, that a newsroom's data was
exported and deleted, when and by whom. They are never changed or deleted: a session hook here
and database triggers (migration 0017) refuse it.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Connection, event, insert
from sqlmodel import Field, Session, SQLModel

from store.engine import utcnow
from store.tenancy import TENANT_ID_LENGTH


class TenantAction(StrEnum):
    """What happened to a newsroom."""

    INSTALLED = "installed"
    REINSTALLED = "reinstalled"
    LEFT = "left"
    EXPORTED = "exported"
    PURGED = "purged"
    ORG_STORE_CHANGED = "org_store_changed"


class TenantEvent(SQLModel, table=True):
    """One thing that happened to a newsroom (or, for org_store_changed, an organization)."""

    __tablename__ = "tenant_event"

    id: int | None = Field(default=None, primary_key=True)
    tenant: str = Field(max_length=TENANT_ID_LENGTH, index=True)
    action: str = Field(max_length=30)
    by: str = Field(max_length=100)
    at: datetime = Field(default_factory=utcnow)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class TenantEventImmutable(RuntimeError):
    """Code tried to change or delete a tenant event."""


def record_tenant_event(
    db: Connection | Session,
    *,
    tenant: str,
    action: TenantAction,
    by: str,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> None:
    """Write one event in the caller's transaction (a Core insert: works on a connection or a
    session, so a purge records itself in the very transaction that deletes)."""
    db.execute(
        insert(TenantEvent).values(
            tenant=tenant,
            action=action.value,
            by=(by or "unknown")[:100],
            at=at or utcnow(),
            detail=detail or {},
        )
    )


@event.listens_for(Session, "before_flush")
def _never_changed(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.deleted:
        if isinstance(obj, TenantEvent):
            raise TenantEventImmutable("tenant events are never deleted")
    for obj in session.dirty:
        if isinstance(obj, TenantEvent) and session.is_modified(obj):
            raise TenantEventImmutable("tenant events are never changed")
