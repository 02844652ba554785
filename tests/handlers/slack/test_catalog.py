"""People and topics in Slack: lists, aliases, merges, natural questions and choice buttons."""

import json
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.catalog.creation import create_actor
from bot.catalog.names import resolve_actor
from bot.positions.recording import record_statement
from store import (
    Actor,
    ActorAlias,
    ActorKind,
    AuditEvent,
    Position,
    PositionRetraction,
    PositionStatus,
    unit_of_work,
)
from tests.conftest import count_rows
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer
from tests.handlers.statements import contexts, more_button

EDITOR = "U0EDITOR"


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"approvers": EDITOR}


def _seen(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def _reply(bot: BotServer, url: str) -> dict[str, Any]:
    path = urlsplit(url).path
    return bot.slack.wait_for("response_url", where=lambda c: c.params["_path"] == path)[0].params


def test_actors_lists_what_is_tracked_with_counts_and_dates(bot: BotServer) -> None:
    body = bot.command("actors").json
    assert_valid_blocks(body["blocks"])
    seen = _seen(body["blocks"])
    assert "Tracked actors" in seen
    assert "*Vladimir Putin* — person — President of Russia\\n      2 positions" in seen
    assert "last stated 13 Mar 2025" in seen
    assert "*Mark Rutte* — person — Nato Secretary General\\n      0 positions" in seen


def test_the_filter_matches_aliases_and_leaves_out_proposed_and_merged(
    bot: BotServer, engine: Engine
) -> None:
    with unit_of_work(engine) as session:
        session.add(Actor(name="Dmitry Peskov", kind=ActorKind.PERSON, proposed=True))
    seen = _seen(bot.command("actors kyiv").json["blocks"])
    assert "*Ukraine*" in seen
    assert "Putin" not in seen
    assert "Peskov" not in _seen(bot.command("actors").json["blocks"])
    topics = _seen(bot.command("topics TRUCE").json["blocks"])
    assert "*Kursk truce*" in topics
    assert "*US ceasefire proposal*" in topics  # by its alias "truce"
    assert "Frozen conflict" not in topics


def test_a_long_list_pages_with_show_more(bot: BotServer, engine: Engine) -> None:
    with unit_of_work(engine) as session:
        for number in range(25):
            create_actor(session, name=f"Spokesperson {number:02d}")
    first = bot.command("actors spokes").json["blocks"]
    assert "Showing 1–20 of 25 actors. Next: `/stance actors spokes page 2`" in contexts(first)
    following = more_button(first)
    assert following == "actors spokes page 2"
    url = bot.slack.response_url("more")
    bot.click(action_id="show_more", value=following, response_url=url)
    second = _reply(bot, url)["blocks"]
    assert "Showing 21–25 of 25 actors (the last page)." in contexts(second)
    assert "Spokesperson 24" in _seen(second)
    assert "Spokesperson 00" not in _seen(second)


def test_alias_and_unalias_change_what_a_name_resolves_to(bot: BotServer, engine: Engine) -> None:
    added = bot.command("alias putin = Mr Putin", user_id="U0ALICE").json
    assert "“Mr Putin” now names Vladimir Putin." in _seen(added["blocks"])
    assert "Conditional support" in _seen(bot.command("mr putin on ceasefire").json["blocks"])
    removed = bot.command("unalias putin = mr putin", user_id="U0ALICE").json
    assert "“Mr Putin” no longer names Vladimir Putin." in _seen(removed["blocks"])
    with Session(engine) as session:
        events = session.exec(
            select(AuditEvent.action, AuditEvent.user, AuditEvent.detail).where(
                col(AuditEvent.action).in_(["actor.aliased", "actor.unaliased"])
            )
        ).all()
        left = session.exec(select(ActorAlias).where(ActorAlias.normalized == "mr putin")).all()
    assert [(a, u) for a, u, _ in events] == [
        ("actor.aliased", "U0ALICE"),
        ("actor.unaliased", "U0ALICE"),
    ]
    assert events[0][2] == {"alias": "Mr Putin"}
    assert left == []


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("alias trump = Putin", "“Putin” already names Vladimir Putin; it can't name Donald Trump"),
        ("alias topic kursk = frozen front", "would make “frozen” ambiguous"),
        ("unalias putin = Vladimir Putin", "is Vladimir Putin's own name"),
        ("unalias putin = Mr Nobody", "“Mr Nobody” isn't an alias of Vladimir Putin."),
    ],
)
def test_an_alias_that_would_blur_names_is_refused(
    bot: BotServer, engine: Engine, text: str, answer: str
) -> None:
    before = _aliases(engine)
    body = bot.command(text).json
    assert answer in _seen(body["blocks"])
    assert _aliases(engine) == before


def _aliases(engine: Engine) -> list[tuple[int, str]]:
    with Session(engine) as session:
        return sorted((row.actor_id, row.normalized) for row in session.exec(select(ActorAlias)))


