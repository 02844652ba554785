"""Uncredited quotes in Slack: an ingest's Assign speaker button and `/stance assign <id>`
open the add modal prefilled with the quote and its article; saving it is `add_form`'s."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.errors import UserError
from bot.ingest import Assignment
from handlers.blocks import ASSIGN, assign_note, error_message, message_body
from handlers.slack.add_form import open_add_modal
from handlers.slack.client import refuse_to_presser
from handlers.slack.deps import SlackDeps
from store import utcnow


def register(app: App, deps: SlackDeps) -> None:
    """Listen for the Assign speaker buttons on an ingest's answer."""

    @app.action(ASSIGN)
    def on_assign(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        value = str(body["actions"][0].get("value", ""))
        if not value.isdigit():
            return  # not a button this app made
        try:
            open_assign_modal(
                client,
                deps,
                trigger_id=body["trigger_id"],
                channel_id=(body.get("channel") or {}).get("id", ""),
                quote_id=int(value),
            )
        except UserError as error:  # assigned by someone meanwhile
            refuse_to_presser(body["response_url"], error, command=deps.settings.command)


def assign_by_command(
    ack: Ack, client: WebClient, deps: SlackDeps, *, command: dict[str, Any], quote_id: int
) -> None:
    """`assign <id>`: the prefilled modal, or why it can't be (an unknown or taken quote)."""
    try:
        assignment = deps.dispatcher.assigns.assignment(quote_id, now=utcnow())
    except UserError as error:
        refused = error_message(error, command=deps.settings.command)
        ack(response_type="ephemeral", **message_body(refused))
        return
    ack()
    # The trigger_id expires 3 s after the command: open the modal now, not later.
    _open(
        client,
        deps,
        assignment,
        trigger_id=command["trigger_id"],
        channel_id=command.get("channel_id", ""),
    )


def open_assign_modal(
    client: WebClient, deps: SlackDeps, *, trigger_id: str, channel_id: str, quote_id: int
) -> None:
    """The add modal prefilled with quote `quote_id`; UserError if it is unknown or taken."""
    assignment = deps.dispatcher.assigns.assignment(quote_id, now=utcnow())
    _open(client, deps, assignment, trigger_id=trigger_id, channel_id=channel_id)


def _open(
    client: WebClient,
    deps: SlackDeps,
    assignment: Assignment,
    *,
    trigger_id: str,
    channel_id: str,
) -> None:
    open_add_modal(
        client,
        trigger_id=trigger_id,
        channel_id=channel_id,
        zone=deps.current_settings().zone,
        initial=assignment.form,
        assigns=assignment.quote_id,
        note=assign_note(assignment),
    )
