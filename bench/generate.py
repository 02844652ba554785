"""Generated history for benchmark databases, independent of the backend that stores it.

Shape: a fixed breadth of 200 actors x 10 topics = 2,000 pairs, with history depth growing
with size (10k -> 5 positions per pair, 100k -> 50, 1M -> 500), so every size has the same
kind of answer (a latest position *and* a previous one to compare) and only depth grows.
The grid's first two actors are the seed's "Vladimir Putin" and "Donald Trump" and its
first topic is the seed's "US ceasefire proposal", so queries hit real seed names and the
ceasefire board has 200 actors at every size.

A backend supplies a `Loader` (how to insert rows, spell a timestamp, read a number);
`load` writes the same rows through any of them, so SQLite and PostgreSQL results compare.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlmodel import SQLModel

from bot.text import normalize_name
from store import LOCAL_TENANT, Stance

ACTORS = 200
TOPICS = 10
PAIRS = ACTORS * TOPICS
SEED_ACTORS = ("Vladimir Putin", "Donald Trump")  # grid rows 0 and 1
SEED_TOPIC = "US ceasefire proposal"  # grid column 0
POSITIONS_PER_SOURCE = 100  # consecutive generated statements citing one article
STANCES = [stance.value for stance in Stance]
BENCH_USER = "bench"

# Naive datetimes that are UTC by convention; each Loader spells them for its backend
# (isoformat is much faster than strftime over a million rows).
HISTORY_START = datetime(2019, 1, 1)
HISTORY_END = datetime(2026, 10, 31)
CREATED_AT = datetime(2026, 10, 31, 12)

_POSITION_COLUMNS = """id actor_id topic_id stance summary conditions quotes source_id speaker_id
    stated_at recorded_by recorded_at status supersedes_id dedupe_key"""
POSITION_COLUMNS = tuple(_POSITION_COLUMNS.split())


def stamped(
    table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
) -> tuple[Sequence[str], Iterable[tuple[Any, ...]]]:
    """Rows of a newsroom's table carry its tenant: the bench loads the single workspace's."""
    known = SQLModel.metadata.tables.get(table)
    if known is None or "tenant_id" not in known.c or "tenant_id" in columns:
        return columns, rows
    return (*columns, "tenant_id"), ((*row, LOCAL_TENANT) for row in rows)


class Loader(Protocol):
    """What a backend provides: SQL uses `?` placeholders, the loader translates."""

    def stamp(self, moment: datetime) -> str:
        """The text a UTC timestamp column stores for naive-UTC `moment`."""
        ...

    def scalar(self, sql: str, *params: Any) -> int:
        """The first column of the first row, as an int (LookupError if none)."""
        ...

    def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Iterable[tuple[Any, ...]],
        *,
        ignore_conflicts: bool = False,
    ) -> None:
        """Bulk-insert `rows` (JSON columns already JSON text)."""
        ...


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


def load(loader: Loader, size: int) -> None:
    """Insert the generated actors, topics, sources, pairs and positions."""
    grid = insert_names(loader)
    first_source, sources = insert_sources(loader, max(1, size // POSITIONS_PER_SOURCE))
    # Queries join through actor_topic: exactly one row per pair that has positions
    # (the seed already wrote some of these pairs, hence ignore_conflicts).
    loader.insert(
        "actor_topic",
        ("actor_id", "topic_id"),
        (grid.pair(index) for index in range(min(size, PAIRS))),
        ignore_conflicts=True,
    )
    first_id = next_id(loader, "position")
    rows = position_rows(
        grid, size, first_id=first_id, first_source=first_source, sources=sources, loader=loader
    )
    loader.insert("position", POSITION_COLUMNS, rows)


def summarize(loader: Loader, *, size: int, seconds: float, megabytes: float) -> Build:
    """Count what was loaded, so a broken load can't pass as a fast one."""
    topic = id_of(loader, "topic", SEED_TOPIC)
    return Build(
        size=size,
        seconds=seconds,
        positions=loader.scalar("SELECT count(*) FROM position"),
        board_actors=loader.scalar("SELECT count(*) FROM actor_topic WHERE topic_id = ?", topic),
        putin_history=loader.scalar(
            "SELECT count(*) FROM position WHERE actor_id = ? AND topic_id = ?",
            id_of(loader, "actor", SEED_ACTORS[0]),
            topic,
        ),
        megabytes=megabytes,
    )


