"""Share in channel: post the same answer to the channel, saying who shared it."""

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.blocks import SHARE_ACTION, share_done_message, share_failed_message, shared_message
from handlers.slack.client import message_fields, respond
from handlers.slack.deps import SlackDeps

log = logging.getLogger(__name__)
# The bot is not in the channel: the response_url can still post there for the user.
_NOT_A_MEMBER = {"not_in_channel", "channel_not_found"}
UNCONFIRMED = (
    "the connection to Slack dropped, so it may or may not be in the channel. "
    "Check the channel before sharing again."
)


def register(app: App, deps: SlackDeps) -> None:
    """Listen for the Share button."""

    @app.action(SHARE_ACTION)
    def on_share(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        deps.worker.submit(lambda: share(deps, body, client), what="share answer")


def share(deps: SlackDeps, body: dict[str, Any], client: WebClient) -> None:
    """Re-ask the button's command as the clicker and post it; runs on the worker pool."""
    user_id = body["user"]["id"]
    channel_id = (body.get("channel") or {}).get("id") or body["container"]["channel_id"]
    response_url = body["response_url"]
    text = body["actions"][0]["value"]
    answer = deps.dispatcher.handle(text, user=user_id, request_id=body.get("trigger_id"))
    post = shared_message(answer, user_id=user_id)
    try:
        client.chat_postMessage(channel=channel_id, **message_fields(post))
    except OSError as error:  # a dropped connection or a timeout
        # Slack may have posted it; retrying could post twice. A person checks instead.
        log.warning("share unconfirmed: channel=%s error=%s", channel_id, type(error).__name__)
        respond(response_url, share_failed_message(reason=UNCONFIRMED), replace_original=False)
        return
    except SlackApiError as error:
        code = error.response.get("error", "")
        if code not in _NOT_A_MEMBER:
            log.warning("share failed: channel=%s error=%s", channel_id, code)
            respond(
                response_url, share_failed_message(reason=_reason(code)), replace_original=False
            )
            return
        respond(response_url, post, response_type="in_channel", replace_original=False)
    respond(response_url, share_done_message(channel_id=channel_id), replace_original=True)


def _reason(code: str) -> str:
    if code == "ratelimited":
        return "Slack is busy; try again in a minute."
    if code in {"is_archived", "restricted_action"}:
        return "this channel doesn't accept posts."
    return f"Slack said “{code or 'no'}”."
