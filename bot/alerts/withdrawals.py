"""When a statement someone was alerted about is withdrawn or corrected, they are told.

An alert put words on a follower's screen; if those words turn out to be misattributed, the
same follower hears so, through the same outbox: one notice per follower that got (or may
have got) the alert, sent once, like any alert. A statement withdrawn before its alert went
out needs no notice: its alert is never sent.
"""

from datetime import datetime

from sqlalchemy import insert
from sqlmodel import Session, col, select

from bot import positions
from bot.alerts.delivery import WITHDRAWAL, Claimed
from bot.positions import PositionView
from store import Alert, Position

# An alert that went out, may have gone out, or is going out right now.
_MAYBE_SEEN = ("sent", "unconfirmed", "sending")


def queue_withdrawal_notices(session: Session, *, position_id: int, now: datetime) -> int:
    """Queue a notice for each follower alerted about `position_id`; how many were queued."""
    alerted = session.exec(
        select(Alert.team_id, Alert.target, Alert.target_kind)
        .where(
            Alert.position_id == position_id,
            col(Alert.kind) != WITHDRAWAL,
            col(Alert.status).in_(_MAYBE_SEEN),
        )
        .distinct()
    ).all()
    if not alerted:
        return 0
    session.execute(
        insert(Alert),
        [
            {
                "team_id": team,
                "target": target,
                "target_kind": kind,
                "position_id": position_id,
                "kind": WITHDRAWAL,
                "status": "pending",
                "created_at": now,
                "error": "",
            }
            for team, target, kind in alerted
        ],
    )
    return len(alerted)


def notice_views(session: Session, claimed: Claimed) -> list[PositionView]:
    """The withdrawn statements a claimed batch must tell its follower about (with why)."""
    if not claimed.withdrawn_ids:
        return []
    rows = session.exec(select(Position).where(col(Position.id).in_(claimed.withdrawn_ids))).all()
    views = positions.views_of(session, list(rows))
    return sorted(views, key=lambda v: (v.stated_at, v.id))
