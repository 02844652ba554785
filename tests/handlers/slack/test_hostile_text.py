"""Stored and model text that tries to ping, link or hide reaches no Slack payload live.

Positions whose every field holds broadcast tokens, mentions, links and invisible characters
(and a fake LLM that writes them) are driven through the real surfaces; every string of every
recorded payload is then checked.
"""

import json
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import Engine
from sqlmodel import Session

from bot.positions.recording import record_statement
from store import (
    Actor,
    ActorAlias,
    ActorKind,
    PositionStatus,
    Source,
    Stance,
    Topic,
    TopicAlias,
    utcnow,
)
from tests.fakes.openai_api import FakeOpenAI, LLMReply
from tests.fakes.signing import app_home_opened, static_select, text_input
from tests.handlers.slack.blockkit import assert_valid_blocks, assert_valid_view
from tests.handlers.slack.conftest import BotServer, llm_settings
from tests.handlers.slack.test_digests import SLOT, TICK, set_up_desk
from tests.handlers.slack.test_drafts import (
    APPROVALS,
    DESK,
    EDITOR,
    button,
    click,
    posts_to_desk,
    told,
)

TOKENS = (
    "<!channel> <!here> <!everyone> <!channel|channel> <!subteam^S0ALL> <@U0ALL> <#C0ALL> "
    "<https://x.example|click>"
)
HIDDEN = "\u202e\u2066\u061c\u200f\u200b\u200d\u2060\ufeff\U000e0041\x1b[2J\x07"
LIVE = ("<!", "<@U0ALL", "<#C0ALL", "<https://x.example", "<http://")


def hostile(word: str) -> str:
    return f"{word}{HIDDEN} {TOKENS}"


@pytest.fixture
def bot_overrides(fake_llm: FakeOpenAI) -> dict[str, Any]:
    return llm_settings(fake_llm, approvers=EDITOR, approval_channel=APPROVALS)


def store_hostile(engine: Engine, *, at: datetime | None = None, candidate: bool = False) -> int:
    """Mallory on Pings (aliases `mallory`, `pings`): every stored field hostile.

    With `candidate`, an ingest candidate as hostile is stored too, and its id returned."""
    with Session(engine) as session:
        actor = Actor(name=hostile("Mallory"), kind=ActorKind.PERSON, description=hostile("Role"))
        topic = Topic(name=hostile("Pings"))
        source = Source(outlet=hostile("Outlet"), url="@U0ALL", title=hostile("Title"))
        session.add_all([actor, topic, source])
        session.flush()
        assert actor.id is not None
        assert topic.id is not None
        session.add(ActorAlias(actor_id=actor.id, alias="mallory", normalized="mallory"))
        session.add(TopicAlias(topic_id=topic.id, alias="pings", normalized="pings"))
        position = record_statement(
            session,
            actor_id=actor.id,
            topic_id=topic.id,
            stance=Stance.CONDITIONAL,
            quotes=[hostile("Quote")],
            summary=hostile("Summary"),
            conditions=[hostile("Condition")],
            source_id=source.id,
            stated_at=at or utcnow(),
            recorded_by="U0REPORTER",
        )
        if candidate:
            position = record_statement(
                session,
                actor_id=actor.id,
                topic_id=topic.id,
                stance=Stance.UNCLEAR,
                quotes=[hostile("Candidate quote")],
                summary=hostile("Summary"),
                source_id=source.id,
                stated_at=at or utcnow(),
                recorded_by="U0REPORTER",
                status=PositionStatus.PROPOSED,
            )
        session.commit()
        assert position.id is not None
        return position.id


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def assert_inert(payload: Any, *, shows: str = "Mallory") -> None:
    """The hostile text arrived, with no live token and no invisible character left."""
    found = list(strings(payload))
    assert any(shows in text for text in found), f"{shows!r} not in {payload!r}"
    assert [text for text in found if any(token in text for token in LIVE)] == []
    invisible = [
        text
        for text in found
        if any(unicodedata.category(ch) in {"Cc", "Cf"} and ch not in "\n\t" for ch in text)
    ]
    assert invisible == []


def sentences(text: str, position_id: int) -> LLMReply:
    return LLMReply.claims((text, [position_id]))


def test_query_answers_carry_nothing_live(bot: BotServer, engine: Engine) -> None:
    store_hostile(engine)
    for query in ("mallory on pings", "mallory", "topic pings", "history mallory on pings"):
        body = bot.command(query).json
        assert_inert(body)
        assert_valid_blocks(body["blocks"])
    assert "&lt;!channel&gt;" in bot.command("mallory on pings").json["text"]


