"""A did-you-mean button: ask the same question again with the chosen name."""

import logging
import re
from typing import Any

from slack_bolt import Ack, App

from bot.grammar import ActorQuery, HistoryQuery, PairQuery, TopicQuery
from handlers.blocks import CHOOSE_ACTION, with_share_button
from handlers.slack.client import respond
from handlers.slack.deps import SlackDeps

log = logging.getLogger(__name__)
# Only questions: a button value can never run a command that changes anything.
_QUESTIONS = (ActorQuery, PairQuery, TopicQuery, HistoryQuery)


def register(app: App, deps: SlackDeps) -> None:
    """Listen for the did-you-mean buttons."""

    @app.action(re.compile(rf"^{CHOOSE_ACTION}:\d+$"))
    def on_choice(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        deps.worker.submit(lambda: ask_again(deps, body), what="chosen name")


def ask_again(deps: SlackDeps, body: dict[str, Any]) -> None:
    """Answer the button's question privately, in place of the did-you-mean."""
    text = body["actions"][0]["value"]
    parsed = deps.dispatcher.interpret(text)
    if not isinstance(parsed, _QUESTIONS):
        log.warning("choice: not a question (%s)", type(parsed).__name__)
        return
    answer = deps.dispatcher.execute(
        parsed, user=body["user"]["id"], request_id=body.get("trigger_id")
    )
    respond(
        body["response_url"],
        with_share_button(answer, command_text=text),
        response_type="ephemeral",
        replace_original=True,
    )
