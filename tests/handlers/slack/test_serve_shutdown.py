"""`standpoint serve` stopped with SIGTERM leaves a SQLite file that stands alone."""

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from tests.fakes.slack_api import FakeSlackApi
from tests.handlers.slack.conftest import SIGNING_SECRET
from tests.handlers.slack.test_serve import _free_port, _wait_healthy, serving


def test_after_serve_stops_the_database_file_alone_holds_every_table(
    tmp_path: Path, fake_slack: FakeSlackApi
) -> None:
    database = tmp_path / "standpoint.db"  # SQLite on either run: this is about its files
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with serving(
        f"sqlite:///{database}",
        tmp_path,
        fake_slack,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        PORT=str(port),
    ) as process:
        _wait_healthy(url, process)  # migrated: every table was created by this process
    assert process.returncode == 0
    copy = tmp_path / "copy.db"
    shutil.copyfile(database, copy)  # the file alone, as `cp` copies it
    with closing(sqlite3.connect(copy)) as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert len(revision) == 1
    assert {"position", "actor", "topic"} <= tables
