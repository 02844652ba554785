"""Charts in Slack: `/stance chart …` uploads a PNG with alt text into the requester's DM, and a
digest with `digest chart on` gets its busiest topic's chart in its thread."""

import io
import json
from datetime import timedelta
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import Engine
from sqlmodel import Session, select

from store import DigestRun, DigestSchedule, Draft
from tests.fakes.slack_api import Scripted
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_digests import DESK, SLOT, TICK, desk_posts, record, set_up_desk
from tests.handlers.slack.test_drafts import APPROVALS, EDITOR, button, click, told

UPLOAD_CALLS = ("files.getUploadURLExternal", "file_upload", "files.completeUploadExternal")
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"approvers": EDITOR, "approval_channel": APPROVALS, "tz": "Europe/London"}


def _png(bot: BotServer, done: Any) -> bytes:
    [file] = done.params["files"]
    data = bot.slack.uploaded(file["id"])
    assert data is not None
    assert data.startswith(PNG)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.width > 800
    return data


def test_chart_is_drawn_and_uploaded_privately_with_alt_text(bot: BotServer) -> None:
    reply = bot.command("chart putin on ceasefire", user_id="U0REPORTER")
    assert reply.status == 200
    assert reply.json["response_type"] == "ephemeral"
    assert "Drawing the timeline of “putin” on “ceasefire”" in reply.json["text"]

    [done] = bot.slack.wait_for("files.completeUploadExternal", timeout=30)
    [opened] = bot.slack.calls_to("conversations.open")
    assert opened.params["users"] == "U0REPORTER"
    assert done.params["channel_id"] == "D0REPORTER"
    [asked] = bot.slack.calls_to("files.getUploadURLExternal")
    assert asked.params["alt_txt"] == (
        "Vladimir Putin on US ceasefire proposal: Conditional support from 13 Mar 2025."
    )
    assert asked.params["filename"].startswith(
        "standpoint-chart-vladimir-putin-on-us-ceasefire-proposal-"
    )
    assert asked.params["filename"].endswith(".png")
    assert int(asked.params["length"]) == len(_png(bot, done))
    assert done.params["files"][0]["title"] == (
        "Stance timeline: Vladimir Putin on US ceasefire proposal"
    )
    assert bot.slack.calls_to("chat.postMessage") == []  # nothing in the channel


def test_a_topic_chart_describes_every_actor(bot: BotServer) -> None:
    bot.command("chart topic ceasefire")
    [done] = bot.slack.wait_for("files.completeUploadExternal", timeout=30)
    [asked] = bot.slack.calls_to("files.getUploadURLExternal")
    assert asked.params["alt_txt"].startswith("Stances on US ceasefire proposal over time.")
    assert "Donald Trump: Supports from 13 Mar 2025." in asked.params["alt_txt"]
    _png(bot, done)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("chart putin on weather", "I don't know a topic called “weather”."),
        (
            "chart yermak on ceasefire",
            "Nothing to chart: no statement is recorded for Andriy Yermak on US ceasefire proposal.",
        ),
    ],
)
def test_unknown_names_and_empty_charts_are_answered_privately(
    bot: BotServer, text: str, said: str
) -> None:
    bot.command(text)
    answer = bot.slack.wait_for("response_url", timeout=30)[0].params
    assert answer["response_type"] == "ephemeral"
    assert said in answer["text"]
    assert not [call for call in bot.slack.calls if call.method in UPLOAD_CALLS]


def test_a_refused_upload_says_so_without_a_stack_trace(bot: BotServer) -> None:
    bot.slack.script("files.getUploadURLExternal", Scripted.error("missing_scope"))
    bot.command("chart putin on ceasefire")
    answer = bot.slack.wait_for("response_url", timeout=30)[0].params
    assert "I couldn't send the chart (missing_scope)." in answer["text"]
    assert "Traceback" not in json.dumps(answer)
    assert bot.slack.calls_to("files.completeUploadExternal") == []


def _post_a_digest(bot: BotServer, engine: Engine) -> None:
    """Two ceasefire statements and one on Kursk, drafted at the slot and approved."""
    for text, hours in [
        ('putin on ceasefire: opposes "There will be no truce."', 3),
        ('trump on ceasefire: undecided "We will see what happens."', 2),
        ('trump on kursk: unclear "We are looking at it."', 1),
    ]:
        record(bot, text, engine, at=SLOT - timedelta(hours=hours))
    assert bot.running.deps.digests.run_due(now=TICK) == [
        f"{DESK}: digest drafted as D1, waiting for approval"
    ]
    card = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == APPROVALS)
    url = click(bot, "draft_approve", button(card[0].params["blocks"], "draft_approve"), EDITOR)
    assert "approved and posted" in told(bot, url)


def test_a_digest_with_chart_on_gets_its_busiest_topics_chart_in_its_thread(
    bot: BotServer, engine: Engine
) -> None:
    set_up_desk(bot, engine, "digest chart on")
    status = bot.command("digest status", channel_id=DESK).text
    assert "Chart: the busiest topic's timeline in the thread" in status
    _post_a_digest(bot, engine)
    [done] = bot.slack.wait_for("files.completeUploadExternal", timeout=30)
    with Session(engine) as session:
        draft = session.exec(select(Draft)).one()
    assert done.params["channel_id"] == DESK
    assert done.params["thread_ts"] == draft.posted_ts
    assert done.params["files"][0]["title"] == "Stance timeline: US ceasefire proposal"
    [asked] = bot.slack.calls_to("files.getUploadURLExternal")
    assert (
        "Vladimir Putin: Conditional support from 13 Mar 2025; Opposes from 27 Nov 2030"
        in (asked.params["alt_txt"])
    )
    _png(bot, done)


def test_a_failed_chart_leaves_the_posted_digest_alone(bot: BotServer, engine: Engine) -> None:
    set_up_desk(bot, engine, "digest chart on")
    bot.slack.script("files.getUploadURLExternal", Scripted.error("missing_scope"))
    _post_a_digest(bot, engine)
    bot.slack.wait_for("files.getUploadURLExternal", timeout=30)
    assert len(desk_posts(bot)) == 1
    with Session(engine) as session:
        assert session.exec(select(DigestRun)).one().status == "posted"
        assert session.exec(select(DigestSchedule)).one().chart is True
    assert bot.slack.calls_to("files.completeUploadExternal") == []


def test_digest_chart_off_uploads_nothing(bot: BotServer, engine: Engine) -> None:
    set_up_desk(bot, engine, "digest chart on", "digest chart off")
    assert "Chart: none" in bot.command("digest status", channel_id=DESK).text
    _post_a_digest(bot, engine)
    assert not [call for call in bot.slack.calls if call.method in UPLOAD_CALLS]
