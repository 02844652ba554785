"""HTTP: `/slack/events` (Bolt), `/healthz`, served by waitress; or a Socket Mode handler.

Every request to `/slack/events` is verified and parsed by handlers.serving.request_check
before Bolt sees it (Bolt's own verification is off: it parses first), so malformed input is
a 400 or 401, never a 500. In multi-workspace mode Bolt's OAuth flow also answers
`GET /slack/install` and `GET /slack/oauth_redirect` (browsers, not Slack: nothing to sign).
"""

import contextlib
import contextvars
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST
from slack_bolt import App
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from slack_bolt.oauth import OAuthFlow
from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import Engine, text

from handlers.serving.metrics import Metrics
from handlers.serving.request_check import RawBodyVerifier, Refusal, check_request

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
MAX_BODY_BYTES = 1024 * 1024  # Slack payloads are a few KB; a modal is well under this

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def make_wsgi_app(
    *, bolt_app: App, engine: Engine, signing_secret: str, metrics: Metrics | None = None
) -> WsgiApp:
    """The WSGI application Slack (and the health check, and Prometheus) talks to.

    Requests to `/slack/events` must be signed with `signing_secret`; `bolt_app` should not
    verify them again (see build_app).
    """
    verifier = RawBodyVerifier(signing_secret)

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
            return _slack(environ, start_response, app=bolt_app, verifier=verifier, metrics=metrics)
        flow = bolt_app.oauth_flow
        if flow is not None and method == "GET" and path in _oauth_paths(flow):
            return _install(environ, start_response, flow=flow)
        return _reply(start_response, "404 Not Found", {"error": "not found"})

    return application


def _slack(
    environ: dict[str, Any],
    start_response: StartResponse,
    *,
    app: App,
    verifier: SignatureVerifier,
    metrics: Metrics | None,
) -> Iterable[bytes]:
    """Check the request (one HMAC, one parse), then let Bolt dispatch what was parsed."""
    started = time.perf_counter()
    body = _read_body(environ)
    if isinstance(body, Refusal):
        return _reply(start_response, body.status, {"error": body.reason})
    wsgi_request = WsgiHttpRequest(environ)
    headers = {k: v for k, v in wsgi_request.get_headers().items() if isinstance(v, str)}
    checked = check_request(
        verifier=verifier, body=body, headers=headers, query=wsgi_request.query_string
    )
    if isinstance(checked, Refusal):
        return _reply(start_response, checked.status, {"error": checked.reason})
    # Each request in its own copy of the context: the tenant the request's middleware sets
    # (handlers.slack.tenants) reaches its listener threads and never the next request.
    answer = contextvars.copy_context().run(app.dispatch, checked)
    if metrics is not None:
        metrics.ack_seconds.labels(kind=_request_kind(body)).observe(time.perf_counter() - started)
    response = WsgiHttpResponse(status=answer.status, headers=answer.headers, body=answer.body)
    start_response(response.status, response.get_headers())
    return response.get_body()


def _oauth_paths(flow: OAuthFlow) -> tuple[str, str]:
    return flow.install_path, flow.redirect_uri_path


def _install(
    environ: dict[str, Any], start_response: StartResponse, *, flow: OAuthFlow
) -> Iterable[bytes]:
    """Bolt's install page or its OAuth callback (state, code exchange, our result pages)."""
    wsgi_request = WsgiHttpRequest(environ)
    request = BoltRequest(
        body="", query=wsgi_request.query_string, headers=wsgi_request.get_headers()
    )
    try:
        if wsgi_request.path == flow.install_path:
            answer = flow.handle_installation(request)
        else:
            answer = flow.handle_callback(request)
    except Exception as error:  # e.g. the database down while issuing a state: say so, briefly
        log.warning("install page failed: %s", type(error).__name__)
        page = b"<!DOCTYPE html><title>Try again</title><p>Standpoint can't take installs "
        page += b"right now. Please try again in a minute.</p>"
        start_response(
            "503 Service Unavailable",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(page)))],
        )
        return [page]
    response = WsgiHttpResponse(status=answer.status, headers=answer.headers, body=answer.body)
    start_response(response.status, response.get_headers())
    return response.get_body()


def _read_body(environ: dict[str, Any]) -> bytes | Refusal:
    """The request body (waitress has already enforced the size limit; this is a backstop)."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        log.warning("refused a Slack request: malformed Content-Length")
        return Refusal(status="400 Bad Request", reason="malformed request: Content-Length")
    if length > MAX_BODY_BYTES:
        log.warning("refused a Slack request: body over %d bytes", MAX_BODY_BYTES)
        return Refusal(status="413 Request Entity Too Large", reason="request body too large")
    body: bytes = environ["wsgi.input"].read(length) if length > 0 else b""
    return body


def _request_kind(body: bytes) -> str:
    """command / interactive / event, for the ack-latency histogram."""
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
