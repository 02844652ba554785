"""A page that can't be fetched: the shell says what failed in words, and the library's own
log line goes to the log file, not between the answers. Run as the console script."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _site_without_pages() -> Iterator[str]:
    """A local site that answers 404 Not Found to everything; yields a page's URL."""

    class Missing(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_error(404)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Missing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/story"
    finally:
        server.shutdown()
        server.server_close()


def test_a_failed_fetch_is_said_in_words_and_logged_to_the_file(tmp_path: Path) -> None:
    refused = f"http://127.0.0.1:{_closed_port()}/story"
    with _site_without_pages() as missing:
        result = run(
            ["shell", "--as", "U_DESK"],
            tmp_path,
            f"/stance ingest {refused}\n"
            "/stance ingest https://no-such-site.invalid/story\n"
            f"/stance ingest {missing}\n",
            STANDPOINT_FETCH_ALLOW_PRIVATE="true",
        )
    assert result.returncode == 0, result.stderr
    out, err = result.stdout, result.stderr
    assert f"Could not fetch {refused}: the site did not answer (connection refused)." in out
    assert "Could not fetch https://no-such-site.invalid/story: no such site" in out
    assert f"Could not fetch {missing}: the site answered 404 (not found)." in out
    assert out.count("Paste the article's text instead.") == 3
    for library in ("trafilatura", "urllib3", "htmldate", "ERROR", "Max retries"):
        assert library not in out + err
    log = (tmp_path / ".standpoint.log").read_text(encoding="utf-8")  # HOME is tmp_path
    assert f"ERROR trafilatura.downloads download error: {refused}" in log


def test_the_shells_log_file_is_a_setting(tmp_path: Path) -> None:
    refused = f"http://127.0.0.1:{_closed_port()}/story"
    result = run(
        ["shell", "--as", "U_DESK"],
        tmp_path,
        f"/stance ingest {refused}\n",
        STANDPOINT_FETCH_ALLOW_PRIVATE="true",
        STANDPOINT_LOG_FILE=str(tmp_path / "logs" / "shell.log"),
    )
    assert result.returncode == 0, result.stderr
    assert "connection refused" in result.stdout
    assert "trafilatura" not in result.stdout + result.stderr
    assert refused in (tmp_path / "logs" / "shell.log").read_text(encoding="utf-8")
