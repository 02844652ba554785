"""`ingest` in the shell: an article pasted over many lines, or read from a text file.

A pasted article would otherwise be read as one command per line. `ingest` alone on its
line takes the lines after it, up to one holding only `.`; `ingest @path` reads a file.
"""

import stat
from pathlib import Path

from rich.console import Console

from bot.errors import UserError
from handlers.shell.forms import END_OF_TEXT, ReadLine, cancelling, read_text

MAX_FILE_BYTES = 100 * 1024


def article_for(rest: str, *, read: ReadLine, console: Console) -> str | None:
    """The article `ingest <rest>` means, when it isn't on the line itself (else None)."""
    rest = rest.strip()
    if rest.startswith("@"):
        return read_article_file(rest[1:].strip())
    if rest:
        return None
    console.print(
        f"Paste the article, then a line holding only {END_OF_TEXT} (Ctrl-C cancels).",
        markup=False,
        highlight=False,
    )
    with cancelling("Cancelled; nothing ingested."):
        text = read_text(read)
    if text is None:
        raise UserError(f"The input ended before a line holding only {END_OF_TEXT}; nothing read.")
    return text


def read_article_file(typed: str) -> str:
    """The UTF-8 text of the file at `typed` (`~` expands), or a one-line UserError."""
    if not typed:
        raise UserError("Ingest which file?", hint="Try: ingest @~/article.txt")
    shown = typed if len(typed) <= 80 else typed[:79] + "…"
    path = Path(typed).expanduser()
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise UserError(f"{shown} isn't a file I can read an article from.")
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise UserError(f"There's no file at {shown}.") from None
    except OSError as error:
        raise UserError(f"I can't read {shown}: {error.strerror or 'it is unreadable'}.") from None
    if len(data) > MAX_FILE_BYTES:
        raise UserError(
            f"{shown} is over {MAX_FILE_BYTES // 1024} KB; that's longer than an article."
        )
    try:
        text: str | None = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        raise UserError(f"{shown} isn't a text file (I read UTF-8 text).")
    if not text.strip():
        raise UserError(f"{shown} is empty.")
    return text
