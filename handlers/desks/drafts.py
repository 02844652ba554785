"""The drafts desk: summarize, pending, approve/reject, audit — for any transport.

A transport supplies a CardPoster (Slack, or the terminal); everything else is shared.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from bot.catalog import Named, resolve_topic
from bot.drafts import Approvals, Poster, audit_trail, overdue_drafts, pending_drafts, summarize
from bot.errors import UserError
from bot.grammar import Decide, Ingest, Pending, RetryDraft, Review, Summarize
from bot.llm import LLM
from bot.paging import page_of
from bot.settings import Settings
from handlers.blocks import (
    Message,
    already_writing_message,
    audit_message,
    escape,
    pending_message,
    section,
    with_reading,
)
from handlers.desks.draft_limits import model_for, one_writer
from handlers.desks.ingesting import IngestDesk
from store import Draft, DraftStatus, Topic, unit_of_work, utcnow


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


class DraftDesk(IngestDesk):
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
        self.defaults = settings
        self.poster = poster
        self.llm = llm
        self.approvals = Approvals(
            engine=engine,
            poster=poster,
            is_approver=is_approver,
            approvers_configured=lambda: bool(self.settings.approver_ids),
        )

    def run(
        self,
        command: Summarize | Pending | Decide | Ingest | Review | RetryDraft,
        *,
        user: str,
        request_id: str | None,
        now: datetime,
        channel_id: str | None,
    ) -> Message:
        """One drafts command, as any transport received it."""
        match command:
            case Summarize():
                return self.summarize(
                    command.topic,
                    user=user,
                    channel_id=channel_id,
                    now=now,
                    request_id=request_id,
                    offline=command.offline,
                )
            case Pending():
                return self.pending(now=now, page=command.page)
            case Decide():
                return self.decide(command, user=user, now=now, request_id=request_id)
            case RetryDraft():
                # channel_id=None: the new draft goes where the failed one was asked for,
                # as the card's Retry button does, wherever this command was typed.
                return self.retry(command.draft_id, user=user, channel_id=None, now=now)
            case Ingest():
                return self.ingest(command, user=user, now=now, request_id=request_id)
            case Review():
                return self.review(command, user=user, now=now, request_id=request_id)

    def summarize(
        self,
        topic: str,
        *,
        user: str,
        channel_id: str | None,
        now: datetime,
        request_id: str | None = None,
        offline: bool = False,
    ) -> Message:
        """Draft a summary, show its card to the approvers, and tell the requester where it is.

        With the model: one summary per topic and place at a time (a second request is pointed
        to the first), within the workspace's budget and the person's rate."""
        llm = None if offline else self.llm
        if llm is None:
            return self._told(
                *self._draft(topic, llm=None, user=user, channel_id=channel_id, now=now)
            )
        settings = self.settings
        with unit_of_work(self.engine) as session:
            named = resolve_topic(session, query=topic, partial=True)
        place = channel_id or user
        with one_writer(
            self.engine, settings=settings, topic_id=named.id, place=place, user=user
        ) as writing:
            if not writing.mine:
                return already_writing_message(
                    topic=named.name,
                    by=writing.requested_by,
                    seconds_ago=int((utcnow() - writing.started_at).total_seconds()),
                    in_channel=channel_id is not None,
                    approval_channel=settings.approval_channel,
                )
            hint = f"Try: {settings.command} summarize {named.name} offline"
            with model_for(
                llm,
                engine=self.engine,
                settings=settings,
                user=user,
                purpose="summary",
                fallback="offline drafter",
                hint=hint,
            ) as metered:
                drafted = self._draft(
                    topic,
                    llm=metered,
                    user=user,
                    channel_id=channel_id,
                    now=now,
                    request_id=request_id,
                )
        # Shown once it is no longer being written: a Retry on its card starts another.
        return self._told(*drafted)

    def _draft(
        self,
        topic: str,
        *,
        llm: LLM | None,
        user: str,
        channel_id: str | None,
        now: datetime,
        request_id: str | None = None,
    ) -> tuple[Draft, Named, str]:
        ttl = timedelta(hours=self.settings.draft_ttl_hours)
        with unit_of_work(self.engine) as session:
            named = resolve_topic(session, query=topic, partial=True)  # "europe's role" too
            draft = summarize(
                session,
                topic_query=topic,
                llm=llm,
                requested_by=user,
                channel_id=channel_id,
                now=now,
                ttl=ttl,
                request_id=request_id,
            )
            topic_name = _topic_name(session, draft.topic_id)
        return draft, named, topic_name

    def _told(self, draft: Draft, named: Named, topic_name: str) -> Message:
        """Show the new draft's card, and tell the requester where it is."""
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
