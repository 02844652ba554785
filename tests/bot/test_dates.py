"""`as of` dates: formats, the end-of-day rule, and refusals."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.dates import parse_as_of
from bot.errors import BadDate

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
UTC_ZONE = ZoneInfo("UTC")


@pytest.mark.parametrize("text", ["2025-03-13", "13 March 2025", "March 13, 2025", "13/03/2025"])
def test_formats_resolve_to_the_end_of_that_day(text: str) -> None:
    as_of = parse_as_of(text, zone=UTC_ZONE, now=NOW)
    assert (as_of.year, as_of.month, as_of.day, as_of.hour, as_of.minute) == (2025, 3, 13, 23, 59)


def test_yesterday_is_relative_to_now_in_the_desk_zone() -> None:
    as_of = parse_as_of("yesterday", zone=ZoneInfo("America/New_York"), now=NOW)
    assert as_of.date().isoformat() == "2026-11-24"
    assert as_of.utcoffset() is not None


@pytest.mark.parametrize("text", ["the day after the war", "13 Smarch", "99/99/9999", ""])
def test_unreadable_dates_are_refused(text: str) -> None:
    with pytest.raises(BadDate):
        parse_as_of(text, zone=UTC_ZONE, now=NOW)


def test_future_dates_are_refused() -> None:
    with pytest.raises(BadDate, match="in the future"):
        parse_as_of("2030-01-01", zone=UTC_ZONE, now=NOW)
