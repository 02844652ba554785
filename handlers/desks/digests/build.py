"""A digest's content, built once per tick for each topic set and window and shared.

Five hundred desks following the same topics at 07:00 would otherwise each query the same
changes, write and check the same fact lines and ask the LLM the same question. A `Tick`
lives for one `run_due` (one unit of work per channel still claims and drafts its own run),
so nothing cached here outlives the tick or can go stale across replicas.
"""

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from bot.digests import changes_since, fact_claims
from bot.drafts import (
    Checked,
    Claim,
    Evidence,
    check_against,
    gather,
    llm_summary,
    names_by_actor,
    render,
)
from bot.llm import LLM, LLMFailure
from bot.positions import PositionView

log = logging.getLogger(__name__)

OFFLINE = "offline drafter (no LLM used for this digest)"


@dataclass(frozen=True)
class Built:
    """One digest's content: the changes, the narrative and fact claims, and their check."""

    views: list[PositionView]
    facts: list[Claim]
    narrative: tuple[Claim, ...]
    drafter: str
    checked: Checked | None
    facts_text: str = ""


@dataclass
class Tick:
    """Builds shared by every channel in one scheduler tick (or one `digest now`)."""

    llm: LLM | None
    builds: dict[tuple[frozenset[int], datetime, datetime], Built] = field(default_factory=dict)
    evidence: dict[int, Evidence] = field(default_factory=dict)
    facts: dict[int, Claim] = field(default_factory=dict)
    names: Mapping[str, Sequence[str]] | None = None

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
        views = changes_since(session, topic_ids=topic_ids, since=since, until=until)
        if not views:
            return Built(views=[], facts=[], narrative=(), drafter=OFFLINE, checked=None)
        if self.names is None:
            self.names = names_by_actor(session)
        missing = [v.id for v in views if v.id not in self.evidence]
        self.evidence.update(gather(session, position_ids=missing))
        new = [v for v in views if v.id not in self.facts]
        for view, claim in zip(
            new, fact_claims(new, evidence=self.evidence, actor_names=self.names), strict=True
        ):
            self.facts[view.id] = claim
        facts = [self.facts[v.id] for v in views]
        narrative, drafter = self._narrative(views)
        checked = check_against(
            (*narrative, *facts),
            evidence=self.evidence,
            actor_names=self.names,
            evidence_ids=[v.id for v in views],
        )
        return Built(
            views=views,
            facts=facts,
            narrative=narrative,
            drafter=drafter,
            checked=checked,
            facts_text=render(facts),
        )

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
        return (), OFFLINE
