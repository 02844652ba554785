"""Leaving: app_uninstalled and tokens_revoked, signed and sent over HTTP, delete the tokens of
the workspace (or organization) that left, and only theirs, at once."""

import json
import logging
import time
from typing import Any

import pytest

from store import Tenant, unit_of_work
from tests.fakes import signing
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.install.conftest import GRID, NEWSROOM, OTHER, InstallServer, rows


@pytest.fixture
def installed(multi_bot: InstallServer, caplog: pytest.LogCaptureFixture) -> InstallServer:
    """Three installs: two workspaces and an org-wide Enterprise Grid install."""
    caplog.set_level(logging.INFO, logger="handlers.slack.install")
    for workspace in (NEWSROOM, OTHER, GRID):
        assert multi_bot.install(workspace).status == 200
    return multi_bot


def _event(event: dict[str, Any], *, team_id: str | None, enterprise_id: str | None = None) -> str:
    payload = signing.event_payload(event, team_id=team_id or "", event_id=f"Ev{time.time_ns()}")
    if enterprise_id:  # an org-wide install: the event speaks for the organization
        payload["enterprise_id"] = enterprise_id
        payload["authorizations"] = [
            {
                "enterprise_id": enterprise_id,
                "team_id": None,
                "user_id": GRID.bot_user_id,
                "is_bot": True,
                "is_enterprise_install": True,
            }
        ]
    return json.dumps(payload)


def _holders(bot: InstallServer, table: str) -> list[tuple[str | None, str | None]]:
    return sorted(
        ((row["enterprise_id"], row["team_id"]) for row in rows(bot.engine, table)),
        key=str,
    )


def _wait_until_gone(bot: InstallServer, team_id: str | None, enterprise_id: str | None) -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        held = _holders(bot, "slack_installations") + _holders(bot, "slack_bots")
        if (enterprise_id, team_id) not in held:
            return
        time.sleep(0.05)  # the event is acked first; its listener runs just after
    raise AssertionError(f"the tokens of {team_id or enterprise_id} are still stored")


def _wait_until_left(bot: InstallServer, tenant: str, deadline: float = 10.0) -> Tenant:
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        with unit_of_work(bot.engine, every_tenant=True) as session:
            row = session.get(Tenant, tenant)
        if row is not None and row.left_at is not None:
            return row
        time.sleep(0.05)  # the listener marks it just after deleting the tokens
    raise AssertionError(f"{tenant} was not recorded as having left")


def test_app_uninstalled_deletes_that_workspaces_tokens_only(
    installed: InstallServer, caplog: pytest.LogCaptureFixture
) -> None:
    bot = installed
    reply = bot.send(_event({"type": "app_uninstalled"}, team_id="T0NEWSROOM"))

    assert reply.status == 200
    _wait_until_gone(bot, "T0NEWSROOM", None)
    remaining = [(None, "T0OTHERDESK"), ("E0MEDIAGROUP", None)]
    assert _holders(bot, "slack_installations") == sorted(remaining, key=str)
    assert _holders(bot, "slack_bots") == sorted(remaining, key=str)
    left = _wait_until_left(bot, "T0NEWSROOM")  # the on_left hook ran, after the deletion
    assert "app_uninstalled: deleted the Slack tokens of team=T0NEWSROOM" in caplog.text
    assert left.purge_after is not None
    assert left.left_at is not None
    assert (left.purge_after - left.left_at).days == 30  # the retention period's default
    for token in bot.slack.oauth.tokens_for(team_id="T0NEWSROOM"):
        assert token not in caplog.text


def test_a_workspace_that_left_gets_no_token_any_more(installed: InstallServer) -> None:
    bot = installed
    clients = bot.running.deps.clients
    assert clients.for_tenant("T0NEWSROOM").token  # cached while installed
    assert bot.send(_event({"type": "app_uninstalled"}, team_id="T0NEWSROOM")).status == 200
    _wait_until_gone(bot, "T0NEWSROOM", None)

    assert clients.for_tenant("T0NEWSROOM").token is None  # the cache was dropped too
    body = signing.slash_command("add", response_url=bot.slack.response_url(), team_id="T0NEWSROOM")
    assert bot.send(body).status == 200
    assert "no longer available" in str(bot.slack.wait_for("response_url")[0].params)
    assert bot.slack.calls_to("views.open") == []


def test_tokens_revoked_for_the_bot_deletes_the_workspaces_tokens(
    installed: InstallServer, caplog: pytest.LogCaptureFixture
) -> None:
    bot = installed
    event = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0BOTOTHER"]}}
    assert bot.send(_event(event, team_id="T0OTHERDESK")).status == 200

    _wait_until_gone(bot, "T0OTHERDESK", None)
    assert (None, "T0NEWSROOM") in _holders(bot, "slack_installations")
    _wait_until_left(bot, "T0OTHERDESK")  # the listener's last step: its log lines are written
    assert "tokens_revoked: deleted the Slack tokens of team=T0OTHERDESK" in caplog.text


def test_an_org_wide_uninstall_deletes_the_organizations_tokens(
    installed: InstallServer, caplog: pytest.LogCaptureFixture
) -> None:
    bot = installed
    assert bot.running.deps.clients.for_tenant("E0MEDIAGROUP:T0GRIDDESK").token
    event = _event({"type": "app_uninstalled"}, team_id=None, enterprise_id="E0MEDIAGROUP")
    assert bot.send(event).status == 200

    _wait_until_gone(bot, None, "E0MEDIAGROUP")
    assert _holders(bot, "slack_bots") == [(None, "T0NEWSROOM"), (None, "T0OTHERDESK")]
    _wait_until_left(bot, "E0MEDIAGROUP")
    # The organization's workspaces lose their cached client with it.
    assert bot.running.deps.clients.for_tenant("E0MEDIAGROUP:T0GRIDDESK").token is None


def test_a_revoked_user_token_leaves_the_bot_installed(installed: InstallServer) -> None:
    bot = installed
    # The installer's own token revoked: their installation row goes, the bot stays.
    event = {"type": "tokens_revoked", "tokens": {"oauth": ["U0INSTALLER"], "bot": []}}
    assert bot.send(_event(event, team_id="T0NEWSROOM")).status == 200

    deadline = time.monotonic() + 5
    while (None, "T0NEWSROOM") in _holders(bot, "slack_installations"):
        assert time.monotonic() < deadline, "the installer's installation row is still there"
        time.sleep(0.05)
    assert (None, "T0NEWSROOM") in _holders(bot, "slack_bots")
    # Still served, in a request and outside one, with the bot's token.
    token = f"Bearer {bot.slack.oauth.tokens_for(team_id='T0NEWSROOM')[-1]}"
    body = signing.slash_command("add", response_url=bot.slack.response_url(), team_id="T0NEWSROOM")
    assert bot.send(body).status == 200
    assert bot.slack.wait_for("views.open")[0].headers["authorization"] == token
    bot.running.deps.clients.forget("T0NEWSROOM")
    assert f"Bearer {bot.running.deps.clients.for_tenant('T0NEWSROOM').token}" == token


def test_one_workspace_answers_leaving_events_and_tells_the_operator(
    bot: BotServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="handlers.slack.install")
    # Answered 200, not Bolt's 404 for an unhandled event (Slack would retry it).
    assert bot.event({"type": "app_uninstalled"}).status == 200
    deadline = time.monotonic() + 5
    while "SLACK_BOT_TOKEN stops working" not in caplog.text:
        assert time.monotonic() < deadline, caplog.text
        time.sleep(0.05)
    assert "Slack sent app_uninstalled for team=T0FAKE" in caplog.text
