"""Alembic environment: migrations are generated from and checked against SQLModel.metadata."""

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import store.alert_tables
import store.catalogue_version
import store.ingest_tables
import store.tables
import store.workspace_tables  # noqa: F401
from store.migrate import include_name

config = context.config
target_metadata = SQLModel.metadata


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        _configure(conn)


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are unsupported; run `standpoint db upgrade`")
run_migrations_online()
