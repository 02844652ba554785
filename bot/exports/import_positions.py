"""Positions from an export's CSV: every row checked first, then recorded in one unit of work.

A bad row stops the whole import (nothing is written) and every bad row is named by its row
number as a spreadsheet shows it (the header is row 1). A statement already recorded, or
repeated in the file, is reported and skipped, so running the same file twice records nothing
the second time. Rows the export marks `retracted` are reported and skipped: a withdrawn
statement is not brought back. `position_id`, `recorded_by`, `recorded_at` and
`supersedes_id` are the exporting store's; they are kept in the audit, not reused.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot.errors import UserError
from bot.exports.formats import COLUMNS
from bot.exports.import_rows import ImportRow, RowChecker
from bot.positions import dedupe_key, record_statement, source_for
from store import AuditEvent, Position, PositionStatus, Source

REQUIRED = ("actor", "topic", "stance", "quotes", "stated_on")
MAX_ROWS = 20_000
MAX_PROBLEMS_SHOWN = 20


@dataclass
class ImportPlan:
    """What an import would record, and which rows it leaves out and why."""

    rows: list[ImportRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def plan_import(
    session: Session, *, text: str, zone: ZoneInfo, now: datetime, date_order: str = "DMY"
) -> ImportPlan:
    """The checked rows of a positions CSV, or a UserError naming every bad row."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error as error:
        raise UserError(f"row 1: the file can't be read as CSV ({error}).") from None
    header = [(column or "").strip().casefold() for column in fieldnames]
    unknown = [column for column in header if column not in COLUMNS]
    missing = [column for column in REQUIRED if column not in header]
    if unknown or missing:
        found = f"unknown: {', '.join(unknown)}" if unknown else f"missing: {', '.join(missing)}"
        raise UserError(
            f"The header must name the export's columns ({found[:120]}).",
            hint="At least: " + ",".join(REQUIRED) + " (see docs/export-and-import.md).",
        )
    reader.fieldnames = header
    checker = RowChecker(session, zone=zone, now=now, date_order=date_order)
    plan, problems = ImportPlan(), list[str]()
    seen: dict[str, int] = {}
    for number, record in _records(reader):
        if number - 1 > MAX_ROWS:
            raise UserError(f"The file has more than {MAX_ROWS:,} rows; split it.")
        try:
            row = checker.check(number, record)
        except ValueError as problem:
            problems.append(f"row {number}: {problem}")
            continue
        if isinstance(row, str):
            plan.skipped.append(f"row {number}: {row}")
            continue
        if row is None:
            continue
        key = dedupe_key(
            actor_id=row.actor.id, topic_id=row.topic.id, stated_at=row.stated_at, quotes=row.quotes
        )
        stored = _live_position(session, key)
        if stored is not None:
            plan.skipped.append(f"row {number}: already recorded as #{stored}; skipped.")
        elif key in seen:
            plan.skipped.append(f"row {number}: the same statement as row {seen[key]}; skipped.")
        else:
            seen[key] = number
            plan.rows.append(row)
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        raise UserError(
            "Nothing imported.\n" + "\n".join(shown) + (f"\n…and {more} more." if more else ""),
            hint=_hint(checker.unknown),
        )
    return plan


def _hint(unknown: set[str]) -> str:
    """What to do next; names nobody tracks yet can be loaded from a list first."""
    loads = [f"standpoint {kind}s import FILE.csv" for kind in sorted(unknown)]
    if not loads:
        return "Fix those rows and run the import again."
    return (
        f"Fix those rows, or add the missing names first ({' and '.join(loads)}; see "
        "docs/export-and-import.md), then run the import again."
    )


def _records(
    reader: "csv.DictReader[str]",
) -> Iterator[tuple[int, dict[str | None, str | list[str] | None]]]:
    """Each record with its row number as a spreadsheet shows it (the header is row 1)."""
    number = 1
    try:
        for number, record in enumerate(reader, start=2):
            yield number, record
    except csv.Error as error:
        raise UserError(f"row {number + 1}: the file can't be read as CSV ({error}).") from None


def record_import(
    session: Session, *, plan: ImportPlan, user: str, file_name: str, request_id: str
) -> list[Position]:
    """Record the plan's rows, oldest statement first (so each supersedes the one before it)."""
    recorded = []
    for row in sorted(plan.rows, key=lambda r: (r.stated_at, r.row)):
        source = _source(session, url=row.url, outlet=row.outlet)
        position = record_statement(
            session,
            actor_id=row.actor.id,
            topic_id=row.topic.id,
            stance=row.stance,
            quotes=row.quotes,
            summary=row.summary,
            conditions=row.conditions,
            source_id=source.id if source else None,
            speaker_id=row.speaker.id if row.speaker else None,
            stated_at=row.stated_at,
            recorded_by=user,
            request_id=request_id,
        )
        session.add(
            AuditEvent(
                user=user,
                action="position.imported",
                subject="position",
                subject_id=position.id,
                request_id=request_id,
                detail={
                    "file": file_name[:200],
                    "row": row.row,
                    "exported_id": row.exported_id[:20],
                    "exported_recorded_by": row.exported_by[:100],
                },
            )
        )
        recorded.append(position)
    session.flush()
    return recorded


def _live_position(session: Session, key: str) -> int | None:
    return session.exec(
        select(Position.id).where(
            Position.dedupe_key == key, Position.status != PositionStatus.RETRACTED
        )
    ).first()


def _source(session: Session, *, url: str | None, outlet: str | None) -> Source | None:
    if url is not None:
        return source_for(session, url=url, outlet=outlet)
    if outlet is None:
        return None
    found = session.exec(
        select(Source).where(Source.outlet == outlet, col(Source.url).is_(None))
    ).first()
    if found is None:
        found = Source(outlet=outlet)
        session.add(found)
        session.flush()
    return found
