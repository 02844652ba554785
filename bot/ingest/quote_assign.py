"""Assign a speaker to a quote an ingest could credit to nobody (`assign <id>`).

The reporter gets the add form prefilled with the quote and the article's link and date,
picks the speaker, topic and stance, and the statement is recorded through the form's own
path, linked to the article. The quote row then points at the position, once: a second
assignment (or two at once) is refused.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.alerts import queue_alerts
from bot.errors import UserError
from bot.positions import Kept, PositionForm, record_form
from store import AuditEvent, Position, Source, UncreditedQuote


@dataclass(frozen=True)
class Assignment:
    """The prefilled form for one uncredited quote, and what saving it keeps."""

    quote_id: int
    form: PositionForm
    keep: Kept
    title: str  # the article's title ("": none recorded, as for pasted text)
    outlet: str  # its outlet ("": none recorded)


def assignment_form(
    session: Session, *, quote_id: int, zone: ZoneInfo, now: datetime
) -> Assignment:
    """The add form prefilled from quote `quote_id`; a UserError if it is unknown or taken."""
    row = session.get(UncreditedQuote, quote_id)
    if row is None:
        raise UserError(
            f"There is no quote {quote_id} waiting for a speaker.",
            hint="Ingesting an article lists the quotes it could not credit: ingest <url>",
        )
    if row.assigned_position_id is not None:
        raise _taken(quote_id, row.assigned_position_id)
    source = session.get(Source, row.source_id)
    assert source is not None
    published = source.published_at
    today = now.astimezone(zone).date()
    stated_on = published.astimezone(zone).date() if published else None
    url = source.url or ""
    form = PositionForm(
        actor="", topic="", stance="", quote=row.quote, url=url, stated_on=stated_on
    )
    # Undated: the moment is the form's own (today unless the reporter gives the day).
    keep = Kept(
        actor_id=0,
        stated_at=published or now,
        stated_on=stated_on or today,
        url=url,
        source_id=source.id,
        speaker_id=None,
        quote=row.quote,
        quotes=(row.quote,),
    )
    return Assignment(
        quote_id=quote_id, form=form, keep=keep, title=source.title, outlet=source.outlet or ""
    )


def assign_quote(
    session: Session,
    *,
    quote_id: int,
    form: PositionForm,
    user: str,
    zone: ZoneInfo,
    now: datetime,
    request_id: str | None = None,
) -> Position:
    """Record the filled-in form as the quote's statement, in the caller's transaction.

    Raises FormErrors naming each field to fix, or UserError if the quote was assigned
    meanwhile; nothing is written then.
    """
    assignment = assignment_form(session, quote_id=quote_id, zone=zone, now=now)
    position = record_form(
        session,
        form=form,
        recorded_by=user,
        zone=zone,
        now=now,
        request_id=request_id,
        keep=assignment.keep,
    )
    claimed = session.execute(
        update(UncreditedQuote)
        .where(
            col(UncreditedQuote.id) == quote_id,
            col(UncreditedQuote.assigned_position_id).is_(None),
        )
        .values(assigned_position_id=position.id)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        winner = session.exec(
            select(UncreditedQuote.assigned_position_id).where(UncreditedQuote.id == quote_id)
        ).first()
        raise _taken(quote_id, winner)
    queue_alerts(session, [position], now=now)  # a new statement, as `add` records one
    session.add(
        AuditEvent(
            user=user,
            action="position.assigned",
            subject="position",
            subject_id=position.id,
            request_id=request_id,
            detail={"uncredited_quote": quote_id, "source_id": assignment.keep.source_id},
        )
    )
    return position


def _taken(quote_id: int, position_id: int | None) -> UserError:
    shown = f" (#{position_id})" if position_id is not None else ""
    return UserError(
        f"Quote {quote_id} is already assigned{shown}.",
        hint=f"Change what it says with: correct #{position_id}" if position_id else "",
    )
