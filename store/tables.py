"""The tables. Datetimes are timezone-aware and come back in UTC."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Index, Text, false, text
from sqlmodel import Field

from store.engine import utcnow
from store.kinds import ActorKind, DraftKind, DraftStatus, PositionStatus, Stance, enum_column
from store.tenancy import TenantOwned, tenant_unique


class Actor(TenantOwned, table=True):
    __table_args__ = (tenant_unique("actor", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    kind: ActorKind = Field(sa_column=enum_column(ActorKind))
    description: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow)
    # A speaker met by ingest and not yet confirmed by a reporter: no aliases, so no name
    # resolves to it, and only its own candidates refer to it.
    proposed: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )
    # Merged into another actor: its names are that actor's aliases now, and it is not listed.
    merged_into_id: int | None = Field(default=None, foreign_key="actor.id")


class ActorAlias(TenantOwned, table=True):
    __tablename__ = "actor_alias"
    __table_args__ = (tenant_unique("actor_alias", "actor_id", "normalized"),)

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(foreign_key="actor.id", index=True)
    alias: str = Field(max_length=200)
    normalized: str = Field(max_length=200, index=True)


class Topic(TenantOwned, table=True):
    __table_args__ = (tenant_unique("topic", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    description: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow)
    merged_into_id: int | None = Field(default=None, foreign_key="topic.id")


class TopicAlias(TenantOwned, table=True):
    __tablename__ = "topic_alias"
    __table_args__ = (tenant_unique("topic_alias", "topic_id", "normalized"),)

    id: int | None = Field(default=None, primary_key=True)
    topic_id: int = Field(foreign_key="topic.id", index=True)
    alias: str = Field(max_length=200)
    normalized: str = Field(max_length=200, index=True)


class Source(TenantOwned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    outlet: str = Field(max_length=200)
    url: str | None = Field(default=None, max_length=2000, index=True)
    title: str = Field(default="", max_length=500)
    published_at: datetime | None = None
    text_sha256: str | None = Field(default=None, max_length=64, index=True)
    text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(default_factory=utcnow)


class Position(TenantOwned, table=True):
    """One statement of an actor on a topic. Append-only: see `store.guards`."""

    __table_args__ = (
        # Latest / history / as-of for one actor on one topic: a single index seek.
        Index("ix_position_pair_time", "actor_id", "topic_id", "status", "stated_at", "id"),
        Index("ix_position_recorded_at", "recorded_at"),
        # What a spokesperson said for others on a topic: a seek, even without planner stats.
        Index("ix_position_speaker_topic", "speaker_id", "topic_id"),
        # The last statement of a pair that said its conditions: a seek, however long ago.
        Index(
            "ix_position_pair_said",
            "actor_id",
            "topic_id",
            "status",
            "conditions_stated",
            "stated_at",
            "id",
        ),
        # The same statement is recorded once among live positions; a retracted candidate
        # does not block its own correction.
        Index(
            "uq_position_dedupe_live",
            "tenant_id",
            "dedupe_key",
            unique=True,
            sqlite_where=text("status != 'retracted'"),
            postgresql_where=text("status != 'retracted'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(foreign_key="actor.id")
    topic_id: int = Field(foreign_key="topic.id", index=True)
    stance: Stance = Field(sa_column=enum_column(Stance))
    summary: str = Field(default="", max_length=500)
    conditions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # False: the statement did not say its conditions (unknown, not none); True with an
    # empty list: it said there are none. Only statements that say them add or drop one.
    conditions_stated: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )
    quotes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    source_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    speaker_id: int | None = Field(default=None, foreign_key="actor.id", index=True)
    stated_at: datetime
    recorded_by: str = Field(max_length=100)
    recorded_at: datetime = Field(default_factory=utcnow)
    status: PositionStatus = Field(sa_column=enum_column(PositionStatus))
    supersedes_id: int | None = Field(default=None, foreign_key="position.id")
    # Same actor, topic, day and quotes: the same statement (see uq_position_dedupe_live).
    dedupe_key: str = Field(max_length=64)


class PositionRetraction(TenantOwned, table=True):
    """Why, when and by whom a confirmed position was withdrawn. Append-only.

    `kind` is "retracted" (withdrawn), "corrected" (replaced by `replaced_by_id`) or "merged"
    (copied to the actor or topic it was merged into, as `replaced_by_id`).
    """

    __tablename__ = "position_retraction"

    position_id: int = Field(foreign_key="position.id", primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    by: str = Field(max_length=100)
    reason: str = Field(default="", max_length=500)
    kind: str = Field(max_length=20)
    replaced_by_id: int | None = Field(default=None, foreign_key="position.id")


class ActorTopic(TenantOwned, table=True):
    """Which actors have spoken on which topics: boards seek per pair, not scan history."""

    __tablename__ = "actor_topic"

    actor_id: int = Field(foreign_key="actor.id", primary_key=True)
    topic_id: int = Field(foreign_key="topic.id", primary_key=True, index=True)


class AuditEvent(TenantOwned, table=True):
    """Append-only record of who did what to which position or draft."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user: str = Field(max_length=100)
    action: str = Field(max_length=50)
    subject: str = Field(max_length=30)
    subject_id: int | None = Field(default=None, index=True)
    request_id: str | None = Field(default=None, max_length=100)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class Draft(TenantOwned, table=True):
    """Text awaiting a person's decision. Every change is a compare-and-set on `version`."""

    __table_args__ = (Index("ix_draft_status_expires", "status", "expires_at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: DraftKind = Field(sa_column=enum_column(DraftKind))
    topic_id: int | None = Field(default=None, foreign_key="topic.id")
    title: str = Field(max_length=200)
    body: str = Field(default="", sa_column=Column(Text, nullable=False))
    citations: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Flagged problems ({"kind": ..., "text": ...}); a draft with any cannot be approved.
    problems: list[dict[str, str]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    # The draft as claims ({"text", "citations", "actor", "stance"}), each checked against
    # only the positions it cites; `evidence_ids` are the positions the drafter was given.
    # Drafts since migration 0013 keep these five in a shared, immutable `draft_content` row
    # (`content_id`, see store/draft_content.py); the columns stay empty for them.
    claims: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    evidence_ids: list[int] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    content_id: int | None = Field(default=None, foreign_key="draft_content.id")
    drafter: str = Field(max_length=100)
    status: DraftStatus = Field(sa_column=enum_column(DraftStatus))
    version: int = 1
    requested_by: str = Field(max_length=100)
    channel_id: str | None = Field(default=None, max_length=50)
    request_id: str | None = Field(default=None, max_length=100)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    decided_by: str | None = Field(default=None, max_length=100)
    decided_at: datetime | None = None
    reason: str = Field(default="", max_length=500)
    error: str = Field(default="", max_length=500)
    card_channel: str | None = Field(default=None, max_length=50)
    card_ts: str | None = Field(default=None, max_length=50)
    posted_ts: str | None = Field(default=None, max_length=50)


class DigestSchedule(TenantOwned, table=True):
    """One channel's morning digest: when (in its own time zone), which days, which topics."""

    __tablename__ = "digest_schedule"
    __table_args__ = (tenant_unique("digest_schedule", "channel_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel_id: str = Field(max_length=50)
    hour: int = 7
    minute: int = 0
    tz: str = Field(max_length=64)
    days: str = Field(default="mon-fri", max_length=40)  # a cron day_of_week expression
    topics: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    when_quiet: str = Field(default="line", max_length=10)  # "line" or "nothing"
    on_deadline: str = Field(default="nothing", max_length=10)  # "nothing" or "facts"
    deadline_minutes: int = 120
    enabled: bool = True
    created_by: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utcnow)
    last_posted_at: datetime | None = None
    # Attach the chart of the digest's busiest topic in the posted digest's thread.
    chart: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )


class DigestRun(TenantOwned, table=True):
    """One (schedule, slot): claimed by exactly one scheduler before any work is done."""

    __tablename__ = "digest_run"
    __table_args__ = (tenant_unique("digest_run", "schedule_id", "slot"),)

    id: int | None = Field(default=None, primary_key=True)
    schedule_id: int = Field(foreign_key="digest_schedule.id", index=True)
    slot: datetime
    status: str = Field(max_length=20)  # claimed, drafted, quiet, missed, posted, failed, …
    claimed_by: str = Field(max_length=100)
    claimed_at: datetime = Field(default_factory=utcnow)
    draft_id: int | None = Field(default=None, foreign_key="draft.id")
    # The digest as built (its fact lines carry their change kind); `facts` is for older runs.
    content_id: int | None = Field(default=None, foreign_key="draft_content.id")
    facts: str = Field(default="", sa_column=Column(Text, nullable=False))
    note: str = Field(default="", max_length=500)
