"""The speaker lock in Slack: a model's candidate whose words the article gives to someone else
is marked on its card (escaped), its Confirm and Confirm as… are refused, and Edit fixes it."""

import json
from typing import Any

import pytest
from sqlmodel import Session, select

from store import CandidateProblem, Position, PositionStatus
from tests.fakes.openai_api import FakeOpenAI, LLMReply
from tests.fakes.signing import static_select, text_input
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer, llm_settings
from tests.handlers.slack.test_ingest_slack import candidate_buttons

ARTICLE = (
    "WASHINGTON, March 14 (Reuters) - Trump and Putin spoke about the ceasefire. "
    "“We will never accept that ceasefire,” Trump said. "
    "“The ceasefire needs more work,” Putin said. "
    "“Nobody wants a frozen conflict,” Trump said."
)
PROBLEM = "the article gives these words to Donald Trump, not Vladimir Putin"
HOSTILE = "Putin <@U0ALL> & <!channel>"


@pytest.fixture
def bot_overrides(fake_llm: FakeOpenAI) -> dict[str, Any]:
    return llm_settings(fake_llm)


def said(speaker: str, quote: str) -> dict[str, Any]:
    return {
        "speaker": speaker,
        "actor": "Vladimir Putin",
        "topic": "ceasefire",
        "stance": "opposes",
        "conditions": [],
        "summary": "",
        "quote": quote,
    }


def ingest(bot: BotServer, fake_llm: FakeOpenAI) -> dict[str, Any]:
    fake_llm.script(
        LLMReply.json(
            {
                "candidates": [
                    said("Putin", "We will never accept that ceasefire"),  # Trump's
                    said("Putin", "The ceasefire needs more work"),  # Putin's own
                    said(HOSTILE, "Nobody wants a frozen conflict"),  # Trump's, a hostile name
                ]
            }
        )
    )
    url = bot.slack.response_url("ingest")
    bot.command(f"ingest {ARTICLE}", response_url=url)
    calls = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))
    return calls[0].params


def cards(message: dict[str, Any]) -> dict[str, str]:
    """Each candidate's section text by its id."""
    found = {}
    for block in message["blocks"]:
        text = block.get("text", {}).get("text", "")
        if block["type"] == "section" and text.startswith("*#"):
            found[text[2:].split("*", 1)[0]] = text
    return found


def told(bot: BotServer, url: str) -> str:
    calls = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))
    return str(calls[0].params["text"])


def test_the_card_marks_the_swapped_speaker_and_offers_no_confirm(
    bot: BotServer, fake_llm: FakeOpenAI
) -> None:
    message = ingest(bot, fake_llm)
    assert_valid_blocks(message["blocks"])
    by_id = cards(message)
    swapped, right, hostile = sorted(by_id, key=int)
    assert f"\n⚠ {PROBLEM} — Edit to choose the speaker, or Discard\n> “We will" in by_id[swapped]
    assert "⚠" not in by_id[right]
    # The model's speaker is shown as text, never as a live mention or broadcast.
    assert (
        "⚠ the article gives these words to Donald Trump, not Putin &lt;@U0ALL&gt; &amp; "
        "&lt;!channel&gt; — Edit" in by_id[hostile]
    )
    assert "<@U0ALL>" not in json.dumps(message)
    buttons = candidate_buttons(message)
    assert buttons["candidate_confirm"] == [right]
    assert sorted(buttons["candidate_edit"], key=int) == [swapped, right, hostile]
    menus = [
        option["value"].split("|")[0]
        for block in message["blocks"]
        for element in block.get("elements", [])
        if element.get("action_id") == "candidate_confirm_as"
        for option in element["options"]
    ]
    assert set(menus) == {right}


def test_confirm_and_confirm_as_are_refused_and_edit_fixes_it(
    bot: BotServer, fake_llm: FakeOpenAI
) -> None:
    swapped, right, _ = sorted(cards(ingest(bot, fake_llm)), key=int)
    refusal = f"Candidate #{swapped} can't be confirmed as it is: {PROBLEM}."
    url = bot.slack.response_url("confirm")
    bot.click(action_id="candidate_confirm", value=swapped, response_url=url)
    assert refusal in told(bot, url)
    url = bot.slack.response_url("confirm-as")
    bot.click(
        action_id="candidate_confirm_as",
        value=f"{swapped}|supports",
        element="static_select",
        response_url=url,
    )
    assert refusal in told(bot, url)
    with Session(bot.running.deps.engine) as session:
        position = session.get(Position, int(swapped))
        assert position is not None
        assert position.status == PositionStatus.PROPOSED

    bot.click(action_id="candidate_edit", value=swapped, response_url=bot.slack.response_url("e"))
    modal = bot.slack.wait_for("views.open")[0].params["view"]
    prefilled = {b["block_id"]: b["element"].get("initial_value") for b in modal["blocks"]}
    assert prefilled["actor"] == "Vladimir Putin"
    values = {
        "actor": {"value": text_input("Donald Trump")},
        "topic": {"value": text_input("ceasefire")},
        "stance": {"value": static_select("opposes")},
        "quote": {"value": text_input(prefilled["quote"])},
        "summary": {"value": text_input("")},
    }
    reply = bot.submit(
        callback_id="add_position", values=values, private_metadata=modal["private_metadata"]
    )
    assert reply.status == 200
    assert "Recorded as position" in bot.slack.wait_for("chat.postEphemeral")[0].params["text"]
    with Session(bot.running.deps.engine) as session:
        old = session.get(Position, int(swapped))
        assert old is not None
        assert old.status == PositionStatus.RETRACTED
        problems = {p.position_id for p in session.exec(select(CandidateProblem))}
        newest = max(session.exec(select(Position.id)).all(), key=lambda i: i or 0)
    assert newest not in problems  # the edited statement has no problem
    assert int(swapped) in problems
    assert int(right) not in problems
