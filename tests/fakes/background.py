"""What every fake server shares: `with Fake() as fake:` starts it and always stops it."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self


class BackgroundServer:
    """Context-manager plumbing for a server with `start()` and `stop()`."""

    def start(self) -> Self:
        """Start serving (implemented by each fake)."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop serving (implemented by each fake)."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        """Start the server."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the server."""
        self.stop()


class HTTPFake(BackgroundServer):
    """A fake HTTP service on 127.0.0.1 (a free port), served from a daemon thread."""

    def __init__(self) -> None:
        self._stopping = threading.Event()  # set on stop: scripted delays end at once
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def _make_server(self) -> ThreadingHTTPServer:
        """The fake's own server, bound to 127.0.0.1 port 0."""
        raise NotImplementedError

    def start(self) -> Self:
        """Bind a free port and serve from a daemon thread."""
        if self._server is not None:
            raise RuntimeError(f"{type(self).__name__} is already started")
        self._stopping.clear()
        self._server = self._make_server()
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.01},
            name=f"{type(self).__name__}:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = None
        self._thread = None

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        return int(self._server.server_address[1])


class QuietServer(ThreadingHTTPServer):
    """ThreadingHTTPServer bound to 127.0.0.1:0, one daemon thread per request, quiet."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, fake: Any, handler: type[BaseHTTPRequestHandler]) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client hangs up (timeouts, dropped connections)."""


class QuietHandler(BaseHTTPRequestHandler):
    """Sends every GET and POST to `_serve`; never logs to stderr."""

    server: QuietServer

    def do_POST(self) -> None:
        """Handle a POST."""
        self._serve()

    def do_GET(self) -> None:
        """Handle a GET."""
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Do not log requests to stderr."""

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self) -> None:
        raise NotImplementedError
