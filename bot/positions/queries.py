"""Position queries: latest, boards, overviews and history, each as-of any moment.

The position that stands for a pair is its newest *clear* statement; a newer unclear remark
is attached to it (bot.positions.changes explains why), never shown as the current stance.

Every query is a bounded number of index seeks (see `ix_position_pair_time` and the
`actor_topic` pairs), so latency stays flat as history grows.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, or_, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.paging import PAGE_SIZE, Page, check_page
from bot.positions.changes import ONE
from bot.positions.live import counts_at, in_history
from bot.positions.view_query import enriched, picked, views_of_rows
from bot.positions.view_rows import build_views
from bot.positions.views import PositionView
from store import ActorTopic, Position, PositionStatus, Stance

# Statements are built once per shape and run with bound values: building them (and the
# alias's adapted columns) cost more CPU than running them. `AS_OF` is the as-of moment.
_NEWER = aliased(Position, name="n")
AS_OF: Any = bindparam("as_of")


def latest_id(actor_id: Any, topic_id: Any, as_of: Any, *, clear: bool = False) -> Any:
    """Correlated subquery: id of the newest position counting for (actor_id, topic_id);
    with `clear`, the newest whose stance is clear (an unclear remark does not move it)."""
    newer = _NEWER
    query = select(newer.id).where(
        newer.actor_id == actor_id,
        newer.topic_id == topic_id,
        counts_at(newer, as_of),
    )
    if clear:
        query = query.where(newer.stance != Stance.UNCLEAR)
    if as_of is not None:
        query = query.where(newer.stated_at <= as_of)
    return (
        query.order_by(col(newer.stated_at).desc(), col(newer.id).desc())
        .limit(ONE)
        .scalar_subquery()
    )


def current_id(actor_id: Any, topic_id: Any, as_of: Any) -> Any:
    """The statement that stands for a pair: the newest clear one, else the newest remark."""
    return func.coalesce(
        latest_id(actor_id, topic_id, as_of, clear=True), latest_id(actor_id, topic_id, as_of)
    )


def latest_position(
    session: Session, *, actor_id: int, topic_id: int, as_of: datetime | None = None
) -> PositionView | None:
    """The position that stands for an actor on a topic (the newest clear one, a newer
    unclear remark attached to it), or None if none is recorded."""
    own, _ = _pair_views(session, actor_id, topic_id, as_of, spoken=False)
    return own


def pair_positions(
    session: Session, *, actor_id: int, topic_id: int, as_of: datetime | None = None
) -> tuple[PositionView | None, list[PositionView]]:
    """What a pair answer shows, in one statement: the actor's standing position on the topic,
    and what they voiced for others on it (`spoken_on_topic`)."""
    return _pair_views(session, actor_id, topic_id, as_of, spoken=True)


def _pair_views(
    session: Session, actor_id: int, topic_id: int, as_of: datetime | None, *, spoken: bool
) -> tuple[PositionView | None, list[PositionView]]:
    rows = session.exec(
        _pair_statement(dated=as_of is not None, spoken=spoken),
        params={"actor_id": actor_id, "topic_id": topic_id, "as_of": as_of},
    ).all()
    own_rows = [row for row in rows if row.part == 0]
    views = views_of_rows(session, [*own_rows, *_newest_voiced(r for r in rows if r.part == 1)])
    voiced = sorted(views[len(own_rows) :], key=lambda v: v.actor.casefold())
    return (views[0] if own_rows else None), voiced


def _newest_voiced(rows: Iterable[Any]) -> list[Any]:
    """Per other actor, the newest statement voiced for them (rows come newest first): the
    newest clear one stands; an unclear remark only until there is one."""
    newest: dict[int, Any] = {}
    for row in rows:
        shown = newest.get(row.actor_id)
        if shown is None or (shown.stance == Stance.UNCLEAR and row.stance != Stance.UNCLEAR):
            newest[row.actor_id] = row
    return list(newest.values())


@cache
def _pair_statement(*, dated: bool, spoken: bool) -> Any:
    as_of = AS_OF if dated else None
    pair: tuple[Any, ...] = (bindparam("actor_id"), bindparam("topic_id"), as_of)
    own = picked(
        select(Position).where(col(Position.id) == current_id(*pair)),
        part=0,
        newest=latest_id(*pair),
    )
    if not spoken:
        return enriched(own, as_of=as_of)
    return enriched(union_all(own, picked(_voiced(dated=dated), part=1)), as_of=as_of)


def topic_board(
    session: Session, *, topic_id: int, as_of: datetime | None = None
) -> list[PositionView]:
    """Every actor's newest position on a topic, grouped by stance, then by name."""
    return _latest_per_pair(session, "topic_id", topic_id, as_of)


def actor_overview(
    session: Session, *, actor_id: int, as_of: datetime | None = None
) -> list[PositionView]:
    """An actor's newest position on every topic they have spoken on."""
    return _latest_per_pair(session, "actor_id", actor_id, as_of)


