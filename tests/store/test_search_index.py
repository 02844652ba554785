"""The search index of migration 0007: built for existing rows, kept in step on insert."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from sqlmodel import Session, col, select

from bot.search import read_terms, search
from bot.search.postgres import PostgresSearch
from seeds import load_reference_seed
from store import Position, current_revision, head_revision, make_engine, unit_of_work, upgrade
from store.migrate import downgrade

STANDPOINT = str(Path(sys.executable).parent / "standpoint")


def _found(engine: Engine, words: str) -> list[int]:
    with Session(engine) as session:
        return [hit.id for hit in search(session, terms=read_terms(words)).items]


def test_db_upgrade_indexes_positions_recorded_before_search_existed(
    fresh_db_url: str, tmp_path: Path
) -> None:
    engine = make_engine(fresh_db_url)
    upgrade(engine)
    with unit_of_work(engine) as session:
        load_reference_seed(session)
    # Back to the revision before search: the positions stay, the index goes.
    downgrade(engine, revision="0006")
    assert current_revision(engine) == "0006"
    result = subprocess.run(
        [STANDPOINT, "db", "upgrade"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            "DATABASE_URL": fresh_db_url,
        },
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"Database upgraded from 0006 to {head_revision()}." in result.stdout
    assert _found(engine, "frozen conflict") == [5]
    assert _found(engine, '"cease hostilities"') == [1]
    engine.dispose()


def test_sqlite_keeps_the_index_in_fts5_tables(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'fts.db'}")
    upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"position_search", "position_search_exact"} <= tables
    with engine.connect() as conn:
        trigger = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'position'")
        ).scalars()
        assert "position_search_insert" in set(trigger)
    engine.dispose()


@pytest.mark.postgres
def test_postgres_searches_through_the_gin_indexes(engine: Engine) -> None:
    indexes = {ix["name"] for ix in inspect(engine).get_indexes("position")}
    assert {"ix_position_search", "ix_position_search_exact"} <= indexes
    with Session(engine) as session:
        session.execute(text("SET LOCAL enable_seqscan = off"))
        query, _ = PostgresSearch().restrict(
            session, select(col(Position.id)), terms=read_terms('"no ceasefire" kremlin')
        )
        compiled = query.compile(engine, compile_kwargs={"literal_binds": True})
        plan = "\n".join(session.execute(text(f"EXPLAIN {compiled}")).scalars())
    assert "ix_position_search" in plan
