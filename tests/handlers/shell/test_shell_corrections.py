"""Corrections in the shell, through the console script: correct's prompts, retract, history."""

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from store import AuditEvent, Position, PositionRetraction, PositionStatus, Stance
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

ADD = '/stance add putin on ceasefire: opposes "There will be no ceasefire on these terms."'


def lines(*typed: str) -> str:
    return "\n".join(typed) + "\n"


def test_correct_prompts_with_the_old_values_and_history_shows_the_correction(
    tmp_path: Path, database: Engine
) -> None:
    script = lines(
        ADD,
        "/stance correct #7",
        "",  # actor: kept
        "",  # topic: kept
        "conditional",
        "",  # quote: kept
        "Rejects the proposal as it stands",
        "",  # conditions
        "",  # url
        "",  # date: kept
        "stance misread: he set conditions",
        "/stance history putin on ceasefire",
    )
    result = run(["shell", "--as", "U_DESK"], tmp_path, script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Actor (who said it) [Vladimir Putin]?" in out
    assert "Stance (supports, conditional, opposes, undecided, unclear) [opposes]?" in out
    assert "Verbatim quote [There will be no ceasefire on these terms.]?" in out
    assert "Recorded the correction of #7 as #8; #7 is withdrawn." in out
    assert "Corrected by U_DESK on" in out
    assert "(now #8): stance misread: he set conditions" in out
    with Session(database) as session:
        assert session.get(Position, 7).status is PositionStatus.RETRACTED  # type: ignore[union-attr]
        corrected = session.get(Position, 8)
        assert corrected is not None
        assert corrected.stance is Stance.CONDITIONAL
        assert corrected.quotes == ["There will be no ceasefire on these terms."]
        retraction = session.get(PositionRetraction, 7)
        assert retraction is not None
        assert (retraction.kind, retraction.replaced_by_id) == ("corrected", 8)


def test_a_correction_without_a_reason_changes_nothing(tmp_path: Path, database: Engine) -> None:
    script = lines(ADD, "/stance correct 7", "", "", "supports", "", "", "", "", "", "")
    result = run(["shell", "--as", "U_DESK"], tmp_path, script)
    assert "Nothing changed; #7 is as it was. A correction needs a reason." in result.stdout
    with Session(database) as session:
        assert session.get(Position, 7).status is PositionStatus.CONFIRMED  # type: ignore[union-attr]
        assert session.get(Position, 8) is None


def test_retract_then_history_and_the_approver_rule(tmp_path: Path, database: Engine) -> None:
    script = lines(
        ADD,
        "/stance retract 1 not his words",
        "/stance correct 1",
        "/stance retract 7 wrong speaker",
        "/stance history putin on ceasefire",
    )
    result = run(["shell", "--as", "intern"], tmp_path, script, STANDPOINT_APPROVERS="editor")
    out = result.stdout
    assert "Only approvers may retract a position someone else recorded" in out
    assert "Only approvers may correct a position someone else recorded" in out
    assert "Actor (who said it)" not in out
    assert "Withdrew #7 (Vladimir Putin on US ceasefire proposal: Opposes" in out
    assert "Where Vladimir Putin stands on US ceasefire proposal now:" in out
    assert "Withdrawn by intern on" in out
    with Session(database) as session:
        actions = [e.action for e in session.exec(select(AuditEvent))]
        assert actions.count("position.retracted") == 1
        assert session.get(Position, 1).status is PositionStatus.CONFIRMED  # type: ignore[union-attr]
