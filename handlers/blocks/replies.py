"""Blocks for help, errors, confirmations and commands not yet available."""

import re

from bot.errors import UnknownName, UserError
from bot.grammar import ADD_EXAMPLE
from bot.stances import stance_words
from handlers.blocks.choices import choice_buttons, choice_lines
from handlers.blocks.kit import (
    Block,
    Message,
    Mrkdwn,
    context,
    escape,
    fit,
    header,
    section,
    sections,
)

USAGE = [
    ("<actor>", "latest position of the actor on every topic", "putin"),
    ("<actor> on <topic>", "position, conditions, quote, source, change", "putin on ceasefire"),
    ("topic <topic>", "every actor's latest stance on a topic", "topic ceasefire"),
    ("history <actor> on <topic>", "timeline, newest first", "history putin on ceasefire"),
    (
        "… as of <date>",
        "any query above, as known at that date",
        "putin on ceasefire as of 13 March 2025",
    ),
    (
        "… page <n>",
        "the next page of a long answer (also after “as of <date>”)",
        "history putin on ceasefire page 2",
    ),
    (
        'add <actor> on <topic>: <stance> "<quote>" [url] [conditions: a; b] [stated <date>]',
        "record a statement (said today unless you give the day; conditions only if it says"
        " them, or conditions: none)",
        ADD_EXAMPLE,
    ),
    ("add", "record a statement with a form", "add"),
    ("actors [filter] | topics [filter]", "what is tracked, with counts", "topics truce"),
    ("alias [topic] <name> = <alias> | unalias …", "another name for one", "alias putin = Mr P"),
    ("merge [topic] <name> into <name>", "one becomes the other (approvers only)", "merge …"),
    (
        'search <words> ["a phrase"] [as of <date>]',
        "find statements by what was said: quotes, summaries, conditions",
        'search "frozen conflict"',
    ),
    (
        "summarize <topic> [offline]",
        "an LLM or template draft, sent for approval (offline: the template drafter)",
        "summarize ceasefire",
    ),
    (
        "ingest [offline] <url | pasted text>",
        "candidate positions from an article, to review",
        "ingest …",
    ),
    ("pending", "drafts waiting for approval", "pending"),
    ("approve D<id> | reject D<id> [reason]", "decide on a draft (approvers only)", "approve D7"),
    ("edit D<id>", "edit a draft's text; citations are checked again (approvers only)", "edit D7"),
    ("retry D<id>", "draft a failed summary again", "retry D7"),
    (
        "confirm <id> [as <stance>] [on <topic>] [stated <date>] | discard <id>",
        "decide on an ingested candidate, setting its stance, topic or date",
        "confirm 12 as opposes",
    ),
    ("edit #<id>", "edit an ingested candidate with the add form", "edit #12"),
    (
        "assign <id>",
        "give a quote an ingest could credit to nobody its speaker, with the add form",
        "assign 5",
    ),
    (
        "retract #<id> [reason] | correct #<id>",
        "withdraw a recorded position, or correct it with the add form "
        "(your own within the window; approvers any)",
        "retract #7 misattributed",
    ),
    ("audit #<id>", "every step of a position: recorded, corrected, withdrawn…", "audit #7"),
    ("audit D<id>", "every step of a draft, who and when", "audit D7"),
    (
        "export board <topic> | history <actor> on <topic> | positions [since <date>] [json]",
        "a CSV (or JSON) file, sent to you privately in Slack; in the shell, saved here",
        "export board ceasefire",
    ),
    (
        "follow <actor> | follow topic <topic> | follow <actor> on <topic>",
        "an alert here (in a DM: to you) the moment one shifts or changes a condition",
        "follow putin on ceasefire",
    ),
    ("following | unfollow … | unfollow all", "what this channel (or you) follows", "following"),
    (
        "quiet HH:MM-HH:MM [tz] | quiet off",
        "hold alerts overnight, then send them as one",
        "quiet 22:00-07:00",
    ),
    (
        "chart <actor> on <topic> | chart topic <topic>",
        "a picture of stances over time (PNG)",
        "chart topic ceasefire",
    ),
    (
        "digest [status|at HH:MM [tz]|days …|follow …|preview|now|off]",
        "this channel's morning digest",
        "digest at 07:00",
    ),
    (
        "settings | settings <name> <value> | settings reset <name>",
        "this workspace's approvers, approval channel, time zone, digest and quiet-hour "
        "defaults and model limits (approvers and admins change them)",
        "settings tz Europe/Berlin",
    ),
    ("help", "this message", "help"),
]


