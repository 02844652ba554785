"""The `standpoint` command line: shell, seed, database migrations."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from handlers.cli.export import register as register_export
from handlers.cli.help import PlainGroup
from handlers.cli.ingest import register as register_ingest
from handlers.cli.ops import register as register_ops
from handlers.cli.tenants import register as register_tenants
from handlers.cli.tokens import register as register_tokens

# `standpoint --help` must stay quick: SQLAlchemy, Slack, pydantic and the rest load only
# inside the commands that use them (tests/handlers/cli/test_cli_startup.py keeps it so).
if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Engine

    from bot.settings import Settings

app = typer.Typer(
    help="Standpoint: where newsmakers stand. With no command, starts the terminal shell.",
    no_args_is_help=False,
    add_completion=False,
    cls=PlainGroup,
)
digest_app = typer.Typer(help="Scheduled digests.", add_completion=False)
app.add_typer(digest_app, name="digest")

err = Console(stderr=True)


DEFAULT_HOST = "0.0.0.0"  # noqa: S104  (a server in a container listens on every interface)


def _settings(*, serving: bool = False) -> "Settings":
    from bot.settings import ConfigurationError, load_settings

    try:
        return load_settings(serving=serving)
    except ConfigurationError as error:
        problem = escape(str(error))
        err.print(f"[red]Configuration error:[/red] {problem}.", highlight=False, soft_wrap=True)
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


UserOption = Annotated[
    str | None, typer.Option("--as", help="Who you are (recorded on what you add).")
]
SeedOption = Annotated[bool, typer.Option(help="Load the reference seed on first start.")]


@app.callback(invoke_without_command=True)
def _default(
    ctx: typer.Context,
    user: UserOption = None,
    seed: Annotated[
        bool | None,
        typer.Option("--seed/--no-seed", help="Load the reference seed on first start."),
    ] = None,
) -> None:
    # Bare `standpoint` is the shell (or Slack, with credentials), so it takes the shell's
    # options; giving one asks for the shell even where Slack credentials are set.
    shell_options = user is not None or seed is not None
    if ctx.invoked_subcommand is not None:
        if shell_options:
            err.print(
                "[red]--as and --seed go with the shell:[/red] standpoint --as NAME, "
                "or standpoint shell --as NAME.",
                highlight=False,
            )
            raise typer.Exit(2)
        return
    if not shell_options and _settings().has_slack_credentials:
        serve(socket=None, host=DEFAULT_HOST, port=None, no_scheduler=False)
    else:
        shell(user=user, seed=seed is not False)


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
    from handlers.serving import configure_logging, settle_heap, warm_up
    from handlers.slack import SlackStartError, missing_credentials, start_slack
    from store import checkpoint

    settings = _settings(serving=True)
    configure_logging(
        level=settings.log_level, secrets=settings.secrets, json=settings.log_format == "json"
    )
    use_socket = settings.slack_app_token is not None if socket is None else socket
    problem = missing_credentials(settings, socket_mode=use_socket)
    if problem:
        shell = " To try the bot without Slack: standpoint shell"  # one line, however wide
        err.print(f"[red]{escape(problem)}[/red]{shell}", soft_wrap=True, highlight=False)
        raise typer.Exit(2)
    engine = _open_database(settings)
    try:
        running = start_slack(
            settings=settings, engine=engine, socket_mode=use_socket, run_scheduler=not no_scheduler
        )
    except SlackStartError as error:
        err.print(str(error), style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from error
    warm_up(dispatcher=running.deps.dispatcher, engine=engine)
    settle_heap()
    try:
        running.serve_forever(host=host, port=port or settings.port)
    except SlackStartError as error:  # Socket Mode could not open its connection
        err.print(str(error), style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from error
    finally:
        checkpoint(engine)  # the database file alone holds everything once stopped


@app.command()
def shell(user: UserOption = None, seed: SeedOption = True) -> None:
    """Ask Standpoint from the terminal; reads piped input too."""
    from sqlalchemy import func
    from sqlmodel import select

    from handlers.desks import AlertDesk, assemble, terminal_rights
    from handlers.serving import configure_logging, settle_heap, warm_up
    from handlers.shell import (
        ShellPoster,
        default_user,
        interactive_reader,
        piped_reader,
        run_shell,
    )
    from seeds import load_reference_seed
    from store import Position, checkpoint, unit_of_work

    settings = _settings()
    configure_logging(level="WARNING", secrets=settings.secrets, file=settings.log_file)
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
    rights = terminal_rights(engine=engine, settings=settings, who=who)  # you, when alone
    poster = ShellPoster(console=console, command=settings.command)
    dispatcher = assemble(engine=engine, settings=settings, poster=poster, **rights).dispatcher
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
    else:
        console.print(
            f"[bold]Standpoint[/bold] shell as [cyan]{who}[/cyan]. Try "
            f"[cyan]{settings.command} putin on ceasefire[/cyan] or {settings.command} help; "
            "Ctrl-D or [cyan]exit[/cyan] to leave."
        )
        with interactive_reader(settings.shell_history) as read:
            code = run_shell(
                dispatcher=dispatcher, user=who, console=console, read=read, alerts=alerts
            )
    checkpoint(engine)  # so that a copy of the database file alone holds what was added
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
    from handlers.desks import CardPoster, assemble, workspace_settings
    from handlers.serving import configure_logging
    from handlers.shell import ShellPoster
    from handlers.slack import SlackPoster, approver_check, make_web_client, workspace_clients

    settings = _settings()
    configure_logging(level="WARNING", secrets=settings.secrets)
    now = _moment(at, settings)
    engine = _open_database(settings)
    if settings.has_slack_credentials:
        clients = workspace_clients(settings, engine=engine, client=make_web_client(settings))
        current = workspace_settings(engine=engine, settings=settings)  # its approval channel
        poster: CardPoster = SlackPoster(clients=clients, settings=settings, current=current)
        is_approver = approver_check(clients=clients, ids=lambda: current().approver_ids)
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


register_ingest(app, load_settings=_settings, open_database=_open_database)
register_export(app, load_settings=_settings, open_database=_open_database)
register_ops(app, load_settings=_settings)
register_tenants(app, load_settings=_settings, open_database=_open_database)
register_tokens(app, load_settings=_settings, open_database=_open_database)


def main() -> None:
    """Console-script entry point."""
    app()
