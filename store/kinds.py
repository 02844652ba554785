"""The kinds a table column may hold, stored as plain strings."""

from enum import Enum, StrEnum
from typing import Any

from sqlalchemy import Column
from sqlalchemy import Enum as SAEnum


class Stance(StrEnum):
    """Where an actor stands on a topic."""

    SUPPORTS = "supports"
    CONDITIONAL = "conditional"
    OPPOSES = "opposes"
    UNDECIDED = "undecided"
    UNCLEAR = "unclear"


class PositionStatus(StrEnum):
    """Lifecycle of a position: ingest proposes, a reporter confirms, anyone may retract."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    RETRACTED = "retracted"


class DraftKind(StrEnum):
    SUMMARY = "summary"
    DIGEST = "digest"
    EXTRACTION = "extraction"


class DraftStatus(StrEnum):
    """pending → approved → posted; or rejected / expired / failed / post_unconfirmed."""

    PENDING = "pending"
    APPROVED = "approved"
    POSTED = "posted"
    REJECTED = "rejected"
    EXPIRED = "expired"
    FAILED = "failed"
    UNCONFIRMED = "post_unconfirmed"  # the post may or may not have reached Slack


class ActorKind(StrEnum):
    PERSON = "person"
    GOVERNMENT = "government"
    ORGANISATION = "organisation"


def enum_column(enum: type[Enum], **kwargs: Any) -> Column[Any]:
    # Stored as plain strings (no native enum type) so PostgreSQL and SQLite migrate alike.
    return Column(
        SAEnum(enum, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        nullable=False,
        **kwargs,
    )
