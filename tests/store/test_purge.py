"""Purging one newsroom: every row it holds goes, in every table, search index included; every
other newsroom's rows stay, and so does the record of what happened (tenant events)."""

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import col, select

from bot.positions.recording import record_statement
from bot.search import read_terms, search
from seeds import load_reference_seed
from store import (
    LOCAL_TENANT,
    AppendOnlyViolation,
    DraftContent,
    Position,
    Tenant,
    TenantAction,
    TenantEvent,
    make_engine,
    purge_tenant,
    record_tenant_event,
    tenant_scope,
    tenant_tables,
    unit_of_work,
    upgrade,
    utcnow,
)
from store.tenant_events import TenantEventImmutable
from tests.conftest import NOW
from tests.store.tenant_rows import fill_newsroom, held, newsroom_tables


def found(engine: Engine, tenant: str, words: str) -> list[int]:
    """Position ids a search in `tenant`'s newsroom finds."""
    with tenant_scope(tenant), unit_of_work(engine) as session:
        return [hit.id for hit in search(session, terms=read_terms(words)).items]


def events(engine: Engine, tenant: str) -> list[TenantEvent]:
    """The tenant's events, oldest first."""
    with unit_of_work(engine, every_tenant=True) as session:
        query = select(TenantEvent).where(col(TenantEvent.tenant) == tenant)
        return list(session.exec(query.order_by(col(TenantEvent.id))).all())


def registry_row(engine: Engine, tenant: str) -> Tenant:
    """The tenant's registry row."""
    with unit_of_work(engine, every_tenant=True) as session:
        row = session.get(Tenant, tenant)
        assert row is not None
        return row


@pytest.fixture
def two_newsrooms(engine: Engine) -> Engine:
    """The seeded database (its `local` newsroom) plus T1 and T2, each in every table."""
    fill_newsroom(engine, "T1", word="quokkafrost")
    fill_newsroom(engine, "T2", word="marmotglint")
    return engine


def test_a_purge_deletes_every_row_of_one_newsroom_and_no_other(two_newsrooms: Engine) -> None:
    engine = two_newsrooms
    t1, t2, local = held(engine, "T1"), held(engine, "T2"), held(engine, LOCAL_TENANT)
    empty = [table for table, rows in t1.items() if rows == 0]
    assert empty == [], f"the test newsroom has no rows in {empty}"
    assert len(t1) >= 22  # every newsroom table of the schema, as it stands

    report = purge_tenant(engine, tenant="T1", by="ops")

    assert report is not None
    assert report.rows == t1
    assert held(engine, "T1") == dict.fromkeys(t1, 0)
    assert held(engine, "T2") == t2
    assert held(engine, LOCAL_TENANT) == local
    row = registry_row(engine, "T1")
    assert row.purged_at is not None
    assert not row.purging
    assert row.purge_after is None
    purged = events(engine, "T1")[-1]
    assert purged.action == TenantAction.PURGED
    assert purged.by == "ops"
    assert purged.detail["rows"] == sum(t1.values())
    assert purged.detail["reason"] == "on request"


def test_a_purge_twice_deletes_nothing_more(two_newsrooms: Engine) -> None:
    engine = two_newsrooms
    purge_tenant(engine, tenant="T1", by="ops")
    t2 = held(engine, "T2")
    again = purge_tenant(engine, tenant="T1", by="ops")
    assert again is not None
    assert again.total == 0
    assert held(engine, "T2") == t2
    assert [e.action for e in events(engine, "T1")].count(TenantAction.PURGED) == 2


