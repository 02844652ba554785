"""The line that says how a name was read when what was typed is only part of it."""

from collections.abc import Sequence
from dataclasses import replace

from bot.catalog import Named, reading_notes
from handlers.blocks.kit import Message, Mrkdwn, context, escape, fit


def with_reading(message: Message, *, names: Sequence[Named]) -> Message:
    """`message` led by 'Reading “europe's role” as Europe's role in the peace process.'
    for each name read from part of it (unchanged when none was)."""
    notes = reading_notes(names)
    if not notes:
        return message
    note = " ".join(notes)
    # room=2: this line and the Share button added later still fit Slack's 50 blocks.
    blocks = [context(escape(note)), *fit(message.blocks, room=2)]
    if isinstance(message.text, Mrkdwn):
        return replace(message, text=Mrkdwn(f"{escape(note)}\n{message.text}"), blocks=blocks)
    return replace(message, text=f"{note}\n{message.text}", blocks=blocks)
