"""Long answers page by items: every statement, actor or topic shown once, counted right."""

import json
import re
from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.catalog.creation import create_actor, create_topic
from bot.catalog.names import resolve_actor, resolve_topic
from bot.positions.recording import record_statement
from handlers.blocks import Message
from handlers.blocks.share import shared_message, with_share_button
from handlers.desks.commands import Dispatcher
from store import Stance, unit_of_work
from tests.conftest import NOW
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.statements import contexts, record_many, shown_ids, stored_newest_first

_NEXT = re.compile(r"Next: `/stance (.+)`$")
_BOLD_NAME = re.compile(r"^\S+ \*(.+?)\* — ", re.MULTILINE)


def ask(dispatcher: Dispatcher, text: str) -> Message:
    return dispatcher.handle(text, user="U_REPORTER", now=NOW)


def follow_pages(dispatcher: Dispatcher, text: str) -> list[Message]:
    """Page 1, then whatever each page's typed hint says comes next, to the last page."""
    pages = [ask(dispatcher, text)]
    while hints := [m[1] for line in contexts(pages[-1].blocks) if (m := _NEXT.search(line))]:
        assert len(pages) < 10, "the pages never end"
        pages.append(ask(dispatcher, hints[0]))
    return pages


def assert_fits_slack_however_sent(message: Message, *, text: str) -> None:
    """Privately with its Share button, and shared to the channel with its attribution."""
    assert_valid_blocks(message.blocks)
    assert_valid_blocks(with_share_button(message, command_text=text).blocks)
    shared = shared_message(message, user_id="U0ALICE").blocks
    assert_valid_blocks(shared)
    assert "Shared by <@U0ALICE>" in json.dumps(shared)


def test_sixty_statements_page_through_every_one_exactly_once(
    dispatcher: Dispatcher, engine: Engine
) -> None:
    record_many(engine, actor="putin", topic="ceasefire", count=59, newest=NOW)
    stored = stored_newest_first(engine, actor="putin", topic="ceasefire")
    assert len(stored) == 60

    pages = follow_pages(dispatcher, "history putin on ceasefire")

    shown = [position_id for page in pages for position_id in shown_ids(page.blocks)]
    assert shown == stored  # every statement once, newest first, none dropped
    notes = [line for page in pages for line in contexts(page.blocks) if "Showing" in line]
    assert notes == [
        "Showing 1–20 of 60 statements. Next: `/stance history putin on ceasefire page 2`",
        "Showing 21–40 of 60 statements. Next: `/stance history putin on ceasefire page 3`",
        "Showing 41–60 of 60 statements (the last page).",
    ]
    assert "(41–60 of 60)" in pages[2].text
    for number, page in enumerate(pages, start=1):
        assert_fits_slack_however_sent(page, text=f"history putin on ceasefire page {number}")


def test_as_of_pages_keep_their_date_in_either_order(
    dispatcher: Dispatcher, engine: Engine
) -> None:
    record_many(engine, actor="putin", topic="ceasefire", count=59, newest=NOW)
    first = ask(dispatcher, "history putin on ceasefire as of yesterday")
    after = ask(dispatcher, "history putin on ceasefire as of 2026-11-24 page 2")
    before = ask(dispatcher, "history putin on ceasefire page 2 as of 24 November 2026")

    assert after.blocks == before.blocks
    # "yesterday" is pinned to its date, so the next page means the same day tomorrow too.
    assert (
        "Showing 1–20 of 59 statements. Next: "
        "`/stance history putin on ceasefire as of 2026-11-24 page 2`" in contexts(first.blocks)
    )
    for page in (first, after):
        assert "As known on 24 Nov 2026" in contexts(page.blocks)
        assert_fits_slack_however_sent(page, text="history putin on ceasefire as of 2026-11-24")
    assert "Showing 21–40 of 59 statements" in json.dumps(after.blocks, ensure_ascii=False)


def test_a_page_past_the_end_or_before_the_start_is_a_short_answer(
    dispatcher: Dispatcher, engine: Engine
) -> None:
    record_many(engine, actor="putin", topic="ceasefire", count=59, newest=NOW)
    past = ask(dispatcher, "history putin on ceasefire page 9")
    assert past.text == "⚠️ There is no page 9: this answer has 3 pages. Ask for page 1 to 3."
    assert "Pages start at 1" in ask(dispatcher, "topic ceasefire page 0").text
    assert "has 1 page" in ask(dispatcher, "putin on ceasefire page 2").text


def test_a_crowded_board_pages_by_actor(dispatcher: Dispatcher, engine: Engine) -> None:
    with unit_of_work(engine) as session:
        topic_id = resolve_topic(session, query="ceasefire").id
        for i in range(45):
            actor = create_actor(session, name=f"Minister {i:02d}")
            record_statement(
                session,
                actor_id=actor.id,
                topic_id=topic_id,
                stance=Stance.UNDECIDED,
                quotes=[f"Statement {i}"],
                summary="s" * 400,
                stated_at=datetime(2025, 3, 14, tzinfo=UTC),
                recorded_by="U_TEST",
            )
    pages = follow_pages(dispatcher, "topic ceasefire")

    names = [
        name
        for page in pages
        for block in page.blocks
        if block["type"] == "section"
        for name in _BOLD_NAME.findall(block["text"]["text"])
    ]
    assert sorted(names) == sorted(
        ["Donald Trump", "Vladimir Putin", *(f"Minister {i:02d}" for i in range(45))]
    )
    assert "Showing 41–47 of 47 actors (the last page)." in contexts(pages[-1].blocks)
    for page in pages:
        assert_fits_slack_however_sent(page, text="topic ceasefire")


def test_an_actor_on_many_topics_pages_by_topic(dispatcher: Dispatcher, engine: Engine) -> None:
    with unit_of_work(engine) as session:
        putin = resolve_actor(session, query="putin").id
        for i in range(25):
            topic = create_topic(session, name=f"Sanctions round {i:02d}")
            record_statement(
                session,
                actor_id=putin,
                topic_id=topic.id,
                stance=Stance.OPPOSES,
                quotes=[f"No to round {i}."],
                stated_at=datetime(2025, 3, 14, tzinfo=UTC),
                recorded_by="U_TEST",
            )
    pages = follow_pages(dispatcher, "putin")

    topics = [
        name
        for page in pages
        for block in page.blocks
        if block["type"] == "section"
        for name in _BOLD_NAME.findall(block["text"]["text"])
    ]
    assert len(topics) == len(set(topics)) == 27  # the seed's two, and the 25 rounds
    assert "Showing 21–27 of 27 positions (the last page)." in contexts(pages[-1].blocks)
    for page in pages:
        assert_fits_slack_however_sent(page, text="putin")
