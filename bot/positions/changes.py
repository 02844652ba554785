"""What changed with a statement: the one place every answer, alert, digest and chart asks.

Two rules keep the bot from reporting changes that did not happen:
- a **shift** is only ever between two clear stances (supports, conditional, opposes,
  undecided); an unclear statement is a remark, and the stance stays the last clear one;
- a **condition change** is only between two statements that both say their conditions; a
  statement that says none of them leaves them unknown, and they are carried, not dropped.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Protocol

from sqlalchemy import and_, bindparam, literal_column, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.positions.live import counts_at
from bot.positions.views import Change, ChangeKind
from store import Position, Stance


class Statement(Protocol):
    """What a change is computed from: a Position, or just those columns of one."""

    @property
    def stance(self) -> Stance: ...
    @property
    def conditions(self) -> list[str]: ...
    @property
    def conditions_stated(self) -> bool: ...
    @property
    def stated_at(self) -> datetime: ...


@dataclass(frozen=True)
class _Row:
    stance: Stance
    conditions: list[str]
    conditions_stated: bool
    stated_at: datetime


@dataclass(frozen=True)
class Before:
    """The earlier live statements a statement is compared with (None where there is none).

    `clear`: the last clear one. `said`: the last clear one that said its conditions, kept
    only if no clear statement of another stance came after it (conditions are compared and
    carried within one stance, never across a shift).
    """

    clear: Statement | None = None
    said: Statement | None = None
    any_earlier: bool = False


def is_clear(stance: Stance) -> bool:
    """Supports, conditional, opposes and undecided settle a stance; unclear does not."""
    return stance is not Stance.UNCLEAR


def classify_change(current: Statement, before: Before) -> Change:
    """First statement, shift, condition change, restatement or unclear remark."""
    previous = before.clear
    if not is_clear(current.stance):
        if previous is None and not before.any_earlier:
            return Change(kind=ChangeKind.FIRST)
        return Change(
            kind=ChangeKind.REMARK,
            previous_stance=previous.stance if previous else None,
            previous_stated_at=previous.stated_at if previous else None,
        )
    if previous is None:
        return Change(kind=ChangeKind.FIRST, after_remarks=before.any_earlier)
    was, since = previous.stance, previous.stated_at
    if current.stance != was:
        return Change(kind=ChangeKind.SHIFT, previous_stance=was, previous_stated_at=since)
    said = before.said if before.said and before.said.stance == current.stance else None
    if said is None:
        return Change(kind=ChangeKind.RESTATED, previous_stance=was, previous_stated_at=since)
    if not current.conditions_stated:
        return Change(
            kind=ChangeKind.RESTATED,
            carried=tuple(said.conditions),
            conditions_said_at=said.stated_at,
            previous_stance=was,
            previous_stated_at=since,
        )
    old = {_fold(c): c for c in said.conditions}
    new = {_fold(c): c for c in current.conditions}
    added = tuple(text for key, text in new.items() if key not in old)
    dropped = tuple(text for key, text in old.items() if key not in new)
    return Change(
        kind=ChangeKind.CONDITIONS if added or dropped else ChangeKind.RESTATED,
        added=added,
        dropped=dropped,
        conditions_said_at=said.stated_at,
        previous_stance=was,
        previous_stated_at=since,
    )


def change_words(change: Change) -> str:
    """The change in a few plain words (exports): "shift from supports", "unclear remark"."""
    if change.kind is ChangeKind.SHIFT and change.previous_stance is not None:
        return f"shift from {change.previous_stance.value}"
    if change.kind is ChangeKind.CONDITIONS:
        parts = [f"added {'; '.join(change.added)}"] if change.added else []
        parts += [f"dropped {'; '.join(change.dropped)}"] if change.dropped else []
        return "conditions " + ", ".join(parts)
    return {
        ChangeKind.FIRST: "first statement",
        ChangeKind.REMARK: "unclear remark",
        ChangeKind.RESTATED: "restated",
    }.get(change.kind, change.kind.value)


def changes_along(statements: Sequence[Statement]) -> list[Change]:
    """Each statement's change from the statements alone: live ones of one pair, oldest first
    (by stated time, then id), as `previous_of` finds them in the store."""
    changes = []
    clear: Statement | None = None
    said: Statement | None = None
    for number, statement in enumerate(statements):
        before = Before(clear=clear, said=said, any_earlier=number > 0)
        changes.append(classify_change(statement, before))
        if is_clear(statement.stance):
            if said is not None and said.stance != statement.stance:
                said = None
            clear = statement
            if statement.conditions_stated:
                said = statement
    return changes


def previous_of(
    session: Session, positions: Sequence[Any], *, as_of: datetime | None = None
) -> dict[int | None, Before]:
    """For each position, the live statements before it on the same pair (as of `as_of`).

    A withdrawn or corrected statement is never compared with: a change is measured against
    what still stands.
    """
    if not positions:
        return {}
    found = session.exec(
        _before_statement(dated=as_of is not None),
        params={"ids": [p.id for p in positions], "as_of": as_of},
    ).all()
    wanted = {i for row in found for i in row[1:4] if i is not None}
    # Columns, not entities: a board compares 200 pairs and ORM objects cost more than SQL.
    rows = session.exec(_ROWS, params={"ids": list(wanted)}).all() if wanted else []
    by_id = {
        row_id: _Row(Stance(stance), list(conditions), bool(stated), stated_at)
        for row_id, stance, conditions, stated, stated_at in rows
    }
    return {
        pid: before_from(
            by_id.get(clear) if clear is not None else None,
            (by_id[said], said) if said is not None else None,
            (by_id[other], other) if other is not None else None,
            any_earlier=earlier is not None,
        )
        for pid, clear, said, other, earlier in found
    }


def _key(row: Statement, row_id: int) -> tuple[datetime, int]:
    return row.stated_at, row_id


# Built once per shape and run with bound values: building them cost more than running them.
_COLUMNS: tuple[Any, ...] = (
    Position.id,
    Position.stance,
    Position.conditions,
    Position.conditions_stated,
    Position.stated_at,
)
_ROWS = select(*_COLUMNS).where(col(Position.id).in_(bindparam("ids", expanding=True)))


def _earlier(older: Any, than: Any) -> Any:
    return or_(
        col(older.stated_at) < col(than.stated_at),
        and_(col(older.stated_at) == col(than.stated_at), col(older.id) < col(than.id)),
    )


@cache
def _before_statement(*, dated: bool) -> Any:
    """Per :ids, the ids of the last earlier clear statement, the last clear one that said its
    conditions, the last clear one of another stance, and the last of any stance."""
    as_of: Any = bindparam("as_of") if dated else None
    columns: tuple[Any, ...] = (Position.id, *before_ids(Position, as_of))
    return select(*columns).where(col(Position.id).in_(bindparam("ids", expanding=True)))


# "LIMIT 1" written out, not a bound parameter: shorter SQL (see view_query's note on psycopg).
ONE: Any = literal_column("1")


def before_ids(target: Any, as_of: Any) -> tuple[Any, Any, Any, Any]:
    """For `target` (Position or an alias of it), correlated: the ids of the last earlier
    clear statement, the last clear one that said its conditions, the last clear one of
    another stance, and the last of any stance, on the same pair (as of `as_of`)."""
    older = aliased(Position, name="e")  # short names keep the SQL under psycopg's cache limit
    pair = [
        older.actor_id == target.actor_id,
        older.topic_id == target.topic_id,
        counts_at(older, as_of),
        _earlier(older, target),
    ]
    clear = older.stance != Stance.UNCLEAR

    def newest(*where: Any) -> Any:
        return (
            select(older.id)
            .where(*pair, *where)
            .order_by(col(older.stated_at).desc(), col(older.id).desc())
            .limit(ONE)
            .correlate(target)
            .scalar_subquery()
        )

    return (
        newest(clear),
        newest(clear, col(older.conditions_stated).is_(True)),
        newest(clear, older.stance != target.stance),
        newest(),
    )


def before_from(
    clear: Statement | None,
    said: tuple[Statement, int] | None,
    other: tuple[Statement, int] | None,
    *,
    any_earlier: bool,
) -> Before:
    """`Before` from the statements `before_ids` names (with their ids, for ordering)."""
    # Conditions said before a move to another stance belong to that stance, not this one.
    if said is not None and other is not None and _key(*other) > _key(*said):
        said = None
    return Before(clear=clear, said=said[0] if said else None, any_earlier=any_earlier)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
