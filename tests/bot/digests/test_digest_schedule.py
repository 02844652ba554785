"""Digest slots across DST changes: the wall-clock time holds, nothing doubled or lost."""

from datetime import UTC, datetime

import pytest

from bot.digests.schedule import slots_between
from bot.digests.times import parse_days, parse_time
from bot.errors import BadCommand
from store import DigestSchedule


def schedule(tz: str, days: str = "mon-sun", hour: int = 7, minute: int = 0) -> DigestSchedule:
    return DigestSchedule(
        channel_id="C1", tz=tz, days=days, hour=hour, minute=minute, created_by="t"
    )


@pytest.mark.parametrize(
    ("tz", "before", "after", "utc_hours"),
    [
        # Europe/London springs forward on 29 Mar 2026 and falls back on 25 Oct 2026.
        (
            "Europe/London",
            datetime(2026, 3, 27, tzinfo=UTC),
            datetime(2026, 3, 31, tzinfo=UTC),
            [7, 7, 6, 6],
        ),
        (
            "Europe/London",
            datetime(2026, 10, 23, tzinfo=UTC),
            datetime(2026, 10, 27, tzinfo=UTC),
            [6, 6, 7, 7],
        ),
        # America/New_York springs forward on 8 Mar 2026 and falls back on 1 Nov 2026.
        (
            "America/New_York",
            datetime(2026, 3, 5, 12, 30, tzinfo=UTC),
            datetime(2026, 3, 9, 11, 30, tzinfo=UTC),
            [12, 12, 11, 11],
        ),
        (
            "America/New_York",
            datetime(2026, 10, 29, 12, 30, tzinfo=UTC),
            datetime(2026, 11, 2, 12, 30, tzinfo=UTC),
            [11, 11, 12, 12],
        ),
    ],
)
def test_seven_oclock_local_every_day_across_dst(
    tz: str, before: datetime, after: datetime, utc_hours: list[int]
) -> None:
    slots = slots_between(schedule(tz), after=before, until=after)
    assert len(slots) == 4  # one a day: no doubled and no lost digest
    assert [s.astimezone(UTC).hour for s in slots] == utc_hours
    assert all((s.hour, s.minute) == (7, 0) for s in slots)  # in the zone's own time
    assert len({s.date() for s in slots}) == 4


def test_a_digest_at_the_skipped_hour_still_runs_once_on_the_spring_change() -> None:
    slots = slots_between(
        schedule("Europe/London", hour=1, minute=30),
        after=datetime(2026, 3, 28, tzinfo=UTC),
        until=datetime(2026, 3, 30, 6, tzinfo=UTC),
    )
    assert [slot.day for slot in slots] == [28, 29, 30]  # 29 Mar has no 01:30, still one run


def test_weekdays_only() -> None:
    slots = slots_between(
        schedule("Europe/London", days="mon-fri"),
        after=datetime(2026, 11, 20, 12, tzinfo=UTC),
        until=datetime(2026, 11, 27, 12, tzinfo=UTC),
    )
    assert [s.strftime("%a") for s in slots] == ["Mon", "Tue", "Wed", "Thu", "Fri"]


def test_parsing_times_zones_and_days() -> None:
    assert parse_time("07:30", default_tz="UTC") == (7, 30, "UTC", "")
    assert parse_time("6.45 America/New_York", default_tz="UTC") == (
        6,
        45,
        "America/New_York",
        "",
    )
    assert parse_days("daily") == "mon-sun"
    assert parse_days("Mon, Wed, Fri") == "mon,wed,fri"
    for bad in ("25:00", "7", "07:00 Mars/Olympus"):
        with pytest.raises(BadCommand):
            parse_time(bad, default_tz="UTC")
    with pytest.raises(BadCommand):
        parse_days("someday")


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("7am", (7, 0, "UTC")),
        ("7 AM", (7, 0, "UTC")),
        ("7:30 pm", (19, 30, "UTC")),
        ("7.30p.m.", (19, 30, "UTC")),
        ("12am", (0, 0, "UTC")),
        ("12pm", (12, 0, "UTC")),
        ("noon", (12, 0, "UTC")),
        ("19:00 Europe/London", (19, 0, "Europe/London")),
        ("19:00 europe/london", (19, 0, "Europe/London")),
    ],
)
def test_times_as_people_write_them(text: str, clock: tuple[int, int, str]) -> None:
    when = parse_time(text, default_tz="UTC")
    assert (when.hour, when.minute, when.tz) == clock
    assert when.note == ""


@pytest.mark.parametrize(
    ("abbreviation", "zone"),
    [
        ("EST", "America/New_York"),
        ("pst", "America/Los_Angeles"),
        ("CET", "Europe/Paris"),
        ("BST", "Europe/London"),
    ],
)
def test_a_zone_abbreviation_is_read_as_its_place_and_said(abbreviation: str, zone: str) -> None:
    when = parse_time(f"7am {abbreviation}", default_tz="UTC")
    assert (when.hour, when.tz) == (7, zone)
    assert when.note == f"{abbreviation.upper()} taken as {zone} (follows daylight saving)."
    # The place, not a fixed offset: 07:00 local in winter and in summer alike.
    winter, summer = (
        slots_between(
            schedule(when.tz),
            after=datetime(2026, month, 10, tzinfo=UTC),
            until=datetime(2026, month, 11, 23, tzinfo=UTC),
        )[0]
        for month in (1, 7)
    )
    assert winter.utcoffset() != summer.utcoffset()
    assert (winter.hour, summer.hour) == (7, 7)


@pytest.mark.parametrize("abbreviation", ["IST", "CST", "GMT"])
def test_an_abbreviation_naming_several_places_is_refused_with_the_choices(
    abbreviation: str,
) -> None:
    with pytest.raises(BadCommand, match="more than one time zone") as refused:
        parse_time(f"07:00 {abbreviation}", default_tz="UTC")
    assert "Say which: digest at 07:00 " in refused.value.hint


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("tuesday", "tue"),
        ("Tuesdays", "tue"),
        ("tuesday and thursday", "tue,thu"),
        ("Monday - Friday", "mon-fri"),
        ("weekend", "sat,sun"),
    ],
)
def test_days_as_people_write_them(text: str, days: str) -> None:
    assert parse_days(text) == days