def insert_names(loader: Loader) -> Grid:
    """Generated actors and topics (one alias each, as the seed loader writes), plus the seed's."""
    generated_actors = [f"Actor {n}" for n in range(1, ACTORS - len(SEED_ACTORS) + 1)]
    generated_topics = [f"Topic {n}" for n in range(1, TOPICS)]
    actor_ids = _insert_named(
        loader,
        "actor",
        ("name", "kind", "description"),
        [(name, "person", f"Generated actor {name}") for name in generated_actors],
    )
    topic_ids = _insert_named(
        loader,
        "topic",
        ("name", "description"),
        [(name, f"Generated topic {name}") for name in generated_topics],
    )
    seed_actor_ids = [id_of(loader, "actor", name) for name in SEED_ACTORS]
    return Grid(
        actor_ids=seed_actor_ids + actor_ids,
        topic_ids=[id_of(loader, "topic", SEED_TOPIC), *topic_ids],
    )


def _insert_named(
    loader: Loader, table: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]
) -> list[int]:
    """Insert `rows` (name first, then the table's other columns) with an alias row each."""
    first = next_id(loader, table)
    ids = list(range(first, first + len(rows)))
    created = loader.stamp(CREATED_AT)
    pairs = list(zip(ids, rows, strict=True))
    loader.insert(table, ("id", *columns, "created_at"), [(i, *row, created) for i, row in pairs])
    loader.insert(
        f"{table}_alias",
        (f"{table}_id", "alias", "normalized"),
        [(i, row[0], normalize_name(row[0])) for i, row in pairs],
    )
    return ids


def insert_sources(loader: Loader, count: int) -> tuple[int, int]:
    """`count` generated articles; returns (first id, count)."""
    first = next_id(loader, "source")
    created = loader.stamp(CREATED_AT)
    loader.insert(
        "source",
        ("id", "outlet", "url", "title", "published_at", "created_at"),
        (
            (
                first + n,
                f"Outlet {n % 20}",
                f"https://news.example/{n}",
                f"Generated article {n}",
                loader.stamp(HISTORY_START + timedelta(hours=n)),
                created,
            )
            for n in range(count)
        ),
    )
    return first, count


def position_rows(
    grid: Grid, size: int, *, first_id: int, first_source: int, sources: int, loader: Loader
) -> Iterator[tuple[Any, ...]]:
    """`size` confirmed positions, round-robin over the pairs, in stated_at (= id) order.

    Ids follow time, as they do in an append-only log; each round gives every pair one
    more, later, statement, so a pair's history spans the whole 2019-2026 period.
    """
    span = (HISTORY_END - HISTORY_START).total_seconds()
    stamp = loader.stamp
    for index in range(size):
        pair, depth = index % PAIRS, index // PAIRS
        actor_id, topic_id = grid.pair(pair)
        actor_row, topic_col = divmod(pair, TOPICS)
        # Mixed stances across a board, and histories that alternate a shift with a
        # restatement, so answers exercise every change kind, not one.
        stance = STANCES[(actor_row + topic_col + depth // 2) % len(STANCES)]
        stated_at = HISTORY_START + timedelta(seconds=int(span * index / size))
        conditions = [f"Condition {depth % 3}"] if stance == Stance.CONDITIONAL else []
        row_id = first_id + index
        yield (
            row_id,
            actor_id,
            topic_id,
            stance,
            f"Generated position {depth} ({stance}).",
            json.dumps(conditions),
            json.dumps([f"Statement {depth} of actor {actor_id} on topic {topic_id}."]),
            # Consecutive statements share an article, as they would from one story.
            first_source + (index // POSITIONS_PER_SOURCE) % sources,
            None,
            stamp(stated_at),
            BENCH_USER,
            stamp(stated_at + timedelta(hours=1)),
            "confirmed",
            row_id - PAIRS if depth else None,
            hashlib.sha256(f"bench|{index}".encode()).hexdigest(),
        )


def next_id(loader: Loader, table: str) -> int:
    """The id the next explicitly numbered row of `table` gets."""
    return loader.scalar(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")


def id_of(loader: Loader, table: str, name: str) -> int:
    """Id of the row of `table` called `name`."""
    return loader.scalar(f"SELECT id FROM {table} WHERE name = ?", name)
