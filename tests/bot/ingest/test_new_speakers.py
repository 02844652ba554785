"""A quoted person who is not tracked: a proposed actor, tracked only once a reporter confirms."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.catalog.names import resolve_actor
from bot.drafts.evidence.gather import names_by_actor
from bot.errors import UnknownName
from bot.ingest.candidates.propose import ingest_text
from bot.ingest.candidates.review import review_candidate
from store import Actor, AuditEvent, Position, PositionStatus, unit_of_work

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
ARTICLE = (
    "MOSCOW, Nov 24 (Reuters) - Russia answered the ceasefire proposal on Tuesday.\n\n"
    "“Any truce must take our security into account,” Foreign Ministry spokeswoman "
    "Maria Zakharova told reporters on the ceasefire.\n"
)


def _ingest(engine: Engine) -> Position:
    with unit_of_work(engine) as session:
        report = ingest_text(
            session,
            text=ARTICLE,
            url=None,
            title="Moscow answers",
            outlet=None,
            llm=None,
            recorded_by="U0REPORTER",
            now=NOW,
        )
        [candidate] = report.candidates
        return candidate


def _zakharova(session: Session) -> Actor:
    actor = session.exec(select(Actor).where(Actor.name == "Maria Zakharova")).one()
    return actor


def test_an_untracked_speaker_becomes_a_candidate_with_a_proposed_actor(engine: Engine) -> None:
    candidate = _ingest(engine)
    assert candidate.quotes == ["Any truce must take our security into account"]
    with Session(engine) as session:
        actor = _zakharova(session)
        assert (actor.proposed, actor.description) == (True, "Foreign Ministry spokeswoman")
        assert candidate.actor_id == actor.id
        # Hidden until confirmed: no name resolves to her, no claim may name her.
        with pytest.raises(UnknownName):
            resolve_actor(session, query="Zakharova")
        assert "Maria Zakharova" not in names_by_actor(session)


def test_confirming_tracks_the_actor_with_surname_and_role_aliases(engine: Engine) -> None:
    candidate = _ingest(engine)
    with unit_of_work(engine) as session:
        review_candidate(session, position_id=candidate.id, confirm=True, user="U0REPORTER")
    with Session(engine) as session:
        actor = _zakharova(session)
        assert actor.proposed is False
        for name in ("Zakharova", "Maria Zakharova", "Foreign Ministry spokeswoman"):
            assert resolve_actor(session, query=name).id == actor.id
        position = session.get(Position, candidate.id)
        assert position is not None
        assert position.status == PositionStatus.CONFIRMED
        actions = session.exec(
            select(AuditEvent.action).where(AuditEvent.user == "U0REPORTER")
        ).all()
        assert {"actor.confirmed", "position.confirmed"} <= set(actions)


def test_discarding_leaves_no_tracked_actor_behind(engine: Engine) -> None:
    candidate = _ingest(engine)
    with unit_of_work(engine) as session:
        review_candidate(session, position_id=candidate.id, confirm=False, user="U0REPORTER")
    with Session(engine) as session:
        assert _zakharova(session).proposed is True
        with pytest.raises(UnknownName):
            resolve_actor(session, query="Maria Zakharova")
        assert "Maria Zakharova" not in names_by_actor(session)
