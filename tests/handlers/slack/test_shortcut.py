"""The "Extract positions" message shortcut: a message, or its first link, ingested privately."""

import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from store import Position, PositionStatus
from tests.fakes import signing
from tests.fakes.article_page import article_html, serving_page
from tests.fakes.slack_api import Scripted
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer

ARTICLE = resources.files("seeds").joinpath("seed-article.txt").read_text("utf-8")


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"fetch_allow_private": True}  # the linked article is served on 127.0.0.1


@pytest.fixture
def article_url() -> Iterator[str]:
    with serving_page(article_html("Putin backs truce on his terms", ARTICLE.splitlines())) as url:
        yield url


def extract(bot: BotServer, text: str) -> None:
    body = signing.message_action(
        callback_id="extract_positions", text=text, response_url=bot.slack.response_url("sc")
    )
    reply = bot.send(body)
    assert reply.status == 200


def proposed(engine: Engine) -> list[Position]:
    with Session(engine) as session:
        rows = session.exec(select(Position).where(Position.status == PositionStatus.PROPOSED))
        return list(rows)


def test_a_messages_text_is_ingested_privately_for_the_clicker(
    bot: BotServer, engine: Engine
) -> None:
    extract(bot, ARTICLE.replace("&", "&amp;"))
    note = bot.slack.wait_for("chat.postEphemeral")[0].params
    assert (note["channel"], note["user"]) == ("C0DESK", "U0REPORTER")
    assert_valid_blocks(note["blocks"])
    seen = json.dumps(note["blocks"], ensure_ascii=False)
    assert "Candidates from the article" in seen
    assert "Vladimir Putin" in seen
    assert proposed(engine)
    assert bot.slack.calls_to("chat.postMessage") == []


def test_the_article_at_the_first_link_is_read(
    bot: BotServer, engine: Engine, article_url: str
) -> None:
    extract(bot, f"Worth a read: <{article_url}|Putin on the truce> and <https://example.com/x>")
    note = bot.slack.wait_for("chat.postEphemeral")[0].params
    seen = json.dumps(note["blocks"], ensure_ascii=False)
    assert "Candidates from Putin backs truce on his terms" in seen
    assert "Vladimir Putin" in seen
    assert proposed(engine)


def test_when_the_channel_refuses_the_answer_comes_as_a_direct_message(bot: BotServer) -> None:
    bot.slack.script("chat.postEphemeral", Scripted.error("channel_not_found"))
    extract(bot, "No quotes here, just a note to the desk.")
    dm = bot.slack.wait_for("chat.postMessage")[0].params
    assert dm["channel"] == "U0REPORTER"
    assert "No candidate positions found." in json.dumps(dm["blocks"])


def test_a_message_with_nothing_to_read_says_so(bot: BotServer, engine: Engine) -> None:
    extract(bot, "<@U0EDITOR>")
    note = bot.slack.wait_for("chat.postEphemeral")[0].params
    assert note["text"] == "That message has no text or link to read positions from."
    assert proposed(engine) == []
