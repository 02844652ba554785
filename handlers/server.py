"""HTTP: `/slack/events` (Bolt), `/healthz`, served by waitress; or a Socket Mode handler.

A malformed X-Slack-Request-Timestamp would make slack_sdk's verifier raise (int() of a
non-number or of 5,000 digits), which Bolt turns into a 500; it is refused here as 401.
"""

import contextlib
import io
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine, text

from handlers.metrics import Metrics

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
MAX_BODY_BYTES = 1024 * 1024  # Slack payloads are a few KB; a modal is well under this
_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def make_wsgi_app(*, bolt_app: App, engine: Engine, metrics: Metrics | None = None) -> WsgiApp:
    """The WSGI application Slack (and the health check, and Prometheus) talks to."""
    slack = SlackRequestHandler(bolt_app, path=EVENTS_PATH)

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            return _health(engine, start_response)
        if path == METRICS_PATH and method == "GET" and metrics is not None:
            body = metrics.exposition()
            start_response(
                "200 OK",
                [("Content-Type", CONTENT_TYPE_LATEST), ("Content-Length", str(len(body)))],
            )
            return [body]
        if path == EVENTS_PATH and method == "POST":
            stamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
            if stamp is not None and not _TIMESTAMP.match(stamp):
                return _reply(start_response, "401 Unauthorized", {"error": "invalid timestamp"})
            started = time.perf_counter()
            kind = _request_kind(environ)
            response: Iterable[bytes] = slack(environ, start_response)
            if metrics is not None:
                metrics.ack_seconds.labels(kind=kind).observe(time.perf_counter() - started)
            return response
        return _reply(start_response, "404 Not Found", {"error": "not found"})

    return application


def _request_kind(environ: dict[str, Any]) -> str:
    """command / interactive / event, read from the body (then rewound for Bolt)."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(min(length, MAX_BODY_BYTES)) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(body)
    if body.startswith(b"{"):
        return "event"
    return "interactive" if body.startswith(b"payload=") else "command"


def _health(engine: Engine, start_response: StartResponse) -> Iterable[bytes]:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as error:  # any database failure means "not healthy"
        log.warning("health check: database unavailable: %s", type(error).__name__)
        return _reply(start_response, "503 Service Unavailable", {"status": "database unavailable"})
    return _reply(start_response, "200 OK", {"status": "ok"})


def _reply(start_response: StartResponse, status: str, body: dict[str, str]) -> list[bytes]:
    payload = json.dumps(body).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))]
    )
    return [payload]


def create_http_server(wsgi: WsgiApp, *, host: str, port: int, threads: int) -> Any:
    """A waitress server (not yet running); `.run()` serves, `.close()` stops."""
    from waitress.server import create_server

    return create_server(
        wsgi,
        host=host,
        port=port,
        threads=threads,
        ident="standpoint",
        max_request_body_size=MAX_BODY_BYTES,
        clear_untrusted_proxy_headers=True,
    )


def socket_mode_handler(bolt_app: App, *, app_token: str) -> Any:
    """A Socket Mode connection for `bolt_app`; `.start()` serves, `.connect()` just connects."""
    from slack_bolt.adapter.socket_mode.websocket_client import (
        SocketModeHandler,
    )

    return SocketModeHandler(bolt_app, app_token=app_token, web_client=bolt_app.client)


def stop_http_server(server: Any, thread: threading.Thread, *, timeout: float = 5.0) -> None:
    """Stop a server whose `run()` loop is in `thread`, without racing that loop.

    The loop runs while its socket map is non-empty. Emptying the map ends it on its next
    pass (the trigger wakes it early); sockets are closed only after the loop has exited,
    so select() never sees a closed descriptor.
    """
    dispatchers = list(server._map.values())
    server._map.clear()
    with contextlib.suppress(OSError):  # already closed: the 1 s loop timeout still ends it
        server.trigger.pull_trigger()
    thread.join(timeout)
    for dispatcher in dispatchers:
        with contextlib.suppress(OSError):
            dispatcher.close()
    server.task_dispatcher.shutdown()
