"""What the bot says by itself must be true (issue 19), through the real Slack app.

Conditions not restated are carried, never "dropped"; an unclear remark is recorded but is
never a shift; only statements that say their conditions, or two clear stances, make a change
that answers, boards, digests and alerts report.
"""

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store import AuditEvent, Position, PositionStatus, Stance, utcnow
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_ingest_slack import candidate_buttons, ingest

DESK, SETTLE = "C0DESK", 10
PUTIN = 'add putin on ceasefire: conditional "We are for it, but there are nuances."'
GUARANTEES = "Guarantees that Ukrainian troops will not use the pause to regroup and reorganise"
PEACE = "The ceasefire must lead to long-term peace and eliminate the original causes of the crisis"


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"alert_settle_seconds": SETTLE}


def said(bot: BotServer, line: str) -> str:
    """Everything a reader sees of the private answer (text and blocks)."""
    reply = bot.command(line).json
    return json.dumps(reply, ensure_ascii=False)


def alert_texts(bot: BotServer) -> list[str]:
    bot.running.alerts.send_due(now=utcnow() + timedelta(seconds=SETTLE + 1))
    return [call.params["text"] for call in bot.slack.calls_to("chat.postMessage")]


def digest_preview(bot: BotServer) -> str:
    """This channel's digest as it would be drafted now (set up first if need be)."""
    bot.command("digest at 07:00")
    preview = said(bot, "digest preview")
    assert "new statement" in preview
    return preview


def test_a_statement_that_restates_no_conditions_drops_none(bot: BotServer, engine: Engine) -> None:
    bot.command("follow putin")
    answer = said(bot, f"{PUTIN} stated 14 March 2025")
    assert "Recorded as position" in answer
    assert "dropped" not in answer
    assert "Condition change" not in answer
    assert "Conditions last stated 13 Mar 2025" in answer
    assert GUARANTEES in answer  # carried from 13 March, marked as such
    assert alert_texts(bot) == []
    for query in ("putin on ceasefire", "history putin on ceasefire", "topic ceasefire"):
        shown = said(bot, query)
        assert "dropped" not in shown, query
        assert "conditions changed" not in shown, query
    assert "dropped" not in digest_preview(bot)


def test_conditions_said_can_drop_one_and_none_drops_them_all(
    bot: BotServer, engine: Engine
) -> None:
    bot.command("follow putin")
    kept = said(bot, f"{PUTIN} conditions: {PEACE} stated 14 March 2025")
    assert "Condition change" in kept
    assert f"dropped {GUARANTEES}" in kept
    assert f"dropped {PEACE}" not in kept
    none = said(bot, f'{PUTIN[:-1]} at all." conditions: none stated 15 March 2025')
    assert f"dropped {PEACE}" in none
    texts = alert_texts(bot)
    assert len(texts) == 1  # the two condition changes arrive grouped, as one message
    assert "changed conditions" in json.dumps(bot.slack.calls_to("chat.postMessage")[0].params)
    with Session(engine) as session:
        stated = session.exec(select(Position.conditions_stated).where(col(Position.id) > 6)).all()
    assert stated == [True, True]


def test_an_unclear_remark_is_recorded_but_never_a_shift(bot: BotServer, engine: Engine) -> None:
    bot.command("follow trump")
    answer = said(bot, 'add trump on ceasefire: unclear "We will see what happens."')
    assert "Shift" not in answer
    assert "Recorded as position #7" in answer
    assert "🟢 *Supports*" in answer  # the answer stands on the last clear stance …
    assert (
        f"Latest remark {utcnow():%-d %b %Y}: unclear — “We will see what happens.” (#7)" in answer
    )
    board = said(bot, "topic ceasefire")
    assert "Donald Trump* — Supports · 13 Mar 2025" in board
    assert "was Supports" not in board
    assert f"Latest remark {utcnow():%-d %b %Y}: unclear" in board
    pair = said(bot, "trump on ceasefire")
    assert "Shift" not in pair
    assert "🟢 *Supports*" in pair
    assert "Latest remark" in pair
    history = said(bot, "history trump on ceasefire")
    assert "❔ *Unclear*" in history  # recorded and shown in the history
    assert "Unclear remark, not a shift: the stance stays Supports (13 Mar 2025)" in history
    preview = digest_preview(bot)
    assert "shifted" not in preview
    assert "unclear remark, not a shift" in preview
    assert alert_texts(bot) == []
    # The next clear statement is measured against the last clear one, not the remark.
    moved = said(bot, 'add trump on ceasefire: opposes "There will be no deal."')
    assert "Shift*: was Supports (13 Mar 2025)" in moved
    assert alert_texts(bot) == [
        "🔔 Donald Trump on US ceasefire proposal shifted from Supports to Opposes"
    ]


