"""Block Kit limits: sections of at most 3000 characters, at most 50 blocks, escaping."""

from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.positions.recording import record_statement
from handlers.blocks.kit import (
    MAX_BLOCKS,
    MAX_SECTION_CHARS,
    escape,
    fit,
    header,
    link,
    section,
    sections,
)
from handlers.desks.commands import Dispatcher
from store import Actor, ActorAlias, ActorKind, Stance, unit_of_work
from tests.conftest import NOW
from tests.handlers.slack.blockkit import assert_valid_blocks


def _check_limits(blocks: list[dict]) -> None:
    assert len(blocks) <= MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION_CHARS
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150


def test_sections_pack_lines_and_split_long_ones() -> None:
    blocks = sections(["short"] * 3 + ["word " * 1500])
    _check_limits(blocks)
    joined = " ".join(b["text"]["text"] for b in blocks)
    assert joined.count("word") == 1500
    assert blocks[0]["text"]["text"].startswith("short\nshort\nshort")


def test_fit_caps_blocks_and_says_how_many_were_left_out() -> None:
    blocks = fit([section(str(i)) for i in range(80)], more_hint="Narrow it.")
    assert len(blocks) == MAX_BLOCKS
    assert blocks[-1]["elements"][0]["text"] == "…and 31 more blocks not shown. Narrow it."


def test_fit_never_cuts_what_it_must_keep() -> None:
    kept = fit([section(str(i)) for i in range(80)], keep=[section("page note")], room=1)
    assert len(kept) == MAX_BLOCKS - 1
    assert kept[-1]["text"]["text"] == "page note"
    assert kept[-2]["elements"][0]["text"] == "…and 33 more blocks not shown."


def test_escape_and_links_cannot_inject_markup() -> None:
    assert escape("<!here> & <@U1>") == "&lt;!here&gt; &amp; &lt;@U1&gt;"
    assert link("https://x.test/a|b>c", "<b>") == "<https://x.test/a%7Cb%3Ec|&lt;b&gt;>"
    assert len(header("h" * 400)["text"]["text"]) == 150


def test_a_crowded_board_stays_within_slack_limits(engine: Engine, dispatcher: Dispatcher) -> None:
    with unit_of_work(engine) as session:
        topic_id = 1  # the seed's US ceasefire proposal
        for i in range(120):
            actor = Actor(name=f"Minister {i:03d}", kind=ActorKind.PERSON)
            session.add(actor)
            session.flush()
            assert actor.id is not None
            session.add(
                ActorAlias(actor_id=actor.id, alias=actor.name, normalized=actor.name.lower())
            )
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
    message = dispatcher.handle("topic ceasefire", user="U_REPORTER", now=NOW)
    _check_limits(message.blocks)
    assert_valid_blocks(message.blocks)
    seen = " ".join(b["text"]["text"] for b in message.blocks if b["type"] == "section")
    assert "Minister 000" in seen
    assert "Vladimir Putin" in seen


def test_terminal_rendering_of_mrkdwn() -> None:
    from handlers.shell.render import mrkdwn_to_rich

    assert mrkdwn_to_rich("*Shift* &amp; <https://a.test|a.test> [x]") == (
        "[bold]Shift[/bold] & a.test (https://a.test) \\[x]"
    )
    assert mrkdwn_to_rich("<https://a.test|https://a.test>") == "https://a.test"
    assert mrkdwn_to_rich("> “quoted”").startswith("[green]▌[/green] [italic]")
