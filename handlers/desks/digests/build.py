"""A digest's content, built once per tick for each topic set and window and shared.

Five hundred desks following the same topics at 07:00 would otherwise each query the same
changes, write and check the same fact lines, ask the LLM the same question and store the same
evidence. A `Tick` lives for one `run_due` (one unit of work per channel still claims and
drafts its own run), so nothing cached here outlives the tick or can go stale across replicas.

Before building, the desk tells the tick what it expects (`expect`): then each window (since,
until) is read once for every topic its channels follow, with its evidence gathered and each
fact line written and judged once, and each topic set's digest is cut from it. What a build
says is fixed as one `Snapshot` (hashed once), which every channel's draft points at.
"""

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from bot.digests import fact_checks, fact_claims, topic_changes
from bot.drafts import (
    Checked,
    Claim,
    Evidence,
    Snapshot,
    check_against,
    gather,
    joined,
    llm_summary,
    names_by_actor,
    snapshot,
)
from bot.llm import LLM, LLMFailure, SpendRefused
from bot.positions import PositionView

log = logging.getLogger(__name__)

OFFLINE = "offline drafter (no LLM used for this digest)"

Window = tuple[datetime, datetime]


@dataclass(frozen=True)
class Built:
    """One digest's content: the changes, the narrative and fact claims, and as stored."""

    views: list[PositionView]
    facts: list[Claim]
    narrative: tuple[Claim, ...]
    drafter: str
    content: Snapshot | None


@dataclass
class Tick:
    """Builds shared by every channel in one scheduler tick (or one `digest now`)."""

    llm: LLM | None
    builds: dict[tuple[frozenset[int], datetime, datetime], Built] = field(default_factory=dict)
    # Per window, the topics its expected channels follow (None: one follows every topic).
    wanted: dict[Window, set[int] | None] = field(default_factory=dict)
    windows: dict[Window, list[tuple[int, PositionView]]] = field(default_factory=dict)
    evidence: dict[int, Evidence] = field(default_factory=dict)
    facts: dict[int, Claim] = field(default_factory=dict)
    checks: dict[int, Checked] = field(default_factory=dict)
    names: Mapping[str, Sequence[str]] | None = None

    def expect(self, topic_ids: Iterable[int], *, since: datetime, until: datetime) -> None:
        """A channel following `topic_ids` will ask for (since, until]."""
        window, topics = (since, until), set(topic_ids)
        if window in self.wanted and self.wanted[window] is None:
            return
        self.wanted[window] = (self.wanted.get(window) or set()) | topics if topics else None

    def build(
        self, session: Session, *, topic_ids: list[int], since: datetime, until: datetime
    ) -> Built:
        """The digest for `topic_ids` over (since, until], built on first asking."""
        key = (frozenset(topic_ids), since, until)
        if key not in self.builds:
            self.builds[key] = self._build(session, topic_ids=topic_ids, since=since, until=until)
        return self.builds[key]

    def _build(
        self, session: Session, *, topic_ids: list[int], since: datetime, until: datetime
    ) -> Built:
        views = self._changes(session, topic_ids=topic_ids, since=since, until=until)
        if not views:
            return Built(views=[], facts=[], narrative=(), drafter=OFFLINE, content=None)
        self._prepare(session, views)
        ids = [v.id for v in views]
        narrative, drafter = self._narrative(views)
        assert self.names is not None
        parts = [self.checks[i] for i in ids]
        if narrative:
            told = check_against(
                narrative, evidence=self.evidence, actor_names=self.names, evidence_ids=ids
            )
            parts.insert(0, told)
        return Built(
            views=views,
            facts=[self.facts[i] for i in ids],
            narrative=narrative,
            drafter=drafter,
            content=snapshot(joined(parts, evidence_ids=ids)),
        )

    def _changes(
        self, session: Session, *, topic_ids: list[int], since: datetime, until: datetime
    ) -> list[PositionView]:
        """The window's changes on `topic_ids`: cut from the window as read for every topic
        expected in it, or read alone when this topic set was not expected."""
        window = (since, until)
        wanted = self.wanted.get(window, set())
        if wanted is not None and not (topic_ids and set(topic_ids) <= wanted):
            pairs = topic_changes(session, topic_ids=topic_ids, since=since, until=until)
            return [view for _, view in pairs]
        if window not in self.windows:
            read = sorted(wanted) if wanted is not None else []
            self.windows[window] = topic_changes(session, topic_ids=read, since=since, until=until)
            self._prepare(session, [view for _, view in self.windows[window]])
        followed = set(topic_ids)
        return [view for topic, view in self.windows[window] if not followed or topic in followed]

    def _prepare(self, session: Session, views: list[PositionView]) -> None:
        """Evidence, the fact line and its check for each view not seen yet in this tick."""
        if self.names is None:
            self.names = names_by_actor(session)
        new = [v for v in views if v.id not in self.checks]
        if not new:
            return
        self.evidence.update(gather(session, position_ids=[v.id for v in new]))
        claims = fact_claims(new, evidence=self.evidence, actor_names=self.names)
        self.facts.update((v.id, c) for v, c in zip(new, claims, strict=True))
        self.checks.update(fact_checks(new, claims, evidence=self.evidence, actor_names=self.names))

    def _narrative(self, views: list[PositionView]) -> tuple[tuple[Claim, ...], str]:
        """The model's claims over the changes (checked like any draft), or none offline."""
        if self.llm is not None:
            try:
                text = llm_summary(self.llm, topic="the channel's topics", views=views)
                return text.claims, text.drafter
            except LLMFailure as failure:
                log.warning(
                    "digest narrative: LLM failed (%s); using the offline drafter", failure.kind
                )
            except SpendRefused:
                log.warning("digest narrative: the model budget is used up; offline drafter")
        return (), OFFLINE
