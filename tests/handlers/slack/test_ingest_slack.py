"""`/stance ingest` in Slack: candidates to review with Confirm / Edit / Discard."""

import json
from importlib import resources

from sqlalchemy import Engine
from sqlmodel import Session

from store import Position, PositionStatus
from tests.fakes.signing import static_select, text_input
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer

ARTICLE = resources.files("seeds").joinpath("seed-article.txt").read_text("utf-8")


def ingest(bot: BotServer) -> dict:
    url = bot.slack.response_url("ingest")
    reply = bot.command(f"ingest {ARTICLE}", response_url=url)
    assert "Reading the article" in reply.text
    return bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))[
        0
    ].params


def candidate_buttons(message: dict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for block in message["blocks"]:
        for element in block.get("elements", []):
            if "action_id" in element:
                found.setdefault(element["action_id"], []).append(element["value"])
    return found


def test_ingest_lists_candidates_that_a_reporter_confirms(bot: BotServer, engine: Engine) -> None:
    message = ingest(bot)
    assert_valid_blocks(message["blocks"])
    seen = json.dumps(message["blocks"], ensure_ascii=False)
    assert "Vladimir Putin" in seen
    assert "Donald Trump" in seen
    assert "offline extractor" in seen
    buttons = candidate_buttons(message)
    first = buttons["candidate_confirm"][0]
    url = bot.slack.response_url("confirm")
    bot.click(action_id="candidate_confirm", value=first, response_url=url)
    note = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))[
        0
    ].params
    assert f"#{first} confirmed" in note["text"]
    with Session(engine) as session:
        position = session.get(Position, int(first))
        assert position is not None
        assert position.status == PositionStatus.CONFIRMED
    assert bot.slack.calls_to("chat.postMessage") == []  # nothing is ever posted by ingest


def test_editing_a_candidate_records_the_correction_and_retracts_it(
    bot: BotServer, engine: Engine
) -> None:
    message = ingest(bot)
    candidate = candidate_buttons(message)["candidate_edit"][0]
    bot.click(action_id="candidate_edit", value=candidate, response_url=bot.slack.response_url("e"))
    modal = bot.slack.wait_for("views.open")[0].params["view"]
    prefilled = {b["block_id"]: b["element"].get("initial_value") for b in modal["blocks"]}
    assert prefilled["actor"]
    assert prefilled["quote"]
    values = {
        "actor": {"value": text_input(prefilled["actor"])},
        "topic": {"value": text_input("ceasefire")},
        "stance": {"value": static_select("conditional")},
        "quote": {"value": text_input(prefilled["quote"])},
        "summary": {"value": text_input("Corrected by the desk")},
    }
    reply = bot.submit(
        callback_id="add_position", values=values, private_metadata=modal["private_metadata"]
    )
    assert reply.status == 200
    with Session(engine) as session:
        original = session.get(Position, int(candidate))
        assert original is not None
        assert original.status == PositionStatus.RETRACTED
    assert "Recorded as position" in bot.slack.wait_for("chat.postEphemeral")[0].params["text"]


def test_a_candidates_quote_is_on_its_own_line(bot: BotServer) -> None:
    sections = [b["text"]["text"] for b in ingest(bot)["blocks"] if b["type"] == "section"]
    candidates = [text for text in sections if "(a first guess)" in text]
    assert candidates
    for text in candidates:
        first_line, quote_line = text.split("\n")
        assert "\\n" not in text
        assert first_line.endswith("(a first guess)")
        assert quote_line.startswith("> “")
