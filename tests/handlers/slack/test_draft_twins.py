"""`/stance edit <id>` in Slack: the Edit button's text twin, for keyboard users."""

import json
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from store import AuditEvent, DraftStatus
from tests.fakes.signing import text_input
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_drafts import (
    APPROVALS,
    CHIEF,
    EDITOR,
    REPORTER,
    button,
    click,
    draft_row,
    request_summary,
)


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"approvers": f"{EDITOR},{CHIEF}", "approval_channel": APPROVALS}


def audit_actions(engine: Engine) -> list[tuple[str, str]]:
    with Session(engine) as session:
        return [(e.action, e.user) for e in session.exec(select(AuditEvent))]


def test_edit_typed_opens_the_buttons_modal_and_saves_through_it(
    bot: BotServer, engine: Engine
) -> None:
    card = request_summary(bot)
    draft_id = draft_row(engine).id
    click(bot, "draft_edit", button(card.params["blocks"], "draft_edit"), EDITOR)
    from_button = bot.slack.wait_for("views.open")[0].params
    reply = bot.command(f"edit {draft_id}", user_id=CHIEF, trigger_id="13345224609.8534564800")
    assert reply.status == 200
    assert reply.text == ""  # nothing to say: the modal is the answer
    from_command = bot.slack.wait_for("views.open", count=2)[1].params
    assert from_command["trigger_id"] == "13345224609.8534564800"
    assert from_command["view"] == from_button["view"]
    assert "we certainly support it" in json.dumps(from_command["view"], ensure_ascii=False)
    new_text = "Vladimir Putin backs the US proposal only on his terms [#1]."
    saved = bot.submit(
        callback_id="draft_edit",
        values={"body": {"value": text_input(new_text)}},
        private_metadata=from_command["view"]["private_metadata"],
        user_id=CHIEF,
    )
    assert (saved.status, saved.text) == (200, "")
    card = json.dumps(bot.slack.wait_for("chat.update")[0].params["blocks"])
    assert "Vladimir Putin backs the US proposal only on his terms. [#1]" in card
    draft = draft_row(engine)
    assert (draft.body, draft.version, draft.status) == (new_text, 2, DraftStatus.PENDING)
    assert ("draft.edited", CHIEF) in audit_actions(engine)


def test_edit_typed_by_a_non_approver_is_refused_at_once(bot: BotServer, engine: Engine) -> None:
    request_summary(bot)
    draft_id = draft_row(engine).id
    refused = bot.command(f"edit {draft_id}", user_id=REPORTER)
    assert "Only approvers can edit drafts" in refused.json["text"]
    assert refused.json["response_type"] == "ephemeral"
    assert "There is no draft D99." in bot.command("edit 99", user_id=EDITOR).json["text"]
    assert bot.slack.calls_to("views.open") == []
    assert ("draft.edit.refused", REPORTER) in audit_actions(engine)
    assert draft_row(engine).version == 1


def test_edit_typed_after_the_draft_was_decided_says_so(bot: BotServer, engine: Engine) -> None:
    request_summary(bot)
    draft_id = draft_row(engine).id
    bot.command(f"reject {draft_id} too thin", user_id=EDITOR)
    bot.slack.wait_for("response_url", where=lambda c: "rejected" in c.params.get("text", ""))
    answer = bot.command(f"edit {draft_id}", user_id=CHIEF).json["text"]
    assert f"Draft D{draft_id} was already rejected by {EDITOR}" in answer
    assert bot.slack.calls_to("views.open") == []
