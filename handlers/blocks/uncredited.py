"""Blocks for the quotes an ingest could credit to nobody, each with an Assign speaker button
(text twin: `assign <id>`), and for the form that assigns one."""

from collections.abc import Sequence

from bot.ingest import Assignment
from bot.text import counted
from handlers.blocks.kit import MAX_BLOCKS, Block, Message, context, escape, fit, section, sections
from store import UncreditedQuote

ASSIGN = "uncredited_assign"  # the button's action_id; its value is the quote's id
SHOWN_CHARS = 200  # a longer quote is shortened on the list; the form has it whole


def with_uncredited(
    message: Message, quotes: Sequence[UncreditedQuote], *, command: str
) -> Message:
    """An ingest's answer followed by the quotes it could credit to nobody, numbered by id."""
    if not quotes:
        return message
    intro = (
        f"{counted(len(quotes), 'quote')} without a speaker I could name — "
        f"assign a speaker to keep {'it' if len(quotes) == 1 else 'one'}:"
    )
    hint = context(escape(f"Or type: {command} assign <number>"))
    room = MAX_BLOCKS - len(message.blocks) - 2  # the intro and the hint
    # One block a quote, with its button; past the room, the rest as lines to type.
    buttoned = len(quotes)
    while buttoned and buttoned + len(sections(_lines(quotes[buttoned:]))) > room:
        buttoned -= 1
    blocks = [
        *message.blocks,
        section(f"*{escape(intro)}*"),
        *(_with_button(quote) for quote in quotes[:buttoned]),
        *sections(_lines(quotes[buttoned:])),
    ]
    return Message(
        text=f"{message.text} {intro.removesuffix(':')}.",
        blocks=fit(blocks, keep=[hint]),
        shareable=message.shareable,
    )


def assign_note(assignment: Assignment) -> str:
    """What the form is about, in plain words: the quote's number, article and date."""
    stated_on = assignment.form.stated_on
    when = (
        f"published {stated_on:%-d %b %Y}"
        if stated_on
        else "no date in the article (give the day it was said)"
    )
    named = [f"“{assignment.title}”"] if assignment.title else []
    named += [assignment.outlet] if assignment.outlet else []
    article = ", ".join(named) or (assignment.form.url or "pasted text")
    return f"Quote {assignment.quote_id} from {article}, {when}"


def assign_form_hint(*, quote_id: int, command: str) -> Message:
    """Where a transport has no form: where the form is."""
    text = (
        f"Assign a speaker to quote {quote_id} with its Assign speaker button, "
        f"or with {command} assign {quote_id} in Slack or the shell."
    )
    return Message(text=text, blocks=[section(escape(text))])


def _with_button(quote: UncreditedQuote) -> Block:
    block = section(_line(quote))
    block["accessory"] = {
        "type": "button",
        "action_id": ASSIGN,
        "value": str(quote.id),
        "text": {"type": "plain_text", "text": "Assign speaker"},
    }
    return block


def _lines(quotes: Sequence[UncreditedQuote]) -> list[str]:
    return [_line(quote) for quote in quotes]


def _line(quote: UncreditedQuote) -> str:
    return f"*{quote.id}.* “{escape(_shortened(quote.quote))}”"


def _shortened(quote: str, limit: int = SHOWN_CHARS) -> str:
    """One line of at most `limit` characters, cut at a word and ending “…” when cut."""
    text = " ".join(quote.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"
