"""Questions as a reporter types them: "where does putin stand on the ceasefire?".

Each rule reads the actor and (maybe) the topic out of one common phrasing; the names are
resolved later, against the store, like any other query's.
"""

import re
from dataclasses import dataclass

_ASKS = r"(?:does|do|did|is|are|was|were|has|have)"
_SAYS = r"(?:say|said|says|think|thinks|thought|feel|feels|felt|stand|stands|stood)"
_ABOUT = r"(?:on|about|regarding|over|of)"
_HOLDS = r"(?:position|positions|stance|stances|view|views|line|take|opinion)"
_POSSESSIVE = r"(?:'s|’s|'|’)"

_RULES = [
    # where does putin stand on the ceasefire / where is putin on the ceasefire
    rf"where\s+{_ASKS}\s+(?P<actor>.+?)\s+(?:stand|standing|stood|now)(?:\s+{_ABOUT}\s+(?P<topic>.+))?",
    rf"where\s+{_ASKS}\s+(?P<actor>.+?)\s+on\s+(?P<topic>.+)",
    # what did trump say about tariffs / what does putin think of the truce
    rf"what\s+{_ASKS}\s+(?P<actor>.+?)\s+{_SAYS}(?:\s+{_ABOUT}\s+(?P<topic>.+))?",
    # what is zelensky's position on the truce / what's putin's view on kursk
    rf"what(?:\s+is|\s+was|\s+are|'s|’s)\s+(?P<actor>.+?){_POSSESSIVE}\s+{_HOLDS}"
    rf"(?:\s+{_ABOUT}\s+(?P<topic>.+))?",
    # what is the position of putin on the ceasefire
    rf"what(?:\s+is|\s+was|\s+are|'s|’s)\s+the\s+{_HOLDS}\s+of\s+(?P<actor>.+?)"
    rf"(?:\s+{_ABOUT}\s+(?P<topic>.+))?",
    # putin's position on the ceasefire
    rf"(?P<actor>.+?){_POSSESSIVE}\s+{_HOLDS}\s+{_ABOUT}\s+(?P<topic>.+)",
]
_COMPILED = [re.compile(rule, re.IGNORECASE | re.DOTALL) for rule in _RULES]
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_TRAILING = re.compile(r"[\s?!.]+$")


@dataclass(frozen=True)
class Asked:
    """The actor and topic (empty when none) a natural question names."""

    actor: str
    topic: str


def strip_question_mark(text: str) -> str:
    """'where does putin stand?' → 'where does putin stand' (a trailing ?, ! or . goes)."""
    return _TRAILING.sub("", text)


def read_natural(text: str) -> Asked | None:
    """The actor and topic of a question phrased in words, or None when no rule fits."""
    for rule in _COMPILED:
        match = rule.fullmatch(text.strip())
        if match is None:
            continue
        actor = _LEADING_THE.sub("", match["actor"]).strip()
        topic = _LEADING_THE.sub("", match["topic"] or "").strip()
        if actor:
            return Asked(actor=actor, topic=topic)
    return None
