"""A fake OpenAI Chat Completions API: a real HTTP server on 127.0.0.1 that records every call.

Point the real ``openai`` client at it -- ``openai.OpenAI(api_key="test-key",
base_url=fake.base_url)`` or ``OPENAI_BASE_URL=fake.base_url`` -- and the LLM is exercised over
real sockets, with no monkeypatching. Every request is recorded as a :class:`Call`; answers are
scripted with :class:`LLMReply` (structured-output JSON, cut-off output, 429s, 5xx errors, slow
answers, broken bodies) and consumed in order, after which :attr:`FakeOpenAI.default` answers.

What the ``openai`` client does with the fake's answers, which tests rely on:

* ``client.chat.completions.parse(..., response_format=Model)`` sends ``response_format`` as
  ``{"type": "json_schema", "json_schema": {"name": ..., "schema": ..., "strict": true}}`` and
  validates the reply's ``content`` with ``Model.model_validate_json``: content that is not valid
  JSON for the model raises ``pydantic.ValidationError``; a ``finish_reason`` of ``"length"``
  raises ``openai.LengthFinishReasonError`` before any parsing.
* The client retries 408/409/429/5xx answers and timeouts by itself, up to ``max_retries``. It
  waits ``retry-after-ms`` (preferred) or ``retry-after`` seconds when that is above 0 and at
  most 120 s; otherwise (``retry-after: 0`` included) it backs off 0.5 s x 2^n with jitter.
  :meth:`LLMReply.rate_limited` therefore also sends ``retry-after-ms: 1`` by default, so a
  retried 429 costs a millisecond, not half a second.
* With retries exhausted: 429 raises ``openai.RateLimitError``, 5xx ``openai.InternalServerError``,
  a reply slower than the client's ``timeout`` ``openai.APITimeoutError``, and a 200 body that
  is not JSON (:attr:`LLMReply.raw`) ``json.JSONDecodeError`` (a ``ValueError``).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from tests.fakes.background import HTTPFake, QuietHandler, QuietServer

__all__ = ["CHAT_COMPLETIONS_PATH", "Call", "FakeOpenAI", "LLMReply"]

#: The one endpoint the fake serves.
CHAT_COMPLETIONS_PATH = "/v1/chat/completions"

#: The fixed ``created`` timestamp base of the fake's completions.
_BASE_CREATED = 1_700_000_000


@dataclass(frozen=True)
class Call:
    """One request the fake received.

    Attributes:
        path: The request path, e.g. ``"/v1/chat/completions"`` (query string removed).
        body: The decoded JSON body (``model``, ``messages``, ``response_format``, ...). A body
            that is not a JSON object is kept as ``{"_raw": text}``.
        headers: The request headers, names lower-cased (``call.headers["authorization"]``).
        at: ``time.monotonic()`` when the request had been read, before any scripted delay.
    """

    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float


@dataclass(frozen=True)
class LLMReply:
    """A scripted answer to one ``POST /v1/chat/completions``.

    Attributes:
        content: The assistant message's content (for structured outputs: the JSON text).
        finish_reason: ``"stop"``, or ``"length"`` for output cut off at ``max_tokens``
            (``"content_filter"`` and ``"tool_calls"`` are passed through as given).
        status: The HTTP status. From 400 on, the body is :attr:`error_body` (or an
            OpenAI-style error for that status) instead of a completion.
        error_body: The JSON body of an error answer, e.g.
            ``{"error": {"message": "...", "type": "...", "code": "..."}}``.
        headers: Extra response headers, e.g. ``{"retry-after": "1"}``.
        delay: Seconds to wait before answering; the call is recorded before the wait. Longer
            than the client's ``timeout`` simulates a timeout. Ends at once when the fake stops.
        raw: Send exactly this body text (status 200, ``application/json``) instead of a
            completion: an invalid-JSON answer from the server.
    """

    content: str | None = None
    finish_reason: str = "stop"
    status: int = 200
    error_body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    raw: str | None = None

    @classmethod
    def json(cls, obj: Any, finish_reason: str = "stop") -> LLMReply:
        """A completion whose content is ``json.dumps(obj)``: a structured-output answer."""
        return cls(content=json.dumps(obj), finish_reason=finish_reason)

    @classmethod
    def claims(cls, *items: tuple[str, list[int]] | tuple[str, list[int], str, str]) -> LLMReply:
        """A drafter's answer: claims of (text, citations[, actor, stance])."""
        return cls.json(
            {
                "claims": [
                    {
                        "text": item[0],
                        "citations": item[1],
                        "actor": item[2] if len(item) > 2 else None,
                        "stance": item[3] if len(item) > 3 else None,
                    }
                    for item in items
                ]
            }
        )

    @classmethod
    def rate_limited(cls, retry_after: str = "0", retry_after_ms: str | None = "1") -> LLMReply:
        """HTTP 429 with OpenAI's ``rate_limit_exceeded`` error and ``retry-after`` headers.

        The openai client prefers ``retry-after-ms``; pass ``retry_after_ms=None`` to send only
        ``retry-after`` (which the client ignores when it is ``"0"``, backing off ~0.5 s).
        """
        headers = {"retry-after": retry_after}
        if retry_after_ms is not None:
            headers["retry-after-ms"] = retry_after_ms
        return cls(status=429, headers=headers)

    @classmethod
    def server_error(cls, status: int = 500, retry_after_ms: str | None = None) -> LLMReply:
        """An OpenAI-style server error (500 by default; 502, 503 ... as given).

        The openai client retries it after a 0.5 s x 2^n back-off unless ``retry_after_ms``
        (e.g. ``"1"``) asks for a shorter wait.
        """
        headers = {} if retry_after_ms is None else {"retry-after-ms": retry_after_ms}
        return cls(status=status, headers=headers)

    @classmethod
    def slow(cls, seconds: float, content: str | None = "{}") -> LLMReply:
        """A completion with ``content``, sent after ``seconds``.

        For a slow answer of any other kind use ``dataclasses.replace(reply, delay=seconds)``.
        """
        return cls(content=content, delay=seconds)

    @classmethod
    def cut_off(cls, partial_text: str) -> LLMReply:
        """A completion cut off at ``max_tokens``: ``finish_reason="length"``, partial content."""
        return cls(content=partial_text, finish_reason="length")


