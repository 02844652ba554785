"""Installing by OAuth end to end: the install page, Slack's authorize page and oauth.v2.access
on the fake Slack, the redirect back, and what the database then holds."""

import base64
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import time_machine

from handlers.slack.install.flow import BOT_SCOPES
from tests.fakes.slack_api import Scripted
from tests.fakes.slack_oauth import AUTHORIZE_METHOD, CLIENT_ID, CLIENT_SECRET
from tests.handlers.slack.install.conftest import (
    GRID,
    NEWSROOM,
    STATE_COOKIE,
    InstallServer,
    get,
    rows,
)


def test_the_install_page_links_to_slack_with_our_scopes_state_and_redirect(
    multi_bot: InstallServer,
) -> None:
    cookie, link = multi_bot.start_install()
    parts = urlsplit(link)
    query = parse_qs(parts.query)
    # Slack's authorize page, on the host of SLACK_API_URL (the fake), not slack.com.
    assert f"{parts.scheme}://{parts.netloc}" == multi_bot.slack.base_url
    assert parts.path == "/oauth/v2/authorize"
    assert query["client_id"] == [CLIENT_ID]
    assert query["scope"][0].split(",") == list(BOT_SCOPES)
    assert query["redirect_uri"] == [f"{multi_bot.url}/slack/oauth_redirect"]
    state = query["state"][0]
    assert cookie == f"{STATE_COOKIE}={state}"  # the state is bound to this browser
    assert [row["state"] for row in rows(multi_bot.engine, "slack_oauth_states")] == [state]


def test_an_install_stores_the_workspace_with_its_token_encrypted(
    multi_bot: InstallServer,
) -> None:
    page = multi_bot.install(NEWSROOM)

    assert page.status == 200
    assert "Standpoint is installed in <strong>Newsroom</strong>" in page.text
    assert "/stance help" in page.text
    assert (page.header("Set-Cookie") or "").startswith(f"{STATE_COOKIE}=deleted")
    # The code went to the fake Slack's oauth.v2.access, with the app's credentials.
    [exchange] = multi_bot.slack.calls_to("oauth.v2.access")
    assert exchange.params["redirect_uri"] == f"{multi_bot.url}/slack/oauth_redirect"
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    assert exchange.headers["authorization"] == f"Basic {basic}"
    [token] = multi_bot.slack.oauth.tokens_for(team_id=NEWSROOM.team_id)
    # The database holds the installation and its bot, never the token itself.
    [installation] = rows(multi_bot.engine, "slack_installations")
    [bot] = rows(multi_bot.engine, "slack_bots")
    assert installation["team_id"] == bot["team_id"] == "T0NEWSROOM"
    assert installation["team_name"] == "Newsroom"
    assert installation["bot_user_id"] == "U0BOTNEWS"
    assert installation["bot_id"] == "B0BOTNEWS"  # from auth.test with the new token
    assert installation["user_id"] == "U0INSTALLER"
    assert installation["bot_scopes"] == ",".join(BOT_SCOPES)
    for stored in (installation, bot):
        assert token not in str(stored)
        assert "xox" not in str(stored)
        assert multi_bot.cipher().open(stored["bot_token"]) == token
    assert rows(multi_bot.engine, "slack_oauth_states") == []  # the state was used up


def test_an_org_wide_grid_install_is_stored_for_the_enterprise(multi_bot: InstallServer) -> None:
    page = multi_bot.install(GRID)

    assert page.status == 200
    assert "installed in <strong>Media Group</strong>" in page.text
    [installation] = rows(multi_bot.engine, "slack_installations")
    assert installation["enterprise_id"] == "E0MEDIAGROUP"
    assert installation["team_id"] is None
    assert bool(installation["is_enterprise_install"]) is True
    assert installation["enterprise_url"] == "https://mediagroup.enterprise.slack.com/"


def test_a_replayed_state_is_refused(multi_bot: InstallServer) -> None:
    cookie, link = multi_bot.start_install()
    back = multi_bot.approve(link)
    assert get(back, cookie=cookie).status == 200

    again = get(back, cookie=cookie)

    assert again.status == 400
    assert "expired or was already used" in again.text
    assert len(multi_bot.slack.calls_to("oauth.v2.access")) == 1  # the code was not tried again
    assert len(rows(multi_bot.engine, "slack_installations")) == 1


