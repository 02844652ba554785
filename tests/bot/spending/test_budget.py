"""The model budget in the database: reserved before each call, counted across threads,
engines and replicas, each person's rate, tokens settled after, unused calls given back."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.settings import Settings
from bot.spending import BudgetUsedUp, RateReached, Spend, usage_today
from store import LLMCall, LLMUsage, make_engine, utcnow


def limits(db_url: str, **values: object) -> Settings:
    return Settings(_env_file=None, database_url=db_url, **values)  # type: ignore[call-arg]


def spend(engine: Engine, settings: Settings, user: str | None = "U1") -> Spend:
    return Spend(engine=engine, settings=settings, user=user, purpose="summary", hint="Try: …")


def usage(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        row = session.exec(select(LLMUsage)).one()
        return row.calls, row.tokens


def race(engines: list[Engine], settings: Settings, attempts: int) -> list[str]:
    """`attempts` reservations at once, spread over `engines`; what each got."""
    start, results, lock = threading.Barrier(attempts), [], threading.Lock()

    def attempt(number: int) -> None:
        meter = spend(engines[number % len(engines)], settings, user=f"U{number}")
        start.wait()
        try:
            with meter.held():
                meter.reserve()
                meter.settle(tokens=10)
            outcome = "made"
        except BudgetUsedUp:
            outcome = "refused"
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_thirty_at_once_make_only_the_budgeted_calls(engine: Engine, db_url: str) -> None:
    settings = limits(db_url, llm_calls_per_day=5, drafts_per_person=0)
    results = race([engine], settings, attempts=30)
    assert results.count("made") == 5
    assert results.count("refused") == 25
    assert usage(engine) == (5, 50)


def test_two_engines_on_one_database_count_together(engine: Engine, db_url: str) -> None:
    other = make_engine(db_url)  # as a second replica would open it
    try:
        settings = limits(db_url, llm_calls_per_day=7, drafts_per_person=0)
        results = race([engine, other], settings, attempts=24)
    finally:
        other.dispose()
    assert results.count("made") == 7
    assert usage(engine) == (7, 70)


def test_the_refusal_says_the_budget_is_used_up_and_the_offline_drafter_remains(
    engine: Engine, db_url: str
) -> None:
    settings = limits(db_url, llm_calls_per_day=1, tz="Europe/Berlin")
    with spend(engine, settings).held():
        pass  # held and given back: not spent
    assert usage(engine) == (0, 0)
    first = spend(engine, settings)
    with first.held():
        first.reserve()
        first.settle(tokens=321)
    with pytest.raises(BudgetUsedUp) as refused:
        spend(engine, settings, user="U2").hold()
    assert refused.value.message == (
        "The desk's drafting budget for today is used up; the offline drafter is still available."
    )
    assert "1 model calls a day" in refused.value.hint
    assert "midnight (Europe/Berlin)" in refused.value.hint
    assert usage(engine) == (1, 321)
    calls = usage_today(engine=engine, zone=settings.zone, now=utcnow())
    assert (calls.calls, calls.tokens) == (1, 321)


def test_a_token_budget_stops_the_calls_after_the_one_that_crossed_it(
    engine: Engine, db_url: str
) -> None:
    settings = limits(db_url, llm_calls_per_day=0, llm_tokens_per_day=1000)
    for tokens in (600, 600):  # the second starts under the budget and crosses it
        meter = spend(engine, settings)
        with meter.held():
            meter.reserve()
            meter.settle(tokens=tokens)
    with pytest.raises(BudgetUsedUp) as refused:
        spend(engine, settings).hold()
    assert "1,000 tokens a day, 1,200 used" in refused.value.hint


def test_each_person_starts_at_most_their_rate_and_is_told_when_it_frees(
    engine: Engine, db_url: str
) -> None:
    settings = limits(db_url, llm_calls_per_day=0, drafts_per_person=2, draft_rate_minutes=10)
    for _ in range(2):
        meter = spend(engine, settings, user="U0REPORTER")
        with meter.held():
            meter.reserve()
    with pytest.raises(RateReached) as refused:
        spend(engine, settings, user="U0REPORTER").hold()
    with Session(engine) as session:
        first = min(c.at for c in session.exec(select(LLMCall)).all())
    assert refused.value.frees_at == first + timedelta(minutes=10)
    assert f"frees up at {refused.value.frees_at:%H:%M} (UTC)" in refused.value.message
    assert "You've started 2 language-model drafts in the last 10 minutes" in (
        refused.value.message
    )
    # The refusal spent nothing, and someone else may still start one.
    assert usage(engine)[0] == 2
    spend(engine, settings, user="U0EDITOR").hold()
    assert usage(engine)[0] == 3


def test_the_scheduler_has_no_personal_rate(engine: Engine, db_url: str) -> None:
    settings = limits(db_url, llm_calls_per_day=0, drafts_per_person=1)
    meter = spend(engine, settings, user=None)
    assert meter.hold(3) == 3
    meter.close()  # none made: all three given back
    assert usage(engine)[0] == 0
