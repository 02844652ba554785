"""'putin ceasefire': two names typed without "on", split where both resolve."""

from sqlmodel import Session

from bot.catalog.names import resolves_to

MAX_SPLIT_WORDS = 12  # longer text is not two names run together


def split_actor_topic(session: Session, *, text: str) -> tuple[str, str] | None:
    """(actor, topic) as typed, when exactly one split of `text` names an actor then a topic."""
    words = text.split()
    if not 2 <= len(words) <= MAX_SPLIT_WORDS:
        return None
    found = []
    for cut in range(1, len(words)):
        actor, topic = " ".join(words[:cut]), " ".join(words[cut:])
        if resolves_to(session, kind="actor", query=actor) is None:
            continue
        if resolves_to(session, kind="topic", query=topic) is not None:
            found.append((actor, topic))
    return found[0] if len(found) == 1 else None
