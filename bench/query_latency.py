"""Latency of `/stance` answers as the position history grows (SQLite).

For each size (default 10k, 100k and 1M positions) this builds a database the way a
deployment would have it (Alembic migrations, the reference seed), bulk-loads generated
history (see bench/dataset.py) and times two commands through `Dispatcher.handle`, the full
core path (parse, name resolution, queries, Block Kit building):

    /stance putin on ceasefire    one actor's latest position on one topic
    /stance topic ceasefire       every actor's latest position on one topic (200 actors)

Run: `python -m bench.query_latency [--sizes 10000,100000,1000000] [--repeat 200]`.
"""

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy
from rich.console import Console
from rich.table import Table

from bench.dataset import PAIRS, Build, build_database
from bench.timing import PROBES, Latency, measure

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
DEFAULT_REPEAT = 200
DEFAULT_WARMUP = 20


def run(
    sizes: Sequence[int], *, repeat: int, warmup: int, keep: Path | None, analyze: bool
) -> tuple[list[Build], list[Latency]]:
    """Build every size, then measure them together; databases go to `keep` or a temp dir."""
    console = Console(stderr=True, soft_wrap=True)
    builds: list[Build] = []
    with tempfile.TemporaryDirectory(prefix="standpoint-bench-") as scratch:
        folder = keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        paths = {size: folder / f"bench-{size}.db" for size in sizes}
        for size, path in paths.items():
            _remove_database(path)
            console.print(f"building {size:,} positions in {path} …")
            builds.append(build_database(path, size, analyze=analyze))
            console.print(f"  built in {builds[-1].seconds:.1f} s")
        console.print(f"timing {len(PROBES)} commands x {repeat} calls at each size …")
        latencies = measure(paths, warmup=warmup, repeat=repeat)
    return builds, latencies


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def environment_lines(*, analyze: bool) -> list[str]:
    """Where the numbers come from: machine, Python, SQLite."""
    return [
        f"Machine: {platform.platform()} ({platform.machine()}), {os.cpu_count()} CPUs",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}",
        f"Planner statistics: {'ANALYZE run after load' if analyze else 'none (no ANALYZE)'}",
    ]


def build_table(builds: Sequence[Build]) -> Table:
    """One row per generated database."""
    table = Table(title="Databases")
    for name in ("positions", "load s", "board actors", "Putin/ceasefire history", "file MB"):
        table.add_column(name, justify="right")
    for build in builds:
        table.add_row(
            f"{build.positions:,}",
            f"{build.seconds:.1f}",
            str(build.board_actors),
            str(build.putin_history),
            f"{build.megabytes:,.0f}",
        )
    return table


def latency_table(latencies: Sequence[Latency], *, repeat: int) -> Table:
    """p50/p99 per command and size, with p50 relative to the smallest size."""
    base_size = min(latency.size for latency in latencies)
    table = Table(title=f"Core latency of Dispatcher.handle ({repeat} calls each)")
    table.add_column("positions", justify="right")
    table.add_column("command")
    table.add_column("p50 ms", justify="right")
    table.add_column("p99 ms", justify="right")
    table.add_column(f"p50 vs {_short(base_size)}", justify="right")
    table.add_column("full GCs", justify="right")
    for number, probe in enumerate(PROBES):
        if number:
            table.add_section()
        rows = sorted((x for x in latencies if x.probe == probe), key=lambda x: x.size)
        base = next(x.p50_ms for x in rows if x.size == base_size)
        for latency in rows:
            table.add_row(
                f"{latency.size:,}",
                probe.label,
                f"{latency.p50_ms:.2f}",
                f"{latency.p99_ms:.2f}",
                f"{latency.p50_ms / base:.2f}x",
                str(latency.full_gcs),
            )
    return table


def _short(size: int) -> str:
    for factor, suffix in ((1_000_000, "M"), (1_000, "k")):
        if size % factor == 0:
            return f"{size // factor}{suffix}"
    return f"{size:,}"


def parse_sizes(text: str) -> list[int]:
    """'10000,100k,1M' -> [10000, 100000, 1000000]; each must cover every pair at least once."""
    sizes = []
    for item in text.split(","):
        item = item.strip().lower()
        factor = {"k": 1_000, "m": 1_000_000}.get(item[-1:], 1)
        digits = item[:-1] if factor > 1 else item
        try:
            size = int(digits) * factor
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a size: {item!r}") from None
        if size < PAIRS:
            raise argparse.ArgumentTypeError(
                f"{size:,} is too small: the grid has {PAIRS:,} actor/topic pairs"
            )
        sizes.append(size)
    return sorted(set(sizes))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.query_latency", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        help="comma-separated position counts (k/M suffixes allowed); default 10k,100k,1M",
    )
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help="timed calls")
    parser.add_argument("--warmup", type=int, default=DEFAULT_WARMUP, help="untimed calls")
    parser.add_argument("--keep", type=Path, help="build the databases in DIR and keep them")
    # Off by default: nothing in the app runs ANALYZE, so a real deployment plans its
    # queries without sqlite_stat1. The flag shows whether statistics would change that.
    parser.add_argument(
        "--analyze", action="store_true", help="run ANALYZE after loading (the app never does)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be at least 1 and --warmup not negative")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Build, measure, print."""
    args = parse_args(argv)
    # Wide enough for the table when piped (rich assumes 80 columns off a terminal).
    console = Console(width=None if sys.stdout.isatty() else 110)
    for line in environment_lines(analyze=args.analyze):
        console.print(line, highlight=False)
    builds, latencies = run(
        args.sizes, repeat=args.repeat, warmup=args.warmup, keep=args.keep, analyze=args.analyze
    )
    console.print(build_table(builds))
    console.print(latency_table(latencies, repeat=args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
