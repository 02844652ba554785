"""Bolt's own OAuth flow, configured for Standpoint: its scopes, its stores, its pages.

`GET /slack/install` shows Bolt's page with the Add to Slack button (and sets the state
cookie); Slack sends the installer back to `GET /slack/oauth_redirect`, where Bolt checks the
state (this browser's, issued here, unused, under ten minutes old), exchanges the code with
oauth.v2.access, and saves the installation encrypted. Every Web API call goes to SLACK_API_URL.
"""

import logging
import re
from collections.abc import Callable

from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.error import BoltError
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import Engine

from bot.settings import Settings
from handlers.slack.install.clients import ROTATION_MINUTES
from handlers.slack.install.installations import (
    STATE_SECONDS,
    EncryptedInstallationStore,
    state_store,
)
from handlers.slack.install.modes import INSTALL_PATH, REDIRECT_PATH
from handlers.slack.install.pages import callback_options

log = logging.getLogger(__name__)

# The manifest's bot scopes (tests/test_manifest.py keeps the two the same).
BOT_SCOPES = (
    "commands",
    "chat:write",
    "chat:write.public",
    "usergroups:read",
    "users:read",
    "im:write",
    "files:write",
)
SLACK_WEB = "https://slack.com"
_TEAM_ID = re.compile(r"^[TE][A-Z0-9]{1,31}$")


class InstallFlow(OAuthFlow):
    """Bolt's OAuthFlow, with Standpoint's hook after a save and no 5xx from a bad request."""

    def __init__(
        self,
        *,
        settings: OAuthSettings,
        client: WebClient,
        logger: logging.Logger,
        on_installed: Callable[[Installation], None],
    ) -> None:
        super().__init__(client=client, logger=logger, settings=settings)
        self.on_installed = on_installed

    def build_authorize_url(self, state: str, request: BoltRequest) -> str:
        """Slack's authorize URL; a `?team=` hint passes only when it is a team or org id
        (Bolt would paste any text into the URL)."""
        teams = request.query.get("team") or []
        team = teams[0] if teams and _TEAM_ID.match(teams[0]) else None
        return self.settings.authorize_url_generator.generate(state=state, team=team)

    def run_installation(self, code: str) -> Installation | None:
        """oauth.v2.access (and auth.test); None, as for a refused code, when Slack can't be
        reached, so the installer sees a page to start again rather than an error."""
        try:
            return super().run_installation(code)
        except OSError as error:
            log.warning("install: Slack could not be reached: %s", type(error).__name__)
            return None

    def store_installation(self, request: BoltRequest, installation: Installation) -> None:
        """Save (tokens encrypted), then tell Standpoint; a failure of either is a
        storage_error page, not a traceback."""
        try:
            self.settings.installation_store.save(installation)
            self.on_installed(installation)
        except Exception as error:  # a database or hook failure: the installer may retry
            log.exception("install: saving the installation failed")
            raise BoltError("the installation could not be saved") from error


def authorize_url(settings: Settings) -> str:
    """Slack's authorize page, on the host of SLACK_API_URL when it is set (the fake Slack in
    tests; a proxy must forward /oauth/v2/authorize beside /api/)."""
    if not settings.slack_api_url:
        return f"{SLACK_WEB}/oauth/v2/authorize"
    base = settings.slack_api_url.rstrip("/")
    return f"{base.removesuffix('/api')}/oauth/v2/authorize"


def redirect_uri(settings: Settings) -> str | None:
    """STANDPOINT_PUBLIC_URL + /slack/oauth_redirect, or None (Slack then uses the app's
    configured redirect URL)."""
    return f"{settings.public_url.rstrip('/')}{REDIRECT_PATH}" if settings.public_url else None


def install_flow(
    settings: Settings,
    *,
    engine: Engine,
    installations: EncryptedInstallationStore,
    client: WebClient,
    logger: logging.Logger,
    on_installed: Callable[[Installation], None],
) -> InstallFlow:
    """The OAuth flow for multi-workspace mode (its settings carry Bolt's `authorize`)."""
    assert settings.slack_client_id
    assert settings.slack_client_secret
    client_id = settings.slack_client_id
    secret = settings.slack_client_secret.get_secret_value()
    oauth = OAuthSettings(
        client_id=client_id,
        client_secret=secret,
        scopes=list(BOT_SCOPES),
        user_scopes=[],
        redirect_uri=redirect_uri(settings),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        authorization_url=authorize_url(settings),
        installation_store=installations,
        state_store=state_store(engine),
        state_expiration_seconds=STATE_SECONDS,
        token_rotation_expiration_minutes=ROTATION_MINUTES,
        logger=logger,
    )
    oauth.callback_options = callback_options(
        install_path=INSTALL_PATH, state_utils=oauth.state_utils
    )
    # Bolt's default authorize rotates tokens through a client on slack.com; this one uses
    # SLACK_API_URL, and caches each token's auth.test so a request costs no extra Web API call.
    oauth.authorize = InstallationStoreAuthorize(
        logger=logger,
        installation_store=installations,
        client_id=client_id,
        client_secret=secret,
        token_rotation_expiration_minutes=ROTATION_MINUTES,
        cache_enabled=True,
        client=client,
    )
    return InstallFlow(settings=oauth, client=client, logger=logger, on_installed=on_installed)
