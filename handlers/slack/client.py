"""Slack Web API access: the client, and sending a Message (never with unfurls).

Every body this app sends to Slack passes `handlers.blocks.outgoing.guard`: Web API calls
through GuardedWebClient (listeners get it too, see `hand_listeners`), response_url bodies
through `respond`, ack bodies through `message_body` / `errors_ack`.
"""

import socket
import ssl
from collections.abc import Callable
from typing import Any
from urllib.error import URLError
from urllib.parse import urlsplit

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.web import SlackResponse
from slack_sdk.webhook import WebhookClient

from bot.errors import UserError
from bot.settings import Settings
from handlers.blocks import Message, error_message, guard, message_body

# 429s carry Retry-After and are safe to retry. Connection errors are not: Slack has no
# idempotency key, so a retried chat.postMessage whose first attempt arrived posts twice.
RATE_LIMIT_RETRIES = 2


def make_web_client(settings: Settings) -> WebClient:
    """A WebClient for `SLACK_API_URL` (default Slack's own) that honours Retry-After."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    kwargs: dict[str, Any] = {}
    if settings.slack_api_url:
        base = settings.slack_api_url
        kwargs["base_url"] = base if base.endswith("/") else f"{base}/"
    client = GuardedWebClient(token=token, timeout=10, **kwargs)
    client.retry_handlers = [RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)]
    return client


def with_token(client: WebClient, token: str | None) -> WebClient:
    """A guarded client like `client` (its Web API URL, timeout and retries) using `token`."""
    copy = GuardedWebClient(token=token, base_url=client.base_url, timeout=client.timeout)
    copy.retry_handlers = list(client.retry_handlers or [])
    return copy


def unreachable(error: OSError, *, settings: Settings) -> str:
    """Why Slack's Web API could not be reached, in words, and what to check."""
    url = settings.slack_api_url or WebClient.BASE_URL
    parts = urlsplit(url)
    reason = error.reason if isinstance(error, URLError) else error
    if isinstance(reason, socket.gaierror):
        what = f"the name {parts.hostname} does not resolve"
    elif isinstance(reason, ConnectionRefusedError):
        what = f"{parts.netloc} refused the connection"
    elif isinstance(reason, TimeoutError):
        what = "it did not answer in time"
    elif isinstance(reason, ssl.SSLError):
        what = f"the secure connection failed ({reason.reason or reason})"
    else:
        what = str(reason)
    check = "SLACK_API_URL" if settings.slack_api_url else "the network and DNS"
    return f"Can't reach Slack at {url}: {what}.\nCheck {check}, then start again."


def message_fields(message: Message) -> dict[str, Any]:
    """chat.postMessage / postEphemeral / response_url fields for `message`."""
    return {**message_body(message), "unfurl_links": False, "unfurl_media": False}


def respond(response_url: str, message: Message, **fields: Any) -> None:
    """Post to an interaction's response_url (5 uses within 30 minutes)."""
    client = WebhookClient(response_url, timeout=10)
    client.retry_handlers = [RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)]
    client.send_dict(guard({**message_body(message), **fields}))


def refuse_to_presser(response_url: str, error: UserError, *, command: str) -> None:
    """Why a button can't do its job any more (done by someone meanwhile), told only to the
    person who pressed it, the card left as it is."""
    respond(
        response_url,
        error_message(error, command=command),
        response_type="ephemeral",
        replace_original=False,
    )


class GuardedWebClient(WebClient):
    """A WebClient whose every request body passes `guard` on its way out."""

    def api_call(
        self,
        api_method: str,
        *,
        json: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> SlackResponse:
        """Send `api_method` with its body guarded."""
        return super().api_call(api_method, json=guard(json), data=guard(data), **kwargs)


def hand_listeners(app: App, client: WebClient) -> None:
    """Give listeners `client` (guarded) instead of the plain one Bolt makes per request.

    In multi-workspace mode `client` has no token: listeners get a guarded copy with the token
    Bolt's authorize found for the request's workspace (the installation, rotated if due).
    """

    def use_guarded_client(context: BoltContext, next: Callable[[], None]) -> None:
        token = context.token
        context["client"] = client if client.token or not token else with_token(client, token)
        next()

    app.middleware(use_guarded_client)
