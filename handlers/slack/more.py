"""Show more: the next page of a long answer, for the person who clicked."""

import logging
from typing import Any

from slack_bolt import Ack, App

from bot.grammar import ActorQuery, HistoryQuery, ListNames, PairQuery, Pending, Search, TopicQuery
from handlers.blocks import MORE_ACTION, with_share_button
from handlers.slack.client import respond
from handlers.slack.deps import SlackDeps

log = logging.getLogger(__name__)
# Only questions page: a button value can never run a command that changes anything.
_PAGED = (ActorQuery, PairQuery, TopicQuery, HistoryQuery, Pending, ListNames, Search)


def register(app: App, deps: SlackDeps) -> None:
    """Listen for the Show more button."""

    @app.action(MORE_ACTION)
    def on_more(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        deps.worker.submit(lambda: show_more(deps, body), what="next page")


def show_more(deps: SlackDeps, body: dict[str, Any]) -> None:
    """Re-ask the button's question (it names its page) and answer the clicker privately.

    On a private answer the next page replaces it; on a shared post the channel's copy stays
    as it was and the next page comes to the clicker alone.
    """
    text = body["actions"][0]["value"]
    parsed = deps.dispatcher.interpret(text)
    if not isinstance(parsed, _PAGED):
        log.warning("show more: not a paged question (%s)", type(parsed).__name__)
        return
    answer = deps.dispatcher.execute(
        parsed, user=body["user"]["id"], request_id=body.get("trigger_id")
    )
    private = bool((body.get("container") or {}).get("is_ephemeral"))
    respond(
        body["response_url"],
        with_share_button(answer, command_text=text),
        response_type="ephemeral",
        replace_original=private,
    )
