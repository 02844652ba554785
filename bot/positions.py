"""Position queries: latest, boards, overviews and history, each as-of any moment.

Every query is a bounded number of index seeks (see `ix_position_pair_time` and the
`actor_topic` pairs), so latency stays flat as history grows.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.changes import classify_change, previous_of
from bot.live import counts_at, in_history, withdrawals
from bot.paging import PAGE_SIZE, Page, check_page
from bot.views import PositionView
from store import Actor, ActorTopic, Position, PositionStatus, Source, Topic


def _latest_id(actor_id: Any, topic_id: Any, as_of: datetime | None) -> Any:
    """Correlated subquery: id of the newest position counting for (actor_id, topic_id)."""
    newer = aliased(Position)
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
        select(Position).where(col(Position.id) == _latest_id(actor_id, topic_id, as_of))
    ).first()
    return _views(session, [found], as_of=as_of)[0] if found else None


def topic_board(
    session: Session, *, topic_id: int, as_of: datetime | None = None
) -> list[PositionView]:
    """Every actor's newest position on a topic, grouped by stance, then by name."""
    return _latest_per_pair(session, col(ActorTopic.topic_id) == topic_id, as_of)


def actor_overview(
    session: Session, *, actor_id: int, as_of: datetime | None = None
) -> list[PositionView]:
    """An actor's newest position on every topic they have spoken on."""
    return _latest_per_pair(session, col(ActorTopic.actor_id) == actor_id, as_of)


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
    for actor_id, topic_id in session.exec(pairs.distinct()).all():
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
    query = select(Position).where(
        col(Position.speaker_id) == speaker_id,
        Position.actor_id != speaker_id,
        Position.topic_id == topic_id,
        counts_at(Position, as_of),
    )
    if as_of is not None:
        query = query.where(col(Position.stated_at) <= as_of)
    newest: dict[int, Position] = {}
    for row in session.exec(
        query.order_by(col(Position.stated_at).desc(), col(Position.id).desc())
    ).all():
        newest.setdefault(row.actor_id, row)
    views = _views(session, list(newest.values()), as_of=as_of)
    return sorted(views, key=lambda v: v.actor.casefold())


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
    session: Session, pair_filter: ColumnElement[bool], as_of: datetime | None
) -> list[PositionView]:
    latest = session.exec(
        select(Position)
        .join(
            ActorTopic,
            col(Position.id) == _latest_id(ActorTopic.actor_id, ActorTopic.topic_id, as_of),
        )
        .where(pair_filter)
    ).all()
    views = _views(session, list(latest), as_of=as_of)
    order = {stance: rank for rank, stance in enumerate(type(views[0].stance))} if views else {}
    return sorted(views, key=lambda v: (order[v.stance], v.actor.casefold(), v.topic.casefold()))


def _views(
    session: Session, positions: Sequence[Position], *, as_of: datetime | None = None
) -> list[PositionView]:
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
    rows = session.exec(select(table.id, table.name).where(col(table.id).in_(ids))).all()
    return dict(rows)


def _sources(
    session: Session, ids: set[int | None]
) -> dict[int | None, tuple[str | None, str | None, str | None]]:
    if not ids:
        return {}
    rows = session.exec(
        select(Source.id, Source.outlet, Source.url, Source.title).where(col(Source.id).in_(ids))
    ).all()
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
