"""The shell's forms: the add-position prompts, the draft editor, pasted text.

Ctrl-C anywhere in a form abandons the whole form, so nothing half-typed is ever written:
the interactive reader lets KeyboardInterrupt through at form prompts, and `cancelling`
turns it into Cancelled, which the shell prints.
"""

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console

from bot.grammar import AddStatement, check_url
from bot.stances import parse_stance, stance_words
from bot.text import strip_controls
from store import Draft

# Reads one line after showing `prompt`; None at the end of input.
ReadLine = Callable[[str], str | None]

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


def prompt_add(read: ReadLine) -> AddStatement | None:
    """The add form as prompts; None if the user leaves a required field empty."""
    with cancelling("Cancelled; nothing recorded."):
        actor = _answer(read, "Actor (who said it)? ")
        topic = actor and _answer(read, "Topic? ")
        stance = None
        question = f"Stance ({stance_words()})? "
        while topic and stance is None:
            stance_text = _answer(read, question)
            if not stance_text:
                return None
            stance = parse_stance(stance_text)
            question = f"“{stance_text[:40]}” isn't a stance. {question}"
        quote = stance and _answer(read, "Verbatim quote? ").strip('"“”')
        if not (actor and topic and stance and quote):
            return None
        summary = _answer(read, "One-line summary (optional)? ")
        conditions = _answer(read, "Conditions, separated by ; (optional)? ")
        url = _answer(read, "Source URL (optional)? ") or None
    if url:
        check_url(url)
    return AddStatement(
        actor=actor,
        topic=topic,
        stance=stance,
        quote=quote,
        url=url,
        summary=summary,
        conditions=tuple(c.strip() for c in conditions.split(";") if c.strip()),
    )


def prompt_edit(read: ReadLine, console: Console, *, draft: Draft) -> str | None:
    """A draft's new text, after showing the current one; None (or empty) leaves it as it is."""
    # Model text may hold terminal escapes; rich would pass them through.
    title, body = strip_controls(draft.title), strip_controls(draft.body, keep_lines=True)
    console.print(f"Draft #{draft.id} — {title}. Current text:", markup=False)
    for line in body.splitlines():
        console.print(f"  {line}", markup=False, highlight=False)
    console.print(
        "Type or paste the new text, citing positions as [#12] and quoting only stored words; "
        f"end it with a line holding only {END_OF_TEXT} (Ctrl-C cancels).",
        markup=False,
        highlight=False,
    )
    with cancelling(f"Cancelled; draft #{draft.id} is unchanged."):
        text = read_text(read)
    return text.strip() if text else None


def _answer(read: ReadLine, question: str) -> str:
    return (read(question) or "").strip()
