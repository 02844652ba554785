"""One search, whatever the database: match, count, rank, page, then mark the page's hits."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.paging import PAGE_SIZE, Page, check_page
from bot.positions import counts_at
from bot.search.backend import Backend
from bot.search.marks import MarkedFields, Piece, pieces
from bot.search.postgres import PostgresSearch
from bot.search.sqlite import SqliteSearch
from bot.search.terms import Terms
from store import Actor, Position, PositionStatus, Stance, Topic


@dataclass(frozen=True)
class SearchHit:
    """One position that matched, with the pieces of it that show why."""

    id: int
    actor: str
    topic: str
    stance: Stance
    stated_at: datetime
    speaker: str | None
    pieces: tuple[Piece, ...]
    withdrawn_later: bool = False  # an as-of answer from before it was withdrawn


def backend_for(session: Session) -> Backend:
    """The full-text backend for the session's database."""
    if session.get_bind().dialect.name == "postgresql":
        return PostgresSearch()
    return SqliteSearch()


def search(
    session: Session, *, terms: Terms, as_of: datetime | None = None, page: int = 1
) -> Page[SearchHit]:
    """Page `page` of the confirmed positions matching `terms`, best first.

    Withdrawn positions do not match; with `as_of`, the statements made by then, as they
    stood then (one withdrawn later still matches, as other as-of answers show it).
    """
    backend = backend_for(session)
    live = select(col(Position.id)).where(counts_at(Position, as_of))
    if as_of is not None:
        live = live.where(col(Position.stated_at) <= as_of)
    query, rank = backend.restrict(session, live, terms=terms)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    check_page(page, total=total, size=PAGE_SIZE)
    ranked = query.add_columns(rank.label("rank")).order_by(
        rank.desc(), col(Position.stated_at).desc(), col(Position.id).desc()
    )
    ids = [
        row[0] for row in session.execute(ranked.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))
    ]
    marked = backend.marked(session, ids=ids, terms=terms)
    hits = _hits(session, ids=ids, marked=marked)
    return Page(items=tuple(hits), number=page, size=PAGE_SIZE, total=total)


def _hits(session: Session, *, ids: list[int], marked: dict[int, MarkedFields]) -> list[SearchHit]:
    speaker = aliased(Actor)
    rows = session.exec(
        select(Position, Actor.name, Topic.name, speaker.name)
        .join(Actor, col(Actor.id) == col(Position.actor_id))
        .join(Topic, col(Topic.id) == col(Position.topic_id))
        .outerjoin(speaker, col(speaker.id) == col(Position.speaker_id))
        .where(col(Position.id).in_(ids))
    ).all()
    found = {position.id: (position, actor, topic, voice) for position, actor, topic, voice in rows}
    hits = []
    for position_id in ids:
        position, actor, topic, voice = found[position_id]
        fields = marked.get(position_id) or MarkedFields(
            summary=position.summary,
            quotes="\n".join(position.quotes),
            conditions="\n".join(position.conditions),
        )
        hits.append(
            SearchHit(
                id=position_id,
                actor=actor,
                topic=topic,
                stance=position.stance,
                stated_at=position.stated_at,
                speaker=voice,
                pieces=pieces(fields),
                withdrawn_later=position.status == PositionStatus.RETRACTED,
            )
        )
    return hits
