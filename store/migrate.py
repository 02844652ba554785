"""Schema migrations, run programmatically so no alembic.ini is needed at run time."""

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


# Full-text search tables (SQLite FTS5 and its shadow tables) live outside SQLModel.metadata:
# migration 0007 creates them, and model comparison leaves them alone.
SEARCH_TABLE_PREFIX = "position_search"
# slack_sdk's installation and OAuth state stores define their own tables (migration 0015
# creates them; tests/handlers/slack/install/test_schema.py compares them with slack_sdk's).
SLACK_OAUTH_TABLES = frozenset({"slack_installations", "slack_bots", "slack_oauth_states"})


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Alembic's filter: every name but the search index tables and slack_sdk's tables."""
    if type_ != "table":
        return True
    return not ((name or "").startswith(SEARCH_TABLE_PREFIX) or name in SLACK_OAUTH_TABLES)


class SchemaNotCurrent(RuntimeError):
    """The database is behind the code and auto-migration is off."""


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at this package's migrations and `url`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser treats % as interpolation; URLs carry %-escapes in passwords.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    """The newest migration the code ships."""
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an un-migrated database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, *, revision: str = "head") -> None:
    """Apply migrations up to `revision` (idempotent)."""
    _migrate(engine, lambda config: command.upgrade(config, revision))


def downgrade(engine: Engine, *, revision: str) -> None:
    """Undo migrations down to `revision` (tests, and an operator's way back)."""
    _migrate(engine, lambda config: command.downgrade(config, revision))


def _migrate(engine: Engine, run: Callable[[Config], None]) -> None:
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            # A table rebuilt in batch mode is dropped and renamed while others refer to it:
            # SQLite needs foreign keys off for that (they cannot change inside a transaction),
            # and every reference is checked before the migration commits.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                run(config)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("the migration left a row pointing at no row")
        finally:
            if sqlite:
                conn.rollback()
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def ensure_schema(engine: Engine, *, auto_migrate: bool) -> None:
    """Bring the schema to head, or refuse with a clear message when told not to migrate."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if auto_migrate:
        upgrade(engine)
        return
    where = "un-migrated" if current is None else f"at revision {current}"
    raise SchemaNotCurrent(
        f"The database is {where}; this version of Standpoint needs revision {head}. "
        "Run `standpoint db upgrade` (or set STANDPOINT_AUTO_MIGRATE=true)."
    )
