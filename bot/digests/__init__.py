"""Digests: when each channel's digest is due, claiming a run exactly once, and what goes in it."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.digests.content import fact_checks, fact_lines, run_facts
    from bot.digests.runs import (
        GRACE,
        changes_since,
        claim,
        digest_window_start,
        fact_claims,
        missed_before,
        overview,
        plan,
        topic_changes,
    )
    from bot.digests.schedule import cron_trigger, next_slot
    from bot.digests.times import parse_days, parse_time, read_zone
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "GRACE",
    "changes_since",
    "claim",
    "cron_trigger",
    "digest_window_start",
    "fact_checks",
    "fact_claims",
    "fact_lines",
    "missed_before",
    "next_slot",
    "overview",
    "parse_days",
    "parse_time",
    "plan",
    "read_zone",
    "run_facts",
    "topic_changes",
]
