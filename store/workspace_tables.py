"""A workspace's own settings, and what it spends on the language model.

`WorkspaceSetting`: one value a workspace changed with `/stance settings` (the environment's
value is the default for every key it did not). `LLMUsage`: each workspace's model calls and
tokens per day, counted in the database so replicas count together. `LLMCall`: one row per
model call, for each person's rate. `DraftWriting`: a summary being written now for a topic
and a place, so a second request points to it instead of starting another.

Each row carries its tenant, and each unique constraint includes it.
"""

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.engine import utcnow

TENANT_LENGTH = 64


class WorkspaceSetting(SQLModel, table=True):
    """One setting a workspace changed; `key` is the Settings field, `value` as validated."""

    __tablename__ = "workspace_setting"
    __table_args__ = (UniqueConstraint("tenant_id", "key", name="uq_workspace_setting_key"),)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(max_length=TENANT_LENGTH, index=True)
    key: str = Field(max_length=40)
    value: str = Field(max_length=2000)
    updated_by: str = Field(max_length=100)
    updated_at: datetime = Field(default_factory=utcnow)


class LLMUsage(SQLModel, table=True):
    """A workspace's model calls (reserved before each is made) and tokens on one local day."""

    __tablename__ = "llm_usage"
    __table_args__ = (UniqueConstraint("tenant_id", "day", name="uq_llm_usage_day"),)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(max_length=TENANT_LENGTH, index=True)
    day: date
    calls: int = 0
    tokens: int = 0


class LLMCall(SQLModel, table=True):
    """One model call: who started it, for what, when, and the tokens it used."""

    __tablename__ = "llm_call"
    __table_args__ = (Index("ix_llm_call_person", "tenant_id", "user_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(max_length=TENANT_LENGTH, index=True)
    user_id: str = Field(max_length=100)
    purpose: str = Field(max_length=20)  # "summary", "ingest", "digest"
    at: datetime = Field(default_factory=utcnow)
    tokens: int = 0


class DraftWriting(SQLModel, table=True):
    """A summary the model is writing now for one topic and one place (a channel, or a
    person's DM); gone when it is written. `expires_at` frees it if its process died."""

    __tablename__ = "draft_writing"
    __table_args__ = (
        UniqueConstraint("tenant_id", "topic_id", "place", name="uq_draft_writing_place"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(max_length=TENANT_LENGTH, index=True)
    topic_id: int = Field(foreign_key="topic.id")
    place: str = Field(max_length=100)
    requested_by: str = Field(max_length=100)
    started_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