def test_search_forgets_the_purged_newsroom_and_keeps_the_other(two_newsrooms: Engine) -> None:
    engine = two_newsrooms
    assert len(found(engine, "T1", "quokkafrost")) == 1  # withdrawn and proposed don't match
    assert len(found(engine, "T1", '"no quokkafrost on these terms"')) == 1
    purge_tenant(engine, tenant="T1", by="ops")
    assert found(engine, "T1", "quokkafrost") == []
    assert found(engine, "T1", '"no quokkafrost on these terms"') == []
    assert found(engine, "T1", "ceasefire") == []
    assert len(found(engine, "T2", "marmotglint")) == 1
    assert len(found(engine, "T2", '"no marmotglint on these terms"')) == 1
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            stale = conn.exec_driver_sql(
                "SELECT count(*) FROM position_search WHERE rowid NOT IN (SELECT id FROM position)"
            ).scalar_one()
            stemmed = conn.exec_driver_sql(
                "SELECT count(*) FROM position_search WHERE position_search MATCH 'quokkafrost'"
            ).scalar_one()
            exact = conn.exec_driver_sql(
                "SELECT count(*) FROM position_search_exact "
                "WHERE position_search_exact MATCH 'quokkafrost'"
            ).scalar_one()
        assert (stale, stemmed, exact) == (0, 0, 0)


def test_positions_recorded_after_a_purge_are_indexed_and_found(two_newsrooms: Engine) -> None:
    # SQLite reuses the highest ids once their rows are gone: T1 was filled last, so T2's
    # next position takes a purged one's id, and the index must not still hold that id.
    engine = two_newsrooms
    fill_newsroom(engine, "T3", word="ibexmurmur")
    purge_tenant(engine, tenant="T3", by="ops")
    with tenant_scope("T2"), unit_of_work(engine) as session:
        load_reference_seed(session)  # idempotent: nothing new
        first = session.exec(select(Position).order_by(col(Position.id))).first()
        assert first is not None
        later = record_statement(
            session,
            actor_id=first.actor_id,
            topic_id=first.topic_id,
            stance=first.stance,
            quotes=["A fresh yakblossom statement."],
            recorded_by="U2",
            stated_at=NOW,
        )
    assert found(engine, "T2", "yakblossom") == [later.id]
    assert found(engine, "T2", "ibexmurmur") == []


def test_history_stays_undeletable_outside_a_purge(two_newsrooms: Engine) -> None:
    engine = two_newsrooms
    purge_tenant(engine, tenant="T1", by="ops")
    assert registry_row(engine, "T2").purging is False
    with pytest.raises(AppendOnlyViolation), tenant_scope("T2"), unit_of_work(engine) as session:
        session.delete(session.exec(select(Position)).first())
    # The database itself refuses, whoever asks: T2 is not being purged.
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.execute(delete(DraftContent).where(col(DraftContent.tenant_id) == "T2"))
    assert held(engine, "T2")["draft_content"] == 1


def test_tenant_events_are_never_changed_or_deleted(engine: Engine) -> None:
    with unit_of_work(engine, every_tenant=True) as session:
        record_tenant_event(session, tenant="T1", action=TenantAction.LEFT, by="slack")
    for statement in ("UPDATE tenant_event SET by = 'someone'", "DELETE FROM tenant_event"):
        with pytest.raises(DBAPIError, match="never changed or deleted"), engine.begin() as conn:
            conn.execute(text(statement))
    with pytest.raises(TenantEventImmutable), unit_of_work(engine, every_tenant=True) as session:
        session.delete(session.exec(select(TenantEvent)).one())
    with pytest.raises(TenantEventImmutable), unit_of_work(engine, every_tenant=True) as session:
        session.exec(select(TenantEvent)).one().by = "someone"
    assert [(e.action, e.by) for e in events(engine, "T1")] == [("left", "slack")]


def test_a_due_purge_needs_the_tenant_to_have_left_and_its_date_passed(
    two_newsrooms: Engine,
) -> None:
    engine = two_newsrooms
    t1 = held(engine, "T1")
    now = utcnow()
    assert purge_tenant(engine, tenant="T1", by="job", due_by=now) is None  # never left
    with unit_of_work(engine, every_tenant=True) as session:
        row = session.get(Tenant, "T1")
        assert row is not None
        row.left_at, row.purge_after = now, now + timedelta(days=1)
    assert purge_tenant(engine, tenant="T1", by="job", due_by=now) is None  # not yet
    assert held(engine, "T1") == t1
    report = purge_tenant(engine, tenant="T1", by="job", due_by=now + timedelta(days=1))
    assert report is not None
    assert report.total == sum(t1.values())
    assert events(engine, "T1")[-1].detail["reason"] == "retention period over"


