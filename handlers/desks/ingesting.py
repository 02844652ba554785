"""Ingest on the drafts desk: candidate positions from an article, and the reporter's review.

With the model, each ingest is within the workspace's budget and the person's rate (see
draft_limits); `ingest offline …` uses the offline extractor whatever the budget.
"""

from datetime import datetime

from sqlmodel import select

from bot.dates import parse_stated
from bot.grammar import Ingest, Review
from bot.ingest import fetch_article, ingest_text, review_candidate
from bot.llm import LLM
from handlers.blocks import Message, candidates_message, reviewed_message, with_uncredited
from handlers.desks.draft_limits import model_for
from handlers.desks.upkeep import WorkspaceDesk
from store import Actor, Topic, unit_of_work


class IngestDesk(WorkspaceDesk):
    """The drafts desk's ingest and review (DraftDesk sets the engine, settings and model)."""

    llm: LLM | None

    def ingest(
        self, command: Ingest, *, user: str, now: datetime, request_id: str | None = None
    ) -> Message:
        """Candidate positions from a URL or pasted text, for the reporter to review."""
        source = command.source.strip()
        settings = self.settings
        with model_for(
            None if command.offline else self.llm,
            engine=self.engine,
            settings=settings,
            user=user,
            purpose="ingest",
            fallback="offline extractor",
            hint=f"Try: {settings.command} ingest offline "
            + (source if _is_url(source) else "followed by the same text"),
        ) as llm:
            return self._ingest(source, llm=llm, user=user, now=now, request_id=request_id)

    def _ingest(
        self, source: str, *, llm: LLM | None, user: str, now: datetime, request_id: str | None
    ) -> Message:
        if _is_url(source):
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
                llm=llm,
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


def _is_url(source: str) -> bool:
    return " " not in source and source.casefold().startswith(("http://", "https://"))
