"""Persistence: SQLModel tables, the engine and sessions, Alembic migrations.

Imports nothing else of the project; `bot` and `handlers` import from here.
"""

from store.alert_tables import LOCAL_TEAM, Alert, Follow, QuietHours
from store.backup import backup_sqlite, checkpoint, sqlite_file
from store.catalogue_version import CatalogueVersion, catalogue_token
from store.draft_content import DraftContent, remember, show_content
from store.engine import READ_ONLY, make_engine, read_only_unit, unit_of_work, utcnow
from store.guards import AppendOnlyViolation
from store.ingest_tables import CandidateProblem, UncreditedQuote
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
    "LOCAL_TEAM",
    "READ_ONLY",
    "Actor",
    "ActorAlias",
    "ActorKind",
    "ActorTopic",
    "Alert",
    "AppendOnlyViolation",
    "AuditEvent",
    "CandidateProblem",
    "CatalogueVersion",
    "DigestRun",
    "DigestSchedule",
    "Draft",
    "DraftContent",
    "DraftKind",
    "DraftStatus",
    "Follow",
    "Position",
    "PositionRetraction",
    "PositionStatus",
    "QuietHours",
    "SchemaNotCurrent",
    "Source",
    "Stance",
    "Topic",
    "TopicAlias",
    "UncreditedQuote",
    "backup_sqlite",
    "catalogue_token",
    "checkpoint",
    "current_revision",
    "ensure_schema",
    "head_revision",
    "make_engine",
    "read_only_unit",
    "remember",
    "show_content",
    "sqlite_file",
    "unit_of_work",
    "upgrade",
    "utcnow",
]
