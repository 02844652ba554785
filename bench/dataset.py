"""Generated Standpoint databases for benchmarks: the real schema, the seed, bulk history.

Shape: a fixed breadth of 200 actors x 10 topics = 2,000 pairs, with history depth growing
with size (10k -> 5 positions per pair, 100k -> 50, 1M -> 500), so every size has the same
kind of answer (a latest position *and* a previous one to compare) and only depth grows.
The grid's first two actors are the seed's "Vladimir Putin" and "Donald Trump" and its
first topic is the seed's "US ceasefire proposal", so queries hit real seed names and the
ceasefire board has 200 actors at every size.
"""

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.text import normalize_name
from seeds.loader import load_reference_seed
from store import Stance, make_engine, unit_of_work, upgrade

ACTORS = 200
TOPICS = 10
PAIRS = ACTORS * TOPICS
SEED_ACTORS = ("Vladimir Putin", "Donald Trump")  # grid rows 0 and 1
SEED_TOPIC = "US ceasefire proposal"  # grid column 0
POSITIONS_PER_SOURCE = 100  # consecutive generated statements citing one article
STANCES = [stance.value for stance in Stance]
BENCH_USER = "bench"

# Naive datetimes that are UTC by convention: isoformat(" ", "microseconds") then gives the
# exact text sqlmodel's UTCDateTime stores on SQLite ('2025-03-13 00:00:00.000000'), and
# it is much faster than strftime over a million rows.
HISTORY_START = datetime(2019, 1, 1)
HISTORY_END = datetime(2026, 10, 31)
CREATED_AT = datetime(2026, 10, 31, 12)


