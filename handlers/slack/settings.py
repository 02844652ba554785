"""The settings modal, opened from the Home tab: the same values, readers and audit as
`/stance settings` (handlers.desks.settings), one field per setting."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.errors import UserError
from handlers.blocks import (
    SETTINGS_CALLBACK,
    SETTINGS_OPEN,
    errors_ack,
    settings_form_changes,
    settings_modal,
)
from handlers.slack.deps import SlackDeps
from handlers.slack.home import publish_home
from store import utcnow

_FIELD_ERROR_CHARS = 150  # Slack shows an inline error up to about this


def register(app: App, deps: SlackDeps) -> None:
    """Listen for the Home tab's Change settings button and the modal it opens."""

    @app.action(SETTINGS_OPEN)
    def on_open(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        desk = deps.dispatcher.workspace
        if not desk.may_change(body["user"]["id"]):
            return  # the button is shown only to those who may; a stale Home stays unchanged
        # The trigger_id expires 3 s after the click: open the modal now, not later.
        view = settings_modal(desk.lines(), command=deps.settings.command)
        client.views_open(trigger_id=body["trigger_id"], view=view)

    @app.view(SETTINGS_CALLBACK)
    def on_save(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        user = body["user"]["id"]
        changes = settings_form_changes(view)
        if not changes:
            ack()
            return
        try:
            deps.dispatcher.workspace.apply(
                changes, user=user, now=utcnow(), request_id=view.get("id")
            )
        except UserError as error:
            ack(**errors_ack(_field_errors(error, first=next(iter(changes)))))
            return
        ack()
        team = (body.get("team") or {}).get("id", "")
        deps.worker.submit(
            lambda: publish_home(deps, client, user_id=user, team_id=team),
            what="publish App Home after a settings change",
        )


def _field_errors(error: UserError, *, first: str) -> dict[str, str]:
    """Each refused value beside its field (a refusal to change at all: on the first)."""
    errors = getattr(error, "errors", None) or {first: error.message}
    return {name: message[:_FIELD_ERROR_CHARS] for name, message in errors.items()}
