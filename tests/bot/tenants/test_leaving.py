"""Leaving: the retention clock, the purge job purging only newsrooms past it (once, however
many replicas run it), and a reinstall cancelling a pending purge."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from bot.settings.model import Settings
from bot.tenants import due_for_purge, mark_left, purge_due, record_install
from store import (
    LOCAL_TENANT,
    Tenant,
    TenantEvent,
    set_default_tenant,
    tenants_to_serve,
    unit_of_work,
)
from tests.conftest import NOW
from tests.store.tenant_rows import fill_newsroom, held


def actions(engine: Engine, tenant: str) -> list[str]:
    """The tenant's event actions, oldest first."""
    with unit_of_work(engine, every_tenant=True) as session:
        query = select(TenantEvent.action).where(col(TenantEvent.tenant) == tenant)
        return list(session.exec(query.order_by(col(TenantEvent.id))).all())


def registry(engine: Engine, tenant: str) -> Tenant:
    """The tenant's registry row."""
    with unit_of_work(engine, every_tenant=True) as session:
        row = session.get(Tenant, tenant)
        assert row is not None
        return row


def test_retention_is_thirty_days_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(_env_file=None).retention_days == 30  # type: ignore[call-arg]
    monkeypatch.setenv("STANDPOINT_RETENTION_DAYS", "7")
    assert Settings(_env_file=None).retention_days == 7  # type: ignore[call-arg]


def test_leaving_keeps_the_data_until_the_retention_period_is_over(engine: Engine) -> None:
    fill_newsroom(engine, "T1", word="quokkafrost")
    left = mark_left(
        engine, tenant="T1", reason="app_uninstalled", by="slack", retention_days=30, now=NOW
    )
    assert left.purge_after == NOW + timedelta(days=30)
    row = registry(engine, "T1")
    assert (row.left_at, row.purge_after) == (NOW, NOW + timedelta(days=30))
    set_default_tenant(None)  # as serve runs in multi-workspace mode: jobs stop for T1
    try:
        assert "T1" not in tenants_to_serve(engine)
    finally:
        set_default_tenant(LOCAL_TENANT)
    # tokens_revoked right after app_uninstalled (or Slack's retry) keeps the first date.
    again = mark_left(
        engine,
        tenant="T1",
        reason="tokens_revoked",
        by="slack",
        retention_days=1,
        now=NOW + timedelta(hours=1),
    )
    assert again.already
    assert again.purge_after == NOW + timedelta(days=30)
    assert actions(engine, "T1") == ["left"]


def test_the_purge_job_purges_only_newsrooms_past_their_date(engine: Engine) -> None:
    for tenant, word in (("T1", "quokkafrost"), ("T2", "marmotglint"), ("T3", "ibexmurmur")):
        fill_newsroom(engine, tenant, word=word)
    mark_left(engine, tenant="T1", reason="app_uninstalled", by="slack", retention_days=30, now=NOW)
    mark_left(
        engine,
        tenant="T2",
        reason="app_uninstalled",
        by="slack",
        retention_days=30,
        now=NOW + timedelta(days=20),
    )
    t2, t3 = held(engine, "T2"), held(engine, "T3")
    at = NOW + timedelta(days=31)
    assert due_for_purge(engine, now=at) == ["T1"]
    reports = purge_due(engine, now=at)
    assert [r.tenant for r in reports] == ["T1"]
    assert sum(held(engine, "T1").values()) == 0
    assert held(engine, "T2") == t2
    assert held(engine, "T3") == t3
    assert actions(engine, "T1")[-2:] == ["left", "purged"]
    assert purge_due(engine, now=at) == []  # done: nothing is due any more
    assert [r.tenant for r in purge_due(engine, now=NOW + timedelta(days=51))] == ["T2"]


def test_a_reinstall_before_the_purge_cancels_it(engine: Engine) -> None:
    fill_newsroom(engine, "T1", word="quokkafrost")
    t1 = held(engine, "T1")
    mark_left(engine, tenant="T1", reason="app_uninstalled", by="slack", retention_days=30, now=NOW)
    new = record_install(engine, tenant="T1", team_id="T1", enterprise_id="", name="Desk", by="U1")
    assert not new
    assert purge_due(engine, now=NOW + timedelta(days=90)) == []
    assert held(engine, "T1") == t1
    row = registry(engine, "T1")
    assert (row.left_at, row.purge_after) == (None, None)
    with unit_of_work(engine, every_tenant=True) as session:
        last = session.exec(
            select(TenantEvent)
            .where(col(TenantEvent.tenant) == "T1")
            .order_by(col(TenantEvent.id).desc())
        ).first()
    assert last is not None
    assert last.action == "reinstalled"
    assert last.detail["cancelled_purge"] == (NOW + timedelta(days=30)).isoformat()


def test_a_first_install_is_recorded_as_installed(engine: Engine) -> None:
    assert record_install(engine, tenant="T7", team_id="T7", enterprise_id="", name="New", by="U7")
    assert actions(engine, "T7") == ["installed"]
    assert registry(engine, "T7").name == "New"


def test_replicas_purging_at_once_purge_each_newsroom_once(engine: Engine) -> None:
    fill_newsroom(engine, "T1", word="quokkafrost")
    fill_newsroom(engine, "T2", word="marmotglint")
    t2 = held(engine, "T2")
    mark_left(engine, tenant="T1", reason="app_uninstalled", by="slack", retention_days=0, now=NOW)
    start = threading.Barrier(4)
    results: list[list[str]] = []
    failures: list[BaseException] = []

    def replica() -> None:
        start.wait()
        try:
            results.append([r.tenant for r in purge_due(engine, now=NOW + timedelta(seconds=1))])
        except BaseException as error:  # a replica that failed is a failure of the test
            failures.append(error)

    threads = [threading.Thread(target=replica) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert sorted(results) == [[], [], [], ["T1"]]
    assert actions(engine, "T1").count("purged") == 1
    assert sum(held(engine, "T1").values()) == 0
    assert held(engine, "T2") == t2