@dataclass(frozen=True)
class Grid:
    """Ids of the actors (rows) and topics (columns) that generated positions cover."""

    actor_ids: list[int]
    topic_ids: list[int]

    def pair(self, index: int) -> tuple[int, int]:
        """(actor_id, topic_id) of pair number `index` (0 <= index < PAIRS)."""
        return self.actor_ids[index // TOPICS], self.topic_ids[index % TOPICS]


@dataclass(frozen=True)
class Build:
    """What one generated database holds and how long it took to make."""

    size: int
    seconds: float
    positions: int
    board_actors: int
    putin_history: int
    megabytes: float


def build_database(path: Path, size: int, *, analyze: bool) -> Build:
    """Create a migrated, seeded database at `path` with `size` generated positions."""
    started = time.perf_counter()
    engine = make_engine(f"sqlite:///{path}")
    # The real migrations, so the benchmark measures the indexes a deployment has.
    upgrade(engine)
    with unit_of_work(engine) as session:
        load_reference_seed(session)
    # Release the pool so the bulk loader below is the only connection to the file.
    engine.dispose()
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        bulk_load(conn, size)
        if analyze:
            conn.execute("ANALYZE")
        seconds = time.perf_counter() - started
        return Build(
            size=size,
            seconds=seconds,
            positions=_scalar(conn, "SELECT count(*) FROM position"),
            board_actors=_scalar(
                conn,
                "SELECT count(*) FROM actor_topic WHERE topic_id = ?",
                _id_of(conn, "topic", SEED_TOPIC),
            ),
            putin_history=_scalar(
                conn,
                "SELECT count(*) FROM position WHERE actor_id = ? AND topic_id = ?",
                _id_of(conn, "actor", SEED_ACTORS[0]),
                _id_of(conn, "topic", SEED_TOPIC),
            ),
            megabytes=path.stat().st_size / 1e6,
        )


def bulk_load(conn: sqlite3.Connection, size: int) -> None:
    """Insert the generated actors, topics, sources, pairs and positions in one transaction."""
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
        grid = insert_names(conn)
        first_source, sources = insert_sources(conn, max(1, size // POSITIONS_PER_SOURCE))
        # Queries join through actor_topic: exactly one row per pair that has positions
        # (the seed already wrote some of these pairs, hence OR IGNORE).
        conn.executemany(
            "INSERT OR IGNORE INTO actor_topic (actor_id, topic_id) VALUES (?, ?)",
            (grid.pair(index) for index in range(min(size, PAIRS))),
        )
        conn.executemany(
            "INSERT INTO position (id, actor_id, topic_id, stance, summary, conditions, quotes,"
            " source_id, speaker_id, stated_at, recorded_by, recorded_at, status,"
            " supersedes_id, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            position_rows(
                grid,
                size,
                first_id=_next_id(conn, "position"),
                first_source=first_source,
                sources=sources,
            ),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    # What the app runs with (make_engine would switch it back on connect anyway).
    conn.execute("PRAGMA journal_mode=WAL")


def insert_names(conn: sqlite3.Connection) -> Grid:
    """Generated actors and topics (one alias each, as the seed loader writes), plus the seed's."""
    generated_actors = [f"Actor {n}" for n in range(1, ACTORS - len(SEED_ACTORS) + 1)]
    generated_topics = [f"Topic {n}" for n in range(1, TOPICS)]
    actor_ids = _insert_named(
        conn,
        "actor",
        "actor_alias",
        "actor_id",
        [(name, "person", f"Generated actor {name}") for name in generated_actors],
    )
    topic_ids = _insert_named(
        conn,
        "topic",
        "topic_alias",
        "topic_id",
        [(name, f"Generated topic {name}") for name in generated_topics],
    )
    seed_actor_ids = [_id_of(conn, "actor", name) for name in SEED_ACTORS]
    return Grid(
        actor_ids=seed_actor_ids + actor_ids,
        topic_ids=[_id_of(conn, "topic", SEED_TOPIC), *topic_ids],
    )


def _insert_named(
    conn: sqlite3.Connection,
    table: str,
    alias_table: str,
    owner: str,
    rows: list[tuple[str, ...]],
) -> list[int]:
    """Insert `rows` (name first, then the table's other columns) with an alias row each."""
    columns = {"actor": "name, kind, description", "topic": "name, description"}[table]
    first = _next_id(conn, table)
    ids = list(range(first, first + len(rows)))
    marks = ", ".join("?" * (len(rows[0]) + 2))
    conn.executemany(
        f"INSERT INTO {table} (id, {columns}, created_at) VALUES ({marks})",
        [(row_id, *row, _db_time(CREATED_AT)) for row_id, row in zip(ids, rows, strict=True)],
    )
    conn.executemany(
        f"INSERT INTO {alias_table} ({owner}, alias, normalized) VALUES (?, ?, ?)",
        [(row_id, row[0], normalize_name(row[0])) for row_id, row in zip(ids, rows, strict=True)],
    )
    return ids


def insert_sources(conn: sqlite3.Connection, count: int) -> tuple[int, int]:
    """`count` generated articles; returns (first id, count)."""
    first = _next_id(conn, "source")
    conn.executemany(
        "INSERT INTO source (id, outlet, url, title, published_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            (
                first + n,
                f"Outlet {n % 20}",
                f"https://news.example/{n}",
                f"Generated article {n}",
                _db_time(HISTORY_START + timedelta(hours=n)),
                _db_time(CREATED_AT),
            )
            for n in range(count)
        ),
    )
    return first, count


def position_rows(
    grid: Grid, size: int, *, first_id: int, first_source: int, sources: int
) -> Iterator[tuple[Any, ...]]:
    """`size` confirmed positions, round-robin over the pairs, in stated_at (= id) order.

    Ids follow time, as they do in an append-only log; each round gives every pair one
    more, later, statement, so a pair's history spans the whole 2019-2026 period.
    """
    span = (HISTORY_END - HISTORY_START).total_seconds()
    for index in range(size):
        pair, depth = index % PAIRS, index // PAIRS
        actor_id, topic_id = grid.pair(pair)
        actor_row, topic_col = divmod(pair, TOPICS)
        # Mixed stances across a board, and histories that alternate a shift with a
        # restatement, so answers exercise every change kind, not one.
        stance = STANCES[(actor_row + topic_col + depth // 2) % len(STANCES)]
        stated_at = HISTORY_START + timedelta(seconds=int(span * index / size))
        conditions = [f"Condition {depth % 3}"] if stance == Stance.CONDITIONAL else []
        quotes = [f"Statement {depth} of actor {actor_id} on topic {topic_id}."]
        row_id = first_id + index
        yield (
            row_id,
            actor_id,
            topic_id,
            stance,
            f"Generated position {depth} ({stance}).",
            json.dumps(conditions),
            json.dumps(quotes),
            # Consecutive statements share an article, as they would from one story.
            first_source + (index // POSITIONS_PER_SOURCE) % sources,
            None,
            _db_time(stated_at),
            BENCH_USER,
            _db_time(stated_at + timedelta(hours=1)),
            "confirmed",
            row_id - PAIRS if depth else None,
            hashlib.sha256(f"bench|{index}".encode()).hexdigest(),
        )


def _db_time(moment: datetime) -> str:
    return moment.isoformat(" ", "microseconds")


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    return _scalar(conn, f"SELECT coalesce(max(id), 0) + 1 FROM {table}")


def _id_of(conn: sqlite3.Connection, table: str, name: str) -> int:
    return _scalar(conn, f"SELECT id FROM {table} WHERE name = ?", name)


def _scalar(conn: sqlite3.Connection, sql: str, *params: Any) -> int:
    row = conn.execute(sql, params).fetchone()
    if row is None or row[0] is None:
        raise LookupError(f"no result for {sql!r} {params!r}")
    return int(row[0])
