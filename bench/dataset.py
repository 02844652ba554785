"""Generated Standpoint databases on SQLite: the real schema, the seed, bulk history.

The rows come from `bench.generate` (shared with the PostgreSQL builder in
`bench.dataset_pg`); this module only says how SQLite stores them: raw sqlite3
`executemany` in one transaction, timestamps spelled as sqlmodel's UTCDateTime stores them.
"""

import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.generate import (
    BENCH_USER,
    PAIRS,
    SEED_ACTORS,
    SEED_TOPIC,
    Build,
    load,
    stamped,
    summarize,
)
from seeds.loader import load_reference_seed
from store import make_engine, unit_of_work, upgrade

__all__ = [
    "BENCH_USER",
    "PAIRS",
    "SEED_ACTORS",
    "SEED_TOPIC",
    "Build",
    "SqliteLoader",
    "build_database",
    "migrated_sqlite",
]


class SqliteLoader:
    """Loader over one sqlite3 connection (inside the caller's transaction)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def stamp(self, moment: datetime) -> str:
        """'2025-03-13 00:00:00.000000': the exact text UTCDateTime stores on SQLite."""
        return moment.isoformat(" ", "microseconds")

    def scalar(self, sql: str, *params: Any) -> int:
        """The first column of the first row."""
        row = self.conn.execute(sql, params).fetchone()
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
        """executemany; OR IGNORE when asked."""
        columns, rows = stamped(table, columns, rows)
        verb = "INSERT OR IGNORE" if ignore_conflicts else "INSERT"
        marks = ", ".join("?" * len(columns))
        self.conn.executemany(f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def migrated_sqlite(path: Path) -> str:
    """A migrated, seeded SQLite file at `path`; returns its URL."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    # The real migrations, so the benchmark measures the indexes a deployment has.
    upgrade(engine)
    with unit_of_work(engine) as session:
        load_reference_seed(session)
    # Release the pool so later bulk loaders are the only connection to the file.
    engine.dispose()
    return url


def build_database(path: Path, size: int, *, analyze: bool) -> Build:
    """Create a migrated, seeded database at `path` with `size` generated positions."""
    started = time.perf_counter()
    migrated_sqlite(path)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        bulk_load(conn, size)
        if analyze:
            conn.execute("ANALYZE")
        seconds = time.perf_counter() - started
        return summarize(
            SqliteLoader(conn), size=size, seconds=seconds, megabytes=path.stat().st_size / 1e6
        )


def bulk_load(conn: sqlite3.Connection, size: int) -> None:
    """Insert the generated rows in one transaction."""
    # Loading only: the file is a throwaway until the load commits, so skip fsyncs and
    # keep the rollback journal in memory; a big page cache keeps the random-order index
    # inserts (dedupe_key, the pair index) from thrashing. Foreign keys stay on so a
    # generator bug fails loudly instead of producing a database the app never would.
    conn.execute("PRAGMA journal_mode=MEMORY")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-262144")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("BEGIN")
    try:
        with _search_index_rebuilt_after(conn):
            load(SqliteLoader(conn), size)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    # What the app runs with (make_engine would switch it back on connect anyway).
    conn.execute("PRAGMA journal_mode=WAL")


# As migration 0007's backfill: one statement per search table, for the rows loaded in bulk.
_SEARCH_BACKFILL = """
INSERT INTO {table} (rowid, summary, quotes, conditions)
SELECT id, summary,
  (SELECT group_concat(value, char(10)) FROM json_each(position.quotes)),
  (SELECT group_concat(value, char(10)) FROM json_each(position.conditions))
FROM position WHERE id > ?
"""


@contextmanager
def _search_index_rebuilt_after(conn: sqlite3.Connection) -> Iterator[None]:
    """Index the loaded positions in one pass instead of one trigger run per row (about 4x).

    Inside the caller's transaction: the trigger is dropped, the new rows indexed by one
    INSERT … SELECT per search table, and the trigger recreated from its own stored SQL.
    """
    trigger = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'position_search_insert'"
    ).fetchone()
    if trigger is None:  # a schema before migration 0007: nothing to keep in step
        yield
        return
    last = conn.execute("SELECT coalesce(max(id), 0) FROM position").fetchone()[0]
    conn.execute("DROP TRIGGER position_search_insert")
    yield
    for table in ("position_search", "position_search_exact"):
        conn.execute(_SEARCH_BACKFILL.replace("{table}", table), (last,))
    conn.execute(trigger[0])
