"""Create actors and topics (with their names as aliases) when a reporter asks to."""

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from bot.catalog.names import Named
from bot.errors import BadCommand
from bot.text import normalize_name
from store import Actor, ActorAlias, ActorKind, Topic, TopicAlias

MAX_NAME_CHARS = 200


def create_actor(
    session: Session,
    *,
    name: str,
    kind: ActorKind = ActorKind.PERSON,
    description: str = "",
    aliases: Iterable[str] = (),
) -> Named:
    """A new actor whose name and aliases resolve to it."""
    return _create(
        session, Actor, ActorAlias, "actor_id", name, aliases, kind=kind, description=description
    )


def create_topic(
    session: Session, *, name: str, description: str = "", aliases: Iterable[str] = ()
) -> Named:
    """A new topic whose name and aliases resolve to it."""
    return _create(session, Topic, TopicAlias, "topic_id", name, aliases, description=description)


def add_aliases(
    session: Session, *, alias_table: Any, owner: str, owner_id: int, aliases: Iterable[str]
) -> int:
    """Add whichever aliases the owner lacks; returns how many were added."""
    existing = set(
        session.exec(
            select(alias_table.normalized).where(getattr(alias_table, owner) == owner_id)
        ).all()
    )
    added = 0
    for alias in aliases:
        normalized = normalize_name(alias)
        if normalized and normalized not in existing:
            session.add(
                alias_table(**{owner: owner_id, "alias": alias.strip(), "normalized": normalized})
            )
            existing.add(normalized)
            added += 1
    return added


def _create(
    session: Session,
    table: Any,
    alias_table: Any,
    owner: str,
    name: str,
    aliases: Iterable[str],
    **fields: Any,
) -> Named:
    clean = " ".join(name.split())
    if not normalize_name(clean):
        raise BadCommand("A name needs at least one letter or digit.")
    if len(clean) > MAX_NAME_CHARS:
        raise BadCommand(f"Names are at most {MAX_NAME_CHARS} characters.")
    if session.exec(select(table.id).where(col(table.name) == clean)).first() is not None:
        raise BadCommand(f"“{clean}” already exists.")
    row = table(name=clean, **fields)
    session.add(row)
    session.flush()
    add_aliases(
        session, alias_table=alias_table, owner=owner, owner_id=row.id, aliases=[clean, *aliases]
    )
    session.flush()
    return Named(id=row.id, name=row.name, description=row.description)
