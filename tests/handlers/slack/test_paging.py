"""Long answers in Slack: Show more over signed requests, shared pages, a spokesperson's words."""

import json
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine

from store import Position
from tests.conftest import NOW, count_rows
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer
from tests.handlers.statements import (
    contexts,
    more_button,
    record_many,
    shown_ids,
    stored_newest_first,
)


def _reply(bot: BotServer, url: str) -> dict[str, Any]:
    """What the bot sent to one response_url."""
    path = urlsplit(url).path
    return bot.slack.wait_for("response_url", where=lambda c: c.params["_path"] == path)[0].params


def test_show_more_pages_a_sixty_statement_history_without_dropping_any(
    bot: BotServer, engine: Engine
) -> None:
    record_many(engine, actor="putin", topic="ceasefire", count=59, newest=NOW)
    private = bot.command("history putin on ceasefire").json
    assert_valid_blocks(private["blocks"])
    assert private["blocks"][-1]["elements"][0]["action_id"] == "share_answer"
    pages = [private["blocks"]]
    while (following := more_button(pages[-1])) is not None:
        assert len(pages) < 10, "the pages never end"
        url = bot.slack.response_url("more")
        assert bot.click(action_id="show_more", value=following, response_url=url).status == 200
        reply = _reply(bot, url)
        # Clicked on the private answer: the next page replaces it, still private.
        assert reply["replace_original"] is True
        assert reply["response_type"] == "ephemeral"
        share = reply["blocks"][-1]["elements"][0]
        assert (share["action_id"], share["value"]) == ("share_answer", following)
        assert_valid_blocks(reply["blocks"])
        pages.append(reply["blocks"])

    shown = [position_id for blocks in pages for position_id in shown_ids(blocks)]
    assert shown == stored_newest_first(engine, actor="putin", topic="ceasefire")
    assert len(pages) == 3
    assert "Showing 21–40 of 60 statements" in json.dumps(pages[1], ensure_ascii=False)
    assert "Showing 41–60 of 60 statements (the last page)." in contexts(pages[2])


def test_show_more_on_a_shared_post_answers_the_clicker_privately(
    bot: BotServer, engine: Engine
) -> None:
    record_many(engine, actor="putin", topic="ceasefire", count=59, newest=NOW)
    url = bot.slack.response_url("more")
    bot.click(
        action_id="show_more",
        value="history putin on ceasefire page 2",
        message={"ts": "1700000000.000100"},  # a message in the channel, not ephemeral
        response_url=url,
    )
    reply = _reply(bot, url)
    assert reply["replace_original"] is False  # the channel's copy stays as it was
    assert reply["response_type"] == "ephemeral"
    assert "Showing 21–40 of 60 statements" in json.dumps(reply["blocks"], ensure_ascii=False)


def test_a_shared_page_keeps_its_attribution_page_note_and_date(
    bot: BotServer, engine: Engine
) -> None:
    record_many(engine, actor="putin", topic="ceasefire", count=59, newest=NOW)
    for asked, note in [
        ("history putin on ceasefire", "Showing 1–20 of 60 statements"),
        ("history putin on ceasefire as of 2026-11-24 page 2", "Showing 21–40 of 59 statements"),
    ]:
        bot.slack.reset()
        bot.click(
            action_id="share_answer",
            value=asked,
            user_id="U0ALICE",
            response_url=bot.slack.response_url("share"),
        )
        posted = bot.slack.wait_for("chat.postMessage")[0].params
        lines = contexts(posted["blocks"])
        assert lines[-1] == "Shared by <@U0ALICE> with Standpoint"
        assert any(line.startswith(note) for line in lines), lines
        if "as of" in asked:
            assert "As known on 24 Nov 2026" in lines
        assert_valid_blocks(posted["blocks"])


def test_show_more_only_pages_questions_it_never_runs_other_commands(
    bot: BotServer, engine: Engine
) -> None:
    before = count_rows(engine, Position)
    forged = 'add putin on ceasefire: opposes "Via a button."'
    bot.click(action_id="show_more", value=forged, response_url=bot.slack.response_url("forged"))
    url = bot.slack.response_url("more")
    bot.click(action_id="show_more", value="topic ceasefire", response_url=url)
    assert "Donald Trump" in json.dumps(_reply(bot, url)["blocks"])
    bot.running.deps.worker.shutdown(wait=True)  # the forged click's job has finished too
    assert len(bot.slack.calls_to("response_url")) == 1
    assert count_rows(engine, Position) == before


def test_a_spokesperson_is_answered_with_what_they_said_for_others(bot: BotServer) -> None:
    body = bot.command("yermak on frozen conflict").json
    seen = json.dumps(body["blocks"], ensure_ascii=False)
    assert "*Speaking for Ukraine:* 🔴 *Opposes*" in seen
    assert "frozen conflict with Russia" in seen
    assert "No statement recorded" not in seen
    assert_valid_blocks(body["blocks"])
