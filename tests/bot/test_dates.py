"""`as of` dates: formats, the end-of-day rule, and refusals."""

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.dates import parse_as_of, parse_stated
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


def local(as_of: datetime, zone: ZoneInfo = UTC_ZONE) -> tuple[int, int, int, int, int]:
    moment = as_of.astimezone(zone)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("2025", (2025, 12, 31, 23, 59)),
        ("march 2025", (2025, 3, 31, 23, 59)),
        ("march", (2026, 3, 31, 23, 59)),  # the most recent March
        ("december", (2025, 12, 31, 23, 59)),  # December 2026 is still to come
        ("february 2024", (2024, 2, 29, 23, 59)),
        ("2025-03", (2025, 3, 31, 23, 59)),
        ("last month", (2026, 10, 31, 23, 59)),
        ("last year", (2025, 12, 31, 23, 59)),
    ],
)
def test_a_month_or_a_year_ends_at_its_last_day_not_todays_day_of_it(
    text: str, end: tuple[int, ...]
) -> None:
    assert local(parse_as_of(text, zone=UTC_ZONE, now=NOW)) == end


@pytest.mark.parametrize("text", ["2026", "november", "november 2026", "this month"])
def test_a_month_or_a_year_in_progress_ends_today(text: str) -> None:
    assert local(parse_as_of(text, zone=UTC_ZONE, now=NOW)) == (2026, 11, 25, 23, 59)


def test_the_end_of_a_month_is_in_the_desk_zone() -> None:
    kyiv = ZoneInfo("Europe/Kyiv")
    as_of = parse_as_of("march 2025", zone=kyiv, now=NOW)
    assert local(as_of, kyiv) == (2025, 3, 31, 23, 59)
    assert as_of.astimezone(UTC).hour == 20  # 23:59 in Kyiv is 20:59 UTC (summer time)


@pytest.mark.parametrize(("order", "day"), [("DMY", (2025, 4, 3)), ("MDY", (2025, 3, 4))])
def test_numeric_dates_follow_the_date_order_setting(order: str, day: tuple[int, ...]) -> None:
    as_of = parse_as_of("03/04/2025", zone=UTC_ZONE, now=NOW, date_order=order)
    assert local(as_of)[:3] == day


@pytest.mark.parametrize("text", ["2027", "december 2026", "next year"])
def test_a_period_not_yet_begun_is_refused(text: str) -> None:
    with pytest.raises(BadDate, match="in the future"):
        parse_as_of(text, zone=UTC_ZONE, now=NOW)


def test_a_statement_date_needs_a_day_and_reads_like_as_of() -> None:
    assert parse_stated("13 March 2025", zone=UTC_ZONE, now=NOW) == datetime(
        2025, 3, 13, 12, tzinfo=UTC
    )
    assert parse_stated("03/04/2025", zone=UTC_ZONE, now=NOW, date_order="MDY").day == 4
    with pytest.raises(BadDate, match="Which day"):
        parse_stated("march 2025", zone=UTC_ZONE, now=NOW)
    with pytest.raises(BadDate, match="in the future"):
        parse_stated("2030-01-01", zone=UTC_ZONE, now=NOW)


ZONES = ["UTC", "Europe/London", "Europe/Kyiv", "America/New_York", "Pacific/Auckland"]
SHAPES = ["%Y", "%B", "%B %Y", "%b %Y", "%Y-%m", "%Y-%m-%d", "%d %B %Y", "%d/%m/%Y", "%m/%d/%Y"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)),
    shape=st.sampled_from(SHAPES),
    zone=st.sampled_from(ZONES),
    order=st.sampled_from(["DMY", "MDY"]),
    now=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 1, 1)),
)
def test_any_accepted_date_is_the_end_of_a_local_day_and_never_in_the_future(
    day: date, shape: str, zone: str, order: str, now: datetime
) -> None:
    desk = ZoneInfo(zone)
    moment = now.replace(tzinfo=UTC)
    try:
        as_of = parse_as_of(day.strftime(shape), zone=desk, now=moment, date_order=order)
    except BadDate:
        return
    local_end = as_of.astimezone(desk)
    today = moment.astimezone(desk).date()
    assert local_end.date() <= today
    assert (local_end + timedelta(microseconds=1)).astimezone(desk).time() == time.min
    if shape in {"%Y", "%B %Y", "%b %Y", "%Y-%m"}:  # a whole month or year, as given
        last = date(day.year, 12, 31) if shape == "%Y" else month_end(day)
        assert local_end.date() == min(last, today)
    if shape == "%B":  # the most recent such month
        year = today.year if day.month <= today.month else today.year - 1
        assert local_end.date() == min(month_end(date(year, day.month, 1)), today)


