"""A digest's content is one immutable snapshot shared by the channels it was built for: what
was approved stays what was approved, whatever happens to the positions or the other drafts."""

import hashlib
import json
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, func, select

from handlers.blocks import draft_card, published
from store import (
    AppendOnlyViolation,
    AuditEvent,
    DigestRun,
    DigestSchedule,
    Draft,
    DraftContent,
    Position,
    PositionRetraction,
    PositionStatus,
    unit_of_work,
)
from tests.fakes.signing import static_select, text_input
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_corrections import _opened_modal, _state_from
from tests.handlers.slack.test_digests import SLOT, TICK, record, set_up_desk
from tests.handlers.slack.test_drafts import APPROVALS, DESK, EDITOR, button, click, told

OTHER = "C0OTHERDESK"
CONTENT = ("body", "claims", "problems", "citations", "evidence_ids")


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"approvers": EDITOR, "approval_channel": APPROVALS, "tz": "Europe/London"}


def _card(bot: BotServer, draft_id: int) -> list[dict[str, Any]]:
    cards = bot.slack.wait_for(
        "chat.postMessage",
        count=2,
        where=lambda c: c.params["channel"] == APPROVALS,
    )
    for card in cards:
        if f"Draft D{draft_id} " in json.dumps(card.params["blocks"], ensure_ascii=False):
            return list(card.params["blocks"])
    raise AssertionError(f"no card for D{draft_id}")


def _content(engine: Engine, draft_id: int) -> dict[str, Any]:
    with Session(engine) as session:
        draft = session.get(Draft, draft_id)
        assert draft is not None
        return {"content_id": draft.content_id, **{name: getattr(draft, name) for name in CONTENT}}


def test_an_approved_digest_keeps_its_text_and_evidence_after_a_correction_and_an_edit(
    bot: BotServer, engine: Engine
) -> None:
    set_up_desk(bot, engine, "digest follow ceasefire")
    for command in ("digest at 07:00 Europe/London", "digest follow ceasefire"):
        assert bot.command(command, channel_id=OTHER).status == 200
    with Session(engine) as session:
        for schedule in session.exec(select(DigestSchedule)).all():
            schedule.created_at = SLOT - timedelta(days=1)
            session.add(schedule)
        session.commit()
    record(
        bot,
        'putin on ceasefire: opposes "There will be no truce."',
        engine,
        at=SLOT - timedelta(hours=3),
    )
    record(
        bot,
        'trump on ceasefire: supports "We want the deal done."',
        engine,
        at=SLOT - timedelta(hours=2),
    )
    with Session(engine) as session:
        putin = session.exec(select(Position.id).order_by(col(Position.id).desc())).all()[1]

    told_lines = bot.running.deps.digests.run_due(now=TICK)
    assert sorted(told_lines) == [
        f"{DESK}: digest drafted as D1, waiting for approval",
        f"{OTHER}: digest drafted as D2, waiting for approval",
    ]
    # One build, one stored snapshot: both channels' drafts and runs point at the same row.
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(DraftContent)).one() == 1
        shared = session.exec(select(DraftContent)).one()
        assert {d.content_id for d in session.exec(select(Draft)).all()} == {shared.id}
        assert {r.content_id for r in session.exec(select(DigestRun)).all()} == {shared.id}
        assert session.exec(select(Draft.id).where(Draft.body != "")).all() == []  # no copies

    url = click(bot, "draft_approve", button(_card(bot, 1), "draft_approve"), EDITOR)
    assert "approved and posted" in told(bot, url)
    approved = _content(engine, 1)
    assert "There will be no truce." in approved["body"]
    [putin_claim] = [c for c in approved["claims"] if c["citations"] == [putin]]
    assert putin_claim["evidence"] == [
        {
            "id": putin,
            "actor": "Vladimir Putin",
            "stance": "Opposes",
            "quote": "There will be no truce.",
        }
    ]
    posted = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == DESK)[0]
    card = bot.slack.wait_for(
        "chat.update", where=lambda c: "and posted" in json.dumps(c.params["blocks"])
    )[0]

    # The position it rests on is corrected, after the slot: a new stance and different words.
    with time_machine.travel(TICK + timedelta(minutes=30), tick=False):
        bot.command(f"correct {putin}", user_id=EDITOR)
        view = _opened_modal(bot)
        values = _state_from(
            view,
            stance=static_select("supports", "Supports"),
            quote=text_input("There will be a truce by spring."),
            reason=text_input("Misheard on the wire: he said there will be a truce"),
        )
        saved = bot.submit(
            callback_id="add_position",
            values=values,
            private_metadata=view["private_metadata"],
            user_id=EDITOR,
        )
    assert (saved.status, saved.json) == (200, None)
    # The other channel's draft, which shares the snapshot, is edited down to one line.
    other = _content(engine, 2)
    assert other == approved
    kept = next(line for line in other["body"].splitlines() if "We want the deal done" in line)
    click(bot, "draft_edit", button(_card(bot, 2), "draft_edit"), EDITOR)
    modal = bot.slack.wait_for("views.open", count=2)[1].params["view"]
    reply = bot.submit(
        callback_id="draft_edit",
        values={"body": {"value": text_input(kept)}},
        private_metadata=modal["private_metadata"],
        user_id=EDITOR,
    )
    assert (reply.status, reply.text) == (200, "")
    with Session(engine) as session:
        retraction = session.get(PositionRetraction, putin)
        assert retraction is not None
        assert retraction.kind == "corrected"
        corrected = session.get(Position, retraction.replaced_by_id)
        assert corrected is not None
        assert corrected.status is PositionStatus.CONFIRMED
        assert corrected.quotes == ["There will be a truce by spring."]
    assert _content(engine, 1) == approved  # text, claims, evidence: as approved
    edited = _content(engine, 2)
    assert edited["body"] == kept
    assert edited["content_id"] != approved["content_id"]  # an edit writes a new snapshot
    with Session(engine) as session:
        draft = session.get(Draft, 1)
        assert draft is not None
        approval = session.exec(
            select(AuditEvent).where(
                AuditEvent.subject_id == 1, AuditEvent.action == "draft.approved"
            )
        ).one()
    # What was approved (its hash in the audit), posted and shown on the card is what it says now.
    assert approval.detail["text_sha256"] == hashlib.sha256(draft.body.encode()).hexdigest()
    assert published(draft).message.blocks == posted.params["blocks"]
    assert (
        draft_card(draft, command=bot.running.deps.settings.command).blocks == card.params["blocks"]
    )
    assert "There will be a truce by spring" not in json.dumps(card.params["blocks"])


def test_a_snapshot_cannot_be_changed_or_deleted(bot: BotServer, engine: Engine) -> None:
    set_up_desk(bot, engine)
    record(bot, 'putin on ceasefire: opposes "No."', engine, at=SLOT - timedelta(hours=1))
    bot.running.deps.digests.run_due(now=TICK)
    with pytest.raises(AppendOnlyViolation), unit_of_work(engine) as session:
        row = session.exec(select(DraftContent)).one()
        row.body = "Something else entirely."
        session.add(row)
    with pytest.raises(AppendOnlyViolation), unit_of_work(engine) as session:
        session.delete(session.exec(select(DraftContent)).one())
    for statement in ("UPDATE draft_content SET body = 'x'", "DELETE FROM draft_content"):
        with pytest.raises(DBAPIError, match="immutable"), unit_of_work(engine) as session:
            session.execute(text(statement))
    with Session(engine) as session:
        assert "No." in session.exec(select(DraftContent.body)).one()
