"""Timing `Dispatcher.handle` calls: percentiles, interleaved batches, full-GC counts."""

import gc
import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.dataset import BENCH_USER
from bot.settings.model import Settings
from handlers.blocks import Message
from handlers.desks.commands import Dispatcher
from handlers.serving.startup import settle_heap
from store import make_engine

BATCH = 10  # timed calls in a row per size and command before moving to the next


@dataclass(frozen=True)
class Probe:
    """One timed command and a name its answer must mention (so garbage can't be fast)."""

    label: str
    text: str
    must_mention: str


PROBES = (
    Probe("/stance putin on ceasefire", "putin on ceasefire", "Vladimir Putin"),
    # The board's first page (20 of its 200 actors) opens with the generated "Actor …" rows.
    Probe("/stance topic ceasefire", "topic ceasefire", "US ceasefire proposal: Actor"),
)


@dataclass(frozen=True)
class Latency:
    """Timings of one command at one size, in nanoseconds."""

    size: int
    probe: Probe
    samples: list[int]
    full_gcs: int  # CPython generation-2 collections during the timed calls

    @property
    def p50_ms(self) -> float:
        """Median latency in milliseconds."""
        return percentile(self.samples, 50) / 1e6

    @property
    def p99_ms(self) -> float:
        """99th-percentile latency in milliseconds."""
        return percentile(self.samples, 99) / 1e6


class FullGcCounter:
    """Counts CPython generation-2 collections that start while a timed call is running.

    The collector stays on, as in the app; counting its full collections says whether a
    p99 is the interpreter pausing rather than the database working.
    """

    def __init__(self) -> None:
        self.counts: Counter[tuple[int, Probe]] = Counter()
        self.timing: tuple[int, Probe] | None = None

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        """gc.callbacks hook."""
        if phase == "start" and info["generation"] == 2 and self.timing is not None:
            self.counts[self.timing] += 1


def time_call(
    dispatcher: Dispatcher, probe: Probe, gcs: FullGcCounter, key: tuple[int, Probe]
) -> int:
    """Nanoseconds for one `dispatcher.handle` call; the answer is checked after timing."""
    gcs.timing = key
    started = time.perf_counter_ns()
    message = dispatcher.handle(probe.text, user=BENCH_USER)
    elapsed = time.perf_counter_ns() - started
    gcs.timing = None
    # Outside the timed region, but on every answer: an error reply is fast garbage.
    check_answer(probe, message)
    return elapsed


def check_answer(probe: Probe, message: Message) -> None:
    """Fail loudly if the answer isn't a real one (Dispatcher turns errors into replies)."""
    if probe.must_mention not in message.text:
        raise AssertionError(
            f"{probe.label!r} answered without {probe.must_mention!r}: {message.text[:300]!r}"
        )


def percentile(samples: Sequence[int], pct: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least `pct`% at or below it."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(len(ordered) * pct / 100))
    return float(ordered[rank - 1])


def measure(paths: dict[int, Path], *, warmup: int, repeat: int) -> list[Latency]:
    """Time every probe against every database, interleaved in small batches.

    Interleaving means background load or CPU throttling during the run lands on every
    size alike instead of skewing the ratios. Each database gets a fresh engine, as the
    app makes at start-up.
    """
    urls = {size: f"sqlite:///{path}" for size, path in paths.items()}
    engines = {size: make_engine(url) for size, url in urls.items()}
    gcs = FullGcCounter()
    try:
        dispatchers = {
            size: Dispatcher(engine=engine, settings=Settings(database_url=urls[size]))
            for size, engine in engines.items()
        }
        settle_heap()  # as the app does once it has started
        keys = [(size, probe) for size in dispatchers for probe in PROBES]
        for size, probe in keys:
            for _ in range(warmup):
                check_answer(probe, dispatchers[size].handle(probe.text, user=BENCH_USER))
        samples: dict[tuple[int, Probe], list[int]] = {key: [] for key in keys}
        gc.callbacks.append(gcs)
        try:
            for start in range(0, repeat, BATCH):
                for key in keys:
                    size, probe = key
                    for _ in range(min(BATCH, repeat - start)):
                        samples[key].append(time_call(dispatchers[size], probe, gcs, key))
        finally:
            gc.callbacks.remove(gcs)
    finally:
        for engine in engines.values():
            engine.dispose()
    return [
        Latency(size, probe, samples[size, probe], gcs.counts[size, probe]) for size, probe in keys
    ]
