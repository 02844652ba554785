"""Engine construction and the one-session-per-unit-of-work helper."""

import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError
from sqlmodel import Session, create_engine

from store.scoping import EVERY_TENANT, TENANT
from store.tenancy import current_tenant

SQLITE_BUSY_TIMEOUT_MS = 5000


def utcnow() -> datetime:
    """Now, timezone-aware in UTC (the tables refuse naive datetimes)."""
    return datetime.now(UTC)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers (queries) run while a writer (add, seed) commits.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, *, echo: bool = False, ping_after: float | None = None) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and foreign keys. A server's pooled
    connection is pinged before use when it sat idle `ping_after` seconds (default
    FRESH_SECONDS; 0: always)."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(url, echo=echo)
    _ping_when_idle(engine, FRESH_SECONDS if ping_after is None else ping_after)
    return engine


# A connection back in the pool for less than this was working a moment ago: under load every
# checkout would otherwise pay a ping round trip (SQLAlchemy's pool_pre_ping pings each one).
FRESH_SECONDS = 1.0


def _ping_when_idle(engine: Engine, fresh_seconds: float) -> None:
    """Ping a pooled connection before use when it sat idle (a restarted server, a dropped
    socket): a dead one is replaced before any statement fails on it."""

    def checked_in(_dbapi_connection: Any, record: Any) -> None:  # connected, or returned
        record.info["checked_in"] = time.monotonic()

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("checked_in")
        if idle_since is not None and time.monotonic() - idle_since < fresh_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # any failure: the pool replaces the connection
            raise DisconnectionError("the pooled connection is gone") from error

    event.listen(engine, "connect", checked_in)  # a new connection is as fresh as can be
    event.listen(engine, "checkin", checked_in)
    event.listen(engine, "checkout", checkout)


def _scope(*, every_tenant: bool) -> dict[str, Any]:
    # Read here, when the unit of work opens: outside a tenant's scope in multi-workspace mode
    # this raises NoTenant before anything is read.
    return {EVERY_TENANT: True} if every_tenant else {TENANT: current_tenant()}


@contextmanager
def unit_of_work(engine: Engine, *, every_tenant: bool = False) -> Iterator[Session]:
    """One session per unit of work, on the tenant in scope (store.tenancy): commits on
    success, rolls back on any error. `every_tenant`: no tenant filter (administration)."""
    info = _scope(every_tenant=every_tenant)
    with Session(engine, expire_on_commit=False, info=info) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


READ_ONLY = "standpoint.read_only"  # in Session.info: the unit of work only reads
_AUTOCOMMIT: "weakref.WeakKeyDictionary[Engine, Engine]" = weakref.WeakKeyDictionary()


@contextmanager
def read_only_unit(engine: Engine) -> Iterator[Session]:
    """A unit of work that only reads (an answer). On PostgreSQL it runs in autocommit: no
    BEGIN and COMMIT round trips, each statement reading its own snapshot, which is why an
    answer reads everything it shows in one statement. SQLite keeps its usual transaction
    (switching its mode per connection costs more than it saves)."""
    bound = engine
    if engine.dialect.name != "sqlite":
        bound = _AUTOCOMMIT.get(engine) or _AUTOCOMMIT.setdefault(
            engine, engine.execution_options(isolation_level="AUTOCOMMIT")
        )
    info = {READ_ONLY: True, **_scope(every_tenant=False)}
    with Session(bound, expire_on_commit=False, info=info) as session:
        yield session
