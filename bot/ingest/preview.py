"""What an ingest would propose, recording nothing: for `standpoint ingest FILE|URL`.

It runs the real ingest (same extractor, verification, topics and dates as Slack and the
shell) and rolls the session back, so the preview never drifts from what a reporter gets.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.ingest.candidates.propose import ingest_text
from bot.ingest.topic_choice import PLACEHOLDER
from bot.llm import LLM
from store import Actor, Position, Source, Topic

PREVIEW_USER = "preview"  # never stored: the session is rolled back


@dataclass(frozen=True)
class PreviewCandidate:
    """One candidate: who (a tracked actor, or a proposed new one), the quote and where it is."""

    speaker: str
    actor_id: int | None  # None: a proposed new actor
    actor_name: str
    new_actor_role: str | None
    quote: str
    start: int
    end: int
    topic: str | None
    stance: str | None  # None: no guess
    stated_at: datetime | None  # None: the article states no date
    problems: tuple[str, ...] = ()  # why it can't be confirmed as it is (the speaker lock)

    def as_json(self) -> dict[str, Any]:
        """The JSON shape docs/ingest.md documents."""
        tracked = self.actor_id is not None
        return {
            "speaker": self.speaker,
            "actor": {"id": self.actor_id, "name": self.actor_name} if tracked else None,
            "new_actor": None
            if tracked
            else {"name": self.actor_name, "role": self.new_actor_role},
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "topic": self.topic,
            "stance": self.stance,
            "stated_at": self.stated_at.isoformat() if self.stated_at else None,
            "problems": list(self.problems),
        }


@dataclass(frozen=True)
class Preview:
    """The article's source facts and its candidates, with what was left out."""

    outlet: str | None  # None: none recorded (pasted text without a wire dateline)
    title: str
    url: str | None
    published_at: datetime | None
    extractor: str
    candidates: list[PreviewCandidate] = field(default_factory=list)
    unverifiable: int = 0
    unknown: list[str] = field(default_factory=list)
    already: int = 0
    # Quotations nobody could be credited with: (quote, start); end is start + len(quote).
    uncredited: list[tuple[str, int]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The JSON shape docs/ingest.md documents."""
        published = self.published_at.isoformat() if self.published_at else None
        return {
            "source": {
                "outlet": self.outlet,
                "title": self.title,
                "url": self.url,
                "published_at": published,
            },
            "extractor": self.extractor,
            "candidates": [candidate.as_json() for candidate in self.candidates],
            "dropped": {
                "unverifiable": self.unverifiable,
                "unknown": sorted(set(self.unknown)),
                "already_recorded": self.already,
            },
            "uncredited": [
                {"quote": quote, "start": start, "end": start + len(quote)}
                for quote, start in self.uncredited
            ],
        }


def preview_ingest(
    session: Session,
    *,
    text: str,
    url: str | None,
    title: str,
    outlet: str | None,
    published_at: datetime | None,
    llm: LLM | None,
    zone: ZoneInfo,
    now: datetime,
) -> Preview:
    """The candidates an ingest of this article would propose; the session is rolled back."""
    try:
        report = ingest_text(
            session,
            text=text,
            url=url,
            title=title,
            outlet=outlet,
            llm=llm,
            recorded_by=PREVIEW_USER,
            now=now,
            published_at=published_at,
            zone=zone,
        )
        source = session.get(Source, report.source_id)
        assert source is not None
        taken: set[int] = set()
        candidates = [
            _candidate(
                session,
                position,
                text=text,
                taken=taken,
                no_guess=report.no_guess,
                dated=report.published_at is not None,
                problems=report.problems.get(position.id or 0, []),
            )
            for position in report.candidates
        ]
        return Preview(
            outlet=source.outlet or None,
            title=source.title,
            url=source.url,
            published_at=report.published_at,
            extractor=report.extractor,
            candidates=candidates,
            unverifiable=report.unverifiable,
            unknown=list(report.unknown),
            already=report.already,
            uncredited=[(row.quote, row.start) for row in report.uncredited],
        )
    finally:
        session.rollback()


def _candidate(
    session: Session,
    position: Position,
    *,
    text: str,
    taken: set[int],
    no_guess: set[int],
    dated: bool,
    problems: list[str],
) -> PreviewCandidate:
    actor = session.get(Actor, position.actor_id)
    assert actor is not None
    speaker = session.get(Actor, position.speaker_id) if position.speaker_id else None
    topic = session.get(Topic, position.topic_id) if position.topic_id is not None else None
    quote = position.quotes[0]
    start = _offset(text, quote, taken)
    return PreviewCandidate(
        speaker=(speaker or actor).name,
        actor_id=None if actor.proposed else actor.id,
        actor_name=actor.name,
        new_actor_role=(actor.description or None) if actor.proposed else None,
        quote=quote,
        start=start,
        end=start + len(quote) if start >= 0 else -1,
        topic=topic.name if topic and topic.name != PLACEHOLDER else None,  # reporter chooses
        stance=None if position.id in no_guess else position.stance.value,
        stated_at=position.stated_at if dated else None,  # else a placeholder, not a date
        problems=tuple(problems),
    )


def _offset(text: str, quote: str, taken: set[int]) -> int:
    """The first occurrence of `quote` not already given to another candidate (-1: none)."""
    start = text.find(quote)
    while start in taken:
        start = text.find(quote, start + 1)
    if start >= 0:
        taken.add(start)
    return start
