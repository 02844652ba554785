"""Everything a newsroom holds, as one ZIP file: what it can take elsewhere before a purge.

The archive holds:

- `positions.csv` and `positions.json`: the record, exactly as `standpoint export positions`
  writes it (docs/export-and-import.md), so `standpoint import positions` reads it back into
  another Standpoint;
- `tables/<table>.jsonl`: every row of every table holding the newsroom's data, one JSON
  object a line, every column (datetimes in ISO 8601, UTC), by primary key;
- `tenant.json`: the newsroom's registry row, its tenant events, and how many rows each table
  had.

Slack tokens are never exported.
"""

import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select
from sqlmodel import col

from bot.exports import build_export
from bot.grammar import Export
from store import (
    Tenant,
    TenantAction,
    TenantEvent,
    record_tenant_event,
    tenant_scope,
    tenant_tables,
    unit_of_work,
)

FORMAT_VERSION = 1
POSITION_FORMATS = ("csv", "json")


@dataclass(frozen=True)
class ArchiveSummary:
    """What went into an archive."""

    tenant: str
    tables: dict[str, int]  # rows per table, zeros included
    positions: int  # rows of positions.csv

    @property
    def rows(self) -> int:
        """Every table row in the archive."""
        return sum(self.tables.values())


def write_archive(
    engine: Engine,
    *,
    tenant: str,
    out: IO[bytes],
    zone: ZoneInfo,
    now: datetime,
    date_order: str = "DMY",
) -> ArchiveSummary:
    """Write `tenant`'s archive to `out` (a file opened for binary writing)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        positions = 0
        with tenant_scope(tenant), unit_of_work(engine) as session:
            for format in POSITION_FORMATS:
                request = Export(what="positions", format=format)
                file = build_export(
                    session, request=request, zone=zone, now=now, date_order=date_order
                )
                archive.writestr(f"positions.{format}", file.data)
                positions = file.rows
        tables = _write_tables(engine, tenant=tenant, archive=archive, now=now)
        archive.writestr("tenant.json", _about(engine, tenant=tenant, tables=tables, now=now))
    return ArchiveSummary(tenant=tenant, tables=tables, positions=positions)


def record_export(engine: Engine, *, summary: ArchiveSummary, file_name: str, by: str) -> None:
    """Write the `exported` tenant event, once the archive is safely written."""
    with unit_of_work(engine, every_tenant=True) as session:
        record_tenant_event(
            session,
            tenant=summary.tenant,
            action=TenantAction.EXPORTED,
            by=by,
            detail={"file": file_name[:200], "rows": summary.rows, "positions": summary.positions},
        )


def _write_tables(
    engine: Engine, *, tenant: str, archive: zipfile.ZipFile, now: datetime
) -> dict[str, int]:
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        for owned in sorted(tenant_tables(conn), key=lambda table: table.name):
            query = (
                select(owned)
                .where(owned.c.tenant_id == tenant)
                .order_by(*owned.primary_key.columns)
            )
            rows = 0
            entry = zipfile.ZipInfo(f"tables/{owned.name}.jsonl", date_time=now.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(entry, "w") as member:
                for row in conn.execution_options(yield_per=1000).execute(query).mappings():
                    member.write(_json_line(dict(row)))
                    rows += 1
            counts[owned.name] = rows
    return counts


def _about(engine: Engine, *, tenant: str, tables: dict[str, int], now: datetime) -> str:
    with unit_of_work(engine, every_tenant=True) as session:
        row = session.get(Tenant, tenant)
        events = session.scalars(
            select(TenantEvent)
            .where(col(TenantEvent.tenant) == tenant)
            .order_by(col(TenantEvent.id))
        ).all()
        about = {
            "format": FORMAT_VERSION,
            "tenant": tenant,
            "exported_at": now.isoformat(timespec="seconds"),
            "registry": row.model_dump() if row is not None else None,
            "tables": tables,
            "events": [event.model_dump() for event in events],
        }
    return json.dumps(about, default=_plain, ensure_ascii=False, indent=2) + "\n"


def _json_line(row: dict[str, Any]) -> bytes:
    return (json.dumps(row, default=_plain, ensure_ascii=False) + "\n").encode("utf-8")


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
