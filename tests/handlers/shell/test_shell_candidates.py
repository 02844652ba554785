"""Deciding on an ingested candidate in the shell: the stance the reporter sets, the edit form."""

from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from store import AuditEvent, Position, PositionStatus, Stance, make_engine
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

# No stance word: the offline extractor does not guess, the reporter says what it was.
ARTICLE = (
    "MOSCOW, 2 March 2025 (Reuters) - Vladimir Putin spoke about the ceasefire.\n\n"
    "“We are studying the ceasefire idea carefully,” Putin said.\n"
)


def _shell(tmp_path: Path, *lines: str) -> str:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    script = "\n".join(["/stance ingest @article.txt", *lines]) + "\n"
    result = run(["shell", "--as", "U_DESK"], tmp_path, script)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def _desk_positions(db_url: str) -> list[Position]:
    with Session(make_engine(db_url)) as session:
        return list(
            session.exec(
                select(Position).where(Position.recorded_by == "U_DESK").order_by(col(Position.id))
            ).all()
        )


def test_confirm_as_sets_the_stance_the_extractor_could_not_guess(
    tmp_path: Path, fresh_db_url: str
) -> None:
    out = _shell(tmp_path, "/stance confirm 7 as undecided", "/stance history putin on ceasefire")
    assert "confirmed" in out
    candidate, confirmed = _desk_positions(fresh_db_url)
    assert (candidate.status, candidate.stance) == (PositionStatus.RETRACTED, Stance.UNCLEAR)
    assert (confirmed.status, confirmed.stance) == (PositionStatus.CONFIRMED, Stance.UNDECIDED)
    assert "2 Mar 2025 · ⚪ Undecided" in out
    with Session(make_engine(fresh_db_url)) as session:
        audit = session.exec(
            select(AuditEvent).where(
                AuditEvent.action == "position.confirmed", AuditEvent.subject_id == confirmed.id
            )
        ).one()
    assert audit.detail["guessed_stance"] == "unclear"


def test_confirming_an_unguessed_candidate_as_it_is_is_a_remark_not_a_shift(
    tmp_path: Path,
) -> None:
    out = _shell(tmp_path, "/stance confirm 7", "/stance putin on ceasefire")
    answer = out.split("standpoint> /stance putin on ceasefire", 1)[1]
    assert "Conditional support" in answer  # the seed's clear stance still stands
    assert "Shift" not in answer


def test_edit_hash_id_prompts_with_the_candidate_and_replaces_it(
    tmp_path: Path, fresh_db_url: str
) -> None:
    # Enter keeps actor, topic, quote, summary, url and date; the stance is set to opposes.
    out = _shell(tmp_path, "/stance edit #7", "", "", "opposes", "", "", "", "", "")
    assert "There is no draft" not in out
    assert "Editing candidate #7" in out
    assert "Recorded as position #8" in out
    candidate, recorded = _desk_positions(fresh_db_url)
    assert candidate.status == PositionStatus.RETRACTED
    assert (recorded.stance, recorded.quotes) == (Stance.OPPOSES, candidate.quotes)
    assert recorded.stated_at.date().isoformat() == "2025-03-02"
    again = _shell(tmp_path, "/stance edit #7")
    assert "no candidate #7 waiting for review" in again


def test_discarding_twice_speaks_of_a_discarded_candidate(tmp_path: Path) -> None:
    out = _shell(tmp_path, "/stance discard 7", "/stance discard 7")
    assert "Candidate #7: already discarded." in out
    assert "retracted" not in out


def test_a_candidate_confirmed_anew_says_where_it_went(tmp_path: Path) -> None:
    out = _shell(tmp_path, "/stance confirm 7 as opposes", "/stance confirm 7")
    assert "Candidate #7: already confirmed (now #8)." in out
