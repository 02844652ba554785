"""People and topics in the shell (the console script as a subprocess): lists, aliases,
merges, natural questions and did-you-mean choices with their typed twins."""

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store import Actor, AuditEvent, Position, PositionRetraction, PositionStatus
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")


def _shell(tmp_path: Path, *lines: str, **env: str) -> str:
    result = run(["shell", "--as", "U_DESK"], tmp_path, "\n".join(lines) + "\n", **env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def test_lists_aliases_and_natural_questions_in_the_shell(tmp_path: Path) -> None:
    out = _shell(
        tmp_path,
        "/stance topics",
        "/stance actors kyiv",
        "/stance alias topic frozen conflict = stalemate",
        "/stance topic stalemate",
        "/stance alias trump = Putin",
        "/stance where does the Russian President stand on the ceasefire?",
        "/stance putin ceasefire",
        "/stance putin on truce",
        "/stance what did trump say about tariffs",
    )
    assert "Tracked topics" in out
    assert "US ceasefire proposal — The US proposal for a 30-day ceasefire in Ukraine" in out
    assert "2 positions · last stated 13 Mar 2025" in out
    assert "Tracked actors matching “kyiv”" in out
    assert "Ukraine — government — The Ukrainian government" in out
    assert "“stalemate” now names Frozen conflict." in out
    assert "Frozen conflict — where everyone stands" in out
    assert "“Putin” already names Vladimir Putin; it can't name Donald Trump too." in out
    assert out.count("Vladimir Putin on US ceasefire proposal") == 2
    # A word two topics share asks; each choice with the question to type.
    assert "“truce” could mean more than one topic." in out
    assert "• US ceasefire proposal — /stance putin on US ceasefire proposal" in out
    assert "• Kursk truce — /stance putin on Kursk truce" in out
    assert "I don't know a topic called “tariffs”" in out
    assert "Try: /stance putin on ceasefire" in out


def test_a_merge_in_the_shell_keeps_history_and_is_audited(
    tmp_path: Path, database: Engine
) -> None:
    lines = ["/stance merge topic kursk into frozen conflict", "/stance topic kursk"]
    refused = _shell(tmp_path, *lines[:1], STANDPOINT_APPROVERS="U_EDITOR")
    assert "Only approvers may merge" in refused
    assert "STANDPOINT_APPROVERS" in refused
    out = _shell(tmp_path, *lines, STANDPOINT_APPROVERS="U_DESK")
    assert "Merged Kursk truce into Frozen conflict: 1 position moved" in out
    assert "Frozen conflict — where everyone stands" in out
    with Session(database) as session:
        retraction = session.exec(select(PositionRetraction)).one()
        original = session.get(Position, retraction.position_id)
        copy = session.get(Position, retraction.replaced_by_id)
        events = session.exec(select(AuditEvent.action).where(AuditEvent.user == "U_DESK")).all()
    assert original is not None
    assert copy is not None
    assert original.status == PositionStatus.RETRACTED
    assert (copy.status, copy.quotes, copy.actor_id) == (
        PositionStatus.CONFIRMED,
        original.quotes,
        original.actor_id,
    )
    assert f"#{original.id} → #{copy.id}" in out
    assert {"topic.merged", "position.merged"} <= set(events)
    with Session(database) as session:
        merged = session.exec(select(Actor).where(col(Actor.merged_into_id).is_not(None))).all()
    assert merged == []  # a topic merge leaves the actors alone
