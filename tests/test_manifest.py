"""manifest.yml: least privilege, every URL on /slack/events, the events and command we handle."""

from pathlib import Path
from urllib.parse import urlsplit

import yaml

from bot.settings.model import Settings
from handlers.serving.server import EVENTS_PATH
from handlers.slack.install.flow import BOT_SCOPES
from handlers.slack.install.modes import REDIRECT_PATH
from handlers.slack.shortcut import CALLBACK_ID

MANIFEST = yaml.safe_load((Path(__file__).resolve().parent.parent / "manifest.yml").read_text())


def test_bot_scopes_are_least_privilege() -> None:
    assert sorted(MANIFEST["oauth_config"]["scopes"]["bot"]) == [
        "chat:write",
        "chat:write.public",  # digests and approved drafts in public channels not joined
        "commands",
        "files:write",  # `/stance export`: the file, uploaded into the requester's DM
        "im:write",  # … opened with conversations.open
        "usergroups:read",
        "users:read",  # users.info: admins and owners may change the workspace's settings
    ]


def test_every_request_url_is_the_events_path() -> None:
    settings = MANIFEST["settings"]
    urls = [
        MANIFEST["features"]["slash_commands"][0]["url"],
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
    ]
    assert {urlsplit(url).path for url in urls} == {EVENTS_PATH}
    assert all(url.startswith("https://") for url in urls)


def test_the_command_events_and_home_match_the_app() -> None:
    default_command = Settings.model_fields["command"].default
    assert MANIFEST["features"]["slash_commands"][0]["command"] == default_command
    assert MANIFEST["settings"]["event_subscriptions"]["bot_events"] == [
        "app_home_opened",
        "app_uninstalled",  # leaving: the workspace's tokens deleted at once
        "tokens_revoked",
    ]
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True


def test_the_extract_positions_shortcut_is_a_message_shortcut_we_handle() -> None:
    assert MANIFEST["features"]["shortcuts"] == [
        {
            "name": "Extract positions",
            "type": "message",
            "callback_id": CALLBACK_ID,
            "description": "Candidate positions from this message or the article it links to",
        }
    ]


def test_install_by_oauth_asks_for_the_manifests_scopes_and_comes_back_to_our_route() -> None:
    oauth = MANIFEST["oauth_config"]
    assert sorted(BOT_SCOPES) == sorted(oauth["scopes"]["bot"])
    [redirect] = oauth["redirect_urls"]
    assert redirect.startswith("https://")
    assert urlsplit(redirect).path == REDIRECT_PATH
    # Off by default; docs/slack.md says when to turn each on (multi-workspace mode only).
    assert MANIFEST["settings"]["org_deploy_enabled"] is False
    assert MANIFEST["settings"]["token_rotation_enabled"] is False
