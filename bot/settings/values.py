"""The stored forms of the settings a workspace may change, checked as Settings reads them.

What people type ("7am", "weekdays", "10pm to 7am CET") is read by `bot.workspace` and stored
in these forms; the environment gives them in these forms too. Each check returns the value
as stored, or raises ValueError with words fit for the person who gave it.
"""

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_DAY_PART = re.compile(rf"({'|'.join(DAYS)})(?:-({'|'.join(DAYS)}))?")


def clock_time(value: str) -> str:
    """'7:00' or '07:00' → '07:00' (a time of day on a 24-hour clock)."""
    match = _CLOCK.fullmatch(value.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"{value[:20]!r} is not a time of day (HH:MM, like 07:00)")
    return f"{int(match[1]):02d}:{match[2]}"


def cron_days(value: str) -> str:
    """'mon-fri' or 'tue,thu' (days of the week as a cron day_of_week)."""
    cleaned = value.strip().casefold().replace(" ", "")
    parts = cleaned.split(",")
    if not cleaned or not all(_DAY_PART.fullmatch(part) for part in parts):
        raise ValueError(f"{value[:30]!r} is not a set of days (like mon-fri or tue,thu)")
    return cleaned


def quiet_window(value: str) -> str:
    """'' (none), or '22:00-07:00' with an optional time zone after it."""
    text = " ".join(value.split())
    if not text:
        return ""
    times, _, zone = text.partition(" ")
    start, dash, end = times.partition("-")
    if not dash:
        raise ValueError(f"{value[:30]!r} is not quiet hours (like 22:00-07:00)")
    start, end = clock_time(start), clock_time(end)
    if start == end:
        raise ValueError("quiet hours need a different start and end")
    if zone:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {zone[:40]!r}") from error
    return f"{start}-{end}" + (f" {zone}" if zone else "")
