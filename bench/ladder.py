"""The ladder of `/stance putin on ceasefire`: each layer the answer climbs, beside its floor.

raw SQL (the pair's two latest rows, ids known, one DBAPI cursor) → core (`Dispatcher.handle`:
parse, names, SQL, Block Kit) → through Bolt (`App.dispatch` of a request, no HTTP) → over
HTTP (waitress, signature check, Bolt). Beside them, the floors: bare Bolt (a listener that
only acks; "bare Bolt dispatch" in-process, "bare Bolt over HTTP") and bare waitress (a WSGI
app that answers 200 with nothing). Every row is timed in the same run, in interleaved
batches so machine noise lands on all alike; a row's ratio is its p50 over its floor's p50.
CPU is process CPU per call (client and server threads share this process).

Run: `python -m bench.ladder [--backend sqlite,postgres] [--size 10k] [--repeat 300]`.
"""

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from slack_bolt import BoltRequest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bench.ack_latency import choose_backends
from bench.dataset import BENCH_USER, build_database
from bench.dataset_pg import ENV_URL, build_postgres, drop_database, postgres_admin_url
from bench.http_servers import (
    COMMAND,
    SECRET,
    bare_bolt_app,
    requester,
    serving,
    standpoint_stack,
)
from bench.query_latency import parse_sizes
from bench.timing import percentile
from handlers.desks.commands import Dispatcher
from handlers.serving.server import make_wsgi_app
from store import Actor, PositionStatus, Topic, make_engine
from tests.fakes.signing import sign, slash_command
from tests.fakes.slack_api import FakeSlackApi

BATCH = 10
ANSWER = "Vladimir Putin on US ceasefire proposal"
# (row, its floor): None is a floor of its own.
STEPS: tuple[tuple[str, str | None], ...] = (
    ("raw SQL", None),
    ("core", "raw SQL"),
    ("bare Bolt dispatch", None),
    ("through Bolt", "bare Bolt dispatch"),
    ("bare waitress", None),
    ("bare Bolt over HTTP", "bare waitress"),
    ("over HTTP", "bare Bolt over HTTP"),
)
Call = Callable[[], None]


@dataclass(frozen=True)
class Step:
    """One row: wall-clock samples (ns) and process CPU (ns) per call."""

    name: str
    floor: str | None
    wall: list[int]
    cpu: list[int]

    @property
    def p50_ms(self) -> float:
        """Median wall time, ms."""
        return percentile(self.wall, 50) / 1e6

    @property
    def cpu_ms(self) -> float:
        """Mean process CPU per call, ms."""
        return sum(self.cpu) / len(self.cpu) / 1e6


def raw_sql(engine: Engine, connection: Any) -> Call:
    """The floor under the core: the pair's two latest live rows, ids known, one cursor."""
    with Session(engine) as session:
        actor = session.exec(select(Actor).where(Actor.name == "Vladimir Putin")).one()
        topic = session.exec(select(Topic).where(Topic.name == "US ceasefire proposal")).one()
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    sql = (
        "SELECT id, stance, summary, conditions, quotes, source_id, stated_at FROM position "
        f"WHERE actor_id = {mark} AND topic_id = {mark} AND status = {mark} "
        "ORDER BY stated_at DESC, id DESC LIMIT 2"
    )
    params = (actor.id, topic.id, PositionStatus.CONFIRMED.value)

    def call() -> None:
        cursor = connection.cursor()
        cursor.execute(sql, params)
        if len(cursor.fetchall()) != 2:
            raise AssertionError("raw SQL found no history for the pair")
        cursor.close()

    return call


def bolt_call(app: Any, *, must_mention: str | None) -> Call:
    """One parsed, signed-looking command through `app.dispatch` (no HTTP)."""

    def call() -> None:
        body = slash_command(COMMAND, response_url="http://127.0.0.1:9/unused")
        headers: dict[str, str | Sequence[str]] = {**sign(SECRET, body)}
        response = app.dispatch(BoltRequest(body=body, headers=headers))
        if response.status != 200 or (must_mention and must_mention not in response.body):
            raise AssertionError(f"Bolt answered {response.status}: {response.body[:200]!r}")

    return call


def http_call(port: int, fake: FakeSlackApi, *, must_mention: str | None) -> Call:
    """One signed command over a keep-alive connection."""
    send = requester(port, fake)

    def call() -> None:
        status, payload, _ = send()
        if status != 200 or (must_mention and must_mention.encode() not in payload):
            raise AssertionError(f"HTTP {status}: {payload[:200]!r}")

    return call


