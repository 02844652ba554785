"""Alerts: what queueing costs a recording, and how fast a send pass fans out.

On a seeded SQLite database (migrations, the reference seed):
- **record**: a quick-add shift on a pair nobody follows (baseline) beside one whose actor
  500 channels follow (each gets an alert row in the same transaction), interleaved, median;
- **fan-out**: one send pass delivering that shift to the 500 channels through an in-memory
  poster (claims, names, message building; no network, no pacing): total and per follower;
- **fan-out over a slow network**: the same pass with each post taking an emulated Slack round
  trip, one follower at a time (baseline) and on `--parallel` threads (as `serve` does);
- **burst**: 40 shifts for one follower sent as one grouped message.

Run: `python -m bench.alerts [--followers 500] [--runs 15]`.
"""

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine

from bot.alerts.follows import Follower
from bot.grammar import AddStatement
from bot.positions.recording import add_statement
from bot.settings.model import Settings
from handlers.blocks import Message
from handlers.desks.alerts import AlertDesk
from seeds import load_reference_seed
from store import Follow, Stance, make_engine, unit_of_work, upgrade, utcnow

STANCES = (Stance.SUPPORTS, Stance.OPPOSES)


class SlowPoster:
    """An AlertPoster that takes a Slack-like round trip per message (emulated latency)."""

    def __init__(self, *, seconds: float) -> None:
        self.seconds = seconds
        self.messages = 0
        self._lock = threading.Lock()

    def post_alert(self, follower: Follower, message: Message) -> str:
        time.sleep(self.seconds)  # the network round trip being emulated, not a wait for a result
        with self._lock:
            self.messages += 1
        return "ts"


class CountingPoster:
    """An AlertPoster that keeps nothing but a count (the network is not what is measured)."""

    def __init__(self) -> None:
        self.messages = 0
        self.blocks = 0

    def post_alert(self, follower: Follower, message: Message) -> str:
        self.messages += 1
        self.blocks += len(message.blocks)
        return f"{self.messages}"


def _add(engine: Engine, actor: str, topic: str, run: int) -> float:
    statement = AddStatement(
        actor=actor, topic=topic, stance=STANCES[run % 2], quote=f"Statement number {run}."
    )
    started = time.perf_counter()
    with unit_of_work(engine) as session:
        add_statement(session, statement=statement, recorded_by="bench", stated_at=utcnow())
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    """Print the three measurements with their baselines."""
    parser = argparse.ArgumentParser(prog="python -m bench.alerts", description=__doc__)
    parser.add_argument("--followers", type=int, default=500)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--parallel", type=int, default=8, help="STANDPOINT_WORKERS in serve")
    parser.add_argument("--round-trip-ms", type=float, default=20.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'alerts.db'}"
        engine = make_engine(url)
        upgrade(engine)
        with unit_of_work(engine) as session:
            load_reference_seed(session)
        with unit_of_work(engine) as session:
            for index in range(args.followers):
                session.add(
                    Follow(
                        team_id="T0BENCH",
                        target=f"C{index:08d}",
                        target_kind="channel",
                        subject="actor:1",
                        actor_id=1,
                        created_by="bench",
                    )
                )
        settings = Settings(_env_file=None, database_url=url)
        poster = CountingPoster()
        desk = AlertDesk(
            engine=engine, settings=settings, poster=poster, instance="bench", settle_seconds=0
        )
        quiet, followed = [], []
        for run in range(args.runs):
            quiet.append(_add(engine, "trump", "ceasefire", run))
            followed.append(_add(engine, "putin", "ceasefire", run))
            if run < args.runs - 1:
                desk.send_due()  # keep the queue to one shift per follower
        poster.messages = 0
        started = time.perf_counter()
        desk.send_due()
        fan_out = time.perf_counter() - started
        sent = poster.messages
        round_trips = {}
        for step, parallel in enumerate((1, args.parallel)):
            slow = SlowPoster(seconds=args.round_trip_ms / 1000)
            slow_desk = AlertDesk(
                engine=engine,
                settings=settings,
                poster=slow,
                instance="bench",
                settle_seconds=0,
                parallel=parallel,
            )
            _add(engine, "putin", "ceasefire", args.runs + step)  # a shift from the last one
            started = time.perf_counter()
            slow_desk.send_due()
            round_trips[parallel] = (time.perf_counter() - started, slow.messages)
        with unit_of_work(engine) as session:
            session.add(
                Follow(
                    team_id="T0BENCH",
                    target="C0BURST",
                    target_kind="channel",
                    subject="topic:1",
                    topic_id=1,
                    created_by="bench",
                )
            )
        for run in range(40):
            _add(engine, "ukraine", "ceasefire", run + 1)
        poster.messages = poster.blocks = 0
        started = time.perf_counter()
        desk.send_due()
        burst = time.perf_counter() - started
        engine.dispose()
    base, ours = statistics.median(quiet) * 1000, statistics.median(followed) * 1000
    print(f"record a shift, nobody following: {base:.2f} ms (median of {args.runs})")
    print(
        f"record a shift, {args.followers} followers: {ours:.2f} ms ({ours / base:.2f}x; "
        f"{args.followers} alert rows in the same transaction)"
    )
    print(
        f"send pass: {sent} followers in {fan_out * 1000:.0f} ms "
        f"({fan_out * 1000 / max(sent, 1):.2f} ms per follower, in-memory poster)"
    )
    (one, one_sent), (many, many_sent) = round_trips[1], round_trips[args.parallel]
    print(
        f"send pass with a {args.round_trip_ms:.0f} ms Slack round trip: {one_sent} followers "
        f"in {one:.1f} s one at a time, {many_sent} in {many:.1f} s on {args.parallel} threads "
        f"({one / many:.1f}x faster)"
    )
    print(
        f"burst: 40 shifts for one follower → {poster.messages} message "
        f"({poster.blocks} blocks) in {burst * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
