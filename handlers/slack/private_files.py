"""Answers that arrive as a file in the requester's DM (exports, charts): ack now, send later."""

import logging
import uuid
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from handlers.blocks import Message, context, escape, internal_error_message, message_body
from handlers.slack.client import respond
from handlers.slack.deps import SlackDeps

log = logging.getLogger(__name__)


def answer_later(
    ack: Ack,
    deps: SlackDeps,
    *,
    command: dict[str, Any],
    first: Message,
    work: Callable[[str], Message | None],
    what: str,
) -> None:
    """Ack with `first`, then run `work(user)` on the worker pool; its reply (if any) and any
    failure (as a reference, never a trace) reach the requester privately."""
    ack(response_type="ephemeral", **message_body(first))
    user, response_url = command["user_id"], command["response_url"]

    def send() -> None:
        try:
            answer = work(user)
        except Exception:
            reference = uuid.uuid4().hex[:8]
            log.exception("%s failed: reference=%s user=%s", what, reference, user)
            answer = internal_error_message(reference=reference)
        if answer is not None:
            respond(response_url, answer, response_type="ephemeral", replace_original=False)

    deps.worker.submit(send, what=f"{what} for {user}")


def upload_to_dm(
    client: WebClient, *, user: str, upload: Callable[[str], None], what: str
) -> Message | None:
    """Open the DM with `user` and `upload(channel)` there; a short reply when Slack refuses."""
    try:
        channel = client.conversations_open(users=user)["channel"]["id"]
        upload(channel)
    except (SlackClientError, OSError) as error:
        code = error.response.get("error") if isinstance(error, SlackApiError) else "no answer"
        log.warning("%s upload failed: %s", what, code)
        text = (
            f"I couldn't send the {what} ({code}). Try again in a minute; if it keeps failing, "
            "ask an admin whether the app may write files and direct messages."
        )
        return Message(text=text, blocks=[context(f"⚠️ {escape(text)}")])
    return None
