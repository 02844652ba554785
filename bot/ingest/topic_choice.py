"""Candidates whose text names no topic: the reporter chooses one, with suggestions.

Such a candidate is filed under one placeholder topic that has no alias (so no query reaches
it); confirming it requires a real topic (`confirm <id> on <topic>`).
"""

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process
from sqlmodel import Session, select

from bot.text import normalize_name
from store import Topic

PLACEHOLDER = "(topic to choose)"
MAX_SUGGESTIONS = 3


def placeholder_topic(session: Session) -> int:
    """The id of the topic topic-less candidates are filed under, created on first use."""
    found = session.exec(select(Topic).where(Topic.name == PLACEHOLDER)).first()
    if found is None:
        found = Topic(name=PLACEHOLDER)
        session.add(found)
        session.flush()
    assert found.id is not None
    return found.id


def is_placeholder(session: Session, topic_id: int) -> bool:
    topic = session.get(Topic, topic_id)
    return topic is not None and topic.name == PLACEHOLDER


class TopicSuggester:
    """Topic suggestions for the quotes of one article: where each topic's aliases are named
    in it is found once, not once per quote (an article may have hundreds)."""

    def __init__(self, *, text: str, topics: Sequence[tuple[str, str]]) -> None:
        """`topics` holds (alias, topic name) pairs."""
        lowered = text.casefold()
        self._named = [
            (match.start(), name)
            for alias, name in topics
            for match in re.finditer(rf"\b{re.escape(alias.casefold())}\b", lowered)
        ]
        self._names = [name for _, name in topics]
        self._aliases = {i: normalize_name(alias) for i, (alias, _) in enumerate(topics)}

    def suggest(self, *, at: int, sentence: str) -> list[str]:
        """Up to three topic names: those named nearest to offset `at`, then the most similar."""
        distances: dict[str, int] = {}
        for start, name in self._named:
            distance = abs(start - at)
            distances[name] = min(distance, distances.get(name, distance))
        chosen = sorted(distances, key=lambda name: distances[name])[:MAX_SUGGESTIONS]
        similar = process.extract(
            normalize_name(sentence), self._aliases, scorer=fuzz.token_set_ratio, limit=None
        )
        for _, score, i in similar:
            name = self._names[i]
            if len(chosen) < MAX_SUGGESTIONS and score >= 50 and name not in chosen:
                chosen.append(name)
        return chosen
