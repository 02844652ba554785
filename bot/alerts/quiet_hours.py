"""Quiet hours as people type them ("22:00-07:00 CET", "10pm to 7am"), and whether it is quiet.

Times are wall-clock times in the follower's zone, so a window keeps its local hours across
daylight-saving changes.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.digests import parse_time
from bot.errors import BadCommand

_RANGE = re.compile(
    r"^(?:from\s+)?(?P<start>.+?)\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b)\s*(?P<end>.+)$",
    re.IGNORECASE,
)
QUIET_HINT = "Try: quiet 22:00-07:00, quiet 10pm to 7am Europe/London, or quiet off"
DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class QuietWindow:
    """From `start_minute` to `end_minute` (minutes after local midnight) in `tz`."""

    start_minute: int
    end_minute: int
    tz: str
    note: str = ""


def parse_quiet_window(text: str, *, default_tz: str) -> QuietWindow:
    """'22:00-07:00', '10pm to 7am EST', '23:30 - 06:00 Europe/Paris' → QuietWindow."""
    match = _RANGE.match(" ".join(text.split()))
    if match is None:
        raise BadCommand("Quiet from when to when?", hint=QUIET_HINT)
    try:
        start = parse_time(match["start"], default_tz=default_tz)
        end = parse_time(match["end"], default_tz=default_tz)
    except BadCommand as error:
        raise BadCommand(error.message, hint=QUIET_HINT) from error
    # One zone, typed once after both times: a zone on the start alone would be ignored.
    if start.tz != default_tz and start.tz != end.tz:
        raise BadCommand("Put the time zone after both times.", hint=QUIET_HINT)
    window = QuietWindow(
        start.hour * 60 + start.minute, end.hour * 60 + end.minute, end.tz, end.note
    )
    if window.start_minute == window.end_minute:
        raise BadCommand("Quiet hours need a different start and end.", hint=QUIET_HINT)
    return window


def default_window(stored: str, *, tz: str) -> QuietWindow | None:
    """The desk's default quiet hours (`settings quiet-hours`, stored as '22:00-07:00' with
    an optional zone, else the desk's), for a follower that chose none; None when unset."""
    times, _, zone = stored.strip().partition(" ")
    start, dash, end = times.partition("-")
    if not dash:
        return None
    return QuietWindow(
        _minutes(start),
        _minutes(end),
        zone or tz,
        "These are the desk's default quiet hours; `quiet off` here opts out of them.",
    )


def is_quiet(window: QuietWindow, *, at: datetime) -> bool:
    """Whether `at` falls inside the window (which may run past midnight)."""
    local = at.astimezone(ZoneInfo(window.tz))
    minute = local.hour * 60 + local.minute
    start, end = window.start_minute, window.end_minute
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end


def quiet_ends(window: QuietWindow, *, at: datetime) -> datetime:
    """When the quiet that `at` falls in ends (in UTC terms, as an aware datetime)."""
    zone = ZoneInfo(window.tz)
    local = at.astimezone(zone)
    end = local.replace(
        hour=window.end_minute // 60, minute=window.end_minute % 60, second=0, microsecond=0
    )
    if end <= local:
        end = (end.replace(tzinfo=None) + timedelta(days=1)).replace(tzinfo=zone)
    return end


def describe(window: QuietWindow) -> str:
    """'22:00–07:00 Europe/London'."""
    return f"{_clock(window.start_minute)}–{_clock(window.end_minute)} {window.tz}"


def _minutes(clock: str) -> int:
    hours, _, minutes = clock.partition(":")
    return int(hours) * 60 + int(minutes)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
