"""Claiming alerts exactly once (bot/alerts/delivery.py), and what becomes of a claim."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.alerts.delivery import Claimed, claim, expire_stale, finish, live_views, release, waiting
from bot.alerts.follows import Follower, add_follow, resolve_followed
from bot.grammar import AddStatement
from bot.positions.correction_rights import Rights
from bot.positions.corrections import retract_position
from bot.positions.recording import add_statement
from store import LOCAL_TEAM, Alert, Stance, make_engine, unit_of_work
from tests.conftest import NOW

DESK = Follower("T1", "C_DESK", "channel")
SHELL_USER = Follower(LOCAL_TEAM, "U_SHELL", "user")


def _queue_moves(engine: Engine, follower: Follower = DESK) -> list[int]:
    """Follow Putin and Trump, and record a shift by each: two pending alerts."""
    with unit_of_work(engine) as session:
        for actor in ("putin", "trump"):
            followed = resolve_followed(session, actor=actor, topic="")
            add_follow(session, follower=follower, followed=followed, user="U", now=NOW)
        ids = []
        for actor, stance in (("putin", Stance.OPPOSES), ("trump", Stance.OPPOSES)):
            statement = AddStatement(
                actor=actor, topic="ceasefire", stance=stance, quote=f"{actor} says no."
            )
            position = add_statement(session, statement=statement, recorded_by="U", stated_at=NOW)
            ids.append(position.id or 0)
    return ids


def _statuses(engine: Engine) -> list[tuple[int, str]]:
    with Session(engine) as session:
        rows = session.exec(select(Alert).order_by(col(Alert.id))).all()
        return [(a.position_id, a.status) for a in rows]


def _claim(engine: Engine, *, by: str, follower: Follower = DESK) -> Claimed | None:
    with unit_of_work(engine) as session:
        return claim(session, follower=follower, by=by, now=NOW)


def test_a_claim_takes_every_pending_alert_of_the_follower_once(engine: Engine) -> None:
    ids = _queue_moves(engine)
    with Session(engine) as session:
        [entry] = waiting(session, local_user=None)
    assert (entry.follower, entry.count) == (DESK, 2)
    first = _claim(engine, by="replica-a")
    assert first is not None
    assert first.position_ids == tuple(ids)
    assert set(first.kinds.values()) == {"shift"}
    assert _claim(engine, by="replica-b") is None
    assert _statuses(engine) == [(ids[0], "sending"), (ids[1], "sending")]
    with Session(engine) as session:
        assert waiting(session, local_user=None) == []


def test_concurrent_claims_on_one_follower_give_the_alerts_to_exactly_one(
    db_url: str,
) -> None:
    setup = make_engine(db_url)
    ids = _queue_moves(setup)
    setup.dispose()
    # One engine per "replica": separate connection pools, as two processes would have.
    engines = [make_engine(db_url) for _ in range(6)]
    barrier = threading.Barrier(len(engines))
    results: list[Claimed | None] = []
    lock = threading.Lock()

    def replica(engine: Engine, name: str) -> None:
        with unit_of_work(engine) as session:
            barrier.wait()
            got = claim(session, follower=DESK, by=name, now=NOW)
        with lock:
            results.append(got)

    threads = [
        threading.Thread(target=replica, args=(engine, f"replica-{n}"))
        for n, engine in enumerate(engines)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [r for r in results if r is not None]
    assert len(results) == len(engines)
    assert len(winners) == 1
    assert winners[0].position_ids == tuple(ids)
    with Session(engines[0]) as session:
        rows = session.exec(select(Alert)).all()
        assert {(a.status, a.batch, a.claimed_by) for a in rows} == {
            ("sending", winners[0].batch, rows[0].claimed_by)
        }
    for engine in engines:
        engine.dispose()


@pytest.mark.postgres
def test_a_claim_waits_for_an_open_claim_and_then_finds_nothing(db_url: str) -> None:
    one, two = make_engine(db_url), make_engine(db_url)
    _queue_moves(one)
    answer: list[Claimed | None] = []
    with unit_of_work(one) as holding:
        held = claim(holding, follower=DESK, by="replica-a", now=NOW)
        # The second replica's UPDATE waits on the row locks until this transaction ends.
        other = threading.Thread(target=lambda: answer.append(_claim(two, by="replica-b")))
        other.start()
    other.join()
    assert held is not None
    assert answer == [None]
    one.dispose()
    two.dispose()


def test_release_puts_a_batch_back_and_a_later_claim_gets_it(engine: Engine) -> None:
    ids = _queue_moves(engine)
    first = _claim(engine, by="replica-a")
    assert first is not None
    with unit_of_work(engine) as session:
        release(session, batch=first.batch)
    assert _statuses(engine) == [(ids[0], "pending"), (ids[1], "pending")]
    second = _claim(engine, by="replica-b")
    assert second is not None
    assert second.batch != first.batch
    assert second.position_ids == tuple(ids)


def test_finish_records_the_outcome_and_the_message(engine: Engine) -> None:
    _queue_moves(engine)
    claimed = _claim(engine, by="replica-a")
    assert claimed is not None
    done_at = NOW + timedelta(seconds=3)
    with unit_of_work(engine) as session:
        finish(session, batch=claimed.batch, status="sent", now=done_at, ts="1700000000.000100")
        # A late second finish of the same batch changes nothing: it is no longer sending.
        finish(session, batch=claimed.batch, status="failed", now=done_at, error="x")
    with Session(engine) as session:
        rows = session.exec(select(Alert)).all()
    assert {(a.status, a.message_ts, a.error) for a in rows} == {("sent", "1700000000.000100", "")}
    assert {a.sent_at.replace(tzinfo=None) for a in rows if a.sent_at} == {
        done_at.replace(tzinfo=None)
    }
    assert _claim(engine, by="replica-b") is None


def test_a_claim_left_unfinished_becomes_unconfirmed_and_is_never_resent(engine: Engine) -> None:
    ids = _queue_moves(engine)
    assert _claim(engine, by="replica-that-dies") is not None
    with unit_of_work(engine) as session:
        assert expire_stale(session, now=NOW + timedelta(minutes=4), local_user=None) == 0
        assert expire_stale(session, now=NOW + timedelta(minutes=6), local_user=None) == 2
    assert _statuses(engine) == [(ids[0], "unconfirmed"), (ids[1], "unconfirmed")]
    with Session(engine) as session:
        assert waiting(session, local_user=None) == []
    assert _claim(engine, by="replica-b") is None


def test_the_shell_sees_and_expires_only_its_own_users_alerts(engine: Engine) -> None:
    _queue_moves(engine, follower=SHELL_USER)
    with Session(engine) as session:
        assert waiting(session, local_user=None) == []  # Slack's senders leave the shell's
        assert waiting(session, local_user="U_OTHER") == []
        [mine] = waiting(session, local_user="U_SHELL")
    assert mine.follower == SHELL_USER
    assert _claim(engine, by="shell", follower=SHELL_USER) is not None
    with unit_of_work(engine) as session:
        later = NOW + timedelta(minutes=6)
        assert expire_stale(session, now=later, local_user=None) == 0
        assert expire_stale(session, now=later, local_user="U_SHELL") == 2


def test_live_views_leave_out_and_mark_a_position_withdrawn_before_sending(
    engine: Engine,
) -> None:
    ids = _queue_moves(engine)
    with unit_of_work(engine) as session:
        retract_position(
            session,
            position_id=ids[0],
            reason="wrong speaker",
            rights=Rights(user="U_EDITOR", approver=True, window=timedelta(days=9999)),
            now=NOW,
        )
    claimed = _claim(engine, by="replica-a")
    assert claimed is not None
    with unit_of_work(engine) as session:
        views = live_views(session, claimed)
    assert [(v.id, v.actor) for v in views] == [(ids[1], "Donald Trump")]
    assert _statuses(engine) == [(ids[0], "withdrawn"), (ids[1], "sending")]
