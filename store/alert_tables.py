"""Follows, the alerts they produce, and quiet hours: per workspace, channel or user.

`target` is where alerts go: a channel id (C…/G…) or a user id (U…/W…) for a person's own
follows (their DM with the bot). The shell's workspace is "local".
"""

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field

from store.engine import utcnow
from store.tenancy import TenantOwned, tenant_unique

LOCAL_TEAM = "local"  # the terminal shell's workspace: its alerts are printed, not posted


class Follow(TenantOwned, table=True):
    """One place following an actor, a topic, or an actor on a topic."""

    __tablename__ = "follow"
    __table_args__ = (tenant_unique("follow", "team_id", "target", "subject"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=50)
    target: str = Field(max_length=50)
    target_kind: str = Field(max_length=10)  # "channel" or "user"
    # "actor:3", "topic:5" or "pair:3:5": a place follows each thing once.
    subject: str = Field(max_length=40)
    actor_id: int | None = Field(default=None, foreign_key="actor.id", index=True)
    topic_id: int | None = Field(default=None, foreign_key="topic.id", index=True)
    created_by: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utcnow)


class Alert(TenantOwned, table=True):
    """One position for one follower: queued with the position, sent exactly once.

    status: pending → sending (claimed by one process) → sent; or failed (Slack refused),
    unconfirmed (the connection dropped: it may have arrived, so it is never re-sent) or
    withdrawn (the position was retracted before it went out) or unfollowed (the follow was
    removed before it went out).
    """

    __tablename__ = "alert"
    __table_args__ = (
        tenant_unique("alert", "team_id", "target", "position_id", "kind"),
        Index("ix_alert_status_target", "status", "team_id", "target"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=50)
    target: str = Field(max_length=50)
    target_kind: str = Field(max_length=10)
    position_id: int = Field(foreign_key="position.id", index=True)
    # "shift" or "conditions"; "withdrawal": a notice that an alerted statement was withdrawn
    kind: str = Field(max_length=12)
    status: str = Field(default="pending", max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    batch: str | None = Field(default=None, max_length=32, index=True)
    claimed_by: str | None = Field(default=None, max_length=100)
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    message_ts: str | None = Field(default=None, max_length=50)
    error: str = Field(default="", max_length=200)


class QuietHours(TenantOwned, table=True):
    """When a channel or person wants no alerts (held and sent as one message afterwards)."""

    __tablename__ = "quiet_hours"
    __table_args__ = (tenant_unique("quiet_hours", "team_id", "target"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=50)
    target: str = Field(max_length=50)
    start_minute: int  # minutes after local midnight
    end_minute: int
    tz: str = Field(max_length=64)
    set_by: str = Field(max_length=100)
    set_at: datetime = Field(default_factory=utcnow)
