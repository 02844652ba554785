"""Queue alerts in the same transaction that confirms a position (an outbox).

A position alerts its followers when it is a shift (between two clear stances) or a
condition change (between two statements that both say their conditions), as bot.positions.changes
derives them, never for an unclear remark or for conditions merely not restated, and when it
is now the latest live statement on its pair: recording an old quote today is history, not
news. Each follower gets one alert row per position (a unique key), however many of its
follows match.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert
from sqlmodel import Session, col, select

from bot.alerts.follows import followers_of
from bot.positions import Before, ChangeKind, classify_change, previous_of
from store import Alert, Position, PositionStatus

ALERTING_CHANGES = {ChangeKind.SHIFT: "shift", ChangeKind.CONDITIONS: "conditions"}


def queue_alerts(session: Session, positions: Sequence[Position], *, now: datetime) -> int:
    """Queue an alert per follower for each position that moved; how many were queued."""
    queued = 0
    for position in positions:
        if position.status != PositionStatus.CONFIRMED or position.id is None:
            continue
        followers = followers_of(session, actor_id=position.actor_id, topic_id=position.topic_id)
        if not followers:
            continue
        before = previous_of(session, [position]).get(position.id, Before())
        kind = ALERTING_CHANGES.get(classify_change(position, before).kind)
        if kind is None or _superseded(session, position):
            continue
        # One multi-row INSERT: a topic 500 channels follow would otherwise be 500 ORM objects.
        session.execute(
            insert(Alert),
            [
                {
                    "team_id": follower.team_id,
                    "target": follower.target,
                    "target_kind": follower.kind,
                    "position_id": position.id,
                    "kind": kind,
                    "status": "pending",
                    "created_at": now,
                    "error": "",
                }
                for follower in followers
            ],
        )
        queued += len(followers)
    return queued


def _superseded(session: Session, position: Position) -> bool:
    """A live statement on the same pair said after this one: this one is not news."""
    later = session.exec(
        select(Position.id)
        .where(
            Position.actor_id == position.actor_id,
            Position.topic_id == position.topic_id,
            Position.status == PositionStatus.CONFIRMED,
            col(Position.stated_at) > position.stated_at,
        )
        .limit(1)
    ).first()
    return later is not None
