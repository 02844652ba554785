"""The drafts desk: summarize, pending, approve/reject, audit — for any transport.

A transport supplies a CardPoster (Slack, or the terminal); everything else is shared.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from bot.catalog import resolve_topic
from bot.dates import parse_stated
from bot.drafts import Approvals, Poster, audit_trail, overdue_drafts, pending_drafts, summarize
from bot.errors import UserError
from bot.grammar import Decide, Ingest, Review
from bot.ingest import fetch_article, ingest_text, review_candidate
from bot.llm import LLM
from bot.paging import page_of
from bot.settings import Settings
from handlers.blocks import (
    Message,
    audit_message,
    candidates_message,
    escape,
    pending_message,
    reviewed_message,
    section,
    with_reading,
    with_uncredited,
)
from store import Actor, Draft, DraftStatus, Topic, unit_of_work


class CardPoster(Poster, Protocol):
    """A Poster that can also show a new draft's card and post plain notes."""

    def show_card(self, draft: Draft) -> tuple[str, str] | None:
        """Send the card to the approvers' place; None when there is no place to keep."""

    def post_note(self, channel_id: str, message: Message) -> str:
        """Post a message built from the store (no approval needed); returns a receipt."""


def make_llm(
    settings: Settings, *, observe: Callable[[float, str | None], None] | None = None
) -> LLM | None:
    """The configured LLM, or None (the offline drafter) when no key is set."""
    if settings.openai_api_key is None:
        return None
    return LLM(
        api_key=settings.openai_api_key.get_secret_value(),
        base_url=settings.openai_base_url,
        model=settings.model,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_retries,
        observe=observe,
    )


