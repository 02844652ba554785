"""Alerts already sent to one person: to their DM, or to channels whose follows they set up."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from bot import positions
from bot.positions import PositionView
from store import Alert, Follow, Position


@dataclass(frozen=True)
class SentAlert:
    """One alert as the Home tab lists it: the move, where it went and when."""

    view: PositionView
    kind: str  # "shift", "conditions" or "withdrawal" (a notice that it was withdrawn)
    channel: str | None  # None: the person's DM with the bot
    sent_at: datetime


def recent_alerts(session: Session, *, team_id: str, user: str, limit: int) -> list[SentAlert]:
    """The last `limit` alerts sent to `user` or to channels they made follow something."""
    their_channels = select(Follow.target).where(
        Follow.team_id == team_id, Follow.created_by == user, Follow.target_kind == "channel"
    )
    rows = session.exec(
        select(Alert)
        .where(
            Alert.team_id == team_id,
            Alert.status == "sent",
            or_(
                and_(col(Alert.target_kind) == "user", col(Alert.target) == user),
                and_(col(Alert.target_kind) == "channel", col(Alert.target).in_(their_channels)),
            ),
        )
        .order_by(col(Alert.sent_at).desc(), col(Alert.id).desc())
        .limit(limit)
    ).all()
    found = session.exec(
        select(Position).where(col(Position.id).in_({a.position_id for a in rows}))
    ).all()
    views = {view.id: view for view in positions.views_of(session, found)}
    return [
        SentAlert(
            view=views[alert.position_id],
            kind=alert.kind,
            channel=alert.target if alert.target_kind == "channel" else None,
            sent_at=alert.sent_at or alert.created_at,
        )
        for alert in rows
        if alert.position_id in views
    ]
