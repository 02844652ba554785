"""HTTP ack latency and throughput: signed `/stance putin on ceasefire`, vs a bare Bolt app.

Both servers (bench/http_servers.py) run in this process on 127.0.0.1. Latency: requests
alternate between the two in batches over one keep-alive connection each, so machine noise
lands on both alike; the ratio is what Standpoint's own work costs on top of Bolt and HTTP
(parsing, name resolution, the query at N positions, Block Kit). Throughput: then C client
threads, each with its own keep-alive connection, send a fixed number of requests to one
server at a time; requests/second over the wall time. Clients share the process (and GIL)
with the servers, so the numbers are a comparison, not a capacity figure.

Run: `python -m bench.ack_latency [--sizes 1M] [--backend sqlite,postgres] [--repeat 300]`.
PostgreSQL needs an admin URL: `--postgres-url` or STANDPOINT_BENCH_POSTGRES_URL.
"""

import argparse
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.dataset import build_database
from bench.dataset_pg import ENV_URL, build_postgres, drop_database, postgres_admin_url
from bench.http_servers import BARE, OURS, Send, both_servers, check, requester
from bench.query_latency import parse_sizes
from bench.timing import percentile
from handlers.serving.startup import settle_heap

BATCH = 10
BACKENDS = ("sqlite", "postgres")


@dataclass(frozen=True)
class AckResult:
    """One server on one backend and size: latency samples (ns) and requests/second."""

    backend: str
    size: int
    server: str
    samples: list[int]
    rps: float
    load_seconds: float

    @property
    def p50_ms(self) -> float:
        """Median latency, ms."""
        return percentile(self.samples, 50) / 1e6

    @property
    def p99_ms(self) -> float:
        """99th-percentile latency, ms."""
        return percentile(self.samples, 99) / 1e6


def measure(
    url: str, *, repeat: int, warmup: int, requests: int, clients: int
) -> dict[str, tuple[list[int], float]]:
    """Latency (alternating batches), then throughput, for both servers on `url`."""
    samples: dict[str, list[int]] = {BARE: [], OURS: []}
    with both_servers(url) as (fake, ports):
        senders = {name: requester(port, fake) for name, port in ports.items()}
        settle_heap()
        for name, send in senders.items():
            for _ in range(warmup):
                check(name, send())
        for start in range(0, repeat, BATCH):
            for name, send in senders.items():
                for _ in range(min(BATCH, repeat - start)):
                    result = send()
                    check(name, result)
                    samples[name].append(result[2])
        rates = {
            name: throughput(name, [requester(port, fake) for _ in range(clients)], requests)
            for name, port in ports.items()
        }
    return {name: (samples[name], rates[name]) for name in samples}


def throughput(name: str, senders: list[Send], requests: int) -> float:
    """Requests/second with one thread per sender, `requests` in all, started together."""
    per_client = [
        requests // len(senders) + (i < requests % len(senders)) for i in range(len(senders))
    ]
    start = threading.Barrier(len(senders) + 1)
    failures: list[BaseException] = []

    def client(send: Send, count: int) -> None:
        start.wait()
        try:
            for _ in range(count):
                check(name, send())
        except BaseException as error:  # reported after the run
            failures.append(error)

    threads = [
        threading.Thread(target=client, args=(send, count))
        for send, count in zip(senders, per_client, strict=True)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise failures[0]
    return requests / elapsed


def run(
    backends: Sequence[str],
    sizes: Sequence[int],
    *,
    admin_url: str | None,
    repeat: int,
    warmup: int,
    requests: int,
    clients: int,
    console: Console,
) -> list[AckResult]:
    """Build each backend and size in turn, measure, and remove it again."""
    results: list[AckResult] = []
    with tempfile.TemporaryDirectory(prefix="standpoint-ack-") as scratch:
        for backend in backends:
            for size in sizes:
                if backend == "postgres":
                    assert admin_url is not None
                    url, build = build_postgres(admin_url, size)
                else:
                    path = Path(scratch) / f"ack-{size}.db"
                    build = build_database(path, size, analyze=False)
                    url = f"sqlite:///{path}"
                console.print(
                    f"[dim]{backend}: built {size:,} positions in {build.seconds:.1f} s[/dim]"
                )
                measured = measure(
                    url, repeat=repeat, warmup=warmup, requests=requests, clients=clients
                )
                for server, (samples, rps) in measured.items():
                    results.append(AckResult(backend, size, server, samples, rps, build.seconds))
                if backend == "postgres":
                    assert admin_url is not None
                    drop_database(admin_url, f"bench_{size}")
                else:
                    path.unlink()
    return results


def table(results: Sequence[AckResult], *, repeat: int, requests: int, clients: int) -> Table:
    """p50/p99 and req/s per backend, size and server; p50 as a multiple of the bare app's."""
    out = Table(
        title=f"HTTP ack: latency ({repeat} requests each), "
        f"throughput ({requests} requests, {clients} clients)"
    )
    for name in ("backend", "positions", "server", "p50 ms", "p99 ms", "p50 vs bare", "req/s"):
        out.add_column(name, justify="left" if name in {"backend", "server"} else "right")
    bare = {(r.backend, r.size): r.p50_ms for r in results if r.server == BARE}
    for r in results:
        out.add_row(
            r.backend,
            f"{r.size:,}",
            r.server,
            f"{r.p50_ms:.2f}",
            f"{r.p99_ms:.2f}",
            f"{r.p50_ms / bare[r.backend, r.size]:.2f}x",
            f"{r.rps:,.0f}",
        )
    return out


def choose_backends(requested: str | None, admin_url: str | None) -> tuple[list[str], str | None]:
    """The backends to run, and why PostgreSQL was skipped (None when it wasn't)."""
    wanted = [b.strip() for b in (requested or ",".join(BACKENDS)).split(",") if b.strip()]
    unknown = set(wanted) - set(BACKENDS)
    if unknown:
        raise SystemExit(f"unknown backend(s): {', '.join(sorted(unknown))}")
    if "postgres" in wanted and admin_url is None:
        why = f"PostgreSQL skipped: no admin URL (--postgres-url or {ENV_URL})"
        if requested and "postgres" in requested:
            raise SystemExit(why)
        return [b for b in wanted if b != "postgres"], why
    return wanted, None


def main(argv: Sequence[str] | None = None) -> int:
    """Build each backend and size, measure both servers, print the table."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.ack_latency", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", type=parse_sizes, default=[1_000_000], help="default 1M")
    parser.add_argument("--backend", help="sqlite,postgres (default: both if a PG URL is given)")
    parser.add_argument("--postgres-url", help=f"admin URL (default: ${ENV_URL})")
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--requests", type=int, default=400, help="throughput: total requests")
    parser.add_argument("--clients", type=int, default=8, help="throughput: concurrent clients")
    args = parser.parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 120)
    admin_url = postgres_admin_url(args.postgres_url)
    backends, skipped = choose_backends(args.backend, admin_url)
    if skipped:
        console.print(f"[yellow]{skipped}[/yellow]")
    results = run(
        backends,
        args.sizes,
        admin_url=admin_url,
        repeat=args.repeat,
        warmup=args.warmup,
        requests=args.requests,
        clients=args.clients,
        console=console,
    )
    console.print(table(results, repeat=args.repeat, requests=args.requests, clients=args.clients))
    return 0


if __name__ == "__main__":
    sys.exit(main())
