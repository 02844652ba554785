"""Shift alerts in Slack: a recorded move reaches each follower once, with its facts."""

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, func, select

from bot.text import normalize_name
from store import Actor, ActorAlias, ActorKind, Alert, Position, utcnow
from tests.fakes.signing import static_select, text_input
from tests.fakes.slack_api import Call
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_add_modal import form
from tests.handlers.slack.test_add_modal import submit as submit_form
from tests.handlers.slack.test_corrections import _opened_modal, _state_from

DESK, ALICE, DM, EDITOR = "C0DESK", "U0ALICE", "D0ALICE", "U0EDITOR"
SETTLE = 10
NO_TRUCE = "There will be no ceasefire on these terms."


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"approvers": EDITOR, "alert_settle_seconds": SETTLE}


def add(bot: BotServer, stance: str, quote: str = NO_TRUCE, tail: str = "", **fields: Any) -> str:
    """Quick-add a statement by Putin on the ceasefire; the private answer."""
    line = f'add putin on ceasefire: {stance} "{quote}" https://www.example.com/putin {tail}'
    reply = bot.command(line.strip(), **fields).json["text"]
    assert "Recorded as position" in reply
    return str(reply)


def send(bot: BotServer, *, at: datetime | None = None) -> list[str]:
    """One alert pass, by default well after the settle window."""
    return bot.running.alerts.send_due(now=at or utcnow() + timedelta(seconds=SETTLE + 1))


def alerts(engine: Engine) -> list[tuple[str, str, str]]:
    """(target, kind, status) of every alert row, sorted."""
    with Session(engine) as session:
        return sorted((a.target, a.kind, a.status) for a in session.exec(select(Alert)).all())


def posts(bot: BotServer) -> list[Call]:
    return bot.slack.calls_to("chat.postMessage")


def latest_position(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.max(Position.id))).one())


def test_a_shift_reaches_each_follower_once_with_its_facts(bot: BotServer, engine: Engine) -> None:
    bot.command("follow putin")
    bot.command("follow topic ceasefire")  # the channel follows both: still one alert
    bot.command("follow topic ceasefire", channel_id=DM, user_id=ALICE)
    bot.command("follow ukraine", channel_id="C0OTHER")  # not about Putin: nothing
    add(bot, "opposes")
    assert alerts(engine) == [(DESK, "shift", "pending"), (ALICE, "shift", "pending")]
    assert sorted(send(bot)) == [f"{DESK}: 1 sent", f"{ALICE}: 1 sent"]
    sent = {c.params["channel"]: c.params for c in posts(bot)}
    assert sorted(sent) == [DESK, ALICE]  # Alice's in her DM: posted to her user id
    for message in sent.values():
        assert message["text"] == (
            "🔔 Vladimir Putin on US ceasefire proposal shifted from Conditional support to Opposes"
        )
        assert_valid_blocks(message["blocks"])
        shown = json.dumps(message["blocks"], ensure_ascii=False)
        assert "*Vladimir Putin* on *US ceasefire proposal* shifted" in shown
        assert "Conditional support → 🔴 *Opposes*" in shown
        assert f"> “{NO_TRUCE}”" in shown
        assert f"<https://www.example.com/putin|example.com> · said {utcnow():%-d %b %Y}" in shown
        assert "Full history" in shown
        assert (message["unfurl_links"], message["unfurl_media"]) == (False, False)
    assert send(bot) == []
    assert len(posts(bot)) == 2
    assert alerts(engine) == [(DESK, "shift", "sent"), (ALICE, "shift", "sent")]


def test_a_shift_from_the_add_form_alerts_too(bot: BotServer, engine: Engine) -> None:
    bot.command("follow putin", channel_id=DM, user_id=ALICE)
    assert submit_form(bot, form()) is None
    assert send(bot) == [f"{ALICE}: 1 sent"]
    [post] = posts(bot)
    assert post.params["channel"] == ALICE
    assert "shifted from Conditional support to Opposes" in post.params["text"]
    assert "example.com" in json.dumps(post.params["blocks"])


