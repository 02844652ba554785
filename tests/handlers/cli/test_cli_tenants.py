"""`standpoint tenant list|export|purge|org-store`, run as the console script on a database
holding two newsrooms (and an Enterprise Grid workspace's own store)."""

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from bot.tenants import mark_left
from store import OrgStore, Tenant, TenantEvent, unit_of_work, upgrade, utcnow
from tests.conftest import NOW
from tests.handlers.shell_fixtures import run
from tests.store.tenant_rows import fill_newsroom, held


@pytest.fixture
def newsrooms(database: Engine) -> Engine:
    """T1 ("Morning Desk", left on NOW), T2, and E1:T3 (a workspace of organization E1)."""
    upgrade(database)
    fill_newsroom(database, "T1", word="quokkafrost", name="Morning Desk")
    fill_newsroom(database, "T2", word="marmotglint", name="Night Desk")
    fill_newsroom(database, "E1:T3", word="ibexmurmur", name="Group Desk")
    with unit_of_work(database, every_tenant=True) as session:
        row = session.get(Tenant, "E1:T3")
        assert row is not None
        row.team_id, row.enterprise_id = "T3", "E1"
    mark_left(
        database, tenant="T1", reason="app_uninstalled", by="slack", retention_days=30, now=NOW
    )
    return database


def actions(engine: Engine, tenant: str) -> list[str]:
    """The tenant's event actions, oldest first."""
    with unit_of_work(engine, every_tenant=True) as session:
        query = select(TenantEvent.action).where(col(TenantEvent.tenant) == tenant)
        return list(session.exec(query.order_by(col(TenantEvent.id))).all())


def test_list_shows_each_newsroom_its_rows_and_dates(newsrooms: Engine, tmp_path: Path) -> None:
    result = run(["tenant", "list"], tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["TENANT", "NAME", "ROWS", "INSTALLED", "LEFT", "PURGE", "AFTER"]
    by_id = {line.split()[0]: line for line in lines[1:]}
    assert set(by_id) == {"E1:T3", "T1", "T2"}
    t1_rows = sum(held(newsrooms, "T1").values())
    assert by_id["T1"].split()[:3] == ["T1", "Morning", "Desk"]
    assert f"{t1_rows:,}" in by_id["T1"].split()
    assert by_id["T1"].split()[-2:] == ["2026-11-25", "2026-12-25"]  # left, purge after
    assert by_id["T2"].split()[-2:] == ["—", "—"]


def test_export_writes_one_zip_of_the_newsroom_and_records_it(
    newsrooms: Engine, tmp_path: Path
) -> None:
    result = run(["tenant", "export", "T1", "--out", "t1.zip", "--by", "ops"], tmp_path)
    assert result.returncode == 0, result.stderr
    rows = sum(held(newsrooms, "T1").values())
    assert f"Exported T1 (Morning Desk): {rows:,} rows from " in result.stdout
    assert "to t1.zip (ZIP: positions.csv and positions.json" in result.stdout
    with zipfile.ZipFile(tmp_path / "t1.zip") as archive:
        names = set(archive.namelist())
        data = b"".join(archive.read(name) for name in names)
    assert {"positions.csv", "positions.json", "tenant.json", "tables/position.jsonl"} <= names
    assert b"quokkafrost" in data
    assert b"marmotglint" not in data
    assert actions(newsrooms, "T1")[-1] == "exported"

    again = run(["tenant", "export", "T1", "--out", "t1.zip"], tmp_path)
    assert again.returncode == 2
    assert "t1.zip already exists; nothing was written" in again.stderr


def test_export_by_team_id_finds_the_workspace_of_an_organization(
    newsrooms: Engine, tmp_path: Path
) -> None:
    result = run(["tenant", "export", "T3"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Exported E1:T3 (Group Desk)" in result.stdout
    (written,) = tmp_path.glob("standpoint-E1-T3-*.zip")
    with zipfile.ZipFile(written) as archive:
        assert b"ibexmurmur" in archive.read("tables/position.jsonl")


def test_an_unknown_newsroom_is_refused_in_one_line(newsrooms: Engine, tmp_path: Path) -> None:
    for command in (["export", "T9"], ["purge", "T9", "--yes"]):
        result = run(["tenant", *command], tmp_path)
        assert result.returncode == 2
        assert result.stderr.strip() == (
            "No newsroom “T9” in this deployment. standpoint tenant list shows every newsroom."
        )
        assert result.stdout == ""
    assert list(tmp_path.glob("*.zip")) == []


def test_purge_without_yes_and_without_a_terminal_is_refused(
    newsrooms: Engine, tmp_path: Path
) -> None:
    before = held(newsrooms, "T1")
    result = run(["tenant", "purge", "T1"], tmp_path, stdin="y\n")
    assert result.returncode == 2
    assert "Not purging T1: confirmation needs a terminal. Add --yes" in result.stderr
    assert held(newsrooms, "T1") == before
    assert "purged" not in actions(newsrooms, "T1")


def test_purge_with_yes_deletes_the_newsroom_and_says_how_much(
    newsrooms: Engine, tmp_path: Path
) -> None:
    t1, t2 = held(newsrooms, "T1"), held(newsrooms, "T2")
    tables = sum(1 for rows in t1.values() if rows)
    result = run(["tenant", "purge", "T1", "--yes", "--by", "ops"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"Purged T1 (Morning Desk): {sum(t1.values()):,} rows deleted from {tables} tables. "
        "Its tenant events are kept."
    )
    assert sum(held(newsrooms, "T1").values()) == 0
    assert held(newsrooms, "T2") == t2
    assert actions(newsrooms, "T1") == ["left", "purged"]
    listed = run(["tenant", "list"], tmp_path).stdout
    (t1_line,) = [line for line in listed.splitlines() if line.startswith("T1 ")]
    assert t1_line.split()[-2:] == ["purged", utcnow().date().isoformat()]


def test_org_store_is_refused_while_a_store_holds_data_then_forced(
    newsrooms: Engine, tmp_path: Path
) -> None:
    group = held(newsrooms, "E1:T3")
    refused = run(["tenant", "org-store", "E1", "shared"], tmp_path)
    assert refused.returncode == 2
    assert "E1's stores already hold data (E1:T3: " in refused.stderr
    assert "Add --force" in refused.stderr
    with unit_of_work(newsrooms, every_tenant=True) as session:
        assert session.get(OrgStore, "E1") is None

    forced = run(["tenant", "org-store", "E1", "shared", "--force", "--by", "ops"], tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "E1's workspaces now share one store (E1)" in forced.stdout
    assert f"Existing data was not moved: E1:T3 ({sum(group.values()):,} rows)" in forced.stdout
    assert held(newsrooms, "E1:T3") == group
    assert actions(newsrooms, "E1") == ["org_store_changed"]
    same = run(["tenant", "org-store", "E1", "shared"], tmp_path)
    assert same.returncode == 0
    assert "E1's workspaces already share one store (E1); nothing changed." in same.stdout
    listed = run(["tenant", "list"], tmp_path).stdout
    assert "Enterprise Grid E1: workspaces share one store (chosen by ops" in listed
