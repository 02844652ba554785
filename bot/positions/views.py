"""Read-only views of positions, as every transport shows them."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from store import Stance


class ChangeKind(StrEnum):
    FIRST = "first"  # no earlier clear statement recorded
    SHIFT = "shift"  # the stance changed between two clear statements
    CONDITIONS = "conditions"  # same stance; both statements say their conditions, which differ
    RESTATED = "restated"  # same stance, and no condition is known to have changed
    REMARK = "remark"  # an unclear statement: recorded, but the stance stays the last clear one


@dataclass(frozen=True)
class Change:
    """How a statement differs from the one it is compared with on the same actor and topic.

    `previous_*` describe the last clear statement before it. `added`/`dropped` are set only
    when both statements said their conditions; `carried` are the conditions last said (on
    `conditions_said_at`) when this statement did not say any.
    """

    kind: ChangeKind
    previous_stance: Stance | None = None
    previous_stated_at: datetime | None = None
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    carried: tuple[str, ...] = ()
    conditions_said_at: datetime | None = None
    after_remarks: bool = False  # a first clear stance that follows unclear remarks


@dataclass(frozen=True)
class Remark:
    """An unclear statement newer than the stance shown: mentioned, never a shift."""

    id: int
    stated_at: datetime
    summary: str
    quote: str


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
    # False: the statement did not say its conditions (see Change.carried).
    conditions_stated: bool = True
    # A newer unclear remark on the pair, when this is the last clear stance shown for it.
    later_remark: Remark | None = None
