"""Drafts and approvals end to end: signed clicks and modals, the fake Slack Web API."""

import json
import re
import threading
from typing import Any

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, select

from store import AuditEvent, Draft, DraftStatus, utcnow
from tests.fakes.signing import text_input
from tests.fakes.slack_api import Call, FakeSlackApi, Scripted
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer, running_bot

EDITOR, CHIEF, REPORTER = "U0EDITOR", "U0CHIEF", "U0REPORTER"
APPROVALS, DESK = "C0APPROVALS", "C0DESK"


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"approvers": f"{EDITOR},{CHIEF}", "approval_channel": APPROVALS}


def request_summary(bot: BotServer, topic: str = "ceasefire") -> Call:
    """`/stance summarize` from the desk; returns the card posted to the approvers."""
    reply = bot.command(f"summarize {topic}", channel_id=DESK, user_id=REPORTER)
    assert "Drafting a summary" in reply.text
    card = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == APPROVALS)[
        0
    ]
    assert_valid_blocks(card.params["blocks"])
    return card


def button(blocks: list[dict[str, Any]], action_id: str) -> str:
    for block in blocks:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return str(element["value"])
    raise AssertionError(f"no {action_id} button")


def click(bot: BotServer, action: str, value: str, user: str) -> str:
    url = bot.slack.response_url(f"{action}-{user}")
    assert (
        bot.click(
            action_id=action, value=value, user_id=user, channel_id=APPROVALS, response_url=url
        ).status
        == 200
    )
    return url


def told(bot: BotServer, url: str) -> str:
    return str(
        bot.slack.wait_for("response_url", where=lambda c: url.endswith(c.params["_path"]))[
            0
        ].params["text"]
    )


def posts_to_desk(bot: BotServer) -> list[Call]:
    return [c for c in bot.slack.calls_to("chat.postMessage") if c.params["channel"] == DESK]


def final_card(bot: BotServer, words: str) -> dict[str, Any]:
    """The card update that shows `words` (earlier updates may race the card's creation)."""
    return bot.slack.wait_for(
        "chat.update", where=lambda c: words in json.dumps(c.params["blocks"])
    )[0].params


def draft_row(engine: Engine) -> Draft:
    with Session(engine) as session:
        draft = session.exec(select(Draft).order_by(Draft.id.desc())).first()  # type: ignore[union-attr]
        assert draft is not None
        return draft


def test_approve_posts_once_and_replaces_the_card(bot: BotServer, engine: Engine) -> None:
    card = request_summary(bot)
    text = json.dumps(card.params["blocks"], ensure_ascii=False)
    assert "offline drafter" in text
    assert "[#1]" in text
    assert "we certainly support it" in text
    url = click(bot, "draft_approve", button(card.params["blocks"], "draft_approve"), EDITOR)
    assert "approved and posted" in told(bot, url)
    posted = posts_to_desk(bot)
    assert len(posted) == 1
    assert posted[0].params["unfurl_links"] is False
    assert f"approved by <@{EDITOR}>" in json.dumps(posted[0].params["blocks"])
    final = final_card(bot, "and posted")
    assert final["channel"] == APPROVALS
    assert "Approved by <@U0EDITOR> and posted" in json.dumps(final["blocks"])
    draft = draft_row(engine)
    assert draft.status == DraftStatus.POSTED
    assert draft.posted_ts is not None
    with Session(engine) as session:
        actions = [
            e.action for e in session.exec(select(AuditEvent).where(AuditEvent.subject == "draft"))
        ]
    assert actions == ["draft.created", "draft.approved", "draft.posted"]


def test_a_non_approver_is_refused_privately_and_audited(bot: BotServer, engine: Engine) -> None:
    card = request_summary(bot)
    url = click(bot, "draft_approve", button(card.params["blocks"], "draft_approve"), REPORTER)
    assert "Only approvers can approve" in told(bot, url)
    assert posts_to_desk(bot) == []
    assert draft_row(engine).status == DraftStatus.PENDING
    with Session(engine) as session:
        refused = session.exec(
            select(AuditEvent).where(AuditEvent.action == "draft.approve.refused")
        ).one()
    assert refused.user == REPORTER


