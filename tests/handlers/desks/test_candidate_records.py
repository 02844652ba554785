"""Ingest candidates in the record: discarded ones are not positions, and pasted text has no
outlet to show. Run as the console script, on a real SQLite database."""

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from store import Source, make_engine, upgrade
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

# No topic named near the quote: its candidate waits under "(topic to choose)".
UNFILED = "3 March 2025\n\n“We are studying the idea carefully,” Putin said.\n"
# A date line, no wire dateline: pasted text with no outlet.
PASTED = "3 March 2025\n\n“We are studying the ceasefire idea carefully,” Putin said.\n"


def _shell(folder: Path, *lines: str) -> str:
    result = run(["shell", "--as", "U_DESK"], folder, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def _rows(folder: Path, *args: str) -> list[dict[str, str]]:
    result = run(["export", "positions", *args], folder)
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))


def test_a_candidate_discarded_twice_is_said_to_be_discarded(seeded: Path) -> None:
    (seeded / "story.txt").write_text(UNFILED, encoding="utf-8")
    out = _shell(seeded, "/stance ingest @story.txt", "/stance discard 7", "/stance discard 7")
    assert "Candidate #7 discarded." in out
    assert "already discarded" in out
    assert "retracted" not in out


def test_discarded_candidates_are_not_exported_but_withdrawn_positions_are(seeded: Path) -> None:
    (seeded / "story.txt").write_text(UNFILED, encoding="utf-8")
    _shell(
        seeded,
        "/stance ingest @story.txt",
        "/stance discard 7",
        "/stance retract #3 misattributed",
    )
    rows = _rows(seeded)
    assert [row["position_id"] for row in rows] == ["1", "2", "3", "4", "5", "6"]
    assert "(topic to choose)" not in {row["topic"] for row in rows}
    assert {row["position_id"]: row["status"] for row in rows}["3"] == "retracted"
    exported = run(["export", "positions", "--format", "json"], seeded)
    assert [row["position_id"] for row in json.loads(exported.stdout)] == [1, 2, 3, 4, 5, 6]


def test_pasted_text_shows_no_made_up_outlet(seeded: Path) -> None:
    (seeded / "story.txt").write_text(PASTED, encoding="utf-8")
    # The shell first: a preview takes ids from PostgreSQL's sequence even though it rolls back.
    out = _shell(
        seeded,
        "/stance ingest @story.txt",
        "/stance confirm 7",
        "/stance history putin on ceasefire",
        "/stance digest at 07:00",
        "/stance digest preview",
    )
    preview = run(["ingest", "story.txt", "--json"], seeded)
    assert json.loads(preview.stdout)["source"]["outlet"] is None
    human = run(["ingest", "story.txt"], seeded).stdout
    assert "Source: no outlet recorded · published 3 Mar 2025" in human
    assert "Pasted text" not in out
    assert "(no outlet recorded, 3 Mar 2025)" in out  # the digest's fact line
    [row] = [row for row in _rows(seeded) if row["position_id"] == "7"]
    assert (row["outlet"], row["url"]) == ("", "")
    exported = run(["export", "positions", "--format", "json"], seeded)
    assert [r["outlet"] for r in json.loads(exported.stdout) if r["position_id"] == 7] == [None]


def test_an_older_stores_pasted_text_is_shown_with_no_outlet(
    tmp_path: Path, fresh_db_url: str
) -> None:
    engine = make_engine(fresh_db_url)
    upgrade(engine, revision="0008")  # a store from before pasted text lost its outlet
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO source (outlet, url, title, text_sha256, text, created_at) "
                "VALUES ('Pasted text', NULL, '', :sha, :text, '2025-03-03 12:00:00')"
            ),
            {"sha": hashlib.sha256(PASTED.encode()).hexdigest(), "text": PASTED},
        )
    engine.dispose()
    assert run(["seed"], tmp_path).returncode == 0  # starting migrates the store to head
    (tmp_path / "story.txt").write_text(PASTED, encoding="utf-8")
    shown = run(["ingest", "story.txt", "--json"], tmp_path)  # the stored source, found again
    assert json.loads(shown.stdout)["source"]["outlet"] is None
    with Session(make_engine(fresh_db_url)) as session:
        outlets = {source.outlet for source in session.exec(select(Source))}
    assert outlets == {"", "Reference article"}
