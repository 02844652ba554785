"""An alert's way out: who has alerts waiting, claiming them (once), and what became of them.

Claiming is a compare-and-set from pending to sending, committed before anything is sent:
however many processes look at the same follower, each alert is claimed by one of them.
A claim that never finished (the process died mid-send) may or may not have reached Slack,
so it becomes unconfirmed, never re-sent.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from bot import positions
from bot.alerts.follows import Follower, followers_of
from bot.alerts.quiet_hours import QuietWindow, is_quiet
from bot.positions import PositionView
from store import LOCAL_TEAM, Alert, Position, PositionStatus, QuietHours

STALE_CLAIM = timedelta(minutes=5)
WITHDRAWAL = "withdrawal"  # the kind of a notice that an alerted statement was withdrawn


@dataclass(frozen=True)
class Waiting:
    """A follower with pending alerts: how many, and when the first and last were queued."""

    follower: Follower
    count: int
    oldest: datetime
    newest: datetime


@dataclass(frozen=True)
class Claimed:
    """Alerts one process now holds for one follower, under one batch token."""

    batch: str
    follower: Follower
    alert_ids: tuple[int, ...]
    position_ids: tuple[int, ...]  # the moves: shifts and condition changes
    kinds: dict[int, str]  # position id → "shift" | "conditions"
    queued: tuple[datetime, ...]
    # Positions this follower was alerted about and that were withdrawn since: a notice each.
    withdrawn_ids: tuple[int, ...] = ()


def waiting(session: Session, *, local_user: str | None) -> list[Waiting]:
    """Followers with pending alerts: Slack's (every workspace) or, for the shell, its user's."""
    query: Any = select(  # type: ignore[call-overload]
        Alert.team_id,
        Alert.target,
        Alert.target_kind,
        func.count(),
        func.min(Alert.created_at),
        func.max(Alert.created_at),
    ).where(Alert.status == "pending")
    if local_user is None:
        query = query.where(Alert.team_id != LOCAL_TEAM)
    else:
        query = query.where(Alert.team_id == LOCAL_TEAM, Alert.target == local_user)
    rows = session.exec(query.group_by(Alert.team_id, Alert.target, Alert.target_kind)).all()
    return [
        Waiting(Follower(team, target, kind), count, oldest, newest)
        for team, target, kind, count, oldest, newest in rows
    ]


def quiet_window(
    session: Session, follower: Follower, *, default: QuietWindow | None = None
) -> QuietWindow | None:
    """The follower's quiet hours: its own, else the desk's `default`. A row whose start is
    its end is `quiet off` said over a default: no quiet hours at all."""
    row = session.exec(
        select(QuietHours).where(
            QuietHours.team_id == follower.team_id, QuietHours.target == follower.target
        )
    ).first()
    if row is None:
        return default
    if row.start_minute == row.end_minute:
        return None
    return QuietWindow(row.start_minute, row.end_minute, row.tz)


def claim(session: Session, *, follower: Follower, by: str, now: datetime) -> Claimed | None:
    """Take every pending alert of `follower`; None when another process took them first."""
    token = uuid.uuid4().hex
    taken = session.execute(
        update(Alert)
        .where(
            col(Alert.team_id) == follower.team_id,
            col(Alert.target) == follower.target,
            col(Alert.status) == "pending",
        )
        .values(status="sending", batch=token, claimed_by=by[:100], claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    if not taken.rowcount:  # type: ignore[attr-defined]
        return None
    rows = session.exec(
        select(Alert.id, Alert.position_id, Alert.kind, Alert.created_at)
        .where(Alert.batch == token)
        .order_by(col(Alert.created_at), col(Alert.id))
    ).all()
    return Claimed(
        batch=token,
        follower=follower,
        alert_ids=tuple(row[0] for row in rows if row[0] is not None),
        position_ids=tuple(row[1] for row in rows if row[2] != WITHDRAWAL),
        kinds={row[1]: row[2] for row in rows if row[2] != WITHDRAWAL},
        queued=tuple(row[3] for row in rows),
        withdrawn_ids=tuple(row[1] for row in rows if row[2] == WITHDRAWAL),
    )


def live_views(session: Session, claimed: Claimed) -> list[PositionView]:
    """The claimed positions still standing and still followed (oldest said first).

    A statement withdrawn before its alert went out is marked withdrawn; one whose follow was
    removed since it was queued is marked unfollowed: neither is sent.
    """
    rows = session.exec(select(Position).where(col(Position.id).in_(claimed.position_ids))).all()
    gone = [p.id for p in rows if p.status != PositionStatus.CONFIRMED]
    confirmed = [p for p in rows if p.status == PositionStatus.CONFIRMED]
    live = [p for p in confirmed if _still_followed(session, claimed.follower, p)]
    dropped = [p.id for p in confirmed if p not in live]
    for ids, status, why in (
        (gone, "withdrawn", "withdrawn before it was sent"),
        (dropped, "unfollowed", "unfollowed before it was sent"),
    ):
        if ids:
            session.execute(
                update(Alert)
                .where(
                    col(Alert.batch) == claimed.batch,
                    col(Alert.position_id).in_(ids),
                    col(Alert.kind) != WITHDRAWAL,
                )
                .values(status=status, error=why)
                .execution_options(synchronize_session=False)
            )
    views = positions.views_of(session, live)
    return sorted(views, key=lambda v: (v.stated_at, v.id))


def _still_followed(session: Session, follower: Follower, position: Position) -> bool:
    followers = followers_of(
        session, actor_id=position.actor_id, topic_id=position.topic_id, only=follower
    )
    return bool(followers)


def finish(
    session: Session,
    *,
    batch: str,
    status: str,
    now: datetime,
    ts: str | None = None,
    error: str = "",
) -> None:
    """Record how a claimed batch ended: sent, failed or unconfirmed."""
    session.execute(
        update(Alert)
        .where(col(Alert.batch) == batch, col(Alert.status) == "sending")
        .values(status=status, sent_at=now, message_ts=ts, error=error[:200])
        .execution_options(synchronize_session=False)
    )


def release(session: Session, *, batch: str) -> None:
    """Give a batch back (Slack refused it unread, e.g. rate limited): sent on a later pass."""
    session.execute(
        update(Alert)
        .where(col(Alert.batch) == batch, col(Alert.status) == "sending")
        .values(status="pending", batch=None, claimed_by=None, claimed_at=None)
        .execution_options(synchronize_session=False)
    )


def expire_stale(session: Session, *, now: datetime, local_user: str | None) -> int:
    """Claims left unfinished (a process died mid-send): unconfirmed, never re-sent."""
    query = (
        update(Alert)
        .where(col(Alert.status) == "sending", col(Alert.claimed_at) < now - STALE_CLAIM)
        .values(status="unconfirmed", error="the sender stopped before Slack answered")
        .execution_options(synchronize_session=False)
    )
    if local_user is None:
        query = query.where(col(Alert.team_id) != LOCAL_TEAM)
    else:
        query = query.where(col(Alert.team_id) == LOCAL_TEAM, col(Alert.target) == local_user)
    return int(session.execute(query).rowcount or 0)  # type: ignore[attr-defined]


def held_during(window: QuietWindow | None, queued: Sequence[datetime]) -> bool:
    """Whether any of these alerts was queued inside the quiet hours (and so held)."""
    return window is not None and any(is_quiet(window, at=moment) for moment in queued)
