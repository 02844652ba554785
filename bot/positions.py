"""Position queries: latest, boards, overviews and history, each as-of any moment.

Every query is a bounded number of index seeks (see `ix_position_pair_time` and the
`actor_topic` pairs), so latency stays flat as history grows.
"""

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.changes import classify_change, previous_of
from bot.live import counts_at, in_history, withdrawals
from bot.paging import PAGE_SIZE, Page, check_page
from bot.views import PositionView
from store import Actor, ActorTopic, Position, PositionStatus, Source, Topic

# Statements are built once per shape and run with bound values: building them (and the
# alias's adapted columns) cost more CPU than running them. `_AS_OF` is the as-of moment.
_NEWER = aliased(Position)
_AS_OF: Any = bindparam("as_of")


def _latest_id(actor_id: Any, topic_id: Any, as_of: Any) -> Any:
    """Correlated subquery: id of the newest position counting for (actor_id, topic_id)."""
    newer = _NEWER
    query = select(newer.id).where(
        newer.actor_id == actor_id,
        newer.topic_id == topic_id,
        counts_at(newer, as_of),
    )
    if as_of is not None:
        query = query.where(newer.stated_at <= as_of)
    return (
        query.order_by(col(newer.stated_at).desc(), col(newer.id).desc()).limit(1).scalar_subquery()
    )


def latest_position(
    session: Session, *, actor_id: int, topic_id: int, as_of: datetime | None = None
) -> PositionView | None:
    """The newest confirmed position of an actor on a topic, or None if none is recorded."""
    found = session.exec(
        _latest_statement(dated=as_of is not None),
        params={"actor_id": actor_id, "topic_id": topic_id, "as_of": as_of},
    ).first()
    return _views(session, [found], as_of=as_of)[0] if found else None


# What a view is built from, as plain rows: ORM objects cost more to build than the query.
_VIEW_COLUMNS: tuple[Any, ...] = (
    Position.id,
    Position.actor_id,
    Position.topic_id,
    Position.stance,
    Position.summary,
    Position.conditions,
    Position.quotes,
    Position.stated_at,
    Position.recorded_by,
    Position.recorded_at,
    Position.source_id,
    Position.speaker_id,
    Position.status,
)


@cache
def _latest_statement(*, dated: bool) -> Any:
    latest = _latest_id(bindparam("actor_id"), bindparam("topic_id"), _AS_OF if dated else None)
    return select(*_VIEW_COLUMNS).where(col(Position.id) == latest)


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
    views = _views(session, list(rows), as_of=as_of)
    return Page(items=tuple(views), number=page, size=size, total=total)


def spoken_on_topic(
    session: Session, *, speaker_id: int, topic_id: int, as_of: datetime | None = None
) -> list[PositionView]:
    """The newest statement this actor voiced for each other actor on one topic, by name."""
    newest: dict[int, Any] = {}
    for row in session.exec(
        _spoken_statement(dated=as_of is not None),
        params={"speaker_id": speaker_id, "topic_id": topic_id, "as_of": as_of},
    ).all():
        newest.setdefault(row.actor_id, row)
    views = _views(session, list(newest.values()), as_of=as_of)
    return sorted(views, key=lambda v: v.actor.casefold())


@cache
def _spoken_statement(*, dated: bool) -> Any:
    speaker: Any = bindparam("speaker_id")
    query = select(*_VIEW_COLUMNS).where(
        col(Position.speaker_id) == speaker,
        Position.actor_id != speaker,
        Position.topic_id == bindparam("topic_id"),
        counts_at(Position, _AS_OF if dated else None),
    )
    if dated:
        query = query.where(col(Position.stated_at) <= _AS_OF)
    return query.order_by(col(Position.stated_at).desc(), col(Position.id).desc())


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
    views = _views(session, list(latest), as_of=as_of)
    order = {stance: rank for rank, stance in enumerate(type(views[0].stance))} if views else {}
    return sorted(views, key=lambda v: (order[v.stance], v.actor.casefold(), v.topic.casefold()))


@cache
def _per_pair_statement(column: str, *, dated: bool) -> Any:
    """Newest position of every actor_topic pair whose `column` is :owner_id."""
    latest = _latest_id(ActorTopic.actor_id, ActorTopic.topic_id, _AS_OF if dated else None)
    return (
        select(*_VIEW_COLUMNS)
        .join(ActorTopic, col(Position.id) == latest)
        .where(getattr(ActorTopic, column) == bindparam("owner_id"))
    )


def _views(
    session: Session, positions: Sequence[Any], *, as_of: datetime | None = None
) -> list[PositionView]:
    """Views of Position objects or of rows of `_VIEW_COLUMNS`."""
    previous = previous_of(session, positions, as_of=as_of)
    marks = withdrawals(
        session, [p.id for p in positions if p.id and p.status == PositionStatus.RETRACTED]
    )
    actor_ids = {p.actor_id for p in positions} | {p.speaker_id for p in positions if p.speaker_id}
    actors = _names(session, Actor, actor_ids)
    topics = _names(session, Topic, {p.topic_id for p in positions})
    sources = _sources(session, {p.source_id for p in positions if p.source_id})
    views = []
    for p in positions:
        assert p.id is not None
        outlet, url, title = sources.get(p.source_id, (None, None, None))
        views.append(
            PositionView(
                id=p.id,
                actor=actors[p.actor_id],
                topic=topics[p.topic_id],
                stance=p.stance,
                summary=p.summary,
                conditions=tuple(p.conditions),
                quotes=tuple(p.quotes),
                stated_at=p.stated_at,
                recorded_by=p.recorded_by,
                recorded_at=p.recorded_at,
                outlet=outlet,
                url=url,
                title=title,
                speaker=actors.get(p.speaker_id) if p.speaker_id else None,
                change=classify_change(p, previous.get(p.id)),
                withdrawn=marks.get(p.id),
            )
        )
    return views


def _names(session: Session, table: Any, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.exec(_names_statement(table), params={"ids": list(ids)}).all()
    return dict(rows)


@cache
def _names_statement(table: Any) -> Any:
    return select(table.id, table.name).where(col(table.id).in_(bindparam("ids", expanding=True)))


_SOURCES = select(Source.id, Source.outlet, Source.url, Source.title).where(
    col(Source.id).in_(bindparam("ids", expanding=True))
)


def _sources(
    session: Session, ids: set[int | None]
) -> dict[int | None, tuple[str | None, str | None, str | None]]:
    if not ids:
        return {}
    rows = session.exec(_SOURCES, params={"ids": list(ids)}).all()
    return {source_id: (outlet, url, title) for source_id, outlet, url, title in rows}


def recent_statements(session: Session, *, limit: int = 10) -> list[PositionView]:
    """The most recently recorded confirmed positions, each with its change (for App Home)."""
    rows = session.exec(
        select(Position)
        .where(Position.status == PositionStatus.CONFIRMED)
        .order_by(col(Position.recorded_at).desc(), col(Position.id).desc())
        .limit(limit)
    ).all()
    return _views(session, list(rows))


def views_of(session: Session, rows: Sequence[Position]) -> list[PositionView]:
    """Views of the given positions (names, sources, change vs previous)."""
    return _views(session, list(rows))
