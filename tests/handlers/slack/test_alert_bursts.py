"""Alerts in bursts and in quiet hours: grouped into one message, held until the quiet ends."""

import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store import Alert
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_alerts import DESK, SETTLE, add, alerts, posts

LONDON = ZoneInfo("Europe/London")
EVENING = datetime(2026, 11, 25, 23, 0, tzinfo=LONDON)
STANCES = ("opposes", "supports")


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"alert_settle_seconds": SETTLE}


def queued_span(engine: Engine) -> tuple[datetime, datetime]:
    """When the first and the last pending alert were queued."""
    with Session(engine) as session:
        times = session.exec(select(Alert.created_at).order_by(col(Alert.created_at))).all()
    return times[0], times[-1]


def burst(bot: BotServer, count: int, *, start: int = 0) -> None:
    for n in range(start, start + count):
        add(bot, STANCES[n % 2], f"Statement number {n}.")


def test_forty_moves_arriving_over_seconds_are_one_message(bot: BotServer, engine: Engine) -> None:
    bot.command("follow putin")
    with time_machine.travel(EVENING - timedelta(hours=12), tick=True) as clock:
        burst(bot, 20)
        clock.shift(6)  # the rest of the burst arrives six seconds later
        burst(bot, 20, start=20)
    first, last = queued_span(engine)
    assert last - first >= timedelta(seconds=6)
    desk = bot.running.alerts
    assert desk.send_due(now=last + timedelta(seconds=SETTLE - 1)) == []  # still settling
    assert posts(bot) == []
    assert desk.send_due(now=last + timedelta(seconds=SETTLE)) == [f"{DESK}: 40 sent"]
    [post] = posts(bot)
    blocks = post.params["blocks"]
    assert_valid_blocks(blocks)
    assert blocks[0]["text"]["text"] == "🔔 40 moves by people you follow"
    shown = json.dumps(blocks, ensure_ascii=False)
    assert "Statement number 0." in shown  # the first moves in full, oldest first
    assert "Statement number 4." in shown
    assert shown.count("shifted") == 40  # every move is there, the rest a line each
    text = post.params["text"]
    assert text.startswith("🔔 40 moves by people you follow: Vladimir Putin on US ceasefire")
    assert text.endswith("; and 30 more")
    assert desk.send_due(now=last + timedelta(minutes=5)) == []
    assert len(posts(bot)) == 1
    assert {status for *_, status in alerts(engine)} == {"sent"}


def test_a_burst_that_keeps_coming_is_sent_after_forty_seconds(
    bot: BotServer, engine: Engine
) -> None:
    bot.command("follow putin")
    with time_machine.travel(EVENING - timedelta(hours=12), tick=True) as clock:
        burst(bot, 1)
        clock.shift(35)
        burst(bot, 1, start=1)
    first, last = queued_span(engine)
    desk = bot.running.alerts
    assert desk.send_due(now=first + timedelta(seconds=39)) == []
    assert last > first + timedelta(seconds=40 - SETTLE)  # so the newest is still settling
    assert desk.send_due(now=first + timedelta(seconds=40)) == [f"{DESK}: 2 sent"]
    [post] = posts(bot)
    assert post.params["text"].startswith("🔔 2 moves by people you follow")


def test_quiet_hours_hold_alerts_and_send_them_as_one_when_they_end(
    bot: BotServer, engine: Engine
) -> None:
    set_quiet = bot.command("quiet 22:00-07:00 Europe/London").json["text"]
    assert set_quiet.startswith("🌙 This channel's quiet hours: 22:00–07:00 Europe/London.")
    listed = json.dumps(bot.command("following").json["blocks"], ensure_ascii=False)
    assert "Quiet hours: 22:00–07:00 Europe/London" in listed
    bot.command("follow putin")
    with time_machine.travel(EVENING, tick=True) as clock:
        add(bot, "opposes")
        clock.shift(10 * 60)  # 23:10: still quiet
        add(bot, "supports", "We back it now.")
    desk = bot.running.alerts
    for hour, minute in ((23, 30), (3, 0), (6, 59)):
        moment = EVENING.replace(hour=hour, minute=minute)
        moment += timedelta(days=1) if hour < 12 else timedelta()
        assert desk.send_due(now=moment) == []
    assert posts(bot) == []
    assert alerts(engine) == [(DESK, "shift", "pending")] * 2
    morning = EVENING.replace(hour=7) + timedelta(days=1)
    assert desk.send_due(now=morning) == [f"{DESK}: 2 sent"]
    [post] = posts(bot)
    shown = json.dumps(post.params["blocks"], ensure_ascii=False)
    assert "Held during quiet hours (22:00–07:00 Europe/London)." in shown
    assert "held during quiet hours" in post.params["text"]
    assert_valid_blocks(post.params["blocks"])
    assert alerts(engine) == [(DESK, "shift", "sent")] * 2


def test_quiet_off_and_bad_quiet_hours(bot: BotServer) -> None:
    bot.command("quiet 22:00-07:00 Europe/London")
    assert (
        bot.command("quiet off").json["text"] == "🔔 This channel's alerts arrive at any hour now."
    )
    assert "No quiet hours" in json.dumps(bot.command("following").json["blocks"])
    for bad in ("quiet 25:00-07:00", "quiet 22:00-22:00", "quiet tomorrow", "quiet 9-5 Mars/Base"):
        reply = bot.command(bad)
        assert reply.status == 200
        text = reply.json["text"]
        assert "Try: quiet 22:00-07:00" in text, text
        assert len(text) < 300
        assert "Traceback" not in text
