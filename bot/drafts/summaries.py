"""`summarize <topic>`: draft "where things stand" from the stored positions, for approval."""

from datetime import datetime, timedelta

from sqlmodel import Session

from bot import positions
from bot.catalog import resolve_topic
from bot.drafts.drafting import OFFLINE_DRAFTER, llm_summary, offline_summary
from bot.drafts.evidence.gather import gather, names_by_actor
from bot.drafts.states import create_draft, create_failed_draft
from bot.errors import UserError
from bot.llm import LLM, LLMFailure
from store import Draft, DraftKind


def summarize(
    session: Session,
    *,
    topic_query: str,
    llm: LLM | None,
    requested_by: str,
    channel_id: str | None,
    now: datetime,
    ttl: timedelta,
    request_id: str | None = None,
) -> Draft:
    """A pending summary draft (or a failed one, if the LLM gave no usable answer)."""
    # Part of a topic's name ("europe's role") names it here as in answers.
    topic = resolve_topic(session, query=topic_query, partial=True)
    views = positions.topic_board(session, topic_id=topic.id)
    if not views:
        raise UserError(
            f"No positions are recorded on {topic.name} yet, so there is nothing to summarize."
        )
    ids = [view.id for view in views]
    try:
        if llm:
            text = llm_summary(llm, topic=topic.name, views=views)
        else:
            text = offline_summary(
                topic=topic.name,
                views=views,
                evidence=gather(session, position_ids=ids),
                actor_names=names_by_actor(session),
            )
    except LLMFailure as failure:
        return create_failed_draft(
            session,
            kind=DraftKind.SUMMARY,
            title=f"Where things stand: {topic.name}",
            drafter=f"LLM ({llm.name})" if llm else OFFLINE_DRAFTER,
            error=failure.message,
            requested_by=requested_by,
            channel_id=channel_id,
            now=now,
            topic_id=topic.id,
            request_id=request_id,
        )
    return create_draft(
        session,
        kind=DraftKind.SUMMARY,
        text=text,
        evidence_ids=ids,
        requested_by=requested_by,
        channel_id=channel_id,
        now=now,
        ttl=ttl,
        topic_id=topic.id,
        request_id=request_id,
    )
