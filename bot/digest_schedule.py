"""When digests are due: cron slots in each channel's own time zone (APScheduler 3 triggers).

The trigger fires at the wall-clock time in the zone, so on DST change days a 07:00 digest
is still at 07:00 local: never doubled, never lost.
"""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

from bot.errors import BadCommand
from store import DigestSchedule

MAX_SLOTS = 400  # a year of daily slots: enough for any outage we would catch up on
DAY_WORDS = {
    "mon-fri": "mon-fri",
    "weekdays": "mon-fri",
    "daily": "mon-sun",
    "everyday": "mon-sun",
    "weekends": "sat,sun",
}
_DAY_LIST = re.compile(
    r"^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?"
    r"(,(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$"
)
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")


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


def parse_time(text: str, *, default_tz: str) -> tuple[int, int, str]:
    """'07:30' or '7:30 Europe/London' → (7, 30, zone)."""
    clock, _, zone = text.strip().partition(" ")
    match = _TIME.match(clock)
    if match is None:
        raise BadCommand(f"“{clock[:20]}” isn't a time.", hint="Try: digest at 07:00 Europe/London")
    tz = zone.strip() or default_tz
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise BadCommand(
            f"“{tz[:40]}” isn't a time zone.", hint="Try Europe/London or America/New_York."
        ) from error
    return int(match[1]), int(match[2]), tz


def parse_days(text: str) -> str:
    """'mon-fri', 'daily', 'weekends' or a list like 'mon,wed,fri' → a cron day_of_week."""
    cleaned = text.strip().casefold().replace(" ", "")
    days = DAY_WORDS.get(cleaned, cleaned)
    if not _DAY_LIST.match(days):
        raise BadCommand(
            f"“{text[:30]}” isn't a set of days.",
            hint="Try: days mon-fri, days daily or days mon,wed,fri",
        )
    return days
