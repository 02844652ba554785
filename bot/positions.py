"""Position queries: latest, boards, overviews and history, each as-of any moment.

Every query is a bounded number of index seeks (see `ix_position_pair_time` and the
`actor_topic` pairs), so latency stays flat as history grows.
"""

import itertools
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.changes import Earlier, classify_change, previous_of
from bot.views import PositionView
from store import Actor, ActorTopic, Position, PositionStatus, Source, Topic

HISTORY_LIMIT = 50


def _latest_id(actor_id: Any, topic_id: Any, as_of: datetime | None) -> Any:
    """Correlated subquery: id of the newest confirmed position for (actor_id, topic_id)."""
    newer = aliased(Position)
    query = select(newer.id).where(
        newer.actor_id == actor_id,
        newer.topic_id == topic_id,
        newer.status == PositionStatus.CONFIRMED,
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
    return _views(session, [found])[0] if found else None


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
        col(Position.speaker_id) == speaker_id, Position.status == PositionStatus.CONFIRMED
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
    session: Session, *, actor_id: int, topic_id: int, as_of: datetime | None = None
) -> list[PositionView]:
    """Confirmed positions of an actor on a topic, newest first (at most HISTORY_LIMIT)."""
    query = select(Position).where(
        Position.actor_id == actor_id,
        Position.topic_id == topic_id,
        Position.status == PositionStatus.CONFIRMED,
    )
    if as_of is not None:
        query = query.where(col(Position.stated_at) <= as_of)
    # One extra, older row so the oldest shown still knows what it changed from.
    rows = list(
        session.exec(
            query.order_by(col(Position.stated_at).desc(), col(Position.id).desc()).limit(
                HISTORY_LIMIT + 1
            )
        ).all()
    )
    previous = {row.id: older for row, older in itertools.pairwise(rows)}
    shown = rows[:HISTORY_LIMIT]
    return _views(session, shown, previous=previous)


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
    views = _views(session, list(latest))
    order = {stance: rank for rank, stance in enumerate(type(views[0].stance))} if views else {}
    return sorted(views, key=lambda v: (order[v.stance], v.actor.casefold(), v.topic.casefold()))


def _views(
    session: Session,
    positions: Sequence[Position],
    *,
    previous: Mapping[int | None, Earlier] | None = None,
) -> list[PositionView]:
    if previous is None:
        previous = previous_of(session, positions)
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
