"""`standpoint export …` (and the shell's `/stance export`), run as the console script."""

import csv
import io
import json
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from store import AuditEvent, Position, make_engine
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

COLUMNS = [
    "position_id",
    "actor",
    "topic",
    "stance",
    "summary",
    "conditions",
    "conditions_stated",
    "quotes",
    "stated_on",
    "outlet",
    "url",
    "speaker",
    "recorded_by",
    "recorded_at",
    "status",
    "supersedes_id",
    "change",
]


def read_export(text: str) -> list[dict[str, str]]:
    """The rows of an exported CSV, checking its byte-order mark and header."""
    assert text.startswith("\ufeff")  # the byte-order mark spreadsheets read UTF-8 by
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    assert reader.fieldnames == COLUMNS
    return list(reader)


def positions_in(db_url: str) -> list[Position]:
    """Every position the database holds, by id."""
    with Session(make_engine(db_url)) as session:
        return list(session.exec(select(Position).order_by(col(Position.id))).all())


def audits_in(db_url: str, action: str) -> list[AuditEvent]:
    """The audit events of one action."""
    with Session(make_engine(db_url)) as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


def test_export_board_as_csv_has_the_documented_columns_and_the_seed(seeded: Path) -> None:
    result = run(["export", "board", "ceasefire"], seeded)
    assert result.returncode == 0, result.stderr
    trump, putin = read_export(result.stdout)
    assert (trump["actor"], trump["stance"], putin["actor"], putin["stance"]) == (
        "Donald Trump",
        "supports",
        "Vladimir Putin",
        "conditional",
    )
    assert putin["topic"] == "US ceasefire proposal"
    assert putin["conditions"].split(" | ")[1] == (
        "Guarantees that Ukrainian troops will not use the pause to regroup and reorganise"
    )
    assert putin["quotes"].startswith("agreed with the proposals to cease hostilities…")
    assert len(putin["quotes"].split(" | ")) == 3
    assert (putin["stated_on"], putin["outlet"], putin["url"], putin["speaker"]) == (
        "2025-03-13",
        "Reference article",
        "",
        "",
    )
    assert (putin["recorded_by"], putin["status"], putin["supersedes_id"]) == (
        "seed",
        "confirmed",
        "",
    )
    assert putin["position_id"].isdigit()
    assert putin["recorded_at"].endswith("+00:00")
    assert "Board: US ceasefire proposal: 2 positions." in result.stderr


def test_export_history_and_positions_as_json(seeded: Path) -> None:
    history = run(["export", "history", "ukraine", "on", "frozen", "--format", "json"], seeded)
    assert history.returncode == 0, history.stderr
    [row] = json.loads(history.stdout)
    assert list(row) == COLUMNS
    assert row["actor"] == "Ukraine"
    assert row["speaker"] == "Andriy Yermak"
    assert row["quotes"] == ["frozen conflict with Russia"]
    assert row["conditions"] == []
    assert (row["url"], row["supersedes_id"], row["stated_on"]) == (None, None, "2025-03-13")
    assert isinstance(row["position_id"], int)

    everything = json.loads(run(["export", "positions", "-f", "json"], seeded).stdout)
    assert len(everything) == 6
    assert [r["position_id"] for r in everything] == sorted(r["position_id"] for r in everything)
    later = run(["export", "positions", "--since", "2025-03-14", "-f", "json"], seeded)
    assert json.loads(later.stdout) == []
    that_day = run(["export", "positions", "--since", "13 March 2025", "-o", "out.json"], seeded)
    assert that_day.returncode == 0, that_day.stderr
    assert (
        len(read_export((seeded / "out.json").read_text(encoding="utf-8"))) == 6
    )  # csv by default


def test_export_refuses_unknown_names_and_future_dates_in_one_line(seeded: Path) -> None:
    for args, message in [
        (["export", "board", "weather"], "I don't know a topic called “weather”."),
        (["export", "history", "trumpet", "on", "ceasefire"], "Did you mean Donald Trump?"),
        (["export", "history", "putin"], "Which actor on which topic?"),
        (["export", "positions", "--since", "2999-01-01"], "is in the future"),
    ]:
        result = run(args, seeded)
        assert result.returncode == 2
        assert message in result.stderr
        assert "Traceback" not in result.stderr + result.stdout


