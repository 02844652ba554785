"""The project's own pool for slow work (Slack Web API calls, later LLM and fetches).

Bolt's listener pool (5 threads) also carries acks; anything slow goes here instead, so a
slow Slack or LLM can never delay an ack past Slack's 3 seconds.
"""

import contextvars
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)


class Worker:
    """A thread pool whose jobs log their own failures (with what they were doing)."""

    def __init__(self, *, max_workers: int) -> None:
        self._pool = ThreadPoolExecutor(
            max_workers=max_workers, thread_name_prefix="standpoint-work"
        )

    def submit(self, job: Callable[[], None], *, what: str) -> "Future[None]":
        """Run `job` in the background; an exception is logged, never lost silently."""

        def run() -> None:
            try:
                job()
            except Exception:
                log.exception("background job failed: %s", what)

        # The job runs as the newsroom that asked for it (store.tenancy's scope is a contextvar,
        # which a pool thread would not otherwise see).
        return self._pool.submit(contextvars.copy_context().run, run)

    def shutdown(self, *, wait: bool = True) -> None:
        """Finish queued jobs (if `wait`) and stop."""
        self._pool.shutdown(wait=wait)
