"""Follows and alerts in the terminal shell: the console script with piped stdin."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store import Alert, AuditEvent, Follow
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")
SHIFT = '/stance add putin on ceasefire: opposes "No truce at all." https://example.com/a'


def _answers(stdout: str) -> list[str]:
    """What the shell printed after each prompt (the command's echo and answer, then alerts)."""
    return stdout.split("standpoint> ")[1:]


def _shell(tmp_path: Path, *lines: str) -> str:
    result = run(["shell", "--as", "U_DESK"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def test_a_followed_shift_is_printed_right_after_the_answer(
    tmp_path: Path, database: Engine
) -> None:
    out = _shell(tmp_path, "/stance follow putin", "/stance following", SHIFT, "/stance help")
    follow, following, shift, after = _answers(out)
    assert "You now follow Vladimir Putin." in follow
    assert "• Vladimir Putin" in following
    assert "No quiet hours" in following
    assert "── alert ──" not in follow + following + after
    answer, alert = shift.split("── alert ──")
    assert "Recorded as position #7" in answer
    assert "Vladimir Putin on US ceasefire proposal shifted" in alert
    assert "Conditional support → 🔴 Opposes" in alert
    assert "“No truce at all.”" in alert
    assert "example.com" in alert
    assert "· said " in alert
    # The button's typed twin: the shell can't click "Full history".
    assert "Full history: /stance history Vladimir Putin on US ceasefire proposal" in alert
    with Session(database) as session:
        assert [(a.target, a.status) for a in session.exec(select(Alert)).all()] == [
            ("U_DESK", "sent")
        ]
        actions = session.exec(select(AuditEvent.action).order_by(col(AuditEvent.id))).all()
    assert "follow.added" in actions


def test_an_alert_is_printed_once_across_shell_sessions(tmp_path: Path) -> None:
    first = _shell(tmp_path, "/stance follow putin", SHIFT)
    assert first.count("── alert ──") == 1
    again = _shell(tmp_path, "/stance help")
    assert "── alert ──" not in again


def test_unfollow_all_stops_the_alerts(tmp_path: Path, database: Engine) -> None:
    out = _shell(
        tmp_path,
        "/stance follow putin",
        "/stance follow topic ceasefire",
        "/stance unfollow all",
        "/stance following",
        SHIFT,
    )
    _, _, unfollow, following, shift = _answers(out)
    assert "Unfollowed 2: Vladimir Putin; topic US ceasefire proposal." in unfollow
    assert "Nothing yet" in following
    assert "── alert ──" not in shift
    with Session(database) as session:
        assert session.exec(select(Follow)).all() == []
        assert session.exec(select(Alert)).all() == []


def test_quiet_hours_hold_alerts_and_release_them_as_one_message(tmp_path: Path) -> None:
    # Quiet hours are wall-clock: a window around now (UTC) makes it quiet now.
    now = datetime.now(UTC)
    start, end = (now - timedelta(hours=1)), (now + timedelta(hours=1))
    window = f"{start:%H:%M}-{end:%H:%M} UTC"
    out = _shell(
        tmp_path,
        "/stance follow putin",
        "/stance follow trump",
        f"/stance quiet {window}",
        SHIFT,
        '/stance add trump on ceasefire: opposes "Not now." https://example.com/b',
        "/stance following",
        "/stance quiet off",
        "/stance help",
    )
    _, _, quiet, putin, trump, following, quiet_off, after = _answers(out)
    assert f"Your quiet hours: {start:%H:%M}–{end:%H:%M} UTC" in quiet
    assert "── alert ──" not in putin + trump + following + after
    assert f"Quiet hours: {start:%H:%M}–{end:%H:%M} UTC" in following
    assert "Your alerts arrive at any hour now." in quiet_off
    assert quiet_off.count("── alert ──") == 1
    held = quiet_off.split("── alert ──")[1]
    assert "2 moves by people you follow" in held
    assert "Vladimir Putin on US ceasefire proposal shifted" in held
    assert "Donald Trump on US ceasefire proposal shifted" in held
    assert "“Not now.”" in held


def test_bad_follow_and_quiet_commands_get_short_answers(tmp_path: Path) -> None:
    out = _shell(
        tmp_path,
        "/stance follow",
        "/stance follow nobody-at-all",
        "/stance quiet 22:00-22:00",
        "/stance quiet 22:00-07:00 IST",
        "/stance unfollow putin",
    )
    follow, unknown, same, ambiguous, unfollow = _answers(out)
    assert "Follow whom, or which topic?" in follow
    assert "nobody-at-all" in unknown
    assert "different start and end" in same
    assert "more than one time zone" in ambiguous
    assert "You don't follow Vladimir Putin; nothing changed." in unfollow
