"""Days that no calendar has: "31 February", "31 April", "29 February 2025", "2025-02-31".

The date parser answers such a day with nothing (or, for "32 March", with March 1932), so
this reads the usual written shapes first and says what is wrong with the day.
"""

import calendar
import re
from datetime import date

# English names, whatever the process's locale (calendar.month_name follows it).
_NAMES = (
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_WORDS = (  # "31 February 2025", "31st of February", "February 31, 2025"
    re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_MONTH}\s+{_DAY}{_YEAR}", re.IGNORECASE),
)
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<year>\d{2}|\d{4})")


def impossible_day(text: str, *, today: date | None = None, date_order: str = "DMY") -> str:
    """What is wrong with the day `text` names ("February 2025 has only 28 days."), or "".

    A day with no year is read in the most recent such month up to `today` (as dates are
    read), so "29 February" in 2026 is refused; with no `today` only days that no year has
    are refused.
    """
    found = _day_month_year(text.strip(), date_order=date_order)
    if found is None:
        return ""
    day, month, year = found
    if not 1 <= month <= 12:
        return ""
    name = _NAMES[month - 1]
    if day < 1:
        return f"{name} has no day {day}: days start at 1."
    if year is None:
        most = 29 if month == 2 else calendar.monthrange(2001, month)[1]
        if day > most:  # no year has it
            return f"{name} has {'at most' if month == 2 else 'only'} {most} days."
        if today is None or month != 2:
            return ""
        # "29 February" is read in the latest February up to today, as the parser reads it.
        year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    last = calendar.monthrange(year, month)[1]
    return f"{name} {year} has only {last} days." if day > last else ""


def _day_month_year(text: str, *, date_order: str) -> tuple[int, int, int | None] | None:
    for pattern in _WORDS:
        if match := pattern.fullmatch(text):
            month = _month_number(match["month"])
            return int(match["day"]), month, int(match["year"]) if match["year"] else None
    if match := _ISO.fullmatch(text):
        return int(match["day"]), int(match["month"]), int(match["year"])
    if match := _NUMERIC.fullmatch(text):
        first, second = int(match["a"]), int(match["b"])
        day, month = (second, first) if date_order == "MDY" else (first, second)
        year = int(match["year"])
        return day, month, year + 2000 if year < 100 else year
    return None


def _month_number(word: str) -> int:
    prefix = word.casefold().rstrip(".")[:3]
    return [name.casefold()[:3] for name in _NAMES].index(prefix) + 1
