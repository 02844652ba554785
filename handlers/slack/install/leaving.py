"""Leaving: app_uninstalled and tokens_revoked delete the workspace's tokens at once.

Bolt runs no authorize for these two events (the tokens are already dead), so they reach the
listeners with only the ids of the workspace or organization that left.
"""

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext

from handlers.slack.install.clients import WorkspaceClients
from handlers.slack.install.installations import EncryptedInstallationStore
from store import tenant_key

log = logging.getLogger(__name__)


def register(
    app: App,
    *,
    installations: EncryptedInstallationStore,
    clients: WorkspaceClients,
    on_left: Callable[[str, str], None],
) -> None:
    """Listen for app_uninstalled and tokens_revoked."""

    def leave(context: BoltContext, *, why: str) -> None:
        org_wide = bool(context.is_enterprise_install)
        enterprise = context.enterprise_id
        team = None if org_wide else context.team_id
        if not (team or enterprise):
            log.warning("%s without a team or enterprise id: nothing to delete", why)
            return
        installations.delete_all(enterprise_id=enterprise, team_id=team)
        tenant = tenant_key(team_id=team, enterprise_id=enterprise, org_store=org_wide)
        clients.forget(tenant)
        log.info(
            "%s: deleted the Slack tokens of team=%s enterprise=%s (tenant=%s)",
            why,
            team,
            enterprise,
            tenant,
        )
        on_left(tenant, why)

    @app.event("app_uninstalled")
    def on_uninstalled(context: BoltContext) -> None:
        leave(context, why="app_uninstalled")

    @app.event("tokens_revoked")
    def on_tokens_revoked(event: dict[str, Any], context: BoltContext) -> None:
        tokens = event.get("tokens") or {}
        team = None if context.is_enterprise_install else context.team_id
        for user in tokens.get("oauth") or []:
            installations.delete_installation(
                enterprise_id=context.enterprise_id, team_id=team, user_id=str(user)
            )
            log.info("tokens_revoked: deleted the user token of %s (team=%s)", user, team)
        if tokens.get("bot"):
            leave(context, why="tokens_revoked")
