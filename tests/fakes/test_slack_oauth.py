"""The fake Slack's OAuth side behaves as Slack does: codes once, credentials checked, the same
redirect URL, refresh tokens once, and revoked, expired or missing tokens refused."""

from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_oauth import CLIENT_ID, CLIENT_SECRET, Workspace
from tests.handlers.slack.install.conftest import get

REDIRECT = "https://standpoint.example.com/slack/oauth_redirect"


@pytest.fixture
def slack() -> Iterator[FakeSlackApi]:
    with FakeSlackApi() as fake:
        yield fake


def _code(slack: FakeSlackApi, **extra: str) -> str:
    query = {"client_id": CLIENT_ID, "scope": "commands", "state": "s1", **extra}
    answer = get(f"{slack.base_url}/oauth/v2/authorize?{urlencode(query)}")
    assert answer.status == 302
    location = parse_qs(urlsplit(answer.header("Location") or "").query)
    assert location["state"] == ["s1"]
    return location["code"][0]


def _client(slack: FakeSlackApi, token: str | None = None) -> WebClient:
    return WebClient(token=token, base_url=slack.api_url, retry_handlers=[])


def test_a_code_is_exchanged_once_with_the_apps_credentials(slack: FakeSlackApi) -> None:
    code = _code(slack, redirect_uri=REDIRECT)
    client = _client(slack)
    with pytest.raises(SlackApiError, match="bad_client_secret"):
        client.oauth_v2_access(client_id=CLIENT_ID, client_secret="x", code=code)  # noqa: S106
    with pytest.raises(SlackApiError, match="bad_redirect_uri"):
        client.oauth_v2_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code)
    code = _code(slack, redirect_uri=REDIRECT)
    done = client.oauth_v2_access(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code, redirect_uri=REDIRECT
    )
    assert done["team"] == {"id": "T0NEWSROOM", "name": "Newsroom"}
    assert done["access_token"].startswith("xoxb-")
    with pytest.raises(SlackApiError, match="invalid_code"):
        client.oauth_v2_access(
            client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code, redirect_uri=REDIRECT
        )
    assert _client(slack, done["access_token"]).auth_test()["team_id"] == "T0NEWSROOM"


def test_a_refresh_token_works_once_and_gives_a_new_pair(slack: FakeSlackApi) -> None:
    slack.oauth.rotation = True
    slack.oauth.redirect_url = REDIRECT
    client = _client(slack)
    first = client.oauth_v2_access(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=_code(slack)
    )
    assert first["access_token"].startswith("xoxe.xoxb-1-")
    assert first["expires_in"] == 43_200
    refresh = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    second = client.oauth_v2_access(
        **refresh, grant_type="refresh_token", refresh_token=first["refresh_token"]
    )
    assert second["access_token"] != first["access_token"]
    assert second["refresh_token"] != first["refresh_token"]
    with pytest.raises(SlackApiError, match="invalid_refresh_token"):
        client.oauth_v2_access(
            **refresh, grant_type="refresh_token", refresh_token=first["refresh_token"]
        )


def test_cancelling_and_a_wrong_client_id_never_give_a_code(slack: FakeSlackApi) -> None:
    slack.oauth.installer = None
    query = {"client_id": CLIENT_ID, "state": "s1", "redirect_uri": REDIRECT}
    answer = get(f"{slack.base_url}/oauth/v2/authorize?{urlencode(query)}")
    assert parse_qs(urlsplit(answer.header("Location") or "").query) == {
        "error": ["access_denied"],
        "state": ["s1"],
    }
    query["client_id"] = "someone-else"
    assert get(f"{slack.base_url}/oauth/v2/authorize?{urlencode(query)}").status == 400


def test_revoked_and_missing_tokens_are_refused(slack: FakeSlackApi) -> None:
    slack.oauth.installer = Workspace(team_id="T0GONE")
    done = _client(slack).oauth_v2_access(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        code=_code(slack, redirect_uri=REDIRECT),
        redirect_uri=REDIRECT,
    )
    slack.oauth.revoke(team_id="T0GONE")
    with pytest.raises(SlackApiError, match="token_revoked"):
        _client(slack, done["access_token"]).chat_postMessage(channel="C1", text="x")
    with pytest.raises(SlackApiError, match="not_authed"):
        _client(slack).chat_postMessage(channel="C1", text="x")
