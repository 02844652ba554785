"""A position's audit trail: every recorded step, and the position it corrected."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.errors import UserError
from store import AuditEvent, Position, PositionRetraction


@dataclass(frozen=True)
class Trail:
    """Every step of one position: its audit rows, and the position it corrected (if any)."""

    position: Position
    events: list[AuditEvent]
    corrects: list[int]


def position_trail(session: Session, *, position_id: int) -> Trail:
    """The audit trail of one position, oldest first."""
    position = session.get(Position, position_id)
    if position is None:
        raise UserError(f"There is no position #{position_id}.")
    events = session.exec(
        select(AuditEvent)
        .where(AuditEvent.subject == "position", AuditEvent.subject_id == position_id)
        .order_by(col(AuditEvent.at), col(AuditEvent.id))
    ).all()
    corrects = session.exec(
        select(PositionRetraction.position_id).where(
            PositionRetraction.replaced_by_id == position_id
        )
    ).all()
    return Trail(position=position, events=list(events), corrects=list(corrects))
