"""The Share in channel button on private answers, and what the channel then sees."""

from handlers.blocks.kit import (
    Block,
    Message,
    Mrkdwn,
    channel_mention,
    context,
    escape,
    fit,
    mention,
)
from handlers.blocks.outgoing import fallback_text

SHARE_ACTION = "share_answer"
MAX_BUTTON_VALUE = 2000


def with_share_button(message: Message, *, command_text: str) -> Message:
    """The private answer plus a Share button that re-asks `command_text` for the channel."""
    if not message.shareable or len(command_text) > MAX_BUTTON_VALUE:
        return message
    button: Block = {
        "type": "actions",
        "block_id": "share",
        "elements": [
            {
                "type": "button",
                "action_id": SHARE_ACTION,
                "text": {"type": "plain_text", "text": "Share in channel"},
                "value": command_text,
            }
        ],
    }
    return Message(text=message.text, blocks=fit(message.blocks, keep=[button]), shareable=True)


def shared_message(message: Message, *, user_id: str) -> Message:
    """The answer as posted to the channel, saying who shared it."""
    note = context(f"Shared by {mention(user_id)} with Standpoint")
    text = Mrkdwn(f"{fallback_text(message)} (shared by {mention(user_id)})")
    # Answers leave a block free for this note, so it never displaces their page note.
    return Message(text=text, blocks=fit(message.blocks, keep=[note]))


def share_done_message(*, channel_id: str) -> Message:
    """Replaces the private answer once it is in the channel."""
    text = Mrkdwn(f"✅ Shared in {channel_mention(channel_id)}.")
    return Message(text=text, blocks=[context(text)])


def share_failed_message(*, reason: str) -> Message:
    """Replaces nothing: said privately when sharing did not work."""
    text = f"⚠️ Couldn't share that answer: {reason}"
    return Message(text=text, blocks=[context(escape(text))])
