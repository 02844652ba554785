"""Which positions count: the live ones now, or as they stood at an earlier moment.

A withdrawn or corrected position stops counting when it is withdrawn, not before: an
as-of answer from before the withdrawal still shows it (marked). Positions moved by a merge
count only under the actor or topic they were moved to.
"""

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, col, select

from bot.positions.views import Withdrawal
from store import PositionRetraction, PositionStatus

# Withdrawals a reader is shown; "merged" moves a position rather than withdrawing it.
SHOWN_KINDS = ("retracted", "corrected")


def counts_at(table: Any, as_of: datetime | None) -> ColumnElement[bool]:
    """`table` (Position or an alias of it) counted now, or as of `as_of`."""
    confirmed: ColumnElement[bool] = table.status == PositionStatus.CONFIRMED
    if as_of is None:
        return confirmed
    withdrawn_later = (
        select(PositionRetraction.position_id)
        .where(
            col(PositionRetraction.position_id) == table.id,
            col(PositionRetraction.at) > as_of,
            col(PositionRetraction.kind).in_(SHOWN_KINDS),
        )
        .exists()
    )
    return or_(confirmed, and_(table.status == PositionStatus.RETRACTED, withdrawn_later))


def in_history(table: Any) -> ColumnElement[bool]:
    """Live positions and the withdrawn or corrected ones (not discarded candidates)."""
    withdrawn = (
        select(PositionRetraction.position_id)
        .where(
            col(PositionRetraction.position_id) == table.id,
            col(PositionRetraction.kind).in_(SHOWN_KINDS),
        )
        .exists()
    )
    return or_(
        table.status == PositionStatus.CONFIRMED,
        and_(table.status == PositionStatus.RETRACTED, withdrawn),
    )


def withdrawals(session: Session, ids: Collection[int]) -> dict[int, Withdrawal]:
    """How each of these positions was withdrawn or corrected (one query)."""
    if not ids:
        return {}
    rows = session.exec(
        select(PositionRetraction).where(
            col(PositionRetraction.position_id).in_(list(ids)),
            col(PositionRetraction.kind).in_(SHOWN_KINDS),
        )
    ).all()
    return {
        row.position_id: Withdrawal(
            kind=row.kind, at=row.at, by=row.by, reason=row.reason, replaced_by=row.replaced_by_id
        )
        for row in rows
    }
