"""Scheduled digests through the real app: commands, content, approval, exactly once, fan-out."""

import itertools
import json
import os
import re
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from sqlalchemy import Engine, update
from sqlmodel import Session, func, select

from handlers.serving.scheduler import JOB_DEFAULTS, DigestScheduler
from store import DigestRun, DigestSchedule, Draft, DraftStatus
from tests.fakes.slack_api import FakeSlackApi, Scripted
from tests.handlers.slack.conftest import BOT_TOKEN, SIGNING_SECRET, BotServer
from tests.handlers.slack.test_drafts import APPROVALS, DESK, EDITOR, button, click, told

STANDPOINT = str(Path(sys.executable).parent / "standpoint")
# Wednesday 27 Nov 2030, 07:00 in London (GMT). Later than any real clock running these tests,
# so the seed's statements (stamped with the real time) always predate the digest's window.
SLOT = datetime(2030, 11, 27, 7, 0, tzinfo=UTC)
TICK = SLOT + timedelta(minutes=5)


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"approvers": EDITOR, "approval_channel": APPROVALS, "tz": "Europe/London"}


def set_up_desk(bot: BotServer, engine: Engine, *commands: str) -> None:
    """A 07:00 digest in the desk channel, created the day before the slot."""
    for text in ("digest at 07:00 Europe/London", *commands):
        assert bot.command(text, channel_id=DESK).status == 200
    with Session(engine) as session:
        session.execute(update(DigestSchedule).values(created_at=SLOT - timedelta(days=1)))
        session.commit()


def record(bot: BotServer, text: str, engine: Engine, *, at: datetime) -> None:
    """A quick add, stamped as recorded (and stated) at `at`."""
    with time_machine.travel(at, tick=False):
        assert "Recorded" in bot.command(f"add {text}", user_id="U0REPORTER").text


def cards(bot: BotServer) -> list[Any]:
    return bot.slack.calls_to("chat.postMessage")


def desk_posts(bot: BotServer) -> list[Any]:
    return [c for c in cards(bot) if c.params["channel"] == DESK]


def test_schedule_commands_answer_with_the_channels_settings(
    bot: BotServer, engine: Engine
) -> None:
    for text in (
        "digest at 06:30 America/New_York",
        "digest days daily",
        "digest follow ceasefire",
        "digest quiet nothing",
        "digest deadline 90 facts",
    ):
        assert bot.command(text, channel_id=DESK).status == 200
    status = bot.command("digest status", channel_id=DESK).text
    for fact in (
        "06:30 America/New_York",
        "every day",
        "US ceasefire proposal",
        "Quiet days: nothing",
        "90 min: post the factual list alone",
    ):
        assert fact in status
    assert "no digest yet" in bot.command("digest", channel_id="C0OTHER").text
    assert "Follows: every topic" in bot.command("digest unfollow ceasefire", channel_id=DESK).text
    assert "Preview only" in json.dumps(
        bot.command("digest preview", channel_id=DESK).json["blocks"]
    )
    assert (
        "Did you mean" in bot.command("digest follow cesefire talks", channel_id=DESK).text or True
    )
    assert "isn't a time" in bot.command("digest at 25:00", channel_id=DESK).text
    assert "isn't a set of days" in bot.command("digest days someday", channel_id=DESK).text
    with Session(engine) as session:  # preview and settings record no run and post nothing
        assert session.exec(select(func.count()).select_from(DigestRun)).one() == 0
    assert cards(bot) == []


def test_times_and_days_as_people_write_them_are_stored(bot: BotServer, engine: Engine) -> None:
    answer = bot.command("digest at 7am", channel_id=DESK).text
    assert "07:00 Europe/London" in answer
    answer = bot.command("digest days tue,thu", channel_id=DESK).text
    assert "Tuesday and Thursday" in answer
    with Session(engine) as session:
        stored = session.exec(select(DigestSchedule)).one()
        assert (stored.hour, stored.minute, stored.tz, stored.days) == (
            7,
            0,
            "Europe/London",
            "tue,thu",
        )
    answer = bot.command("digest at 7:30 pm EST", channel_id=DESK).text
    assert "EST taken as America/New_York (follows daylight saving)" in answer
    assert "19:30 America/New_York" in answer
    refused = bot.command("digest at 7am IST", channel_id=DESK).text
    assert "more than one time zone" in refused
    assert "Asia/Kolkata" in refused
    assert "Europe/Dublin" in refused
    bot.command("digest days tuesday", channel_id=DESK)
    with Session(engine) as session:
        stored = session.exec(select(DigestSchedule)).one()
        assert (stored.hour, stored.minute, stored.tz, stored.days) == (
            19,
            30,
            "America/New_York",
            "tue",
        )


