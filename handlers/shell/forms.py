"""The shell's forms: the add-position prompts, the draft editor, pasted text.

Ctrl-C anywhere in a form abandons the whole form, so nothing half-typed is ever written:
the interactive reader lets KeyboardInterrupt through at form prompts, and `cancelling`
turns it into Cancelled, which the shell prints.
"""

import contextlib
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from rich.console import Console
from sqlalchemy import Engine

from bot.errors import BadCommand
from bot.grammar import check_url, conditions_field, parse_conditions
from bot.positions import PositionForm
from bot.settings import Settings
from bot.stances import parse_stance, stance_words
from bot.text import strip_controls
from handlers.shell.names import ShellNames, ask_name
from handlers.shell.prompts import ReadLine, ask, ask_date
from store import Draft, Stance, utcnow

__all__ = [
    "END_OF_TEXT",
    "Cancelled",
    "ReadLine",
    "cancelling",
    "prompt_add",
    "prompt_edit",
    "read_text",
]

ACTOR = "Actor (who said it)"
CONDITIONS = "Conditions, separated by ; (optional, or none)"

TEXT_PROMPT = "... "
END_OF_TEXT = "."


class Cancelled(Exception):
    """The user pressed Ctrl-C inside a form; the message says what was not done."""


@contextlib.contextmanager
def cancelling(note: str) -> Iterator[None]:
    """Inside the block, Ctrl-C becomes Cancelled(note)."""
    try:
        yield
    except KeyboardInterrupt:
        raise Cancelled(note) from None


def read_text(read: ReadLine) -> str | None:
    """Lines up to one holding only `.`, joined; None if the input ends first."""
    lines: list[str] = []
    while (line := read(TEXT_PROMPT)) is not None:
        if line.strip() == END_OF_TEXT:
            return "\n".join(lines)
        lines.append(line.rstrip("\r"))
    return None


def prompt_form(
    read: ReadLine,
    console: Console,
    *,
    engine: Engine,
    settings: Settings,
    initial: PositionForm | None = None,
    note: str = "",
) -> PositionForm | None:
    """The add form's prompts for the desk's names, zone and date order (`note` first, for a
    prefilled form); None if a required field is left empty."""
    if note:
        console.print(f"{note}: Enter keeps a value as it was (Ctrl-C cancels).", markup=False)
    return prompt_add(
        read,
        console,
        names=ShellNames(engine),
        zone=settings.zone,
        now=utcnow(),
        date_order=settings.date_order,
        initial=initial,
    )


def prompt_add(
    read: ReadLine,
    console: Console,
    *,
    names: ShellNames,
    zone: ZoneInfo,
    now: datetime,
    date_order: str = "DMY",
    initial: PositionForm | None = None,
) -> PositionForm | None:
    """The add form as prompts, Enter keeping `initial`'s values; None if a required field
    is left empty. An unknown actor or topic can be picked from suggestions or created."""
    start = initial or PositionForm(actor="", topic="", stance="", quote="")
    with cancelling("Cancelled; nothing recorded."):
        actor = ask_name(
            read, console, kind="actor", question=ACTOR, names=names, default=start.actor
        )
        topic = actor and ask_name(
            read, console, kind="topic", question="Topic", names=names, default=start.topic
        )
        stance = topic and _ask_stance(read, default=start.stance)
        quote = stance and ask(read, "Verbatim quote", default=start.quote).strip('"“”')
        if not (actor and topic and stance and quote):
            return None
        summary = ask(read, "One-line summary (optional)", default=start.summary)
        conditions = ask(read, CONDITIONS, default=conditions_field(start.conditions))
        url = _ask_url(read, default=start.url)
        stated_on = ask_date(
            read, "Date said", zone=zone, now=now, date_order=date_order, default=start.stated_on
        )
    return PositionForm(
        actor=actor.name,
        topic=topic.name,
        stance=stance.value,
        quote=quote,
        summary=summary,
        conditions=parse_conditions(conditions),
        url=url,
        stated_on=stated_on,
        create_actor=actor.new is not None,
        create_topic=topic.new is not None,
        new_actor=actor.new,
        new_topic=topic.new,
    )


def _ask_stance(read: ReadLine, *, default: str) -> Stance | None:
    question = f"Stance ({stance_words()})"
    while typed := ask(read, question, default=default):
        if (stance := parse_stance(typed)) is not None:
            return stance
        question = f"“{typed[:40]}” isn't a stance. Stance ({stance_words()})"
        default = ""  # never offered again, so the end of input can't loop
    return None


def _ask_url(read: ReadLine, *, default: str) -> str:
    question = "Source URL (optional)"
    while url := ask(read, question, default=default):
        try:
            check_url(url)
        except BadCommand as bad:
            question = f"{bad.message} {bad.hint} Source URL (optional)"
            default = ""
            continue
        return url
    return ""


def prompt_edit(read: ReadLine, console: Console, *, draft: Draft) -> str | None:
    """A draft's new text, after showing the current one; None (or empty) leaves it as it is."""
    # Model text may hold terminal escapes; rich would pass them through.
    title, body = strip_controls(draft.title), strip_controls(draft.body, keep_lines=True)
    console.print(f"Draft D{draft.id} — {title}. Current text:", markup=False)
    for line in body.splitlines():
        console.print(f"  {line}", markup=False, highlight=False)
    console.print(
        "Type or paste the new text, citing positions as [#12] and quoting only stored words; "
        f"end it with a line holding only {END_OF_TEXT} (Ctrl-C cancels).",
        markup=False,
        highlight=False,
    )
    with cancelling(f"Cancelled; draft D{draft.id} is unchanged."):
        text = read_text(read)
    return text.strip() if text else None
