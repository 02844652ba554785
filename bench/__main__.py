"""Every benchmark in one run, one summary table: `python -m bench [--quick]`.

Ack latency and throughput at 10k, 100k and 1M positions on SQLite and (when an admin URL is
given by --postgres-url or STANDPOINT_BENCH_POSTGRES_URL) PostgreSQL; digest build for 500
channels; offline ingest of a 10,000-word article; idle memory of `standpoint serve --http`.
`--quick` is the CI smoke run: 10k only, fewer repeats, 50 channels.
"""

import argparse
import os
import platform
import sqlite3
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime

from rich.console import Console
from rich.table import Table

from bench import digest_build, idle_memory, ingest_speed, ladder, startup
from bench.ack_latency import AckResult, choose_backends, run
from bench.dataset_pg import ENV_URL, postgres_admin_url, server_version
from bench.http_servers import BARE, OURS


def machine_line(admin_url: str | None) -> str:
    """Platform, CPUs, Python, SQLite, PostgreSQL, date."""
    postgres = server_version(admin_url) if admin_url else "not used"
    return (
        f"{platform.platform()} ({platform.machine()}), {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"PostgreSQL {postgres}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )


def ack_rows(table: Table, results: Sequence[AckResult], *, clients: int) -> None:
    """Latency and throughput rows, Standpoint against the bare Bolt app."""
    by_key = {(r.backend, r.size, r.server): r for r in results}
    for backend, size in dict.fromkeys((r.backend, r.size) for r in results):
        ours, bare = by_key[backend, size, OURS], by_key[backend, size, BARE]
        data = f"{size:,} positions (load {ours.load_seconds:.0f} s)"
        table.add_row(
            "ack p50 / p99 ms",
            backend,
            data,
            f"{ours.p50_ms:.2f} / {ours.p99_ms:.2f}",
            f"{bare.p50_ms:.2f} / {bare.p99_ms:.2f}",
            f"{ours.p50_ms / bare.p50_ms:.2f}x",
        )
        table.add_row(
            f"throughput req/s ({clients} clients)",
            backend,
            data,
            f"{ours.rps:,.0f}",
            f"{bare.rps:,.0f}",
            f"{ours.rps / bare.rps:.2f}x",
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run everything, then print the machine line and the summary table."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k only, fewer repeats (CI)")
    parser.add_argument("--postgres-url", help=f"PostgreSQL admin URL (default: ${ENV_URL})")
    args = parser.parse_args(argv)
    quick = args.quick
    sizes = [10_000] if quick else [10_000, 100_000, 1_000_000]
    repeat, warmup, requests, clients = (50, 5, 100, 8) if quick else (200, 20, 400, 8)
    channels = 50 if quick else 500
    console = Console(width=None if sys.stdout.isatty() else 150)
    progress = Console(stderr=True)
    admin_url = postgres_admin_url(args.postgres_url)
    backends, skipped = choose_backends(None, admin_url)
    if skipped:
        progress.print(f"[yellow]{skipped}[/yellow]")
    started = time.perf_counter()

    progress.print(f"[bold]ack latency + throughput[/bold]: {', '.join(backends)} x {sizes}")
    acks = run(
        backends,
        sizes,
        admin_url=admin_url,
        repeat=repeat,
        warmup=warmup,
        requests=requests,
        clients=clients,
        console=progress,
    )
    progress.print(f"[bold]ladder of the pair answer[/bold]: {', '.join(backends)} x 10k")
    steps = ladder.run(backends, size=10_000, admin_url=admin_url, repeat=repeat, warmup=warmup)
    progress.print(f"[bold]digest build[/bold]: {channels} channels")
    baseline = 5 if quick else 20
    digests = [
        digest_build.run(channels=channels, spread=spread, baseline=baseline)
        for spread in (False, True)
    ]
    progress.print("[bold]offline ingest[/bold]")
    ingest = ingest_speed.run(runs=1 if quick else 3)
    progress.print("[bold]idle memory[/bold]")
    rss = idle_memory.measure()
    progress.print("[bold]start-up[/bold]")
    boot = startup.measure(runs=3 if quick else 7)

    title = f"Standpoint benchmarks{' (quick)' if quick else ''}"
    table = Table(title=title)
    for name in ("benchmark", "backend", "data", "Standpoint", "bare Bolt", "ratio"):
        table.add_column(
            name, justify="right" if name in {"Standpoint", "bare Bolt", "ratio"} else "left"
        )
    ack_rows(table, acks, clients=clients)
    table.add_section()
    for digest in digests:  # baseline: one fresh build per channel, as before ticks shared
        table.add_row(
            f"digest build ({'3 different' if digest.spread else 'the same 20'} topics each)",
            "sqlite",
            f"{digest.channels} channels, {digest.positions:,} new positions",
            f"{digest.seconds:.1f} s total, {digest.per_channel_ms:.0f} ms/channel",
            f"one build a channel: {digest.baseline_ms:.0f} ms/channel",
            f"{digest.per_channel_ms / digest.baseline_ms:.2f}x" if digest.baseline_ms else "",
        )
    table.add_row(
        "offline ingest",
        "sqlite",
        f"{ingest.words:,} words, {ingest.candidates} candidates",
        f"{ingest.seconds:.2f} s, {ingest.words_per_second:,.0f} words/s",
        "",
        "",
    )
    table.add_row("idle RSS, serve --http", "sqlite", "seeded database", f"{rss:.0f} MB", "", "")
    table.add_row(
        "standpoint --help (bare: python -c pass)",
        "",
        f"median of {boot.runs}",
        f"{boot.help_seconds:.2f} s",
        f"{boot.bare_seconds:.2f} s",
        f"{boot.help_seconds / boot.bare_seconds:.1f}x",
    )
    console.print(machine_line(admin_url), highlight=False, soft_wrap=True)
    if skipped:
        console.print(skipped, highlight=False)
    console.print(table)
    console.print(ladder.table(steps, size=10_000, repeat=repeat))
    console.print(
        f"ack: {repeat} latency requests per server (warm-up {warmup}), {requests} throughput "
        f"requests; wall time {time.perf_counter() - started:.0f} s",
        highlight=False,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
