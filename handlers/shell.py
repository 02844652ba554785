"""The terminal shell: type `/stance …` lines, read the same answers Slack would show.

Works interactively (prompt, line editing, history) and with piped standard input,
where it reads every line, answers each, and exits 0 at the end of input.
"""

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from rich.console import Console

from bot.errors import UserError
from bot.grammar import AddForm, AddStatement, check_url, parse_command
from bot.stances import parse_stance, stance_words
from handlers.blocks.replies import error_message
from handlers.commands import Dispatcher
from handlers.terminal import render

PROMPT = "standpoint> "
EXIT_WORDS = frozenset({"exit", "quit", ":q"})

Ask = Callable[[str], str | None]


def run_shell(*, dispatcher: Dispatcher, user: str, console: Console, interactive: bool) -> int:
    """Answer lines until end of input or `exit`. Returns the process exit code (0)."""
    command = dispatcher.settings.command
    lines = _interactive_lines() if interactive else _piped_lines()
    if interactive:
        console.print(
            f"[bold]Standpoint[/bold] shell as [cyan]{user}[/cyan]. "
            f"Try [cyan]{command} putin on ceasefire[/cyan]; [dim]exit to leave.[/dim]"
        )

    def ask(question: str) -> str | None:
        console.print(f"[bold]{question}[/bold]")
        return next(lines, None)

    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.casefold() in EXIT_WORDS:
            break
        if not interactive:
            console.print(f"[dim]{PROMPT}{_shown(line)}[/dim]")
        text = _strip_command(line, command)
        if text is None:
            console.print(f"Commands start with {command}. Try {command} help.")
            continue
        parsed = None
        try:
            parsed = parse_command(text)
            if isinstance(parsed, AddForm):
                parsed = prompt_add(ask)
        except UserError as error:
            render(error_message(error, command=command), console)
            continue
        if parsed is None:
            console.print("Nothing recorded.")
            continue
        render(dispatcher.execute(parsed, user=user), console)
    return 0


def prompt_add(ask: Ask) -> AddStatement | None:
    """The add form as prompts; None if the user leaves it (empty actor or end of input)."""
    actor = ask("Actor (who said it)?")
    if not actor or not actor.strip():
        return None
    topic = _required(ask, "Topic?")
    stance_text = _required(ask, f"Stance ({stance_words()})?")
    stance = parse_stance(stance_text)
    if stance is None:
        raise UserError(
            f"“{stance_text[:40]}” isn't a stance.", hint=f"Use one of: {stance_words()}."
        )
    quote = _required(ask, "Verbatim quote?").strip().strip('"“”')
    summary = (ask("One-line summary (optional)?") or "").strip()
    conditions_text = (ask("Conditions, separated by ; (optional)?") or "").strip()
    url = (ask("Source URL (optional)?") or "").strip() or None
    if url:
        check_url(url)
    conditions = tuple(c.strip() for c in conditions_text.split(";") if c.strip())
    return AddStatement(
        actor=actor.strip(),
        topic=topic.strip(),
        stance=stance,
        quote=quote,
        url=url,
        summary=summary,
        conditions=conditions,
    )


def default_user() -> str:
    """Who the shell records statements as, unless `--as` says otherwise."""
    return os.environ.get("USER") or os.environ.get("USERNAME") or "shell-user"


def _required(ask: Ask, question: str) -> str:
    answer = ask(question)
    if answer is None or not answer.strip():
        raise UserError("That field is required; nothing was recorded.")
    return answer


def _strip_command(line: str, command: str) -> str | None:
    head, _, rest = line.partition(" ")
    if head.casefold() == command.casefold():
        return rest
    if head.startswith("/"):
        return None
    return line  # a bare "putin on ceasefire" is taken as the command's text


def _shown(line: str) -> str:
    return line if len(line) <= 120 else f"{line[:117]}… ({len(line):,} characters)"


def _piped_lines() -> Iterator[str]:
    for line in sys.stdin:
        yield line.rstrip("\n")


def _interactive_lines() -> Iterator[str]:
    history_file = Path(os.environ.get("STANDPOINT_HISTORY", Path.home() / ".standpoint_history"))
    try:
        import readline

        with contextlib.suppress(OSError):
            readline.read_history_file(history_file)
        readline.set_history_length(1000)
    except ImportError:
        readline = None  # type: ignore[assignment]
    try:
        while True:
            try:
                yield input(PROMPT)
            except EOFError:
                return
            except KeyboardInterrupt:
                print()
                continue
    finally:
        if readline is not None:
            with contextlib.suppress(OSError):
                readline.write_history_file(history_file)
