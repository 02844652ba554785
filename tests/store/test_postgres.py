"""PostgreSQL specifics: migrations from empty, the live-dedupe index, compare-and-set races."""

import threading

import pytest
from sqlalchemy import Engine, inspect, text, update
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


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def test_a_pooled_connection_the_server_dropped_is_replaced_before_use(db_url: str) -> None:
    # Pinged when idle (here: always); a dead one is replaced and the statement still runs.
    engine = make_engine(db_url, ping_after=0)
    other = make_engine(db_url)
    try:
        first = _backend_pid(engine)
        with other.connect() as admin:
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        assert _backend_pid(engine) != first
    finally:
        engine.dispose()
        other.dispose()


@pytest.mark.parametrize(("ping_after", "pings"), [(0.0, 1), (60.0, 0)])
def test_a_connection_used_a_moment_ago_is_not_pinged(
    db_url: str, monkeypatch: pytest.MonkeyPatch, ping_after: float, pings: int
) -> None:
    engine = make_engine(db_url, ping_after=ping_after)
    seen: list[object] = []
    real_ping = engine.dialect.do_ping  # SQLAlchemy's own ping, counted (not replaced)

    def counted(dbapi_connection: object) -> bool:
        seen.append(dbapi_connection)
        return real_ping(dbapi_connection)

    try:
        _backend_pid(engine)  # the first checkout of a new connection is not pinged either
        monkeypatch.setattr(engine.dialect, "do_ping", counted)
        _backend_pid(engine)
        assert len(seen) == pings
    finally:
        engine.dispose()
