"""`standpoint --help` answers without loading the database, Slack or LLM libraries.

Not a timing test: it lists what the installed console script imports (`python -X importtime`)
and asserts the heavy packages are absent; bench/startup.py measures the time.
"""

import os
import subprocess
import sys
from pathlib import Path

from tests.handlers.shell_fixtures import STANDPOINT

HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "openai",
    "slack_bolt",
    "slack_sdk",
    "alembic",
    "dateparser",
    "matplotlib",
)


def _imported_by(args: list[str], tmp_path: Path) -> tuple[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", STANDPOINT, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "COLUMNS": "120"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    return done.stdout, modules


def test_help_lists_the_commands_without_loading_heavy_libraries(tmp_path: Path) -> None:
    shown, modules = _imported_by(["--help"], tmp_path)
    for command in ("serve", "shell", "seed", "db", "digest", "ingest", "export", "import"):
        assert command in shown
    assert "typer" in modules  # the listing is real: it does see what was imported
    assert sorted(modules.intersection(HEAVY)) == []


def test_subcommand_help_stays_light_too(tmp_path: Path) -> None:
    shown, modules = _imported_by(["export", "board", "--help"], tmp_path)
    assert "--format" in shown
    assert sorted(modules.intersection(HEAVY)) == []


def test_the_plotting_library_stays_out_of_the_query_path() -> None:
    # Everything `serve` and `shell` load to answer queries; matplotlib comes only with a chart.
    probe = (
        "import sys, handlers.slack.app, handlers.shell.loop, handlers.desks.commands, "
        "handlers.desks.charts, handlers.desks.digests.charts, bot.charts.timeline, "
        "bot.charts.describe; print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in {'matplotlib', 'PIL', 'numpy'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"
