"""Merge one actor (or topic) into another without rewriting history.

Each live position of the merged one is recorded again on the target (same words, date,
source, recorder and status) and the original is retracted as "merged", pointing at its copy.
Aliases move, the merged name becomes an alias, and `merged_into_id` marks the old row.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, delete, or_, select

from bot.alerts import move_follows
from bot.catalog.aliases import NameKind, kind_of
from bot.catalog.creation import add_aliases
from bot.catalog.names import Named
from bot.errors import BadCommand, DuplicateStatement
from bot.grammar import stated_conditions
from bot.positions import record_statement
from store import (
    ActorTopic,
    AuditEvent,
    DigestSchedule,
    Position,
    PositionRetraction,
    PositionStatus,
)


@dataclass(frozen=True)
class MergeDone:
    """What a merge did: names, and each old position id with the id that now holds it."""

    kind: str
    source: str
    target: str
    moved: tuple[tuple[int, int], ...]
    aliases: int


def merge(
    session: Session,
    *,
    kind: str,
    source: str,
    target: str,
    user: str,
    now: datetime,
    request_id: str | None,
) -> MergeDone:
    """Merge `source` into `target` in the caller's transaction (all of it or none)."""
    names = kind_of(kind)
    old = names.resolve(session, source)
    new = names.resolve(session, target)
    if old.id == new.id:
        raise BadCommand(
            f"“{source}” and “{target}” both name {new.name}; there is nothing to merge.",
            hint=f"Try: merge {'topic ' if kind == 'topic' else ''}<the other name> into {target}",
        )
    moved = [
        (position.id, _move(session, names, position, old_id=old.id, new=new, user=user, now=now))
        for position in _live_positions(session, names, old.id)
        if position.id is not None
    ]
    aliases = _move_aliases(session, names, old=old, new=new)
    row = session.get(names.table, old.id)
    assert row is not None
    row.merged_into_id = new.id
    move_follows(session, kind=kind, old_id=old.id, new_id=new.id)
    if kind == "actor":
        session.exec(delete(ActorTopic).where(col(ActorTopic.actor_id) == old.id))
    else:
        session.exec(delete(ActorTopic).where(col(ActorTopic.topic_id) == old.id))
        _follow_new_topic(session, old_id=old.id, new_id=new.id)
    session.add(
        AuditEvent(
            user=user,
            action=f"{kind}.merged",
            subject=kind,
            subject_id=old.id,
            request_id=request_id,
            detail={
                "into": new.id,
                "into_name": new.name,
                "positions": [{"from": a, "to": b} for a, b in moved],
            },
        )
    )
    for original, copy in moved:
        session.add(
            AuditEvent(
                user=user,
                action="position.merged",
                subject="position",
                subject_id=original,
                request_id=request_id,
                detail={"replaced_by": copy, kind: new.id},
            )
        )
    session.flush()
    return MergeDone(
        kind=kind, source=old.name, target=new.name, moved=tuple(moved), aliases=aliases
    )


def _live_positions(session: Session, names: NameKind, owner_id: int) -> list[Position]:
    if names.label == "actor":
        mine = or_(col(Position.actor_id) == owner_id, col(Position.speaker_id) == owner_id)
    else:
        mine = col(Position.topic_id) == owner_id
    # Oldest first, so each copy supersedes the copy before it on the target.
    return list(
        session.exec(
            select(Position)
            .where(mine, Position.status != PositionStatus.RETRACTED)
            .order_by(col(Position.stated_at), col(Position.id))
        ).all()
    )


def _move(
    session: Session,
    names: NameKind,
    position: Position,
    *,
    old_id: int,
    new: Named,
    user: str,
    now: datetime,
) -> int:
    """Record `position` again on `new`, retract the original; the id that now holds it."""
    actor_id, topic_id, speaker_id = position.actor_id, position.topic_id, position.speaker_id
    if names.label == "actor":
        actor_id = new.id if actor_id == old_id else actor_id
        speaker_id = new.id if speaker_id == old_id else speaker_id
    else:
        topic_id = new.id
    status = position.status
    # Retracted first: the copy may carry the same dedupe key (a speaker-only move).
    position.status = PositionStatus.RETRACTED
    session.flush()
    try:
        copy = record_statement(
            session,
            actor_id=actor_id,
            topic_id=topic_id,
            stance=position.stance,
            quotes=position.quotes,
            recorded_by=position.recorded_by,
            stated_at=position.stated_at,
            summary=position.summary,
            conditions=stated_conditions(position.conditions, stated=position.conditions_stated),
            source_id=position.source_id,
            speaker_id=speaker_id,
            status=status,
        )
        replaced_by = copy.id
    except DuplicateStatement as duplicate:
        replaced_by = duplicate.position_id
    assert replaced_by is not None
    assert position.id is not None
    session.add(
        PositionRetraction(
            position_id=position.id,
            at=now,
            by=user,
            reason=f"merged into {new.name}",
            kind="merged",
            replaced_by_id=replaced_by,
        )
    )
    return replaced_by


def _move_aliases(session: Session, names: NameKind, *, old: Named, new: Named) -> int:
    """The merged one's names (its own included) become the target's; how many were new."""
    owner = getattr(names.alias_table, names.owner)
    rows = list(session.exec(select(names.alias_table).where(owner == old.id)).all())
    typed = [old.name, *(row.alias for row in rows)]
    for row in rows:
        session.delete(row)
    session.flush()
    return add_aliases(
        session, alias_table=names.alias_table, owner=names.owner, owner_id=new.id, aliases=typed
    )


def _follow_new_topic(session: Session, *, old_id: int, new_id: int) -> None:
    """Digests that followed the merged topic follow the one it became."""
    for schedule in session.exec(select(DigestSchedule)).all():
        if old_id in schedule.topics:
            topics = [new_id if t == old_id else t for t in schedule.topics]
            schedule.topics = list(dict.fromkeys(topics))
