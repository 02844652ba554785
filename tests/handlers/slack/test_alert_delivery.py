"""Alerts when Slack pushes back: 429s, dropped connections, refusals, hostile text."""

import logging
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.alerts.delivery import claim
from bot.alerts.follows import Follower
from store import Alert, unit_of_work, utcnow
from tests.fakes.slack_api import Scripted
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_alerts import DESK, NO_TRUCE, SETTLE, add, alerts, posts, send
from tests.handlers.slack.test_hostile_text import HIDDEN, TOKENS, assert_inert, store_hostile

SHIFTED = "🔔 Vladimir Putin on US ceasefire proposal shifted from Conditional support to Opposes"


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"alert_settle_seconds": SETTLE}


def delivered(bot: BotServer) -> list[str]:
    """The text of each chat.postMessage Slack accepted (those not scripted to fail)."""
    return [c.params["text"] for c in posts(bot)]


def test_a_429_is_retried_after_retry_after_and_delivered_once(
    bot: BotServer, engine: Engine
) -> None:
    bot.command("follow putin")
    add(bot, "opposes")
    bot.slack.script("chat.postMessage", Scripted.rate_limited(retry_after=1))
    assert send(bot) == [f"{DESK}: 1 sent"]
    refused, accepted = posts(bot)
    assert accepted.at - refused.at >= 0.9  # the client waited out Retry-After
    assert accepted.params["text"] == SHIFTED
    assert alerts(engine) == [(DESK, "shift", "sent")]
    assert send(bot) == []
    assert len(posts(bot)) == 2


def test_persistent_429s_keep_the_alert_for_a_later_pass(bot: BotServer, engine: Engine) -> None:
    bot.command("follow putin")
    add(bot, "opposes")
    bot.slack.script("chat.postMessage", *[Scripted.rate_limited(retry_after=1)] * 3)
    assert send(bot) == [f"{DESK}: rate limited, 1 kept for the next pass"]
    assert len(posts(bot)) == 3  # the first try and the client's two retries, all refused
    assert alerts(engine) == [(DESK, "shift", "pending")]
    assert send(bot) == [f"{DESK}: 1 sent"]
    assert send(bot) == []
    assert len(posts(bot)) == 4  # one more post, accepted: delivered exactly once
    assert alerts(engine) == [(DESK, "shift", "sent")]


def test_a_dropped_connection_is_unconfirmed_and_never_resent(
    bot: BotServer, engine: Engine
) -> None:
    bot.command("follow putin")
    add(bot, "opposes")
    bot.slack.script("chat.postMessage", Scripted(drop=True))
    assert send(bot) == [f"{DESK}: 1 unconfirmed"]
    assert alerts(engine) == [(DESK, "shift", "unconfirmed")]
    assert send(bot) == []
    assert send(bot, at=utcnow() + timedelta(hours=1)) == []
    assert len(posts(bot)) == 1  # it may have arrived: never posted again


def test_a_claim_left_by_a_stopped_sender_becomes_unconfirmed(
    bot: BotServer, engine: Engine
) -> None:
    bot.command("follow putin")
    bot.command("follow putin", channel_id="D0ALICE", user_id="U0ALICE")
    add(bot, "opposes")
    now = utcnow() + timedelta(seconds=SETTLE + 1)
    # Two other processes claimed these alerts and stopped before Slack answered them.
    with unit_of_work(engine) as session:
        claim(
            session,
            follower=Follower("T0FAKE", DESK, "channel"),
            by="gone-6-minutes-ago",
            now=now - timedelta(minutes=6),
        )
        claim(
            session,
            follower=Follower("T0FAKE", "U0ALICE", "user"),
            by="gone-4-minutes-ago",
            now=now - timedelta(minutes=4),
        )
    assert send(bot, at=now) == []
    assert posts(bot) == []
    assert alerts(engine) == [(DESK, "shift", "unconfirmed"), ("U0ALICE", "shift", "sending")]
    assert send(bot, at=now + timedelta(minutes=2)) == []
    assert posts(bot) == []
    assert alerts(engine) == [(DESK, "shift", "unconfirmed"), ("U0ALICE", "shift", "unconfirmed")]


@pytest.mark.parametrize("code", ["channel_not_found", "not_in_channel"])
def test_a_refusal_fails_the_alert_and_logs_no_message(
    bot: BotServer, engine: Engine, code: str, caplog: pytest.LogCaptureFixture
) -> None:
    bot.command("follow putin")
    add(bot, "opposes")
    bot.slack.script("chat.postMessage", Scripted.error(code))
    with caplog.at_level(logging.INFO):
        assert send(bot) == [f"{DESK}: 1 failed"]
    assert alerts(engine) == [(DESK, "shift", "failed")]
    with Session(engine) as session:
        assert session.exec(select(Alert.error)).one() == code
    assert f"alerts: failed for target={DESK} (1 alerts): {code}" in caplog.text
    assert NO_TRUCE not in caplog.text
    assert "Putin" not in caplog.text
    assert send(bot) == []
    assert len(posts(bot)) == 1


def test_hostile_names_and_quotes_reach_no_alert_live(bot: BotServer) -> None:
    store_hostile(bot.running.deps.engine)  # Mallory on Pings: every stored field hostile
    bot.command("follow mallory")
    quote = f"Wake up{HIDDEN} {TOKENS} <@U123> & run"
    reply = bot.command(f'add mallory on pings: opposes "{quote}"').json["text"]
    assert "Recorded as position" in reply
    assert send(bot) == [f"{DESK}: 1 sent"]
    [post] = posts(bot)
    assert_inert(post.params)
    assert_valid_blocks(post.params["blocks"])
    assert "<@U123>" not in str(post.params)
    assert "&amp; run" in str(post.params["blocks"])
