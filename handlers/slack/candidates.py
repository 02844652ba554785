"""Ingest candidates in Slack: Confirm, Discard (text twins: confirm/discard <id>), Edit.

A candidate whose text names no topic is confirmed on a suggested topic (`confirm <id> on <topic>`).
"""

import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.forms import PositionForm
from bot.grammar import Review
from bot.topic_choice import PLACEHOLDER
from handlers.blocks.add_modal import add_position_modal
from handlers.blocks.ingest import CONFIRM, CONFIRM_ON, DISCARD, EDIT_CANDIDATE
from handlers.slack.client import respond
from handlers.slack.deps import SlackDeps
from store import Actor, Position, Source, Topic, unit_of_work, utcnow


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

    app.action(DISCARD)(review("discard"))

    @app.action(EDIT_CANDIDATE)
    def on_edit(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        position_id = int(body["actions"][0]["value"])
        with unit_of_work(deps.engine) as session:
            position = session.get(Position, position_id)
            if position is None:
                return
            actor, topic = (
                session.get(Actor, position.actor_id),
                session.get(Topic, position.topic_id),
            )
            source = session.get(Source, position.source_id) if position.source_id else None
            initial = PositionForm(
                actor=actor.name if actor else "",
                topic=topic.name if topic and topic.name != PLACEHOLDER else "",
                stance=position.stance.value,
                quote=position.quotes[0],
                summary=position.summary,
                conditions=tuple(position.conditions),
                # The article's link and date stay with the correction (undated: the reporter's).
                url=source.url or "" if source else "",
                stated_on=(
                    None
                    if source is None or source.published_at is None
                    else position.stated_at.astimezone(deps.settings.zone).date()
                ),
            )
        channel = (body.get("channel") or {}).get("id", "")
        today = utcnow().astimezone(deps.settings.zone).date()
        client.views_open(
            trigger_id=body["trigger_id"],
            view=add_position_modal(
                channel_id=channel, today=today, initial=initial, replaces=position_id
            ),
        )
