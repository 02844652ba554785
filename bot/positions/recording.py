"""Record statements: append a Position that supersedes the previous one, with an audit row."""

import hashlib
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit

from sqlmodel import Session, col, select

from bot.alerts import queue_alerts
from bot.catalog import resolve_actor, resolve_topic
from bot.errors import BadCommand, DuplicateStatement
from bot.grammar import AddStatement
from bot.text import normalize_quote
from store import ActorTopic, AuditEvent, Position, PositionStatus, Source, Stance, utcnow


def record_statement(
    session: Session,
    *,
    actor_id: int,
    topic_id: int,
    stance: Stance,
    quotes: Sequence[str],
    recorded_by: str,
    stated_at: datetime,
    summary: str = "",
    conditions: Sequence[str] | None = None,
    source_id: int | None = None,
    speaker_id: int | None = None,
    status: PositionStatus = PositionStatus.CONFIRMED,
    request_id: str | None = None,
) -> Position:
    """Append a position. Raises DuplicateStatement if the same statement is already stored.

    `conditions` None: the statement did not say its conditions (they stay as last stated);
    an empty list: it said there are none.
    """
    clean_quotes = [q.strip() for q in quotes if q.strip()]
    if not clean_quotes:
        raise BadCommand("A position needs the verbatim quote it rests on.")
    key = dedupe_key(actor_id=actor_id, topic_id=topic_id, stated_at=stated_at, quotes=clean_quotes)
    existing = session.exec(
        select(Position.id).where(
            Position.dedupe_key == key, Position.status != PositionStatus.RETRACTED
        )
    ).first()
    if existing is not None:
        raise DuplicateStatement(position_id=existing)
    previous = session.exec(
        select(Position.id)
        .where(
            Position.actor_id == actor_id,
            Position.topic_id == topic_id,
            Position.status == PositionStatus.CONFIRMED,
            col(Position.stated_at) <= stated_at,
        )
        .order_by(col(Position.stated_at).desc(), col(Position.id).desc())
        .limit(1)
    ).first()
    position = Position(
        actor_id=actor_id,
        topic_id=topic_id,
        stance=stance,
        summary=summary.strip(),
        conditions=[c.strip() for c in conditions or () if c.strip()],
        conditions_stated=conditions is not None,
        quotes=clean_quotes,
        source_id=source_id,
        speaker_id=speaker_id,
        stated_at=stated_at,
        recorded_by=recorded_by,
        recorded_at=utcnow(),
        status=status,
        supersedes_id=previous,
        dedupe_key=key,
    )
    session.add(position)
    if session.get(ActorTopic, (actor_id, topic_id)) is None:
        session.add(ActorTopic(actor_id=actor_id, topic_id=topic_id))
    session.flush()
    session.add(
        AuditEvent(
            user=recorded_by,
            action="position.recorded",
            subject="position",
            subject_id=position.id,
            request_id=request_id,
            detail={
                "stance": stance.value,
                "supersedes": previous,
                "status": status.value,
                "conditions_stated": conditions is not None,
            },
        )
    )
    return position


def dedupe_key(*, actor_id: int, topic_id: int, stated_at: datetime, quotes: Sequence[str]) -> str:
    """Same actor, topic, day and quotes: the same statement."""
    day = stated_at.date().isoformat()
    text = "\x1f".join(normalize_quote(q).casefold() for q in quotes)
    return hashlib.sha256(f"{actor_id}|{topic_id}|{day}|{text}".encode()).hexdigest()


def source_for(
    session: Session,
    *,
    url: str | None,
    outlet: str | None = None,
    title: str = "",
    published_at: datetime | None = None,
    text: str | None = None,
) -> Source | None:
    """The stored Source for this URL (or article text), created on first use."""
    digest = hashlib.sha256(text.encode()).hexdigest() if text else None
    if url is None and digest is None:
        return None
    match = col(Source.url) == url if url else col(Source.text_sha256) == digest
    found = session.exec(select(Source).where(match)).first()
    if found is not None:
        return found
    source = Source(
        outlet=outlet or outlet_from_url(url),
        url=url,
        title=title,
        published_at=published_at,
        text_sha256=digest,
        text=text,
    )
    session.add(source)
    session.flush()
    return source


def outlet_from_url(url: str | None) -> str:
    """'https://www.reuters.com/x' -> 'reuters.com'; '' (no outlet recorded) with no URL."""
    if not url:
        return ""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def add_statement(
    session: Session,
    *,
    statement: AddStatement,
    recorded_by: str,
    stated_at: datetime,
    request_id: str | None = None,
) -> Position:
    """A reporter's statement, by the names they typed: resolve, then record."""
    actor = resolve_actor(session, query=statement.actor)
    topic = resolve_topic(session, query=statement.topic)
    source = source_for(session, url=statement.url)
    position = record_statement(
        session,
        actor_id=actor.id,
        topic_id=topic.id,
        stance=statement.stance,
        quotes=[statement.quote],
        summary=statement.summary,
        conditions=statement.conditions,
        source_id=source.id if source else None,
        stated_at=stated_at,
        recorded_by=recorded_by,
        request_id=request_id,
    )
    queue_alerts(session, [position], now=position.recorded_at)
    return position
