"""What one request may spend on the language model, counted in the database.

Calls are reserved before the work that makes them, outside any unit of work, and settled
(their tokens added, the unused given back) after it: during the work the meter never touches
the database, which on SQLite holds one write lock for the whole file. So replicas count
together and a call in flight already counts. A reservation is one short transaction:

1. an upsert adds the call to the workspace's day (`llm_usage`), but only while the day's calls
   and tokens are under the budget (`ON CONFLICT … DO UPDATE … WHERE`, on SQLite and
   PostgreSQL alike). It also takes the day row's lock (SQLite: the write lock), so the
   reservations of one workspace run one after another from here to the commit;
2. the person's calls in the rate window are counted (`llm_call`); at the limit the whole
   transaction rolls back, the upsert's call included;
3. the call is logged for the person.

A token budget is checked before each call: the call that crosses it still finishes.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, and_, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from bot.llm import SpendRefused
from bot.settings import Settings
from store import LLMCall, LLMUsage, current_tenant, utcnow

KEEP_CALLS = timedelta(days=2)  # a person's log rows older than this (and the window) go
_USAGE = cast(Table, LLMUsage.__table__)  # type: ignore[attr-defined]


class BudgetUsedUp(SpendRefused):
    """The workspace's model calls (or tokens) for today are used up."""


class RateReached(SpendRefused):
    """The person started as many model calls as the window allows; `frees_at` says when
    the next one may start."""

    def __init__(self, message: str, *, hint: str, frees_at: datetime) -> None:
        super().__init__(message, hint=hint)
        self.frees_at = frees_at


@dataclass(frozen=True)
class _Ticket:
    call_id: int
    day: date
    tokens: int = 0


