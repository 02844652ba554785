"""Alerts in Slack: posted to a channel or a person's DM with the app, and their history button."""

import logging
import re
from http.client import HTTPException
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.alerts import Follower
from bot.grammar import HistoryQuery
from handlers.blocks import HISTORY_ACTION, Message, with_share_button
from handlers.desks import AlertRateLimited, AlertRefused, AlertUnconfirmed
from handlers.slack.client import message_fields, respond
from handlers.slack.deps import SlackDeps
from handlers.slack.install.clients import WorkspaceClients
from handlers.slack.poster import ChannelPacer
from store import Actor, Position, Topic, unit_of_work

log = logging.getLogger(__name__)


class SlackAlertPoster:
    """An AlertPoster for Slack, paced with the drafts' poster (one post a second a channel)."""

    def __init__(self, *, clients: WorkspaceClients, pacer: ChannelPacer) -> None:
        self.clients = clients
        self.pacer = pacer

    @property
    def client(self) -> WebClient:
        """The client of the workspace in scope (its own bot token in multi-workspace mode)."""
        return self.clients.current()

    def post_alert(self, follower: Follower, message: Message) -> str:
        """chat.postMessage to the channel, or to the user id (their DM with the app).

        429s are retried by the client (Retry-After); one that persists gives the alerts back
        for the next pass. A dropped connection is never retried: the post may have arrived.
        """
        self.pacer.wait(follower.target)
        try:
            response = self.client.chat_postMessage(
                channel=follower.target, **message_fields(message)
            )
        except (OSError, HTTPException) as error:  # e.g. a reply cut off mid-way
            raise AlertUnconfirmed(type(error).__name__) from error
        except SlackApiError as error:
            code = str(error.response.get("error", "error"))
            if code == "ratelimited" or error.response.status_code == 429:
                raise AlertRateLimited(code) from error
            raise AlertRefused(code) from error
        return str(response["ts"])


def register(app: App, deps: SlackDeps) -> None:
    """Listen for an alert's Full history button."""

    @app.action(re.compile(rf"^{HISTORY_ACTION}:\d+$"))
    def on_history(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        deps.worker.submit(lambda: _answer_history(deps, body), what="alert history")


def _answer_history(deps: SlackDeps, body: dict[str, Any]) -> None:
    """The history of the alerted position's pair, privately below the alert (which stays
    for everyone else in the channel)."""
    value = str(body["actions"][0].get("value", ""))
    with unit_of_work(deps.engine) as session:
        found = session.get(Position, int(value)) if value.isdigit() else None
        actor = session.get(Actor, found.actor_id) if found is not None else None
        topic = session.get(Topic, found.topic_id) if found is not None else None
    if actor is None or topic is None:
        log.warning("alert history: no position %r", value[:20])
        return
    # Built, not parsed: a name holding " on " would split in the wrong place.
    question = HistoryQuery(actor=actor.name, topic=topic.name)
    answer = deps.dispatcher.execute(
        question, user=body["user"]["id"], request_id=body.get("trigger_id")
    )
    respond(
        body["response_url"],
        with_share_button(answer, command_text=f"history {question.actor} on {question.topic}"),
        response_type="ephemeral",
        replace_original=False,
    )
