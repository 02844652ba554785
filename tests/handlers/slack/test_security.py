"""Signatures, timestamps, foreign workspaces and the health check, over real HTTP."""

import threading
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

from handlers.server import create_http_server, make_wsgi_app, stop_http_server
from store import make_engine
from tests.fakes import signing
from tests.handlers.slack.conftest import BotServer


def _command_body(bot: BotServer) -> str:
    return signing.slash_command("putin on ceasefire", response_url=bot.slack.response_url())


def test_a_correctly_signed_request_is_answered(bot: BotServer) -> None:
    assert bot.send(_command_body(bot)).status == 200


def test_missing_signature_is_401(bot: BotServer) -> None:
    reply = bot.send(
        _command_body(bot), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert reply.status == 401


def test_wrong_secret_is_401(bot: BotServer) -> None:
    body = _command_body(bot)
    assert bot.send(body, headers=signing.sign("not-the-secret", body)).status == 401


def test_tampered_body_is_401(bot: BotServer) -> None:
    body = _command_body(bot)
    headers = signing.sign(bot.secret, body)
    assert bot.send(body.replace("putin", "trump"), headers=headers).status == 401


@pytest.mark.parametrize("skew", [-301, 301, -3600])
def test_timestamp_more_than_five_minutes_off_is_401(bot: BotServer, skew: int) -> None:
    body = _command_body(bot)
    headers = signing.sign(bot.secret, body, timestamp=int(time.time()) + skew)
    assert bot.send(body, headers=headers).status == 401


@pytest.mark.parametrize("stamp", ["abc", "", "9" * 5000, "-5", "1.5", " 1700000000"])
def test_malformed_timestamp_header_is_401_not_500(bot: BotServer, stamp: str) -> None:
    body = _command_body(bot)
    headers = signing.sign(bot.secret, body)
    headers["X-Slack-Request-Timestamp"] = stamp
    assert bot.send(body, headers=headers).status == 401
    assert bot.slack.calls_to("chat.postMessage") == []


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"slack_team_id": "T0FAKE", "slack_app_id": "A0STANDPOINT"}


def test_requests_from_another_workspace_or_app_are_refused(bot: BotServer) -> None:
    ours = bot.command("putin on ceasefire")
    assert ours.status == 200
    assert "Conditional support" in ours.text
    other_team = bot.command("putin on ceasefire", team_id="T0OTHER")
    other_app = bot.command("putin on ceasefire", api_app_id="A0OTHER")
    assert (other_team.status, other_app.status) == (403, 403)
    assert "Conditional support" not in other_team.text + other_app.text


def test_unknown_paths_are_404(bot: BotServer) -> None:
    status, _, _ = signing.post(bot.url + "/admin", "{}", {"Content-Type": "application/json"})
    assert status == 404


def get(url: str) -> tuple[int, str]:
    """GET `url`: (status, body), 4xx/5xx included."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  (test server)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_healthz_answers_200_when_the_database_answers(bot: BotServer) -> None:
    assert get(bot.url + "/healthz") == (200, '{"status": "ok"}')


def test_healthz_answers_503_when_the_database_does_not(bot: BotServer, tmp_path: Any) -> None:
    dead = make_engine(f"sqlite:///{tmp_path}/missing-dir/none.db")
    wsgi = make_wsgi_app(bolt_app=bot.running.app, engine=dead)
    server = create_http_server(wsgi, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        status, text = get(f"http://127.0.0.1:{server.effective_port}/healthz")
    finally:
        stop_http_server(server, thread)
    assert status == 503
    assert "database unavailable" in text
