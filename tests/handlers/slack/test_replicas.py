"""Two real `standpoint serve` processes on one PostgreSQL database: things happen once."""

import json
import threading
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from store import DigestSchedule, make_engine, utcnow
from tests.fakes import signing
from tests.fakes.slack_api import FakeSlackApi
from tests.handlers.slack.conftest import SIGNING_SECRET
from tests.handlers.slack.test_drafts import APPROVALS, DESK, EDITOR, button
from tests.handlers.slack.test_serve import two_replicas

pytestmark = pytest.mark.postgres
CHIEF = "U0CHIEF"


def _due_digest_schedule(db_url: str) -> None:
    """A daily digest whose slot is this very minute, created yesterday: due at start-up."""
    now = utcnow().astimezone(UTC) - timedelta(minutes=1)
    engine = make_engine(db_url)
    with Session(engine) as session:
        session.add(
            DigestSchedule(
                channel_id="C0DIGEST",
                hour=now.hour,
                minute=now.minute,
                tz="UTC",
                days="mon-sun",
                created_by="test",
                created_at=now - timedelta(days=1),
            )
        )
        session.commit()
    engine.dispose()


def test_two_replicas_post_one_approval_and_one_digest(
    db_url: str, tmp_path: Path, fake_slack: FakeSlackApi
) -> None:
    _due_digest_schedule(db_url)
    env = {
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "STANDPOINT_APPROVERS": f"{EDITOR},{CHIEF}",
        "STANDPOINT_APPROVAL_CHANNEL": APPROVALS,
    }
    with two_replicas(db_url, tmp_path, fake_slack, **env) as (urls, _processes):
        digest_cards = fake_slack.wait_for(
            "chat.postMessage",
            timeout=20,
            where=lambda c: (
                c.params["channel"] == APPROVALS and "Digest" in c.params.get("text", "")
            ),
        )
        body = signing.slash_command(
            "summarize ceasefire",
            response_url=fake_slack.response_url(),
            channel_id=DESK,
            user_id="U0REPORTER",
        )
        assert (
            signing.post(urls[0] + "/slack/events", body, signing.sign(SIGNING_SECRET, body))[0]
            == 200
        )
        card = fake_slack.wait_for(
            "chat.postMessage",
            timeout=20,
            where=lambda c: (
                c.params["channel"] == APPROVALS
                and "Where things stand" in c.params.get("text", "")
            ),
        )[0]
        value = button(card.params["blocks"], "draft_approve")
        barrier = threading.Barrier(2)

        def approve(url: str, user: str) -> None:
            click = signing.block_actions(
                action_id="draft_approve",
                value=value,
                user_id=user,
                channel_id=APPROVALS,
                response_url=fake_slack.response_url(user),
            )
            barrier.wait()
            signing.post(url + "/slack/events", click, signing.sign(SIGNING_SECRET, click))

        threads = [
            threading.Thread(target=approve, args=(url, user))
            for url, user in zip(urls, (EDITOR, CHIEF), strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        answers = fake_slack.wait_for(
            "response_url",
            count=2,
            timeout=20,
            where=lambda c: c.params["_path"].startswith(
                ("/response/U0EDITOR", "/response/U0CHIEF")
            ),
        )
    told = sorted(a.params["text"] for a in answers)
    assert len(digest_cards) == 1
    assert (
        len(
            [
                c
                for c in fake_slack.calls_to("chat.postMessage")
                if c.params["channel"] == APPROVALS and "Digest" in c.params.get("text", "")
            ]
        )
        == 1
    )
    desk_posts = [c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == DESK]
    assert len(desk_posts) == 1
    assert any("approved and posted" in t for t in told)
    assert any("was already" in t for t in told)
    assert "Where things stand" in json.dumps(desk_posts[0].params["blocks"])
