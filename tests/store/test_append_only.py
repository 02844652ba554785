"""History is append-only: content never changes, status only moves forward, nothing is deleted."""

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from store import AppendOnlyViolation, AuditEvent, Position, PositionStatus, Stance, unit_of_work


def _first_position(session: Session) -> Position:
    position = session.exec(select(Position).order_by(Position.id)).first()  # type: ignore[arg-type]
    assert position is not None
    return position


def test_changing_a_stance_is_refused(engine: Engine) -> None:
    with pytest.raises(AppendOnlyViolation, match="stance"), unit_of_work(engine) as session:
        position = _first_position(session)
        position.stance = Stance.OPPOSES
        session.add(position)
    with Session(engine) as session:
        assert _first_position(session).stance == Stance.CONDITIONAL


def test_editing_a_quote_is_refused(engine: Engine) -> None:
    with pytest.raises(AppendOnlyViolation, match="quotes"), unit_of_work(engine) as session:
        position = _first_position(session)
        position.quotes = ["words he never said"]
        session.add(position)


def test_deleting_a_position_is_refused(engine: Engine) -> None:
    with pytest.raises(AppendOnlyViolation), unit_of_work(engine) as session:
        session.delete(_first_position(session))
    with Session(engine) as session:
        assert _first_position(session) is not None


def test_retracting_is_allowed_and_cannot_be_undone(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        position = _first_position(session)
        position.status = PositionStatus.RETRACTED
        session.add(position)
    with pytest.raises(AppendOnlyViolation, match="retracted"), unit_of_work(engine) as session:
        position = _first_position(session)
        position.status = PositionStatus.CONFIRMED
        session.add(position)


def test_audit_events_never_change(engine: Engine) -> None:
    with pytest.raises(AppendOnlyViolation), unit_of_work(engine) as session:
        event = session.exec(select(AuditEvent)).first()
        assert event is not None
        event.user = "someone else"
        session.add(event)
