"""What one person's Home tab lists: their follows and the drafts waiting on them."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.alerts.follows import Follower, follows_of
from bot.drafts import pending_drafts
from store import Draft, Follow


@dataclass(frozen=True)
class HomeFollow:
    """A follow the person owns: their own (alerted in their DM) or one they set up in a channel."""

    label: str
    channel: str | None  # None: the person's own follow


def follows_for(session: Session, *, team_id: str, user: str) -> list[HomeFollow]:
    """Their own follows, then the channel follows they created (by channel, oldest first)."""
    own = follows_of(session, follower=Follower(team_id=team_id, target=user, kind="user"))
    found = [HomeFollow(label=f.label, channel=None) for f in own]
    channels = session.exec(
        select(Follow.target)
        .where(
            Follow.team_id == team_id, Follow.created_by == user, Follow.target_kind == "channel"
        )
        .group_by(col(Follow.target))
        .order_by(col(Follow.target))
    ).all()
    for channel in channels:
        place = Follower(team_id=team_id, target=channel, kind="channel")
        found += [
            HomeFollow(label=f.label, channel=channel)
            for f in follows_of(session, follower=place)
            if f.created_by == user
        ]
    return found


def drafts_waiting_for(
    session: Session, *, user: str, approver: bool, now: datetime
) -> list[Draft]:
    """Pending drafts a person can act on: all for an approver, else the ones they asked for."""
    drafts = pending_drafts(session, now=now)
    return drafts if approver else [d for d in drafts if d.requested_by == user]
