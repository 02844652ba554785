"""App Home: published whenever a user opens the Home tab."""

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot import positions
from handlers.blocks.home import home_view
from handlers.slack.deps import SlackDeps
from store import unit_of_work, utcnow

RECENT_ON_HOME = 10


def register(app: App, deps: SlackDeps) -> None:
    """Listen for app_home_opened (Bolt acks events itself)."""

    @app.event("app_home_opened")
    def on_home_opened(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        user_id = event["user"]
        deps.worker.submit(lambda: publish_home(deps, client, user_id), what="publish App Home")


def publish_home(deps: SlackDeps, client: WebClient, user_id: str) -> None:
    """Build and publish one user's Home tab."""
    with unit_of_work(deps.engine) as session:
        recent = positions.recent_statements(session, limit=RECENT_ON_HOME)
    waiting = deps.desk.waiting(now=utcnow())
    view = home_view(recent=recent, pending_drafts=waiting, command=deps.settings.command)
    client.views_publish(user_id=user_id, view=view)
