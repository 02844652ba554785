"""Interactive line input: readline editing, and a history file holding commands only."""

import contextlib
from collections.abc import Iterator
from pathlib import Path

from handlers.shell import PROMPT, ReadLine


@contextlib.contextmanager
def interactive_reader(history_file: Path) -> Iterator[ReadLine]:
    """A ReadLine over input(); Ctrl-C abandons the current line, Ctrl-D ends the shell."""
    try:
        import readline
    except ImportError:
        readline = None  # type: ignore[assignment]
    if readline is not None:
        with contextlib.suppress(OSError):
            readline.read_history_file(history_file)
        readline.set_history_length(1000)

    def read(prompt: str) -> str | None:
        try:
            line = input(prompt)
        except EOFError:
            print()
            return None
        except KeyboardInterrupt:
            print()
            return ""
        if readline is not None and prompt != PROMPT and line:
            # Form answers ("trump", "opposes") are not commands worth recalling.
            readline.remove_history_item(readline.get_current_history_length() - 1)
        return line

    try:
        yield read
    finally:
        if readline is not None:
            with contextlib.suppress(OSError):
                readline.write_history_file(history_file)
