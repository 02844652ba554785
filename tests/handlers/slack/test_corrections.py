"""Corrections in Slack: `retract`, and `correct` through the prefilled add modal."""

import json
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store import AuditEvent, Position, PositionRetraction, PositionStatus, Stance
from tests.conftest import count_rows
from tests.fakes.signing import static_select, text_input
from tests.handlers.slack.blockkit import assert_valid_view
from tests.handlers.slack.conftest import BotServer

EDITOR = "U0EDITOR"


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"approvers": EDITOR}


def _opened_modal(bot: BotServer) -> dict[str, Any]:
    return bot.slack.wait_for("views.open")[0].params["view"]


def _state_from(view: dict[str, Any], **changes: dict[str, Any]) -> dict[str, Any]:
    """What Slack submits for `view` as opened (its initial values), with `changes`."""
    fields: dict[str, Any] = {}
    for block in view["blocks"]:
        element = block["element"]
        if element["type"] == "plain_text_input":
            fields[block["block_id"]] = text_input(element.get("initial_value"))
        elif element["type"] == "static_select":
            option = element.get("initial_option") or {}
            fields[block["block_id"]] = static_select(option.get("value"))
        elif element["type"] == "datepicker":
            fields[block["block_id"]] = {
                "type": "datepicker",
                "selected_date": element.get("initial_date"),
            }
        else:
            fields[block["block_id"]] = {"type": "checkboxes", "selected_options": []}
    fields.update(changes)
    return {block: {"value": element} for block, element in fields.items()}


def test_correct_opens_the_add_modal_prefilled_with_a_required_reason(bot: BotServer) -> None:
    reply = bot.command("correct #1", user_id=EDITOR, trigger_id="trigger-7")
    assert reply.status == 200
    opened = bot.slack.wait_for("views.open")[0].params
    assert opened["trigger_id"] == "trigger-7"
    view = opened["view"]
    assert_valid_view(view)
    assert view["title"]["text"] == "Correct #1"
    assert json.loads(view["private_metadata"])["corrects"] == 1
    elements = {b["block_id"]: b for b in view["blocks"]}
    assert elements["actor"]["element"]["initial_value"] == "Vladimir Putin"
    assert elements["topic"]["element"]["initial_value"] == "US ceasefire proposal"
    assert elements["stance"]["element"]["initial_option"]["value"] == "conditional"
    assert "we certainly support it" in elements["quote"]["element"]["initial_value"]
    assert "Kursk" in elements["conditions"]["element"]["initial_value"]
    assert elements["date"]["element"]["initial_date"] == "2025-03-13"
    assert elements["reason"]["optional"] is False
    assert elements["reason"]["label"]["text"] == "Reason for the correction"


def test_saving_the_modal_records_the_correction_and_withdraws_the_original(
    bot: BotServer, engine: Engine
) -> None:
    bot.command("correct 1", user_id=EDITOR)
    view = _opened_modal(bot)
    values = _state_from(
        view,
        stance=static_select("opposes", "Opposes"),
        reason=text_input("He rejected it; the conditions were a refusal"),
    )
    reply = bot.submit(
        callback_id="add_position",
        values=values,
        private_metadata=view["private_metadata"],
        user_id=EDITOR,
    )
    assert reply.status == 200
    assert reply.json is None  # the modal closes
    with Session(engine) as session:
        original = session.get(Position, 1)
        assert original is not None
        assert original.status is PositionStatus.RETRACTED
        retraction = session.get(PositionRetraction, 1)
        assert retraction is not None
        assert (retraction.kind, retraction.by) == ("corrected", EDITOR)
        assert retraction.reason == "He rejected it; the conditions were a refusal"
        corrected = session.get(Position, retraction.replaced_by_id)
        assert corrected is not None
        assert corrected.stance is Stance.OPPOSES
        assert corrected.status is PositionStatus.CONFIRMED
        # What the form left alone is kept: every quote, the source, the moment stated.
        assert corrected.quotes == original.quotes
        assert corrected.source_id == original.source_id
        assert corrected.stated_at == original.stated_at
        audit = session.exec(
            select(AuditEvent).where(AuditEvent.action == "position.corrected")
        ).one()
        assert (audit.subject_id, audit.user) == (1, EDITOR)
    confirmation = bot.slack.wait_for("chat.postEphemeral")[0].params
    assert f"Recorded the correction of #1 as #{corrected.id}" in confirmation["text"]
    history = json.dumps(bot.command("history putin on ceasefire").json, ensure_ascii=False)
    assert f"Corrected* by <@{EDITOR}> on" in history
    assert f"(now #{corrected.id}): He rejected it" in history
    board = json.dumps(bot.command("topic ceasefire").json, ensure_ascii=False)
    assert "Vladimir Putin* — Opposes" in board


