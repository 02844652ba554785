"""Decide on an ingested candidate: confirm it (as it is, or with the reporter's stance,
topic or date) or discard it.

History is append-only: a candidate confirmed with anything changed becomes a new confirmed
position and the candidate is retracted (see bot.ingest.candidates.dates.replace_candidate).
"""

from datetime import datetime

from sqlmodel import Session, col, select

from bot.alerts import queue_alerts
from bot.catalog import resolve_topic
from bot.errors import UserError
from bot.ingest.candidates.dates import replace_candidate, require_date
from bot.ingest.candidates.problems import refuse_if_problem
from bot.ingest.new_speakers import confirm_actor
from bot.ingest.topic_choice import is_placeholder
from store import AuditEvent, Position, PositionStatus, Stance, utcnow


def review_candidate(
    session: Session,
    *,
    position_id: int,
    confirm: bool,
    user: str,
    request_id: str | None = None,
    stated_at: datetime | None = None,
    topic: str | None = None,
    stance: Stance | None = None,
) -> Position:
    """Confirm (it counts from now on) or discard (retracted) one proposed position.

    `stance` sets the stance the extractor guessed wrong or could not guess; `stated_at`
    dates it when the article gave no date (or a wrong one); `topic` files it under a topic
    (required when its text named none).
    """
    position = session.get(Position, position_id)
    if position is None or position.status != PositionStatus.PROPOSED:
        raise UserError(f"Candidate #{position_id}: {_state(session, position)}.")
    if not confirm:
        return _discard(session, position, user=user, request_id=request_id)
    # The article does not support it as it stands: the reporter edits it (or discards it).
    refuse_if_problem(session, position_id)
    # A new speaker starts being tracked with their first confirmed statement, or not at all.
    confirm_actor(session, actor_id=position.actor_id, user=user, request_id=request_id)
    topic_id = _topic_id(session, position, topic=topic)
    if stated_at is None:
        require_date(session, position)
    detail: dict[str, object] = {}
    if topic_id != position.topic_id:
        detail["topic"] = topic_id
    if stated_at is not None:
        detail["stated_at"] = stated_at.isoformat()
    if stance is not None and stance != position.stance:
        detail["stance"] = stance.value
        detail["guessed_stance"] = position.stance.value
    if detail:
        confirmed = replace_candidate(
            session,
            candidate=position,
            topic_id=topic_id,
            stated_at=stated_at or position.stated_at,
            stance=stance or position.stance,
            user=user,
            request_id=request_id,
            detail=detail,
        )
    else:
        position.status = PositionStatus.CONFIRMED
        session.add(position)
        _audit(session, "position.confirmed", position_id, user=user, request_id=request_id)
        session.flush()
        confirmed = position
    queue_alerts(session, [confirmed], now=utcnow())
    return confirmed


def _state(session: Session, position: Position | None) -> str:
    if position is None:
        return "no such candidate"
    if position.status == PositionStatus.CONFIRMED:
        return "already confirmed"
    # Confirmed with a stance, topic or date, it lives on as the position recorded from it.
    confirmations = session.exec(
        select(AuditEvent).where(
            AuditEvent.action == "position.confirmed",
            col(AuditEvent.at) >= position.recorded_at,
        )
    ).all()
    for event in confirmations:
        if event.detail.get("candidate") == position.id:
            return f"already confirmed (now #{event.subject_id})"
    return "already discarded"


def _topic_id(session: Session, candidate: Position, *, topic: str | None) -> int:
    if topic:
        return resolve_topic(session, query=topic).id
    if is_placeholder(session, candidate.topic_id):
        raise UserError(
            f"Candidate #{candidate.id} has no topic yet: say which.",
            hint=f"Try: confirm {candidate.id} on <topic>",
        )
    return candidate.topic_id


def _discard(
    session: Session, position: Position, *, user: str, request_id: str | None
) -> Position:
    position.status = PositionStatus.RETRACTED
    session.add(position)
    assert position.id is not None
    _audit(session, "position.discarded", position.id, user=user, request_id=request_id)
    session.flush()
    return position


def _audit(
    session: Session, action: str, position_id: int, *, user: str, request_id: str | None
) -> None:
    session.add(
        AuditEvent(
            user=user,
            action=action,
            subject="position",
            subject_id=position_id,
            request_id=request_id,
        )
    )
