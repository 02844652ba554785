"""A fake Slack Web API: a real HTTP server on 127.0.0.1 that records every call.

Point slack_sdk's ``WebClient(base_url=fake.api_url)`` (or the app's ``SLACK_API_URL``) at it.
Every request is recorded as a :class:`Call`, so tests assert on what the bot really sent over
the wire. Responses default to plausible successful Slack answers and can be scripted per
method with :class:`Scripted` (errors, 429 rate limits, slow answers, dropped connections).

What slack_sdk's ``WebClient`` (urllib based) sends, which this fake accepts:

* every method is sent as ``POST`` to ``<base_url><method>`` -- even the ones slack_sdk labels
  ``GET`` (``conversations.info``, ``usergroups.users.list``): their parameters arrive as an
  ``application/x-www-form-urlencoded`` body;
* ``chat.postMessage``, ``chat.postEphemeral``, ``chat.update`` and ``views.*`` are sent as
  ``application/json;charset=utf-8`` bodies, so ``blocks``/``view`` arrive as objects;
* the token travels in the ``Authorization: Bearer ...`` header, not in the body.

``GET`` with a query string is accepted too, for other clients.

The OAuth side (Slack's authorize page, ``oauth.v2.access``, per-workspace tokens for
``auth.test``, revoked and expired tokens refused) is ``fake.oauth``: see
:mod:`tests.fakes.slack_oauth`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.fakes.background import HTTPFake, QuietHandler, QuietServer
from tests.fakes.slack_oauth import AUTHORIZE_METHOD, AUTHORIZE_PATH, FakeOAuth

__all__ = ["AUTH_TEST", "RESPONSE_URL_METHOD", "UPLOAD_METHOD", "Call", "FakeSlackApi", "Scripted"]

#: The pseudo method name under which POSTs to :meth:`FakeSlackApi.response_url` are recorded.
RESPONSE_URL_METHOD = "response_url"

#: The pseudo method name under which a file's bytes, POSTed to the ``upload_url`` that
#: ``files.getUploadURLExternal`` handed out, are recorded (``params["_bytes"]``).
UPLOAD_METHOD = "file_upload"

#: The pseudo method name for requests to paths that are neither ``/api/`` nor ``/response/``.
UNKNOWN_PATH_METHOD = "_unknown_path"

#: Pseudo methods: requests that are not Web API calls (and so carry no token).
_NOT_WEB_API = frozenset(
    {RESPONSE_URL_METHOD, UPLOAD_METHOD, UNKNOWN_PATH_METHOD, AUTHORIZE_METHOD}
)

#: Keys whose values slack_sdk may send as JSON strings inside form data; decoded when recorded.
JSON_STRING_KEYS = frozenset({"blocks", "view", "attachments", "metadata", "files"})

#: The default ``auth.test`` answer (what Bolt reads at start-up and per request).
AUTH_TEST: dict[str, Any] = {
    "ok": True,
    "url": "https://fake.slack.test/",
    "team": "Fake Team",
    "user": "standpoint",
    "team_id": "T0FAKE",
    "user_id": "U0BOT",
    "bot_id": "B0BOT",
    "is_enterprise_install": False,
}

_BASE_TS_MICROS = 1_700_000_000 * 1_000_000


@dataclass(frozen=True)
class Call:
    """One request the fake received.

    Attributes:
        method: The Web API method (``"chat.postMessage"``), or ``"response_url"`` for a POST
            to a response URL.
        params: The decoded parameters: query string, then form or JSON body. JSON strings
            under ``blocks``/``view``/``attachments``/``metadata`` are decoded into objects.
            Response-URL calls also carry ``params["_path"]``.
        headers: The request headers, names lower-cased (``call.headers["authorization"]``).
        at: ``time.monotonic()`` when the request had been read, before any scripted delay.
    """

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    at: float


@dataclass(frozen=True)
class Scripted:
    """A scripted answer, consumed by the next call to the method it was queued for.

    Attributes:
        status: The HTTP status code.
        body: The JSON body; ``None`` means the method's default body (for a status of 400 or
            more, ``{"ok": false, "error": "http_<status>"}``).
        headers: Extra response headers, e.g. ``{"Retry-After": "1"}``.
        delay: Seconds to wait before answering (the call is recorded before the wait).
        drop: Record the request, then close the connection without sending any response:
            Slack received the post but the client never hears back.
    """

    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False

    @classmethod
    def rate_limited(cls, retry_after: int = 1) -> Scripted:
        """HTTP 429 ``{"ok": false, "error": "ratelimited"}`` with a ``Retry-After`` header."""
        return cls(
            status=429,
            body={"ok": False, "error": "ratelimited"},
            headers={"Retry-After": str(retry_after)},
        )

    @classmethod
    def error(cls, error: str, **extra: Any) -> Scripted:
        """HTTP 200 with ``{"ok": false, "error": error, **extra}``, as Slack reports API errors."""
        return cls(body={"ok": False, "error": error, **extra})

    @classmethod
    def slow(cls, seconds: float, body: dict[str, Any] | None = None) -> Scripted:
        """The default (or given) answer, sent after ``seconds``."""
        return cls(body=body, delay=seconds)


class FakeSlackApi(HTTPFake):
    """A real HTTP server on 127.0.0.1 that behaves like Slack's Web API and records calls.

    Use it as a context manager, or call :meth:`start` and :meth:`stop`::

        with FakeSlackApi() as slack:
            client = WebClient(token="xoxb-test", base_url=slack.api_url)
            client.chat_postMessage(channel="C1", text="hi")
            [call] = slack.calls_to("chat.postMessage")
    """

    def __init__(self) -> None:
        """Create a stopped fake; :meth:`start` binds a free port on 127.0.0.1."""
        self._cond = threading.Condition()
        self._calls: list[Call] = []
        self._scripts: dict[str, deque[Scripted]] = {}
        self._ts_counter = itertools.count(1)
        self._view_counter = itertools.count(1)
        self._response_url_counter = itertools.count(1)
        self._file_counter = itertools.count(1)
        self._uploads: dict[str, bytes] = {}
        self._socket_mode_url: str | None = None
        #: The OAuth side: the authorize page, oauth.v2.access, the tokens issued.
        self.oauth = FakeOAuth()
        super().__init__()

    # -- lifecycle ------------------------------------------------------------------------

    def _make_server(self) -> ThreadingHTTPServer:
        return QuietServer(self, _Handler)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` with no trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """The value for ``WebClient(base_url=...)``: ``http://127.0.0.1:PORT/api/``."""
        return f"{self.base_url}/api/"

    def response_url(self, name: str = "r") -> str:
        """A fresh response URL on this server, e.g. ``http://127.0.0.1:PORT/response/r-1``.

        POSTs to it are recorded as calls with ``method == "response_url"``.
        """
        return f"{self.base_url}/response/{name}-{next(self._response_url_counter)}"

    def set_socket_mode_url(self, url: str | None) -> None:
        """The WebSocket URL that ``apps.connections.open`` hands out (None: answer an error)."""
        with self._cond:
            self._socket_mode_url = url

    def uploaded(self, file_id: str) -> bytes | None:
        """The bytes POSTed to the upload URL of `file_id` (files.uploadV2's step 2), if any."""
        with self._cond:
            return self._uploads.get(file_id)

    # -- scripting ------------------------------------------------------------------------

    def script(self, method: str, *responses: Scripted) -> None:
        """Queue answers for ``method``; they are used in order, then the default returns."""
        with self._cond:
            self._scripts.setdefault(method, deque()).extend(responses)

    def reset(self) -> None:
        """Forget every recorded call and every queued script."""
        with self._cond:
            self._calls.clear()
            self._scripts.clear()

    # -- queries --------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """A snapshot of every recorded call, oldest first."""
        with self._cond:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """The recorded calls to ``method``, oldest first."""
        with self._cond:
            return [call for call in self._calls if call.method == method]

    def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        where: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Block until at least ``count`` calls to ``method`` (matching ``where``) are recorded.

        Returns every matching call so far. Raises ``AssertionError`` naming the methods that
        were seen if ``timeout`` seconds pass first.
        """

        def matching() -> list[Call]:
            return [
                call
                for call in self._calls
                if call.method == method and (where is None or where(call))
            ]

        with self._cond:
            if self._cond.wait_for(lambda: len(matching()) >= count, timeout):
                return matching()
            found = len(matching())
            seen = [call.method for call in self._calls]
        condition = "" if where is None else " matching the predicate"
        raise AssertionError(
            f"expected at least {count} call(s) to {method!r}{condition} within {timeout}s, "
            f"got {found}; calls seen, in order: {seen}"
        )

    # -- request handling (called from the server's threads) ------------------------------

    def _record(self, method: str, params: dict[str, Any], headers: dict[str, str]) -> Scripted:
        """Record a call, wake waiters, and take the next scripted answer (or the default)."""
        with self._cond:
            self._calls.append(Call(method, params, headers, time.monotonic()))
            queue = self._scripts.get(method)
            scripted = queue.popleft() if queue else Scripted()
            self._cond.notify_all()
        return scripted

    def _store_upload(self, path: str, body: bytes) -> dict[str, Any]:
        """Keep the bytes POSTed to an upload URL; the params its call is recorded with."""
        file_id = path.removeprefix("/upload/").strip("/")
        with self._cond:
            self._uploads[file_id] = body
        return {"_path": path, "_bytes": body, "file_id": file_id}

    def _pause(self, seconds: float) -> None:
        """Wait out a scripted delay, ending early if the server stops."""
        self._stopping.wait(seconds)

    def _answer(
        self,
        method: str,
        params: dict[str, Any],
        scripted: Scripted,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        """The status, JSON body and extra headers to send back."""
        headers = headers or {}
        if scripted.body is not None:
            body = scripted.body
        elif scripted.status >= 400:
            body = {"ok": False, "error": f"http_{scripted.status}"}
        elif method not in _NOT_WEB_API and (refused := self.oauth.refusal(method, headers)):
            body = refused  # a revoked or expired token, whatever the method
        elif method == "oauth.v2.access":
            body = self.oauth.access(params, headers)
        elif method == "auth.test" and (identity := self.oauth.auth_test(headers)):
            body = identity  # a token issued by an install answers for its own workspace
        else:
            body = self._default_body(method, params)
        return scripted.status, body, dict(scripted.headers)

    def _next_ts(self) -> str:
        """A unique, increasing message timestamp like ``"1700000000.000100"``."""
        micros = _BASE_TS_MICROS + 100 * next(self._ts_counter)
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _default_body(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """Slack's plausible successful answer to ``method``."""
        channel = params.get("channel")
        match method:
            case "auth.test":
                return dict(AUTH_TEST)
            case "chat.postMessage":
                ts = self._next_ts()
                message: dict[str, Any] = {
                    "type": "message",
                    "user": AUTH_TEST["user_id"],
                    "bot_id": AUTH_TEST["bot_id"],
                    "text": params.get("text", ""),
                    "ts": ts,
                }
                if "blocks" in params:
                    message["blocks"] = params["blocks"]
                return {"ok": True, "channel": channel, "ts": ts, "message": message}
            case "chat.postEphemeral":
                return {"ok": True, "message_ts": self._next_ts()}
            case "chat.update":
                return {
                    "ok": True,
                    "channel": channel,
                    "ts": params.get("ts"),
                    "text": params.get("text", ""),
                }
            case "views.open" | "views.push" | "views.publish" | "views.update":
                view = params.get("view")
                view_id = params.get("view_id") or f"V0FAKE{next(self._view_counter):04d}"
                return {
                    "ok": True,
                    "view": {"id": view_id, **(view if isinstance(view, dict) else {})},
                }
            case "conversations.info":
                return {"ok": True, "channel": _fake_channel(str(channel or "C0DESK"))}
            case "usergroups.users.list":
                return {"ok": True, "users": []}
            case "conversations.open":
                # A direct message with the (first) user asked for: D + their id.
                users = str(params.get("users", "")).split(",")[0]
                return {"ok": True, "channel": {"id": f"D{users.removeprefix('U') or '0DM'}"}}
            case "files.getUploadURLExternal":
                file_id = f"F0FAKE{next(self._file_counter):04d}"
                return {
                    "ok": True,
                    "file_id": file_id,
                    "upload_url": f"{self.base_url}/upload/{file_id}",
                }
            case "files.completeUploadExternal":
                files = params.get("files")
                listed = (
                    [f for f in files if isinstance(f, dict)] if isinstance(files, list) else []
                )
                return {
                    "ok": True,
                    "files": [_fake_file(f, self.uploaded(str(f.get("id")))) for f in listed],
                }
            case "apps.connections.open":
                with self._cond:
                    url = self._socket_mode_url
                if url is None:
                    return {"ok": False, "error": "fake_socket_mode_url_not_set"}
                return {"ok": True, "url": url}
            case _:
                return {"ok": True}


