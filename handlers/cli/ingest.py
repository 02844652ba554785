"""`standpoint ingest FILE|URL [--json]`, `standpoint actors import FILE.csv` and
`standpoint topics import FILE.csv`.

`ingest` shows what an ingest would propose and records nothing; `actors import` loads a
newsroom's watch list, `topics import` its topics, each in one transaction.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from bot.errors import UserError
from bot.text import counted

if TYPE_CHECKING:  # the rest loads inside the commands, so `standpoint --help` stays quick
    from sqlalchemy import Engine

    from bot.catalog import ImportReport
    from bot.ingest import Preview, PreviewCandidate
    from bot.settings import Settings

MAX_CSV_BYTES = 2 * 1024 * 1024
CLI_USER = "cli"

err = Console(stderr=True, soft_wrap=True)


def register(
    app: typer.Typer,
    *,
    load_settings: "Callable[[], Settings]",
    open_database: "Callable[[Settings], Engine]",
) -> None:
    """Add `ingest` and the `actors` and `topics` groups to the command line."""
    actors_app = typer.Typer(help="Tracked actors: load a watch list.", add_completion=False)
    app.add_typer(actors_app, name="actors")
    topics_app = typer.Typer(help="Tracked topics: load a list of topics.", add_completion=False)
    app.add_typer(topics_app, name="topics")

    @app.command("ingest")
    def ingest(
        source: Annotated[str, typer.Argument(help="A text file, or an article's http(s) URL.")],
        as_json: Annotated[
            bool, typer.Option("--json", help="Print JSON (see docs/ingest.md).")
        ] = False,
    ) -> None:
        """Show the candidate positions an article yields, without recording anything."""
        settings = load_settings()
        engine = open_database(settings)
        try:
            preview = _preview(source, settings=settings, engine=engine)
        except UserError as error:
            _fail(error)
        if as_json:
            typer.echo(json.dumps(preview.as_json(), ensure_ascii=False, indent=2))
        else:
            typer.echo(_human(preview, command=settings.command))

    @actors_app.command("import")
    def actors_import(
        path: Annotated[Path, typer.Argument(help="CSV: name,kind,description,aliases.")],
    ) -> None:
        """Load a watch list; a second run changes nothing. One bad row: nothing is written."""
        from bot.catalog import import_watch_list, read_watch_list
        from store import unit_of_work

        settings = load_settings()
        try:
            rows = read_watch_list(read_csv_file(path))
        except UserError as error:
            _fail(error, where=path.name)
        engine = open_database(settings)
        with unit_of_work(engine) as session:
            report = import_watch_list(session, rows=rows, user=CLI_USER)
        typer.echo(_imported(report, noun="actors", file=path.name))

    @topics_app.command("import")
    def topics_import(
        path: Annotated[Path, typer.Argument(help="CSV: name,description,aliases.")],
    ) -> None:
        """Load a list of topics; a second run changes nothing. One bad row: nothing is written."""
        from bot.catalog import import_topic_list, read_topic_list
        from store import unit_of_work

        settings = load_settings()
        try:
            rows = read_topic_list(read_csv_file(path))
            engine = open_database(settings)
            with unit_of_work(engine) as session:
                report = import_topic_list(session, rows=rows, user=CLI_USER)
        except UserError as error:
            _fail(error, where=path.name)
        typer.echo(_imported(report, noun="topics", file=path.name))


def _imported(report: "ImportReport", *, noun: str, file: str) -> str:
    """What a list's import did, in one line."""
    if not report.changed:
        return f"All {report.unchanged} {noun} already tracked; nothing changed."
    return (
        f"Imported {file}: {report.added} added, {report.updated} updated "
        f"({report.aliases} aliases added), {report.unchanged} unchanged."
    )


