"""Digest build time: 500 channels x 20 topics, all due at the same slot, one `run_due`.

A migrated, seeded SQLite file gets 20 generated topics, 50 actors and 2,000 confirmed
positions recorded after the schedules were created (so every channel has changes), and 500
DigestSchedule rows that each follow all 20 topics at 07:00 UTC. `DigestDesk.run_due(now=
slot+5min)` is timed end to end: plan, claim, changes since, fact lines, the offline
narrative, the draft with its citation check, and showing the card on an in-memory poster.

Run: `python -m bench.digest_build [--channels 500] [--positions 2000]`.
"""

import argparse
import hashlib
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from bench.dataset import migrated_sqlite
from bot.settings import Settings
from handlers.assemble import assemble
from handlers.blocks import Message
from store import (
    Actor,
    ActorKind,
    DigestRun,
    DigestSchedule,
    Draft,
    Position,
    PositionStatus,
    Source,
    Stance,
    Topic,
    make_engine,
    unit_of_work,
)

SLOT = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # a Wednesday
TOPICS = 20
ACTORS = 50


@dataclass
class NullPoster:
    """A CardPoster that only remembers what it was asked to do."""

    calls: list[tuple[str, object]] = field(default_factory=list)

    def show_card(self, draft: Draft) -> tuple[str, str] | None:
        """Pretend the card went to the approvers' channel."""
        self.calls.append(("show_card", draft.id))
        return "CAPPROVERS", f"{len(self.calls)}.000100"

    def update_card(self, draft: Draft) -> None:
        """Nothing to update."""
        self.calls.append(("update_card", draft.id))

    def publish(self, draft: Draft) -> str:
        """Pretend it was posted."""
        self.calls.append(("publish", draft.id))
        return f"{len(self.calls)}.000200"

    def post_note(self, channel_id: str, message: Message) -> str:
        """Pretend the note was posted."""
        self.calls.append(("post_note", channel_id))
        return f"{len(self.calls)}.000300"


@dataclass(frozen=True)
class DigestResult:
    """One timed run_due."""

    channels: int
    positions: int
    seconds: float
    drafted: int
    cards: int

    @property
    def per_channel_ms(self) -> float:
        """Milliseconds per channel."""
        return self.seconds * 1000 / self.channels


def populate(url: str, *, channels: int, positions: int) -> None:
    """Topics, actors, recent positions and the schedules, through the app's own models."""
    created = SLOT - timedelta(hours=12)
    engine = make_engine(url)
    with unit_of_work(engine) as session:
        topics = [Topic(name=f"Digest topic {n}", created_at=created) for n in range(TOPICS)]
        actors = [
            Actor(name=f"Digest actor {n}", kind=ActorKind.PERSON, created_at=created)
            for n in range(ACTORS)
        ]
        source = Source(outlet="Bench Wire", title="Bench article", created_at=created)
        session.add_all([*topics, *actors, source])
        session.flush()
        stances = list(Stance)
        actor_ids = [a.id for a in actors if a.id is not None]
        topic_ids = [t.id for t in topics if t.id is not None]
        for n in range(positions):
            at = created + timedelta(seconds=(n + 1) * 12 * 3600 // (positions + 1))
            actor, topic = n % ACTORS, (n // ACTORS) % TOPICS
            session.add(
                Position(
                    actor_id=actor_ids[actor],
                    topic_id=topic_ids[topic],
                    stance=stances[n % len(stances)],
                    summary=f"Digest position {n}.",
                    quotes=[f"Statement {n} by actor {actor} on topic {topic}."],
                    source_id=source.id,
                    stated_at=at,
                    recorded_by="bench",
                    recorded_at=at,
                    status=PositionStatus.CONFIRMED,
                    dedupe_key=hashlib.sha256(f"digest|{n}".encode()).hexdigest(),
                )
            )
        for n in range(channels):
            session.add(
                DigestSchedule(
                    channel_id=f"CDIGEST{n:05d}",
                    hour=SLOT.hour,
                    minute=SLOT.minute,
                    tz="UTC",
                    days="mon-sun",
                    topics=topic_ids,
                    created_by="bench",
                    created_at=created,
                )
            )
    engine.dispose()


def run(*, channels: int = 500, positions: int = 2000) -> DigestResult:
    """Build the database, then time one run_due over every channel."""
    with tempfile.TemporaryDirectory(prefix="standpoint-digest-") as scratch:
        url = migrated_sqlite(Path(scratch) / "digest.db")
        populate(url, channels=channels, positions=positions)
        engine = make_engine(url)
        settings = Settings(_env_file=None, database_url=url)  # no OpenAI key: offline drafter
        poster = NullPoster()
        desks = assemble(
            engine=engine, settings=settings, poster=poster, is_approver=lambda _: True
        )
        started = time.perf_counter()
        told = desks.digests.run_due(now=SLOT + timedelta(minutes=5))
        seconds = time.perf_counter() - started
        with unit_of_work(engine) as session:
            drafted = len(
                session.exec(select(DigestRun).where(DigestRun.status == "drafted")).all()
            )
        engine.dispose()
    failed = [line for line in told if "failed" in line]
    if failed or drafted != channels:
        raise AssertionError(f"{drafted}/{channels} drafted; failures: {failed[:3]}")
    cards = sum(1 for call, _ in poster.calls if call == "show_card")
    return DigestResult(channels, positions, seconds, drafted, cards)


def main(argv: list[str] | None = None) -> int:
    """Time it and print one line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.digest_build", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--positions", type=int, default=2000)
    args = parser.parse_args(argv)
    result = run(channels=args.channels, positions=args.positions)
    print(
        f"{result.channels} channels x {TOPICS} topics, {result.positions} positions: "
        f"{result.seconds:.1f} s, {result.per_channel_ms:.1f} ms/channel, {result.cards} cards"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
