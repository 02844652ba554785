"""One page of a topic's board: ordered from the stances alone, then only that page's views.

A board of 200 actors shows 20. Ordering needs only each pair's standing stance and the
actors' names (from the catalogue in memory); the quotes, earlier statements, remarks and
withdrawals are read for the 20 shown. Same order and same page as `topic_board`.
"""

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from bot.catalog import catalogue_names, confirm_token, token_column
from bot.paging import PAGE_SIZE, Page, page_of
from bot.positions.queries import AS_OF, current_id, latest_id
from bot.positions.view_query import enriched, picked, views_of_rows
from bot.positions.views import PositionView
from store import ActorTopic, Position, Stance

_RANK = {stance: rank for rank, stance in enumerate(Stance)}


def topic_board_page(
    session: Session,
    *,
    topic_id: int,
    as_of: datetime | None = None,
    number: int = 1,
    size: int = PAGE_SIZE,
) -> Page[PositionView]:
    """Page `number` of every actor's standing position on a topic, by stance, then name."""
    dated = as_of is not None
    standing = session.exec(
        _standing(dated=dated), params={"topic_id": topic_id, "as_of": as_of}
    ).all()
    if standing:
        confirm_token(session, standing[0].ct)
    actors, _ = catalogue_names(session)
    ordered = sorted(standing, key=lambda row: (_RANK[row.stance], actors[row.actor_id].casefold()))
    keys = page_of([row.id for row in ordered], number=number, size=size)
    rows = (
        session.exec(_views(dated=dated), params={"ids": list(keys.items), "as_of": as_of}).all()
        if keys.items
        else []
    )
    by_id = {view.id: view for view in views_of_rows(session, rows)}
    return Page(
        items=tuple(by_id[i] for i in keys.items), number=number, size=size, total=keys.total
    )


@cache
def _standing(*, dated: bool) -> Any:
    """Each pair on :topic_id, its standing position's id, stance and actor (no more)."""
    pair: tuple[Any, ...] = (ActorTopic.actor_id, ActorTopic.topic_id, AS_OF if dated else None)
    return (
        select(Position.id, Position.stance, Position.actor_id, token_column())
        .join(ActorTopic, col(Position.id) == current_id(*pair))
        .where(ActorTopic.topic_id == bindparam("topic_id"))
    )


@cache
def _views(*, dated: bool) -> Any:
    as_of = AS_OF if dated else None
    own = (Position.actor_id, Position.topic_id, as_of)
    picks = picked(
        select(Position).where(col(Position.id).in_(bindparam("ids", expanding=True))),
        part=0,
        newest=latest_id(*own),
    )
    return enriched(picks, as_of=as_of)
