"""Migrations: from empty to head, models and migrations agree, un-migrated databases refused."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from store import (
    SchemaNotCurrent,
    current_revision,
    ensure_schema,
    head_revision,
    make_engine,
    upgrade,
)
from store.migrate import include_name


def test_upgrade_on_empty_database_creates_every_table(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"actor", "actor_alias", "topic", "topic_alias", "source", "position"} <= tables
    assert {"actor_topic", "audit_event", "alembic_version"} <= tables


def test_upgrade_twice_is_a_no_op(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'twice.db'}")
    upgrade(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_migrations_match_the_models(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'diff.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_query_indexes_exist(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'idx.db'}")
    upgrade(engine)
    indexes = {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("position")}
    assert indexes["ix_position_pair_time"] == ["actor_id", "topic_id", "status", "stated_at", "id"]


def test_unmigrated_database_is_refused_when_auto_migrate_is_off(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'off.db'}")
    with pytest.raises(SchemaNotCurrent, match="standpoint db upgrade"):
        ensure_schema(engine, auto_migrate=False)
    assert current_revision(engine) is None


def test_unmigrated_database_is_upgraded_when_auto_migrate_is_on(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'on.db'}")
    ensure_schema(engine, auto_migrate=True)
    assert current_revision(engine) == head_revision()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
