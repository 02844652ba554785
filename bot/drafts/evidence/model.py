"""What the evidence lock reads: claims, the evidence they cite, and the problems found."""

from dataclasses import dataclass, field
from datetime import datetime

from store import Stance

MAX_CLAIM_CHARS = 600


@dataclass(frozen=True)
class Claim:
    """One sentence, the positions it rests on, and (from a model) its actor and stance."""

    text: str
    citations: tuple[int, ...]
    actor: str | None = None
    stance: Stance | None = None


@dataclass(frozen=True)
class Evidence:
    """One position as a claim may use it."""

    position_id: int
    actor: str
    actor_names: tuple[str, ...]  # the name and every alias
    topic_names: tuple[str, ...]
    stance: Stance
    summary: str
    conditions: tuple[str, ...]
    quotes: tuple[str, ...]
    stated_at: datetime
    outlet: str | None = None
    speaker: str | None = None
    speaker_names: tuple[str, ...] = field(default=())
    # What it replaced: a claim may say where the actor moved from ("shifted from …").
    previous_stance: Stance | None = None
    previous_conditions: tuple[str, ...] = field(default=())
    # Capitals and seats of government that may stand for the actor ("Moscow", "the Kremlin").
    places: tuple[str, ...] = field(default=())
    # The store's other topics, by every name: a claim may not move the position onto one.
    other_topics: tuple[str, ...] = field(default=())

    def texts(self) -> list[str]:
        """Every piece of text a claim's specifics may come from."""
        return [
            *self.actor_names,
            *self.speaker_names,
            *self.topic_names,
            self.summary,
            *self.conditions,
            *self.quotes,
            *self.previous_conditions,
            self.outlet or "",
        ]


@dataclass(frozen=True)
class Problem:
    """Why a claim (or the draft) cannot be approved, in plain words."""

    kind: str
    text: str
    claim: int | None = None  # index of the claim, None for the draft as a whole

    def as_dict(self) -> dict[str, str]:
        """For the draft row's JSON column."""
        row = {"kind": self.kind, "text": self.text}
        if self.claim is not None:
            row["claim"] = str(self.claim)
        return row
