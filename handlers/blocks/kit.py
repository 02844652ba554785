"""Block Kit primitives that respect Slack's limits and escaping rules."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_HEADER_CHARS = 150


@dataclass(frozen=True)
class Message:
    """What every transport shows: Block Kit blocks plus the plain-text fallback."""

    text: str
    blocks: list[Block] = field(default_factory=list)
    shareable: bool = False  # an answer worth posting to the channel (not help or errors)


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str) -> str:
    """A mrkdwn link; `|` and `>` in the URL would end it early, so they are percent-encoded."""
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


def fit(blocks: list[Block], *, more_hint: str = "") -> list[Block]:
    """Cap a message at Slack's 50 blocks, saying how much was left out."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    kept = blocks[: MAX_BLOCKS - 1]
    left = len(blocks) - len(kept)
    note = f"…and {left} more not shown." + (f" {more_hint}" if more_hint else "")
    return [*kept, context(note)]


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
