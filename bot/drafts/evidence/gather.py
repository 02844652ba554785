"""Evidence from the store: the positions a drafter was given, with every name they go by."""

from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session, col, select

from bot import positions
from bot.drafts.evidence.meaning.places import metonyms_for
from bot.drafts.evidence.model import Evidence
from bot.ingest import PLACEHOLDER
from store import Actor, ActorAlias, Position, Topic, TopicAlias


def gather(session: Session, *, position_ids: Iterable[int]) -> dict[int, Evidence]:
    """Evidence for each of `position_ids` that exists."""
    wanted = set(position_ids)
    if not wanted:
        return {}
    rows = session.exec(select(Position).where(col(Position.id).in_(wanted))).all()
    views = {v.id: v for v in positions.views_of(session, rows)}
    actor_ids = {r.actor_id for r in rows} | {r.speaker_id for r in rows if r.speaker_id}
    actors = actor_names(session, actor_ids=actor_ids)
    every_topic = session.exec(
        select(Topic.id).where(col(Topic.merged_into_id).is_(None), Topic.name != PLACEHOLDER)
    ).all()
    topics = _topic_names(session, {r.topic_id for r in rows} | {t for t in every_topic if t})
    described = {
        actor_id: about
        for actor_id, about in session.exec(
            select(Actor.id, Actor.description).where(col(Actor.id).in_(actor_ids))
        ).all()
    }
    # Per actor and per topic, not per position: a digest gathers 2,000 positions of 50 actors.
    places: dict[int, tuple[str, ...]] = {}
    others: dict[int, tuple[str, ...]] = {}
    found = {}
    for row in rows:
        view = views[row.id] if row.id is not None else None
        if view is None:
            continue
        speaker = actors.get(row.speaker_id or -1)
        if row.actor_id not in places:
            names = actors.get(row.actor_id, (view.actor,))
            places[row.actor_id] = tuple(
                sorted(metonyms_for([*names, described.get(row.actor_id, "")]))
            )
        if row.topic_id not in others:
            others[row.topic_id] = tuple(
                name
                for topic_id, names in topics.items()
                if topic_id != row.topic_id
                for name in names
            )
        found[view.id] = Evidence(
            position_id=view.id,
            actor=view.actor,
            actor_names=actors.get(row.actor_id, (view.actor,)),
            topic_names=topics.get(row.topic_id, (view.topic,)),
            stance=view.stance,
            summary=view.summary,
            conditions=view.conditions,
            quotes=view.quotes,
            stated_at=view.stated_at,
            outlet=view.outlet,
            speaker=view.speaker,
            speaker_names=speaker or (),
            previous_stance=view.change.previous_stance,
            previous_conditions=view.change.dropped,
            places=places[row.actor_id],
            other_topics=others[row.topic_id],
        )
    return found


def actor_names(
    session: Session, *, actor_ids: Iterable[int] | None = None
) -> dict[int, tuple[str, ...]]:
    """Each actor's name and aliases, by id (every tracked actor when `actor_ids` is None)."""
    query = select(Actor.id, Actor.name)
    alias_query = select(ActorAlias.actor_id, ActorAlias.alias)
    if actor_ids is not None:
        ids = set(actor_ids)
        query = query.where(col(Actor.id).in_(ids))
        alias_query = alias_query.where(col(ActorAlias.actor_id).in_(ids))
    else:
        query = query.where(col(Actor.proposed).is_(False))  # speakers no one confirmed yet
    names: dict[int, list[str]] = defaultdict(list)
    for actor_id, name in session.exec(query).all():
        if actor_id is not None:
            names[actor_id].append(name)
    for actor_id, alias in session.exec(alias_query).all():
        if actor_id in names:
            names[actor_id].append(alias)
    return {k: tuple(dict.fromkeys(v)) for k, v in names.items()}


def names_by_actor(session: Session) -> dict[str, tuple[str, ...]]:
    """Every tracked actor's names, keyed by canonical name (who a claim may name)."""
    return {names[0]: names for names in actor_names(session).values()}


def _topic_names(session: Session, topic_ids: set[int]) -> dict[int, tuple[str, ...]]:
    names: dict[int, list[str]] = defaultdict(list)
    for topic_id, name in session.exec(
        select(Topic.id, Topic.name).where(col(Topic.id).in_(topic_ids))
    ).all():
        if topic_id is not None:
            names[topic_id].append(name)
    for topic_id, alias in session.exec(
        select(TopicAlias.topic_id, TopicAlias.alias).where(col(TopicAlias.topic_id).in_(topic_ids))
    ).all():
        names[topic_id].append(alias)
    return {k: tuple(dict.fromkeys(v)) for k, v in names.items()}
