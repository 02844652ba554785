"""`as of <date>`: natural-language dates, resolved to the end of that day in the desk's zone."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import dateparser

from bot.errors import BadDate

_EXAMPLES = "Try a date like 2025-03-13, 13 March 2025 or yesterday."


def parse_as_of(text: str, *, zone: ZoneInfo, now: datetime) -> datetime:
    """The last instant of the day `text` names, in `zone`, as an aware datetime.

    As-of queries have day granularity: "as of 13 March 2025" includes everything
    stated on that day. A date in the future is refused rather than silently clamped.
    """
    cleaned = text.strip()
    if not cleaned:
        raise BadDate("“as of” needs a date.", hint=_EXAMPLES)
    local_now = now.astimezone(zone)
    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={
            "TIMEZONE": zone.key,
            "RETURN_AS_TIMEZONE_AWARE": True,
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RELATIVE_BASE": local_now.replace(tzinfo=None),
            "DATE_ORDER": "DMY",
        },
    )
    shown = cleaned if len(cleaned) <= 40 else cleaned[:37] + "…"
    if parsed is None:
        raise BadDate(f"I can't read “{shown}” as a date.", hint=_EXAMPLES)
    day = parsed.astimezone(zone).date()
    if day > local_now.date():
        raise BadDate(f"{day:%-d %b %Y} is in the future.", hint=_EXAMPLES)
    end_of_day = datetime.combine(day, time.min, tzinfo=zone) + timedelta(days=1)
    return end_of_day - timedelta(microseconds=1)


def parse_stated(text: str, *, zone: ZoneInfo, now: datetime) -> datetime:
    """The day `text` names, in `zone`, at noon UTC (the same day in every zone)."""
    day = parse_as_of(text, zone=zone, now=now).date()
    return datetime.combine(day, time(12), tzinfo=UTC)
