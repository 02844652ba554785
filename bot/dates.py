"""`as of <date>`: natural-language dates, resolved to the end of the period they name.

"as of 13 March 2025" ends that day, "as of march" the most recent March, "as of 2025" that
year, all in the desk's zone; a month or year still in progress ends today. Numeric dates
such as 03/04/2025 follow STANDPOINT_DATE_ORDER (DMY by default, or MDY). A day no
calendar has ("31 February", "29 February 2025") is answered with what is wrong with it.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateparser.date import DateDataParser

from bot.calendar_days import impossible_day
from bot.errors import BadDate

_EXAMPLES = "Try a date like 2025-03-13, 13 March 2025, March 2025, 2025 or yesterday."
_DAY_EXAMPLES = "Try a day like 2025-03-13, 13 March 2025 or yesterday."


def parse_as_of(text: str, *, zone: ZoneInfo, now: datetime, date_order: str = "DMY") -> datetime:
    """The last instant of the day, week, month or year `text` names, in `zone`.

    A period still in progress ends at the end of today; one that starts after today
    is refused rather than silently clamped.
    """
    _, last = _period(text, zone=zone, now=now, date_order=date_order)
    return _end_of(min(last, now.astimezone(zone).date()), zone)


def parse_stated(text: str, *, zone: ZoneInfo, now: datetime, date_order: str = "DMY") -> datetime:
    """The day `text` names, in `zone`, at noon UTC (the same day in every zone).

    A statement is made on one day: a month or a year alone is refused, not guessed.
    """
    first, last = _period(text, zone=zone, now=now, date_order=date_order)
    if first != last:
        raise BadDate(f"Which day in “{_shown(text)}”?", hint=_DAY_EXAMPLES)
    return datetime.combine(first, time(12), tzinfo=UTC)


def parse_since(text: str, *, zone: ZoneInfo, now: datetime, date_order: str = "DMY") -> datetime:
    """The first instant, in `zone`, of the day, week, month or year `text` names ("since …")."""
    first, _ = _period(text, zone=zone, now=now, date_order=date_order)
    return datetime.combine(first, time.min, tzinfo=zone)


def _period(text: str, *, zone: ZoneInfo, now: datetime, date_order: str) -> tuple[date, date]:
    """The first and last day of the period `text` names (not in the future)."""
    cleaned = text.strip()
    if not cleaned:
        raise BadDate("“as of” needs a date.", hint=_EXAMPLES)
    today = now.astimezone(zone).date()
    if problem := impossible_day(cleaned, today=today, date_order=date_order):
        raise BadDate(f"There is no “{_shown(cleaned)}”: {problem}", hint=_DAY_EXAMPLES)
    # dateparser fills the parts not given from RELATIVE_BASE; `period` says which were given.
    parser = DateDataParser(
        languages=["en"],
        settings={
            "TIMEZONE": zone.key,
            "RETURN_AS_TIMEZONE_AWARE": True,
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RELATIVE_BASE": now.astimezone(zone).replace(tzinfo=None),
            "DATE_ORDER": date_order,
        },
    )
    try:
        data = parser.get_date_data(cleaned)
    except (ValueError, OverflowError) as error:
        raise BadDate(f"I can't read “{_shown(cleaned)}” as a date.", hint=_EXAMPLES) from error
    if data.date_obj is None:
        raise BadDate(f"I can't read “{_shown(cleaned)}” as a date.", hint=_EXAMPLES)
    day = data.date_obj.astimezone(zone).date()
    first, last = _bounds(day, period=data.period or "day")
    if first > today:
        raise BadDate(f"{_named(first, data.period)} is in the future.", hint=_EXAMPLES)
    return first, last


def _bounds(day: date, *, period: str) -> tuple[date, date]:
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if period == "month":
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1)
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    return day, day


def _end_of(day: date, zone: ZoneInfo) -> datetime:
    # Midnight of the next day in the zone, less a microsecond: right on DST change days too.
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone) - timedelta(
        microseconds=1
    )


def _named(first: date, period: str | None) -> str:
    if period == "year":
        return f"{first:%Y}"
    if period == "month":
        return f"{first:%B %Y}"
    return f"{first:%-d %b %Y}"


def _shown(text: str) -> str:
    cleaned = text.strip()
    return cleaned if len(cleaned) <= 40 else cleaned[:37] + "…"