def test_a_forged_state_is_refused(multi_bot: InstallServer) -> None:
    multi_bot.start_install()  # a real state exists, but the attacker does not know it
    forged = "6f1e2a3b-0000-4000-8000-000000000000"
    page = get(
        f"{multi_bot.url}/slack/oauth_redirect?code=1.2.3&state={forged}",
        cookie=f"{STATE_COOKIE}={forged}",
    )
    assert page.status == 400
    assert "expired or was already used" in page.text
    assert multi_bot.slack.calls_to("oauth.v2.access") == []
    assert rows(multi_bot.engine, "slack_installations") == []


def test_a_state_from_another_browser_is_refused(multi_bot: InstallServer) -> None:
    # A link started in the attacker's browser, finished in the victim's (no state cookie).
    _, link = multi_bot.start_install()
    page = get(multi_bot.approve(link))
    assert page.status == 400
    assert "not started in this browser" in page.text
    assert rows(multi_bot.engine, "slack_installations") == []


def test_a_missing_state_is_refused(multi_bot: InstallServer) -> None:
    cookie, _ = multi_bot.start_install()
    page = get(f"{multi_bot.url}/slack/oauth_redirect?code=1.2.3", cookie=cookie)
    assert page.status == 400
    assert "Install Standpoint" in page.text
    assert multi_bot.slack.calls_to("oauth.v2.access") == []


def test_an_expired_state_is_refused(multi_bot: InstallServer) -> None:
    cookie, link = multi_bot.start_install()
    back = multi_bot.approve(link)
    later = datetime.now(UTC) + timedelta(minutes=11)  # a state lives ten minutes
    with time_machine.travel(later, tick=True):
        page = get(back, cookie=cookie)
    assert page.status == 400
    assert "expired or was already used" in page.text
    assert rows(multi_bot.engine, "slack_installations") == []


def test_cancelling_in_slack_says_nothing_was_installed(multi_bot: InstallServer) -> None:
    cookie, link = multi_bot.start_install()
    page = get(multi_bot.approve(link, as_workspace=None), cookie=cookie)
    assert page.status == 200
    assert "cancelled in Slack; nothing was installed" in page.text
    assert rows(multi_bot.engine, "slack_installations") == []


def test_what_slack_reports_is_shown_escaped(multi_bot: InstallServer) -> None:
    hostile = '<script>alert("x")</script>'
    page = get(f"{multi_bot.url}/slack/oauth_redirect?" + urlencode({"error": hostile}))
    assert page.status == 400
    assert "<script>" not in page.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page.text
    assert page.header("Content-Security-Policy") == "default-src 'none'"


def test_a_code_slack_refuses_gives_a_page_to_start_again(multi_bot: InstallServer) -> None:
    multi_bot.slack.script("oauth.v2.access", Scripted.error("invalid_code"))
    page = multi_bot.install()
    assert page.status == 400
    assert "Slack did not confirm the installation" in page.text
    assert rows(multi_bot.engine, "slack_installations") == []


def test_slack_unreachable_during_the_exchange_is_not_a_server_error(
    multi_bot: InstallServer,
) -> None:
    multi_bot.slack.script("oauth.v2.access", Scripted(drop=True))
    page = multi_bot.install()
    assert page.status == 400
    assert "could not be reached" in page.text
    assert rows(multi_bot.engine, "slack_installations") == []


def test_a_team_hint_cannot_inject_into_the_authorize_link(multi_bot: InstallServer) -> None:
    _, plain = multi_bot.start_install("/slack/install?team=T0NEWSROOM")
    assert parse_qs(urlsplit(plain).query)["team"] == ["T0NEWSROOM"]
    injected = "/slack/install?" + urlencode({"team": "T1&redirect_uri=https://evil.example"})
    _, link = multi_bot.start_install(injected)
    assert "evil" not in link
    assert "team" not in parse_qs(urlsplit(link).query)


def test_the_authorize_page_was_visited_on_the_fake(multi_bot: InstallServer) -> None:
    multi_bot.install()
    [visit] = multi_bot.slack.calls_to(AUTHORIZE_METHOD)
    assert visit.params["client_id"] == CLIENT_ID


def test_expired_states_are_swept_when_a_new_one_is_issued(multi_bot: InstallServer) -> None:
    multi_bot.start_install()
    multi_bot.start_install()
    assert len(rows(multi_bot.engine, "slack_oauth_states")) == 2
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=11), tick=True):
        cookie, _ = multi_bot.start_install()  # e.g. a crawler's visits, long abandoned
    [kept] = rows(multi_bot.engine, "slack_oauth_states")
    assert cookie == f"{STATE_COOKIE}={kept['state']}"
