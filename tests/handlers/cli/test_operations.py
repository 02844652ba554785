"""Running Standpoint: the database file after the shell, `standpoint backup`, and `serve`
when Slack can't be reached. Every test runs the console script on a SQLite file of its own
(on the PostgreSQL run too: these are about SQLite's files).
"""

import re
import shutil
import socket
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

ADD = '/stance add putin on ceasefire: opposes "x" https://example.com/a\n'
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def stances_in(path: Path) -> list[str]:
    """The stance of every position in a SQLite file, opened on its own."""
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("SELECT stance FROM position ORDER BY id")]


def shell_recorded_a_position(folder: Path) -> Path:
    """Run the shell on `folder`/standpoint.db, recording one position; returns the file."""
    database = folder / "standpoint.db"
    result = run([], folder, ADD, DATABASE_URL=f"sqlite:///{database}")
    assert result.returncode == 0, result.stderr
    assert "Opposes" in result.stdout
    return database


def test_a_copy_of_the_database_file_alone_holds_what_the_shell_recorded(
    tmp_path: Path,
) -> None:
    database = shell_recorded_a_position(tmp_path)
    copy = tmp_path / "copied" / "backup.db"
    copy.parent.mkdir()
    shutil.copyfile(database, copy)  # `cp standpoint.db backup.db`: no -wal comes along
    stances = stances_in(copy)
    assert len(stances) == 7  # the seed's six and the one added
    assert stances[-1] == "opposes"


def test_backup_writes_one_file_with_every_table_and_never_overwrites(tmp_path: Path) -> None:
    database = shell_recorded_a_position(tmp_path)
    url = f"sqlite:///{database}"
    made = run(["backup", "backup.db"], tmp_path, DATABASE_URL=url)
    assert made.returncode == 0, made.stderr
    assert "Backed up" in made.stdout
    backup = tmp_path / "backup.db"
    assert not (tmp_path / "backup.db-wal").exists()
    assert stances_in(backup)[-1] == "opposes"
    written = backup.read_bytes()

    again = run(["backup", "backup.db"], tmp_path, DATABASE_URL=url)
    assert again.returncode == 2
    assert "backup.db already exists; nothing was written. Add --force" in again.stderr
    assert backup.read_bytes() == written

    later = '/stance add putin on ceasefire: supports "y" https://example.com/b\n'
    assert run([], tmp_path, later, DATABASE_URL=url).returncode == 0
    forced = run(["backup", "backup.db", "--force"], tmp_path, DATABASE_URL=url)
    assert forced.returncode == 0, forced.stderr
    assert stances_in(backup)[-2:] == ["opposes", "supports"]


def test_backup_on_postgresql_points_to_pg_dump(tmp_path: Path) -> None:
    # Refused from the URL alone, before any connection: no server is needed.
    url = "postgresql+psycopg://standpoint@127.0.0.1:9/standpoint"
    result = run(["backup", "backup.db"], tmp_path, DATABASE_URL=url)
    assert result.returncode == 2
    assert "pg_dump" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "backup.db").exists()


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("api_url", "what"),
    [
        ("http://nonexistent.invalid/api/", "the name nonexistent.invalid does not resolve"),
        ("refused", "refused the connection"),
    ],
)
def test_serve_says_in_two_lines_that_slack_cannot_be_reached(
    tmp_path: Path, api_url: str, what: str
) -> None:
    if api_url == "refused":
        port = closed_port()
        api_url, what = f"http://127.0.0.1:{port}/api/", f"127.0.0.1:{port} {what}"
    result = run(
        ["serve", "--http", "--port", "0"],
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'standpoint.db'}",
        SLACK_BOT_TOKEN="xoxb-1-2-well-formed",  # noqa: S106  (a test's own value)
        SLACK_SIGNING_SECRET="a-signing-secret",  # noqa: S106
        SLACK_API_URL=api_url,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "╭" not in result.stderr  # nor Rich's framed one
    said = [line for line in result.stderr.splitlines() if not LOG_LINE.match(line)]
    assert said == [
        f"Can't reach Slack at {api_url}: {what}.",
        "Check SLACK_API_URL, then start again.",
    ]
