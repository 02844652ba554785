"""HTTP ack latency: a signed `/stance putin on ceasefire` to its answer, vs a bare Bolt app.

Both servers are the same stack (waitress → Bolt's WSGI adapter → Bolt with signature
verification) on 127.0.0.1 in this process; the bare app's only listener acks with nothing.
Requests alternate between the two in batches over one keep-alive connection each, so
machine noise lands on both alike. The ratio is what Standpoint's own work costs on top of
Bolt and HTTP: parsing, name resolution, the query at N positions, Block Kit.

Run: `python -m bench.ack_latency [--sizes 1M] [--repeat 300]`.
"""

import argparse
import http.client
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from slack_bolt import Ack, App
from slack_sdk import WebClient

from bench.dataset import build_database
from bench.query_latency import parse_sizes
from bench.timing import percentile
from bot.settings import Settings
from handlers.server import EVENTS_PATH, create_http_server, make_wsgi_app, stop_http_server
from handlers.slack.runtime import start_slack
from handlers.startup import settle_heap
from store import make_engine
from tests.fakes.signing import sign, slash_command
from tests.fakes.slack_api import FakeSlackApi

SECRET = "bench-signing-secret-0123456789"  # noqa: S105  (a benchmark's own value)
TOKEN = "xoxb-bench-0000"  # noqa: S105
HTTP_THREADS = 16
BATCH = 10
COMMAND = "putin on ceasefire"


@contextmanager
def serving(wsgi: Any) -> Iterator[int]:
    """Serve `wsgi` on a free port in a thread; yields the port."""
    server = create_http_server(wsgi, host="127.0.0.1", port=0, threads=HTTP_THREADS)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield int(server.effective_port)
    finally:
        stop_http_server(server, thread)


def bare_bolt_app(fake: FakeSlackApi) -> App:
    """The baseline: Bolt with signature verification and a listener that only acks."""
    app = App(
        client=WebClient(token=TOKEN, base_url=fake.api_url),
        signing_secret=SECRET,
        process_before_response=False,
    )

    @app.command("/stance")
    def only_ack(ack: Ack) -> None:
        ack()

    return app


def standpoint_wsgi(db_path: Path, fake: FakeSlackApi) -> Any:
    """Standpoint's own stack, exactly as `standpoint serve` builds it."""
    url = f"sqlite:///{db_path}"
    settings = Settings(
        _env_file=None,
        database_url=url,
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake.api_url,
    )
    engine = make_engine(url)
    running = start_slack(settings=settings, engine=engine, socket_mode=False)
    return make_wsgi_app(bolt_app=running.app, engine=engine)


def requester(port: int, fake: FakeSlackApi) -> Callable[[], tuple[int, bytes, int]]:
    """One keep-alive connection; each call signs a fresh command and times its response."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    response_url = fake.response_url("bench")

    def send() -> tuple[int, bytes, int]:
        body = slash_command(COMMAND, response_url=response_url)
        headers = sign(SECRET, body)
        started = time.perf_counter_ns()
        conn.request("POST", EVENTS_PATH, body=body.encode(), headers=headers)
        response = conn.getresponse()
        payload = response.read()
        return response.status, payload, time.perf_counter_ns() - started

    return send


def measure(db_path: Path, *, repeat: int, warmup: int) -> dict[str, list[int]]:
    """Alternate batches of requests to both servers; nanoseconds per request."""
    samples: dict[str, list[int]] = {"bare Bolt (ack only)": [], "Standpoint": []}
    with FakeSlackApi() as fake:
        bare_wsgi = make_wsgi_app(
            bolt_app=bare_bolt_app(fake), engine=make_engine(f"sqlite:///{db_path}")
        )
        ours_wsgi = standpoint_wsgi(db_path, fake)
        with serving(bare_wsgi) as bare_port, serving(ours_wsgi) as ours_port:
            senders = {
                "bare Bolt (ack only)": requester(bare_port, fake),
                "Standpoint": requester(ours_port, fake),
            }
            settle_heap()
            for name, send in senders.items():
                for _ in range(warmup):
                    _check(name, send())
            for start in range(0, repeat, BATCH):
                for name, send in senders.items():
                    for _ in range(min(BATCH, repeat - start)):
                        status, payload, elapsed = send()
                        _check(name, (status, payload, elapsed))
                        samples[name].append(elapsed)
    return samples


def _check(name: str, result: tuple[int, bytes, int]) -> None:
    status, payload, _ = result
    if status != 200:
        raise AssertionError(f"{name}: HTTP {status}: {payload[:200]!r}")
    if name == "Standpoint" and b"Vladimir Putin on US ceasefire proposal" not in payload:
        raise AssertionError(f"Standpoint answered without the position: {payload[:300]!r}")


def report(rows: list[tuple[int, str, list[int]]], console: Console, repeat: int) -> None:
    """p50/p99 per server and size, and Standpoint's p50 as a multiple of the bare app's."""
    table = Table(title=f"HTTP ack latency, signed request → response ({repeat} requests each)")
    for name in ("positions", "server", "p50 ms", "p99 ms", "p50 ratio vs bare"):
        table.add_column(name, justify="left" if name == "server" else "right")
    bare_p50 = {size: percentile(s, 50) for size, name, s in rows if name.startswith("bare")}
    for size, name, samples in rows:
        p50 = percentile(samples, 50)
        table.add_row(
            f"{size:,}",
            name,
            f"{p50 / 1e6:.2f}",
            f"{percentile(samples, 99) / 1e6:.2f}",
            f"{p50 / bare_p50[size]:.2f}x",
        )
    console.print(table)


def main(argv: Sequence[str] | None = None) -> int:
    """Build each size, measure both servers, print the table."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.ack_latency", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", type=parse_sizes, default=[1_000_000], help="default 1M")
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    args = parser.parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 110)
    rows: list[tuple[int, str, list[int]]] = []
    with tempfile.TemporaryDirectory(prefix="standpoint-ack-") as scratch:
        for size in args.sizes:
            path = Path(scratch) / f"ack-{size}.db"
            build = build_database(path, size, analyze=False)
            console.print(f"[dim]built {size:,} positions in {build.seconds:.1f} s[/dim]")
            for name, samples in measure(path, repeat=args.repeat, warmup=args.warmup).items():
                rows.append((size, name, samples))
    report(rows, console, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
