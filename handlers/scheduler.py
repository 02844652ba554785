"""APScheduler 3 in `standpoint serve`: one cron job per digest schedule, stable ids.

Any number of processes may run this safely (runs are claimed), but a deployment should run
one (`serve --no-scheduler` on the others) to avoid needless work.
"""

import logging
from datetime import UTC

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine
from sqlmodel import select

from bot.digest_schedule import cron_trigger
from bot.digests import GRACE
from handlers.digest_desk import DigestDesk
from store import DigestSchedule, unit_of_work, utcnow

log = logging.getLogger(__name__)
JOB_DEFAULTS = {
    "coalesce": True,  # after a pause, one run for the missed fires, not one each
    "max_instances": 1,  # never two runs of one schedule in this process
    "misfire_grace_time": int(GRACE.total_seconds()),  # late by up to the claim's grace
}


class DigestScheduler:
    """Keeps one job per enabled schedule in step with the database."""

    def __init__(self, *, digests: DigestDesk, engine: Engine) -> None:
        self.digests = digests
        self.engine = engine
        self.scheduler = BackgroundScheduler(timezone=UTC, job_defaults=JOB_DEFAULTS)

    def start(self, *, paused: bool = False) -> None:
        """Start, then catch up once on anything missed while the bot was down."""
        self.sync()
        self.scheduler.start(paused=paused)
        if not paused:
            self.scheduler.add_job(self._catch_up, id="digest:catch-up", replace_existing=True)

    def sync(self) -> None:
        """Add or replace the job of each enabled schedule; drop the others."""
        with unit_of_work(self.engine) as session:
            schedules = list(session.exec(select(DigestSchedule)).all())
        wanted = set()
        for schedule in schedules:
            job_id = f"digest:{schedule.id}"
            if not schedule.enabled:
                continue
            wanted.add(job_id)
            self.scheduler.add_job(
                self._fire,
                trigger=cron_trigger(schedule),
                id=job_id,
                kwargs={"schedule_id": schedule.id},
                replace_existing=True,
            )
        for job in self.scheduler.get_jobs():
            if (
                job.id.startswith("digest:")
                and job.id != "digest:catch-up"
                and job.id not in wanted
            ):
                job.remove()

    def shutdown(self) -> None:
        """Stop without waiting for a running digest (its claim keeps it exactly-once)."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def _fire(self, schedule_id: int) -> None:
        for line in self.digests.run_due(now=utcnow(), schedule_id=schedule_id):
            log.info("digest: %s", line)

    def _catch_up(self) -> None:
        for line in self.digests.run_due(now=utcnow()):
            log.info("digest catch-up: %s", line)