def test_two_simultaneous_approvals_post_exactly_once(bot: BotServer, engine: Engine) -> None:
    card = request_summary(bot)
    value = button(card.params["blocks"], "draft_approve")
    barrier = threading.Barrier(2)
    urls: dict[str, str] = {}

    def approve(user: str) -> None:
        barrier.wait()
        urls[user] = click(bot, "draft_approve", value, user)

    threads = [threading.Thread(target=approve, args=(u,)) for u in (EDITOR, CHIEF)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answers = sorted(told(bot, url) for url in urls.values())
    assert len(posts_to_desk(bot)) == 1
    assert any("approved and posted" in a for a in answers)
    assert any("was already approved by" in a or "was already posted by" in a for a in answers)
    assert draft_row(engine).status == DraftStatus.POSTED


def test_two_app_instances_on_one_database_post_exactly_once(
    bot: BotServer, db_url: str, fake_slack: FakeSlackApi, bot_overrides: dict[str, Any]
) -> None:
    card = request_summary(bot)
    value = button(card.params["blocks"], "draft_approve")
    with running_bot(db_url, fake_slack, **bot_overrides) as replica:
        barrier = threading.Barrier(2)
        urls: list[str] = []

        def approve(server: BotServer, user: str) -> None:
            barrier.wait()
            urls.append(click(server, "draft_approve", value, user))

        threads = [
            threading.Thread(target=approve, args=(s, u))
            for s, u in ((bot, EDITOR), (replica, CHIEF))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        answers = sorted(told(bot, url) for url in urls)
    assert len(posts_to_desk(bot)) == 1
    assert "approved and posted" in answers[0]
    assert "was already" in answers[1]


def test_edit_then_approve_posts_the_edited_text(bot: BotServer, engine: Engine) -> None:
    card = request_summary(bot)
    click(bot, "draft_edit", button(card.params["blocks"], "draft_edit"), EDITOR)
    modal = bot.slack.wait_for("views.open")[0].params["view"]
    assert "[#1]" in modal["blocks"][1]["element"]["initial_value"]
    new_text = "Vladimir Putin backs the US proposal only on his terms [#1]."
    reply = bot.submit(
        callback_id="draft_edit",
        values={"body": {"value": text_input(new_text)}},
        private_metadata=modal["private_metadata"],
        user_id=EDITOR,
    )
    assert reply.status == 200
    assert reply.text == ""
    updated = bot.slack.wait_for("chat.update")[0].params
    assert "Vladimir Putin backs the US proposal only on his terms. [#1]" in json.dumps(
        updated["blocks"]
    )
    url = click(bot, "draft_approve", button(updated["blocks"], "draft_approve"), CHIEF)
    assert "approved and posted" in told(bot, url)
    assert new_text in json.dumps(posts_to_desk(bot)[0].params["blocks"])
    with Session(engine) as session:
        actions = [
            e.action for e in session.exec(select(AuditEvent).where(AuditEvent.subject == "draft"))
        ]
    assert actions == ["draft.created", "draft.edited", "draft.approved", "draft.posted"]


def test_an_edit_with_an_invented_quote_is_refused_inline(bot: BotServer, engine: Engine) -> None:
    card = request_summary(bot)
    click(bot, "draft_edit", button(card.params["blocks"], "draft_edit"), EDITOR)
    modal = bot.slack.wait_for("views.open")[0].params["view"]
    bad = "Putin said “we will never stop” [#1]. Russia will win."
    reply = bot.submit(
        callback_id="draft_edit",
        values={"body": {"value": text_input(bad)}},
        private_metadata=modal["private_metadata"],
        user_id=EDITOR,
    )
    errors = reply.json["errors"]["body"]
    assert "Claim 1 has a citation typed into its text" in errors
    assert "cites no position" in errors
    assert draft_row(engine).version == 1


def test_a_stale_approve_after_an_edit_is_refused(bot: BotServer) -> None:
    card = request_summary(bot)
    old_value = button(card.params["blocks"], "draft_approve")
    bot.command(
        f"reject {old_value.split(':')[0]} placeholder", user_id=REPORTER
    )  # refused: not approver
    click(bot, "draft_edit", old_value, EDITOR)
    modal = bot.slack.wait_for("views.open")[0].params["view"]
    bot.submit(
        callback_id="draft_edit",
        values={"body": {"value": text_input("Putin backs it on his terms [#1].")}},
        private_metadata=modal["private_metadata"],
        user_id=EDITOR,
    )
    url = click(bot, "draft_approve", old_value, CHIEF)
    assert "changed since you saw it" in told(bot, url)
    assert posts_to_desk(bot) == []


def test_reject_with_a_reason(bot: BotServer, engine: Engine) -> None:
    card = request_summary(bot)
    click(bot, "draft_reject", button(card.params["blocks"], "draft_reject"), EDITOR)
    modal = bot.slack.wait_for("views.open")[0].params["view"]
    reply = bot.submit(
        callback_id="draft_reject",
        values={"reason": {"value": text_input("Too thin.")}},
        private_metadata=modal["private_metadata"],
        user_id=EDITOR,
    )
    assert reply.status == 200
    final = bot.slack.wait_for("chat.update")[0].params
    assert "Rejected by <@U0EDITOR>: Too thin." in json.dumps(final["blocks"])
    assert draft_row(engine).status == DraftStatus.REJECTED
    assert posts_to_desk(bot) == []
    audit = json.dumps(bot.command(f"audit D{draft_row(engine).id}").json["blocks"])
    # The reason is in the audit, in a standards editor's words rather than event names.
    assert re.search(
        r"Rejected by <@U0EDITOR> on \d{1,2} \w{3} \d{4} \d\d:\d\d UTC: Too thin\.", audit
    )
    assert "draft.rejected" not in audit


def test_an_expired_draft_says_expired_not_rejected(bot: BotServer, engine: Engine) -> None:
    card = request_summary(bot)
    with Session(engine) as session:
        session.execute(update(Draft).values(expires_at=utcnow().replace(year=2020)))
        session.commit()
    url = click(bot, "draft_approve", button(card.params["blocks"], "draft_approve"), EDITOR)
    assert "expired" in told(bot, url)
    final = bot.slack.wait_for("chat.update")[0].params
    assert "Expired" in json.dumps(final["blocks"])
    assert "Rejected" not in json.dumps(final["blocks"])
    assert draft_row(engine).status == DraftStatus.EXPIRED
    assert posts_to_desk(bot) == []


def test_text_twins_pending_approve_and_audit(bot: BotServer, engine: Engine) -> None:
    request_summary(bot)
    draft_id = draft_row(engine).id
    assert f"D{draft_id}" in bot.command("pending").text
    reply = bot.command(f"approve {draft_id}", user_id=EDITOR)
    assert f"Working on draft D{draft_id}" in reply.text
    answer = bot.slack.wait_for(
        "response_url", where=lambda c: "approved and posted" in c.params.get("text", "")
    )
    assert answer
    audit = bot.command(f"audit D{draft_id}").json
    seen = json.dumps(audit["blocks"])
    assert f"Audit of draft D{draft_id}" in seen
    for step in ("Requested by", "Approved by <@U0EDITOR> on", "Posted to the channel after"):
        assert step in seen
    assert "draft.approved" not in seen
    assert "No drafts are waiting" in bot.command("pending").text


def test_a_post_rate_limited_by_slack_is_retried_after_retry_after(
    bot: BotServer, engine: Engine
) -> None:
    card = request_summary(bot)
    bot.slack.script("chat.postMessage", Scripted.rate_limited(retry_after=1))
    click(bot, "draft_approve", button(card.params["blocks"], "draft_approve"), EDITOR)
    first, second = bot.slack.wait_for("chat.postMessage", count=3, timeout=10)[1:3]
    assert second.at - first.at >= 0.9
    final_card(bot, "and posted")
    assert draft_row(engine).status == DraftStatus.POSTED


def test_a_dropped_connection_marks_the_draft_post_unconfirmed(
    bot: BotServer, engine: Engine
) -> None:
    card = request_summary(bot)
    bot.slack.script("chat.postMessage", Scripted(drop=True))
    url = click(bot, "draft_approve", button(card.params["blocks"], "draft_approve"), EDITOR)
    assert "didn't confirm it" in told(bot, url)
    assert len(posts_to_desk(bot)) == 1  # sent once, never blindly retried
    assert draft_row(engine).status == DraftStatus.UNCONFIRMED
    assert "Check the channel" in json.dumps(final_card(bot, "Check the channel")["blocks"])


def test_the_sweeper_expires_overdue_drafts_without_a_click(bot: BotServer, engine: Engine) -> None:
    from handlers.slack.runtime import start_expiry_sweeper

    request_summary(bot)
    with Session(engine) as session:
        session.execute(update(Draft).values(expires_at=utcnow().replace(year=2020)))
        session.commit()
    stop = start_expiry_sweeper(bot.running.deps, every=0.05)
    try:
        assert "Expired" in json.dumps(final_card(bot, "Expired")["blocks"])
    finally:
        stop.set()
    assert draft_row(engine).status == DraftStatus.EXPIRED


def test_home_lists_the_drafts_waiting_for_an_approver(bot: BotServer) -> None:
    from tests.fakes.signing import app_home_opened

    request_summary(bot)
    bot.event(app_home_opened(user_id=EDITOR))
    view = bot.slack.wait_for("views.publish")[0].params["view"]
    assert "Drafts waiting for your approval" in json.dumps(view, ensure_ascii=False)
    assert "`/stance approve D1`" in json.dumps(view)


@pytest.mark.parametrize(
    "bot_overrides", [{"approvers": "S0EDITORS", "approval_channel": APPROVALS}]
)
def test_approvers_can_be_a_user_group(bot: BotServer) -> None:
    bot.slack.script("usergroups.users.list", Scripted(body={"ok": True, "users": [EDITOR]}))
    card = request_summary(bot)
    value = button(card.params["blocks"], "draft_approve")
    refused = click(bot, "draft_approve", value, CHIEF)
    assert "Only approvers" in told(bot, refused)
    approved = click(bot, "draft_approve", value, EDITOR)
    assert "approved and posted" in told(bot, approved)
    assert bot.slack.calls_to("usergroups.users.list")[0].params["usergroup"] == "S0EDITORS"
