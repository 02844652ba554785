"""Everything an answer shows about its positions, in one statement.

`enriched` wraps a statement that picks positions (columns `id`, `newest_id`, `part`) with
what their views need: source, the earlier statements a change is measured against, a newer
unclear remark, and how a withdrawn one was withdrawn. Names come from the catalogue in
memory. So a pair answer or a board is one round trip after the catalogue token (a budget
tests/store/test_round_trips.py holds on PostgreSQL).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, literal, null, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from bot.catalog import catalogue_names, confirm_token, token_column
from bot.positions.changes import before_from, before_ids
from bot.positions.live import SHOWN_KINDS
from bot.positions.view_rows import view_of
from bot.positions.views import PositionView, Remark, Withdrawal
from store import Position, PositionRetraction, PositionStatus, Source, Stance


def picked(query: Any, *, part: int, newest: Any = None) -> Any:
    """`query` (selecting from Position) as the pick `enriched` expects."""
    return query.with_only_columns(
        col(Position.id).label("id"),
        (newest if newest is not None else null()).label("newest_id"),
        literal(part).label("part"),
    )


def enriched(picks: Any, *, as_of: Any) -> Any:
    """The view columns of every picked position, in `part`, then newest-first order."""
    base = picks.subquery("k")
    p: Any = aliased(Position, name="p")
    clear, said, other, earlier = before_ids(p, as_of)
    inner = (
        select(
            *(getattr(p, name) for name in _SHOWN),
            base.c.newest_id,
            base.c.part,
            clear.label("clear_id"),
            said.label("said_id"),
            other.label("other_id"),
            earlier.label("earlier_id"),
        )
        .select_from(base)
        .join(p, p.id == base.c.id)
        .cte("v")
        .prefix_with("MATERIALIZED")
    )
    v = inner.c
    c, s, o, r = tuple[Any, ...](aliased(Position, name=name) for name in ("c", "s", "o", "r"))
    w: Any = aliased(PositionRetraction, name="w")
    earlier_columns = (*_columns(c, "c"), *_columns(s, "s"), o.stated_at.label("o_stated_at"))
    return (
        select(inner, *earlier_columns)
        .add_columns(
            col(Source.outlet),
            col(Source.url),
            col(Source.title),
            token_column(),
            r.stated_at.label("r_stated_at"),
            r.summary.label("r_summary"),
            r.quotes.label("r_quotes"),
            w.kind.label("w_kind"),
            w.at.label("w_at"),
            w.by.label("w_by"),
            w.reason.label("w_reason"),
            w.replaced_by_id.label("w_replaced_by"),
        )
        .select_from(inner)
        .outerjoin(Source, col(Source.id) == v.source_id)
        .outerjoin(c, c.id == v.clear_id)
        .outerjoin(s, s.id == v.said_id)
        .outerjoin(o, o.id == v.other_id)
        .outerjoin(r, and_(r.id == v.newest_id, v.newest_id != v.id))
        .outerjoin(
            w,
            and_(
                w.position_id == v.id,
                col(w.kind).in_(SHOWN_KINDS),
                v.status == PositionStatus.RETRACTED,
            ),
        )
        .order_by(v.part, v.stated_at.desc(), v.id.desc())
    )


# The columns of a position its view shows (not its dedupe key or what it supersedes).
_SHOWN = (
    "id",
    "actor_id",
    "topic_id",
    "stance",
    "summary",
    "conditions",
    "conditions_stated",
    "quotes",
    "source_id",
    "speaker_id",
    "stated_at",
    "recorded_by",
    "recorded_at",
    "status",
)


def _columns(table: Any, prefix: str) -> tuple[Any, ...]:
    # Short labels (c_: the clear statement before, s_: the one that said its conditions,
    # o_: of another stance; r_ remark, w_ withdrawal): psycopg caches the parsing of
    # statements up to 4,096 characters, and a pair answer's is just under.
    return (
        table.stance.label(f"{prefix}_stance"),
        table.conditions.label(f"{prefix}_conditions"),
        table.conditions_stated.label(f"{prefix}_conditions_stated"),
        table.stated_at.label(f"{prefix}_stated_at"),
    )


class _Earlier:
    """An earlier statement's columns, as `classify_change` reads them."""

    __slots__ = ("conditions", "conditions_stated", "stance", "stated_at")

    def __init__(self, row: Any, prefix: str) -> None:
        self.stance = Stance(getattr(row, f"{prefix}_stance"))
        self.conditions = list(getattr(row, f"{prefix}_conditions"))
        self.conditions_stated = bool(getattr(row, f"{prefix}_conditions_stated"))
        self.stated_at: datetime = getattr(row, f"{prefix}_stated_at")


@dataclass(frozen=True)
class _OrderOnly:
    """The last clear statement of another stance: `before_from` reads only its time."""

    stated_at: datetime
    stance: Stance = Stance.UNCLEAR
    conditions: list[str] = field(default_factory=list)
    conditions_stated: bool = False


def views_of_rows(session: Session, rows: Sequence[Any]) -> list[PositionView]:
    """PositionViews of `enriched` rows (no further query: names come from the catalogue)."""
    if rows:
        confirm_token(session, rows[0].ct)
    actors, topics = catalogue_names(session)
    views = []
    for row in rows:
        said = (_Earlier(row, "s"), row.said_id) if row.said_id is not None else None
        other = (_OrderOnly(row.o_stated_at), row.other_id) if row.other_id is not None else None
        before = before_from(
            _Earlier(row, "c") if row.clear_id is not None else None,
            said,
            other,
            any_earlier=row.earlier_id is not None,
        )
        views.append(
            view_of(
                row,
                actors=actors,
                topics=topics,
                source=(row.outlet, row.url, row.title),
                before=before,
                withdrawn=_withdrawal(row),
                later_remark=_remark(row),
            )
        )
    return views


def _remark(row: Any) -> Remark | None:
    if row.r_stated_at is None:
        return None
    quote = (row.r_quotes or [""])[0]
    return Remark(id=row.newest_id, stated_at=row.r_stated_at, summary=row.r_summary, quote=quote)


def _withdrawal(row: Any) -> Withdrawal | None:
    if row.w_kind is None:
        return None
    return Withdrawal(
        kind=row.w_kind,
        at=row.w_at,
        by=row.w_by,
        reason=row.w_reason,
        replaced_by=row.w_replaced_by,
    )
