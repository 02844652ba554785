"""What a pronoun ("he said") refers back to: the latest attribution, if nobody else since."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.ingest.attribution.names import same_person


@dataclass(frozen=True)
class History:
    """What a pronoun may refer back to: an attribution, or a person mentioned."""

    kind: Literal["speech", "mention"]
    speaker: str | None
    body_index: int
    person: str | None = None  # who `speaker` is: a role-only name resolved to its holder


REACH = 2  # body paragraphs back in which anyone named makes "he" theirs or ambiguous
# When nobody at all is named within reach, "she added" opening a paragraph still refers to
# the last person named, further back: the story has not moved to anyone else.
FAR_REACH = 8


def resolve_pronoun(history: Sequence[History], body_index: int) -> str | None:
    """The latest attribution within reach, unless anyone else was mentioned since."""
    mentioned: list[History] = []
    for back, entry in enumerate(reversed(history)):
        distance = body_index - entry.body_index
        if distance > REACH and (mentioned or distance > FAR_REACH):
            return _only_mentioned(mentioned, history[: len(history) - back])
        if entry.speaker is None or entry.person is None:
            return None
        if entry.kind == "mention":
            mentioned.append(entry)
            continue
        person = entry.person
        if any(not same_person(other.person or "", person) for other in mentioned):
            return None
        return entry.speaker
    return _only_mentioned(mentioned, [])


def _only_mentioned(mentioned: Sequence[History], earlier: Sequence[History]) -> str | None:
    """Nobody spoke within reach: the one tracked person mentioned, if nobody else was before.

    `earlier` is the history beyond reach, read back to the last attribution: anyone else there
    could still be "he".
    """
    first = mentioned[0] if mentioned else None
    if first is None or first.person is None:
        return None
    for entry in reversed(earlier):
        if entry.person is None or not same_person(entry.person, first.person):
            return None
        if entry.kind == "speech":
            break
    if all(same_person(first.person, m.person or "") for m in mentioned):
        return first.person  # the person's name, also when mentioned by a role-only alias
    return None


def last_speaker(history: Sequence[History], body_index: int) -> str | None:
    """Whoever was credited with words last, within reach: "“…,” he added" goes on with them.

    Mentions in between do not count ("A told the conference before his talks with B. ¶
    “…,” he added" is A); an attribution to anyone unknown in between makes it unsure.
    """
    for entry in reversed(history):
        if body_index - entry.body_index > REACH:
            return None
        if entry.kind == "speech":
            return entry.speaker if entry.person is not None else None
    return None
