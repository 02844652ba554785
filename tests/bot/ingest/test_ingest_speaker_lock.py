"""Ingest with an LLM: a candidate whose speaker the article does not support is stored with
its problem, and can't be confirmed until a reporter edits it (or discards it)."""

from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import bot.ingest.candidates.propose
from bot.errors import UserError
from bot.ingest.candidates.edit import candidate_form, replace_candidate_with_form
from bot.ingest.candidates.problems import problems_of
from bot.ingest.candidates.review import review_candidate
from store import CandidateProblem, Position, PositionStatus, Stance, unit_of_work
from tests.bot.ingest.test_ingest import NOW, _ingest, _llm_ingest
from tests.conftest import count_rows


def said(speaker: str, actor: str, quote: str) -> dict[str, Any]:
    """One model candidate on the ceasefire."""
    return {
        "speaker": speaker,
        "actor": actor,
        "topic": "ceasefire",
        "stance": "opposes",
        "conditions": [],
        "summary": "",
        "quote": quote,
    }


TRUMPS = "It’s not going to happen. We’ll make sure it doesn’t happen,"
SWAPPED = said("Putin", "Vladimir Putin", TRUMPS)
RIGHT = said("Putin", "Vladimir Putin", "There are issues that we need to discuss.")
# Nobody is credited with “serious discussions”; Lukashenko is not named anywhere near them.
UNNAMED = said("Alexander Lukashenko", "Alexander Lukashenko", "serious discussions")
WITKOFF = said("Steve Witkoff", "Steve Witkoff", "serious discussions")  # named beside them
UTC = ZoneInfo("UTC")
OTHER = "the article gives these words to Donald Trump, not Vladimir Putin"


def _by_quote(report: Any) -> dict[str, int]:
    return {p.quotes[0]: p.id for p in report.candidates}


def test_a_swapped_speaker_is_stored_with_its_problem_and_a_right_one_has_none(
    engine: Engine,
) -> None:
    report = _llm_ingest(engine, [SWAPPED, RIGHT, UNNAMED])
    ids = _by_quote(report)
    swapped, right, unnamed = (ids[c["quote"].strip("“”")] for c in (SWAPPED, RIGHT, UNNAMED))
    assert report.problems == {
        swapped: [OTHER],
        unnamed: ["the article does not name Alexander Lukashenko near these words"],
    }
    with Session(engine) as session:
        rows = {(r.position_id, r.kind, r.message) for r in session.exec(select(CandidateProblem))}
        assert problems_of(session, [swapped, right, unnamed]) == report.problems
    assert rows == {
        (swapped, "other_speaker", OTHER),
        (unnamed, "speaker_not_named", report.problems[unnamed][0]),
    }
    assert right not in report.problems


def test_a_speaker_named_beside_words_nobody_is_credited_with_passes(engine: Engine) -> None:
    report = _llm_ingest(engine, [WITKOFF])
    assert [p.quotes[0] for p in report.candidates] == ["serious discussions"]
    assert report.problems == {}


def test_the_offline_extractors_candidates_are_not_locked_again(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_lock(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the speaker lock ran")

    monkeypatch.setattr(bot.ingest.candidates.propose, "speaker_lock", no_lock)
    report = _ingest(engine)
    assert report.candidates
    assert report.problems == {}
    assert count_rows(engine, CandidateProblem) == 0
    with pytest.raises(AssertionError, match="the speaker lock ran"):
        _llm_ingest(engine, [RIGHT])  # the LLM path does run it


@pytest.mark.parametrize(
    "change",
    [{}, {"stance": Stance.SUPPORTS}, {"topic": "ceasefire"}, {"stated_at": NOW}],
    ids=["as-is", "as-stance", "on-topic", "stated"],
)
def test_a_candidate_with_a_problem_is_refused_on_confirm(
    engine: Engine, change: dict[str, Any]
) -> None:
    [candidate] = _llm_ingest(engine, [SWAPPED]).candidates
    with unit_of_work(engine) as session, pytest.raises(UserError) as refused:
        review_candidate(
            session, position_id=candidate.id, confirm=True, user="U0REPORTER", **change
        )
    assert (
        refused.value.message == f"Candidate #{candidate.id} can't be confirmed as it is: {OTHER}."
    )
    assert refused.value.hint == (
        f"Try: edit #{candidate.id} to choose the speaker, or discard {candidate.id}"
    )
    with Session(engine) as session:
        still = session.get(Position, candidate.id)
        assert still is not None
        assert still.status == PositionStatus.PROPOSED
    with unit_of_work(engine) as session:  # discarding it is allowed
        review_candidate(session, position_id=candidate.id, confirm=False, user="U0REPORTER")


def test_editing_it_to_the_right_speaker_records_a_statement_without_the_problem(
    engine: Engine,
) -> None:
    [candidate] = _llm_ingest(engine, [SWAPPED]).candidates
    assert candidate.id is not None
    with unit_of_work(engine) as session:
        form = candidate_form(session, position_id=candidate.id, zone=UTC)
        assert form.actor == "Vladimir Putin"
        edited = replace_candidate_with_form(
            session,
            candidate_id=candidate.id,
            form=replace(form, actor="Donald Trump"),
            user="U0REPORTER",
            zone=UTC,
            now=NOW,
        )
        assert edited.id is not None
        assert problems_of(session, [edited.id, candidate.id]) == {candidate.id: [OTHER]}
    with Session(engine) as session:
        old = session.get(Position, candidate.id)
        assert old is not None
        assert old.status == PositionStatus.RETRACTED
        new = session.get(Position, edited.id)
        assert new is not None
        assert new.quotes == old.quotes
        assert new.actor_id != old.actor_id
