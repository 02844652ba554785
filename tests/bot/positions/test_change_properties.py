"""Every change the bot reports is between two statements that say what they are compared on.

Hypothesis writes histories of statements — clear stances and unclear remarks, conditions
stated, stated as none, or not said — into the real store; the history, the pair answer,
the board, the chart's steps, the export and the alert queue must each report a shift only
between two clear stances and a condition change only between two statements that both say
their conditions. The reference below reads the history directly, not through bot.positions.changes.
"""

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.alerts.follows import Follower, add_follow, resolve_followed
from bot.alerts.queue import queue_alerts
from bot.catalog.creation import create_actor, create_topic
from bot.charts.timeline import build_timeline
from bot.exports.contents import history_rows
from bot.positions.queries import history, latest_position, topic_board
from bot.positions.recording import record_statement
from bot.positions.views import ChangeKind, PositionView
from store import Alert, Stance, unit_of_work
from tests.conftest import NOW

CLEAR = [Stance.SUPPORTS, Stance.CONDITIONAL, Stance.OPPOSES, Stance.UNDECIDED]
CONDITION_POOL = ["talks first", "monitors on the line", "troops withdrawn", "sanctions lifted"]
START = datetime(2024, 1, 1, 12, tzinfo=UTC)
_names = itertools.count()


@dataclass(frozen=True)
class Said:
    stance: Stance
    conditions: tuple[str, ...] | None  # None: not said


statements = st.builds(
    Said,
    stance=st.sampled_from([*CLEAR, Stance.UNCLEAR]),
    conditions=st.none()
    | st.lists(st.sampled_from(CONDITION_POOL), unique=True, max_size=3).map(tuple),
)


def _record(engine: Engine, history_: list[Said]) -> tuple[int, int, list[int]]:
    number = next(_names)
    with unit_of_work(engine) as session:
        actor = create_actor(session, name=f"Property Person {number}")
        topic = create_topic(session, name=f"Property topic {number}")
        follower = Follower("T1", f"C_PROP{number}", "channel")
        followed = resolve_followed(session, actor=actor.name, topic="")
        add_follow(session, follower=follower, followed=followed, user="U", now=NOW)
    ids = []
    for day, said in enumerate(history_):
        # One unit of work per statement, as a reporter records them, oldest first.
        with unit_of_work(engine) as session:
            position = record_statement(
                session,
                actor_id=actor.id,
                topic_id=topic.id,
                stance=said.stance,
                quotes=[f"Statement {day}."],
                conditions=said.conditions,
                stated_at=START + timedelta(days=day),
                recorded_by="U",
            )
            queue_alerts(session, [position], now=NOW)
            assert position.id is not None
            ids.append(position.id)
    return actor.id, topic.id, ids


def _expected(history_: list[Said], index: int) -> tuple[ChangeKind, Stance | None, set[str]]:
    """(kind, stance compared with, dropped conditions) from the history alone."""
    said = history_[index]
    earlier = history_[:index]
    clear_before = [s for s in earlier if s.stance in CLEAR]
    if said.stance not in CLEAR:
        kind = ChangeKind.FIRST if not earlier else ChangeKind.REMARK
        return kind, clear_before[-1].stance if clear_before else None, set()
    if not clear_before:
        return ChangeKind.FIRST, None, set()
    previous = clear_before[-1]
    if previous.stance != said.stance:
        return ChangeKind.SHIFT, previous.stance, set()
    # The run of clear statements with this stance, back to the last other clear stance.
    run = list(itertools.takewhile(lambda s: s.stance == said.stance, reversed(clear_before)))
    basis = next((s for s in run if s.conditions is not None), None)
    if said.conditions is None or basis is None or basis.conditions is None:
        return ChangeKind.RESTATED, previous.stance, set()
    if set(said.conditions) == set(basis.conditions):
        return ChangeKind.RESTATED, previous.stance, set()
    return ChangeKind.CONDITIONS, previous.stance, set(basis.conditions) - set(said.conditions)


def _check(view: PositionView, history_: list[Said], index: int) -> None:
    kind, compared, dropped = _expected(history_, index)
    change = view.change
    assert change.kind is kind, (history_, index)
    assert change.previous_stance == compared
    assert set(change.dropped) == dropped
    if change.kind is ChangeKind.SHIFT:
        assert view.stance in CLEAR
        assert change.previous_stance in CLEAR
        assert view.stance != change.previous_stance
    if change.added or change.dropped:
        assert history_[index].conditions is not None  # this statement said them
    if change.carried:
        assert history_[index].conditions is None  # carried only when not said


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history_=st.lists(statements, min_size=1, max_size=7))
def test_every_reported_change_compares_what_both_statements_say(
    engine: Engine, history_: list[Said]
) -> None:
    actor_id, topic_id, ids = _record(engine, history_)
    with Session(engine) as session:
        page = history(session, actor_id=actor_id, topic_id=topic_id, size=50)
        by_id = {view.id: view for view in page.items}
        for index, position_id in enumerate(ids):
            _check(by_id[position_id], history_, index)

        # The pair answer and the board stand on the last clear statement, if any.
        clear = [i for i, s in enumerate(history_) if s.stance in CLEAR]
        shown = clear[-1] if clear else len(history_) - 1
        latest = latest_position(session, actor_id=actor_id, topic_id=topic_id)
        assert latest is not None
        assert latest.id == ids[shown]
        _check(latest, history_, shown)
        newer = len(history_) - 1 if shown != len(history_) - 1 else None
        assert (latest.later_remark.id if latest.later_remark else None) == (
            ids[newer] if newer is not None else None
        )
        (on_board,) = topic_board(session, topic_id=topic_id)
        assert on_board.id == latest.id
        assert on_board.change == latest.change

        # The chart's steps and the export say the same as the history.
        # (An unclear remark is drawn apart from the stance scale, never as a step.)
        timeline = build_timeline(session, topic_id=topic_id, actor_id=actor_id)
        steps = {step.position_id: step.change for s in timeline.series for step in s.steps}
        assert steps == {pid: by_id[pid].change.kind for pid in ids if by_id[pid].stance in CLEAR}
        exported = {
            row["position_id"]: row["change"]
            for row in history_rows(session, actor_id=actor_id, topic_id=topic_id)
        }
        for index, position_id in enumerate(ids):
            kind = _expected(history_, index)[0]
            assert exported[position_id].startswith(
                {
                    ChangeKind.SHIFT: "shift from",
                    ChangeKind.CONDITIONS: "conditions",
                    ChangeKind.REMARK: "unclear remark",
                    ChangeKind.FIRST: "first statement",
                    ChangeKind.RESTATED: "restated",
                }[kind]
            )

        # Alerts: one per shift or condition change, none for remarks or unsaid conditions.
        alerted = {
            (a.position_id, a.kind)
            for a in session.exec(select(Alert).where(col(Alert.position_id).in_(ids))).all()
        }
    wanted = {
        (ids[i], {ChangeKind.SHIFT: "shift", ChangeKind.CONDITIONS: "conditions"}[kind])
        for i in range(len(history_))
        if (kind := _expected(history_, i)[0]) in (ChangeKind.SHIFT, ChangeKind.CONDITIONS)
    }
    assert alerted == wanted
