"""Whom a claim names: only actors whose positions it cites (or its evidence mentions)."""

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from bot.drafts.evidence.model import Evidence
from bot.drafts.evidence.text import any_of, fold, whole


def named_actors(own_words: str, actor_names: Mapping[str, Sequence[str]]) -> set[str]:
    """The actors `own_words` names by name or alias (quotations already masked)."""
    pattern, owners = _index(tuple((a, tuple(n)) for a, n in actor_names.items()))
    if pattern is None:
        return set()
    text = f" {fold(own_words)} "
    named: set[str] = set()
    position = 0
    # Overlapping names ("Putin" inside "President Putin") both count: search from each start.
    while (match := pattern.search(text, position)) is not None:
        named |= owners[match.group()]
        position = match.start() + 1
    return named


@lru_cache(maxsize=32)
def _index(
    actors: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[re.Pattern[str] | None, dict[str, set[str]]]:
    owners: dict[str, set[str]] = {}
    for actor, names in actors:
        for name in names:
            key = fold(name).removeprefix("the ").strip()
            # "the bloc", "the kingdom": a common noun with its article is no name by itself.
            common = name.strip().startswith("the ") and " " not in key and key == key.lower()
            if key and not common:
                owners.setdefault(key, set()).add(actor)
    if not owners:
        return None, owners
    return any_of(frozenset(owners)), owners


def actor_problems(
    own_words: str,
    *,
    declared: str | None,
    cited: Sequence[Evidence],
    actor_names: Mapping[str, Sequence[str]],
    evidence_text: str,
) -> list[str]:
    """Plain-words problems with whom the claim is about."""
    owners = {e.actor for e in cited} | {e.speaker for e in cited if e.speaker}
    named = named_actors(own_words, actor_names)
    problems = []
    strangers = sorted(
        a
        for a in named - owners
        if not any(_mentions(evidence_text, n) for n in actor_names.get(a, ()))
    )
    for stranger in strangers:
        problems.append(f"names {stranger}, but cites no position of theirs")
    if declared is not None and fold(declared) not in {fold(a) for a in owners}:
        whose = ", ".join(sorted({e.actor for e in cited}))
        problems.append(f"is about {declared}, but cites {whose}'s position")
    if not named & owners and not _names_a_seat(own_words, cited):
        problems.append("doesn't name whose position it states")
    return problems


def _names_a_seat(own_words: str, cited: Sequence[Evidence]) -> bool:
    """A capital or seat of government standing for a cited actor ("the Kremlin said")."""
    text = fold(own_words)
    return any(whole(fold(place)).search(text) for e in cited for place in e.places)


def _mentions(folded_text: str, name: str) -> bool:
    key = fold(name).removeprefix("the ").strip()
    return bool(key) and whole(key).search(folded_text) is not None
