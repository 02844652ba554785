"""Signatures, timestamps, foreign workspaces and the health check, over real HTTP."""

import http.client
import logging
import threading
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.serving.server import (
    MAX_BODY_BYTES,
    create_http_server,
    make_wsgi_app,
    stop_http_server,
)
from store import make_engine
from tests.fakes import signing
from tests.fakes.slack_api import FakeSlackApi
from tests.handlers.slack.conftest import EVENTS, BotServer, running_bot


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
    wsgi = make_wsgi_app(bolt_app=bot.running.app, engine=dead, signing_secret=bot.secret)
    server = create_http_server(wsgi, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        status, text = get(f"http://127.0.0.1:{server.effective_port}/healthz")
    finally:
        stop_http_server(server, thread)
    assert status == 503
    assert "database unavailable" in text


# -- malformed bodies: verified on the raw bytes first, then 400 or 401, never a 500 ----------

MARK = "Zq7body"  # in every malformed body: it must never reach the log
# name: (body, Content-Type or None for sign()'s guess, the problem the log line must name)
MALFORMED: dict[str, tuple[bytes, str | None, str]] = {
    "non-UTF-8 form": (f"command=%2Fstance&text={MARK}caf\xe9".encode("latin-1"), None, "UTF-8"),
    "non-UTF-8 inside payload": (
        f'payload={{"type":"{MARK}caf\xe9"}}'.encode("latin-1"),
        None,
        "UTF-8",
    ),
    "truncated JSON event": (
        f'{{"type":"event_callback","event_id":"{MARK}",'.encode(),
        None,
        "invalid JSON",
    ),
    "payload not JSON": (f"payload=%7Bnot-json-{MARK}".encode(), None, "invalid JSON"),
    "payload a JSON string": (f"payload=%22{MARK}%22".encode(), None, "not a Slack payload"),
    "payload a JSON array": (f"payload=%5B%22{MARK}%22%5D".encode(), None, "not a Slack payload"),
    "JSON array body": (f'["{MARK}"]'.encode(), "application/json", "not a Slack payload"),
    "form body sent as JSON": (f"text={MARK}".encode(), "application/json", "invalid JSON"),
    "empty body": (b"", None, "empty body"),
    "url_verification cut short": (
        f'{{"type":"url_verification","challenge":"{MARK}'.encode(),
        None,
        "invalid JSON",
    ),
    "url_verification without challenge": (
        f'{{"type":"url_verification","token":"{MARK}"}}'.encode(),
        None,
        "without a challenge",
    ),
}


def _headers(
    bot: BotServer, body: bytes, content_type: str | None, *, signed: bool
) -> dict[str, str]:
    headers = signing.sign(bot.secret if signed else "not-the-secret", body)
    if content_type is not None:
        headers["Content-Type"] = content_type
    return headers


def _ours(record: logging.LogRecord) -> bool:
    # Under load waitress warns about its queue depth; that line is the server's, not ours.
    return not record.name.startswith("waitress")


def _assert_one_quiet_warning(caplog: pytest.LogCaptureFixture) -> str:
    """Exactly one WARNING (or worse) line, no traceback, nothing of the body; returns it."""
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING and _ours(r)]
    assert len(loud) == 1, [r.getMessage() for r in loud]
    assert all(r.exc_info is None for r in caplog.records)
    assert "Traceback" not in caplog.text
    assert MARK not in caplog.text
    return loud[0].getMessage()


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_signed_malformed_body_is_400_with_one_log_line(
    bot: BotServer, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    body, content_type, problem = MALFORMED[case]
    with caplog.at_level(logging.DEBUG):
        reply = bot.send(body, headers=_headers(bot, body, content_type, signed=True))
    assert reply.status == 400
    assert reply.json["error"].startswith("malformed request")
    assert MARK not in reply.text
    assert problem in _assert_one_quiet_warning(caplog)
    assert bot.slack.calls_to("chat.postMessage") == []


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_an_unsigned_malformed_body_is_401_with_one_log_line(
    bot: BotServer, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    body, content_type, _ = MALFORMED[case]
    with caplog.at_level(logging.DEBUG):
        wrong = bot.send(body, headers=_headers(bot, body, content_type, signed=False))
        unsigned = bot.send(body, headers={"Content-Type": content_type or "text/plain"})
    assert (wrong.status, unsigned.status) == (401, 401)
    loud = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and _ours(r)]
    assert len(loud) == 2, loud
    assert all("signature" in line for line in loud)
    assert all(r.exc_info is None for r in caplog.records)
    assert MARK not in caplog.text


def test_a_stale_signed_malformed_body_is_401(bot: BotServer) -> None:
    body = MALFORMED["non-UTF-8 form"][0]
    headers = signing.sign(bot.secret, body, timestamp=int(time.time()) - 301)
    assert bot.send(body, headers=headers).status == 401


def test_a_non_ascii_signature_header_is_401(bot: BotServer) -> None:
    body = _command_body(bot)
    headers = signing.sign(bot.secret, body)
    headers["X-Slack-Signature"] = "v0=caf\xe9"  # latin-1 on the wire
    assert bot.send(body, headers=headers).status == 401


@pytest.mark.parametrize("signed", [True, False])
def test_a_body_over_the_limit_is_413(bot: BotServer, signed: bool) -> None:
    # The server answers as soon as it reads Content-Length; sending the body too would race
    # its close (a broken pipe in the client), so only the headers go.
    body = b"text=" + b"a" * MAX_BODY_BYTES
    conn = http.client.HTTPConnection(urlsplit(bot.url).netloc, timeout=10)
    try:
        conn.putrequest("POST", EVENTS)
        for name, value in _headers(bot, body, None, signed=signed).items():
            conn.putheader(name, value)
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        assert conn.getresponse().status == 413
    finally:
        conn.close()


def test_a_malformed_timestamp_logs_one_line(
    bot: BotServer, caplog: pytest.LogCaptureFixture
) -> None:
    body = _command_body(bot)
    headers = signing.sign(bot.secret, body) | {"X-Slack-Request-Timestamp": "9" * 5000}
    with caplog.at_level(logging.DEBUG):
        assert bot.send(body, headers=headers).status == 401
    # Ours only: waitress warns of its own queue depth when the machine is busy.
    loud = [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and not r.name.startswith("waitress")
    ]
    assert len(loud) == 1
    assert "timestamp" in loud[0]


_BODIES = st.one_of(
    st.binary(max_size=512),
    st.binary(max_size=256).map(lambda tail: b"payload=" + tail),
    st.binary(max_size=256).map(lambda tail: b"{" + tail),
    st.text(max_size=256).map(lambda text: ("payload=" + text).encode()),
)


def test_arbitrary_bodies_never_get_a_5xx(db_url: str, fake_slack: FakeSlackApi) -> None:
    with running_bot(db_url, fake_slack) as server:

        @settings(max_examples=50, deadline=None)
        @given(body=_BODIES, signed=st.booleans())
        def never_5xx(body: bytes, signed: bool) -> None:
            reply = server.send(body, headers=_headers(server, body, None, signed=signed))
            assert reply.status < 500
            if not signed:
                assert reply.status == 401

        never_5xx()
