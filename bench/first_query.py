"""First-query penalty: the 1st and the 10th answer of a fresh process, with and without warm-up.

Each mode runs in its own fresh interpreter (dateparser and SQLAlchemy caches are per process)
on a migrated, seeded SQLite file: it builds the real dispatcher, runs `warm_up` (as
`standpoint serve` and `standpoint shell` do) or not, then times ten answers of each question.

Run: `python -m bench.first_query`.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

QUESTIONS = (
    "putin on ceasefire as of 1 March 2025",
    "topic ceasefire",
    "search frozen conflict",
    "putn on ceasefire",
)
ANSWERS = 10


def child(url: str, *, warm: bool) -> dict[str, list[float]]:
    """In this (fresh) process: ms per answer, ANSWERS times per question."""
    from bot.settings.model import Settings
    from handlers.desks.commands import Dispatcher
    from handlers.serving.startup import warm_up
    from store import make_engine

    engine = make_engine(url)
    dispatcher = Dispatcher(engine=engine, settings=Settings(database_url=url))
    if warm:
        warm_up(dispatcher=dispatcher, engine=engine)
    times: dict[str, list[float]] = {}
    for question in QUESTIONS:
        for _ in range(ANSWERS):
            started = time.perf_counter()
            dispatcher.handle(question, user="bench")
            times.setdefault(question, []).append((time.perf_counter() - started) * 1000)
    return times


def measure() -> dict[str, dict[str, list[float]]]:
    """Per mode (cold, warm): ms per answer for every question."""
    from bench.dataset import migrated_sqlite

    results = {}
    with tempfile.TemporaryDirectory(prefix="standpoint-first-") as scratch:
        url = migrated_sqlite(Path(scratch) / "first.db")
        for mode in ("cold", "warm"):
            done = subprocess.run(  # noqa: S603  (this module, in a fresh interpreter)
                [sys.executable, "-m", "bench.first_query", "--child", mode, url],
                capture_output=True,
                text=True,
                check=True,
                cwd=scratch,
                env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
                timeout=300,
            )
            results[mode] = json.loads(done.stdout.splitlines()[-1])
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Print the 1st and 10th answer per question, cold and warmed up."""
    parser = argparse.ArgumentParser(prog="python -m bench.first_query", description=__doc__)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, url = args.child
        print(json.dumps(child(url, warm=mode == "warm")))
        return 0
    results = measure()
    for question in QUESTIONS:
        cold, warm = results["cold"][question], results["warm"][question]
        print(
            f"{question!r}: no warm-up 1st {cold[0]:.1f} ms, 10th {cold[-1]:.1f} ms; "
            f"after warm-up 1st {warm[0]:.1f} ms, 10th {warm[-1]:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
