"""Render Block Kit messages readably in a terminal with rich (the shell's view of Slack)."""

import re
from typing import Any

from rich.console import Console
from rich.markup import escape as rich_escape
from rich.rule import Rule
from rich.text import Text

from bot.text import strip_controls
from handlers.blocks import Message

_LINK = re.compile(r"<([^|<>]+)\|([^<>]*)>")
_STYLES = [
    (re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])"), "bold"),
    (re.compile(r"(?<![\w_])_(?!\s)([^_\n]+?)_(?![\w_])"), "italic"),
    (re.compile(r"`([^`\n]+)`"), "cyan"),
]


def mrkdwn_to_rich(mrkdwn: str) -> str:
    """Slack mrkdwn (bold, italic, code, links, quotes, escapes) as rich console markup."""
    text = _LINK.sub(lambda m: m[1] if m[2] in ("", m[1]) else f"{m[2]} ({m[1]})", mrkdwn)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    text = rich_escape(_visible(text))
    for pattern, style in _STYLES:
        text = pattern.sub(rf"[{style}]\1[/{style}]", text)
    lines = [
        f"[green]▌[/green] [italic]{line[2:]}[/italic]"
        if line.startswith("&gt; ") or line.startswith("> ")
        else line
        for line in text.split("\n")
    ]
    return "\n".join(lines)


def render(message: Message, console: Console) -> None:
    """Print every block of `message`; fall back to its text when it has none."""
    if not message.blocks:
        console.print(Text(_visible(message.text)))
        return
    for block in message.blocks:
        _render_block(block, console)
    console.print()


def _render_block(block: dict[str, Any], console: Console) -> None:
    kind = block.get("type")
    if kind == "header":
        console.print(Rule(Text(_visible(block["text"]["text"]), style="bold"), align="left"))
    elif kind == "section":
        console.print(mrkdwn_to_rich(block["text"]["text"]))
    elif kind == "context":
        for element in block["elements"]:
            console.print(f"[dim]{mrkdwn_to_rich(element.get('text', ''))}[/dim]")
    elif kind == "divider":
        console.print(Rule(style="dim"))
    elif kind == "actions":
        labels = [el["text"]["text"] for el in block["elements"] if "text" in el]
        shown = _visible("  ".join(f"[{label}]" for label in labels))
        console.print("[dim]" + rich_escape(shown) + "[/dim]")


def _visible(text: str) -> str:
    # Stored and model text may hold terminal escapes (ESC/CSI, OSC 8 links, BEL, backspace,
    # CR overprinting); rich passes ESC through, so they go before anything is printed.
    return strip_controls(text, keep_lines=True)
