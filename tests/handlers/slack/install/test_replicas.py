"""Two real multi-workspace `standpoint serve` processes on one PostgreSQL database, three
newsrooms: each newsroom's digest and each of its alerts goes out once, with its own token."""

import json
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from seeds import load_reference_seed
from store import Alert, DigestSchedule, make_engine, tenant_scope, unit_of_work, utcnow
from tests.fakes import signing
from tests.fakes.slack_api import Call, FakeSlackApi
from tests.fakes.slack_oauth import CLIENT_ID, CLIENT_SECRET, Workspace
from tests.handlers.slack.conftest import SIGNING_SECRET
from tests.handlers.slack.install.conftest import NEWSROOM, OTHER, TOKEN_KEY, multi_workspace_bot
from tests.handlers.slack.test_schedule_sync import wait_until
from tests.handlers.slack.test_serve import two_replicas

pytestmark = pytest.mark.postgres
APPROVALS, DIGEST = "C0APPROVALS", "C0DIGEST"
THIRD = Workspace(
    team_id="T0THIRDDESK",
    team_name="Third Desk",
    installer="U0THIRDADMIN",
    bot_user_id="U0BOTTHIRD",
    bot_id="B0BOTTHIRD",
    domain="thirddesk",
)
NEWSROOMS = (NEWSROOM, OTHER, THIRD)


def _install_all(db_url: str, fake: FakeSlackApi) -> None:
    """Each newsroom installs through the real OAuth flow (one in-process server), then gets
    the seed and a digest due at start-up."""
    with multi_workspace_bot(db_url, fake) as server:
        for workspace in NEWSROOMS:
            assert server.install(workspace).status == 200
    engine = make_engine(db_url)
    due = utcnow().astimezone(UTC) - timedelta(minutes=1)
    for workspace in NEWSROOMS:
        assert workspace.team_id is not None
        with tenant_scope(workspace.team_id), unit_of_work(engine) as session:
            load_reference_seed(session)
            session.add(
                DigestSchedule(
                    channel_id=DIGEST,  # the same channel id in every newsroom (Slack Connect)
                    hour=due.hour,
                    minute=due.minute,
                    tz="UTC",
                    days="mon-sun",
                    created_by="test",
                    created_at=due - timedelta(days=1),
                )
            )
    engine.dispose()


def _token_of(call: Call) -> str:
    return call.headers.get("authorization", "").removeprefix("Bearer ")


def _command(url: str, fake: FakeSlackApi, workspace: Workspace, text: str) -> str:
    assert workspace.team_id is not None
    body = signing.slash_command(text, response_url=fake.response_url(), team_id=workspace.team_id)
    status, answer, _ = signing.post(
        url + "/slack/events", body, signing.sign(SIGNING_SECRET, body)
    )
    assert status == 200, answer
    return answer


def test_two_replicas_send_each_newsrooms_digest_and_alerts_once_with_its_token(
    db_url: str, tmp_path: Path, fake_slack: FakeSlackApi
) -> None:
    _install_all(db_url, fake_slack)
    tokens = {w.team_id: set(fake_slack.oauth.tokens_for(team_id=w.team_id)) for w in NEWSROOMS}
    env = {
        "SLACK_BOT_TOKEN": "",  # empty: not set, so multi-workspace mode
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": CLIENT_SECRET,
        "STANDPOINT_TOKEN_KEY": TOKEN_KEY,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "STANDPOINT_APPROVAL_CHANNEL": APPROVALS,
        "STANDPOINT_ALERT_POLL_SECONDS": "0.5",
        "STANDPOINT_ALERT_SETTLE_SECONDS": "0",
    }
    with two_replicas(db_url, tmp_path, fake_slack, **env) as (urls, _processes):
        cards = fake_slack.wait_for(
            "chat.postMessage",
            count=len(NEWSROOMS),
            timeout=30,
            where=lambda c: c.params["channel"] == APPROVALS and "Digest" in c.params["text"],
        )
        for number, workspace in enumerate(NEWSROOMS):
            url = urls[number % 2]
            assert "now follows Vladimir Putin" in _command(
                url, fake_slack, workspace, "follow putin"
            )
            said = f'add putin on ceasefire: supports "Statement {number} for {workspace.domain}."'
            assert "Recorded as position" in _command(
                urls[(number + 1) % 2], fake_slack, workspace, said
            )

        def alerts_sent() -> list[Call]:
            return [
                c
                for c in fake_slack.calls_to("chat.postMessage")
                if c.params["channel"] == "C0DESK" and "Putin" in c.params.get("text", "")
            ]

        wait_until(
            lambda: len(alerts_sent()) >= len(NEWSROOMS), timeout=30, what="an alert per newsroom"
        )
        # Both replicas have had several passes since: nothing goes out twice.
        wait_until(lambda: _all_sent(db_url), timeout=10, what="every alert marked sent")
        cards = [
            c
            for c in fake_slack.calls_to("chat.postMessage")
            if c.params["channel"] == APPROVALS and "Digest" in c.params["text"]
        ]
        alerts = alerts_sent()
    for workspace in NEWSROOMS:
        own = tokens[workspace.team_id]
        assert len([c for c in cards if _token_of(c) in own]) == 1, workspace.team_id
        mine = [c for c in alerts if _token_of(c) in own]
        assert len(mine) == 1, workspace.team_id
        # Its own statement, and nobody else's.
        shown = json.dumps(mine[0].params["blocks"])
        assert f"for {workspace.domain}." in shown
        others = [w.domain for w in NEWSROOMS if w is not workspace]
        assert not any(f"for {other}." in shown for other in others)
    assert len(cards) == len(NEWSROOMS)
    assert len(alerts) == len(NEWSROOMS)


def _all_sent(db_url: str) -> bool:
    engine = make_engine(db_url)
    with unit_of_work(engine, every_tenant=True) as session:
        statuses = session.exec(select(Alert.status)).all()
    engine.dispose()
    return bool(statuses) and all(status == "sent" for status in statuses)