def test_a_shared_answer_carries_nothing_live(bot: BotServer) -> None:
    store_hostile(bot.running.deps.engine)
    bot.click(action_id="share_answer", value="mallory on pings", user_id="U0ALICE")
    posted = bot.slack.wait_for("chat.postMessage")[0].params
    assert_inert(posted)
    assert "(shared by <@U0ALICE>)" in posted["text"]  # the sharer, from Slack's request
    assert (posted["unfurl_links"], posted["unfurl_media"]) == (False, False)
    assert "Shared in <#C0DESK>" in bot.slack.wait_for("response_url")[0].params["text"]


def test_app_home_and_the_candidate_edit_modal_carry_nothing_live(bot: BotServer) -> None:
    position_id = store_hostile(bot.running.deps.engine, candidate=True)
    bot.event(app_home_opened("U0REPORTER"))
    home = bot.slack.wait_for("views.publish")[0].params["view"]
    assert_inert(home)
    assert_valid_view(home)
    bot.click(action_id="candidate_edit", value=str(position_id))
    modal = bot.slack.wait_for("views.open")[0].params["view"]
    assert_inert(modal)
    assert_valid_view(modal)


def test_the_add_form_confirmation_and_its_errors_carry_nothing_live(bot: BotServer) -> None:
    store_hostile(bot.running.deps.engine)
    fields = {
        "actor": text_input("mallory"),
        "topic": text_input("pings"),
        "stance": static_select("opposes", "Opposes"),
        "quote": text_input(hostile("Mallory says")),
        "summary": text_input(hostile("Mallory sums")),
    }
    values = {block: {"value": element} for block, element in fields.items()}
    meta = json.dumps({"channel_id": "C0DESK"})
    assert bot.submit(callback_id="add_position", values=values, private_metadata=meta).json is None
    assert_inert(bot.slack.wait_for("chat.postEphemeral")[0].params)
    values["actor"] = {"value": text_input(hostile("Mallory the unknown"))}
    refused = bot.submit(callback_id="add_position", values=values, private_metadata=meta).json
    assert refused["response_action"] == "errors"
    assert_inert(refused, shows="unknown")


def test_model_text_in_a_draft_reaches_no_card_modal_or_post_live(
    bot: BotServer, fake_llm: FakeOpenAI
) -> None:
    position_id = store_hostile(bot.running.deps.engine)
    # Grounded (it says what Mallory said, on conditions), so it can be approved and posted.
    fake_llm.script(sentences(f"Mallory{HIDDEN} says {TOKENS} on conditions.", position_id))
    assert "Drafting a summary" in bot.command("summarize pings", channel_id=DESK).text
    card = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == APPROVALS)
    assert_inert(card[0].params)
    bot.click(
        action_id="draft_edit", value=button(card[0].params["blocks"], "draft_edit"), user_id=EDITOR
    )
    assert_inert(bot.slack.wait_for("views.open")[0].params["view"])
    url = click(bot, "draft_approve", button(card[0].params["blocks"], "draft_approve"), EDITOR)
    assert "approved and posted" in told(bot, url)
    [post] = posts_to_desk(bot)
    assert_inert(post.params)
    assert (post.params["unfurl_links"], post.params["unfurl_media"]) == (False, False)
    assert_inert(bot.slack.wait_for("chat.update")[0].params)


def test_a_digest_card_and_post_carry_nothing_live(
    bot: BotServer, engine: Engine, fake_llm: FakeOpenAI
) -> None:
    set_up_desk(bot, engine)
    with time_machine.travel(SLOT - timedelta(hours=3), tick=False):
        position_id = store_hostile(engine)
    fake_llm.script(sentences(f"Mallory{HIDDEN} says {TOKENS} on conditions.", position_id))
    bot.running.deps.digests.run_due(now=TICK)
    card = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == APPROVALS)
    assert_inert(card[0].params)
    url = click(bot, "draft_approve", button(card[0].params["blocks"], "draft_approve"), EDITOR)
    assert "approved and posted" in told(bot, url)
    [post] = posts_to_desk(bot)
    assert_inert(post.params)


def test_an_ingest_candidate_list_carries_nothing_live(
    bot: BotServer, fake_llm: FakeOpenAI
) -> None:
    store_hostile(bot.running.deps.engine)
    quote = "We will wake <!channel> and <@U0ALL> via <https://x.example|click> tonight"
    candidate = {
        "speaker": "mallory",
        "actor": "mallory",
        "topic": "pings",
        "stance": "opposes",
        "conditions": [hostile("Only if")],
        "summary": hostile("Wakes everyone"),
        "quote": quote,
    }
    fake_llm.script(LLMReply.json({"candidates": [candidate]}))
    url = bot.slack.response_url("ingest")
    bot.command(f"ingest Mallory told reporters: “{quote}”. Nobody replied.", response_url=url)
    listed = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))
    assert "wake" in json.dumps(listed[0].params["blocks"])  # the candidate is on the list
    assert_inert(listed[0].params)
