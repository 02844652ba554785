"""Changing a workspace's settings: one row per setting it changed, every change audited.

A change records who made it and the value before and after (the workspace's own, or the
environment's default when it had none), as an `AuditEvent` in the same transaction.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.settings import WorkspaceKey, key_of_field
from store import AuditEvent, WorkspaceSetting, current_tenant

SUBJECT = "workspace_setting"


@dataclass(frozen=True)
class Stored:
    """A value a workspace set, who set it and when."""

    key: WorkspaceKey
    value: str
    updated_by: str
    updated_at: datetime


@dataclass(frozen=True)
class Change:
    """One setting changed: before and after, and whether each was the default."""

    key: WorkspaceKey
    old: str
    new: str
    was_default: bool
    now_default: bool
    note: str = ""  # how the value was read ("EST taken as America/New_York")


def workspace_values(session: Session) -> dict[str, Stored]:
    """The settings this workspace changed, by Settings field."""
    rows = session.exec(
        select(WorkspaceSetting).where(WorkspaceSetting.tenant_id == current_tenant())
    ).all()
    known = {row.key: row for row in rows if _known(row.key)}
    return {
        field: Stored(key_of_field(field), row.value, row.updated_by, row.updated_at)
        for field, row in known.items()
    }


def change_setting(
    session: Session,
    *,
    key: WorkspaceKey,
    value: str,
    default: str,
    user: str,
    now: datetime,
    request_id: str | None = None,
    note: str = "",
) -> Change:
    """Set `key` to `value` (stored form) for this workspace, audited."""
    row = _row(session, key)
    change = Change(
        key=key,
        old=default if row is None else row.value,
        new=value,
        was_default=row is None,
        now_default=False,
        note=note,
    )
    row = row or WorkspaceSetting(
        tenant_id=current_tenant(), key=key.field, value=value, updated_by=user
    )
    row.value, row.updated_by, row.updated_at = value, user, now
    session.add(row)
    session.flush()
    _audit(session, change, row_id=row.id, user=user, now=now, request_id=request_id)
    return change


def reset_setting(
    session: Session,
    *,
    key: WorkspaceKey,
    default: str,
    user: str,
    now: datetime,
    request_id: str | None = None,
) -> Change:
    """Back to the environment's default for this workspace, audited (also when it was)."""
    row = _row(session, key)
    change = Change(
        key=key,
        old=default if row is None else row.value,
        new=default,
        was_default=row is None,
        now_default=True,
    )
    row_id = None if row is None else row.id
    if row is not None:
        session.delete(row)
        session.flush()
    _audit(session, change, row_id=row_id, user=user, now=now, request_id=request_id)
    return change


def refuse_change(
    session: Session, *, key: WorkspaceKey | None, user: str, now: datetime, request_id: str | None
) -> None:
    """Audit a change refused to someone who may not make it."""
    session.add(
        AuditEvent(
            at=now,
            user=user,
            action="setting.refused",
            subject=SUBJECT,
            request_id=request_id,
            detail={"key": key.name if key else "", "tenant": current_tenant()},
        )
    )


def _row(session: Session, key: WorkspaceKey) -> WorkspaceSetting | None:
    return session.exec(
        select(WorkspaceSetting).where(
            WorkspaceSetting.tenant_id == current_tenant(),
            col(WorkspaceSetting.key) == key.field,
        )
    ).first()


def _audit(
    session: Session,
    change: Change,
    *,
    row_id: int | None,
    user: str,
    now: datetime,
    request_id: str | None,
) -> None:
    session.add(
        AuditEvent(
            at=now,
            user=user,
            action="setting.reset" if change.now_default else "setting.changed",
            subject=SUBJECT,
            subject_id=row_id,
            request_id=request_id,
            detail={
                "key": change.key.name,
                "field": change.key.field,
                "old": change.old,
                "new": change.new,
                "old_source": "default" if change.was_default else "workspace",
                "new_source": "default" if change.now_default else "workspace",
                "tenant": current_tenant(),
            },
        )
    )


def _known(field: str) -> bool:
    try:
        key_of_field(field)
    except StopIteration:
        return False
    return True
