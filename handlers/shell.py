"""The terminal shell: type `/stance …` lines, read the same answers Slack would show.

Works interactively (prompt, line editing, history) and with piped standard input,
where it reads every line, answers each, and exits 0 at the end of input.
"""

import os
import sys
from collections.abc import Callable

from rich.console import Console

from bot.errors import UserError
from bot.grammar import AddForm, AddStatement, check_url
from bot.stances import parse_stance, stance_words
from handlers.blocks import Message
from handlers.blocks.replies import error_message
from handlers.commands import Dispatcher
from handlers.terminal import render

PROMPT = "standpoint> "
EXIT_WORDS = frozenset({"exit", "quit", ":q"})

# Reads one line after showing `prompt`; None at the end of input.
ReadLine = Callable[[str], str | None]


def run_shell(*, dispatcher: Dispatcher, user: str, console: Console, read: ReadLine) -> int:
    """Answer lines until end of input or `exit`. Returns the process exit code (0)."""
    command = dispatcher.settings.command
    while (raw := read(PROMPT)) is not None:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.casefold() in EXIT_WORDS:
            break
        text = _strip_command(line, command)
        if text is None:
            console.print(f"Commands start with {command}. Try {command} help.")
            continue
        parsed = dispatcher.interpret(text)
        if isinstance(parsed, Message):
            render(parsed, console)
            continue
        if isinstance(parsed, AddForm):
            try:
                statement = prompt_add(read)
            except UserError as error:
                render(error_message(error, command=command), console)
                continue
            if statement is None:
                console.print("Nothing recorded.")
                continue
            parsed = statement
        render(dispatcher.execute(parsed, user=user), console)
    return 0


def prompt_add(read: ReadLine) -> AddStatement | None:
    """The add form as prompts; None if the user leaves a required field empty."""
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


def default_user() -> str:
    """Who the shell records statements as, unless `--as` says otherwise."""
    return os.environ.get("USER") or os.environ.get("USERNAME") or "shell-user"


def _answer(read: ReadLine, question: str) -> str:
    return (read(question) or "").strip()


def _strip_command(line: str, command: str) -> str | None:
    head, _, rest = line.partition(" ")
    if head.casefold() == command.casefold():
        return rest
    if head.startswith("/"):
        return None
    return line  # a bare "putin on ceasefire" is taken as the command's text


def piped_reader(console: Console) -> ReadLine:
    """Read standard input line by line, echoing each line after its prompt as a transcript."""

    def read(prompt: str) -> str | None:
        line = sys.stdin.readline()
        if not line:
            return None
        line = line.rstrip("\n")
        shown = line if len(line) <= 120 else f"{line[:117]}… ({len(line):,} characters)"
        console.print(f"{prompt}{shown}", style="dim", markup=False, highlight=False)
        return line

    return read
