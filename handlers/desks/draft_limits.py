"""The model's part of a request: within the workspace's budget and the person's rate, and one
summary per topic and place at a time (see bot.spending)."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import Engine

from bot.llm import LLM, SpendRefused
from bot.settings import Settings
from bot.spending import Spend, Writing, finish_writing, start_writing
from store import utcnow

log = logging.getLogger(__name__)
# Beyond the model's own timeout and retries: a summary still being checked and stored.
WRITING_MARGIN = timedelta(seconds=60)


@contextmanager
def model_for(
    llm: LLM | None,
    *,
    engine: Engine,
    settings: Settings,
    user: str | None,
    purpose: str,
    fallback: str,
    hint: str,
) -> Iterator[LLM | None]:
    """The model for one request with its call reserved now, before any work (SpendRefused
    when the budget or the rate allows none); a call never made is given back. None when no
    model is configured (or the offline writer was asked for)."""
    if llm is None:
        yield None
        return
    spend = Spend(
        engine=engine,
        settings=settings,
        user=user,
        purpose=purpose,
        fallback=fallback,
        hint=hint,
    )
    with spend.held():
        yield llm.metered(spend)


@contextmanager
def scheduler_model(
    llm: LLM | None, *, engine: Engine, settings: Settings, calls: int
) -> Iterator[LLM | None]:
    """The model for digests: up to `calls` narratives reserved now, within the workspace's
    budget (no person's rate); None when not one is allowed, and the digests go offline."""
    if llm is None or calls < 1:
        yield None
        return
    spend = Spend(engine=engine, settings=settings, user=None, purpose="digest")
    try:
        spend.hold(calls)
    except SpendRefused:
        log.warning("digests: the model budget is used up; the offline drafter writes them")
        yield None
        return
    try:
        yield llm.metered(spend)
    finally:
        spend.close()


@contextmanager
def one_writer(
    engine: Engine, *, settings: Settings, topic_id: int, place: str, user: str
) -> Iterator[Writing]:
    """The claim on writing a summary of `topic_id` for `place`: ours (released when the block
    ends), or the one another request holds. On the wall clock, not the request's `now` (which
    a test may fix): it is about requests running at the same time."""
    tries = settings.llm_retries + 1
    ttl = timedelta(seconds=settings.llm_timeout * tries) + WRITING_MARGIN
    writing = start_writing(
        engine=engine, topic_id=topic_id, place=place, user=user, now=utcnow(), ttl=ttl
    )
    try:
        yield writing
    finally:
        finish_writing(engine=engine, writing=writing)
