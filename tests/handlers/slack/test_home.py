"""App Home: app_home_opened events publish the Home tab."""

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from store import Actor, Alert, Draft, DraftKind, DraftStatus, Follow, utcnow
from tests.fakes.signing import app_home_opened
from tests.fakes.slack_api import Call
from tests.handlers.slack.blockkit import assert_valid_view
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_hostile_text import assert_inert, store_hostile


def test_opening_home_publishes_latest_statements_drafts_and_help(bot: BotServer) -> None:
    bot.command('add putin on ceasefire: opposes "No truce."', user_id="U0ALICE")
    reply = bot.event(app_home_opened(user_id="U0BOB"))
    assert reply.status == 200
    published = bot.slack.wait_for("views.publish")[0].params
    assert published["user_id"] == "U0BOB"
    view = published["view"]
    seen = json.dumps(view, ensure_ascii=False)
    assert "Latest statements and shifts" in seen
    assert seen.index("Shift") < seen.index("Kursk truce")  # newest first
    assert "Your drafts waiting for approval" in seen  # U0BOB is no approver
    assert "None waiting." in seen
    assert "history &lt;actor&gt; on &lt;topic&gt;" in seen
    assert_valid_view(view)


def test_the_messages_tab_does_not_publish_home(bot: BotServer) -> None:
    event = {**app_home_opened(), "tab": "messages"}
    assert bot.event(event).status == 200
    bot.event(app_home_opened(user_id="U0LAST"))
    published = bot.slack.wait_for("views.publish")
    assert [call.params["user_id"] for call in published] == ["U0LAST"]


EDITOR, ALICE, BOB = "U0EDITOR", "U0ALICE", "U0BOB"


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"approvers": EDITOR, "approval_channel": "C0APPROVALS"}


def home_of(bot: BotServer, user: str) -> dict[str, Any]:
    """Open `user`'s Home tab; the view published for them."""

    def theirs(call: Call) -> bool:
        return bool(call.params["user_id"] == user)

    before = len([c for c in bot.slack.calls_to("views.publish") if theirs(c)])
    assert bot.event(app_home_opened(user_id=user)).status == 200
    calls = bot.slack.wait_for("views.publish", count=before + 1, where=theirs)
    view: dict[str, Any] = calls[-1].params["view"]
    assert_valid_view(view)
    return view


def section_of(view: dict[str, Any], title: str) -> str:
    """The text under header `title`, up to the next divider."""
    texts, inside = [], False
    for block in view["blocks"]:
        if block["type"] == "header":
            inside = block["text"]["text"] == title
        elif block["type"] == "divider":
            inside = False
        elif inside:
            texts.append(json.dumps(block, ensure_ascii=False))
    assert texts, f"no {title!r} on Home"
    return "\n".join(texts)


def send_alerts(bot: BotServer, *, expected: int) -> None:
    """One pass of the alert sender once the burst window has passed."""
    bot.running.alerts.send_due(now=utcnow() + timedelta(minutes=1))
    assert len(bot.slack.calls_to("chat.postMessage")) == expected


def test_home_shows_your_follows_and_the_alerts_sent_to_you_not_other_peoples(
    bot: BotServer,
) -> None:
    quiet_from = (utcnow() + timedelta(hours=2)).strftime("%H:00")
    quiet_to = (utcnow() + timedelta(hours=3)).strftime("%H:00")
    for text, user, channel in [
        ("follow putin", ALICE, "D0ALICE"),  # her own: alerts in her DM
        ("follow topic ceasefire", ALICE, "C0DESK"),  # the desk's, set up by her
        (f"quiet {quiet_from}-{quiet_to} UTC", ALICE, "D0ALICE"),
        ("follow trump", BOB, "D0BOB"),
        ("follow topic ceasefire", BOB, "C0OTHER"),
        ("follow trump", BOB, "C0DESK"),  # the desk again, but Bob's follow
    ]:
        assert bot.command(text, user_id=user, channel_id=channel).status == 200
    bot.command('add putin on ceasefire: opposes "No truce at all."', user_id=BOB)
    send_alerts(bot, expected=3)  # Alice's DM, the desk, Bob's other channel

    view = home_of(bot, ALICE)
    follows = section_of(view, "Your follows")
    assert "*Vladimir Putin* — you, in your DM" in follows
    assert "*topic US ceasefire proposal* — in <#C0DESK>" in follows
    assert "Trump" not in follows
    assert "C0OTHER" not in follows
    assert f"Your quiet hours: {quiet_from}–{quiet_to} UTC" in follows
    assert "unfollow &lt;name&gt;" in follows
    alerts = section_of(view, "Latest alerts")
    move = "*Vladimir Putin* on *US ceasefire proposal*: 🟡 Conditional support → 🔴 *Opposes*"
    assert alerts.count(move) == 2
    assert "alerted to you" in alerts
    assert "alerted in <#C0DESK>" in alerts
    assert "C0OTHER" not in alerts

    bob = home_of(bot, BOB)
    assert "*topic US ceasefire proposal* — in <#C0OTHER>" in section_of(bob, "Your follows")
    assert "alerted in <#C0OTHER>" in section_of(bob, "Latest alerts")
    assert "Nothing yet" in section_of(home_of(bot, "U0CAROL"), "Your follows")
    assert "No alerts sent to you yet." in section_of(home_of(bot, "U0CAROL"), "Latest alerts")