def spoken_for_others(
    session: Session, *, speaker_id: int, as_of: datetime | None = None
) -> list[PositionView]:
    """Newest positions this actor voiced on behalf of another actor (a spokesperson's record)."""
    pairs = select(Position.actor_id, Position.topic_id).where(
        col(Position.speaker_id) == speaker_id, counts_at(Position, as_of)
    )
    if as_of is not None:
        pairs = pairs.where(col(Position.stated_at) <= as_of)
    views = []
    # In order of each pair's first statement, as SQLite returned DISTINCT; PostgreSQL's
    # DISTINCT has no order, and the two backends must give the same answer.
    pairs = pairs.group_by(col(Position.actor_id), col(Position.topic_id)).order_by(
        func.min(Position.id)
    )
    for actor_id, topic_id in session.exec(pairs).all():
        view = latest_position(session, actor_id=actor_id, topic_id=topic_id, as_of=as_of)
        if view is not None:
            views.append(view)
    return views


def history(
    session: Session,
    *,
    actor_id: int,
    topic_id: int,
    as_of: datetime | None = None,
    page: int = 1,
    size: int = PAGE_SIZE,
) -> Page[PositionView]:
    """One page of an actor's positions on a topic, newest first, withdrawn ones marked.

    A spokesperson's history also holds what they said for others on the topic.
    """
    mine = col(Position.actor_id) == actor_id
    if _has_spoken_for_others(session, speaker_id=actor_id, topic_id=topic_id):
        mine = or_(mine, col(Position.speaker_id) == actor_id)
    where: list[ColumnElement[bool]] = [
        mine,
        col(Position.topic_id) == topic_id,
        in_history(Position),
    ]
    if as_of is not None:
        where.append(col(Position.stated_at) <= as_of)
    total = session.exec(select(func.count()).select_from(Position).where(*where)).one()
    check_page(page, total=total, size=size)
    rows = session.exec(
        select(Position)
        .where(*where)
        .order_by(col(Position.stated_at).desc(), col(Position.id).desc())
        .offset((page - 1) * size)
        .limit(size)
    ).all()
    views = build_views(session, list(rows), as_of=as_of)
    return Page(items=tuple(views), number=page, size=size, total=total)


def spoken_on_topic(
    session: Session, *, speaker_id: int, topic_id: int, as_of: datetime | None = None
) -> list[PositionView]:
    """The newest statement this actor voiced for each other actor on one topic, by name."""
    return _pair_views(session, speaker_id, topic_id, as_of, spoken=True)[1]


def _voiced(*, dated: bool) -> Any:
    """What the pair's actor voiced for other actors on the topic (a spokesperson's words)."""
    speaker: Any = bindparam("actor_id")
    query = select(Position).where(
        col(Position.speaker_id) == speaker,
        Position.actor_id != speaker,
        Position.topic_id == bindparam("topic_id"),
        counts_at(Position, AS_OF if dated else None),
    )
    return query.where(col(Position.stated_at) <= AS_OF) if dated else query


def _has_spoken_for_others(session: Session, *, speaker_id: int, topic_id: int) -> bool:
    # Checked first so an ordinary actor's history keeps its single-index plan.
    found = session.exec(
        select(Position.id)
        .where(
            col(Position.speaker_id) == speaker_id,
            Position.actor_id != speaker_id,
            Position.topic_id == topic_id,
        )
        .limit(1)
    ).first()
    return found is not None


def _latest_per_pair(
    session: Session, column: str, owner_id: int, as_of: datetime | None
) -> list[PositionView]:
    latest = session.exec(
        _per_pair_statement(column, dated=as_of is not None),
        params={"owner_id": owner_id, "as_of": as_of},
    ).all()
    views = views_of_rows(session, latest)
    order = {stance: rank for rank, stance in enumerate(type(views[0].stance))} if views else {}
    return sorted(views, key=lambda v: (order[v.stance], v.actor.casefold(), v.topic.casefold()))


@cache
def _per_pair_statement(column: str, *, dated: bool) -> Any:
    """The standing position of every actor_topic pair whose `column` is :owner_id."""
    as_of = AS_OF if dated else None
    pair: tuple[Any, ...] = (ActorTopic.actor_id, ActorTopic.topic_id, as_of)
    picks = picked(
        select(Position)
        .join(ActorTopic, col(Position.id) == current_id(*pair))
        .where(getattr(ActorTopic, column) == bindparam("owner_id")),
        part=0,
        newest=latest_id(*pair),
    )
    return enriched(picks, as_of=as_of)


def recent_statements(session: Session, *, limit: int = 10) -> list[PositionView]:
    """The most recently recorded confirmed positions, each with its change (for App Home)."""
    rows = session.exec(
        select(Position)
        .where(Position.status == PositionStatus.CONFIRMED)
        .order_by(col(Position.recorded_at).desc(), col(Position.id).desc())
        .limit(limit)
    ).all()
    return build_views(session, list(rows))


def views_of(session: Session, rows: Sequence[Position]) -> list[PositionView]:
    """Views of the given positions (names, sources, change vs previous)."""
    return build_views(session, list(rows))
