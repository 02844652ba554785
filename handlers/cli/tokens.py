"""`standpoint tokens new-key|rekey`: the key that encrypts stored Slack tokens, and rotating it."""

from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console

if TYPE_CHECKING:  # loaded inside the commands, so `standpoint --help` stays quick
    from sqlalchemy import Engine

    from bot.settings import Settings

err = Console(stderr=True, soft_wrap=True)


def register(
    app: typer.Typer,
    *,
    load_settings: "Callable[[], Settings]",
    open_database: "Callable[[Settings], Engine]",
) -> None:
    """Add the `tokens` group to the command line."""
    tokens_app = typer.Typer(
        help="The key that encrypts stored Slack tokens (multi-workspace mode).",
        add_completion=False,
    )
    app.add_typer(tokens_app, name="tokens")

    @tokens_app.command("new-key")
    def new_key() -> None:
        """Print a fresh key for STANDPOINT_TOKEN_KEY."""
        from handlers.slack import new_token_key

        typer.echo(new_token_key())

    @tokens_app.command("rekey")
    def rekey() -> None:
        """Re-encrypt every stored token with the first key of STANDPOINT_TOKEN_KEY."""
        from handlers.slack import RekeyFailed, TokenCipher, TokenKeyError, rekey_tokens

        settings = load_settings()
        try:
            cipher = TokenCipher.from_settings(settings)
        except TokenKeyError as error:
            _fail(str(error))
        engine = open_database(settings)
        try:
            report = rekey_tokens(engine, cipher=cipher)
        except RekeyFailed as error:
            _fail(str(error))
        finally:
            engine.dispose()
        if report.tokens == 0:
            typer.echo("No stored Slack tokens to re-encrypt.")
            return
        typer.echo(
            f"Re-encrypted {report.tokens} tokens ({report.installations} installations, "
            f"{report.bots} bots) with the first key of STANDPOINT_TOKEN_KEY. Every "
            "replica already has that key first, so the old key(s) can be removed now."
        )


def _fail(message: str) -> NoReturn:
    err.print(message, style="red", markup=False, highlight=False)
    raise typer.Exit(2)