SLACK_ROWS = [  # (team_id, enterprise_id, is_enterprise_install)
    ("T1", None, False),
    ("T2", None, False),
    ("T3", "E1", False),
    (None, "E1", True),
]


def _slack_rows(engine: Engine) -> list[tuple[str | None, str | None]]:
    with engine.connect() as conn:
        return sorted(
            (
                tuple(row)
                for row in conn.execute(text("SELECT team_id, enterprise_id FROM slack_bots"))
            ),
            key=str,
        )


def test_a_purge_deletes_the_newsrooms_slack_installations_only(engine: Engine) -> None:
    now = utcnow().replace(tzinfo=None)
    with engine.begin() as conn:
        for team, enterprise, org_wide in SLACK_ROWS:
            common = {"client_id": "1.2", "app_id": "A1", "team_id": team}
            common |= {"enterprise_id": enterprise, "is_enterprise_install": org_wide}
            conn.execute(
                text(
                    "INSERT INTO slack_installations (client_id, app_id, team_id, enterprise_id, "
                    "is_enterprise_install, user_id, installed_at) VALUES (:client_id, :app_id, "
                    ":team_id, :enterprise_id, :is_enterprise_install, 'U1', :at)"
                ),
                common | {"at": now},
            )
            conn.execute(
                text(
                    "INSERT INTO slack_bots (client_id, app_id, team_id, enterprise_id, "
                    "is_enterprise_install, installed_at) VALUES (:client_id, :app_id, "
                    ":team_id, :enterprise_id, :is_enterprise_install, :at)"
                ),
                common | {"at": now},
            )
    report = purge_tenant(engine, tenant="T1", by="ops")
    assert report is not None
    assert report.slack_rows == 2
    assert _slack_rows(engine) == sorted([("T2", None), ("T3", "E1"), (None, "E1")], key=str)
    purge_tenant(engine, tenant="E1:T3", by="ops")
    assert _slack_rows(engine) == sorted([("T2", None), (None, "E1")], key=str)
    purge_tenant(engine, tenant="E1", by="ops")  # the organization-wide installation
    assert _slack_rows(engine) == [("T2", None)]


def test_a_purge_without_the_slack_tables_still_purges(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'no-slack.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE slack_installations")
        conn.exec_driver_sql("DROP TABLE slack_bots")
    fill_newsroom(engine, "T1", word="lynxpebble")
    report = purge_tenant(engine, tenant="T1", by="ops")
    assert report is not None
    assert report.slack_rows == 0
    assert sum(held(engine, "T1").values()) == 0
    engine.dispose()


def test_the_sqlite_file_keeps_no_trace_of_the_purged_text(tmp_path: Path) -> None:
    path = tmp_path / "traces.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    fill_newsroom(engine, "T1", word="quokkafrost")
    fill_newsroom(engine, "T2", word="marmotglint")
    purge_tenant(engine, tenant="T1", by="ops")
    engine.dispose()
    on_disk = path.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("traces.db-*"))
    assert b"marmotglint" in on_disk  # the check can see text that is there
    assert b"quokkafrost" not in on_disk


def test_every_newsroom_table_is_listed_for_the_purge(engine: Engine) -> None:
    with engine.connect() as conn:
        listed = [table.name for table in tenant_tables(conn)]
    assert sorted(listed) == newsroom_tables(engine)
    # Children before parents: each table comes before every table it refers to.
    position = listed.index("position")
    assert listed.index("alert") < position < listed.index("actor")
    assert listed.index("digest_run") < listed.index("draft") < listed.index("draft_content")


def test_a_newsroom_without_a_registry_row_is_registered_to_be_purged(engine: Engine) -> None:
    fill_newsroom(engine, "T1", word="quokkafrost")
    with engine.begin() as conn:
        conn.execute(delete(Tenant).where(col(Tenant.id) == LOCAL_TENANT))
    local = held(engine, LOCAL_TENANT)
    assert local["position"] > 0
    report = purge_tenant(engine, tenant=LOCAL_TENANT, by="ops")
    assert report is not None
    assert report.total == sum(local.values())
    assert registry_row(engine, LOCAL_TENANT).purged_at is not None
    assert held(engine, "T1")["position"] > 0
