"""Slack Web API access: the client, and sending a Message (never with unfurls)."""

from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from bot.settings import Settings
from handlers.blocks import Message

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
    client = WebClient(token=token, timeout=10, **kwargs)
    client.retry_handlers = [RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)]
    return client


def message_fields(message: Message) -> dict[str, Any]:
    """chat.postMessage / postEphemeral / response_url fields for `message`."""
    return {
        "text": message.text,
        "blocks": message.blocks,
        "unfurl_links": False,
        "unfurl_media": False,
    }


def respond(response_url: str, message: Message, **fields: Any) -> None:
    """Post to an interaction's response_url (5 uses within 30 minutes)."""
    client = WebhookClient(response_url, timeout=10)
    client.retry_handlers = [RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)]
    client.send_dict({"text": message.text, "blocks": message.blocks, **fields})