def _bare_wsgi(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    start_response("200 OK", [("Content-Length", "0")])
    return [b""]


@contextmanager
def ladder_calls(url: str) -> Iterator[dict[str, Call]]:
    """Every step's call on database `url`, servers running; every connection closed after.

    The caller drops a PostgreSQL database next: a connection still open then is terminated
    by the server, and SQLAlchemy's reset of it prints an AdminShutdown traceback.
    """
    with ExitStack() as stack, FakeSlackApi() as fake:
        engine = make_engine(url)
        stack.callback(engine.dispose)
        connection = engine.raw_connection()
        stack.callback(connection.close)
        bare = bare_bolt_app(fake)
        running, ours_wsgi = stack.enter_context(standpoint_stack(url, fake))
        bare_http = stack.enter_context(
            serving(make_wsgi_app(bolt_app=bare, engine=engine, signing_secret=SECRET))
        )
        ours_http = stack.enter_context(serving(ours_wsgi))
        waitress = stack.enter_context(serving(_bare_wsgi))
        yield {
            "raw SQL": raw_sql(engine, connection),
            "core": _core(running.deps.dispatcher),
            "bare Bolt dispatch": bolt_call(bare, must_mention=None),
            "through Bolt": bolt_call(running.app, must_mention=ANSWER),
            "bare waitress": http_call(waitress, fake, must_mention=None),
            "bare Bolt over HTTP": http_call(bare_http, fake, must_mention=None),
            "over HTTP": http_call(ours_http, fake, must_mention=ANSWER),
        }


def _core(dispatcher: Dispatcher) -> Call:
    def call() -> None:
        message = dispatcher.handle(COMMAND, user=BENCH_USER)
        if ANSWER not in message.text:
            raise AssertionError(f"core answered without the position: {message.text[:200]!r}")

    return call


def measure(calls: dict[str, Call], *, repeat: int, warmup: int) -> list[Step]:
    """Warm every step, then time them in interleaved batches."""
    wall: dict[str, list[int]] = {name: [] for name in calls}
    cpu: dict[str, list[int]] = {name: [] for name in calls}
    for call in calls.values():
        for _ in range(warmup):
            call()
    for start in range(0, repeat, BATCH):
        for name, call in calls.items():
            for _ in range(min(BATCH, repeat - start)):
                cpu_started, started = time.process_time_ns(), time.perf_counter_ns()
                call()
                wall[name].append(time.perf_counter_ns() - started)
                cpu[name].append(time.process_time_ns() - cpu_started)
    return [Step(name, floor, wall[name], cpu[name]) for name, floor in STEPS]


def run(
    backends: Sequence[str], *, size: int, admin_url: str | None, repeat: int, warmup: int
) -> dict[str, list[Step]]:
    """Build each backend at `size`, climb the ladder, remove the database."""
    results: dict[str, list[Step]] = {}
    with tempfile.TemporaryDirectory(prefix="standpoint-ladder-") as scratch:
        for backend in backends:
            if backend == "postgres":
                assert admin_url is not None
                url, _ = build_postgres(admin_url, size)
            else:
                path = Path(scratch) / f"ladder-{size}.db"
                build_database(path, size, analyze=False)
                url = f"sqlite:///{path}"
            with ladder_calls(url) as calls:
                results[backend] = measure(calls, repeat=repeat, warmup=warmup)
            if backend == "postgres":
                assert admin_url is not None
                drop_database(admin_url, f"bench_{size}")
    return results


def table(results: dict[str, list[Step]], *, size: int, repeat: int) -> Table:
    """One table: a row per step and backend, p50 and CPU, and p50 over its floor's."""
    out = Table(title=f"The pair answer's ladder ({size:,} positions, {repeat} calls per row)")
    for name in ("backend", "step", "p50 ms", "CPU ms/call", "floor", "vs floor"):
        out.add_column(name, justify="left" if name in {"backend", "step", "floor"} else "right")
    for backend, steps in results.items():
        by_name = {step.name: step for step in steps}
        for step in steps:
            floor = by_name[step.floor] if step.floor else None
            out.add_row(
                backend,
                step.name,
                f"{step.p50_ms:.3f}",
                f"{step.cpu_ms:.3f}",
                step.floor or "(a floor)",
                f"{step.p50_ms / floor.p50_ms:.2f}x" if floor else "",
            )
        out.add_section()
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Build, climb, print the ladder."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.ladder", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--size", type=parse_sizes, default=[10_000], help="default 10k")
    parser.add_argument("--backend", help="sqlite,postgres (default: both if a PG URL is given)")
    parser.add_argument("--postgres-url", help=f"admin URL (default: ${ENV_URL})")
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    args = parser.parse_args(argv)
    admin_url = postgres_admin_url(args.postgres_url)
    backends, skipped = choose_backends(args.backend, admin_url)
    console = Console(width=None if sys.stdout.isatty() else 150)
    if skipped:
        console.print(f"[yellow]{skipped}[/yellow]")
    size = args.size[0]
    results = run(backends, size=size, admin_url=admin_url, repeat=args.repeat, warmup=args.warmup)
    console.print(table(results, size=size, repeat=args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
