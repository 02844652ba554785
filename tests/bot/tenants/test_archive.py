"""A newsroom's archive: everything it holds and nothing another newsroom holds."""

import csv
import io
import json
import zipfile
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.exports import plan_import
from bot.tenants import write_archive
from seeds import load_reference_seed
from store import tenant_scope, unit_of_work
from tests.conftest import NOW
from tests.store.tenant_rows import fill_newsroom, held

UTC_ZONE = ZoneInfo("UTC")


def test_the_archive_holds_every_row_of_the_newsroom_and_no_other(engine: Engine) -> None:
    fill_newsroom(engine, "T1", word="quokkafrost")
    fill_newsroom(engine, "T2", word="marmotglint")
    buffer = io.BytesIO()
    summary = write_archive(engine, tenant="T1", out=buffer, zone=UTC_ZONE, now=NOW)

    assert summary.tables == held(engine, "T1")
    archive = zipfile.ZipFile(buffer)
    data = b"".join(archive.read(name) for name in archive.namelist())
    assert b"quokkafrost" in data
    assert b"marmotglint" not in data
    for table, rows in held(engine, "T1").items():
        lines = archive.read(f"tables/{table}.jsonl").decode().splitlines()
        assert len(lines) == rows, table
        assert {json.loads(line)["tenant_id"] for line in lines} == {"T1"}
    about = json.loads(archive.read("tenant.json"))
    assert about["tenant"] == "T1"
    assert about["registry"]["id"] == "T1"
    assert about["tables"] == summary.tables

    # positions.csv is the documented export: another Standpoint's import reads it back.
    text = archive.read("positions.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert summary.positions == len(rows) == 8  # the seed's six, one said, one withdrawn
    assert [r["status"] for r in rows].count("retracted") == 1
    assert len(json.loads(archive.read("positions.json"))) == len(rows)
    with tenant_scope("T9"), unit_of_work(engine) as session:
        load_reference_seed(session)
        plan = plan_import(session, text=text, zone=UTC_ZONE, now=NOW)
    assert len(plan.rows) == 1  # the seed's are already there; the withdrawn one is skipped
    assert "quokkafrost" in plan.rows[0].quotes[0]
