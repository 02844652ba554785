"""Block Kit primitives that respect Slack's limits and escaping rules."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_HEADER_CHARS = 150
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{2,}")
_WEB_URL = re.compile(r"https?://[^\s]+\Z", re.IGNORECASE)


class Mrkdwn(str):
    """Text already in Slack mrkdwn: escaped, with live mentions or links made by this module.

    Anything else is plain text. Slicing or formatting gives back a plain `str`, which is then
    escaped again: a slip shows a mention as text, it never makes one live.
    """


@dataclass(frozen=True)
class Message:
    """What every transport shows: Block Kit blocks plus the fallback `text`.

    `text` is what notifications and screen readers read. It is plain text, escaped when sent
    (see handlers.blocks.outgoing), unless it is `Mrkdwn`.
    """

    text: str
    blocks: list[Block] = field(default_factory=list)
    shareable: bool = False  # an answer worth posting to the channel (not help or errors)


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mention(user_id: str | None) -> str:
    """A live mention of a Slack user id taken from Slack's own request; anything else
    (a shell user name, a stored string) as escaped text."""
    if not user_id:
        return "someone"
    return f"<@{user_id}>" if _USER_ID.fullmatch(user_id) else escape(user_id)


def channel_mention(channel_id: str) -> str:
    """A live link to a channel id taken from Slack's own request, else escaped text."""
    return f"<#{channel_id}>" if _CHANNEL_ID.fullmatch(channel_id) else escape(channel_id)


def link(url: str, label: str) -> str:
    """A mrkdwn link to a web address; anything else (`@U…`, `!here`) shows the label alone.

    `|` and `>` in the URL would end it early, so they are percent-encoded.
    """
    if not _WEB_URL.match(url):
        return escape(label)
    safe_url = url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
    return f"<{safe_url}|{escape(label)}>"


def header(text: str) -> Block:
    """A header block, cut to Slack's 150 characters."""
    if len(text) > MAX_HEADER_CHARS:
        text = text[: MAX_HEADER_CHARS - 1] + "…"
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def section(mrkdwn: str) -> Block:
    """One section; callers with long text use `sections`."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn}}


def context(mrkdwn: str) -> Block:
    """A small grey line of metadata."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": mrkdwn}]}


def divider() -> Block:
    """A horizontal rule."""
    return {"type": "divider"}


def sections(lines: list[str], *, limit: int = MAX_SECTION_CHARS) -> list[Block]:
    """Pack lines into as few sections as fit, each at most `limit` characters."""
    blocks: list[Block] = []
    current = ""
    for line in lines:
        for piece in _split_long(line, limit):
            candidate = f"{current}\n{piece}" if current else piece
            if len(candidate) > limit:
                blocks.append(section(current))
                candidate = piece
            current = candidate
    if current:
        blocks.append(section(current))
    return blocks


def clip(mrkdwn: str, *, limit: int = MAX_SECTION_CHARS) -> str:
    """`mrkdwn` cut to at most `limit` characters, ending in “…” when it was cut."""
    return mrkdwn if len(mrkdwn) <= limit else mrkdwn[: limit - 1] + "…"


def fit(
    blocks: list[Block],
    *,
    more_hint: str = "",
    keep: list[Block] | None = None,
    room: int = 0,
    most: int = MAX_BLOCKS,
) -> list[Block]:
    """`blocks` then `keep`, within `most` blocks (Slack's 50 a message, 100 on Home) less
    `room` (for a button added later).

    A last resort that says how many blocks it cut: lists are paged by items and never reach
    it. It cuts from `blocks`, never from `keep` (a page note, an attribution, a button).
    """
    tail = keep or []
    limit = most - room
    if len(blocks) + len(tail) <= limit:
        return [*blocks, *tail]
    kept = blocks[: limit - 1 - len(tail)]
    left = len(blocks) - len(kept)
    note = f"…and {left} more blocks not shown." + (f" {more_hint}" if more_hint else "")
    return [*kept, context(note), *tail]


def day(moment: datetime) -> str:
    """'13 Mar 2025'."""
    return f"{moment.day} {moment:%b %Y}"


def _split_long(text: str, limit: int) -> list[str]:
    pieces = []
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        cut = cut if cut > limit // 2 else limit
        pieces.append(text[:cut])
        text = text[cut:].lstrip()
    pieces.append(text)
    return pieces