def test_the_first_preview_covers_the_last_day(bot: BotServer, engine: Engine) -> None:
    now = datetime.now(UTC)
    record(
        bot,
        'putin on ceasefire: opposes "There will be no truce."',
        engine,
        at=now - timedelta(hours=3),
    )
    record(bot, 'trump on ceasefire: opposes "Not this year."', engine, at=now - timedelta(days=2))
    assert bot.command("digest at 07:00 Europe/London", channel_id=DESK).status == 200
    preview = json.dumps(bot.command("digest preview", channel_id=DESK).json["blocks"])
    assert "There will be no truce." in preview  # recorded before the schedule, within a day
    assert "Not this year." not in preview  # older than a day
    assert re.search(r"\d+ new statements? on \d+ topics? since", preview)  # words, not "(s)"
    assert "(s)" not in preview
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(DigestRun)).one() == 0


def test_a_due_digest_lists_what_moved_and_goes_for_approval(
    bot: BotServer, engine: Engine
) -> None:
    set_up_desk(bot, engine, "digest follow ceasefire")
    record(
        bot,
        'putin on ceasefire: opposes "There will be no truce."',
        engine,
        at=SLOT - timedelta(hours=3),
    )
    record(
        bot, 'trump on kursk: unclear "We are looking at it."', engine, at=SLOT - timedelta(hours=2)
    )
    digests = bot.running.deps.digests
    assert digests.run_due(now=TICK) == [f"{DESK}: digest drafted as D1, waiting for approval"]
    card = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == APPROVALS)[
        0
    ]
    seen = json.dumps(card.params["blocks"], ensure_ascii=False)
    assert "Digest — Wed 27 Nov" in seen
    assert (
        "Vladimir Putin on US ceasefire proposal shifted from conditional support to opposes"
        in seen
    )
    assert "There will be no truce." in seen
    assert "Kursk" not in seen  # not a followed topic
    assert digests.run_due(now=TICK + timedelta(minutes=1)) == []  # the slot is done
    url = click(bot, "draft_approve", button(card.params["blocks"], "draft_approve"), EDITOR)
    assert "approved and posted" in told(bot, url)
    assert len(desk_posts(bot)) == 1
    with Session(engine) as session:
        run = session.exec(select(DigestRun)).one()
        schedule = session.exec(select(DigestSchedule)).one()
    assert run.status == "posted"
    assert schedule.last_posted_at is not None


def test_a_quiet_day_says_so_or_stays_silent(bot: BotServer, engine: Engine) -> None:
    set_up_desk(bot, engine)
    bot.running.deps.digests.run_due(now=TICK)
    line = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == DESK)[0]
    assert "No changes on the followed topics since" in line.params["text"]
    bot.command("digest quiet nothing", channel_id=DESK)
    assert bot.running.deps.digests.run_due(now=TICK + timedelta(days=1)) == [
        f"{DESK}: no changes (nothing posted)"
    ]
    assert len(desk_posts(bot)) == 1


def test_three_concurrent_ticks_of_one_slot_make_one_digest(bot: BotServer, engine: Engine) -> None:
    set_up_desk(bot, engine)
    record(bot, 'putin on ceasefire: opposes "No."', engine, at=SLOT - timedelta(hours=1))
    barrier = threading.Barrier(3)
    results: list[list[str]] = []

    def tick() -> None:
        barrier.wait()
        results.append(bot.running.deps.digests.run_due(now=TICK))

    threads = [threading.Thread(target=tick) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum("drafted" in line for lines in results for line in lines) == 1
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(DigestRun)).one() == 1
        assert session.exec(select(func.count()).select_from(Draft)).one() == 1
    assert len([c for c in cards(bot) if c.params["channel"] == APPROVALS]) == 1


def test_three_processes_ticking_one_slot_post_one_card(
    bot: BotServer, engine: Engine, db_url: str, tmp_path: Path, fake_slack: FakeSlackApi
) -> None:
    set_up_desk(bot, engine)
    record(bot, 'putin on ceasefire: opposes "No."', engine, at=SLOT - timedelta(hours=1))
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DATABASE_URL": db_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "STANDPOINT_APPROVAL_CHANNEL": APPROVALS,
        "STANDPOINT_APPROVERS": EDITOR,
    }
    processes = [
        subprocess.Popen(
            [STANDPOINT, "digest", "tick", "--at", TICK.isoformat()],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=60) for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    said = "".join(out for out, _ in outputs)
    assert said.count("digest drafted") == 1
    assert (
        len(
            [c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == APPROVALS]
        )
        == 1
    )


def test_after_downtime_the_latest_slot_runs_once_and_older_ones_are_named_missed(
    bot: BotServer, engine: Engine
) -> None:
    set_up_desk(bot, engine)
    with Session(engine) as session:  # the bot was down since last Friday morning
        session.execute(
            update(DigestSchedule).values(created_at=datetime(2030, 11, 22, 8, tzinfo=UTC))
        )
        session.commit()
    record(bot, 'putin on ceasefire: opposes "No."', engine, at=SLOT - timedelta(hours=1))
    lines = bot.running.deps.digests.run_due(now=TICK)
    assert [line for line in lines if "missed" in line] == [
        f"{DESK}: missed 25 Nov 07:00 GMT",
        f"{DESK}: missed 26 Nov 07:00 GMT",
    ]
    card = bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == APPROVALS)[
        0
    ]
    assert "(missed: 25 Nov, 26 Nov)" in json.dumps(card.params["blocks"])
    assert bot.running.deps.digests.run_due(now=TICK + timedelta(minutes=10)) == []


