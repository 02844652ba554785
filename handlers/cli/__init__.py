"""The `standpoint` command line (Typer): shell, serve, seed, ingest, export, import, ops."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from handlers.cli.app import main
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "main",
]
