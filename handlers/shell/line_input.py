"""Interactive line input: readline editing, and a history file holding commands only."""

import contextlib
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from handlers.shell.forms import ReadLine
from handlers.shell.loop import PROMPT


@contextlib.contextmanager
def interactive_reader(history_file: Path) -> Iterator[ReadLine]:
    """A ReadLine over input(); Ctrl-C abandons the line (a whole form), Ctrl-D ends the shell."""
    try:
        import readline
    except ImportError:
        readline = None  # type: ignore[assignment]
    if readline is not None:
        with contextlib.suppress(OSError):
            readline.read_history_file(history_file)
        readline.set_history_length(1000)
    # A bracketed paste of many lines arrives as one; its lines are answered one by one,
    # exactly as piped input is.
    pasted: deque[str] = deque()

    def read(prompt: str) -> str | None:
        if pasted:
            return pasted.popleft()
        try:
            line = input(prompt)
        except EOFError:
            print()
            return None
        except KeyboardInterrupt:
            print()
            if prompt != PROMPT:
                raise  # inside a form: the shell abandons the whole form, not just one field
            return ""
        if readline is not None and prompt != PROMPT and line:
            # Form answers ("trump", "opposes") are not commands worth recalling.
            readline.remove_history_item(readline.get_current_history_length() - 1)
        first, *rest = line.removesuffix("\n").split("\n")
        pasted.extend(rest)
        return first

    try:
        yield read
    finally:
        if readline is not None:
            with contextlib.suppress(OSError):
                readline.write_history_file(history_file)
