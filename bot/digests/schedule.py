"""When digests are due: cron slots in each channel's own time zone (APScheduler 3 triggers).

The trigger fires at the wall-clock time in the zone, so on DST change days a 07:00 digest
is still at 07:00 local: never doubled, never lost.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from store import DigestSchedule

MAX_SLOTS = 400  # a year of daily slots: enough for any outage we would catch up on


def cron_trigger(schedule: DigestSchedule) -> CronTrigger:
    """The schedule as an APScheduler cron trigger in its own time zone."""
    return CronTrigger(
        day_of_week=schedule.days,
        hour=schedule.hour,
        minute=schedule.minute,
        timezone=ZoneInfo(schedule.tz),
    )


def slots_between(schedule: DigestSchedule, *, after: datetime, until: datetime) -> list[datetime]:
    """Every slot strictly after `after` and at or before `until`, oldest first (aware UTC-able)."""
    trigger = cron_trigger(schedule)
    slots: list[datetime] = []
    previous = None
    moment = after + timedelta(seconds=1)
    while len(slots) < MAX_SLOTS:
        fire = trigger.get_next_fire_time(previous, moment)
        if fire is None or fire > until:
            break
        slots.append(fire)
        previous, moment = fire, fire + timedelta(seconds=1)
    return slots


def next_slot(schedule: DigestSchedule, *, now: datetime) -> datetime | None:
    """The next time this schedule fires."""
    fire: datetime | None = cron_trigger(schedule).get_next_fire_time(None, now)
    return fire
