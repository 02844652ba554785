"""A digest schedule changed through one replica reaches every replica's scheduler, no restart."""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from handlers.serving.scheduler import DigestScheduler
from store import DigestRun, DigestSchedule, make_engine, utcnow
from tests.fakes import signing
from tests.fakes.slack_api import FakeSlackApi
from tests.handlers.slack.conftest import SIGNING_SECRET, BotServer, running_bot
from tests.handlers.slack.test_drafts import APPROVALS, DESK, EDITOR
from tests.handlers.slack.test_serve import _free_port, _wait_healthy, serving

STANDPOINT = str(Path(sys.executable).parent / "standpoint")
NEW_YORK = ZoneInfo("America/New_York")


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Poll `condition` until it holds; fail after `timeout` seconds."""
    stop = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < stop, f"not within {timeout} s: {what}"
        time.sleep(0.05)


@contextmanager
def scheduler_of(server: BotServer, *, paused: bool = False) -> Iterator[DigestScheduler]:
    """The digest scheduler `serve` would run in `server`'s process."""
    deps = server.running.deps
    scheduler = DigestScheduler(digests=deps.digests, engine=deps.engine)
    scheduler.start(paused=paused)
    try:
        yield scheduler
    finally:
        scheduler.shutdown()


def next_local_run(scheduler: DigestScheduler, job_id: str) -> tuple[int, int] | None:
    """(hour, minute) in New York of the job's next run; None when there is no such job."""
    job = scheduler.scheduler.get_job(job_id)
    if job is None:
        return None
    local = job.next_run_time.astimezone(NEW_YORK)
    return local.hour, local.minute


def test_a_change_through_one_replica_reaches_the_other_replicas_scheduler(
    bot: BotServer, db_url: str, fake_slack: FakeSlackApi
) -> None:
    assert bot.command("digest at 07:00 America/New_York", channel_id=DESK).status == 200
    with (
        running_bot(db_url, fake_slack, schedule_sync_seconds=1) as other,
        scheduler_of(other) as scheduler,
    ):
        assert next_local_run(scheduler, "digest:1") == (7, 0)
        assert "09:15" in bot.command("digest at 09:15 America/New_York", channel_id=DESK).text
        wait_until(
            lambda: next_local_run(scheduler, "digest:1") == (9, 15),
            timeout=10,
            what="the other replica's job moved to 09:15",
        )
        bot.command("digest off", channel_id=DESK)
        wait_until(
            lambda: next_local_run(scheduler, "digest:1") is None,
            timeout=10,
            what="the other replica's job dropped",
        )


def test_a_sync_leaves_the_jobs_of_unchanged_schedules_alone(bot: BotServer) -> None:
    bot.command("digest at 07:00 America/New_York", channel_id=DESK)
    bot.command("digest at 08:00 America/New_York", channel_id="C0SECOND")
    with scheduler_of(bot, paused=True) as scheduler:
        # A fire that is due this very moment and not yet run: a replaced job would lose it.
        due = utcnow().replace(microsecond=0)
        scheduler.scheduler.modify_job("digest:2", next_run_time=due)
        bot.command("digest at 09:15 America/New_York", channel_id=DESK)
        scheduler.sync()
        assert next_local_run(scheduler, "digest:1") == (9, 15)
        second = scheduler.scheduler.get_job("digest:2")
        assert second is not None
        assert second.next_run_time == due


@pytest.mark.parametrize("value", ["0", "61", "soon"])
def test_the_sync_period_is_bounded(tmp_path: Path, value: str) -> None:
    result = subprocess.run(
        [STANDPOINT, "serve", "--http"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
            "STANDPOINT_SCHEDULE_SYNC_SECONDS": value,
        },
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "Configuration error" in result.stderr
    assert "STANDPOINT_SCHEDULE_SYNC_SECONDS" in result.stderr
    assert "Traceback" not in result.stderr


def _schedule_far_from_now(db_url: str) -> None:
    """A daily digest six hours away, so nothing is due until the test moves it."""
    now = utcnow().astimezone(UTC)
    later = now + timedelta(hours=6)
    engine = make_engine(db_url)
    with Session(engine) as session:
        session.add(
            DigestSchedule(
                channel_id="C0DIGEST",
                hour=later.hour,
                minute=later.minute,
                tz="UTC",
                days="mon-sun",
                created_by="test",
                created_at=now - timedelta(minutes=5),
            )
        )
        session.commit()
    engine.dispose()


@pytest.mark.postgres
def test_a_time_changed_through_one_process_fires_once_from_the_others(
    db_url: str, tmp_path: Path, fake_slack: FakeSlackApi
) -> None:
    """`front` takes the command and runs no scheduler; `b` and `c` both fire the new slot."""
    _schedule_far_from_now(db_url)
    env = {
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "STANDPOINT_APPROVERS": EDITOR,
        "STANDPOINT_APPROVAL_CHANNEL": APPROVALS,
        "STANDPOINT_SCHEDULE_SYNC_SECONDS": "1",
        "STANDPOINT_LOG_LEVEL": "INFO",
    }
    ports = {name: _free_port() for name in ("front", "b", "c")}
    for name in ports:
        (tmp_path / name).mkdir()
    with (
        serving(
            db_url,
            tmp_path / "front",
            fake_slack,
            options=("--no-scheduler",),
            PORT=str(ports["front"]),
            **env,
        ) as front,
        serving(db_url, tmp_path / "b", fake_slack, PORT=str(ports["b"]), **env) as b,
        serving(db_url, tmp_path / "c", fake_slack, PORT=str(ports["c"]), **env) as c,
    ):
        for name, process in (("front", front), ("b", b), ("c", c)):
            _wait_healthy(f"http://127.0.0.1:{ports[name]}", process)
        url = f"http://127.0.0.1:{ports['front']}/slack/events"

        def command(text: str) -> str:
            body = signing.slash_command(
                text, response_url=fake_slack.response_url(), channel_id="C0DIGEST"
            )
            status, answer, _ = signing.post(url, body, signing.sign(SIGNING_SECRET, body))
            assert status == 200
            return answer

        assert "Recorded" in command('add putin on ceasefire: opposes "Not on these terms."')
        # The next whole minute at least 5 s away: time for a 1 s sync, under 66 s of waiting.
        slot = (utcnow().astimezone(UTC) + timedelta(seconds=65)).replace(second=0, microsecond=0)
        assert f"{slot:%H:%M}" in command(f"digest at {slot:%H:%M} UTC")
        wait = (slot - utcnow().astimezone(UTC)).total_seconds() + 30
        fake_slack.wait_for(
            "chat.postMessage",
            timeout=wait,
            where=lambda call: (
                call.params["channel"] == APPROVALS and "Digest" in call.params.get("text", "")
            ),
        )
    digest_cards = [
        call
        for call in fake_slack.calls_to("chat.postMessage")
        if call.params["channel"] == APPROVALS and "Digest" in call.params.get("text", "")
    ]
    assert len(digest_cards) == 1
    engine = make_engine(db_url)
    with Session(engine) as session:
        runs = list(session.exec(select(DigestRun)).all())
    engine.dispose()
    assert [(run.slot.astimezone(UTC), run.status) for run in runs] == [(slot, "drafted")]
    assert runs[0].claimed_by.endswith((f":{b.pid}", f":{c.pid}"))
    for process in (b, c):  # both schedulers had the new time: either could have won the slot
        assert process.stderr is not None
        assert f"digest schedule: C0DIGEST at {slot:%H:%M} UTC" in process.stderr.read()
