"""Multi-workspace mode at work: every Web API call carries the bot token of the workspace it
is for, in a listener (Bolt's authorize) and in a post made outside any request
(WorkspaceClients), and a rotating token past its expiry is refreshed first."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from slack_sdk.errors import SlackApiError

from bot.alerts import Follower
from handlers.blocks import Message
from handlers.slack.alerts import SlackAlertPoster
from handlers.slack.poster import ChannelPacer, SlackPoster, approver_check
from store import tenant_scope
from tests.fakes import signing
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_oauth import Workspace
from tests.handlers.slack.install.conftest import (
    GRID,
    NEWSROOM,
    OTHER,
    InstallServer,
    multi_workspace_bot,
    rows,
)


def _token(bot: InstallServer, team_id: str | None = None, enterprise_id: str | None = None) -> str:
    return bot.slack.oauth.tokens_for(team_id=team_id, enterprise_id=enterprise_id)[-1]


def _open_form(bot: InstallServer, team_id: str) -> int:
    body = signing.slash_command("add", response_url=bot.slack.response_url(), team_id=team_id)
    return bot.send(body).status


@pytest.fixture
def three_installed(multi_bot: InstallServer) -> InstallServer:
    """Two workspaces and an Enterprise Grid organization (org-wide), each installed."""
    for workspace in (NEWSROOM, OTHER, GRID):
        assert multi_bot.install(workspace).status == 200
    return multi_bot


def test_each_workspaces_request_is_answered_with_its_own_token(
    three_installed: InstallServer,
) -> None:
    bot = three_installed
    assert _open_form(bot, "T0NEWSROOM") == 200
    assert _open_form(bot, "T0OTHERDESK") == 200

    opened = bot.slack.wait_for("views.open", count=2)  # in either order: each acks first
    assert sorted(call.headers["authorization"] for call in opened) == sorted(
        [f"Bearer {_token(bot, 'T0NEWSROOM')}", f"Bearer {_token(bot, 'T0OTHERDESK')}"]
    )


def test_a_workspace_without_an_installation_gets_no_token(three_installed: InstallServer) -> None:
    bot = three_installed
    assert _open_form(bot, "T0STRANGER") == 200
    [told] = bot.slack.wait_for("response_url")
    assert "no longer available" in str(told.params)  # Bolt's "reinstall" notice
    assert bot.slack.calls_to("views.open") == []


@pytest.mark.parametrize(
    ("tenant", "owner"),
    [
        ("T0NEWSROOM", NEWSROOM),
        ("T0OTHERDESK", OTHER),
        ("E0MEDIAGROUP", GRID),  # the organization's shared store: its org-wide install
        ("E0MEDIAGROUP:T0GRIDDESK", GRID),  # a workspace of it with its own store: the same
    ],
)
def test_posts_outside_a_request_use_the_tenants_token(
    three_installed: InstallServer, tenant: str, owner: Workspace
) -> None:
    bot = three_installed
    clients = bot.running.deps.clients
    poster = SlackPoster(clients=clients, settings=bot.running.deps.settings)
    alerts = SlackAlertPoster(clients=clients, pacer=ChannelPacer(interval=0))
    with tenant_scope(tenant):
        poster.post_note("C0DESK", Message(text="a quiet day"))
        alerts.post_alert(Follower(tenant, "C0ALERTS", "channel"), Message(text="a shift"))
        approver_check(clients=clients, ids=frozenset({"S0EDITORS"}))("U0SOMEONE")
    expected = f"Bearer {_token(bot, owner.team_id, owner.enterprise_id)}"
    sent = [
        *bot.slack.calls_to("chat.postMessage"),
        *bot.slack.calls_to("usergroups.users.list"),
    ]
    assert len(sent) == 3
    assert {call.headers["authorization"] for call in sent} == {expected}


def test_a_tenant_that_is_not_installed_is_refused_by_slack(
    three_installed: InstallServer,
) -> None:
    bot = three_installed
    poster = SlackPoster(clients=bot.running.deps.clients, settings=bot.running.deps.settings)
    with tenant_scope("T0GONE"), pytest.raises(SlackApiError, match="not_authed"):
        poster.post_note("C0DESK", Message(text="hello"))
    [call] = bot.slack.calls_to("chat.postMessage")
    assert "authorization" not in call.headers  # no workspace's token went out


@pytest.fixture
def rotating_bot(db_url: str, fake_slack: FakeSlackApi) -> Iterator[InstallServer]:
    """The bot with token rotation on (manifest: token_rotation_enabled), one install done."""
    fake_slack.oauth.rotation = True
    with multi_workspace_bot(db_url, fake_slack) as bot:
        assert bot.install(NEWSROOM).status == 200
        yield bot


def test_an_expired_token_is_refreshed_for_a_request_and_stored_encrypted(
    rotating_bot: InstallServer,
) -> None:
    bot = rotating_bot
    [before] = rows(bot.engine, "slack_installations")
    old_refresh = bot.cipher().open(before["bot_refresh_token"])
    assert before["bot_token_expires_at"] is not None

    with time_machine.travel(datetime.now(UTC) + timedelta(hours=13), tick=True):
        assert _open_form(bot, "T0NEWSROOM") == 200
        [opened] = bot.slack.wait_for("views.open")

    _assert_refreshed(bot, old_refresh=old_refresh, used=opened.headers["authorization"])


def test_an_expired_token_is_refreshed_for_a_post_outside_a_request(
    rotating_bot: InstallServer,
) -> None:
    bot = rotating_bot
    [before] = rows(bot.engine, "slack_installations")
    old_refresh = bot.cipher().open(before["bot_refresh_token"])
    poster = SlackPoster(clients=bot.running.deps.clients, settings=bot.running.deps.settings)

    with (
        time_machine.travel(datetime.now(UTC) + timedelta(hours=13), tick=True),
        tenant_scope("T0NEWSROOM"),
    ):
        poster.post_note("C0DESK", Message(text="morning digest"))

    [posted] = bot.slack.calls_to("chat.postMessage")
    assert posted.headers["authorization"] != f"Bearer {bot.cipher().open(before['bot_token'])}"
    _assert_refreshed(bot, old_refresh=old_refresh, used=posted.headers["authorization"])


def _assert_refreshed(bot: InstallServer, *, old_refresh: str | None, used: str) -> None:
    refreshes = [
        call
        for call in bot.slack.calls_to("oauth.v2.access")
        if call.params.get("grant_type") == "refresh_token"
    ]
    assert [call.params["refresh_token"] for call in refreshes] == [old_refresh]
    old, new = bot.slack.oauth.tokens_for(team_id="T0NEWSROOM")
    assert used == f"Bearer {new}"  # the expired token was never sent
    for table in ("slack_installations", "slack_bots"):
        [after] = rows(bot.engine, table)
        assert bot.cipher().open(after["bot_token"]) == new
        assert bot.cipher().open(after["bot_refresh_token"]) != old_refresh
        assert new not in str(after)
        assert old not in str(after)
        assert "xox" not in str(after)


def test_a_reinstall_is_used_at_once(multi_bot: InstallServer) -> None:
    clients = multi_bot.running.deps.clients
    assert multi_bot.install(NEWSROOM).status == 200
    first = clients.for_tenant("T0NEWSROOM").token  # cached for a minute
    assert multi_bot.install(NEWSROOM).status == 200  # Slack issues a new token
    second = clients.for_tenant("T0NEWSROOM").token
    assert [first, second] == multi_bot.slack.oauth.tokens_for(team_id="T0NEWSROOM")
