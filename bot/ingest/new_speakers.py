"""Speakers ingest meets who are not tracked yet: proposed actors, confirmed by a reporter.

A proposed actor has no aliases, so no name resolves to it and no board or query shows it;
only its own candidates point at it. Confirming a candidate confirms its actor with it.
"""

import re

from sqlmodel import Session, col, select

from bot.catalog import MAX_NAME_CHARS, Named, add_aliases
from bot.text import normalize_name
from store import Actor, ActorAlias, ActorKind, AuditEvent, Position

_HER = re.compile(
    r"\b(\w*woman|ms|mrs|miss|madam|queen|princess|duchess|actress|chairwoman)\b", re.I
)
_HIM = re.compile(r"\b(\w*man|mr|king|prince|duke|sir|lord)\b", re.I)


def proposed_actor(session: Session, *, name: str, role: str | None) -> Named:
    """The actor named `name`, created as proposed (role as its description) if new."""
    clean = " ".join(name.split())[:MAX_NAME_CHARS]
    actor = session.exec(select(Actor).where(col(Actor.name) == clean)).first()
    if actor is None:
        description = " ".join((role or "").split())[:500]
        actor = Actor(name=clean, kind=ActorKind.PERSON, description=description, proposed=True)
        session.add(actor)
        session.flush()
    assert actor.id is not None
    return Named(id=actor.id, name=actor.name, description=actor.description)


def confirm_actor(
    session: Session, *, actor_id: int, user: str, request_id: str | None = None
) -> None:
    """Start tracking a proposed actor: its name, surname and role resolve to it. Audited."""
    actor = session.get(Actor, actor_id)
    if actor is None or not actor.proposed:
        return
    surname = actor.name.split()[-1]
    aliases = [actor.name, surname, actor.description]
    add_aliases(
        session,
        alias_table=ActorAlias,
        owner="actor_id",
        owner_id=actor_id,
        aliases=[alias for alias in aliases if alias],
    )
    actor.proposed = False
    session.add(actor)
    session.add(
        AuditEvent(
            user=user,
            action="actor.confirmed",
            subject="actor",
            subject_id=actor_id,
            request_id=request_id,
        )
    )
    session.flush()


def pronoun(role: str) -> str:
    """Her, him or them, as far as the role says (spokeswoman, Mr, …)."""
    if _HER.search(role):
        return "her"
    if _HIM.search(role):
        return "him"
    return "them"


def adopt_for_correction(
    session: Session, *, candidate_id: int, typed_actor: str, user: str, request_id: str | None
) -> None:
    """A reporter's corrected candidate keeps its proposed speaker: typing that speaker's name
    in the form starts tracking them, as confirming the candidate would have."""
    candidate = session.get(Position, candidate_id)
    actor = session.get(Actor, candidate.actor_id) if candidate is not None else None
    if actor is None or not actor.proposed:
        return
    if normalize_name(typed_actor) == normalize_name(actor.name):
        assert actor.id is not None
        confirm_actor(session, actor_id=actor.id, user=user, request_id=request_id)
