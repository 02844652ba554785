"""Edit an ingested candidate before confirming it: the add form, prefilled, replaces it.

The same path serves Slack's modal (the candidate's Edit button, or `edit #7`) and the
shell's prompts, so a candidate edited anywhere is discarded and its corrected statement
recorded in one transaction.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.errors import UserError
from bot.grammar import stated_conditions
from bot.ingest.candidates.review import review_candidate
from bot.ingest.new_speakers import adopt_for_correction
from bot.ingest.topic_choice import PLACEHOLDER
from bot.positions import PositionForm, record_form
from store import Actor, Draft, DraftStatus, Position, PositionStatus, Source, Topic


def edits_candidate(session: Session, *, number: int, subject: str | None) -> bool:
    """Whether `edit <number>` means candidate #number (else draft D<number>).

    `#7` is a candidate, `D7` a draft; a bare 7 is the pending draft if there is one, else
    the candidate waiting for review if there is one.
    """
    if subject is not None:
        return subject == "position"
    draft = session.get(Draft, number)
    if draft is not None and draft.status == DraftStatus.PENDING:
        return False
    candidate = session.get(Position, number)
    return candidate is not None and candidate.status == PositionStatus.PROPOSED


def candidate_form(session: Session, *, position_id: int, zone: ZoneInfo) -> PositionForm:
    """The add form prefilled with candidate #position_id (UserError if it isn't one)."""
    position = session.get(Position, position_id)
    if position is None or position.status != PositionStatus.PROPOSED:
        raise UserError(
            f"There is no candidate #{position_id} waiting for review.",
            hint="Ingest an article to get candidates: ingest <url>",
        )
    actor = session.get(Actor, position.actor_id)
    topic = session.get(Topic, position.topic_id)
    source = session.get(Source, position.source_id) if position.source_id else None
    return PositionForm(
        actor=actor.name if actor else "",
        topic=topic.name if topic and topic.name != PLACEHOLDER else "",
        stance=position.stance.value,
        quote=position.quotes[0],
        summary=position.summary,
        conditions=stated_conditions(position.conditions, stated=position.conditions_stated),
        # The article's link and date stay with the edit (undated: the reporter's).
        url=source.url or "" if source else "",
        stated_on=(
            None
            if source is None or source.published_at is None
            else position.stated_at.astimezone(zone).date()
        ),
    )


def replace_candidate_with_form(
    session: Session,
    *,
    candidate_id: int,
    form: PositionForm,
    user: str,
    zone: ZoneInfo,
    now: datetime,
    request_id: str | None = None,
) -> Position:
    """Discard the candidate and record the edited statement, in the caller's transaction."""
    adopt_for_correction(
        session, candidate_id=candidate_id, typed_actor=form.actor, user=user, request_id=request_id
    )
    review_candidate(
        session, position_id=candidate_id, confirm=False, user=user, request_id=request_id
    )
    return record_form(
        session, form=form, recorded_by=user, zone=zone, now=now, request_id=request_id
    )