def _fake_file(item: dict[str, Any], data: bytes | None) -> dict[str, Any]:
    """A file as files.completeUploadExternal lists it."""
    return {"id": item.get("id"), "title": item.get("title"), "size": len(data or b"")}


def _fake_channel(channel_id: str) -> dict[str, Any]:
    """A plausible public channel the bot is a member of."""
    return {
        "id": channel_id,
        "name": "desk",
        "name_normalized": "desk",
        "is_channel": True,
        "is_group": False,
        "is_im": False,
        "is_mpim": False,
        "is_private": False,
        "is_archived": False,
        "is_general": False,
        "is_shared": False,
        "is_ext_shared": False,
        "is_org_shared": False,
        "is_member": True,
        "created": 1_700_000_000,
        "creator": "U0REPORTER",
        "num_members": 3,
        "topic": {"value": "", "creator": "", "last_set": 0},
        "purpose": {"value": "", "creator": "", "last_set": 0},
    }


def _decode_json_strings(params: dict[str, Any]) -> dict[str, Any]:
    """Turn JSON-string values of ``blocks``/``view``/``attachments``/``metadata`` into objects."""
    for key in JSON_STRING_KEYS & params.keys():
        value = params[key]
        if isinstance(value, str) and value.lstrip()[:1] in ("[", "{"):
            with contextlib.suppress(ValueError):
                params[key] = json.loads(value)
    return params