def test_a_restatement_and_an_old_statement_alert_nobody(bot: BotServer, engine: Engine) -> None:
    add(bot, "opposes")  # before anyone follows: no alert
    bot.command("follow putin")
    add(bot, "opposes", "We will not accept it.")  # the same stance, the same conditions
    add(
        bot, "supports", "We always backed it.", tail="stated 1 June 2025"
    )  # a shift then; history now
    assert send(bot) == []
    assert posts(bot) == []
    assert alerts(engine) == []


def test_conditions_not_restated_alert_nobody(bot: BotServer, engine: Engine) -> None:
    bot.command("follow putin on ceasefire")
    line = 'add putin on ceasefire: conditional "We are for it, but there are nuances."'
    reply = json.dumps(bot.command(line).json, ensure_ascii=False)
    assert "Recorded as position" in reply
    assert "dropped" not in reply
    assert "Condition change" not in reply
    assert "Conditions last stated 13 Mar 2025" in reply
    assert "The ceasefire must lead to long-term peace" in reply  # carried, not dropped
    assert send(bot) == []
    assert alerts(engine) == []


def test_a_condition_change_alerts(bot: BotServer, engine: Engine) -> None:
    bot.command("follow putin on ceasefire")
    kept = (
        "The ceasefire must lead to long-term peace and eliminate the original causes of the crisis"
    )
    add(bot, "conditional", "We support it on one condition.", tail=f"conditions: {kept}")
    assert send(bot) == [f"{DESK}: 1 sent"]
    [post] = posts(bot)
    assert post.params["text"] == "🔔 Vladimir Putin on US ceasefire proposal changed conditions"
    shown = json.dumps(post.params["blocks"], ensure_ascii=False)
    assert "changed conditions (🟡 Conditional support): dropped Guarantees that" in shown
    assert "dropped The ceasefire must lead" not in shown
    assert alerts(engine) == [(DESK, "conditions", "sent")]


def test_a_correction_alerts_nobody(bot: BotServer, engine: Engine) -> None:
    bot.command("follow putin")
    bot.command("correct 1", user_id=EDITOR)
    view = _opened_modal(bot)
    values = _state_from(
        view, stance=static_select("opposes", "Opposes"), reason=text_input("Misread it")
    )
    meta = view["private_metadata"]
    saved = bot.submit(
        callback_id="add_position", values=values, private_metadata=meta, user_id=EDITOR
    )
    assert saved.json is None
    bot.slack.wait_for("chat.postEphemeral")  # "Recorded the correction …"
    assert send(bot) == []
    assert posts(bot) == []
    assert alerts(engine) == []


def test_a_statement_retracted_before_the_pass_is_not_sent(bot: BotServer, engine: Engine) -> None:
    bot.command("follow putin")
    add(bot, "opposes", user_id=EDITOR)
    retracted = bot.command(f"retract {latest_position(engine)} misattributed", user_id=EDITOR)
    assert "Withdrew #" in retracted.json["text"]
    assert send(bot) == [f"{DESK}: nothing left to send (withdrawn or unfollowed)"]
    assert posts(bot) == []
    assert alerts(engine) == [(DESK, "shift", "withdrawn")]


def test_a_statement_withdrawn_after_its_alert_gets_a_notice_to_the_same_followers(
    bot: BotServer, engine: Engine
) -> None:
    bot.command("follow putin")
    bot.command("follow putin on ceasefire", channel_id=DM, user_id=ALICE)
    bot.command("follow topic ceasefire", channel_id="C0LATER")
    add(bot, "opposes", user_id=EDITOR)
    assert sorted(send(bot)) == [f"{DESK}: 1 sent", "C0LATER: 1 sent", f"{ALICE}: 1 sent"]
    bot.command("unfollow topic ceasefire", channel_id="C0LATER")  # it saw the alert all the same
    bot.command("follow putin", channel_id="C0NEW")  # it never saw it: nothing to take back
    position = latest_position(engine)
    bot.command(f"retract {position} misattributed: it was Peskov", user_id=EDITOR)
    assert sorted(send(bot)) == [f"{DESK}: 1 sent", "C0LATER: 1 sent", f"{ALICE}: 1 sent"]
    notices = posts(bot)[3:]
    assert sorted(p.params["channel"] for p in notices) == sorted([DESK, ALICE, "C0LATER"])
    for notice in notices:
        assert_valid_blocks(notice.params["blocks"])
        shown = json.dumps(notice.params["blocks"], ensure_ascii=False)
        assert f"earlier alert (#{position}" in shown
        assert "Withdrawn" in shown
        assert "misattributed: it was Peskov" in shown
        assert NO_TRUCE in shown
        assert notice.params["text"].startswith("⚠️ Withdrawn since an earlier alert")
    assert send(bot) == []
    assert alerts(engine).count((DESK, "withdrawal", "sent")) == 1
    assert ("C0NEW", "withdrawal", "sent") not in alerts(engine)


