"""What changed between a position and the one before it: first, shift, conditions, restated."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Protocol

from sqlalchemy import and_, bindparam, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.live import counts_at
from bot.views import Change, ChangeKind
from store import Position, Stance


class Earlier(Protocol):
    """What a change is computed from: a Position, or just those columns of one."""

    @property
    def stance(self) -> Stance: ...
    @property
    def conditions(self) -> list[str]: ...
    @property
    def stated_at(self) -> datetime: ...


@dataclass(frozen=True)
class _EarlierRow:
    stance: Stance
    conditions: list[str]
    stated_at: datetime


def previous_of(
    session: Session, positions: Sequence[Position], *, as_of: datetime | None = None
) -> dict[int | None, Earlier]:
    """For each position, the live one just before it on the same pair (live as of `as_of`).

    A withdrawn or corrected statement is never the previous one: a shift is measured
    against what still stands.
    """
    if not positions:
        return {}
    ids = [p.id for p in positions]
    pairs = session.exec(
        _earlier_statement(dated=as_of is not None), params={"ids": ids, "as_of": as_of}
    ).all()
    earlier_ids = {earlier for _, earlier in pairs if earlier is not None}
    # Columns, not entities: a board compares 200 pairs and ORM objects cost more than SQL.
    rows = session.exec(_EARLIER_ROWS, params={"ids": list(earlier_ids)}).all()
    by_id = {
        row_id: _EarlierRow(Stance(stance), list(conditions), stated)
        for row_id, stance, conditions, stated in rows
    }
    return {pid: by_id[eid] for pid, eid in pairs if eid is not None}


# Built once per shape and run with bound values: building them cost more than running them.
_OLDER = aliased(Position)
_EARLIER_ROWS = select(Position.id, Position.stance, Position.conditions, Position.stated_at).where(
    col(Position.id).in_(bindparam("ids", expanding=True))
)


@cache
def _earlier_statement(*, dated: bool) -> Any:
    """(id, id of the live position just before it) for each of :ids."""
    older = _OLDER
    as_of: Any = bindparam("as_of") if dated else None
    earlier_id = (
        select(older.id)
        .where(
            older.actor_id == Position.actor_id,
            older.topic_id == Position.topic_id,
            counts_at(older, as_of),
            or_(
                col(older.stated_at) < col(Position.stated_at),
                and_(
                    col(older.stated_at) == col(Position.stated_at),
                    col(older.id) < col(Position.id),
                ),
            ),
        )
        .order_by(col(older.stated_at).desc(), col(older.id).desc())
        .limit(1)
        .correlate(Position)
        .scalar_subquery()
    )
    return select(Position.id, earlier_id).where(
        col(Position.id).in_(bindparam("ids", expanding=True))
    )


def classify_change(current: Earlier, previous: Earlier | None) -> Change:
    """First statement, shift, condition change or restatement, vs `previous`."""
    if previous is None:
        return Change(kind=ChangeKind.FIRST)
    before = {_fold(c): c for c in previous.conditions}
    after = {_fold(c): c for c in current.conditions}
    added = tuple(text for key, text in after.items() if key not in before)
    dropped = tuple(text for key, text in before.items() if key not in after)
    if current.stance != previous.stance:
        kind = ChangeKind.SHIFT
    elif added or dropped:
        kind = ChangeKind.CONDITIONS
    else:
        kind = ChangeKind.RESTATED
    return Change(
        kind=kind,
        previous_stance=previous.stance,
        previous_stated_at=previous.stated_at,
        added=added,
        dropped=dropped,
    )


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
