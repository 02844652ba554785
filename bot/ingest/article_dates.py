"""Source facts in an article's own text: its date line or dateline, and a wire outlet.

Explicit patterns find the date; dateparser only reads the matched words, in English,
so prose further down ("talks resume on 3 April") is never taken for the article's date.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import dateparser

_HAS_TIME = re.compile(r"\d{1,2}[:.]\d{2}")
HEAD_CHARS = 1500  # a date line or dateline sits at the top of the story

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?)?"
_DATE = (
    rf"{_WEEKDAY}(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    rf"{_TIME}"
)
_LABELLED = re.compile(
    rf"^\W*(?P<label>Published|Posted|First published|Updated|Last updated)\b(?:\s+on)?:?\s*"
    rf"(?P<date>{_DATE})",
    re.IGNORECASE | re.MULTILINE,
)
_DATE_LINE = re.compile(rf"^\W*(?P<date>{_DATE})\s*$", re.MULTILINE)
# "WASHINGTON, March 13 (Reuters) -" and "KYIV, Ukraine, 13 March 2025 (AP) —"
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,40})?,\s+"
    rf"(?P<date>(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?)"
    r"\s*(?:\((?P<outlet>[A-Z][\w .&'-]{1,40})\))?\s*[-–—]",
    re.MULTILINE,
)


@dataclass(frozen=True)
class ArticleFacts:
    """What the text says about itself; None where it says nothing readable."""

    published_at: datetime | None = None
    outlet: str | None = None


def article_facts(text: str, *, zone: ZoneInfo, now: datetime) -> ArticleFacts:
    """The publication date (and wire outlet) an article's opening lines state."""
    head = text[:HEAD_CHARS]
    dateline = _DATELINE.search(head)
    outlet = dateline.group("outlet").strip() if dateline and dateline.group("outlet") else None
    labelled = sorted(_LABELLED.finditer(head), key=lambda m: m.group("label").casefold()[0] == "u")
    for match in [*labelled[:1], dateline, _DATE_LINE.search(head), *labelled[1:]]:
        if match is None:
            continue
        found = read_date(match.group("date"), zone=zone, now=now)
        if found is not None:
            return ArticleFacts(published_at=found, outlet=outlet)
    return ArticleFacts(outlet=outlet)


def read_date(words: str, *, zone: ZoneInfo, now: datetime) -> datetime | None:
    """An aware datetime for matched date words, or None (unreadable, or in the future)."""
    parsed = dateparser.parse(
        re.sub(r"(\d)\.(\d{2})\b", r"\1:\2", words),
        languages=["en"],
        settings={
            "TIMEZONE": zone.key,
            "RETURN_AS_TIMEZONE_AWARE": True,
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": now.astimezone(zone).replace(tzinfo=None),
            "DATE_ORDER": "DMY",
            "STRICT_PARSING": False,
        },
    )
    if parsed is None or parsed > now + timedelta(days=1):
        return None
    return parsed if _HAS_TIME.search(words) else noon_utc(parsed.date())


def noon_utc(day: date) -> datetime:
    """A date with no time of day, stored at noon UTC: the same day in every desk's zone."""
    return datetime.combine(day, time(12), tzinfo=UTC)
