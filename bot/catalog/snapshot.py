"""The catalogue as last read, kept while the database's catalogue token is unchanged.

Resolving "putin" reads every alias; names on an answer read actors and topics by id. Both
come from one snapshot per process, reloaded only when the token (store.catalogue_version,
changed by triggers on every write, from any replica) differs. A unit of work reads the token
once; it reads it again after it writes (a flush), so it always sees its own changes.
"""

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlmodel import Session, col, select

from bot.text import normalize_name
from store import (
    READ_ONLY,
    Actor,
    ActorAlias,
    CatalogueVersion,
    Topic,
    TopicAlias,
    catalogue_token,
    session_tenant,
)

_SESSION_KEY = "standpoint.catalogue"
_TRUSTED = "standpoint.catalogue.trusted"  # the token of names used without reading it first
_CONFIRMED = "standpoint.catalogue.confirmed"  # the token a statement read with its rows
_WROTE = "standpoint.catalogue.wrote"  # this transaction flushed writes
_TOKEN_COLUMN = (
    select(CatalogueVersion.token)
    .where(CatalogueVersion.id == 1)
    .scalar_subquery()
    .label("ct")  # short: see bot/positions/view_query.py on statement length
)


@dataclass(frozen=True)
class Entry:
    """One actor or topic as the catalogue holds it."""

    id: int
    name: str
    description: str
    proposed: bool  # a speaker ingest proposed, not yet confirmed (actors only)
    merged: bool
    words: tuple[str, ...] = ()  # the name normalized, word by word (read once, not per answer)


@dataclass(frozen=True)
class Names:
    """One kind's names: every row by id, and (normalized alias, owner id) of live rows."""

    entries: Mapping[int, Entry]
    aliases: tuple[tuple[str, int], ...]
    alias_texts: tuple[str, ...]  # the normalized aliases alone, in the same order
    names: Mapping[int, str]  # every row's name by id (merged ones too: history shows them)


class CatalogueChanged(Exception):
    """Names trusted from memory are not the database's any more: ask again."""


class _NameMap(dict[int, str]):
    """Names by id; one that is missing was added after the names were read."""

    def __missing__(self, key: int) -> str:
        _drop_latest()
        raise CatalogueChanged(f"no name for id {key} in the catalogue as last read")


@dataclass(frozen=True)
class Catalogue:
    """Actors and topics at one catalogue token."""

    token: str
    actors: Names
    topics: Names


_lock = threading.Lock()
# The catalogue each tenant's units last read (one process serves many newsrooms).
_latest: dict[str, Catalogue] = {}


def catalogue(session: Session) -> Catalogue:
    """The catalogue as `session` sees it: one token read per unit of work, names from memory.

    A read-only unit (an answer) trusts the names in memory without reading the token first;
    the statement that reads its positions returns the token too (`token_column`), and
    `catalogue_was_current` says afterwards whether the answer must be asked again.
    """
    if session.new or session.dirty or session.deleted:
        session.flush()  # what a query would autoflush, so pending writes count
    seen = session.info.get(_SESSION_KEY)
    if seen is not None:
        return seen
    tenant = session_tenant(session) or ""
    trusted = _latest.get(tenant)
    if trusted is not None and session.info.get(READ_ONLY):
        session.info[_SESSION_KEY] = trusted
        session.info[_TRUSTED] = trusted.token
        return trusted
    token = catalogue_token(session)  # first: names read after it are at least this new
    current = _latest.get(tenant)
    if current is None or current.token != token:
        current = Catalogue(
            token=token,
            actors=_names(session, Actor, ActorAlias, ActorAlias.actor_id),
            topics=_names(session, Topic, TopicAlias, TopicAlias.topic_id),
        )
        if not session.info.get(_WROTE):  # a writer's names may never be committed
            with _lock:
                _latest[tenant] = current
    session.info[_SESSION_KEY] = current
    return current


def token_column() -> Any:
    """The catalogue token as a column (`ct`), so a statement that reads positions confirms
    the names it used."""
    return _TOKEN_COLUMN


def confirm_token(session: Session, token: str) -> None:
    """The token a statement of this unit of work read with its rows: if names were trusted
    from memory and it differs, CatalogueChanged (before any name is looked up)."""
    trusted = session.info.get(_TRUSTED)
    if trusted is not None and token != trusted:
        _drop_latest()
        raise CatalogueChanged("the catalogue changed since its names were read")
    session.info[_CONFIRMED] = token


def catalogue_was_current(session: Session) -> bool:
    """Whether the names a read-only unit trusted were the database's (reading the token if no
    statement returned it). If not, they are dropped and the unit must be run again."""
    trusted = session.info.get(_TRUSTED)
    if trusted is None:
        return True
    confirmed = session.info.get(_CONFIRMED) or catalogue_token(session)
    if confirmed == trusted:
        return True
    _drop_latest()
    return False


def _drop_latest() -> None:
    # The token is the database's, not a tenant's: a changed one may be anyone's write.
    with _lock:
        _latest.clear()


def catalogue_names(session: Session) -> tuple[Mapping[int, str], Mapping[int, str]]:
    """Every actor's and every topic's name by id, as `session` sees the catalogue."""
    known = catalogue(session)
    return known.actors.names, known.topics.names


def _names(session: Session, table: Any, alias_table: Any, owner: Any) -> Names:
    proposed = (table.proposed,) if table is Actor else ()
    rows = session.exec(
        select(table.id, table.name, table.description, table.merged_into_id, *proposed)
    ).all()
    entries = {
        row[0]: Entry(
            row[0],
            row[1],
            row[2],
            proposed=bool(row[4:5] and row[4]),
            merged=row[3] is not None,
            words=tuple(normalize_name(row[1]).split()),
        )
        for row in rows
    }
    # The statement name resolution always ran, so ties among aliases keep their order.
    aliases = tuple(
        (normalized, owner_id)
        for normalized, owner_id in session.exec(
            select(alias_table.normalized, owner)
            .join(table, col(table.id) == owner)
            .where(col(table.merged_into_id).is_(None))
        ).all()
    )
    return Names(
        entries=entries,
        aliases=aliases,
        alias_texts=tuple(text for text, _ in aliases),
        names=_NameMap({row_id: entry.name for row_id, entry in entries.items()}),
    )


def _flushed(session: Session, *_: Any) -> None:
    session.info[_WROTE] = True
    _forget(session)


def _forget(session: Session, *_: Any) -> None:
    if not session.info.get(READ_ONLY):  # a read-only unit checks what it trusted at the end
        session.info.pop(_SESSION_KEY, None)


def _ended(session: Session, *_: Any) -> None:
    session.info.pop(_WROTE, None)
    _forget(session)


# A write (flush) or a new transaction may see another catalogue: read the token again.
event.listen(Session, "after_flush", _flushed)
event.listen(Session, "after_transaction_end", _ended)
