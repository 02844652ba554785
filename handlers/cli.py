"""The `standpoint` command line: shell, seed, database migrations."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from handlers.cli_export import register as register_export
from handlers.cli_ingest import register as register_ingest

# `standpoint --help` must stay quick: SQLAlchemy, Slack, pydantic and the rest load only
# inside the commands that use them (tests/handlers/test_cli_startup.py keeps it so).
if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Engine

    from bot.settings import Settings

app = typer.Typer(
    help="Standpoint: where newsmakers stand. With no command, starts the terminal shell.",
    no_args_is_help=False,
    add_completion=False,
)
db_app = typer.Typer(help="Database schema migrations.", add_completion=False)
app.add_typer(db_app, name="db")
digest_app = typer.Typer(help="Scheduled digests.", add_completion=False)
app.add_typer(digest_app, name="digest")

err = Console(stderr=True)


DEFAULT_HOST = "0.0.0.0"  # noqa: S104  (a server in a container listens on every interface)


def _settings() -> "Settings":
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        err.print(f"[red]Configuration error:[/red] {problems}")
        raise typer.Exit(2) from error


def _open_database(settings: "Settings") -> "Engine":
    from store import SchemaNotCurrent, ensure_schema, make_engine

    engine = make_engine(settings.database_url)
    try:
        ensure_schema(engine, auto_migrate=settings.auto_migrate)
    except SchemaNotCurrent as error:
        err.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from error
    return engine


@app.callback(invoke_without_command=True)
def _default(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is not None:
        return
    if _settings().has_slack_credentials:
        serve(socket=None, host=DEFAULT_HOST, port=None, no_scheduler=False)
    else:
        shell(user=None, seed=True)


@app.command()
def serve(
    socket: Annotated[
        bool | None,
        typer.Option(
            "--socket/--http",
            help="Socket Mode or HTTP (default: Socket Mode when SLACK_APP_TOKEN is set).",
        ),
    ] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (HTTP).")] = DEFAULT_HOST,
    port: Annotated[int | None, typer.Option(help="Port (HTTP); default PORT or 3000.")] = None,
    no_scheduler: Annotated[
        bool, typer.Option("--no-scheduler", help="Don't run the digest scheduler in this process.")
    ] = False,
) -> None:
    """Run the Slack bot: HTTP on /slack/events (plus /healthz), or Socket Mode."""
    from handlers.logs import configure_logging
    from handlers.slack.runtime import SlackStartError, missing_credentials, start_slack
    from handlers.startup import settle_heap, warm_up

    settings = _settings()
    configure_logging(
        level=settings.log_level, secrets=settings.secrets, json=settings.log_format == "json"
    )
    use_socket = settings.slack_app_token is not None if socket is None else socket
    problem = missing_credentials(settings, socket_mode=use_socket)
    if problem:
        err.print(f"[red]{problem}[/red] To try the bot without Slack: standpoint shell")
        raise typer.Exit(2)
    engine = _open_database(settings)
    try:
        running = start_slack(
            settings=settings, engine=engine, socket_mode=use_socket, run_scheduler=not no_scheduler
        )
    except SlackStartError as error:
        err.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from error
    warm_up(dispatcher=running.deps.dispatcher, engine=engine)
    settle_heap()
    running.serve_forever(host=host, port=port or settings.port)


@app.command()
def shell(
    user: Annotated[
        str | None, typer.Option("--as", help="Who you are (recorded on what you add).")
    ] = None,
    seed: Annotated[bool, typer.Option(help="Load the reference seed on first start.")] = True,
) -> None:
    """Ask Standpoint from the terminal; reads piped input too."""
    from sqlalchemy import func
    from sqlmodel import select

    from handlers.alert_desk import AlertDesk
    from handlers.assemble import assemble
    from handlers.logs import configure_logging
    from handlers.shell import default_user, piped_reader, run_shell
    from handlers.shell_poster import ShellPoster
    from handlers.startup import settle_heap, warm_up
    from handlers.terminal_input import interactive_reader
    from seeds import load_reference_seed
    from store import Position, unit_of_work

    settings = _settings()
    configure_logging(level="WARNING", secrets=settings.secrets)
    engine = _open_database(settings)
    console = Console(soft_wrap=True)
    if seed:
        with unit_of_work(engine) as session:
            if session.exec(select(func.count()).select_from(Position)).one() == 0:
                report = load_reference_seed(session)
                console.print(
                    "[dim]First start: loaded the reference seed "
                    f"({report.positions} positions, {report.actors} actors, "
                    f"{report.topics} topics).[/dim]"
                )
    who = user or default_user()
    approvers = settings.approver_ids or frozenset({who})  # alone at a terminal: you approve
    poster = ShellPoster(console=console, command=settings.command)
    dispatcher = assemble(
        engine=engine, settings=settings, poster=poster, is_approver=approvers.__contains__
    ).dispatcher
    # The shell's own follows (workspace "local"): printed after each answer, never batched.
    alerts = AlertDesk(
        engine=engine,
        settings=settings,
        poster=poster,
        instance=f"shell:{who}",
        local_user=who,
        settle_seconds=0,
    )
    warm_up(dispatcher=dispatcher, engine=engine)
    settle_heap()
    if not sys.stdin.isatty():
        try:
            code = run_shell(
                dispatcher=dispatcher,
                user=who,
                console=console,
                read=piped_reader(console),
                alerts=alerts,
            )
        except KeyboardInterrupt:  # Ctrl-C with piped input: stop, as a shell would
            err.print("Interrupted.")
            code = 130
        raise typer.Exit(code)
    console.print(
        f"[bold]Standpoint[/bold] shell as [cyan]{who}[/cyan]. Try "
        f"[cyan]{settings.command} putin on ceasefire[/cyan] or {settings.command} help; "
        "Ctrl-D or [cyan]exit[/cyan] to leave."
    )
    with interactive_reader(settings.shell_history) as read:
        code = run_shell(dispatcher=dispatcher, user=who, console=console, read=read, alerts=alerts)
    raise typer.Exit(code)


@app.command("seed")
def seed_command() -> None:
    """Load the reference seed data (idempotent: a second run changes nothing)."""
    from seeds import load_reference_seed
    from store import unit_of_work

    settings = _settings()
    engine = _open_database(settings)
    with unit_of_work(engine) as session:
        report = load_reference_seed(session)
    if report.changed:
        typer.echo(
            f"Seeded {report.positions} positions, {report.actors} actors, "
            f"{report.topics} topics, {report.aliases} aliases."
        )
    else:
        typer.echo("Seed data already present; nothing changed.")


@digest_app.command("tick")
def digest_tick(
    at: Annotated[
        str | None, typer.Option("--at", help="ISO time to run as (default: now).")
    ] = None,
) -> None:
    """Run every digest due at that moment (claims make a repeat or a race harmless)."""
    from handlers.assemble import assemble
    from handlers.desk import CardPoster
    from handlers.logs import configure_logging
    from handlers.shell_poster import ShellPoster
    from handlers.slack.client import make_web_client
    from handlers.slack.poster import SlackPoster, approver_check

    settings = _settings()
    configure_logging(level="WARNING", secrets=settings.secrets)
    now = _moment(at, settings)
    engine = _open_database(settings)
    if settings.has_slack_credentials:
        client = make_web_client(settings)
        poster: CardPoster = SlackPoster(client=client, settings=settings)
        is_approver = approver_check(client=client, ids=settings.approver_ids)
    else:
        poster = ShellPoster(console=Console(soft_wrap=True), command=settings.command)
        is_approver = settings.approver_ids.__contains__
    digests = assemble(
        engine=engine, settings=settings, poster=poster, is_approver=is_approver
    ).digests
    for line in digests.run_due(now=now) or ["nothing due"]:
        typer.echo(line)


def _moment(text: str | None, settings: "Settings") -> "datetime":
    from datetime import datetime

    from store import utcnow

    if text is None:
        return utcnow()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        err.print(f"[red]“{text}” isn't an ISO time[/red] (like 2026-11-25T07:00:00+00:00).")
        raise typer.Exit(2) from error
    return moment if moment.tzinfo else moment.replace(tzinfo=settings.zone)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    from store import current_revision, make_engine, upgrade

    settings = _settings()
    engine = make_engine(settings.database_url)
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

    settings = _settings()
    engine = make_engine(settings.database_url)
    typer.echo(f"database: {current_revision(engine) or 'un-migrated'}; code: {head_revision()}")


register_ingest(app, load_settings=_settings, open_database=_open_database)
register_export(app, load_settings=_settings, open_database=_open_database)


def main() -> None:
    """Console-script entry point."""
    app()
