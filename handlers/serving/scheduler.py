"""APScheduler 3 in `standpoint serve`: one cron job per digest schedule, stable ids.

Every replica may run the scheduler: each (schedule, slot) is claimed by one row, so however
many schedulers fire a slot, one digest is drafted. Each scheduler re-reads the schedules every
STANDPOINT_SCHEDULE_SYNC_SECONDS, so a change made through any replica reaches all of them.
"""

import logging
import threading
from datetime import UTC, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine
from sqlmodel import col, select

from bot.digests import GRACE, cron_trigger
from bot.tenants import purge_due
from handlers.desks import AlertDesk, DigestDesk
from store import DigestSchedule, tenant_scope, tenants_to_serve, unit_of_work, utcnow

log = logging.getLogger(__name__)
JOB_DEFAULTS = {
    "coalesce": True,  # after a pause, one run for the missed fires, not one each
    "max_instances": 1,  # never two runs of one schedule in this process
    "misfire_grace_time": int(GRACE.total_seconds()),  # late by up to the claim's grace
}
CATCH_UP_JOB = "digest:catch-up"
SYNC_JOB = "schedules:sync"
ALERTS_JOB = "alerts:send"
PURGE_JOB = "tenants:purge"
# Newsrooms whose retention period is over are purged once a day, and soon after each start
# (a deployment restarted more often than daily would otherwise never get there).
PURGE_EVERY = timedelta(days=1)
PURGE_FIRST_AFTER = timedelta(minutes=1)
Timing = tuple[str, int, int, str]  # days, hour, minute, zone: all a job's trigger depends on


class DigestScheduler:
    """Keeps one job per enabled schedule in step with the database."""

    def __init__(
        self, *, digests: DigestDesk, engine: Engine, alerts: AlertDesk | None = None
    ) -> None:
        self.digests = digests
        self.engine = engine
        self.alerts = alerts
        # The deployment's settings: built and run outside any newsroom's scope.
        self.sync_seconds = digests.defaults.schedule_sync_seconds
        self.scheduler = BackgroundScheduler(timezone=UTC, job_defaults=JOB_DEFAULTS)
        self._lock = threading.Lock()  # syncs come from Slack threads and from the sync job
        self._timings: dict[str, Timing] = {}

    def start(self, *, paused: bool = False) -> None:
        """Start, re-read the schedules periodically, and catch up once on anything missed."""
        self.sync()
        self.scheduler.start(paused=paused)
        self.scheduler.add_job(
            self._periodic_sync,
            trigger=IntervalTrigger(seconds=self.sync_seconds),
            id=SYNC_JOB,
            replace_existing=True,
        )
        if not paused:
            self.scheduler.add_job(self._catch_up, id=CATCH_UP_JOB, replace_existing=True)
        if self.alerts is not None:
            self.scheduler.add_job(
                self._send_alerts,
                trigger=IntervalTrigger(seconds=self.digests.defaults.alert_poll_seconds),
                id=ALERTS_JOB,
                replace_existing=True,
                misfire_grace_time=None,  # a late pass is still worth running
            )
        self.scheduler.add_job(
            self.purge_left,
            trigger=IntervalTrigger(seconds=PURGE_EVERY.total_seconds()),
            id=PURGE_JOB,
            replace_existing=True,
            next_run_time=utcnow() + PURGE_FIRST_AFTER,
            misfire_grace_time=None,
        )

    def sync(self) -> None:
        """Add or replace the job of each enabled schedule whose timing changed; drop the others.

        A job whose timing did not change is left alone: replacing it would recompute its next
        run from now, and a fire due at this very moment would be lost.
        """
        with self._lock:
            serving = tenants_to_serve(self.engine)
            # Every newsroom's schedules: one scheduler fires each in its own tenant's scope.
            with unit_of_work(self.engine, every_tenant=True) as session:
                enabled = DigestSchedule.enabled == True  # noqa: E712
                schedules = list(
                    session.exec(
                        select(DigestSchedule).where(
                            enabled, col(DigestSchedule.tenant_id).in_(serving)
                        )
                    ).all()
                )
            wanted = {f"digest:{s.id}": s for s in schedules}
            for job_id, schedule in wanted.items():
                timing = (schedule.days, schedule.hour, schedule.minute, schedule.tz)
                if self._timings.get(job_id) == timing and self.scheduler.get_job(job_id):
                    continue
                self.scheduler.add_job(
                    self._fire,
                    trigger=cron_trigger(schedule),
                    id=job_id,
                    kwargs={"schedule_id": schedule.id, "tenant": schedule.tenant_id},
                    replace_existing=True,
                )
                self._timings[job_id] = timing
                log.info(
                    "digest schedule: %s at %02d:%02d %s (%s)",
                    schedule.channel_id,
                    schedule.hour,
                    schedule.minute,
                    schedule.tz,
                    schedule.days,
                )
            for job in self.scheduler.get_jobs():
                if job.id.startswith("digest:") and job.id != CATCH_UP_JOB and job.id not in wanted:
                    job.remove()
                    self._timings.pop(job.id, None)
                    log.info("digest schedule: %s off", job.id)

    def shutdown(self) -> None:
        """Stop without waiting for a running digest (its claim keeps it exactly-once)."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def _fire(self, schedule_id: int, tenant: str) -> None:
        with tenant_scope(tenant):
            for line in self.digests.run_due(now=utcnow(), schedule_id=schedule_id):
                log.info("digest: %s", line)

    def _periodic_sync(self) -> None:
        try:
            self.sync()
        except Exception as error:  # the database may be briefly away; the next sync retries
            log.warning(
                "digest schedules not re-read (%s); next try in %s s",
                type(error).__name__,
                self.sync_seconds,
            )

    def _send_alerts(self) -> None:
        assert self.alerts is not None
        try:
            lines = self.alerts.send_due(now=utcnow())
        except Exception as error:  # the database may be briefly away; the next pass retries
            log.warning("alerts not sent this pass (%s)", type(error).__name__)
            return
        for line in lines:
            log.info("alerts: %s", line)

    def purge_left(self) -> None:
        """Purge the newsrooms whose retention period is over. Every replica runs this; each
        purge claims its newsroom in the database, so each is purged once."""
        try:
            reports = purge_due(self.engine, now=utcnow())
        except Exception as error:  # the database may be briefly away; the next pass retries
            log.warning("tenant purge not run this pass (%s)", type(error).__name__)
            return
        for report in reports:
            log.info("purged tenant %s: %s rows", report.tenant, report.total)

    def _catch_up(self) -> None:
        for tenant in tenants_to_serve(self.engine):
            with tenant_scope(tenant):
                for line in self.digests.run_due(now=utcnow()):
                    log.info("digest catch-up: %s", line)
