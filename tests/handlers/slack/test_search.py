"""`/stance search` over signed HTTP: what the reader sees, page by page."""

import json
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import Engine

from bot.catalog.names import resolve_actor, resolve_topic
from bot.positions.recording import record_statement
from store import Stance, unit_of_work
from tests.conftest import NOW
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer
from tests.handlers.statements import contexts, more_button, record_many


def _reply(bot: BotServer, url: str) -> dict[str, Any]:
    path = urlsplit(url).path
    return bot.slack.wait_for("response_url", where=lambda c: c.params["_path"] == path)[0].params


def test_a_search_is_answered_privately_with_matches_in_bold(bot: BotServer) -> None:
    reply = bot.command('search "frozen conflict"')
    assert reply.status == 200
    body = reply.json
    assert body["response_type"] == "ephemeral"
    seen = json.dumps(body["blocks"], ensure_ascii=False)
    assert "*Ukraine* on *Frozen conflict* — Opposes · 13 Mar 2025 · #5" in seen
    assert "(said by Andriy Yermak)" in seen
    assert "> “*frozen conflict* with Russia”" in seen
    assert "Ukraine on Frozen conflict: Opposes (13 Mar 2025, #5)" in body["text"]
    share = body["blocks"][-1]["elements"][0]
    assert (share["action_id"], share["value"]) == ("share_answer", 'search "frozen conflict"')
    assert_valid_blocks(body["blocks"])


def test_show_more_pages_through_every_hit(bot: BotServer, engine: Engine) -> None:
    record_many(engine, actor="putin", topic="ceasefire", count=25, newest=NOW)
    first = bot.command("search statement number").json
    assert "Showing 1–20 of 25 statements" in json.dumps(first["blocks"], ensure_ascii=False)
    following = more_button(first["blocks"])
    assert following == "search statement number page 2"
    url = bot.slack.response_url("more")
    assert bot.click(action_id="show_more", value=following, response_url=url).status == 200
    second = _reply(bot, url)
    assert "Showing 21–25 of 25 statements (the last page)." in contexts(second["blocks"])
    shown = json.dumps([first["blocks"], second["blocks"]], ensure_ascii=False)
    assert all(f"*Statement number* {i:03d}." in shown for i in range(25))
    assert_valid_blocks(second["blocks"])


def test_stored_markup_in_a_hit_is_escaped(bot: BotServer, engine: Engine) -> None:
    with unit_of_work(engine) as session:
        record_statement(
            session,
            actor_id=resolve_actor(session, query="putin").id,
            topic_id=resolve_topic(session, query="ceasefire").id,
            stance=Stance.OPPOSES,
            quotes=["Tell <!channel> & <@U0ALL>: the referendum is off"],
            stated_at=NOW,
            recorded_by="U_TEST",
        )
    body = bot.command("search referendum").json
    seen = json.dumps(body["blocks"], ensure_ascii=False)
    assert "&lt;!channel&gt; &amp; &lt;@U0ALL&gt;: the *referendum* is off" in seen
    assert "<!channel>" not in seen
    assert "<@U0ALL>" not in seen


@pytest.mark.parametrize(
    "text",
    ['search "', "search NEAR(a b) * -x", "search {summary}: ^a", "search " + "x" * 100_000],
)
def test_hostile_searches_get_a_short_answer_never_a_failure(bot: BotServer, text: str) -> None:
    reply = bot.command(text)
    assert reply.status == 200
    assert "something went wrong" not in reply.text
    assert reply.json["response_type"] == "ephemeral"
