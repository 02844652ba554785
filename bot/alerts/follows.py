"""Who follows what: per workspace, channel (for the channel) or user (their DM with the bot)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, col, select

from bot.catalog import Named, resolve_actor, resolve_topic
from bot.errors import UnknownName
from store import LOCAL_TEAM, Actor, AuditEvent, Follow, Topic


@dataclass(frozen=True)
class Follower:
    """Where alerts go: a channel, or a person (their DM with the bot; the shell's user)."""

    team_id: str
    target: str
    kind: str  # "channel" or "user"


@dataclass(frozen=True)
class Followed:
    """What a follow names, resolved: an actor, a topic, or both (an actor on a topic)."""

    actor: Named | None
    topic: Named | None

    @property
    def subject(self) -> str:
        """The follow's key: a place follows each thing once."""
        return subject_of(
            actor_id=self.actor.id if self.actor else None,
            topic_id=self.topic.id if self.topic else None,
        )

    @property
    def label(self) -> str:
        """How lists and replies name it (see `label_of`)."""
        return label_of(
            actor=self.actor.name if self.actor else None,
            topic=self.topic.name if self.topic else None,
        )


def label_of(*, actor: str | None, topic: str | None) -> str:
    """'Vladimir Putin', 'topic US ceasefire proposal' or 'Vladimir Putin on US ceasefire …'."""
    if actor and topic:
        return f"{actor} on {topic}"
    return actor or f"topic {topic or ''}"


def subject_of(*, actor_id: int | None, topic_id: int | None) -> str:
    """A follow's key: "actor:3", "topic:5" or "pair:3:5"."""
    if actor_id is not None and topic_id is not None:
        return f"pair:{actor_id}:{topic_id}"
    return f"actor:{actor_id}" if actor_id is not None else f"topic:{topic_id or 0}"


@dataclass(frozen=True)
class FollowView:
    """One follow as lists show it."""

    id: int
    label: str
    actor_id: int | None
    topic_id: int | None
    created_by: str
    created_at: datetime


def follower_of(*, team_id: str | None, channel_id: str | None, user: str) -> Follower:
    """Who a command's follows belong to: the channel, or the person in a DM or the shell."""
    if channel_id is None:
        return Follower(team_id=team_id or LOCAL_TEAM, target=user, kind="user")
    if channel_id.startswith("D"):
        return Follower(team_id=team_id or "", target=user, kind="user")
    return Follower(team_id=team_id or "", target=channel_id, kind="channel")


def resolve_followed(session: Session, *, actor: str, topic: str) -> Followed:
    """The actor, topic or pair typed. A lone word that names no actor but a topic is the topic."""
    if actor and topic:
        return Followed(resolve_actor(session, query=actor), resolve_topic(session, query=topic))
    if topic:
        return Followed(None, resolve_topic(session, query=topic))
    try:
        return Followed(resolve_actor(session, query=actor), None)
    except UnknownName as no_actor:
        try:
            return Followed(None, resolve_topic(session, query=actor))
        except UnknownName:
            raise no_actor from None


def add_follow(
    session: Session,
    *,
    follower: Follower,
    followed: Followed,
    user: str,
    now: datetime,
    request_id: str | None = None,
) -> bool:
    """Follow; False when this place already follows it (nothing changes)."""
    if _find(session, follower, followed.subject) is not None:
        return False
    follow = Follow(
        team_id=follower.team_id,
        target=follower.target,
        target_kind=follower.kind,
        subject=followed.subject,
        actor_id=followed.actor.id if followed.actor else None,
        topic_id=followed.topic.id if followed.topic else None,
        created_by=user,
        created_at=now,
    )
    session.add(follow)
    session.flush()
    _audit(session, "follow.added", follow, followed.label, user, now, request_id)
    return True


def remove_follows(
    session: Session,
    *,
    follower: Follower,
    followed: Followed | None,
    user: str,
    now: datetime,
    request_id: str | None = None,
) -> list[str]:
    """Unfollow one thing (or everything, when `followed` is None); the labels removed."""
    if followed is not None:
        found = _find(session, follower, followed.subject)
        rows = [found] if found is not None else []
    else:
        rows = list(session.exec(_of(follower).order_by(col(Follow.id))).all())
    labels = _labels(session, rows)
    for follow in rows:
        _audit(session, "follow.removed", follow, labels[follow.id or 0], user, now, request_id)
        session.delete(follow)
    session.flush()
    return [labels[f.id or 0] for f in rows]


def follows_of(session: Session, *, follower: Follower) -> list[FollowView]:
    """What a place follows, oldest first."""
    rows = list(session.exec(_of(follower).order_by(col(Follow.id))).all())
    labels = _labels(session, rows)
    return [
        FollowView(
            id=f.id or 0,
            label=labels[f.id or 0],
            actor_id=f.actor_id,
            topic_id=f.topic_id,
            created_by=f.created_by,
            created_at=f.created_at,
        )
        for f in rows
    ]


def followers_of(
    session: Session, *, actor_id: int, topic_id: int, only: Follower | None = None
) -> list[Follower]:
    """Every place following this actor, this topic or this pair (or what was merged into
    them); with `only`, just that place if it does (a sender checking one follower)."""
    actors = [actor_id, *_merged_into(session, Actor, actor_id)]
    topics = [topic_id, *_merged_into(session, Topic, topic_id)]
    actor_matches = col(Follow.actor_id).in_(actors)
    topic_matches = col(Follow.topic_id).in_(topics)
    query = select(Follow.team_id, Follow.target, Follow.target_kind).where(
        or_(
            actor_matches & col(Follow.topic_id).is_(None),
            topic_matches & col(Follow.actor_id).is_(None),
            actor_matches & topic_matches,
        )
    )
    if only is not None:
        query = query.where(Follow.team_id == only.team_id, Follow.target == only.target)
    rows = session.exec(query).all()
    return sorted({Follower(team, target, kind) for team, target, kind in rows}, key=str)


def move_follows(session: Session, *, kind: str, old_id: int, new_id: int) -> int:
    """After a merge, follows of the merged actor or topic follow the one it became (a place
    that already followed that keeps one follow); how many moved."""
    column = Follow.actor_id if kind == "actor" else Follow.topic_id
    moved = 0
    for follow in session.exec(select(Follow).where(column == old_id)).all():
        actor_id = new_id if kind == "actor" else follow.actor_id
        topic_id = new_id if kind == "topic" else follow.topic_id
        subject = subject_of(actor_id=actor_id, topic_id=topic_id)
        place = Follower(follow.team_id, follow.target, follow.target_kind)
        if _find(session, place, subject) is not None:
            session.delete(follow)
            continue
        follow.actor_id, follow.topic_id, follow.subject = actor_id, topic_id, subject
        session.add(follow)
        moved += 1
    session.flush()
    return moved


def _merged_into(session: Session, table: type[Actor] | type[Topic], owner: int) -> list[int]:
    rows = session.exec(select(table.id).where(table.merged_into_id == owner)).all()
    return [row for row in rows if row is not None]


def _of(follower: Follower):  # type: ignore[no-untyped-def]
    return select(Follow).where(
        Follow.team_id == follower.team_id, Follow.target == follower.target
    )


def _find(session: Session, follower: Follower, subject: str) -> Follow | None:
    return session.exec(_of(follower).where(Follow.subject == subject)).first()


def _labels(session: Session, rows: Sequence[Follow]) -> dict[int, str]:
    actor_ids = {f.actor_id for f in rows if f.actor_id is not None}
    topic_ids = {f.topic_id for f in rows if f.topic_id is not None}
    actors = dict(
        session.exec(select(Actor.id, Actor.name).where(col(Actor.id).in_(actor_ids))).all()
    )
    topics = dict(
        session.exec(select(Topic.id, Topic.name).where(col(Topic.id).in_(topic_ids))).all()
    )
    return {
        f.id or 0: label_of(actor=actors.get(f.actor_id), topic=topics.get(f.topic_id))
        for f in rows
    }


def _audit(
    session: Session,
    action: str,
    follow: Follow,
    label: str,
    user: str,
    now: datetime,
    request_id: str | None,
) -> None:
    session.add(
        AuditEvent(
            at=now,
            user=user,
            action=action,
            subject="follow",
            subject_id=follow.id,
            request_id=request_id,
            detail={"team": follow.team_id, "target": follow.target, "follows": label},
        )
    )
