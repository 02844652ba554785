"""The shell never prints terminal escapes that stored text carries (the console script)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlmodel import Session, select

from bot.positions.recording import record_statement
from store import Actor, Source, Stance, Topic, make_engine, utcnow

STANDPOINT = str(Path(sys.executable).parent / "standpoint")
OSC8_LINK = "\x1b]8;;http://evil.example\x07click here\x1b]8;;\x07"
HOSTILE = f"{OSC8_LINK} \x1b[2J\x1b[31mred\x1b[0m back\x08\x08 over\rwrite \u202eevil\u200b"


def standpoint(args: list[str], tmp_path: Path, db_url: str, stdin: bytes = b"") -> bytes:
    """Run the console script; its raw standard output, bytes as written."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DATABASE_URL": db_url,
        "STANDPOINT_TZ": "Europe/London",
    }
    result = subprocess.run(
        [STANDPOINT, *args],
        input=stdin,
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_terminal_escapes_in_stored_text_are_not_printed(tmp_path: Path, fresh_db_url: str) -> None:
    standpoint(["seed"], tmp_path, fresh_db_url)
    engine = make_engine(fresh_db_url)
    with Session(engine) as session:
        putin = session.exec(select(Actor).where(Actor.name == "Vladimir Putin")).one()
        topic = session.exec(select(Topic).where(Topic.name == "US ceasefire proposal")).one()
        source = Source(outlet=f"Wire {HOSTILE}", url="https://example.com/a", title=HOSTILE)
        session.add(source)
        session.flush()
        assert putin.id is not None
        assert topic.id is not None
        record_statement(
            session,
            actor_id=putin.id,
            topic_id=topic.id,
            stance=Stance.OPPOSES,
            quotes=[f"Quote {HOSTILE}"],
            summary=f"Summary {HOSTILE}",
            conditions=[f"Condition {HOSTILE}"],
            source_id=source.id,
            stated_at=utcnow(),
            recorded_by="U_DESK",
        )
        session.commit()
    engine.dispose()
    commands = b"/stance putin on ceasefire\n/stance history putin on ceasefire\n"
    out = standpoint(["shell", "--as", "U_DESK", "--no-seed"], tmp_path, fresh_db_url, commands)
    assert b"click here" in out  # the stored text is shown…
    assert b"Summary" in out
    for raw in (b"\x1b", b"\x07", b"\x08", b"\r", "\u202e".encode(), "\u200b".encode()):
        assert raw not in out  # …but none of its escapes or invisible characters


def test_the_piped_transcript_never_replays_escapes_that_were_typed(
    tmp_path: Path, fresh_db_url: str
) -> None:
    typed = f"/stance putin{HOSTILE} on ceasefire\n".encode()
    out = standpoint(["shell", "--as", "U_DESK"], tmp_path, fresh_db_url, typed)
    assert b"/stance putin" in out  # the transcript echoes the line…
    for raw in (b"\x1b", b"\x07", b"\x08", b"\r", "\u202e".encode(), "\u200b".encode()):
        assert raw not in out  # …without what a terminal would act on


def test_ctrl_c_with_piped_input_stops_without_a_traceback(
    tmp_path: Path, fresh_db_url: str
) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DATABASE_URL": fresh_db_url,
    }
    shell = subprocess.Popen(
        [STANDPOINT, "shell", "--as", "U_DESK"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    assert shell.stdin is not None
    assert shell.stdout is not None
    shell.stdin.write(b"/stance topic ceasefire\n")
    shell.stdin.flush()
    lines = [shell.stdout.readline() for _ in range(3)]  # the seed note, the echo, the answer
    assert b"where everyone stands" in lines[2]
    deadline = time.monotonic() + 30
    while _state(shell.pid) != "S":  # asleep: waiting for the next line
        assert time.monotonic() < deadline, "the shell never waited for input"
    shell.send_signal(signal.SIGINT)
    _, errors = shell.communicate(timeout=30)
    assert shell.returncode == 130
    assert b"Interrupted." in errors
    assert b"Traceback" not in errors


def _state(pid: int) -> str:
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        return stat.read().rpartition(")")[2].split()[0]
