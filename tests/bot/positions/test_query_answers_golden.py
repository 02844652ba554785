"""Every query answer, byte for byte, over a generated store: speed work must not change one.

The store is the reference seed plus a few hundred seeded-random statements (speakers,
conditions, sources, withdrawn and corrected ones); the answers to pair, board, overview,
history, as-of and paging queries are compared with tests/data/query_answers.json, recorded
with the code as it was before the query core was optimised. The same file serves SQLite and
PostgreSQL (STANDPOINT_TEST_POSTGRES_URL), so the two backends must also agree.

Regenerate only for an intended change of wording or layout:
`STANDPOINT_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest -n 0 tests/bot/positions/test_query_answers_golden.py`
"""

import json
import os
import random
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from bot.positions.recording import record_statement
from handlers.desks.commands import Dispatcher
from store import Actor, Position, PositionRetraction, PositionStatus, Stance, Topic, unit_of_work

GOLDEN = Path(__file__).parents[2] / "data" / "query_answers.json"
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
START = datetime(2023, 1, 1, tzinfo=UTC)
CONDITIONS = ("troops withdraw", "Sanctions lifted", "elections held", "prisoner exchange")


def _generate(session: Session) -> None:
    rng = random.Random(13)  # noqa: S311 (test data, not secrets)
    actors = [i for i in session.exec(select(Actor.id).order_by(col(Actor.id))).all() if i][:12]
    topics = [i for i in session.exec(select(Topic.id).order_by(col(Topic.id))).all() if i][:6]
    recorded: list[Position] = []
    for n in range(300):
        actor_id, topic_id = rng.choice(actors), rng.choice(topics)
        if n < 80:  # two long histories, so paging is exercised too
            actor_id, topic_id = actors[n % 2], topics[0]
        speaker = rng.choice([a for a in actors if a != actor_id]) if rng.random() < 0.1 else None
        recorded.append(
            record_statement(
                session,
                actor_id=actor_id,
                topic_id=topic_id,
                stance=rng.choice(list(Stance)),
                quotes=[f"Statement {n}: we {rng.choice(['will', 'will not'])} agree."],
                summary=f"Generated summary {n}." if rng.random() < 0.5 else "",
                conditions=rng.sample(CONDITIONS, rng.randint(0, 2)),
                stated_at=START + timedelta(days=rng.randint(0, 1300), minutes=n),
                recorded_by="U_GEN",
                speaker_id=speaker,
            )
        )
    for position in rng.sample(recorded, 30):
        kind = rng.choice(["retracted", "corrected"])
        replacement = None
        if kind == "corrected":
            replacement = record_statement(
                session,
                actor_id=position.actor_id,
                topic_id=position.topic_id,
                stance=rng.choice(list(Stance)),
                quotes=[f"Corrected statement for #{position.id}."],
                stated_at=position.stated_at,
                recorded_by="U_GEN",
            )
        position.status = PositionStatus.RETRACTED
        session.add(position)
        session.flush()
        assert position.id is not None
        session.add(
            PositionRetraction(
                position_id=position.id,
                at=START + timedelta(days=rng.randint(200, 1400)),
                by="U_EDITOR",
                reason="generated",
                kind=kind,
                replaced_by_id=replacement.id if replacement else None,
            )
        )
    session.flush()


def _questions(session: Session) -> list[str]:
    actors = list(session.exec(select(Actor.name).order_by(col(Actor.id))).all())[:12]
    topics = list(session.exec(select(Topic.name).order_by(col(Topic.id))).all())[:6]
    dates = ("", " as of 2024-01-01", " as of 2025-06-30")
    questions = []
    for topic in topics:
        for date in dates:
            questions += [f"topic {topic}{date}", f"topic {topic}{date} page 2"]
    for actor in actors:
        for date in dates:
            questions.append(f"{actor}{date}")
        for topic in topics:
            for date in dates:
                questions += [f"{actor} on {topic}{date}", f"history {actor} on {topic}{date}"]
            questions.append(f"history {actor} on {topic} page 2")
    # Typed, fuzzy and run-together names go through the same resolution path.
    return [*questions, "putn on truce", "putin ceasefire", "ceasefire", "nobody on nothing"]


def _answers(dispatcher: Dispatcher, questions: list[str]) -> dict[str, Any]:
    answers = {}
    for question in questions:
        message = dispatcher.handle(question, user="U_READER", now=NOW)
        answers[question] = {"text": message.text, "blocks": message.blocks}
    return answers


def test_every_answer_is_unchanged_over_a_generated_store(dispatcher: Dispatcher) -> None:
    with unit_of_work(dispatcher.engine) as session:
        _generate(session)
    with Session(dispatcher.engine) as session:
        questions = _questions(session)
    # Through JSON and back, so the comparison sees exactly what the file holds.
    got = json.loads(json.dumps(_answers(dispatcher, questions), default=_plain))
    if os.environ.get("STANDPOINT_REGENERATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    expected = json.loads(GOLDEN.read_text())
    assert list(got) == [q for q in questions]
    for question in questions:
        assert got[question] == expected[question], question
    assert len(got) == len(expected)


def _plain(value: Any) -> Any:
    return asdict(value) if hasattr(value, "__dataclass_fields__") else str(value)
