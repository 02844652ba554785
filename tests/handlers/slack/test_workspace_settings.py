"""`/stance settings` and the Home tab's form: a workspace's own settings, changed by its
approvers or Slack admins, audited, and in force in the next answer (on every replica)."""

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from store import AuditEvent, WorkspaceSetting, utcnow
from tests.fakes.signing import text_input
from tests.fakes.slack_api import Call, FakeSlackApi, Scripted
from tests.handlers.slack.blockkit import assert_valid_view
from tests.handlers.slack.conftest import BotServer, Reply, running_bot
from tests.handlers.slack.test_drafts import (
    APPROVALS,
    CHIEF,
    DESK,
    EDITOR,
    REPORTER,
    button,
    click,
    request_summary,
    told,
)
from tests.handlers.slack.test_home import home_of, section_of

ADMIN = "U0ADMIN"
REFUSED = "Only this workspace's approvers and its Slack admins and owners can change its settings."


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"approvers": EDITOR, "approval_channel": APPROVALS}


def shown(reply: Reply) -> str:
    """What the person sees in a private answer: its text and every block's words."""
    body = reply.json
    parts = [body.get("text", "")]
    for block in body.get("blocks", []):
        text = block.get("text")
        parts.append(text["text"] if isinstance(text, dict) else "")
        parts += [e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return "\n".join(parts)


def rows(engine: Engine) -> dict[str, str]:
    with Session(engine) as session:
        return {r.key: r.value for r in session.exec(select(WorkspaceSetting)).all()}


def audit(engine: Engine, action: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


def test_an_approver_changes_the_time_zone_audited_and_new_digests_keep_it(
    bot: BotServer, engine: Engine
) -> None:
    before = shown(bot.command("digest at 07:00", channel_id="C0EARLY"))
    assert "07:00 UTC" in before
    changed = shown(bot.command("settings tz America/New_York", user_id=EDITOR))
    assert "Time zone: now America/New_York for this workspace (was UTC, the default)" in changed
    assert rows(engine) == {"tz": "America/New_York"}
    [event] = audit(engine, "setting.changed")
    assert event.user == EDITOR
    assert event.subject == "workspace_setting"
    assert event.detail["key"] == "tz"
    assert (event.detail["old"], event.detail["new"]) == ("UTC", "America/New_York")
    assert (event.detail["old_source"], event.detail["new_source"]) == ("default", "workspace")
    # The next answer reads dates in the new zone: a new digest starts there.
    status = shown(bot.command("digest at 07:00", channel_id=DESK))
    assert "07:00 America/New_York" in status
    assert "EST" in status or "EDT" in status
    seen = shown(bot.command("settings", user_id=REPORTER))
    assert "America/New_York — _this workspace's, set by <@U0EDITOR>" in seen
    assert "(default: UTC)" in seen

    reset = shown(bot.command("settings reset tz", user_id=EDITOR))
    assert "Time zone: back to the default, UTC (was America/New_York)" in reset
    assert rows(engine) == {}
    assert [e.detail["new"] for e in audit(engine, "setting.reset")] == ["UTC"]


def test_a_new_approver_may_approve_and_the_old_one_no_longer(
    bot: BotServer, engine: Engine
) -> None:
    card = request_summary(bot)
    approve = button(card.params["blocks"], "draft_approve")
    assert "Only approvers can approve drafts" in told(
        bot, click(bot, "draft_approve", approve, CHIEF)
    )
    changed = shown(bot.command(f"settings approvers <@{CHIEF}|chief> S0DESK", user_id=EDITOR))
    assert "Approvers: now <@U0CHIEF>, user group S0DESK for this workspace" in changed
    assert rows(engine) == {"approvers": f"{CHIEF},S0DESK"}
    assert "Only approvers can approve drafts" in told(
        bot, click(bot, "draft_approve", approve, EDITOR)
    )
    assert "approved and posted" in told(bot, click(bot, "draft_approve", approve, CHIEF))
    [event] = audit(engine, "setting.changed")
    assert (event.detail["old"], event.detail["new"]) == (EDITOR, f"{CHIEF},S0DESK")


def test_someone_neither_approver_nor_admin_is_refused_and_nothing_changes(
    bot: BotServer, engine: Engine
) -> None:
    answer = shown(bot.command("settings tz Europe/Berlin", user_id=REPORTER))
    assert REFUSED in answer
    assert rows(engine) == {}
    [refusal] = audit(engine, "setting.refused")
    assert (refusal.user, refusal.detail["key"]) == (REPORTER, "tz")
    asked = bot.slack.calls_to("users.info")
    assert [call.params["user"] for call in asked] == [REPORTER]
    assert "UTC" in shown(bot.command("settings tz", user_id=REPORTER))  # anyone may look


def test_a_slack_admin_may_change_them_and_the_next_card_follows(
    bot: BotServer, engine: Engine
) -> None:
    bot.slack.script(
        "users.info",
        Scripted(body={"ok": True, "user": {"id": ADMIN, "is_admin": True, "is_owner": False}}),
    )
    changed = shown(
        bot.command("settings approval-channel <#C0STANDARDS|standards>", user_id=ADMIN)
    )
    assert "Approval channel: now <#C0STANDARDS> for this workspace" in changed
    bot.command("summarize ceasefire", channel_id=DESK, user_id=REPORTER)
    card = bot.slack.wait_for("chat.postMessage")[0]
    assert card.params["channel"] == "C0STANDARDS"
    assert audit(engine, "setting.changed")[0].user == ADMIN


@pytest.mark.parametrize(
    ("command", "said", "then"),
    [
        ("settings tz Mars/Base", "“Mars/Base” isn't a time zone.", "settings tz Europe/"),
        (
            "settings correction-window soon",
            "“soon” isn't a number of minutes.",
            "settings correction-window 1440",
        ),
        ("settings colour blue", "“colour” isn't a setting.", "Settings: approvers, "),
        (
            "settings approvers @alice",
            "“@alice” isn't a member or a user group I can read.",
            "settings approvers U0123ABCD",
        ),
        ("settings llm-calls many", "“many” isn't a number.", "or none for no limit"),
    ],
)
def test_a_bad_value_gets_a_short_answer_and_changes_nothing(
    bot: BotServer, engine: Engine, command: str, said: str, then: str
) -> None:
    answer = shown(bot.command(command, user_id=EDITOR))
    assert said in answer
    assert then in answer
    assert len(answer) < 800
    assert rows(engine) == {}
    assert audit(engine, "setting.changed") == []


def test_the_correction_window_applies_to_the_next_retraction(
    bot: BotServer, engine: Engine
) -> None:
    bot.command('add putin on ceasefire: opposes "No truce at all."', user_id=REPORTER)
    assert "now 0 minute" in shown(bot.command("settings correction-window 0", user_id=EDITOR))
    refused = shown(bot.command("retract #7 typo", user_id=REPORTER))
    assert "You may retract your own positions for" in refused
    bot.command("settings reset correction-window", user_id=EDITOR)
    assert "Withdrew #7" in shown(bot.command("retract #7 typo", user_id=REPORTER))


def test_desk_defaults_for_new_digests_and_quiet_hours(bot: BotServer) -> None:
    for text in (
        "settings digest-time 6:15am",
        "settings digest-days weekends",
        "settings digest-quiet nothing",
        "settings digest-deadline 45",
        "settings digest-on-deadline facts",
        "settings quiet-hours 10pm to 7am",
    ):
        assert "for this workspace" in shown(bot.command(text, user_id=EDITOR)), text
    status = shown(bot.command("digest follow ceasefire", channel_id="C0NEW"))
    for fact in ("06:15 UTC, weekends", "Quiet days: nothing", "within 45 min: post the"):
        assert fact in status, fact
    mine = shown(bot.command("quiet", user_id=REPORTER, channel_id="D0REPORTER"))
    assert "Your quiet hours: 22:00–07:00 UTC" in mine
    bot.command("quiet off", user_id=REPORTER, channel_id="D0REPORTER")
    assert "arrive at any hour" in shown(
        bot.command("quiet", user_id=REPORTER, channel_id="D0REPORTER")
    )
    assert "22:00–07:00" in shown(bot.command("quiet", channel_id="C0OTHER"))  # others keep it


def test_a_change_made_on_one_replica_applies_on_the_other(
    db_url: str, fake_slack: FakeSlackApi
) -> None:
    overrides = {"approvers": EDITOR, "settings_refresh_seconds": 0}
    with (
        running_bot(db_url, fake_slack, **overrides) as one,
        running_bot(db_url, fake_slack, **overrides) as two,
    ):
        assert "07:00 UTC" in shown(two.command("digest at 07:00", channel_id="C0ONE"))
        one.command("settings tz Asia/Tokyo", user_id=EDITOR)
        assert "07:00 Asia/Tokyo" in shown(two.command("digest at 07:00", channel_id=DESK))


def test_the_home_tab_shows_them_to_approvers_and_its_form_changes_them(
    bot: BotServer, engine: Engine
) -> None:
    home = home_of(bot, EDITOR)
    section = section_of(home, "Workspace settings")
    assert "*Time zone*: UTC" in section
    assert "settings_open" in section
    assert "Workspace settings" not in json.dumps(home_of(bot, REPORTER))

    opened = bot.click(action_id="settings_open", value="open", user_id=EDITOR, response_url="")
    assert opened.status == 200
    view = bot.slack.wait_for("views.open")[0].params["view"]
    assert_valid_view(view)
    assert view["callback_id"] == "settings_save"
    fields = {b["block_id"]: b["element"].get("initial_value", "") for b in view["blocks"][1:]}
    assert fields["tz"] == "UTC"
    assert fields["approvers"] == EDITOR

    def submit(user: str, **typed: str) -> Any:
        values = {name: {"value": text_input(typed.get(name, v))} for name, v in fields.items()}
        reply = bot.submit(
            callback_id="settings_save",
            values=values,
            user_id=user,
            private_metadata=view["private_metadata"],
        )
        assert reply.status == 200
        return reply.json

    refused = submit(EDITOR, tz="Mars/Base", **{"correction-window": "soon"})
    assert refused["response_action"] == "errors"
    assert refused["errors"] == {
        "tz": "“Mars/Base” isn't a time zone.",
        "correction-window": "“soon” isn't a number of minutes.",
    }
    assert rows(engine) == {}
    assert submit(REPORTER, tz="Europe/Berlin")["errors"]["tz"] == REFUSED
    assert submit(EDITOR, tz="Europe/Berlin", **{"quiet-hours": "23:00-06:00"}) is None
    assert rows(engine) == {"tz": "Europe/Berlin", "quiet_hours": "23:00-06:00"}
    assert sorted(e.detail["key"] for e in audit(engine, "setting.changed")) == [
        "quiet-hours",
        "tz",
    ]
    republished = bot.slack.wait_for("views.publish", count=3)[-1].params["view"]
    assert "*Time zone*: Europe/Berlin" in section_of(republished, "Workspace settings")


def test_the_default_quiet_hours_hold_alerts_until_a_place_opts_out(bot: BotServer) -> None:
    now = utcnow()
    window = f"{now - timedelta(hours=1):%H:00}-{now + timedelta(hours=2):%H:00}"
    assert "for this workspace" in shown(
        bot.command(f"settings quiet-hours {window}", user_id=EDITOR)
    )
    bot.command("follow putin", channel_id="C0WATCH", user_id=REPORTER)
    bot.command('add putin on ceasefire: opposes "No truce at all."', user_id=REPORTER)

    def alerts() -> list[Call]:
        return [
            c for c in bot.slack.calls_to("chat.postMessage") if c.params["channel"] == "C0WATCH"
        ]

    bot.running.alerts.send_due(now=utcnow() + timedelta(minutes=1))
    assert alerts() == []  # held: the desk's quiet hours apply to a place that set none
    bot.command("quiet off", channel_id="C0WATCH", user_id=REPORTER)
    bot.running.alerts.send_due(now=utcnow() + timedelta(minutes=1))
    assert len(alerts()) == 1
