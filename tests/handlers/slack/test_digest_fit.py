"""A digest too long for one Slack message: a capped post that says so, the rest in a file."""

import hashlib
import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from store import Actor, ActorKind, Draft, Position, PositionStatus, Source, Stance, Topic
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_digests import SLOT, TICK, set_up_desk
from tests.handlers.slack.test_drafts import APPROVALS, DESK, EDITOR, button, click

CHANGES = 2000


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"approvers": EDITOR, "approval_channel": APPROVALS, "tz": "Europe/London"}


def _many_changes(engine: Engine) -> None:
    with Session(engine) as session:
        topics = [Topic(name=f"Fit topic {n}") for n in range(20)]
        actors = [Actor(name=f"Fit actor {n}", kind=ActorKind.PERSON) for n in range(50)]
        source = Source(outlet="Fit Wire", title="Fit article")
        session.add_all([*topics, *actors, source])
        session.flush()
        actor_ids = [a.id for a in actors if a.id is not None]
        topic_ids = [t.id for t in topics if t.id is not None]
        for n in range(CHANGES):
            at = SLOT - timedelta(hours=6) + timedelta(seconds=5 * n)
            session.add(
                Position(
                    actor_id=actor_ids[n % 50],
                    topic_id=topic_ids[(n // 50) % 20],
                    stance=list(Stance)[n % 5],
                    summary=f"Fit position {n}.",
                    quotes=[f"Statement number {n} stands as said."],
                    source_id=source.id,
                    stated_at=at,
                    recorded_by="U0REPORTER",
                    recorded_at=at,
                    status=PositionStatus.CONFIRMED,
                    dedupe_key=hashlib.sha256(f"fit|{n}".encode()).hexdigest(),
                )
            )
        session.commit()


def test_a_two_thousand_line_digest_posts_a_capped_message_and_the_rest_in_its_thread(
    bot: BotServer, engine: Engine
) -> None:
    set_up_desk(bot, engine)
    _many_changes(engine)
    told_lines = bot.running.deps.digests.run_due(now=TICK)
    assert told_lines == [f"{DESK}: digest drafted as D1, waiting for approval"]
    card = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == APPROVALS)
    url = click(bot, "draft_approve", button(card[0].params["blocks"], "draft_approve"), EDITOR)
    # A 2,000-claim draft takes a while to approve and post on a busy machine: wait longer.
    answer = bot.slack.wait_for(
        "response_url", where=lambda c: url.endswith(c.params["_path"]), timeout=60
    )
    assert "approved and posted" in answer[0].params["text"]

    post = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == DESK)[0]
    blocks = post.params["blocks"]
    assert len(blocks) <= 50
    assert blocks[0]["type"] == "header"
    assert len(blocks[0]["text"]["text"]) <= 150
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
    shown = json.dumps(blocks, ensure_ascii=False)
    assert f"({CHANGES} in all) in the attached file D1-continued.txt" in shown

    done = bot.slack.wait_for("files.completeUploadExternal")[0]
    assert done.params["channel_id"] == DESK
    with Session(engine) as session:
        draft = session.get(Draft, 1)
        assert draft is not None
    assert done.params["thread_ts"] == draft.posted_ts
    uploaded = bot.slack.uploaded(done.params["files"][0]["id"])
    assert uploaded is not None
    rest = uploaded.decode()
    # Every change is in the message or the file, none in both, none lost.
    for n in range(CHANGES):
        quote = f"Statement number {n} stands as said."
        assert (quote in shown) != (quote in rest), n
    assert len(bot.slack.calls_to("chat.postMessage")) == 2  # the card and the one post
