"""The day a statement was made: quick add's `stated <date>`, and the add modal's date."""

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.settings.model import Settings
from handlers.desks.commands import Dispatcher
from store import Position
from tests.conftest import NOW, count_rows

QUICK_ADD = 'add trump on kursk: opposes "Not on these terms." https://example.com/t'


def newest(engine: Engine) -> Position:
    with Session(engine) as session:
        return session.exec(select(Position).order_by(col(Position.id).desc())).first()  # type: ignore[return-value]


def stated_day(position: Position) -> date:
    stated = position.stated_at
    return (stated if stated.tzinfo else stated.replace(tzinfo=UTC)).astimezone(UTC).date()


def test_quick_add_records_the_day_it_was_stated(dispatcher: Dispatcher, engine: Engine) -> None:
    added = dispatcher.handle(f"{QUICK_ADD} stated 12 March 2025", user="U_REPORTER", now=NOW)
    assert "Recorded as position" in added.text
    assert stated_day(newest(engine)) == date(2025, 3, 12)
    history = dispatcher.handle("history trump on kursk", user="U_REPORTER", now=NOW)
    assert "12 Mar 2025" in json.dumps(history.blocks, ensure_ascii=False)


def test_quick_add_without_a_url_takes_a_relative_day(
    dispatcher: Dispatcher, engine: Engine
) -> None:
    text = 'add trump on kursk: opposes "Not yet." stated yesterday'
    assert "Recorded as position" in dispatcher.handle(text, user="U_REPORTER", now=NOW).text
    assert stated_day(newest(engine)) == date(2026, 11, 24)


def test_quick_add_stated_today_keeps_the_time_it_was_recorded(
    dispatcher: Dispatcher, engine: Engine
) -> None:
    dispatcher.handle(f"{QUICK_ADD} stated today", user="U_REPORTER", now=NOW)
    stated = newest(engine).stated_at
    assert (stated if stated.tzinfo else stated.replace(tzinfo=UTC)) == NOW


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("1 January 2030", "1 Jan 2030 is in the future."),
        ("someday soon", "I can't read “someday soon” as a date."),
    ],
)
def test_quick_add_refuses_a_future_or_unreadable_day_and_records_nothing(
    dispatcher: Dispatcher, engine: Engine, day: str, message: str
) -> None:
    before = count_rows(engine, Position)
    answer = dispatcher.handle(f"{QUICK_ADD} stated {day}", user="U_REPORTER", now=NOW)
    assert message in answer.text
    assert "Try a date like" in answer.text
    assert count_rows(engine, Position) == before


def test_a_statement_made_in_the_desks_evening_keeps_its_day(engine: Engine) -> None:
    """10:30pm in New York is already tomorrow in UTC: the day typed is the day kept."""
    settings = Settings(_env_file=None, database_url="sqlite://", tz="America/New_York")
    late = datetime(2026, 11, 26, 3, 30, tzinfo=UTC)  # 22:30 on the 25th in New York
    dispatcher = Dispatcher(engine=engine, settings=settings)
    dispatcher.handle(f"{QUICK_ADD} stated 24 November 2026", user="U_REPORTER", now=late)
    assert stated_day(newest(engine)) == date(2026, 11, 24)
    refused = dispatcher.handle(f"{QUICK_ADD} stated 26 November 2026", user="U_X", now=late)
    assert "is in the future" in refused.text
