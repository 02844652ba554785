"""`standpoint serve` as a real process: HTTP mode, Socket Mode, and what it logs."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.fakes import signing
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.socket_mode import FakeSocketModeServer
from tests.handlers.slack.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.handlers.slack.test_security import get
from tests.handlers.slack.test_socket_mode import APP_TOKEN

STANDPOINT = str(Path(sys.executable).parent / "standpoint")
SECRET_WORDS = "confidential-source-name-7731"  # noqa: S105  (text that must not be logged)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(
    db_url: str, home: Path, fake: FakeSlackApi, *, options: tuple[str, ...] = (), **env: str
) -> Iterator[subprocess.Popen[str]]:
    """`standpoint serve` in a subprocess; stopped with SIGTERM at the end."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "DATABASE_URL": db_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_API_URL": fake.api_url,
        "STANDPOINT_LOG_LEVEL": "DEBUG",
        **env,
    }
    process = subprocess.Popen(
        [STANDPOINT, "serve", "--host", "127.0.0.1", *options],
        env=environment,
        cwd=home,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=15)


@contextmanager
def two_replicas(
    db_url: str, home: Path, fake: FakeSlackApi, **env: str
) -> Iterator[tuple[list[str], list[subprocess.Popen[str]]]]:
    """Two `standpoint serve` processes on one database, each healthy: (urls, processes)."""
    ports = [_free_port(), _free_port()]
    (home / "a").mkdir()
    (home / "b").mkdir()
    with (
        serving(db_url, home / "a", fake, PORT=str(ports[0]), **env) as first,
        serving(db_url, home / "b", fake, PORT=str(ports[1]), **env) as second,
    ):
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        _wait_healthy(urls[0], first)
        _wait_healthy(urls[1], second)
        yield urls, [first, second]


def _wait_healthy(url: str, process: subprocess.Popen[str], deadline: float = 20.0) -> None:
    """Readiness: poll /healthz until the server is up (bounded; fails if the process dies)."""
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            if get(url + "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("standpoint serve did not become healthy")


def test_http_mode_answers_signed_commands_and_logs_no_secrets(
    db_url: str, tmp_path: Path, fake_slack: FakeSlackApi
) -> None:
    port = _free_port()
    with serving(
        db_url, tmp_path, fake_slack, SLACK_SIGNING_SECRET=SIGNING_SECRET, PORT=str(port)
    ) as process:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, process)
        body = signing.slash_command(
            f"putin on ceasefire {SECRET_WORDS}", response_url=fake_slack.response_url()
        )
        status, _, _ = signing.post(url + "/slack/events", body, signing.sign(SIGNING_SECRET, body))
        good = signing.slash_command("putin on ceasefire", response_url=fake_slack.response_url())
        answer = signing.post(url + "/slack/events", good, signing.sign(SIGNING_SECRET, good))
        forged = signing.post(url + "/slack/events", good, signing.sign("forged", good))
    assert status == 200
    assert answer[0] == 200
    assert "Conditional support" in answer[1]
    assert forged[0] == 401
    assert process.stderr is not None
    logs = process.stderr.read()
    assert "Standpoint listening on http://127.0.0.1" in logs
    # The first user's answer pays no one-off cost: dates, names, board, search warmed first.
    assert "warm-up: 7 answers in" in logs
    # A default install has no approvers: say so at start, naming the setting.
    assert "STANDPOINT_APPROVERS is not set" in logs
    for secret in (BOT_TOKEN, SIGNING_SECRET, SECRET_WORDS):
        assert secret not in logs


def test_socket_mode_is_chosen_when_an_app_token_is_set(
    db_url: str, tmp_path: Path, fake_slack: FakeSlackApi
) -> None:
    with FakeSocketModeServer() as socket_server:
        fake_slack.set_socket_mode_url(socket_server.url)
        with serving(db_url, tmp_path, fake_slack, SLACK_APP_TOKEN=APP_TOKEN) as process:
            socket_server.wait_connected(timeout=20)
            payload = signing.slash_command_fields(
                "topic ceasefire", response_url=fake_slack.response_url()
            )
            ack = socket_server.wait_for_ack(socket_server.send_envelope("slash_commands", payload))
        assert "Donald Trump" in str(ack["payload"]["blocks"])
        assert process.stderr is not None
        logs = process.stderr.read()
        assert APP_TOKEN not in logs
        assert BOT_TOKEN not in logs


def test_serve_without_credentials_says_what_is_missing(tmp_path: Path) -> None:
    result = subprocess.run(
        [STANDPOINT, "serve", "--http"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
        },
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "HTTP mode needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" in result.stderr
    assert "standpoint shell" in result.stderr