def test_drafts_wait_for_approvers_and_their_requesters(bot: BotServer) -> None:
    bot.command("summarize ceasefire", user_id=ALICE, channel_id="C0DESK")
    bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "C0APPROVALS")
    with Session(bot.running.deps.engine) as session:
        d = f"D{session.exec(select(Draft.id)).one()}"

    editor = section_of(home_of(bot, EDITOR), "Drafts waiting for your approval")
    assert f"*{d}* Where things stand: US ceasefire proposal" in editor
    assert "expires " in editor
    assert f"`/stance approve {d}`" in editor
    alice = section_of(home_of(bot, ALICE), "Your drafts waiting for approval")
    assert f"*{d}*" in alice
    assert f"waiting for an approver · `/stance audit {d}`" in alice
    bob = section_of(home_of(bot, BOB), "Your drafts waiting for approval")
    assert d not in bob
    assert "None waiting." in bob

    bot.command(f"approve {d}", user_id=EDITOR, channel_id="C0APPROVALS")
    bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "C0DESK")
    assert "None waiting." in section_of(home_of(bot, ALICE), "Your drafts waiting for approval")


def test_hostile_names_on_home_are_escaped(bot: BotServer) -> None:
    store_hostile(bot.running.deps.engine)
    bot.command("follow mallory", user_id=ALICE, channel_id="D0ALICE")
    bot.command("follow topic pings", user_id=ALICE, channel_id="C0DESK")
    bot.command('add mallory on pings: opposes "Never."', user_id=ALICE)
    send_alerts(bot, expected=2)
    bot.command("summarize pings", user_id=ALICE, channel_id="C0DESK")
    bot.slack.wait_for("chat.postMessage", count=3)

    view = home_of(bot, ALICE)
    assert_inert(view)
    for title in ("Your follows", "Latest alerts", "Your drafts waiting for approval"):
        shown = section_of(view, title)
        assert "Mallory" in shown or "Pings" in shown, title
        assert "&lt;!channel&gt; &lt;!here&gt;" in shown, title
        assert "&lt;@U0ALL&gt;" in shown, title


def test_a_home_with_many_follows_alerts_and_drafts_stays_within_100_blocks(
    bot: BotServer,
) -> None:
    engine = bot.running.deps.engine
    position_id = store_hostile(engine)
    now = utcnow()
    with Session(engine) as session:
        actor = session.exec(select(Actor).where(Actor.name == "Vladimir Putin")).one()
        for n in range(120):
            channel = f"C{n:04d}"
            session.add(
                Follow(
                    team_id="T0FAKE",
                    target=channel,
                    target_kind="channel",
                    subject=f"actor:{actor.id}",
                    actor_id=actor.id,
                    created_by=ALICE,
                )
            )
            session.add(
                Alert(
                    team_id="T0FAKE",
                    target=channel,
                    target_kind="channel",
                    position_id=position_id,
                    kind="conditions",
                    status="sent",
                    sent_at=now - timedelta(minutes=n),
                )
            )
        for n in range(60):
            session.add(
                Draft(
                    kind=DraftKind.SUMMARY,
                    title=f"Draft {n} " + "x" * 180,
                    drafter="template",
                    status=DraftStatus.PENDING,
                    requested_by=ALICE,
                    expires_at=now + timedelta(hours=1),
                )
            )
        session.commit()

    view = home_of(bot, ALICE)
    assert len(view["blocks"]) <= 100
    assert "…and 90 more: `/stance following`" in section_of(view, "Your follows")
    alerts = section_of(view, "Latest alerts")
    assert alerts.count("🔔") == 10
    assert "alerted in <#C0000>" in alerts
    assert "C0010" not in alerts
    drafts = section_of(view, "Your drafts waiting for approval")
    assert "…and 45 more: `/stance pending`" in drafts
    assert "How to use it" in json.dumps(view)


def test_home_marks_an_alerted_statement_withdrawn_since_and_its_notice(bot: BotServer) -> None:
    bot.command("follow putin", user_id=ALICE, channel_id="D0ALICE")
    bot.command('add putin on ceasefire: opposes "No truce at all."', user_id=EDITOR)
    send_alerts(bot, expected=1)
    answer = bot.command("retract #7 misattributed", user_id=EDITOR)
    assert "Withdrew #7" in answer.json["text"]
    send_alerts(bot, expected=2)  # the notice, to the same DM
    alerts = section_of(home_of(bot, ALICE), "Latest alerts")
    assert "⚠️ the statement of an earlier alert (#7) was withdrawn" in alerts
    assert "🔴 *Opposes* — ⚠️ withdrawn since" in alerts
