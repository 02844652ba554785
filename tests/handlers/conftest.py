"""Fixtures for tests that run the console script (tests/handlers/shell_fixtures.py `run`).

A module whose tests run it says `pytestmark = pytest.mark.usefixtures("shell_database")`.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from store import make_engine
from tests.handlers.shell_fixtures import run


@pytest.fixture
def shell_database(fresh_db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty database on the suite's backend (SQLite or PostgreSQL) for the script."""
    monkeypatch.setenv("SHELL_TEST_DATABASE_URL", fresh_db_url)


@pytest.fixture
def database(shell_database: None) -> Iterator[Engine]:
    """The database the console script runs on, to check what it holds afterwards."""
    engine = make_engine(os.environ["SHELL_TEST_DATABASE_URL"])
    yield engine
    engine.dispose()


@pytest.fixture
def seeded(tmp_path: Path, shell_database: None) -> Path:
    """A working folder whose database holds the seed."""
    assert run(["seed"], tmp_path).returncode == 0
    return tmp_path
