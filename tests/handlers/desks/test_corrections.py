"""Retractions as every reader sees them: answers, as-of, boards, histories, digests, audit."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot.digests.runs import changes_since, fact_claims
from bot.ingest.candidates.review import review_candidate
from bot.positions.recording import record_statement
from bot.settings.model import Settings
from handlers.blocks import Message
from handlers.desks.commands import Dispatcher
from store import Position, PositionRetraction, PositionStatus, Stance, unit_of_work
from tests.conftest import NOW

EDITOR = "U_EDITOR"
MARCH_20 = datetime(2025, 3, 20, 12, tzinfo=UTC)
OPPOSES = 'add putin on ceasefire: opposes "There will be no ceasefire on these terms."'


@pytest.fixture
def desk(engine: Engine, settings: Settings) -> Dispatcher:
    """The command core, with U_EDITOR as the approver."""
    return Dispatcher(engine=engine, settings=settings, is_approver={EDITOR}.__contains__)


def seen(message: Message) -> str:
    return message.text + json.dumps(message.blocks, ensure_ascii=False)


def opposes_on_march_20(desk: Dispatcher) -> int:
    """Putin 'opposes' on 20 Mar 2025 (a shift from his conditional support), as #7."""
    recorded = desk.handle(OPPOSES, user="U_REPORTER", now=MARCH_20)
    assert "Recorded as position #7" in recorded.text
    return 7


def test_an_as_of_answer_from_before_the_retraction_shows_it_marked(desk: Dispatcher) -> None:
    number = opposes_on_march_20(desk)
    desk.handle(f"retract #{number} wrong speaker", user=EDITOR, now=NOW)
    before = seen(desk.handle("putin on ceasefire as of 21 March 2025", user="U_R", now=NOW))
    assert "Opposes" in before
    assert "Withdrawn* later, on 25 Nov 2026 by U_EDITOR: wrong speaker" in before
    board = seen(desk.handle("topic ceasefire as of 21 March 2025", user="U_R", now=NOW))
    assert "Vladimir Putin* — Opposes" in board
    assert "Withdrawn* later, on 25 Nov 2026" in board
    after = seen(desk.handle("putin on ceasefire as of 25 November 2026", user="U_R", now=NOW))
    assert "Conditional support" in after
    assert "Opposes" not in after
    assert "Withdrawn" not in after
    now = seen(desk.handle("putin on ceasefire", user="U_R", now=NOW))
    assert "Conditional support" in now
    assert "Withdrawn" not in now


def test_board_overview_and_shifts_forget_a_withdrawn_statement(desk: Dispatcher) -> None:
    number = opposes_on_march_20(desk)
    desk.handle(f"retract {number} misattributed", user=EDITOR, now=NOW)
    board = seen(desk.handle("topic ceasefire", user="U_R", now=NOW))
    assert "Vladimir Putin* — Conditional support" in board
    assert "was Conditional support" not in board
    overview = seen(desk.handle("putin", user="U_R", now=NOW))
    assert "Opposes" not in overview
    # The next statement is a shift from what still stands, not from the withdrawn one.
    later = desk.handle(
        'add putin on ceasefire: supports "We support it."', user="U_R", now=NOW + timedelta(1)
    )
    assert "Shift*: was Conditional support (13 Mar 2025)" in seen(later)


def test_history_marks_the_withdrawn_entry_and_skips_it_as_previous(desk: Dispatcher) -> None:
    number = opposes_on_march_20(desk)
    desk.handle(f"retract {number} it was Peskov speaking", user=EDITOR, now=NOW)
    desk.handle('add putin on ceasefire: supports "We support it."', user="U_R", now=NOW)
    history = seen(desk.handle("history putin on ceasefire", user="U_R", now=NOW))
    assert "Withdrawn* by U_EDITOR on 25 Nov 2026: it was Peskov speaking" in history
    assert "Shift*: was Conditional support (13 Mar 2025)" in history
    assert "was Opposes" not in history
    assert "20 Mar 2025 Opposes (withdrawn)" in history


