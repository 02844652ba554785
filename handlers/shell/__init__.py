"""The terminal shell: `/stance …` lines in, Slack's answers rendered for a terminal."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from handlers.shell.ingest import read_article_file
    from handlers.shell.line_input import interactive_reader
    from handlers.shell.loop import default_user, piped_reader, run_shell
    from handlers.shell.poster import ShellPoster
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "ShellPoster",
    "default_user",
    "interactive_reader",
    "piped_reader",
    "read_article_file",
    "run_shell",
]