def test_a_corrected_statement_notice_names_the_correction(bot: BotServer, engine: Engine) -> None:
    bot.command("follow putin")
    add(bot, "opposes", user_id=EDITOR)
    send(bot)
    position = latest_position(engine)
    bot.command(f"correct {position}", user_id=EDITOR)
    view = _opened_modal(bot)
    values = _state_from(
        view, stance=static_select("undecided", "Undecided"), reason=text_input("Misread it")
    )
    saved = bot.submit(
        callback_id="add_position",
        values=values,
        private_metadata=view["private_metadata"],
        user_id=EDITOR,
    )
    assert saved.json is None
    bot.slack.wait_for("chat.postEphemeral")
    assert send(bot) == [f"{DESK}: 1 sent"]
    [_first, notice] = posts(bot)
    shown = json.dumps(notice.params["blocks"], ensure_ascii=False)
    assert "Corrected" in shown
    assert f"(now #{latest_position(engine)})" in shown
    assert "Misread it" in shown
    assert alerts(engine) == [(DESK, "shift", "sent"), (DESK, "withdrawal", "sent")]


def test_an_alert_queued_before_an_unfollow_is_not_sent(bot: BotServer, engine: Engine) -> None:
    bot.command("follow putin")
    bot.command("follow topic ceasefire", channel_id="C0OTHER")
    add(bot, "opposes")
    bot.command("unfollow putin")
    assert sorted(send(bot)) == [
        f"{DESK}: nothing left to send (withdrawn or unfollowed)",
        "C0OTHER: 1 sent",
    ]
    assert [p.params["channel"] for p in posts(bot)] == ["C0OTHER"]
    assert alerts(engine) == [(DESK, "shift", "unfollowed"), ("C0OTHER", "shift", "sent")]


def test_the_full_history_button_answers_privately(bot: BotServer) -> None:
    bot.command("follow putin")
    add(bot, "opposes")
    send(bot)
    [post] = posts(bot)
    [button] = [
        element
        for block in post.params["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    url = bot.slack.response_url("history")
    assert (
        bot.click(
            action_id=button["action_id"],
            value=button["value"],
            response_url=url,
            message={"ts": "1700000000.000100", "text": post.params["text"]},
        ).status
        == 200
    )
    [answer] = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))
    assert answer.params["replace_original"] is False
    assert answer.params["response_type"] == "ephemeral"
    history = json.dumps(answer.params["blocks"], ensure_ascii=False)
    assert NO_TRUCE in history
    assert "we certainly support it" in history  # the earlier statement, from the seed


def test_the_history_button_works_for_a_name_holding_on(bot: BotServer, engine: Engine) -> None:
    with Session(engine) as session:
        actor = Actor(name="Council on Foreign Relations", kind=ActorKind.ORGANISATION)
        session.add(actor)
        session.flush()
        assert actor.id is not None
        for alias in ("Council on Foreign Relations", "CFR"):
            session.add(
                ActorAlias(actor_id=actor.id, alias=alias, normalized=normalize_name(alias))
            )
        session.commit()
    bot.command('add cfr on ceasefire: supports "A pause helps everyone."')
    bot.command("follow cfr")
    bot.command('add cfr on ceasefire: opposes "A pause helps Moscow."')
    send(bot)
    [post] = posts(bot)
    [button] = [e for b in post.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    url = bot.slack.response_url("history")
    bot.click(action_id=button["action_id"], value=button["value"], response_url=url)
    [answer] = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))
    history = json.dumps(answer.params["blocks"], ensure_ascii=False)
    assert "A pause helps Moscow." in history
    assert "A pause helps everyone." in history
