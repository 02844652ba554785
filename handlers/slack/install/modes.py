"""Which mode `serve` runs in, and what each mode gives Bolt and the posters.

The multi-workspace pieces (the stores, the flow, cryptography) are imported only in that
mode: a single-workspace start loads none of them.
"""

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import Engine

from bot.settings import Settings
from handlers.slack.deps import SlackDeps
from handlers.slack.install import hooks
from handlers.slack.install.clients import WorkspaceClients
from handlers.slack.install.keys import key_problem

log = logging.getLogger(__name__)
BOLT_OAUTH_ENV = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET")
# Multi-workspace mode's browser routes (Bolt's defaults), served by make_wsgi_app.
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


def serving_mode(settings: Settings, *, socket_mode: bool) -> str:
    """The mode in words, for the start-up log line."""
    if settings.multi_workspace:
        public = settings.public_url
        return "multi-workspace OAuth" + (
            f" (install at {public.rstrip('/')}{INSTALL_PATH})" if public else ""
        )
    return "single-workspace " + ("Socket Mode" if socket_mode else "HTTP")


def multi_workspace_problem(settings: Settings, *, socket_mode: bool) -> str | None:
    """What stops multi-workspace mode from starting, in one line, or None."""
    if socket_mode:
        return (
            "Multi-workspace mode serves HTTP (Slack sends installers to /slack/oauth_redirect): "
            "unset SLACK_APP_TOKEN or drop --socket."
        )
    if settings.slack_signing_secret is None:
        return "Multi-workspace mode needs SLACK_SIGNING_SECRET."
    return key_problem(settings)


def workspace_clients(settings: Settings, *, engine: Engine, client: WebClient) -> WorkspaceClients:
    """The env client alone (one workspace), or each installation's (many): TokenKeyError
    when STANDPOINT_TOKEN_KEY can't be used."""
    if not settings.multi_workspace:
        return WorkspaceClients(base=client)
    from slack_sdk.oauth.token_rotation import TokenRotator

    from handlers.slack.install.crypto import TokenCipher
    from handlers.slack.install.installations import installation_store

    assert settings.slack_client_id
    assert settings.slack_client_secret
    installations = installation_store(
        engine, client_id=settings.slack_client_id, cipher=TokenCipher.from_settings(settings)
    )
    rotator = TokenRotator(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret.get_secret_value(),
        client=client,
    )
    return WorkspaceClients(base=client, installations=installations, rotator=rotator)


def bolt_options(deps: SlackDeps, *, logger: logging.Logger) -> dict[str, Any]:
    """App(...) keywords: none for one workspace; Bolt's OAuth flow and authorize for many."""
    installations = deps.clients.installations
    if installations is None:
        return {}
    from handlers.slack.install.flow import install_flow

    clients = deps.clients

    def installed(installation: Installation) -> None:
        tenant = hooks.installed_tenant(installation, engine=deps.engine)
        # A reinstall brings a new token: this process stops using the one it had cached.
        clients.forget(tenant)
        hooks.on_installed(installation, engine=deps.engine, tenant=tenant)

    flow = install_flow(
        deps.settings,
        engine=deps.engine,
        installations=installations,
        client=deps.client,
        logger=logger,
        on_installed=installed,
    )
    return {"oauth_settings": flow.settings, "oauth_flow": flow}


@contextmanager
def bolt_environment(settings: Settings) -> Iterator[None]:
    """Build the Bolt app inside this: with a bot token set (one workspace), Bolt must not see
    SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, or it builds an OAuth flow of its own and stops
    using the token."""
    hidden: dict[str, str] = {}
    if not settings.multi_workspace:
        hidden = {name: os.environ.pop(name) for name in BOLT_OAUTH_ENV if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(hidden)


def register(app: App, deps: SlackDeps) -> None:
    """Leaving (app_uninstalled, tokens_revoked): in multi-workspace mode the workspace's tokens
    are deleted; with one workspace there is nothing stored, and the operator is told."""
    installations = deps.clients.installations
    if installations is not None:
        from handlers.slack.install import leaving

        def left(tenant: str, why: str) -> None:
            hooks.on_left(tenant, engine=deps.engine, settings=deps.settings, reason=why)

        leaving.register(app, installations=installations, clients=deps.clients, on_left=left)
        return

    # Answered all the same (the manifest subscribes to both): an unanswered event is retried.
    def token_gone(event: dict[str, Any], context: BoltContext) -> None:
        if event.get("type") == "tokens_revoked" and not (event.get("tokens") or {}).get("bot"):
            return  # a person's token, not the bot's: nothing Standpoint uses
        log.warning(
            "Slack sent %s for team=%s: SLACK_BOT_TOKEN stops working; reinstall the app and "
            "set its new token.",
            event.get("type"),
            context.team_id,
        )

    app.event("app_uninstalled")(token_gone)
    app.event("tokens_revoked")(token_gone)
