"""Hand an ack back the moment the listener gives it, not at Bolt's next 10 ms tick.

With `process_before_response=False` Bolt runs each listener on its listener pool and the
request thread polls `ack.response` with `time.sleep(0.01)`, so every answer waited 0-10 ms
after it was built. Here the request's `Ack` signals when it is set, and the pool's `submit`
(called on the request thread just before that poll) waits for the signal, so the poll finds
the answer at its first look. Work a listener does after `ack()` still runs on the pool
thread and never delays the answer.
"""

import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_bolt.response import BoltResponse

# Bolt's own ack timeout (Listener.ack_timeout): its poll gives up after this anyway.
ACK_WAIT_SECONDS = 3.0

_pending = threading.local()


class SignallingAck(Ack):
    """An `Ack` whose `settled` event is set once it holds a response."""

    def __init__(self) -> None:
        self.settled = threading.Event()
        super().__init__()

    @property
    def response(self) -> BoltResponse | None:
        return self._response

    @response.setter
    def response(self, value: BoltResponse | None) -> None:
        # Bolt sets it through ack() and, when a listener fails, by plain assignment.
        self._response = value
        if value is not None:
            self.settled.set()


class AckWaitingExecutor(ThreadPoolExecutor):
    """Bolt's listener pool: a submit from a request thread returns once the listener acked
    (or finished without acking), so Bolt's poll that follows answers at once."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> "Future[Any]":
        ack: SignallingAck | None = getattr(_pending, "ack", None)
        _pending.ack = None
        # The listener runs in the request's context: its tenant scope (handlers.slack.tenants).
        context = contextvars.copy_context()
        if ack is None:
            return super().submit(context.run, fn, *args, **kwargs)

        def run() -> Any:
            try:
                return fn(*args, **kwargs)
            finally:
                ack.settled.set()  # no ack() at all: let Bolt's poll see that and warn

        future = super().submit(context.run, run)
        ack.settled.wait(timeout=ACK_WAIT_SECONDS)
        return future


def install(app: App) -> None:
    """Give every request a `SignallingAck` and tell the pool which one to wait for."""

    @app.middleware
    def signalling_ack(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse:
        ack = SignallingAck()
        context["ack"] = ack
        expect(ack)
        return next()


def expect(ack: SignallingAck) -> None:
    """Make `ack` the one the pool's next submit from this thread waits for.

    Bolt runs the listener after the middleware chain has returned, on the same thread, so
    the middleware leaves the ack here and the submit takes it (each request overwrites it).
    """
    _pending.ack = ack
