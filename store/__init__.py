"""Persistence: SQLModel tables, the engine and sessions, Alembic migrations.

Imports nothing else of the project; `bot` and `handlers` import from here.
"""

from store.engine import make_engine, unit_of_work, utcnow
from store.guards import AppendOnlyViolation
from store.migrate import SchemaNotCurrent, current_revision, ensure_schema, head_revision, upgrade
from store.tables import (
    Actor,
    ActorAlias,
    ActorKind,
    ActorTopic,
    AuditEvent,
    DigestRun,
    DigestSchedule,
    Draft,
    DraftKind,
    DraftStatus,
    Position,
    PositionRetraction,
    PositionStatus,
    Source,
    Stance,
    Topic,
    TopicAlias,
)

__all__ = [
    "Actor",
    "ActorAlias",
    "ActorKind",
    "ActorTopic",
    "AppendOnlyViolation",
    "AuditEvent",
    "DigestRun",
    "DigestSchedule",
    "Draft",
    "DraftKind",
    "DraftStatus",
    "Position",
    "PositionRetraction",
    "PositionStatus",
    "SchemaNotCurrent",
    "Source",
    "Stance",
    "Topic",
    "TopicAlias",
    "current_revision",
    "ensure_schema",
    "head_revision",
    "make_engine",
    "unit_of_work",
    "upgrade",
    "utcnow",
]
