"""App Home: published whenever a user opens the Home tab."""

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot import positions
from bot.alerts import (
    Follower,
    default_window,
    drafts_waiting_for,
    follows_for,
    quiet_window,
    recent_alerts,
)
from handlers.blocks import home_view, settings_home_blocks
from handlers.slack.deps import SlackDeps
from store import unit_of_work, utcnow

RECENT_ON_HOME = 10


def register(app: App, deps: SlackDeps) -> None:
    """Listen for app_home_opened (Bolt acks events itself)."""

    @app.event("app_home_opened")
    def on_home_opened(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        user_id, team_id = event["user"], context.team_id or ""
        deps.worker.submit(
            lambda: publish_home(deps, client, user_id=user_id, team_id=team_id),
            what="publish App Home",
        )


def publish_home(deps: SlackDeps, client: WebClient, *, user_id: str, team_id: str) -> None:
    """Build and publish one user's Home tab (their follows and alerts are this workspace's)."""
    # Asked before the unit of work: with a user group (or an admin) it is a Slack call.
    approver = deps.desk.approvals.is_approver(user_id)
    workspace = deps.dispatcher.workspace
    changes_settings = approver or workspace.may_change(user_id)
    current = deps.current_settings()
    default = default_window(current.quiet_hours, tz=current.tz)
    with unit_of_work(deps.engine) as session:
        recent = positions.recent_statements(session, limit=RECENT_ON_HOME)
        follows = follows_for(session, team_id=team_id, user=user_id)
        person = Follower(team_id=team_id, target=user_id, kind="user")
        quiet = quiet_window(session, person, default=default)
        alerts = recent_alerts(session, team_id=team_id, user=user_id, limit=RECENT_ON_HOME)
        drafts = drafts_waiting_for(session, user=user_id, approver=approver, now=utcnow())
    view = home_view(
        recent=recent,
        follows=follows,
        quiet=quiet,
        alerts=alerts,
        drafts=drafts,
        approver=approver,
        command=deps.settings.command,
        settings=(
            settings_home_blocks(workspace.lines(), command=deps.settings.command)
            if changes_settings
            else []
        ),
    )
    client.views_publish(user_id=user_id, view=view)