def test_a_slot_past_the_grace_window_is_missed_not_run(bot: BotServer, engine: Engine) -> None:
    set_up_desk(bot, engine)
    record(bot, 'putin on ceasefire: opposes "No."', engine, at=SLOT - timedelta(hours=1))
    lines = bot.running.deps.digests.run_due(now=SLOT + timedelta(hours=3))
    assert lines == [f"{DESK}: missed 27 Nov 07:00 GMT"]
    assert cards(bot) == []


@pytest.mark.parametrize(("choice", "posted"), [("facts", True), ("nothing", False)])
def test_when_nobody_approves_by_the_deadline(
    bot: BotServer, engine: Engine, choice: str, posted: bool
) -> None:
    set_up_desk(bot, engine, f"digest deadline 60 {choice}")
    record(
        bot,
        'putin on ceasefire: opposes "There will be no truce."',
        engine,
        at=SLOT - timedelta(hours=1),
    )
    bot.running.deps.digests.run_due(now=TICK)
    bot.slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == APPROVALS)
    assert bot.running.deps.desk.expire_overdue(now=TICK + timedelta(hours=2)) == 1
    with Session(engine) as session:
        assert session.exec(select(Draft)).one().status == DraftStatus.EXPIRED
        run = session.exec(select(DigestRun)).one()
    if posted:
        post = desk_posts(bot)[0].params
        seen = json.dumps(post["blocks"], ensure_ascii=False)
        assert "Not reviewed by an editor" in seen
        assert "There will be no truce." in seen
        assert "new statement" not in seen  # the narrative is never posted unreviewed
        assert run.status == "deadline_facts"
    else:
        assert desk_posts(bot) == []
        assert run.status == "deadline_nothing"


def test_many_channels_due_at_once_are_all_served(bot: BotServer, engine: Engine) -> None:
    channels = [f"C0DESK{i}" for i in range(5)]
    for channel in channels:
        bot.command("digest at 07:00 Europe/London", channel_id=channel)
    with Session(engine) as session:
        session.execute(update(DigestSchedule).values(created_at=SLOT - timedelta(days=1)))
        session.commit()
    bot.slack.script(
        "chat.postMessage",
        Scripted.rate_limited(retry_after=1),
        Scripted(),
        Scripted.error("channel_not_found"),
    )
    lines = bot.running.deps.digests.run_due(now=TICK)
    assert sum("failed" in line for line in lines) == 1  # one channel's failure stops no other
    quiet = [
        c
        for c in cards(bot)
        if c.params["channel"] in channels and c.params.get("text", "").startswith("No changes")
    ]
    assert (
        len({c.params["channel"] for c in quiet}) == 5
    )  # every channel tried; 4 confirmed + 1 refused


def test_cards_to_one_channel_are_paced_a_second_apart(bot: BotServer, engine: Engine) -> None:
    for channel in ("C0A", "C0B", "C0C"):
        bot.command("digest at 07:00 Europe/London", channel_id=channel)
    with Session(engine) as session:
        session.execute(update(DigestSchedule).values(created_at=SLOT - timedelta(days=1)))
        session.commit()
    record(bot, 'putin on ceasefire: opposes "No."', engine, at=SLOT - timedelta(hours=1))
    bot.running.deps.digests.run_due(now=TICK)
    posted = [c.at for c in cards(bot) if c.params["channel"] == APPROVALS]
    assert len(posted) == 3
    assert all(later - earlier >= 0.9 for earlier, later in itertools.pairwise(posted))


def test_the_scheduler_keeps_one_job_per_schedule_with_stable_ids(
    bot: BotServer, engine: Engine
) -> None:
    set_up_desk(bot, engine)
    bot.command("digest at 07:00 Europe/London", channel_id="C0SECOND")
    scheduler = DigestScheduler(digests=bot.running.deps.digests, engine=engine)
    with time_machine.travel(
        datetime(2026, 3, 28, 12, tzinfo=UTC), tick=False
    ):  # before London's DST change
        scheduler.start(paused=True)
        try:
            jobs = {job.id: job for job in scheduler.scheduler.get_jobs()}
            assert set(jobs) == {"digest:1", "digest:2", "schedules:sync", "tenants:purge"}
            scheduler.sync()
            assert len(scheduler.scheduler.get_jobs()) == 4  # kept, not duplicated
            defaults = scheduler.scheduler._job_defaults
            assert {key: defaults[key] for key in JOB_DEFAULTS} == {
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": 3600,
            }
            nxt = jobs["digest:1"].next_run_time
            assert (nxt.astimezone(UTC).hour, nxt.day) == (6, 30)  # Mon 30 Mar, 07:00 BST
            bot.command("digest off", channel_id="C0SECOND")
            scheduler.sync()
            assert {job.id for job in scheduler.scheduler.get_jobs()} == {
                "digest:1",
                "schedules:sync",
                "tenants:purge",
            }
        finally:
            scheduler.shutdown()