def _preview(source: str, *, settings: "Settings", engine: "Engine") -> "Preview":
    from sqlmodel import Session

    from bot.ingest import fetch_article, preview_ingest
    from handlers.desks import make_llm, model_for, workspace_settings
    from handlers.shell import read_article_file
    from store import utcnow

    now = utcnow()
    if source.casefold().startswith(("http://", "https://")):
        article = fetch_article(source, allow_private=settings.fetch_allow_private)
        text, url, title, outlet = article.text, article.url, article.title, article.outlet
        published_at = article.published_at
    else:
        text, url, title, outlet, published_at = read_article_file(source), None, "", None, None
    current = workspace_settings(engine=engine, settings=settings)()
    with (
        model_for(
            make_llm(settings),
            engine=engine,
            settings=current,
            user=None,  # the operator: within the workspace's budget, no person's rate
            purpose="ingest",
            fallback="offline extractor",
            hint="",
        ) as llm,
        Session(engine) as session,
    ):
        return preview_ingest(
            session,
            text=text,
            url=url,
            title=title,
            outlet=outlet,
            published_at=published_at,
            llm=llm,
            zone=current.zone,
            now=now,
        )


def _human(preview: "Preview", *, command: str) -> str:
    facts = [preview.outlet or "no outlet recorded"]
    if preview.title:
        facts.append(f"“{preview.title}”")
    if preview.url:
        facts.append(preview.url)
    if preview.published_at:
        facts.append(f"published {preview.published_at:%-d %b %Y}")
    lines = ["Source: " + " · ".join(facts)]
    if preview.published_at is None:
        lines.append(
            f"No date found in the article: confirm with `{command} confirm <id> stated <date>`."
        )
    lines.append(f"Extracted by the {preview.extractor}. Nothing was recorded.")
    lines.append("")
    for number, candidate in enumerate(preview.candidates, start=1):
        lines.extend(_candidate_lines(number, candidate))
    if not preview.candidates:
        lines.append("No candidate positions found.")
    if preview.uncredited:
        lines.append(f"{counted(len(preview.uncredited), 'quote')} without a speaker I could name:")
        lines += [f"   “{q}” [{start}–{start + len(q)}]" for q, start in preview.uncredited]
    dropped = []
    if preview.unverifiable:
        dropped.append(f"{counted(preview.unverifiable, 'quote')} not verbatim in the article")
    if preview.already:
        dropped.append(f"{preview.already} already recorded")
    if preview.unknown:
        dropped.append("unknown names: " + ", ".join(sorted(set(preview.unknown))[:10]))
    if dropped:
        lines.append("Left out: " + "; ".join(dropped) + ".")
    return "\n".join(lines)


def _candidate_lines(number: int, candidate: "PreviewCandidate") -> list[str]:
    if candidate.actor_id is not None:
        who = f"{candidate.actor_name} (actor #{candidate.actor_id})"
    else:
        role = f": {candidate.new_actor_role}" if candidate.new_actor_role else ""
        surname = ", surname only" if len(candidate.actor_name.split()) == 1 else ""
        who = f"{candidate.actor_name} (new actor{surname}{role})"
    if candidate.speaker != candidate.actor_name:
        who += f", speaking: {candidate.speaker}"
    topic = candidate.topic or "no topic"
    stance = candidate.stance or "no guess"
    stated = f" · stated {candidate.stated_at:%-d %b %Y}" if candidate.stated_at else ""
    return [
        f"{number}. {who} on {topic} — {stance}{stated}",
        f"   “{candidate.quote}” [{candidate.start}–{candidate.end}]",
        *(f"   ⚠ {problem} — edit it to choose the speaker" for problem in candidate.problems),
    ]


def read_csv_file(path: Path, *, max_bytes: int = MAX_CSV_BYTES) -> str:
    """A CSV file's text (UTF-8, a byte-order mark dropped), or a UserError saying why not."""
    shown = path.name[:80]
    try:
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except FileNotFoundError:
        raise UserError(f"There's no file at {shown}.") from None
    except OSError as error:
        raise UserError(f"I can't read {shown}: {error.strerror or 'it is unreadable'}.") from None
    if len(data) > max_bytes:
        raise UserError(f"{shown} is over {max_bytes // 1024 // 1024} MB.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{shown} isn't UTF-8 text.") from None


def _fail(error: UserError, *, where: str = "") -> NoReturn:
    prefix = f"{where}: " if where else ""
    err.print(f"[red]{prefix}{error.message}[/red]", highlight=False)
    if error.hint:
        err.print(error.hint, markup=False, highlight=False)
    raise typer.Exit(2)
