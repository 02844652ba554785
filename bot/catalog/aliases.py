"""Aliases added and removed by a reporter, refused when they would make a name ambiguous."""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from bot.catalog.names import Named, resolve_actor, resolve_topic, resolves_to
from bot.errors import BadCommand
from bot.text import normalize_name
from store import Actor, ActorAlias, AuditEvent, Topic, TopicAlias

MAX_ALIAS_CHARS = 200


@dataclass(frozen=True)
class AliasDone:
    """What changed: the owner's name, the alias as typed, and "added" or "removed"."""

    kind: str
    name: str
    alias: str
    change: str


@dataclass(frozen=True)
class NameKind:
    """Where one kind of name lives: its table, its alias table and how to resolve it."""

    label: str
    table: Any
    alias_table: Any
    owner: str

    def resolve(self, session: Session, query: str) -> Named:
        """The one live actor or topic `query` names."""
        if self.label == "actor":
            return resolve_actor(session, query=query)
        return resolve_topic(session, query=query)


ACTOR = NameKind("actor", Actor, ActorAlias, "actor_id")
TOPIC = NameKind("topic", Topic, TopicAlias, "topic_id")


def kind_of(label: str) -> NameKind:
    """ACTOR or TOPIC, by its label."""
    return TOPIC if label == "topic" else ACTOR


def add_alias(
    session: Session, *, kind: NameKind, name: str, alias: str, user: str, request_id: str | None
) -> AliasDone:
    """Give the actor or topic `name` one more alias, unless it would blur another name."""
    owner = kind.resolve(session, name)
    clean = " ".join(alias.split())
    normalized = normalize_name(clean)
    if not normalized:
        raise BadCommand("An alias needs at least one letter or digit.")
    if len(clean) > MAX_ALIAS_CHARS:
        raise BadCommand(f"Aliases are at most {MAX_ALIAS_CHARS} characters.")
    holders = _holders(session, kind, normalized)
    if owner.id in holders:
        raise BadCommand(f"“{clean}” already names {owner.name}.")
    if holders:
        raise BadCommand(
            f"“{clean}” already names {_name(session, kind, holders[0])}; "
            f"it can't name {owner.name} too.",
            hint="Choose a longer alias that only fits one.",
        )
    _refuse_blurring(session, kind, owner=owner, alias=clean, normalized=normalized)
    session.add(
        kind.alias_table(**{kind.owner: owner.id, "alias": clean, "normalized": normalized})
    )
    _audit(session, kind, owner, action="aliased", alias=clean, user=user, request_id=request_id)
    return AliasDone(kind=kind.label, name=owner.name, alias=clean, change="added")


def remove_alias(
    session: Session, *, kind: NameKind, name: str, alias: str, user: str, request_id: str | None
) -> AliasDone:
    """Take one alias away from the actor or topic `name`; its own name stays."""
    owner = kind.resolve(session, name)
    normalized = normalize_name(alias)
    if normalized == normalize_name(owner.name):
        raise BadCommand(
            f"“{alias.strip()}” is {owner.name}'s own name and always names it.",
            hint="Only aliases can be removed.",
        )
    rows = session.exec(
        select(kind.alias_table).where(
            getattr(kind.alias_table, kind.owner) == owner.id,
            col(kind.alias_table.normalized) == normalized,
        )
    ).all()
    if not rows:
        raise BadCommand(f"“{alias.strip()}” isn't an alias of {owner.name}.")
    shown = rows[0].alias
    for row in rows:
        session.delete(row)
    _audit(session, kind, owner, action="unaliased", alias=shown, user=user, request_id=request_id)
    return AliasDone(kind=kind.label, name=owner.name, alias=shown, change="removed")


def _refuse_blurring(
    session: Session, kind: NameKind, *, owner: Named, alias: str, normalized: str
) -> None:
    """Refuse an alias that would stop a word of it naming what it names today.

    "Kallas" names Kaja Kallas as her surname; an alias "Mrs Kallas" for someone else would
    leave "kallas" naming two. Tried with the alias added in memory: nothing is written.
    """
    words = list(dict.fromkeys([normalized, *normalized.split()]))
    before = {word: _resolves_to(session, kind, word) for word in words}
    named = {
        word: owner_id for word, owner_id in before.items() if owner_id not in (None, owner.id)
    }
    if normalized in named:
        raise BadCommand(
            f"“{alias}” already names {_name(session, kind, named[normalized])}; "
            f"it can't name {owner.name} too.",
            hint="Choose a longer alias that only fits one.",
        )
    for word, owner_id in named.items():
        after = resolves_to(session, kind=kind.label, query=word, extra=(normalized, owner.id))
        if after != owner_id:
            raise BadCommand(
                f"“{alias}” would make “{word}” ambiguous: today it names "
                f"{_name(session, kind, owner_id)}.",
                hint="Choose an alias that doesn't reuse another name's word.",
            )


def _resolves_to(session: Session, kind: NameKind, word: str) -> int | None:
    return resolves_to(session, kind=kind.label, query=word)


def _holders(session: Session, kind: NameKind, normalized: str) -> list[int]:
    owner = getattr(kind.alias_table, kind.owner)
    return list(
        session.exec(
            select(owner)
            .join(kind.table, col(kind.table.id) == owner)
            .where(
                col(kind.alias_table.normalized) == normalized,
                col(kind.table.merged_into_id).is_(None),
            )
            .order_by(owner)
        ).all()
    )


def _name(session: Session, kind: NameKind, owner_id: int) -> str:
    row = session.get(kind.table, owner_id)
    return row.name if row is not None else f"{kind.label} {owner_id}"


def _audit(
    session: Session,
    kind: NameKind,
    owner: Named,
    *,
    action: str,
    alias: str,
    user: str,
    request_id: str | None,
) -> None:
    session.add(
        AuditEvent(
            user=user,
            action=f"{kind.label}.{action}",
            subject=kind.label,
            subject_id=owner.id,
            request_id=request_id,
            detail={"alias": alias},
        )
    )
