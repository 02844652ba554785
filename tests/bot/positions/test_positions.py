"""Recording and querying positions: supersession, history order, as-of, boards, changes."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.catalog.names import resolve_actor, resolve_topic
from bot.errors import DuplicateStatement
from bot.positions import queries as positions
from bot.positions.recording import record_statement
from bot.positions.views import ChangeKind
from store import ActorTopic, AuditEvent, Position, PositionStatus, Stance, unit_of_work

MARCH_13 = datetime(2025, 3, 13, tzinfo=UTC)


def _ids(session: Session, actor: str, topic: str) -> tuple[int, int]:
    return resolve_actor(session, query=actor).id, resolve_topic(session, query=topic).id


def _record(
    session: Session,
    actor: str,
    topic: str,
    stance: Stance,
    quote: str,
    when: datetime,
    conditions: tuple[str, ...] = (),
) -> Position:
    actor_id, topic_id = _ids(session, actor, topic)
    return record_statement(
        session,
        actor_id=actor_id,
        topic_id=topic_id,
        stance=stance,
        quotes=[quote],
        conditions=conditions,
        stated_at=when,
        recorded_by="U_TEST",
    )


def test_round_trip_keeps_every_field(session: Session) -> None:
    actor_id, topic_id = _ids(session, "putin", "ceasefire")
    view = positions.latest_position(session, actor_id=actor_id, topic_id=topic_id)
    assert view is not None
    assert view.stance is Stance.CONDITIONAL
    assert view.actor == "Vladimir Putin"
    assert view.topic == "US ceasefire proposal"
    assert view.outlet == "Reference article"
    assert view.stated_at == MARCH_13
    assert len(view.conditions) == 4
    assert view.quotes[0].startswith("agreed with the proposals to cease hostilities")
    assert view.change.kind is ChangeKind.FIRST


def test_a_new_statement_supersedes_without_overwriting(session: Session) -> None:
    first = session.exec(select(Position).order_by(Position.id)).first()  # type: ignore[arg-type]
    assert first is not None
    newer = _record(
        session, "putin", "ceasefire", Stance.OPPOSES, "No truce.", MARCH_13 + timedelta(days=2)
    )
    assert newer.supersedes_id == first.id
    session.refresh(first)
    assert first.stance is Stance.CONDITIONAL
    assert first.status is PositionStatus.CONFIRMED
    view = positions.latest_position(session, actor_id=newer.actor_id, topic_id=newer.topic_id)
    assert view is not None
    assert view.id == newer.id
    assert view.change.kind is ChangeKind.SHIFT
    assert view.change.previous_stance is Stance.CONDITIONAL


def test_history_is_newest_first_with_each_change(session: Session) -> None:
    base = MARCH_13 + timedelta(days=1)
    _record(
        session,
        "putin",
        "ceasefire",
        Stance.CONDITIONAL,
        "Same terms.",
        base,
        conditions=("Long-term peace",),
    )
    _record(
        session,
        "putin",
        "ceasefire",
        Stance.CONDITIONAL,
        "Also Kursk.",
        base + timedelta(days=1),
        conditions=("Long-term peace", "Kursk settled"),
    )
    _record(session, "putin", "ceasefire", Stance.OPPOSES, "Never.", base + timedelta(days=2))
    actor_id, topic_id = _ids(session, "putin", "ceasefire")
    timeline = positions.history(session, actor_id=actor_id, topic_id=topic_id).items
    assert [v.quotes[0] for v in timeline[:3]] == ["Never.", "Also Kursk.", "Same terms."]
    assert [v.change.kind for v in timeline] == [
        ChangeKind.SHIFT,
        ChangeKind.CONDITIONS,
        ChangeKind.CONDITIONS,
        ChangeKind.FIRST,
    ]
    assert timeline[1].change.added == ("Kursk settled",)
    # Conditions compare by wording: the seed's four are dropped, the new one added.
    assert timeline[2].change.added == ("Long-term peace",)
    assert len(timeline[2].change.dropped) == 4


def test_same_stance_and_conditions_is_a_restatement(session: Session) -> None:
    actor_id, topic_id = _ids(session, "trump", "ceasefire")
    _record(
        session,
        "trump",
        "ceasefire",
        Stance.SUPPORTS,
        "We want a deal.",
        MARCH_13 + timedelta(days=1),
    )
    view = positions.latest_position(session, actor_id=actor_id, topic_id=topic_id)
    assert view is not None
    assert view.change.kind is ChangeKind.RESTATED


def test_as_of_shows_what_was_known_then(session: Session) -> None:
    later = MARCH_13 + timedelta(days=30)
    _record(session, "putin", "ceasefire", Stance.OPPOSES, "No.", later)
    actor_id, topic_id = _ids(session, "putin", "ceasefire")
    then = positions.latest_position(
        session, actor_id=actor_id, topic_id=topic_id, as_of=MARCH_13 + timedelta(days=1)
    )
    now = positions.latest_position(session, actor_id=actor_id, topic_id=topic_id)
    before = positions.latest_position(
        session, actor_id=actor_id, topic_id=topic_id, as_of=MARCH_13 - timedelta(days=1)
    )
    assert then is not None
    assert then.stance is Stance.CONDITIONAL
    assert now is not None
    assert now.stance is Stance.OPPOSES
    assert before is None


def test_board_has_every_actors_latest_stance(session: Session) -> None:
    _record(session, "ukraine", "ceasefire", Stance.SUPPORTS, "We accept.", MARCH_13)
    topic_id = resolve_topic(session, query="ceasefire").id
    board = positions.topic_board(session, topic_id=topic_id)
    assert [(v.actor, v.stance) for v in board] == [
        ("Donald Trump", Stance.SUPPORTS),
        ("Ukraine", Stance.SUPPORTS),
        ("Vladimir Putin", Stance.CONDITIONAL),
    ]


def test_retracted_positions_drop_out_of_answers(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        newer = _record(
            session, "putin", "ceasefire", Stance.OPPOSES, "No.", MARCH_13 + timedelta(days=1)
        )
    with unit_of_work(engine) as session:
        row = session.get(Position, newer.id)
        assert row is not None
        row.status = PositionStatus.RETRACTED
        session.add(row)
    with unit_of_work(engine) as session:
        view = positions.latest_position(session, actor_id=newer.actor_id, topic_id=newer.topic_id)
        assert view is not None
        assert view.stance is Stance.CONDITIONAL


def test_the_same_statement_is_recorded_once(session: Session) -> None:
    _record(session, "trump", "kursk", Stance.UNCLEAR, "We'll see.", MARCH_13)
    with pytest.raises(DuplicateStatement):
        _record(session, "trump", "kursk", Stance.UNCLEAR, "We’ll  see.", MARCH_13)


def test_recording_adds_the_pair_and_an_audit_row(session: Session) -> None:
    position = _record(
        session, "rutte", "ceasefire", Stance.SUPPORTS, "Ball in Russia's court.", MARCH_13
    )
    assert session.get(ActorTopic, (position.actor_id, position.topic_id)) is not None
    audit = session.exec(select(AuditEvent).where(AuditEvent.subject_id == position.id)).one()
    assert (audit.user, audit.action, audit.subject) == ("U_TEST", "position.recorded", "position")


def test_actor_overview_and_spokesperson_record(session: Session) -> None:
    putin = resolve_actor(session, query="putin").id
    yermak = resolve_actor(session, query="yermak").id
    assert {v.topic for v in positions.actor_overview(session, actor_id=putin)} == {
        "US ceasefire proposal",
        "Kursk truce",
    }
    assert positions.actor_overview(session, actor_id=yermak) == []
    voiced = positions.spoken_for_others(session, speaker_id=yermak)
    assert {(v.actor, v.topic) for v in voiced} == {
        ("Ukraine", "Frozen conflict"),
        ("Ukraine", "Europe's role in the peace process"),
    }