def test_a_correction_without_a_reason_is_an_inline_error_and_writes_nothing(
    bot: BotServer, engine: Engine
) -> None:
    bot.command("correct 1", user_id=EDITOR)
    view = _opened_modal(bot)
    before = count_rows(engine, Position)
    reply = bot.submit(
        callback_id="add_position",
        values=_state_from(view, stance=static_select("opposes"), reason=text_input("")),
        private_metadata=view["private_metadata"],
        user_id=EDITOR,
    ).json
    assert "Say why it is corrected" in reply["errors"]["reason"]
    assert count_rows(engine, Position) == before
    assert count_rows(engine, PositionRetraction) == 0


def test_a_reporter_may_not_correct_or_retract_someone_elses_position(
    bot: BotServer, engine: Engine
) -> None:
    refused = bot.command("correct 1", user_id="U0REPORTER").json
    assert "Only approvers may correct a position someone else recorded" in refused["text"]
    assert bot.slack.calls_to("views.open") == []
    refused = bot.command("retract 1 wrong", user_id="U0REPORTER").json
    assert "Only approvers may retract" in refused["text"]
    assert count_rows(engine, PositionRetraction) == 0


def test_retract_answers_with_where_the_actor_stands_now(bot: BotServer, engine: Engine) -> None:
    answer = bot.command("retract #1 misattributed in the wire copy", user_id=EDITOR).json
    seen = json.dumps(answer, ensure_ascii=False)
    assert "Withdrew #1 (Vladimir Putin on US ceasefire proposal" in answer["text"]
    assert "No statement recorded for Vladimir Putin on US ceasefire proposal now." in seen
    with Session(engine) as session:
        assert session.get(Position, 1).status is PositionStatus.RETRACTED  # type: ignore[union-attr]
        events = session.exec(
            select(AuditEvent.action, AuditEvent.user).where(
                AuditEvent.subject_id == 1, col(AuditEvent.action) == "position.retracted"
            )
        ).all()
        assert events == [("position.retracted", EDITOR)]
    again = bot.command("retract 1", user_id=EDITOR).json
    assert "#1 was already withdrawn by U0EDITOR" in again["text"]


def test_a_reporter_retracts_their_own_statement_within_the_window(bot: BotServer) -> None:
    added = bot.command('add trump on kursk: unclear "We are looking at it."', user_id="U0ALICE")
    number = added.json["text"].split("position #")[1].split(".")[0]
    answer = bot.command(f"retract {number} wrong speaker", user_id="U0ALICE").json
    assert f"Withdrew #{number}" in answer["text"]
    audit = json.dumps(bot.command(f"audit #{number}").json, ensure_ascii=False)
    assert "Recorded by <@U0ALICE>" in audit
    assert "Withdrawn by <@U0ALICE>" in audit
    assert "wrong speaker" in audit


@pytest.mark.parametrize("bot_overrides", [{"approvers": EDITOR, "correction_window_minutes": 0}])
def test_after_the_window_only_an_approver_may_retract(bot: BotServer) -> None:
    added = bot.command('add trump on kursk: unclear "We are looking at it."', user_id="U0ALICE")
    number = added.json["text"].split("position #")[1].split(".")[0]
    answer = bot.command(f"retract {number}", user_id="U0ALICE").json
    assert (
        "You may retract your own positions for 0 minutes after recording them" in (answer["text"])
    )
    assert f"Withdrew #{number}" in bot.command(f"retract {number}", user_id=EDITOR).json["text"]
