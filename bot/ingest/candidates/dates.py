"""A candidate's stated date: the article's, or the one the reporter gives on confirming.

An article with no readable date leaves its candidates undated (their stored time is a
placeholder); they are confirmed only with `stated <date>`, never silently at ingest time.
"""

from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.errors import UserError
from bot.grammar import stated_conditions
from bot.positions import record_statement
from store import AuditEvent, Position, PositionStatus, Source, Stance

EXAMPLE_DATE = "13 March 2025"


def is_undated(session: Session, candidate: Position) -> bool:
    """True when the candidate's article stated no date we could read."""
    source = session.get(Source, candidate.source_id) if candidate.source_id else None
    return source is not None and source.published_at is None


def require_date(session: Session, candidate: Position) -> None:
    """Refuse to confirm an undated candidate without the date it was said."""
    if is_undated(session, candidate):
        raise UserError(
            f"Candidate #{candidate.id}: no date found in the article.",
            hint=f"Say when it was said: confirm {candidate.id} stated {EXAMPLE_DATE}",
        )


def replace_candidate(
    session: Session,
    *,
    candidate: Position,
    topic_id: int,
    stated_at: datetime,
    user: str,
    request_id: str | None,
    detail: dict[str, Any],
    stance: Stance | None = None,
) -> Position:
    """Retract `candidate` and record it confirmed with a new topic or date (history is
    append-only: the candidate itself never changes but for its status). Audited."""
    candidate.status = PositionStatus.RETRACTED
    session.add(candidate)
    session.flush()
    position = record_statement(
        session,
        actor_id=candidate.actor_id,
        topic_id=topic_id,
        stance=stance or candidate.stance,
        quotes=candidate.quotes,
        summary=candidate.summary,
        conditions=stated_conditions(candidate.conditions, stated=candidate.conditions_stated),
        source_id=candidate.source_id,
        speaker_id=candidate.speaker_id,
        stated_at=stated_at,
        recorded_by=user,
        request_id=request_id,
    )
    session.add(
        AuditEvent(
            user=user,
            action="position.confirmed",
            subject="position",
            subject_id=position.id,
            request_id=request_id,
            detail={"candidate": candidate.id, **detail},
        )
    )
    session.flush()
    return position