class Spend:
    """A request's meter (bot.llm.Meter): the workspace's day, and the person's rate.

    `user` None is no person (a digest, the command line): only the workspace's budget
    applies. `fallback` names what still works without the model ("offline drafter"), `hint`
    how to use it.
    """

    def __init__(
        self,
        *,
        engine: Engine,
        settings: Settings,
        user: str | None,
        purpose: str,
        fallback: str = "offline drafter",
        hint: str = "",
        now: datetime | None = None,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.user = user
        self.purpose = purpose
        self.fallback = fallback
        self.hint = hint
        self.tenant = current_tenant()
        self._now = now
        self._held: list[_Ticket] = []
        self._made: list[_Ticket] = []

    @contextmanager
    def held(self, calls: int = 1) -> Iterator["Spend"]:
        """Reserve up to `calls` calls for the work inside (SpendRefused when none is allowed);
        afterwards the calls made are settled and the others given back (`close`)."""
        self.hold(calls)
        try:
            yield self
        finally:
            self.close()

    def hold(self, calls: int = 1) -> int:
        """Reserve up to `calls` calls now, before the work that makes them; how many were.
        SpendRefused when not even one is allowed."""
        for held in range(calls):
            try:
                self._held.append(self._reserve())
            except SpendRefused:
                if held == 0:
                    raise
                return held
        return calls

    def reserve(self) -> None:
        """A call is about to be made, on a held reservation. Never the database here: the call
        may be made inside a unit of work, which on SQLite holds the only write lock."""
        if not self._held:
            raise BudgetUsedUp(
                f"The desk's drafting budget for today is used up; the {self.fallback} is "
                "still available.",
                hint=self.hint,
            )
        self._made.append(self._held.pop())

    def settle(self, *, tokens: int) -> None:
        """The call was made and used `tokens` (written at `close`)."""
        if self._made:
            self._made[-1] = replace(self._made[-1], tokens=tokens)

    def close(self) -> None:
        """Add the tokens of the calls made to the day, and give back the calls never made."""
        made, held = self._made, self._held
        self._made, self._held = [], []
        if not made and not held:
            return
        with self.engine.begin() as conn:
            for ticket in made:
                conn.execute(
                    update(LLMUsage)
                    .where(col(LLMUsage.tenant_id) == self.tenant, col(LLMUsage.day) == ticket.day)
                    .values(tokens=col(LLMUsage.tokens) + ticket.tokens)
                )
                conn.execute(
                    update(LLMCall)
                    .where(col(LLMCall.id) == ticket.call_id)
                    .values(tokens=ticket.tokens)
                )
            for ticket in held:
                conn.execute(
                    update(LLMUsage)
                    .where(col(LLMUsage.tenant_id) == self.tenant, col(LLMUsage.day) == ticket.day)
                    .values(calls=col(LLMUsage.calls) - 1)
                )
                conn.execute(delete(LLMCall).where(col(LLMCall.id) == ticket.call_id))

    def _reserve(self) -> _Ticket:
        settings, now = self.settings, self._now or utcnow()
        day = now.astimezone(settings.zone).date()
        with self.engine.begin() as conn:
            # RETURNING, not rowcount: PostgreSQL's insert is given RETURNING anyway, and
            # psycopg's rowcount then counts the conflicting row the WHERE left alone.
            if conn.execute(self._count_call(conn, day)).first() is None:
                raise self._used_up(conn, day)
            if self.user is not None:
                self._check_rate(conn, now)
                conn.execute(
                    delete(LLMCall).where(
                        col(LLMCall.tenant_id) == self.tenant,
                        col(LLMCall.user_id) == self.user,
                        col(LLMCall.at) < now - max(KEEP_CALLS, self._window),
                    )
                )
            call_id = conn.execute(
                insert(LLMCall)
                .values(
                    tenant_id=self.tenant,
                    user_id=self.user or f"({self.purpose})",  # the scheduler, the CLI
                    purpose=self.purpose,
                    at=now,
                    tokens=0,
                )
                .returning(col(LLMCall.id))
            ).scalar_one()
        assert call_id is not None  # the row was just inserted
        return _Ticket(call_id=call_id, day=day)

    @property
    def _window(self) -> timedelta:
        return timedelta(minutes=self.settings.draft_rate_minutes)

    def _count_call(self, conn: Connection, day: date) -> Any:
        """One more call on the day, only while the day is under its budget."""
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(_USAGE).values(tenant_id=self.tenant, day=day, calls=1, tokens=0)
        limits = []
        if self.settings.llm_calls_per_day:
            limits.append(_USAGE.c.calls < self.settings.llm_calls_per_day)
        if self.settings.llm_tokens_per_day:
            limits.append(_USAGE.c.tokens < self.settings.llm_tokens_per_day)
        return statement.on_conflict_do_update(
            index_elements=[_USAGE.c.tenant_id, _USAGE.c.day],
            set_={"calls": _USAGE.c.calls + 1},
            where=and_(*limits) if limits else None,
        ).returning(_USAGE.c.calls)

    def _used_up(self, conn: Connection, day: date) -> BudgetUsedUp:
        calls, tokens = conn.execute(
            select(col(LLMUsage.calls), col(LLMUsage.tokens)).where(
                col(LLMUsage.tenant_id) == self.tenant, col(LLMUsage.day) == day
            )
        ).one()
        limit = self.settings.llm_calls_per_day
        if limit and calls >= limit:
            budget = f"{limit:,} model calls a day"
        else:
            budget = f"{self.settings.llm_tokens_per_day:,} tokens a day, {tokens:,} used"
        return BudgetUsedUp(
            f"The desk's drafting budget for today is used up; the {self.fallback} is still "
            "available.",
            hint=f"{self.hint} The budget ({budget}) starts again at midnight "
            f"({self.settings.tz}).".strip(),
        )

    def _check_rate(self, conn: Connection, now: datetime) -> None:
        limit = self.settings.drafts_per_person
        if not limit:
            return
        count, oldest = conn.execute(
            select(func.count(), func.min(col(LLMCall.at))).where(
                col(LLMCall.tenant_id) == self.tenant,
                col(LLMCall.user_id) == self.user,
                col(LLMCall.at) > now - self._window,
            )
        ).one()
        if count < limit:
            return
        frees_at = oldest + self._window
        local = frees_at.astimezone(self.settings.zone)
        minutes = max(1, round((frees_at - now).total_seconds() / 60))
        raise RateReached(
            f"You've started {count} language-model drafts in the last "
            f"{_minutes(self.settings.draft_rate_minutes)}, the most one person may; the next "
            f"frees up at {local:%H:%M} ({self.settings.tz}), in {_minutes(minutes)}. The "
            f"{self.fallback} is still available.",
            hint=self.hint,
            frees_at=frees_at,
        )


def _minutes(number: int) -> str:
    return "a minute" if number == 1 else f"{number} minutes"
