"""Refuse requests from workspaces or apps this deployment does not serve (when configured)."""

import logging
from collections.abc import Callable

from slack_bolt import App, BoltRequest, BoltResponse

log = logging.getLogger(__name__)


def register(app: App, *, teams: frozenset[str], apps: frozenset[str]) -> None:
    """Add the guard as global middleware (it runs after Bolt's signature check)."""
    if not teams and not apps:
        return

    def only_our_workspace(
        req: BoltRequest,
        resp: BoltResponse,
        next: Callable[[], BoltResponse],
    ) -> BoltResponse:
        team_id = req.context.team_id
        app_id = req.body.get("api_app_id") if isinstance(req.body, dict) else None
        if (teams and team_id not in teams) or (apps and app_id not in apps):
            log.warning("refused a request from team=%s app=%s", team_id, app_id)
            return BoltResponse(status=403, body="This Standpoint does not serve that workspace.")
        return next()

    app.middleware(only_our_workspace)
