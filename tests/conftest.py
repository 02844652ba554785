"""Shared fixtures: a real SQLite database, migrated and seeded once, copied per test."""

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from bot.settings import Settings
from handlers.commands import Dispatcher
from seeds import load_reference_seed
from store import make_engine, unit_of_work, upgrade

# Fixed "now" for tests that record statements, so dates in assertions are stable.
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded SQLite file built once per run."""
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with unit_of_work(engine) as session:
        load_reference_seed(session)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def db_path(seeded_template: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded database for one test."""
    path = tmp_path / "standpoint.db"
    shutil.copyfile(seeded_template, path)
    return path


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    """An engine on the test's own seeded database."""
    engine = make_engine(f"sqlite:///{db_path}")
    yield engine
    engine.dispose()


@pytest.fixture
def settings(db_path: Path) -> Settings:
    """Settings pointing at the test database, ignoring any local .env."""
    return Settings(_env_file=None, database_url=f"sqlite:///{db_path}")  # type: ignore[call-arg]


@pytest.fixture
def dispatcher(engine: Engine, settings: Settings) -> Dispatcher:
    """The transport-independent command core, on the seeded database."""
    return Dispatcher(engine=engine, settings=settings)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session for direct store assertions (committed on success)."""
    with unit_of_work(engine) as session:
        yield session


def count_rows(engine: Engine, table: type) -> int:
    """How many rows `table` holds right now."""
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI every suite must run: a skipped test fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("CI") == "true" and skipped and exitstatus == 0:
        reporter.write_line(f"CI: {skipped} test(s) were skipped; every suite must run in CI.")
        session.exitstatus = 1
