"""The two HTTP servers the ack benchmark compares, and signed clients for them.

Both are the same stack (waitress → Standpoint's WSGI app, which verifies the signature and
parses the body once → Bolt) on 127.0.0.1 in this process: Standpoint exactly as
`standpoint serve` builds it, and a bare Bolt app whose only listener acks with nothing.
"""

import http.client
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.settings.model import Settings
from handlers.serving.server import EVENTS_PATH, create_http_server, make_wsgi_app, stop_http_server
from handlers.slack.runtime import RunningSlack, start_slack
from store import make_engine
from tests.fakes.signing import sign, slash_command
from tests.fakes.slack_api import FakeSlackApi

SECRET = "bench-signing-secret-0123456789"  # noqa: S105  (a benchmark's own value)
TOKEN = "xoxb-bench-0000"  # noqa: S105
HTTP_THREADS = 16
COMMAND = "putin on ceasefire"
BARE = "bare Bolt (ack only)"
OURS = "Standpoint"

Send = Callable[[], tuple[int, bytes, int]]


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
    """The baseline: Bolt with a listener that only acks (make_wsgi_app verifies, as for ours)."""
    app = App(
        client=WebClient(token=TOKEN, base_url=fake.api_url),
        request_verification_enabled=False,
        process_before_response=False,
    )

    @app.command("/stance")
    def only_ack(ack: Ack) -> None:
        ack()

    return app


@contextmanager
def standpoint_stack(url: str, fake: FakeSlackApi) -> Iterator[tuple[RunningSlack, Any]]:
    """The running Bolt app (with its deps) and the WSGI app around it, on database `url`.

    On exit its workers stop and its connections close, so the database can be dropped.
    """
    settings = Settings(
        _env_file=None,
        database_url=url,
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake.api_url,
    )
    engine = make_engine(url)
    running = start_slack(settings=settings, engine=engine, socket_mode=False)
    try:
        yield running, make_wsgi_app(bolt_app=running.app, engine=engine, signing_secret=SECRET)
    finally:
        running.deps.worker.shutdown(wait=True)
        engine.dispose()


@contextmanager
def both_servers(url: str) -> Iterator[tuple[FakeSlackApi, dict[str, int]]]:
    """A fake Slack API and both servers on database `url`; yields (fake, ports by name)."""
    engine = make_engine(url)
    try:
        with FakeSlackApi() as fake, standpoint_stack(url, fake) as (_, ours_wsgi):
            bare_wsgi = make_wsgi_app(
                bolt_app=bare_bolt_app(fake), engine=engine, signing_secret=SECRET
            )
            with serving(bare_wsgi) as bare_port, serving(ours_wsgi) as ours_port:
                yield fake, {BARE: bare_port, OURS: ours_port}
    finally:
        engine.dispose()  # before the caller drops the database (see standpoint_stack)


def requester(port: int, fake: FakeSlackApi) -> Send:
    """One keep-alive connection; each call signs a fresh command and times its response."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
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


def check(name: str, result: tuple[int, bytes, int]) -> None:
    """Fail loudly on an error status, or a Standpoint answer without the position."""
    status, payload, _ = result
    if status != 200:
        raise AssertionError(f"{name}: HTTP {status}: {payload[:200]!r}")
    if name == OURS and b"Vladimir Putin on US ceasefire proposal" not in payload:
        raise AssertionError(f"Standpoint answered without the position: {payload[:300]!r}")
