"""Position queries: latest, boards, overviews and history, each as-of any moment.

Every query is a bounded number of index seeks (see `ix_position_pair_time` and the
`actor_topic` pairs), so latency stays flat as history grows.
"""

import itertools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.views import Change, ChangeKind, PositionView
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


def _previous_of(session: Session, positions: Sequence[Position]) -> dict[int, Position]:
    """For each position, the confirmed one just before it on the same pair."""
    if not positions:
        return {}
    older = aliased(Position)
    earlier_id = (
        select(older.id)
        .where(
            older.actor_id == Position.actor_id,
            older.topic_id == Position.topic_id,
            older.status == PositionStatus.CONFIRMED,
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
    ids = [p.id for p in positions]
    pairs = session.exec(select(Position.id, earlier_id).where(col(Position.id).in_(ids))).all()
    earlier_ids = {earlier for _, earlier in pairs if earlier is not None}
    earlier_rows = session.exec(select(Position).where(col(Position.id).in_(earlier_ids))).all()
    by_id = {row.id: row for row in earlier_rows}
    return {pid: by_id[eid] for pid, eid in pairs if eid is not None and pid is not None}


def classify_change(current: Position, previous: Position | None) -> Change:
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


def _views(
    session: Session,
    positions: Sequence[Position],
    *,
    previous: dict[int | None, Position] | None = None,
) -> list[PositionView]:
    if previous is None:
        previous = {pid: row for pid, row in _previous_of(session, positions).items()}
    actor_ids = {p.actor_id for p in positions} | {p.speaker_id for p in positions if p.speaker_id}
    actors = _by_id(session, Actor, actor_ids)
    topics = _by_id(session, Topic, {p.topic_id for p in positions})
    sources = _by_id(session, Source, {p.source_id for p in positions if p.source_id})
    views = []
    for p in positions:
        assert p.id is not None
        source = sources.get(p.source_id) if p.source_id else None
        speaker = actors.get(p.speaker_id) if p.speaker_id else None
        views.append(
            PositionView(
                id=p.id,
                actor=actors[p.actor_id].name,
                topic=topics[p.topic_id].name,
                stance=p.stance,
                summary=p.summary,
                conditions=tuple(p.conditions),
                quotes=tuple(p.quotes),
                stated_at=p.stated_at,
                recorded_by=p.recorded_by,
                recorded_at=p.recorded_at,
                outlet=source.outlet if source else None,
                url=source.url if source else None,
                title=source.title if source else None,
                speaker=speaker.name if speaker else None,
                change=classify_change(p, previous.get(p.id)),
            )
        )
    return views


def _by_id(session: Session, table: Any, ids: set[Any]) -> dict[Any, Any]:
    if not ids:
        return {}
    return {row.id: row for row in session.exec(select(table).where(col(table.id).in_(ids))).all()}
