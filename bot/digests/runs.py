"""Digest runs: which slots are due, claiming a slot exactly once, and the digest's content.

A slot is claimed by inserting its (schedule, slot) row; the unique constraint lets exactly
one of several schedulers (threads, processes, replicas) win, before any work is done.
After downtime only the latest slot inside the grace window runs; older ones are recorded
as missed and named in the next digest, so stale digests never pile up.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from bot import positions
from bot.digests.content import grouped
from bot.digests.schedule import slots_between
from bot.drafts import Claim, Evidence, offline_claim
from bot.positions import ChangeKind, PositionView
from bot.stances import LABELS
from bot.text import counted
from store import DigestRun, DigestSchedule, Position, PositionStatus

GRACE = timedelta(hours=1)
MAX_MISSED_RECORDED = 30


@dataclass(frozen=True)
class Plan:
    """For one schedule at one moment: the slot to run now (if any) and the missed ones."""

    run: datetime | None
    missed: list[datetime]


def plan(session: Session, schedule: DigestSchedule, *, now: datetime) -> Plan:
    """The slot due now (within GRACE) and the slots missed since the last recorded run."""
    assert schedule.id is not None
    last = session.exec(
        select(func.max(DigestRun.slot)).where(DigestRun.schedule_id == schedule.id)
    ).one()
    since = max(last, schedule.created_at) if last else schedule.created_at
    slots = slots_between(schedule, after=since, until=now)
    if not slots:
        return Plan(run=None, missed=[])
    if now - slots[-1] <= GRACE:
        return Plan(run=slots[-1], missed=slots[:-1][-MAX_MISSED_RECORDED:])
    return Plan(run=None, missed=slots[-MAX_MISSED_RECORDED:])


def claim(
    session: Session, *, schedule_id: int, slot: datetime, status: str, by: str
) -> DigestRun | None:
    """Insert the (schedule, slot) row; None when another scheduler already holds it."""
    run = DigestRun(schedule_id=schedule_id, slot=slot, status=status, claimed_by=by)
    try:
        with session.begin_nested():
            session.add(run)
    except IntegrityError:
        return None
    return run


def missed_before(session: Session, *, schedule_id: int, slot: datetime) -> list[datetime]:
    """Missed slots since the last digest that ran (named in this one)."""
    last_ran = session.exec(
        select(func.max(DigestRun.slot)).where(
            DigestRun.schedule_id == schedule_id,
            DigestRun.status != "missed",
            col(DigestRun.slot) < slot,
        )
    ).one()
    query = select(DigestRun.slot).where(
        DigestRun.schedule_id == schedule_id,
        DigestRun.status == "missed",
        col(DigestRun.slot) < slot,
    )
    if last_ran is not None:
        query = query.where(col(DigestRun.slot) > last_ran)
    return list(session.exec(query.order_by(col(DigestRun.slot))).all())


FIRST_DIGEST_REACH = timedelta(days=1)


def digest_window_start(schedule: DigestSchedule, *, now: datetime) -> datetime:
    """A digest covers everything since the last one posted; the first covers at least the
    last day (a schedule set up a minute ago would otherwise have nothing to show)."""
    if schedule.last_posted_at is not None:
        return schedule.last_posted_at
    return min(schedule.created_at, now - FIRST_DIGEST_REACH)


def changes_since(
    session: Session, *, topic_ids: list[int], since: datetime, until: datetime
) -> list[PositionView]:
    """Confirmed statements recorded in (since, until] on the followed topics (all if none),
    grouped by topic, shifts and condition changes first (`bot.digests.content.grouped`)."""
    return [
        view for _, view in topic_changes(session, topic_ids=topic_ids, since=since, until=until)
    ]


def topic_changes(
    session: Session, *, topic_ids: Iterable[int], since: datetime, until: datetime
) -> list[tuple[int, PositionView]]:
    """`changes_since`, each with its topic's id (a tick reads a window once for every topic
    set it builds; a view does not depend on which others are read with it)."""
    query = select(Position).where(
        Position.status == PositionStatus.CONFIRMED,
        col(Position.recorded_at) > since,
        col(Position.recorded_at) <= until,
    )
    if topic_ids := list(topic_ids):
        query = query.where(col(Position.topic_id).in_(topic_ids))
    order = (col(Position.topic_id), col(Position.recorded_at), col(Position.id))
    rows = session.exec(query.order_by(*order)).all()
    views = positions.views_of(session, rows)
    return grouped([(row.topic_id, view) for row, view in zip(rows, views, strict=True)])


def fact_claims(
    views: list[PositionView],
    *,
    evidence: Mapping[int, Evidence],
    actor_names: Mapping[str, Sequence[str]],
) -> list[Claim]:
    """The factual list, built from the store (never by the LLM): one checked claim a change."""
    claims = []
    for view in views:
        change = view.change
        if change.kind is ChangeKind.SHIFT and change.previous_stance is not None:
            before, after = LABELS[change.previous_stance], LABELS[view.stance]
            what = f"shifted from {before.lower()} to {after.lower()}"
        elif change.kind is ChangeKind.CONDITIONS:
            parts = [
                f"added {', '.join(change.added)}" if change.added else "",
                f"dropped {', '.join(change.dropped)}" if change.dropped else "",
            ]
            what = f"changed conditions ({' and '.join(p for p in parts if p)})"
        elif change.kind is ChangeKind.REMARK and change.previous_stance is not None:
            stays = LABELS[change.previous_stance].lower()
            what = f"made an unclear remark, not a shift (the stance stays {stays})"
        elif change.kind is ChangeKind.REMARK:
            what = "made an unclear remark (no clear stance recorded)"
        elif change.kind is ChangeKind.FIRST:
            what = f"first statement, {LABELS[view.stance].lower()}"
        else:
            what = f"restated, {LABELS[view.stance].lower()}"
        source = f"{view.outlet or 'no outlet recorded'}, {view.stated_at:%-d %b %Y}"
        lead = f"{view.actor} on {view.topic} {what} ({source})"
        claims.append(offline_claim(view, evidence=evidence, actor_names=actor_names, lead=lead))
    return claims


def overview(views: list[PositionView], *, since: datetime) -> str:
    """A line of counts from the store, for the digest's title (not a claim: no one's words)."""
    shifts = sum(v.change.kind is ChangeKind.SHIFT for v in views)
    conditions = sum(v.change.kind is ChangeKind.CONDITIONS for v in views)
    topics = len({v.topic for v in views})
    return (
        f"{counted(len(views), 'new statement')} on {counted(topics, 'topic')} since "
        f"{since:%-d %b %H:%M} UTC, {counted(shifts, 'shift')}, "
        f"{counted(conditions, 'condition change')}"
    )
