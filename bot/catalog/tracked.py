"""What is tracked: the actors and topics a desk can ask about, with how much is recorded."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.paging import PAGE_SIZE, Page, check_page
from bot.text import normalize_name
from store import Actor, ActorAlias, Position, PositionStatus, Topic, TopicAlias


@dataclass(frozen=True)
class Tracked:
    """One actor or topic in a list: how many confirmed positions, and the latest date.

    An actor's `positions` count the ones they voiced for others too (a spokesperson's),
    `for_others` of them.
    """

    name: str
    description: str
    positions: int
    last_stated: datetime | None
    kind: str = ""  # an actor's kind (person, government…); empty for topics
    for_others: int = 0


def tracked_actors(session: Session, *, filter: str = "", page: int = 1) -> Page[Tracked]:
    """Listed actors (not proposed, not merged) whose name or an alias holds `filter`."""
    where = [col(Actor.merged_into_id).is_(None), col(Actor.proposed).is_(False)]
    where += _matching(Actor, ActorAlias, ActorAlias.actor_id, filter)
    return _page(session, Actor, Position.actor_id, where, page=page, voiced=True)


def tracked_topics(session: Session, *, filter: str = "", page: int = 1) -> Page[Tracked]:
    """Listed topics (not merged) whose name or an alias holds `filter`."""
    where = [col(Topic.merged_into_id).is_(None)]
    where += _matching(Topic, TopicAlias, TopicAlias.topic_id, filter)
    return _page(session, Topic, Position.topic_id, where, page=page)


def _matching(table: Any, alias_table: Any, owner: Any, filter: str) -> list[Any]:
    wanted = normalize_name(filter)
    if not filter.strip():
        return []
    by_name = func.lower(table.name).contains(filter.strip().casefold(), autoescape=True)
    if not wanted:
        return [by_name]
    by_alias = (
        select(owner)
        .where(col(alias_table.normalized).contains(wanted, autoescape=True))
        .scalar_subquery()
    )
    return [by_name | col(table.id).in_(by_alias)]


def _page(
    session: Session, table: Any, owner: Any, where: list[Any], *, page: int, voiced: bool = False
) -> Page[Tracked]:
    total = session.exec(select(func.count()).select_from(table).where(*where)).one()
    check_page(page, total=total, size=PAGE_SIZE)
    own = _counts(owner)
    query: Any = select(table, own.c.positions, own.c.last_stated).outerjoin(
        own, own.c.owner == table.id
    )
    if voiced:  # a spokesperson's words for others (Yermak for Ukraine) are theirs to count
        spoken = _counts(col(Position.speaker_id), col(Position.speaker_id) != Position.actor_id)
        query = query.add_columns(spoken.c.positions, spoken.c.last_stated).outerjoin(
            spoken, spoken.c.owner == table.id
        )
    rows = session.exec(
        query.where(*where)
        .order_by(func.lower(table.name), table.id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    items = tuple(_tracked(*row) for row in rows)
    return Page(items=items, number=page, size=PAGE_SIZE, total=total)


def _tracked(
    row: Any,
    positions: int | None,
    last: datetime | None,
    others: int | None = None,
    others_last: datetime | None = None,
) -> Tracked:
    days = [day for day in (_aware(last), _aware(others_last)) if day is not None]
    return Tracked(
        name=row.name,
        description=row.description,
        positions=(positions or 0) + (others or 0),
        last_stated=max(days, default=None),
        kind=row.kind.value if isinstance(row, Actor) else "",
        for_others=others or 0,
    )


def _counts(owner: Any, *where: Any) -> Any:
    """Confirmed positions and the latest date stated, per `owner`."""
    return (
        select(
            owner.label("owner"),
            func.count().label("positions"),
            func.max(Position.stated_at).label("last_stated"),
        )
        .where(Position.status == PositionStatus.CONFIRMED, *where)
        .group_by(owner)
        .subquery()
    )


def _aware(value: datetime | None) -> datetime | None:
    # Stored datetimes are UTC; a backend handing an aggregate back naive means UTC too.
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
