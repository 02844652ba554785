"""Operations: `standpoint backup FILE` and `standpoint db upgrade|current`."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

if TYPE_CHECKING:  # loaded inside the commands, so `standpoint --help` stays quick
    from bot.settings import Settings

err = Console(stderr=True, soft_wrap=True)


def register(app: typer.Typer, *, load_settings: "Callable[[], Settings]") -> None:
    """Add `backup` and the `db` group to the command line."""
    db_app = typer.Typer(help="Database schema migrations.", add_completion=False)
    app.add_typer(db_app, name="db")

    @app.command("backup")
    def backup(
        file: Annotated[Path, typer.Argument(help="Where to write the copy (one SQLite file).")],
        force: Annotated[
            bool, typer.Option("--force", help="Replace FILE if it already exists.")
        ] = False,
    ) -> None:
        """Copy the SQLite database while it is in use (PostgreSQL: use pg_dump)."""
        from store import backup_sqlite, make_engine, sqlite_file

        settings = load_settings()
        engine = make_engine(settings.database_url)
        source = sqlite_file(engine)
        if engine.dialect.name != "sqlite":
            _fail("standpoint backup copies SQLite; on PostgreSQL use pg_dump --format=custom.")
        if source is None or not source.is_file():
            _fail(f"There is no database file to back up at {source or settings.database_url}.")
        if file.exists() and not force:
            _fail(f"{file} already exists; nothing was written. Add --force to replace it.")
        if file.resolve() == source.resolve():
            _fail(f"{file} is the database itself; choose another file.")
        try:
            backup_sqlite(engine, target=file)
        except OSError as error:
            _fail(f"I can't write {file}: {error.strerror or error}.")
        finally:
            engine.dispose()
        size = file.stat().st_size
        typer.echo(f"Backed up {source} to {file} ({size / 1e6:.1f} MB).")

    @db_app.command("upgrade")
    def db_upgrade() -> None:
        """Apply every pending migration."""
        from store import current_revision, make_engine, upgrade

        engine = make_engine(load_settings().database_url)
        before = current_revision(engine)
        upgrade(engine)
        after = current_revision(engine)
        if before == after:
            typer.echo(f"Database already at {after}.")
        else:
            typer.echo(f"Database upgraded from {before or 'empty'} to {after}.")

    @db_app.command("current")
    def db_current() -> None:
        """Show the database's revision and the code's."""
        from store import current_revision, head_revision, make_engine

        engine = make_engine(load_settings().database_url)
        typer.echo(
            f"database: {current_revision(engine) or 'un-migrated'}; code: {head_revision()}"
        )


def _fail(message: str) -> NoReturn:
    err.print(message, style="red", markup=False, highlight=False)
    raise typer.Exit(2)
