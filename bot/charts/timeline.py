"""What a stance chart is drawn from: each actor's statements on a topic, oldest first.

A series is one actor. Its steps are the live (confirmed) clear statements in stated order,
each classified against the live ones before it (bot/changes), so a condition
change is a step whose stance stayed. Withdrawn and corrected statements are kept apart:
they are drawn as marks, never as steps, because a shift is measured against what still
stands. Merged-away positions count only under the actor or topic they were moved to.

The y axis orders the four clear stances from opposition to support: Opposes, Undecided,
Conditional support, Supports (`LEVELS`, bottom to top), so a move up the chart is a move
towards support. An unclear statement is no point on that scale: it is a remark (`Remark`),
never a step, and the actor's stance stays the last clear one through it.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.positions import ChangeKind, Withdrawal, changes_along, in_history, withdrawals
from store import Actor, Position, PositionStatus, Stance, Topic

LEVELS: tuple[Stance, ...] = (
    Stance.OPPOSES,
    Stance.UNDECIDED,
    Stance.CONDITIONAL,
    Stance.SUPPORTS,
)
MAX_SERIES = 8  # a topic chart shows its 8 most active actors; more lines stop being readable


@dataclass(frozen=True)
class Step:
    """One live clear statement: the stance from `stated_at` on."""

    position_id: int
    stated_at: datetime
    stance: Stance
    change: ChangeKind
    conditions: tuple[str, ...]

    @property
    def level(self) -> int:
        """Height on the chart: the index of the stance in LEVELS."""
        return LEVELS.index(self.stance)


@dataclass(frozen=True)
class Withdrawn:
    """A statement that was retracted or corrected: a mark, not a step."""

    position_id: int
    stated_at: datetime
    stance: Stance
    kind: str  # "retracted" or "corrected"

    @property
    def level(self) -> int | None:
        """Height on the chart (the index of the stance in LEVELS); None for an unclear one."""
        return LEVELS.index(self.stance) if self.stance in LEVELS else None


@dataclass(frozen=True)
class Remark:
    """One live unclear statement: recorded and shown apart, but no step on the scale."""

    position_id: int
    stated_at: datetime


@dataclass(frozen=True)
class Series:
    """One actor's line."""

    actor_id: int
    actor: str
    steps: tuple[Step, ...]
    withdrawn: tuple[Withdrawn, ...]
    remarks: tuple[Remark, ...] = ()


@dataclass(frozen=True)
class Timeline:
    """Everything one chart shows."""

    topic: str
    series: tuple[Series, ...]
    left_out: int = 0  # actors who spoke on the topic but are not drawn (beyond MAX_SERIES)
    actor: str = ""  # set for a one-actor chart, even when it has nothing to draw
    reading: tuple[str, ...] = ()  # how typed names were read ("Reading “…” as …."), if so

    @property
    def title(self) -> str:
        """`Vladimir Putin on US ceasefire proposal`, or `US ceasefire proposal` for a topic."""
        return f"{self.actor} on {self.topic}" if self.actor else self.topic

    @property
    def empty(self) -> bool:
        """No statement at all to draw."""
        return not any(s.steps or s.withdrawn or s.remarks for s in self.series)

    @property
    def moments(self) -> list[datetime]:
        """When every drawn statement was made (steps, remarks and withdrawn marks)."""
        return [
            moment
            for series in self.series
            for moment in (
                *(s.stated_at for s in series.steps),
                *(r.stated_at for r in series.remarks),
                *(w.stated_at for w in series.withdrawn),
            )
        ]


def build_timeline(
    session: Session, *, topic_id: int, actor_id: int | None = None, limit: int = MAX_SERIES
) -> Timeline:
    """The chart's data for one topic: one actor's series, or the `limit` most active actors'."""
    topic = session.get(Topic, topic_id)
    query = (
        select(Position)
        .where(col(Position.topic_id) == topic_id, in_history(Position))
        .order_by(col(Position.stated_at), col(Position.id))
    )
    if actor_id is not None:
        query = query.where(col(Position.actor_id) == actor_id)
    rows = session.exec(query).all()
    activity = Counter(row.actor_id for row in rows)
    names = _actor_names(session, list(activity))
    # Most statements first; ties by name so the same data always gives the same chart.
    chosen = sorted(activity, key=lambda a: (-activity[a], names[a].casefold(), a))[:limit]
    kinds = withdrawals(
        session, [r.id for r in rows if r.id and r.status == PositionStatus.RETRACTED]
    )
    series = [
        _series(actor, names[actor], [r for r in rows if r.actor_id == actor], kinds)
        for actor in sorted(chosen, key=lambda a: (names[a].casefold(), a))
    ]
    return Timeline(
        topic=topic.name if topic else f"topic {topic_id}",
        series=tuple(series),
        left_out=len(activity) - len(chosen),
        actor=_actor_names(session, [actor_id])[actor_id] if actor_id is not None else "",
    )


def _series(actor_id: int, name: str, rows: list[Position], kinds: dict[int, Withdrawal]) -> Series:
    steps: list[Step] = []
    remarks: list[Remark] = []
    withdrawn: list[Withdrawn] = []
    live = [row for row in rows if row.status == PositionStatus.CONFIRMED]
    changes = dict(zip((row.id for row in live), changes_along(live), strict=True))
    for row in rows:
        assert row.id is not None
        if row.status == PositionStatus.CONFIRMED and row.stance is Stance.UNCLEAR:
            remarks.append(Remark(row.id, row.stated_at))  # the line holds its last clear stance
        elif row.status == PositionStatus.CONFIRMED:
            change = changes[row.id]
            steps.append(
                Step(row.id, row.stated_at, row.stance, change.kind, tuple(row.conditions))
            )
        elif row.id in kinds:
            withdrawn.append(Withdrawn(row.id, row.stated_at, row.stance, kinds[row.id].kind))
    return Series(
        actor_id=actor_id,
        actor=name,
        steps=tuple(steps),
        withdrawn=tuple(withdrawn),
        remarks=tuple(remarks),
    )


def _actor_names(session: Session, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    found = session.exec(select(Actor.id, Actor.name).where(col(Actor.id).in_(ids))).all()
    return {actor_id: name for actor_id, name in found if actor_id is not None}
