"""Candidates whose text names no topic: the reporter chooses one, with suggestions.

Such a candidate is filed under one placeholder topic that has no alias (so no query reaches
it); confirming it requires a real topic (`confirm <id> on <topic>`).
"""

import re
from collections.abc import Sequence
from datetime import datetime

from rapidfuzz import fuzz, process
from sqlmodel import Session, select

from bot.candidate_dates import replace_candidate, require_date
from bot.errors import UserError
from bot.names import resolve_topic
from bot.text import normalize_name
from store import Position, Topic

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


def suggest_topics(
    *, text: str, at: int, sentence: str, topics: Sequence[tuple[str, str]]
) -> list[str]:
    """Up to three topic names: those named nearest to offset `at`, then the most similar.

    `topics` holds (alias, topic name) pairs.
    """
    lowered = text.casefold()
    distances: dict[str, int] = {}
    for alias, name in topics:
        for match in re.finditer(rf"\b{re.escape(alias.casefold())}\b", lowered):
            distance = abs(match.start() - at)
            distances[name] = min(distance, distances.get(name, distance))
    chosen = sorted(distances, key=lambda name: distances[name])[:MAX_SUGGESTIONS]
    aliases = {i: normalize_name(alias) for i, (alias, _) in enumerate(topics)}
    similar = process.extract(
        normalize_name(sentence), aliases, scorer=fuzz.token_set_ratio, limit=None
    )
    for _, score, i in similar:
        name = topics[i][1]
        if len(chosen) < MAX_SUGGESTIONS and score >= 50 and name not in chosen:
            chosen.append(name)
    return chosen


def confirm_on_topic(
    session: Session,
    *,
    candidate: Position,
    topic: str | None,
    stated_at: datetime | None,
    user: str,
    request_id: str | None = None,
) -> Position | None:
    """The confirmed position filed under `topic` (None: no topic given, confirm as it is).

    History is append-only, so a chosen topic means a new confirmed position (at the date given,
    else the candidate's) and the candidate retracted. A topic-less candidate needs a topic.
    """
    if not topic:
        if is_placeholder(session, candidate.topic_id):
            raise UserError(
                f"Candidate #{candidate.id} has no topic yet: say which.",
                hint=f"Try: confirm {candidate.id} on <topic>",
            )
        return None
    topic_id = resolve_topic(session, query=topic).id
    if stated_at is None:
        require_date(session, candidate)
    return replace_candidate(
        session,
        candidate=candidate,
        topic_id=topic_id,
        stated_at=stated_at or candidate.stated_at,
        user=user,
        request_id=request_id,
        detail={"topic": topic_id},
    )
