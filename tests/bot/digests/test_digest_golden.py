"""Every digest draft, byte for byte, over a generated store: speed work must not change one.

The store is the query golden's (reference seed plus a few hundred seeded-random statements,
withdrawn and corrected ones among them), all recorded in the hours before the slot. Five
channels follow different topic sets (two share one, one follows everything); one `run_due`
drafts a digest for each, and every draft's title, body, stored claims and problems, and the
run's factual list are compared with tests/data/digest_drafts.json, recorded with the code
as it was before digests were built once per tick.

Regenerate only for an intended change of wording or layout:
`STANDPOINT_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest -n 0 tests/bot/digests/test_digest_golden.py`
"""

import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from bench.digest_build import NullPoster
from bot.digests import run_facts
from bot.settings.model import Settings
from handlers.desks.assembly import assemble
from store import DigestRun, DigestSchedule, Draft, Position, Topic, unit_of_work
from tests.bot.positions.test_query_answers_golden import NOW, _generate

GOLDEN = Path(__file__).parents[2] / "data" / "digest_drafts.json"


def _store(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        _generate(session)
        ids = list(session.exec(select(Position.id).order_by(col(Position.id))).all())
        for n, position_id in enumerate(ids):  # distinct times inside the digest window
            session.execute(
                update(Position)
                .where(col(Position.id) == position_id)
                .values(recorded_at=NOW - timedelta(hours=10) + timedelta(seconds=30 * n))
            )
        topics = [t for t in session.exec(select(Topic.id).order_by(col(Topic.id))).all() if t]
        followed = [topics[:2], topics[:2], topics[2:5], [topics[0]], []]
        for n, topic_ids in enumerate(followed):
            session.add(
                DigestSchedule(
                    channel_id=f"CGOLD{n}",
                    hour=9,
                    minute=0,
                    tz="UTC",
                    days="mon-sun",
                    topics=topic_ids,
                    created_by="U_ADMIN",
                    created_at=NOW - timedelta(days=2),
                )
            )


def test_every_digest_draft_is_unchanged_over_a_generated_store(
    engine: Engine, settings: Settings
) -> None:
    _store(engine)
    poster = NullPoster()
    desks = assemble(engine=engine, settings=settings, poster=poster, is_approver=lambda _: True)
    told = desks.digests.run_due(now=NOW)
    got: dict[str, Any] = {"told": told}
    with Session(engine) as session:
        runs = select(DigestRun).where(col(DigestRun.draft_id).is_not(None))
        for run in session.exec(runs.order_by(col(DigestRun.schedule_id))).all():
            schedule = session.get(DigestSchedule, run.schedule_id)
            draft = session.get(Draft, run.draft_id) if run.draft_id else None
            assert schedule is not None
            assert draft is not None
            got[schedule.channel_id] = {
                "title": draft.title,
                "body": draft.body,
                "claims": draft.claims,
                "problems": draft.problems,
                "evidence_ids": draft.evidence_ids,
                "citations": draft.citations,
                "facts": run_facts(session, run),
            }
    got = json.loads(json.dumps(got))
    if os.environ.get("STANDPOINT_REGENERATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    expected = json.loads(GOLDEN.read_text())
    assert sorted(got) == sorted(expected)
    for key in expected:
        assert got[key] == expected[key], key
    assert [call for call, _ in poster.calls] == ["show_card"] * 5
