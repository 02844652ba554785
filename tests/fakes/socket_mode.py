"""A fake Slack Socket Mode endpoint: a real local WebSocket server speaking Slack's protocol.

The flow it reproduces, for ``slack_sdk.socket_mode.websocket_client.SocketModeClient`` (what
``slack_bolt.adapter.socket_mode.SocketModeHandler`` uses):

1. the client calls ``apps.connections.open`` on the Web API with its ``xapp-`` token and gets a
   ``wss://`` URL -- here :attr:`FakeSocketModeServer.url`, handed out by
   ``FakeSlackApi.set_socket_mode_url(server.url)``;
2. it opens the WebSocket; Slack (this server) sends ``{"type": "hello", ...}``;
3. Slack sends envelopes ``{"envelope_id", "type", "payload", "accepts_response_payload"}``
   whose ``type`` is ``slash_commands``, ``interactive`` or ``events_api``;
4. the client acks each one with ``{"envelope_id": ..., "payload": {...}}`` (``payload`` only
   when the app responds with a body, e.g. a slash command's immediate reply).

Usage::

    with FakeSlackApi() as slack, FakeSocketModeServer() as sm:
        slack.set_socket_mode_url(sm.url)
        ...start the app's SocketModeHandler against slack.api_url...
        envelope_id = sm.send_envelope("slash_commands", slash_command_fields("x", ...))
        ack = sm.wait_for_ack(envelope_id)
"""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any, Self

from slack_sdk.socket_mode.websocket_client import SocketModeClient
from websockets.exceptions import ConnectionClosed
from websockets.protocol import State
from websockets.sync.server import Server, ServerConnection, serve

from tests.fakes.background import BackgroundServer

__all__ = ["FakeSocketModeServer"]