def default_error_body(status: int) -> dict[str, Any]:
    """The error body OpenAI sends for ``status`` (what an unscripted ``error_body`` means)."""
    if status == 429:
        error = {
            "message": "Rate limit reached for requests (fake). Please try again later.",
            "type": "requests",
            "param": None,
            "code": "rate_limit_exceeded",
        }
    elif status >= 500:
        error = {
            "message": "The server had an error while processing your request (fake).",
            "type": "server_error",
            "param": None,
            "code": None,
        }
    else:
        error = {
            "message": f"Fake HTTP {status} error.",
            "type": "invalid_request_error",
            "param": None,
            "code": None,
        }
    return {"error": error}


class FakeOpenAI(HTTPFake):
    """A real HTTP server on 127.0.0.1 that answers like OpenAI's Chat Completions API.

    Use it as a context manager, or call :meth:`start` and :meth:`stop`::

        with FakeOpenAI() as llm:
            llm.script(LLMReply.json({"sentences": ["a", "b"]}))
            client = openai.OpenAI(api_key="test-key", base_url=llm.base_url, max_retries=0)
            client.chat.completions.parse(model="m", messages=[...], response_format=Summary)
            assert llm.last_request_json()["response_format"]["type"] == "json_schema"

    Any ``Authorization: Bearer ...`` is accepted. Requests to other paths are recorded and
    answered 404 without consuming a script; ``"stream": true`` is answered 400 likewise.
    """

    def __init__(self) -> None:
        """Create a stopped fake; :meth:`start` binds a free port on 127.0.0.1."""
        self._cond = threading.Condition()
        self._calls: list[Call] = []
        self._scripts: deque[LLMReply] = deque()
        self._default = LLMReply(content="{}")
        self._ids = itertools.count(1)
        super().__init__()

    # -- lifecycle ------------------------------------------------------------------------

    def _make_server(self) -> ThreadingHTTPServer:
        return QuietServer(self, _Handler)

    @property
    def base_url(self) -> str:
        """The value for ``openai.OpenAI(base_url=...)``: ``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    # -- scripting ------------------------------------------------------------------------

    @property
    def default(self) -> LLMReply:
        """The answer once the script is used up; initially a completion with content ``"{}"``."""
        with self._cond:
            return self._default

    @default.setter
    def default(self, reply: LLMReply) -> None:
        with self._cond:
            self._default = reply

    def script(self, *responses: LLMReply) -> None:
        """Queue answers; each chat completion request takes the next, then :attr:`default`."""
        with self._cond:
            self._scripts.extend(responses)

    def reset(self) -> None:
        """Forget every recorded call and every queued answer (:attr:`default` is kept)."""
        with self._cond:
            self._calls.clear()
            self._scripts.clear()

    # -- queries --------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """A snapshot of every recorded call, oldest first."""
        with self._cond:
            return list(self._calls)

    def last_request_json(self) -> dict[str, Any]:
        """The JSON body of the most recent request; ``AssertionError`` if there was none."""
        with self._cond:
            if not self._calls:
                raise AssertionError("FakeOpenAI has received no request")
            return self._calls[-1].body

    def wait_for(self, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until at least ``count`` calls are recorded; return them all.

        Raises ``AssertionError`` with the number seen if ``timeout`` seconds pass first.
        """
        with self._cond:
            if self._cond.wait_for(lambda: len(self._calls) >= count, timeout):
                return list(self._calls)
            found = len(self._calls)
        raise AssertionError(
            f"expected at least {count} call(s) to FakeOpenAI within {timeout}s, got {found}"
        )

    # -- request handling (called from the server's threads) ------------------------------

    def _record(
        self, verb: str, path: str, body: dict[str, Any], headers: dict[str, str]
    ) -> LLMReply:
        """Record a call, wake waiters, and take the answer: the next scripted, or the default.

        Requests to other paths, and streaming requests, get an error without using a script.
        """
        with self._cond:
            self._calls.append(Call(path, body, headers, time.monotonic()))
            self._cond.notify_all()
            if verb != "POST" or path.rstrip("/") != CHAT_COMPLETIONS_PATH:
                return LLMReply(
                    status=404,
                    error_body=_error(
                        f"Unknown request URL: {verb} {path}. FakeOpenAI serves only "
                        f"POST {CHAT_COMPLETIONS_PATH}.",
                        "invalid_request_error",
                        "unknown_url",
                    ),
                )
            if body.get("stream"):
                return LLMReply(
                    status=400,
                    error_body=_error(
                        "FakeOpenAI does not support stream=true.",
                        "invalid_request_error",
                        "unsupported_parameter",
                    ),
                )
            return self._scripts.popleft() if self._scripts else self._default

    def _pause(self, seconds: float) -> bool:
        """Wait out a scripted delay; True if the fake stopped meanwhile."""
        return self._stopping.wait(seconds)

    def _completion(self, body: dict[str, Any], reply: LLMReply) -> dict[str, Any]:
        """A realistic ``chat.completion`` object for ``reply`` to the request ``body``."""
        number = next(self._ids)
        content = reply.content
        prompt_tokens = max(1, len(json.dumps(body.get("messages", []))) // 4)
        completion_tokens = len(content or "") // 4
        return {
            "id": f"chatcmpl-fake-{number}",
            "object": "chat.completion",
            "created": _BASE_CREATED + number,
            "model": body.get("model", "fake-model"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": None},
                    "finish_reason": reply.finish_reason,
                    "logprobs": None,
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
            "system_fingerprint": "fp_fake",
        }

    def _answer(self, body: dict[str, Any], reply: LLMReply) -> tuple[int, bytes]:
        """The status and body bytes to send for ``reply``."""
        if reply.raw is not None:
            return 200, reply.raw.encode("utf-8")
        if reply.status >= 400:
            payload = (
                reply.error_body
                if reply.error_body is not None
                else default_error_body(reply.status)
            )
        else:
            payload = self._completion(body, reply)
        return reply.status, json.dumps(payload).encode("utf-8")


def _error(message: str, type_: str, code: str | None) -> dict[str, Any]:
    """An OpenAI-style error body."""
    return {"error": {"message": message, "type": type_, "param": None, "code": code}}


def _decode_body(raw: bytes) -> dict[str, Any]:
    """The JSON object in ``raw``; anything else is kept as ``{"_raw": text}``."""
    text = raw.decode("utf-8", errors="replace")
    try:
        decoded = json.loads(text) if text else {}
    except ValueError:
        return {"_raw": text}
    return decoded if isinstance(decoded, dict) else {"_raw": text}


class _Handler(QuietHandler):
    """Answers ``POST /v1/chat/completions`` as the fake is scripted."""

    def _serve(self) -> None:
        fake = self.server.fake
        body = _decode_body(self._read_body())
        headers = {name.lower(): value for name, value in self.headers.items()}
        reply = fake._record(self.command, urlsplit(self.path).path, body, headers)
        if reply.delay > 0 and fake._pause(reply.delay):
            self.close_connection = True  # stopped while waiting: answer nothing
            return
        status, data = fake._answer(body, reply)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(ConnectionError):
            self.wfile.write(data)
