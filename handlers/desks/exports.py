"""Exports of boards, histories and positions as CSV or JSON.

`run` is the shell's way (the file is written into the current directory); Slack sends the
same file privately instead (handlers/slack/exports.py), built by `build`.
"""

from datetime import datetime
from pathlib import Path
from typing import Protocol

from bot.exports import ExportFile, build_export
from bot.grammar import Export
from bot.text import counted
from handlers.blocks import Message, context, escape, section
from handlers.desks.upkeep import UpkeepDesk
from store import unit_of_work

MAX_SAME_NAME = 100  # standpoint-…-2.csv, -3.csv …: an export never overwrites a file


class ExportDesk(UpkeepDesk):
    """Exports from one database."""

    def build(self, command: Export, *, now: datetime) -> ExportFile:
        """The file `command` asks for (UserError for unknown names or bad dates)."""
        with unit_of_work(self.engine) as session:
            return build_export(
                session,
                request=command,
                zone=self.settings.zone,
                now=now,
                date_order=self.settings.date_order,
            )

    def run(
        self,
        command: Export,
        *,
        user: str,
        now: datetime,
        request_id: str | None = None,
    ) -> Message:
        """Write the export into the current directory and say where."""
        file = self.build(command, now=now)
        if not file.rows:
            return nothing_to_export(file)
        path = write_new(Path.cwd(), file)
        text = f"📄 {file.title}: {counted(file.rows, 'position')} written to {path}"
        return Message(
            text=text,
            blocks=[section(escape(text)), context("Columns: see docs/export-and-import.md.")],
        )


def nothing_to_export(file: ExportFile) -> Message:
    """The answer when an export would hold no positions (no empty file is made)."""
    text = f"Nothing to export: {file.title} holds no positions."
    return Message(text=text, blocks=[section(escape(text))])


class NamedData(Protocol):
    """A file to write: an export, or a chart (handlers/desks/charts.py)."""

    @property
    def name(self) -> str: ...
    @property
    def data(self) -> bytes: ...


def write_new(folder: Path, file: NamedData) -> Path:
    """Write `file` under a name not yet taken in `folder`; returns its path."""
    stem, dot, suffix = file.name.rpartition(".")
    for number in range(1, MAX_SAME_NAME + 1):
        name = file.name if number == 1 else f"{stem}-{number}{dot}{suffix}"
        try:
            with (folder / name).open("xb") as out:
                out.write(file.data)
        except FileExistsError:
            continue
        return (folder / name).resolve()
    raise FileExistsError(f"{MAX_SAME_NAME} exports named {file.name} already")
