"""Quiet hours as typed, and whether an instant is quiet: wall-clock hours in the zone."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.alerts.quiet_hours import QuietWindow, describe, is_quiet, parse_quiet_window, quiet_ends
from bot.errors import BadCommand, UserError

LONDON = "Europe/London"
NEW_YORK = "America/New_York"


@pytest.mark.parametrize(
    ("typed", "start", "end", "tz"),
    [
        ("22:00-07:00", 22 * 60, 7 * 60, LONDON),
        ("22:00 - 07:00", 22 * 60, 7 * 60, LONDON),
        ("22:00–07:00", 22 * 60, 7 * 60, LONDON),
        ("22:00—07:00", 22 * 60, 7 * 60, LONDON),
        ("10pm to 7am", 22 * 60, 7 * 60, LONDON),
        ("10 pm until 7:30 am", 22 * 60, 7 * 60 + 30, LONDON),
        ("from 23:30 till 06:00 Europe/Paris", 23 * 60 + 30, 6 * 60, "Europe/Paris"),
        ("13:00-14:00 america/new_york", 13 * 60, 14 * 60, NEW_YORK),
        ("10pm-7am EST", 22 * 60, 7 * 60, NEW_YORK),
        ("midnight to 6am UTC", 0, 6 * 60, "UTC"),
        ("22:00 CET - 07:00 CET", 22 * 60, 7 * 60, "Europe/Paris"),
    ],
)
def test_quiet_windows_as_people_type_them(typed: str, start: int, end: int, tz: str) -> None:
    window = parse_quiet_window(typed, default_tz=LONDON)
    assert (window.start_minute, window.end_minute, window.tz) == (start, end, tz)


def test_an_abbreviation_is_read_as_a_place_and_says_so() -> None:
    window = parse_quiet_window("10pm-7am EST", default_tz=LONDON)
    assert "EST taken as America/New_York" in window.note
    assert describe(window) == "22:00–07:00 America/New_York"


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("22:00-07:00 IST", "more than one time zone"),
        ("22:00-07:00 GMT", "more than one time zone"),
        ("22:00-22:00", "different start and end"),
        ("10pm to 22:00", "different start and end"),
        ("22:00 CET - 07:00", "after both times"),
        ("22:00 CET - 07:00 EST", "after both times"),
        ("22:00-07:00 Mars/Olympus", "isn't a time zone"),
        ("late to early", "isn't a time"),
        ("25:00-07:00", "isn't a time"),
        ("13pm-7am", "isn't a time"),
        ("22:00", "from when to when"),
    ],
)
def test_bad_windows_get_a_short_answer_with_a_hint(typed: str, says: str) -> None:
    with pytest.raises(BadCommand) as refused:
        parse_quiet_window(typed, default_tz=LONDON)
    assert says in refused.value.message.casefold()
    assert "quiet" in (refused.value.hint or "")


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80))
def test_any_text_is_a_window_or_a_user_error(text: str) -> None:
    try:
        window = parse_quiet_window(text, default_tz=LONDON)
    except UserError:
        return
    assert 0 <= window.start_minute < 24 * 60
    assert 0 <= window.end_minute < 24 * 60
    assert window.start_minute != window.end_minute


@settings(max_examples=200, deadline=None)
@given(start=st.integers(0, 24 * 60 - 1), end=st.integers(0, 24 * 60 - 1))
def test_typed_24h_clock_times_round_trip(start: int, end: int) -> None:
    typed = f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d} UTC"
    if start == end:
        with pytest.raises(BadCommand):
            parse_quiet_window(typed, default_tz=LONDON)
        return
    window = parse_quiet_window(typed, default_tz=LONDON)
    assert (window.start_minute, window.end_minute, window.tz) == (start, end, "UTC")


def _at(zone: str, *args: int, fold: int = 0) -> datetime:
    year, month, day, hour, minute = args
    local = datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone), fold=fold)
    return local.astimezone(UTC)


def test_a_window_over_midnight() -> None:
    night = QuietWindow(22 * 60, 7 * 60, LONDON)
    assert is_quiet(night, at=_at(LONDON, 2026, 1, 10, 22, 0))
    assert is_quiet(night, at=_at(LONDON, 2026, 1, 10, 23, 59))
    assert is_quiet(night, at=_at(LONDON, 2026, 1, 11, 0, 0))
    assert is_quiet(night, at=_at(LONDON, 2026, 1, 11, 6, 59))
    assert not is_quiet(night, at=_at(LONDON, 2026, 1, 11, 7, 0))
    assert not is_quiet(night, at=_at(LONDON, 2026, 1, 10, 21, 59))
    assert not is_quiet(night, at=_at(LONDON, 2026, 1, 10, 12, 0))


def test_a_window_within_a_day() -> None:
    lunch = QuietWindow(12 * 60, 13 * 60 + 30, NEW_YORK)
    assert is_quiet(lunch, at=_at(NEW_YORK, 2026, 7, 1, 12, 0))
    assert is_quiet(lunch, at=_at(NEW_YORK, 2026, 7, 1, 13, 29))
    assert not is_quiet(lunch, at=_at(NEW_YORK, 2026, 7, 1, 13, 30))
    assert not is_quiet(lunch, at=_at(NEW_YORK, 2026, 7, 1, 11, 59))
    assert not is_quiet(lunch, at=_at(NEW_YORK, 2026, 7, 1, 23, 0))


@pytest.mark.parametrize(
    ("zone", "spring", "autumn"),
    [(LONDON, (2026, 3, 29), (2026, 10, 25)), (NEW_YORK, (2026, 3, 8), (2026, 11, 1))],
)
def test_wall_clock_hours_hold_across_daylight_saving(
    zone: str, spring: tuple[int, int, int], autumn: tuple[int, int, int]
) -> None:
    night = QuietWindow(22 * 60, 7 * 60, zone)
    for day in (spring, autumn):
        # 06:59 and 07:00 local on the change day: an hour off if a fixed offset were kept.
        assert is_quiet(night, at=_at(zone, *day, 6, 59))
        assert not is_quiet(night, at=_at(zone, *day, 7, 0))
        end = quiet_ends(night, at=_at(zone, *day, 3, 30))
        assert end.astimezone(ZoneInfo(zone)).replace(tzinfo=None) == datetime(*day, 7, 0)
    # Clocks going back repeat 01:30; both readings are quiet, and the quiet ends at 07:00.
    for fold in (0, 1):
        repeated = _at(zone, *autumn, 1, 30, fold=fold)
        assert is_quiet(night, at=repeated)
        assert quiet_ends(night, at=repeated) == _at(zone, *autumn, 7, 0)


def test_quiet_ending_in_the_repeated_hour_ends_after_the_moment_asked_about() -> None:
    # 01:30 comes twice on 25 Oct 2026 in London; asked at the second 01:10, the end is the
    # second 01:30, not the first one (which is already past).
    window = QuietWindow(23 * 60, 90, LONDON)
    at = _at(LONDON, 2026, 10, 25, 1, 10, fold=1)
    end = quiet_ends(window, at=at)
    assert end > at
    assert end - at == timedelta(minutes=20)


_ZONES = st.sampled_from([LONDON, NEW_YORK, "UTC", "Asia/Kolkata", "Australia/Lord_Howe"])
_INSTANTS = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=400, deadline=None)
@given(
    start=st.integers(0, 24 * 60 - 1),
    end=st.integers(0, 24 * 60 - 1),
    zone=_ZONES,
    at=_INSTANTS,
)
def test_quiet_ends_after_the_moment_and_is_not_quiet(
    start: int, end: int, zone: str, at: datetime
) -> None:
    if start == end:
        return
    window = QuietWindow(start, end, zone)
    ends = quiet_ends(window, at=at)
    assert ends > at
    assert not is_quiet(window, at=ends)
    # A day, plus the hour a clock change can add.
    assert ends - at <= timedelta(hours=25)
    if is_quiet(window, at=at):
        # Nothing in between is loud: the quiet lasts until its end (checked every 10 min).
        probe = at
        while probe + timedelta(minutes=10) < ends - timedelta(hours=1):
            probe += timedelta(minutes=10)
            assert is_quiet(window, at=probe)