def month_end(day: date) -> date:
    following = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return following - timedelta(days=1)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=30))
def test_any_text_either_reads_as_a_past_day_end_or_is_refused_politely(text: str) -> None:
    try:
        as_of = parse_as_of(text, zone=UTC_ZONE, now=NOW)
    except BadDate:
        return
    assert as_of <= datetime(2026, 11, 25, 23, 59, 59, 999999, tzinfo=UTC)
    assert (as_of + timedelta(microseconds=1)).time() == time.min


# Days no calendar has: said so, in every shape a day is written, for "as of" and "stated".
MONTHS = "January February March April May June July August September October November December"
DAY_SHAPES = [  # (shape, date order it is written for)
    ("{d} {B} {Y}", "DMY"),
    ("{d} {b} {Y}", "MDY"),
    ("{B} {d}, {Y}", "DMY"),
    ("{Y}-{m:02}-{d:02}", "MDY"),
    ("{d:02}/{m:02}/{Y}", "DMY"),
    ("{m:02}/{d:02}/{Y}", "MDY"),
    ("{d}.{m}.{Y}", "DMY"),
]


def _written(shape: str, *, day: int, month: int, year: int = 0) -> str:
    name = MONTHS.split()[month - 1]
    return shape.format(d=day, m=month, Y=year, B=name, b=name[:3])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    year=st.integers(min_value=1990, max_value=2025),
    month=st.integers(min_value=1, max_value=12),
    shape=st.sampled_from(DAY_SHAPES),
    data=st.data(),
)
def test_a_day_past_the_end_of_its_month_is_named_as_such(
    year: int, month: int, shape: tuple[str, str], data: st.DataObject
) -> None:
    last = calendar.monthrange(year, month)[1]
    day = data.draw(st.integers(min_value=1, max_value=31), label="day")
    text = _written(shape[0], day=day, month=month, year=year)
    if day <= last:  # a real day is read as that day, in every shape
        stated = parse_stated(text, zone=UTC_ZONE, now=NOW, date_order=shape[1])
        assert stated.date() == date(year, month, day)
        return
    wrong = f"There is no “{text}”: {MONTHS.split()[month - 1]} {year} has only {last} days."
    for parse in (parse_stated, parse_as_of):
        with pytest.raises(BadDate) as refused:
            parse(text, zone=UTC_ZONE, now=NOW, date_order=shape[1])
        assert refused.value.message == wrong


@settings(max_examples=60, deadline=None)
@given(
    month=st.integers(min_value=1, max_value=12),
    day=st.integers(min_value=29, max_value=39),
    shape=st.sampled_from(["{d} {B}", "{B} {d}", "{d} {b}"]),
)
def test_a_day_no_year_has_is_named_as_such_without_a_year(
    month: int, day: int, shape: str
) -> None:
    most = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    text = _written(shape, day=day, month=month)
    name = MONTHS.split()[month - 1]
    if day <= most and month != 2:
        return
    with pytest.raises(BadDate) as refused:
        parse_as_of(text, zone=UTC_ZONE, now=NOW)
    if day > most:
        limit = "at most 29" if month == 2 else f"only {most}"
        assert refused.value.message == f"There is no “{text}”: {name} has {limit} days."
    else:  # 29 February with no year, read in February 2026, which has 28
        assert refused.value.message == f"There is no “{text}”: February 2026 has only 28 days."