class FakeSocketModeServer(BackgroundServer):
    """A WebSocket server on 127.0.0.1 that plays Slack's side of Socket Mode.

    Envelopes go to the newest open connection. An envelope sent on a connection that closes
    before acking it is re-sent, with the same ``envelope_id``, on the next connection, so a
    test that sends while the client is reconnecting still gets its ack. (``SocketModeClient``
    replaces sessions freely: even ``connect()`` is followed at once by its monitor thread
    calling ``apps.connections.open`` a second time and swapping in a new session.)

    To test reconnection, :meth:`close_connections` (Slack going away); the client reconnects
    through ``apps.connections.open`` within about 0.5 s. To end a test, :meth:`close_client`.

    Attributes:
        app_id: The app id announced in the ``hello`` message.
    """

    def __init__(self, app_id: str = "A0STANDPOINT") -> None:
        """Create a stopped server; :meth:`start` binds a free port on 127.0.0.1."""
        self.app_id = app_id
        self._cond = threading.Condition()
        self._connections: list[ServerConnection] = []
        self._connection_count = 0
        self._received: list[dict[str, Any]] = []
        self._sent: dict[int, list[dict[str, Any]]] = {}  # id(connection) -> envelopes sent
        self._pending: list[dict[str, Any]] = []  # unacked envelopes waiting for a connection
        self._redelivered = 0
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind 127.0.0.1 on a free port and accept connections from a daemon thread."""
        if self._server is not None:
            raise RuntimeError("FakeSocketModeServer is already started")
        self._server = serve(
            self._handle,
            "127.0.0.1",
            0,
            compression=None,
            ping_interval=None,
            close_timeout=0.1,
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="FakeSocketModeServer", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close every connection (code 1001, as Slack does), stop serving, free the port.

        Close the client first: a still-running ``SocketModeClient`` would try to reconnect.
        """
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        if thread is not None:
            thread.join(timeout=5)
        self._server = None
        self._thread = None

    # -- addresses and state --------------------------------------------------------------

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        if self._server is None:
            raise RuntimeError("FakeSocketModeServer is not started")
        return int(self._server.socket.getsockname()[1])

    @property
    def url(self) -> str:
        """The WebSocket URL for ``apps.connections.open``: ``ws://127.0.0.1:PORT/link``."""
        return f"ws://127.0.0.1:{self.port}/link"

    @property
    def connection_count(self) -> int:
        """How many WebSocket connections were opened since start (reconnects count)."""
        with self._cond:
            return self._connection_count

    @property
    def received(self) -> list[dict[str, Any]]:
        """A snapshot of every message the clients sent (acks), oldest first."""
        with self._cond:
            return list(self._received)

    @property
    def redelivered(self) -> int:
        """How many envelopes were re-sent because their connection closed before the ack."""
        with self._cond:
            return self._redelivered

    def wait_connected(self, timeout: float = 5.0) -> None:
        """Block until a client holds an open connection (and has been sent ``hello``)."""
        self._open_connection(timeout)

    # -- talking to the client ------------------------------------------------------------

    def send_envelope(
        self,
        type: str,
        payload: dict[str, Any],
        *,
        envelope_id: str | None = None,
        accepts_response_payload: bool = True,
        retry_attempt: int | None = None,
        retry_reason: str | None = None,
        timeout: float = 5.0,
    ) -> str:
        """Send an envelope to the connected client and return its ``envelope_id``.

        ``type`` is ``"slash_commands"``, ``"interactive"`` or ``"events_api"``. Slack sets
        ``accepts_response_payload`` for slash commands and view submissions, not for
        ``block_actions`` or events; ``events_api`` envelopes also carry ``retry_attempt`` and
        ``retry_reason``. Waits up to ``timeout`` seconds for a client to be connected.
        """
        envelope_id = envelope_id or str(uuid.uuid4())
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "type": type,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
        }
        if retry_attempt is not None:
            envelope["retry_attempt"] = retry_attempt
        if retry_reason is not None:
            envelope["retry_reason"] = retry_reason
        self._deliver(self._open_connection(timeout), [envelope])
        return envelope_id

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """Block until the client acks ``envelope_id``; return its message.

        The message is ``{"envelope_id": ...}`` plus ``"payload"`` when the app answered with
        a body. Raises ``AssertionError`` after ``timeout`` seconds.
        """

        def find() -> dict[str, Any] | None:
            return next((m for m in self._received if m.get("envelope_id") == envelope_id), None)

        with self._cond:
            if self._cond.wait_for(lambda: find() is not None, timeout):
                ack = find()
                assert ack is not None
                return ack
            seen = [m.get("envelope_id") for m in self._received]
        raise AssertionError(
            f"no ack for envelope {envelope_id!r} within {timeout}s; acks seen: {seen}"
        )

    def close_client(self, client: SocketModeClient, timeout: float = 5.0) -> None:
        """Shut a connected ``SocketModeClient`` down quickly and deterministically.

        For Bolt, pass ``handler.client`` (``SocketModeHandler.close()`` afterwards is a no-op).

        ``client.close()`` alone intermittently takes 10 s: websocket-client sends the close
        frame and reads the reply on the calling thread while its dispatcher thread waits in
        ``select()`` on the same socket; when the caller consumes the reply and closes the
        socket first, the dispatcher sleeps out its 10 s select timeout (about one time in
        three here). So this turns auto-reconnect off, closes the connection from the server
        side, which only the dispatcher reads, waits for the client's ``on_close``, wakes the
        client's message processor (otherwise ``close()`` waits out its 1 s queue poll), and
        only then calls ``client.close()``.
        """
        session_closed = threading.Event()
        client.on_close_listeners.append(lambda _ws: session_closed.set())
        client.auto_reconnect_enabled = False
        if client.is_connected():
            self.close_connections(wait=False)
            if not session_closed.wait(timeout):
                raise AssertionError(f"the Socket Mode client did not close within {timeout}s")
        client.closed = True
        client.message_queue.put(None)  # process_message() skips None; its loop then ends
        client.close()

    def close_connections(self, wait: bool = True) -> None:
        """Close every open connection with code 1001, like Slack going away.

        With ``wait=False`` the closing handshakes run on background threads. A client with
        auto-reconnect on (the default) then calls ``apps.connections.open`` and reconnects.
        Prefer this to a ``{"type": "disconnect"}`` message: on that one the client closes the
        old session itself, which hits websocket-client's 10 s close stall (see
        :meth:`close_client`) about one time in three.
        """
        with self._cond:
            connections = self._open_connections()
        for connection in connections:
            if wait:
                connection.close(code=1001, reason="fake server closed the connection")
            else:
                threading.Thread(
                    target=connection.close,
                    kwargs={"code": 1001, "reason": "fake server closed the connection"},
                    name="FakeSocketModeServer-close",
                    daemon=True,
                ).start()

    # -- internals ------------------------------------------------------------------------

    def _open_connections(self) -> list[ServerConnection]:
        """Registered connections not yet closing, oldest first (caller holds the lock)."""
        return [c for c in self._connections if c.state is State.OPEN]

    def _open_connection(self, timeout: float) -> ServerConnection:
        """The newest open connection, waiting up to ``timeout`` seconds for one."""
        with self._cond:
            if not self._cond.wait_for(lambda: bool(self._open_connections()), timeout):
                raise AssertionError(f"no Socket Mode client connected within {timeout}s")
            return self._open_connections()[-1]

    def _hello(self) -> dict[str, Any]:
        return {
            "type": "hello",
            "num_connections": 1,
            "debug_info": {
                "host": "fake-applink",
                "build_number": 1,
                "approximate_connection_time": 18060,
            },
            "connection_info": {"app_id": self.app_id},
        }

    def _deliver(self, connection: ServerConnection, envelopes: list[dict[str, Any]]) -> None:
        """Send envelopes on ``connection``, remembering them until they are acked.

        If the connection is closing, its handler re-queues whatever it did not ack.
        """
        with self._cond:
            self._sent.setdefault(id(connection), []).extend(envelopes)
        for envelope in envelopes:
            try:
                connection.send(json.dumps(envelope))
            except ConnectionClosed:
                return

    def _is_acked(self, envelope: dict[str, Any]) -> bool:
        """Whether any client acked ``envelope`` (caller holds the lock)."""
        envelope_id = envelope["envelope_id"]
        return any(message.get("envelope_id") == envelope_id for message in self._received)

    def _handle(self, connection: ServerConnection) -> None:
        """One client connection: say hello, deliver what is pending, record what it sends."""
        try:
            connection.send(json.dumps(self._hello()))
        except ConnectionClosed:
            return
        with self._cond:
            self._connections.append(connection)
            self._connection_count += 1
            pending, self._pending = self._pending, []
            self._cond.notify_all()
        if pending:
            self._deliver(connection, pending)
        try:
            for raw in connection:
                text = raw if isinstance(raw, str) else raw.decode("utf-8", errors="replace")
                try:
                    message = json.loads(text)
                except ValueError:
                    message = {"_raw": text}
                if not isinstance(message, dict):
                    message = {"_raw": text}
                with self._cond:
                    self._received.append(message)
                    self._cond.notify_all()
        except ConnectionClosed:
            pass
        finally:
            self._forget(connection)

    def _forget(self, connection: ServerConnection) -> None:
        """Drop a closed connection; hand its unacked envelopes to the next connection."""
        with self._cond:
            self._connections.remove(connection)
            unacked = [e for e in self._sent.pop(id(connection), []) if not self._is_acked(e)]
            self._redelivered += len(unacked)
            open_connections = self._open_connections()
            target = open_connections[-1] if open_connections else None
            if target is None:
                self._pending.extend(unacked)
            self._cond.notify_all()
        if target is not None and unacked:
            self._deliver(target, unacked)
