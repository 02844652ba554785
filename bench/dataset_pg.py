"""Generated Standpoint databases on PostgreSQL: same rows as SQLite, loaded with COPY.

`build_postgres(admin_url, size)` drops and creates `bench_<size>`, runs the real migrations
and the reference seed through the app's engine, then streams `bench.generate`'s rows in with
psycopg's `COPY … FROM STDIN`. Timestamps go in as timezone-aware text (`… +00`), JSON columns
as JSON text. Ids are explicit (as on SQLite), so the serial sequences are moved past them
afterwards. Then `VACUUM ANALYZE`: autovacuum would do that to a freshly loaded table within
a minute anyway, and doing it up front keeps the timings from racing it.
"""

import os
import time
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import psycopg
from sqlalchemy import create_engine, make_url
from sqlalchemy.pool import NullPool

from bench.generate import Build, load, stamped, summarize
from seeds.loader import load_reference_seed
from store import make_engine, unit_of_work, upgrade

ENV_URL = "STANDPOINT_BENCH_POSTGRES_URL"
SERIAL_TABLES = ("actor", "actor_alias", "topic", "topic_alias", "source", "position")


class PostgresLoader:
    """Loader over one psycopg connection (inside its transaction)."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def stamp(self, moment: datetime) -> str:
        """Naive-UTC `moment` as timestamptz text."""
        return moment.isoformat(" ", "microseconds") + "+00"

    def scalar(self, sql: str, *params: Any) -> int:
        """The first column of the first row (`?` placeholders)."""
        row = self.conn.execute(sql.replace("?", "%s"), params).fetchone()
        if row is None or row[0] is None:
            raise LookupError(f"no result for {sql!r} {params!r}")
        return int(row[0])

    def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Iterable[tuple[Any, ...]],
        *,
        ignore_conflicts: bool = False,
    ) -> None:
        """COPY; plain INSERT … ON CONFLICT DO NOTHING when conflicts are expected."""
        columns, rows = stamped(table, columns, rows)
        names = ", ".join(columns)
        with self.conn.cursor() as cursor:
            if ignore_conflicts:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT DO NOTHING",
                    list(rows),
                )
                return
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)


def postgres_admin_url(explicit: str | None = None) -> str | None:
    """The admin URL from the command line or STANDPOINT_BENCH_POSTGRES_URL, if any."""
    return explicit or os.environ.get(ENV_URL) or None


def with_database(admin_url: str, name: str) -> str:
    """`admin_url` pointed at database `name` (SQLAlchemy URL, password kept)."""
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def libpq_url(url: str) -> str:
    """A SQLAlchemy URL as a libpq conninfo psycopg.connect accepts."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def server_version(admin_url: str) -> str:
    """'16.4' or similar."""
    with psycopg.connect(libpq_url(admin_url)) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]).split()[0] if row else "?"


def fresh_database(admin_url: str, name: str) -> str:
    """Drop and create database `name`, migrate and seed it; returns its URL."""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    url = with_database(admin_url, name)
    engine = make_engine(url)
    upgrade(engine)
    with unit_of_work(engine) as session:
        load_reference_seed(session)
    engine.dispose()
    return url


def drop_database(admin_url: str, name: str) -> None:
    """Remove a benchmark database."""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


def build_postgres(admin_url: str, size: int) -> tuple[str, Build]:
    """Database `bench_<size>` with `size` generated positions; returns (URL, Build)."""
    started = time.perf_counter()
    url = fresh_database(admin_url, f"bench_{size}")
    with psycopg.connect(libpq_url(url)) as conn:
        with conn.transaction():
            load(PostgresLoader(conn), size)
            for table in SERIAL_TABLES:
                conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT max(id) FROM {table}))"
                )
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
        seconds = time.perf_counter() - started
        loader = PostgresLoader(conn)
        megabytes = loader.scalar("SELECT pg_database_size(current_database())") / 1e6
        return url, summarize(loader, size=size, seconds=seconds, megabytes=megabytes)
