"""What an export holds: a board, a history or the record of positions, as rows.

A board is every actor's latest confirmed stance on a topic (as `/stance topic` shows it);
a history is an actor's confirmed positions on a topic, oldest first; `positions` is the
record: every confirmed position and every withdrawn one (retracted, corrected or merged), by
the day it was stated, optionally from a day on. Ingest candidates, awaiting review or
discarded, were never positions and are not exported.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, or_
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from bot.catalog import resolve_actor, resolve_topic
from bot.dates import parse_since
from bot.errors import BadCommand, BadDate
from bot.exports.formats import FORMATS, Row, render
from bot.grammar import Export
from bot.positions import Before, change_words, classify_change, previous_of, topic_board
from store import Actor, Position, PositionRetraction, PositionStatus, Source, Topic

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class ExportFile:
    """One export, ready to write or upload."""

    name: str  # a safe file name, e.g. standpoint-board-us-ceasefire-proposal-2026-11-25.csv
    title: str  # what it is, for people: "Board: US ceasefire proposal"
    data: bytes
    rows: int


def build_export(
    session: Session, *, request: Export, zone: ZoneInfo, now: datetime, date_order: str = "DMY"
) -> ExportFile:
    """The file `request` asks for. Raises UserError for unknown names or bad dates."""
    if request.format not in FORMATS:
        raise BadCommand(f"“{request.format[:20]}” isn't a format.", hint="Use csv or json.")
    if request.what == "board":
        topic = resolve_topic(session, query=request.topic)
        rows = board_rows(session, topic_id=topic.id)
        title, slug = f"Board: {topic.name}", f"board-{_slug(topic.name, topic.id)}"
    elif request.what == "history":
        actor = resolve_actor(session, query=request.actor)
        topic = resolve_topic(session, query=request.topic)
        rows = history_rows(session, actor_id=actor.id, topic_id=topic.id)
        title = f"History: {actor.name} on {topic.name}"
        slug = f"history-{_slug(actor.name, actor.id)}-on-{_slug(topic.name, topic.id)}"
    elif request.what == "positions":
        since = (
            since_start(request.since, zone=zone, now=now, date_order=date_order)
            if request.since
            else None
        )
        rows = positions_rows(session, since=since)
        title, slug = "Positions", "positions"
        if since is not None:
            title += f" stated since {since:%-d %b %Y}"
            slug += f"-since-{since.date().isoformat()}"
    else:
        raise BadCommand("Export a board, a history or positions.")
    today = now.astimezone(zone).date().isoformat()
    return ExportFile(
        name=f"standpoint-{slug}-{today}.{request.format}",
        title=title,
        data=render(rows, format=request.format),
        rows=len(rows),
    )


def board_rows(session: Session, *, topic_id: int) -> list[Row]:
    """Every actor's latest confirmed position on the topic, in the board's order."""
    order = [view.id for view in topic_board(session, topic_id=topic_id)]
    found = {row["position_id"]: row for row in _rows(session, col(Position.id).in_(order))}
    return [found[position_id] for position_id in order]


def history_rows(session: Session, *, actor_id: int, topic_id: int) -> list[Row]:
    """An actor's confirmed positions on a topic, oldest first."""
    return _rows(
        session,
        col(Position.actor_id) == actor_id,
        col(Position.topic_id) == topic_id,
        col(Position.status) == PositionStatus.CONFIRMED,
    )


def positions_rows(session: Session, *, since: datetime | None = None) -> list[Row]:
    """Every confirmed and withdrawn position (stated on or after `since`), oldest first."""
    # A withdrawn position has its withdrawal row; a retracted candidate (discarded, or
    # replaced when confirmed with a date or topic) has none: it was never a position.
    withdrawn = (
        sa_select(col(PositionRetraction.position_id))
        .where(col(PositionRetraction.position_id) == Position.id)
        .exists()
    )
    where: list[ColumnElement[bool]] = [
        or_(
            col(Position.status) == PositionStatus.CONFIRMED,
            (col(Position.status) == PositionStatus.RETRACTED) & withdrawn,
        )
    ]
    if since is not None:
        where.append(col(Position.stated_at) >= since)
    return _rows(session, *where)


def since_start(text: str, *, zone: ZoneInfo, now: datetime, date_order: str = "DMY") -> datetime:
    """The first instant of the day (or month, or year) `text` names: 2025-03-01, March 2025."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return parse_since(text, zone=zone, now=now, date_order=date_order)
    if day > now.astimezone(zone).date():
        raise BadDate(f"{day:%-d %b %Y} is in the future.", hint="Try a date like 2025-03-01.")
    return datetime.combine(day, time.min, tzinfo=zone)


def _rows(session: Session, *where: ColumnElement[bool]) -> list[Row]:
    speaker = aliased(Actor)
    query = (
        sa_select(
            Position,
            col(Actor.name),
            col(Topic.name),
            col(Source.outlet),
            col(Source.url),
            col(speaker.name),
        )
        .join(Actor, col(Actor.id) == Position.actor_id)
        .join(Topic, col(Topic.id) == Position.topic_id)
        .outerjoin(Source, col(Source.id) == Position.source_id)
        .outerjoin(speaker, col(speaker.id) == Position.speaker_id)
        .where(*where)
        .order_by(col(Position.stated_at), col(Position.id))
    )
    found = session.execute(query).all()
    # What changed is derived where every answer derives it (bot.positions.changes), for live rows.
    live = [row[0] for row in found if row[0].status == PositionStatus.CONFIRMED]
    before = previous_of(session, live)
    changes = {p.id: change_words(classify_change(p, before.get(p.id, Before()))) for p in live}
    return [_row(*row, change=changes.get(row[0].id, "")) for row in found]


def _row(
    position: Position,
    actor: str,
    topic: str,
    outlet: str | None,
    url: str | None,
    speaker: str | None,
    *,
    change: str,
) -> Row:
    return {
        "position_id": position.id,
        "actor": actor,
        "topic": topic,
        "stance": position.stance.value,
        "summary": position.summary,
        "conditions": list(position.conditions),
        "conditions_stated": position.conditions_stated,
        "quotes": list(position.quotes),
        "stated_on": position.stated_at.astimezone(UTC).date().isoformat(),
        "outlet": outlet or None,  # pasted text has no outlet: empty, never a made-up one
        "url": url,
        "speaker": speaker,
        "recorded_by": position.recorded_by,
        "recorded_at": position.recorded_at.astimezone(UTC).isoformat(timespec="seconds"),
        "status": position.status.value,
        "supersedes_id": position.supersedes_id,
        "change": change,
    }


def _slug(name: str, fallback: int) -> str:
    slug = _NOT_SLUG.sub("-", name.casefold()).strip("-")[:50].strip("-")
    return slug or str(fallback)
