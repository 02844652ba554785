"""The scheduler's purge job: every process runs it, it purges the newsrooms whose retention
period is over, once, and leaves the rest."""

import logging
import threading
import time
from datetime import timedelta

import pytest
from rich.console import Console
from sqlalchemy import Engine
from sqlmodel import col, select

from bot.settings.model import Settings
from bot.tenants import mark_left
from handlers.desks import assemble
from handlers.serving import scheduler as scheduling
from handlers.serving.scheduler import PURGE_JOB, DigestScheduler
from handlers.shell import ShellPoster
from store import TenantEvent, unit_of_work, utcnow
from tests.store.tenant_rows import fill_newsroom, held


def a_scheduler(engine: Engine, settings: Settings) -> DigestScheduler:
    """The scheduler `serve` runs, on the test database."""
    poster = ShellPoster(console=Console(file=None, quiet=True), command="/stance")
    desks = assemble(engine=engine, settings=settings, poster=poster, is_approver=lambda _: False)
    return DigestScheduler(digests=desks.digests, engine=engine)


def purged(engine: Engine) -> list[str]:
    """The tenants with a purged event."""
    with unit_of_work(engine, every_tenant=True) as session:
        query = select(TenantEvent.tenant).where(col(TenantEvent.action) == "purged")
        return sorted(session.exec(query).all())


def test_the_purge_job_runs_soon_after_start_and_then_daily(
    engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_newsroom(engine, "T1", word="quokkafrost")
    fill_newsroom(engine, "T2", word="marmotglint")
    now = utcnow()
    mark_left(
        engine,
        tenant="T1",
        reason="app_uninstalled",
        by="slack",
        retention_days=30,
        now=now - timedelta(days=31),
    )
    mark_left(engine, tenant="T2", reason="app_uninstalled", by="slack", retention_days=30, now=now)
    t2 = held(engine, "T2")
    monkeypatch.setattr(scheduling, "PURGE_FIRST_AFTER", timedelta(seconds=0.2))
    scheduler = a_scheduler(engine, settings)
    scheduler.start()
    try:
        job = scheduler.scheduler.get_job(PURGE_JOB)
        assert job is not None
        assert job.trigger.interval == timedelta(days=1)
        stop = time.monotonic() + 30
        while purged(engine) != ["T1"]:
            assert time.monotonic() < stop, "the purge job did not purge T1 within 30 s"
            time.sleep(0.1)
    finally:
        scheduler.shutdown()
    assert sum(held(engine, "T1").values()) == 0
    assert held(engine, "T2") == t2


def test_two_schedulers_purging_at_once_purge_once_and_log_no_failure(
    engine: Engine, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    fill_newsroom(engine, "T1", word="quokkafrost")
    mark_left(
        engine, tenant="T1", reason="app_uninstalled", by="slack", retention_days=0, now=utcnow()
    )
    first, second = a_scheduler(engine, settings), a_scheduler(engine, settings)
    with caplog.at_level(logging.INFO, logger="handlers.serving.scheduler"):
        threads = [threading.Thread(target=s.purge_left) for s in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert purged(engine) == ["T1"]
    assert "tenant purge not run" not in caplog.text
    assert caplog.text.count("purged tenant T1") == 1
