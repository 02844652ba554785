"""Read-only views of positions, as every transport shows them."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from store import Stance


class ChangeKind(StrEnum):
    FIRST = "first"  # no earlier statement recorded
    SHIFT = "shift"  # the stance changed
    CONDITIONS = "conditions"  # same stance, conditions added or dropped
    RESTATED = "restated"  # same stance, same conditions


@dataclass(frozen=True)
class Change:
    """How a position differs from the one before it on the same actor and topic."""

    kind: ChangeKind
    previous_stance: Stance | None = None
    previous_stated_at: datetime | None = None
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class Withdrawal:
    """Why a position no longer counts: withdrawn, or corrected by `replaced_by`."""

    kind: str  # "retracted" or "corrected"
    at: datetime
    by: str
    reason: str
    replaced_by: int | None = None


@dataclass(frozen=True)
class PositionView:
    """A position with the names and source it refers to, and its change vs the previous one."""

    id: int
    actor: str
    topic: str
    stance: Stance
    summary: str
    conditions: tuple[str, ...]
    quotes: tuple[str, ...]
    stated_at: datetime
    recorded_by: str
    recorded_at: datetime
    outlet: str | None
    url: str | None
    title: str | None
    speaker: str | None
    change: Change
    # Set when the position was withdrawn or corrected (shown in histories and in as-of
    # answers from before the withdrawal); None for a live position.
    withdrawn: Withdrawal | None = None