def test_merging_moves_positions_speakers_and_names_and_keeps_history(
    bot: BotServer, engine: Engine
) -> None:
    with Session(engine) as session:
        spoken = session.exec(select(Position).where(col(Position.speaker_id).is_not(None))).all()
    assert len(spoken) == 2  # Yermak speaking for Ukraine, in the seed
    spoken_ids = sorted(p.id or 0 for p in spoken)
    refused = bot.command("merge yermak into ukraine").json
    assert "STANDPOINT_APPROVERS" in _seen(refused["blocks"])

    body = bot.command("merge yermak into ukraine", user_id=EDITOR).json
    seen = _seen(body["blocks"])
    assert "Merged Andriy Yermak into Ukraine: 2 positions moved" in seen

    with Session(engine) as session:
        yermak = session.exec(select(Actor).where(Actor.name == "Andriy Yermak")).one()
        ukraine = session.exec(select(Actor).where(Actor.name == "Ukraine")).one()
        assert yermak.merged_into_id == ukraine.id
        retractions = session.exec(select(PositionRetraction)).all()
        assert sorted(r.position_id for r in retractions) == spoken_ids
        for retraction in retractions:
            original = session.get(Position, retraction.position_id)
            copy = session.get(Position, retraction.replaced_by_id)
            assert original is not None
            assert copy is not None
            assert (retraction.kind, retraction.by) == ("merged", EDITOR)
            assert original.status == PositionStatus.RETRACTED
            assert copy.status == PositionStatus.CONFIRMED
            assert (copy.actor_id, copy.speaker_id) == (ukraine.id, ukraine.id)
            assert (copy.quotes, copy.stated_at, copy.topic_id) == (
                original.quotes,
                original.stated_at,
                original.topic_id,
            )
            assert copy.recorded_by == original.recorded_by
            assert f"#{original.id} → #{copy.id}" in seen
        names = set(
            session.exec(select(ActorAlias.normalized).where(ActorAlias.actor_id == ukraine.id))
        )
        assert {"andriy yermak", "yermak", "andrii yermak"} <= names
        merged = session.exec(select(AuditEvent).where(AuditEvent.action == "actor.merged")).one()
        assert merged.user == EDITOR
        assert merged.detail["positions"] == [
            {"from": r.position_id, "to": r.replaced_by_id}
            for r in sorted(retractions, key=lambda r: r.position_id)
        ]
        per_position = session.exec(
            select(AuditEvent.subject_id).where(AuditEvent.action == "position.merged")
        ).all()
        assert sorted(i or 0 for i in per_position) == spoken_ids

    # The merged name is Ukraine's now; the merged actor is not listed.
    assert "Ukraine —" in _seen(bot.command("yermak").json["blocks"])
    assert "Andriy Yermak" not in _seen(bot.command("actors").json["blocks"])


def test_merging_topics_moves_their_positions(bot: BotServer, engine: Engine) -> None:
    body = bot.command("merge topic kursk into frozen conflict", user_id=EDITOR).json
    assert "Merged Kursk truce into Frozen conflict: 1 position moved" in _seen(body["blocks"])
    board = _seen(bot.command("topic kursk").json["blocks"])
    assert "Frozen conflict — where everyone stands" in board
    assert "Vladimir Putin" in board
    with Session(engine) as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "topic.merged")).one()
    assert event.detail["into_name"] == "Frozen conflict"


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("merge putin into vladimir putin", "both name Vladimir Putin"),
        ("merge putin into nobody at all", "I don't know an actor called “nobody at all”"),
    ],
)
def test_merges_that_cannot_be_are_explained(
    bot: BotServer, engine: Engine, text: str, answer: str
) -> None:
    body = bot.command(text, user_id=EDITOR).json
    assert answer in _seen(body["blocks"])
    with Session(engine) as session:
        assert session.exec(select(PositionRetraction)).all() == []


def test_nothing_merges_into_an_actor_merged_before(bot: BotServer) -> None:
    bot.command("merge yermak into ukraine", user_id=EDITOR)
    body = bot.command("merge putin into andriy yermak", user_id=EDITOR).json
    # "Andriy Yermak" names Ukraine now: merging Putin there would go into Ukraine, said so.
    assert "Merged Vladimir Putin into Ukraine" in _seen(body["blocks"])


@pytest.mark.parametrize(
    "text",
    [
        "where does putin stand on the ceasefire?",
        "what did putin say about the ceasefire",
        "what is the Russian President's position on the ceasefire",
        "putin ceasefire",
    ],
)
def test_natural_questions_are_answered(bot: BotServer, text: str) -> None:
    seen = _seen(bot.command(text).json["blocks"])
    assert "Vladimir Putin on US ceasefire proposal" in seen
    assert "Conditional support" in seen


