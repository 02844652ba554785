"""An approved draft as posted, capped to Slack's 50 blocks, with the rest in an attached file.

A draft that fits reads exactly as `published_message` always built it. A longer one (a
digest of 2,000 changes) posts its first lines, says how many more follow and where, and
hands the rest, in full, to a plain-text file posted in the message's thread: never cut.
"""

from dataclasses import dataclass

from handlers.blocks.drafts import published_message, who
from handlers.blocks.kit import MAX_BLOCKS, Message, context, escape, header, sections
from store import Draft

# The header, the "…and N more lines" note and the approval line stay beside the lines.
_FRAME = 3


@dataclass(frozen=True)
class Published:
    """The message to post, and the lines left for the thread's file (empty when it fits)."""

    message: Message
    rest: list[str]
    filename: str = ""


def published(draft: Draft) -> Published:
    """`draft` as the channel sees it once approved, within Slack's limits."""
    lines = [line for line in draft.body.splitlines() if line.strip()]
    if len(sections([escape(line) for line in lines])) + 2 <= MAX_BLOCKS:
        return Published(message=published_message(draft), rest=[])
    escaped = [escape(line) for line in lines]
    shown = 0
    while shown < len(lines) and len(sections(escaped[: shown + 1])) <= MAX_BLOCKS - _FRAME:
        shown += 1  # whole lines only, so the file starts where the message stops
    rest = lines[shown:]
    filename = f"D{draft.id}-continued.txt"
    more = (
        f"…and {len(rest)} more lines ({len(lines)} in all) in the attached file "
        f"{filename}, in this message's thread."
    )
    blocks = [
        header(draft.title),
        *sections(escaped[:shown]),
        context(escape(more)),
        context(
            f"Written by the {escape(draft.drafter)}, approved by {who(draft.decided_by)}"
            f" · draft D{draft.id}"
        ),
    ]
    text = f"{draft.title}: {shown} of {len(lines)} lines shown; the rest in {filename}."
    return Published(message=Message(text=text, blocks=blocks), rest=rest, filename=filename)
