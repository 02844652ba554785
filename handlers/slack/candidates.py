"""Ingest candidates in Slack: Confirm, Confirm as… (a stance), Discard, Edit (text twins:
confirm <id> [as <stance>], discard <id>, edit #<id>).

A candidate whose text names no topic is confirmed on a suggested topic (`confirm <id> on <topic>`).
"""

import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.errors import UserError
from bot.grammar import Review
from bot.ingest import candidate_form
from handlers.blocks import CONFIRM, CONFIRM_AS, CONFIRM_ON, DISCARD, EDIT_CANDIDATE
from handlers.slack.add_form import open_add_modal
from handlers.slack.client import refuse_to_presser, respond
from handlers.slack.deps import SlackDeps
from store import Stance, unit_of_work


def register(app: App, deps: SlackDeps) -> None:
    """Listen for the review buttons on an ingest's candidates."""

    def review(verb: str) -> Any:
        def on_click(ack: Ack, body: dict[str, Any]) -> None:
            ack()
            position_id = int(body["actions"][0]["value"])
            answer = deps.dispatcher.execute(
                Review(verb=verb, position_id=position_id),
                user=body["user"]["id"],
                request_id=body.get("trigger_id"),
            )
            respond(body["response_url"], answer, response_type="ephemeral", replace_original=False)

        return on_click

    app.action(CONFIRM)(review("confirm"))

    @app.action(re.compile(rf"^{CONFIRM_ON}-\d$"))
    def on_confirm_on(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        position_id, _, topic = body["actions"][0]["value"].partition("|")
        answer = deps.dispatcher.execute(
            Review(verb="confirm", position_id=int(position_id), topic=topic),
            user=body["user"]["id"],
            request_id=body.get("trigger_id"),
        )
        respond(body["response_url"], answer, response_type="ephemeral", replace_original=False)

    @app.action(CONFIRM_AS)
    def on_confirm_as(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        chosen = (body["actions"][0].get("selected_option") or {}).get("value", "")
        position_id, _, stance = chosen.partition("|")
        if not position_id.isdigit() or stance not in set(Stance):
            return  # not an option this app offered
        answer = deps.dispatcher.execute(
            Review(verb="confirm", position_id=int(position_id), stance=Stance(stance)),
            user=body["user"]["id"],
            request_id=body.get("trigger_id"),
        )
        respond(body["response_url"], answer, response_type="ephemeral", replace_original=False)

    app.action(DISCARD)(review("discard"))

    @app.action(EDIT_CANDIDATE)
    def on_edit(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        position_id = int(body["actions"][0]["value"])
        channel = (body.get("channel") or {}).get("id", "")
        try:
            open_candidate_modal(
                client,
                deps,
                trigger_id=body["trigger_id"],
                channel_id=channel,
                position_id=position_id,
            )
        except UserError as error:  # confirmed or discarded meanwhile
            refuse_to_presser(body["response_url"], error, command=deps.settings.command)


def open_candidate_modal(
    client: WebClient, deps: SlackDeps, *, trigger_id: str, channel_id: str, position_id: int
) -> None:
    """The add modal prefilled with candidate #position_id; saving replaces the candidate.

    Raises UserError when it is not a candidate waiting for review."""
    with unit_of_work(deps.engine) as session:
        zone = deps.current_settings().zone
        initial = candidate_form(session, position_id=position_id, zone=zone)
    open_add_modal(
        client,
        trigger_id=trigger_id,
        channel_id=channel_id,
        zone=deps.current_settings().zone,
        initial=initial,
        replaces=position_id,
    )