def test_an_unresolved_question_names_the_grammar(bot: BotServer) -> None:
    seen = _seen(bot.command("what did trump say about tariffs?").json["blocks"])
    assert "I don't know a topic called “tariffs”" in seen
    assert "Try: /stance putin on ceasefire" in seen


def test_each_choice_is_a_button_that_asks_again(bot: BotServer, engine: Engine) -> None:
    with unit_of_work(engine) as session:
        create_actor(session, name="Andriy Yermak, Ukraine")  # a comma in a name
    body = bot.command("andriy on ceasefire").json
    assert_valid_blocks(body["blocks"])
    seen = _seen(body["blocks"])
    assert "• *Andriy Yermak* — `/stance Andriy Yermak on ceasefire`" in seen
    assert "• *Andriy Yermak, Ukraine* — `/stance Andriy Yermak, Ukraine on ceasefire`" in seen
    assert "“Andriy Yermak” or “Andriy Yermak, Ukraine”" in body["text"]
    buttons = next(b for b in body["blocks"] if b.get("block_id") == "choices")["elements"]
    assert [(b["text"]["text"], b["value"]) for b in buttons][:2] == [
        ("Andriy Yermak", "Andriy Yermak on ceasefire"),
        ("Andriy Yermak, Ukraine", "Andriy Yermak, Ukraine on ceasefire"),
    ]
    url = bot.slack.response_url("choice")
    bot.click(action_id=buttons[0]["action_id"], value=buttons[0]["value"], response_url=url)
    reply = _reply(bot, url)
    assert reply["replace_original"] is True
    assert "No statement recorded for Andriy Yermak on US ceasefire proposal" in _seen(
        reply["blocks"]
    )


def test_a_word_two_topics_share_asks_with_buttons(bot: BotServer) -> None:
    body = bot.command("putin on truce").json
    seen = _seen(body["blocks"])
    assert "“truce” could mean more than one topic." in seen
    buttons = next(b for b in body["blocks"] if b.get("block_id") == "choices")["elements"]
    assert [b["value"] for b in buttons] == [
        "putin on US ceasefire proposal",
        "putin on Kursk truce",
    ]
    assert "Frozen conflict — where everyone stands" in _seen(
        bot.command("topic frozen").json["blocks"]
    )


def test_a_choice_button_never_runs_a_change(bot: BotServer, engine: Engine) -> None:
    url = bot.slack.response_url("choice")
    reply = bot.click(action_id="choose_name:0", value="alias putin = Mr X", response_url=url)
    assert reply.status == 200
    bot.running.deps.worker.shutdown(wait=True)  # the forged click's job has finished
    assert bot.slack.calls_to("response_url") == []
    with Session(engine) as session:
        assert session.exec(select(ActorAlias).where(ActorAlias.alias == "Mr X")).all() == []


def test_a_merged_statement_the_target_already_has_points_at_that_one(
    bot: BotServer, engine: Engine
) -> None:
    with unit_of_work(engine) as session:
        first = session.get(Position, 1)
        assert first is not None
        trump = resolve_actor(session, query="trump").id
        same = record_statement(
            session,
            actor_id=trump,
            topic_id=first.topic_id,
            stance=first.stance,
            quotes=first.quotes,
            recorded_by="U0ALICE",
            stated_at=first.stated_at,
        )
        assert same.id is not None
        same_id = same.id
    before = count_rows(engine, Position)
    body = bot.command("merge putin into trump", user_id=EDITOR).json
    assert f"#1 → #{same_id}" in _seen(body["blocks"])
    with Session(engine) as session:
        retraction = session.get(PositionRetraction, 1)
        assert retraction is not None
        assert retraction.replaced_by_id == same_id
    assert count_rows(engine, Position) == before + 1  # Putin's other statement, copied


def test_a_topic_asked_as_an_actor_offers_its_board(bot: BotServer) -> None:
    body = bot.command("frozen").json
    assert "I don't know an actor called “frozen”" in _seen(body["blocks"])
    buttons = next(b for b in body["blocks"] if b.get("block_id") == "choices")["elements"]
    assert buttons[0]["value"] == "topic Frozen conflict"
    url = bot.slack.response_url("choice")
    bot.click(action_id=buttons[0]["action_id"], value=buttons[0]["value"], response_url=url)
    assert "Frozen conflict — where everyone stands" in _seen(_reply(bot, url)["blocks"])


def test_a_word_two_topics_share_asked_as_an_actor_offers_both_boards(bot: BotServer) -> None:
    body = bot.command("truce").json
    buttons = next(b for b in body["blocks"] if b.get("block_id") == "choices")["elements"]
    # Both boards, and no people whose names merely look like "truce" (Trump, Rutte).
    assert sorted(button["value"] for button in buttons) == [
        "topic Kursk truce",
        "topic US ceasefire proposal",
    ]
    assert "Trump" not in _seen(body["blocks"])