def _decode_params(query: str, content_type: str, body: bytes) -> dict[str, Any]:
    """Decode query string plus form or JSON body; body values win over the query string."""
    params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    media_type = content_type.split(";", 1)[0].strip().lower()
    text = body.decode("utf-8", errors="replace")
    if not body:
        pass
    elif media_type == "application/json":
        try:
            decoded = json.loads(text)
        except ValueError:
            params["_raw"] = text
        else:
            if isinstance(decoded, dict):
                params.update(decoded)
            else:
                params["_body"] = decoded
    elif media_type in ("application/x-www-form-urlencoded", ""):
        params.update(parse_qsl(text, keep_blank_values=True))
    else:
        params["_raw"] = text
    return _decode_json_strings(params)


class _Handler(QuietHandler):
    """Routes ``/api/<method>`` and ``/response/<name>`` to the fake."""

    def _serve(self) -> None:
        fake = self.server.fake
        body = self._read_body()
        split = urlsplit(self.path)
        if split.path.startswith("/upload/"):
            # A file's bytes (files.uploadV2's step 2): kept as they came, never decoded.
            method = UPLOAD_METHOD
            params: dict[str, Any] = fake._store_upload(split.path, body)
        else:
            params = _decode_params(split.query, self.headers.get("Content-Type", ""), body)
            if split.path.startswith("/api/"):
                method = split.path.removeprefix("/api/").strip("/")
            elif split.path.startswith("/response/"):
                method = RESPONSE_URL_METHOD
                params["_path"] = split.path
            elif split.path == AUTHORIZE_PATH:
                method = AUTHORIZE_METHOD
            else:
                method = UNKNOWN_PATH_METHOD
                params["_path"] = split.path
        headers = {name.lower(): value for name, value in self.headers.items()}
        scripted = fake._record(method, params, headers)
        if scripted.delay > 0:
            fake._pause(scripted.delay)
        if scripted.drop:
            self.close_connection = True
            return
        if method == AUTHORIZE_METHOD and scripted == Scripted():
            self._send_page(*fake.oauth.authorize(params))
            return
        if method == UNKNOWN_PATH_METHOD and scripted == Scripted():
            scripted = Scripted(status=404, body={"ok": False, "error": "unknown_path"})
        status, payload, extra_headers = fake._answer(method, params, scripted, headers)
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra_headers.items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(ConnectionError):
            self.wfile.write(data)

    def _send_page(self, status: int, headers: dict[str, str], page: str) -> None:
        """A browser page (the authorize page's redirect, or its error)."""
        data = page.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(ConnectionError):
            self.wfile.write(data)
