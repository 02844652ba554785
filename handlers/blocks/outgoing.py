"""What leaves for Slack: the one place a Message becomes a payload, and the guard over it.

Builders escape stored and model text; `guard` is the last line behind them. It runs over
every string of every payload (messages, ack and response_url bodies, views) and:

- drops control, bidi, zero-width and other invisible characters (`bot.text.strip_controls`);
- makes every `<!…>` command inert (`<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`,
  their `|label` forms): the bot never broadcasts, so no builder needs one;
- in plain-text fields, where Slack renders nothing live, makes every `<@…>`, `<#…>`,
  `<!…>` and `<scheme:…>` inert too.

Inert means the `<` becomes `‹`: one character for one, so a header or a text box cut to
Slack's limit before the guard stays within it (`&lt;` would not).

Live user and channel mentions and links exist only in mrkdwn, made by `kit.mention`,
`kit.channel_mention` and `kit.link` from ids Slack sent us and URLs we stored.
"""

import re
from typing import Any, TypeVar

from bot.text import strip_controls
from handlers.blocks.kit import Message, Mrkdwn, escape

T = TypeVar("T")

_INERT = "‹"  # U+2039: reads as "<", and no Slack surface parses it
_COMMAND = re.compile(r"<(?=!)")
_SPECIAL = re.compile(r"<(?=[@#!]|[a-z][a-z0-9+.-]*:)", re.IGNORECASE)
# Values Slack hands back to us and never shows: kept byte for byte.
_DATA_KEYS = frozenset({"value", "private_metadata"})
# Keys whose strings Slack shows as plain text (inline form errors, a text box's content).
_PLAIN_KEYS = frozenset({"initial_value", "errors"})


def fallback_text(message: Message) -> str:
    """A Message's `text` as Slack reads it (mrkdwn): escaped, unless built as Mrkdwn."""
    return message.text if isinstance(message.text, Mrkdwn) else escape(message.text)


def message_body(message: Message) -> dict[str, Any]:
    """The `text` and `blocks` of a post, an update, an ack or a response_url body."""
    return guard({"text": fallback_text(message), "blocks": message.blocks})


def errors_ack(errors: dict[str, str]) -> dict[str, Any]:
    """The ack that shows inline errors on a modal's fields."""
    return guard({"response_action": "errors", "errors": errors})


def guard(payload: T) -> T:
    """`payload` with every string made safe to send (see the module docstring)."""
    result: T = _guard(payload, plain=False)
    return result


def neutralise(text: str, *, plain: bool = False) -> str:
    """One string made safe: invisible characters dropped, broadcasts (or, in plain text,
    every special `<…>` token) shown as text."""
    text = strip_controls(text, keep_lines=True)
    return (_SPECIAL if plain else _COMMAND).sub(_INERT, text)


def _guard(value: Any, *, plain: bool) -> Any:
    if isinstance(value, str):
        return neutralise(value, plain=plain)
    if isinstance(value, list | tuple):
        return [_guard(item, plain=plain) for item in value]
    if isinstance(value, dict):
        plain_object = value.get("type") == "plain_text"
        return {
            key: item
            if key in _DATA_KEYS
            else _guard(item, plain=plain or key in _PLAIN_KEYS or (plain_object and key == "text"))
            for key, item in value.items()
        }
    return value
