"""Quotes without a speaker in Slack: listed on the ingest answer, each with Assign speaker."""

import json
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store import Position, UncreditedQuote
from tests.fakes.signing import text_input
from tests.handlers.slack.blockkit import assert_valid_blocks, assert_valid_view
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_add_modal import form

DIPLOMAT = "Nobody here believes the guns will fall silent this spring"
SECURITY = "Talks on security & monitoring will resume <next week> in Riyadh"
ARTICLE = (
    "KYIV, 4 March 2025 (Reuters) - Talks on the ceasefire continued on Tuesday.\n\n"
    "“We are studying the ceasefire idea carefully,” Putin said.\n\n"
    f"“{DIPLOMAT},” one diplomat in the room said.\n\n"
    "Officials described the mood as “cautiously hopeful”.\n\n"
    f"A statement posted later read: “{SECURITY}.”\n"
)


def _ingest(bot: BotServer) -> dict[str, Any]:
    url = bot.slack.response_url("ingest")
    bot.command(f"ingest {ARTICLE}", response_url=url)
    return bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))[
        0
    ].params


def _assign_buttons(message: dict[str, Any]) -> dict[str, str]:
    """Each Assign speaker button's quote id -> the text beside it."""
    return {
        block["accessory"]["value"]: block["text"]["text"]
        for block in message["blocks"]
        if block.get("accessory", {}).get("action_id") == "uncredited_assign"
    }


def _rows(engine: Engine) -> list[UncreditedQuote]:
    with Session(engine) as session:
        return list(session.exec(select(UncreditedQuote).order_by(col(UncreditedQuote.id))))


def _open_from_button(bot: BotServer, quote_id: int) -> dict[str, Any]:
    before = len(bot.slack.calls_to("views.open"))
    bot.click(action_id="uncredited_assign", value=str(quote_id))
    return bot.slack.wait_for("views.open", count=before + 1)[before].params["view"]


def _submit(bot: BotServer, view: dict[str, Any], *, actor: str) -> Any:
    values = form(
        actor=text_input(actor),
        quote=text_input(_initial(view)["quote"]),
        url=text_input(_initial(view)["url"]),
        conditions=text_input(""),
        summary=text_input(""),
        date={"type": "datepicker", "selected_date": _initial(view)["date"]},
    )
    reply = bot.submit(
        callback_id="add_position",
        values=values,
        private_metadata=view["private_metadata"],
        user_id="U0ALICE",
    )
    assert reply.status == 200
    return reply.json


def _initial(view: dict[str, Any]) -> dict[str, Any]:
    return {
        b["block_id"]: b["element"].get("initial_value", b["element"].get("initial_date"))
        for b in view["blocks"]
        if "element" in b
    }


def test_the_ingest_answer_lists_each_quote_without_a_speaker_with_a_button(
    bot: BotServer, engine: Engine
) -> None:
    message = _ingest(bot)
    assert_valid_blocks(message["blocks"])
    assert "2 quotes without a speaker I could name" in message["text"]
    seen = json.dumps(message["blocks"], ensure_ascii=False)
    assert "2 quotes without a speaker I could name — assign a speaker to keep one:" in seen
    assert "cautiously hopeful" not in seen
    diplomat, security = _rows(engine)
    assert (diplomat.quote, security.quote) == (DIPLOMAT, SECURITY + ".")
    assert _assign_buttons(message) == {
        str(diplomat.id): f"*{diplomat.id}.* “{DIPLOMAT}”",
        # Escaped like everything else: no live link, no broken mrkdwn.
        str(security.id): f"*{security.id}.* “Talks on security &amp; monitoring will resume "
        "&lt;next week&gt; in Riyadh.”",
    }
    assert "/stance assign &lt;number&gt;" in seen


def test_assign_speaker_opens_the_add_modal_prefilled_and_records_the_statement(
    bot: BotServer, engine: Engine
) -> None:
    _ingest(bot)
    quote_id = _rows(engine)[0].id
    assert quote_id is not None
    view = _open_from_button(bot, quote_id)
    assert_valid_view(view)
    assert view["title"]["text"] == f"Assign quote {quote_id}"
    assert json.loads(view["private_metadata"])["assigns"] == quote_id
    assert f"Quote {quote_id} from Reuters, published 4 Mar 2025" in json.dumps(
        view["blocks"][0], ensure_ascii=False
    )
    initial = _initial(view)
    assert (initial["quote"], initial["date"], initial["actor"]) == (DIPLOMAT, "2025-03-04", None)
    assert _submit(bot, view, actor="Andriy Yermak") is None  # the modal closes
    [row] = [r for r in _rows(engine) if r.id == quote_id]
    assert row.assigned_position_id is not None
    with Session(engine) as session:
        position = session.get(Position, row.assigned_position_id)
        assert position is not None
        assert position.quotes == [DIPLOMAT]
        assert position.recorded_by == "U0ALICE"
        assert position.stated_at.date().isoformat() == "2025-03-04"
    said = bot.slack.wait_for("chat.postEphemeral")[0].params["text"]
    assert f"Recorded as position #{row.assigned_position_id}" in said


def test_a_quote_is_assigned_once_whichever_way_it_is_asked(bot: BotServer, engine: Engine) -> None:
    _ingest(bot)
    quote_id = _rows(engine)[0].id
    assert quote_id is not None
    first = _open_from_button(bot, quote_id)
    second = bot.command(f"assign {quote_id}", trigger_id="trigger-assign")
    assert second.status == 200
    opened = bot.slack.wait_for("views.open", count=2)[1].params
    assert opened["trigger_id"] == "trigger-assign"
    assert _submit(bot, first, actor="Andriy Yermak") is None
    [row] = [r for r in _rows(engine) if r.id == quote_id]
    # The second form, opened before the first was saved, is refused on the form.
    refused = _submit(bot, opened["view"], actor="Putin")
    assert refused["response_action"] == "errors"
    assert (
        refused["errors"]["quote"]
        == f"Quote {quote_id} is already assigned (#{row.assigned_position_id})."
    )
    answer = bot.command(f"assign {quote_id}").json
    assert f"Quote {quote_id} is already assigned (#{row.assigned_position_id})." in answer["text"]
    unknown = bot.command("assign 999").json
    assert "There is no quote 999 waiting for a speaker." in unknown["text"]
    assert len(bot.slack.calls_to("views.open")) == 2  # neither refusal opened a form
    with Session(engine) as session:
        said = [p for p in session.exec(select(Position)) if p.quotes == [DIPLOMAT]]
    assert [p.id for p in said] == [row.assigned_position_id]  # the refused form wrote nothing
