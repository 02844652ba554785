"""Resolve what a reporter typed to one actor or topic: aliases first, then fuzzy matching.

Answers (not writes) may also read part of a name: "europe's role" is Europe's role in the
peace process when no other name has those words, and the answer says how it read them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from sqlmodel import Session

from bot.catalog.snapshot import Entry, Names, catalogue
from bot.errors import BadCommand, UnknownName
from bot.text import normalize_name

ACCEPT_SCORE = 85.0  # a fuzzy match this good, clearly ahead of the next, is taken
MIN_LEAD = 8.0  # how far ahead of the runner-up a fuzzy match must be
SUGGEST_SCORE = 60.0  # below this a name is not worth suggesting ("kursk" is no person)
MAX_CHOICES = 3
# Words too common in topic names to name one ("attack on US allies", "cessation of hostilities").
_STOP_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"})


@dataclass(frozen=True)
class Named:
    """A resolved actor or topic."""

    id: int
    name: str
    description: str
    read_from: str = ""  # what was typed, when it named only part of `name` (say so)


@dataclass(frozen=True)
class _Kind:
    label: str

    def names(self, session: Session) -> Names:
        """This kind's names in the catalogue as `session` sees it (no query when unchanged)."""
        known = catalogue(session)
        return known.actors if self.label == "actor" else known.topics


_ACTOR = _Kind("actor")
_TOPIC = _Kind("topic")


def resolve_actor(session: Session, *, query: str, partial: bool = False) -> Named:
    """The one actor `query` names, or UnknownName with the closest choices.

    With `partial`, words of one actor's name alone name it (see `_read_part`).
    """
    return _resolve_named(session, _ACTOR, query, partial=partial)


def resolve_topic(session: Session, *, query: str, partial: bool = False) -> Named:
    """The one topic `query` names, or UnknownName with the closest choices.

    With `partial`, words of one topic's name alone name it (see `_read_part`).
    """
    return _resolve_named(session, _TOPIC, query, partial=partial)


def reading_notes(names: Sequence[Named]) -> list[str]:
    """'Reading “europe's role” as Europe's role in the peace process.' for each name read
    from part of it."""
    return [f"Reading “{_shown(n.read_from)}” as {n.name}." for n in names if n.read_from]


def resolves_to(
    session: Session, *, kind: str, query: str, extra: tuple[str, int] | None = None
) -> int | None:
    """The id `query` names as things stand (or with one more alias, `extra`), else None."""
    try:
        row = _resolve(session, _TOPIC if kind == "topic" else _ACTOR, query, extra=extra)
    except (UnknownName, BadCommand):
        return None
    return int(row.id)


def _named(row: Entry, *, read_from: str = "") -> Named:
    return Named(id=row.id, name=row.name, description=row.description, read_from=read_from)


def _resolve_named(session: Session, kind: _Kind, query: str, *, partial: bool) -> Named:
    row = _resolve(session, kind, query, partial=partial)
    if not partial:
        return _named(row)
    # Read from part of a name ("europe's role", "frozen", "kallas"): the answer says so.
    wanted = normalize_name(query)
    exactly = any(normalized == wanted for normalized, _ in kind.names(session).aliases)
    part = not exactly and row.id in _read_part(session, kind, wanted)
    return _named(row, read_from=query if part else "")


def _read_part(session: Session, kind: _Kind, wanted: str) -> set[int]:
    """Who has the typed words, whole and in order, in its name or in the head of an alias.

    Nothing too slight to name anything (one or two letters, stop words) is read. An alias
    must be read up to its head word, so "nato" is not Mark Rutte ("Nato chief") and
    "zelensky" is not his chief of staff ("Zelensky's chief of staff").
    """
    words = wanted.split()
    if _slight(words):
        return set()
    known = kind.names(session)
    # A proposed speaker is no one's to name until a reporter confirms it.
    found = {
        entry.id
        for entry in known.entries.values()
        if not entry.merged and not entry.proposed and _holds(list(entry.words), words, head=False)
    }
    rows = known.aliases
    return found | {i for normalized, i in rows if _holds(normalized.split(), words, head=True)}