def test_the_digest_reports_shifts_against_what_still_stands(
    desk: Dispatcher, engine: Engine
) -> None:
    start = datetime.now(UTC)  # the digest covers statements recorded since then
    number = opposes_on_march_20(desk)
    desk.handle('add putin on ceasefire: supports "We support it."', user="U_R", now=NOW)
    desk.handle(f"retract {number} misattributed", user=EDITOR, now=NOW)
    with unit_of_work(engine) as session:
        views = changes_since(session, topic_ids=[], since=start, until=datetime.now(UTC))
        leads = [c.text for c in fact_claims(views, evidence={}, actor_names={})]
    assert [v.stance for v in views] == [Stance.SUPPORTS]
    assert "shifted from conditional support to supports" in leads[0]


def test_retracting_what_cannot_be_retracted_says_why(desk: Dispatcher, engine: Engine) -> None:
    with unit_of_work(engine) as session:
        candidate = record_statement(
            session,
            actor_id=1,
            topic_id=1,
            stance=Stance.OPPOSES,
            quotes=["No."],
            stated_at=MARCH_20,
            recorded_by="U_R",
            status=PositionStatus.PROPOSED,
        )
    proposed = desk.handle(f"retract {candidate.id}", user=EDITOR, now=NOW)
    assert "is a candidate from an article" in proposed.text
    assert f"discard #{candidate.id}" in seen(proposed)
    assert "There is no position #999." in desk.handle("retract 999", user=EDITOR, now=NOW).text
    assert "is a draft" in desk.handle("retract D3", user=EDITOR, now=NOW).text
    with Session(engine) as session:
        assert session.get(PositionRetraction, candidate.id) is None


def test_audit_of_a_position_tells_every_step_in_newsroom_words(desk: Dispatcher) -> None:
    number = opposes_on_march_20(desk)
    desk.handle(f"retract {number} wrong speaker", user=EDITOR, now=NOW, request_id="req-42")
    trail = seen(desk.handle(f"audit position {number}", user="U_R", now=NOW))
    assert f"Audit of position #{number}" in trail
    assert "(withdrawn)" in trail
    assert "Recorded by U_REPORTER on" in trail
    assert "Withdrawn by U_EDITOR on 25 Nov 2026 09:30 UTC: wrong speaker" in trail
    assert "request req-42" in trail
    assert "position.retracted" not in trail


def test_a_reporter_only_changes_their_own_within_the_window(
    desk: Dispatcher, engine: Engine
) -> None:
    number = opposes_on_march_20(desk)
    other = desk.handle(f"retract {number}", user="U_OTHER", now=NOW)
    assert "Only approvers may retract a position someone else recorded" in other.text
    with Session(engine) as session:
        position = session.get(Position, number)
        assert position is not None
        assert position.status is PositionStatus.CONFIRMED
        recorded = position.recorded_at
    late = desk.handle(f"retract {number}", user="U_REPORTER", now=recorded + timedelta(days=2))
    assert "You may retract your own positions for 24 hours after recording them" in late.text
    own = desk.handle(f"retract {number}", user="U_REPORTER", now=recorded + timedelta(hours=1))
    assert f"Withdrew #{number}" in own.text


def test_a_confirmed_candidate_belongs_to_whoever_confirmed_it(
    desk: Dispatcher, engine: Engine
) -> None:
    with unit_of_work(engine) as session:
        candidate = record_statement(
            session,
            actor_id=1,
            topic_id=1,
            stance=Stance.OPPOSES,
            quotes=["No."],
            stated_at=MARCH_20,
            recorded_by="U_INGESTER",
            status=PositionStatus.PROPOSED,
        )
        review_candidate(session, position_id=candidate.id, confirm=True, user="U_CONFIRMER")
    stranger = desk.handle(f"retract {candidate.id}", user="U_STRANGER", now=datetime.now(UTC))
    assert "Only approvers may retract" in stranger.text
    own = desk.handle(f"retract {candidate.id} wrong", user="U_CONFIRMER", now=datetime.now(UTC))
    assert f"Withdrew #{candidate.id}" in own.text
