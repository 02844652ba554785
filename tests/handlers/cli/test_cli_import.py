"""`standpoint import positions FILE.csv`, run as the console script."""

from pathlib import Path

import pytest

from tests.handlers.cli.test_cli_export import (
    GOOD,
    HEADER,
    audits_in,
    csv_line,
    positions_in,
)
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")


def test_import_records_every_row_supersedes_andaudits_in(seeded: Path, fresh_db_url: str) -> None:
    before = positions_in(fresh_db_url)
    second = csv_line(
        actor="trump",
        topic="frozen",
        stance="undecided",
        quotes="We'll see what happens",
        stated_on="21 March 2025",
        speaker="Donald Trump",
    )
    earlier = csv_line(
        actor="putin",
        topic="kursk",
        stance="undecided",
        quotes="We are \x00studying it\u202e",  # a NUL and a bidi override: dropped
        stated_on="2025-03-15",
    )
    (seeded / "in.csv").write_text(HEADER + "\n" + GOOD + second + earlier, encoding="utf-8")
    result = run(["import", "positions", "in.csv", "--by", "archivist"], seeded)
    assert result.returncode == 0, result.stderr
    new = positions_in(fresh_db_url)[len(before) :]
    assert "Imported in.csv: 3 positions recorded" in result.stdout
    # Recorded oldest first, whatever the file's order, so each supersedes the one before.
    assert [(p.stance, p.recorded_by, p.stated_at.date().isoformat()) for p in new] == [
        ("undecided", "archivist", "2025-03-15"),
        ("opposes", "archivist", "2025-03-20"),
        ("undecided", "archivist", "2025-03-21"),
    ]
    assert new[0].quotes == ["We are studying it"]
    kursk = next(p for p in before if p.quotes[0].startswith("If we stop hostilities"))
    assert new[0].supersedes_id == kursk.id  # Putin's seeded Kursk statement
    assert new[1].supersedes_id == new[0].id
    imported = audits_in(fresh_db_url, "position.imported")
    assert sorted((a.subject_id, a.user, a.detail["row"]) for a in imported) == [
        (new[0].id, "archivist", 4),
        (new[1].id, "archivist", 2),
        (new[2].id, "archivist", 3),
    ]
    assert len({a.request_id for a in imported}) == 1


def test_a_bad_row_is_named_and_nothing_is_written(seeded: Path, fresh_db_url: str) -> None:
    bad = [
        csv_line(
            actor="Trumpet",
            topic="ceasefire",
            stance="supports",
            quotes="x",
            stated_on="2025-03-01",
        ),
        csv_line(
            actor="putin", topic="ceasefire", stance="maybe", quotes="", stated_on="2999-01-01"
        ),
        csv_line(
            actor="putin",
            topic="ceasefire",
            stance="supports",
            quotes="y",
            stated_on="2025-03-02",
            url="ftp://x",
        ),
    ]
    (seeded / "in.csv").write_text(HEADER + "\n" + GOOD + "".join(bad), encoding="utf-8")
    before = (len(positions_in(fresh_db_url)), len(audits_in(fresh_db_url, "position.recorded")))
    for args in (["in.csv"], ["in.csv", "--dry-run"]):
        result = run(["import", "positions", *args], seeded)
        assert result.returncode == 2
        assert "in.csv: Nothing imported." in result.stderr
        assert "row 3: unknown actor “Trumpet” (did you mean Donald Trump?)." in result.stderr
        assert "row 4: stance “maybe” isn't one of supports" in result.stderr
        assert "; no quote; stated_on 2999-01-01 is in the future." in result.stderr
        assert "row 5: url “ftp://x” isn't an http(s) address." in result.stderr
        assert "row 2" not in result.stderr
        assert "Traceback" not in result.stderr
    after = (len(positions_in(fresh_db_url)), len(audits_in(fresh_db_url, "position.recorded")))
    assert after == before


def test_duplicates_and_retracted_rows_are_reported_and_skipped(
    seeded: Path, fresh_db_url: str
) -> None:
    assert run(["export", "positions", "-o", "all.csv"], seeded).returncode == 0
    exported = (seeded / "all.csv").read_text(encoding="utf-8")
    retracted = csv_line(
        position_id="99",
        actor="putin",
        topic="ceasefire",
        stance="opposes",
        quotes="Withdrawn words",
        stated_on="2025-03-22",
        status="retracted",
    )
    (seeded / "again.csv").write_text(exported + GOOD + GOOD + retracted, encoding="utf-8")
    before = len(positions_in(fresh_db_url))

    dry = run(["import", "positions", "again.csv", "--dry-run"], seeded)
    assert dry.returncode == 0, dry.stderr
    assert "1 position would be recorded; 8 rows skipped. Nothing was written." in dry.stdout
    assert "row 8: Vladimir Putin on Kursk truce — opposes, stated 2025-03-20" in dry.stdout
    assert len(positions_in(fresh_db_url)) == before

    done = run(["import", "positions", "again.csv"], seeded)
    assert done.returncode == 0, done.stderr
    assert "row 2: already recorded as #1; skipped." in done.stdout
    assert "row 9: the same statement as row 8; skipped." in done.stdout
    assert "row 10: retracted in the export (#99); not imported." in done.stdout
    assert len(positions_in(fresh_db_url)) == before + 1
    again = run(["import", "positions", "again.csv"], seeded)
    assert "0 positions recorded" in again.stdout
    assert len(positions_in(fresh_db_url)) == before + 1


def test_import_refuses_a_file_it_cannot_read(seeded: Path) -> None:
    (seeded / "wrong.csv").write_text("name,quote\nputin,hello\n", encoding="utf-8")
    for path, message in [
        ("missing.csv", "There's no file at missing.csv."),
        ("wrong.csv", "The header must name the export's columns (unknown: name, quote)."),
    ]:
        result = run(["import", "positions", path], seeded)
        assert result.returncode == 2
        assert message in result.stderr
        assert "Traceback" not in result.stderr