def _holds(name: list[str], words: list[str], *, head: bool) -> bool:
    """`words` appear whole in `name`, not as a possessor ("zelensky" of "zelensky s …"),
    and, with `head`, take in its head word (the last before "of", "in"…)."""
    size = len(words)
    last = next((i - 1 for i, w in enumerate(name) if i and w in _STOP_WORDS), len(name) - 1)
    for start in range(len(name) - size + 1):
        end = start + size
        if name[start:end] != words or name[end : end + 1] == ["s"]:
            continue
        if not head or start <= last < end:
            return True
    return False


def _shown(text: str) -> str:
    cleaned = " ".join(text.split())
    return cleaned if len(cleaned) <= 60 else cleaned[:57] + "…"


def _resolve(
    session: Session,
    kind: _Kind,
    query: str,
    *,
    extra: tuple[str, int] | None = None,
    partial: bool = False,
) -> Any:
    wanted = normalize_name(query)
    if not wanted:
        raise BadCommand(f"Which {kind.label}? The name is empty.")
    known = kind.names(session)
    rows: Sequence[tuple[str, int]] = [*known.aliases, extra] if extra else known.aliases
    exact = {owner_id for normalized, owner_id in rows if normalized == wanted}
    if kind is _TOPIC and " " not in wanted:
        exact = _topic_word(known, rows, wanted, exact)
    if len(exact) == 1:
        return known.entries[exact.pop()]
    if len(exact) > 1:
        raise UnknownName(
            kind=kind.label,
            query=query,
            choices=_names(session, kind, sorted(exact))[:MAX_CHOICES],
            ambiguous=True,
        )
    # Whole words of names come before likeness: "europe's role" is no typo of a name.
    found = _read_part(session, kind, wanted) if partial else set()
    if len(found) == 1:
        return known.entries[found.pop()]
    if found:
        choices = _names(session, kind, sorted(found))[:MAX_CHOICES]
        raise UnknownName(kind=kind.label, query=query, choices=choices, ambiguous=True)
    return _fuzzy(session, kind, query, wanted, rows)


def _topic_word(
    known: Names, rows: Sequence[tuple[str, int]], word: str, exact: set[int]
) -> set[int]:
    """The topics one typed word names: "frozen" is Frozen conflict when no other topic has it.

    An alias typed exactly still wins, unless the word is also in another topic's own name:
    "truce" is an alias of the US ceasefire proposal, but "Kursk truce" is a truce too.
    """
    if _slight([word]):
        return exact
    if exact:
        named = {
            entry.id
            for entry in known.entries.values()
            if not entry.merged and entry.id not in exact and word in entry.words
        }
        return exact | named
    return {owner_id for normalized, owner_id in rows if _has_word(normalized, word)}


def _slight(words: list[str]) -> bool:
    """Too little to name anything by a part: only stop words and one- or two-letter words."""
    return not any(len(word) > 2 and word not in _STOP_WORDS for word in words)


def _has_word(normalized: str, word: str) -> bool:
    return word in normalized.split()


def _fuzzy(
    session: Session, kind: _Kind, query: str, wanted: str, rows: Sequence[tuple[str, int]]
) -> Any:
    aliases = [normalized for normalized, _ in rows]
    entries = kind.names(session).entries
    if _slight(wanted.split()):  # "eu" or "of" names something only as a whole alias
        raise UnknownName(kind=kind.label, query=query, choices=[], ambiguous=False)
    # A single word that ends exactly one name is a surname: "kallas" is Kaja Kallas.
    if " " not in wanted:
        enders = {owner_id for normalized, owner_id in rows if normalized.endswith(" " + wanted)}
        if len(enders) == 1:
            return entries[enders.pop()]
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
            return entries[top_id]
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
    entries = kind.names(session).entries
    return [entries[i].name for i in ids if i in entries]
