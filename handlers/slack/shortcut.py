"""The "Extract positions" message shortcut: ingest a message, or the article it links to.

The candidates go privately to the person who clicked, like `/stance ingest`'s.
"""

import html
import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.grammar import Ingest
from handlers.blocks import Message, context
from handlers.slack.add_form import confirm
from handlers.slack.deps import SlackDeps

CALLBACK_ID = "extract_positions"

# Slack writes links in message text as <https://host/path> or <https://host/path|label>.
_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>")
_MARKUP = re.compile(r"<[^>]*>")


def register(app: App, deps: SlackDeps) -> None:
    """Listen for the message shortcut."""

    @app.shortcut(CALLBACK_ID)
    def on_shortcut(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        user_id = body["user"]["id"]
        channel_id = (body.get("channel") or {}).get("id")
        source = ingest_source((body.get("message") or {}).get("text") or "")

        def run() -> None:
            if source is None:
                text = "That message has no text or link to read positions from."
                answer = Message(text=text, blocks=[context(text)])
            else:
                answer = deps.dispatcher.execute(
                    Ingest(source=source),
                    user=user_id,
                    request_id=body.get("trigger_id"),
                    channel_id=channel_id,
                )
            confirm(client, user_id=user_id, channel_id=channel_id, message=answer)

        # Fetching and extracting are slow: never on Bolt's listener threads.
        deps.worker.submit(run, what=f"extract positions for {user_id}")


def ingest_source(text: str) -> str | None:
    """The first link in a message's text, else its plain text; None when there is neither."""
    link = _LINK.search(text)
    if link:
        return html.unescape(link.group(1))
    plain = html.unescape(_MARKUP.sub("", text)).strip()
    return plain or None
