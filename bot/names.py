"""Resolve what a reporter typed to one actor or topic: aliases first, then fuzzy matching."""

from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from sqlmodel import Session, col, select

from bot.errors import BadCommand, UnknownName
from bot.text import normalize_name
from store import Actor, ActorAlias, Topic, TopicAlias

ACCEPT_SCORE = 85.0  # a fuzzy match this good, clearly ahead of the next, is taken
MIN_LEAD = 8.0  # how far ahead of the runner-up a fuzzy match must be
SUGGEST_SCORE = 60.0  # below this a name is not worth suggesting ("kursk" is no person)
MAX_CHOICES = 3


@dataclass(frozen=True)
class Named:
    """A resolved actor or topic."""

    id: int
    name: str
    description: str


@dataclass(frozen=True)
class _Kind:
    label: str
    table: Any
    alias_table: Any
    owner_column: str


_ACTOR = _Kind("actor", Actor, ActorAlias, "actor_id")
_TOPIC = _Kind("topic", Topic, TopicAlias, "topic_id")


def resolve_actor(session: Session, *, query: str) -> Named:
    """The one actor `query` names, or UnknownName with the closest choices."""
    return _named(_resolve(session, _ACTOR, query))


def resolve_topic(session: Session, *, query: str) -> Named:
    """The one topic `query` names, or UnknownName with the closest choices."""
    return _named(_resolve(session, _TOPIC, query))


def _named(row: Actor | Topic) -> Named:
    assert row.id is not None
    return Named(id=row.id, name=row.name, description=row.description)


def _resolve(session: Session, kind: _Kind, query: str) -> Any:
    wanted = normalize_name(query)
    if not wanted:
        raise BadCommand(f"Which {kind.label}? The name is empty.")
    owner = getattr(kind.alias_table, kind.owner_column)
    exact = set(session.exec(select(owner).where(col(kind.alias_table.normalized) == wanted)).all())
    if len(exact) == 1:
        return session.get(kind.table, exact.pop())
    if len(exact) > 1:
        raise UnknownName(
            kind=kind.label, query=query, choices=_names(session, kind, exact), ambiguous=True
        )
    return _fuzzy(session, kind, query, wanted)


def _fuzzy(session: Session, kind: _Kind, query: str, wanted: str) -> Any:
    owner = getattr(kind.alias_table, kind.owner_column)
    rows = session.exec(select(kind.alias_table.normalized, owner)).all()
    aliases = [normalized for normalized, _ in rows]
    # A single word that ends exactly one name is a surname: "kallas" is Kaja Kallas.
    if " " not in wanted:
        enders = {owner_id for normalized, owner_id in rows if normalized.endswith(" " + wanted)}
        if len(enders) == 1:
            return session.get(kind.table, enders.pop())
        if len(enders) > 1:
            raise UnknownName(
                kind=kind.label,
                query=query,
                choices=_names(session, kind, sorted(enders))[:MAX_CHOICES],
                ambiguous=True,
            )
    # Accepting is strict (whole-name similarity): "Vladimir Zelensky" must never become Putin.
    strict = _best_per_owner(
        rows,
        process.extract(
            wanted, aliases, scorer=fuzz.token_sort_ratio, limit=None, score_cutoff=SUGGEST_SCORE
        ),
    )
    if strict:
        top_id, top_score = strict[0]
        runner_up = strict[1][1] if len(strict) > 1 else 0.0
        if top_score >= ACCEPT_SCORE and top_score - runner_up >= MIN_LEAD:
            return session.get(kind.table, top_id)
    # Suggesting is lenient (partial matches count): "donald" offers Donald Trump.
    lenient = _best_per_owner(
        rows,
        process.extract(
            wanted, aliases, scorer=fuzz.WRatio, limit=None, score_cutoff=SUGGEST_SCORE
        ),
    )
    choices = [owner_id for owner_id, _ in lenient[:MAX_CHOICES]]
    raise UnknownName(
        kind=kind.label,
        query=query,
        choices=_names(session, kind, choices),
        ambiguous=len(strict) > 1 and strict[0][1] >= ACCEPT_SCORE,
    )


def _best_per_owner(rows: Any, scored: list[tuple[str, float, int]]) -> list[tuple[int, float]]:
    best: dict[int, float] = {}
    for _choice, score, index in scored:
        owner_id = rows[index][1]
        best[owner_id] = max(score, best.get(owner_id, 0.0))
    return sorted(best.items(), key=lambda item: item[1], reverse=True)


def _names(session: Session, kind: _Kind, ids: Any) -> list[str]:
    id_list = list(ids)
    if not id_list:
        return []
    rows = session.exec(select(kind.table).where(col(kind.table.id).in_(id_list))).all()
    by_id = {row.id: row.name for row in rows}
    return [by_id[i] for i in id_list if i in by_id]
