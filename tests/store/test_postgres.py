"""PostgreSQL specifics: migrations from empty, the live-dedupe index, compare-and-set races."""

import threading

import pytest
from sqlalchemy import Engine, inspect, update
from sqlmodel import Session, col

from store import Draft, current_revision, head_revision, make_engine, upgrade

pytestmark = pytest.mark.postgres


def test_migrations_run_from_an_empty_postgres_database(fresh_db_url: str) -> None:
    engine = make_engine(fresh_db_url)
    assert engine.dialect.name == "postgresql"
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    indexes = {ix["name"]: ix for ix in inspect(engine).get_indexes("position")}
    assert indexes["uq_position_dedupe_live"]["unique"]
    assert "retracted" in str(
        indexes["uq_position_dedupe_live"]["dialect_options"].get("postgresql_where")
    )
    engine.dispose()


def test_the_suite_engine_is_postgres(engine: Engine) -> None:
    assert engine.dialect.name == "postgresql"


def test_compare_and_set_lets_exactly_one_of_many_connections_win(engine: Engine) -> None:
    from datetime import timedelta

    from store import DraftKind, DraftStatus, utcnow

    with Session(engine) as session:
        draft = Draft(
            kind=DraftKind.SUMMARY,
            title="t",
            body="b",
            drafter="d",
            status=DraftStatus.PENDING,
            requested_by="u",
            expires_at=utcnow() + timedelta(hours=1),
        )
        session.add(draft)
        session.commit()
        draft_id = draft.id
    barrier = threading.Barrier(8)
    wins: list[int] = []

    def approve() -> None:
        with Session(engine) as session:
            barrier.wait()
            result = session.execute(
                update(Draft)
                .where(
                    col(Draft.id) == draft_id,
                    col(Draft.version) == 1,
                    col(Draft.status) == DraftStatus.PENDING,
                )
                .values(status=DraftStatus.APPROVED, version=2)
            )
            session.commit()
            wins.append(result.rowcount)  # type: ignore[attr-defined]

    threads = [threading.Thread(target=approve) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(wins) == [0] * 7 + [1]
