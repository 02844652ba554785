"""The add-position modal: signed view_submission, inline errors, private confirmation."""

import json
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store import Actor, AuditEvent, Position, Stance
from tests.conftest import count_rows
from tests.fakes.signing import static_select, text_input
from tests.fakes.slack_api import FakeSlackApi, Scripted
from tests.handlers.slack.conftest import BotServer, running_bot

METADATA = json.dumps({"channel_id": "C0DESK"})


def form(**changes: Any) -> dict[str, Any]:
    """A valid submission's state.values, with `changes` applied per block."""
    fields: dict[str, Any] = {
        "actor": text_input("Putin"),
        "create": {"type": "checkboxes", "selected_options": []},
        "topic": text_input("ceasefire"),
        "stance": static_select("opposes", "Opposes"),
        "summary": text_input("Rejects the US proposal"),
        "conditions": text_input("Ukraine withdraws from Kursk\nNo Western troops"),
        "quote": text_input("There will be no ceasefire on these terms."),
        "url": text_input("https://example.com/kremlin"),
        "date": {"type": "datepicker", "selected_date": None},
    }
    fields.update(changes)
    return {block: {"value": element} for block, element in fields.items()}


def submit(bot: BotServer, values: dict[str, Any]) -> Any:
    reply = bot.submit(
        callback_id="add_position", values=values, private_metadata=METADATA, user_id="U0ALICE"
    )
    assert reply.status == 200
    return reply.json


def test_a_valid_form_records_the_position_and_confirms_privately(
    bot: BotServer, engine: Engine
) -> None:
    before = count_rows(engine, Position)
    assert submit(bot, form()) is None  # an empty 200 closes the modal
    assert count_rows(engine, Position) == before + 1
    with Session(engine) as session:
        position = session.exec(select(Position).order_by(Position.id.desc())).first()  # type: ignore[union-attr]
        assert position is not None
        assert position.stance is Stance.OPPOSES
        assert position.recorded_by == "U0ALICE"
        assert position.conditions == ["Ukraine withdraws from Kursk", "No Western troops"]
        assert session.exec(select(AuditEvent).where(AuditEvent.subject_id == position.id)).one()
    confirmation = bot.slack.wait_for("chat.postEphemeral")[0].params
    assert (confirmation["channel"], confirmation["user"]) == ("C0DESK", "U0ALICE")
    assert "Recorded as position" in confirmation["text"]
    assert "Shift" in json.dumps(confirmation["blocks"])


def test_confirmation_falls_back_to_a_direct_message(bot: BotServer) -> None:
    bot.slack.script("chat.postEphemeral", Scripted.error("channel_not_found"))
    submit(bot, form())
    dm = bot.slack.wait_for("chat.postMessage")[0].params
    assert dm["channel"] == "U0ALICE"
    assert "Recorded as position" in dm["text"]


@pytest.mark.parametrize(
    ("changes", "block", "message"),
    [
        ({"actor": text_input("Vladimir Zelensky")}, "actor", "Did you mean Vladimir Putin"),
        ({"actor": text_input("Kaja Kallas")}, "actor", "Create the actor"),
        ({"topic": text_input("healthcare")}, "topic", "I don't know a topic"),
        ({"url": text_input("not a url")}, "url", "isn't a web address"),
        ({"url": text_input("javascript:alert(1)")}, "url", "isn't a web address"),
        ({"quote": text_input("   ")}, "quote", "exactly as they were said"),
        (
            {
                "date": {
                    "type": "datepicker",
                    "selected_date": (date.today() + timedelta(days=3)).isoformat(),
                }
            },
            "date",
            "in the future",
        ),
        ({"stance": static_select(None)}, "stance", "Choose a stance"),
    ],
)
def test_each_bad_field_gets_an_inline_error_and_nothing_is_written(
    bot: BotServer, engine: Engine, changes: dict[str, Any], block: str, message: str
) -> None:
    before = (count_rows(engine, Position), count_rows(engine, Actor))
    reply = submit(bot, form(**changes))
    assert reply["response_action"] == "errors"
    assert message in reply["errors"][block]
    assert all(len(text) <= 150 for text in reply["errors"].values())
    assert (count_rows(engine, Position), count_rows(engine, Actor)) == before


def test_every_error_is_reported_at_once(bot: BotServer) -> None:
    reply = submit(
        bot, form(actor=text_input("Nobody Known"), url=text_input("nope"), quote=text_input(""))
    )
    assert set(reply["errors"]) == {"actor", "url", "quote"}


def test_creating_a_new_actor_from_the_form(bot: BotServer, engine: Engine) -> None:
    create = {"type": "checkboxes", "selected_options": [{"value": "actor"}]}
    assert submit(bot, form(actor=text_input("Kaja Kallas"), create=create)) is None
    reply = bot.command("kallas on ceasefire").json
    assert "Kaja Kallas on US ceasefire proposal" in json.dumps(reply["blocks"])


def test_a_past_date_is_recorded_as_that_day(bot: BotServer) -> None:
    picked = {"type": "datepicker", "selected_date": "2025-03-20"}
    submit(bot, form(date=picked))
    reply = bot.command("history putin on ceasefire").json
    assert "20 Mar 2025" in json.dumps(reply["blocks"], ensure_ascii=False)


def test_submitting_the_same_statement_twice_is_refused_inline(bot: BotServer) -> None:
    submit(bot, form())
    again = submit(bot, form())
    assert "already recorded" in again["errors"]["quote"]


def test_the_modal_asks_the_date_said_defaulting_to_today_on_the_desk(
    db_url: str, fake_slack: FakeSlackApi
) -> None:
    desk = "Pacific/Kiritimati"  # UTC+14: its today is rarely UTC's
    with running_bot(db_url, fake_slack, tz=desk) as bot:
        bot.command("add")
        view = bot.slack.wait_for("views.open")[0].params["view"]
    (block,) = [block for block in view["blocks"] if block["block_id"] == "date"]
    assert block["label"]["text"] == "Date said"
    assert block["element"]["type"] == "datepicker"
    assert block["element"]["initial_date"] == datetime.now(ZoneInfo(desk)).date().isoformat()


def test_names_created_from_the_form_are_audited(bot: BotServer, engine: Engine) -> None:
    create = {"type": "checkboxes", "selected_options": [{"value": "actor"}, {"value": "topic"}]}
    new_names = form(
        actor=text_input("Kaja Kallas"), topic=text_input("Black Sea grain deal"), create=create
    )
    assert submit(bot, new_names) is None
    with Session(engine) as session:
        kallas = session.exec(select(Actor).where(Actor.name == "Kaja Kallas")).one()
        events = session.exec(
            select(AuditEvent).where(col(AuditEvent.action).in_(["actor.created", "topic.created"]))
        ).all()
    assert sorted((e.action, e.user, e.detail["name"]) for e in events) == [
        ("actor.created", "U0ALICE", "Kaja Kallas"),
        ("topic.created", "U0ALICE", "Black Sea grain deal"),
    ]
    assert [e.subject_id for e in events if e.action == "actor.created"] == [kallas.id]
