"""`standpoint tenant list|export|purge|org-store`: the newsrooms a deployment holds, taking one's
data out, deleting it, and an Enterprise Grid organization's store choice.

Each writes a tenant event (installed … purged) that a purge leaves in place. `<team>` is a
team id (T…), an enterprise id (E…) or a full tenant id (E…:T…, `local`).
"""

import os
import re
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from bot.errors import UserError
from bot.text import counted

if TYPE_CHECKING:  # loaded inside the commands, so `standpoint --help` stays quick
    from sqlalchemy import Engine

    from bot.settings import Settings
    from bot.tenants import TenantInfo

err = Console(stderr=True, soft_wrap=True)
_NOT_FILE_SAFE = re.compile(r"[^A-Za-z0-9_-]+")

TeamArgument = Annotated[
    str, typer.Argument(help="A team id (T…), an enterprise id (E…) or a tenant id.")
]
ByOption = Annotated[
    str | None, typer.Option("--by", help="Who does it, for the record (default: your user).")
]


class OrgChoice(StrEnum):
    SHARED = "shared"
    SEPARATE = "separate"


def register(
    app: typer.Typer,
    *,
    load_settings: "Callable[[], Settings]",
    open_database: "Callable[[Settings], Engine]",
) -> None:
    """Add the `tenant` group to the command line."""
    tenant_app = typer.Typer(
        help="Newsrooms: list, export, purge; an Enterprise Grid organization's store.",
        add_completion=False,
    )
    app.add_typer(tenant_app, name="tenant")

    @tenant_app.command("list")
    def list_command() -> None:
        """Every newsroom: installed, left, when its data is purged, and rows held."""
        from bot.tenants import list_tenants, org_choices

        engine = open_database(load_settings())
        tenants = list_tenants(engine)
        if not tenants:
            typer.echo("No newsrooms yet.")
        else:
            header = ("TENANT", "NAME", "ROWS", "INSTALLED", "LEFT", "PURGE AFTER")
            _table([header, *(_row(info) for info in tenants)])
        for org in org_choices(engine):
            how = "share one store" if org.shared else "keep their own stores"
            typer.echo(
                f"Enterprise Grid {org.enterprise_id}: workspaces {how} "
                f"(chosen by {org.chosen_by or 'unknown'}, {_day(org.chosen_at)})."
            )

    @tenant_app.command("export")
    def export_command(
        team: TeamArgument,
        out: Annotated[
            Path | None,
            typer.Option(
                "--out", "-o", help="The ZIP file (default: standpoint-<tenant>-<day>.zip)."
            ),
        ] = None,
        force: Annotated[bool, typer.Option("--force", help="Replace --out if it exists.")] = False,
        by: ByOption = None,
    ) -> None:
        """Everything a newsroom holds as one ZIP (positions as CSV and JSON, every table)."""
        from bot.tenants import record_export, write_archive
        from store import utcnow

        settings = load_settings()
        engine = open_database(settings)
        info = _find(engine, team)
        now = utcnow()
        day = now.astimezone(settings.zone).date().isoformat()
        path = out or Path(f"standpoint-{_NOT_FILE_SAFE.sub('-', info.id)}-{day}.zip")
        if path.exists() and not force:
            _fail(f"{path} already exists; nothing was written. Add --force to replace it.")
        try:  # written beside it and renamed: an interrupted export leaves no half file
            handle, scratch = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
            with os.fdopen(handle, "wb") as file:
                summary = write_archive(
                    engine,
                    tenant=info.id,
                    out=file,
                    zone=settings.zone,
                    now=now,
                    date_order=settings.date_order,
                )
            os.replace(scratch, path)
        except OSError as error:
            _fail(f"I can't write {path}: {error.strerror or error}.")
        record_export(engine, summary=summary, file_name=str(path), by=_who(by))
        tables = sum(1 for rows in summary.tables.values() if rows)
        typer.echo(
            f"Exported {_named(info)}: {counted(summary.rows, 'row')} from "
            f"{counted(tables, 'table')} to {path} (ZIP: positions.csv and positions.json as "
            "`standpoint export positions` writes them; every table as JSON Lines under "
            "tables/; tenant.json: the registry row and tenant events)."
        )

    @tenant_app.command("purge")
    def purge_command(
        team: TeamArgument,
        yes: Annotated[
            bool, typer.Option("--yes", "-y", help="Don't ask for confirmation.")
        ] = False,
        by: ByOption = None,
    ) -> None:
        """Delete every row a newsroom holds (and its Slack installation). Cannot be undone."""
        from store import count_tenant_rows, purge_tenant

        engine = open_database(load_settings())
        info = _find(engine, team)
        if not yes:
            if not sys.stdin.isatty():
                _fail(
                    f"Not purging {info.id}: confirmation needs a terminal. "
                    "Add --yes to purge without asking."
                )
            with engine.connect() as conn:
                held = sum(count_tenant_rows(conn, tenant=info.id).values())
            typer.echo(
                f"This deletes every row {_named(info)} holds ({counted(held, 'row')}: "
                "positions, audit trail, drafts, digests, follows, settings) and its Slack "
                f"installation. It cannot be undone; export first: standpoint tenant export "
                f"{info.id}"
            )
            if info.registered and info.left_at is None:
                typer.echo("It is still installed: its workspace will find an empty store.")
            if not typer.confirm(f"Purge {info.id}?", default=False):
                typer.echo("Nothing was deleted.")
                raise typer.Exit(1)
        report = purge_tenant(engine, tenant=info.id, by=_who(by))
        assert report is not None  # only a due-date purge can find nothing to do
        slack = f" and {counted(report.slack_rows, 'Slack installation row')}"
        typer.echo(
            f"Purged {_named(info)}: {counted(sum(report.rows.values()), 'row')} deleted from "
            f"{counted(len(report.rows), 'table')}{slack if report.slack_rows else ''}. "
            "Its tenant events are kept."
        )

    @tenant_app.command("org-store")
    def org_store_command(
        enterprise_id: Annotated[str, typer.Argument(help="The organization's id (E…).")],
        choice: Annotated[OrgChoice, typer.Argument(help="shared or separate.")],
        force: Annotated[
            bool, typer.Option("--force", help="Change it even though its stores hold data.")
        ] = False,
        by: ByOption = None,
    ) -> None:
        """Whether an Enterprise Grid organization's workspaces share one store."""
        from bot.tenants import choose_org_store

        engine = open_database(load_settings())
        shared = choice is OrgChoice.SHARED
        try:
            change = choose_org_store(
                engine, enterprise_id=enterprise_id, shared=shared, by=_who(by), force=force
            )
        except UserError as error:
            _fail(error.message, hint=error.hint)
        org = change.enterprise_id
        how = f"share one store ({org})" if shared else f"keep their own stores ({org}:T…)"
        if not change.changed:
            typer.echo(f"{org}'s workspaces already {how}; nothing changed.")
            return
        typer.echo(f"{org}'s workspaces now {how}; every replica follows within 30 seconds.")
        if change.holding:
            stores = ", ".join(f"{t} ({counted(n, 'row')})" for t, n in change.holding.items())
            typer.echo(
                f"Existing data was not moved: {stores}. A store the choice no longer names "
                "is kept as it is, unserved; switch back to serve it again, or export and "
                "purge it (standpoint tenant export|purge TENANT)."
            )


def _find(engine: "Engine", team: str) -> "TenantInfo":
    from bot.tenants import find_tenant

    try:
        return find_tenant(engine, text=team)
    except UserError as error:  # one line: what is wrong, and where to look
        _fail(f"{error.message} {error.hint}".strip())


def _who(by: str | None) -> str:
    from handlers.shell import default_user

    return (by or "").strip()[:100] or default_user()


def _named(info: "TenantInfo") -> str:
    return f"{info.id} ({info.name})" if info.name else info.id


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else "—"


def _row(info: "TenantInfo") -> tuple[str, ...]:
    if info.purged_at is not None and info.purge_after is None:
        purge = f"purged {_day(info.purged_at)}"
    else:
        purge = _day(info.purge_after)
    installed = _day(info.installed_at) if info.registered else "not registered"
    return (info.id, info.name or "—", f"{info.rows or 0:,}", installed, _day(info.left_at), purge)


def _table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def _fail(message: str, *, hint: str = "") -> NoReturn:
    err.print(message, style="red", markup=False, highlight=False)
    if hint:
        err.print(hint, markup=False, highlight=False)
    raise typer.Exit(2)
