"""Append-only history, enforced for every session in the process.

A Position's content never changes once written; only its status moves forward
(proposed → confirmed, proposed/confirmed → retracted). Audit events and draft contents (what
a draft said, shared by the drafts that say it) never change.
"""

from typing import Any

from sqlalchemy import event, inspect
from sqlmodel import Session

from store.draft_content import DraftContent
from store.kinds import PositionStatus
from store.tables import AuditEvent, Position, PositionRetraction

_ALLOWED_STATUS_MOVES = {
    (PositionStatus.PROPOSED, PositionStatus.CONFIRMED),
    (PositionStatus.PROPOSED, PositionStatus.RETRACTED),
    (PositionStatus.CONFIRMED, PositionStatus.RETRACTED),
}


class AppendOnlyViolation(RuntimeError):
    """Code tried to overwrite or delete history."""


def _check_position_update(position: Position) -> None:
    state = inspect(position)
    for attr in state.attrs:
        history = attr.load_history()
        if not history.has_changes():
            continue
        if attr.key != "status":
            raise AppendOnlyViolation(
                f"position {position.id}: {attr.key} is history and cannot be changed; "
                "record a new position that supersedes it"
            )
        before = PositionStatus(history.deleted[0]) if history.deleted else None
        after = PositionStatus(history.added[0])
        if before is not None and (before, after) not in _ALLOWED_STATUS_MOVES:
            raise AppendOnlyViolation(
                f"position {position.id}: status cannot move {before.value} → {after.value}"
            )


@event.listens_for(Session, "before_flush")
def _enforce_append_only(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.deleted:
        if isinstance(obj, Position | AuditEvent | PositionRetraction | DraftContent):
            raise AppendOnlyViolation(f"{type(obj).__name__} rows are never deleted")
    for obj in session.dirty:
        immutable = AuditEvent | PositionRetraction | DraftContent
        if isinstance(obj, immutable) and session.is_modified(obj):
            raise AppendOnlyViolation(f"{type(obj).__name__} rows are never changed")
        if isinstance(obj, Position) and session.is_modified(obj):
            _check_position_update(obj)
