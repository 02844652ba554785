"""Signed slash commands through the real Bolt app and HTTP server."""

import json

import pytest
from sqlalchemy import Engine

from store import Position
from tests.conftest import count_rows
from tests.handlers.slack.blockkit import assert_valid_blocks, assert_valid_view
from tests.handlers.slack.conftest import BotServer

QUERIES = [
    ("putin on ceasefire", "Conditional support"),
    ("the Russian President", "Kursk truce"),
    ("topic ceasefire", "Donald Trump"),
    ("history putin on ceasefire", "First statement recorded"),
    ("putin on ceasefire as of 13 March 2025", "As known on 13 Mar 2025"),
]


@pytest.mark.parametrize(("text", "expected"), QUERIES)
def test_each_query_is_answered_privately_with_a_share_button(
    bot: BotServer, text: str, expected: str
) -> None:
    reply = bot.command(text)
    assert reply.status == 200
    body = reply.json
    assert body["response_type"] == "ephemeral"
    assert expected in json.dumps(body["blocks"], ensure_ascii=False)
    share = body["blocks"][-1]
    assert share["type"] == "actions"
    assert share["elements"][0]["action_id"] == "share_answer"
    assert share["elements"][0]["value"] == text
    assert_valid_blocks(body["blocks"])
    assert bot.slack.calls_to("chat.postMessage") == []  # answered in the ack itself


def test_the_answer_carries_the_verbatim_quote_and_outlet(bot: BotServer) -> None:
    body = bot.command("putin on ceasefire").json
    seen = json.dumps(body["blocks"], ensure_ascii=False)
    assert "we certainly support it" in seen
    assert "Reference article" in seen
    assert "Conditional support" in body["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("help", "Standpoint commands"),
        ("obama", "I don't know an actor"),
        ("", "Standpoint commands"),
    ],
)
def test_help_and_errors_are_private_and_not_shareable(
    bot: BotServer, text: str, expected: str
) -> None:
    body = bot.command(text).json
    assert body["response_type"] == "ephemeral"
    assert expected in body["text"]
    assert all(block["type"] != "actions" for block in body["blocks"])
    assert_valid_blocks(body["blocks"])


def test_markup_in_input_is_escaped_in_the_answer(bot: BotServer) -> None:
    body = bot.command("<!channel> on <@U0ALL>").json
    seen = json.dumps(body["blocks"])
    assert "<!channel>" not in seen
    assert "<@U0ALL>" not in seen


def test_add_with_no_arguments_opens_the_modal(bot: BotServer) -> None:
    reply = bot.command("add", trigger_id="trigger-123", channel_id="C0DESK")
    assert reply.status == 200
    opened = bot.slack.wait_for("views.open")[0].params
    assert opened["trigger_id"] == "trigger-123"
    view = opened["view"]
    assert view["callback_id"] == "add_position"
    assert json.loads(view["private_metadata"]) == {"channel_id": "C0DESK"}
    assert {b["block_id"] for b in view["blocks"]} >= {
        "actor",
        "topic",
        "stance",
        "quote",
        "url",
        "date",
    }
    assert_valid_view(view)


def test_quick_add_records_as_the_slack_user(bot: BotServer, engine: Engine) -> None:
    before = count_rows(engine, Position)
    body = bot.command(
        'add trump on kursk: unclear "We are looking at it."', user_id="U0ALICE"
    ).json
    assert "Recorded as position" in body["text"]
    assert "recorded by U0ALICE" in json.dumps(body["blocks"])
    assert count_rows(engine, Position) == before + 1
