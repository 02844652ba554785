"""Summaries the model is writing now: one per topic and place, however many ask.

Claimed by inserting a row that the unique (tenant, topic, place) lets in once, before the
model is called, on whichever replica; a second request finds it and points to it. The row
goes when the draft is written (or fails). One left by a process that died is taken over once
it expires (the model's timeout and retries, and a margin).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from store import DraftWriting, current_tenant

_TRIES = 3  # a stale row taken away between our insert and our read: look again


@dataclass(frozen=True)
class Writing:
    """A summary being written: ours (`mine`), or another request's we point to."""

    id: int | None
    requested_by: str
    started_at: datetime
    mine: bool


def start_writing(
    *, engine: Engine, topic_id: int, place: str, user: str, now: datetime, ttl: timedelta
) -> Writing:
    """Claim the writing of a summary of `topic_id` for `place`, or the claim already made."""
    tenant = current_tenant()
    for _ in range(_TRIES):
        try:
            with engine.begin() as conn:
                claimed = conn.execute(
                    insert(DraftWriting)
                    .values(
                        tenant_id=tenant,
                        topic_id=topic_id,
                        place=place,
                        requested_by=user,
                        started_at=now,
                        expires_at=now + ttl,
                    )
                    .returning(col(DraftWriting.id))
                ).scalar_one()
            return Writing(id=claimed, requested_by=user, started_at=now, mine=True)
        except IntegrityError:
            pass
        with engine.begin() as conn:
            row = conn.execute(
                select(
                    col(DraftWriting.id),
                    col(DraftWriting.requested_by),
                    col(DraftWriting.started_at),
                    col(DraftWriting.expires_at),
                ).where(
                    col(DraftWriting.tenant_id) == tenant,
                    col(DraftWriting.topic_id) == topic_id,
                    col(DraftWriting.place) == place,
                )
            ).first()
            if row is None:
                continue  # it was finished meanwhile: claim it again
            if row.expires_at > now:
                return Writing(
                    id=row.id, requested_by=row.requested_by, started_at=row.started_at, mine=False
                )
            # Its writer died mid-draft: whoever deletes it first takes it over.
            conn.execute(
                delete(DraftWriting).where(
                    col(DraftWriting.id) == row.id, col(DraftWriting.expires_at) <= now
                )
            )
    return Writing(id=None, requested_by=user, started_at=now, mine=False)


def finish_writing(*, engine: Engine, writing: Writing) -> None:
    """The summary is written (or failed): the next request may start another."""
    if not writing.mine or writing.id is None:
        return
    with engine.begin() as conn:
        conn.execute(delete(DraftWriting).where(col(DraftWriting.id) == writing.id))
