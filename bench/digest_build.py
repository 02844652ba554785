"""Digest build time: 500 channels, all due at the same slot, one `run_due`.

A migrated, seeded SQLite file gets 20 generated topics, 50 actors and 2,000 confirmed
positions recorded after the schedules were created (so every channel has changes), and 500
DigestSchedule rows at 07:00 UTC that each follow all 20 topics (`same`) or each a different
set of three (`spread`). `DigestDesk.run_due(now=slot+5min)` is timed end to end: plan,
claim, changes since, fact lines, the offline narrative, the citation check, the stored
content (one row per distinct build, which each draft points at), the draft, and showing the
card on an in-memory poster. The baseline, in the same run, is the way it
was before a tick shared its builds: `run_due(schedule_id=…)` once per channel (a fresh
build each) over the first `--baseline` channels.

Run: `python -m bench.digest_build [--channels 500] [--positions 2000] [--baseline 20]`.
"""

import argparse
import hashlib
import itertools
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from bench.dataset import migrated_sqlite
from bot.settings.model import Settings
from handlers.blocks import Message
from handlers.desks.assembly import assemble
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
    spread: bool = False
    baseline_channels: int = 0
    baseline_seconds: float = 0.0

    @property
    def per_channel_ms(self) -> float:
        """Milliseconds per channel."""
        return self.seconds * 1000 / self.channels

    @property
    def baseline_ms(self) -> float:
        """Milliseconds per channel, one fresh build per channel (0 when not measured)."""
        return (
            self.baseline_seconds * 1000 / self.baseline_channels if self.baseline_channels else 0.0
        )


def topic_sets(channels: int, *, spread: bool) -> list[list[int]]:
    """Indexes of the topics each channel follows: all of them, or a distinct three each."""
    if not spread:
        return [list(range(TOPICS))] * channels
    combos = list(itertools.combinations(range(TOPICS), 3))
    random.Random(13).shuffle(combos)
    return [list(c) for c in combos[:channels]]


def populate(url: str, *, channels: int, positions: int, spread: bool = False) -> None:
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
        for n, followed in enumerate(topic_sets(channels, spread=spread)):
            session.add(
                DigestSchedule(
                    channel_id=f"CDIGEST{n:05d}",
                    hour=SLOT.hour,
                    minute=SLOT.minute,
                    tz="UTC",
                    days="mon-sun",
                    topics=[topic_ids[i] for i in followed],
                    created_by="bench",
                    created_at=created,
                )
            )
    engine.dispose()


def run(
    *, channels: int = 500, positions: int = 2000, spread: bool = False, baseline: int = 0
) -> DigestResult:
    """Build the database, time the baseline's channels one by one, then one run_due over the
    rest (the baseline's are claimed already, so each channel is drafted once)."""
    with tempfile.TemporaryDirectory(prefix="standpoint-digest-") as scratch:
        url = migrated_sqlite(Path(scratch) / "digest.db")
        populate(url, channels=channels, positions=positions, spread=spread)
        engine = make_engine(url)
        settings = Settings(_env_file=None, database_url=url)  # no OpenAI key: offline drafter
        poster = NullPoster()
        desks = assemble(
            engine=engine, settings=settings, poster=poster, is_approver=lambda _: True
        )
        with unit_of_work(engine) as session:
            ids = [s.id for s in session.exec(select(DigestSchedule)).all() if s.id is not None]
        told: list[str] = []
        started = time.perf_counter()
        for schedule_id in sorted(ids)[:baseline]:
            told += desks.digests.run_due(now=SLOT + timedelta(minutes=5), schedule_id=schedule_id)
        baseline_seconds = time.perf_counter() - started
        started = time.perf_counter()
        told += desks.digests.run_due(now=SLOT + timedelta(minutes=5))
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
    timed = channels - min(baseline, channels)
    return DigestResult(
        timed, positions, seconds, drafted, cards, spread, min(baseline, channels), baseline_seconds
    )


def main(argv: list[str] | None = None) -> int:
    """Time it and print one line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.digest_build", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--positions", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=20)
    args = parser.parse_args(argv)
    for spread in (False, True):
        result = run(
            channels=args.channels, positions=args.positions, spread=spread, baseline=args.baseline
        )
        print(
            f"{'different' if spread else 'same'} topics, {result.positions} positions: "
            f"{result.channels} channels in one tick {result.seconds:.1f} s, "
            f"{result.per_channel_ms:.1f} ms/channel; baseline (one build per channel, "
            f"{result.baseline_channels} channels) {result.baseline_ms:.1f} ms/channel; "
            f"{result.cards} cards"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