class DraftDesk:
    """Drafts for one database, LLM and CardPoster."""

    def __init__(
        self,
        *,
        engine: Engine,
        settings: Settings,
        poster: CardPoster,
        is_approver: Callable[[str], bool],
        llm: LLM | None,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.poster = poster
        self.llm = llm
        self.approvals = Approvals(
            engine=engine,
            poster=poster,
            is_approver=is_approver,
            approvers_configured=bool(settings.approver_ids),
        )

    def summarize(
        self,
        topic: str,
        *,
        user: str,
        channel_id: str | None,
        now: datetime,
        request_id: str | None = None,
    ) -> Message:
        """Draft a summary, show its card to the approvers, and tell the requester where it is."""
        ttl = timedelta(hours=self.settings.draft_ttl_hours)
        with unit_of_work(self.engine) as session:
            named = resolve_topic(session, query=topic, partial=True)  # "europe's role" too
            draft = summarize(
                session,
                topic_query=topic,
                llm=self.llm,
                requested_by=user,
                channel_id=channel_id,
                now=now,
                ttl=ttl,
                request_id=request_id,
            )
            topic_name = _topic_name(session, draft.topic_id)
        self.show(draft)
        if draft.status == DraftStatus.FAILED:
            text = f"⚠️ Couldn't draft a summary of {topic_name}: {draft.error}"
        elif draft.problems:
            text = f"📝 Draft D{draft.id} is ready, but it needs editing before it can be approved."
        else:
            text = f"📝 Draft D{draft.id} is waiting for approval."
        return with_reading(Message(text=text, blocks=[section(escape(text))]), names=[named])

    def retry(self, draft_id: int, *, user: str, channel_id: str | None, now: datetime) -> Message:
        """Draft a failed summary again (a new draft; the failed one stays as it was)."""
        with unit_of_work(self.engine) as session:
            failed = session.get(Draft, draft_id)
            if failed is None or failed.status != DraftStatus.FAILED or failed.topic_id is None:
                raise UserError(f"Draft D{draft_id} has nothing to retry.")
            topic = _topic_name(session, failed.topic_id)
        return self.summarize(topic, user=user, channel_id=channel_id or failed.channel_id, now=now)

    def expire_overdue(self, *, now: datetime) -> int:
        """Mark every overdue pending draft expired and update its card; returns how many."""
        with unit_of_work(self.engine) as session:
            overdue = overdue_drafts(session, now=now)
        return sum(self.approvals.expire(draft, now=now) for draft in overdue)

    def pending(self, *, now: datetime, page: int = 1) -> Message:
        """One page of what waits for a decision; overdue drafts are marked expired on the way."""
        self.expire_overdue(now=now)
        with unit_of_work(self.engine) as session:
            drafts = pending_drafts(session, now=now)
        return pending_message(page_of(drafts, number=page), command=self.settings.command)

    def decide(
        self, command: Decide, *, user: str, now: datetime, request_id: str | None = None
    ) -> Message:
        """The text twins of Approve and Reject."""
        if command.verb == "approve":
            told = self.approvals.approve(
                command.draft_id, version=None, user=user, now=now, request_id=request_id
            )
        else:
            told = self.approvals.reject(
                command.draft_id,
                version=None,
                user=user,
                reason=command.reason,
                now=now,
                request_id=request_id,
            )
        return Message(text=told, blocks=[section(escape(told))])

    def ingest(
        self, command: Ingest, *, user: str, now: datetime, request_id: str | None = None
    ) -> Message:
        """Candidate positions from a URL or pasted text, for the reporter to review."""
        source = command.source.strip()
        is_url = " " not in source and source.casefold().startswith(("http://", "https://"))
        if is_url:
            article = fetch_article(source, allow_private=self.settings.fetch_allow_private)
            text, url, title, outlet = article.text, article.url, article.title, article.outlet
            article_date = article.published_at
        else:
            text, url, title, outlet, article_date = source, None, "", None, None
        with unit_of_work(self.engine) as session:
            report = ingest_text(
                session,
                text=text,
                url=url,
                title=title,
                outlet=outlet,
                llm=self.llm,
                recorded_by=user,
                now=now,
                request_id=request_id,
                published_at=article_date,
                zone=self.settings.zone,
            )
            actors = [a for a in session.exec(select(Actor)).all() if a.id is not None]
            names = {a.id: a.name for a in actors if a.id is not None}
            new_actors = {a.id: (a.name, a.description) for a in actors if a.id and a.proposed}
            names |= {-t.id: t.name for t in session.exec(select(Topic)).all() if t.id is not None}
        answer = candidates_message(
            title=title,
            candidates=report.candidates,
            names=names,
            unverifiable=report.unverifiable,
            unknown=report.unknown,
            already=report.already,
            extractor=report.extractor,
            command=self.settings.command,
            no_guess=report.no_guess,
            new_actors=new_actors,
            dated=report.published_at is not None,
            topic_choices=report.topic_choices,
            problems=report.problems,
        )
        return with_uncredited(answer, report.uncredited, command=self.settings.command)

    def review(
        self, command: Review, *, user: str, now: datetime, request_id: str | None = None
    ) -> Message:
        """Confirm or discard one candidate."""
        confirm = command.verb == "confirm"
        stated = command.stated and parse_stated(
            command.stated, zone=self.settings.zone, now=now, date_order=self.settings.date_order
        )
        with unit_of_work(self.engine) as session:
            position = review_candidate(
                session,
                position_id=command.position_id,
                confirm=confirm,
                user=user,
                request_id=request_id,
                stated_at=stated or None,
                topic=command.topic,
                stance=command.stance,
            )
        return reviewed_message(position, confirmed=confirm, candidate_id=command.position_id)

    def audit(self, draft_id: int) -> Message:
        """Every recorded transition of one draft."""
        with unit_of_work(self.engine) as session:
            draft = session.get(Draft, draft_id)
            if draft is None:
                raise UserError(f"There is no draft D{draft_id}.")
            return audit_message(draft, audit_trail(session, draft_id=draft_id))

    def show(self, draft: Draft) -> None:
        """Show a new draft's card and remember where it is."""
        where = self.poster.show_card(draft)
        if where is None:
            return
        # Where the card is shown is not a decision: no version bump, no compare-and-set.
        # Column-wise, so a digest of 2,000 claims is not loaded back twice to note it.
        with unit_of_work(self.engine) as session:
            session.execute(
                update(Draft)
                .where(col(Draft.id) == draft.id)
                .values(card_channel=where[0], card_ts=where[1])
            )
        draft.card_channel, draft.card_ts = where
        with unit_of_work(self.engine) as session:
            version = session.exec(select(Draft.version).where(Draft.id == draft.id)).first()
        # A decision taken before the card's place was stored could not update the card;
        # whichever side commits second sees the other's write, so one of us updates it.
        if version is not None and version != draft.version:
            with unit_of_work(self.engine) as session:
                fresh = session.get(Draft, draft.id)
            if fresh is not None:
                self.poster.update_card(fresh)


def _topic_name(session: Session, topic_id: int | None) -> str:
    topic = session.get(Topic, topic_id) if topic_id is not None else None
    return topic.name if topic else "that topic"
