"""`/stance ingest` in Slack: candidates to review with Confirm / Edit / Discard."""

import json
from importlib import resources

from sqlalchemy import Engine
from sqlmodel import Session

from store import Position, PositionStatus
from tests.fakes.signing import static_select, text_input
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_add_modal import form

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
            if "action_id" in element and "value" in element:  # buttons, not menus
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


def test_a_candidate_with_no_stance_guess_says_so(bot: BotServer, engine: Engine) -> None:
    sections = [b["text"]["text"] for b in ingest(bot)["blocks"] if b["type"] == "section"]
    hopeful = next(text for text in sections if "Hopefully they’ll do the right thing" in text)
    first_line = hopeful.split("\n")[0]
    assert first_line.endswith(
        "no guess (Confirm as… or Edit sets the stance; Confirm as-is records an unclear remark)"
    )
    assert "Unclear" not in first_line.split("—")[1].split("(")[0]
    guessed = next(text for text in sections if "It’s not going to happen" in text)
    assert guessed.split("\n")[0].endswith("Opposes (a first guess)")


NEW_SPEAKER_ARTICLE = (
    "MOSCOW, Nov 24 (Reuters) - Russia answered the ceasefire proposal on Tuesday.\n\n"
    "“Any truce must take our security into account,” Foreign Ministry spokeswoman "
    "Maria Zakharova told reporters on the ceasefire."
)


def test_a_new_speaker_is_proposed_and_tracked_once_confirmed(bot: BotServer) -> None:
    url = bot.slack.response_url("ingest-new")
    bot.command(f"ingest {NEW_SPEAKER_ARTICLE}", response_url=url)
    message = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))[
        0
    ].params
    assert_valid_blocks(message["blocks"])
    [card] = [
        b["text"]["text"]
        for b in message["blocks"]
        if "Any truce" in b.get("text", {}).get("text", "")
    ]
    assert (
        "New: Maria Zakharova (Foreign Ministry spokeswoman) — confirming adds her to the "
        "people tracked" in card
    )
    assert "I don't know" in bot.command("zakharova").text
    [candidate] = candidate_buttons(message)["candidate_confirm"]
    done = bot.slack.response_url("confirm-new")
    bot.click(action_id="candidate_confirm", value=candidate, response_url=done)
    note = bot.slack.wait_for("response_url", where=lambda c: done.endswith(c.params["_path"]))
    assert f"#{candidate} confirmed" in note[0].params["text"]
    answer = bot.command("zakharova").text
    assert "Maria Zakharova" in answer
    assert "Maria Zakharova: US ceasefire proposal: Unclear" in answer


NO_TOPIC_ARTICLE = (
    "WASHINGTON, March 14 (Reuters) - Trump flew to Florida on Friday.\n\n"
    "“We will never accept that,” Trump said.\n\nHe later spoke about US allies at a rally."
)


def test_a_candidate_with_no_topic_in_its_text_is_confirmed_on_a_suggestion(
    bot: BotServer, engine: Engine
) -> None:
    url = bot.slack.response_url("ingest-no-topic")
    bot.command(f"ingest {NO_TOPIC_ARTICLE}", response_url=url)
    message = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))[
        0
    ].params
    assert_valid_blocks(message["blocks"])
    seen = json.dumps(message["blocks"], ensure_ascii=False)
    assert "on *a topic to choose*" in seen
    buttons = candidate_buttons(message)
    assert "candidate_confirm" not in buttons  # a bare Confirm would file it under no topic
    choices = {
        v: a
        for a, values in buttons.items()
        for v in values
        if a.startswith("candidate_confirm_on")
    }
    assert 1 <= len(choices) <= 3
    value = next(v for v in choices if v.endswith("|Russian attack on US allies"))
    done = bot.slack.response_url("confirm-on")
    bot.click(action_id=choices[value], value=value, response_url=done)
    note = bot.slack.wait_for("response_url", where=lambda c: done.endswith(c.params["_path"]))
    assert "confirmed" in note[0].params["text"]
    answer = bot.command("trump on attack on US allies").text
    assert "We will never accept that" in answer


def test_editing_a_new_speakers_candidate_keeps_and_tracks_the_speaker(bot: BotServer) -> None:
    url = bot.slack.response_url("ingest-new-edit")
    bot.command(f"ingest {NEW_SPEAKER_ARTICLE}", response_url=url)
    message = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))[
        0
    ].params
    [candidate] = candidate_buttons(message)["candidate_edit"]
    bot.click(action_id="candidate_edit", value=candidate, response_url=bot.slack.response_url("e"))
    modal = bot.slack.wait_for("views.open")[0].params["view"]
    elements = {b["block_id"]: b["element"] for b in modal["blocks"]}
    assert elements["actor"]["initial_value"] == "Maria Zakharova"
    values = form(
        actor=text_input("Maria Zakharova"),
        stance=static_select("conditional", "Conditional support"),
        quote=text_input("Any truce must take our security into account"),
        url=text_input(""),
    )
    reply = bot.submit(
        callback_id="add_position",
        values=values,
        private_metadata=modal["private_metadata"],
        user_id="U0ALICE",
    )
    assert reply.status == 200
    assert reply.text == ""  # no inline error: the proposed speaker is accepted
    answer = bot.command("zakharova on ceasefire").text
    assert "Conditional support" in answer
    assert "Any truce must take our security into account" in answer
