"""A default install and its approvers: the refusal and the start-up log name the setting."""

import logging
from typing import Any

import pytest
from sqlalchemy import Engine

from store import DraftStatus
from tests.fakes.slack_api import FakeSlackApi, Scripted
from tests.handlers.slack.conftest import running_bot
from tests.handlers.slack.test_drafts import (
    APPROVALS,
    DESK,
    EDITOR,
    REPORTER,
    button,
    click,
    draft_row,
    posts_to_desk,
    request_summary,
    told,
)


def test_with_no_approvers_set_a_click_says_which_setting_to_fill(
    db_url: str, fake_slack: FakeSlackApi, engine: Engine
) -> None:
    with running_bot(db_url, fake_slack, approval_channel=APPROVALS) as bot:
        card = request_summary(bot)
        url = click(bot, "draft_approve", button(card.params["blocks"], "draft_approve"), EDITOR)
        answer = told(bot, url)
    assert "no approvers are set up" in answer
    assert "STANDPOINT_APPROVERS" in answer
    assert posts_to_desk(bot) == []
    assert draft_row(engine).status == DraftStatus.PENDING


def test_a_non_approver_is_told_where_approvers_are_listed(
    db_url: str, fake_slack: FakeSlackApi
) -> None:
    with running_bot(db_url, fake_slack, approvers=EDITOR, approval_channel=APPROVALS) as bot:
        card = request_summary(bot)
        url = click(bot, "draft_approve", button(card.params["blocks"], "draft_approve"), REPORTER)
        answer = told(bot, url)
    assert "Only approvers can approve drafts" in answer
    assert "STANDPOINT_APPROVERS" in answer


@pytest.mark.parametrize(("approvers", "warned"), [("", True), (EDITOR, False)])
def test_start_up_warns_when_nobody_can_approve(
    db_url: str,
    fake_slack: FakeSlackApi,
    caplog: pytest.LogCaptureFixture,
    approvers: str,
    warned: bool,
) -> None:
    overrides: dict[str, Any] = {"approvers": approvers} if approvers else {}
    with caplog.at_level(logging.WARNING), running_bot(db_url, fake_slack, **overrides):
        pass
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("STANDPOINT_APPROVERS is not set" in w for w in warnings) is warned


def test_an_approved_post_to_a_channel_without_the_bot_says_to_invite_it(
    db_url: str, fake_slack: FakeSlackApi, engine: Engine
) -> None:
    with running_bot(db_url, fake_slack, approvers=EDITOR, approval_channel=APPROVALS) as bot:
        card = request_summary(bot)
        fake_slack.script("chat.postMessage", Scripted.error("not_in_channel"))
        url = click(bot, "draft_approve", button(card.params["blocks"], "draft_approve"), EDITOR)
        answer = told(bot, url)
    assert "invite it with /invite @Standpoint" in answer
    assert draft_row(engine).status == DraftStatus.FAILED
    tried = [c.params["channel"] for c in fake_slack.calls_to("chat.postMessage")]
    assert tried == [APPROVALS, DESK]  # the card, then the refused post