def _without_arguments(usage: str) -> str:
    # Innermost brackets first, so "[status|at HH:MM [tz]]" goes whole.
    while (shorter := re.sub(r"\[[^\[\]]*\]|<[^<>]*>", "", usage)) != usage:
        usage = shorter
    return usage


def help_message(*, command: str) -> Message:
    """`/stance help` (and an empty command)."""
    lines = [f"`{command} {usage}` — {what}" for usage, what, _ in USAGE]
    blocks: list[Block] = [
        header("Standpoint — where newsmakers stand"),
        section("Ask who said what on which issue, on what conditions, and how it changed."),
        *sections([escape(line) for line in lines]),
        context(escape(f"Stances: {stance_words()}. Try: {command} putin on ceasefire")),
    ]
    # The fallback (notifications, screen readers) names the commands; the blocks explain them.
    verbs = sorted(
        {
            part.split()[0]
            for usage, _, _ in USAGE
            if usage[0].isalpha()
            # "export board | history | positions": what is exported, not verbs
            for part in _without_arguments(usage).split("|")[
                : 1 if usage.startswith("export") else None
            ]
            if part.strip()
        }
    )
    text = (
        f"Standpoint commands: {command} <actor> [on <topic>], topic, history, "
        + ", ".join(v for v in verbs if v not in {"topic", "history"})
        + f". Try: {command} putin on ceasefire"
    )
    return Message(text=text, blocks=blocks)


def error_message(error: UserError, *, command: str) -> Message:
    """A short, helpful answer to bad input: what went wrong, and what to try."""
    lines = [f"⚠️ {escape(error.message)}"]
    text_lines = [f"⚠️ {error.message}"]
    buttons: list[Block] = []
    if isinstance(error, UnknownName):
        if error.choices:
            lines += choice_lines(error, command=command)
            text_lines.append("Did you mean " + " or ".join(f"“{n}”" for n in error.choices) + "?")
            buttons = choice_buttons(error)
        else:
            line = f"No {error.kind} I know is close. `{command} help` shows what you can ask."
            lines.append(line)
            text_lines.append(line)
    if error.hint:
        lines.append(escape(error.hint))
        text_lines.append(error.hint)
    text = Mrkdwn(escape(" ".join(text_lines)))
    return Message(text=text, blocks=[*sections(lines), *buttons])


def internal_error_message(*, reference: str) -> Message:
    """Something broke on our side; nothing was changed."""
    text = (
        f"Sorry, something went wrong on our side and nothing was changed. "
        f"If it keeps happening, give an admin this reference: {reference}."
    )
    return Message(text=text, blocks=[section(f"⚠️ {escape(text)}")])


def not_yet_message(*, name: str, command: str) -> Message:
    """A command from the grammar that this release does not have yet."""
    text = f"`{command} {name}` isn't available in this version of Standpoint yet."
    return Message(
        text=text, blocks=[section(escape(text)), context(f"`{command} help` lists what is.")]
    )


def add_form_hint(*, command: str) -> Message:
    """Where a transport has no form: how to add a statement in one line."""
    text = f"Record a statement in one line: {command} {ADD_EXAMPLE}"
    return Message(text=text, blocks=[section(escape(text))])


def edit_form_hint(*, draft_id: int, candidate: bool = False) -> Message:
    """Where a transport has no form: drafts and candidates are edited from their card."""
    what = f"candidate #{draft_id}" if candidate else f"draft D{draft_id}"
    text = f"Edit {what} with the Edit button on its card."
    return Message(text=text, blocks=[section(escape(text))])


def recorded_message(*, position_id: int, answer: Message, shown_id: int | None = None) -> Message:
    """Confirmation of a recorded statement, followed by how it now reads (`shown_id`: the
    position the answer stands on, when it is not the one just recorded)."""
    note = f"✅ Recorded as position #{position_id}."
    if shown_id is not None and shown_id != position_id:
        # An unclear remark or an older quote: the pair still stands where it stood.
        note += f" Where things stand is still #{shown_id}, below."
    return Message(text=f"{note} {answer.text}", blocks=fit([section(note), *answer.blocks]))
