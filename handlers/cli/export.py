"""`standpoint export board|history|positions` and `standpoint import positions FILE.csv`.

Exports write CSV (the default) or JSON to standard output or `--output FILE`; the columns
are documented in docs/export-and-import.md. An import checks every row first and records
all or nothing.
"""

import re
import sys
import uuid
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from bot.errors import UnknownName, UserError
from bot.text import counted

if TYPE_CHECKING:  # the rest loads inside the commands, so `standpoint --help` stays quick
    from sqlalchemy import Engine

    from bot.exports import ImportPlan
    from bot.grammar import Export
    from bot.settings import Settings

MAX_IMPORT_BYTES = 20 * 1024 * 1024
_ON = re.compile(r"\s+on\s+", re.IGNORECASE)

err = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    CSV = "csv"
    JSON = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="csv or json.")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the --output file if it already exists.")
]


def register(
    app: typer.Typer,
    *,
    load_settings: "Callable[[], Settings]",
    open_database: "Callable[[Settings], Engine]",
) -> None:
    """Add the `export` and `import` groups to the command line."""
    export_app = typer.Typer(
        help="Export a board, a history or positions as CSV or JSON.", add_completion=False
    )
    import_app = typer.Typer(help="Import positions from an export's CSV.", add_completion=False)
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")

    def export(request: "Export", output: Path | None, *, force: bool) -> None:
        from bot.exports import build_export
        from handlers.desks import workspace_settings
        from store import unit_of_work, utcnow

        if output is not None and output.exists() and not force:  # as the shell's export
            _fail(_exists(output))
        settings = load_settings()
        engine = open_database(settings)
        settings = workspace_settings(engine=engine, settings=settings)()  # its time zone
        try:
            with unit_of_work(engine) as session:
                file = build_export(
                    session,
                    request=request,
                    zone=settings.zone,
                    now=utcnow(),
                    date_order=settings.date_order,
                )
        except UserError as error:
            _fail(error)
        if output is None:
            sys.stdout.buffer.write(file.data)
            sys.stdout.buffer.flush()
        else:
            try:
                with output.open("wb" if force else "xb") as handle:  # x: never overwrite
                    handle.write(file.data)
            except FileExistsError:  # created since the check above
                _fail(_exists(output))
            except OSError as error:
                err.print(f"[red]I can't write {output}: {error.strerror}.[/red]", highlight=False)
                raise typer.Exit(2) from error
        where = f" to {output}" if output else ""
        err.print(
            f"{file.title}: {counted(file.rows, 'position')}{where}.", markup=False, highlight=False
        )

    @export_app.command("board")
    def board(
        topic: Annotated[list[str], typer.Argument(help="The topic, e.g. ceasefire.")],
        format: FormatOption = Format.CSV,
        output: OutputOption = None,
        force: ForceOption = False,
    ) -> None:
        """Every actor's latest stance on a topic."""
        from bot.grammar import Export

        export(
            Export(what="board", topic=" ".join(topic), format=format.value), output, force=force
        )

    @export_app.command("history")
    def history(
        words: Annotated[
            list[str], typer.Argument(help="<actor> on <topic>, e.g. putin on truce.")
        ],
        format: FormatOption = Format.CSV,
        output: OutputOption = None,
        force: ForceOption = False,
    ) -> None:
        """An actor's positions on a topic, oldest first."""
        from bot.grammar import Export

        actor, topic = _actor_on_topic(words)
        request = Export(what="history", actor=actor, topic=topic, format=format.value)
        export(request, output, force=force)

    @export_app.command("positions")
    def positions(
        since: Annotated[
            str | None, typer.Option(help="Only statements made on or after this day.")
        ] = None,
        format: FormatOption = Format.CSV,
        output: OutputOption = None,
        force: ForceOption = False,
    ) -> None:
        """Every confirmed and retracted position, oldest first."""
        from bot.grammar import Export

        export(Export(what="positions", since=since, format=format.value), output, force=force)

    @import_app.command("positions")
    def import_positions(
        path: Annotated[Path, typer.Argument(help="A CSV with the export's columns.")],
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Check and report; record nothing.")
        ] = False,
        by: Annotated[
            str | None, typer.Option("--by", help="Who records them (default: your user name).")
        ] = None,
    ) -> None:
        """Record positions from a CSV: every row checked first; one bad row, nothing written."""
        from bot.exports import plan_import, record_import
        from handlers.cli.ingest import read_csv_file
        from handlers.desks import workspace_settings
        from handlers.shell import default_user
        from store import unit_of_work, utcnow

        settings = load_settings()
        try:
            text = read_csv_file(path, max_bytes=MAX_IMPORT_BYTES)
        except UserError as error:
            _fail(error, where=path.name)
        engine = open_database(settings)
        settings = workspace_settings(engine=engine, settings=settings)()  # its time zone
        user = (by or default_user()).strip()[:100] or default_user()
        try:
            with unit_of_work(engine) as session:
                plan = plan_import(
                    session,
                    text=text,
                    zone=settings.zone,
                    now=utcnow(),
                    date_order=settings.date_order,
                )
                if dry_run:
                    _report_dry_run(plan, name=path.name)
                    return
                recorded = record_import(
                    session,
                    plan=plan,
                    user=user,
                    file_name=path.name,
                    request_id=f"import-{uuid.uuid4().hex[:12]}",
                )
        except UserError as error:
            _fail(error, where=path.name)
        ids = sorted(p.id for p in recorded if p.id is not None)
        span = f" (#{ids[0]}–#{ids[-1]})" if len(ids) > 1 else f" (#{ids[0]})" if ids else ""
        typer.echo(
            f"Imported {path.name}: {counted(len(ids), 'position')} recorded{span} by {user}; "
            f"{counted(len(plan.skipped), 'row')} skipped."
        )
        for line in plan.skipped:
            typer.echo(f"  {line}")


def _actor_on_topic(words: list[str]) -> tuple[str, str]:
    parts = _ON.split(" ".join(words).strip(), maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        return parts[0].strip(), parts[1].strip()
    if len(words) == 2:
        return words[0], words[1]
    _fail(UserError("Which actor on which topic?", hint="Try: export history putin on ceasefire"))


def _report_dry_run(plan: "ImportPlan", *, name: str) -> None:
    typer.echo(
        f"Dry run of {name}: {counted(len(plan.rows), 'position')} would be recorded; "
        f"{counted(len(plan.skipped), 'row')} skipped. Nothing was written."
    )
    for row in plan.rows:
        typer.echo(
            f"  row {row.row}: {row.actor.name} on {row.topic.name} — {row.stance.value}, "
            f"stated {row.stated_at:%Y-%m-%d}"
        )
    for line in plan.skipped:
        typer.echo(f"  {line}")


def _exists(output: Path) -> UserError:
    return UserError(
        f"{output} already exists; nothing was written.",
        hint="Add --force to replace it, or choose another --output file.",
    )


def _fail(error: UserError, *, where: str = "") -> NoReturn:
    prefix = f"{where}: " if where else ""
    err.print(f"{prefix}{error.message}", style="red", markup=False, highlight=False)
    if isinstance(error, UnknownName) and error.choices:
        err.print(f"Did you mean {' or '.join(error.choices)}?", markup=False, highlight=False)
    if error.hint:
        err.print(error.hint, markup=False, highlight=False)
    raise typer.Exit(2)
