"""People mentioned in a sentence, in any role: they make a later "he said" ambiguous."""

import re
from collections.abc import Sequence

from bot.ingest.attribution.cues import NOT_SUBJECTS, TITLES
from bot.ingest.attribution.names import PERSON, Speakers, person_name

_RUN = re.compile(rf"(?<![\w’'\-])({PERSON})")
_FIRST_WORD = re.compile(r"\s*([\w’'\-]+)")
# "Sriharikota:" or "LAGOS, Nigeria (Reuters) -": a place opening the story, not a person.
_DATELINE = re.compile(r"\s*(?::|,\s*[A-Z][\w ]{0,30}\s*(?:\([^)]{1,20}\)\s*)?[-–—:])")
_OPENER = re.compile(r"(?:[^,\ue000]{0,60},\s*)?([\w’'\-]+)")


def people(
    sentence: str, speakers: Speakers, skip: Sequence[tuple[int, int]]
) -> list[tuple[int, str | None]]:
    """(start, listed name or None for someone unlisted) for each person named in `sentence`.

    Names inside a `skip` span (an attribution's own subject) are left out.
    """
    found: list[tuple[int, str | None]] = []
    taken: list[tuple[int, int]] = []
    for name, start, end in speakers.mentioned(sentence):
        taken.append((start, end))
        if not any(a <= start < b for a, b in skip):
            found.append((start, name))
    for match in _RUN.finditer(sentence):
        start, end = match.span(1)
        if any(a < end and start < b for a, b in taken) or person_name(match.group(1)) is None:
            continue
        if not any(a <= start < b for a, b in skip):
            found.append((start, None))
    opener = _FIRST_WORD.match(sentence)
    if opener and opener.group(1).lower() in NOT_SUBJECTS:  # "In Moscow, Zelensky spoke"
        opener = _OPENER.match(sentence)
    spans = [*taken, *skip]
    if (
        opener
        and not any(a <= opener.start(1) < b for a, b in spans)
        and _unlisted_subject(opener.group(1))
        and not _DATELINE.match(sentence, opener.end(1))
    ):
        found.append((opener.start(1), None))  # "Zelensky spoke next."
    return sorted(found, key=lambda item: item[0])


def _unlisted_subject(word: str) -> bool:
    lowered = word.lower()
    if lowered in NOT_SUBJECTS or lowered in TITLES or lowered.endswith("ing"):
        return False  # "Trade Minister Anna Berg …": a title, the name is found on its own
    return word[:1].isupper()