HEADER = ",".join(COLUMNS)


def csv_line(**cells: str) -> str:
    """One CSV line with the export's columns (missing cells empty)."""
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n").writerow(cells)
    return out.getvalue()


GOOD = csv_line(
    actor="Vladimir Putin",
    topic="Kursk truce",
    stance="opposes",
    summary="=1+2",
    conditions="@SUM(A1) | Ukrainian troops leave Kursk",
    quotes="-2 days of talks changed nothing",
    stated_on="2025-03-20",
    outlet="Wire",
    url="https://example.com/kursk",
)


def test_formula_cells_are_neutralised_and_read_back_as_they_were(
    seeded: Path, fresh_db_url: str
) -> None:
    (seeded / "in.csv").write_text(HEADER + "\n" + GOOD, encoding="utf-8")
    assert run(["import", "positions", "in.csv"], seeded).returncode == 0
    stored = positions_in(fresh_db_url)[-1]
    assert stored.summary == "=1+2"
    assert stored.conditions == ["@SUM(A1)", "Ukrainian troops leave Kursk"]
    assert stored.quotes == ["-2 days of talks changed nothing"]

    exported = run(["export", "history", "putin", "on", "kursk", "-o", "out.csv"], seeded)
    assert exported.returncode == 0, exported.stderr
    raw = (seeded / "out.csv").read_text(encoding="utf-8")
    latest = read_export(raw)[-1]
    assert latest["summary"] == "'=1+2"
    assert latest["conditions"] == "'@SUM(A1) | Ukrainian troops leave Kursk"
    assert latest["quotes"] == "'-2 days of talks changed nothing"
    for cell in (c for row in read_export(raw) for c in row.values()):
        assert cell[:1] not in {"=", "+", "-", "@", "\t", "\r"}
    json_export = run(["export", "history", "putin", "on", "kursk", "-f", "json"], seeded)
    assert json.loads(json_export.stdout)[-1]["summary"] == "=1+2"  # JSON is data, as stored


def test_the_shell_writes_the_export_into_the_current_directory(seeded: Path) -> None:
    shell = run(["shell", "--as", "U_DESK"], seeded, "/stance export board ceasefire\n" * 2)
    assert shell.returncode == 0, shell.stderr
    written = sorted(seeded.glob("standpoint-board-us-ceasefire-proposal-*.csv"))
    assert len(written) == 2  # the second export did not overwrite the first
    assert f"2 positions written to {written[0]}" in shell.stdout.replace("\n", "")
    assert run(["export", "board", "ceasefire", "-o", "cli.csv"], seeded).returncode == 0
    assert written[0].read_bytes() == (seeded / "cli.csv").read_bytes()
    assert written[1].read_bytes() == written[0].read_bytes()
    nothing = run(["shell"], seeded, "/stance export history trump on frozen json\n")
    assert "Nothing to export: History: Donald Trump on Frozen conflict" in nothing.stdout
    assert not list(seeded.glob("*.json"))


@pytest.mark.parametrize(
    "what", [["board", "ceasefire"], ["history", "putin", "on", "ceasefire"], ["positions"]]
)
def test_export_to_an_existing_file_is_refused_unless_forced(seeded: Path, what: list[str]) -> None:
    kept = seeded / "desk.csv"
    kept.write_text("the desk's own notes\n", encoding="utf-8")
    refused = run(["export", *what, "--output", "desk.csv"], seeded)
    assert refused.returncode == 2
    assert "desk.csv already exists; nothing was written." in refused.stderr
    assert "--force" in refused.stderr
    assert kept.read_text(encoding="utf-8") == "the desk's own notes\n"
    forced = run(["export", *what, "--output", "desk.csv", "--force"], seeded)
    assert forced.returncode == 0, forced.stderr
    assert kept.read_text(encoding="utf-8").startswith("\ufeffposition_id,")
