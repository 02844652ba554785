"""Shared fixtures: a real SQLite database, migrated and seeded once, copied per test."""

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, make_url
from sqlalchemy.pool import NullPool
from sqlmodel import Session, select

from bot.settings.model import Settings
from handlers.desks.commands import Dispatcher
from seeds import load_reference_seed
from store import LOCAL_TENANT, make_engine, set_default_tenant, unit_of_work, upgrade

# Set by .ci/run (and by anyone with a server): the whole suite then runs on PostgreSQL.
POSTGRES_URL = os.environ.get("STANDPOINT_TEST_POSTGRES_URL", "")
# One template per run: two runs on one server (a developer's and CI's) never share one.
TEMPLATE_DB = f"standpoint_test_template_{os.getpid()}"

# Fixed "now" for tests that record statements, so dates in assertions are stable.
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _single_workspace_default() -> Iterator[None]:
    """A test that starts multi-workspace mode in-process leaves no tenant-less process behind
    for the next test."""
    yield
    set_default_tenant(LOCAL_TENANT)


@pytest.fixture
def multi_workspace() -> None:
    """The process as `serve` runs it with many workspaces: no tenant outside a scope (the
    autouse fixture above restores the single workspace's default after the test)."""
    set_default_tenant(None)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated, seeded database built once per run: a SQLite file, or a PostgreSQL template."""
    if POSTGRES_URL:
        template = _postgres_template()
        yield template
        with _admin().connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {template} WITH (FORCE)")
        return
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with unit_of_work(engine) as session:
        load_reference_seed(session)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    yield str(path)


@pytest.fixture
def db_url(seeded_template: str, tmp_path: Path) -> Iterator[str]:
    """A private copy of the seeded database for one test, as a DATABASE_URL."""
    if POSTGRES_URL:
        with _postgres_database(template=seeded_template) as url:
            yield url
        return
    path = tmp_path / "standpoint.db"
    shutil.copyfile(seeded_template, path)
    yield f"sqlite:///{path}"


@pytest.fixture
def fresh_db_url(tmp_path: Path) -> Iterator[str]:
    """An empty, un-migrated database for one test."""
    if POSTGRES_URL:
        with _postgres_database(template="template0") as url:
            yield url
        return
    yield f"sqlite:///{tmp_path / 'fresh.db'}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on the test's own seeded database."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(db_url: str) -> Settings:
    """Settings pointing at the test database, ignoring any local .env."""
    return Settings(_env_file=None, database_url=db_url)  # type: ignore[call-arg]


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


def _admin() -> Engine:
    return create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _postgres_template() -> str:
    admin = _admin()
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {TEMPLATE_DB} WITH (FORCE)")
        conn.exec_driver_sql(f"CREATE DATABASE {TEMPLATE_DB}")
    engine = make_engine(_with_database(TEMPLATE_DB))
    upgrade(engine)
    with unit_of_work(engine) as session:
        load_reference_seed(session)
    engine.dispose()
    return TEMPLATE_DB


@contextmanager
def _postgres_database(*, template: str) -> Iterator[str]:
    name = f"standpoint_test_{uuid.uuid4().hex[:12]}"
    admin = _admin()
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {template}")
    try:
        yield _with_database(name)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _with_database(name: str) -> str:
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


POSTGRES_REASON = (
    "needs PostgreSQL: set STANDPOINT_TEST_POSTGRES_URL (bash .ci/postgres.sh prints one)"
)


# The install page's browser test drives these (Debian's packages; .ci/browser.sh installs them).
BROWSER = (shutil.which("chromium"), shutil.which("chromedriver"))
_browser_passed: list[str] = []


def pytest_report_header() -> list[str]:
    """Say which database the suite runs on, and which browser (CI checks these lines)."""
    browser = " and ".join(filter(None, BROWSER)) if all(BROWSER) else "none"
    return [
        f"database backend: {'postgresql' if POSTGRES_URL else 'sqlite'}",
        f"browser: {browser}",
    ]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count the browser tests that passed (with xdist, on the controller, from every worker)."""
    if report.when == "call" and report.passed and "browser" in report.keywords:
        _browser_passed.append(report.nodeid)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line .ci/run reads: the browser tests really ran (in CI a missing browser fails
    them, see tests/handlers/slack/install/test_install_browser.py)."""
    terminalreporter.write_line(f"browser tests: {len(_browser_passed)} passed")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """PostgreSQL-only tests: skipped with a reason locally, deselected in CI's SQLite run."""
    if POSTGRES_URL:
        return
    only_postgres = [item for item in items if item.get_closest_marker("postgres")]
    if os.environ.get("CI") == "true":
        config.hook.pytest_deselected(items=only_postgres)
        items[:] = [item for item in items if item not in only_postgres]
        return
    for item in only_postgres:
        item.add_marker(pytest.mark.skip(reason=POSTGRES_REASON))
