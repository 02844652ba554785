"""Two real `standpoint serve` processes on one PostgreSQL database: each alert goes out once."""

import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

from store import Alert, make_engine
from tests.fakes import signing
from tests.fakes.slack_api import FakeSlackApi
from tests.handlers.slack.conftest import SIGNING_SECRET
from tests.handlers.slack.test_schedule_sync import wait_until
from tests.handlers.slack.test_serve import two_replicas

pytestmark = pytest.mark.postgres
DESK, ALICE = "C0DESK", "U0ALICE"
MOVES = (
    ("opposes", "There will be no ceasefire on these terms."),
    ("supports", "We accept the proposal."),
    ("opposes", "We withdraw our acceptance."),
)


def command(url: str, fake: FakeSlackApi, text: str, **fields: str) -> str:
    body = signing.slash_command(text, response_url=fake.response_url(), **fields)
    status, answer, _ = signing.post(
        url + "/slack/events", body, signing.sign(SIGNING_SECRET, body)
    )
    assert status == 200, answer
    return answer


def statuses(db_url: str) -> list[str]:
    engine = make_engine(db_url)
    with Session(engine) as session:
        found = sorted(session.exec(select(Alert.status)).all())
    engine.dispose()
    return found


def test_two_replicas_send_each_alert_once_within_a_minute(
    db_url: str, tmp_path: Path, fake_slack: FakeSlackApi
) -> None:
    env = {
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "STANDPOINT_ALERT_POLL_SECONDS": "0.5",
        "STANDPOINT_ALERT_SETTLE_SECONDS": "0",
        "STANDPOINT_LOG_LEVEL": "INFO",
    }
    with two_replicas(db_url, tmp_path, fake_slack, **env) as (urls, processes):
        assert "now follows Vladimir Putin" in command(urls[0], fake_slack, "follow putin")
        followed = command(
            urls[1], fake_slack, "follow topic ceasefire", channel_id="D0A", user_id=ALICE
        )
        assert "You now follow topic US ceasefire proposal" in followed
        for number, (stance, quote) in enumerate(MOVES, start=1):
            said = f'add putin on ceasefire: {stance} "{quote}"'
            recorded = time.monotonic()
            assert "Recorded as position" in command(urls[number % 2], fake_slack, said)
            # Both processes poll twice a second and race for the same alerts; each move
            # reaches each follower once. The next move is recorded only after this one
            # arrived, so by the end each process has made many passes over the sent rows.
            arrived = fake_slack.wait_for(
                "chat.postMessage",
                count=2,
                timeout=60,
                where=lambda c, quote=quote: quote in str(c.params["blocks"]),
            )
            assert time.monotonic() - recorded < 60
            assert sorted(c.params["channel"] for c in arrived) == [DESK, ALICE]
            # Slack's answer reaches the sender after the fake records the post: the rows
            # become sent a moment later, never anything else.
            sent = ["sent"] * 2 * number
            wait_until(lambda sent=sent: statuses(db_url) == sent, timeout=10, what="rows sent")
            assert statuses(db_url) == sent
    posts = fake_slack.calls_to("chat.postMessage")
    assert len(posts) == 2 * len(MOVES)
    for _, quote in MOVES:
        assert len([c for c in posts if quote in str(c.params["blocks"])]) == 2
    for process in processes:
        assert process.stderr is not None
        logs = process.stderr.read()
        assert all(quote not in logs for _, quote in MOVES)
