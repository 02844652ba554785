"""Copies of a SQLite database that stand alone: a WAL checkpoint, and the online backup."""

import contextlib
import logging
import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

log = logging.getLogger(__name__)


def checkpoint(engine: Engine) -> None:
    """Fold SQLite's write-ahead log into the database file and empty the log.

    Until a checkpoint, committed rows may sit only in `<file>-wal`, so a copy of the file
    alone would lack them. Nothing to do on PostgreSQL.
    """
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except OperationalError as error:  # another process holds it: its own exit checkpoints
        log.warning("WAL checkpoint skipped: %s", error.orig)


def sqlite_file(engine: Engine) -> Path | None:
    """The SQLite file `engine` opens (None: PostgreSQL, or an in-memory database)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


def backup_sqlite(engine: Engine, *, target: Path) -> None:
    """Copy the live database to `target` with SQLite's online backup API.

    Readers and writers may keep working meanwhile. The copy is written beside `target` and
    renamed over it at the end, so an interrupted backup never leaves a half-written file
    under the name asked for. The copy is a single file (no -wal beside it).
    """
    handle, scratch = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        source = engine.raw_connection()
        try:
            destination = sqlite3.connect(scratch)
            try:
                source.driver_connection.backup(destination)  # type: ignore[union-attr]
                destination.execute("PRAGMA journal_mode=DELETE")
            finally:
                destination.close()
        finally:
            source.close()
        os.replace(scratch, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(scratch)
        raise