def test_a_candidate_is_confirmed_with_the_stance_the_reporter_sets(
    bot: BotServer, engine: Engine
) -> None:
    message = ingest(bot)
    first = int(candidate_buttons(message)["candidate_confirm"][0])
    with Session(engine) as session:
        candidate = session.get(Position, first)
        assert candidate is not None
        guessed = candidate.stance
    wanted = Stance.OPPOSES if guessed != Stance.OPPOSES else Stance.SUPPORTS
    answer = said(bot, f"confirm {first} as {wanted.value}")
    assert "confirmed" in answer
    with Session(engine) as session:
        confirmed = session.exec(
            select(Position).where(
                Position.status == PositionStatus.CONFIRMED, col(Position.id) > first
            )
        ).one()
        assert confirmed.stance == wanted
        assert confirmed.quotes == candidate.quotes
        assert session.get(Position, first).status == PositionStatus.RETRACTED  # type: ignore[union-attr]
        audit = session.exec(
            select(AuditEvent).where(
                AuditEvent.action == "position.confirmed", AuditEvent.subject_id == confirmed.id
            )
        ).one()
    assert audit.detail["stance"] == wanted.value
    assert audit.detail["guessed_stance"] == guessed.value
    refused = said(bot, f"confirm {first} as banana")
    assert "isn't a stance" in refused


def test_edit_hash_id_opens_the_candidates_form(bot: BotServer, engine: Engine) -> None:
    message = ingest(bot)
    first = int(candidate_buttons(message)["candidate_confirm"][0])
    reply = bot.command(f"edit #{first}")
    assert "There is no draft" not in reply.text
    modal = bot.slack.wait_for("views.open")[0].params["view"]
    assert json.loads(modal["private_metadata"])["replaces"] == first
    bare = bot.command(f"edit {first}")  # no draft D<first>: the candidate is meant
    assert "There is no draft" not in bare.text
    assert len(bot.slack.wait_for("views.open", count=2)) == 2
    gone = bot.command("edit #9999")
    assert "no candidate #9999" in gone.text


def test_confirm_as_menu_on_the_card_sets_the_stance(bot: BotServer, engine: Engine) -> None:
    message = ingest(bot)
    menus = [
        element
        for block in message["blocks"]
        for element in block.get("elements", [])
        if element.get("action_id") == "candidate_confirm_as"
    ]
    assert menus  # every candidate with a topic offers the five stances
    option = next(o for o in menus[0]["options"] if o["value"].endswith("|opposes"))
    candidate_id = int(option["value"].split("|")[0])
    url = bot.slack.response_url("confirm-as")
    bot.click(
        action_id="candidate_confirm_as",
        value=option["value"],
        element="static_select",
        response_url=url,
    )
    note = bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))
    assert "confirmed" in note[0].params["text"]
    with Session(engine) as session:
        quotes = session.get(Position, candidate_id).quotes  # type: ignore[union-attr]
        confirmed = session.exec(
            select(Position).where(Position.status == PositionStatus.CONFIRMED)
        ).all()
        live = [p for p in confirmed if p.quotes == quotes]
    assert [p.stance for p in live] == [Stance.OPPOSES]
    forged = bot.click(action_id="candidate_confirm_as", value="1|banana", element="static_select")
    assert forged.status == 200
