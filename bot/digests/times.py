"""Digest times and days as people type them: "7am", "7:30 pm EST", "tue,thu", "weekdays".

A bare zone abbreviation is read as the place whose clocks it names, daylight saving
included, and the answer says so; one that names several places is refused with the
choices. Never a fixed offset: "EST" in July would otherwise be an hour off New York.
"""

import re
from functools import cache
from typing import NamedTuple
from zoneinfo import available_timezones

from bot.errors import BadCommand

_TIME = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?\s*(?P<half>[ap])\.?m\.?(?:\s+|$)|"
    r"^(?P<hour24>\d{1,2})[:.h](?P<minute24>\d{2})(?:\s+|$)|"
    r"^(?P<word>noon|midday|midnight)(?:\s+|$)",
    re.IGNORECASE,
)
_TIME_HINT = "Try: digest at 7am, digest at 19:30 or digest at 07:00 Europe/London"

# Abbreviations that name one set of clocks (daylight saving included).
ZONE_ABBREVIATIONS = {
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CDT": "America/Chicago",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "AKST": "America/Anchorage",
    "HST": "Pacific/Honolulu",
    "BST": "Europe/London",
    "CET": "Europe/Paris",
    "CEST": "Europe/Paris",
    "EET": "Europe/Kyiv",
    "EEST": "Europe/Kyiv",
    "WET": "Europe/Lisbon",
    "MSK": "Europe/Moscow",
    "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul",
    "HKT": "Asia/Hong_Kong",
    "SGT": "Asia/Singapore",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
}
# Abbreviations that name more than one place: the reader must say which.
AMBIGUOUS_ZONES = {
    "IST": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "CST": ("America/Chicago", "Asia/Shanghai", "America/Havana"),
    "AST": ("America/Halifax", "Asia/Riyadh"),
    "GMT": ("Europe/London", "UTC"),
}

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_SPELLINGS = {
    **{name: name[:3] for name in _FULL_DAYS},
    **{name + "s": name[:3] for name in _FULL_DAYS},
    **{short: short for short in _DAYS},
    "tues": "tue",
    "weds": "wed",
    "thur": "thu",
    "thurs": "thu",
}
DAY_WORDS = {
    "weekdays": "mon-fri",
    "daily": "mon-sun",
    "everyday": "mon-sun",
    "every day": "mon-sun",
    "weekends": "sat,sun",
    "weekend": "sat,sun",
}
_DAYS_HINT = "Try: days mon-fri, days weekdays, days tuesday or days tue,thu"


class DigestTime(NamedTuple):
    """A digest's clock time and zone, with a note when an abbreviation was read."""

    hour: int
    minute: int
    tz: str
    note: str = ""


def parse_time(text: str, *, default_tz: str) -> DigestTime:
    """'07:30', '7am', '7:30 pm', '19:00 Europe/London' or '7am EST' → DigestTime."""
    cleaned = " ".join(text.split())
    match = _TIME.match(cleaned)
    if match is None:
        shown = cleaned.partition(" ")[0][:20]
        raise BadCommand(f"“{shown}” isn't a time.", hint=_TIME_HINT)
    hour, minute = _clock(match)
    typed = cleaned[match.end() :].strip()
    zone, note = read_zone(typed) if typed else (default_tz, "")
    return DigestTime(hour, minute, zone, note)


def _clock(match: re.Match[str]) -> tuple[int, int]:
    if match["word"]:
        return (0 if match["word"].casefold() == "midnight" else 12), 0
    if match["half"]:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if not 1 <= hour <= 12:
            raise BadCommand(f"{hour}{match['half']}m isn't a time.", hint=_TIME_HINT)
        hour = hour % 12 + (12 if match["half"].casefold() == "p" else 0)
    else:
        hour, minute = int(match["hour24"]), int(match["minute24"])
    if hour > 23 or minute > 59:
        raise BadCommand(f"{hour:02d}:{minute:02d} isn't a time.", hint=_TIME_HINT)
    return hour, minute


def read_zone(text: str) -> tuple[str, str]:
    """A zone name or abbreviation → (IANA zone, a note saying how an abbreviation was read)."""
    upper = text.strip().upper()
    if upper in ZONE_ABBREVIATIONS:
        zone = ZONE_ABBREVIATIONS[upper]
        return zone, f"{upper} taken as {zone} (follows daylight saving)."
    if upper in AMBIGUOUS_ZONES:
        places = AMBIGUOUS_ZONES[upper]
        raise BadCommand(
            f"“{upper}” names more than one time zone: {', '.join(places)}.",
            hint=f"Say which: digest at 07:00 {places[0]}",
        )
    named = _zone_names().get(text.strip().casefold())
    if named is None:
        raise BadCommand(
            f"“{text.strip()[:40]}” isn't a time zone.",
            hint="Try Europe/London, America/New_York or an abbreviation such as EST.",
        )
    return named, ""


@cache
def _zone_names() -> dict[str, str]:
    # Case-insensitive names; the legacy fixed-offset keys (EST, MST, HST, …) are left out.
    zones = available_timezones()
    return {name.casefold(): name for name in zones if "/" in name or name == "UTC"}


def parse_days(text: str) -> str:
    """'mon-fri', 'weekdays', 'tuesday', 'tue,thu', 'tuesdays and fridays' → a cron day_of_week."""
    cleaned = re.sub(r"\s*-\s*", "-", " ".join(text.casefold().split()))
    if cleaned in DAY_WORDS:
        return DAY_WORDS[cleaned]
    parts = [p for p in re.split(r"\s*(?:,|\band\b|&|\s)\s*", cleaned) if p]
    days = [_day_part(part, text) for part in parts]
    if not days:
        raise BadCommand("Which days?", hint=_DAYS_HINT)
    return ",".join(days)


def _day_part(part: str, text: str) -> str:
    first, dash, last = part.partition("-")
    ends = (
        [_DAY_SPELLINGS.get(first), _DAY_SPELLINGS.get(last)]
        if dash
        else [_DAY_SPELLINGS.get(part)]
    )
    if None in ends:
        raise BadCommand(f"“{text.strip()[:30]}” isn't a set of days.", hint=_DAYS_HINT)
    return "-".join(day for day in ends if day)
