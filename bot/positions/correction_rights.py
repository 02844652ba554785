"""Who may retract or correct a position: approvers any, anyone their own within a window."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, func, select

from bot.errors import UserError
from store import AuditEvent, Position


@dataclass(frozen=True)
class Rights:
    """Who is asking, and what the desk lets them change."""

    user: str
    approver: bool
    window: timedelta


def check_may_change(
    session: Session, *, position: Position, rights: Rights, now: datetime, verb: str
) -> None:
    """Approvers may change any position; others their own, within the window."""
    if rights.approver:
        return
    since = _own_since(session, position=position, user=rights.user)
    if since is None:
        raise UserError(
            f"Only approvers may {verb} a position someone else recorded "
            f"(#{position.id} was recorded by {position.recorded_by}).",
            hint="Ask an approver to do it.",
        )
    if now - since > rights.window:
        raise UserError(
            f"You may {verb} your own positions for {_span(rights.window)} after recording "
            f"them; #{position.id} was recorded on {since.day} {since:%b %Y %H:%M} UTC.",
            hint="Ask an approver to do it.",
        )


def _own_since(session: Session, *, position: Position, user: str) -> datetime | None:
    """When `user` made this position theirs: recorded it, or confirmed it from an article."""
    confirmed = session.exec(
        select(func.max(AuditEvent.at)).where(
            AuditEvent.subject == "position",
            AuditEvent.subject_id == position.id,
            AuditEvent.action == "position.confirmed",
            AuditEvent.user == user,
        )
    ).one()
    times = [confirmed] if confirmed is not None else []
    if position.recorded_by == user:
        times.append(position.recorded_at)
    return max(times) if times else None


def _span(window: timedelta) -> str:
    minutes = int(window.total_seconds() // 60)
    if minutes % 1440 == 0 and minutes:
        days = minutes // 1440
        return "24 hours" if days == 1 else f"{days} days"
    if minutes % 60 == 0 and minutes:
        return f"{minutes // 60} hour{'s' if minutes > 60 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
